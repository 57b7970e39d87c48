"""Grouping rules on hand-made claims: types, dates, places, counts, ids, incremental runs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khronika.dedup import (
    DocInfo,
    cluster_incidents,
    incident_id_for,
    source_key,
    summarize_incidents,
    types_compatible,
)
from khronika.evaluate_incidents import pairwise_incident_scores
from khronika.model import Claim, Count, DateRange, Evidence, Place

KAZAN = ("Kazan", "RU", 55.78874, 49.12214, "city", 551487, "73")
KAZAN_SUBURB = ("Vysokaya Gora", "RU", 55.9, 49.31, "city", 999001, "73")  # ~17 km
CHISTOPOL = ("Chistopol", "RU", 55.36, 50.63, "city", 999002, "73")  # same region, 100 km
SAMARA = ("Samara", "RU", 53.20007, 50.15, "city", 499099, "65")
TATARSTAN = ("Tatarstan", "RU", 55.6, 50.9, "region", None, "73")
RUSSIA = ("Russia", "RU", 60.0, 100.0, "country", 2017370, None)
NOWHERE = (None, None, None, None, "unknown", None, None)


def claim(
    cid: str,
    kind: str = "raid",
    day: str | None = "2024-09-12",
    place: tuple[object, ...] = KAZAN,
    count: tuple[int | None, int | None, str] | None = None,
    doc: str | None = None,
    end: str | None = None,
    precision: str = "day",
    certainty: str = "asserted",
    attribution: tuple[str, ...] = (),
    text: str = "",
) -> Claim:
    name, country, lat, lon, pprec, gid, admin1 = place
    start = date.fromisoformat(day) if day else None
    stop = date.fromisoformat(end) if end else start
    return Claim(
        doc_id=doc or f"d-{cid}",
        claim_id=cid,
        event_type=kind,  # type: ignore[arg-type]
        date=DateRange(start, stop, precision if day else "unknown"),  # type: ignore[arg-type]
        location=Place(name, country, lat, lon, pprec, geonameid=gid, admin1=admin1),  # type: ignore[arg-type]
        actors=(),
        targets=(),
        count=Count(*count) if count else None,  # type: ignore[arg-type]
        attribution=attribution,
        certainty=certainty,  # type: ignore[arg-type]
        evidence=Evidence(text or f"{kind} {cid}", 0, 1),
    )


def grouped(*claims: Claim, **kwargs: object) -> list[set[str]]:
    mapping = cluster_incidents(claims, **kwargs)  # type: ignore[arg-type]
    groups: dict[str, set[str]] = {}
    for cid, iid in mapping.items():
        groups.setdefault(iid, set()).add(cid)
    return sorted(groups.values(), key=lambda g: sorted(g))


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("raid", "detention", True),
        ("detention", "escort_to_enlistment_office", True),
        ("raid", "deportation", True),
        ("summons", "enlistment", True),
        ("citizenship_revocation", "citizenship_revocation", True),
        ("citizenship_revocation", "prosecution", True),
        ("citizenship_revocation", "raid", False),
        ("citizenship_revocation", "detention", False),
    ],
)
def test_dedup_type_table(a: str, b: str, ok: bool) -> None:
    assert types_compatible(a, b) is ok  # type: ignore[arg-type]
    assert types_compatible(b, a) is ok  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("b", "together"),
    [
        (claim("b", "detention", count=(86, 86, "exact")), True),  # same day, same city
        (claim("b", "detention", day="2024-09-11", end="2024-09-12"), True),  # the night into
        (claim("b", "detention", day="2024-09-13"), False),  # next day: in a busy city, another
        (claim("b", place=KAZAN_SUBURB), True),  # within 25 km
        (claim("b", day="2024-10-17"), False),  # same city and type, next month
        (claim("b", place=SAMARA), False),  # same day, another city
        (claim("b", "deportation", day="2024-09-20"), True),  # a court's order a week later
        (claim("b", "deportation", day="2024-10-20"), False),  # too late to be that raid's
        (claim("b", "citizenship_revocation"), False),
        (claim("b", place=RUSSIA), False),  # country-level only with country-level
    ],
)
def test_dedup_pair_rules(b: Claim, together: bool) -> None:
    a = claim("a", "raid")
    assert (len(grouped(a, b)) == 1) is together


def test_dedup_counts_far_apart_are_two_events() -> None:
    a = claim("a", "detention", count=(40, 40, "exact"))
    b = claim("b", "detention", count=(1200, 1200, "about"))
    c = claim("c", "detention", count=(60, 60, "exact"))
    assert grouped(a, b, c) == [{"a", "c"}, {"b"}]


def test_dedup_region_claim_attaches_only_when_unambiguous() -> None:
    kazan = claim("k", "raid")
    region = claim("r", "detention", place=TATARSTAN, count=(90, 90, "exact"))
    assert grouped(kazan, region) == [{"k", "r"}]
    other_town = claim("t", "raid", place=CHISTOPOL)
    # two towns of the region raided that day: the regional figure belongs to neither
    assert grouped(kazan, other_town, region) == [{"k"}, {"r"}, {"t"}]


def test_dedup_region_claim_prefers_its_own_report() -> None:
    kazan = claim("k", "raid", doc="doc1")
    town = claim("t", "raid", place=CHISTOPOL)
    region = claim("r", "detention", place=TATARSTAN, doc="doc1")
    assert grouped(kazan, town, region) == [{"k", "r"}, {"t"}]


def test_dedup_undated_needs_place_and_count() -> None:
    dated = claim("a", "detention", count=(52, 52, "exact"))
    same_count = claim("b", "detention", day=None, count=(50, 55, "range"))
    other_count = claim("c", "detention", day=None, count=(10, 10, "exact"))
    no_count = claim("d", "detention", day=None)
    assert grouped(dated, same_count, other_count, no_count) == [{"a", "b"}, {"c"}, {"d"}]


def test_dedup_undated_respects_publication_date() -> None:
    dated = claim("a", "detention", count=(52, 52, "exact"))
    late = claim("b", "detention", day=None, count=(52, 52, "exact"), doc="late")
    documents = {"late": DocInfo(published=date(2025, 3, 1))}
    assert len(grouped(dated, late, documents=documents)) == 2
    documents = {"late": DocInfo(published=date(2024, 9, 14))}
    assert len(grouped(dated, late, documents=documents)) == 1


def test_dedup_unplaced_claim_joins_its_report() -> None:
    raid = claim("a", "raid", doc="r")
    detained = claim("b", "detention", place=NOWHERE, doc="r")
    stranger = claim("c", "detention", place=NOWHERE)
    assert grouped(raid, detained, stranger) == [{"a", "b"}, {"c"}]


def test_dedup_period_aggregates_match_each_other_only() -> None:
    a = claim("a", "detention", day="2025-01-01", end="2025-05-20", precision="year",
              place=TATARSTAN, count=(1340, 1340, "exact"))
    b = claim("b", "detention", day="2025-01-01", end="2025-05-22", precision="year",
              place=TATARSTAN, count=(1340, 1340, "exact"))
    raid = claim("c", "raid", day="2025-03-01")
    assert grouped(a, b, raid) == [{"a", "b"}, {"c"}]


def test_dedup_ids_stable_and_order_free() -> None:
    claims = [claim("a"), claim("b", "detention"), claim("c", place=SAMARA)]
    first = cluster_incidents(claims)
    assert cluster_incidents(list(reversed(claims))) == first
    assert first["a"] == first["b"] == incident_id_for("a")
    assert first["c"] == incident_id_for("c")


def test_dedup_incremental_keeps_ids_and_never_merges_incidents() -> None:
    existing = {"a": "i:kazan", "c": "i:kazan-suburb"}
    new = claim("n", "detention", count=(5, 5, "exact"))
    bridge = [claim("a"), claim("c", place=KAZAN_SUBURB), new]
    mapping = cluster_incidents(bridge, existing=existing)
    assert mapping["a"] == "i:kazan" and mapping["c"] == "i:kazan-suburb"
    assert mapping["n"] in {"i:kazan", "i:kazan-suburb"}
    # an earlier claim arriving later does not rename the incident
    mapping2 = cluster_incidents([*bridge, claim("0", "raid")], existing=mapping)
    assert mapping2["0"] == mapping["a"] and mapping2["a"] == "i:kazan"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("«Фонтанка»", "Fontanka.ru"),
        ("Фонтанки", "fontanka"),
        ("The Moscow Times", "Moscow Times"),
        ("Медуза", "Meduza"),
        ("телеграм-канал Baza", "Baza"),
    ],
)
def test_dedup_source_keys_across_scripts(a: str, b: str) -> None:
    assert source_key(a) == source_key(b) != ""


def test_dedup_summary_figures_and_sources() -> None:
    docs = {
        "orig": DocInfo("Бизнес Online", "https://www.business-gazeta.ru/1", date(2024, 9, 12)),
        "copy": DocInfo("Казань Онлайн", "https://kazan.example/1", date(2024, 9, 13)),
        "en": DocInfo("Novaya Gazeta Europe", "https://novayagazeta.eu/1", date(2024, 9, 13)),
        "police": DocInfo("МВД по Татарстану", None, date(2024, 9, 12)),
        "rumour": DocInfo("Anon channel", None, date(2024, 9, 12)),
    }
    claims = [
        claim("1", "detention", count=(86, 86, "exact"), doc="orig"),
        claim("2", "detention", count=(86, 86, "exact"), doc="copy", certainty="reported",
              attribution=("Бизнес Online",)),
        claim("3", "detention", count=(86, 86, "exact"), doc="en", certainty="reported",
              attribution=("Business Online",)),
        claim("4", "detention", count=(83, 83, "exact"), doc="police"),
        claim("5", "detention", count=(101, None, "more_than"), doc="rumour",
              certainty="unconfirmed"),
        claim("6", "detention", count=(70, 70, "exact"), doc="rumour",
              certainty="unconfirmed"),
    ]
    mapping = cluster_incidents(claims, documents=docs)
    [summary] = summarize_incidents(claims, mapping, docs)
    assert summary.figure_type == "detention"
    assert summary.conservative == 83  # lowest credible; the unconfirmed 70 is not credible
    assert (summary.range_min, summary.range_max) == (70, 101)
    assert summary.sources == 3  # Business Online (three accounts), police, the channel
    assert summary.grade == "B"  # two credible independent sources
    assert len(summary.accounts) == 6
    assert {a["published"] for a in summary.as_dict()["accounts"]} == {"2024-09-12", "2024-09-13"}


def test_dedup_pairwise_scores() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert pairwise_incident_scores(gold, gold)["incident_pair_f1"] == 1.0
    merged = dict.fromkeys(gold, "one")
    scores = pairwise_incident_scores(merged, gold)
    assert scores["incident_pair_recall"] == 1.0
    assert scores["incident_pair_precision"] == pytest.approx(2 / 6)
    split = {k: k for k in gold}
    assert pairwise_incident_scores(split, gold)["incident_pair_recall"] == 0.0


_PLACES = (KAZAN, KAZAN_SUBURB, CHISTOPOL, SAMARA, TATARSTAN, RUSSIA, NOWHERE)


@st.composite
def claim_sets(draw: st.DrawFn) -> list[Claim]:
    out = []
    for n in range(draw(st.integers(1, 25))):
        out.append(
            claim(
                f"c{n}",
                draw(st.sampled_from(("raid", "detention", "deportation", "summons",
                                      "citizenship_revocation"))),
                day=draw(st.sampled_from((None, "2024-09-10", "2024-09-12", "2024-09-20"))),
                place=draw(st.sampled_from(_PLACES)),
                count=draw(st.sampled_from((None, (5, 5, "exact"), (80, 90, "range")))),
                doc=f"d{draw(st.integers(0, 6))}",
            )
        )
    return out


@given(claim_sets(), st.randoms())
def test_dedup_grouping_properties(claims: list[Claim], rnd: Any) -> None:
    mapping = cluster_incidents(claims)
    assert set(mapping) == {c.claim_id for c in claims}
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert cluster_incidents(shuffled) == mapping  # input order does not matter
    # re-running with the result as "existing" changes nothing
    assert cluster_incidents(shuffled, existing=mapping) == mapping
    # a subset grouped first, then the rest added incrementally: earlier ids survive
    half = shuffled[: len(shuffled) // 2]
    first = cluster_incidents(half)
    later = cluster_incidents(shuffled, existing=first)
    assert all(later[cid] == iid for cid, iid in first.items())


def test_dedup_counts_of_two_types_never_share_a_range() -> None:
    from khronika.dedup import summarize_incidents

    detained = claim("a", "detention", count=(40, 40, "exact"), doc="d1")
    summonsed = claim("b", "summons", count=(12, 12, "exact"), doc="d1")
    [s] = summarize_incidents([detained, summonsed], {"a": "i:1", "b": "i:1"})
    figures = {t.event_type: (t.conservative, t.range_min, t.range_max) for t in s.figures}
    assert figures == {"detention": (40, 40, 40), "summons": (12, 12, 12)}
    assert (s.figure_type, s.conservative, s.range_min, s.range_max) == ("detention", 40, 40, 40)


def test_dedup_two_reports_of_one_raid_may_disagree_on_the_figure() -> None:
    """Police say 24 were detained, activists 200: same town, same day, two reports."""
    police = claim("p", "detention", count=(24, 24, "exact"), doc="police")
    raid = claim("r", "raid", doc="police")
    activists = claim("a", "detention", count=(200, 200, "about"), doc="activists")
    assert grouped(police, raid, activists) == [{"a", "p", "r"}]


def test_dedup_undated_report_joins_the_one_incident_in_its_town() -> None:
    """A report with no date at all (nor a publication date) takes its date from the other
    reports: it joins the one incident in its town, and none when there are two."""
    wire = claim("w", "raid", doc="wire")
    undated = claim("u", "detention", day=None, doc="undated")
    assert grouped(wire, undated) == [{"u", "w"}]
    other_day = claim("o", "raid", day="2024-10-20", doc="later")
    assert grouped(wire, undated, other_day) == [{"o"}, {"u"}, {"w"}]


def test_dedup_long_read_within_days_joins_the_wire_report() -> None:
    """A later long read tells the raid "in the last ten days of September": the wire's
    day in the same town falls inside, so they are one."""
    wire = claim("w", "raid", day="2024-09-25", place=SAMARA, doc="wire")
    late = claim("l", "raid", day="2024-09-21", end="2024-09-30", precision="week",
                 place=SAMARA, doc="longread")
    published = {"longread": DocInfo(published=date(2024, 10, 15)),
                 "wire": DocInfo(published=date(2024, 9, 25))}
    assert grouped(wire, late, documents=published) == [{"l", "w"}]


MOSCOW = ("Moscow", "RU", 55.75222, 37.61556, "city", 524901, "48")
MOSCOW_OBLAST = ("Moscow Oblast", "RU", 55.75222, 37.61556, "region", None, "47")


def test_dedup_moscow_region_report_joins_the_city_incident() -> None:
    """"Near Moscow" and "Moscow region" name the region around the city for one event."""
    city = claim("c", "detention", place=MOSCOW, count=(112, 112, "exact"), doc="city")
    region = claim("r", "detention", place=MOSCOW_OBLAST, count=(112, 112, "exact"),
                   doc="region")
    assert grouped(city, region) == [{"c", "r"}]


def test_dedup_span_nearness_takes_short_spans_only() -> None:
    from khronika.dedup.fingerprint import features
    from khronika.dedup.report_profiles import in_span, report_profile

    wire_day = features(claim("w", day="2024-09-25", place=SAMARA)).start
    ten_days = features(claim("l", day="2024-09-21", end="2024-09-30", precision="week",
                              place=SAMARA))
    month = features(claim("m", day="2024-09-01", end="2024-09-30", precision="month",
                           place=SAMARA))
    assert in_span({wire_day}, report_profile([ten_days], None)[5])
    assert not in_span({wire_day}, report_profile([month], None)[5])  # a month is too loose
    assert not in_span({-wire_day}, report_profile([ten_days], None)[5])  # a publication day



def test_dedup_one_persons_story_does_not_split_a_group() -> None:
    group = claim("a", "summons", count=(9, 9, "exact"))
    one = claim("b", "summons", count=(1, 1, "exact"))
    many = claim("c", "summons", count=(90, 90, "exact"))
    assert grouped(group, one) == [{"a", "b"}]
    assert grouped(group, many) == [{"a"}, {"c"}]


def test_dedup_reports_without_event_days_published_two_days_apart() -> None:
    first = claim("a", "raid", day=None, doc="first")
    later = claim("b", "raid", day=None, doc="later")
    close = {"first": DocInfo(published=date(2026, 1, 24)),
             "later": DocInfo(published=date(2026, 1, 26))}
    assert grouped(first, later, documents=close) == [{"a", "b"}]
    apart = {"first": DocInfo(published=date(2026, 1, 20)),
             "later": DocInfo(published=date(2026, 1, 26))}
    assert len(grouped(first, later, documents=apart)) == 2


def test_dedup_a_periods_total_does_not_keep_reports_of_one_event_apart() -> None:
    total = claim("t", "detention", day="2024-01-01", end="2024-12-31", precision="year",
                  count=(41, 41, "exact"), doc="one")
    event = claim("a", "detention", count=(3, 3, "exact"), doc="one")
    other = claim("b", "detention", count=(3, 3, "exact"), doc="two")
    mapping = cluster_incidents([total, event, other])
    assert mapping["a"] == mapping["b"]


def test_dedup_undated_report_from_another_town_repeats_the_regions_figure() -> None:
    """A court report from a small town, undated, repeats the region's figure of one event
    type (19 stripped of citizenship): it joins that report; a figure of another type, or
    another figure, does not."""
    region_count = claim("r", "citizenship_revocation", place=TATARSTAN,
                         count=(5, 5, "exact"), doc="wire")
    year_total = claim("y", "citizenship_revocation", day="2024-01-01", end="2024-09-12",
                       precision="year", count=(19, 19, "exact"), doc="wire")
    town = claim("t", "citizenship_revocation", day=None, place=CHISTOPOL, doc="court")
    repeated = claim("c", "citizenship_revocation", day=None, place=TATARSTAN,
                     count=(19, 19, "exact"), doc="court")
    assert grouped(region_count, year_total, town, repeated) == [{"c", "r", "t", "y"}]
    other_type = claim("c", "deportation", day=None, place=TATARSTAN,
                       count=(19, 19, "exact"), doc="court")
    assert len(grouped(region_count, year_total, town, other_type)) == 2
    other_figure = claim("c", "citizenship_revocation", day=None, place=TATARSTAN,
                         count=(60, 60, "exact"), doc="court")
    assert len(grouped(region_count, year_total, town, other_figure)) == 2


def test_dedup_strong_report_match_keeps_the_reports_factor() -> None:
    """Two reports matched strongly (a shared figure) may disagree on another figure of one
    type up to tenfold, as two reports of one raid do."""
    wire = [claim("w1", "detention", count=(5, 5, "exact"), doc="wire"),
            claim("w2", "detention", day="2024-01-01", end="2024-09-12", precision="year",
                  count=(19, 19, "exact"), doc="wire")]
    undated = claim("u", "detention", day=None, place=TATARSTAN, count=(19, 19, "exact"),
                    doc="undated")
    assert grouped(*wire, undated) == [{"u", "w1", "w2"}]


def test_dedup_groups_told_only_by_the_same_reports_are_one_story() -> None:
    """Two reports both tell 112 detained at a warehouse and 5 more taken at a hostel the
    same day in the same town: figures that far apart are parts of one story when nobody
    else tells either part; a third report telling only one part keeps them apart."""
    parts = [claim(f"{doc}-{n}", "detention", count=(n, n, "exact"), doc=doc)
             for doc in ("wire", "weekly") for n in (112, 5)]
    assert grouped(*parts) == [{"weekly-112", "weekly-5", "wire-112", "wire-5"}]
    third = claim("other-5", "detention", count=(5, 5, "exact"), doc="other")
    assert len(grouped(*parts, third)) == 2


def test_dedup_undated_other_town_report_needs_a_regional_figure() -> None:
    """The town's own figure (19 stripped in Chistopol) is not the region's total: an
    undated report of another town keeps apart on it."""
    wire = [claim("r", "citizenship_revocation", place=TATARSTAN, count=(5, 5, "exact"),
                  doc="wire"),
            claim("k", "citizenship_revocation", day=None, place=KAZAN,
                  count=(19, 19, "exact"), doc="wire")]
    town = claim("t", "citizenship_revocation", day=None, place=CHISTOPOL,
                 count=(19, 19, "exact"), doc="court")
    assert len(grouped(*wire, town)) == 2
