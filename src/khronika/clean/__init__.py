"""Cleaning: a :class:`RawDocument` becomes a :class:`Document`, or an ``InputError``.

Steps: decode bytes (:mod:`.decode`), extract the main text of HTML (:mod:`.boilerplate`),
normalise whitespace (:mod:`.text`), detect the language (:mod:`.language`), assign an id.
Metadata the record itself carries (a corpus line's title, date, outlet) wins over what is
read from the page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from khronika.clean.boilerplate import (
    Extracted,
    HostileHTML,
    check_depth,
    extract_html,
    markup_size,
    scrub_markup,
)
from khronika.clean.decode import Decoded, NotText, decode_bytes
from khronika.clean.language import UnknownLanguage, detect_language
from khronika.clean.text import normalise_text, single_line
from khronika.errors import (
    EmptyInput,
    EncodingError,
    HostileMarkup,
    InputError,
    NotHTML,
    TooLarge,
    UnsupportedLanguage,
)
from khronika.model import Document, RawDocument

__all__ = [
    "MAX_MARKUP",
    "MAX_TEXT",
    "CleanText",
    "clean_document",
    "clean_text",
    "document_id",
    "normalise_text",
]

# Extraction holds about 40 bytes per character of text (natasha tokens, morphology): a text
# of 500,000 characters (a long book chapter; news reports stay under 50,000) peaks near
# 1.2 GiB and takes ~20 s, so longer ones are refused rather than left to exhaust memory.
MAX_TEXT = 500_000
# Markup that can hold text (scripts, styles and comments not counted): trafilatura spends
# ~9 s and ~70 MiB a MiB of it. Real pages carry well under 1 MiB.
MAX_MARKUP = 4 * 2**20


def clean_document(raw: RawDocument) -> Document:
    """Decode, extract, normalise and identify one document.

    Raises an :class:`~khronika.errors.InputError` subclass naming ``raw.source`` and
    ``raw.record``: ``EncodingError``/``NotHTML`` for bytes that are not text,
    ``HostileMarkup`` for markup built to break parsers, ``EmptyInput`` when no text is left,
    ``TooLarge`` past :data:`MAX_MARKUP` or :data:`MAX_TEXT`, ``UnsupportedLanguage`` for
    anything but Russian or English.
    """
    cleaned = clean_text(raw)
    text, extracted = cleaned.text, cleaned.extracted
    try:
        language = detect_language(text, hint=raw.language)
    except UnknownLanguage as exc:
        raise _error(UnsupportedLanguage, f"{exc} (khronika reads ru and en)", raw) from exc
    return Document(
        id=raw.id or document_id(text),
        text=text,
        language=language,
        source=raw.source,
        record=raw.record,
        url=single_line(raw.url or (extracted.url if extracted else None)),
        outlet=single_line(raw.outlet or (extracted.sitename if extracted else None)),
        title=single_line(raw.title or (extracted.title if extracted else None)),
        published=raw.published or (extracted.published if extracted else None),
        encoding=cleaned.encoding if isinstance(raw.body, bytes) else None,
    )


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    encoding: str
    extracted: Extracted | None  # what the HTML adapter read, for HTML documents


def clean_text(raw: RawDocument) -> CleanText:
    """The text :func:`clean_document` keeps, before its language is decided.

    Raises as :func:`clean_document` does, except for ``UnsupportedLanguage``; the
    boilerplate benchmark measures extraction on pages of every language through it.
    """
    decoded = _decode(raw)
    extracted: Extracted | None = None
    if raw.kind == "html":
        size = markup_size(decoded.text)
        if size > MAX_MARKUP:
            raise _error(
                TooLarge,
                f"{size:,} characters of markup besides scripts and styles, over the limit "
                f"of {MAX_MARKUP:,} for one page",
                raw,
            )
        try:
            extracted = extract_html(decoded.text)
        except RecursionError as exc:  # lxml/trafilatura on pathological trees
            raise _error(HostileMarkup, "markup too deeply nested to parse", raw) from exc
        text = _normalised_html_text(extracted.text)
        if not text:
            try:
                check_depth(decoded.text.encode("utf-8", "surrogatepass"))
            except HostileHTML as exc:
                raise _error(HostileMarkup, str(exc), raw) from exc
    else:
        text = normalise_text(decoded.text)
    if not text:
        what = "HTML page shows no text" if raw.kind == "html" else "no text after cleaning"
        raise _error(EmptyInput, what, raw)
    if len(text) > MAX_TEXT:
        raise _error(
            TooLarge, f"{len(text):,} characters of text, over the limit of {MAX_TEXT:,}", raw
        )
    return CleanText(text, decoded.encoding, extracted)


def document_id(text: str) -> str:
    """Stable id of a document without one: a digest of its normalised text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _error(kind: type[InputError], message: str, raw: RawDocument) -> InputError:
    return kind(message, path=raw.source, record=raw.record, stage="clean")


def _decode(raw: RawDocument) -> Decoded:
    if isinstance(raw.body, str):
        return Decoded(raw.body, "str")
    if not raw.body.strip():
        raise _error(EmptyInput, "only whitespace" if raw.body else "empty input", raw)
    try:
        return decode_bytes(raw.body)
    except NotText as exc:
        kind: type[InputError] = NotHTML if raw.kind == "html" else EncodingError
        raise _error(kind, str(exc), raw) from exc


def _normalised_html_text(text: str) -> str:
    # Scrubbing can join pieces into new whitespace or invisible-character runs, and
    # normalising can join pieces into a new tag ("<\u200bscript"): repeat until both hold.
    for _ in range(5):
        cleaned = normalise_text(scrub_markup(text))
        if cleaned == text:
            break
        text = cleaned
    return text
