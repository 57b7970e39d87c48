"""Query-string filters shared by the review pages and the HTTP API: one parser, one meaning."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import cast
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from khronika.model import CERTAINTIES, EVENT_TYPES, Certainty, Claim, EventType
from khronika.store.base import REVIEW_STATES, ClaimFilter, ClaimReview, ReviewState, Store

MAX_LIMIT = 1000


class FilterError(ValueError):
    """A query parameter that does not parse; the message names it."""


@dataclass(frozen=True, slots=True)
class Query:
    filters: ClaimFilter
    limit: int
    offset: int

    def page(self) -> ClaimFilter:
        # One row more than the page, to learn whether a next page exists without counting.
        return replace(self.filters, limit=self.limit + 1, offset=self.offset)


MAX_OFFSET = 2**62
MAX_TEXT = 1000

FILTER_KEYS = ("event_type", "certainty", "review_state", "date_from", "date_to", "country",
               "region", "incident_id", "doc_id")


def parse_query(params: QueryParams, *, default_limit: int) -> Query:
    event_types = _choices(params, "event_type", EVENT_TYPES)
    certainties = _choices(params, "certainty", CERTAINTIES)
    states = _choices(params, "review_state", REVIEW_STATES)
    filters = ClaimFilter(
        date_from=_date(params, "date_from"),
        date_to=_date(params, "date_to"),
        event_types=cast(tuple[EventType, ...], event_types),
        country=_text(params, "country"),
        admin1=_text(params, "region"),
        certainties=cast(tuple[Certainty, ...], certainties),
        review_states=cast(tuple[ReviewState, ...], states),
        incident_id=_text(params, "incident_id"),
        doc_id=_text(params, "doc_id"),
    )
    limit = _int(params, "limit", default_limit)
    offset = _int(params, "offset", 0)
    if not 1 <= limit <= MAX_LIMIT:
        raise FilterError(f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        # SQLite's integers are 64-bit: a larger OFFSET overflows in the driver (a 500).
        raise FilterError(f"offset must be between 0 and {MAX_OFFSET}")
    return Query(filters, limit, offset)


def filter_params(params: QueryParams) -> list[tuple[str, str]]:
    """The filter part of a query string, for links to other pages of the same selection."""
    return [(k, v) for k, v in params.multi_items() if k in FILTER_KEYS and v]


def page_url(path: str, params: QueryParams, *, offset: int, limit: int) -> str:
    return path + "?" + urlencode([*filter_params(params), ("offset", offset), ("limit", limit)])


def reviews_page(store: Store, query: Query) -> tuple[list[ClaimReview], bool]:
    """One page of claims with their review state and version, and whether more follow."""
    claims = list(store.iter_claims(query.page()))
    more = len(claims) > query.limit
    reviews = []
    for claim in claims[: query.limit]:
        review = store.get_review(claim.claim_id)
        if review is not None:
            reviews.append(review)
    return reviews, more


def claims_with_states(store: Store, filters: ClaimFilter) -> Iterator[tuple[Claim, str]]:
    """Every selected claim with its review state, streamed: one query per state."""
    states = filters.review_states or REVIEW_STATES
    for state in states:
        for claim in store.iter_claims(replace(filters, review_states=(state,))):
            yield claim, state


def _text(params: QueryParams, name: str) -> str | None:
    value = params.get(name) or None
    # PostgreSQL refuses NUL in text; checked here so the error is a 400 before any
    # streamed response has started, not an aborted 200.
    if value is not None and ("\x00" in value or len(value) > MAX_TEXT):
        raise FilterError(f"{name}: not a valid value (NUL byte or over {MAX_TEXT} characters)")
    return value


def _choices(params: QueryParams, name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    values = tuple(v for raw in params.getlist(name) for v in raw.split(",") if v)
    for value in values:
        if value not in allowed:
            raise FilterError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return values


def _date(params: QueryParams, name: str) -> date | None:
    value = params.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _int(params: QueryParams, name: str, default: int) -> int:
    value = params.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise FilterError(f"{name}: {value!r} is not a whole number") from None
