"""``export --output`` writes regular files only, atomically, with the user's umask.

Renaming the finished export over a symlink replaced the link, over a device (as root,
``/dev/full``) replaced the device, and a directory or a missing folder gave a traceback;
the file was created 0600 whatever the umask.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from khronika.errors import OutputRefused
from khronika.export.run import export_to_file
from khronika.store import open_store
from khronika.store.sql import SqlStore
from tests.test_export_formats import claim, doc


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[SqlStore]:
    s = open_store(tmp_path / "k.db")
    s.save_document(doc("a", "Outlet A"), [claim("a", 0)])
    yield s
    s.close()


def test_a_symlink_is_refused_and_left_alone(store: SqlStore, tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("keep me\n")
    link = tmp_path / "out.csv"
    link.symlink_to(target)
    with pytest.raises(OutputRefused, match="symbolic link"):
        export_to_file(store, link, format="csv", redactor=None)
    assert link.is_symlink() and target.read_text() == "keep me\n"


def _special(tmp_path: Path) -> Path:
    """A file that is not a regular one, made here: never a real device such as /dev/null,
    which a test run without the fix would replace (as root) for the whole machine."""
    special = tmp_path / "special"
    os.mkfifo(special)
    return special


def test_a_device_or_pipe_is_refused(store: SqlStore, tmp_path: Path) -> None:
    special = _special(tmp_path)
    with pytest.raises(OutputRefused, match="not a regular file"):
        export_to_file(store, special, format="csv", redactor=None)
    assert special.is_fifo()


def test_a_directory_and_a_missing_folder_are_refused(store: SqlStore, tmp_path: Path) -> None:
    with pytest.raises(OutputRefused, match="directory"):
        export_to_file(store, tmp_path, format="csv", redactor=None)
    with pytest.raises(OutputRefused, match="no such folder"):
        export_to_file(store, tmp_path / "missing" / "x.csv", format="csv", redactor=None)


def test_a_new_file_honours_the_umask_and_leaves_no_temp(store: SqlStore, tmp_path: Path
                                                          ) -> None:
    out = tmp_path / "x.jsonl"
    old = os.umask(0o022)
    try:
        export_to_file(store, out, format="jsonl", redactor=None)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".x.jsonl")] == []
    out.chmod(0o640)
    export_to_file(store, out, format="jsonl", redactor=None)
    assert out.stat().st_mode & 0o777 == 0o640  # an existing file keeps its permissions


@pytest.mark.parametrize("where", ["dir", "missing", "symlink", "device"])
def test_cli_refusal_is_one_k701_line(store: SqlStore, tmp_path: Path, where: str) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "elsewhere.csv")
    special = _special(tmp_path)
    output = {"dir": str(tmp_path), "missing": str(tmp_path / "no" / "x.csv"),
              "symlink": str(link), "device": str(special)}[where]
    proc = subprocess.run(
        [sys.executable, "-m", "khronika", "export", "--db", store.where, "--format", "csv",
         "--include-names", "--output", output],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "[K701]" in errors[0] and output in errors[0]
    assert link.is_symlink() and special.is_fifo()
