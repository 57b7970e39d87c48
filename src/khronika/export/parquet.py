"""Parquet through pyarrow, an optional extra: typed columns (dates as ``date32``, counts as
nullable ``int64``), written in row groups so memory holds one batch."""

from __future__ import annotations

from typing import IO, Any

from khronika.errors import ConfigError
from khronika.export.acled import COLUMNS, DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from khronika.export.formats import row_of
from khronika.export.records import Record

INSTALL_HINT = "Parquet export needs pyarrow: pip install 'khronika[parquet]'"
BATCH_ROWS = 10_000


class MissingExtra(ConfigError):
    """An optional dependency is not installed; the message gives the install command."""


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise MissingExtra(INSTALL_HINT) from exc
    return pyarrow


def schema() -> Any:
    """The declared schema: what a reader gets back."""
    pa = _pyarrow()
    fields = []
    for name in COLUMNS:
        if name in DATE_COLUMNS:
            kind = pa.date32()
        elif name in INT_COLUMNS:
            kind = pa.int64()
        elif name in FLOAT_COLUMNS:
            kind = pa.float64()
        else:
            kind = pa.string()
        fields.append(pa.field(name, kind, nullable=True))
    return pa.schema(fields)


class ParquetWriter:
    def __init__(self, out: IO[bytes], *, timestamp: int) -> None:
        pa = _pyarrow()
        self._pa = pa
        self._schema = schema()
        self._writer = pa.parquet.ParquetWriter(out, self._schema, compression="zstd")
        self._timestamp = timestamp
        self._columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        self._n = 0

    def write(self, record: Record) -> None:
        row = row_of(record, timestamp=self._timestamp)
        for name, values in self._columns.items():
            values.append(row[name])
        self._n += 1
        if self._n >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._n:
            return
        batch = self._pa.record_batch(
            [self._pa.array(self._columns[f.name], type=f.type) for f in self._schema],
            schema=self._schema,
        )
        self._writer.write_batch(batch)
        for values in self._columns.values():
            values.clear()
        self._n = 0

    def close(self) -> None:
        self._flush()
        self._writer.close()
