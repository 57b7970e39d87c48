"""One incident's figures are the same in `khronika incidents`, every export format and the
web pages (Playwright in Debian's chromium), and counts of two event types keep apart."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from typer.testing import CliRunner

from khronika.model import Claim, Count, DateRange, Document, Evidence, Place
from khronika.store import SqlStore
from tests.test_browser_review import _log_in
from tests.test_web_fixtures import LiveServer, Seeded

pytest_plugins = ["tests.test_web_fixtures"]

KAZAN = Place("Kazan", "RU", 55.79, 49.12, "city", "Казани", admin1="73", geonameid=551487)
INCIDENT = "inc-kazan"


def _claim(doc: Document, n: int, sentence: str, kind: str, count: int | None,
           certainty: str = "asserted", credit: tuple[str, ...] = ()) -> Claim:
    at = doc.text.index(sentence)
    return Claim(
        doc_id=doc.id, claim_id=f"c:{doc.id}:{n}", event_type=kind,  # type: ignore[arg-type]
        date=DateRange(date(2024, 5, 14), date(2024, 5, 14), "day"), location=KAZAN,
        actors=("police",), targets=("migrants",),
        count=Count(count, count, "exact") if count is not None else None,
        attribution=credit, certainty=certainty,  # type: ignore[arg-type]
        evidence=Evidence(sentence, at, at + len(sentence)), incident_id=INCIDENT,
    )


def add_incident(store: SqlStore) -> None:
    """Three reports of one raid: 40 detained and 12 summonsed; 55 detained by a second
    outlet's own count; a third outlet retelling the first (one source with it)."""
    a = Document(id="kz-a", language="ru", outlet="Казанский вестник", published=date(2024, 5, 14),
                 text="В Казани задержали сорок мигрантов. Двенадцати вручили повестки.")
    b = Document(id="kz-b", language="en", outlet="Volga Wire", published=date(2024, 5, 15),
                 text="Police in Kazan detained 55 migrants on Tuesday, the wire reported.")
    c = Document(id="kz-c", language="ru", outlet="Агрегатор", published=date(2024, 5, 15),
                 text="По данным «Казанского вестника», в Казани задержали 40 человек.")
    store.save_document(a, [
        _claim(a, 0, "В Казани задержали сорок мигрантов.", "detention", 40),
        _claim(a, 1, "Двенадцати вручили повестки.", "summons", 12),
    ])
    store.save_document(b, [_claim(b, 0, b.text, "detention", 55, "reported")])
    store.save_document(c, [_claim(c, 0, c.text, "detention", 40, "reported",
                                   credit=("Казанский вестник",))])


EXPECTED = {"detention": (40, 40, 55, 2), "summons": (12, 12, 12, 1)}  # cons, min, max, sources


def _cli(*args: str) -> Any:
    from khronika.cli import app, register_commands

    register_commands()
    return CliRunner().invoke(app, list(args))


def _export(db: str, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"incidents.{fmt}"
    result = _cli("export", "--db", db, "--format", fmt, "--level", "incident",
                  "--output", str(out))
    assert result.exit_code == 0, result.output
    return out


def _figures_of_rows(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int, int, int]]:
    out = {}
    for r in rows:
        if r["incident_id"] == INCIDENT:
            kind = r.get("khronika_event_type") or r["event_type"]
            out[kind] = (int(r["count_conservative"]), int(r["count_min"]), int(r["count_max"]),
                         int(r["sources"]))
    return out


@pytest.mark.browser
@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_incident_figures_agree_everywhere(
    browser: Browser, live: LiveServer, seeded: Seeded, tmp_path: Path
) -> None:
    store = seeded.store
    add_incident(store)
    db = store.where
    # the CLI list
    result = _cli("incidents", "--db", db, "--json", "--no-group")
    assert result.exit_code == 0, result.output
    [listed] = [json.loads(x) for x in result.output.splitlines()
                if json.loads(x)["incident_id"] == INCIDENT]
    cli_figures = {t["event_type"]: (t["conservative"], t["range_min"], t["range_max"],
                                     t["sources"]) for t in listed["figures"]}
    assert cli_figures == EXPECTED
    assert listed["sources"] == 2 and listed["grade"] == "B"
    # every export format at incident level
    jsonl = [json.loads(x) for x in _export(db, "jsonl", tmp_path).read_text().splitlines()]
    assert _figures_of_rows([{**r, "count_min": r["count"]["min"],
                              "count_max": r["count"]["max"]} for r in jsonl
                             if r["count"]]) == EXPECTED
    [row] = [r for r in jsonl if r["incident_id"] == INCIDENT and r["event_type"] == "detention"]
    assert row["grade"] == "B" and row["incident_sources"] == 2
    rows = list(csv.DictReader(io.StringIO(_export(db, "csv", tmp_path).read_text())))
    assert _figures_of_rows(rows) == EXPECTED
    geo = json.loads(_export(db, "geojson", tmp_path).read_text())
    assert _figures_of_rows([f["properties"] for f in geo["features"]]) == EXPECTED
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(_export(db, "parquet", tmp_path)).to_pylist()
    assert _figures_of_rows(table) == EXPECTED
    # the web pages
    context = browser.new_context()
    page: Page = context.new_page()
    page.set_default_timeout(15_000)
    _log_in(page, live, "rita")
    page.goto(f"{live.url}/incidents")
    row_el = page.locator(f"tr[data-incident='{INCIDENT}']")
    for kind, (cons, low, high, _) in EXPECTED.items():
        figure = row_el.locator(f".figure[data-type='{kind}']")
        assert figure.locator(".conservative").inner_text() == str(cons)
        assert figure.locator(".range").inner_text() == f"({low}–{high})"
    assert row_el.locator(".sources").inner_text() == "2"
    assert row_el.locator(".grade").inner_text() == "B"
    # dates are sorted: the undated seeded incidents come after the dated ones
    dates = [d for d in page.locator("td.dates").all_inner_texts() if d != "undated"]
    assert dates == sorted(dates)
    page.goto(f"{live.url}/incidents?grade=A")
    assert page.locator(f"tr[data-incident='{INCIDENT}']").count() == 0
    page.goto(f"{live.url}/incidents/{INCIDENT}")
    for kind, (cons, low, high, sources) in EXPECTED.items():
        cells = page.locator(f"table.figures tr[data-type='{kind}']")
        assert cells.locator(".conservative").inner_text() == str(cons)
        assert cells.locator(".range").inner_text() == f"{low}–{high}"
        assert cells.locator("td").nth(4).inner_text() == str(sources)
    links = page.locator("article.account a.document")
    assert sorted(links.all_inner_texts()) == ["kz-a", "kz-a", "kz-b", "kz-c"]
    links.first.click()
    page.wait_for_url(f"{live.url}/documents/kz-*")
    context.close()
