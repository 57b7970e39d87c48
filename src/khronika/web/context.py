"""What every page's template sees."""

from __future__ import annotations

import re

from fastapi import Request


def page_context(request: Request, **values: object) -> dict[str, object]:
    """What every page's template can use: the user, the CSRF token, the page's values."""
    session = getattr(request.state, "session", None)
    user = getattr(request.state, "user", None)
    return {
        "user": user,
        "csrf_token": session.csrf if session is not None else "",
        "can_edit": user is not None and user.role in ("admin", "reviewer"),
        **values,
    }


_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


def public_message(message: str, where: str) -> str:
    """An error as a browser may see it: never the store's URL or path (a PostgreSQL URL can
    carry a password, a path tells where the server keeps its data), nor any other URL."""
    if where:
        message = message.replace(where, "the store")
    return _URL.sub("<url>", message)
