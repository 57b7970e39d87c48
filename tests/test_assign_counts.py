"""Which figure goes with which event (``extract/assign_counts.py``), on short reports
written for these tests, Russian and English."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from khronika import extract_claims_from_jsonl


def _claims(tmp_path: Path, resources: Any, lang: str, text: str) -> list[dict[str, Any]]:
    path = tmp_path / "docs.jsonl"
    doc = {"id": "t1", "url": None, "outlet": "test", "title": None, "published": "2024-05-15",
           "language": lang, "text": text}
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return extract_claims_from_jsonl(path, resources=resources).get("t1", [])


def _counts(claims: list[dict[str, Any]]) -> dict[str, int | None]:
    return {c["event_type"]: (c["count"] or {}).get("min") for c in claims
            if c["event_type"] != "raid"}


def test_joined_predicates_share_the_figure(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "In Tver at least 12 builders were detained on Monday and handed summonses "
                 "to the enlistment office.")
    ru = _claims(tmp_path, resources, "ru",
                 "В Туле семерых рабочих доставили в военкомат, где поставили на воинский учёт.")
    assert _counts(en) == {"detention": 12, "summons": 12}
    assert _counts(ru) == {"escort_to_enlistment_office": 7, "summons": 7}


def test_a_fine_and_an_expulsion_of_one_group(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Омске для 11 иностранцев проверка закончилась штрафом и выдворением.")
    assert _counts(ru) == {"prosecution": 11, "deportation": 11}


def test_a_part_of_the_group_is_not_shared(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "In Kazan police detained 40 migrants, of whom 12 were later deported.")
    ru = _claims(tmp_path, resources, "ru",
                 "В Самаре суд оштрафовал 18 мигрантов, остальных выдворили из страны.")
    assert _counts(en) == {"detention": 40, "deportation": 12}
    assert _counts(ru)["prosecution"] == 18
    assert _counts(ru)["deportation"] is None


def test_a_second_word_for_the_event_takes_its_figure(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Пензе суд рассмотрел материалы: 23 человека оштрафованы за работу без "
                 "патента, ещё троих суд решил выдворить.")
    assert _counts(ru) == {"prosecution": 23, "deportation": 3}


def test_some_of_them_is_no_figure(tmp_path: Path, resources: Any) -> None:
    text_en = ("Police detained about 300 workers at a market in Kazan. Some were later taken "
               "to the enlistment office, witnesses said.")
    text_ru = ("В Казани на рынке задержали около 300 рабочих. Некоторых из них потом отвезли "
               "в военкомат.")
    (escort_en,) = [c for c in _claims(tmp_path, resources, "en", text_en)
                    if c["event_type"] == "escort_to_enlistment_office"]
    (escort_ru,) = [c for c in _claims(tmp_path, resources, "ru", text_ru)
                    if c["event_type"] == "escort_to_enlistment_office"]
    assert escort_en["count"] is None
    assert escort_ru["count"] is None


def test_several_he_knows_is_not_one_person(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "In Kazan several naturalized Uzbeks he knows were handed summonses last "
                 "week, the driver said.")
    (summons,) = [c for c in en if c["event_type"] == "summons"]
    assert summons["count"] is None


def test_all_who_is_not_the_group_told_before(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Тюмени полиция провела рейд на стройке и проверила 90 мигрантов. "
                 "Полицейские задержали всех, кто пытался убежать.")
    (held,) = [c for c in ru if c["event_type"] == "detention"]
    assert held["count"] is None


def test_the_one_who_tells_is_not_the_one_held(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Officers detained Tajik vendors at a market in Samara, according to a "
                 "migrant who saw it.")
    (held,) = [c for c in en if c["event_type"] == "detention"]
    assert held["count"] is None


def test_a_wife_named_is_one_person(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police checked migrants at a market in Perm. His wife was detained on Monday "
                 "during the document check.")
    (held,) = [c for c in en if c["event_type"] == "detention"]
    assert held["count"]["min"] == 1


def test_the_same_men_named_again_share_the_figure(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Барнауле на стройке нашли 9 рабочих без учёта. Всех отвезли в военкомат, "
                 "где мужчин поставили на воинский учёт.")
    got = _counts([c for c in ru if c["evidence"]["text"].startswith("Всех")])
    assert got == {"escort_to_enlistment_office": 9, "summons": 9}


def test_an_aside_between_figure_and_predicate_is_skipped(tmp_path: Path,
                                                          resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Чите девять мужчин, не вставших на воинский учёт, отвезли в военкомат, "
                 "двое из них, по данным ведомства, там же подписали контракты.")
    en = _claims(tmp_path, resources, "en",
                 "In Kursk two young men, who according to the office had ignored an earlier "
                 "summons and never came, were on the same day driven to the enlistment "
                 "office.")
    assert _counts(ru) == {"escort_to_enlistment_office": 9, "enlistment": 2}
    assert _counts(en)["escort_to_enlistment_office"] == 2


def test_one_person_named_at_the_predicate(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police checked a hostel in Saratov on Monday. A district court fined Dilnoza "
                 "3,000 rubles and ordered her expulsion from Russia.")
    got = _counts([c for c in en if c["evidence"]["text"].startswith("A district")])
    assert got == {"prosecution": 1, "deportation": 1}


def test_a_nationality_after_the_trigger_is_no_name(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police raided a market in Saratov on Monday and detained Tajik migrants who "
                 "had no work permits.")
    (held,) = [c for c in en if c["event_type"] == "detention"]
    assert held["count"] is None


def test_the_verbs_own_object_is_one_person(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police stopped a courier in Tula on Monday. \"They put me in a car and drove "
                 "me to the enlistment office,\" he said.")
    ru = _claims(tmp_path, resources, "ru",
                 "В Туле полицейские остановили курьера у рынка. Потом сотрудники доставили "
                 "его в военкомат.")
    (escort_en,) = [c for c in en if c["event_type"] == "escort_to_enlistment_office"]
    (escort_ru,) = [c for c in ru if c["event_type"] == "escort_to_enlistment_office"]
    assert escort_en["count"]["min"] == 1
    assert escort_ru["count"]["min"] == 1


def test_a_group_defined_afresh_takes_no_earlier_figure(tmp_path: Path,
                                                        resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police detained 25 workers at a depot in Omsk. Migrants who had no patents "
                 "were, witnesses said, threatened with deportation unless they signed up.")
    later = [c for c in en if c["evidence"]["text"].startswith("Migrants")]
    assert later and all(c["count"] is None for c in later)


def test_several_of_them_as_subject_take_no_figure(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police detained about 150 Tajik migrants at a building site in Omsk on Monday. "
                 "Several of the workers "
                 "said that officers woke them up at dawn and took them in buses to the police "
                 "station.")
    later = [c for c in en if c["evidence"]["text"].startswith("Several")]
    assert later and all(c["count"] is None for c in later)


def test_the_rest_is_the_whole_less_the_part(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Кирове задержали 25 рабочих; суд постановил выдворить семерых из них, "
                 "остальных оштрафовали.")
    assert _counts(ru) == {"detention": 25, "deportation": 7, "prosecution": 18}


def test_a_total_before_its_breakdown(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Омске после рейда полиция составила 14 протоколов: восемь — за работу без "
                 "патента, шесть — за нарушение режима пребывания.")
    assert _counts(ru)["prosecution"] == 14


def test_one_person_by_a_noun_of_trade(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Чите суд лишил гражданства фельдшера, получившего паспорт в 2019 году.")
    assert _counts(ru) == {"citizenship_revocation": 1}


def test_a_figure_opening_the_next_clause_is_not_this_ones(tmp_path: Path,
                                                          resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Checks at the airport in Kazan found 11 men who had never registered. All of "
                 "them were handed summonses, and three who had hidden for a year were escorted "
                 "to the enlistment office.")
    later = _counts([c for c in en if c["evidence"]["text"].startswith("All of")])
    assert later == {"summons": 11, "escort_to_enlistment_office": 3}


def test_the_other_of_two_is_one_person(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police checked a depot in Ufa. One of the drivers signed a contract; the "
                 "other refused and was released with a summons.")
    (summons,) = [c for c in en if c["event_type"] == "summons"]
    assert summons["count"]["min"] == 1


def test_speakers_who_tell_of_themselves_are_counted(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police held migrants at the centre in Sakharovo for weeks. Four of them say "
                 "they eventually signed contracts.")
    (signed,) = [c for c in en if c["event_type"] == "enlistment"]
    assert signed["count"]["min"] == 4


def test_complaints_count_the_people_who_made_them(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "A lawyer in Moscow said she had received 312 complaints from migrants who "
                 "said police had detained them without grounds.")
    (held,) = [c for c in en if c["event_type"] == "detention"]
    assert held["count"]["min"] == 312
