"""Event triggers: codebook rules matched over lemmas, minus negated, modal, future and
back-referring mentions, within the codebook's scope.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace

from khronika.codebook import (
    Codebook,
    LangLexicon,
    Phrase,
    PhraseSet,
    Rule,
    find_phrases,
    match_phrase,
    normalize,
)
from khronika.model import EventType, Lang, Sentence, Span, Token

COMPONENT = "khronika.events.v1"

# How far before a trigger a negation or a modal word still governs it (tokens). Russian puts
# "не" right before the verb; "would lose their citizenship and be deported", «планирует
# провести на рынках города новые рейды» need eight.
_NEGATION_REACH = 3
_PUNCTUATION = frozenset(",;:—–-()")
_MODAL_REACH = 8
# How many sentences before a claim sentence may supply its domain cue ("Их доставили в
# военкоматы" after a sentence about migrants).
_DOMAIN_REACH = 2
# How far after a noun trigger its predicate is looked for, within its clause (tokens).
_PREDICATE_REACH = 8
_CLAUSE_BREAKS = frozenset(", ; : — – ( ) .".split())
_PREPOSITIONS_EN = frozenset("of for into about in by without from on".split())
# verbs after which an infinitive reports a decision taken, not a plan: "суд постановил выдворить"
_DECISION_RU = frozenset("постановить решить обязать приговорить распорядиться".split())
# "decided to strip him of citizenship", "the court ordered him to be expelled": a decision
# taken is the event; "offered the option to enlist", "refused to sign" are not
_DECISION_EN = frozenset("decide decided vote voted order ordered sentence rule".split())
_ARRIVAL_EN = frozenset("come arrive".split())
_PRESSURE_EN = frozenset("persuade convince pressure push coerce force recruit".split())
_DENIAL = frozenset("опровергнуть опровергать отрицать deny".split())
_REPORTS = frozenset("сообщение информация report reports claim".split())
_NOT_NEGATING = frozenset(
    "менее меньше более больше только раз мало много позднее позже ранее less more only "
    # "не прекращаются проверки": stopping negated goes on
    "прекращаться прекратиться утихать стихать".split()
)


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: EventType
    first: int  # token index of the trigger word
    last: int  # token index one past the last token any group of the rule matched
    span: Span


def sentence_lemmas(sentence: Sentence) -> list[str]:
    return [normalize(t.lemma) for t in sentence.tokens]


def find_triggers(
    sentences: list[Sentence],
    index: int,
    lang: Lang,
    codebook: Codebook,
    *,
    title_lemmas: list[str] | None = None,
    scope: DocumentScope | None = None,
) -> list[Trigger]:
    """Triggers of sentence ``index``, at most one per event type at each token.

    Pass ``scope`` (``document_scope(...)``, once per document) when calling for every
    sentence: the scope test looks at the whole document.
    """
    sentence = sentences[index]
    lex = codebook.lexicons[lang]
    if scope is None:
        scope = document_scope(sentences, lang, codebook, title_lemmas=title_lemmas)
    lemmas = scope.lemmas[index]
    if not _in_scope(scope, index) or is_furniture(sentence.text) or is_heading(sentence.text):
        return []
    found: list[Trigger] = []
    seen: set[tuple[EventType, int]] = set()
    words = set(lemmas)
    for rule in codebook.rules_for(lang):
        head = rule.groups[0]
        if isinstance(head, PhraseSet) and not head.could_match(words):
            continue  # most rules have no head word in a given sentence
        for first, last, earliest in _match_rule(rule, lemmas):
            key = (rule.event, first)
            if key in seen:
                continue
            if _is_blocked(sentence, lemmas, first, earliest, lang, lex):
                continue
            if _contrasted(lemmas, first, last):
                continue
            seen.add(key)
            tok = sentence.tokens[first]
            found.append(Trigger(rule.event, first, last, Span(tok.start, tok.stop, tok.text)))
    if lang == "en":
        found += _bare_signed(sentence, lemmas, lex, seen)
    found.sort(key=lambda t: t.first)
    found = _placed_for_expulsion(found, lemmas)
    return _without_recaps(found, sentence.tokens) if lang == "en" else found


_CLAUSE_END = frozenset(". , ; : — – ! ?".split())


def _bare_signed(
    sentence: Sentence, lemmas: list[str], lex: LangLexicon, seen: set[tuple[EventType, int]]
) -> list[Trigger]:
    """"In the end he gave in and signed.": in a story about army contracts (the scope test
    has found one near), "signed" with no object closing its clause is signing up."""
    tokens = sentence.tokens
    out = []
    for i, tok in enumerate(tokens):
        if tok.text.lower() != "signed" or ("enlistment", i) in seen:
            continue
        closes = i + 1 == len(tokens) or tokens[i + 1].text in _CLAUSE_END
        if not closes or (i > 0 and lemmas[i - 1] in ("be", "get")):
            continue  # "was signed": a paper, not a man; "gave in and signed" is a man
        if _is_blocked(sentence, lemmas, i, i, "en", lex):
            continue
        out.append(Trigger("enlistment", i, i + 1, Span(tok.start, tok.stop, tok.text)))
    return out


# "the court fined 14 migrants who were detained last week during an inspection": what the
# court did is the news; the detention and the check are how the people came before it
_COURT_EVENTS = frozenset({"prosecution", "deportation"})
# "after a raid" often tells the only raid of the story (a court "fined 40 migrants after a
# raid on a site"); Russian recaps name their check's date and agent and are coded
_RECAP_OPENERS = frozenset({"during"})
# an auxiliary or a conjunction before "-ed" makes it a verb of its own: "and placed them"
_EN_AUX = frozenset("was were been be is are had have has and or but then".split())


_EXPULSION = frozenset("выдворение выдворить выдворять депортация депортировать expel expulsion "
                       "deport deportation".split())
_ORDERED = frozenset("суд решение постановление назначить order ruling".split())
_CENTRE = frozenset("центр цвсиг спецприёмник спецприемник centre center facility".split())


def _placed_for_expulsion(found: list[Trigger], lemmas: list[str]) -> list[Trigger]:
    """«по решению суда помещены в центр временного содержания для последующего выдворения»,
    "ordered to be expelled and placed in the detention centre": the placement carries out a
    court-ordered expulsion, which is the event; it is no detention of its own."""
    words = set(lemmas)
    if not (words & _EXPULSION and words & _ORDERED):
        return found
    placed = [t for t in found if t.event_type == "detention"
              and _CENTRE & set(lemmas[t.first : t.last + 1])]
    if not placed:
        return found
    kept = [t for t in found if t not in placed]
    if any(t.event_type == "deportation" for t in kept):
        return kept
    if not _EXPULSION & set(lemmas[placed[0].first :]):
        return found  # "those ordered expelled are being held …": held, the order told before
    # «помещены … для последующего выдворения»: the expulsion the placement is for
    return sorted([*kept, replace(placed[0], event_type="deportation")], key=lambda t: t.first)


def _without_recaps(found: list[Trigger], tokens: tuple[Token, ...]) -> list[Trigger]:
    court = [t.first for t in found if t.event_type in _COURT_EVENTS]
    if not court:
        return found
    return [t for t in found if not (t.first > court[0] and _is_recap(t, tokens, court[0]))]


def _is_recap(trigger: Trigger, tokens: tuple[Token, ...], court_at: int) -> bool:
    at = trigger.first
    before = [tok.text.lower() for tok in tokens[max(court_at + 1, at - 3) : at]]
    if trigger.event_type == "raid":
        return bool(set(before) & _RECAP_OPENERS)
    if trigger.event_type != "detention":
        return False
    if "who" in before:
        return True  # "who were detained"
    word = tokens[at].text.lower()
    # "31 workers detained at the site": a participle right after the people it names
    return word.endswith("ed") and bool(before) and before[-1] not in _EN_AUX and (
        before[-1].isalpha()
    )


def mentioned_events(sentence: Sentence, lang: Lang, codebook: Codebook) -> frozenset[EventType]:
    """Event types whose trigger words a sentence uses at all, negated or not ("denied that
    anyone had been pressured" names recruitment pressure without its contract)."""
    lemmas = sentence_lemmas(sentence)
    return frozenset(
        r.event
        for r in codebook.rules_for(lang)
        if any(match_phrase(lemmas, i, p) for i in range(len(lemmas)) for p in r.groups[0])
    )


def _candidates(group: tuple[Phrase, ...], word: str) -> tuple[Phrase, ...]:
    return group.candidates(word) if isinstance(group, PhraseSet) else group


def _match_rule(rule: Rule, lemmas: list[str]) -> list[tuple[int, int, int]]:
    out = []
    head, rest = rule.groups[0], rule.groups[1:]
    for i in range(len(lemmas)):
        if not any(match_phrase(lemmas, i, p) for p in _candidates(head, lemmas[i])):
            continue
        lo, hi = max(0, i - rule.window), min(len(lemmas), i + rule.window + 1)
        last = i + 1
        earliest = i
        ok = True
        for group in rest:
            hits = [
                j
                for j in range(lo, hi)
                if j != i
                for p in _candidates(group, lemmas[j])
                if match_phrase(lemmas, j, p)
            ]
            if not hits:
                ok = False
                break
            nearest = min(hits, key=lambda j: abs(j - i))
            last = max(last, nearest + 1)
            earliest = min(earliest, nearest)
        if not ok:
            continue
        window = lemmas[lo:hi]
        if rule.none and find_phrases(window, rule.none):
            continue
        out.append((i, last, earliest))
    return out


def _is_blocked(
    sentence: Sentence,
    lemmas: list[str],
    first: int,
    earliest: int,
    lang: Lang,
    lex: LangLexicon,
) -> bool:
    """Whether a matched trigger tells no event: negated, modal, a back-reference, denied, or
    (by the language's own grammar) a plan, a participle naming people, a future."""
    tokens = sentence.tokens
    # "контракт им не предлагали": the head word's own "не" negates it too
    if _is_negated(lemmas, earliest, lex) or _is_negated(lemmas, first, lex):
        return True
    if find_phrases(lemmas[max(0, first - _MODAL_REACH) : first], lex.modal):
        return True
    if _is_back_reference(tokens, lemmas, first, lang, lex) or _is_denied(lemmas, first):
        return True
    if _is_conditional(tokens, lemmas, first) or _is_lacking(lemmas, first):
        return True
    near = lemmas[max(0, first - _HABITUAL_REACH) : first + _HABITUAL_REACH + 1]
    if lex.habitual and find_phrases(near, lex.habitual):
        return True
    if lang == "ru":
        return _is_blocked_ru(tokens, lemmas, first)
    return _is_blocked_en(tokens, lemmas, first)


_NOT_THERE = frozenset("not не".split())
_TO = frozenset("to into at in в на к".split())
_BUT = frozenset("but а instead".split())


def _contrasted(lemmas: list[str], first: int, last: int) -> bool:
    """"taken not to the police station but to the enlistment office", «повезли не в отдел, а
    в военкомат»: the place that makes the match is the one denied."""
    for k in range(first + 1, last):
        if lemmas[k] in _NOT_THERE and lemmas[k + 1] in _TO:
            return not _BUT & set(lemmas[k:last])  # the match ends at the place affirmed
    return False


def _is_negated(lemmas: list[str], earliest: int, lex: LangLexicon) -> bool:
    # words, not commas: "did not, however, register" is as near as "did not register"
    words = [k for k in range(earliest - 1, -1, -1) if lemmas[k] not in _PUNCTUATION]
    lo = min(words[:_NEGATION_REACH], default=earliest)
    for _start, stop in find_phrases(lemmas[lo:earliest], lex.negation):
        # "не менее 100 задержанных", "not only": the negation belongs to the quantity
        following = lemmas[lo + stop] if lo + stop < len(lemmas) else ""
        if following not in _NOT_NEGATING:
            return True
    return False


def _is_back_reference(
    tokens: tuple[Token, ...], lemmas: list[str], first: int, lang: Lang, lex: LangLexicon
) -> bool:
    """People named by an event told elsewhere: "из задержанных", "среди задержанных", "of
    those detained"."""
    trigger = tokens[first]
    before = lemmas[max(0, first - 2) : first]
    if before[-2:] == ["тот", "быть"]:
        return False  # "то есть облава": "that is", not "of those"
    if first and tokens[first - 1].text.lower() == "that" and not _singular_noun(trigger):
        return False  # "reports that checks are under way": "that" opens a clause
    hits = find_phrases(before, lex.reference)
    if lang == "ru":
        # "из задержанных", "из числа задержанных"; "из региона выдворено" names a place
        hits = [h for h in hits if before[h[0]] != "из" or h[1] == len(before)
                or before[-1] in _REFERENCE_GAP_RU]
    if not hits:
        return False
    if trigger.pos not in ("VERB", "ADJ", "NOUN", "X"):
        return False
    return lang == "en" or trigger.feat("VerbForm") == "Part" or trigger.pos in ("NOUN", "ADJ")


_REFERENCE_GAP_RU = frozenset({"число", "ряд", "кто", ","})


def _singular_noun(token: Token) -> bool:
    """"that raid" points back; "that checks were held", "that detained men" do not."""
    word = token.text.lower()
    return not word.endswith(("s", "ed", "ing")) or word.endswith("ss")


# How far from a trigger "регулярно", "routinely", "in previous years" make it a habit, not an
# event (tokens).
_HABITUAL_REACH = 10
# Words opening a clause that states a condition, not an event: "If someone had their
# documents checked, it was for security reasons."
_CONDITIONS = frozenset("if unless whether whoever если".split())
# "пришёл сам, без повестки", "arrived without a summons": the trigger names what was not there
_LACKING = frozenset("без without".split())


def _is_conditional(tokens: tuple[Token, ...], lemmas: list[str], first: int) -> bool:
    # a chapter's time stamp ("(14:20) How many men …") is not the sentence's opening word
    opening = [w for w in lemmas[:8] if any(c.isalpha() for c in w)][:2]
    if opening[:1] and opening[0] in _CONDITIONS:
        return True  # "Если этого не произошло, военкомат направляет …": the rule, not a case
    if opening[:1] == ["сколько"] or opening == ["how", "many"]:
        return True  # "Сколько человек увезли, не уточняют": a question, not a report
    for k in range(first - 1, -1, -1):
        if tokens[k].text in _CLAUSE_BREAKS:
            return False
        if lemmas[k] in _CONDITIONS or lemmas[k : k + 2] == ["anyone", "who"]:
            return True
    return False


def _is_lacking(lemmas: list[str], first: int) -> bool:
    before = [lemmas[k] for k in range(max(0, first - 2), first)]
    return bool(before) and (
        before[-1] in _LACKING or (len(before) == 2 and before[0] in _LACKING
                                   and before[1] in ("a", "an", "any"))
    )


def _is_denied(lemmas: list[str], first: int) -> bool:
    # "denied that anyone had offered …" — but "опроверг сообщения о том, что …" reports a claim
    denial = [k for k in range(first) if lemmas[k] in _DENIAL]
    return bool(denial) and not any(lemmas[k] in _REPORTS for k in range(denial[-1], first))


def _is_blocked_ru(tokens: tuple[Token, ...], lemmas: list[str], first: int) -> bool:
    trigger = tokens[first]
    before = [tok.text.lower() for tok in tokens[max(0, first - 3) : first]]
    if trigger.pos == "VERB" and "мы" in before and not _passive(trigger):
        return True  # "Мы отправили запрос в военкомат": the newsroom's own doings ("нас" is not)
    if trigger.feat("VerbForm") == "Inf" and not (
        set(lemmas[max(0, first - 3) : first]) & _DECISION_RU
    ):
        return True
    if (
        trigger.feat("VerbForm") == "Part"
        and trigger.feat("Variant") != "Short"
        and trigger.text.lower().endswith(_ADJECTIVE_ENDINGS)
        and not _counted_participle(tokens, first)
    ):
        return True  # "задержанные нарушили правила": who, not what happened
    # the tagger reads a capitalised noun opening a sentence ("Рейды начнутся …") as a name
    if trigger.pos in ("NOUN", "PROPN") and _noun_negated_or_future_ru(tokens, lemmas, first):
        return True
    if _is_future(trigger):
        return True
    return _future_before_ru(tokens, first)


def _future_before_ru(tokens: tuple[Token, ...], first: int) -> bool:
    """A future verb of the trigger's own clause: «будут выдворены»; not one of the clause
    before («объяснили, что их лишат гражданства, и предложили подписать контракт»)."""
    for k in range(first - 1, max(-1, first - _MODAL_REACH - 1), -1):
        tok = tokens[k]
        if tok.text in _CLAUSE_BREAKS and k + 1 < first and tokens[k + 1].lemma in _AND_RU:
            return False
        if tok.pos in ("VERB", "AUX") and _is_future(tok) and tok.lemma not in _DISCOURSE_RU:
            return True
    return False


_AND_RU = frozenset("и а но".split())


# a full participle declines like an adjective; the tagger sometimes calls a noun one
# ("то есть, попросту говоря, облава")
_ADJECTIVE_ENDINGS = tuple(
    "ый ий ой ая яя ое ее ые ие ого его ому ему ым им ую юю ых их ыми ими ом ем".split()
)


# "Напомним, облава …", "Добавим, что …": the writer's aside, future in form only
_DISCOURSE_RU = frozenset("напомнить добавить отметить уточнить подчеркнуть".split())


def _passive(tok: Token) -> bool:
    return tok.feat("Voice") == "Pass" or tok.feat("VerbForm") == "Part"


def _is_future(tok: Token) -> bool:
    # the tagger reads "будут" in "будут проводиться" as present tense
    return tok.feat("Tense") == "Fut" or (
        tok.lemma == "быть" and tok.text.lower().startswith("буд")
    )


# words that give a figure: "задержанных около сотни", "задержанных уже более 600 человек"
_QUANTITY_RU = frozenset("около более менее свыше порядка почти сотня десяток тысяча".split())
_COUNT_REACH = 6
_COMPARATIVE_RU = frozenset("больше меньше".split())
_GUESS_RU = frozenset("мочь должный".split())


def _counted_participle(tokens: tuple[Token, ...], first: int) -> bool:
    """"Задержанных около сотни": a plural participle in the genitive that a figure follows
    in its clause tells how many, so the event happened."""
    trigger = tokens[first]
    if trigger.feat("Case") != "Gen" or trigger.feat("Number") != "Plur":
        return False
    for tok in tokens[first + 1 : first + 1 + _COUNT_REACH]:
        if tok.text in _CLAUSE_BREAKS or tok.lemma in _GUESS_RU:
            return False  # "число задержанных могло быть больше": a guess, not a figure
        if (tok.pos == "NUM" and tok.lemma not in _COMPARATIVE_RU) or tok.lemma in _QUANTITY_RU:
            return True
    return False


def _noun_negated_or_future_ru(tokens: tuple[Token, ...], lemmas: list[str], first: int) -> bool:
    after = lemmas[first + 1 : first + 9]
    if any(a == "не" and (b == "быть" or tok.pos == "VERB")
           for (a, b), tok in zip(itertools.pairwise(after), tokens[first + 2 :], strict=False)):
        return True  # "Задержаний не было", "выдворение к ним не применялось"
    # "выдворение станет основной мерой", "… должно стать", "рейды на рынках края
    # продолжатся": the noun's own predicate is the first finite verb of its clause
    for tok in tokens[first + 1 : first + 1 + _PREDICATE_REACH]:
        if tok.lemma == "должный":
            return True
        if tok.pos in ("VERB", "AUX") and tok.feat("VerbForm") in (None, "Fin"):
            return _is_future(tok)
        if tok.text in _CLAUSE_BREAKS:
            return False
    return False


def _is_blocked_en(tokens: tuple[Token, ...], lemmas: list[str], first: int) -> bool:
    if first > 0 and lemmas[first - 1] == "to" and not _decided_en(lemmas, first - 1):
        return True  # "offered the option to enlist", "refused to sign"
    if lemmas[max(0, first - 2) : first] == ["to", "be"] and not _decided_en(lemmas, first - 2):
        return True  # "while they wait to be deported"; but "ordered to be expelled"
    if lemmas[max(0, first - 2) : first] == ["or", "be"]:
        return True  # "must leave Russia or be deported": an alternative, not an event
    if _coordinated_infinitive(tokens, lemmas, first):
        return True  # "the aim was to bring in reinforcements and take him to the station"
    if _future_predicate_en(tokens, first):
        return True  # "Raids to find illegal migrants will continue at markets"
    if _is_attributive_en(tokens, first):
        return True  # "the detained men", "pressured detained migrants"
    # "the option of enlisting", "in return for signing"; "said that signing a contract
    # would …": a gerund opening a clause names an act, it does not tell one
    return (
        first > 0
        and tokens[first].text.lower().endswith("ing")
        and tokens[first - 1].text.lower() in (*_PREPOSITIONS_EN, "that")
    )


def _coordinated_infinitive(tokens: tuple[Token, ...], lemmas: list[str], first: int) -> bool:
    """A bare verb after "and" that shares an earlier "to" of its clause."""
    if first < 2 or lemmas[first - 1] != "and" or tokens[first].text.lower() != lemmas[first]:
        return False
    for k in range(first - 2, max(-1, first - 8), -1):
        if tokens[k].text in _CLAUSE_BREAKS:
            return False
        if lemmas[k] == "to":
            return not _decided_en(lemmas, k)
    return False


def _decided_en(lemmas: list[str], to: int) -> bool:
    """"decided to strip", "came in to check the staff's papers", "tried again to persuade
    him": a decision taken, a visit's purpose, an attempt at pressure are what happened."""
    before = set(lemmas[max(0, to - 3) : to])
    # "ordered five of them to be expelled": the decision's object stands between
    decided = set(lemmas[max(0, to - 5) : to]) & _DECISION_EN
    if before & _EN_FUTURE:
        return False
    if decided or before & _ARRIVAL_EN:
        return True
    return "try" in before and to + 1 < len(lemmas) and lemmas[to + 1] in _PRESSURE_EN


_EN_FUTURE = frozenset("will would shall".split())
# words before a trigger that make it a noun: "the raids", "further checks", "mass round-ups"
_EN_NOUN_OPENERS = frozenset(
    "the a an these those such further more new mass similar regular".split()
)


def _future_predicate_en(tokens: tuple[Token, ...], first: int) -> bool:
    """A noun trigger whose own predicate, a few words on in its clause, is future."""
    word = tokens[first].text.lower()
    if word.endswith(("ed", "ing")) or tokens[first].pos == "NUM":
        return False
    if first > 0 and tokens[first - 1].text.lower() not in _EN_NOUN_OPENERS:
        return False  # "officers told them they would …": a verb, not a noun
    for tok in tokens[first + 1 : first + 1 + _PREDICATE_REACH]:
        if tok.text in _CLAUSE_BREAKS or tok.text.lower() in _EN_AUXILIARIES:
            return False
        if tok.text.lower() in _EN_FUTURE:
            return True
    return False


_EN_DETERMINERS = frozenset(
    "the a an these those all many some several newly recently other".split()
)
_EN_AUXILIARIES = frozenset("was were is are have has had be been".split())
_EN_NOT_NOUN = frozenset(
    "at in on by from to for during after and or but with into as than while over".split()
)


def _is_attributive_en(tokens: tuple[Token, ...], i: int) -> bool:
    word = tokens[i].text.lower()
    if not word.endswith("ed") or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1].text
    if i == 0:
        # "Detained migrants were offered …": a participle opening the sentence before its noun
        return nxt.isalpha() and nxt.islower() and nxt not in _EN_NOT_NOUN | _EN_AUXILIARIES
    prev = tokens[i - 1].text.lower()
    before_ok = prev in _EN_DETERMINERS or (prev.endswith("ed") and prev.isalpha())
    return before_ok and nxt.isalpha() and nxt.islower() and nxt not in _EN_NOT_NOUN


# Labels that open page furniture, not reporting: links to other stories, captions, tag lines.
_FURNITURE_LABELS = (
    "читайте также", "читайте еще", "читайте ещё", "смотрите также", "по теме",
    "подпись к", "фото:", "видео:", "read also", "read more", "see also", "related:",
    "caption:", "photo:", "video:", "more on this", "tags:", "теги:", "метки:",
    "infographic:", "инфографика:",
)
# A section heading inside a page ("Workplace raids", «Облавы на рынках») names a topic the
# paragraphs below tell; it has no verb phrase, figure or full stop of its own.
_HEADING_WORDS = 5
_SENTENCE_END = tuple('.!?…»"”)')


def is_heading(text: str) -> bool:
    """A short line with no figure and no closing punctuation: a heading, not a report."""
    line = text.strip()
    return (
        len(line.split()) <= _HEADING_WORDS
        and not any(ch.isdigit() for ch in line)
        and not line.endswith(_SENTENCE_END)
    )


def is_furniture(text: str) -> bool:
    """A line of page furniture: a "Read also" link, a caption, a row of hashtags."""
    head = " ".join(text.split()).casefold()
    if head.startswith(_FURNITURE_LABELS):
        return True
    words = head.split()
    return len(words) > 1 and sum(w.startswith("#") for w in words) * 2 >= len(words)


# Words that open a sentence continuing the previous one's subject ("Most of them …").
_CONTINUING = frozenset("они их них им ими they them their".split())
_OPENING = 3


@dataclass(frozen=True, slots=True)
class DocumentScope:
    """Per-sentence lemmas and scope cues of one document, computed once."""

    lemmas: tuple[list[str], ...]
    out: tuple[bool, ...]
    domain: tuple[bool, ...]
    title_out: bool
    title_domain: bool
    anchored: bool = True


def document_scope(
    sentences: list[Sentence],
    lang: Lang,
    codebook: Codebook,
    *,
    title_lemmas: list[str] | None = None,
) -> DocumentScope:
    lex = codebook.lexicons[lang]
    lemmas = tuple(sentence_lemmas(s) for s in sentences)
    title = title_lemmas or []
    return DocumentScope(
        lemmas=lemmas,
        out=tuple(_out_of_scope(lem, lex) for lem in lemmas),
        domain=tuple(bool(find_phrases(lem, lex.domain)) for lem in lemmas),
        title_out=bool(find_phrases(title, lex.out)),
        title_domain=bool(find_phrases(title, lex.domain)),
        anchored=not lex.anchor
        or any(find_phrases(lem, lex.anchor) for lem in (title, *lemmas)),
    )


# "since the terrorist attack": an out-of-scope event as a point in time ("after the brawl"
# is its cause: the detentions that follow are that story)
_SINCE = frozenset({"since"})
# "after the attack" is a point in time too when what follows is a wave, not one arrest:
# «после теракта массовые проверки идут по всей стране», "after the attack, raids were stepped up"
_AFTER = frozenset({"после", "с", "after", "following"})
_WAVE = frozenset(
    "массовый массово усилить усиливать ужесточить участиться волна повсеместно"
    " mass stepped step intensify intensified wave crackdown nationwide countrywide".split()
)


def _out_of_scope(lemmas: list[str], lex: LangLexicon) -> bool:
    """Whether a sentence is about another subject; one named only as the time since which
    things happen ("since the terrorist attack, raids have …") leaves it in scope."""
    for start, stop in find_phrases(lemmas, lex.out):
        before = lemmas[max(0, start - 3) : start]
        if before[-1:] == ["migration"]:
            continue  # "violations of migration legislation" is this story's own law
        if lemmas[stop : stop + 1] == ["age"]:
            continue  # "men of fighting age" are who the recruiters look for
        wave = bool(_AFTER & set(before)) and bool(_WAVE & set(lemmas[stop:]))
        since = wave or bool(_SINCE & set(before))
        if not since or any(w in _PUNCTUATION for w in before):
            return True
    return False


# Where the stories this codebook is about happen: Russia and the countries its migrants come
# from. An English page naming no anchor word and no place in these is about somewhere else.
ANCHOR_COUNTRIES = frozenset("RU TJ UZ KG KZ TM AZ AM GE MD BY".split())


def is_anchored(scope: DocumentScope, countries: Iterable[str | None]) -> bool:
    """Whether a document is set where the codebook's stories happen: an anchor word, or
    places in ``ANCHOR_COUNTRIES`` at least as often as elsewhere (a flight "via Moscow" in a
    story about deportations from Arizona to Punjab does not set it in Russia)."""
    if scope.anchored:
        return True
    inside = outside = 0
    for country in countries:
        if country in ANCHOR_COUNTRIES:
            inside += 1
        elif country:
            outside += 1
    return inside > 0 and inside >= outside


def _in_scope(scope: DocumentScope, index: int) -> bool:
    if scope.out[index]:
        return False
    if index > 0 and _CONTINUING & set(scope.lemmas[index][:_OPENING]) and scope.out[index - 1]:
        return False  # "… were killed in Ukraine. Most of them had been sent to the front."
    if scope.domain[index]:
        return True
    if scope.title_out or any(scope.out[max(0, index - _DOMAIN_REACH) : index]):
        return False
    # the story is in the domain when anything in it is ("Особое внимание уделяли иностранцам"
    # three sentences after the detentions it explains)
    return any(scope.domain) or scope.title_domain
