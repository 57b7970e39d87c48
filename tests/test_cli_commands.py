"""The CLI end to end on real files: the README's sample run, export, idempotence, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from khronika.cli import app, register_commands
from khronika.errors import ConfigError

from .conftest import DEV, SHARED

register_commands()
runner = CliRunner()
SCHEMA = json.loads((SHARED / "contract" / "claim.schema.json").read_text("utf-8"))


def _validate_lines(text: str) -> int:
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    n = 0
    for line in text.splitlines():
        validator.validate(json.loads(line))
        n += 1
    return n


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Path:
    db = tmp_path_factory.mktemp("sample") / "khronika.db"
    result = runner.invoke(app, ["run", "--sample", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "processed 51 documents" in result.output
    return db


def test_cli_help_for_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in app.registered_commands:
        name = command.name or ""
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0, name
        assert "Usage" in sub.output


def test_cli_sample_export_validates_against_contract(sample_db: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(sample_db)])
    assert result.exit_code == 0
    assert _validate_lines(result.stdout) > 100


def test_cli_run_twice_adds_nothing(sample_db: Path) -> None:
    before = runner.invoke(app, ["export", "--db", str(sample_db)]).stdout.count("\n")
    again = runner.invoke(app, ["run", "--sample", "--db", str(sample_db)])
    assert again.exit_code == 0
    assert "51 already stored" in again.output
    after = runner.invoke(app, ["export", "--db", str(sample_db)]).stdout.count("\n")
    assert before == after


def test_cli_extract_prints_contract_lines(tmp_path: Path) -> None:
    src = tmp_path / "one.jsonl"
    src.write_text(
        json.dumps({"id": "t1", "language": "en", "published": "2025-03-04",
                    "text": "Police detained 40 migrants at a market in Kazan on Monday."})
        + "\n",
        "utf-8",
    )
    result = runner.invoke(app, ["extract", str(src)])
    assert result.exit_code == 0
    assert _validate_lines(result.stdout) == 1
    claim = json.loads(result.stdout)
    assert claim["event_type"] == "detention"
    assert claim["count"]["min"] == 40
    assert claim["location"]["name"] == "Kazan"
    assert claim["date"]["start"] == "2025-03-03"


def test_cli_bad_inputs_named_and_earlier_documents_kept(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a_good.jsonl").write_text(
        json.dumps({"id": "good", "language": "ru", "published": "2024-05-02",
                    "text": "В Самаре полиция задержала 12 мигрантов на рынке."}) + "\n",
        "utf-8",
    )
    (inputs / "b_junk.html").write_bytes(bytes(range(256)) * 8)
    (inputs / "c_empty.txt").write_bytes(b"")
    (inputs / "d_lines.jsonl").write_bytes(
        b'{"id": "x", "text": "\xff\xfe broken"}\n'
    )
    db = tmp_path / "k.db"
    result = runner.invoke(app, ["run", str(inputs), "--db", str(db)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("rejected ")]
    assert len(errors) == 3
    assert any("b_junk.html" in e for e in errors)
    assert any("c_empty.txt" in e for e in errors)
    assert any("d_lines.jsonl#1" in e for e in errors)
    exported = runner.invoke(app, ["export", "--db", str(db)]).stdout
    assert json.loads(exported.splitlines()[0])["doc_id"] == "good"
    listed = runner.invoke(app, ["rejections", "--db", str(db)])
    assert listed.stdout.count("\n") == 3


def test_cli_eval_reports_every_metric() -> None:
    result = runner.invoke(
        app, ["eval", "--gold", str(DEV / "gold.jsonl"), "--docs", str(DEV / "docs.jsonl"),
              "--json"],
    )
    assert result.exit_code == 0
    metrics = json.loads(result.stdout)
    for name in ("claim_f1", "count_accuracy", "date_accuracy", "location_accuracy",
                 "attribution_accuracy", "certainty_accuracy"):
        assert 0.6 <= metrics[name] <= 1.0


def test_cli_gazetteer_import_then_run_reaches_the_village(tmp_path: Path) -> None:
    from .test_geocode_import import _write_dump

    dump = tmp_path / "dump"
    dump.mkdir()
    target = tmp_path / "villages.db"
    imported = runner.invoke(
        app, ["gazetteer", "import", *map(str, _write_dump(dump)), "--output", str(target)]
    )
    assert imported.exit_code == 0, imported.output
    assert "places" in imported.output
    src = tmp_path / "village.jsonl"
    src.write_text(
        json.dumps({"id": "v1", "language": "en", "published": "2025-05-06",
                    "text": "Police raided a dormitory for migrant workers in Malye Kochki "
                            "on Monday."}) + "\n",
        "utf-8",
    )
    db = tmp_path / "k.db"
    result = runner.invoke(app, ["run", str(src), "--db", str(db), "--gazetteer", str(target)])
    assert result.exit_code == 0, result.output
    claim = json.loads(runner.invoke(app, ["export", "--db", str(db)]).stdout.splitlines()[0])
    assert claim["location"]["name"] == "Malye Kochki"
    assert claim["location"]["geonameid"] == 99000001


def test_cli_readme_transcript_is_true(sample_db: Path) -> None:
    """The README's first screen shows what `khronika run --sample` and export really print."""
    from .conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    fresh = runner.invoke(app, ["run", "--sample", "--db", str(sample_db.parent / "again.db")])
    summary = [line for line in fresh.output.splitlines() if line.startswith("processed ")]
    assert summary and summary[0] in readme
    exported = runner.invoke(app, ["export", "--db", str(sample_db)]).stdout
    first = json.loads(exported.splitlines()[0])
    for key in ("doc_id", "claim_id", "event_type", "actors", "targets", "count", "certainty"):
        assert f'"{key}":{json.dumps(first[key], ensure_ascii=False, separators=(",", ":"))}' \
            in readme.replace("\n ", ""), key
    assert first["evidence"]["text"] in readme


def test_cli_run_with_a_teams_outlet_table(tmp_path: Path) -> None:
    """`--outlets` adds a team's own outlets: a lone "Железногорск" from a Krasnoyarsk
    outlet is Krasnoyarsk's closed town, not Kursk's."""
    outlets = tmp_path / "outlets.tsv"
    outlets.write_text("# our sources\nkras-vesti.example\tKrasnoyarsk\tRU\n", "utf-8")
    src = tmp_path / "story.jsonl"
    src.write_text(
        json.dumps({"id": "z1", "language": "ru", "published": "2025-05-06",
                    "url": "https://news.kras-vesti.example/2025/05/06/1",
                    "text": "В Железногорске полиция задержала 40 мигрантов на рынке."},
                   ensure_ascii=False) + "\n",
        "utf-8",
    )
    lats = {}
    for name, extra in (("with", ["--outlets", str(outlets)]), ("without", [])):
        db = tmp_path / f"{name}.db"
        result = runner.invoke(app, ["run", str(src), "--db", str(db), *extra])
        assert result.exit_code == 0, result.output
        claim = json.loads(runner.invoke(app, ["export", "--db", str(db)]).stdout.splitlines()[0])
        assert claim["location"]["name"] == "Zheleznogorsk"
        lats[name] = claim["location"]["lat"]
    assert lats["with"] > 55 > lats["without"]  # Krasnoyarsk krai, then Kursk oblast


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("kras-vesti.example\tKrasnoyarsk\n", "line 1: expected 3 tab-separated columns"),
        ("# header\n\nkras-vesti.example\tNowhere-on-Sea\tRU\n", "line 3: no place"),
    ],
)
def test_cli_run_rejects_a_bad_outlet_table(tmp_path: Path, content: str, message: str) -> None:
    outlets = tmp_path / "bad-outlets.tsv"
    outlets.write_text(content, "utf-8")
    result = runner.invoke(app, ["run", "--sample", "--db", str(tmp_path / "k.db"),
                                 "--outlets", str(outlets)])
    # the shell's entry point prints "[K201] …" and exits 1; here the error itself arrives
    assert isinstance(result.exception, ConfigError)
    assert str(result.exception).startswith("[K201] ")
    assert "bad-outlets.tsv" in str(result.exception) and message in str(result.exception)


def test_cli_gazetteer_outlets_learns_a_local_paper_then_run_uses_it(tmp_path: Path) -> None:
    """A store's claims show which outlets are local; their table, given back to `run`,
    reads the local paper's lone "Columbus" as its own state's."""

    def story(doc_id: str, url: str, town: str) -> str:
        return json.dumps({
            "id": doc_id, "language": "en", "published": "2025-05-06", "url": url,
            "text": f"Police raided a meatpacking plant in {town} on Monday and detained"
                    " 30 Uzbek migrant workers.",  # an anchor: the codebook's stories
        }) + "\n"

    first = tmp_path / "first.jsonl"
    first.write_text(
        "".join(story(f"p{i}", f"https://www.prairie-ledger.example/news/{i}", town)
                for i, town in enumerate(["Omaha", "Grand Island", "North Platte", "Scottsbluff"]))
        + "".join(story(f"n{i}", f"https://nation-wire.example/{i}", town)
                  for i, town in enumerate(["Chicago", "Houston", "Seattle", "Boston"])),
        "utf-8",
    )
    db = tmp_path / "first.db"
    assert runner.invoke(app, ["run", str(first), "--db", str(db)]).exit_code == 0
    table = tmp_path / "outlets.tsv"
    learned = runner.invoke(app, ["gazetteer", "outlets", "--db", str(db), "-o", str(table)])
    assert learned.exit_code == 0, learned.output
    assert table.read_text("utf-8") == "prairie-ledger.example\tNebraska\tUS\n"

    later = tmp_path / "later.jsonl"
    later.write_text(story("c1", "https://prairie-ledger.example/news/9", "Columbus"), "utf-8")
    for name, extra, admin1 in (("with", ["--outlets", str(table)], "NE"), ("without", [], "OH")):
        db2 = tmp_path / f"{name}.db"
        assert runner.invoke(app, ["run", str(later), "--db", str(db2), *extra]).exit_code == 0
        claim = json.loads(runner.invoke(app, ["export", "--db", str(db2)]).stdout.splitlines()[0])
        assert (claim["location"]["name"], claim["location"]["admin1"]) == ("Columbus", admin1)
