"""Speed of ``extract_counts`` over the dev corpus sentences (analysis not timed).

    .venv/bin/python bench/bench_counts.py [path/to/docs.jsonl] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from khronika.extract.counts import extract_counts
from khronika.model import Lang, Sentence
from khronika.nlp import build_nlp

DEFAULT = Path("/work/shared/corpus/dev/docs.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the sentences")
    args = parser.parse_args()

    nlp = build_nlp()
    sentences: list[tuple[Sentence, Lang]] = []
    with args.docs.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            lang: Lang = "ru" if doc["language"] == "ru" else "en"
            sentences += [(s, lang) for s in nlp.analyze(doc["text"], lang)]

    found = sum(len(extract_counts(s, lang)) for s, lang in sentences)  # warm-up
    start = time.perf_counter()
    for _ in range(args.repeat):
        for s, lang in sentences:
            extract_counts(s, lang)
    elapsed = time.perf_counter() - start
    total = len(sentences) * args.repeat
    print(f"sentences: {len(sentences)}  counts found: {found}")
    print(f"extract_counts: {total / elapsed:,.0f} sentences/s "
          f"({elapsed / total * 1e6:.1f} µs/sentence, {args.repeat} passes)")


if __name__ == "__main__":
    main()
