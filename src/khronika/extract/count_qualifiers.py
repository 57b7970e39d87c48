"""Hedges around a count's number: the words before it ("не менее", "at least"), after it
("с лишним", "or more", «, если не больше») and the words that open a range ("от … до",
"between … and"), indexed by their first word."""

from __future__ import annotations

from khronika.model import Lang, Qualifier

_QUALIFIERS: dict[Lang, dict[Qualifier, tuple[str, ...]]] = {
    "ru": {
        "at_least": ("не менее", "не меньше", "не менее чем", "по меньшей мере",
                     "по крайней мере", "как минимум", "минимум"),
        "more_than": ("более", "больше", "свыше", "более чем", "больше чем", "чуть более",
                      "чуть больше", "немногим более", "немногим больше", "еще более"),
        "about": ("около", "почти", "порядка", "примерно", "приблизительно", "ориентировочно",
                  "почти что", "где-то", "чуть менее", "чуть меньше", "без малого"),
        "up_to": ("до", "вплоть до", "не более", "не больше", "не более чем", "максимум"),
        "less_than": ("менее", "меньше", "менее чем", "меньше чем"),
    },
    "en": {
        "at_least": ("at least", "no fewer than", "no less than", "not less than",
                     "not fewer than", "a minimum of"),
        "more_than": ("more than", "over", "upwards of", "in excess of", "just over",
                      "slightly more than", "well over", "well above", "a little over"),
        "about": ("about", "around", "some", "nearly", "almost", "approximately", "roughly",
                  "an estimated", "estimated", "close to", "just under", "approx", "circa"),
        "up_to": ("up to", "as many as", "at most", "no more than", "not more than",
                  "a maximum of"),
        "less_than": ("fewer than", "less than", "under"),
    },
}
RANGE_OPEN: dict[Lang, dict[str, str]] = {
    "ru": {"от": "до"},
    "en": {"from": "to", "between": "and"},
}
POSTFIX: dict[Lang, dict[tuple[str, ...], Qualifier]] = {
    "ru": {("с", "лишним"): "more_than", ("с", "небольшим"): "more_than",
           ("и", "более"): "at_least", ("и", "больше"): "at_least",
           ("или", "более"): "at_least", (",", "не", "меньше"): "at_least",
           (",", "не", "менее"): "at_least", (",", "если", "не", "больше"): "at_least"},
    "en": {("or", "more"): "at_least", ("and", "more"): "at_least",
           (",", "at", "least"): "at_least", (",", "if", "not", "more"): "at_least"},
}
DASHES = frozenset("-–—")


def _qualifier_index(lang: Lang) -> dict[str, list[tuple[tuple[str, ...], Qualifier]]]:
    """Hedges by their first word, longest first ("не менее" before "не")."""
    pairs = [(tuple(p.split()), q) for q, ps in _QUALIFIERS[lang].items() for p in ps]
    index: dict[str, list[tuple[tuple[str, ...], Qualifier]]] = {}
    for words, q in sorted(pairs, key=lambda pq: -len(pq[0])):
        index.setdefault(words[0], []).append((words, q))
    return index


QUALIFIER_INDEX: dict[Lang, dict[str, list[tuple[tuple[str, ...], Qualifier]]]] = {
    "ru": _qualifier_index("ru"),
    "en": _qualifier_index("en"),
}
