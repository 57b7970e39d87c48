"""The Store contract, run unchanged on SQLite (a tmp_path file) and PostgreSQL.

PostgreSQL comes from ``KHRONIKA_TEST_PG`` or ``scripts/pg start``'s default URL; every test
gets a fresh schema in it (dropped afterwards). When the server is unreachable the postgres
tests fail — they never skip.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khronika.errors import SchemaTooNew, StoreError
from khronika.model import (
    ACTORS,
    CERTAINTIES,
    EVENT_TYPES,
    QUALIFIERS,
    TARGETS,
    Claim,
    Count,
    DateRange,
    Document,
    Evidence,
    Place,
    Rejection,
    Span,
)
from khronika.store import (
    LATEST_VERSION,
    ClaimFilter,
    ConflictError,
    NotFoundError,
    SqlStore,
    codec,
    open_store,
)
from khronika.store.postgres import normalise_postgres_url
from khronika.store.schema import metadata

from .conftest import PG_URL, PgSchemas

# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_schemas() -> Iterator[PgSchemas]:
    engine = sa.create_engine(normalise_postgres_url(PG_URL))
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_URL} (run scripts/pg start, or set "
            f"KHRONIKA_TEST_PG): {exc.orig}"
        )
    schemas = PgSchemas(engine, "kt")
    yield schemas
    schemas.drop_all()
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "khronika.db")
    schemas: PgSchemas = request.getfixturevalue("pg_schemas")
    return schemas.new_url()


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def raw(store_url: str) -> Iterator[sa.Engine]:
    """A plain engine on the same database, for what the Store API must not allow."""
    if "://" in store_url:
        engine = sa.create_engine(normalise_postgres_url(store_url))
    else:
        engine = sa.create_engine(f"sqlite:///{store_url}")
    yield engine
    engine.dispose()


# -- builders ------------------------------------------------------------------------------


def make_doc(doc_id: str, text: str = "В Москве задержали 31 мигранта.") -> Document:
    return Document(doc_id, text, "ru", source="test.jsonl", published=date(2024, 1, 2))


def make_claim(doc_id: str, claim_id: str, **changes: Any) -> Claim:
    claim = Claim(
        doc_id=doc_id,
        claim_id=claim_id,
        event_type="detention",
        date=DateRange(date(2023, 12, 31), date(2024, 1, 1), "day", "31 декабря и 1 января"),
        location=Place("Moscow", "RU", 55.7558, 37.6173, "city", "в Москве", "Москва", 524901,
                       "Moscow"),
        actors=("police",),
        targets=("migrants",),
        count=Count(31, 31, "exact", "31 мигранта", Span(19, 30, "31 мигранта")),
        attribution=("Fontanka",),
        certainty="reported",
        evidence=Evidence("В Москве задержали 31 мигранта.", 0, 31),
        trigger=Span(9, 18, "задержали"),
        components=("khronika.events.v1", "khronika.counts.v1"),
    )
    return replace(claim, **changes)


def save(store: SqlStore, doc_id: str, n: int, **changes: Any) -> list[Claim]:
    claims = [make_claim(doc_id, f"{doc_id}-c{i}", **changes) for i in range(n)]
    assert store.save_document(make_doc(doc_id), claims)
    return claims


# -- round trip ----------------------------------------------------------------------------

_text = st.one_of(
    st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВЁ«»—,.0123456789", max_size=40),
    # Any character but lone surrogates (no decoded text has them); includes NUL, which
    # PostgreSQL text columns cannot hold raw.
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20),
)
_opt_text = st.none() | _text
_span = st.builds(Span, st.integers(0, 10**6), st.integers(0, 10**6), _text)
_coord = st.none() | st.floats(-180, 180, allow_nan=False)
_place = st.builds(
    Place,
    name=_opt_text,
    country=st.none() | st.sampled_from(["RU", "KG", "UZ", "TJ"]),
    lat=_coord,
    lon=_coord,
    precision=st.sampled_from(["point", "city", "district", "region", "country", "unknown"]),
    text=_opt_text,
    name_local=_opt_text,
    geonameid=st.none() | st.integers(1, 2**31),
    admin1=_opt_text,
    span=st.none() | _span,
    population=st.integers(0, 2 * 10**7),
)
_dates = st.builds(
    DateRange,
    st.none() | st.dates(),
    st.none() | st.dates(),
    st.sampled_from(["day", "week", "month", "quarter", "year", "unknown"]),
    _opt_text,
    st.none() | _span,
)
_count = st.builds(
    Count,
    st.none() | st.integers(0, 10**9),
    st.none() | st.integers(0, 10**9),
    st.sampled_from(QUALIFIERS),
    _opt_text,
    st.none() | _span,
)
_claim = st.builds(
    Claim,
    doc_id=st.just(""),
    claim_id=st.just(""),
    event_type=st.sampled_from(EVENT_TYPES),
    date=_dates,
    location=_place,
    actors=st.lists(st.sampled_from(ACTORS), max_size=3).map(tuple),
    targets=st.lists(st.sampled_from(TARGETS), max_size=3).map(tuple),
    count=st.none() | _count,
    attribution=st.lists(_text, max_size=3).map(tuple),
    certainty=st.sampled_from(CERTAINTIES),
    evidence=st.builds(Evidence, _text, st.integers(0, 10**6), st.integers(0, 10**6)),
    trigger=st.none() | _span,
    incident_id=st.none() | st.text(alphabet="0123456789abcdef", min_size=1, max_size=16),
    components=st.lists(st.sampled_from(["khronika.events.v1", "khronika.counts.v2"]),
                        max_size=2).map(tuple),
)
_doc = st.builds(
    Document,
    id=st.just(""),
    text=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200),
    language=st.sampled_from(["ru", "en"]),
    source=_text,
    record=_opt_text,
    url=_opt_text,
    outlet=_opt_text,
    title=_opt_text,
    published=st.none() | st.dates(),
    encoding=st.none() | st.sampled_from(["utf-8", "windows-1251", "koi8-r"]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=_doc, claims=st.lists(_claim, max_size=4))
def test_store_save_then_get_returns_equal_claims(
    store: SqlStore, doc: Document, claims: list[Claim]
) -> None:
    doc_id = uuid.uuid4().hex  # the store is shared by all examples of one test
    doc = replace(doc, id=doc_id)
    claims = [replace(c, doc_id=doc_id, claim_id=f"{doc_id}-{i}") for i, c in enumerate(claims)]
    assert store.save_document(doc, claims)
    assert store.get_document(doc_id) == doc
    assert [store.get_claim(c.claim_id) for c in claims] == claims
    assert list(store.iter_claims(ClaimFilter(doc_id=doc_id))) == claims


def test_store_get_missing_returns_none(store: SqlStore) -> None:
    assert store.get_claim("nope") is None
    assert store.get_review("nope") is None
    assert store.get_document("nope") is None
    assert not store.has_document("nope")


# -- idempotence and atomicity -------------------------------------------------------------


def test_store_same_document_twice_adds_nothing(store: SqlStore) -> None:
    claims = save(store, "doc-a", 3)
    before = store.count()
    again = [make_claim("doc-a", f"other-{i}") for i in range(5)]
    assert store.save_document(make_doc("doc-a", "другой текст"), again) is False
    assert store.count() == before
    assert store.get_document("doc-a") == make_doc("doc-a")
    assert list(store.iter_claims()) == claims


def test_store_failure_mid_transaction_leaves_nothing(store: SqlStore) -> None:
    save(store, "doc-a", 2)
    before = store.count()
    # The document row and the first claim are written before the second claim collides
    # with doc-a's claim: the whole document must roll back.
    clash = [make_claim("doc-b", "doc-b-c0"), make_claim("doc-b", "doc-a-c1")]
    with pytest.raises(StoreError, match="doc-b"):
        store.save_document(make_doc("doc-b"), clash)
    assert not store.has_document("doc-b")
    assert store.get_claim("doc-b-c0") is None
    assert store.count() == before
    # … and the same document saves cleanly afterwards.
    assert store.save_document(make_doc("doc-b"), [make_claim("doc-b", "doc-b-c0")])


def test_store_many_documents_in_one_transaction(store: SqlStore) -> None:
    save(store, "doc-a", 1)
    items = [
        (make_doc("doc-c"), [make_claim("doc-c", "doc-c-c0")]),
        (make_doc("doc-a", "другой текст"), [make_claim("doc-a", "doc-a-x")]),  # stored before
        (make_doc("doc-d"), []),
        (make_doc("doc-c"), [make_claim("doc-c", "doc-c-again")]),  # twice in one batch
    ]
    assert store.save_documents(items) == [True, False, True, False]
    assert store.get_claim("doc-c-c0") is not None
    assert store.get_claim("doc-a-x") is None and store.get_claim("doc-c-again") is None
    assert store.has_document("doc-d")
    assert store.save_documents([]) == []


def test_store_many_documents_fail_together(store: SqlStore) -> None:
    save(store, "doc-a", 2)
    before = store.count()
    items = [
        (make_doc("doc-e"), [make_claim("doc-e", "doc-e-c0")]),
        (make_doc("doc-f"), [make_claim("doc-f", "doc-a-c1")]),  # collides with doc-a's claim
    ]
    with pytest.raises(StoreError, match="doc-e and 1 more"):
        store.save_documents(items)
    assert not store.has_document("doc-e") and not store.has_document("doc-f")
    assert store.count() == before


def test_store_rejects_claims_of_another_document(store: SqlStore) -> None:
    with pytest.raises(StoreError, match="belongs to document"):
        store.save_document(make_doc("doc-a"), [make_claim("doc-x", "c")])
    assert store.count().documents == 0


def test_store_rejections_are_idempotent(store: SqlStore) -> None:
    rejections = [
        Rejection("feed.jsonl", "decode", "K101", "не удалось декодировать", record="7"),
        Rejection("feed.jsonl", "decode", "K101", "same key, other message", record="7"),
        Rejection("feed.jsonl", "read", "K105", "empty", record="7"),
        Rejection("page.html", "clean", "K104", "not HTML"),
        Rejection("page.html", "clean", "K104", "not HTML"),
    ]
    for rejection in rejections:
        store.save_rejection(rejection)
    assert store.count().rejections == 3
    assert list(store.iter_rejections()) == [rejections[0], rejections[2], rejections[3]]


def test_store_sigkill_while_saving_leaves_whole_documents(store_url: str) -> None:
    writer = textwrap.dedent(
        f"""
        import sys
        sys.path[:0] = {sys.path!r}
        from tests.test_store_contract import make_claim, make_doc
        from khronika.store import open_store
        store = open_store({store_url!r})
        print("ready", flush=True)
        for i in range(100000):
            doc_id = f"d{{i}}"
            store.save_document(make_doc(doc_id), [make_claim(doc_id, f"{{doc_id}}-{{k}}")
                                                   for k in range(i % 7 + 1)])
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", writer], stdout=subprocess.PIPE, cwd=Path(__file__).parents[1]
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"ready"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = open_store(store_url)
    try:
        assert store.integrity_check() == []
        counts = store.count()
        assert counts.documents > 5
        per_doc: dict[str, int] = {}
        for claim in store.iter_claims():
            per_doc[claim.doc_id] = per_doc.get(claim.doc_id, 0) + 1
        assert len(per_doc) == counts.documents
        assert all(n == int(d[1:]) % 7 + 1 for d, n in per_doc.items())
    finally:
        store.close()


# -- filters -------------------------------------------------------------------------------


@pytest.fixture
def varied(store: SqlStore) -> SqlStore:
    moscow = make_claim("ru-1", "msk-raid", event_type="raid",
                        date=DateRange(date(2024, 1, 10), date(2024, 1, 10), "day"))
    spb = make_claim(
        "ru-1", "spb-det",
        location=Place("Saint Petersburg", "RU", 59.94, 30.31, "city", admin1="St.-Petersburg"),
        date=DateRange(date(2023, 10, 1), date(2023, 12, 31), "quarter"),
        certainty="asserted",
    )
    undated = make_claim("ru-1", "undated", date=DateRange(None, None, "unknown"))
    bishkek = make_claim(
        "en-1", "kg-deport", event_type="deportation",
        location=Place("Bishkek", "KG", 42.87, 74.59, "city", admin1="Bishkek"),
        date=DateRange(date(2024, 2, 1), None, "month"),
    )
    assert store.save_document(make_doc("ru-1"), [moscow, spb, undated])
    assert store.save_document(
        Document("en-1", "Kyrgyz migrants were deported.", "en"), [bishkek]
    )
    store.set_incident_ids({"msk-raid": "inc-1", "spb-det": "inc-1", "kg-deport": "inc-2"})
    store.save_review("undated", "ann", {"review_state": "rejected"}, 1)
    return store


FILTER_CASES = [
    (ClaimFilter(), ["msk-raid", "spb-det", "undated", "kg-deport"]),
    (ClaimFilter(event_types=("raid", "deportation")), ["msk-raid", "kg-deport"]),
    (ClaimFilter(country="RU"), ["msk-raid", "spb-det", "undated"]),
    (ClaimFilter(country="RU", admin1="St.-Petersburg"), ["spb-det"]),
    (ClaimFilter(certainties=("asserted",)), ["spb-det"]),
    (ClaimFilter(review_states=("rejected",)), ["undated"]),
    (ClaimFilter(review_states=("unreviewed",)), ["msk-raid", "spb-det", "kg-deport"]),
    (ClaimFilter(incident_id="inc-1"), ["msk-raid", "spb-det"]),
    (ClaimFilter(doc_id="en-1"), ["kg-deport"]),
    # overlap: the quarter ends on Dec 31 and so touches a range that starts then
    (ClaimFilter(date_from=date(2023, 12, 31)), ["msk-raid", "spb-det", "kg-deport"]),
    (ClaimFilter(date_to=date(2023, 12, 1)), ["spb-det"]),
    (ClaimFilter(date_from=date(2024, 1, 5), date_to=date(2024, 1, 31)), ["msk-raid"]),
    (ClaimFilter(date_from=date(2024, 2, 1), date_to=date(2024, 2, 1)), ["kg-deport"]),
    (ClaimFilter(limit=2), ["msk-raid", "spb-det"]),
    (ClaimFilter(limit=2, offset=2), ["undated", "kg-deport"]),
    (ClaimFilter(country="UZ"), []),
]


@pytest.mark.parametrize(("filters", "expected"), FILTER_CASES)
def test_store_iter_claims_filters(
    varied: SqlStore, filters: ClaimFilter, expected: list[str]
) -> None:
    assert [c.claim_id for c in varied.iter_claims(filters)] == expected


def test_store_counts_and_incidents(varied: SqlStore) -> None:
    counts = varied.count()
    assert (counts.documents, counts.claims, counts.rejections, counts.incidents) == (2, 4, 0, 2)
    claim = varied.get_claim("spb-det")
    assert claim is not None and claim.incident_id == "inc-1"


def test_store_set_incident_ids_unknown_claim_changes_nothing(varied: SqlStore) -> None:
    with pytest.raises(NotFoundError, match="unknown claim"):
        varied.set_incident_ids({"msk-raid": "inc-9", "no-such-claim": "inc-9"})
    claim = varied.get_claim("msk-raid")
    assert claim is not None and claim.incident_id == "inc-1"


def test_store_iter_claims_streams_past_one_batch(store: SqlStore) -> None:
    for d in range(13):
        save(store, f"doc{d:02}", 100)
    stream = store.iter_claims()
    first = next(stream)
    assert first.claim_id == "doc00-c0"
    rest = list(stream)
    assert len(rest) == 1299
    assert rest[-1].claim_id == "doc12-c99"


# -- reviews -------------------------------------------------------------------------------


def test_store_review_edits_are_audited(store: SqlStore) -> None:
    save(store, "doc-a", 1)
    new_count = {"min": 3000, "max": None, "qualifier": "at_least", "text": "не менее 3000"}
    v2 = store.save_review("doc-a-c0", "ann", {"count": new_count, "event_type": "raid"}, 1)
    assert v2 == 2
    review = store.get_review("doc-a-c0")
    assert review is not None
    assert (review.review_state, review.version) == ("edited", 2)
    assert review.claim.count == Count(3000, None, "at_least", "не менее 3000")
    assert review.claim.event_type == "raid"
    assert review.original == make_claim("doc-a", "doc-a-c0")
    assert [c.claim_id for c in store.iter_claims(ClaimFilter(event_types=("raid",)))] == [
        "doc-a-c0"
    ]
    log = store.audit_log("doc-a-c0")
    assert [(e.field, e.user, e.version) for e in log] == [
        ("count", "ann", 2), ("event_type", "ann", 2), ("review_state", "ann", 2)
    ]
    assert log[0].old == {"min": 31, "max": 31, "qualifier": "exact", "text": "31 мигранта",
                          "span": {"start": 19, "stop": 30, "text": "31 мигранта"}}
    assert log[0].new == new_count
    assert log[2].old == "unreviewed" and log[2].new == "edited"
    assert log[0].at.tzinfo is not None

    assert store.save_review("doc-a-c0", "bob", {"review_state": "accepted"}, 2) == 3
    review = store.get_review("doc-a-c0")
    assert review is not None and review.review_state == "accepted"
    # Only the state changed: the edited values stay.
    assert review.claim.event_type == "raid"


def test_store_review_without_changes_keeps_version(store: SqlStore) -> None:
    save(store, "doc-a", 1)
    assert store.save_review("doc-a-c0", "ann", {"certainty": "reported"}, 1) == 1
    assert store.audit_log("doc-a-c0") == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"claim_id": "x"}, "cannot be reviewed"),
        ({"evidence": {"text": "", "start": 0, "end": 0}}, "cannot be reviewed"),
        ({"event_type": "picnic"}, "event_type"),
        ({"certainty": "probably"}, "certainty"),
        ({"review_state": "maybe"}, "review_state"),
        ({"count": {"min": 1}}, "not a valid"),
        ({"actors": [1, 2]}, "actors"),
        ({"attribution": {1, 2}}, "not JSON"),
    ],
)
def test_store_review_rejects_bad_changes(
    store: SqlStore, changes: dict[str, object], message: str
) -> None:
    save(store, "doc-a", 1)
    with pytest.raises(StoreError, match=message):
        store.save_review("doc-a-c0", "ann", changes, 1)
    review = store.get_review("doc-a-c0")
    assert review is not None and review.version == 1
    assert store.audit_log("doc-a-c0") == []


def test_store_review_of_unknown_claim(store: SqlStore) -> None:
    with pytest.raises(NotFoundError):
        store.save_review("nope", "ann", {"review_state": "accepted"}, 1)


def _run_threads(n: int, target: Callable[[int], object]) -> list[object]:
    results: list[object] = [None] * n

    def run(i: int) -> None:
        try:
            results[i] = target(i)
        except Exception as exc:  # collected and asserted on by the caller
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_store_twenty_threads_reviewing_lose_no_update(store: SqlStore) -> None:
    save(store, "doc-a", 20)
    barrier = threading.Barrier(20)

    def review(i: int) -> int:
        claim_id = f"doc-a-c{i}"
        barrier.wait()
        version = 1
        for k in range(1, 4):
            version = store.save_review(claim_id, f"user{i}", {"attribution": [f"src{k}"]},
                                        version)
        return version

    assert _run_threads(20, review) == [4] * 20
    for i in range(20):
        review_ = store.get_review(f"doc-a-c{i}")
        assert review_ is not None
        assert (review_.version, review_.claim.attribution) == (4, ("src3",))
        log = store.audit_log(f"doc-a-c{i}")
        assert [e.field for e in log] == ["attribution", "review_state", "attribution",
                                          "attribution"]
        assert {e.user for e in log} == {f"user{i}"}


def test_store_two_reviews_of_one_version_conflict(store: SqlStore) -> None:
    save(store, "doc-a", 1)
    barrier = threading.Barrier(2)
    states = ["accepted", "rejected"]

    def review(i: int) -> int:
        barrier.wait()
        return store.save_review("doc-a-c0", f"user{i}", {"review_state": states[i]}, 1)

    results = _run_threads(2, review)
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(conflicts) == 1, results
    assert sorted(r for r in results if isinstance(r, int)) == [2]
    assert (conflicts[0].expected, conflicts[0].actual) == (1, 2)
    winner = results.index(2)
    review_ = store.get_review("doc-a-c0")
    assert review_ is not None and review_.review_state == states[winner]
    assert [(e.user, e.new) for e in store.audit_log("doc-a-c0")] == [
        (f"user{winner}", states[winner])
    ]


def test_store_audit_log_is_append_only(store: SqlStore, raw: sa.Engine) -> None:
    save(store, "doc-a", 1)
    store.save_review("doc-a-c0", "ann", {"certainty": "disputed"}, 1)
    first = store.audit_log("doc-a-c0")
    store.save_review("doc-a-c0", "bob", {"certainty": "asserted"}, 2)
    second = store.audit_log("doc-a-c0")
    assert second[: len(first)] == first
    assert len(second) == len(first) + 1
    for statement in ("UPDATE audit_log SET username = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), raw.begin() as conn:
            conn.exec_driver_sql(statement)
    assert store.audit_log("doc-a-c0") == second


# -- users ---------------------------------------------------------------------------------


def test_store_users_and_tokens(store: SqlStore) -> None:
    store.add_user("ann", "reviewer", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")
    user = store.get_user("ann")
    assert user is not None
    assert (user.username, user.role, user.password_hash[:9]) == ("ann", "reviewer", "$argon2id")
    with pytest.raises(StoreError, match="already exists"):
        store.add_user("ann", "admin", "x")
    with pytest.raises(StoreError, match="role"):
        store.add_user("bob", "superuser", "x")  # type: ignore[arg-type]
    store.add_token("ann", "sha256:abc", label="laptop")
    token_user = store.user_for_token("sha256:abc")
    assert token_user is not None and token_user.username == "ann"
    assert store.user_for_token("sha256:other") is None
    assert store.get_user("nobody") is None
    with pytest.raises(NotFoundError):
        store.add_token("nobody", "sha256:def")


# -- schema --------------------------------------------------------------------------------


def test_store_schema_too_new(store_url: str, store: SqlStore, raw: sa.Engine) -> None:
    assert store.schema_version() == LATEST_VERSION
    store.close()
    with raw.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO schema_migrations (version, name, applied_at) "
            f"VALUES ({LATEST_VERSION + 1}, 'future', CURRENT_TIMESTAMP)"
        )
    with pytest.raises(SchemaTooNew, match=f"version {LATEST_VERSION + 1}.*newer khronika"):
        open_store(store_url)


def test_store_reopen_keeps_data(store_url: str, store: SqlStore) -> None:
    claims = save(store, "doc-a", 2)
    store.close()
    again = open_store(store_url)
    try:
        assert list(again.iter_claims()) == claims
        assert again.schema_version() == LATEST_VERSION
    finally:
        again.close()


def test_store_concurrent_first_opens_migrate_once(store_url: str, raw: sa.Engine) -> None:
    stores = _run_threads(4, lambda _: open_store(store_url))
    for opened in stores:
        assert isinstance(opened, SqlStore), opened
        opened.close()
    with raw.connect() as conn:
        versions = conn.exec_driver_sql("SELECT version FROM schema_migrations").scalars().all()
    assert versions == list(range(1, LATEST_VERSION + 1))


def test_store_schema_matches_migrations(store: SqlStore, raw: sa.Engine) -> None:
    inspector = sa.inspect(raw)
    for table in metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == set(table.columns.keys()), table.name


def test_store_integrity_check(store: SqlStore, raw: sa.Engine) -> None:
    save(store, "doc-a", 2)
    store.save_review("doc-a-c0", "ann", {"review_state": "accepted"}, 1)
    assert store.integrity_check() == []
    with raw.begin() as conn:
        conn.exec_driver_sql("UPDATE claims SET data = '{\"broken' WHERE claim_id = 'doc-a-c1'")
    problems = store.integrity_check()
    assert len(problems) == 1 and "doc-a-c1" in problems[0]


def test_store_integrity_check_finds_orphans(store: SqlStore, raw: sa.Engine) -> None:
    claims = save(store, "doc-a", 1)
    with raw.begin() as conn:
        # Bypass the foreign keys as a restore or a hand edit could.
        if raw.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        else:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql("DELETE FROM documents")
    problems = store.integrity_check()
    assert any(f"orphan claim {claims[0].claim_id}" in p for p in problems), problems


def test_store_review_drops_the_evidence_of_a_changed_value(store: SqlStore) -> None:
    """The words that said "31" are not the evidence of a reviewer's 45 (issue 19, edits)."""
    save(store, "doc-a", 1)
    review = store.get_review("doc-a-c0")
    assert review is not None and review.claim.count is not None
    assert review.claim.count.span is not None
    count = {"min": 45, "max": 45, "qualifier": "exact", "text": review.claim.count.text,
             "span": {"start": 19, "stop": 30, "text": "31 мигранта"}}
    store.save_review("doc-a-c0", "ann", {"count": count}, 1)
    edited = store.get_review("doc-a-c0")
    assert edited is not None and edited.claim.count is not None
    assert (edited.claim.count.min, edited.claim.count.text) == (45, None)
    assert edited.claim.count.span is None
    # a change that leaves the figure as it was keeps its words: only certainty changes
    store.save_review("doc-a-c0", "ann", {"certainty": "disputed"}, 2)
    again = store.get_review("doc-a-c0")
    assert again is not None and again.claim.count == edited.claim.count
    # a reviewer who gives the new figure's words keeps them
    words = {"min": 50, "max": 50, "qualifier": "exact", "text": "полсотни"}
    store.save_review("doc-a-c0", "ann", {"count": words}, 3)
    final = store.get_review("doc-a-c0")
    assert final is not None and final.claim.count is not None
    assert final.claim.count.text == "полсотни"


def test_store_review_drops_the_words_of_a_changed_place(store: SqlStore) -> None:
    save(store, "doc-a", 1)
    review = store.get_review("doc-a-c0")
    assert review is not None
    place = {**codec.claim_to_full_dict(review.claim)["location"], "name": "Kazan",
             "lat": 55.79, "lon": 49.12, "admin1": "73"}
    store.save_review("doc-a-c0", "ann", {"location": place}, 1)
    edited = store.get_review("doc-a-c0")
    assert edited is not None and edited.claim.location.name == "Kazan"
    assert edited.claim.location.text is None and edited.claim.location.span is None
