"""Bytes → text, with the decision recorded.

Order: byte-order mark, then a charset the document declares (``<meta charset>``, XML
declaration), then detection with charset-normalizer. Two guards make that order safe on real
pages, where declarations lie and short inputs fool statistical detectors:

- a declared single-byte charset is overruled when the bytes are valid UTF-8 with multi-byte
  sequences (every UTF-8 byte string also "decodes" as windows-1251 or KOI8-R, into mojibake);
- the detector's choice is cross-checked against the Cyrillic code pages by how plausible the
  decoded words look (one script per word, natural letter case), because a Russian sentence
  of a few words in KOI8-R is otherwise read as Big5 or Latin-1.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_CYRILLIC_PAGES = ("cp1251", "koi8-r", "cp866")
_WORD = re.compile(r"[^\W\d_]+")
# Control codes (category Cc) that text does not carry, and the replacement character; one
# regex, because a per-character Unicode lookup cost a fifth of cleaning a page.
_UNTEXT = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# Above this share of control characters (or U+FFFD) the bytes are not text in any encoding.
_BINARY_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # codec name, with a note when the choice overruled something


class NotText(ValueError):
    """The bytes do not decode to plausible text; callers turn this into an InputError."""


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in its first bytes, normalised to a Python codec name."""
    match = _DECLARED.search(head)
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode ``data``; raise :class:`NotText` when the result would be binary junk."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise NotText(f"byte-order mark says {codec} but {exc.reason}") from exc
            return _checked(Decoded(text, codec))
    if declared is None:
        declared = declared_charset(data[:4096])
    utf8 = _try(data, "utf-8")
    if declared is not None:
        as_declared = _try(data, declared)
        if as_declared is not None:
            if declared != "utf-8" and utf8 is not None and not utf8.isascii():
                return _checked(Decoded(utf8, f"utf-8 (declared {declared} overruled)"))
            return _checked(Decoded(as_declared, declared))
    if utf8 is not None:
        note = f" (declared {declared} invalid)" if declared else ""
        return _checked(Decoded(utf8, "utf-8" + note))
    return _checked(_detect(data, declared))


def _detect(data: bytes, declared: str | None) -> Decoded:
    note = f" (declared {declared} invalid)" if declared else ""
    sample = data[: 1 << 20]  # detection on the first MiB; the codec then decodes it all
    best = charset_normalizer.from_bytes(sample).best()
    candidates: list[tuple[float, int, str]] = []
    if best is not None:
        codec = codecs.lookup(best.encoding).name
        text = _try(sample, codec, lenient=True)
        if text is not None:
            # The detector's choice wins ties: it looks at more than word shapes.
            candidates.append((_plausibility(text) + 0.05, 1, codec))
    for codec in _CYRILLIC_PAGES:
        text = _try(sample, codec, lenient=True)
        if text is not None:
            candidates.append((_plausibility(text), 0, codec))
    if not candidates:
        raise NotText("bytes match no known text encoding")
    _, _, codec = max(candidates)
    text = data.decode(codec, errors="replace")
    lossy = text.count("\ufffd")
    if lossy:
        note += f" (lossy: {lossy} undecodable bytes replaced)"
    return Decoded(text, codec + note)


def _try(data: bytes, codec: str, *, lenient: bool = False) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        # A file cut mid-character still counts as valid in the detector's sample.
        if lenient:
            try:
                return data[:-4].decode(codec)
            except UnicodeDecodeError:
                return None
        return None
    except LookupError:
        return None


def _plausibility(text: str) -> float:
    """Share of non-space characters that sit in natural-looking words.

    A word is natural when it uses one script and is lower case, Capitalised or all capitals:
    text decoded with the wrong code page mixes scripts (``cafй``) and cases (``оПХБЕР``).
    """
    visible = sum(1 for ch in text if not ch.isspace())
    if visible == 0:
        return 0.0
    good = 0
    for word in _WORD.findall(text):
        scripts = {_script(ch) for ch in word}
        if len(scripts) != 1 or "other" in scripts:
            continue
        if word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()):
            good += len(word)
    return good / visible


def _script(ch: str) -> str:
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return "other"


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if text:
        sample = text[:65536]
        bad = len(_UNTEXT.findall(sample))
        # NUL bytes alone are tolerated (they are stripped later); as a large share they mean
        # binary data, or UTF-16 without a byte-order mark that detection did not catch.
        nul = sample.count("\x00")
        if (bad + nul) / len(sample) > _BINARY_SHARE and (bad > 0 or nul / len(sample) > 0.3):
            raise NotText(f"bytes look binary, not text ({decoded.encoding} gives control codes)")
    return decoded
