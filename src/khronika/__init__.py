"""khronika: raw reports in, a verifiable incident record out.

The library API; the CLI and the web server are thin shells over it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from khronika.pipeline import (
    Resources,
    RunSummary,
    build_resources,
    process_document,
    process_inputs,
    run,
)
from khronika.store import open_store

__version__ = "0.1.0"


def extract_claims_from_jsonl(
    path: Path, *, resources: Resources | None = None
) -> dict[str, list[dict[str, Any]]]:
    """doc_id → claims as contract dicts, for every document of a corpus JSONL file."""
    from khronika.export.jsonl import claim_to_dict

    resources = resources or build_resources()
    out: dict[str, list[dict[str, Any]]] = {}
    for outcome in process_inputs([Path(path)], resources=resources):
        if outcome.document is not None:
            out.setdefault(outcome.document.id, []).extend(
                claim_to_dict(c) for c in outcome.claims
            )
    return out


__all__ = [
    "Resources",
    "RunSummary",
    "__version__",
    "build_resources",
    "extract_claims_from_jsonl",
    "open_store",
    "process_document",
    "process_inputs",
    "run",
]
