"""Library side of ``khronika gazetteer import FILE...``: GeoNames dumps → an extra gazetteer.

Accepts the files GeoNames publishes, zipped or not: a main table (``cities500.zip``,
``RU.zip``, ``allCountries.zip``: 19 tab-separated columns), ``alternateNamesV2.zip`` (names
in other languages, Russian ones become ``name_ru``) and ``admin1CodesASCII.txt`` (region
names, kept for reference). Rows stream into SQLite, so even ``allCountries`` (12 M rows)
needs no more memory than one row; :func:`load_gazetteer` attaches the file and queries it
by name key on each look-up.
"""

from __future__ import annotations

import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from pathlib import Path

from khronika.errors import (
    BadRecord,
    EncodingError,
    GazetteerMissing,
    InputError,
    TruncatedInput,
)
from khronika.geocode.names import is_cyrillic, is_latin, name_key

_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, name_ru TEXT, country TEXT,
    admin1 TEXT, lat REAL, lon REAL, population INTEGER, precision TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin1 (code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
CREATE TABLE IF NOT EXISTS alt_ru (geonameid INTEGER PRIMARY KEY, name TEXT, preferred INTEGER);
"""
# Feature codes kept from the main tables, and the precision each gets. Populated places
# (class P) are towns and villages; ADM1/ADM2 are regions and districts; PCLI a country.
_PRECISION = {"ADM1": "region", "ADM2": "district", "PCLI": "country"}
_BATCH = 5_000


def _precision(feature_class: str, feature_code: str) -> str | None:
    if feature_class == "P":
        return "city"
    return _PRECISION.get(feature_code) if feature_class == "A" else None


def _lines(path: Path) -> Iterator[tuple[str, int, str]]:
    """(member name, line number, line) for every line of a text file or of each .txt member
    of a zip; a file that is not one, or not UTF-8, is an error naming it and the line."""
    if path.is_dir():
        raise InputError("is a directory, not a GeoNames file", path=str(path),
                         stage="gazetteer import")
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    if not member.endswith(".txt") or member.lower().startswith("readme"):
                        continue
                    with archive.open(member) as raw:
                        yield from _numbered(path, member, raw)
        else:
            with open(path, "rb") as fh:
                yield from _numbered(path, path.name, fh)
    except zipfile.BadZipFile as exc:
        raise TruncatedInput(f"not a readable zip archive ({exc})", path=str(path),
                             stage="gazetteer import") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot read ({getattr(exc, 'strerror', None) or exc})",
                         path=str(path), stage="gazetteer import") from None


def _numbered(path: Path, member: str, lines: Iterable[bytes]
              ) -> Iterator[tuple[str, int, str]]:
    # decoded a line at a time, so a bad byte is reported on its own line
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            where = f"{member} " if member != path.name else ""
            raise EncodingError(f"{where}line {number} is not UTF-8 ({exc.reason})",
                                path=str(path), record=str(number),
                                stage="gazetteer import") from None
        yield member, number, line


def import_geonames(
    paths: Sequence[Path],
    target: Path,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Streams GeoNames files into the SQLite gazetteer ``target`` (created or extended).

    Returns how many places the file holds afterwards. ``progress`` is called with the number
    of lines read so far, every few thousand lines.
    """
    for path in paths:
        if not path.exists():
            raise GazetteerMissing(f"{path}: no such GeoNames file")
    if target.is_dir():
        raise GazetteerMissing(f"{target}: is a directory, not a gazetteer file")
    created = not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(sqlite3.connect(target)) as db:
            try:
                db.executescript(_SCHEMA)
            except sqlite3.DatabaseError as exc:
                raise GazetteerMissing(f"{target}: not a gazetteer file ({exc})") from None
            read = 0
            for path in paths:
                read = _import_file(db, path, read, progress)
            _apply_russian_names(db)
            db.commit()
            (count,) = db.execute("SELECT count(*) FROM places").fetchone()
    except BaseException:
        if created:  # a failed first import leaves no empty gazetteer behind
            target.unlink(missing_ok=True)
        raise
    return int(count)


def _import_file(
    db: sqlite3.Connection, path: Path, read: int, progress: Callable[[int], None] | None
) -> int:
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, int]] = []
    alternates: list[tuple[int, str, int]] = []
    admin1: list[tuple[str, str, int]] = []
    for member, number, line in _lines(path):
        read += 1
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\r\n").split("\t")
        try:
            _read_row(member, cols, places, names, alternates, admin1)
        except (ValueError, IndexError):
            where = f"{member} " if member != path.name else ""
            raise BadRecord(
                f"{where}line {number} is neither a GeoNames table, alternate-names nor "
                "admin1 row (wrong number of columns or a malformed number)",
                path=str(path),
                record=str(number),
                stage="gazetteer import",
            ) from None
        if len(places) + len(names) + len(alternates) >= _BATCH:
            _flush(db, places, names, alternates, admin1)
            if progress is not None:
                progress(read)
    _flush(db, places, names, alternates, admin1)
    if progress is not None:
        progress(read)
    return read


def _read_row(
    member: str,
    cols: list[str],
    places: list[tuple[object, ...]],
    names: list[tuple[str, int]],
    alternates: list[tuple[int, str, int]],
    admin1: list[tuple[str, str, int]],
) -> None:
    """One row into the batches; ValueError or IndexError when it is malformed."""
    if "alternatenames" in member.lower() and len(cols) >= 5:
        gid = int(cols[1])
        if cols[2] == "ru" and is_cyrillic(cols[3]):
            alternates.append((gid, cols[3], int(cols[4] == "1")))
        if (is_latin(cols[3]) or is_cyrillic(cols[3])) and cols[2] not in {"link", "post"}:
            names.append((name_key(cols[3]), gid))
    elif "admin1" in member.lower() and len(cols) >= 4:
        admin1.append((cols[0], cols[1], int(cols[3] or 0)))
    elif len(cols) >= 19:
        _place_row(cols, places, names)
    else:
        raise ValueError("unknown row")


def _place_row(
    cols: list[str], places: list[tuple[object, ...]], names: list[tuple[str, int]]
) -> None:
    precision = _precision(cols[6], cols[7])
    if precision is None:
        return
    gid = int(cols[0])
    if not (-90 <= float(cols[4]) <= 90 and -180 <= float(cols[5]) <= 180):
        raise ValueError("coordinates out of range")  # also NaN, which compares false
    places.append(
        (
            gid, cols[1], None, cols[8], cols[10] or None, float(cols[4]), float(cols[5]),
            int(cols[14] or 0), precision,
        )
    )
    written = {cols[1], cols[2], *cols[3].split(",")}
    for name in written:
        if name and (is_latin(name) or is_cyrillic(name)) and len(name) >= 3:
            names.append((name_key(name), gid))


def _flush(
    db: sqlite3.Connection,
    places: list[tuple[object, ...]],
    names: list[tuple[str, int]],
    alternates: list[tuple[int, str, int]],
    admin1: list[tuple[str, str, int]],
) -> None:
    db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?)", places)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", names)
    # A preferred Russian name replaces any other; otherwise the first one seen stays.
    db.executemany(
        "INSERT INTO alt_ru VALUES (?,?,?) ON CONFLICT(geonameid) DO UPDATE SET"
        " name = excluded.name, preferred = 1 WHERE excluded.preferred = 1 AND preferred = 0",
        alternates,
    )
    db.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", admin1)
    for batch in (places, names, alternates, admin1):
        batch.clear()


def _apply_russian_names(db: sqlite3.Connection) -> None:
    db.execute(
        "UPDATE places SET name_ru = (SELECT name FROM alt_ru WHERE alt_ru.geonameid ="
        " places.geonameid) WHERE geonameid IN (SELECT geonameid FROM alt_ru)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS names_key ON names (key)")
