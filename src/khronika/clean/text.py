"""Whitespace and control-character normalisation of decoded text.

Every offset the later stages store refers to the text this returns, so it must be a pure
function of its input: the same bytes always give the same text, hence the same id.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that only split words for the tokenizer: zero-width space/joiners,
# word joiner, soft hyphen, a BOM left inside the text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\u00ad\ufeff\x00"), None)
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but newline, Unicode spaces included
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, no NUL or control codes, one space between words, at most one blank line."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


# Bidirectional controls (embeddings, overrides, isolates, marks): in a title they reorder
# what a reviewer sees ("‮gpj.exe" shows as "exe.jpg") and carry no meaning of their own.
_BIDI = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C], None
)
_ANY_SPACE = re.compile(r"\s+")


def single_line(value: str | None) -> str | None:
    """A metadata field shown on one line (title, outlet, URL): no bidi or control
    characters, white space collapsed to single spaces; None when nothing is left."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value.translate(_BIDI).translate(_INVISIBLE))
    value = _ANY_SPACE.sub(" ", _CONTROL.sub(" ", value)).strip()
    return value or None
