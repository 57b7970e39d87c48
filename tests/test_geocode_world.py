"""The world part of the gazetteer: divisions abroad, country names in Russian, demonyms and
abbreviations of given toponyms, macro-regions, and reading a document's toponyms together.
Sentences and name lists written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from khronika.geocode import Gazetteer, Geocoder
from khronika.geocode.resolve import resolve_document
from khronika.model import Place


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Texas", ("Texas", "US", "region")),
        ("Bavaria", ("Bavaria", "DE", "region")),
        ("Scotland", ("Scotland", "GB", "region")),
        ("Ontario", ("Ontario", "CA", "region")),
        ("Cook County", ("Cook County", "US", "region")),
        ("Turkish", ("Turkey", "TR", "country")),
        ("Syrians", ("Syria", "SY", "country")),
        ("U.S.", ("United States", "US", "country")),
        ("UK", ("United Kingdom", "GB", "country")),
        ("Calif.", ("California", "US", "region")),
        ("Central Asia", ("Central Asia", None, "region")),
        ("the Balkans", ("Balkans", None, "region")),
        ("European", ("Europe", None, "region")),
        ("Средняя Азия", ("Central Asia", None, "region")),
        ("Греция", ("Greece", "GR", "country")),
        ("New York", ("New York City", "US", "city")),
        ("Washington", ("Washington", "US", "city")),
        # a demonym is the country or area, not a small town spelt the same
        ("Canadian", ("Canada", "CA", "country")),
        ("Koreans", ("South Korea", "KR", "country")),
        ("Arab", ("Arabian Peninsula", None, "region")),
        # an ocean or a gulf named by its adjective alone, not a town called so
        ("Atlantic", ("Atlantic Ocean", None, "region")),
        ("Pacific", ("Pacific Ocean", None, "region")),
        ("Gulf", ("Persian Gulf", None, "region")),
        ("Red Sea", ("Red Sea", None, "region")),
        ("Midwestern", ("Midwest", "US", "region")),
        # abbreviations the tables list for a city or a province stay with it
        ("D.C.", ("Washington, D.C.", "US", "region")),
        ("L.A.", ("Los Angeles", "US", "city")),
        ("Que.", ("Quebec", "CA", "region")),
        ("Sask.", ("Saskatchewan", "CA", "region")),
        ("NSW", ("New South Wales", "AU", "region")),
        # US states under their two-letter postal codes
        ("NJ", ("New Jersey", "US", "region")),
        ("TX", ("Texas", "US", "region")),
        # a Chinese province without its "Sheng", a region without "Zhuangzu Zizhiqu"
        ("Zhejiang", ("Zhejiang Sheng", "CN", "region")),
        ("Guangxi", ("Guangxi Zhuangzu Zizhiqu", "CN", "region")),
        # a division with a word after it that its gazetteer name lacks
        ("Kano State", ("Kano", "NG", "region")),
        ("Fars Province", ("Fars", "IR", "region")),
        ("Oaxaca state", ("Oaxaca", "MX", "region")),
        # a building, body or feature the gazetteer lacks, by the place named in it
        ("Vancouver Art Gallery", ("Vancouver", "CA", "city")),
        ("University of Arizona", ("Arizona", "US", "region")),
        ("Greater Toronto Area", ("Toronto", "CA", "city")),
        ("Sacramento River", ("Sacramento", "US", "city")),
        ("Liverpool FC", ("Liverpool", "GB", "city")),
        ("European Central Bank", ("Europe", None, "region")),
        # a town inside a longer name only under its own name (accents aside), never under
        # one of its alternates: not Hansestadt Stade, which GeoNames also calls "Stade"
        ("Stade de France", ("France", "FR", "country")),
        ("Montreal Trudeau Airport", ("Montréal", "CA", "city")),
        # British counties go by their bare names; a borough named as its town is the town
        ("Oxfordshire", ("Oxfordshire", "GB", "region")),
        ("Fife", ("Fife", "GB", "region")),
        ("Leeds", ("Leeds", "GB", "city")),
        # a US county or parish named without the word
        ("Cuyahoga", ("Cuyahoga County", "US", "region")),
        ("Tangipahoa", ("Tangipahoa Parish", "US", "region")),
        # English counties as the papers shorten them
        ("Herts", ("Hertfordshire", "GB", "region")),
        ("Notts", ("Nottinghamshire", "GB", "region")),
        ("Oxon", ("Oxfordshire", "GB", "region")),
        # a village of the small-town tier, below 1,000 people
        ("Cloughjordan", ("Cloughjordan", "IE", "city")),
        ("KSA", ("Saudi Arabia", "SA", "country")),
        ("PNG", ("Papua New Guinea", "PG", "country")),
    ],
)
def test_geocode_world_given_toponym(
    gazetteer: Gazetteer, name: str, expected: tuple[str, str | None, str]
) -> None:
    (place,) = resolve_document(gazetteer, [name], "en")
    assert place is not None
    assert (place.name, place.country, place.precision) == expected
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    "name",
    [
        "Turkish", "Va.", "Calif.", "Atlantic", "Korean", "Que.", "NJ", "Kano State",
        "Vancouver Art Gallery",
    ],
)
def test_geocode_world_soft_names_only_when_given(gazetteer: Gazetteer, name: str) -> None:
    """Running-text recognition never reads an adjective or an abbreviation as a place."""
    assert gazetteer.lookup(name, "en") is None


def test_geocode_world_abbreviation_is_not_a_village(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("EU", "en", given=True)
    assert place is not None and place.name == "Europe"


def test_geocode_world_small_town_abroad_needs_the_world_tier(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Palestine", "en", given=True)
    assert place is not None
    places = resolve_document(gazetteer, ["Palestine", "Tyler", "Texas"], "en")
    assert [(p.country, p.admin1) for p in places if p] == [("US", "TX")] * 3


@pytest.mark.parametrize("names", [["York", "Lancaster"], ["Lancaster", "York"]])
def test_geocode_world_pair_settles_in_one_country(gazetteer: Gazetteer, names: list[str]) -> None:
    """Two names that each read in England and in Pennsylvania end up in the same one:
    readings are updated one name at a time, so the pair cannot swap places forever."""
    places = resolve_document(gazetteer, names, "en")
    assert len({(p.country, p.admin1) for p in places if p}) == 1


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Paris", "Eiffel"], ("Paris", "FR")),
        (["Paris", "Lamar County", "Texas"], ("Paris", "US")),
        (["Moscow", "Tver"], ("Moscow", "RU")),
        (["Moscow", "Idaho", "Boise"], ("Moscow", "US")),
        (["Georgia", "Tbilisi"], ("Georgia", "GE")),
        (["Georgia", "Atlanta", "Savannah"], ("Georgia", "US")),
        # a demonym keeps its country even among the namesake town's neighbours
        (["Canadian", "Amarillo", "Texas"], ("Canada", "CA")),
        # a country's other name yields to a town that its neighbours place
        (["Holland", "Grand Rapids", "Michigan"], ("Holland", "US")),
        (["Holland", "Amsterdam"], ("The Netherlands", "NL")),
        (["Kent", "Seattle", "Tacoma"], ("Kent", "US")),
        (["Kent", "Canterbury", "Dover"], ("Kent", "GB")),
        # a bordering country counts, more weakly than the same one
        (["Gaza", "Israel", "Egypt"], ("Gaza", "PS")),
        (["Gaza", "Mozambique", "Maputo"], ("Gaza", "MZ")),
        # a national capital by its own name, in a story about its country
        (["Washington", "United States", "Ohio"], ("Washington", "US")),
        # ... but not by a name it shares with its country, nor against a named state
        (["Mexico", "Guatemala"], ("Mexico", "MX")),
        (["Paris", "Illinois"], ("Paris", "US")),
        (["Bogota", "Colombia"], ("Bogotá", "CO")),
        # "St." spells Saint: Saint Petersburg's own name, in a story about Russia
        (["St. Petersburg", "Russia", "Germany", "US"], ("Saint Petersburg", "RU")),
        # a country's own name beside its towns is the country, not its capital city
        (["Mexico", "Mexico City", "Puebla", "Toluca"], ("Mexico", "MX")),
        (["Guatemala", "Guatemala City", "Mixco"], ("Guatemala", "GT")),
        (["Panama", "Panama City", "Colon"], ("Panama", "PA")),
        (["New York", "New York City", "Brooklyn"], ("New York City", "US")),
        # news abbreviations of countries, settled by the story
        (["SA", "Johannesburg", "Durban"], ("South Africa", "ZA")),
        (["SA", "Riyadh", "Jeddah"], ("Saudi Arabia", "SA")),
        (["T&T", "Port of Spain"], ("Trinidad and Tobago", "TT")),
        # a name among states is read as a state
        (["New York", "Vermont", "New Jersey", "Ohio"], ("New York", "US")),
        (["New York", "Los Angeles"], ("New York City", "US")),
    ],
)
def test_geocode_world_document_context(
    gazetteer: Gazetteer, names: list[str], expected: tuple[str, str]
) -> None:
    first = resolve_document(gazetteer, names, "en")[0]
    assert first is not None
    assert (first.name, first.country) == expected


@pytest.mark.parametrize(
    "name",
    ["Nowhereville Qq", "Coptic Orthodox Church", "University Hospital", "Museum of Art"],
)
def test_geocode_world_unknown_stays_unknown(gazetteer: Gazetteer, name: str) -> None:
    """Words that only say what kind of place a name is make no place on their own."""
    assert resolve_document(gazetteer, [name], "en") == [None]


def _found(geocoder: Geocoder, nlp: Any, text: str, lang: Any) -> list[Place]:
    return [p for s in nlp.analyze(text, lang) for p in geocoder.find_places(s, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Мигрантов из Средней Азии проверяли на рынке.", "ru", [("Central Asia", "region")]),
        ("Делегация прилетела из Греции.", "ru", [("Greece", "country")]),
        ("Власти ФРГ ответили на запрос.", "ru", [("Germany", "country")]),
        ("В Сибири прошли проверки общежитий.", "ru", [("Siberia", "region")]),
        ("Сухогруз сел на мель в Красном море.", "ru", [("Red Sea", "region")]),
        ("Union Pacific trains were halted.", "en", []),
        ("Police raided a market in Texas.", "en", [("Texas", "region")]),
        ("The Turkish consulate said nothing.", "en", []),
    ],
)
def test_geocode_world_in_running_text(
    geocoder: Geocoder, nlp: Any, text: str, lang: Any, expected: list[tuple[str, str]]
) -> None:
    assert [(p.name, p.precision) for p in _found(geocoder, nlp, text, lang)] == expected


@pytest.mark.parametrize(
    ("names", "division"),
    [
        # each name alone reads elsewhere (Portland, Oregon; Augusta, Georgia), but every one
        # of them has a namesake in the same state, and that shared state wins
        (["Portland", "Bangor", "Augusta"], ("US", "ME")),
        (["Richmond", "Lexington", "Frankfort"], ("US", "KY")),
        (["Paris", "Henry County", "Huntingdon"], ("US", "TN")),
    ],
)
def test_geocode_world_names_that_could_share_a_state(
    gazetteer: Gazetteer, names: list[str], division: tuple[str, str]
) -> None:
    places = resolve_document(gazetteer, names, "en")
    assert [(p.country, p.admin1) for p in places if p] == [division] * len(names)


def test_geocode_world_country_keeps_its_reading_among_its_own_towns(gazetteer: Gazetteer) -> None:
    places = resolve_document(gazetteer, ["Lebanon", "Beirut", "Syria"], "en")
    assert [p.country for p in places if p] == ["LB", "LB", "SY"]


@pytest.mark.parametrize(
    ("values", "middle"),
    [
        # a province whose towns thin out northwards but never stop: the whole span counts
        ([45.0, 45.2, 45.5, 46.0, 47.5, 49.0, 51.5, 54.0, 56.5, 59.0], 52.0),
        # an island group far off the coast is left out
        ([-8.0, -7.5, -7.0, -6.5, -6.0, -5.5, -35.0], -6.75),
        # so is a town filed under the wrong division, on either side
        ([10.0, 10.5, 11.0, 11.5, 12.0, 30.0, 31.0], 11.0),
        ([5.0], 5.0),
    ],
)
def test_geocode_world_division_point_is_the_middle_of_its_unbroken_extent(
    values: list[float], middle: float
) -> None:
    from khronika.geocode.build_world import _middle

    assert _middle(values) == pytest.approx(middle)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # towns and counties a few miles apart settle each other, whatever their size alone
        (["Paris", "Henry County"], [("US", "TN"), ("US", "TN")]),
        (["Watertown", "Brookings"], [("US", "SD"), ("US", "SD")]),
        (["Jordan", "Shakopee"], [("US", "MN"), ("US", "MN")]),
        # across a state line too: neighbours need not share a division
        (["Columbus", "Phenix City"], [("US", "GA"), ("US", "AL")]),
        # a country keeps its own capital as a neighbour, not as a rival reading
        (["Jordan", "Amman"], [("JO", None), ("JO", "16")]),
        (["Mexico", "Mexico City"], [("MX", None), ("MX", "09")]),
    ],
)
def test_geocode_world_names_near_each_other(
    gazetteer: Gazetteer, names: list[str], expected: list[tuple[str, str | None]]
) -> None:
    places = resolve_document(gazetteer, names, "en")
    assert [(p.country, p.admin1) for p in places if p] == expected


@pytest.mark.parametrize(
    ("names", "home", "expected"),
    [
        # a local paper's lone town name is its own town or one near it
        (["Columbus"], "Omaha", ("US", "NE")),
        (["Athens"], "Knoxville", ("US", "TN")),
        (["Dublin"], "Columbus", ("US", "OH")),
        (["Paris"], "Dallas", ("US", "TX")),
        # without an outlet, the famous namesake
        (["Athens"], None, ("GR", "ESYE31")),
        (["Dublin"], None, ("IE", "L")),
    ],
)
def test_geocode_world_outlet_home(
    gazetteer: Gazetteer, names: list[str], home: str | None, expected: tuple[str, str]
) -> None:
    outlet = gazetteer.lookup(home, "en", given=True) if home else None
    place = resolve_document(gazetteer, names, "en", outlet)[0]
    assert place is not None and (place.country, place.admin1) == expected


def test_geocode_world_outlet_home_only_a_country(gazetteer: Gazetteer) -> None:
    """An outlet known only by its country still counts as a place of that country."""
    united_states = gazetteer.lookup("United States", "en", given=True)
    assert united_states is not None
    place = resolve_document(gazetteer, ["Birmingham"], "en", united_states)[0]
    assert place is not None and place.country == "US"
    alone = resolve_document(gazetteer, ["Birmingham"], "en")[0]
    assert alone is not None and alone.country == "GB"


@pytest.mark.parametrize(
    ("text", "lang", "first"),
    [
        # a name the first sentence leaves open, read in the light of the rest
        ("Police raided a market in Paris on Monday. Officers from Lamar County detained"
         " forty men. The sheriff of Texas said more raids would follow.", "en", ("US", "TX")),
        ("Police raided a market in Paris on Monday. Officers later moved to Lyon and"
         " Marseille.", "en", ("FR", "11")),
        ("Police raided a warehouse in Columbus. Thirty workers were taken to Lincoln and"
         " Omaha, Nebraska.", "en", ("US", "NE")),
        # the Kirovsk of the Leningrad region, not of the Murmansk one
        ("Рейд прошёл в Кировске. Задержанных отвезли в Шлиссельбург и Отрадное Ленинградской"
         " области.", "ru", ("RU", "42")),
        # Zheleznogorsk near Krasnoyarsk, then the one near Kursk
        ("Облава прошла в Железногорске. Потом полиция проверила общежития в Красноярске и"
         " Ачинске.", "ru", ("RU", "91")),
        ("Облава прошла в Железногорске. Потом полиция проверила общежития в Курске.", "ru",
         ("RU", "41")),
    ],
)
def test_geocode_world_document_settles_sentence_places(
    geocoder: Geocoder, nlp: Any, text: str, lang: Any, first: tuple[str, str]
) -> None:
    found = geocoder.find_document_places(nlp.analyze(text, lang), lang)
    place = found[0][0]
    assert (place.country, place.admin1) == first
    assert place.span is not None and place.text == place.span.text


def test_geocode_world_document_keeps_what_the_sentence_settled(
    geocoder: Geocoder, nlp: Any
) -> None:
    """A reading the sentence chose from more than the name (a region named beside it) is
    not undone by the rest of the document, which points to the Leningrad region."""
    text = (
        "Рейд прошёл в Кировске, а проверки шли по всей Мурманской области. Задержанных"
        " отвезли в Шлиссельбург и Тосно."
    )
    found = geocoder.find_document_places(nlp.analyze(text, "ru"), "ru")
    assert (found[0][0].text, found[0][0].admin1) == ("Кировске", "49")
    assert [p.admin1 for p in found[1]] == ["42", "42"]


def test_geocode_world_document_reads_the_same_name_as_the_sentence(
    geocoder: Geocoder, nlp: Any
) -> None:
    """"Березниках" looked up by its lemma ("березник") is another town, Berëznik of the
    Arkhangelsk region: a document pointing there must not turn Berezniki into it."""
    text = (
        "Проверки прошли в Перми и Березниках. Потом полиция приехала в Архангельск и"
        " Котлас."
    )
    found = geocoder.find_document_places(nlp.analyze(text, "ru"), "ru")
    assert [(p.name, p.admin1) for p in found[0]] == [("Perm", "90"), ("Berezniki", "90")]


def test_geocode_world_tier_is_loaded_explicitly_never_by_a_query() -> None:
    from khronika.geocode import load_gazetteer
    from khronika.geocode.building import add_world_tier

    core = load_gazetteer(world=False)
    size = len(core.entries)
    # a given look-up of a village abroad finds nothing and loads nothing
    assert core.candidates("mohgaon", given=True) == []
    assert core.world is None and len(core.entries) == size
    add_world_tier(core)
    assert [e.country for e in core.candidates("mohgaon", given=True)] == ["IN"]
    assert core.candidates("mohgaon") == []  # running text still needs the core tiers
