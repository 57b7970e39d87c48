"""Sentences per second of ``extract_dates`` over a corpus (the dev corpus by default).

    .venv/bin/python bench/bench_dates.py [docs.jsonl] [--dateparser]

Sentences are analysed once up front; only date extraction is timed. ``--dateparser``
also times ``dateparser.search.search_dates`` on the same sentences, the alternative the
regex table replaced.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from khronika.extract.dates import extract_dates
from khronika.model import Lang, Sentence
from khronika.nlp import build_nlp

DEFAULT = Path("/work/shared/corpus/dev/docs.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--dateparser", action="store_true")
    args = parser.parse_args()

    nlp = build_nlp()
    work: list[tuple[Sentence, Lang, date | None]] = []
    for line in args.docs.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        published = date.fromisoformat(doc["published"]) if doc.get("published") else None
        lang: Lang = "ru" if doc["language"] == "ru" else "en"
        work.extend((s, lang, published) for s in nlp.analyze(doc["text"], lang))

    began = time.perf_counter()
    found = 0
    for _ in range(args.repeat):
        for sentence, lang, published in work:
            found += len(extract_dates(sentence, lang, published))
    elapsed = time.perf_counter() - began
    total = len(work) * args.repeat
    print(f"extract_dates: {len(work)} sentences x {args.repeat}: {total / elapsed:,.0f} "
          f"sentences/s ({1e6 * elapsed / total:.0f} µs each), "
          f"{found // args.repeat} dates per pass")

    if args.dateparser:
        from datetime import datetime

        from dateparser.search import search_dates

        began = time.perf_counter()
        hits = 0
        for sentence, lang, published in work:
            base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
            got = search_dates(sentence.text, languages=[lang], settings={
                "PREFER_DATES_FROM": "past", "RELATIVE_BASE": base})
            hits += len(got or [])
        elapsed = time.perf_counter() - began
        print(f"dateparser.search_dates: {len(work) / elapsed:,.0f} sentences/s "
              f"({1e3 * elapsed / len(work):.1f} ms each), {hits} hits")


if __name__ == "__main__":
    main()
