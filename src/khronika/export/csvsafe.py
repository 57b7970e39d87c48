"""Neutralising spreadsheet formulas in CSV cells (OWASP's "CSV injection" rule).

Outlet names, credited sources and evidence sentences are scraped text: a cell beginning
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (``=HYPERLINK(…)``, ``@SUM(…)``, DDE payloads). Such a cell
gets a leading apostrophe, which spreadsheets show as text and never evaluate. Only
strings are touched: numbers the writer emits (negative longitudes) stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]
