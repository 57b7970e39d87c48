"""Small hostile inputs with outsized effects.

A 24 KB nest of zips holding 10,000 empty members wrote 10,000 rejection rows: past the
first ten, an archive's rejections are counted in one (K111). Bidirectional control
characters in a title reordered what a reviewer saw: they are stripped from titles and the
other one-line metadata fields.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from khronika.clean import clean_document
from khronika.clean.text import single_line
from khronika.errors import InputError, ManyRejected
from khronika.ingest import read_inputs
from khronika.ingest.dispatch import LISTED_PER_ARCHIVE
from khronika.model import RawDocument

REPORT = "Police detained ten migrants at a market in Kazan on Tuesday, a news site said."


def _nested_zip(path: Path, outer: int = 100, inner: int = 100) -> None:
    member = io.BytesIO()
    with zipfile.ZipFile(member, "w", zipfile.ZIP_DEFLATED) as zf:
        for k in range(inner):
            zf.writestr(f"empty-{k:03}.txt", b"")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a-report.txt", REPORT)
        for k in range(outer):
            zf.writestr(f"inner-{k:03}.zip", member.getvalue())


def test_ten_thousand_bad_members_are_one_counted_rejection(tmp_path: Path) -> None:
    archive = tmp_path / "nest.zip"
    _nested_zip(archive)
    items = list(read_inputs([archive]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) == 1
    assert len(errors) == LISTED_PER_ARCHIVE + 1
    summary = errors[-1]
    assert isinstance(summary, ManyRejected) and summary.path == str(archive)
    assert f"{10_000 - LISTED_PER_ARCHIVE:,} more members" in summary.message
    assert "K105" in summary.message


def test_an_archive_with_few_bad_members_lists_each(tmp_path: Path) -> None:
    archive = tmp_path / "few.zip"
    _nested_zip(archive, outer=1, inner=3)
    errors = [i for i in read_inputs([archive]) if isinstance(i, InputError)]
    assert len(errors) == 3 and not any(isinstance(e, ManyRejected) for e in errors)


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


def test_bidi_controls_are_stripped_from_title_outlet_and_url() -> None:
    raw = RawDocument(source="t.jsonl", body=REPORT, kind="text", record="1",
                      title=f"Raid in \u202eKazan\u202c {BIDI}market\n  today",
                      outlet="\u2067News\u2069 Site", url="https://example.org/\u200fa")
    doc = clean_document(raw)
    assert doc.title == "Raid in Kazan market today"
    assert doc.outlet == "News Site"
    assert doc.url == "https://example.org/a"
    assert not any(ch in (doc.title or "") for ch in BIDI)


def test_single_line_leaves_nothing_as_none() -> None:
    assert single_line(BIDI + " \n\t") is None
    assert single_line("Обычный заголовок") == "Обычный заголовок"
