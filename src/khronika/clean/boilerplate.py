"""Main text and metadata of an HTML page: the trafilatura adapter.

trafilatura and htmldate types stay in this module; callers get :class:`Extracted`.

khronika needs the article, not what surrounds it, so the text comes from trafilatura's
precision mode, which drops headlines repeated as text, teasers, related-link lists,
newsletter boxes and footers. That mode also drops some of the article itself: subheadings,
cited links, now and then a paragraph, and on a few pages nearly everything. So the default
extraction runs too and fills in what precision mode left out *between* two paragraphs it
kept (what lies inside the article is the article; what it cut at the edges stays cut), and
wins outright when precision mode kept under a third of it. On the article-extraction
benchmark this keeps trafilatura's recall and raises precision (``bench/bench_boilerplate.py``).

When trafilatura keeps nothing (a page of a few lines is below its size thresholds) the
visible text of the page is used, minus scripts, styles and other non-text elements, so a
short report is not lost as "empty".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

import lxml.html
from lxml import etree

from khronika.clean.text import normalise_text

# libxml2 stops building the tree at 256 levels: the text below is silently lost.
_PARSER_DEPTH = 256
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})\b[^>]{0,2000}?(/?)>")
# Elements that never nest or close themselves implicitly: not counted in the depth estimate.
_FLAT = {
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr", b"p", b"li", b"dt", b"dd", b"option", b"tr", b"td", b"th",
}  # fmt: skip
_NON_TEXT = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "head", "button", "select", "textarea",
)  # fmt: skip
_BLOCKS = (
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "blockquote", "pre", "dt", "dd", "table", "ul", "ol", "hr",
)  # fmt: skip
# Markup that must never reach the text, even when a page shows it escaped (``&lt;script``):
# the text may later be rendered in the review UI.
_HOSTILE_TEXT = re.compile(
    r"<\s*/?\s*(?:script|style|iframe|object|embed|noscript)\b[^>]{0,500}>?", re.IGNORECASE
)

_PRECISE_SHARE = 1 / 3
_MAX_ALIGN = 4_000_000  # line pairs: ~2,000 lines a side
# Elements and comments that hold no text: their size does not count toward a page's limit.
_TEXTLESS_OPEN = re.compile(r"<(script|style|svg)\b|<!--", re.IGNORECASE)
_TEXTLESS_CLOSE = {
    name: re.compile(closer, re.IGNORECASE)
    for name, closer in (
        ("script", r"</script\b[^>]{0,100}>?"),
        ("style", r"</style\b[^>]{0,100}>?"),
        ("svg", r"</svg\b[^>]{0,100}>?"),
        ("", "-->"),
    )
}


class HostileHTML(ValueError):
    """Markup built to break parsers (nesting far past what libxml2 builds)."""


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    published: date | None = None
    sitename: str | None = None
    url: str | None = None
    method: str = "trafilatura"


def extract_html(html: str) -> Extracted:
    """Main text and metadata; ``text`` is empty when the page shows no text at all."""
    import trafilatura

    def run(*, precise: bool) -> object:
        try:
            return trafilatura.bare_extraction(
                html,
                with_metadata=precise,  # metadata once is enough: it costs a third of the time
                include_comments=False,
                include_tables=True,
                favor_precision=precise,
            )
        except (ValueError, etree.LxmlError, RecursionError):
            return None

    meta = run(precise=True)
    # Normalised first, so that the same paragraph is the same line in both texts.
    full = normalise_text(getattr(run(precise=False), "text", None) or "")
    text = fill_interior(full, normalise_text(getattr(meta, "text", None) or ""))
    method = "trafilatura"
    if not text:
        text = visible_text(html)
        method = "visible-text"
    published = _parse_date(getattr(meta, "date", None))
    if published is None and text:
        published = _htmldate(html)
    return Extracted(
        text=text,
        title=_clean(getattr(meta, "title", None)),
        published=published,
        sitename=_clean(getattr(meta, "sitename", None)),
        url=_clean(getattr(meta, "url", None)),
        method=method,
    )


def fill_interior(full: str, precise: str) -> str:
    """``precise`` with the lines of ``full`` it dropped between two lines it kept.

    Lines are compared whole: both texts come from the same page through the same code, so a
    paragraph both kept is the same string. ``full`` wins when ``precise`` kept under a third
    of it (precision mode then chose the wrong part of the page, or almost nothing).
    """
    if len(precise) < _PRECISE_SHARE * len(full):
        return full
    kept, every = precise.split("\n"), full.split("\n")
    if len(kept) * len(every) > _MAX_ALIGN:  # alignment is quadratic: huge pages keep precise
        return precise
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(None, kept, every, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "insert":
            lines += kept[i1:i2]
        if tag in ("insert", "replace") and 0 < i1 and i2 < len(kept):
            lines += every[j1:j2]
    return "\n".join(lines)


def visible_text(html: str) -> str:
    """Text a browser would show, without scripts, styles, forms or the head."""
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"))
    except (ValueError, etree.LxmlError):
        return ""
    for element in list(tree.iter(*_NON_TEXT)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        # Block boundaries become line breaks, so "<p>a</p><p>b</p>" does not read "ab".
        element.tail = "\n" + (element.tail or "")
    lines = "".join(tree.itertext()).splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def markup_size(html: str) -> int:
    """Characters of ``html`` outside scripts, styles, SVG and comments.

    One pass with ``str``-level searches: a lazy regex over "open … close" would rescan to the
    end for every unclosed ``<script`` and go quadratic on a page built of them. An element
    left open hides the rest of the page, as it does in a browser.
    """
    hidden = position = 0
    while (opening := _TEXTLESS_OPEN.search(html, position)) is not None:
        closing = _TEXTLESS_CLOSE[(opening.group(1) or "").lower()].search(html, opening.end())
        end = len(html) if closing is None else closing.end()
        hidden += end - opening.start()
        position = end
    return len(html) - hidden


def scrub_markup(text: str) -> str:
    """Remove script/style tags that survive as text, until none is left."""
    while True:
        cleaned = _HOSTILE_TEXT.sub(" ", text)
        if cleaned == text:
            return cleaned
        text = cleaned


def nesting_depth(html: bytes) -> int:
    """A cheap estimate of how deep the elements nest, by counting tags."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in _FLAT or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def check_depth(html: bytes) -> None:
    depth = nesting_depth(html)
    if depth > _PARSER_DEPTH:
        raise HostileHTML(
            f"elements nest about {depth} deep; HTML parsers drop everything past {_PARSER_DEPTH}"
        )


def _htmldate(html: str) -> date | None:
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=False, original_date=True)
    except (ValueError, etree.LxmlError):
        return None
    return _parse_date(found)


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
