"""Every error code the package defines is documented in docs/errors.md."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_errors_every_code_documented() -> None:
    codes = set()
    for path in (REPO / "src" / "khronika").rglob("*.py"):
        codes |= set(re.findall(r'code = "(K\d{3})"', path.read_text("utf-8")))
    assert len(codes) >= 19
    documented = set(re.findall(r"^\| (K\d{3}) \|", (REPO / "docs" / "errors.md").read_text(
        "utf-8"), re.M))
    assert codes <= documented, sorted(codes - documented)


def test_errors_message_names_the_file() -> None:
    from khronika.errors import NotHTML

    error = NotHTML("named like HTML but holds binary data", path="in/page.html")
    assert str(error) == "in/page.html: [K104] named like HTML but holds binary data"
