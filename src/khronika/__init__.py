"""khronika: raw reports in, a verifiable incident record out.

The library API; the CLI and the web server are thin shells over it.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khronika.pipeline import (
        Resources,
        RunSummary,
        build_resources,
        process_document,
        process_inputs,
        run,
    )
    from khronika.settings import ExtractSettings
    from khronika.store import open_store

# Imported on first use, so that `import khronika.model` does not load natasha and SQLAlchemy.
_LAZY = {
    "Resources": "khronika.pipeline",
    "RunSummary": "khronika.pipeline",
    "build_resources": "khronika.pipeline",
    "process_document": "khronika.pipeline",
    "process_inputs": "khronika.pipeline",
    "run": "khronika.pipeline",
    "open_store": "khronika.store",
    "ExtractSettings": "khronika.settings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'khronika' has no attribute {name!r}")

__version__ = "0.1.0"


def extract_claims_from_jsonl(
    path: Path, *, resources: Resources | None = None
) -> dict[str, list[dict[str, Any]]]:
    """doc_id → claims as contract dicts, for every document of a corpus JSONL file."""
    from khronika.contract import claim_to_dict
    from khronika.pipeline import build_resources, process_inputs

    resources = resources or build_resources()
    out: dict[str, list[dict[str, Any]]] = {}
    for outcome in process_inputs([Path(path)], resources=resources):
        if outcome.document is not None:
            out.setdefault(outcome.document.id, []).extend(
                claim_to_dict(c) for c in outcome.claims
            )
    return out


__all__ = [
    "ExtractSettings",
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
