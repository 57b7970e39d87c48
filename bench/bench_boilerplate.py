"""Boilerplate removal on the article-extraction-benchmark: khronika's HTML reader vs trafilatura.

Metric as upstream describes it: ``\\w+`` tokens, counted 4-token shingles, precision and
recall per page averaged over pages, F1 from the means. All extractors run in the same
process on the same pages, one after the other; pages per second counts extraction only.

Two views of khronika, both from one pass:

- all pages: khronika's extraction quality. The language refusal is left out of the
  measurement (``clean_text``, the text ``clean_document`` keeps before it decides the
  language), so a page in Indonesian or Italian counts by what was extracted from it.
- ru/en pages: the pages ``clean_document`` accepts (the language detector says Russian or
  English), which is what a real run stores; trafilatura is scored on the same pages.

khronika's time includes decoding, both trafilatura passes of the reader, normalisation and
language detection, as in a real run.

    .venv/bin/python bench/bench_boilerplate.py [--peers ../shared/peers] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import trafilatura

from khronika.clean import clean_text
from khronika.clean.language import UnknownLanguage, detect_language
from khronika.errors import InputError
from khronika.model import RawDocument

_TOKEN = re.compile(r"\w+")
Score = tuple[float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def precision_recall(predicted: str, gold: str) -> Score:
    pred, true = shingles(predicted), shingles(gold)
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else (1.0 if not true else 0.0)
    recall = overlap / sum(true.values()) if true else (1.0 if not pred else 0.0)
    return precision, recall


def khronika_extract(html: bytes) -> tuple[str, bool]:
    """The text khronika keeps, and whether it would store the page (ru or en)."""
    raw = RawDocument(source="bench", body=html, kind="html")
    try:
        text = clean_text(raw).text
    except InputError:
        return "", True  # an unreadable page counts as extracted empty
    try:
        detect_language(text)
    except UnknownLanguage:
        return text, False
    return text, True


def trafilatura_extract(html: bytes) -> tuple[str, bool]:
    return trafilatura.extract(html) or "", True


def trafilatura_precise(html: bytes) -> tuple[str, bool]:
    return trafilatura.extract(html, favor_precision=True) or "", True


def run(
    extract: Callable[[bytes], tuple[str, bool]], pages: Sequence[tuple[bytes, str]]
) -> tuple[list[Score], list[bool], float]:
    """Per page (precision, recall) and whether it is kept; pages per second."""
    start = time.perf_counter()
    outputs = [extract(html) for html, _ in pages]
    elapsed = time.perf_counter() - start
    scores = [
        precision_recall(text, gold) for (text, _), (_, gold) in zip(outputs, pages, strict=True)
    ]
    return scores, [kept for _, kept in outputs], len(pages) / elapsed


def summary(scores: Sequence[Score]) -> tuple[int, float, float, float]:
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return len(scores), precision, recall, f1


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
    print(f"{len(pages)} pages from {root}, trafilatura {trafilatura.__version__}")
    traf, _, traf_speed = run(trafilatura_extract, pages)
    precise, _, precise_speed = run(trafilatura_precise, pages)
    ours, accepted, ours_speed = run(khronika_extract, pages)
    kept = [i for i, ok in enumerate(accepted) if ok]
    print(f"{'extractor':<44}{'pages':>6}{'precision':>10}{'recall':>8}{'F1':>8}{'pages/s':>9}")
    rows: tuple[tuple[str, list[Score], float | None], ...] = (
        ("trafilatura.extract (bare), all pages", traf, traf_speed),
        ("trafilatura favor_precision, all pages", precise, precise_speed),
        ("khronika, all pages (no language refusal)", ours, ours_speed),
        ("trafilatura.extract (bare), ru/en pages", [traf[i] for i in kept], None),
        ("trafilatura favor_precision, ru/en pages", [precise[i] for i in kept], None),
        ("khronika, ru/en pages", [ours[i] for i in kept], None),
    )
    for name, scores, speed in rows:
        n, precision, recall, f1 = summary(scores)
        rate = f"{speed:>9.1f}" if speed else ""
        print(f"{name:<44}{n:>6}{precision:>10.4f}{recall:>8.4f}{f1:>8.4f}{rate}")
    worse = sum(1 for o, t in zip(ours, traf, strict=True) if o[1] < t[1] - 0.02)
    better = sum(1 for o, t in zip(ours, traf, strict=True) if o[1] > t[1] + 0.02)
    print(
        f"khronika refuses {len(pages) - len(kept)} pages as neither Russian nor English; "
        f"recall vs bare trafilatura per page: {worse} pages lower by >0.02, {better} higher"
    )


if __name__ == "__main__":
    main()
