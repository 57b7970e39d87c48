"""Private people's names out of everything the API sends (issue 17): the same redactor as
CLI exports, applied per document; only an admin may ask for names (``include_names=1``).

The redactor needs the NLP models (a few seconds to load): the server builds it once, at its
first use unless ``create_app`` is given one.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException, Request

from khronika.contract import claim_to_dict
from khronika.export.redact import NO_NAMES, Names, redact_incident
from khronika.model import Claim
from khronika.store.base import Store

if TYPE_CHECKING:
    from khronika.export.redact import Redactor

NAMES_FLAG = "include_names"


class LazyRedactor:
    """One ``Redactor`` per app, built on first use (thread-safe: routes run in a pool)."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        self._redactor = redactor
        self._lock = threading.Lock()

    def get(self) -> Redactor:
        with self._lock:
            if self._redactor is None:
                from khronika.export.redact import Redactor
                from khronika.geocode import load_gazetteer
                from khronika.nlp import build_nlp

                self._redactor = Redactor(build_nlp(), gazetteer=load_gazetteer(world=False))
            return self._redactor


class Redaction:
    """What one request may see: names redacted unless an admin asked to keep them."""

    def __init__(self, store: Store, redactor: LazyRedactor | None) -> None:
        self._store = store
        self._redactor = redactor

    @property
    def active(self) -> bool:
        return self._redactor is not None

    def names(self, doc_id: str) -> Names:
        if self._redactor is None:
            return NO_NAMES
        doc = self._store.get_document(doc_id)
        return NO_NAMES if doc is None else self._redactor.get().for_document(doc)

    def redactor(self) -> Redactor | None:
        """The redactor to hand to the export library; ``None`` keeps names."""
        return None if self._redactor is None else self._redactor.get()

    def claim(self, claim: Claim) -> Claim:
        if self._redactor is None:
            return claim
        return self._redactor.get().claim(claim, self.names(claim.doc_id))

    def claim_dict(self, claim: Claim) -> dict[str, Any]:
        return claim_to_dict(self.claim(claim))

    def text(self, doc_id: str, text: str) -> str:
        return self.names(doc_id).apply(text) if self._redactor is not None else text

    def incident(self, data: dict[str, Any]) -> dict[str, Any]:
        if self._redactor is not None:
            redact_incident(data, self.names)
        return data


def redaction(request: Request) -> Redaction:
    """The request's redaction; ``include_names=1`` from anyone but an admin is a 403."""
    asked = request.query_params.get(NAMES_FLAG, "").lower() in ("1", "true", "yes")
    if asked:
        user = request.state.user
        if user is None or user.role != "admin":
            raise HTTPException(403, f"only an admin may ask for names ({NAMES_FLAG})")
        return Redaction(request.app.state.store, None)
    lazy: LazyRedactor = request.app.state.redactor
    return Redaction(request.app.state.store, lazy)

