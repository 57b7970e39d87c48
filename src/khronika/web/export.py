"""Exports from the web: the CLI's export library over the page's filters, names redacted
unless an admin asked for them (``web/names.py``)."""

from __future__ import annotations

import io

from khronika.export.formats import BINARY_FORMATS, FORMATS, Format
from khronika.export.records import ExportQuery
from khronika.export.redact import Redactor
from khronika.export.run import export
from khronika.store.base import ClaimFilter, Store

MEDIA_TYPES: dict[Format, str] = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}

def export_bytes(
    store: Store, filters: ClaimFilter, format: Format, redactor: Redactor | None
) -> bytes:
    """The selected claims in ``format``, as the file's bytes (``redactor=None`` keeps names)."""
    assert format in FORMATS
    query = ExportQuery(filters=filters)
    if format in BINARY_FORMATS:
        raw = io.BytesIO()
        export(store, raw, format=format, query=query, redactor=redactor)
        return raw.getvalue()
    text = io.StringIO()
    export(store, text, format=format, query=query, redactor=redactor)
    return text.getvalue().encode("utf-8")
