"""Whether capitalised words the gazetteer knows are a place here: named veto rules, applied
in order, then the evidence a place needs.

A gazetteer of 150,000 towns matches many words that are not places in context: a person
("Sergei Kirov"), a street ("улица Ленина"), a title ("Эхо Москвы", "Moscow Times"), a
common word opening a sentence ("Тема", "Police"). Each rule below names one such reading
and says why; ``tests/test_geocode_vetoes.py`` shows each vetoing and not vetoing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from khronika.geocode.gazetteer import NEAR_COUNTRIES, Entry
from khronika.geocode.names import is_cyrillic, name_key
from khronika.model import Entity, Lang, Sentence, Token

BIG_CITY = 100_000  # cities this large are rarely a capitalised common word mid-sentence

LOCATIVE = {
    "ru": frozenset(
        "в во на под из изо около возле близ у до от через по под над между к ко "
        "г город города городе".split()
    ),
    "en": frozenset(
        "in near at from to outside into across around throughout inside of via "
        "city town village".split()
    ),
}
STREET = frozenset(
    """улица ул проспект пр переулок пер площадь бульвар шоссе проезд набережная тупик имени
    им станция метро аллея street st avenue ave road rd prospekt prospect square lane
    boulevard highway embankment alley""".split()
)
# Words that, capitalised right after a place name, make it part of a title or institution.
TITLE_NEXT = frozenset(
    """times gazeta gazette post news herald tribune journal review daily echo radio tv
    university institute academy federal state bank club fc dynamo spartak express telegraph
    mail today insider monitor observer weekly""".split()
)
# Capitalised words that may follow a town without making it part of another name.
ALLOWED_NEXT = frozenset(
    """oblast region krai republic district city police court mayor governor prosecutor
    military regional and""".split()
)
TITLE_PREV = frozenset("novaya radio echo эхо новая".split())
QUOTES = frozenset("«\"“„'‘")
CLOSING_QUOTES = frozenset("»\"”“'’")
# Capitalised words before a name that do not make it a person's name.
NAME_PREFIXES = frozenset(
    """north south east west northern southern eastern western central greater upper lower
    new old the in of near from russia russian""".split()
)
# English words that are also towns: a preposition must introduce them.
COMMON_WORDS = frozenset(
    """police mobile reading split bath orange nice union independence liberty victory
    progress march may august mir bor""".split()
)


@dataclass(frozen=True)
class Candidate:
    """Tokens ``[first, last)`` of a sentence that the gazetteer reads as ``best`` (its
    likeliest entry); ``common_russian`` tells whether a word is a known common word."""

    sentence: Sentence
    first: int
    last: int
    best: Entry
    lang: Lang
    common_russian: Callable[[str], bool] = field(default=lambda word: False, compare=False)

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    @property
    def span(self) -> tuple[Token, ...]:
        return self.tokens[self.first : self.last]

    @property
    def start(self) -> int:
        return self.span[0].start

    @property
    def stop(self) -> int:
        return self.span[-1].stop

    @property
    def before(self) -> Token | None:
        return self.tokens[self.first - 1] if self.first > 0 else None

    @property
    def after(self) -> Token | None:
        return self.tokens[self.last] if self.last < len(self.tokens) else None

    @property
    def overlaps(self) -> list[Entity]:
        return [e for e in self.sentence.entities if e.start < self.stop and self.start < e.stop]

    @property
    def in_loc(self) -> bool:
        """NER saw a location here."""
        return any(e.type == "LOC" for e in self.overlaps)

    @property
    def prep(self) -> bool:
        """A locative word ("в", "near", "город") right before the name."""
        return self.before is not None and self.before.text.lower() in LOCATIVE[self.lang]

    @property
    def initial(self) -> bool:
        """The name opens the sentence (nothing but punctuation before it)."""
        return all(not t.text[:1].isalnum() for t in self.tokens[: self.first])

    @property
    def words(self) -> int:
        return sum(1 for t in self.span if t.text[:1].isalpha())

    @property
    def admin(self) -> bool:
        return self.best.precision in ("country", "region")

    @property
    def common(self) -> bool:
        """One English common word that is also a town ("Police", "Nice")."""
        return name_key(self.span[0].text) in COMMON_WORDS and self.words == 1

    @property
    def latin(self) -> bool:
        return not is_cyrillic(self.span[0].text)


@dataclass(frozen=True)
class Veto:
    """A reading of the words that is not a place; ``applies`` says whether it holds."""

    name: str
    applies: Callable[[Candidate], bool]


def _person(c: Candidate) -> bool:
    """NER tagged a person over the words: "Владимир", "Lincoln"."""
    return any(e.type == "PER" for e in c.overlaps)


def _street_before(c: Candidate) -> bool:
    """"улица Ленина", "проспект Мира": a street named after the place or person."""
    return c.before is not None and c.before.lemma in STREET


def _quoted_title(c: Candidate) -> bool:
    """«Москва», «Москва-Сити»: a quoted name is a title (a newspaper, a tower, a film)."""
    return c.before is not None and c.before.text in QUOTES and _quote_closes(c.tokens, c.last)


def _street_after(c: Candidate) -> bool:
    """"Tverskaya Street", "Ленинский проспект"."""
    return c.after is not None and c.after.lemma.lower() in STREET


def _title_after(c: Candidate) -> bool:
    """"Moscow Times", "Kazan University": a capitalised title word follows."""
    return (
        c.after is not None
        and c.after.text[:1].isupper()
        and c.after.text.lower() in TITLE_NEXT
    )


def _title_before(c: Candidate) -> bool:
    """"Novaya Gazeta", "Эхо Москвы": a title word precedes."""
    return c.before is not None and c.before.text.lower() in TITLE_PREV


def _piece_of_longer_name(c: Candidate) -> bool:
    """A town inside a longer name NER saw whole: "Средней Азии" is not the town Sredny."""
    return c.best.precision == "city" and any(
        e.type == "LOC" and _extends(c.tokens, e.start, e.stop, c.start, c.stop)
        for e in c.overlaps
    )


def _en_capitalised_next(c: Candidate) -> bool:
    """In English a capitalised word after a town makes a longer name: "Central Asian",
    "Kazan Federal University"; but "Krasnoyarsk's Sovetsky" and "Tver police" do not."""
    after = c.after
    return (
        c.lang == "en"
        and after is not None
        and after.text[:1].isupper()
        and after.text.isalpha()
        and after.text.lower() not in ALLOWED_NEXT
        and c.best.precision == "city"
        and not c.span[-1].text.lower().endswith(("'s", "’s"))
    )


def _organisation(c: Candidate) -> bool:
    """A town inside an organisation's name: "Эхо Москвы", "Спартак Москва"; but "ГУ МВД по
    Москве" names the town with a preposition."""
    org = any(e.type == "ORG" and e.start <= c.start and c.stop <= e.stop for e in c.overlaps)
    return org and c.best.precision == "city" and not c.prep


def _en_first_name_before(c: Candidate) -> bool:
    """A capitalised word before a one-word town reads as a first name: "Vasily Zhukovsky",
    "Sergei Kirov" (English text has no person NER to tell us)."""
    if c.lang != "en" or c.last - c.first != 1 or c.first == 0:
        return False
    before = c.tokens[c.first - 1].text
    if not (before[:1].isupper() and before.isalpha()) or before.lower() in NAME_PREFIXES:
        return False
    return not all(not t.text[:1].isalnum() for t in c.tokens[: c.first - 1])


def _common_word_unintroduced(c: Candidate) -> bool:
    """An English common word that is also a town ("Police", "Nice") is a place only after
    a preposition, and not at the start of a sentence."""
    return c.common and not (c.prep and not c.initial)


def _ru_latin_without_ner(c: Candidate) -> bool:
    """A Latin word in Russian text ("IPO", "PART Awards") is a foreign town only when NER
    saw a location there, or it names a country or region."""
    return c.lang == "ru" and c.latin and not c.common and not c.admin and not c.in_loc


def _ru_latin_title(c: Candidate) -> bool:
    """A Latin name in Russian text beside another capitalised Latin word is part of a
    foreign title: "TNS Russia", "France Soir", "U.S. Customs"."""
    if c.lang != "ru" or not c.latin or c.common:
        return False
    near = []
    if c.first > 0:
        near.append(c.tokens[c.first - 1].text)
    if c.last < len(c.tokens):
        after = c.tokens[c.last].text
        if after == "." and c.last + 1 < len(c.tokens):  # "U.S. Customs"
            after = c.tokens[c.last + 1].text
        near.append(after)
    return any(w[:1].isupper() and w.isalpha() and not is_cyrillic(w) for w in near)


def _ru_common_word_opening(c: Candidate) -> bool:
    """A Russian common word opening a sentence ("Тема", "Могу", "Киты") that is also a
    small town abroad: not a place unless NER or the gazetteer's tier says so."""
    return (
        c.initial
        and c.lang == "ru"
        and c.words == 1
        and not c.in_loc
        and not c.admin
        and c.best.country not in NEAR_COUNTRIES
        and c.common_russian(c.span[0].text)
    )


def _ru_adjective_of_a_noun(c: Candidate) -> bool:
    """ "в Приволжском линейном управлении", "Октябрьскому районному суду": an adjective
    agreeing with the words after it names a body or a district, not the town it looks
    like; «в Октябрьском полиция задержала …» (no agreement) stays."""
    if c.lang != "ru" or c.words != 1 or c.span[0].pos != "ADJ" or c.admin or c.after is None:
        return False
    word, after = c.span[0], c.after
    if not after.text[:1].isalpha() or not after.text[:1].islower():
        return False
    if after.pos not in ("NOUN", "ADJ"):
        return False
    return all(
        word.feat(f) == after.feat(f) or None in (word.feat(f), after.feat(f))
        for f in ("Case", "Number", "Gender")
    ) and word.feat("Case") is not None


_DISTRICT_NOUNS = frozenset("district raion okrug".split())
_ADJECTIVE_ENDS = ("sky", "skiy", "skii", "skoy", "skaya", "skoye", "skoe", "tsky", "tskiy")


def _en_district_name(c: Candidate) -> bool:
    """ "in the Oktyabrsky district": a district named by a Russian adjective, which a town
    far away may share as its own name, is a part of the story's town."""
    return (
        c.lang == "en"
        and c.words == 1
        and not c.admin
        and c.after is not None
        and c.after.text.lower() in _DISTRICT_NOUNS
        and c.span[0].text.lower().endswith(_ADJECTIVE_ENDS)
    )


_MONTHS = frozenset(
    """january february march april may june july august september october november
    december""".split()
)


def _en_month(c: Candidate) -> bool:
    """ "in March", "since May 2024": a month, not the town of that name."""
    return c.lang == "en" and c.words == 1 and not c.admin \
        and c.span[0].text.lower() in _MONTHS


_AIRPORT = frozenset("аэропорт airport".split())


def _airport_name(c: Candidate) -> bool:
    """ "аэропорт Рощино", "Vnukovo airport": an airport named after a village is at the
    town it serves, which the story names; a big town's own name stays («аэропорт
    Домодедово» is in Domodedovo)."""
    beside = [t for t in (c.before, c.after) if t is not None]
    return (
        any(t.lemma.lower() in _AIRPORT or t.text.lower() in _AIRPORT for t in beside)
        and not c.admin
        and c.best.population < BIG_CITY
    )


def _ru_feminine_street(c: Candidate) -> bool:
    """ "возле Сенной", "на Садовой": a street or square named by its adjective alone, which
    NER reads as a feminine name («Сенная») while the gazetteer matched a town of another
    form (Sennoy); a town of that very form («в Каневской») stays."""
    if c.lang != "ru" or c.words != 1 or c.span[0].pos != "ADJ" or c.admin:
        return False
    normals = [name_key(e.normal) for e in c.overlaps if e.type == "LOC"]
    own = name_key(c.best.name_local or "")
    return any(n.endswith(("ая", "яя")) and n != own for n in normals)


VETOES: tuple[Veto, ...] = (
    Veto("person", _person),
    Veto("street before", _street_before),
    Veto("quoted title", _quoted_title),
    Veto("street after", _street_after),
    Veto("title word after", _title_after),
    Veto("title word before", _title_before),
    Veto("piece of a longer name", _piece_of_longer_name),
    Veto("capitalised word after (English)", _en_capitalised_next),
    Veto("organisation", _organisation),
    Veto("first name before (English)", _en_first_name_before),
    Veto("common word without a preposition", _common_word_unintroduced),
    Veto("Latin word without NER (Russian)", _ru_latin_without_ner),
    Veto("Latin title (Russian)", _ru_latin_title),
    Veto("common word opening a sentence (Russian)", _ru_common_word_opening),
    Veto("street by its adjective (Russian)", _ru_feminine_street),
    Veto("airport named after a village", _airport_name),
    Veto("adjective of a noun phrase (Russian)", _ru_adjective_of_a_noun),
    Veto("district named by an adjective (English)", _en_district_name),
    Veto("month (English)", _en_month),
)


def veto(candidate: Candidate) -> Veto | None:
    """The first rule that says these words are not a place here, if any."""
    return next((v for v in VETOES if v.applies(candidate)), None)


def has_evidence(c: Candidate) -> bool:
    """What a name no rule vetoed still needs: NER's location, an administrative unit, more
    than one word, a big city, (not at the start of a sentence) a locative word, or the
    dateline that opens a report ("CHEKHOV, Moscow region —", «ЧЕХОВ, 14 марта.»)."""
    return c.in_loc or c.admin or c.words > 1 or c.best.population >= BIG_CITY or (
        c.prep and not c.initial
    ) or _dateline(c)


# words that follow "Town, " in a dateline: its region, or the day of the report
_DATELINE_NEXT = frozenset(
    """region oblast krai republic russia область край республика россия""".split()
)


def _dateline(c: Candidate) -> bool:
    """The name opens the sentence, followed by a comma and a region, a date or (written in
    capitals) anything: a wire report's dateline."""
    if not c.initial or c.after is None or c.after.text != ",":
        return False
    if all(t.text.isupper() and len(t.text) >= 3 for t in c.span if t.text[:1].isalpha()):
        return True
    rest = c.tokens[c.last + 1 : c.last + 4]
    return any(
        t.text.lower() in _DATELINE_NEXT or t.lemma.lower() in _DATELINE_NEXT or t.pos == "NUM"
        or t.text[:1].isdigit()
        for t in rest
    )


def plausible(c: Candidate) -> bool:
    """Whether the words are a place in this sentence."""
    return veto(c) is None and has_evidence(c)


def _quote_closes(tokens: tuple[Token, ...], last: int) -> bool:
    """Whether a quote closes within two tokens of the name, so the name is a quoted title.
    A quote that opens reported speech («Россия никогда не...») or closes an earlier quoted
    word ("агрессия" РФ) runs on or lies behind."""
    return any(t.text in CLOSING_QUOTES for t in tokens[last : last + 2])


def _extends(tokens: tuple[Token, ...], e_start: int, e_stop: int, start: int, stop: int) -> bool:
    """Whether an entity holds words outside the match other than prepositions (natasha tags
    "Во Владимире" whole)."""
    return any(
        t.text[:1].isalpha() and t.text.lower() not in LOCATIVE["ru"]
        for t in tokens
        if e_start <= t.start and t.stop <= e_stop and (t.stop <= start or t.start >= stop)
    )
