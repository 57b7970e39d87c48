"""An outlet's home from its address or name, and what it does to a story's places."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khronika.geocode import Geocoder
from khronika.geocode.resolve import resolve_document


@pytest.mark.parametrize(
    ("url", "outlet", "home"),
    [
        ("https://www.fontanka.ru/2024/05/01/1.html", None, "Saint Petersburg"),
        ("http://news.ngs.ru/more/1/", None, "Novosibirsk"),  # a subdomain
        ("ngs24.ru", None, "Krasnoyarsk"),  # a bare domain
        (None, "Фонтанка", "Saint Petersburg"),
        (None, "  e1 ", "Yekaterinburg"),  # a name, any case and spacing
        ("https://meduza.io/news/1", "Медуза", None),  # national: no home
        ("https://notfontanka.ru/1", None, None),  # a different domain that ends alike
        (None, None, None),
    ],
)
def test_outlet_home(
    geocoder: Geocoder, url: str | None, outlet: str | None, home: str | None
) -> None:
    place = geocoder.outlets.home(url, outlet)
    assert (place.name if place else None) == home


@given(st.text(max_size=60))
def test_outlet_home_never_fails_on_a_malformed_address(text: str) -> None:
    from khronika.geocode.outlets import _host

    assert isinstance(_host(text), str)


@pytest.mark.parametrize(
    ("text", "url", "admin1"),
    [
        # Zheleznogorsk: Krasnoyarsk's closed town in a Krasnoyarsk paper, else Kursk's
        ("Облава прошла в Железногорске.", "https://ngs24.ru/text/1", "91"),
        ("Облава прошла в Железногорске.", None, "41"),
        # Kirovsk beside St Petersburg in Fontanka, else the Murmansk region's
        ("Рейд прошёл в Кировске.", "https://www.fontanka.ru/1", "42"),
        ("Рейд прошёл в Кировске.", None, "49"),
        # Berezovsky, declined: the Sverdlovsk town in E1, the Kemerovo one in NGS42
        ("Рейд прошёл в Берёзовском.", "https://www.e1.ru/1", "71"),
        ("Рейд прошёл в Берёзовском.", "https://ngs42.ru/1", "29"),
    ],
)
def test_outlet_home_settles_a_lone_name(
    geocoder: Geocoder, nlp: Any, text: str, url: str | None, admin1: str
) -> None:
    home = geocoder.outlets.home(url)
    (places,) = geocoder.find_document_places(nlp.analyze(text, "ru"), "ru", home)
    assert [p.admin1 for p in places] == [admin1]
    assert places[0].span is not None and places[0].text == places[0].span.text


@pytest.mark.parametrize(("url", "admin1"), [("https://ngs24.ru/text/1", "91"), (None, "41")])
def test_claim_place_leans_on_the_outlet(resources: Any, url: str | None, admin1: str) -> None:
    from khronika.model import Document
    from khronika.pipeline import process_document

    doc = Document("outlet-1", "В Железногорске полиция задержала 40 мигрантов на рынке.", "ru",
                   url=url)
    (claim,) = process_document(doc, resources=resources)
    assert (claim.location.name, claim.location.admin1) == ("Zheleznogorsk", admin1)


def _story(gazetteer: Any, *names: str) -> list[Any]:
    return resolve_document(gazetteer, list(names), "en")


def test_learn_homes_finds_a_local_paper(gazetteer: Any) -> None:
    from khronika.geocode.outlets import learn_homes

    stories = [
        ("prairie-ledger.example", _story(gazetteer, "Omaha", "Lincoln")),
        ("prairie-ledger.example", _story(gazetteer, "Grand Island")),
        ("prairie-ledger.example", _story(gazetteer, "Kearney", "Hastings")),
        ("prairie-ledger.example", _story(gazetteer, "Chicago")),
        # a national outlet: its stories spread over the country
        ("nation-wire.example", _story(gazetteer, "Chicago")),
        ("nation-wire.example", _story(gazetteer, "Houston", "Dallas")),
        ("nation-wire.example", _story(gazetteer, "Seattle")),
        ("nation-wire.example", _story(gazetteer, "Boston")),
        # two stories are too few to call an outlet local
        ("tiny-weekly.example", _story(gazetteer, "Omaha")),
        ("tiny-weekly.example", _story(gazetteer, "Lincoln")),
    ]
    homes = learn_homes(gazetteer, stories)
    assert set(homes) == {"prairie-ledger.example"}
    home = homes["prairie-ledger.example"]
    assert (home.name, home.country, home.admin1) == ("Nebraska", "US", "NE")
    # and the next story's lone "Columbus" is the Nebraska town
    (columbus,) = resolve_document(gazetteer, ["Columbus"], "en", home)
    assert (columbus.country, columbus.admin1) == ("US", "NE")


def test_learn_homes_of_nothing(gazetteer: Any) -> None:
    from khronika.geocode.outlets import learn_homes

    assert learn_homes(gazetteer, []) == {}
    assert learn_homes(gazetteer, [("a.example", [None]), ("a.example", [])]) == {}


@pytest.mark.parametrize(
    ("url", "outlet", "key"),
    [
        ("https://www.Fontanka.ru/2024/1.html", "Фонтанка", "fontanka.ru"),
        (None, "  Новая   газета ", "Новая газета"),
        ("", None, None),
        ("not a url at all", None, None),
    ],
)
def test_outlet_key(url: str | None, outlet: str | None, key: str | None) -> None:
    from khronika.geocode.outlets import outlet_key

    assert outlet_key(url, outlet) == key


def test_homes_table_reads_back(gazetteer: Any) -> None:
    """The table `gazetteer outlets` writes is one `--outlets` reads."""
    from khronika.geocode.outlets import OutletHomes, homes_table

    nebraska = gazetteer.division("US", "NE")
    table = homes_table({"prairie-ledger.example": gazetteer.place(nebraska)})
    assert table == "prairie-ledger.example\tNebraska\tUS\n"
    home = OutletHomes(gazetteer, table).home("https://prairie-ledger.example/a")
    assert home is not None and (home.country, home.admin1) == ("US", "NE")
