"""Assemble claims from one document's sentences: triggers, places, dates, counts, sources,
certainty, actors and targets, with the story's context carried between sentences.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass, field, replace
from typing import Protocol

from khronika.codebook import Codebook
from khronika.extract.accounts import account_sources
from khronika.extract.assign_counts import CountContext, counts_of_triggers, speaks_of_self
from khronika.extract.attribution import Credit, Cues, find_credit, find_cues
from khronika.extract.background import is_habitual, looks_back
from khronika.extract.backref import credits_back
from khronika.extract.counts import extract_counts
from khronika.extract.dateline import is_dateline, opens_dateline
from khronika.extract.dates import extract_dates, is_bound, names_rite
from khronika.extract.events import (
    Trigger,
    document_scope,
    find_triggers,
    is_anchored,
    mentioned_events,
    sentence_lemmas,
)
from khronika.extract.footage import without_retold_footage
from khronika.extract.lede import Dated, lede_dates
from khronika.extract.persons import person_named
from khronika.extract.posts import forwarded_from, post_date
from khronika.extract.relative import extract_relative_date
from khronika.extract.story_sources import bare_back_reference, own_outlet, resolve_back
from khronika.extract.weekdays import within_week
from khronika.geocode import Geocoder
from khronika.model import (
    UNKNOWN_DATE,
    UNKNOWN_PLACE,
    Actor,
    Certainty,
    Claim,
    Count,
    DateRange,
    Document,
    EventType,
    Evidence,
    Lang,
    Place,
    Sentence,
    Target,
    Token,
)

COMPONENT = "khronika.claims.v1"
# words before a place that make it a landmark for another: "near Moscow", "south of Moscow",
# «под Красноярском», «южнее Тулы»
_REFERENCE_BEFORE = frozenset(
    """near outside около возле близ под south north east west southeast southwest northeast
    northwest южнее севернее восточнее западнее""".split()
)
_LIST_LINKS = frozenset({",", "и", "and", "а", "также", "or", "или"})
# "in Barnaul and in the Murmansk region", "в Казани и в Уфе": a repeated preposition still
# continues the list when a conjunction joins it ("Moscow, in the Kaluga region" does not)
_LIST_PREPOSITIONS = frozenset({"in", "the", "в", "во"})
_CONJUNCTIONS = frozenset({"и", "and", "or", "или"})


@dataclass
class Story:
    """The context carried from sentence to sentence: who is credited, where and when the
    story is, who acts on whom, the last figure told, and the widest period named so far
    ("На прошлой неделе …", "In the last three months of 2023 …": the date of a round-up item
    that names no date of its own)."""

    sources: tuple[str, ...] = ()
    places: list[Place] = field(default_factory=list)
    date: DateRange | None = None
    actors: tuple[Actor, ...] = ()
    targets: tuple[Target, ...] = ()
    last_count: Count | None = None
    frame: DateRange | None = None
    published: dt.date | None = None
    date_of_check: bool = False  # the story's day was told for a check or detention only
    court: DateRange | None = None  # the day or days the story's court outcomes were told
    check: DateRange | None = None  # the day of the story's last check or detentions
    person: str = ""  # the person last named as a speaker or subject: whom "he says" means

    def new_item(self, *, names_place: bool = True) -> Story:
        """A round-up's next item: its place, date and source start afresh. A dash line
        that names no place of its own (a quoted speaker's words, a wire lede after its
        dateline) stays where the story was."""
        return Story(actors=self.actors, targets=self.targets, frame=self.frame,
                     published=self.published,
                     places=[] if names_place else list(self.places))

    def advance(self, facts: SentenceFacts) -> None:
        """Move on past a sentence, after its claims took what they needed."""
        if facts.credit and not facts.credit.generic:
            self.sources = facts.credit.sources
            self.person = facts.person  # a body credited: no "he" to mean any more
        elif facts.person:
            self.person = facts.person
        if facts.places:
            self.places = facts.places
        told = [d for d in facts.dates if not is_bound(d)]
        if told and (facts.triggers or told[0].precision != "year"):
            # a bare year in a sentence telling no event is background ("came to Surgut in
            # 2019"), not the story's date
            # the date its event took; with no event, the narrowest date told: "в аэропорту,
            # где в ноябре открылся пункт контроля, во вторник встречали рейсы" is Tuesday
            self.date = (_nearest_date(facts.triggers[0], told) if facts.triggers else None) \
                or min(told, key=_days)
            self.date_of_check = bool(facts.triggers) and all(
                t.event_type in _CHECKS for t in facts.triggers)
            if self.date_of_check:
                self.check = self.date
            for d in facts.dates:
                if _days(d) >= 2 and (self.frame is None or _wider(d, self.frame)):
                    self.frame = d
        elif facts.relative is not None and facts.relative.precision == "day":
            self.date = facts.relative
            self.date_of_check = bool(facts.triggers) and all(
                t.event_type in _CHECKS for t in facts.triggers)
            if self.date_of_check:
                self.check = self.date
        if facts.counts:
            self.last_count = facts.counts[-1]
        elif facts.triggers:
            # kept only over sentences without events: "Редакции не удалось это подтвердить.
            # Позднее их отправили …"
            self.last_count = None
        if facts.actors:
            self.actors = facts.actors
        if facts.targets:
            self.targets = facts.targets


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What one sentence tells, read in the story's context so far."""

    index: int
    triggers: list[Trigger]
    credit: Credit | None = None
    cues: Cues = field(default_factory=Cues)
    mentioned: frozenset[EventType] = frozenset()  # event types a trigger-less denial names
    sources: tuple[str, ...] = ()
    places: list[Place] = field(default_factory=list)
    dates: list[DateRange] = field(default_factory=list)
    said: list[DateRange] = field(default_factory=list)  # "said on March 24": when told
    relative: DateRange | None = None
    counts: list[Count] = field(default_factory=list)
    actors: tuple[Actor, ...] = ()
    targets: tuple[Target, ...] = ()
    new_place: bool = False  # a place the story has not been at yet
    person: str = ""  # a person named as speaker or subject


@dataclass(frozen=True, slots=True)
class _Draft:
    sentence: int
    event_type: EventType
    trigger: Trigger
    place: Place
    count: Count | None
    date: DateRange
    sources: tuple[str, ...]
    cues: Cues
    actors: tuple[Actor, ...]
    targets: tuple[Target, ...]


class SentenceModel(Protocol):
    """A learned judge of the rules' candidate sentences: the one place a model plugs in.

    It gets each sentence's rule triggers and returns those it keeps (possibly retyped);
    an empty list drops the sentence. ``component`` names the model's version.
    """

    @property
    def component(self) -> str: ...

    def judge(
        self, doc: Document, sentences: list[Sentence], triggers: list[list[Trigger]]
    ) -> list[list[Trigger]]: ...


def extract_claims(
    doc: Document,
    sentences: list[Sentence],
    *,
    codebook: Codebook,
    geocoder: Geocoder,
    title: list[Sentence] | None = None,
    components: tuple[str, ...] = (),
    model: SentenceModel | None = None,
) -> list[Claim]:
    by_rules = candidate_triggers(doc, sentences, codebook=codebook, title=title)
    triggers = by_rules
    if model is not None and any(triggers):
        triggers = model.judge(doc, sentences, triggers)
    if not any(by_rules):
        # most of what a keyword search brings in holds no event: skip places, dates, counts
        return []
    lang = doc.language
    title_text = " ".join((doc.title or "").split()).casefold()
    home = geocoder.outlets.home(doc.url, doc.outlet)
    found_places = geocoder.find_document_places(sentences, lang, home)
    title_lemmas = [lem for s in (title or []) for lem in sentence_lemmas(s)]
    scope = document_scope(sentences, lang, codebook, title_lemmas=title_lemmas)
    if not is_anchored(scope, (p.country for places in found_places for p in places)):
        return []  # a page about deportations from the US, a hockey contract
    posted = post_date(doc)
    forwarded = forwarded_from(doc)
    story = Story(published=doc.published)
    # the headline's one place stands for a story whose body names none before its events
    headline_found = geocoder.find_document_places(title or [], lang, home)
    headline = [p for places in headline_found for p in places]
    # "Natives of Central Asia stripped of citizenship": where the people came from
    origins = [p for sentence, places in zip(title or [], headline_found, strict=True)
               for p in places if p.country != "RU" and _is_origin(sentence, p)]
    if len({p.name for p in headline}) == 1:
        story.places = headline[:1]
    story.date = _headline_date(title or [], lang, doc.published)
    drafts: list[_Draft] = []
    facts_by_sentence: list[SentenceFacts] = []
    moves_on: list[bool] = []
    for i, sentence in enumerate(sentences):
        if title_text and " ".join(sentence.text.split()).casefold() == title_text:
            # the headline repeats the story that follows; it is not evidence of its own
            facts_by_sentence.append(SentenceFacts(i, []))
            moves_on.append(False)
            continue
        if _starts_item(sentence):
            story = story.new_item(names_place=bool(found_places[i]))
        facts = read_sentence(
            doc, sentence, i, triggers[i], found_places[i], story, codebook=codebook,
            forwarded=forwarded,
        )
        facts = _spared(facts, by_rules[i])
        facts_by_sentence.append(facts)
        drafted = draft_claims(sentence, facts, story, lang, geocoder, posted=posted)
        drafts += drafted
        # "О задержании рассказали в УМВД": the event named is the topic of the credit
        if facts.credit and credits_back(sentence, lang):
            drafts = _credit_back(drafts, i, facts.sources)
        # a new place or a date of its own: the next item, which the account before may not cover
        moves_on.append(facts.new_place or bool(facts.dates and facts.dates[0] != story.date))
        story.advance(facts)
        _stay_where_told(story, drafted, sentence)
    # a paragraph told on one source's word credits that source throughout
    carried = account_sources(
        doc.text, sentences, [f.sources for f in facts_by_sentence],
        moves_on, [f.cues.hedged for f in facts_by_sentence],
        [credits_back(s, lang) for s in sentences],
    )
    around = _Around(
        [f.triggers for f in facts_by_sentence], [f.mentioned for f in facts_by_sentence]
    )
    cues = [f.cues for f in facts_by_sentence]
    drafts = _placed_in_story(drafts, [p for places in found_places for p in places], geocoder,
                              origins)
    drafts = without_restated_raids(drafts, sentences)
    drafts = _dated_from_body(drafts, facts_by_sentence, sentences, lang)
    drafts = [d if d.sources else replace(d, sources=carried[d.sentence]) for d in drafts]
    if model is not None:
        components = (*components, model.component)
    return [_finish(doc, sentences, d, cues, around, components) for d in drafts]


def _stay_where_told(story: Story, drafted: list[_Draft], sentence: Sentence) -> None:
    """The story goes on where its last events took place, not at the landmark or the
    origin its sentence named besides ("in the town of Chekhov, south of Moscow")."""
    placed: list[Place] = []
    for d in drafted:
        span = d.place.span
        if span is not None and sentence.start <= span.start < sentence.stop \
                and all(p is not d.place for p in placed):
            placed.append(d.place)
    if placed:
        story.places = placed


def _headline_date(
    title: list[Sentence], lang: Lang, published: dt.date | None
) -> DateRange | None:
    """The one day a headline names ("Police detain 40 migrants in Kazan on Monday"): the
    story's date until its body names one. A round-up's span ("неделя 2–8 февраля") is no
    one event's day."""
    found = [d for s in title for d in extract_dates(s, lang, published)
             if not is_dateline(s, d) and not is_bound(d)]
    if len(found) == 1 and found[0].precision == "day" and found[0].start == found[0].end:
        return found[0]
    return None


def _dated_from_body(
    drafts: list[_Draft], facts: list[SentenceFacts], sentences: list[Sentence], lang: Lang
) -> list[_Draft]:
    """The lede's undated claims take the date the body gives the same event (lede.py); a
    practice still going on ("have been expelling") stays undated."""
    found = [
        Dated(d.sentence, d.event_type, d.place.name, d.date,
              any(d.date is f for f in facts[d.sentence].dates)
              or d.date is facts[d.sentence].relative
              or bool(_PROGRESSIVE_EN.search(sentences[d.sentence].text)),
              looks_back(sentences[d.sentence], lang))
        for d in drafts
    ]
    return [replace(d, date=date) for d, date in zip(drafts, lede_dates(found), strict=True)]


def _spared(facts: SentenceFacts, by_rules: list[Trigger]) -> SentenceFacts:
    """The rules' triggers the model dropped come back when the sentence is specific: it gives
    a figure with a date or a place of its own, a day with a place, or two places or more. The
    model is there for vague sentences (background, plans, recaps); on the realistic corpus's
    cross-validation it dropped more right claims than wrong ones among specific sentences."""
    day = any(d.precision == "day" for d in facts.dates)
    # two of: a figure, a date, a place of its own (a place with a date only when it is a day)
    specific = (
        bool(facts.counts and (facts.dates or facts.places))
        or len(facts.places) >= 2
        or (day and bool(facts.places))
    )
    if not by_rules or len(by_rules) == len(facts.triggers) or not specific:
        return facts
    return replace(facts, triggers=list(by_rules))  # kept ones are a subset, in this order


def candidate_triggers(
    doc: Document,
    sentences: list[Sentence],
    *,
    codebook: Codebook,
    title: list[Sentence] | None = None,
) -> list[list[Trigger]]:
    """The codebook rules' triggers of each sentence, within the document's scope."""
    lang = doc.language
    title_lemmas = [lem for s in (title or []) for lem in sentence_lemmas(s)]
    scope = document_scope(sentences, lang, codebook, title_lemmas=title_lemmas)
    found = [
        find_triggers(sentences, i, lang, codebook, scope=scope) for i in range(len(sentences))
    ]
    return without_retold_footage(found, sentences, lang)


def read_sentence(
    doc: Document,
    sentence: Sentence,
    index: int,
    triggers: list[Trigger],
    found_places: list[Place],
    story: Story,
    *,
    codebook: Codebook,
    forwarded: tuple[str, ...] = (),
) -> SentenceFacts:
    """One sentence's facts: its source, cues, places, dates, counts, actors and targets,
    with what it leaves open filled from ``story``."""
    lang = doc.language
    credit = find_credit(sentence, lang)
    cues = find_cues(sentence, lang)
    if credit is not None and (credit.personal or credit.generic) and not cues.hedged:
        cues = replace(cues, hedged=True)  # "he told the court": somebody's account
    places = _event_places(found_places, sentence, credit, story)
    lex = codebook.lexicons[lang]
    lemmas = sentence_lemmas(sentence)
    found = extract_dates(sentence, lang, doc.published)
    dates = [
        within_week(d, story.frame)
        for d in found
        if not _about_the_people(sentence, d, triggers) and not is_dateline(sentence, d)
        and not _when_said(sentence, d) and not _quoted_deixis(sentence, d)
    ]
    if len(dates) > 1:
        dates = [d for d in dates if not names_rite(sentence, d)]
    return SentenceFacts(
        index=index,
        triggers=triggers,
        credit=credit,
        cues=cues,
        mentioned=(
            mentioned_events(sentence, lang, codebook)
            if not triggers and cues.disputed
            else frozenset()
        ),
        sources=tuple(
            n for n in _resolve_sources(credit, story) if not own_outlet(n, doc.outlet)
        ) or forwarded,
        places=places,
        dates=dates,
        said=[d for d in found if _when_said(sentence, d) and d.precision in ("day", "month")],
        relative=extract_relative_date(sentence, lang, story.date),
        counts=[c for c in extract_counts(sentence, lang)
                if not _inside(c, credit) or speaks_of_self(c, sentence, credit)],
        actors=lex.actors_in(lemmas) or story.actors,
        targets=lex.targets_in(lemmas) or story.targets,
        new_place=bool(places)
        and not any(p.name == q.name for p in places for q in story.places),
        person=person_named(sentence, lang, credit, [p.span for p in found_places if p.span]),
    )


def draft_claims(
    sentence: Sentence,
    facts: SentenceFacts,
    story: Story,
    lang: Lang,
    geocoder: Geocoder,
    *,
    posted: DateRange | None = None,
) -> list[_Draft]:
    """A draft claim for each trigger and each of its places, with its count and date."""
    if not facts.triggers:
        return []
    triggers = facts.triggers
    # "в Ярославле задержали 34 человека, в Твери — 21": a place paired with its own count
    elliptic = _elliptic_pairs(sentence, facts.places, facts.counts)
    paired_places = {id(p) for p, _ in elliptic}
    paired_counts = {id(c) for _, c in elliptic}
    places_left = [p for p in facts.places if id(p) not in paired_places]
    counts_left = [c for c in facts.counts if id(c) not in paired_counts]
    assigned = counts_of_triggers(
        sentence,
        triggers,
        counts_left,
        lang,
        CountContext(story.last_count, facts.credit, tuple(facts.counts),
                     tuple(p.span for p in facts.places if p.span is not None)),
    )
    drafts: list[_Draft] = []
    seen: set[tuple[EventType, str | None]] = set()
    for t_index, trigger in enumerate(triggers):
        fallback = story.places[-1] if story.places else UNKNOWN_PLACE
        chosen_places = _places_for(trigger, places_left, sentence) or [fallback]
        if _is_seat(sentence.tokens, chosen_places) and geocoder.contains(chosen_places[0],
                                                                          fallback):
            # "after the governor of the Krasnodar region approved …" in a story in Sochi
            chosen_places = [fallback]
        if len(chosen_places) > 1 and t_index in assigned:
            # "рейды в Казани, Тюмени и Кургане, после чего на учёт встали 14 человек":
            # one figure for the whole list, placed where all its places are
            chosen_places = [_common_place(chosen_places, geocoder)]
        counted = [(p, assigned.get(t_index)) for p in chosen_places]
        if trigger.event_type != "raid" and elliptic and not counts_left:
            # every figure has its place: one claim a pair, and places without a figure
            counted = list(elliptic) + (counted if places_left else [])
        elif trigger.event_type != "raid" and t_index in assigned:
            counted += elliptic
        for chosen, count in counted:
            key = (trigger.event_type, chosen.name)
            if key in seen:
                continue
            seen.add(key)
            date = _dated(sentence, lang, trigger, chosen, facts, story, posted)
            if trigger.event_type in _COURT and _nearest_date(trigger, facts.dates):
                story.court = date  # the days this story's court sat, for what it tells next
            drafts.append(
                _Draft(
                    facts.index,
                    trigger.event_type,
                    trigger,
                    chosen,
                    count,
                    date,
                    _clause_sources(facts, sentence, trigger),
                    facts.cues,
                    facts.actors,
                    facts.targets,
                )
            )
    return drafts


def _clause_sources(facts: SentenceFacts, sentence: Sentence, trigger: Trigger) -> tuple[str, ...]:
    credit = facts.credit
    if credit is None or credit.generic or facts.sources != credit.sources:
        return facts.sources
    return credit.of_clause(sentence.text, sentence.start, trigger.span.start)


def _dated(
    sentence: Sentence,
    lang: Lang,
    trigger: Trigger,
    place: Place,
    facts: SentenceFacts,
    story: Story,
    posted: DateRange | None,
) -> DateRange:
    """A draft's date: its own, else implied by the story, else the post's own date (a
    Telegram message); none for habitual or look-back background."""
    if is_habitual(sentence, lang) or (not facts.dates and looks_back(sentence, lang)):
        return UNKNOWN_DATE  # background: no single event, or an earlier one
    if not facts.dates and _GOING_ON.search(sentence.text):
        return UNKNOWN_DATE  # a practice going on, even in a post of the day
    own = _nearest_date(trigger, facts.dates)
    relative = facts.relative
    if relative is not None and relative.span is not None \
            and ";" in sentence.text[trigger.span.stop - sentence.start:
                                     relative.span.start - sentence.start]:
        relative = None  # «Задержали 19 рабочих; на следующий день суд …»: the next clause's day
    date = own or _implied_date(sentence, lang, place, story, relative, facts.new_place)
    if own is not None and story.published is not None and _after_clause(sentence, own, trigger) \
            and own.start is not None and own.start <= story.published:
        # "After Moscow declared mobilisation on September 21, men were served summonses":
        # the day of what came before, the event some time after it
        return DateRange(own.start, story.published, own.precision, own.text, own.span)
    if own is None and trigger.event_type in _COURT and story.court is not None \
            and date is story.date and story.court is not story.date:
        return story.court  # "All 48 were fined": on the days the court sat, told before
    if own is None and trigger.event_type == "raid" and date is story.date \
            and story.check is not None and not story.date_of_check and not facts.new_place:
        # "police confirmed a check had been held" after the court's next day: the check's day
        date = story.check
    told = facts.said[0] if facts.said else None
    if own is None and told is not None and told.start is not None and told.end is not None:
        if date.start is not None and date.start > told.end:
            return told  # "said on March 24 that …": told of it by then, not on a later day
        if told.precision == "month" and trigger.event_type not in _CHECKS \
                and date.start is not None and date.end is not None \
                and date.start <= told.start and told.end <= date.end and _wider(date, told):
            # "officials said in September that 46 … had been ordered expelled", in a round-up
            # of the quarter: an outcome told that month; the check before it keeps the quarter
            return told
        if date.start is None and date.precision == "unknown" and not date.text \
                and told.precision == "day" and not _PERFECT_EN.search(sentence.text):
            # "… stormed a concert, officials said on Tuesday": news of that day or the one before
            return DateRange(told.start - dt.timedelta(days=1), told.end, "day", told.text,
                             told.span)
    if trigger.event_type in _COURT and _after_the_check(sentence, trigger, story, own, date):
        # a court rules after the check that found the people: from that day to publication
        assert date.start is not None and story.published is not None
        date = DateRange(date.start, story.published, "day", date.text, date.span)
    if posted and date.precision == "unknown":
        return posted
    return date


_AFTER_OPENING = re.compile(r"^\W*(?:after|ever\s+since|после\s+того\s*,?\s+как)\s[^,;:]*$",
                            re.I)


def _after_clause(sentence: Sentence, own: DateRange, trigger: Trigger) -> bool:
    """Whether ``own`` dates an opening "After …," clause and ``trigger`` the main one."""
    if own.span is None:
        return False
    head = sentence.text[: own.span.start - sentence.start]
    if not _AFTER_OPENING.match(head):
        return False
    comma = sentence.text.find(",", own.span.stop - sentence.start)
    return comma >= 0 and trigger.span.start - sentence.start > comma


_CHECKS = frozenset({"raid", "detention"})
# a report drawn up on the spot is the check's day; a court sits later
_COURT_WORD = re.compile(r"(?<!\w)(?:суд\w*|court\w*|judge\w*)", re.I)
_COURT = frozenset({"prosecution", "deportation"})
# «выявленных 12 марта», "detained during an inspection on August 12": the check's day
_CHECKED = frozenset(
    "задержать выявить задержанный выявленный detain detained identify identified catch".split()
)


def _after_the_check(
    sentence: Sentence, trigger: Trigger, story: Story, own: DateRange | None, date: DateRange
) -> bool:
    """Whether a court outcome's day is the day of the check before it, not its own."""
    if story.published is None or date.start is None or _days(date) != 0 \
            or date.start >= story.published:
        return False
    if own is None:
        return date is story.date and story.date_of_check and bool(_COURT_WORD.search(
            sentence.text))
    if own.span is None or own.span.start < trigger.span.stop:
        return False
    before = [t for t in sentence.tokens
              if trigger.span.stop <= t.start and t.stop <= own.span.start][-12:]
    return any(t.lemma.lower() in _CHECKED or t.text.lower() in _CHECKED for t in before)


def without_restated_raids(drafts: list[_Draft], sentences: list[Sentence]) -> list[_Draft]:
    """Drop a raid draft that repeats an earlier one of the same document: same place, taken
    from the story rather than named in its own sentence, same dates, no credit or doubt the
    earlier lacks; or told, after the document's first raid, as the setting of another event
    of its sentence or as a time point ("after the raid") without a place of its own.

    A raid claim carries no count, so a later sentence telling the same raid again ("Всего на
    объекте проверили 200 иностранцев", "The raid began shortly after 2 a.m.") adds only a
    second copy of one event; figures, credits and doubts of their own keep it apart.
    """
    kept: list[_Draft] = []
    first: dict[tuple[object, ...], _Draft] = {}
    for d in drafts:
        if d.event_type != "raid":
            kept.append(d)
            continue
        key = (d.place.name, d.place.precision, d.date.start, d.date.end)
        # a raid told already in this place or its region
        told_here = any(k[:2] == key[:2] or _same_region(e.place, d.place)
                        for k, e in first.items())
        if told_here and _raid_as_setting(d, drafts, sentences[d.sentence]):
            continue
        earlier = first.get(key)
        if earlier is not None and _adds_nothing(d, earlier, sentences[d.sentence]):
            continue
        first.setdefault(key, d)
        kept.append(d)
    return kept


def _same_region(a: Place, b: Place) -> bool:
    return a.admin1 is not None and (a.country, a.admin1) == (b.country, b.admin1)


def _raid_as_setting(d: _Draft, drafts: list[_Draft], sentence: Sentence) -> bool:
    """A raid told again as the setting of what followed it ("с овощебазы в отдел доставили
    23 человека", "The check revealed 72 people … they were taken to police departments"):
    the sentence's news is its other event, and it names no place of its own."""
    others = any(o.sentence == d.sentence and o.event_type != "raid" for o in drafts)
    span = d.place.span
    if span is not None and sentence.start <= span.start < sentence.stop:
        return False
    # «отпустили после проверки документов», "released after the check": a time point
    at = d.trigger.first
    if others or any(t.text.lower() in _AFTER_WORDS for t in sentence.tokens[max(0, at - 2) : at]):
        return True
    # «Всего документы проверили у 400 человек», "In total, 300 workers were checked": the
    # raid's tally, not another raid
    opening = [t.text.lower() for t in sentence.tokens[:2]]
    return bool(opening) and (opening[0] in _TOTAL or opening == ["in", "total"])


_AFTER_WORDS = frozenset("после after following".split())
_TOTAL = frozenset("всего итого overall altogether".split())


def _adds_nothing(later: _Draft, earlier: _Draft, sentence: Sentence) -> bool:
    span = later.place.span
    if span is not None and sentence.start <= span.start < sentence.stop:
        return False  # "There were also raids in Pechenga": a place of its own
    doubt = later.cues.unconfirmed or later.cues.disputed
    return set(later.sources) <= set(earlier.sources) and not doubt


def _finish(
    doc: Document,
    sentences: list[Sentence],
    d: _Draft,
    cues: list[Cues],
    around: _Around,
    components: tuple[str, ...],
) -> Claim:
    s = sentences[d.sentence]
    certainty: Certainty = "asserted"
    follow = _following_cues(d.sentence, d.event_type, cues, around)
    if d.cues.disputed or (follow and follow.disputed):
        certainty = "disputed"
    elif d.cues.unconfirmed or (follow and follow.unconfirmed):
        certainty = "unconfirmed"
    elif d.sources or d.cues.hedged:
        certainty = "reported"
    key = f"{doc.id}|{d.event_type}|{s.start}|{d.place.name}|{d.trigger.span.start}"
    claim_id = "c:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return Claim(
        doc_id=doc.id,
        claim_id=claim_id,
        event_type=d.event_type,
        date=d.date,
        location=d.place,
        actors=d.actors,
        targets=d.targets,
        count=None if d.event_type == "raid" else d.count,
        attribution=d.sources,
        certainty=certainty,
        evidence=Evidence(s.text, s.start, s.stop),
        trigger=d.trigger.span,
        components=components,
    )


# how many sentences before it "Об этом сообщает X" may credit
_CREDIT_REACH = 3
# how many sentences after a claim a denial or non-confirmation may stand and still cover it
_COVER_REACH = 3
_ITEM_MARKS = frozenset("— – - • * ·".split())


@dataclass(frozen=True, slots=True)
class _Around:
    triggers: list[list[Trigger]]
    mentioned: list[frozenset[EventType]]  # event types a trigger-less denial names


def _following_cues(
    index: int, event_type: EventType, cues: list[Cues], around: _Around
) -> Cues | None:
    """The cues of the first trigger-less sentence after ``index``, when they cover this claim.

    "This number has not been confirmed." or "В администрации это опровергли." speaks about
    the event just told (and its restatements); "denied that anyone had been pressured" about
    the events it names, however far back; "lawyers said …; police denied it" about its own.
    """
    between: set[EventType] = set()
    for k in range(index + 1, min(len(cues), index + 1 + _COVER_REACH)):
        if around.triggers[k]:
            between |= {t.event_type for t in around.triggers[k]}
            continue
        if not cues[k].covers_previous:
            return None
        if around.mentioned[k]:
            return cues[k] if event_type in around.mentioned[k] else None
        return cues[k] if between <= {event_type} else None
    return None


def _starts_item(sentence: Sentence) -> bool:
    text = sentence.text.lstrip()
    if text[:1] in _ITEM_MARKS:
        return True
    head = text.split(maxsplit=1)[0] if text else ""
    return len(head) > 1 and head[:-1].isdigit() and head[-1] in ").:"


_ELLIPSIS_LINKS = frozenset("— – - в во in ещё еще another more".split())
_DASHES = frozenset("— – -".split())


def _elliptic_pairs(
    sentence: Sentence, places: list[Place], counts: list[Count]
) -> list[tuple[Place, Count]]:
    """Places that carry their own figure through a dash: "в Твери — 21", "двоих — в Томске"."""
    tokens = sentence.tokens
    pairs: list[tuple[Place, Count]] = []
    for place in places:
        if place.span is None:
            continue
        for count in counts:
            if count.span is None:
                continue
            lo, hi = sorted(
                ((place.span.start, place.span.stop), (count.span.start, count.span.stop))
            )
            between = [t.text.lower() for t in tokens if lo[1] <= t.start and t.stop <= hi[0]]
            dashed = set(between) <= _ELLIPSIS_LINKS and any(w in _DASHES for w in between)
            if between and (dashed or _counted_in(between, count_first=lo[0] == count.span.start)):
                pairs.append((place, count))
                break
    # "30 migrants in Krasnodar, 87 people in the Volgograd region …": a list of figures each
    # with its place; one such pair alone is an ordinary sentence and stays as it was
    listed = [pair for pair in pairs if pair[0].span and pair[1].span
              and pair[1].span.start < pair[0].span.start]
    return pairs if len(listed) != 1 else [p for p in pairs if p not in listed]


# words between a figure and its place: "87 people in the", "46 Central Asian nationals in"
_COUNTED_IN = frozenset("in в во".split())
_COUNTED_MAX = 6


def _counted_in(between: list[str], *, count_first: bool) -> bool:
    if not count_first or len(between) > _COUNTED_MAX:
        return False
    if any(not w.isalpha() for w in between):
        return False  # punctuation: the figure belongs to another clause
    tail = between[-2:] if between[-1] in ("the",) else between[-1:]
    return tail[0] in _COUNTED_IN


def _credit_back(drafts: list[_Draft], index: int, sources: tuple[str, ...]) -> list[_Draft]:
    """Give "Об этом сообщает X" to the uncredited claims of the sentences just before it."""
    credited = {d.sentence for d in drafts if d.sources and d.sentence != index}
    # the credit reaches back over the story just told, up to a sentence credited on its own
    back = index - 1
    while back >= max(0, index - _CREDIT_REACH) and back not in credited:
        back -= 1
    covered = range(back + 1, index)
    # «Об этом ведомство сообщило» with no body named before still tells whose word it is
    return [replace(d, sources=sources, cues=replace(d.cues, hedged=True))
            if d.sentence in covered else d for d in drafts]


def _resolve_sources(credit: Credit | None, story: Story) -> tuple[str, ...]:
    if credit is None:
        return ()
    if credit.personal and story.person:
        return (story.person,)
    bare = credit.personal or bare_back_reference(credit.sources[0] if credit.sources else "")
    if bare and not story.sources:
        return ()  # "he told the court", «ведомство сообщило» with nobody named before
    if credit.generic and story.sources:
        meant = resolve_back(credit.sources[0], story.sources) if credit.sources else None
        return story.sources if not credit.sources else meant or credit.sources
    return credit.sources


def _event_places(
    found: list[Place], sentence: Sentence, credit: Credit | None, story: Story
) -> list[Place]:
    """Places an event can be at: not the outlet's name, not where migrants came from, not
    the dateline's town when the sentence names another."""
    origins: list[Place] = []
    for p in found:
        # "рейсы из Душанбе и Худжанда": the list after "из" is all origins
        if _is_origin(sentence, p) or (
            origins and _only_links_between(sentence.tokens, origins[-1], p)
        ):
            origins.append(p)
    found = [p for p in found if p.country == "RU" or all(p is not o for o in origins)]
    told = [p for p in found if p.span is None or not opens_dateline(sentence, p.span)]
    if told and len(told) < len(found) and any(p.name != q.name for p in told for q in found):
        found = told
    outside = [p for p in found if not _inside(p, credit)]
    if not outside and (not story.places or all(_far(p, story.places[-1]) for p in found)):
        # "Chelyabinsk Oblast authorities reported …" after a story in Perm: the credited
        # body's own region is where its news is
        outside = found
    russian = [p for p in outside if p.country == "RU"]
    if russian or story.places:
        outside = russian
    specific = [p for p in outside if not _wide(p)]
    if specific or (story.places and not _wide(story.places[-1])):
        # "правила пребывания в России", "expelled from Russia": the country frames the story;
        # «жителя Сибири», «на Дальнем Востоке впервые»: so does a macro-region or district
        outside = specific
    return outside


_FAR_KM = 200.0


def _far(a: Place, b: Place) -> bool:
    """Whether two places lie in different regions, far apart."""
    if a.admin1 is not None and (a.country, a.admin1) == (b.country, b.admin1):
        return False
    if None in (a.lat, a.lon, b.lat, b.lon) or "country" in (a.precision, b.precision):
        return False
    lat1, lon1, lat2, lon2 = (math.radians(v or 0.0) for v in (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 \
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h))) > _FAR_KM


def _wide(place: Place) -> bool:
    """The country, or an area above its regions (Siberia, a federal or military district)."""
    return place.precision == "country" or (
        place.precision == "region" and place.admin1 is None and place.country == "RU"
    )


_ORIGIN_BEFORE = frozenset("из от from of выходец уроженец native natives".split())


def _is_origin(sentence: Sentence, place: Place) -> bool:
    """ "мигрантов из Средней Азии", "workers from Uzbekistan": where people came from."""
    if place.span is None:
        return False
    before = [t for t in sentence.tokens if t.stop <= place.span.start][-2:]
    return any(t.text.lower() in _ORIGIN_BEFORE or t.lemma in _ORIGIN_BEFORE for t in before)


def _places_for(trigger: Trigger, places: list[Place], sentence: Sentence) -> list[Place]:
    """The list of places nearest the trigger ("в Казани, Нижнем Тагиле и Кургане")."""
    if not places:
        return []
    groups: list[list[Place]] = []
    tokens = sentence.tokens
    for place in places:
        if groups and _only_links_between(tokens, groups[-1][-1], place):
            groups[-1].append(place)
        else:
            groups.append([place])
    groups = [g for g in groups if not _is_reference(tokens, g[0])] or groups
    groups = [g for g in groups if not _is_seat(tokens, g)] or groups
    anchor = trigger.span.start

    def distance(group: list[Place]) -> int:
        spans = [p.span for p in group if p.span]
        if not spans:
            return 0
        return min(min(abs(sp.start - anchor), abs(sp.stop - anchor)) for sp in spans)

    return min(groups, key=distance)


def _only_links_between(tokens: tuple[object, ...], a: Place, b: Place) -> bool:
    if a.span is None or b.span is None:
        return False
    between = [t.text.lower() for t in tokens if a.span.stop <= t.start and t.stop <= b.span.start]  # type: ignore[attr-defined]
    if all(w in _LIST_LINKS for w in between):
        return True
    if _parallel(tokens, a, b, between):
        return True
    return bool(_CONJUNCTIONS & set(between)) and all(
        w in _LIST_LINKS or w in _LIST_PREPOSITIONS for w in between
    )


# «на рынке в Смоленске, а также на лесопилке в г. Вязьме», "at a market in Tver as well as
# at a depot in Torzhok": a second place of the same kind, after its own venue
_ALSO = (("а", "также"), ("as", "well", "as"))
_PLACE_PREPOSITIONS = frozenset("в во in at".split())
_PARALLEL_REACH = 10


def _parallel(tokens: tuple[object, ...], a: Place, b: Place, between: list[str]) -> bool:
    words = [w for w in between if w != ","]
    opener = next((o for o in _ALSO if tuple(words[: len(o)]) == o), None)
    if opener is None or len(words) > _PARALLEL_REACH or ";" in between:
        return False
    tail = [w for w in words[len(opener):] if w not in ("г", ".", "the", "town", "city", "of")]
    verbs = [t for t in tokens if a.span.stop <= t.start and t.stop <= b.span.start  # type: ignore[union-attr, attr-defined]
             and t.pos in ("VERB", "AUX")]  # type: ignore[attr-defined]
    return bool(tail) and tail[-1] in _PLACE_PREPOSITIONS and not verbs


def _is_reference(tokens: tuple[object, ...], place: Place) -> bool:
    if place.span is None:
        return False
    before = [t for t in tokens if t.stop <= place.span.start][-2:]  # type: ignore[attr-defined]
    return any(t.text.lower() in _REFERENCE_BEFORE for t in before)  # type: ignore[attr-defined]


# bodies whose seat or area a place names: "the governor of the Krasnodar region", "officers
# of the Khanty-Mansiysk military investigative department", «ГУ МВД по Свердловской области»
_BODY_WORDS = frozenset(
    """governor mayor head chief administration authorities authority police department
    directorate ministry office court prosecutor prosecutors committee service military
    investigative investigators commissariat government officials
    управление отдел отделение департамент комиссариат военкомат прокуратура суд гарнизон
    служба инспекция главк ведомство администрация правительство губернатор мэр""".split()
)


_COUNTRY_OF_BODY = frozenset("России РФ".split())


def _is_seat(tokens: tuple[Token, ...], group: list[Place]) -> bool:
    """Whether a list of places names a body's seat or area, not where the event was."""
    first, last = group[0].span, group[-1].span
    if first is None or last is None:
        return False
    before = [t for t in tokens if t.stop <= first.start and t.text.lower() != "the"][-3:]
    if len(before) == 3 and before[1].text in _COUNTRY_OF_BODY:
        before = [before[0], before[2]]  # «УМВД России по Вологодской области»
    before = before[-2:]
    after = [t for t in tokens if t.start >= last.stop][:1]
    words = [t.text.lower() for t in before]
    if len(before) == 2 and words[1] in ("of", "по"):
        prev = before[0]
        if prev.lemma.lower() in _BODY_WORDS or (
                words[1] == "по" and prev.text.isupper() and len(prev.text) > 1):
            return True
    # "the Moscow police", "Khanty-Mansiysk military investigators": a body named by its town
    return bool(after) and after[0].text in _BODY_WORDS \
        and not any(w in ("in", "at", "near", "в", "во") for w in words)


# still going on, or a trend: "are being carried out", "have been arresting", "in recent months"
_PROGRESSIVE_EN = re.compile(
    # "are being held" is custody that began with the story's event, not a practice going on
    r"\b(?:(?:are|is)\s+(?:(?:now|also|currently)\s+)?(?:being(?!\s+(?:held|kept|detained)\b)|"
    r"still)|(?:have|has)\s+been\s+\w+ing|in\s+recent\s+"
    r"(?:days|weeks|months|years))\b",
    re.I,
)

_ANOTHER_EVENT = re.compile(r"\b(?:in\s+a\s+separate|in\s+another)\s+(?:episode|incident|case)\b|"
                            r"(?<!\w)в\s+(?:другом|отдельном)\s+(?:эпизоде|случае|инциденте)(?!\w)",
                            re.I)
# «Полиция продолжает рейды», "police continue to check", «чаще проводят»: a practice going on
# or a trend, no one day
_GOING_ON = re.compile(r"(?<!\w)(?:продолжа(?:ет|ют)|не\s+прекраща(?:ет|ют)ся|continues?\s+to|"
                       r"keeps?\s+\w+ing|(?:вс[её]\s+)?чаще|more\s+often|increasingly)(?!\w)", re.I)
_PERFECT_EN = re.compile(
    r"(?<!to )\b(?:have|has)\s+(?:also\s+|now\s+)?(?:been\s+)?\w+(?:ed|en)\b",
    re.I,
)


def _implied_date(
    sentence: Sentence,
    lang: Lang,
    place: Place,
    story: Story,
    relative: DateRange | None,
    new_place: bool,
) -> DateRange:
    """The date of a claim whose sentence states none: carried, relative, or unknown."""
    frame = story.frame
    if relative is not None:
        return relative
    story_place = story.places[-1] if story.places else None
    if place.precision == "country" and story_place and story_place.precision != "country":
        # "Similar raids have been made across all of Russia": background, not this story's time
        return UNKNOWN_DATE
    if lang == "en" and _PROGRESSIVE_EN.search(sentence.text):
        return UNKNOWN_DATE  # "Raids are also being carried out": still going on, no date told
    carried = story.date or frame
    if lang == "en" and story.places and carried and _PERFECT_EN.search(sentence.text):
        # past the lede, "have been issued" tells a result, not the day or period told before
        return UNKNOWN_DATE
    if _ANOTHER_EVENT.search(sentence.text):
        return UNKNOWN_DATE  # "In a separate episode, …": not the story's event, nor its day
    if new_place and frame is not None:
        return frame  # a round-up's next town inherits the round-up's period, not a day
    return story.date or frame or UNKNOWN_DATE


_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "unknown": -1}


def _wider(d: DateRange, frame: DateRange) -> bool:
    """A round-up's frame is widened by a longer kind of period ("in March" after "in
    April" is another month, not a wider frame)."""
    if _RANK[d.precision] != _RANK[frame.precision]:
        return _RANK[d.precision] > _RANK[frame.precision]
    return d.precision == "day" and _days(d) > _days(frame)


def _days(d: DateRange) -> int:
    if d.start is None or d.end is None:
        return -1
    return (d.end - d.start).days


def _nearest_date(trigger: Trigger, dates: list[DateRange]) -> DateRange | None:
    spans = [d for d in dates if d.span is not None]
    if not spans:
        return dates[0] if dates else None
    return min(spans, key=lambda d: abs(d.span.start - trigger.span.start))  # type: ignore[union-attr]


_ACQUIRED = frozenset(
    "получить получивший стать become obtain receive get naturalize родиться bear".split()
)
# received, got, obtained: the people's only when what they got is a status or a paper
_RECEIVED = frozenset("получить получивший obtain receive get".split())
_STATUS = ("гражданств", "паспорт", "вид", "разрешени", "citizen", "passport", "residen",
           "permit", "nationalit")
_OATH = ("oath", "присяг")
_SWORE = frozenset("take принять принести swear".split())


def _about_the_people(
    sentence: Sentence, date: DateRange, triggers: list[Trigger] | None = None
) -> bool:
    """ "получивших паспорта в 2022 году", "became a citizen in 2021": not the event's date;
    "received summonses in March" receives the event itself, whose date it is."""
    if date.span is None:
        return False
    window = [t for t in sentence.tokens if t.stop <= date.span.start][-10:]
    before = window[-5:]
    # "took the oath of citizenship of the Russian Federation on 28 August": a longer phrase
    oath = next((i for i, t in enumerate(window) if t.lemma.lower().startswith(_OATH)), None)
    swore = [t for t in window[max(0, oath - 3):oath] if t.lemma.lower() in _SWORE] \
        if oath is not None else []
    if swore:
        return not any(swore[-1].start < t.span.start < date.span.start for t in triggers or [])
    acquired = [t for t in before if t.lemma.lower() in _ACQUIRED]
    if not acquired:
        return False
    got, at = acquired[-1].start, date.span.start
    if acquired[-1].lemma.lower() in _RECEIVED and not any(
        got < t.start < at and t.lemma.lower().startswith(_STATUS) for t in sentence.tokens
    ):
        return False  # "received four complaints since June": not a status the people got
    return not any(got < t.span.start < at for t in triggers or [])


# A date right after a verb of saying dates the statement, not the event: "the ministry said
# on Friday that…", «сообщили в пятницу».
_SAID_BEFORE = re.compile(
    r"(?:\b(?:said|says|told\s+[\w/.’'&-]+|reported|announced|stated|wrote|published|released)"
    r"(?:\s+on)?|(?<!\w)(?:сообщил[аи]?|заявил[аи]?|рассказал[аи]?|написал[аи]?|"
    r"опубликовал[аи]?)(?:\s+во?)?)\s*$",
    re.IGNORECASE,
)


# "today", «сегодня» inside quoted speech are the speaker's day, not the publication's
_DEICTIC = re.compile(r"(?i)^(?:today|tonight|yesterday|this\s+\w+|сегодня|вчера|завтра)$")
_QUOTE_OPEN = "«“\""
_QUOTE_CLOSE = "»”\""


def _quoted_deixis(sentence: Sentence, date: DateRange) -> bool:
    if date.span is None or not _DEICTIC.match(date.text or ""):
        return False
    before = sentence.text[: max(0, date.span.start - sentence.start)]
    straight = before.count('"') % 2 == 1
    curly = sum(before.count(c) for c in "«“") > sum(before.count(c) for c in "»”")
    opens_line = sentence.text.lstrip()[:1] in _QUOTE_OPEN and not any(
        c in before[1:] for c in _QUOTE_CLOSE
    )
    return straight or curly or opens_line


def _when_said(sentence: Sentence, date: DateRange) -> bool:
    if date.span is None:
        return False
    return bool(_SAID_BEFORE.search(sentence.text[: date.span.start - sentence.start]))


_COUNTRY_NAMES = {"RU": "Russia", "UA": "Ukraine", "BY": "Belarus", "KZ": "Kazakhstan"}


def _common_place(places: list[Place], geocoder: Geocoder) -> Place:
    """The narrowest place all of a list lie in: their region when they share one ("in
    Kemerovo, Novokuznetsk and Prokopyevsk" is the Kemerovo region), else their country."""
    countries = {p.country for p in places}
    regions = {p.admin1 for p in places}
    if len(countries) == 1 and len(regions) == 1 and None not in countries | regions:
        entry = geocoder.gazetteer.division(places[0].country or "", places[0].admin1 or "")
        if entry is not None:
            return geocoder.gazetteer.place(entry)
    wide = [p for p in places if p.precision == "region"]
    if len(wide) == 1 and all(p is wide[0] or _seat_of(wide[0], p) for p in places):
        # "в Петербурге и Ленинградской области": a federal city and the region around it,
        # which the city is the seat of, are that region
        return wide[0]
    if len(countries) == 1:
        code = next(iter(countries)) or ""
        country = geocoder.gazetteer.lookup(_COUNTRY_NAMES.get(code, code), None)
        if country is not None and country.precision == "country":
            return country
    return places[0]


def _seat_of(region: Place, town: Place) -> bool:
    """Whether ``town`` is where ``region`` stands in the gazetteer: its capital."""
    if town.precision != "city" or None in (region.lat, region.lon, town.lat, town.lon):
        return False
    return abs((region.lat or 0.0) - (town.lat or 0.0)) < 0.05 \
        and abs((region.lon or 0.0) - (town.lon or 0.0)) < 0.05


def _placed_in_story(
    drafts: list[_Draft], found: list[Place], geocoder: Geocoder, origins: list[Place]
) -> list[_Draft]:
    """Drafts no sentence placed (or placed only at the headline's origin of the people),
    put where the whole story is: a Telegram post that names its town only in a hashtag, a
    report that names its region only when it credits the regional police. The story's
    place is its one Russian town, else the one region all its Russian places lie in, else
    Russia when they spread over several."""

    def unplaced(d: _Draft) -> bool:
        return d.place.precision == "unknown" or any(d.place is o for o in origins)

    if not any(unplaced(d) for d in drafts):
        return drafts
    russian = [p for p in found if p.country == "RU" and p.precision in ("city", "region")
               and p.admin1]
    if not russian:
        return drafts
    towns = {p.name for p in russian if p.precision == "city"}
    regions = {p.admin1 for p in russian}
    story = next(p for p in russian if p.precision == "city") \
        if len(towns) == 1 and len(regions) == 1 else _common_place(russian, geocoder)
    story = replace(story, span=None, text=None)
    return [replace(d, place=story) if unplaced(d) else d for d in drafts]


def _inside(item: Place | Count, credit: Credit | None) -> bool:
    if credit is None or item.span is None:
        return False
    return credit.covers(item.span.start, item.span.stop)


def with_incident(claim: Claim, incident_id: str | None) -> Claim:
    return replace(claim, incident_id=incident_id)


__all__ = [
    "Lang",
    "SentenceFacts",
    "SentenceModel",
    "Story",
    "candidate_triggers",
    "draft_claims",
    "extract_claims",
    "read_sentence",
    "with_incident",
]
