"""The Dask runner: documents in partitions over the workers, one writer on the client.

The client reads the inputs (so workers need no access to the files), cuts the documents
into partitions and submits ``process_raws`` over each; every worker builds the heavy
``Resources`` once, in a worker plugin, never per task. Outcomes come back to the client,
which alone writes them to the store, one transaction per document, exactly as the serial
``pipeline.run`` does, so both paths store the same claims for the same input.

Bounded memory: at most ``max_in_flight`` partitions are submitted and not yet written;
reading pauses until one completes, so a corpus of any size runs in flat memory.

A partition whose task fails (an exception, a worker that died under it) is submitted once
more; if it fails again every document in it becomes a ``Rejection`` with code ``K601``, so
no document is ever lost silently.

Dask is an optional extra: without it, importing this module raises ``ConfigError`` with the
install command.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from khronika.errors import ConfigError, InputError, PartitionFailed
from khronika.ingest import read_inputs
from khronika.model import RawDocument, Rejection
from khronika.pipeline import (
    Outcome,
    Resources,
    RunSummary,
    Writer,
    build_resources,
    process_raws,
    rejection_from,
)
from khronika.settings import ExtractSettings
from khronika.store import Store

DASK_MISSING = "Dask runs need: pip install 'khronika[dask]'"

try:
    import dask
    from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed, get_worker
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ConfigError(DASK_MISSING) from exc

__all__ = [
    "DASK_MISSING",
    "PartitionFailed",
    "ResourcesPlugin",
    "dask_client",
    "process_partition",
    "run_dask",
]

PLUGIN_NAME = "khronika-resources"
# 64 one-KB documents are ~0.5-1 s of work: long enough that the client's share per task
# (scheduling, messages, results) stays small beside the workers' (measured: 0.8 ms a
# document of client CPU at 32, 0.6 at 64, no better at 128), short enough that the
# progress bar moves and a retry redoes little.
PARTITION_DOCS = 64
# Partitions travel inside the task message; above ~10 MB Dask warns and the scheduler holds
# them in memory, so pages are cut into smaller partitions by size as well as by count.
PARTITION_BYTES = 4 * 2**20
# Per worker thread: one partition running, one queued behind it so no worker waits for the
# client, and one completed waiting to be written.
IN_FLIGHT_PER_THREAD = 3
ATTEMPTS = 2  # a failed partition is tried once more, then its documents become rejections
# Housekeeping timers of a local cluster, slowed. Every process (client with scheduler and
# nannies, each worker) wakes its event loop every 20 ms to time how long it was blocked,
# samples its own CPU and memory every 0.5 s, and the nannies poll the workers' memory every
# 0.1 s: measured on an idle 2-worker cluster, 13 % of a core, 8 % of it in the client
# process, taken from the workers when they fill both cores. Slowed, 2 %. The costs: the
# "event loop was unresponsive" warning and the memory limits react within a second rather
# than within a tenth.
QUIET_LOCAL_CLUSTER = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


PartitionFn = Callable[[list[RawDocument], "date | None"], list[Outcome]]


class ResourcesPlugin(WorkerPlugin):
    """Builds the pipeline's ``Resources`` once per worker, when the worker joins.

    What they are built from travels as ``ExtractSettings`` (see there for what each
    worker must see on its own disk).
    """

    def __init__(self, settings: ExtractSettings | None = None) -> None:
        self.settings = settings or ExtractSettings()
        self.digest = self.settings.digest()
        self.resources: Resources | None = None
        self.lock: threading.Lock | None = None

    async def setup(self, worker: Any) -> None:
        self.lock = threading.Lock()
        # natasha takes seconds to load: off the event loop, so the worker keeps heartbeating
        self.resources = await asyncio.get_running_loop().run_in_executor(
            None, build_resources, self.settings
        )


def process_partition(raws: list[RawDocument], published: date | None) -> list[Outcome]:
    """Runs on a worker: ``process_raws`` over one partition with the worker's resources."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, ResourcesPlugin) and plugin.resources is not None
    assert plugin.lock is not None
    # Workers with several threads share one Resources; the GIL would serialise the work
    # anyway, and the lock keeps natasha's taggers and caches to one caller at a time.
    with plugin.lock:
        return process_raws(raws, resources=plugin.resources, published=published)


@contextmanager
def dask_client(*, workers: int | None = None, address: str | None = None) -> Iterator[Client]:
    """A client on an existing scheduler (``address``) or on a new local cluster.

    Local workers are processes with one thread each: the pipeline is Python code under the
    GIL, so threads would not add speed. Dask's nanny starts them with OMP, MKL and OpenBLAS
    limited to one thread, which natasha needs, and with ``MALLOC_TRIM_THRESHOLD_`` set,
    which we unset: a fixed threshold turns off glibc's adaptive mmap threshold, so each of
    the taggers' megabyte-sized numpy temporaries is mapped and faulted in anew, and a worker
    ran ~25 % slower (see ``docs/dask.md``); and with the workers' sampling profiler off.
    """
    if address is not None:
        with Client(address) as client:  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
            yield client
        return
    with (
        dask.config.set({
            "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            # the worker's sampling profiler walks the running thread's stack every 10 ms,
            # taking the GIL from the pipeline; the dashboard's profile page is all it feeds
            "distributed.worker.profile.enabled": False,
            **QUIET_LOCAL_CLUSTER,
        }),
        LocalCluster(  # type: ignore[no-untyped-call]  # unannotated in distributed
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]  # same
    ):
        yield client


def run_dask(
    paths: Sequence[Path],
    *,
    store: Store,
    client: Client,
    published: date | None = None,
    settings: ExtractSettings | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    partition_docs: int = PARTITION_DOCS,
    max_in_flight: int | None = None,
    process: PartitionFn = process_partition,
    follow_links: bool = False,
) -> RunSummary:
    """``pipeline.run`` on a Dask cluster: same outcomes, same store writes, same summary.

    ``on_outcome`` is called on the client for every input as its partition completes (the
    order follows completion, not the input). ``process`` replaces the task run on each
    partition, for tests.
    """
    _install_resources(client, (settings or ExtractSettings()).portable())
    threads = sum(client.nthreads().values()) or 1  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
    limit = max_in_flight or IN_FLIGHT_PER_THREAD * threads
    writer = Writer(store, on_outcome)
    running: Any = as_completed()  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
    attempts: dict[Any, tuple[list[RawDocument], int]] = {}  # by future key

    def submit(raws: list[RawDocument], attempt: int) -> None:
        future = client.submit(process, raws, published, pure=False)
        attempts[future.key] = (raws, attempt)
        running.add(future)

    def collect(future: Future[list[Outcome]]) -> None:
        raws, attempt = attempts.pop(future.key)
        try:
            outcomes: list[Outcome] = future.result()
        except Exception as exc:  # any task failure, including a worker lost under it
            if attempt < ATTEMPTS:
                submit(raws, attempt + 1)
            else:
                writer.write([Outcome(raw.source, rejection=_failed(raw, exc)) for raw in raws])
            return
        finally:
            future.release()  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
        writer.write(outcomes)

    for item in _partitions(
        read_inputs(paths, follow_links=follow_links), partition_docs, PARTITION_BYTES
    ):
        if isinstance(item, InputError):
            writer.write([Outcome(item.path, rejection=rejection_from(item))])
            continue
        submit(item, 1)
        while running.count() >= limit:
            collect(next(running))
    while running.count():
        collect(next(running))
    return writer.summary()


def _install_resources(client: Client, settings: ExtractSettings) -> None:
    # A long-lived cluster keeps the plugin between runs: rebuild only for other settings.
    installed = client.run(_installed_digest)
    if not installed or set(installed.values()) != {settings.digest()}:
        client.register_plugin(ResourcesPlugin(settings), name=PLUGIN_NAME)


def _installed_digest(dask_worker: Any) -> str | None:
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return plugin.digest if isinstance(plugin, ResourcesPlugin) else None


def _partitions(
    items: Iterable[RawDocument | InputError], size: int, max_bytes: int
) -> Iterator[list[RawDocument] | InputError]:
    batch: list[RawDocument] = []
    weight = 0
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        body = len(item.body)
        if batch and (len(batch) >= size or weight + body > max_bytes):
            yield batch
            batch, weight = [], 0
        batch.append(item)
        weight += body
    if batch:
        yield batch


def _failed(raw: RawDocument, exc: BaseException) -> Rejection:
    reason = f"{type(exc).__name__}: {exc}"[:300]
    return Rejection(
        source=raw.source,
        stage="batch",
        code=PartitionFailed.code,
        message=f"partition failed {ATTEMPTS} times on the cluster ({reason})",
        record=raw.record,
        doc_id=raw.id,
    )

