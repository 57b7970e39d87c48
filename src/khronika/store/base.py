"""The narrow storage interface: a ``Store`` Protocol and the small types it speaks.

Nothing outside ``khronika.store`` writes SQL; everything else sees these methods and
``khronika.model`` types. One implementation (``SqlStore``) serves SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, Protocol, get_args

from khronika.model import Certainty, Claim, Document, EventType, Rejection

ReviewState = Literal["unreviewed", "accepted", "rejected", "edited"]
REVIEW_STATES: tuple[ReviewState, ...] = get_args(ReviewState)

Role = Literal["admin", "reviewer", "viewer"]
ROLES: tuple[Role, ...] = get_args(Role)

# Claim fields a reviewer may change, by their contract names; values use the contract's
# JSON shapes (``{"min": 3, "max": 3, "qualifier": "exact"}`` for ``count``, …).
REVIEWABLE_FIELDS: tuple[str, ...] = (
    "event_type",
    "date",
    "location",
    "actors",
    "targets",
    "count",
    "attribution",
    "certainty",
    "incident_id",
)


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims ``iter_claims`` yields; empty tuples and ``None`` mean "any".

    The date range selects claims whose own date range overlaps ``[date_from, date_to]``;
    claims with an unknown date are left out whenever either bound is given.
    """

    date_from: date | None = None
    date_to: date | None = None
    event_types: tuple[EventType, ...] = ()
    country: str | None = None
    admin1: str | None = None
    certainties: tuple[Certainty, ...] = ()
    review_states: tuple[ReviewState, ...] = ()
    incident_id: str | None = None
    doc_id: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StoreCounts:
    documents: int
    claims: int
    rejections: int
    incidents: int  # distinct incident ids among claims


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One changed field of one review: who changed what, when, from which value to which."""

    claim_id: str
    version: int  # the claim version this change produced
    user: str
    at: datetime  # UTC, timezone-aware
    field: str
    old: object  # contract JSON values (None, str, list, dict …)
    new: object


@dataclass(frozen=True, slots=True)
class ClaimReview:
    """A claim as it stands now, what the pipeline extracted, and its review state."""

    claim: Claim  # with the reviewers' changes applied
    original: Claim  # as extracted
    review_state: ReviewState
    version: int  # pass as ``expected_version`` to the next ``save_review``


@dataclass(frozen=True, slots=True)
class ExportRow:
    """A claim as an export reads it, with what the store and its document add.

    ``claim`` is the claim as reviewed, decoded from its JSON column but not turned into a
    ``Claim``: the contract's JSON shape plus the stored offsets (``codec.claim_to_full_dict``),
    with ``incident_id`` from its column. Decoding to ``Claim`` costs about five times the
    JSON parse, and an export only reads fields back out; ``to_claim()`` gives the dataclass
    when a caller does need it. The dict is the caller's to change.

    ``document`` is only read when asked for (``with_documents=True``); consecutive claims of one
    document share one ``Document`` object.
    """

    claim: dict[str, Any]
    review_state: ReviewState
    outlet: str | None  # the document's
    url: str | None
    published: date | None
    document: Document | None = None
    number: int = 0  # the claim's row number in the store: stable, never reused

    @property
    def doc_id(self) -> str:
        return str(self.claim["doc_id"])

    def to_claim(self) -> Claim:
        from khronika.store.codec import claim_from_full_dict

        return claim_from_full_dict(self.claim)


@dataclass(frozen=True, slots=True)
class User:
    username: str
    role: Role
    password_hash: str  # argon2id, made by the caller: the store keeps strings only
    created_at: datetime
    last_login: datetime | None = None


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """An API token as listed: never the token, only the first characters of its hash."""

    token_id: str
    username: str
    label: str
    created_at: datetime
    expires_at: datetime | None
    read_only: bool


@dataclass(frozen=True, slots=True)
class TokenAccess:
    user: User
    read_only: bool


@dataclass(frozen=True, slots=True)
class StoredSession:
    username: str
    csrf: str
    created_at: datetime
    seen_at: datetime
    expires_at: datetime


class Store(Protocol):
    def save_document(self, doc: Document, claims: Sequence[Claim]) -> bool: ...

    def save_documents(
        self, items: Sequence[tuple[Document, Sequence[Claim]]]
    ) -> list[bool]: ...

    def save_rejection(self, rejection: Rejection) -> None: ...

    def has_document(self, doc_id: str) -> bool: ...

    def get_document(self, doc_id: str) -> Document | None: ...

    def iter_claims(self, filters: ClaimFilter | None = None) -> Iterator[Claim]: ...

    def iter_export_rows(
        self,
        filters: ClaimFilter | None = None,
        batch_size: int = ...,
        *,
        with_documents: bool = False,
    ) -> Iterator[ExportRow]:
        """Claims with review state and document fields, in stored order, from one query
        streamed ``batch_size`` rows at a time (a server-side cursor on PostgreSQL);
        ``with_documents`` adds each claim's whole ``Document`` (text included)."""
        ...

    def get_claim(self, claim_id: str) -> Claim | None: ...

    def get_review(self, claim_id: str) -> ClaimReview | None: ...

    def count(self) -> StoreCounts: ...

    def iter_rejections(self) -> Iterator[Rejection]: ...

    def set_incident_ids(self, mapping: Mapping[str, str]) -> None: ...

    def save_review(
        self, claim_id: str, user: str, changes: Mapping[str, object], expected_version: int
    ) -> int: ...

    def audit_log(self, claim_id: str) -> list[AuditEntry]: ...

    def add_user(self, username: str, role: Role, password_hash: str) -> None: ...

    def get_user(self, username: str) -> User | None: ...

    def list_users(self) -> list[User]: ...

    def delete_user(self, username: str) -> None: ...

    def set_password(self, username: str, password_hash: str) -> None: ...

    def set_role(self, username: str, role: Role) -> None: ...

    def record_login(self, username: str) -> None: ...

    def add_token(
        self, username: str, token_hash: str, *, label: str = "",
        expires_at: datetime | None = None, read_only: bool = False,
    ) -> None: ...

    def user_for_token(self, token_hash: str) -> User | None: ...

    def token_access(self, token_hash: str) -> TokenAccess | None: ...

    def list_tokens(self, username: str | None = None) -> list[TokenInfo]: ...

    def revoke_token(self, token_id: str) -> None: ...

    def create_session(
        self, id_hash: str, username: str, csrf: str, *, expires_at: datetime
    ) -> None: ...

    def get_session(self, id_hash: str) -> StoredSession | None: ...

    def touch_session(self, id_hash: str) -> None: ...

    def delete_session(self, id_hash: str) -> None: ...

    def delete_sessions(self, username: str) -> int: ...

    def schema_version(self) -> int: ...

    def integrity_check(self) -> list[str]: ...

    def close(self) -> None: ...
