"""Which language a text is in: ``ru`` or ``en``, anything else is refused.

py3langid (a naive-Bayes model over byte n-grams, ~0.1 ms a document) decides. Two fast paths
come first because that model is weakest exactly where news is short: a Cyrillic text with
``ы``/``э`` and none of the letters only other Cyrillic alphabets use (Ukrainian ``і ї є ґ``,
Belarusian ``ў``, Serbian ``ј љ њ``, Kazakh ``ә қ ң`` …) is Russian, and py3langid is
asked only about the rest. ``Полиция задержала мигрантов в Москве``, for one, comes out as
Bulgarian from the model alone.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol, cast

from khronika.model import Lang

_SAMPLE = 4000  # characters: enough for a stable decision, bounded time on a 200 MB text
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NOT_RUSSIAN = re.compile(r"[іїєґўјљњћџѓќѕәғқңөұүһӏ]", re.IGNORECASE)
_ONLY_RUSSIAN = re.compile(r"[ыэ]", re.IGNORECASE)
_HARD_SIGN = re.compile(r"ъ", re.IGNORECASE)
_SHORT = 60  # letters; below this the model's second guess is allowed to win


class _Identifier(Protocol):
    def rank(self, text: str) -> list[tuple[str, float]]: ...


class UnknownLanguage(ValueError):
    """Not Russian or English; ``code`` is the best guess (ISO 639-1) or ``"und"``."""

    def __init__(self, code: str, why: str) -> None:
        super().__init__(why)
        self.code = code


@cache
def _identifier() -> _Identifier:
    # Loaded once per process (≈0.3 s): a pure function of the package's bundled model, so the
    # cache cannot make results depend on what ran before.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return cast(_Identifier, LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


def detect_language(text: str, *, hint: str | None = None) -> Lang:
    """``ru`` or ``en``; raise :class:`UnknownLanguage` otherwise.

    ``hint`` is what the source declares (a corpus record's ``language``); it breaks ties on
    texts too short for the model, never overrules a clear decision.
    """
    sample = text[:_SAMPLE]
    letters = _LETTER.findall(sample)
    if not letters:
        raise UnknownLanguage("und", "no letters to tell the language from")
    cyrillic = sum(1 for ch in letters if _CYRILLIC.match(ch))
    foreign = len(_NOT_RUSSIAN.findall(sample))
    if cyrillic / len(letters) >= 0.5:
        if foreign / cyrillic < 0.005:
            if _ONLY_RUSSIAN.search(sample):
                return "ru"
            ranked = _identifier().rank(sample)
            # Of the alphabets without extra letters only Bulgarian is left, and it cannot be
            # written without ``ъ``: the model's "bg" on a text lacking it is its known
            # confusion on short Russian.
            if ranked[0][0] == "ru" or (
                ranked[0][0] in ("bg", "mk") and len(_HARD_SIGN.findall(sample)) / cyrillic < 0.005
            ):
                return "ru"
    ranked = _identifier().rank(sample)
    top, _ = ranked[0]
    if top in ("ru", "en"):
        return cast(Lang, top)
    # Too short to trust the model: accept ru/en when the hint or the model's own runner-up
    # among our two languages agrees with the script the text is written in.
    if len(letters) < _SHORT and not foreign:
        script: Lang = "ru" if cyrillic * 2 >= len(letters) else "en"
        if hint == script or (hint is None and _runner_up(ranked) == script):
            return script
    raise UnknownLanguage(top, f"language looks like {top!r}, not Russian or English")


def _runner_up(ranked: list[tuple[str, float]]) -> str | None:
    for code, _ in ranked[:5]:
        if code in ("ru", "en"):
            return code
    return None
