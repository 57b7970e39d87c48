"""razdel's tokenisation, memoised by whitespace-separated chunk.

razdel (natasha's tokeniser) decides every split between two atoms in Python, ~1.5 ms for a
1 KB text, the largest cost of a document after the taggers. It never joins across
whitespace, so a text's tokens are its chunks' tokens, and news repeats its chunks
("в", "Москве,", "2024", "г."). One subtlety: a rule whose pivot is a dash, underscore, dot,
comma or slash at the edge of a chunk looks one atom beyond it, across the space ("5 .5"
keeps ".5" whole, ".5" alone does not). Such a chunk is keyed with the kind of its
neighbour's nearest atom, which is all those rules read. The tokens equal razdel's
(tests/test_nlp_tokens.py checks both on the corpus and on generated texts).
"""

from __future__ import annotations

import re

from razdel import tokenize as razdel_tokenize
from razdel.segmenters.punct import DASHES
from razdel.segmenters.tokenize import ATOM

_CHUNK = re.compile(r"\S+")
# razdel's Rule2112 pivots: a chunk starting or ending with one reads the atom beyond it
_EDGE = frozenset(DASHES + "_.,/\\")
# a stand-in atom of each kind, to tokenise an edge chunk in the context its rules see
_STAND_IN = {"RU": "я", "LAT": "z", "INT": "0", "PUNCT": "!", "OTHER": "§"}
_CACHE_LIMIT = 200_000

Span = tuple[int, int]


def _kind(char: str) -> str:
    match = ATOM.match(char)
    return match.lastgroup if match and match.lastgroup else "OTHER"


def _check_stand_ins() -> None:
    for kind, char in _STAND_IN.items():
        if _kind(char) != kind:  # pragma: no cover - only if razdel's atom classes change
            raise AssertionError(f"stand-in {char!r} is not a {kind} atom for razdel")


_check_stand_ins()


class Tokenizer:
    """Token spans of a text, as ``razdel.tokenize`` gives them."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, str], tuple[Span, ...]] = {}

    def spans(self, text: str) -> list[Span]:
        chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(text)]
        out: list[Span] = []
        cache = self._cache
        for k, (start, stop) in enumerate(chunks):
            chunk = text[start:stop]
            before = after = ""
            if chunk[0] in _EDGE and k > 0:
                before = _kind(text[chunks[k - 1][1] - 1])
            if chunk[-1] in _EDGE and k + 1 < len(chunks):
                after = _kind(text[chunks[k + 1][0]])
            key = (before, chunk, after)
            local = cache.get(key)
            if local is None:
                local = _tokenize_chunk(chunk, before, after)
                if len(cache) < _CACHE_LIMIT:
                    cache[key] = local
            out.extend((start + a, start + b) for a, b in local)
        return out


def _tokenize_chunk(chunk: str, before: str, after: str) -> tuple[Span, ...]:
    prefix = _STAND_IN[before] + " " if before else ""
    text = prefix + chunk + (" " + _STAND_IN[after] if after else "")
    shift = len(prefix)
    return tuple(
        (t.start - shift, t.stop - shift)
        for t in razdel_tokenize(text)
        if shift <= t.start and t.stop <= shift + len(chunk)
    )
