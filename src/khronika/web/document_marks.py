"""A document's text cut into plain runs and the sentences its claims came from."""

from __future__ import annotations

from dataclasses import dataclass

from khronika.model import Claim


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    claims: tuple[Claim, ...] = ()  # empty: text no claim came from


def document_runs(text: str, claims: list[Claim]) -> list[Run]:
    """``text`` as runs; each evidence span is one marked run carrying every claim read from it.

    Spans that overlap an earlier one join it, so no character is shown twice."""
    spans: list[tuple[int, int, list[Claim]]] = []
    for claim in sorted(claims, key=lambda c: (c.evidence.start, c.evidence.end)):
        start, end = claim.evidence.start, claim.evidence.end
        if not 0 <= start < end <= len(text):
            continue  # offsets from another version of the text: leave it unmarked
        if spans and start < spans[-1][1]:
            first, last, group = spans[-1]
            spans[-1] = (first, max(last, end), [*group, claim])
        else:
            spans.append((start, end, [claim]))
    runs: list[Run] = []
    at = 0
    for start, end, group in spans:
        if start > at:
            runs.append(Run(text[at:start]))
        runs.append(Run(text[start:end], tuple(group)))
        at = end
    if at < len(text):
        runs.append(Run(text[at:]))
    return runs


def safe_link(url: str | None) -> str | None:
    """``url`` when a browser may follow it (http or https), else None: no javascript: links."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None
