"""Golden files: the exact claims extracted from each constructed dev document.

``tests/golden/<doc_id>.json`` holds the claims; ``<doc_id>.txt`` renders them readably (the
sentence with the trigger, count, date and place marked under it). Rewrite both with
``scripts/update-golden`` and review the diff in the commit; this test only compares.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khronika.contract import claim_to_dict
from khronika.model import Claim

from .conftest import DEV

GOLDEN = Path(__file__).parent / "golden"


def golden_docs() -> list[dict[str, Any]]:
    docs = [json.loads(line) for line in (DEV / "docs.jsonl").read_text("utf-8").splitlines()]
    # our own documents for the field error classes of real news (issue 19)
    ours = (GOLDEN / "fields-docs.jsonl").read_text("utf-8").splitlines()
    docs += [json.loads(line) for line in ours]
    return [d for d in docs if d.get("outlet") == "constructed example"]


def render(text: str, claims: list[Claim]) -> str:
    lines: list[str] = []
    for claim in claims:
        ev = claim.evidence
        lines.append(ev.text)
        marks = [" "] * len(ev.text)
        spans = [
            (claim.trigger, "^"),
            (claim.count.span if claim.count else None, "#"),
            (claim.date.span, "~"),
            (claim.location.span, "@"),
        ]
        for span, mark in spans:
            if span is None or not (ev.start <= span.start and span.stop <= ev.end):
                continue
            for k in range(span.start - ev.start, span.stop - ev.start):
                marks[k] = mark
        lines.append("".join(marks).rstrip())
        count = claim.count
        lines.append(
            f"  {claim.event_type} | count {count.min if count else None}"
            f"..{count.max if count else None} {count.qualifier if count else ''}"
            f" | date {claim.date.start}..{claim.date.end} ({claim.date.precision})"
            f" | place {claim.location.name} ({claim.location.precision})"
            f" | {claim.certainty} {list(claim.attribution)}"
        )
        lines.append("")
    return "\n".join(lines)


def extract_one(doc: dict[str, Any], resources: Any, folder: Path) -> list[Claim]:
    """The claims the pipeline extracts from one corpus record."""
    from khronika.pipeline import process_inputs

    src = folder / f"{doc['id']}.jsonl"
    src.write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    [outcome] = list(process_inputs([src], resources=resources))
    assert outcome.document is not None
    return list(outcome.claims)


def golden_json(claims: list[Claim]) -> str:
    return json.dumps([claim_to_dict(c) for c in claims], ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("doc", golden_docs(), ids=lambda d: d["id"])
def test_golden_extraction(doc: dict[str, Any], resources: Any, tmp_path: Path) -> None:
    claims = extract_one(doc, resources, tmp_path)
    got = [claim_to_dict(c) for c in claims]
    assert got == json.loads((GOLDEN / f"{doc['id']}.json").read_text("utf-8"))
    assert render(doc["text"], claims) == (GOLDEN / f"{doc['id']}.txt").read_text("utf-8")
