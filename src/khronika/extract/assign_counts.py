"""Which figure counts the people of which event: each trigger of a sentence gets the
nearest count of people, else a group the text refers back to («Их доставили», "All were
fined"), else one person it tells of ("a man", «его», a name)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from khronika.extract.attribution import Credit
from khronika.extract.count_words import PEOPLE_WORDS_EN as _PERSON_WORDS_EN
from khronika.extract.events import Trigger
from khronika.model import Count, Lang, Sentence, Span, Token

__all__ = ["CountContext", "counts_of_triggers", "speaks_of_self"]

# A count further than this (tokens, with clause penalties) from every trigger is left alone.
_MAX_COUNT_DISTANCE = 30
_CLAUSE_PENALTY = 4


@dataclass(frozen=True, slots=True)
class CountContext:
    """What the sentence's neighbours and its credit tell the count assignment."""

    previous: Count | None = None  # the last figure of the sentences before
    credit: Credit | None = None
    all_counts: tuple[Count, ...] = ()  # every count of the sentence, paired or not
    places: tuple[Span, ...] = ()  # where the sentence's places are written


def counts_of_triggers(
    sentence: Sentence,
    triggers: list[Trigger],
    counts: list[Count],
    lang: Lang,
    context: CountContext,
) -> dict[int, Count]:
    """Trigger index → its count: the nearest figure, else one the text refers back to."""
    assigned = _assign_counts(sentence, triggers, counts)
    for t_index, trigger in enumerate(triggers):
        if t_index in assigned or trigger.event_type == "raid":
            continue
        rest = _the_rest(sentence, trigger, list(context.all_counts))
        if rest is not None:
            assigned[t_index] = rest
            continue
        carried = _count_by_reference(sentence, trigger, lang, assigned, triggers, context)
        if carried is not None:
            assigned[t_index] = carried
    _share(sentence, triggers, assigned, context)
    return assigned


# a gap word that opens a part of the group or a new one: "of whom", «из них», "the rest"
_SUBGROUP = frozenset(
    "rest others other another remaining остальные остальных остальным других другие ещё еще"
    .split()
)
_PART_OF = frozenset("of among из среди".split())
_GROUP_BACK = frozenset("them whom those них которых".split())
# words of a gap that only join two predicates: "detained and deported", «задержали и выдворили»
_JOINERS = frozenset(
    """and , then later also were was been had have has being и , а затем потом после чего
    также были был была""".split()
)
_ACTORS_RU = frozenset(
    """сотрудник полицейский силовик пристав следователь военком военный представитель
    инспектор судья дружинник росгвардеец боец офицер""".split()
)
_SHARE_REACH = 20


def _share(
    sentence: Sentence, triggers: list[Trigger], assigned: dict[int, Count], context: CountContext
) -> None:
    """Predicates joined with no subject of their own share one figure: "15 people were
    detained and handed summonses", «Шестеро доставлены в военкомат, где поставлены на учёт»,
    "were detained and deported 12 migrants"; a second word for the same event takes its
    figure too («рассмотрел материалы: 29 человек оштрафованы»)."""
    spans = [c.span for c in context.all_counts if c.span is not None]
    for ti, trig in enumerate(triggers):
        if ti in assigned or trig.event_type == "raid":
            continue
        donors = sorted(
            (abs(t.first - trig.first), k) for k, t in enumerate(triggers)
            if k in assigned and t.event_type != "raid"
        )
        for _, k in donors:
            count = assigned[k]
            lo, hi = sorted((triggers[k].first, trig.first))
            gap = sentence.tokens[lo + 1 : hi]
            if hi - lo > _SHARE_REACH or _new_subject(gap, count, spans):
                continue
            if trig.first < triggers[k].first and trig.event_type != triggers[k].event_type and (
                not _after(count, triggers[k], sentence)
                or any(t.text.lower() not in _JOINERS for t in gap)
            ):
                continue  # backwards only over "and": "detained and deported 12 migrants"
            assigned[ti] = count
            break


def _after(count: Count, trigger: Trigger, sentence: Sentence) -> bool:
    return count.span is not None and count.span.start >= sentence.tokens[trigger.first].stop


def _new_subject(gap: tuple[Token, ...], count: Count, spans: list[Span]) -> bool:
    """Whether the words between two predicates name people of their own: another figure,
    a part of the group, a person noun or pronoun."""
    own = count.span
    head_until = -1  # the noun of the shared figure itself: "29 человек", "15 people"
    for k, t in enumerate(gap):
        if own is not None and own.start <= t.start < own.stop:
            head_until = k + 3
        if t.text.lower() in _PART_OF and k + 1 < len(gap) and (
            gap[k + 1].text.lower() in _GROUP_BACK
        ):
            return True
        if any(sp.start <= t.start < sp.stop for sp in spans) and not (
            own is not None and own.start <= t.start < own.stop
        ):
            return True
        low = t.text.lower()
        if low in _SUBGROUP or (low in _HE_SHE and count.min != 1) or low == ";":
            return True
        if k > head_until and ((low in _PERSON_WORDS_EN and low == t.lemma) or (
            t.pos == "NOUN" and t.feat("Animacy") == "Anim" and t.lemma not in _ACTORS_RU
            and t.feat("Number") == "Sing"
        )):  # one person of its own; "где мужчин поставили на учёт" is the same group
            return True
    return False


_SELF = frozenset("they them их им они ними".split())


def speaks_of_self(count: Count, sentence: Sentence, credit: Credit | None) -> bool:
    """A figure inside the credit that also counts those the event befell: "Three of them
    say they eventually signed", "Two other men said officers had offered them a contract"."""
    if credit is None or count.span is None:
        return False
    return any(
        t.start >= credit.span.stop and t.text.lower() in _SELF for t in sentence.tokens
    )


def _assign_counts(
    sentence: Sentence, triggers: list[Trigger], counts: list[Count]
) -> dict[int, Count]:
    """Each count to at most one trigger, nearest pairs first; raids take no count."""
    tokens = sentence.tokens
    index_of = {t.start: k for k, t in enumerate(tokens)}

    def token_at(offset: int) -> int:
        if offset in index_of:
            return index_of[offset]
        return min(range(len(tokens)), key=lambda k: abs(tokens[k].start - offset))

    pairs = []
    for ti, trig in enumerate(triggers):
        if trig.event_type == "raid":
            continue
        for ci, count in enumerate(counts):
            if count.span is None:
                continue
            c = token_at(count.span.start)
            lo, hi = sorted((c, trig.first))
            aside = _aside(tokens, c, trig.first) if c < trig.first else None
            kept = [t for k, t in enumerate(tokens[lo:hi], lo)
                    if aside is None or not aside[0] <= k <= aside[1]]
            clauses = sum(1 for t in kept if t.text in (",", ";", ":", "—", "–"))
            score = len(kept) + _CLAUSE_PENALTY * clauses
            if c < trig.first and _in_relative_clause(tokens, c, trig.first):
                # "Three men, who had ignored earlier summonses, were delivered …": the figure
                # is the subject of the main clause, not of the aside about them
                score += _MAX_COUNT_DISTANCE
            if _counts_things(tokens, c):
                # "выявлены 20 нарушителей, возбуждено 10 дел": people before papers; a
                # figure of cases stands for the people only when none is given
                score += _THING_PENALTY
            if c > trig.first and _opens_clause(tokens, c):
                # "All of them were handed summonses, and two who … were escorted": the figure
                # is the subject of the next clause, not the object of this one
                score += _MAX_COUNT_DISTANCE
            if _in_breakdown(tokens, c, counts, ci):
                # "19 протоколов: десять — за …, шесть — за …": the total, not its parts
                score += _MAX_COUNT_DISTANCE
            if score <= _MAX_COUNT_DISTANCE:
                pairs.append((score, ti, ci))
    out: dict[int, Count] = {}
    used: set[int] = set()
    for _, ti, ci in sorted(pairs):
        if ti in out or ci in used:
            continue
        out[ti] = counts[ci]
        used.add(ci)
    return out


_ASIDE_OPENERS = frozenset(
    """who which whom whose that most many some all including mostly among которые который
    которых которым кто среди в том числе большинство""".split()
)


def _aside(tokens: tuple[Token, ...], count_at: int, trigger_at: int) -> tuple[int, int] | None:
    """The comma-closed aside between a subject's figure and its predicate: "About 20 men,
    most of them new citizens, were driven …", «Двоих, которые так и не пришли, доставили …»,
    «14 иностранцев, ожидавших выдворения, подписали …» (token indices of its two commas)."""
    commas = [k for k in range(count_at + 1, trigger_at) if tokens[k].text == ","]
    if len(commas) < 2 or (commas[-1] != trigger_at - 1 and not _adverbial_tail(
        tokens, commas[-1], trigger_at
    )):
        return None
    first = commas[0] + 1
    if first < len(tokens) and tokens[first].text.lower() == "не":
        first += 1
    if first >= len(tokens):
        return None
    opener = tokens[first]
    participle = opener.feat("VerbForm") == "Part" and opener.feat("Variant") != "Short"
    if opener.text.lower() in _ASIDE_OPENERS or opener.lemma in _ASIDE_OPENERS or participle:
        return commas[0], commas[-1]
    return None


def _adverbial_tail(tokens: tuple[Token, ...], comma: int, trigger_at: int) -> bool:
    """Whether only a predicate's own adverbials stand between the aside and the trigger
    ("…, in the same day on a bus delivered"): no other figure or verb."""
    tail = tokens[comma + 1 : trigger_at]
    return all(t.pos not in ("VERB", "NUM") and t.text != "," for t in tail)


# nouns a figure counts that are not people: cases, reports, violations, raids
_THINGS = frozenset(
    """дело протокол материал нарушение правонарушение рейд проверка штраф постановление
    решение case report protocol violation offence offense raid check fine decision""".split()
)
_THING_PENALTY = 10


def _counts_things(tokens: tuple[Token, ...], at: int) -> bool:
    after = tokens[at + 1 : at + 3]
    return any(t.lemma.lower() in _THINGS for t in after)


def _opens_clause(tokens: tuple[Token, ...], at: int) -> bool:
    before = [t.text.lower() for t in tokens[max(0, at - 2) : at]]
    return before == [",", "and"] or before == [",", "и"] or before == [",", "а"]


def _in_breakdown(tokens: tuple[Token, ...], at: int, counts: list[Count], ci: int) -> bool:
    """Whether the figure is a part listed after a colon that closes another figure's phrase."""
    colon = next((k for k in range(at - 1, max(-1, at - 8), -1) if tokens[k].text == ":"), None)
    if colon is None:
        return False
    lo = tokens[max(0, colon - 5)].start
    return any(
        j != ci and c.span is not None and lo <= c.span.start < tokens[colon].start
        for j, c in enumerate(counts)
    )


_RELATIVE = frozenset("who which that whom который которые которых которым кто".split())


def _in_relative_clause(tokens: tuple[Token, ...], count_at: int, trigger_at: int) -> bool:
    """Whether the trigger stands in a comma-opened relative clause that begins after the
    count and closes before the sentence ends."""
    for k in range(trigger_at - 1, count_at, -1):
        if tokens[k].text == "," and k + 1 < len(tokens):
            if tokens[k + 1].text.lower() not in _RELATIVE and tokens[k + 1].lemma not in _RELATIVE:
                return False
            return any(t.text == "," for t in tokens[trigger_at + 1 :])
    return False


_VAGUE = frozenset(
    """several some many few others несколько некоторых некоторые многих многие часть
    кого-то""".split()
)
_PRONOUNS = frozenset("их им они них ними them they their всех все всем all both оба обоих".split())
_WHOLE = frozenset("all both each every все всех оба".split())  # "all of them": the group
_PARTITIVE = frozenset("из по среди of among some many most all".split())
_PERSON_RU = frozenset(
    """житель жительница мужчина женщина мигрант мигрантка иностранец иностранка гражданин
    гражданка уроженец уроженка выходец работник рабочий подзащитный клиент человек""".split()
)
_PERSON_EN = frozenset(
    """man woman migrant foreigner citizen native worker resident client wife husband mother
    father son daughter brother sister cousin nephew driver courier student""".split()
)
_SINGULAR_EN = frozenset("a an the one his her this that".split())
_SUBJECT_REACH = 20
_OBJECT_REACH = 16


def _count_by_reference(
    sentence: Sentence,
    trigger: Trigger,
    lang: Lang,
    assigned: dict[int, Count],
    triggers: list[Trigger],
    context: CountContext,
) -> Count | None:
    """A count the text refers back to ("Их доставили", "суд назначил им"), or one person."""
    credit, previous = context.credit, context.previous
    tokens = sentence.tokens
    lemmas = [t.text.lower() for t in tokens]
    near = range(max(0, trigger.first - 6), min(len(tokens), trigger.first + 7))
    after = lemmas[trigger.first + 1] if trigger.first + 1 < len(tokens) else ""
    if after in _OBJECT_ONE:
        # "drove me to the office", "told him", «задержали его»: the verb's own object
        tok = tokens[trigger.first + 1]
        return Count(1, 1, "exact", tok.text, Span(tok.start, tok.stop, tok.text))
    vague_from = 0 if lemmas[:1] and lemmas[0] in _VAGUE else max(0, trigger.first - 8)
    if any(lemmas[k] in _VAGUE for k in range(vague_from, trigger.first)) or _defined_anew(
        tokens, trigger
    ):
        # "several Kyrgyz he knows were served", «часть посадили в автобус»: a part of no
        # told size, neither the whole group nor one person
        return None
    # "the foreigners among them … they would be deported": a part of the group, unnamed
    subgroup = any(
        lemmas[k] in _PRONOUNS and k > 1 and lemmas[k - 1] in _PARTITIVE
        and lemmas[k - 2] not in _WHOLE
        for k in range(len(tokens))
    )
    if not subgroup and any(
        lemmas[k] in _PRONOUNS
        and (k == 0 or lemmas[k - 1] not in _PARTITIVE)
        and not (credit and credit.span.start <= tokens[k].start < credit.span.stop)
        and not _heads_relative(tokens, k)
        for k in near
    ):
        earlier = [
            assigned[k] for k, t in enumerate(triggers) if k in assigned and t.first < trigger.first
        ]
        if earlier:
            return earlier[-1]
        if previous is not None:
            # the figure was written in an earlier sentence: its value, not its span, carries
            return replace(previous, span=None)
    return _one_person(sentence, trigger, lang, list(context.all_counts), credit) or (
        _named_one(sentence, trigger, context) if lang == "en" else None
    )


_OBJECT_ONE = frozenset("me him her меня его её ее мне ему ей".split())
_DEFINING = frozenset("who которые которых кто".split())


def _defined_anew(tokens: tuple[Token, ...], trigger: Trigger) -> bool:
    """ "Migrants who were not yet citizens were threatened", «Мигрантам, которые ждут
    выдворения, предлагают»: a group the sentence defines afresh, not the figure told before."""
    for k in range(trigger.first - 1):
        nxt = tokens[k + 1].text.lower()
        if nxt == "," and k + 2 < trigger.first:
            nxt = tokens[k + 2].text.lower()
        if nxt not in _DEFINING:
            continue
        tok = tokens[k]
        low = tok.text.lower()
        if (low in _PERSON_WORDS_EN and low != tok.lemma) or (
            tok.feat("Number") == "Plur" and tok.feat("Animacy") == "Anim"
        ):
            return True
    return False


_REST = frozenset("остальных остальные остальным остальными rest remaining".split())


def _the_rest(sentence: Sentence, trigger: Trigger, counts: list[Count]) -> Count | None:
    """ "Задержали 19 рабочих; четверых из них выдворят, остальных оштрафовали": the rest of
    a group whose whole and whose part the sentence gives before it (19 - 4)."""
    tokens = sentence.tokens
    window = range(max(0, trigger.first - 3), min(len(tokens), trigger.first + 4))
    at = next((k for k in window if tokens[k].text.lower() in _REST), None)
    if at is None:
        return None
    told = [c for c in counts if c.span is not None and c.span.stop <= tokens[at].start]
    if len(told) < 2:
        return None
    whole, part = told[-2], told[-1]
    if whole.qualifier != "exact" or part.qualifier != "exact" or whole.min is None or (
        part.min is None or whole.min != whole.max or part.min != part.max
        or whole.min <= part.min
    ):
        return None
    tok = tokens[at]
    value = whole.min - part.min
    return Count(value, value, "exact", tok.text, Span(tok.start, tok.stop, tok.text))


def _heads_relative(tokens: tuple[Token, ...], k: int) -> bool:
    """ "задержали всех, кто пытался скрыться", "all who ran": a group the clause defines,
    not one the text told before."""
    following = [t.text.lower() for t in tokens[k + 1 : k + 3]]
    return following[:1] in (["кто"], ["who"]) or following == [",", "кто"] or (
        following == [",", "who"]
    )


def _one_person(
    sentence: Sentence, trigger: Trigger, lang: Lang, counts: list[Count],
    credit: Credit | None = None,
) -> Count | None:
    """One person the event befell: "a man", «уроженца Душанбе», or — when no group is named
    near the trigger — "he", «его»."""
    tokens = sentence.tokens
    near = range(max(0, trigger.first - 8), min(len(tokens), trigger.first + 8))
    # a subject stretched by a relative clause: "a 28-year-old man who had worked … was held"
    # (the article may stand eight tokens back: "a 28 - year - old Kyrgyz man")
    wide = range(max(0, trigger.first - _SUBJECT_REACH), near.stop)
    # Russian puts the person after the trigger, often past an article number
    # («приговор по ч. 1 ст. 328 УК РФ 27-летнему жителю Томска»)
    after = range(near.start, min(len(tokens), trigger.first + _OBJECT_REACH))
    for k in wide if lang == "en" else after:
        tok = tokens[k]
        if credit is not None and credit.span.start <= tok.start < credit.span.stop:
            continue  # "according to an Uzbek citizen who …": the one who tells it
        if lang == "ru":
            if _one_ru(tok) and not (
                k > 0 and _counted(tokens[k - 1], counts)
            ):  # not «23 человека», «два мигранта»: the noun of a figure
                return Count(1, 1, "exact", tok.text, Span(tok.start, tok.stop, tok.text))
        elif (
            tok.lemma in _PERSON_EN
            and tok.text.lower() == tok.lemma
            and any(t.text.lower() in _SINGULAR_EN for t in tokens[max(0, k - 8) : k])
        ):
            return Count(1, 1, "exact", tok.text, Span(tok.start, tok.stop, tok.text))
        elif _the_other(tokens, k):
            return Count(1, 1, "exact", tok.text, Span(tok.start, tok.stop, tok.text))
    # a number counts a group only when it counts people ("штраф по ст. 21.5", "в 2025 году"
    # name none)
    people = [c.span for c in counts if c.span is not None]
    if any(_names_a_group(tokens[k], lang, people) for k in near):
        return None
    for k in near:
        tok = tokens[k]
        if tok.text.lower() in _HE_SHE:
            return Count(1, 1, "exact", tok.text, Span(tok.start, tok.stop, tok.text))
    if lang == "ru" and near:
        lo, hi = tokens[near.start].start, tokens[near.stop - 1].stop
        for e in sentence.entities:
            if e.type == "PER" and lo <= e.start < hi and not _credited(sentence, e.start):
                return Count(1, 1, "exact", e.text, Span(e.start, e.stop, e.text))
    return None


# what may stand between a named subject and its predicate, or follow a named object:
# "Nurbek was taken", "fined Malika 5,000 rubles", "detained Ivanov on Monday"
_NAME_LINKS = frozenset("was were had has been is also then later".split())
_NAME_FOLLOWERS = frozenset(
    """was were had has is and on in at to for after before with by from , . ; : — who
    signed refused""".split()
)
_CALENDAR_EN = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)


def _named_one(sentence: Sentence, trigger: Trigger, context: CountContext) -> Count | None:
    """One person named right at the predicate: "Nurbek was taken to the enlistment office",
    "a court fined Malika 5,000 rubles" (not "detained Tajik workers", a credit or a place)."""
    tokens = sentence.tokens
    k = trigger.first - 1
    while k > 0 and tokens[k].text.lower() in _NAME_LINKS:
        k -= 1
    for at in (k, trigger.first + 1):
        if not 0 < at < len(tokens) - 1:
            continue
        tok, nxt = tokens[at], tokens[at + 1]
        if not tok.text[:1].isupper() or tok.text.lower() in _CALENDAR_EN:
            continue
        if tokens[at - 1].text[:1].isupper() or nxt.text[:1].isupper():
            continue  # a longer name: an office, a court, a place
        if nxt.text.lower() not in _NAME_FOLLOWERS and nxt.pos != "NUM" and not (
            nxt.text[:1].isdigit()
        ):
            continue
        if any(sp.start <= tok.start < sp.stop for sp in context.places) or (
            context.credit is not None
            and context.credit.span.start <= tok.start < context.credit.span.stop
        ):
            continue
        if any(e.start == tok.start and e.stop == tok.stop for e in sentence.entities):
            return Count(1, 1, "exact", tok.text, Span(tok.start, tok.stop, tok.text))
    return None


def _the_other(tokens: tuple[Token, ...], k: int) -> bool:
    """ "the other refused and was released": one of two, standing alone as the subject."""
    if tokens[k].text.lower() != "other" or k == 0 or tokens[k - 1].text.lower() != "the":
        return False
    nxt = tokens[k + 1].text.lower() if k + 1 < len(tokens) else ""
    return nxt.endswith("ed") or nxt in ("was", "had", "is", "has", "got", "signed")


def _one_ru(tok: Token) -> bool:
    """A person in the singular: «уроженца Душанбе», «врача-реаниматолога», «медика» (an
    animate noun that is not one of those who act or speak)."""
    if tok.feat("Number") != "Sing":
        return False
    if tok.lemma in _PERSON_RU:
        return True
    return (
        tok.pos == "NOUN"
        and tok.feat("Animacy") == "Anim"
        and tok.lemma not in _ACTORS_RU
        and tok.lemma not in _SPEAKERS_RU
    )


_SPEAKERS_RU = frozenset(
    """представитель глава начальник руководитель адвокат юрист правозащитник координатор
    корреспондент журналист эксперт депутат министр губернатор мэр прокурор омбудсмен
    уполномоченный собеседник очевидец свидетель источник автор""".split()
)


def _counted(tok: Token, counts: list[Count]) -> bool:
    return any(c.span is not None and c.span.start <= tok.start < c.span.stop for c in counts)


def _credited(sentence: Sentence, at: int) -> bool:
    """"по словам адвоката Ивана Петрова": a name that gives the account, not one it tells of."""
    before = [t.lemma for t in sentence.tokens if t.stop <= at][-3:]
    return bool(set(before) & _CREDIT_WORDS_RU)


_CREDIT_WORDS_RU = frozenset(
    "слово адвокат юрист правозащитник координатор представитель глава начальник сообщить "
    "рассказать заявить пояснить уточнить".split()
)


# a single person named by a pronoun: "he was stripped of his citizenship", «его задержали»
_HE_SHE = frozenset("he him she her он его ему она её ее ей".split())
_GROUP_EN = frozenset("they them their men people workers migrants others".split())


def _names_a_group(tok: Token, lang: Lang, people: list[Span]) -> bool:
    if tok.text.lower() in _PRONOUNS:
        return True
    if tok.pos == "NUM":
        return any(sp.start <= tok.start < sp.stop for sp in people)
    if lang == "ru":
        return tok.pos == "NOUN" and tok.feat("Number") == "Plur" and tok.lemma in _PERSON_RU
    return tok.text.lower() in _GROUP_EN
