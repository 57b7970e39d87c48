"""``khronika gazetteer import`` on bad inputs: a one-line K-coded error naming the file (and
the line), never a traceback, and no half-made gazetteer left behind."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from khronika.errors import BadRecord, EncodingError, GazetteerMissing, InputError
from khronika.geocode import import_geonames
from tests.test_geocode_import import VILLAGE


def _row(**changes: str) -> str:
    cols = list(VILLAGE)
    for index, value in changes.items():
        cols[int(index.removeprefix("c"))] = value
    return "\t".join(cols) + "\n"


@pytest.mark.parametrize("bad", [
    _row(c0="not-a-number"), _row(c4="north"), _row(c14="many"), _row(c5="nan"),
    _row(c4="1e999"),
])
def test_a_malformed_row_names_file_and_line(tmp_path: Path, bad: str) -> None:
    dump = tmp_path / "RU.txt"
    dump.write_text(_row() + bad, encoding="utf-8")
    target = tmp_path / "out.sqlite"
    with pytest.raises(BadRecord) as caught:
        import_geonames([dump], target)
    assert caught.value.path == str(dump) and caught.value.record == "2"
    assert "line 2" in str(caught.value)
    assert not target.exists()


def test_a_short_alternate_names_row_is_an_error(tmp_path: Path) -> None:
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t99000001\tru\tМалые Кочки\n", encoding="utf-8")
    with pytest.raises(BadRecord):
        import_geonames([alt], tmp_path / "out.sqlite")


def test_bad_encoding_names_the_line(tmp_path: Path) -> None:
    dump = tmp_path / "RU.txt"
    dump.write_bytes(_row().encode() + _row(c1="Kochki").encode().replace(b"Kochki",
                                                                         b"Ko\xff\xfe"))
    with pytest.raises(EncodingError) as caught:
        import_geonames([dump], tmp_path / "out.sqlite")
    assert "line 2" in str(caught.value)


def test_a_directory_a_bad_zip_and_a_non_database_target(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        import_geonames([tmp_path], tmp_path / "out.sqlite")
    broken = tmp_path / "RU.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError):
        import_geonames([broken], tmp_path / "out.sqlite")
    good = tmp_path / "RU.txt"
    good.write_text(_row(), encoding="utf-8")
    notdb = tmp_path / "notes.db"
    notdb.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(GazetteerMissing, match="not a gazetteer"):
        import_geonames([good], notdb)
    assert notdb.read_text().startswith("these are my notes")
    with pytest.raises(GazetteerMissing, match="directory"):
        import_geonames([good], tmp_path)


def test_a_zip_member_with_bad_bytes(tmp_path: Path) -> None:
    archive = tmp_path / "RU.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("RU.txt", b"\xff\xfe\x00garbage\n")
    with pytest.raises(EncodingError):
        import_geonames([archive], tmp_path / "out.sqlite")


@pytest.mark.parametrize("case", ["row", "dir", "target"])
def test_cli_gives_one_coded_line(tmp_path: Path, case: str) -> None:
    dump = tmp_path / "RU.txt"
    dump.write_text(_row() + _row(c0="x"), encoding="utf-8")
    notdb = tmp_path / "notes.db"
    notdb.write_text("not a database\n" * 100)
    args = {"row": [str(dump), "-o", str(tmp_path / "g.db")],
            "dir": [str(tmp_path), "-o", str(tmp_path / "g.db")],
            "target": [str(dump), "-o", str(notdb)]}[case]
    proc = subprocess.run([sys.executable, "-m", "khronika", "gazetteer", "import", *args],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "[K" in errors[0]
