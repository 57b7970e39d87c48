"""Export round trips: each format read back by the tools researchers use, the filters,
incident level, atomic files and the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khronika.export.acled import ACLED_COLUMNS, COLUMNS
from khronika.export.records import ExportQuery
from khronika.export.run import export, export_to_file
from khronika.model import Claim, Count, DateRange, Document, Evidence, Place
from khronika.store import ClaimFilter, SqlStore, open_store

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "contract" / "claim.schema.json"
ACLED_HEADER = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
    "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
    "iso region country admin1 admin2 admin3 location latitude longitude geo_precision source "
    "source_scale notes fatalities tags timestamp"
).split()

MOSCOW = Place("Moscow", "RU", 55.7558, 37.6173, "city", "в Москве", "Москва", 524901, "48")
KAZAN = Place("Kazan", "RU", 55.7887, 49.1221, "city", "в Казани", "Казань", 551487, "73")
NOWHERE = Place(None, None, None, None, "unknown")


# each outlet words it its own way (identical sentences would be copies: one source)
_WORDING = {
    "b": "Как сообщили в полиции, в столице 10 января были задержаны сорок приезжих.",
    "c": "Сорок иностранцев доставили в отдел после проверки на рынке Москвы.",
}


def claim(doc_id: str, n: int, **changes: Any) -> Claim:
    text = _WORDING.get(doc_id, "В Москве 10 января задержали 40 мигрантов.")
    base = Claim(
        doc_id=doc_id,
        claim_id=f"{doc_id}-{n}",
        event_type="detention",
        date=DateRange(date(2024, 1, 10), date(2024, 1, 10), "day", "10 января"),
        location=MOSCOW,
        actors=("police",),
        targets=("migrants",),
        count=Count(40, 40, "exact", "40 мигрантов"),
        attribution=(),
        certainty="asserted",
        evidence=Evidence(text, 0, len(text)),
    )
    return replace(base, **changes)


def doc(doc_id: str, outlet: str) -> Document:
    return Document(doc_id, "В Москве 10 января задержали 40 мигрантов.", "ru", outlet=outlet)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[SqlStore]:
    s = open_store(tmp_path / "k.db")
    # one incident told by three outlets, one of them only citing another
    s.save_document(doc("a", "Outlet A"), [claim("a", 0, count=Count(40, 40, "exact"))])
    s.save_document(
        doc("b", "Outlet B"),
        [claim("b", 0, count=Count(50, None, "more_than"), certainty="reported",
               attribution=("Outlet A",)),
         claim("b", 1, event_type="deportation", location=KAZAN,
               date=DateRange(date(2024, 2, 1), date(2024, 2, 29), "month"), count=None)],
    )  # fmt: skip
    s.save_document(
        doc("c", "Outlet C"),
        [claim("c", 0, count=Count(30, 30, "exact"), certainty="disputed"),
         claim("c", 1, location=NOWHERE, event_type="raid", count=None,
               date=DateRange(None, None, "unknown"))],
    )  # fmt: skip
    s.set_incident_ids({"a-0": "inc-1", "b-0": "inc-1", "c-0": "inc-1"})
    yield s
    s.close()


def run_export(store: SqlStore, fmt: Any, **query: Any) -> str:
    buf = io.StringIO()
    export(store, buf, format=fmt, query=ExportQuery(**query), redactor=None, timestamp=1)
    return buf.getvalue()


# -- formats -----------------------------------------------------------------------------


def test_export_jsonl_validates_against_contract(store: SqlStore) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    lines = run_export(store, "jsonl").splitlines()
    assert len(lines) == 5
    for line in lines:
        jsonschema.validate(json.loads(line), schema, format_checker=jsonschema.FormatChecker())
    for line in run_export(store, "jsonl", level="incident").splitlines():
        jsonschema.validate(json.loads(line), schema)


def test_export_jsonl_round_trip(store: SqlStore) -> None:
    from khronika.contract import claim_from_dict

    back = [claim_from_dict(json.loads(x)) for x in run_export(store, "jsonl").splitlines()]
    assert {c.claim_id for c in back} == {c.claim_id for c in store.iter_claims()}
    stored = {c.claim_id: c for c in store.iter_claims()}
    for c in back:
        assert c.count == stored[c.claim_id].count
        assert c.date == stored[c.claim_id].date


def test_export_csv_starts_with_acled_header(store: SqlStore) -> None:
    rows = list(csv.reader(io.StringIO(run_export(store, "csv"))))
    assert rows[0][: len(ACLED_HEADER)] == ACLED_HEADER
    assert tuple(rows[0]) == COLUMNS and tuple(ACLED_HEADER) == ACLED_COLUMNS
    assert len(rows) == 6
    by_id = {r["claim_id"]: r for r in csv.DictReader(io.StringIO(run_export(store, "csv")))}
    a0 = by_id["a-0"]
    assert (a0["event_date"], a0["year"], a0["time_precision"]) == ("2024-01-10", "2024", "1")
    assert a0["disorder_type"] == a0["event_type"] == "Strategic developments"
    assert a0["sub_event_type"] == "Arrests"
    assert a0["actor1"] == "Police Forces of Russia (2000-)"
    assert (a0["inter1"], a0["inter2"], a0["interaction"]) == ("1", "7", "17")
    assert (a0["iso"], a0["country"], a0["geo_precision"]) == ("643", "Russia", "1")
    # ACLED's shapes: ISO3 and a number; the region's name, not GeoNames' code
    assert a0["event_id_cnty"] == "RUS1"
    assert (a0["admin1"], by_id["b-1"]["admin1"]) == ("Moscow", "Republic of Tatarstan")
    assert (a0["count_min"], a0["count_max"], a0["count_qualifier"]) == ("40", "40", "exact")
    assert a0["source"] == "Outlet A" and a0["fatalities"] == "0"
    assert by_id["b-1"]["sub_event_type"] == "Other"
    assert by_id["b-1"]["time_precision"] == "3"
    assert by_id["c-1"]["event_date"] == "" and by_id["c-1"]["latitude"] == ""


def test_export_geojson_features_with_coordinates(store: SqlStore) -> None:
    import geojson

    from khronika.export.records import ExportStats

    buf = io.StringIO()
    stats: ExportStats = export(store, buf, format="geojson", redactor=None)
    collection = geojson.loads(buf.getvalue())
    assert collection.is_valid and collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 4  # c-1 has no coordinates
    assert stats.without_coordinates == 1 and stats.rows == 4
    f = next(f for f in collection["features"] if f["properties"]["claim_id"] == "b-1")
    assert f["geometry"]["coordinates"] == [49.1221, 55.7887]  # RFC 7946: lon, lat
    assert set(f["properties"]) == set(COLUMNS)


def test_export_parquet_declared_schema(store: SqlStore, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from khronika.export.parquet import schema

    out = tmp_path / "x.parquet"
    export_to_file(store, out, format="parquet", redactor=None)
    table = pq.read_table(out)
    assert table.schema.equals(schema())
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("count_min").type == pa.int64()
    rows = {r["claim_id"]: r for r in table.to_pylist()}
    assert rows["a-0"]["date_start"] == date(2024, 1, 10)
    assert rows["b-1"]["count_min"] is None and rows["b-0"]["count_max"] is None


def test_export_parquet_missing_extra_names_install_command(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    from khronika.errors import ConfigError

    real = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(ConfigError, match=r"pip install 'khronika\[parquet\]'"):
        export(store, io.BytesIO(), format="parquet", redactor=None)  # type: ignore[arg-type]


# -- filters, sources, incidents ----------------------------------------------------------


def ids(text: str) -> set[str]:
    return {json.loads(x)["claim_id"] for x in text.splitlines()}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ClaimFilter(date_from=date(2024, 2, 1)), {"b-1"}),
        (ClaimFilter(date_to=date(2024, 1, 31)), {"a-0", "b-0", "c-0"}),
        (ClaimFilter(event_types=("raid", "deportation")), {"b-1", "c-1"}),
        (ClaimFilter(admin1="73"), {"b-1"}),
        (ClaimFilter(country="RU", certainties=("disputed",)), {"c-0"}),
    ],
)
def test_export_filters(store: SqlStore, filters: ClaimFilter, expected: set[str]) -> None:
    assert ids(run_export(store, "jsonl", filters=filters)) == expected


def test_export_min_sources_counts_distinct_sources_of_incident(store: SqlStore) -> None:
    plain = [json.loads(x) for x in run_export(store, "jsonl").splitlines()]
    assert {r["claim_id"]: r["sources"] for r in plain}["a-0"] is None  # not counted
    rows = [json.loads(x) for x in run_export(store, "jsonl", count_sources=True).splitlines()]
    sources = {r["claim_id"]: r["sources"] for r in rows}
    # a-0 (Outlet A), b-0 (credits Outlet A), c-0 (Outlet C): two independent sources
    assert sources == {"a-0": 2, "b-0": 2, "c-0": 2, "b-1": 1, "c-1": 1}
    assert ids(run_export(store, "jsonl", min_sources=2)) == {"a-0", "b-0", "c-0"}


def test_export_review_state_filter_and_column(store: SqlStore) -> None:
    store.save_review("b-1", "ann", {"review_state": "rejected"}, 1)
    kept = ClaimFilter(review_states=("unreviewed", "accepted"))
    assert "b-1" not in ids(run_export(store, "jsonl", filters=kept))
    rows = list(csv.DictReader(io.StringIO(run_export(store, "csv"))))
    assert {r["claim_id"]: r["review_state"] for r in rows}["b-1"] == "rejected"


def test_export_incident_level(store: SqlStore) -> None:
    rows = list(csv.DictReader(io.StringIO(run_export(store, "csv", level="incident"))))
    assert len(rows) == 3  # inc-1, and b-1 and c-1 on their own
    inc = next(r for r in rows if r["incident_id"] == "inc-1")
    # lowest credible count: the disputed 30 does not count, the range does
    assert (inc["count_conservative"], inc["count_min"], inc["count_max"]) == ("40", "30", "50")
    assert (inc["sources"], inc["claims"]) == ("2", "3")
    alone = next(r for r in rows if r["claim_id"] == "b-1")
    assert (alone["claims"], alone["incident_id"]) == ("1", "")


# -- files and the command line -------------------------------------------------------------


def test_export_file_is_atomic(store: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    out.write_text("old export\n")

    class Boom(Exception):
        pass

    def broken(*args: Any, **kwargs: Any) -> Iterator[Any]:
        yield from ()
        raise Boom

    import khronika.export.run as run_module

    real = run_module.iter_records
    run_module.iter_records = broken  # type: ignore[assignment]
    try:
        with pytest.raises(Boom):
            export_to_file(store, out, format="csv", redactor=None)
    finally:
        run_module.iter_records = real
    assert out.read_text() == "old export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".x.csv")] == []
    export_to_file(store, out, format="csv", redactor=None)
    assert out.read_text().startswith("event_id_cnty,")


def cli(*args: str) -> Any:
    from khronika.cli import app, register_commands

    register_commands()
    return CliRunner().invoke(app, list(args))


def test_export_cli_formats_and_filters(store: SqlStore, tmp_path: Path) -> None:
    db = store.where
    result = cli("export", "--db", db, "--format", "csv", "--event-type", "raid",
                 "--event-type", "deportation", "--include-names")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "--include-names keeps the names" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["claim_id"] for r in rows} == {"b-1", "c-1"}
    out = tmp_path / "x.geojson"
    result = cli("export", "--db", db, "--format", "geojson", "--output", str(out),
                 "--since", "2024-01-01", "--min-sources", "2", "--include-names")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["features"]) == 3


@pytest.mark.parametrize(
    "args",
    [["--format", "xlsx"], ["--level", "event"], ["--since", "yesterday"],
     ["--event-type", "riot"], ["--certainty", "sure"], ["--review-state", "done"]],
)  # fmt: skip
def test_export_cli_usage_errors(store: SqlStore, args: list[str]) -> None:
    result = cli("export", "--db", store.where, *args)
    assert result.exit_code == 2
    assert "Error:" in result.stderr


def test_export_cli_help() -> None:
    result = cli("export", "--help")
    assert result.exit_code == 0
    assert "--include-names" in result.stdout


def test_export_event_ids_are_unique_and_stable(store: SqlStore) -> None:
    def ids(level: Any) -> list[str]:
        rows = csv.DictReader(io.StringIO(run_export(store, "csv", level=level)))
        return [r["event_id_cnty"] for r in rows]

    claims = ids("claim")
    assert all(re.fullmatch(r"[A-Z]{3}\d+", i) for i in claims)
    assert len(set(claims)) == len(claims) == 5
    assert ids("claim") == claims  # a re-export gives every claim the same id
    store.save_document(doc("d", "Outlet D"), [claim("d", 0)])
    assert ids("claim")[:5] == claims  # a later run's claims take new numbers
    incidents = ids("incident")
    assert len(set(incidents)) == len(incidents) and set(incidents) <= set(ids("claim"))
