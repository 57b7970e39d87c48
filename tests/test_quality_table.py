"""The README quality tables' renderer, on small made-up evaluation outputs."""

from __future__ import annotations

import pytest

from khronika.quality_table import END, START, render, replace_between_markers


def _cv(p: float) -> dict[str, object]:
    cell = {"pooled": p, "mean": p - 0.01, "std": 0.05, "min": 0.5, "max": 0.9}
    return {"k": 5, "folds": [],
            "metrics": {lang: {"claim_precision": cell} for lang in ("ru", "en", "all")}}


def test_render_tables_and_markers() -> None:
    text = render(
        dev_rules={"claim_precision": 0.9, "claim_recall": 0.8, "claim_f1": 0.847,
                   "count_accuracy": 0.95},
        dev_default={"claim_precision": 0.95, "claim_recall": 0.9, "claim_f1": 0.924},
        cv={"rules": _cv(0.6), "default": _cv(0.7)},
        benchmark={"rules alone": 2, "default": 0},
        day="2026-12-05",
    )
    lines = text.splitlines()
    assert lines[0] == START and lines[-1] == END
    assert ("| claim precision / recall / F1 | 0.900 / 0.800 / 0.847 "
            "| 0.950 / 0.900 / 0.924 |") in lines
    assert "| count accuracy | 0.950 | – |" in lines  # a missing figure is a dash, not 0
    assert ("| claim precision | 0.600 (0.59±0.05) | 0.600 (0.59±0.05) | 0.600 (0.59±0.05) "
            "| 0.700 (0.69±0.05) | 0.700 (0.69±0.05) | 0.700 (0.69±0.05) |") in lines
    assert "| claim recall | – | – | – | – | – | – |" in lines
    assert text.count("rules alone 2, default 0") == 1


def test_replace_between_markers_keeps_the_rest() -> None:
    readme = f"intro\n{START}\nold\n{END}\nafter\n"
    assert replace_between_markers(readme, f"{START}\nnew\n{END}") == (
        f"intro\n{START}\nnew\n{END}\nafter\n"
    )
    with pytest.raises(ValueError, match="markers"):
        replace_between_markers("no markers here", "x")
