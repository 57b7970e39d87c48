"""The CLI as a newcomer meets it: help, version, progress, plurals, errors without
tracebacks, and runs that leave nothing behind when they fail on their own options."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khronika.cli import app, register_commands
from khronika.cli.progress import PlainProgress, plural
from khronika.cli.run import strict_failures, summary_line
from khronika.errors import BadRecord, ConfigError
from khronika.ingest import count_documents
from khronika.model import Rejection
from khronika.pipeline import RunSummary

from .conftest import DEV

register_commands()
runner = CliRunner()


def _commands() -> list[list[str]]:
    found = [[c.name or ""] for c in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        commands = group.typer_instance.registered_commands
        found += [[group.name or "", c.name or ""] for c in commands]
    return found


def test_version_and_short_help() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert re.fullmatch(r"khronika \d+\.\d+\.\d+\S*\n", result.output)
    short = runner.invoke(app, ["-h"])
    assert short.exit_code == 0 and "Usage:" in short.output and "--version" in short.output


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_help_names_values_not_types(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "-h"])
    assert result.exit_code == 0, result.output
    options = result.output.split("Options:", 1)[1]
    # a flag takes no value; a value is named for what it is (FILE, DATE, N), not its type
    assert not re.search(r"<(bool|str|path|int|float)", options), options
    assert "╭" not in result.output  # no boxes to break lines in a narrow terminal


def test_plurals_in_the_summary() -> None:
    assert plural(1, "document") == "1 document"
    assert plural(0, "claim") == "0 claims"
    assert plural(12_000, "entry", "entries") == "12,000 entries"
    one = RunSummary(documents=1, skipped=0, claims=1, rejections=())
    assert summary_line(one) == "processed 1 document → 1 claim, 0 already stored, 0 rejected"


def _rejection(code: str) -> Rejection:
    return Rejection(source="feed.jsonl", stage="clean", code=code, message="x", record="3")


def test_rejections_of_other_languages_alone_do_not_fail_the_run() -> None:
    german = RunSummary(documents=2, skipped=0, claims=3, rejections=(_rejection("K107"),))
    assert not strict_failures(german, strict=False)
    assert strict_failures(german, strict=True)
    assert "in other languages" in summary_line(german)
    mixed = RunSummary(2, 0, 3, (_rejection("K107"), _rejection("K106")))
    assert strict_failures(mixed, strict=False)
    assert summary_line(mixed).endswith("(1 in other languages) (see: khronika rejections)")


def test_plain_progress_prints_a_line_per_interval_with_the_time_left() -> None:
    now = [0.0]
    out = io.StringIO()
    with PlainProgress(100, out, interval=10, clock=lambda: now[0]) as progress:
        for _ in range(40):
            now[0] += 0.5  # 2 documents a second
            progress.advance()
    lines = out.getvalue().splitlines()
    assert lines[0] == "khronika: 20/100 documents, 2.0/s, 0:00:10 elapsed, about 0:00:40 left"
    assert lines[-1].startswith("khronika: 40/100 documents, 2.0/s, 0:00:20 elapsed")
    assert len(lines) == 2  # at 10 s and at 20 s; the command's summary closes the run


def test_count_documents_knows_pages_and_lines_but_not_archives(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "x"}\n\n{"id": "b", "text": "y"}', "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(3):
        (pages / f"{n}.html").write_text(f"<html><body><p>page {n}</p></body></html>", "utf-8")
    assert count_documents([corpus, pages]) == 5
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.html", "<html><body>a</body></html>")
    assert count_documents([corpus, archive]) is None


def test_a_run_that_fails_on_its_options_leaves_no_store(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = runner.invoke(
        app, ["run", "--sample", "--db", str(db), "--codebook", str(tmp_path / "none.toml")]
    )
    assert isinstance(result.exception, ConfigError)
    assert not db.exists()


def test_run_in_other_languages_exits_0_and_says_so(tmp_path: Path, resources: Any) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text(
        json.dumps({"id": "de1", "published": "2025-02-01",
                    "text": "Die Polizei hat am Montag auf dem Markt viele Menschen kontrolliert "
                            "und ihre Ausweise geprüft, berichtet die Lokalzeitung."}) + "\n"
        + json.dumps({"id": "en1", "language": "en", "published": "2025-02-01",
                      "text": "Police detained 30 migrants at a market in Kazan on Monday."})
        + "\n",
        "utf-8",
    )
    result = runner.invoke(app, ["run", str(src), "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 0, result.output
    assert "1 rejected (it is in other languages)" in result.output
    strict = runner.invoke(app, ["run", str(src), "--db", str(tmp_path / "s.db"), "--strict"])
    assert strict.exit_code == 1


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 1
    assert "no such store" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_rejections_says_none(tmp_path: Path, resources: Any) -> None:
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "e", "language": "en", "text": "Police detained 3."})
                   + "\n", "utf-8")
    db = tmp_path / "k.db"
    assert runner.invoke(app, ["run", str(src), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["rejections", "--db", str(db)])
    assert result.exit_code == 0 and "none" in result.output


@pytest.mark.parametrize(
    ("gold", "docs", "error", "text"),
    [
        ("missing.jsonl", "docs", ConfigError, "--gold"),
        ("gold", "folder", ConfigError, "is a folder"),
        ("gold", "empty.jsonl", BadRecord, "no document"),
    ],
)
def test_eval_names_a_bad_file(
    tmp_path: Path, gold: str, docs: str, error: type[Exception], text: str
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty.jsonl").write_text("", "utf-8")
    paths = {"gold": DEV / "gold.jsonl", "docs": DEV / "docs.jsonl"}
    args = ["eval", "--gold", str(paths.get(gold, tmp_path / gold)),
            "--docs", str(paths.get(docs, tmp_path / docs))]
    result = runner.invoke(app, args)
    assert isinstance(result.exception, error), result.output
    assert text in str(result.exception)


def test_extract_takes_the_run_options(tmp_path: Path, resources: Any) -> None:
    outlets = tmp_path / "outlets.tsv"
    outlets.write_text("kras-vesti.example\tKrasnoyarsk\tRU\n", "utf-8")
    src = tmp_path / "story.jsonl"
    src.write_text(
        json.dumps({"id": "z2", "language": "ru", "published": "2025-05-06",
                    "url": "https://kras-vesti.example/2025/05/06/2",
                    "text": "В Железногорске полиция задержала 25 мигрантов в общежитии."},
                   ensure_ascii=False) + "\n",
        "utf-8",
    )
    result = runner.invoke(app, ["extract", str(src), "--outlets", str(outlets)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["location"]["lat"] > 55  # Krasnoyarsk krai's town
    bad = runner.invoke(app, ["extract", str(src), "--codebook", str(tmp_path / "no.toml")])
    assert isinstance(bad.exception, ConfigError)


def test_the_shell_limits_openblas_to_one_thread() -> None:
    code = (
        "import os, sys\n"
        "from khronika.cli import main\n"
        "sys.argv = ['khronika', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout
    assert out.splitlines()[-1] == "1"
