"""The data model: every type that crosses a module boundary.

Field names and enum values are the contract's words (``../shared/contract``), so code,
database columns and exports read the same. Every extracted value carries a ``span`` with
character offsets into its document's text: that is how each field stays traceable to the
sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import Literal, get_args

Lang = Literal["ru", "en"]

EventType = Literal[
    "raid",
    "detention",
    "summons",
    "escort_to_enlistment_office",
    "recruitment_pressure",
    "enlistment",
    "deportation",
    "prosecution",
    "citizenship_revocation",
]
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)

Qualifier = Literal[
    "exact", "at_least", "more_than", "about", "up_to", "less_than", "range", "several", "vague"
]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)

DatePrecision = Literal["day", "week", "month", "quarter", "year", "unknown"]
PlacePrecision = Literal["point", "city", "district", "region", "country", "unknown"]
Certainty = Literal["asserted", "reported", "unconfirmed", "disputed"]
CERTAINTIES: tuple[Certainty, ...] = get_args(Certainty)

Actor = Literal[
    "police",
    "military_commissariat",
    "military_investigators",
    "investigative_committee",
    "fsb",
    "rosgvardia",
    "migration_service",
    "court",
    "prosecutor",
    "military",
    "authorities",
    "other",
]
ACTORS: tuple[Actor, ...] = get_args(Actor)

Target = Literal[
    "migrants",
    "naturalized_citizens",
    "foreign_nationals",
    "draft_age_men",
    "women",
    "children",
    "citizens",
    "other",
]
TARGETS: tuple[Target, ...] = get_args(Target)


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, stop)`` into a document's text."""

    start: int
    stop: int
    text: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader yields before cleaning: the bytes or text of one input record."""

    source: str  # file path (or path!member for archives)
    body: str | bytes
    kind: Literal["text", "html"]
    record: str | None = None  # line number, entry id, message id … inside the source
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document: the text every offset refers to, and its metadata."""

    id: str
    text: str
    language: Lang
    source: str = ""
    record: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    encoding: str | None = None  # how the bytes were decoded, when they were bytes


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    lemma: str
    pos: str  # Universal POS tag (natasha) or "X" when unknown
    start: int
    stop: int
    feats: tuple[tuple[str, str], ...] = ()  # UD features, e.g. (("Case", "Gen"),)

    def feat(self, name: str) -> str | None:
        for key, value in self.feats:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span from NER: ``type`` is PER, LOC or ORG."""

    type: str
    start: int
    stop: int
    text: str
    normal: str = ""  # lemmatised form ("Новосибирска" → "Новосибирск") when known


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    stop: int
    text: str
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Count:
    """How many people: contract table in ``contract/README.md``."""

    min: int | None
    max: int | None
    qualifier: Qualifier
    text: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date | None
    end: date | None
    precision: DatePrecision
    text: str | None = None
    span: Span | None = None


UNKNOWN_DATE = DateRange(None, None, "unknown")


@dataclass(frozen=True, slots=True)
class Place:
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision
    text: str | None = None
    name_local: str | None = None
    geonameid: int | None = None
    admin1: str | None = None
    span: Span | None = None
    population: int = 0


UNKNOWN_PLACE = Place(None, None, None, None, "unknown")


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    doc_id: str
    claim_id: str
    event_type: EventType
    date: DateRange
    location: Place
    actors: tuple[Actor, ...]
    targets: tuple[Target, ...]
    count: Count | None
    attribution: tuple[str, ...]
    certainty: Certainty
    evidence: Evidence
    trigger: Span | None = None
    incident_id: str | None = None
    components: tuple[str, ...] = ()  # versioned ids of the stages that made this claim


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be processed, and why: stored, never silently dropped."""

    source: str
    stage: str
    code: str
    message: str
    record: str | None = None
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    incident_id: str
    claim_ids: tuple[str, ...]
    event_types: tuple[EventType, ...]
    date: DateRange
    location: Place
    count_min: int | None = None
    count_max: int | None = None
    sources: int = 0
    extra: dict[str, object] = field(default_factory=dict)


def _pickle_by_position(cls: type) -> None:
    """Pickle ``cls`` as (class, field values), rebuilt by its ``__init__``.

    Slotted dataclasses pickle through ``__getstate__``/``__setstate__`` that call
    ``dataclasses.fields`` on every object; results crossing from Dask workers to the writer
    hold dozens of these objects a document, and that call was a third of the client's
    unpickling time.
    """
    names = tuple(f.name for f in fields(cls) if f.init)
    if len(names) != len(fields(cls)):
        raise TypeError(f"{cls.__name__} has fields outside __init__")
    get = attrgetter(*names)
    single = len(names) == 1  # attrgetter of one name returns the value, not a tuple

    def reduce(self: object) -> tuple[type, tuple[object, ...]]:
        values = get(self)
        return cls, (values,) if single else values

    setattr(cls, "__reduce__", reduce)  # noqa: B010  # mypy refuses assigning to a method


for _cls in (Span, RawDocument, Document, Token, Entity, Sentence, Count, DateRange, Place,
             Evidence, Claim, Rejection, Incident):
    _pickle_by_position(_cls)
