"""Main text and metadata of an HTML page: the trafilatura adapter.

trafilatura and htmldate types stay in this module; callers get :class:`Extracted`. When
trafilatura keeps nothing (a page of a few lines is below its size thresholds) the visible
text of the page is used, minus scripts, styles and other non-text elements, so a short
report is not lost as "empty".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import lxml.html
from lxml import etree

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

# Elements and comments that hold no text: their size does not count toward a page's limit.
_TEXTLESS_OPEN = re.compile(r"<(script|style|svg)\b|<!--", re.IGNORECASE)
_TEXTLESS_CLOSE = {
    name: re.compile(closer, re.IGNORECASE)
    for name, closer in (
        ("script", "</script"),
        ("style", "</style"),
        ("svg", "</svg"),
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

    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
    except (ValueError, etree.LxmlError, RecursionError):
        result = None
    meta = result if result is not None else None
    text = (getattr(meta, "text", None) or "").strip()
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
