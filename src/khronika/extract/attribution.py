"""Who the text credits for a sentence, and how sure it says it is.

``find_credit`` reads the source chain a sentence names ("reports local outlet Fontanka",
"сообщила «Фонтанка» со ссылкой на источники", "according to Novaya Gazeta Europe", "a lawyer
told The Moscow Times"), nearest source first. A credit made only of a back-reference ("the
channel said", "по его словам", "по данным издания") is marked ``generic`` so the caller can
carry the story's last named source. ``find_cues`` reads hedges, non-confirmation and denials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khronika.extract.nominative import nominative
from khronika.model import Lang, Sentence, Span, Token

COMPONENT = "khronika.attribution.v1"

_RU_SPEECH = frozenset(
    """сообщить сообщать рассказать рассказывать заявить заявлять написать писать передать
    передавать утверждать подтвердить подтверждать отметить пояснить добавить указать сказать
    говорить уточнить сообщаться прислать отчитаться отчитываться""".split()
)
_EN_SPEECH = frozenset(
    """say report tell write add state announce claim confirm allege told said note boast
    declare inform specify stress""".split()
)
# "по данным X", "по словам X", "по сообщениям X", "по его подсчётам"
_RU_BY = ("данные", "слово", "информация", "сведение", "оценка", "сообщение", "подсчет")
_RU_GENERIC = frozenset(
    """издание канал газета ведомство агентство собеседник источник он она они его её ее их
    пресс-служба управление сайт портал редакция телеграм-канал адвокат представитель
    сообщение заявление telegram-канал telegram-канале полиция полицейский""".split()
)
_EN_GENERIC = frozenset(
    """he she they him her them the channel outlet newspaper paper lawyer ministry department
    press service agency source it its his their man woman""".split()
)
# what a source says rather than who: "according to his testimony", "the statement",
# "the occupiers' own data" point back to a source the story named
_EN_RECORDS = frozenset(
    "testimony account statement data figures words information estimate estimates".split()
)
_EN_BACK = frozenset("the a his her their its this that these own same".split())
_DESCRIPTORS = frozenset(
    """телеграм-канал телеграм канал издание газета агентство портал сайт паблик
    local outlet independent channel newspaper military rights group agency news site
    telegram media publication the a an местный региональный городской независимый
    оппозиционный новостной opposition city regional online state-run pro-kremlin
    Telegram""".split()
)
_ARTICLES = frozenset("the a an".split())
_EN_AUDIENCE = frozenset("reporters journalists media press us me".split())
_EN_AUX = frozenset("have has had did does do also later".split())
_OPEN_QUOTES = frozenset("«“")
_CLOSE_QUOTES = frozenset("»”")
_RU_OWN = frozenset("наш наша наше наши свой своя свои редакция".split())
_EN_OWN = frozenset("our we us".split())
_POSSESSIVE = frozenset("их его её ее мой наш свой his her their its our my".split())
_ADVERBS = frozenset("также же тоже ещё еще уже вчера сегодня позже ранее".split())
_MONTHS = frozenset(
    """январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь""".split()
)
_WEEKDAYS = frozenset("понедельник вторник среда четверг пятница суббота воскресенье".split())
_STOP = frozenset(',.;:!?()—–"«»“”')

_TO_US = frozenset("мы я".split())  # "нам пишут", "мне рассказали": an unnamed source
_HEDGE_RU = frozenset("якобы предположительно вероятно утверждаться".split())
_HEDGE_EN = frozenset("reportedly allegedly apparently purportedly supposedly".split())
_DENY_RU = frozenset("опровергнуть опровергать отрицать".split())
_DENY_EN = frozenset("deny denial refute reject dismiss".split())
_CONFIRM_RU = frozenset("подтвердить подтверждать проверить верифицировать".split())
_CONFIRM_EN = frozenset("confirm verify corroborate".split())
_UNCONFIRMED_EN = re.compile(
    r"\b(unconfirmed|unverified|not (been )?(independently )?"
    r"(confirmed|verified)|could not (be )?(independently )?"
    r"(confirm|verif))",
    re.I,
)

# "by his account", "it was reported that", ", she says,": the sentence retells someone's words
_REPORTED_EN = re.compile(
    r"\b(?:by (?:his|her|their) (?:own )?account|according to (?:him|her|them)\b"
    r"|it (?:was|has been|had been) reported"
    r"|(?:he|she|they) (?:says|said|told [a-z ]{0,20}),|\bsays (?:he|she|they)\b)",
    re.I,
)
# a sentence that opens with a quotation (optionally after a live-blog time stamp) is
# somebody's words, not the outlet's own statement
_QUOTED_OPEN = re.compile(r"^\s*(?:\[\d{1,2}:\d{2}\]\s*)?[«“\"„]")


@dataclass(frozen=True, slots=True)
class Credit:
    sources: tuple[str, ...]
    generic: bool
    span: Span
    # "he says", "по её словам": one person the story named before speaks, not the outlet
    personal: bool = False
    # each source's own words: a figure between two credits ("по сообщениям паблика, …
    # троих, по словам соседей, увезли") is no part of either
    parts: tuple[Span, ...] = ()
    anchors: tuple[int, ...] = ()  # where each source is named, in ``sources`` order

    def covers(self, start: int, stop: int) -> bool:
        return any(p.start <= start and stop <= p.stop for p in self.parts or (self.span,))

    def of_clause(self, text: str, offset: int, at: int) -> tuple[str, ...]:
        """The sources named in the clause (between semicolons) around ``at``: "Relatives
        told journalists that …; the court's press service said it knew nothing" credits
        the first clause's claim to the relatives alone. All of them when that clause
        names none."""
        if len(self.sources) < 2 or len(self.anchors) != len(self.sources):
            return self.sources
        cuts = [offset + m.start() for m in re.finditer(";", text)]
        lo = max((c for c in cuts if c < at), default=-1)
        hi = min((c for c in cuts if c > at), default=offset + len(text) + 1)
        own = tuple(n for n, a in zip(self.sources, self.anchors, strict=True) if lo < a < hi)
        return own or self.sources


@dataclass(frozen=True, slots=True)
class Cues:
    hedged: bool = False
    unconfirmed: bool = False
    disputed: bool = False
    # False when the denial or non-confirmation answers a claim made earlier in its own
    # sentence ("lawyers said …; police denied the allegation"), so it covers no other one
    covers_previous: bool = True


def find_credit(sentence: Sentence, lang: Lang) -> Credit | None:
    toks = sentence.tokens
    if not toks:
        return None
    lemmas = [t.lemma.lower() for t in toks]
    found: list[tuple[int, int]] = []  # token ranges of sources, in reading order of priority
    cited: list[tuple[int, int]] = []
    if lang == "ru":
        _ru_credits(toks, lemmas, found, cited)
    else:
        _en_credits(toks, lemmas, found, cited)
    if not found and not cited:
        return None
    ranges = found + cited
    if lang == "ru" and found and _ru_pronoun_only(toks, found[0]):
        # "по его словам", "по её данным": the person the story named, whoever it was
        a, b = found[0]
        span = Span(toks[a].start, toks[b - 1].stop, sentence.text[
            toks[a].start - sentence.start : toks[b - 1].stop - sentence.start])
        # no name of its own: the story's source, or none when the story has named none
        return Credit((), True, span, personal=toks[a].text.lower() in _RU_PERSONAL)
    named = [(_name(sentence, a, b), toks[a].start) for a, b in ranges]
    if lang == "ru":
        # "в пресс-службе УМВД" → "пресс-служба УМВД"; a relative clause or a negation swept
        # up after a verb is no name: "продавцы, которые нам написали", "просили не выходить"
        named = [(nominative(n), at) for n, at in named if n]
        named = [(n, at) for n, at in named if not _RU_CLAUSE_WORDS & set(n.lower().split())]
    else:  # a credit swept up with a clause keeps the name before it
        named = [(_en_titled(_en_noun_phrase(n)), at) for n, at in named if n]
    generic = bool(ranges) and all(_is_generic(toks, a, b, lang) for a, b in found[:1])
    named = [(n, at) for n, at in named if n]
    if lang == "en" and named and named[0][0].lower() in _EN_PRONOUNS:
        # "He told the court …", "there, he says, an officer told him …": the speaker is a
        # person the story named before; what follows is the account, not another credit
        named, generic = named[:1], True
    elif lang == "en":
        named = [(n, at) for n, at in named if n.lower() not in _EN_PRONOUNS]
    if not named:
        return None
    first = dict(reversed(named))  # each name at its first place
    names = list(dict.fromkeys(n for n, _ in named))
    start = min(toks[a].start for a, _ in ranges)
    stop = max(toks[b - 1].stop for _, b in ranges)
    text = sentence.text[start - sentence.start : stop - sentence.start]
    personal = generic and (
        names[0].lower() in _PERSONAL
        # "according to his testimony", "by her account": the person's own words
        or (lang == "en" and toks[found[0][0]].text.lower() in ("his", "her")
            and names[0].split()[-1].lower() in _EN_RECORDS)
    ) if found else False
    parts = tuple(Span(toks[a].start, toks[b - 1].stop, "") for a, b in ranges)
    return Credit(tuple(names), generic, Span(start, stop, text), personal, parts,
                  tuple(first[n] for n in names))


_RU_PERSONAL = frozenset("он она его её ее".split())
_PERSONAL = frozenset("he she him her his он она".split())


def _ru_pronoun_only(toks: tuple[Token, ...], rng: tuple[int, int]) -> bool:
    a, b = rng
    return b - a == 1 and toks[a].text.lower() in ("он", "она", "они", "его", "её", "ее", "их")


_RU_CLAUSE_WORDS = frozenset("который которая которое которые которых которым не".split())
# Words a source's name never holds: auxiliaries, negation, wh-words, "there". A "credit"
# with one ("four came away with summonses, he did not", "there have been several") is a
# clause the speech-verb rule swept up, not a name.
_EN_CLAUSE_WORDS = frozenset(
    """is are was were be been being have has had do does did not n't never will would can
    could should may might must there what which who whom whose when where""".split()
)
_EN_PREPOSITIONS = frozenset("in on at during after before since until into from".split())
# after the first word a subject pronoun opens a clause: "official statements and media
# reports we were able to match"
_EN_SUBJECTS = frozenset("i we he she they it you".split())


def _en_titled(name: str) -> str:
    """A person named after a title keeps the name: "Investigative Committee head Alexander
    Bastrykin" → "Alexander Bastrykin" (two or more capitalised words after a lower-case
    title word, none of them an institution's)."""
    words = name.split()
    run = len(words)
    while run > 0 and words[run - 1][:1].isupper() and words[run - 1].isalpha():
        run -= 1
    tail = words[run:]
    if run == 0 or len(tail) < 2 or not words[run - 1].islower():
        return name
    if not any(w.lower() in _EN_ROLES for w in words[:run]):
        return name  # "a member of the rights group Siberian Migrant Aid": no title
    if len(tail) > 2 and words[run - 1] in _EN_PREPOSITIONS | {"of", "for"}:
        tail = tail[1:]  # "of Russia Alexander Bastrykin" → "Alexander Bastrykin"
    if not _en_person_like(" ".join(tail)):
        return name
    return " ".join(tail)


def _en_noun_phrase(name: str) -> str:
    """The name up to the first word of a clause ("Officials are reported" → "Officials");
    empty when it opens with a preposition ("in the temporary detention centre": a place)."""
    words = name.split()
    if not words or words[0].lower() in _EN_PREPOSITIONS:
        return ""
    if words[0].lower() in _EN_SUBJECTS - {"it"} and len(words) > 1:
        return words[0]  # "he called her and said …": the pronoun is the speaker
    for k, word in enumerate(words):
        plain = word.lower().replace("’", "'").strip(",.;:")
        following = words[k + 1].lower() if k + 1 < len(words) else ""
        if plain in _EN_CLAUSE_WORDS or (
            k > 0 and (plain in _EN_SUBJECTS or plain in _EN_SUBORDINATORS - {"and"})
        ) or (plain in ("and", "or") and following.endswith("ed")):  # "… and published …"
            words = words[:k]
            break
    while words and words[-1].lower() in ("and", "or", "but"):
        words = words[:-1]
    return " ".join(words).rstrip(",;:")


def find_cues(sentence: Sentence, lang: Lang) -> Cues:
    lemmas = [t.lemma.lower() for t in sentence.tokens]
    lset = set(lemmas)
    if lang == "ru":
        hedged = (
            bool(lset & _HEDGE_RU)
            or _by_account_ru(lemmas)
            or _has_seq(lemmas, ("стать", "известный"))
            or _impersonal_speech(sentence.tokens, lemmas)
            or any(
                lemmas[k] in _TO_US and lemmas[k + 1] in _RU_SPEECH
                for k in range(len(lemmas) - 1)
            )
        )
        disputed = bool(lset & _DENY_RU)
        unconfirmed = False
        for i, lem in enumerate(lemmas):
            if lem in _CONFIRM_RU:
                near = lemmas[max(0, i - 3) : i + 7]
                if "не" in near or "нельзя" in near:
                    unconfirmed = True
    else:
        hedged = (
            bool(lset & _HEDGE_EN)
            or "said to" in sentence.text
            or bool(_REPORTED_EN.search(sentence.text))
        )
        disputed = bool(lset & _DENY_EN)
        unconfirmed = bool(_UNCONFIRMED_EN.search(sentence.text))
    hedged = hedged or _QUOTED_OPEN.match(sentence.text) is not None
    return Cues(hedged, unconfirmed, disputed, _covers_previous(sentence, lemmas, lang))


def _impersonal_speech(toks: tuple[Token, ...], lemmas: list[str]) -> bool:
    """A sentence opening with a plural speech verb and no subject: "Пишут, что …"."""
    if not toks or lemmas[0] not in _RU_SPEECH:
        return False
    word = toks[0].text.lower()
    return word.endswith(("ут", "ют", "ат", "ят")) and len(toks) > 1 and toks[1].text == ","


def _by_account_ru(lemmas: list[str]) -> bool:
    """"по данным", "по словам", also with a possessive between: "по его словам"."""
    for k, lem in enumerate(lemmas[:-1]):
        if lem != "по":
            continue
        nxt = lemmas[k + 1]
        if nxt in _POSSESSIVE and k + 2 < len(lemmas):
            nxt = lemmas[k + 2]
        if nxt in ("данные", "слово"):
            return True
    return False


def _covers_previous(sentence: Sentence, lemmas: list[str], lang: Lang) -> bool:
    deny, confirm = (_DENY_RU, _CONFIRM_RU) if lang == "ru" else (_DENY_EN, _CONFIRM_EN)
    speech = _RU_SPEECH if lang == "ru" else _EN_SPEECH
    toks = sentence.tokens
    cue = next((i for i, lem in enumerate(lemmas) if lem in deny or lem in confirm), None)
    if cue is None:
        return True
    for k in range(cue):
        if lemmas[k] not in speech:
            continue
        # English tokens carry no reliable part of speech: "these reports" is a noun
        if lang == "ru" and toks[k].pos not in ("VERB", "AUX"):
            continue
        if lang == "en" and k > 0 and lemmas[k - 1] in _EN_DETERMINERS:
            continue
        if any(t.text in _CLAUSE_BREAKS or t.lemma.lower() in _CLAUSE_BREAKS
               for t in toks[k + 1 : cue]):
            return False  # "lawyers said …; police denied it": the denial answers this clause
    return True


_EN_DETERMINERS = frozenset("the these those this such a an".split())
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
_CLAUSE_BREAKS = frozenset(";  — – but while а но однако".split())


# --------------------------------------------------------------------------- Russian


def _ru_credits(
    toks: tuple[Token, ...],
    lemmas: list[str],
    found: list[tuple[int, int]],
    cited: list[tuple[int, int]],
) -> None:
    n = len(toks)
    quoted = _inside_quotes(toks)
    i = 0
    while i < n:
        lem = lemmas[i]
        if quoted[i]:
            i += 1  # «… прямо говорили: подпишете контракт …», — рассказал Сафин
            continue
        if lem == "по" and i + 1 < n:
            # "по данным X", "по словам X", "по его словам"
            j = i + 1
            if lemmas[j] in _POSSESSIVE and j + 1 < n and lemmas[j + 1] in _RU_BY:
                found.append((j, j + 1))
                i = j + 2
                continue
            if lemmas[j] in _RU_BY:
                end = _np_end(toks, j + 1)
                if end > j + 1:
                    found.append((j + 1, end))
                i = end
                continue
        if lem == "ссылка" and i > 0 and lemmas[i - 1] in ("со", "с") and i + 1 < n:
            start = i + 2 if lemmas[i + 1] == "на" else i + 1
            end = _np_end(toks, start)
            if end > start and lemmas[start] not in ("свой", "свои"):
                cited.append((start, end))
            i = end
            continue
        special = _ru_special(toks, lemmas, i)
        if special:
            found.extend(special)
        elif (
            lem in _RU_SPEECH
            and toks[i].pos in ("VERB", "AUX")
            and toks[i].feat("VerbForm") != "Inf"
        ):
            rng = _ru_speaker(toks, lemmas, i)
            if rng and not (lem in _RU_HANDED and _ru_handed(toks, i, rng)):
                found.append(rng)
        i += 1


# "передали военкомату области" hands people over; "передаёт ТАСС" credits a name
_RU_HANDED = frozenset("передать передавать".split())


def _ru_handed(toks: tuple[Token, ...], v: int, rng: tuple[int, int]) -> bool:
    """A recipient right after the verb and no name after it: people handed over."""
    first = toks[rng[0]].text
    recipient = v + 1 < len(toks) and toks[v + 1].feat("Case") == "Dat"
    return recipient and not (first[:1].isupper() or first in _OPEN_QUOTES)


def _ru_special(toks: tuple[Token, ...], lemmas: list[str], i: int) -> list[tuple[int, int]]:
    """Credits of fixed turns: "стало известно консульству" (who learnt it), "говорится в
    сообщении ведомства" (where it is said), "приводит vn.ru слова участника рейда" (whose
    words, then who quotes them)."""
    n = len(toks)
    lem = lemmas[i]
    if lem == "стать" and i + 2 < n and lemmas[i + 1] == "известный" \
            and toks[i + 2].feat("Case") == "Dat":
        end = _np_end(toks, i + 2)
        return [(i + 2, end)] if end > i + 2 else []
    if lem == "говориться" and i + 2 < n and lemmas[i + 1] in ("в", "во"):
        end = _np_end(toks, i + 2)
        return [(i + 2, end)] if end > i + 2 else []
    if lem == "приводить":
        words = next((k for k in range(i + 1, min(n, i + 8))
                      if lemmas[k] in ("слово", "цитата", "комментарий")), None)
        if words is not None and words > i + 1:
            end = _np_end(toks, words + 1)
            out = [(words + 1, end)] if end > words + 1 else []
            return [*out, (i + 1, words)]
    return []


def _ru_speaker(toks: tuple[Token, ...], lemmas: list[str], v: int) -> tuple[int, int] | None:
    start, stop = _ru_subject_start(toks, lemmas, v)
    while start + 1 < v and lemmas[start] in ("о", "об") and lemmas[start + 1] in ("это", "этот"):
        start += 2  # "Об этом ведомство сообщило": the topic, then the source
    if stop < v:
        return start, stop  # the speaker before a relative clause
    before = range(start, v)
    if _ru_has_subject(toks, lemmas, before):
        # subject before the verb: "Собеседник утверждает, что …"
        span = [k for k in before if lemmas[k] not in _ADVERBS]
        return (span[0], span[-1] + 1) if span else None
    opening = _ru_impersonal_opening(toks, lemmas, v)
    if opening is not None:
        return opening
    if (
        v > 0
        and toks[v - 1].pos == "NOUN"
        and toks[v - 1].feat("Case") == "Loc"
        and any(lemmas[k] in ("в", "во") for k in before)
    ):
        # impersonal "В областном военкомате подтвердили" (but "Об облаве написал …" names
        # the topic, and its source follows the verb)
        span = [k for k in before if lemmas[k] not in ("в", "во", *_ADVERBS)]
        return (span[0], span[-1] + 1) if span else None
    return _ru_after_verb(toks, lemmas, v)


def _ru_subject_start(toks: tuple[Token, ...], lemmas: list[str], v: int) -> tuple[int, int]:
    """Where the words before the speech verb begin: back to a stop, over a quoted name
    («Сызрань сейчас» пишет) and over a relative clause set off by commas ("Один из рабочих,
    с которым поговорил наш корреспондент, рассказывает")."""
    start = v
    while start > 0:
        before = toks[start - 1].text
        if before in _CLOSE_QUOTES:
            opening = next((k for k in range(start - 2, -1, -1) if toks[k].text in _OPEN_QUOTES),
                           None)
            if opening is None:
                break
            start = opening
            continue
        if before not in _STOP:
            start -= 1
            continue
        break
    if start == v and start > 1 and toks[start - 1].text == ",":
        clause = next((k for k in range(start - 2, -1, -1) if toks[k].text == ","), None)
        if clause is not None and any(
            lemmas[k] in _RU_RELATIVE for k in range(clause + 1, min(clause + 3, start))
        ):
            head = clause
            while head > 0 and toks[head - 1].text not in _STOP:
                head -= 1
            near = range(head, clause)
            if 0 < len(near) <= _RU_SPEAKER_MAX and any(
                toks[k].pos in ("NOUN", "PROPN", "NUM", "PRON") for k in near
            ) and not any(toks[k].pos in ("VERB", "AUX") for k in near):
                return head, clause
    return start, v


_RU_RELATIVE = frozenset("который которая которое которые".split())
_RU_SPEAKER_MAX = 6  # words of a speaker named before a relative clause


def _ru_impersonal_opening(
    toks: tuple[Token, ...], lemmas: list[str], v: int
) -> tuple[int, int] | None:
    """ "В военном комиссариате по городу факт визита подтвердили": a body named in the
    sentence's opening place phrase speaks through a plural verb with no subject."""
    if v < 3 or lemmas[0] not in ("в", "во") or toks[v].feat("Number") != "Plur":
        return None
    k = 1
    while k < v and toks[k].pos == "ADJ" and toks[k].feat("Case") == "Loc":
        k += 1
    if k >= v or toks[k].pos not in ("NOUN", "PROPN") or toks[k].feat("Case") != "Loc":
        return None
    end = k + 1
    if end + 1 < v and lemmas[end] == "по":  # "по Магнитогорску", "по Челябинской области"
        end += 1
        while end < v and toks[end].feat("Case") == "Dat" and toks[end].pos in (
            "ADJ", "NOUN", "PROPN"
        ):
            end += 1
    if any(toks[m].text in _STOP for m in range(1, v)):
        return None
    return 1, end


def _ru_has_subject(toks: tuple[Token, ...], lemmas: list[str], before: range) -> bool:
    return any(
        (
            toks[k].pos in ("NOUN", "PROPN", "PRON", "NUM")
            and toks[k].feat("Case") == "Nom"
            and lemmas[k] not in ("это", "что")
        )
        # a Latin name carries no case: "Baza пишет", "URA.RU писало"
        or (toks[k].text[:1].isupper() and toks[k].text.isascii() and toks[k].text.isalpha())
        for k in before
    )


def _ru_after_verb(toks: tuple[Token, ...], lemmas: list[str], v: int) -> tuple[int, int] | None:
    """The source named after the speech verb: "сообщили в пресс-службе УМВД"."""
    n = len(toks)
    j = v + 1
    # skip a recipient ("нашей редакции"), circumstances ("на брифинге") and dates
    while j < n and (toks[j].text not in _STOP or toks[j].text in _OPEN_QUOTES):
        step = _ru_skip(toks, lemmas, v, j)
        if step == j:
            break
        j = step
    while j + 1 < n and lemmas[j] in ("в", "во") and lemmas[j + 1] in _WEEKDAYS:
        j += 2  # "рассказали в четверг, 30 января, в управлении": the day is not the source
        while j < n and (toks[j].text in (",",) or toks[j].text.isdigit() or lemmas[j] in _MONTHS):
            j += 1
    if j < n and lemmas[j] in ("в", "во"):
        j += 1  # impersonal "сообщили в пресс-службе УМВД"
    elif j < n and toks[j].pos == "ADP":
        return None
    end = _np_end(toks, j)
    return (j, end) if end > j else None


def _ru_skip(toks: tuple[Token, ...], lemmas: list[str], v: int, j: int) -> int:
    """Where reading resumes after the word at ``j`` when it is not the source, else ``j``."""
    t = toks[j]
    if t.feat("Case") == "Dat" and t.pos in ("NOUN", "ADJ", "DET", "PRON"):
        return j + 1
    if t.text in _OPEN_QUOTES and j + 1 < len(toks):
        # a quoted recipient: "рассказали «Тюменскому обозревателю» трое собеседников",
        # "сообщили «Вестнику» в пресс-службе управления"
        close = next((k for k in range(j + 1, len(toks)) if toks[k].text in _CLOSE_QUOTES), None)
        if close is not None and (
            toks[j + 1].feat("Case") == "Dat"
            or (close + 1 < len(toks) and lemmas[close + 1] in ("в", "во"))
        ):
            return close + 1
    if lemmas[j] in ("на", "во", "в") and toks[v].feat("Number") != "Plur":
        k = j + 1
        while (
            k < len(toks)
            and toks[k].pos in ("ADJ", "NOUN", "NUM")
            and toks[k].feat("Case") in ("Loc", "Acc", None)
        ):
            k += 1
            if toks[k - 1].pos == "NOUN":
                break
        return k
    if t.pos == "ADV" or t.text.isdigit() or lemmas[j] in _MONTHS:
        return j + 1
    return j


def _np_end(toks: tuple[Token, ...], start: int) -> int:
    """End of a noun phrase: the next punctuation, "со ссылкой", "что", or 12 tokens."""
    k = start
    quoted = start < len(toks) and toks[start].text in ("«", '"', "“")
    while k < len(toks) and k - start < 14:
        text = toks[k].text
        low = text.lower()
        if quoted and k > start and text in ("»", '"', "”"):
            return k + 1
        if not quoted and k > start and text in _OPEN_QUOTES:
            close = next(
                (m for m in range(k + 1, min(len(toks), k + 10)) if toks[m].text in _CLOSE_QUOTES),
                None,
            )
            if close is not None:
                return close + 1
        if not quoted and (text in _STOP or low in ("что", "со", "citing", "that", "on", "in")):
            break
        k += 1
    return k


# --------------------------------------------------------------------------- English


def _en_credits(
    toks: tuple[Token, ...],
    lemmas: list[str],
    found: list[tuple[int, int]],
    cited: list[tuple[int, int]],
) -> None:
    n = len(toks)
    quoted = _inside_quotes(toks)
    for i, lem in enumerate(lemmas):
        if quoted[i] or any(a <= i < b for a, b in found + cited):
            continue  # '"She told me that …," he said': the quote's own speech is not a credit
        if toks[i].text.lower() == "according" and i + 1 < n and lemmas[i + 1] == "to":
            _en_according(toks, lemmas, i + 2, found)
        elif lem in ("cite", "citing"):
            rng = _en_cited(toks, lemmas, i)
            if rng:
                cited.append(rng)
        elif lem in _EN_SPEECH and _en_verb_form(toks, i):
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
    end = _np_end(toks, start)
    if end <= start:
        return
    n = len(toks)
    if end + 1 < n and toks[end].text.lower() in ("in", "at", "within") and lemmas[end - 1] in (
        "source", "sources", "official", "officials"
    ):
        end = _np_end(toks, end + 1)  # "Fontanka's source in the city police department"
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


def _inside_quotes(toks: tuple[Token, ...]) -> list[bool]:
    """Which tokens stand inside quotation marks (straight quotes alternate)."""
    out: list[bool] = []
    # a closing mark before any opening one ends a quotation begun in an earlier sentence
    curly = [t.text for t in toks if t.text in _OPEN_QUOTES or t.text in _CLOSE_QUOTES]
    depth = 1 if curly and curly[0] in _CLOSE_QUOTES else 0
    # an odd number of straight quotes in a sentence that does not open with one: the first
    # closes a quotation begun in an earlier sentence ('…expulsion," the press service said')
    straight_marks = sum(t.text == '"' for t in toks)
    straight = straight_marks % 2 == 1 and bool(toks) and toks[0].text != '"'
    for t in toks:
        if t.text in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight = not straight
        out.append(depth > 0 or (straight and t.text != '"'))
        if t.text in _OPEN_QUOTES:
            depth += 1
    return out


def _en_cited(toks: tuple[Token, ...], lemmas: list[str], i: int) -> tuple[int, int] | None:
    n = len(toks)
    end = _np_end(toks, i + 1)
    if (
        end > i + 1
        and end + 1 < n
        and toks[end].text.lower() in ("in", "at", "within")
        and lemmas[end - 1] in ("source", "official", "person", "people")
    ):
        end = _np_end(toks, end + 1)  # "sources in the ministry"
    return (i + 1, end) if end > i + 1 else None


def _en_speech(
    toks: tuple[Token, ...], lemmas: list[str], i: int, found: list[tuple[int, int]]
) -> None:
    n = len(toks)
    if i > 0 and lemmas[i - 1] == "to":
        return  # "summonses to report to the enlistment office": an infinitive
    if i > 0 and lemmas[i - 1] in ("be", "was", "were", "is", "are", "been"):
        if i + 2 < n and toks[i + 1].text.lower() == "by":
            end = _np_end(toks, i + 2)  # "This was reported by Fontanka"
            if end > i + 2:
                found.append((i + 2, end))
        return  # passive "were reported": a hedge, not a credit
    if i > 0 and lemmas[i - 1] in _EN_DETERMINERS:
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
        end = _np_end(toks, i + 1)  # inverted: ", reports local outlet Fontanka"
        if end > i + 1:
            found.append((i + 1, end))
        return
    if _en_reported_clause(toks, lemmas, i) or not _en_declares(toks, lemmas, i):
        return
    start = _en_subject_start(toks, i)
    if start is None:
        return
    while start < i and toks[start].text.lower() in _EN_SUBORDINATORS:
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
        end = _np_end(toks, i + 1)
        addressee = toks[i + 1].text.lower()
        named = any(t.text[:1].isupper() for t in toks[i + 1 : end])
        if (
            end > i + 1
            and named  # "told Fontanka", "told RFE/RL"; not "told the judge"
            and addressee not in _EN_OWN
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
        if before in _STOP:
            break
        start -= 1
    if start > 0 and toks[start - 1].text not in _STOP:
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
    quoted = _inside_quotes(toks)
    for k in range(i):
        if quoted[k]:
            continue  # '"She told me that …," Umarov said': the quotation's own speech
        low = toks[k].text.lower()
        if low in (";", "but"):
            opened = False
        elif low == "that" and any(lemmas[m] in _EN_SPEECH for m in range(max(0, k - 3), k)):
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
        elif toks[k].text in _STOP:
            break
        k -= 1
    whole = k < 0 or toks[k].text in _STOP
    if whole and k + 1 < end:
        pieces.append((k + 1, end))
    return pieces[::-1], whole


def _proper_run(toks: tuple[Token, ...], a: int, b: int) -> bool:
    """Every word capitalised: "Bakyt Osmonov", "Timur", "Volga Wire"."""
    words = [t for t in toks[a:b] if t.text not in (".", "'", "’")]
    return bool(words) and all(
        t.text[:1].isupper() and t.text.lower() not in _EN_OPENERS for t in words
    )


def _en_apposed_first(toks: tuple[Token, ...], comma: int) -> tuple[int, int] | None:
    """ "Valentina Chupik, a lawyer who defends migrants, said": the name before the aside."""
    opening = next(
        (k for k in range(comma - 1, max(-1, comma - 25), -1) if toks[k].text == ","), None
    )
    if opening is None or opening == 0:
        return None
    start = opening
    while start > 0 and toks[start - 1].text not in _STOP and opening - start < 12:
        start -= 1
    if start > 0 and toks[start - 1].text not in _STOP:
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
_EN_PRONOUNS = frozenset("he she him her they them it i we you".split())
_EN_QUANTIFIERS = frozenset("one some many several most all each both".split())
_EN_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundreds".split()
)
_EN_SUBORDINATORS = frozenset(
    "when as while after before and but so then since because if though although".split()
)


# --------------------------------------------------------------------------- names


def _name(sentence: Sentence, a: int, b: int) -> str:
    toks = sentence.tokens
    opening = next((k for k in range(a, b) if toks[k].text in _OPEN_QUOTES), None)
    if opening is not None and opening > a and all(
        t.text[:1].islower() for t in toks[a:opening]
    ):
        a = opening  # "местный паблик «Подольск онлайн»" → "Подольск онлайн"
    words = [t for t in toks[a:b] if t.text not in _STOP]
    while words and words[0].text.lower() in ("the", "a", "an", "its", "his", "her", "their"):
        words = words[1:]
    while words and (words[0].lemma.lower() in _POSSESSIVE
                     or words[0].text.lower() in _POSSESSIVE):
        words = words[1:]  # "его мать Евгения" → "мать Евгения"
    while words and words[-1].text.lower() in ("on", "in", "at", "to", "and"):
        words = words[:-1]
    if not words:
        return ""
    if all(w.lemma.lower() in _RU_OWN or w.text.lower() in _EN_OWN for w in words):
        return ""
    words = _strip_descriptors(words)
    text = sentence.text[words[0].start - sentence.start : words[-1].stop - sentence.start]
    text = re.sub(r"\s+", " ", text).strip(' «»"“”')
    return _from_link(text, sentence.text)


_LINK = re.compile(r"(?:https?://|www\.)?(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z0-9_]{3,})", re.I)
_LINK_START = re.compile(r"^(?:https?|www|t\.me)\b", re.I)


def _from_link(name: str, text: str) -> str:
    """A t.me address read as a name ("https") is its channel ("t.me/kazan_news" → kazan_news);
    another address is not a source name."""
    if not _LINK_START.match(name):
        return name
    m = _LINK.search(text)
    return m.group(1) if m else ""


def _strip_descriptors(words: list[Token]) -> list[Token]:
    """"local outlet Fontanka", "Russian opposition Telegram channel Tverskoy Rubezh",
    "the Baza Telegram channel" → the proper name the descriptors stand around."""

    def proper(ws: list[Token]) -> bool:
        return bool(ws) and all(w.text[:1].isupper() or w.text[:1].isdigit() for w in ws)

    last = max(
        (k for k in range(len(words) - 1) if words[k].text in _DESCRIPTORS - _ARTICLES),
        default=-1,
    )
    # only descriptors and names before it: not "lawyer for an NGO", "department of the …"
    prefix = all(w.text.lower() in _DESCRIPTORS or proper([w]) for w in words[:last])
    if last >= 0 and prefix and proper(words[last + 1 :]):
        return words[last + 1 :]
    end = len(words)
    while end > 1 and words[end - 1].text.lower() in _DESCRIPTORS:
        end -= 1
    if end < len(words) and words[end - 1].text.lower() not in _DESCRIPTORS and proper(
        words[:end]
    ):
        return words[:end]
    return words


def _is_generic(toks: tuple[Token, ...], a: int, b: int, lang: Lang) -> bool:
    generic = _RU_GENERIC if lang == "ru" else _EN_GENERIC
    content = [t for t in toks[a:b] if t.text not in _STOP]
    if lang == "en" and content and content[-1].text.lower() in _EN_RECORDS:
        words = {t.text.lower() for t in content[:-1]}
        if "own" in words or words <= _EN_BACK | generic | {"'", "'s", "’"}:
            return True
    return bool(content) and all(
        t.lemma.lower() in generic or t.text.lower() in generic for t in content
    )


def _has_seq(lemmas: list[str], seq: tuple[str, ...]) -> bool:
    k = len(seq)
    return any(tuple(lemmas[i : i + k]) == seq for i in range(len(lemmas) - k + 1))



# --------------------------------------------------------------------------- persons

# capitalised words that open English sentences without naming anyone
_EN_OPENERS = frozenset(
    """the a an in on at by for from with without of to after before during when while since
    until as if but and or so yet however also then there here this that these those it its he
    she they we i you his her their our my some most many several all both each every few no
    none one two three four five six seven eight nine ten police officers workers migrants men
    women people relatives lawyers authorities officials according meanwhile earlier later
    last next today yesterday what who how why where local regional federal""".split()
)
# verbs that follow a person's name opening a sentence: "Farrukh was among …"
_EN_PERSON_VERBS = frozenset(
    """was is has had says said told tells gave added refused signed asked recalls recalled
    who""".split()
)
# words of an institution's name, not a person's
_EN_BODIES = frozenset(
    """ministry service police department committee court office agency embassy consulate
    channel news times press directorate government guard union group center centre
    university council administration commission bureau radio tv daily post wire insider
    gazette media outlet prosecutor interior""".split()
)
_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁ]\.)+$")
# a person's role before the name: "lawyer Alexander Popkov switched on his camera"
_EN_ROLES = frozenset(
    """lawyer attorney activist journalist chairman director spokesman spokeswoman
    ombudsman coordinator researcher reporter head chief minister governor mayor deputy
    spokesperson commander""".split()
)
_ROLE_NAME = re.compile(r"\b([A-Za-z][a-z]+) ((?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+)\b")


def person_named(sentence: Sentence, lang: Lang, credit: Credit | None,
                 places: list[Span]) -> str:
    """The person a sentence names as its speaker or subject ("Farrukh was among …",
    "по словам адвоката Ильдара Сафина"), whom a later "he says" / "по его словам" means;
    empty when it names none."""
    if lang == "ru":
        return _ru_person(sentence, credit)
    if credit and not credit.generic and credit.sources:
        # the speaker just credited, a name or "a lawyer for an NGO"; a body resets it
        first = credit.sources[0]
        return "" if any(w.lower() in _EN_BODIES for w in first.split()) else first
    toks = sentence.tokens
    titled = _en_role_name(sentence)
    if titled:
        return titled
    if len(toks) < 2 or not toks[0].text[:1].isupper() or not toks[0].text.isalpha():
        return ""
    end = 1
    while end < min(len(toks), 3) and toks[end].text[:1].isupper() and toks[end].text.isalpha():
        end += 1
    after = toks[end].text if end < len(toks) else ""
    if after not in (",", "(") and after.lower() not in _EN_PERSON_VERBS:
        return ""
    if any(sp.start < toks[end - 1].stop and toks[0].start < sp.stop for sp in places):
        return ""
    name = sentence.text[toks[0].start - sentence.start : toks[end - 1].stop - sentence.start]
    return name if _en_person_like(name) and toks[0].text.lower() not in _EN_OPENERS else ""


def _en_role_name(sentence: Sentence) -> str:
    for m in _ROLE_NAME.finditer(sentence.text):
        if m.group(1).lower() in _EN_ROLES and _en_person_like(m.group(2)):
            return m.group(2)
    return ""


def _en_person_like(name: str) -> bool:
    if _INITIALS.match(name):
        return True  # "S.B."
    words = name.split()
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in words)
        and not any(w.lower() in _EN_BODIES for w in words)
    )


def _ru_person(sentence: Sentence, credit: Credit | None) -> str:
    persons = [e for e in sentence.entities if e.type == "PER"]
    if not persons:
        return ""
    if credit and not credit.generic and credit.sources and any(
        credit.span.start <= e.start < credit.span.stop for e in persons
    ):
        return credit.sources[0]  # "адвокат Ильдар Сафин"
    for e in persons:
        first = next((t for t in sentence.tokens if t.start == e.start), None)
        if first is not None and first.feat("Case") == "Nom":
            return e.normal or e.text
    return ""


# --------------------------------------------------------------------------- back-references

_OUTLET_NOUNS = frozenset(
    """channel outlet newspaper paper agency site publication издание канал газета агентство
    телеграм-канал портал сайт паблик""".split()
)
_STEM = 5


def _stems(name: str) -> set[str]:
    return {w[:_STEM] for w in re.findall(r"\w+", name.casefold().replace("ё", "е"))
            if w not in _ARTICLES}


def resolve_back(name: str, sources: tuple[str, ...]) -> tuple[str, ...] | None:
    """The story's source a back-reference means: the one it names ("the department said"
    after "the military investigative department … told VTA"), the outlet for "the channel",
    the police body for "по словам полицейских", else all of them; None when "the police"
    can mean none of them (the back-reference then names its own source)."""
    words = _stems(name) - {"his", "her", "their", "its", "он", "она", "его", "ее", "их"}
    named = [s for s in sources if words & _stems(s)]
    if named and " and " in named[0]:
        return (name,)  # "their lawyer said" after "relatives and a lawyer say": one of them
    if named:
        return (named[0],)
    if words & {w[:_STEM] for w in _OUTLET_NOUNS}:
        return sources[:1]
    if words & _POLICE_WORDS:
        police = [s for s in sources if _stems(s) & _POLICE_BODIES]
        return (police[0],) if police else None
    return sources


# a body named only by what it is, with nothing named before: «Об этом ведомство сообщило»
_RU_BARE = frozenset("ведомство издание канал телеграм-канал редакция управление".split())


def bare_back_reference(name: str) -> bool:
    """A back-reference that names no source when the story has named none."""
    return name.lower() in _RU_BARE


_POLICE_WORDS = frozenset("полиц полиц police".split())
# a police body's name: "ГУ МВД по области", "УМВД", "regional police press service"
_POLICE_BODIES = frozenset("мвд умвд омвд гу полиц police inter".split())


_PARENS = re.compile(r"\(([^)]{1,12})\)")


def own_outlet(name: str, outlet: str | None) -> bool:
    """Whether a credited name is the document's own outlet ("told VTA" in a story of the
    Volga Telegraph Agency, "CA-News" in one of "CentralAsia (CA)"): an outlet reporting in
    its own voice credits nobody."""
    if not outlet or not name:
        return False
    head = re.split(r"[\s\-–/]", name.strip())[0]
    words = re.findall(r"[A-Za-zА-Яа-яЁё]+", outlet)
    initials = "".join(w[0] for w in words if w[0].isupper())
    short = {m.group(1).strip() for m in _PARENS.finditer(outlet)}
    if len(head) >= 2 and head.isupper() and (head == initials or head in short):
        return True
    return _stems(name) == _stems(outlet)
