"""Boilerplate removal on the article-extraction-benchmark: khronika's HTML reader vs trafilatura.

Metric as upstream describes it: ``\\w+`` tokens, counted 4-token shingles, precision and
recall per page averaged over pages, F1 from the means. Both extractors run in the same
process on the same pages; pages per second counts extraction only (khronika's time includes
decoding and language detection, as in a real run).

    .venv/bin/python bench/bench_boilerplate.py [--peers ../shared/peers] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from khronika.clean import clean_document
from khronika.errors import InputError, UnsupportedLanguage
from khronika.model import RawDocument

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    pred, true = shingles(predicted), shingles(gold)
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else (1.0 if not true else 0.0)
    recall = overlap / sum(true.values()) if true else (1.0 if not pred else 0.0)
    return precision, recall


def khronika_extract(html: bytes) -> str | None:
    """Cleaned text; None when khronika refuses the page (a language other than ru/en)."""
    try:
        return clean_document(RawDocument(source="bench", body=html, kind="html")).text
    except UnsupportedLanguage:
        return None
    except InputError:
        return ""


def trafilatura_extract(html: bytes) -> str | None:
    return trafilatura.extract(html) or ""


def run(
    extract: Callable[[bytes], str | None], pages: list[tuple[bytes, str]]
) -> tuple[list[tuple[float, float] | None], float]:
    """Per page (precision, recall), None for a refused page; and pages per second."""
    start = time.perf_counter()
    outputs = [extract(html) for html, _ in pages]
    elapsed = time.perf_counter() - start
    scores = [
        None if text is None else precision_recall(text, gold)
        for text, (_, gold) in zip(outputs, pages, strict=True)
    ]
    return scores, len(pages) / elapsed


def summary(scores: list[tuple[float, float]]) -> str:
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{len(scores):>6}{precision:>10.3f}{recall:>8.3f}{f1:>8.3f}"


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", type=Path, default=here.parent / "shared" / "peers")
    parser.add_argument("--limit", type=int, default=0, help="first N pages only (0: all)")
    args = parser.parse_args()
    root = args.peers / "article-extraction-benchmark"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages: list[tuple[bytes, str]] = []
    for key in sorted(truth):
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append((gzip.decompress(path.read_bytes()), truth[key]["articleBody"]))
    if args.limit:
        pages = pages[: args.limit]
    khronika_extract(pages[0][0])  # load the language model outside the timing
    print(f"{len(pages)} pages from {root}")
    traf, traf_speed = run(trafilatura_extract, pages)
    ours, ours_speed = run(khronika_extract, pages)
    kept = [i for i, score in enumerate(ours) if score is not None]
    print(f"{'extractor':<34}{'pages':>6}{'precision':>10}{'recall':>8}{'F1':>8}{'pages/s':>9}")
    rows = (
        ("trafilatura.extract, all pages", [s for s in traf if s is not None], traf_speed),
        ("khronika, all (refused = empty)", [s or (0.0, 0.0) for s in ours], ours_speed),
        ("trafilatura.extract, ru/en pages", [traf[i] for i in kept], None),
        ("khronika, ru/en pages", [ours[i] for i in kept], None),
    )
    for name, scores, speed in rows:
        rate = f"{speed:>9.1f}" if speed else ""
        print(f"{name:<34}{summary([x for x in scores if x is not None])}{rate}")
    print(f"khronika refused {len(pages) - len(kept)} pages as neither Russian nor English")


if __name__ == "__main__":
    main()
