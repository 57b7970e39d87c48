"""What every page's template sees."""

from __future__ import annotations

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
