"""`import_geonames` on a tiny GeoNames dump the test writes: a village absent from the
bundled data resolves once the imported file is attached."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from khronika.errors import GazetteerMissing, InputError
from khronika.geocode import Geocoder, import_geonames, load_gazetteer

# An invented village in Novosibirsk Oblast (admin1 53), in GeoNames' 19-column layout.
VILLAGE = [
    "99000001", "Malye Kochki", "Malye Kochki", "Malyye Kochki,Малые Кочки",
    "55.11000", "83.20000", "P", "PPL", "RU", "", "53", "", "", "", "120", "", "150",
    "Asia/Novosibirsk", "2024-01-01",
]
# Not a populated place or admin area (a stream): skipped.
STREAM = [
    "99000002", "Kochkinsky Ruchey", "Kochkinsky Ruchey", "", "55.1", "83.3", "H", "STM",
    "RU", "", "53", "", "", "", "0", "", "140", "Asia/Novosibirsk", "2024-01-01",
]


def _write_dump(folder: Path) -> list[Path]:
    main = folder / "RU.zip"
    with zipfile.ZipFile(main, "w") as archive:
        archive.writestr("readme.txt", "not data\n")
        archive.writestr("RU.txt", "\t".join(VILLAGE) + "\n" + "\t".join(STREAM) + "\n")
    alternates = folder / "alternateNamesV2.zip"
    with zipfile.ZipFile(alternates, "w") as archive:
        archive.writestr(
            "alternateNamesV2.txt",
            "1\t99000001\tru\tМалые Кочки\t1\t\t\t\t\t\n"
            "2\t99000001\ten\tLittle Kochki\t\t\t\t\t\t\n",
        )
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text("RU.53\tNovosibirsk\tNovosibirsk\t1496745\n", encoding="utf-8")
    return [main, alternates, admin1]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("geonames")
    target = folder / "extra.sqlite"
    seen: list[int] = []
    count = import_geonames(_write_dump(folder), target, progress=seen.append)
    assert count == 1
    assert seen and seen[-1] >= 3
    return target


def test_geocode_import_village_resolves(imported: Path) -> None:
    gazetteer = load_gazetteer(extra=imported)
    for name in ("Малые Кочки", "Malye Kochki", "Malyye Kochki", "Little Kochki"):
        place = gazetteer.lookup(name)
        assert place is not None, name
        assert (place.name, place.name_local, place.country, place.admin1) == (
            "Malye Kochki", "Малые Кочки", "RU", "53",
        )
        assert place.precision == "city"
        assert place.geonameid == 99000001
        assert place.population == 120
    assert gazetteer.lookup("Kochkinsky Ruchey") is None
    # the bundled places are still there, and still win for their own names
    moscow = gazetteer.lookup("Москва")
    assert moscow is not None and moscow.country == "RU"


def test_geocode_import_village_in_text(imported: Path, nlp: Any) -> None:
    geocoder = Geocoder(load_gazetteer(extra=imported), nlp)
    (sentence,) = nlp.analyze("Рейд прошёл в селе Малые Кочки под Новосибирском.", "ru")
    names = [p.name for p in geocoder.find_places(sentence, "ru")]
    assert names == ["Malye Kochki", "Novosibirsk"]


def test_geocode_import_without_extra_knows_no_village() -> None:
    assert load_gazetteer().lookup("Малые Кочки") is None


def test_geocode_import_reimport_is_idempotent(imported: Path, tmp_path: Path) -> None:
    again = import_geonames(_write_dump(tmp_path), imported)
    assert again == 1


def test_geocode_import_rejects_a_file_that_is_not_geonames(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\tworld\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_geonames([bad], tmp_path / "out.sqlite")


def test_geocode_import_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerMissing):
        import_geonames([tmp_path / "absent.zip"], tmp_path / "out.sqlite")
    with pytest.raises(GazetteerMissing):
        load_gazetteer(extra=tmp_path / "absent.sqlite")
