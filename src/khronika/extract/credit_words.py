"""Words the credit readers share: speech verbs, quotation marks and stops, possessives, and
the English words that open a clause or a sentence without naming anyone."""

from __future__ import annotations

RU_SPEECH = frozenset(
    """сообщить сообщать рассказать рассказывать заявить заявлять написать писать передать
    передавать утверждать подтвердить подтверждать отметить пояснить добавить указать сказать
    говорить уточнить сообщаться прислать отчитаться отчитываться""".split()
)
EN_SPEECH = frozenset(
    """say report tell write add state announce claim confirm allege told said note boast
    declare inform specify stress""".split()
)
ARTICLES = frozenset("the a an".split())
OPEN_QUOTES = frozenset("«“")
CLOSE_QUOTES = frozenset("»”")
EN_OWN = frozenset("our we us".split())
POSSESSIVE = frozenset("их его её ее мой наш свой his her their its our my".split())
STOP = frozenset(',.;:!?()—–"«»“”')

EN_DETERMINERS = frozenset("the these those this such a an".split())
EN_SUBORDINATORS = frozenset(
    "when as while after before and but so then since because if though although".split()
)

# capitalised words that open English sentences without naming anyone
EN_OPENERS = frozenset(
    """the a an in on at by for from with without of to after before during when while since
    until as if but and or so yet however also then there here this that these those it its he
    she they we i you his her their our my some most many several all both each every few no
    none one two three four five six seven eight nine ten police officers workers migrants men
    women people relatives lawyers authorities officials according meanwhile earlier later
    last next today yesterday what who how why where local regional federal""".split()
)
