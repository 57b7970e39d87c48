"""Credits and certainty cues on sentences written for these tests (not from any article)."""

from __future__ import annotations

from typing import Any

import pytest

from khronika.extract.attribution import find_credit, find_cues

# (language, sentence, sources credited — () for none)
CREDITS = [
    ("ru", "Об облаве написал городской телеграм-канал «Северный патруль».",
     ("Северный патруль",)),
    ("ru", "Повестки вручили 12 мужчинам, сообщил местный паблик «Окраина онлайн».",
     ("Окраина онлайн",)),
    ("ru", "Нам пишут из Калининграда: на рынке идут проверки.", ()),
    # a relative clause after the source is not a second source
    ("ru", "По словам водителей, которые нам написали, у склада стоят три автозака.",
     ("водители",)),
    # an agency "reports on" its work, a paper "notes that": both are credits
    ("ru", "Вчера Росгвардия отчиталась о задержании 40 приезжих на складе.", ("Росгвардия",)),
    ("en", "The Tver Courier notes that 15 men were detained at the depot.", ("Tver Courier",)),
    # a t.me address is its channel, never "https"
    ("ru", "Об этом пишет https://t.me/kazan_news/123.", ("kazan_news",)),
    ("en", "Police detained 12 people, reported https://t.me/tver_wire/55.", ("tver_wire",)),
    # a Latin name has no case; a weekday after the verb is not the source
    ("ru", "Mash пишет, что в общежитии задержали 20 человек.", ("Mash",)),
    ("ru", "Как рассказали в пятницу, 7 марта, в управлении МВД по области, задержаны 9 человек.",
     ("управление МВД по области",)),
    ("ru", "Видео прислал подписчик канала.", ("подписчик канала",)),
    ("ru", "В полиции региона эти сведения опровергли.", ()),
    ("en", "Forty men were detained, the news site Volga Courier reported, citing sources in "
     "the regional police.", ("Volga Courier", "sources in the regional police")),
    ("en", "Three men were deported, their cousin told reporters.", ("cousin",)),
    ("en", "The regional police have denied the report.", ()),
    ("en", "Nine men were fined, officials have said.", ("officials",)),
    # a credit in a passive "by" phrase, and descriptors around the outlet's own name
    ("en", "This was reported by the regional Telegram channel Volzhsky Vestnik.",
     ("Volzhsky Vestnik",)),
    ("en", "Eleven men were held, reported Russian opposition outlet Kama Pulse.", ("Kama Pulse",)),
    ("en", "Six workers were fined, the Kama Pulse Telegram channel said.", ("Kama Pulse",)),
    # the speaker named before an aside, not the aside
    ("en", "Dilshod Karimov, a lawyer who works with migrants in Tver, said 12 men were held.",
     ("Dilshod Karimov",)),
    ("en", "Volga Wire, another Telegram channel, said at least 15 people were taken away.",
     ("Volga Wire",)),
    # a clause with a figure is part of the story, not its source; "relatives of three" is
    ("en", "Police checked 80 people; three came away with summonses, officials said.",
     ("officials",)),
    ("en", "Relatives of three new citizens said the men were taken to the office.",
     ("Relatives of three new citizens",)),
    # a subordinator is not part of the speaker
    ("en", "As we reported on Monday, police detained 30 people.", ()),
    # a credit swept up with a clause keeps only the name before the clause
    ("en", "Officials are reported to have confirmed that all nine men were sent to the unit.",
     ("Officials",)),
    ("en", "Court papers we were able to see say that 14 men were fined.", ("Court papers",)),
    ("en", "In recent weeks there have been reports of raids on two hostels.", ()),
    # a speech verb inside quoted speech, an infinitive, an addressee not named, a pronoun
    ("en", "\"He told me the office would take my passport,\" Karim Yusupov said.",
     ("Karim Yusupov",)),
    ("en", "Four men came away with summonses to report to the enlistment office.", ()),
    ("en", "Two workers told the judge that police had beaten them.", ("Two workers",)),
    ("en", "Aziz told Kama Pulse after his release that 20 men were held.",
     ("Aziz", "Kama Pulse")),
    ("en", "The next day, he told the court, an officer threatened him with deportation.",
     ("he",)),
    ("en", "At the station, officers told the men they would be deported, a lawyer said.",
     ("lawyer",)),
    # "reports" as a plural noun: papers drawn up, reports called false
    ("en", "Administrative reports were drawn up against six migrant drivers.", ()),
    ("en", "The governor dismissed reports that migrants were sent to the front.", ()),
    ("en", "Kama Pulse reports that nine men were fined.", ("Kama Pulse",)),
    ("en", "Protocols under Article 18.8 were signed, and reports against four drivers followed.",
     ()),
    # what actors say while acting, a name with "State" in it, a negated verb: no credit
    ("en", "Guards from the FSB and the police came to the depot, saying they were looking for "
     "deserters.", ()),
    ("en", "A student of Tomsk State University was stopped at the gate, the consulate said.",
     ("consulate",)),
    ("en", "Per the charge sheet, both men got summonses in May and never reported.", ()),
    ("en", "According to the charge sheet, both men got summonses in May and never reported.",
     ("charge sheet",)),
    # a source inside a body, a speaker relayed by an outlet, material obtained by an outlet
    ("en", "According to Volga Wire's source in the regional police, 40 men were held.",
     ("Volga Wire's source in the regional police",)),
    ("en", "Twelve men were taken away, according to a driver quoted by the channel Kama Pulse.",
     ("driver", "Kama Pulse")),
    ("en", "One in ten signed up, according to court data obtained by the outlet Volga Wire and "
     "released on Monday.", ("Volga Wire",)),
    # a quotation begun in the sentence before closes here: its credit is a credit
    ("en", "All six were sent home,\" the press service of the regional police said.",
     ("press service of the regional police",)),
    # new speech verbs
    ("en", "Five of them signed contracts, the regional investigators boasted.",
     ("regional investigators",)),
    ("en", "All nine got summonses on site, informs the garrison's investigative department.",
     ("garrison's investigative department",)),
    # RU: a speech verb inside a quotation begun in the sentence before; a quoted recipient
    ("ru", "Потом пришли двое в форме и говорили: подписывай контракт», — рассказал Рустам.",
     ("Рустам",)),
    ("ru", "Задержанным предлагали контракт, рассказали «Вечернему Томску» двое рабочих.",
     ("двое рабочих",)),
    ("ru", "Как сообщили «Вестнику» в пресс-службе областного управления, проверили 80 человек.",
     ("пресс-служба областного управления",)),
    # "по его словам" names nobody: the story's source stands for it
    ("ru", "По его словам, троих увезли в военкомат.", ()),
    # the speaker among the pieces of an aside
    ("en", "The check began at dawn, when officers sealed the gates, the organiser, Ravshan "
     "Aliev, said.", ("Ravshan Aliev",)),
    ("en", "Two of the men, a driver named Sobir Nazarov among them, wrote that they were "
     "beaten.", ("Two of the men",)),
    ("en", "One of them, a driver named Sobir Nazarov, wrote that he was beaten.",
     ("Sobir Nazarov",)),
    ("en", "Akmal, 41, who has lived in Tula since 2015, says he was taken to the office.",
     ("Akmal",)),
    ("en", "An organiser of the hotline Migrant Help Line, who asked not to be named, said nine "
     "men were held.", ("organiser of the hotline Migrant Help Line",)),
    # an inverted "said" before a name, never before an object pronoun
    ("en", "\"We were held for a week,\" said Sobir, 30, a driver from Osh.", ("Sobir",)),
    ("en", "Officers took his passport, told him to sign and left.", ()),
    # "what workers say", "St." inside a name, a subject too long to be a name
    ("en", "Police have detained what drivers say were 40 men at the depot.", ("drivers",)),
    ("en", "The press service of the St. Petersburg city court told reporters that 12 men were "
     "fined.", ("press service of the St. Petersburg city court",)),
    # "declared its mobilization" is no speech; a verb inside what a speaker reports is none
    ("en", "After the governor declared a mobilization, nine men got summonses, he said.",
     ("he",)),
    ("en", "Neighbours said that at night two officers came and told the men to dress.",
     ("Neighbours",)),
    ("en", "\"He told me that I would be deported,\" Karimov said.", ("Karimov",)),
    ("en", "Then he called his wife and said he had signed.", ("he",)),
    # RU fixed turns: who learnt it, where it is said, whose words an outlet quotes
    ("ru", "Как стало известно областной прокуратуре, ночью рабочих вывезли со стройки.",
     ("областная прокуратура",)),
    ("ru", "«Проверка продолжается», — говорится в заявлении пресс-службы суда.",
     ("заявление пресс-службы суда",)),
    ("ru", "«Всех переписали», — приводит tomsk.ru слова одного из водителей.",
     ("одного из водителей", "tomsk.ru")),
    # people handed over are no source; "передаёт ТАСС" is one
    ("ru", "Троих передали военкомату района для постановки на учёт.", ()),
    ("ru", "Как передали в пресс-службе суда, задержаны 12 человек.", ("пресс-служба суда",)),
    # a quoted name before the verb; the topic before the source; a speaker before a
    # relative clause; a body in the opening place phrase
    ("ru", "Суд молчит; городской паблик «Тула сегодня» пишет, что увезли 30 человек.",
     ("Тула сегодня",)),
    ("ru", "Об этом управление сообщило в своём канале.", ("управление",)),
    ("ru", "Один из водителей, с которым поговорила редакция, рассказывает, что их били.",
     ("Один из водителей",)),
    ("ru", "В областном военкомате по Туле факт проверки подтвердили.",
     ("областной военкомат по Туле",)),
    ("ru", "Решения приняты в отношении пятерых жителей области, которые не встали на учёт, "
     "сообщили в пресс-службе УМВД.", ("пресс-служба УМВД",)),
    ("ru", "На рынке, по сообщениям местного паблика «Окраина», идут проверки.", ("Окраина",)),
    ("ru", "Об этом рассказала его сестра Дильноза.", ("сестра Дильноза",)),
    # a person named after a title keeps the name
    ("en", "Regional police chief Ivan Sorokin said 40 men had been detained.", ("Ivan Sorokin",)),
    ("en", "The head of the migration department of Tula Pavel Orlov told reporters that 9 men "
     "were fined.", ("Pavel Orlov",)),
    ("en", "The press service of the regional directorate of Rosgvardia said 30 were held.",
     ("press service of the regional directorate of Rosgvardia",)),
]


@pytest.mark.parametrize(("lang", "text", "sources"), CREDITS)
def test_attribution_credits_table(nlp: Any, lang: str, text: str,
                                   sources: tuple[str, ...]) -> None:
    (sentence,) = nlp.analyze(text, lang)
    credit = find_credit(sentence, lang)
    assert (credit.sources if credit else ()) == sources


# (language, sentence, hedged, unconfirmed, disputed, covers the sentences before it)
CUES = [
    ("ru", "Нам пишут, что в общежитии прошли обыски.", True, False, False, True),
    ("ru", "В военкомате это опровергли.", False, False, True, True),
    ("ru", "Правозащитники заявили, что задержанных били, однако в МВД это отрицают.",
     False, False, True, False),
    ("ru", "Подтвердить эти данные редакции не удалось.", False, True, False, True),
    ("en", "These reports could not be independently verified.", False, True, False, True),
    ("en", "Relatives said the men were beaten; the police denied it.",
     False, False, True, False),
    ("en", "The ministry denied that anyone had been forced to sign.", False, False, True, True),
    # reported speech without a named credit still makes the claim "reported"
    ("ru", "По его словам, в хостеле задержали около двадцати человек.",
     True, False, False, True),
    ("ru", "Как стало известно, ночью на рынке прошла проверка документов.",
     True, False, False, True),
    ("ru", "«Нас продержали в отделе до утра», — вспоминает рабочий.",
     True, False, False, True),
    ("en", "By her account, a dozen workers were put on a bus to the station.",
     True, False, False, True),
    ("en", "Earlier it was reported that forty porters were detained at the depot.",
     True, False, False, True),
    ("en", "[09:15] \"They came to the dormitory at six in the morning.\"",
     True, False, False, True),
    ("en", "Police detained twelve men at the depot on Monday.", False, False, False, True),
    ("ru", "Сообщают, что у проходной стоят два автозака.", True, False, False, True),
    ("ru", "Полицейские сообщают о задержании шести человек.", False, False, False, True),
    ("en", "The driver says he was taken to the enlistment office straight from the depot.",
     True, False, False, True),
]


@pytest.mark.parametrize(
    ("lang", "text", "hedged", "unconfirmed", "disputed", "covers"), CUES
)
def test_attribution_cues_table(nlp: Any, lang: str, text: str, hedged: bool,
                                unconfirmed: bool, disputed: bool, covers: bool) -> None:
    (sentence,) = nlp.analyze(text, lang)
    cues = find_cues(sentence, lang)
    assert (cues.hedged, cues.unconfirmed, cues.disputed, cues.covers_previous) == (
        hedged, unconfirmed, disputed, covers
    )


# (language, sentence, whether it credits the sentences before it)
BACK = [
    ("ru", "Об этом сообщает местное издание «Северный край».", True),
    ("ru", "О задержании рассказали в управлении МВД по области.", True),
    ("ru", "Эту информацию подтвердили в пресс-службе полиции.", True),
    ("ru", "Полиция сообщила о задержании 12 человек.", False),
    ("en", "This was reported by the outlet Kama Pulse.", True),
    ("en", "The regional interior ministry confirmed this.", True),
    ("en", "The ministry reported that 30 people were detained.", False),
]


@pytest.mark.parametrize(("lang", "text", "back"), BACK)
def test_credits_back(nlp: Any, lang: str, text: str, back: bool) -> None:
    from khronika.extract.backref import credits_back

    (sentence,) = nlp.analyze(text, lang)
    assert credits_back(sentence, lang) is back


def test_pronoun_credits_are_personal_back_references(nlp: Any) -> None:
    (en,) = nlp.analyze("There, he says, an officer offered him a contract.", "en")
    (ru,) = nlp.analyze("По её словам, троих увезли в военкомат.", "ru")
    (they,) = nlp.analyze("По их словам, людей держали сутки.", "ru")
    (own,) = nlp.analyze("According to her testimony, she was held for a day.", "en")
    (paper,) = nlp.analyze("According to the statement, nine were held.", "en")
    got = [find_credit(s, lang) for s, lang in
           ((en, "en"), (ru, "ru"), (they, "ru"), (own, "en"), (paper, "en"))]
    assert [(c.generic, c.personal) for c in got if c] == [
        (True, True), (True, True), (True, False), (True, True), (True, False)]


def test_back_references_and_the_outlets_own_name() -> None:
    from khronika.extract.story_sources import own_outlet, resolve_back

    story = ("regional investigative department", "Kama Wire")
    assert resolve_back("department", story) == ("regional investigative department",)
    assert resolve_back("lawyer", ("relatives and a lawyer",)) == ("lawyer",)
    assert resolve_back("channel", ("Kama Wire", "source in the police")) == ("Kama Wire",)
    assert resolve_back("ведомство", ("УМВД по области",)) == ("УМВД по области",)
    assert own_outlet("KTA", "Kama Telegraph Agency")
    assert own_outlet("VN-News", "retold from VolgaNews (VN)")
    assert not own_outlet("Fontanka", "Kama Telegraph Agency")


def test_a_figure_between_two_credits_belongs_to_neither(nlp: Any) -> None:
    text = ("В общежитии, по сообщениям паблика «Окраина», ночью проверяли всех; четверых, "
            "по словам соседей, увезли в военкомат.")
    (sentence,) = nlp.analyze(text, "ru")
    credit = find_credit(sentence, "ru")
    assert credit is not None and credit.sources == ("Окраина", "соседи")
    four = text.index("четверых")
    assert not credit.covers(four, four + len("четверых"))


def test_police_back_reference_means_a_police_body() -> None:
    from khronika.extract.story_sources import resolve_back

    assert resolve_back("полицейские", ("УМВД по Тульской области",)) == (
        "УМВД по Тульской области",)
    assert resolve_back("полиция", ("Вечерний Омск",)) is None  # names its own source


@pytest.mark.parametrize(("text", "person"), [
    ("Lawyer Olga Petrova, who defends several of the men, went to the station.",
     "Olga Petrova"),
    ("At the gate, lawyer Olga Petrova asked to see the detainees.", "Olga Petrova"),
    ("Farida, 35, was among those taken to the station.", "Farida"),
    ("Farida was among those taken to the station.", "Farida"),
    ("Police were among those at the station.", ""),
])
def test_person_named_as_subject(nlp: Any, text: str, person: str) -> None:
    from khronika.extract.persons import person_named

    (sentence,) = nlp.analyze(text, "en")
    assert person_named(sentence, "en", find_credit(sentence, "en"), []) == person
