"""Where an English sentence names its sources: "according to X", "citing X", "X said",
", reports local outlet X", "X, a lawyer who …, said", as token ranges in order of priority."""

from __future__ import annotations

from khronika.extract.credit_phrases import inside_quotes, np_end
from khronika.extract.credit_words import (
    EN_DETERMINERS,
    EN_OPENERS,
    EN_OWN,
    EN_SPEECH,
    EN_SUBORDINATORS,
    STOP,
)
from khronika.model import Token

_EN_AUDIENCE = frozenset("reporters journalists media press us me".split())
_EN_AUX = frozenset("have has had did does do also later".split())

# "Administrative reports were drawn up", "The ministry called reports … untrue": the plural
# noun, its own verb after it or a verb of the sentence before it
_EN_AFTER_NOUN = frozenset("were are have had".split())


def _en_noun_report(toks: tuple[Token, ...], i: int) -> bool:
    word = toks[i].text.lower()
    if word not in ("reports", "claims", "statements"):
        return False
    after = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
    before = toks[i - 1].text.lower() if i > 0 else ""
    return (
        after in _EN_AFTER_NOUN
        or after in _EN_NOUN_OBJECT
        or (before.endswith("ed") and before.isalpha())
    )


# "reports under Article 18.8", "claims against the company": a noun with its object
_EN_NOUN_OBJECT = frozenset("under against of about from".split())


def en_credits(
    toks: tuple[Token, ...],
    lemmas: list[str],
    found: list[tuple[int, int]],
    cited: list[tuple[int, int]],
) -> None:
    n = len(toks)
    quoted = inside_quotes(toks)
    for i, lem in enumerate(lemmas):
        if quoted[i] or any(a <= i < b for a, b in found + cited):
            continue  # '"She told me that …," he said': the quote's own speech is not a credit
        if toks[i].text.lower() == "according" and i + 1 < n and lemmas[i + 1] == "to":
            _en_according(toks, lemmas, i + 2, found)
        elif lem in ("cite", "citing"):
            rng = _en_cited(toks, lemmas, i)
            if rng:
                cited.append(rng)
        elif lem in EN_SPEECH and _en_verb_form(toks, i):
            _en_speech(toks, lemmas, i, found)


# "quoted by the channel Astra": the worker speaks and the channel reports;
# "data obtained by Verstka": the outlet is the source, the data its material
_EN_RELAYED = frozenset("quoted cited interviewed".split())
_EN_OBTAINED = frozenset("obtained seen published reviewed".split())
_EN_NEGATION = frozenset("not never n't".split())


def _en_according(
    toks: tuple[Token, ...], lemmas: list[str], start: int, found: list[tuple[int, int]]
) -> None:
    """ "according to X", "according to X's source in the police", "according to a worker
    quoted by Astra" (both, nearest first), "according to data obtained by Verstka"."""
    end = np_end(toks, start)
    if end <= start:
        return
    n = len(toks)
    if end + 1 < n and toks[end].text.lower() in ("in", "at", "within") and lemmas[end - 1] in (
        "source", "sources", "official", "officials"
    ):
        end = np_end(toks, end + 1)  # "Fontanka's source in the city police department"
    by = next(
        (
            k
            for k in range(start + 1, end - 1)
            if toks[k].text.lower() == "by"
            and toks[k - 1].text.lower() in _EN_RELAYED | _EN_OBTAINED
        ),
        None,
    )
    if by is None:
        found.append((start, end))
        return
    if toks[by - 1].text.lower() in _EN_RELAYED:
        found.append((start, by - 1))
    stop = next(
        (k for k in range(by + 1, end - 1)
         if toks[k].text.lower() in ("and", "or") and toks[k + 1].text.lower().endswith("ed")),
        end,
    )  # "obtained by Verstka and published this month"
    found.append((by + 1, stop))


def _en_verb_form(toks: tuple[Token, ...], i: int) -> bool:
    """Whether a speech word is a finite verb: not "saying" (what actors say while acting),
    not a capitalised name ("Omsk State University"), not the noun "state", not negated
    ("never reported")."""
    text = toks[i].text
    low = text.lower()
    if low.endswith("ing") or low == "state" or (i > 0 and text[:1].isupper()):
        return False
    return not any(t.text.lower() in _EN_NEGATION for t in toks[max(0, i - 2) : i])


def _en_cited(toks: tuple[Token, ...], lemmas: list[str], i: int) -> tuple[int, int] | None:
    n = len(toks)
    end = np_end(toks, i + 1)
    if (
        end > i + 1
        and end + 1 < n
        and toks[end].text.lower() in ("in", "at", "within")
        and lemmas[end - 1] in ("source", "official", "person", "people")
    ):
        end = np_end(toks, end + 1)  # "sources in the ministry"
    return (i + 1, end) if end > i + 1 else None


def _en_speech(
    toks: tuple[Token, ...], lemmas: list[str], i: int, found: list[tuple[int, int]]
) -> None:
    n = len(toks)
    if i > 0 and lemmas[i - 1] == "to":
        return  # "summonses to report to the enlistment office": an infinitive
    if i > 0 and lemmas[i - 1] in ("be", "was", "were", "is", "are", "been"):
        if i + 2 < n and toks[i + 1].text.lower() == "by":
            end = np_end(toks, i + 2)  # "This was reported by Fontanka"
            if end > i + 2:
                found.append((i + 2, end))
        return  # passive "were reported": a hedge, not a credit
    if i > 0 and lemmas[i - 1] in EN_DETERMINERS:
        return  # "denied the report": a noun
    if _en_noun_report(toks, i):
        return
    prev = toks[i - 1].text if i > 0 else ""
    after = toks[i + 1].text if i + 1 < n else ""
    if (
        prev in (",", "—", "”", "»", '"')
        and after[:1].isalpha()
        # '…," said Firuz', ', said a representative of …'; not ', said on Monday'
        and (lemmas[i] != "say" or after[:1].isupper() or after.lower() in ("a", "an", "the"))
        and after.lower() not in ("that", "it", "on", "in")
        and after.lower() not in _EN_OBJECTS
    ):
        end = np_end(toks, i + 1)  # inverted: ", reports local outlet Fontanka"
        if end > i + 1:
            found.append((i + 1, end))
        return
    if _en_reported_clause(toks, lemmas, i) or not _en_declares(toks, lemmas, i):
        return
    start = _en_subject_start(toks, i)
    if start is None:
        return
    while start < i and toks[start].text.lower() in EN_SUBORDINATORS:
        start += 1  # "When he said …", "As we reported": the speaker follows
    stop = i
    while stop > start and toks[stop - 1].text.lower() in _EN_AUX:
        stop -= 1
    if start == stop and prev == ",":
        rng = _en_apposed(toks, i - 1)
        if rng:
            found.append(rng)
        return
    if (
        start >= stop
        or any(t.lemma in ("that", "which", "who") for t in toks[start:stop])
        or _counts_in(toks, start, stop)
    ):
        return
    if lemmas[i] in ("tell", "told") and any(
        lemmas[k] in _EN_ENFORCERS for k in range(start, stop)
    ):
        return  # "officers told the foreigners they would be deported": the event, not a credit
    found.append((start, stop))
    if lemmas[i] in ("tell", "told") and i + 1 < n:
        end = np_end(toks, i + 1)
        addressee = toks[i + 1].text.lower()
        named = any(t.text[:1].isupper() for t in toks[i + 1 : end])
        if (
            end > i + 1
            and named  # "told Fontanka", "told RFE/RL"; not "told the judge"
            and addressee not in EN_OWN
            and addressee not in _EN_AUDIENCE
        ):
            found.append((i + 1, end))


_EN_OBJECTS = frozenset("him her them me us you".split())
_EN_SUBJECT_MAX = 14
_EN_ABBREVIATED = frozenset("st dr mr mrs ms jr sr gen col lt".split())


def _en_subject_start(toks: tuple[Token, ...], i: int) -> int | None:
    """Where the speaker before the verb at ``i`` begins: after the last stop (not the
    period of "St."), after "what" ("what workers say") or "… ago"; None when no stop is
    near enough to tell where it begins."""
    start = i
    while start > 0 and i - start < _EN_SUBJECT_MAX:
        before = toks[start - 1].text
        if before == "." and start > 1 and toks[start - 2].text.lower() in _EN_ABBREVIATED:
            start -= 2  # "the St. Petersburg courts"
            continue
        if before in STOP:
            break
        start -= 1
    if start > 0 and toks[start - 1].text not in STOP:
        return None  # a long clause, not a speaker's name
    for k in range(i - 1, start - 1, -1):
        if toks[k].text.lower() in ("what", "ago"):
            return k + 1  # "detained what workers say were 200", "A year ago the chairman said"
    return start


# verbs that take a plain object when they are not speech: "declared its mobilization"
_EN_OBJECT_VERBS = frozenset("declare announce".split())


def _en_declares(toks: tuple[Token, ...], lemmas: list[str], i: int) -> bool:
    if lemmas[i] not in _EN_OBJECT_VERBS:
        return True
    after = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
    return after in ("that", ",", '"', "“", "about", ":")


def _en_reported_clause(toks: tuple[Token, ...], lemmas: list[str], i: int) -> bool:
    """A speech verb inside what an earlier one reports: "Relatives said that in January two
    men visited the centre and told inmates …" (a ";" or "but" starts a clause of its own)."""
    opened = False
    quoted = inside_quotes(toks)
    for k in range(i):
        if quoted[k]:
            continue  # '"She told me that …," Umarov said': the quotation's own speech
        low = toks[k].text.lower()
        if low in (";", "but"):
            opened = False
        elif low == "that" and any(lemmas[m] in EN_SPEECH for m in range(max(0, k - 3), k)):
            opened = True
    return opened


def _en_apposed(toks: tuple[Token, ...], comma: int) -> tuple[int, int] | None:
    """ "Valentina Chupik, a lawyer who defends migrants, said", "the activist, Bakyt Osmonov,
    said", "One of them, a migrant named Teymur Abdullayev, wrote", "Jasur, 34, who …, says":
    the speaker among the comma-separated pieces before the verb."""
    pieces, whole = _en_pieces(toks, comma)
    if not pieces:
        return None
    last = pieces[-1]
    if _proper_run(toks, *last) and last[1] - last[0] <= 4:
        return last  # the name given last, right before the verb
    if not whole:
        return None  # a long clause before the commas, not a speaker's name
    for a, b in pieces:
        if _proper_run(toks, a, b):
            return a, b
    for a, b in pieces:
        named = next((k for k in range(a, b - 1) if toks[k].text.lower() == "named"), None)
        if named is not None and _proper_run(toks, named + 1, b):
            return named + 1, b
    return _en_apposed_first(toks, comma)


def _en_pieces(toks: tuple[Token, ...], comma: int) -> tuple[list[tuple[int, int]], bool]:
    """The comma-separated pieces before ``comma``, back to a stop, in reading order, and
    whether they reach back to it."""
    pieces: list[tuple[int, int]] = []
    end = comma
    k = comma - 1
    while k >= 0 and comma - k < 40:
        if toks[k].text == ",":
            if k + 1 < end:
                pieces.append((k + 1, end))
            end = k
        elif toks[k].text in STOP:
            break
        k -= 1
    whole = k < 0 or toks[k].text in STOP
    if whole and k + 1 < end:
        pieces.append((k + 1, end))
    return pieces[::-1], whole


def _proper_run(toks: tuple[Token, ...], a: int, b: int) -> bool:
    """Every word capitalised: "Bakyt Osmonov", "Timur", "Volga Wire"."""
    words = [t for t in toks[a:b] if t.text not in (".", "'", "’")]
    return bool(words) and all(
        t.text[:1].isupper() and t.text.lower() not in EN_OPENERS for t in words
    )


def _en_apposed_first(toks: tuple[Token, ...], comma: int) -> tuple[int, int] | None:
    """ "Valentina Chupik, a lawyer who defends migrants, said": the name before the aside."""
    opening = next(
        (k for k in range(comma - 1, max(-1, comma - 25), -1) if toks[k].text == ","), None
    )
    if opening is None or opening == 0:
        return None
    start = opening
    while start > 0 and toks[start - 1].text not in STOP and opening - start < 12:
        start -= 1
    if start > 0 and toks[start - 1].text not in STOP:
        return None  # a long clause before the comma, not a speaker's name
    named = toks[start:opening]
    if (
        not any(t.text[:1].isupper() for t in named)
        or named[0].text.lower() in _EN_QUANTIFIERS
        or _counts_in(toks, start, opening)
    ):
        return None  # "One of them, a migrant named …, wrote": the name is in the aside
    return start, opening


def _counts_in(toks: tuple[Token, ...], start: int, stop: int) -> bool:
    """A figure inside what reads as a speaker ("four came away with summonses") marks a
    clause of the story, not its source; "two of the men" still names people."""
    for k in range(start + 1, stop):
        low = toks[k].text.lower()
        before = toks[k - 1].text
        if (low[:1].isdigit() or low in _EN_NUMBER_WORDS) and not (
            before.lower() == "of" or before[:1].isupper()  # "relatives of three", "Yamal 1"
        ):
            return True
    return False


_EN_ENFORCERS = frozenset("officer officers police policeman recruiter recruiters guard".split())
_EN_QUANTIFIERS = frozenset("one some many several most all each both".split())
_EN_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundreds".split()
)
