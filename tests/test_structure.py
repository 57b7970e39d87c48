"""The package's shape (issue 22): stages never import the shells, no import cycles, no private
names taken across modules. The checker is tested on a planted package first, so a pass on the
real one means something."""

from __future__ import annotations

from pathlib import Path

import pytest

from khronika.layers import (
    Edge,
    cycles,
    import_edges,
    layer_violations,
    module_names,
    private_imports,
)

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "khronika"


def _plant(root: Path, files: dict[str, str]) -> dict[str, Path]:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return module_names(root)


@pytest.fixture
def planted(tmp_path: Path) -> dict[str, Path]:
    return _plant(
        tmp_path / "khronika",
        {
            "__init__.py": "",
            "export/__init__.py": "",
            "export/csv.py": "from khronika.extract import rules\n",
            "extract/__init__.py": "",
            # a lazy import still ties the stage to the shell
            "extract/rules.py": "def f():\n    from khronika.export.csv import write\n",
            "geocode/__init__.py": "",
            "geocode/a.py": "from . import b\n",
            "geocode/b.py": "from khronika.geocode.c import _helper\n",
            "geocode/c.py": "import khronika.geocode.a\n",
            "store/__init__.py": "",
            "store/typed.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from khronika.web import app\n"
            ),
            "web/__init__.py": "from khronika.store import typed\n",
        },
    )


def test_checker_finds_a_lazy_import_from_a_stage_into_a_shell(planted: dict[str, Path]) -> None:
    found = {(e.source, e.target) for e in layer_violations(import_edges(planted))}
    assert ("khronika.extract.rules", "khronika.export.csv") in found
    # a typing-only import is still a dependency a reader sees
    assert ("khronika.store.typed", "khronika.web") in found
    assert ("khronika.export.csv", "khronika.extract.rules") not in found


def test_checker_finds_cycles_but_not_typing_only_ones(planted: dict[str, Path]) -> None:
    groups = cycles(import_edges(planted))
    assert ["khronika.geocode.a", "khronika.geocode.b", "khronika.geocode.c"] in groups
    # export.csv ⇄ extract.rules is a cycle; store.typed ⇄ web is not (typing only)
    assert ["khronika.export.csv", "khronika.extract.rules"] in groups
    assert not any("khronika.web" in g for g in groups)


def test_checker_finds_private_names_across_modules(planted: dict[str, Path]) -> None:
    assert private_imports(planted) == [("khronika.geocode.b", "khronika.geocode.c", "_helper")]


def test_cycles_on_a_long_chain_do_not_recurse() -> None:
    chain = [Edge(f"m{i}", f"m{i + 1}", False) for i in range(5000)]
    assert cycles(chain) == []
    assert cycles([*chain, Edge("m5000", "m0", False)])[0][:2] == ["m0", "m1"]


def test_stages_never_import_export_web_or_cli() -> None:
    assert layer_violations(import_edges(module_names(PACKAGE))) == []


def test_no_import_cycles() -> None:
    assert cycles(import_edges(module_names(PACKAGE))) == []


def test_no_private_names_imported_across_modules() -> None:
    assert private_imports(module_names(PACKAGE)) == []
