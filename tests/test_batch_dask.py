"""The Dask runner against the serial run, on a real two-process local cluster.

One cluster serves the module: each worker process loads natasha once (seconds), which is
the cost the runner exists to pay only once.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import cloudpickle
import pytest

from khronika.errors import ConfigError, InputError
from khronika.model import RawDocument
from khronika.pipeline import Outcome, build_resources, run
from khronika.settings import ExtractSettings
from khronika.store import open_store

batch = pytest.importorskip("khronika.batch")

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "khronika" / "data" / "sample" / "docs.jsonl"
SAMPLE_LINES = sum(1 for line in SAMPLE.open(encoding="utf-8") if line.strip())

# Test-defined partition functions travel to the worker processes by value: the workers
# cannot import this module from tests/.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with batch.dask_client(workers=2) as dask:
        yield dask


def _stored(db: Path) -> tuple[list[Any], list[Any], Any]:
    store = open_store(db)
    try:
        claims = sorted(store.iter_claims(), key=lambda c: c.claim_id)
        rejections = sorted(store.iter_rejections(), key=lambda r: (r.source, r.record or ""))
        return claims, rejections, store.count()
    finally:
        store.close()


def test_batch_two_workers_store_what_the_serial_run_stores(
    tmp_path: Path, resources: Any, client: Any
) -> None:
    serial_db, dask_db = tmp_path / "serial.db", tmp_path / "dask.db"
    store = open_store(serial_db)
    try:
        serial = run([SAMPLE], store=store, resources=resources)
    finally:
        store.close()
    store = open_store(dask_db)
    seen: list[Outcome] = []
    try:
        # small partitions, so both workers take part
        # the workers build the rules alone too (``resources`` is the rules alone)
        parallel = batch.run_dask([SAMPLE], store=store, client=client, partition_docs=5,
                                  on_outcome=seen.append, settings=ExtractSettings(model="none"))
    finally:
        store.close()

    assert parallel == serial
    assert serial.claims > 50  # the sample is about raids: an empty run would prove nothing
    assert len(seen) == SAMPLE_LINES
    assert _stored(dask_db) == _stored(serial_db)
    workers_used = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert len([n for n in workers_used.values() if n]) == 2


def _fail_on_record_7(raws: list[RawDocument], published: date | None) -> list[Outcome]:
    if any(raw.record == "7" for raw in raws):
        raise RuntimeError("worker-side failure")
    return list(batch.process_partition(raws, published))


def test_batch_failing_partition_becomes_rejections(tmp_path: Path, client: Any) -> None:
    store = open_store(tmp_path / "k.db")
    try:
        summary = batch.run_dask([SAMPLE], store=store, client=client, partition_docs=4,
                                 process=_fail_on_record_7)
        rejected = sorted(store.iter_rejections(), key=lambda r: int(r.record or 0))
    finally:
        store.close()

    # records 5-8 share the partition that failed twice; every other document is stored
    assert [r.record for r in rejected] == ["5", "6", "7", "8"]
    assert {r.code for r in rejected} == {"K601"}
    assert {r.stage for r in rejected} == {"batch"}
    assert all("failed 2 times" in r.message and "worker-side failure" in r.message
               for r in rejected)
    assert [r.doc_id for r in rejected] == ["dev-ru-05", "dev-ru-06", "dev-ru-07", "dev-en-01"]
    assert summary.documents + len(summary.rejections) == SAMPLE_LINES


def _fail_first_attempt(raws: list[RawDocument], published: date | None) -> list[Outcome]:
    # the marker lives on the shared disk: the retry may run in the other worker process
    marker = Path(str(raws[0].source) + f".{raws[0].record}.tried")
    if raws[0].record == "1" and not marker.exists():
        marker.touch()
        raise RuntimeError("transient")
    return list(batch.process_partition(raws, published))


def test_batch_retries_a_failed_partition_once(tmp_path: Path, client: Any) -> None:
    corpus = tmp_path / "docs.jsonl"
    corpus.write_bytes(SAMPLE.read_bytes())
    store = open_store(tmp_path / "k.db")
    try:
        summary = batch.run_dask([corpus], store=store, client=client, partition_docs=10,
                                 process=_fail_first_attempt)
    finally:
        store.close()
    assert summary.rejections == ()
    assert summary.documents == SAMPLE_LINES
    assert Path(f"{corpus}.1.tried").exists()


def test_batch_unreadable_inputs_are_rejected_on_the_client(tmp_path: Path, client: Any) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "В Москве задержали 5 мигрантов."}\nnot json\n',
                   encoding="utf-8")
    store = open_store(tmp_path / "k.db")
    try:
        summary = batch.run_dask([bad, tmp_path / "missing.txt"], store=store, client=client)
    finally:
        store.close()
    assert summary.documents == 1
    assert sorted((r.code, r.record) for r in summary.rejections) == [
        ("K100", None), ("K106", "2")
    ]


RU = "В Казани полиция задержала двенадцать мигрантов."
EN = "Police detained twelve migrants in Kazan."


@pytest.mark.parametrize(
    ("sizes", "limit_docs", "limit_bytes", "expected"),
    [
        ([10, 10, 10], 2, 10**6, [2, 1]),  # by count
        ([600, 600, 600], 10, 1000, [1, 1, 1]),  # by bytes
        ([2000], 10, 1000, [1]),  # a page over the byte limit still travels, alone
        ([], 4, 1000, []),
    ],
)
def test_batch_partitions_by_count_and_size(
    sizes: list[int], limit_docs: int, limit_bytes: int, expected: list[int]
) -> None:
    raws = [RawDocument("x", (RU if i % 2 else EN) * (n // len(RU) + 1), "text", record=str(i))
            for i, n in enumerate(sizes)]
    parts = list(batch._partitions(raws, limit_docs, limit_bytes))
    assert [len(p) for p in parts] == expected
    assert [r for p in parts for r in p] == raws


def test_batch_partitions_pass_input_errors_through_in_order() -> None:
    error = InputError("broken", path="y")
    raws = [RawDocument("x", RU, "text", record=str(i)) for i in range(3)]
    parts = list(batch._partitions([raws[0], error, raws[1], raws[2]], 2, 10**6))
    # errors go straight to the writer; documents keep filling the open partition
    assert parts == [error, [raws[0], raws[1]], [raws[2]]]


def test_batch_without_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "khronika.batch")
    with pytest.raises(ConfigError, match=r"pip install 'khronika\[dask\]'"):
        importlib.import_module("khronika.batch")


def _cli() -> Any:
    from khronika.cli import app, register_commands

    register_commands()
    return app


def test_batch_cli_runs_on_an_existing_scheduler(tmp_path: Path, client: Any) -> None:
    from typer.testing import CliRunner

    db = tmp_path / "cli.db"
    result = CliRunner().invoke(
        _cli(), ["run", "--sample", "--db", str(db), "--dask", client.scheduler.address]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith("0 already stored, 0 rejected")
    assert result.stderr.strip().startswith(f"processed {SAMPLE_LINES} documents → ")
    assert _stored(db)[2].documents == SAMPLE_LINES


def test_batch_cli_refuses_both_workers_and_scheduler(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        _cli(), ["run", "--sample", "--db", str(tmp_path / "x.db"), "--workers", "2",
                 "--dask", "tcp://127.0.0.1:8786"]
    )
    assert result.exit_code == 2
    assert "--workers or --dask, not both" in result.stderr


def test_batch_workers_use_an_imported_gazetteer(tmp_path: Path, client: Any) -> None:
    """A village only the imported gazetteer knows is placed by the workers too."""
    from khronika.geocode import import_geonames

    from .test_geocode_import import _write_dump

    extra = tmp_path / "extra.sqlite"
    import_geonames(_write_dump(tmp_path), extra)
    report = tmp_path / "village.jsonl"
    report.write_text(json.dumps({
        "id": "village-1", "published": "2024-05-02", "language": "ru",
        "text": "В селе Малые Кочки полиция задержала 14 мигрантов.",
    }, ensure_ascii=False) + "\n", encoding="utf-8")

    def places(gazetteer: Path | None) -> list[str | None]:
        db = tmp_path / f"{'with' if gazetteer else 'without'}.db"
        store = open_store(db)
        try:
            batch.run_dask([report], store=store, client=client,
                           settings=ExtractSettings(gazetteer=gazetteer))
            return [c.location.name for c in store.iter_claims()]
        finally:
            store.close()

    assert places(extra) == ["Malye Kochki"]
    assert places(None) != ["Malye Kochki"]  # and the plugin is rebuilt without it


def test_worker_resources_carry_a_teams_outlet_table() -> None:
    """The outlet table travels as text with the plugin, and a new table means new
    resources on a long-lived cluster."""
    table = "kras-vesti.example\tKrasnoyarsk\tRU\n"
    plugin = batch.ResourcesPlugin(ExtractSettings(outlets=table))
    assert plugin.digest != batch.ResourcesPlugin(ExtractSettings()).digest
    resources = build_resources(plugin.settings)
    home = resources.geocoder.outlets.home("https://kras-vesti.example/1")
    assert home is not None and home.name == "Krasnoyarsk"
    assert resources.geocoder.outlets.home("https://www.fontanka.ru/1") is not None  # bundled


def _extract_fails_on_record_7(raws: list[RawDocument], published: date | None
                               ) -> list[Outcome]:
    # runs on the worker: one document's extraction raises, as an unforeseen bug would
    from khronika.extract import claims as claims_module

    real = claims_module.extract_claims

    def failing(doc: Any, *args: Any, **kwargs: Any) -> Any:
        if doc.record == "7":
            raise ValueError("extraction bug on one document")
        return real(doc, *args, **kwargs)

    claims_module.extract_claims = failing  # type: ignore[assignment]
    try:
        return list(batch.process_partition(raws, published))
    finally:
        claims_module.extract_claims = real  # type: ignore[assignment]


def test_batch_one_document_failing_rejects_only_it(tmp_path: Path, client: Any) -> None:
    store = open_store(tmp_path / "k.db")
    try:
        summary = batch.run_dask([SAMPLE], store=store, client=client, partition_docs=4,
                                 process=_extract_fails_on_record_7)
    finally:
        store.close()
    assert [(r.record, r.code, r.stage) for r in summary.rejections] == [("7", "K109", "extract")]
    assert summary.documents == SAMPLE_LINES - 1
