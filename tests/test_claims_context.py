"""Claims assembled across sentences, on short reports written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from khronika import extract_claims_from_jsonl


def _claims(tmp_path: Path, resources: Any, lang: str, text: str,
            published: str = "2024-05-15", title: str | None = None) -> list[dict[str, Any]]:
    path = tmp_path / "docs.jsonl"
    doc = {"id": "t1", "url": None, "outlet": "test", "title": title, "published": published,
           "language": lang, "text": text}
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return extract_claims_from_jsonl(path, resources=resources).get("t1", [])


def _by(claims: list[dict[str, Any]], event_type: str) -> list[dict[str, Any]]:
    return [c for c in claims if c["event_type"] == event_type]


def test_claims_ellipsis_gives_each_place_its_count(tmp_path: Path, resources: Any) -> None:
    claims = _claims(tmp_path, resources, "ru",
                     "Во вторник в Пензе задержали 40 мигрантов, в Саранске — ещё 15.")
    got = {(c["location"]["name"], c["count"]["min"]) for c in _by(claims, "detention")}
    assert got == {("Penza", 40), ("Saransk", 15)}


def test_claims_a_list_of_figures_each_with_its_place(tmp_path: Path, resources: Any) -> None:
    text = ("After the checks, 12 migrants in Kazan, 40 people in the Samara region and nine "
            "Tajik workers in Ufa were ordered to leave Russia.")
    claims = _by(_claims(tmp_path, resources, "en", text), "deportation")
    got = {(c["location"]["name"], c["count"]["min"]) for c in claims}
    assert got == {("Kazan", 12), ("Samara Oblast", 40), ("Ufa", 9)}


def test_claims_a_list_with_a_repeated_preposition_is_one_list(tmp_path: Path,
                                                              resources: Any) -> None:
    en = _claims(tmp_path, resources, "en", "Police raided migrant hostels in Tver and "
                 "Ryazan and in the Kursk and Oryol regions on Friday.")
    ru = _claims(tmp_path, resources, "ru", "В пятницу полиция провела рейды в общежитиях "
                 "мигрантов в Твери и в Рязани.")
    assert {c["location"]["name"] for c in _by(en, "raid")} >= {"Tver", "Ryazan", "Kursk"}
    assert len(_by(en, "raid")) == 4
    assert {c["location"]["name"] for c in _by(ru, "raid")} == {"Tver", "Ryazan"}


def test_claims_a_place_in_its_region_is_not_a_list(tmp_path: Path, resources: Any) -> None:
    text = "Police raided a migrant hostel in Obninsk, in the Kaluga region, on Friday."
    assert len(_by(_claims(tmp_path, resources, "en", text), "raid")) == 1


def test_claims_one_figure_in_its_place_stays_one_claim(tmp_path: Path,
                                                         resources: Any) -> None:
    text = "Police detained 30 migrants in Kazan after a check at the market."
    (held,) = _by(_claims(tmp_path, resources, "en", text), "detention")
    assert (held["location"]["name"], held["count"]["min"]) == ("Kazan", 30)


def test_claims_all_of_them_carries_the_groups_figure(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Police detained 40 migrants at a depot in Kazan. All were fined the next day.")
    ru = _claims(tmp_path, resources, "ru",
                 "Полиция задержала на складе 25 мигрантов. Всех доставили в военкомат.")
    (fine,) = _by(en, "prosecution")
    (escort,) = _by(ru, "escort_to_enlistment_office")
    assert fine["count"]["min"] == 40
    assert escort["count"]["min"] == 25


def test_claims_people_counted_before_papers(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В Перми выявлены 12 нарушителей из числа мигрантов, возбуждено 4 дела.")
    (case,) = _by(ru, "prosecution")
    assert case["count"]["min"] == 12


def test_claims_roundup_item_starts_a_new_story(tmp_path: Path, resources: Any) -> None:
    text = ("Обзор недели:\n— Курск: в понедельник полиция задержала 12 мигрантов, сообщает "
            "«Курская неделя».\n— Брянск: суд оштрафовал пятерых иностранцев.")
    claims = _claims(tmp_path, resources, "ru", text)
    (fine,) = _by(claims, "prosecution")
    (held,) = _by(claims, "detention")
    assert fine["attribution"] == []
    assert fine["date"]["start"] != held["date"]["start"]


def test_claims_generic_denial_covers_restatements(tmp_path: Path, resources: Any) -> None:
    text = ("В Орле сотрудники военкомата вручили повестки 20 новым гражданам, сообщил паблик "
            "«Орёл сегодня». Повестки раздавали у входа на рынок. В военкомате это опровергли.")
    claims = _by(_claims(tmp_path, resources, "ru", text), "summons")
    assert len(claims) == 2
    assert {c["certainty"] for c in claims} == {"disputed"}


def test_claims_named_denial_covers_the_event_it_names(tmp_path: Path, resources: Any) -> None:
    text = ("Police detained 25 migrants at a market in Kirov, a local channel said. "
            "Officers pressured them to sign army contracts, the channel added. "
            "The regional police denied that anyone had been pressured.")
    claims = _claims(tmp_path, resources, "en", text)
    assert [c["certainty"] for c in _by(claims, "detention")] == ["reported"]
    assert [c["certainty"] for c in _by(claims, "recruitment_pressure")] == ["disputed"]


def test_claims_count_carried_over_an_eventless_sentence(tmp_path: Path,
                                                         resources: Any) -> None:
    text = ("В Пскове 9 мигрантов подписали контракт, пишет «Псковский вестник». "
            "Проверить эти сведения не удалось. Затем их отправили в воинскую часть.")
    claims = _by(_claims(tmp_path, resources, "ru", text), "enlistment")
    assert [c["count"]["min"] if c["count"] else None for c in claims] == [9, 9]
    assert claims[0]["certainty"] == "unconfirmed"


def test_claims_headline_place_until_the_body_names_one(tmp_path: Path, resources: Any) -> None:
    text = ("Во вторник силовики проверили общежитие на окраине. Задержаны 30 мигрантов. "
            "В Твери в тот же день полиция задержала ещё 12 человек.")
    claims = _by(_claims(tmp_path, resources, "ru", text, title="В Пензе проверили общежитие"),
                 "detention")
    assert [c["location"]["name"] for c in claims] == ["Penza", "Tver"]


def test_claims_credit_in_the_next_sentence(tmp_path: Path, resources: Any) -> None:
    text = ("Police in Tver detained 31 migrants at a warehouse. "
            "This was reported by the regional outlet Volga Wire. "
            "On Friday a court in Tver fined 12 foreigners.")
    claims = _claims(tmp_path, resources, "en", text)
    (held,) = _by(claims, "detention")
    (fined,) = _by(claims, "prosecution")
    assert (held["attribution"], held["certainty"]) == (["Volga Wire"], "reported")
    assert fined["attribution"] == []


def test_claims_message_stamp_dates_an_undated_event(tmp_path: Path, resources: Any) -> None:
    post = ("Тверь Сейчас\n4 мар в 10:15\n\nУ рынка на Вокзальной стоят автобусы полиции, "
            "мигрантов выводят из павильонов. Подписчики пишут, что задержали около 30 человек.")
    page = ("У рынка на Вокзальной в Твери полиция задержала около 30 мигрантов, "
            "пишут местные жители.")
    for text, day in ((post, "2025-03-04"), (page, None)):
        claims = _by(_claims(tmp_path, resources, "ru", text, published="2025-03-04"),
                     "detention")
        assert claims and {c["date"]["start"] for c in claims} == {day}


def test_claims_background_takes_no_date_of_the_story(tmp_path: Path, resources: Any) -> None:
    text = ("Во вторник в Пензе полиция задержала 25 мигрантов на стройке. "
            "Такие рейды в городе проходят регулярно с прошлой осени. "
            "Ранее полиция уже задерживала рабочих на этой стройке. "
            "Ранее, 12 января, в Пензе задержали 40 мигрантов.")
    claims = _by(_claims(tmp_path, resources, "ru", text, published="2025-03-06"), "detention")
    assert [c["date"]["start"] for c in claims] == ["2025-03-04", None, "2025-01-12"]
    text = ("Police in Tver detained 25 migrants at a building site on Tuesday. "
            "Officers routinely detain workers at the site. "
            "Previously, police detained dozens of workers at a nearby market.")
    claims = _by(_claims(tmp_path, resources, "en", text, published="2025-03-06"), "detention")
    # "routinely detain" tells a habit, not an event: no claim (tests/test_events_triggers.py)
    assert [c["date"]["start"] for c in claims] == ["2025-03-04", None]


def test_claims_forwarded_message_credits_its_channel(tmp_path: Path, resources: Any) -> None:
    text = "В Твери полиция задержала 14 мигрантов на рынке."
    claims = _by(_claims(tmp_path, resources, "ru", text, title="Forwarded from Тверь Онлайн"),
                 "detention")
    assert [(c["attribution"], c["certainty"]) for c in claims] == [(["Тверь Онлайн"], "reported")]


def test_claims_a_raid_told_again_is_one_claim(tmp_path: Path, resources: Any) -> None:
    text = ("В четверг полиция провела рейд на овощебазе в Липецке, где работали мигранты. "
            "Всего в ходе рейда проверили 150 иностранцев.")
    raids = _by(_claims(tmp_path, resources, "ru", text), "raid")
    assert [r["evidence"]["text"][:9] for r in raids] == ["В четверг"]


def test_claims_a_raid_retold_with_a_place_or_doubt_stays(tmp_path: Path,
                                                         resources: Any) -> None:
    text = ("Police raided a hostel for migrants in Tula on Monday. "
            "There was also a raid on migrants in Tula's central market, a channel claimed, "
            "but police have not confirmed it.")
    raids = _by(_claims(tmp_path, resources, "en", text), "raid")
    assert len(raids) == 2


def test_claims_one_person_told_by_pronoun_or_name(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "A bricklayer from Khujand lost his Russian passport in March. A court in Omsk "
                 "stripped him of his citizenship after he failed to register with the "
                 "military.")
    (revoked,) = _by(en, "citizenship_revocation")[-1:]
    assert (revoked["count"]["min"], revoked["count"]["max"]) == (1, 1)
    ru = _claims(tmp_path, resources, "ru",
                 "Мигранта из Таджикистана Фаррух Рахимова задержали у рынка в Омске.")
    (held,) = _by(ru, "detention")
    assert (held["count"]["min"], held["count"]["max"]) == (1, 1)
    many = _claims(tmp_path, resources, "en",
                   "He said police detained migrants at the market in Kazan on Monday.")
    assert [c["count"] for c in _by(many, "detention")] == [None]


def test_claims_a_year_of_background_is_not_the_story_date(tmp_path: Path,
                                                           resources: Any) -> None:
    text = ("Bakhrom moved to Tyumen from Samarkand in 2018 and became a Russian citizen "
            "later. Police raided the migrant hostel where he lived and took him to the "
            "enlistment office.")
    claims = _claims(tmp_path, resources, "en", text, published="2025-10-02")
    assert claims and all(c["date"]["start"] != "2018-01-01" for c in claims)
    text = ("В 2024 году в Тюмени прошли десятки рейдов. На рынке полиция задержала 30 "
            "мигрантов.")
    (held,) = _by(_claims(tmp_path, resources, "ru", text, published="2025-01-10"), "detention")
    assert held["date"]["start"] == "2024-01-01"


def test_claims_today_in_a_quote_and_that_afternoon(tmp_path: Path, resources: Any) -> None:
    text = ("Police detained 40 migrants at a depot in Kaluga on May 6. "
            "\"Sign a contract today or go to court,\" an officer told them. "
            "Seven of the men signed contracts that afternoon.")
    claims = _claims(tmp_path, resources, "en", text, published="2025-06-01")
    (signed,) = [c for c in _by(claims, "enlistment") if "afternoon" in c["evidence"]["text"]]
    assert signed["date"]["start"] == "2025-05-06"


def test_claims_they_after_among_them_is_a_part_not_the_group(tmp_path: Path,
                                                              resources: Any) -> None:
    text = ("Police detained 60 workers at a depot in Tver on Monday. Officers told the "
            "foreigners among them that they would be deported unless they signed army "
            "contracts, a lawyer said.")
    (pressed,) = _by(_claims(tmp_path, resources, "en", text), "recruitment_pressure")
    assert pressed["count"] is None


def test_claims_a_dateline_town_is_not_the_event_place(tmp_path: Path, resources: Any) -> None:
    text = ("MOSCOW, May 20 (Volga Wire) — Police detained 80 migrants at a warehouse in "
            "Podolsk on Monday.")
    (held,) = _by(_claims(tmp_path, resources, "en", text, published="2025-05-20"), "detention")
    assert held["location"]["name"] == "Podolsk"
    text = "MOSCOW — Police detained 80 migrants at a market on Monday."
    (held,) = _by(_claims(tmp_path, resources, "en", text, published="2025-05-20"), "detention")
    assert held["location"]["name"] == "Moscow"


def test_claims_a_landmark_town_is_not_the_event_place(tmp_path: Path, resources: Any) -> None:
    text = ("Police raided a depot in the town of Podolsk, south of Moscow, and detained 40 "
            "migrants.")
    claims = _claims(tmp_path, resources, "en", text, published="2025-05-20")
    assert {c["location"]["name"] for c in claims} == {"Podolsk"}


def test_claims_a_trend_takes_no_date_of_the_story(tmp_path: Path, resources: Any) -> None:
    text = ("Police in Kazan detained 40 migrants at a market on March 3. In recent months, "
            "officers have been pressing detained migrants to sign army contracts.")
    claims = _claims(tmp_path, resources, "en", text, published="2025-03-05")
    dates = {c["evidence"]["text"][:6]: c["date"]["start"] for c in claims}
    assert dates == {"Police": "2025-03-03", "In rec": None}


def test_claims_a_figure_belongs_to_the_main_clause_not_the_aside(tmp_path: Path,
                                                                  resources: Any) -> None:
    text = ("Police raided a depot in Tver on Monday. Three men, who had ignored earlier "
            "summonses, were delivered to the military commissariat.")
    claims = _claims(tmp_path, resources, "en", text)
    (escorted,) = _by(claims, "escort_to_enlistment_office")
    assert escorted["count"]["min"] == 3
    assert all(c["count"] is None for c in _by(claims, "summons"))


def test_claims_one_person_behind_a_relative_clause(tmp_path: Path, resources: Any) -> None:
    text = ("A 31-year-old Uzbek man who had driven a taxi in Kazan for six years was detained "
            "during the raid. Separately, a 19-year-old citizen of Tajikistan who had never "
            "registered for military service was stripped of his Russian passport.")
    claims = _claims(tmp_path, resources, "en", text)
    counts = [(c["event_type"], (c["count"] or {}).get("min")) for c in claims
              if c["event_type"] in ("detention", "citizenship_revocation")]
    assert counts == [("detention", 1), ("citizenship_revocation", 1)]


def test_claims_one_person_not_hidden_by_an_article_number(tmp_path: Path,
                                                           resources: Any) -> None:
    ru = ("В апреле 2025 года суд назначил ему штраф по ст. 18.8 КоАП, "
          "а затем его выдворили из страны.")
    title = "Uzbek migrant fined and expelled in Kazan"
    en = (f"{title}\n\nA court in Kazan fined him 4,000 rubles under Article 18.8 in March "
          "2024 and ordered his expulsion from Russia.")
    got_ru = _by(_claims(tmp_path, resources, "ru", ru), "prosecution")
    got_en = _by(_claims(tmp_path, resources, "en", en, title=title), "prosecution")
    assert [(c["count"] or {}).get("min") for c in got_ru + got_en] == [1, 1]


def test_claims_one_person_after_the_trigger_ru(tmp_path: Path, resources: Any) -> None:
    text = ("Суд в Омске вынес приговор по ч. 1 ст. 328 УК РФ 25-летнему уроженцу Ташкента, "
            "не вставшему на воинский учёт. Тем временем полиция Тюмени прекратила "
            "гражданство молодого человека, который так и не пришёл в военкомат.")
    claims = _claims(tmp_path, resources, "ru", text)
    counts = [(c["event_type"], (c["count"] or {}).get("min")) for c in claims
              if c["event_type"] in ("prosecution", "citizenship_revocation")]
    assert counts == [("prosecution", 1), ("citizenship_revocation", 1)]


def test_claims_paragraph_rests_on_one_account(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "According to the Kama Pulse channel, police detained 40 migrants at a depot in "
                 "Kazan on Monday. The next day a court fined 25 of them.\n\n"
                 "A court in Kazan ordered three men expelled.")
    ru = _claims(tmp_path, resources, "ru",
                 "По данным канала «Волжский вестник», в Самаре полиция задержала 30 мигрантов. "
                 "Всех доставили в военкомат.\nСуд в Самаре оштрафовал ещё двоих.")
    (fined, expelled) = sorted(_by(en, "prosecution") + _by(en, "deportation"),
                               key=lambda c: c["evidence"]["start"])
    assert (fined["attribution"], fined["certainty"]) == (["Kama Pulse"], "reported")
    assert (expelled["attribution"], expelled["certainty"]) == ([], "asserted")  # a new paragraph
    (escort,) = _by(ru, "escort_to_enlistment_office")
    assert (escort["attribution"], escort["certainty"]) == (["Волжский вестник"], "reported")
    (fine_ru,) = _by(ru, "prosecution")
    assert fine_ru["attribution"] == []


def test_claims_account_stops_at_the_next_item_or_a_hedge(tmp_path: Path,
                                                          resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "In Kazan, police detained 40 migrants, the regional ministry said. "
                 "In Tomsk, police detained 12 workers at a market. "
                 "Officers reportedly detained 9 more men in Tomsk.")
    got = {c["evidence"]["text"][:8]: (c["attribution"], c["certainty"])
           for c in _by(en, "detention")}
    assert got["In Kazan"] == (["regional ministry"], "reported")
    assert got["In Tomsk"] == ([], "asserted")  # a round-up's next item is the outlet's own
    assert got["Officers"] == ([], "reported")  # hedged on its own


def test_claims_quotation_paragraph_keeps_the_account(tmp_path: Path, resources: Any) -> None:
    text = ("The press service of the regional police said a check was held at a market in "
            "Tver.\n\n\"Eleven foreign citizens were detained and taken to the station.\"\n\n"
            "A court in Tver fined four men.")
    claims = _claims(tmp_path, resources, "en", text)
    (held,) = _by(claims, "detention")
    assert held["attribution"] == ["press service of the regional police"]
    (fined,) = _by(claims, "prosecution")
    assert fined["attribution"] == []


def test_claims_he_says_means_the_person_named(tmp_path: Path, resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Rustam, a migrant from Tajikistan, told the Volga Wire channel that he had "
                 "been stopped in Samara.\n\nRustam, 29, works at a warehouse. On Monday, he "
                 "says, police detained him and eleven other migrant workers during a raid in "
                 "Samara.")
    (held,) = _by(en, "detention")
    assert held["attribution"] == ["Rustam"]  # the person, not the outlet he spoke to
    ru = _claims(tmp_path, resources, "ru",
                 "Об облаве на мигрантов в Самаре рассказал адвокат Рустам Каримов, который "
                 "защищает рабочих.\nПо его словам, в понедельник полицейские задержали 14 "
                 "мигрантов на рынке в Самаре.")
    (held_ru,) = _by(ru, "detention")
    assert held_ru["attribution"] == ["адвокат Рустам Каримов"]


def test_claims_a_quotation_over_sentences_is_its_speakers(tmp_path: Path,
                                                           resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "Most of the passengers had come home by train.\n\n"
                 "\"Police detained us in a raid on a hostel in Kazan. Then two weeks in a cell,\" "
                 "said Bakhrom, a migrant worker.")
    assert [c["attribution"] for c in en] == [["Bakhrom"]] * len(en) and en
    ru = _claims(tmp_path, resources, "ru",
                 "«Нас задержали во время облавы на рынке в Казани. Потом неделю держали в "
                 "отделе», — рассказал мигрант Бахром.")
    (held_ru,) = _by(ru, "detention")
    assert held_ru["attribution"] == ["мигрант Бахром"]


def test_claims_each_clause_keeps_its_own_credit(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "В общежитии в Туле, по сообщениям паблика «Окраина», ночью прошла облава на "
                 "мигрантов; четверых, по словам соседей, увезли в военкомат.")
    (raid,) = _by(ru, "raid")
    (escort,) = _by(ru, "escort_to_enlistment_office")
    assert raid["attribution"] == ["Окраина"]
    assert escort["attribution"] == ["соседи"]


def test_claims_a_bare_back_reference_names_nobody(tmp_path: Path, resources: Any) -> None:
    ru = _claims(tmp_path, resources, "ru",
                 "С начала года приставы Тульской области выдворили из России 120 мигрантов. "
                 "Об этом ведомство сообщило на своём сайте.")
    (expelled,) = _by(ru, "deportation")
    assert (expelled["attribution"], expelled["certainty"]) == ([], "reported")


def test_claims_a_raid_retold_as_the_setting_of_a_later_event(tmp_path: Path,
                                                             resources: Any) -> None:
    en = _claims(tmp_path, resources, "en",
                 "On Tuesday police raided a migrant hostel in Tula. According to the regional "
                 "police, officers checked 90 people and took 40 foreigners to a police station.")
    ru = _claims(tmp_path, resources, "ru",
                 "Во вторник полиция провела рейд в общежитии мигрантов в Туле. Как сообщили в "
                 "УМВД, документы проверили у 90 человек, 40 иностранцев доставили в отдел.")
    for claims in (en, ru):
        assert len(_by(claims, "raid")) == 1
        assert len(_by(claims, "detention")) == 1
    # a later raid somewhere else of its own stays
    other = _claims(tmp_path, resources, "en",
                    "On Tuesday police raided a migrant hostel in Tula. On Wednesday officers "
                    "checked a market in Kaluga and took 12 migrants to a police station.")
    assert {c["location"]["name"] for c in _by(other, "raid")} == {"Tula", "Kaluga"}


def test_claims_one_figure_for_towns_of_one_region_is_the_region(tmp_path: Path,
                                                                 resources: Any) -> None:
    text = "In all, 25 migrants held in Tolyatti, Syzran and Samara were deported in May."
    (deported,) = _by(_claims(tmp_path, resources, "en", text), "deportation")
    assert (deported["location"]["name"], deported["count"]["min"]) == ("Samara Oblast", 25)


def test_claims_a_raid_named_as_a_time_point_is_no_new_raid(tmp_path: Path,
                                                             resources: Any) -> None:
    ru = ("Во вторник полиция провела рейд на рынке в Туле, искали мигрантов. По "
          "неподтверждённой информации, часть рабочих отпустили после рейда.")
    en = ("On Tuesday police raided a market in Tula looking for migrants. According to "
          "unconfirmed reports, some of the traders went home after the raid.")
    for lang, text in (("ru", ru), ("en", en)):
        raids = _by(_claims(tmp_path, resources, lang, text), "raid")
        assert len(raids) == 1, (lang, [c["evidence"]["text"] for c in raids])
        assert "Tula" == raids[0]["location"]["name"]


def test_claims_a_raids_tally_is_no_new_raid(tmp_path: Path, resources: Any) -> None:
    ru = ("В среду полиция провела рейд на стройке в Калуге, искали нелегальных мигрантов. "
          "Всего, по данным УМВД, документы проверили у 230 рабочих.")
    en = ("On Wednesday police raided a building site in Kaluga looking for illegal migrants. "
          "In total, the regional police said, officers checked the papers of 230 workers.")
    for lang, text in (("ru", ru), ("en", en)):
        raids = _by(_claims(tmp_path, resources, lang, text), "raid")
        assert len(raids) == 1, (lang, [c["evidence"]["text"] for c in raids])
