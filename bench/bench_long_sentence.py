"""Extraction time against the length of one unpunctuated text (a sentence that never ends).

Before the cap, claims paired every place with every count and token of a sentence, so a
40 KB text took minutes. Prints seconds and seconds per KB for each length; the cost per KB
should stay about flat.

    .venv/bin/python bench/bench_long_sentence.py [--sizes 5000,10000,20000,40000]
"""

from __future__ import annotations

import argparse
import time

from khronika.model import Document
from khronika.pipeline import build_resources, process_document

PHRASES = {
    "ru": "полиция задержала сорок мигрантов в Москве и отвезла двадцать человек в военкомат "
          "в Подольске ",
    "en": "police detained forty migrants in Kazan and took twenty men to the enlistment "
          "office in Moscow ",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5000,10000,20000,40000")
    parser.add_argument("--lang", default="ru", choices=sorted(PHRASES))
    args = parser.parse_args()
    resources = build_resources()
    phrase = PHRASES[args.lang]
    print("chars\tseconds\tseconds/KB")
    for size in (int(s) for s in args.sizes.split(",")):
        text = (phrase * (size // len(phrase) + 1))[:size]
        doc = Document(id=f"bench-{size}", source="bench", text=text, language=args.lang)
        began = time.perf_counter()
        process_document(doc, resources=resources)
        took = time.perf_counter() - began
        print(f"{size}\t{took:.2f}\t{took / (size / 1000):.3f}", flush=True)


if __name__ == "__main__":
    main()
