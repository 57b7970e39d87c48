"""The sentence model's cost on realistic news: one core, end to end (read → extract →
SQLite store) over ../shared/corpus/realistic (RU + EN, repeated), against natasha's floor
(segmentation + morphology + NER) over the same cleaned texts, for the rules alone, the
bundled model (default) and the model with e5 embeddings; each mode in its own process, so
that its peak RSS is its own.

    .venv/bin/python bench/bench_model.py [--repeat 2] [--modes none,default,e5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REALISTIC = REPO.parent / "shared" / "corpus" / "realistic"


def corpus_file(folder: Path, repeat: int) -> tuple[Path, int]:
    """The realistic documents ``repeat`` times over, each copy under its own id."""
    path = folder / "realistic.jsonl"
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(repeat):
            for lang in ("ru", "en"):
                for line in (REALISTIC / lang / "docs.jsonl").read_text("utf-8").splitlines():
                    if line.strip():
                        record = json.loads(line)
                        record["id"] = f"{record['id']}#{k}"
                        out.write(json.dumps(record, ensure_ascii=False) + "\n")
                        n += 1
    return path, n


def one_mode(mode: str, path: Path, n: int) -> dict[str, float]:
    from bench_pipeline import natasha_floor, timed

    from khronika.clean import clean_document
    from khronika.ingest import read_inputs
    from khronika.model import RawDocument
    from khronika.pipeline import build_resources, run
    from khronika.settings import ExtractSettings
    from khronika.store import open_store

    model = "none" if mode == "none" else None
    encoder = "e5" if mode == "e5" else None
    resources = build_resources(ExtractSettings(model=model, encoder=encoder))
    with tempfile.TemporaryDirectory() as tmp:
        warm = open_store(Path(tmp) / "warm.db")
        run([path], store=warm, resources=resources)  # first pass fills caches
        warm.close()
        store = open_store(Path(tmp) / "k.db")
        e2e = timed(lambda: run([path], store=store, resources=resources))
        store.close()
    texts = [clean_document(r).text for r in read_inputs([path]) if isinstance(r, RawDocument)]
    floor = natasha_floor(texts)
    return {
        "docs": n,
        "e2e_cpu_ms_per_doc": 1000 * e2e.cpu / n,
        "floor_cpu_ms_per_doc": 1000 * floor.cpu / n,
        "ratio_cpu": e2e.cpu / floor.cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--modes", default="none,default,e5")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child: one mode, JSON out
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if args.one:
        print(json.dumps(one_mode(args.one, Path(args.path), args.n)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path, n = corpus_file(Path(tmp), args.repeat)
        print(f"{n} documents (realistic RU + EN x{args.repeat}), one core, CPU seconds")
        for mode in args.modes.split(","):
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, __file__, "--one", mode, "--path", str(path), "--n", str(n)],
                check=True, capture_output=True, text=True,
            ).stdout
            f = json.loads(out.strip().splitlines()[-1])
            print(f"{mode:>8}: {f['e2e_cpu_ms_per_doc']:6.1f} ms/doc end to end, natasha floor "
                  f"{f['floor_cpu_ms_per_doc']:6.1f} ms/doc, ratio {f['ratio_cpu']:.2f}, "
                  f"peak RSS {f['peak_rss_mb']:.0f} MB "
                  f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
