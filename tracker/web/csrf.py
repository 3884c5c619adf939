"""CSRF tokens bound to the login session, and new ones at every login and logout.

Litestar's CSRF middleware checks that a form's token equals the `csrftoken`
cookie (double submit). On its own, a cookie once set lives on across logout and
login, and any valid pair is accepted. So at login the cookie is replaced by a
token derived from the new session (an HMAC of the session token with the app's
secret), every write of a logged-in user must carry exactly that token, and
logout drops it. A token from another session, or from before the login, is
refused as an expired form.
"""

from __future__ import annotations

import hashlib
import hmac

from litestar.datastructures import Cookie
from litestar.middleware.csrf import CSRF_SECRET_LENGTH, generate_csrf_hash

COOKIE = "csrftoken"


def bound_token(secret: str, session_token: str) -> str:
    """The CSRF secret of one login session (64 hex characters, like Litestar's)."""
    digest = hmac.new(secret.encode(), b"csrf:" + session_token.encode(), hashlib.sha256)
    return digest.hexdigest()[:CSRF_SECRET_LENGTH]


def bound_cookie(secret: str, session_token: str, secure: bool) -> Cookie:
    """The `csrftoken` cookie for a new session, in Litestar's format (token + HMAC)."""
    token = bound_token(secret, session_token)
    return Cookie(
        key=COOKIE,
        value=token + generate_csrf_hash(token, secret),
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure,
    )


def dropped_cookie() -> Cookie:
    return Cookie(key=COOKIE, value="", max_age=0, path="/", httponly=True, samesite="lax")


def is_bound(secret: str, session_token: str, cookie_value: str | None) -> bool:
    """Whether the request's CSRF cookie belongs to this session."""
    expected = bound_token(secret, session_token)
    return bool(cookie_value) and hmac.compare_digest(cookie_value[:CSRF_SECRET_LENGTH], expected)
