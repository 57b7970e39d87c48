"""Parquet through pyarrow, an optional extra: typed columns (dates as ``date32``, counts as
nullable ``int64``), written one record batch (one row group) at a time so memory holds one
batch."""

from __future__ import annotations

from typing import IO, Any

from khronika.errors import ConfigError
from khronika.export.acled import (
    COLUMNS,
    DATE_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    AcledRows,
)
from khronika.export.records import Record

INSTALL_HINT = "Parquet export needs pyarrow: pip install 'khronika[parquet]'"
# Rows per record batch: big enough that pyarrow's per-batch costs vanish, small enough
# that a batch of rows (about 1 KB each as Python objects) stays some tens of MB.
BATCH_ROWS = 50_000


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
    def __init__(self, out: IO[bytes], *, timestamp: int, batch_rows: int = BATCH_ROWS) -> None:
        pa = _pyarrow()
        self._pa = pa
        self._schema = schema()
        self._writer = pa.parquet.ParquetWriter(out, self._schema, compression="zstd")
        self._rows = AcledRows(timestamp=timestamp)
        self._batch: list[tuple[Any, ...]] = []
        self._batch_rows = batch_rows

    def write(self, record: Record) -> None:
        self._batch.append(self._rows.values(record.claim, record))
        if len(self._batch) >= self._batch_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._batch:
            return
        pa = self._pa
        arrays = []
        # rows → columns in one C-level transpose rather than an append per cell
        for f, values in zip(self._schema, zip(*self._batch, strict=True), strict=True):
            if f.name in DATE_COLUMNS:  # ISO strings; pyarrow parses them in C
                arrays.append(pa.array(values, type=pa.string()).cast(f.type))
            else:
                arrays.append(pa.array(values, type=f.type))
        self._writer.write_batch(pa.record_batch(arrays, schema=self._schema))
        self._batch.clear()

    def close(self) -> None:
        self._flush()
        self._writer.close()
