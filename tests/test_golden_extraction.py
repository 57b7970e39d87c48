"""Golden files: the exact claims extracted from each constructed dev document.

``tests/golden/<doc_id>.json`` holds the claims; ``<doc_id>.txt`` renders them readably (the
sentence with the trigger, count, date and place marked under it). Rewrite both with
``pytest tests/test_golden_extraction.py --update-golden`` and review the diff in the commit.
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


def _dev_docs() -> list[dict[str, Any]]:
    docs = [json.loads(line) for line in (DEV / "docs.jsonl").read_text("utf-8").splitlines()]
    # our own documents for the field error classes of real news (issue 19)
    ours = (GOLDEN / "fields-docs.jsonl").read_text("utf-8").splitlines()
    docs += [json.loads(line) for line in ours]
    return [d for d in docs if d.get("outlet") == "constructed example"]


def _render(text: str, claims: list[Claim]) -> str:
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


@pytest.mark.parametrize("doc", _dev_docs(), ids=lambda d: d["id"])
def test_golden_extraction(doc: dict[str, Any], resources: Any, update_golden: bool,
                           tmp_path: Path) -> None:
    from khronika.pipeline import process_inputs

    src = tmp_path / "doc.jsonl"
    src.write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    [outcome] = list(process_inputs([src], resources=resources))
    assert outcome.document is not None
    claims = list(outcome.claims)
    got = [claim_to_dict(c) for c in claims]
    json_path = GOLDEN / f"{doc['id']}.json"
    txt_path = GOLDEN / f"{doc['id']}.txt"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        json_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
        txt_path.write_text(_render(doc["text"], claims), "utf-8")
    expected = json.loads(json_path.read_text("utf-8"))
    assert got == expected
