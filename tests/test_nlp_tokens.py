"""The memoised tokeniser gives razdel's tokens: on real texts, on edge cases written for it,
and on generated texts dense in the characters razdel's join rules read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from razdel import tokenize

from khronika.nlp.tokens import Tokenizer

from .conftest import DEV

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "khronika" / "data" / "sample" / "docs.jsonl"


def razdel_spans(text: str) -> list[tuple[int, int]]:
    return [(t.start, t.stop) for t in tokenize(text)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "В Москве задержали 1,5 тыс. мигрантов — сообщает «Фонтанка».",
        "5 .5 и 5. 5, а также 3 /4 и 3/ 4",
        "что -то кто- то из-за пол- года",
        "слово _подчёркнуто_ и a_b, c _ d",
        "Yahoo! и yahoo !",
        "смайл :-) и :) , ... ?! --- ***",
        "ΔP и Δσ mβж, 12,5% и 1/2",
        "числа 2 024 и 10\u00a0000, тире\u2009— и минус −5",
        "–начало и конец–",
        "(ЦВО) «ЛНР» [1] {x}",
    ],
)
def test_edge_cases_match_razdel(text: str) -> None:
    assert Tokenizer().spans(text) == razdel_spans(text)


def test_sample_and_dev_texts_match_razdel() -> None:
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    dev = DEV / "docs.jsonl"
    if dev.is_file():  # beside the repository in CI; the sample alone elsewhere
        texts += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines()]
    tokenizer = Tokenizer()
    for text in texts * 2:  # the second pass reads every chunk from the cache
        assert tokenizer.spans(text) == razdel_spans(text)


_ALPHABET = st.sampled_from(
    list("ая ЁzZ09") + list("-‑–—−_.,/\\!?…:;()«»\"'%§Δσ*+") + [" ", "  ", "\n", "\u00a0", "\u2009"]
)


@settings(max_examples=400)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_generated_texts_match_razdel(text: str) -> None:
    assert Tokenizer().spans(text) == razdel_spans(text)


@settings(max_examples=200)
@given(st.lists(st.lists(_ALPHABET, max_size=12).map("".join), min_size=1, max_size=6))
def test_one_tokenizer_over_many_texts_matches_razdel(texts: list[str]) -> None:
    tokenizer = Tokenizer()  # shared cache: a chunk's cached tokens must suit every context
    for text in texts:
        assert tokenizer.spans(text) == razdel_spans(text)
