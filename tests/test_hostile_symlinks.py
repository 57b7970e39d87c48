"""Symbolic links in an input folder do not pull in files from outside it.

A link to /etc/… inside a folder given to ``khronika run`` was read, stored and shown to
viewers. Links leading out of the folder are now rejections (K110) naming the link; links
within it are read as before; ``follow_links`` (``--follow-links``) reads them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khronika.errors import InputError, LinkOutside
from khronika.ingest import count_documents, read_inputs
from khronika.model import RawDocument

SECRET = "kh-secret-marker outside the input folder"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    inside = tmp_path / "in"
    (inside / "sub").mkdir(parents=True)
    (inside / "report.txt").write_text("Police detained ten migrants in Kazan.\n")
    (inside / "sub" / "other.txt").write_text("Police detained five migrants in Omsk.\n")
    (inside / "to-secret.txt").symlink_to(outside / "secret.txt")
    (inside / "to-outside-dir").symlink_to(outside, target_is_directory=True)
    (inside / "to-report.txt").symlink_to(inside / "report.txt")
    (inside / "sub" / "loop").symlink_to(inside, target_is_directory=True)
    return inside


def _body(doc: RawDocument) -> str:
    return doc.body.decode() if isinstance(doc.body, bytes) else doc.body


def _read(folder: Path, follow: bool) -> tuple[list[RawDocument], list[InputError]]:
    items = list(read_inputs([folder], follow_links=follow))
    return ([i for i in items if isinstance(i, RawDocument)],
            [i for i in items if isinstance(i, InputError)])


def test_links_out_of_the_folder_are_rejected_not_read(folder: Path) -> None:
    docs, errors = _read(folder, follow=False)
    assert all(SECRET not in _body(d) for d in docs)
    assert sorted(Path(e.path).name for e in errors) == ["to-outside-dir", "to-secret.txt"]
    assert all(isinstance(e, LinkOutside) and "outside" in e.message for e in errors)
    assert sorted(Path(d.source).name for d in docs) == ["other.txt", "report.txt",
                                                         "to-report.txt"]
    assert count_documents([folder]) == len(docs) + len(errors)


def test_follow_links_reads_them_and_stops_at_a_loop(folder: Path) -> None:
    docs, errors = _read(folder, follow=True)
    assert not errors
    assert sum(SECRET in _body(d) for d in docs) == 2  # the file link and the folder link


def test_a_link_given_as_the_input_itself_is_read(folder: Path) -> None:
    docs, errors = _read(folder / "to-secret.txt", follow=False)
    assert [_body(d) for d in docs] == [SECRET] and not errors
