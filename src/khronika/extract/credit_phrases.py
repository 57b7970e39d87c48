"""Where a credited noun phrase ends, and which tokens stand inside quotation marks."""

from __future__ import annotations

from khronika.extract.credit_words import CLOSE_QUOTES, OPEN_QUOTES, STOP
from khronika.model import Token


def np_end(toks: tuple[Token, ...], start: int) -> int:
    """End of a noun phrase: the next punctuation, "со ссылкой", "что", or 12 tokens."""
    k = start
    quoted = start < len(toks) and toks[start].text in ("«", '"', "“")
    while k < len(toks) and k - start < 14:
        text = toks[k].text
        low = text.lower()
        if quoted and k > start and text in ("»", '"', "”"):
            return k + 1
        if not quoted and k > start and text in OPEN_QUOTES:
            close = next(
                (m for m in range(k + 1, min(len(toks), k + 10)) if toks[m].text in CLOSE_QUOTES),
                None,
            )
            if close is not None:
                return close + 1
        if not quoted and (text in STOP or low in ("что", "со", "citing", "that", "on", "in")):
            break
        k += 1
    return k


def inside_quotes(toks: tuple[Token, ...]) -> list[bool]:
    """Which tokens stand inside quotation marks (straight quotes alternate)."""
    out: list[bool] = []
    # a closing mark before any opening one ends a quotation begun in an earlier sentence
    curly = [t.text for t in toks if t.text in OPEN_QUOTES or t.text in CLOSE_QUOTES]
    depth = 1 if curly and curly[0] in CLOSE_QUOTES else 0
    # an odd number of straight quotes in a sentence that does not open with one: the first
    # closes a quotation begun in an earlier sentence ('…expulsion," the press service said')
    straight_marks = sum(t.text == '"' for t in toks)
    straight = straight_marks % 2 == 1 and bool(toks) and toks[0].text != '"'
    for t in toks:
        if t.text in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight = not straight
        out.append(depth > 0 or (straight and t.text != '"'))
        if t.text in OPEN_QUOTES:
            depth += 1
    return out
