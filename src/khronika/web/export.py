"""Exports from the web: the CLI's export library over the page's filters, names redacted.

The redactor needs the NLP models, so it is built once per app on the first export.
"""

from __future__ import annotations

import io
import threading
from typing import Any

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

_lock = threading.Lock()


def redactor_for(state: Any) -> Redactor:
    """The app's one redactor (``state`` is ``app.state``), built on first use."""
    with _lock:
        redactor: Redactor | None = getattr(state, "redactor", None)
        if redactor is None:
            from khronika.geocode import Gazetteer
            from khronika.nlp import build_nlp

            redactor = Redactor(build_nlp(), gazetteer=Gazetteer.load())
            state.redactor = redactor
        return redactor


def export_bytes(
    store: Store, filters: ClaimFilter, format: Format, redactor: Redactor
) -> bytes:
    """The selected claims in ``format``, as the file's bytes."""
    assert format in FORMATS
    query = ExportQuery(filters=filters)
    if format in BINARY_FORMATS:
        raw = io.BytesIO()
        export(store, raw, format=format, query=query, redactor=redactor)
        return raw.getvalue()
    text = io.StringIO()
    export(store, text, format=format, query=query, redactor=redactor)
    return text.getvalue().encode("utf-8")
