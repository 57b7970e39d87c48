"""README's quality tables, rendered from ``khronika eval --json`` outputs.

``scripts/quality-table`` runs the evaluations and writes the result between the markers
below in README.md; this module only renders, so it can be tested on small inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

START = "<!-- quality-table:start (scripts/quality-table writes this part; do not edit) -->"
END = "<!-- quality-table:end -->"

FIELDS = (
    ("count accuracy", "count_accuracy"),
    ("date accuracy", "date_accuracy"),
    ("location accuracy", "location_accuracy"),
    ("attribution accuracy", "attribution_accuracy"),
    ("certainty accuracy", "certainty_accuracy"),
)
_CV_ROWS = (
    ("claim precision", "claim_precision"),
    ("claim recall", "claim_recall"),
    ("claim F1", "claim_f1"),
    *FIELDS,
    ("near-miss documents without claims", "nearmiss_clean"),
)


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def dev_table(rules: Mapping[str, float], default: Mapping[str, float]) -> list[str]:
    """Dev figures, rules alone beside the default (rules + the bundled model)."""
    lines = [
        "| metric | rules alone (`--model none`) | default (rules + model) |",
        "|---|---|---|",
    ]
    prf = ("claim_precision", "claim_recall", "claim_f1")
    lines.append(
        "| claim precision / recall / F1 | "
        + " / ".join(_f(rules.get(k)) for k in prf) + " | "
        + " / ".join(_f(default.get(k)) for k in prf) + " |"
    )
    for label, key in FIELDS:
        lines.append(f"| {label} | {_f(rules.get(key))} | {_f(default.get(key))} |")
    return lines


def _cell(metric: Mapping[str, Any] | None) -> str:
    if not metric:
        return "–"
    return f"{metric['pooled']:.3f} ({metric['mean']:.2f}±{metric['std']:.2f})"


def cv_table(systems: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Cross-validated figures: one column per (system, language), pooled with the folds'
    mean ± std; ``systems`` maps a label to an ``eval --cv --json`` output."""
    langs = ("ru", "en", "all")
    header = "| metric | " + " | ".join(
        f"{label} {lang.upper() if lang != 'all' else 'all'}"
        for label in systems for lang in langs
    ) + " |"
    lines = [header, "|---|" + "---|" * (len(systems) * len(langs))]
    for label, key in _CV_ROWS:
        cells = [
            _cell(out["metrics"].get(lang, {}).get(key))
            for out in systems.values() for lang in langs
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def render(
    *,
    dev_rules: Mapping[str, float],
    dev_default: Mapping[str, float],
    cv: Mapping[str, Mapping[str, Any]],
    benchmark: Mapping[str, int],
    day: str,
) -> str:
    """The whole generated part, markers included."""
    out = [
        START,
        "",
        f"Measured {day} on the commit that wrote this part. `khronika eval` on",
        "`../shared/corpus/dev` (the bundled model was trained on dev, so its column is",
        "in-sample):",
        "",
        *dev_table(dev_rules, dev_default),
        "",
        "Cross-validated on `../shared/corpus/realistic` (`khronika eval --cv 5 --corpus",
        "../shared/corpus/realistic/ru --corpus ../shared/corpus/realistic/en --system S`: the",
        "model is trained on the training folds only; each cell is the figure pooled over all",
        "held-out documents, with the folds' mean ± std):",
        "",
        *cv_table(cv),
        "",
        "Claims made from the 181 general-news pages of",
        "`../shared/peers/article-extraction-benchmark` (none is about the codebook's events): "
        + ", ".join(f"{label} {n}" for label, n in benchmark.items()) + ".",
        "",
        END,
    ]
    return "\n".join(out)


def replace_between_markers(text: str, generated: str) -> str:
    """``text`` with the part between the markers (inclusive) replaced by ``generated``."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError("README.md has no quality-table markers")
    return text[:start] + generated + text[end + len(END):]
