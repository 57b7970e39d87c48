"""Where a claim took place: the places an event can be at in its sentence, the list nearest
its trigger (not a landmark, an origin or a body's seat), a list's common place, and the
story's own place for drafts no sentence placed.
"""

from __future__ import annotations

import math
from dataclasses import replace

from khronika.extract.attribution import Credit
from khronika.extract.claim_story import Draft, Story
from khronika.extract.dateline import opens_dateline
from khronika.extract.events import Trigger
from khronika.geocode import Geocoder
from khronika.model import Count, Place, Sentence, Token

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


def stay_where_told(story: Story, drafted: list[Draft], sentence: Sentence) -> None:
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


def event_places(
    found: list[Place], sentence: Sentence, credit: Credit | None, story: Story
) -> list[Place]:
    """Places an event can be at: not the outlet's name, not where migrants came from, not
    the dateline's town when the sentence names another."""
    origins: list[Place] = []
    for p in found:
        # "рейсы из Душанбе и Худжанда": the list after "из" is all origins
        if is_origin(sentence, p) or (
            origins and _only_links_between(sentence.tokens, origins[-1], p)
        ):
            origins.append(p)
    found = [p for p in found if p.country == "RU" or all(p is not o for o in origins)]
    told = [p for p in found if p.span is None or not opens_dateline(sentence, p.span)]
    if told and len(told) < len(found) and any(p.name != q.name for p in told for q in found):
        found = told
    outside = [p for p in found if not inside_credit(p, credit)]
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


def is_origin(sentence: Sentence, place: Place) -> bool:
    """ "мигрантов из Средней Азии", "workers from Uzbekistan": where people came from."""
    if place.span is None:
        return False
    before = [t for t in sentence.tokens if t.stop <= place.span.start][-2:]
    return any(t.text.lower() in _ORIGIN_BEFORE or t.lemma in _ORIGIN_BEFORE for t in before)


def places_for(trigger: Trigger, places: list[Place], sentence: Sentence) -> list[Place]:
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
    groups = [g for g in groups if not is_seat(tokens, g)] or groups
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


def is_seat(tokens: tuple[Token, ...], group: list[Place]) -> bool:
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


_COUNTRY_NAMES = {"RU": "Russia", "UA": "Ukraine", "BY": "Belarus", "KZ": "Kazakhstan"}


def common_place(places: list[Place], geocoder: Geocoder) -> Place:
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


def placed_in_story(
    drafts: list[Draft], found: list[Place], geocoder: Geocoder, origins: list[Place]
) -> list[Draft]:
    """Drafts no sentence placed (or placed only at the headline's origin of the people),
    put where the whole story is: a Telegram post that names its town only in a hashtag, a
    report that names its region only when it credits the regional police. The story's
    place is its one Russian town, else the one region all its Russian places lie in, else
    Russia when they spread over several."""

    def unplaced(d: Draft) -> bool:
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
        if len(towns) == 1 and len(regions) == 1 else common_place(russian, geocoder)
    story = replace(story, span=None, text=None)
    return [replace(d, place=story) if unplaced(d) else d for d in drafts]


def inside_credit(item: Place | Count, credit: Credit | None) -> bool:
    if credit is None or item.span is None:
        return False
    return credit.covers(item.span.start, item.span.stop)
