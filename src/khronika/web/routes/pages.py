"""The review UI: queue, claim page (review form, audit log), incidents, documents, map, timeline.

Route functions are named for the page they render. Each reads the store through the
``Store`` protocol only; every value reaches the page through an autoescaped template.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from khronika.errors import ConflictError, StoreError
from khronika.geocode import region_names
from khronika.model import ACTORS, CERTAINTIES, EVENT_TYPES, QUALIFIERS, TARGETS, Claim
from khronika.store.base import REVIEW_STATES, ClaimFilter, ClaimReview, Store, User
from khronika.web.context import page_context, public_message
from khronika.web.document_marks import document_runs, safe_link
from khronika.web.filters import (
    FilterError,
    claims_with_states,
    filter_params,
    page_url,
    parse_query,
    reviews_page,
)
from khronika.web.incidents import get_incident, list_incidents, span
from khronika.web.names import Redaction, redaction
from khronika.web.review import (
    DATE_PRECISIONS,
    PLACE_PRECISIONS,
    FormError,
    Segment,
    changes_from_form,
    evidence_segments,
    unhidden,
)
from khronika.web.settings import WebSettings

router = APIRouter(include_in_schema=False)

CHOICES = {
    "event_types": EVENT_TYPES,
    "certainties": CERTAINTIES,
    "review_states": REVIEW_STATES,
    "qualifiers": QUALIFIERS,
    "actors": ACTORS,
    "targets": TARGETS,
    "date_precisions": DATE_PRECISIONS,
    "place_precisions": PLACE_PRECISIONS,
}


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _render(request: Request, template: str, *, status: int = 200, **values: object) -> Response:
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, template, page_context(request, **CHOICES, **values), status_code=status
    )


@router.get("/")
def home() -> Response:
    return RedirectResponse("/claims", status_code=303)


@router.get("/claims")
def claim_list(request: Request) -> Response:
    settings: WebSettings = request.app.state.settings
    try:
        query = parse_query(request.query_params, default_limit=settings.page_size)
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from exc
    store = _store(request)
    reviews, more = reviews_page(store, query)
    names = redaction(request)
    rows = [(replace(r, claim=names.claim(r.claim)), _hidden_segments(r.claim, names))
            for r in reviews]
    params = request.query_params
    return _render(
        request, "claims.html",
        rows=rows,
        query=query,
        selected={k: params.getlist(k) for k in ("event_type", "certainty", "review_state")},
        values={k: params.get(k, "") for k in
                ("date_from", "date_to", "country", "region", "incident_id", "doc_id")},
        regions=_regions(store),
        prev_url=page_url("/claims", params, offset=max(0, query.offset - query.limit),
                          limit=query.limit) if query.offset else None,
        next_url=page_url("/claims", params, offset=query.offset + query.limit,
                          limit=query.limit) if more else None,
        filter_query=filter_params(params),
        here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
    )


@router.get("/claims/{claim_id}")
def claim_detail(request: Request, claim_id: str) -> Response:
    store = _store(request)
    review = store.get_review(claim_id)
    if review is None:
        raise HTTPException(404, f"claim {claim_id} is not stored")
    saved = request.query_params.get("saved", "")
    return _render(request, "claim.html",
                   **_claim_page(store, review, redaction(request),
                                 saved=saved if saved.isdigit() else None))


def _claim_page(
    store: Store,
    review: ClaimReview,
    names: Redaction,
    *,
    saved: str | None = None,
    error: str | None = None,
    error_field: str = "",
    typed: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """What the claim page shows: the claim, its document, audit log and other accounts;
    after a refused edit, the message and what the reviewer typed. Private people's names
    are hidden as in the API (``names``), in the form's values too."""
    claim = review.claim
    document = store.get_document(claim.doc_id)
    siblings = []
    if claim.incident_id:
        siblings = [
            names.claim(c) for c in store.iter_claims(ClaimFilter(incident_id=claim.incident_id))
            if c.claim_id != claim.claim_id
        ]

    def hide(text: str) -> str:
        return names.text(claim.doc_id, text)

    around = _around(document.text if document else None, claim)
    regions = region_names()
    country = claim.location.country or "RU"
    return {
        "review": review,
        "claim": names.claim(claim),
        "segments": _hidden_segments(claim, names),
        "hide": hide,
        "names_shown": not names.active,
        "audit": store.audit_log(claim.claim_id),
        "siblings": siblings,
        "document": document,
        "link": safe_link(document.url if document else None),
        "error": error,
        "error_field": error_field,
        "saved": saved,
        "typed": dict(typed or {}),
        "region": regions.get((country, claim.location.admin1 or "")),
        "regions": sorted(
            ((code, name) for (cc, code), name in regions.items() if cc == country),
            key=lambda item: item[1],
        ),
        "region_names": regions,
        "around": (hide(around[0]), hide(around[1])) if around else None,
    }


def _hidden_segments(claim: Claim, names: Redaction) -> list[Segment]:
    """The marked evidence with private people's names hidden piece by piece: the marks are
    found on the stored sentence first, so hiding a name cannot shift them."""
    return [replace(s, text=names.text(claim.doc_id, s.text)) for s in evidence_segments(claim)]


_AROUND = 400  # characters of the document shown before and after the evidence sentence


def _around(text: str | None, claim: Claim) -> tuple[str, str] | None:
    """The document's text just before and after the evidence sentence, cut at white space,
    when the claim's offsets still point at its sentence."""
    ev = claim.evidence
    if not text or text[ev.start : ev.end] != ev.text:
        return None
    before = text[max(0, ev.start - _AROUND) : ev.start]
    after = text[ev.end : ev.end + _AROUND]
    if ev.start > _AROUND and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if ev.end + _AROUND < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return before, after


@router.post("/claims/{claim_id}/review")
async def claim_review(request: Request, claim_id: str) -> Response:
    user: User = request.state.user
    if user.role not in ("admin", "reviewer"):
        raise HTTPException(403, f"{user.username} is a viewer and cannot change claims")
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    for name in ("actors", "targets"):  # ticked boxes: one value each
        ticked = [v for v in raw.getlist(name) if isinstance(v, str)]
        if len(ticked) > 1:
            form[name] = ", ".join(ticked)
    return await run_in_threadpool(_apply_review, request, claim_id, user, form)


def _apply_review(request: Request, claim_id: str, user: User, form: dict[str, str]) -> Response:
    store = _store(request)
    review = store.get_review(claim_id)
    if review is None:
        raise HTTPException(404, f"claim {claim_id} is not stored")
    try:
        expected_version = int(form.get("expected_version", ""))
    except ValueError:
        raise HTTPException(400, "expected_version is missing or not a number") from None
    action = form.get("action", "")
    names = redaction(request)
    changes: dict[str, object]
    if action == "accept":
        changes = {"review_state": "accepted"}
    elif action == "reject":
        changes = {"review_state": "rejected"}
    elif action == "edit":
        try:
            changes = changes_from_form(review.claim,
                                        unhidden(form, review.claim, names.claim(review.claim)))
        except FormError as exc:
            return _render(request, "claim.html", status=422,
                           **_claim_page(store, review, names, error=str(exc),
                                         error_field=exc.field, typed=form))
    else:
        raise HTTPException(400, f"unknown action {action!r} (accept, reject, edit)")
    try:
        version = store.save_review(claim_id, user.username, changes, expected_version)
    except ConflictError:
        current = store.get_review(claim_id)
        return _render(
            request, "conflict.html", status=409,
            claim_id=claim_id, current=current, attempted=changes,
            expected_version=expected_version,
            audit=[e for e in store.audit_log(claim_id) if e.version > expected_version],
        )
    except StoreError as exc:  # a rule the form does not check itself: still said on the form
        said = public_message(exc.message, getattr(store, "where", ""))
        return _render(request, "claim.html", status=422,
                       **_claim_page(store, review, names, error=said, typed=form))
    target = form.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = f"/claims/{quote(claim_id)}?saved={version}"
    return RedirectResponse(target, status_code=303)


@router.get("/incidents")
def incident_list(request: Request) -> Response:
    try:
        query = parse_query(request.query_params, default_limit=1000)
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from exc
    incidents = list_incidents(_store(request), query.filters)
    grade = request.query_params.get("grade")
    if grade:
        incidents = [i for i in incidents if i.figures and i.figures.grade == grade]
    return _render(request, "incidents.html", incidents=incidents, span=span,
                   params=request.query_params)


@router.get("/incidents/{incident_id}")
def incident_detail(request: Request, incident_id: str) -> Response:
    store = _store(request)
    incident = get_incident(store, incident_id)
    if incident is None:
        raise HTTPException(404, f"incident {incident_id} has no claims")
    names = redaction(request)
    accounts = []
    for claim in incident.claims:
        review = store.get_review(claim.claim_id)
        accounts.append((names.claim(claim), review, _hidden_segments(claim, names),
                         store.get_document(claim.doc_id)))
    return _render(request, "incident.html", incident=incident, accounts=accounts, span=span)


@router.get("/documents/{doc_id}")
def document_detail(request: Request, doc_id: str) -> Response:
    store = _store(request)
    document = store.get_document(doc_id)
    if document is None:
        raise HTTPException(404, f"document {doc_id} is not stored")
    claims = list(store.iter_claims(ClaimFilter(doc_id=doc_id)))
    names = redaction(request)
    # runs are cut on the stored text's offsets first, then each is hidden on its own: a
    # name never spans a sentence boundary, and the marks stay where the claims are
    runs = [replace(r, text=names.text(doc_id, r.text))
            for r in document_runs(document.text, claims)]
    return _render(
        request, "document.html", document=document, claims=[names.claim(c) for c in claims],
        runs=runs, link=safe_link(document.url), names_shown=not names.active,
        title=names.text(doc_id, document.title or "") or document.id,
    )


@router.get("/map")
def claim_map(request: Request) -> Response:
    settings: WebSettings = request.app.state.settings
    return _render(
        request, "map.html",
        tile_url=settings.tile_url,
        tile_attribution=settings.tile_attribution,
        data_url="/api/map.geojson" + (f"?{request.url.query}" if request.url.query else ""),
        selected={k: _split(request.query_params.getlist(k))
                  for k in ("event_type", "review_state")},
        values={k: request.query_params.get(k, "") for k in ("date_from", "date_to")},
    )


def _split(values: list[str]) -> list[str]:
    """Query values as the filter parser reads them: repeated keys and comma lists alike."""
    return [v for raw in values for v in raw.split(",") if v]


@router.get("/timeline")
def timeline(request: Request) -> Response:
    try:
        query = parse_query(request.query_params, default_limit=1000)
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from exc
    months: Counter[tuple[str, str]] = Counter()
    incidents: dict[str, set[str]] = {}
    undated = 0
    for claim, _state in claims_with_states(_store(request), query.filters):
        if claim.date.start is None:
            undated += 1
            continue
        month = claim.date.start.strftime("%Y-%m")
        months[(month, claim.event_type)] += 1
        if claim.incident_id:
            incidents.setdefault(month, set()).add(claim.incident_id)
    return _render(
        request, "timeline.html",
        rows=_timeline_rows(months, {m: len(ids) for m, ids in incidents.items()}),
        colours=_colours(), undated=undated,
    )


TimelineRow = tuple[str, int, list[tuple[str, int, float, float]], float, int]


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ("YYYY-MM"), so a quiet month shows as empty."""
    year, month = map(int, first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _timeline_rows(
    months: Counter[tuple[str, str]], incidents: dict[str, int]
) -> list[TimelineRow]:
    """Rows of (month, claims, [(event_type, n, x, width)], end, incidents) for the SVG."""
    per_month: dict[str, list[tuple[str, int]]] = {}
    for (month, event_type), n in sorted(months.items()):
        per_month.setdefault(month, []).append((event_type, n))
    widest = max((sum(n for _, n in v) for v in per_month.values()), default=1)
    scale = 560 / widest
    rows: list[TimelineRow] = []
    axis = month_range(min(per_month), max(per_month)) if per_month else []
    for month in axis:
        x = 0.0
        bars = []
        for event_type, n in per_month.get(month, []):
            bars.append((event_type, n, round(x, 1), round(n * scale, 1)))
            x += n * scale
        total = sum(n for _, n, _, _ in bars)
        rows.append((month, total, bars, round(x, 1), incidents.get(month, 0)))
    return rows


def _colours() -> dict[str, int]:
    return {event_type: i for i, event_type in enumerate(EVENT_TYPES)}


def _regions(store: Store) -> list[tuple[str, str]]:
    """(admin1 code, label) pairs seen among claims, labelled with the region's name from the
    gazetteer ("Novosibirsk Oblast, RU"), else with the commonest place name in it."""
    gazetteer = region_names()
    names: dict[str, Counter[str]] = {}
    for claim in store.iter_claims():
        loc = claim.location
        if loc.admin1:
            country = loc.country or "?"
            known = gazetteer.get((country, loc.admin1))
            label = f"{known or loc.name or loc.admin1}, {country}"
            names.setdefault(loc.admin1, Counter())[label] += 1
    return sorted(
        ((key, c.most_common(1)[0][0]) for key, c in names.items()),
        key=lambda kv: kv[1],
    )


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request) -> Response:
    """Swagger UI from the vendored swagger-ui-dist assets: no CDN, works offline."""
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, "api_docs.html", {}
    )
