"""The scorer: every matching and field rule of the corpus README, on small hand-made cases."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khronika.errors import BadRecord, ContractViolation
from khronika.evaluate import (
    METRICS,
    EvalReport,
    check_floors,
    corpus_digest,
    format_report,
    load_gold,
    load_predicted,
    same_source,
    score,
)

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "dev"

KAZAN = {"name": "Kazan", "lat": 55.796, "lon": 49.106, "precision": "city", "country": "RU"}
PERM = {"name": "Perm", "lat": 58.010, "lon": 56.229, "precision": "city", "country": "RU"}
UFA = {"name": "Ufa", "lat": 54.739, "lon": 55.972, "precision": "city", "country": "RU"}
# Sverdlovsk Oblast, at its capital Yekaterinburg
SVERDLOVSK = {
    "name": "Sverdlovsk Oblast", "lat": 56.838, "lon": 60.597, "precision": "region",
    "country": "RU",
}
RUSSIA = {"name": "Russia", "lat": 60.0, "lon": 100.0, "precision": "country", "country": "RU"}
KM_PER_DEGREE_LAT = 2 * math.pi * 6371.0088 / 360


def gold_claim(text: str, event_type: str = "detention", **fields: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "event_type": event_type,
        "evidence": {"text": text},
        "location_any": [KAZAN],
        "date_any": [{"start": "2024-03-04", "end": "2024-03-04"}],
        "count": {"min": 31, "max": 31, "qualifier": "exact"},
        "attribution_any": [[]],
        "certainty_any": ["asserted"],
        "actors": ["police"],
        "targets": ["migrants"],
        "optional": False,
    }
    claim.update(fields)
    return claim


def predicted(gold: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A contract dict carrying the first acceptable value of every gold field."""
    date = gold["date_any"][0] if gold["date_any"] else {"start": None, "end": None}
    place = dict(gold["location_any"][0]) if gold["location_any"] else {
        "name": None, "lat": None, "lon": None, "precision": "unknown", "country": None,
    }
    claim: dict[str, Any] = {
        "doc_id": "d",
        "event_type": gold["event_type"],
        "date": {"start": date["start"], "end": date["end"], "precision": "day", "text": None},
        "location": place,
        "actors": list(gold["actors"]),
        "targets": list(gold["targets"]),
        "count": gold["count"],
        "attribution": list(gold["attribution_any"][0]),
        "certainty": gold["certainty_any"][0],
        "evidence": {"text": gold["evidence"]["text"], "start": 0, "end": 0},
    }
    claim.update(fields)
    return claim


def moved(place: dict[str, Any], km_north: float) -> dict[str, Any]:
    return {**place, "lat": place["lat"] + km_north / KM_PER_DEGREE_LAT}


def one_pair(gold: dict[str, Any], pred: dict[str, Any]) -> EvalReport:
    return score({"d": [gold]}, {"d": [pred]})


# --------------------------------------------------------------------------- sanity


def gold_as_predictions(gold: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {doc_id: [predicted(c, doc_id=doc_id) for c in cs] for doc_id, cs in gold.items()}


def test_evaluate_gold_against_itself_scores_one_everywhere() -> None:
    gold = load_gold(DEV / "gold.jsonl")
    report = score(gold, gold_as_predictions(gold))
    for name in METRICS:
        assert report.metrics[name] == 1.0, name
    assert report.metrics["fp"] == report.metrics["fn"] == 0
    assert report.metrics["tp"] == sum(not c["optional"] for cs in gold.values() for c in cs)
    assert report.metrics["matched"] == sum(len(cs) for cs in gold.values())
    assert not report.misses and not report.extras and not report.mismatches


def test_evaluate_nothing_predicted_scores_zero() -> None:
    gold = {"d": [gold_claim("Полиция задержала 31 мигранта на рынке в Казани.")]}
    report = score(gold, {})
    assert report.metrics["claim_recall"] == 0.0
    assert report.metrics["claim_f1"] == 0.0
    assert report.metrics["fn"] == 1
    assert report.misses == [
        {"doc_id": "d", "event_type": "detention",
         "evidence": "Полиция задержала 31 мигранта на рынке в Казани."}
    ]


def test_evaluate_empty_gold_and_predictions_is_perfect() -> None:
    report = score({"near-miss": []}, {})
    assert report.metrics["claim_f1"] == 1.0
    assert report.metrics["count_accuracy"] == 1.0


def test_evaluate_claim_from_near_miss_document_is_an_extra() -> None:
    near_miss_pred = predicted(gold_claim("Полиция провела учения на стадионе."), event_type="raid")
    report = score({"near-miss": []}, {"near-miss": [near_miss_pred]})
    assert report.metrics["fp"] == 1
    assert report.metrics["claim_precision"] == 0.0
    assert report.extras[0]["doc_id"] == "near-miss"


def test_evaluate_predicted_document_outside_gold_is_ignored_and_counted() -> None:
    g = gold_claim("Police detained 31 migrants at a Kazan market.")
    report = score({"d": [g]}, {"d": [predicted(g)], "other": [predicted(g)]})
    assert report.metrics["claim_f1"] == 1.0
    assert report.metrics["ignored_docs"] == 1


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("gold_text", "pred_text", "matches"),
    [
        # identical sentence
        ("Police detained 31 migrants at a Kazan market.",
         "Police detained 31 migrants at a Kazan market.", True),
        # extracted evidence contains the gold sentence (two sentences taken together)
        ("Police detained 31 migrants at a Kazan market.",
         "It happened on Monday. Police detained 31 migrants at a Kazan market.", True),
        # extracted evidence is contained in the gold sentence, whitespace and case aside
        ("В понедельник полиция задержала 31 мигранта на рынке в Казани, сообщает издание.",
         "ПОЛИЦИЯ  задержала 31 мигранта\nна рынке в Казани", True),
        # 5 of 8 extracted words occur in the gold sentence
        ("Police detained 31 migrants at a market in Kazan on Monday.",
         "Police detained 31 migrants near Kazan yesterday evening", True),
        # exactly half (4 of 8) is enough
        ("Police detained 31 migrants at a market in Kazan on Monday.",
         "Police detained 31 migrants near Perm yesterday evening", True),
        # 3 of 8 is not
        ("Police detained 31 migrants at a market in Kazan on Monday.",
         "Officers detained 31 migrants near Perm yesterday evening", False),
        # a different sentence of the same story
        ("Полиция задержала 31 мигранта на рынке в Казани.",
         "Суд назначил всем штрафы и выдворение.", False),
    ],
)
def test_evaluate_evidence_overlap(gold_text: str, pred_text: str, matches: bool) -> None:
    g = gold_claim(gold_text)
    report = one_pair(g, predicted(g, evidence={"text": pred_text}))
    assert report.metrics["tp"] == (1 if matches else 0)
    assert report.metrics["fp"] == (0 if matches else 1)


def test_evaluate_empty_evidence_never_matches() -> None:
    g = gold_claim("Police detained 31 migrants at a Kazan market.")
    report = one_pair(g, predicted(g, evidence={"text": "  "}))
    assert report.metrics["tp"] == 0


def test_evaluate_event_type_must_agree() -> None:
    g = gold_claim("Police raided a Kazan market and detained 31 migrants.")
    report = one_pair(g, predicted(g, event_type="raid"))
    assert report.metrics["tp"] == 0
    assert report.per_event_type["raid"]["fp"] == 1
    assert report.per_event_type["detention"]["fn"] == 1


def test_evaluate_several_claims_of_one_type_in_one_sentence_tied_by_distance() -> None:
    text = "Рейды прошли на рынках Казани, Перми и Уфы."
    gold = [gold_claim(text, "raid", location_any=[p]) for p in (KAZAN, PERM, UFA)]
    # predictions in another order than gold; a wrong pairing would fail location
    preds = [predicted(gold[i]) for i in (2, 0, 1)]
    report = score({"d": gold}, {"d": preds})
    assert report.metrics["tp"] == 3
    assert report.metrics["location_accuracy"] == 1.0


def test_evaluate_fewer_predictions_than_claims_in_one_sentence() -> None:
    text = "Raids took place at markets in Kazan, Perm and Ufa."
    gold = [gold_claim(text, "raid", location_any=[p]) for p in (KAZAN, PERM, UFA)]
    report = score({"d": gold}, {"d": [predicted(gold[1]), predicted(gold[2])]})
    assert (report.metrics["tp"], report.metrics["fn"]) == (2, 1)
    assert report.metrics["claim_recall"] == pytest.approx(2 / 3)
    assert report.metrics["claim_precision"] == 1.0
    assert report.metrics["location_accuracy"] == 1.0


def test_evaluate_distance_wins_over_agreeing_fields() -> None:
    text = "Police detained migrants in Kazan and in Perm."
    near = gold_claim(text, location_any=[KAZAN], count={"min": 10, "max": 10,
                                                         "qualifier": "exact"})
    far = gold_claim(text, location_any=[PERM], count={"min": 20, "max": 20,
                                                       "qualifier": "exact"})
    # 40 km from Kazan (no location credit) with the far claim's count
    pred = predicted(far, location=moved(KAZAN, 40))
    report = score({"d": [far, near]}, {"d": [pred]})
    assert report.metrics["tp"] == 1
    assert report.misses[0]["event_type"] == "detention"
    assert report.metrics["count_accuracy"] == 0.0
    assert {m["field"] for m in report.mismatches} == {"count", "location"}


def test_evaluate_exact_sentence_is_preferred_to_a_passage_containing_it() -> None:
    first = "Police raided a market in Kazan."
    second = "Another raid hit a hostel in Perm."
    gold = [gold_claim(first, "raid"), gold_claim(second, "raid", location_any=[PERM])]
    passage = predicted(gold[1], evidence={"text": f"{first} {second}"}, location=KAZAN)
    exact = predicted(gold[0])
    report = score({"d": gold}, {"d": [passage, exact]})
    assert (report.metrics["tp"], report.metrics["fp"], report.metrics["fn"]) == (2, 0, 0)


def test_evaluate_each_gold_claim_is_matched_once() -> None:
    g = gold_claim("Police detained 31 migrants at a Kazan market.")
    report = score({"d": [g]}, {"d": [predicted(g), predicted(g)]})
    assert (report.metrics["tp"], report.metrics["fp"]) == (1, 1)
    assert report.metrics["claim_precision"] == 0.5


# --------------------------------------------------------------------------- optional gold


def test_evaluate_optional_match_is_neither_true_nor_false_positive() -> None:
    main = gold_claim("Полиция задержала 31 мигранта на рынке в Казани.")
    restated = gold_claim("Задержанных доставили в отдел полиции.", optional=True)
    report = score({"d": [main, restated]}, {"d": [predicted(main), predicted(restated)]})
    assert (report.metrics["tp"], report.metrics["fp"], report.metrics["fn"]) == (1, 0, 0)
    assert report.metrics["matched"] == 2
    assert report.metrics["claim_precision"] == 1.0


def test_evaluate_unmatched_optional_is_not_a_miss() -> None:
    main = gold_claim("Полиция задержала 31 мигранта на рынке в Казани.")
    restated = gold_claim("Задержанных доставили в отдел полиции.", optional=True)
    report = score({"d": [main, restated]}, {"d": [predicted(main)]})
    assert report.metrics["claim_recall"] == 1.0
    assert report.misses == []


def test_evaluate_optional_pairs_count_in_field_accuracy() -> None:
    vague = gold_claim("Such detentions happen across Russia.", optional=True,
                       location_any=[RUSSIA], count=None)
    report = one_pair(vague, predicted(vague, count={"min": 5, "max": 5, "qualifier": "exact"}))
    assert report.metrics["claim_f1"] == 1.0
    assert report.metrics["count_accuracy"] == 0.0


def test_evaluate_ties_prefer_required_gold_over_optional() -> None:
    text = "Police detained 31 migrants at a Kazan market."
    optional = gold_claim(text, optional=True)
    required = gold_claim(text)
    report = score({"d": [optional, required]}, {"d": [predicted(required)]})
    assert report.metrics["tp"] == 1
    assert report.misses == []


# --------------------------------------------------------------------------- fields

TEXT = "Police detained 31 migrants at a Kazan market."
EXACT_31 = {"min": 31, "max": 31, "qualifier": "exact"}


@pytest.mark.parametrize(
    ("gold_count", "pred_count", "ok"),
    [
        (EXACT_31, EXACT_31, True),
        (EXACT_31, {**EXACT_31, "text": "31"}, True),  # extra keys do not matter
        (None, None, True),
        (EXACT_31, None, False),
        (None, EXACT_31, False),
        (EXACT_31, {"min": 31, "max": 31, "qualifier": "about"}, False),
        ({"min": 101, "max": None, "qualifier": "more_than"},
         {"min": 100, "max": None, "qualifier": "more_than"}, False),
        ({"min": 200, "max": 999, "qualifier": "several"},
         {"min": 200, "max": 999, "qualifier": "several"}, True),
    ],
)
def test_evaluate_count(gold_count: Any, pred_count: Any, ok: bool) -> None:
    report = one_pair(gold_claim(TEXT, count=gold_count),
                      predicted(gold_claim(TEXT), count=pred_count))
    assert report.metrics["count_accuracy"] == (1.0 if ok else 0.0)


QUARTER = {"start": "2023-10-01", "end": "2023-12-31"}
NEW_YEAR = {"start": "2023-12-31", "end": "2024-01-01"}


@pytest.mark.parametrize(
    ("date_any", "pred_date", "ok"),
    [
        ([NEW_YEAR], NEW_YEAR, True),
        ([QUARTER, NEW_YEAR], NEW_YEAR, True),  # any acceptable entry
        ([NEW_YEAR], {"start": "2023-12-31", "end": "2023-12-31"}, False),  # end differs
        ([], {"start": None, "end": None}, True),  # date unknown: nulls expected
        ([], NEW_YEAR, False),
        ([NEW_YEAR], {"start": None, "end": None}, False),
    ],
)
def test_evaluate_date(date_any: list[dict[str, Any]], pred_date: dict[str, Any], ok: bool) -> None:
    gold = gold_claim(TEXT, date_any=date_any)
    report = one_pair(gold, predicted(gold, date={**pred_date, "precision": "day"}))
    assert report.metrics["date_accuracy"] == (1.0 if ok else 0.0)


UNKNOWN_PLACE = {"name": None, "lat": None, "lon": None, "precision": "unknown", "country": None}


@pytest.mark.parametrize(
    ("location_any", "pred_place", "ok"),
    [
        ([KAZAN], KAZAN, True),
        ([KAZAN], moved(KAZAN, 20), True),  # city: within 25 km
        ([KAZAN], moved(KAZAN, 30), False),
        ([{**KAZAN, "precision": "district"}], moved(KAZAN, 24), True),
        ([SVERDLOVSK], moved(SVERDLOVSK, 250), True),  # region: within 300 km
        ([SVERDLOVSK], moved(SVERDLOVSK, 350), False),
        ([RUSSIA], KAZAN, True),  # country: same country, wherever the point is
        ([RUSSIA], {**KAZAN, "country": "KZ"}, False),
        ([RUSSIA], {**UNKNOWN_PLACE, "country": "ru", "precision": "country"}, True),
        ([PERM, KAZAN], moved(KAZAN, 10), True),  # any acceptable entry
        ([KAZAN], UNKNOWN_PLACE, False),
        ([], UNKNOWN_PLACE, True),  # place unknown: no coordinates expected
        ([], KAZAN, False),
    ],
)
def test_evaluate_location(
    location_any: list[dict[str, Any]], pred_place: dict[str, Any], ok: bool
) -> None:
    gold = gold_claim(TEXT, location_any=location_any)
    report = one_pair(gold, predicted(gold, location=pred_place))
    assert report.metrics["location_accuracy"] == (1.0 if ok else 0.0)


@pytest.mark.parametrize(
    ("attribution_any", "pred_names", "ok"),
    [
        ([[]], [], True),
        ([["Фонтанка"]], ["Фонтанки"], True),  # inflected outlet name
        ([["пресс-служба ГУ МВД"]], ["пресс-службы ГУ МВД"], True),
        ([["пресс-служба ГУ МВД по Петербургу и Ленобласти"]], ["пресс-служба"], False),
        ([["The Moscow Times"]], ["Moscow Times"], True),  # articles dropped
        ([["the joint press service of the courts"]], ["joint press service of courts"], True),
        ([["Новая газета Европа"]], ["Новой газеты Европы"], True),
        ([["Фонтанка"]], ["Медиазона"], False),
        ([["Фонтанка"]], [], False),  # same number of sources
        ([[], ["Фонтанка"]], [], True),  # either reading accepted
        ([[], ["Фонтанка"]], ["Фонтанке"], True),
        ([["РИА Новости", "пресс-служба МВД"]], ["РИА Новости", "пресс-службы МВД"], True),
        ([["РИА Новости", "пресс-служба МВД"]], ["пресс-служба МВД", "РИА Новости"], False),
        ([["Baza", "источники в полиции"]], ["Baza"], False),
    ],
)
def test_evaluate_attribution(
    attribution_any: list[list[str]], pred_names: list[str], ok: bool
) -> None:
    gold = gold_claim(TEXT, attribution_any=attribution_any)
    report = one_pair(gold, predicted(gold, attribution=pred_names))
    assert report.metrics["attribution_accuracy"] == (1.0 if ok else 0.0)


@pytest.mark.parametrize(
    ("certainty_any", "pred", "ok"),
    [
        (["reported"], "reported", True),
        (["asserted", "reported"], "reported", True),
        (["reported"], "asserted", False),
        (["disputed", "reported"], "unconfirmed", False),
    ],
)
def test_evaluate_certainty(certainty_any: list[str], pred: str, ok: bool) -> None:
    gold = gold_claim(TEXT, certainty_any=certainty_any)
    report = one_pair(gold, predicted(gold, certainty=pred))
    assert report.metrics["certainty_accuracy"] == (1.0 if ok else 0.0)


def test_evaluate_actors_and_targets_are_averaged_jaccard() -> None:
    first = gold_claim(TEXT, actors=["police", "rosgvardia"], targets=["migrants"])
    second = gold_claim("Суд выдворил двоих.", "deportation", actors=["court"], targets=[])
    preds = [
        predicted(first, actors=["police"], targets=["migrants", "citizens"]),
        predicted(second, actors=["court"], targets=[]),
    ]
    report = score({"d": [first, second]}, {"d": preds})
    assert report.metrics["actors_overlap"] == pytest.approx((0.5 + 1.0) / 2)
    assert report.metrics["targets_overlap"] == pytest.approx((0.5 + 1.0) / 2)


def test_evaluate_mismatch_records_field_gold_and_prediction() -> None:
    gold = gold_claim(TEXT, certainty_any=["reported"])
    report = one_pair(gold, predicted(gold, certainty="asserted"))
    assert report.mismatches == [
        {"doc_id": "d", "event_type": "detention", "field": "certainty",
         "gold": ["reported"], "predicted": "asserted", "evidence": TEXT}
    ]


def test_evaluate_per_event_type_counts() -> None:
    raid = gold_claim("Полиция провела рейд на рынке в Казани.", "raid")
    held = gold_claim("Задержаны 31 человек.", "detention")
    extra = predicted(gold_claim("Суд назначил штрафы.", "prosecution"))
    report = score({"d": [raid, held]}, {"d": [predicted(raid), extra]})
    assert report.per_event_type["raid"] == {
        "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0,
    }
    assert report.per_event_type["detention"]["fn"] == 1
    assert report.per_event_type["detention"]["recall"] == 0.0
    assert report.per_event_type["prosecution"]["fp"] == 1
    assert report.metrics["claim_f1"] == pytest.approx(0.5)


def test_evaluate_malformed_prediction_is_a_contract_violation() -> None:
    with pytest.raises(ContractViolation):
        score({"d": []}, {"d": [{"event_type": "raid"}]})


# --------------------------------------------------------------------------- names


@given(st.text(max_size=40), st.text(max_size=40))
def test_evaluate_same_source_is_symmetric(a: str, b: str) -> None:
    assert same_source(a, b) == same_source(b, a)


@given(st.text(max_size=40))
def test_evaluate_same_source_is_reflexive(a: str) -> None:
    assert same_source(a, a)


@given(st.permutations(list(range(5))))
def test_evaluate_prediction_order_does_not_change_scores(order: list[int]) -> None:
    text = "Raids hit markets in Kazan, Perm, Ufa, Yekaterinburg and beyond."
    places = [KAZAN, PERM, UFA, {**SVERDLOVSK, "precision": "city"}, RUSSIA]
    gold = [gold_claim(text, "raid", location_any=[p]) for p in places]
    preds = [predicted(gold[i]) for i in order]
    report = score({"d": gold}, {"d": preds})
    assert report.metrics["claim_f1"] == 1.0
    assert report.metrics["location_accuracy"] == 1.0


# --------------------------------------------------------------------------- io, report


def test_evaluate_format_report_lines() -> None:
    gold = gold_claim(TEXT, certainty_any=["reported"])
    missed = gold_claim("Суд выдворил двоих.", "deportation")
    report = score({"d": [gold, missed]}, {"d": [predicted(gold, certainty="asserted")]})
    lines = format_report(report)
    assert lines[:3] == ["claim_precision 1.000", "claim_recall 0.500", "claim_f1 0.667"]
    assert "certainty_accuracy 0.000" in lines
    assert "tp 1" in lines and "fn 1" in lines
    verbose = format_report(report, verbose=True)
    assert verbose[: len(lines)] == lines
    assert "miss d deportation: Суд выдворил двоих." in verbose
    assert any(
        line.startswith('mismatch d detention certainty: gold ["reported"] predicted "asserted"')
        for line in verbose
    )


def test_evaluate_load_gold_and_predicted(tmp_path: Path) -> None:
    gold_file = tmp_path / "gold.jsonl"
    g = gold_claim(TEXT)
    gold_file.write_text(
        json.dumps({"doc_id": "d", "claims": [g]}, ensure_ascii=False) + "\n\n"
        + json.dumps({"doc_id": "e", "claims": []}) + "\n",
        encoding="utf-8",
    )
    assert load_gold(gold_file) == {"d": [g], "e": []}
    pred_file = tmp_path / "claims.jsonl"
    pred_file.write_text(json.dumps(predicted(g), ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_predicted(pred_file) == {"d": [predicted(g)]}


@pytest.mark.parametrize(
    "lines",
    [
        ['{"doc_id": "d", "claims": []', ],  # not JSON
        ['["d", []]'],  # not an object
        ['{"doc_id": "d"}'],  # no claims
        ['{"doc_id": "d", "claims": []}', '{"doc_id": "d", "claims": []}'],  # twice
        ['{"doc_id": "d", "claims": [{"event_type": "raid"}]}'],  # no evidence
    ],
)
def test_evaluate_load_gold_rejects_bad_records(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BadRecord) as caught:
        load_gold(path)
    assert caught.value.path == str(path)


def test_evaluate_check_floors_uses_margin() -> None:
    floors = {"claim_f1": 0.70, "count_accuracy": 0.60, "date_accuracy": 0.6}
    metrics = {"claim_f1": 0.696, "count_accuracy": 0.594}
    failures = check_floors(metrics, floors, margin=0.005)
    assert failures == [
        "count_accuracy 0.594 < floor 0.600 - margin 0.005",
        "date_accuracy: missing from the report (floor 0.600)",
    ]


def test_evaluate_corpus_digest_is_sha256_of_each_file(tmp_path: Path) -> None:
    (tmp_path / "docs.jsonl").write_bytes(b"")
    (tmp_path / "gold.jsonl").write_bytes(b"abc")
    assert corpus_digest(tmp_path) == {
        "docs.jsonl": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "gold.jsonl": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    }
