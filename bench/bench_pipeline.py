"""One core, end to end: documents/s for text and HTML, the ratio to natasha's floor, time
per stage and peak RSS.

    .venv/bin/python bench/bench_pipeline.py [--docs 300] [--html-docs 200] [--top 25]

The floor is what any Russian pipeline with lemmas pays: natasha segmentation + morphology +
NER over the same cleaned texts, in the same process, right after the end-to-end run. Both
are timed in CPU seconds of this process (the machine is shared, so wall time carries other
people's load) and in wall seconds. The end-to-end run reads a JSON Lines file (or a folder
of pages) and writes a SQLite store, as ``khronika run`` does.

Run with OPENBLAS_NUM_THREADS=1 (the script sets it before numpy loads; ``--blas-threads``
shows the cost of leaving OpenBLAS its default threads).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


@dataclass(frozen=True)
class Timing:
    cpu: float
    wall: float


def timed(work: Callable[[], object]) -> Timing:
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return Timing(time.process_time() - cpu, time.perf_counter() - wall)


# (label, module path fragment, function name): entry points of the stages, as the
# pipeline calls them; their cumulative times are the stage times.
STAGE_FUNCTIONS = (
    ("read (ingest)", "khronika/ingest/__init__.py", "read_inputs"),
    ("clean", "khronika/clean/__init__.py", "clean_document"),
    ("screening: possible lemmas", "khronika/nlp/russian.py", "possible_lemmas"),
    ("nlp: Russian, batched", "khronika/nlp/russian.py", "analyze_many"),
    ("  segment (razdel)", "khronika/nlp/russian.py", "_segment"),
    ("  taggers (morph + NER models)", "khronika/nlp/russian.py", "_run"),
    ("  sentences, tokens, entities", "khronika/nlp/russian.py", "_sentences"),
    ("nlp: English", "khronika/nlp/english.py", "analyze"),
    ("  token lemmas (pymorphy)", "khronika/nlp/russian.py", "_token"),
    ("  entity normalise", "khronika/nlp/russian.py", "_entity"),
    ("extract_claims (all below)", "khronika/extract/claims.py", "extract_claims"),
    ("  events: find_triggers", "khronika/extract/events.py", "find_triggers"),
    ("    of which _in_scope", "khronika/extract/events.py", "_in_scope"),
    ("  counts", "khronika/extract/counts.py", "extract_counts"),
    ("  dates", "khronika/extract/dates.py", "extract_dates"),
    ("  places: find_places", "khronika/geocode/gazetteer.py", "find_places"),
    ("  attribution: find_credit", "khronika/extract/attribution.py", "find_credit"),
    ("  attribution: find_cues", "khronika/extract/attribution.py", "find_cues"),
    ("  actors/targets lexicons", "khronika/codebook/__init__.py", "_values_in"),
    ("  codebook find_phrases (any caller)", "khronika/codebook/__init__.py", "find_phrases"),
    ("store: save_documents", "khronika/store/sql.py", "save_documents"),
)


def stage_table(profile: cProfile.Profile) -> list[tuple[str, float, int]]:
    stats = pstats.Stats(profile)
    table = stats.stats  # type: ignore[attr-defined]  # pstats keeps the table undocumented
    total = sum(tt for (_, _, tt, _, _) in table.values())
    rows: list[tuple[str, float, int]] = [("total (profiled)", total, 0)]
    for label, where, name in STAGE_FUNCTIONS:
        cum = calls = 0
        for (file, _, func), (_, ncalls, _, ct, _) in table.items():
            if func == name and file.endswith(where):
                cum += ct
                calls += ncalls
        rows.append((label, cum, calls))
    return rows


def natasha_floor(texts: list[str]) -> Timing:
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    segmenter, embedding = Segmenter(), NewsEmbedding()
    morph, ner = NewsMorphTagger(embedding), NewsNERTagger(embedding)
    MorphVocab()

    def work() -> None:
        for text in texts:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.tag_ner(ner)

    work()  # first calls allocate buffers; the floor is the steady state
    return timed(work)


def segment_ner_floor(texts: list[str]) -> Timing:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())

    def work() -> None:
        for text in texts:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_ner(ner)

    return timed(work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="text documents")
    parser.add_argument("--html-docs", type=int, default=200, help="HTML pages")
    parser.add_argument("--top", type=int, default=20, help="functions in the profile listing")
    parser.add_argument("--blas-threads", action="store_true",
                        help="leave OpenBLAS its default thread count")
    args = parser.parse_args()
    if not args.blas_threads:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")

    import corpus

    from khronika.clean import clean_document
    from khronika.pipeline import build_resources, run
    from khronika.store import open_store

    holder: list[object] = []
    build = timed(lambda: holder.append(build_resources()))
    resources = holder[0]
    print(f"build_resources: {build.wall:.1f} s wall, {build.cpu:.1f} s CPU")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text_path = corpus.write_jsonl(folder / "news.jsonl", args.docs)
        html_path = corpus.write_html(folder / "pages", args.html_docs)
        # warm-up: the first documents fill caches and allocate tagger buffers
        warm = corpus.write_jsonl(folder / "warm.jsonl", 20)
        store = open_store(folder / "warm.db")
        run([warm], store=store, resources=resources)  # type: ignore[arg-type]
        store.close()

        figures: dict[str, tuple[Timing, int, list[str]]] = {}
        profile = cProfile.Profile()
        inputs = (("text", text_path, args.docs), ("html", html_path, args.html_docs))
        for label, path, n in inputs:
            store = open_store(folder / f"{label}.db")
            e2e = timed(lambda p=path, s=store: run([p], store=s, resources=resources))  # type: ignore[misc]
            store.close()
            raws = corpus.raw_documents(n, html_pages=label == "html")
            texts = [clean_document(raw).text for raw in raws]
            figures[label] = (e2e, n, texts)
        for label, (e2e, n, texts) in figures.items():
            floor = natasha_floor(texts)
            print(f"{label}: {n} docs, end to end {n / e2e.cpu:6.1f} docs/s CPU "
                  f"({n / e2e.wall:6.1f} wall); natasha floor {n / floor.cpu:6.1f} docs/s CPU "
                  f"({n / floor.wall:6.1f} wall); ratio {e2e.cpu / floor.cpu:.2f} CPU "
                  f"({e2e.wall / floor.wall:.2f} wall)")
        seg_ner = segment_ner_floor(figures["text"][2])
        print(f"text: natasha segmentation + NER alone {args.docs / seg_ner.cpu:6.1f} docs/s CPU")

        store = open_store(folder / "profile.db")
        profile.enable()
        run([text_path], store=store, resources=resources)  # type: ignore[arg-type]
        profile.disable()
        store.close()
    print(f"\nprofile of the text run ({args.docs} docs; cProfile inflates Python-heavy code):")
    rows = stage_table(profile)
    total = rows[0][1]
    for label, seconds, calls in rows:
        print(f"  {label:<38} {seconds:7.2f} s {100 * seconds / total:5.1f} %  {calls:>9} calls")
    print("\ntop functions by own time:")
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
