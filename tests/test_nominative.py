"""Russian credits in the nominative (issue 19), on names written for these tests."""

from __future__ import annotations

import pytest

from khronika.extract.nominative import nominative

CASES = [
    ("пресс-службе ГУ МВД по Тверской области", "пресс-служба ГУ МВД по Тверской области"),
    ("Тверских вестей", "Тверские вести"),
    ("очевидцев", "очевидцы"),
    ("региональном управлении МВД", "региональное управление МВД"),
    ("местного портала", "местный портал"),
    ("военном следственном отделе СК России", "военный следственный отдел СК России"),
    ("Ильдара Сафина", "Ильдар Сафин"),
    # kept as written: quoted and Latin names, partitives, abbreviations
    ("«Северный край»", "«Северный край»"),
    ("Baza", "Baza"),
    ("местные власти", "местные власти"),
    ("жильцов", "жильцы"),
    ("одного из задержанных", "одного из задержанных"),
    ("МВД", "МВД"),
]


@pytest.mark.parametrize(("written", "expected"), CASES)
def test_nominative(written: str, expected: str) -> None:
    assert nominative(written) == expected
