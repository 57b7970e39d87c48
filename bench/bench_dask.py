"""Dask: documents/s with 1 and 2 local workers (text and HTML), efficiency, RSS per worker,
and memory at 10 k and 100 k documents.

    .venv/bin/python bench/bench_dask.py [--docs 1500] [--html-docs 800] [--repeat 5] [--plain]
    .venv/bin/python bench/bench_dask.py --memory 10000,100000 [--light]

Throughput is wall time of ``run_dask`` (reading on the client, extraction on the workers,
the single writer into SQLite), after the workers have built their resources and analysed
a warm-up corpus (``--warm`` documents per worker, the steady state of a long run: the
token, tagger and lemma caches fill over a worker's first few hundred documents); cluster
start-up and warm-up are one-off costs, printed apart. Efficiency from 1 to 2
workers is ``rate(2) / (2 * rate(1))``. The client shares the two cores with the workers,
as it does in ``khronika run --workers 2``.

``--memory`` runs one corpus of the largest size and prints the client's RSS and each
worker's RSS as the written-document count passes each checkpoint. ``--light`` replaces
extraction by cleaning alone, to reach 100 k documents in minutes: it measures the runner's
own memory (reading, in-flight partitions, writer, store), not natasha's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import psutil

from khronika.batch import dask_client, run_dask
from khronika.model import RawDocument
from khronika.pipeline import Outcome, RunSummary
from khronika.store import open_store


def worker_peak_rss(client: Any) -> dict[str, float]:
    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    return dict(client.run(peak))


def worker_rss(client: Any) -> list[float]:
    def now() -> float:
        return float(psutil.Process().memory_info().rss) / 2**20

    return sorted(client.run(now).values())


def worker_cpu(client: Any) -> float:
    def cpu() -> float:
        times = psutil.Process().cpu_times()
        return float(times.user + times.system)

    return sum(client.run(cpu).values())


LAST_CPU: dict[str, float] = {}  # CPU seconds of the last timed run, by side


def timed_run(
    client: Any, path: Path, db: Path, *, quiet: bool = False, **kwargs: Any
) -> tuple[float, RunSummary]:
    """Wall seconds and summary; prints where the CPU went (client with its scheduler, and
    the workers), since on two cores the client's share is taken from the workers."""
    store = open_store(db)
    try:
        me = psutil.Process()
        client_before, workers_before = sum(me.cpu_times()[:2]), worker_cpu(client)
        start = time.perf_counter()
        summary = run_dask([path], store=store, client=client, **kwargs)
        wall = time.perf_counter() - start
        client_cpu = sum(me.cpu_times()[:2]) - client_before
        workers_cpu = worker_cpu(client) - workers_before
        if not quiet:
            print(f"    CPU: client + scheduler {client_cpu:.1f} s "
                  f"({client_cpu / wall:.0%} of a core), workers {workers_cpu:.1f} s "
                  f"({workers_cpu / wall:.2f} cores), wall {wall:.1f} s")
        LAST_CPU.update(client=client_cpu, workers=workers_cpu)
        return wall, summary
    finally:
        store.close()


def processed(summary: RunSummary) -> int:
    """Inputs analysed: stored, or analysed and then found to repeat a stored text (the
    generated pages repeat their texts once the sources run out), or rejected."""
    return summary.documents + summary.skipped + len(summary.rejections)


def throughput(args: argparse.Namespace, folder: Path) -> None:
    """Both clusters stay up and take turns, ``--repeat`` times: this shared host's speed
    drifts by tens of percent from minute to minute, and one 1-worker figure taken in a fast
    minute against a 2-worker figure taken in a slow one made "efficiency" anything from
    0.7 to 1.06. The medians of interleaved runs are compared instead."""
    text = corpus.write_jsonl(folder / "news.jsonl", args.docs)
    pages = corpus.write_html(folder / "pages", args.html_docs)
    # every worker sees the warm-up corpus in full: a worker's caches (tokens, tagger table,
    # lemmas) fill over its first few hundred documents, and a long run lives past that
    warm = corpus.write_jsonl(folder / "warm.jsonl", args.warm)
    rates: dict[int, list[float]] = {1: [], 2: []}
    worker_ms: dict[int, list[float]] = {1: [], 2: []}  # worker CPU per document
    client_ms: dict[int, list[float]] = {1: [], 2: []}
    html_rates: list[float] = []
    with contextlib.ExitStack() as stack:
        clients = {}
        for workers in (1, 2):
            start = time.perf_counter()
            clients[workers] = stack.enter_context(dask_client(workers=workers))
            for k in range(workers):
                timed_run(clients[workers], warm, folder / f"warm{workers}-{k}.db", quiet=True)
            print(f"{workers} worker(s): start-up + resources + warm-up "
                  f"{time.perf_counter() - start:.1f} s")
        for turn in range(args.repeat):
            for workers in (1, 2):
                client = clients[workers]
                seconds, summary = timed_run(client, text, folder / f"text{workers}-{turn}.db")
                rates[workers].append(processed(summary) / seconds)
                worker_ms[workers].append(LAST_CPU["workers"] / processed(summary) * 1000)
                client_ms[workers].append(LAST_CPU["client"] / processed(summary) * 1000)
                print(f"{workers} worker(s): text {processed(summary)} docs in {seconds:.1f} s"
                      f" = {rates[workers][-1]:.1f} docs/s ({summary.claims} claims)")
            seconds, summary = timed_run(clients[2], pages, folder / f"html-{turn}.db")
            html_rates.append(processed(summary) / seconds)
            print(f"2 worker(s): HTML {processed(summary)} docs in {seconds:.1f} s = "
                  f"{html_rates[-1]:.1f} docs/s ({summary.documents} stored, "
                  f"{summary.skipped} with the text of an earlier page, "
                  f"{len(summary.rejections)} rejected)")
        for workers in (1, 2):
            peaks = worker_peak_rss(clients[workers])
            print(f"{workers} worker(s): peak RSS per worker "
                  + ", ".join(f"{v:.0f} MB" for v in peaks.values()))
    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    print(f"medians over {args.repeat} turns: 1 worker {one:.1f} text docs/s; 2 workers "
          f"{two:.1f} text docs/s, {statistics.median(html_rates):.1f} HTML docs/s")
    turns = [b / (2 * a) for a, b in zip(rates[1], rates[2], strict=True)]
    print(f"efficiency 1 → 2 workers: {two / (2 * one):.2f} from the medians, "
          f"{statistics.median(turns):.2f} the median turn (per turn: "
          + ", ".join(f"{t:.2f}" for t in turns) + ")")
    # Where efficiency goes: workers that slow down beside each other (CPU per document up
    # from 1 to 2 workers), or the client and scheduler taking their share of the 2 cores.
    print("CPU per text document (medians): workers "
          f"{statistics.median(worker_ms[1]):.1f} ms with 1 worker, "
          f"{statistics.median(worker_ms[2]):.1f} ms with 2; client + scheduler "
          f"{statistics.median(client_ms[1]):.2f} ms / {statistics.median(client_ms[2]):.2f} ms")
    client_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"client peak RSS: {client_peak:.0f} MB")


def _plain_process(text: Path, warm: Path, barrier: Any, results: Any) -> None:
    """One process of the plain (no Dask) comparison: warm up, wait for the others, time."""
    from khronika.ingest import read_inputs
    from khronika.pipeline import build_resources, process_raws

    resources = build_resources()
    raws = [r for r in read_inputs([text]) if isinstance(r, RawDocument)]
    warm_raws = [r for r in read_inputs([warm]) if isinstance(r, RawDocument)]
    for k in range(0, len(warm_raws), 64):
        process_raws(warm_raws[k : k + 64], resources=resources)
    barrier.wait()
    wall, cpu = time.perf_counter(), time.process_time()
    for k in range(0, len(raws), 64):
        process_raws(raws[k : k + 64], resources=resources)
    results.put((len(raws), time.perf_counter() - wall, time.process_time() - cpu))


def plain(args: argparse.Namespace, folder: Path) -> None:
    """The machine's own cost of running two pipelines side by side: plain processes, no
    Dask, no client, no store, one alone and then two at once, in alternation. CPU per
    document rising from one to two is what two workers pay whatever runs them."""
    import multiprocessing

    text = corpus.write_jsonl(folder / "plain.jsonl", args.docs)
    warm = corpus.write_jsonl(folder / "plain-warm.jsonl", args.warm)
    spawn = multiprocessing.get_context("spawn")
    cpu_ms: dict[int, list[float]] = {1: [], 2: []}
    rates: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeat):
        for n in (1, 2):
            barrier, results = spawn.Barrier(n), spawn.Queue()
            procs = [spawn.Process(target=_plain_process, args=(text, warm, barrier, results))
                     for _ in range(n)]
            for proc in procs:
                proc.start()
            done = [results.get() for _ in procs]
            for proc in procs:
                proc.join()
            cpu_ms[n].append(sum(c for _, _, c in done) / sum(d for d, _, _ in done) * 1000)
            rates[n].append(sum(d / w for d, w, _ in done))
    one, two = statistics.median(cpu_ms[1]), statistics.median(cpu_ms[2])
    print(f"plain processes, no Dask (medians of {args.repeat}): CPU per document {one:.1f} ms"
          f" alone, {two:.1f} ms two at once ({two / one - 1:+.0%}); "
          f"{statistics.median(rates[1]):.1f} → {statistics.median(rates[2]):.1f} docs/s, "
          f"scaling {statistics.median(rates[2]) / (2 * statistics.median(rates[1])):.2f}")


def clean_only(raws: list[RawDocument], published: date | None) -> list[Outcome]:
    """Light task for the memory run: cleaning without extraction (no natasha needed)."""
    from khronika.clean import clean_document
    from khronika.errors import InputError
    from khronika.pipeline import rejection_from

    out = []
    for raw in raws:
        try:
            out.append(Outcome(raw.source, document=clean_document(raw)))
        except InputError as exc:
            out.append(Outcome(raw.source, rejection=rejection_from(exc, "clean")))
    return out


def memory(args: argparse.Namespace, folder: Path) -> None:
    checkpoints = sorted(int(n) for n in args.memory.split(","))
    path = corpus.write_jsonl(folder / "big.jsonl", checkpoints[-1])
    print(f"corpus: {checkpoints[-1]} documents, {path.stat().st_size / 2**20:.0f} MB")
    me = psutil.Process()
    with dask_client(workers=2) as client:
        done = 0
        start = time.perf_counter()

        def seen(outcome: Outcome) -> None:
            nonlocal done
            done += 1
            if done in checkpoints or done == 1000:
                print(f"{done:>7} docs, {time.perf_counter() - start:7.0f} s: client RSS "
                      f"{me.memory_info().rss / 2**20:.0f} MB, workers "
                      + ", ".join(f"{v:.0f}" for v in worker_rss(client)) + " MB", flush=True)

        extra: dict[str, Any] = {"process": clean_only} if args.light else {}
        store = open_store(folder / "big.db")
        try:
            summary = run_dask([path], store=store, client=client, on_outcome=seen, **extra)
        finally:
            store.close()
    print(f"stored {summary.documents} documents, {len(summary.rejections)} rejected, "
          f"{done / (time.perf_counter() - start):.0f} docs/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--html-docs", type=int, default=800)
    parser.add_argument("--warm", type=int, default=400,
                        help="warm-up documents, run once per worker before timing")
    parser.add_argument("--repeat", type=int, default=5,
                        help="turns of 1-worker and 2-worker runs, taken in alternation")
    parser.add_argument("--memory", help="checkpoints, e.g. 10000,100000")
    parser.add_argument("--light", action="store_true", help="clean only, in the memory run")
    parser.add_argument("--plain", action="store_true",
                        help="also time plain processes (no Dask) alone and in pairs")
    args = parser.parse_args()
    # the client reads and writes; its own numpy (if any) must not spin threads either, nor
    # the plain processes' (spawned with this environment), as Dask's nanny sees to for workers
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    with tempfile.TemporaryDirectory() as tmp:
        if args.memory:
            memory(args, Path(tmp))
        else:
            throughput(args, Path(tmp))
            if args.plain:
                plain(args, Path(tmp))


if __name__ == "__main__":
    main()
