"""Properties of count spans (issue 19): a count is read from its claim's own evidence
sentence, and never from a web address. Texts are generated from phrases written for these
tests, with numbers, links and back-references placed at random."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khronika.extract.counts import extract_counts

LINKS = ["https://t.me/channel_{n}/{m}", "t.me/news{n}/{m}", "https://example.org/{n}/{m}",
         "www.example.org/story/{n}-{m}"]
RU_EVENTS = ["В Казани полиция задержала {n} мигрантов.", "Их доставили в отдел полиции.",
             "Всех отвезли в военкомат.", "Суд оштрафовал {n} иностранцев.",
             # session 9: shared figures, sums, the rest, one person
             "Суд оштрафовал трёх граждан Узбекистана и двух граждан Таджикистана.",
             "Задержали {n} рабочих; двоих из них выдворят, остальных оштрафовали.",
             "Шестеро доставлены в военкомат, где поставлены на учёт.",
             "Потом сотрудники доставили его в военкомат."]
EN_EVENTS = ["Police in Kazan detained {n} migrants.", "They were taken to a police station.",
             "All of them were sent to the enlistment office.", "A court fined {n} foreigners.",
             "A court fined four citizens of Tajikistan and one citizen of Uzbekistan.",
             "At least {n} people were detained and handed summonses.",
             "A court fined Dilnoza 3,000 rubles and ordered her expulsion.",
             "They put me in a car and drove me to the enlistment office."]

numbers = st.integers(min_value=2, max_value=999)


@st.composite
def linked_sentence(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(["ru", "en"]))
    link = draw(st.sampled_from(LINKS)).format(n=draw(numbers), m=draw(numbers))
    n = draw(numbers)
    if lang == "ru":
        text = draw(st.sampled_from([f"Видео {link} показывает задержание {n} мигрантов.",
                                     f"Источник: {link}. Задержаны {n} человек."]))
    else:
        text = draw(st.sampled_from([f"A video at {link} shows {n} migrants detained.",
                                     f"Source: {link}. Police held {n} people."]))
    return lang, text


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(linked_sentence())
def test_count_span_never_inside_a_link(nlp: Any, case: tuple[str, str]) -> None:
    lang, text = case
    for sentence in nlp.analyze(text, lang):
        for count in extract_counts(sentence, lang):
            assert count.span is not None
            assert sentence.start <= count.span.start and count.span.stop <= sentence.stop
            for word in text.split():
                if "/" in word and "." in word:
                    at = text.index(word)
                    assert not (at <= count.span.start < at + len(word)), (text, count)


@st.composite
def story(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(["ru", "en"]))
    pool = RU_EVENTS if lang == "ru" else EN_EVENTS
    parts = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=5))
    link = draw(st.sampled_from(LINKS)).format(n=draw(numbers), m=draw(numbers))
    parts.insert(draw(st.integers(0, len(parts))), f"{link}")
    return lang, " ".join(p.format(n=draw(numbers)) for p in parts)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(story())
def test_claim_count_span_inside_its_evidence(resources: Any, tmp_path: Path,
                                              case: tuple[str, str]) -> None:
    from khronika.pipeline import process_inputs

    lang, text = case
    doc = {"id": "p", "url": "https://example.org/p", "outlet": "test", "title": "",
           "published": "2025-05-05", "language": lang, "text": text}
    src = tmp_path / "doc.jsonl"
    src.write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    [outcome] = list(process_inputs([src], resources=resources))
    for claim in outcome.claims:
        span = claim.count.span if claim.count else None
        if span is not None:
            assert claim.evidence.start <= span.start and span.stop <= claim.evidence.end
            assert "/" not in text[max(0, span.start - 1) : span.stop]
