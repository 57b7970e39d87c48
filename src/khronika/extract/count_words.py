"""Word lists the count rules share: months; words and symbols before or after a number that
make it an article, an age or money; nouns of people, of things counted as people (cases,
fines), of things, and of those who act; English stop words."""

from __future__ import annotations

RU_MONTHS = ("январ", "феврал", "март", "апрел", "мая", "май", "мае", "июн", "июл", "август",
             "сентябр", "октябр", "ноябр", "декабр")
EN_MONTHS = frozenset(
    """january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
BEFORE_NUMBER_NOT_COUNT = frozenset(
    """ст статья статьи статье статьей статьям статей ч часть части частью п пп пункт пункта
    пункте подпункт глава главы номер номера no article articles part parts paragraph
    section clause chapter item page number code aged age ages возрасте возрастом""".split()
)
SYMBOLS_NOT_COUNT = frozenset("$€£₽¥№#+%")
RU_CASE_ENDINGS = frozenset({"х", "ти", "ми", "ух", "ех", "ью", "ю", "и"})
RU_PEOPLE_LEMMAS = frozenset(
    """человек люди лицо мигрант иностранец гражданин житель рабочий мужчина женщина
    ребенок подросток задержанный выходец уроженец работник призывник""".split()
)
# Inanimate nouns whose counts coders read as people prosecuted or summoned.
RU_ALLOWED_THINGS = frozenset(
    "протокол дело штраф повестка постановление решение материал жалоба".split()
)
EN_ALLOWED_THINGS = frozenset(
    """case cases protocol protocols fine fines summons summonses decision decisions report
    reports complaint complaints""".split()
)
# Those who act, not those acted on: "two police officers came in", «пятеро полицейских»
EN_ACTORS = frozenset(
    """police policemen policeman officer officers officials agents troops guards
    investigators bailiffs commissars""".split()
)
RU_ACTORS = frozenset(
    """полицейский силовик пристав следователь росгвардеец оперативник дружинник военком
    собеседник источник""".split()
)
EN_PEOPLE = frozenset(
    """people person persons man men woman women child children kid kids boy boys girl girls
    migrant migrants foreigner foreigners national nationals citizen citizens resident
    residents native natives individual individuals detainee detainees immigrant immigrants
    refugee refugees student students conscript conscripts recruit recruits draftee draftees
    reservist reservists employee employees passenger passengers suspect suspects defendant
    defendants prisoner prisoners inmate inmates convict convicts volunteer volunteers
    soldier soldiers servicemen serviceman guest guests adult adults minor minors teenager
    teenagers youths relatives family families uzbeks tajiks kyrgyz kazakhs turkmens afghans
    azerbaijanis armenians georgians ukrainians chinese vietnamese others guy guys lads
    fellows colleague colleagues friend friends neighbour neighbours brother brothers
    son sons""".split()
)
PEOPLE_WORDS_EN = EN_PEOPLE  # nouns that count people, for the claims' count assignment
EN_AGENT_SUFFIXES = ("ers", "ees", "ists", "ians", "ors")
EN_NOT_AGENTS = frozenset(
    """papers numbers containers centers centres computers letters orders borders matters
    headquarters quarters towers posters flyers stickers layers chambers corners waters
    powers meters metres liters litres kilometers kilometres trailers registers filters
    shelters folders chapters floors doors tractors motors sectors corridors vectors errors
    factors monitors elevators generators""".split()
)
EN_THINGS = EN_MONTHS | frozenset(
    """year years month months week weeks day days hour hours minute minutes second seconds
    night nights am pm o'clock percent per cent ruble rubles rouble roubles dollar dollars
    euro euros usd rub pounds yuan tenge som somoni kg kilograms grams tonnes tons km
    kilometres kilometers metres meters miles litres liters hectares degrees times""".split()
)
EN_STOP = frozenset(
    """were was are is be been being have has had will would could can may might must should
    shall do did does of who whom whose that which what from in on at to for with by and or
    but nor the a an as after before during since while when where than then out into onto
    among including under over about around across through per via against without within
    near behind between also still now already reportedly allegedly later it they he she we
    this these those their its there here not""".split()
)
EN_VERBS = frozenset(
    """face faces remain got left fled took sent went came told said signed agreed refused
    received paid stayed held kept ran managed tried escaped""".split()
)
EN_BARE_MODIFIERS = frozenset("more other others further additional extra new".split())
EN_OF_PEOPLE = frozenset("them those these us whom you".split())

ONE_PRONOUNS = frozenset("he she him her он она его её ее".split())
