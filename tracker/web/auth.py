"""Who is asking: the session middleware, the guards, and the login pages.

The middleware finds the request's user from its session cookie (a database
lookup, so sessions survive restarts and are shared by every worker). For a
GET it keeps that transaction open for the whole request, so a page's reads
share one connection. Guards then decide: every route needs a login unless its
`opt["auth"]` says "none" (login, static files), or says "read" and
TRACKER_PUBLIC_READ=1 opens read-only pages to everyone.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import unquote

from litestar import Request, get, post
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.enums import RequestEncodingType, ScopeType
from litestar.exceptions import (
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
)
from litestar.handlers import BaseRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template
from litestar.types import ASGIApp, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

from tracker import db, i18n, words
from tracker.accounts import sessions
from tracker.accounts.tables import Session
from tracker.accounts.users import CurrentUser
from tracker.agreements import queries
from tracker.i18n import N_
from tracker.settings import Settings
from tracker.web import csrf, errors
from tracker.web.inputs import reject_nul_in_fields
from tracker.web.ui import language, page

SESSION_COOKIE = "tracker_session"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Large bodies sent slowly: their handlers read in their own short transaction
# instead of holding one (and a pooled connection) until the last byte is sent.
DOWNLOADS = ("/evidence/", "/aksi.csv")
# Pages that write as they are shown (the Notifikasi page marks what it shows as
# read) run in their own transactions: never a write inside the request's read one.
WRITING_PAGES = ("/notifikasi",)
# Files that take long to build hold no read transaction while they are built.
SLOW_FILES = (".pdf", ".docx", ".md", ".xlsx", ".csv", ".ics")


# What every page asks first: who is asking, and what writers last changed (the
# stamps the status catalog, the parts and the latest updates are checked by).
USER_AND_STAMPS_SQL = (
    f"SELECT stamps.*, who.* FROM ({queries.STAMPS_SQL}) AS stamps "
    f"LEFT JOIN ({sessions.SESSION_SQL}) AS who ON 1 = 1"
)


async def user_and_stamps(token: str | None) -> CurrentUser | None:
    """The session's user, with the stamps kept for the request's read: one
    statement instead of two, a round trip less per page on PostgreSQL.
    Call inside `db.reading()`."""
    if not token:
        return None
    row = (await Session.raw(USER_AND_STAMPS_SQL, *sessions.session_args(token)).run())[0]
    queries.remember_stamps(row)
    return sessions.user_from_row(row)


class SessionMiddleware(ASGIMiddleware):
    """Puts the logged-in user (or None) in `scope["user"]`."""

    scopes = (ScopeType.HTTP,)
    should_bypass_for_scope = staticmethod(
        lambda scope: scope["path"].startswith(("/static/", "/healthz", "/favicon.ico"))
    )

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        cookies = ASGIConnection(scope).cookies
        token = cookies.get(SESSION_COOKIE)
        path = scope["path"]
        safe = scope.get("method") in SAFE_METHODS
        if (
            safe
            and not path.startswith(DOWNLOADS + WRITING_PAGES)
            and not path.endswith(SLOW_FILES)
        ):
            async with db.reading():
                scope["user"] = await user_and_stamps(token)
                if self._csrf_bound(scope, token, cookies):
                    await next_app(scope, receive, send)
                else:
                    await self._rebind(scope, token, send)
            return
        # Writes open their own (IMMEDIATE) transaction: don't hold a read one.
        async with db.reading():
            scope["user"] = await sessions.user_for_token(token)
        if self._csrf_bound(scope, token, cookies):
            await next_app(scope, receive, send)
        elif safe:
            await self._rebind(scope, token, send)
        else:
            lang = language(ASGIConnection(scope))
            raise PermissionDeniedException(
                i18n.translator(lang)._(
                    "The form expired or is not valid. Reload the page and try again."
                )
            )

    @staticmethod
    def _csrf_bound(scope: Scope, token: str | None, cookies: dict) -> bool:
        """A logged-in user's CSRF cookie must be the one made for their session."""
        if scope["user"] is None or token is None:
            return True
        return csrf.is_bound(scope["app"].state["secret"], token, cookies.get(csrf.COOKIE))

    @staticmethod
    async def _rebind(scope: Scope, token: str, send: Send) -> None:
        """A page opened with a CSRF cookie from before the login (or from before
        tokens were bound): come back to the same page with this session's token."""
        target = scope["path"] + (
            "?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else ""
        )
        secure = scope.get("scheme") == "https"
        cookie = csrf.bound_cookie(scope["app"].state["secret"], token, secure)
        headers = [
            (b"location", target.encode("latin-1")),
            (b"set-cookie", cookie.to_header(header="").encode("latin-1")),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


class SecureCookiesMiddleware(ASGIMiddleware):
    """Behind https, every cookie we set (session, CSRF, language, flash) is Secure.

    The scheme is the request's as uvicorn sees it: with a proxy, from its
    X-Forwarded-Proto header (trusted from FORWARDED_ALLOW_IPS, 127.0.0.1 by default).
    """

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope.get("scheme") != "https":
            await next_app(scope, receive, send)
            return

        async def send_secure(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (name, value + b"; Secure")
                    if name.lower() == b"set-cookie" and b"secure" not in value.lower()
                    else (name, value)
                    for name, value in message.get("headers", [])
                ]
            await send(message)

        await next_app(scope, receive, send_secure)


def current_user(connection: ASGIConnection) -> CurrentUser | None:
    return connection.scope.get("user")


async def login_required(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """The app-wide guard: a login, unless the route is open.

    Every guard is `async def` though none awaits: Litestar runs a plain
    function guard in a worker thread, three thread hops per request."""
    # The OpenAPI pages describe the read-only API: as open as it is.
    mode = "read" if connection.scope["path"].startswith("/schema") else handler.opt.get("auth")
    if mode == "none" or current_user(connection) is not None:
        return
    if (
        mode == "read"
        and connection.scope.get("method") in SAFE_METHODS
        and Settings.from_env().public_read
    ):
        return
    raise NotAuthorizedException("login required")


def role_required(*roles: str):
    """A guard for routes only some roles may use (403 for the others)."""

    async def guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
        user = current_user(connection)
        if user is None:
            raise NotAuthorizedException("login required")
        if user.role not in roles:
            ui = i18n.translator(language(connection))
            raise PermissionDeniedException(
                ui._("Your role (%(role)s) may not do this.", role=ui._(words.ROLE[user.role]))
            )

    return guard


def client_address(connection: ASGIConnection) -> str:
    return (connection.client.host if connection.client else "unknown")[:64]


def safe_next(target: Any, default: str = "/") -> str:
    """Only paths on this site: never an open redirect."""
    if isinstance(target, list):  # the field given twice
        target = target[0] if target else None
    if (
        isinstance(target, str)
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
    ):
        return target
    return default


def landing(user: CurrentUser, target: str = "") -> str:
    """Where a login lands: `target` (the page that asked for it), except the
    site's address itself, which for secretariats and admins is *Aksi saya*."""
    if target and target != "/":
        return target
    return "/aksi" if user.role in ("secretariat", "admin") else "/"


@get("/login", name="login", opt={"auth": "none"})
async def login_page(
    request: Request, next: FromQuery[str | None] = None, unsaved: FromQuery[str | None] = None
) -> Template | Redirect:
    """The login form; `unsaved=1`: a form was sent after the session had ended
    (errors.handle_error), and the page says that what was sent is not saved.
    Read as text: a mangled value shows the plain form, never an error page."""
    user = current_user(request)
    if user is not None:
        return Redirect(path=landing(user, safe_next(next, "")))
    return page(
        request,
        "login.html",
        next=safe_next(next, ""),
        username="",
        error=None,
        unsaved=unsaved == "1",
    )


@post("/login", name="login_submit", opt={"auth": "none"})
async def login_submit(
    request: Request,
    data: Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    reject_nul_in_fields(request, data)
    username = _first(data.get("username")).strip()
    password = _first(data.get("password"))
    target = safe_next(data.get("next"), "")
    lang = language(request)

    carried = _carried(data)

    def again(error: str, status_code: int) -> Template:
        return page(
            request,
            "login.html",
            status_code=status_code,
            next=target,
            username=username,
            error=error,
            unsaved=_first(data.get("unsaved")) == "1",
            carried=carried,
        )

    if not username or not password:
        return again(i18n.translator(lang)._("Enter your username and password."), 400)
    try:
        result = await sessions.login(username, password, client_address(request))
    except sessions.LoginRefused as exc:
        when = i18n.format_datetime(exc.retry_at, lang)
        return again(
            i18n.translator(lang)._(
                "Too many failed login attempts. Try again after %(when)s.", when=when
            ),
            429,
        )
    if result is None:
        return again(i18n.translator(lang)._("Wrong username or password."), 401)
    token, user = result
    secure = request.url.scheme == "https"
    form_cookie = csrf.bound_cookie(request.app.state["secret"], token, secure)
    response: Template | Redirect | None = None
    if carried and ACTION_PAGE.fullmatch(target):
        response = await _report_again(request, user, form_cookie.value or "", target, carried)
    if response is None:
        response = Redirect(path=landing(user, target))
    response.cookies.append(
        session_cookie(request, token, int(sessions.SESSION_LIFETIME.total_seconds()))
    )
    response.cookies.append(form_cookie)
    return response


# An action's page, where a report sent after the session ended goes back to.
ACTION_PAGE = re.compile(r"/d/([^/?#]+)/([^/?#]+)")


def _carried(data: dict[str, Any]) -> dict[str, str]:
    """The report fields the login page held (`errors._login_keeping_report`)."""
    return {
        key.removeprefix("carry."): _first(value)
        for key, value in data.items()
        if key.startswith("carry.") and key.removeprefix("carry.") in errors.CARRIED
    }


async def _report_again(
    request: Request, user: CurrentUser, form_token: str, target: str, carried: dict[str, str]
) -> Template | None:
    """The action page with the report form filled in with what was sent
    before the session ended, nothing stored yet: the user checks it and
    sends it. None: the action is gone, or the user may not report on it;
    the login lands as usual."""
    from tracker.web import progress  # the action page's context (progress imports this module)

    request.scope["user"] = user
    ScopeState.from_scope(request.scope).csrf_token = form_token
    slug, code = (unquote(p) for p in ACTION_PAGE.fullmatch(target).groups())
    try:
        ctx = await progress.action_context(request, slug, code)
    except NotFoundException:
        return None
    if not ctx["can_post"]:
        return None
    form = {**ctx["form"], **carried}
    message = N_("You are logged in. Your report is not saved yet: check it below and send it.")
    # Answered at /login: the language switch leads to the action page instead.
    errors = {"_form": (message, {})}
    return page(
        request, "action.html", **{**ctx, "form": form, "errors": errors, "lang_next": target}
    )


def _first(value: Any) -> str:
    """A form field as one string, even if it was sent twice."""
    if isinstance(value, list):
        value = value[0] if value else ""
    return "" if value is None else str(value)


def session_cookie(request: Request, value: str, max_age: int) -> Cookie:
    return Cookie(
        key=SESSION_COOKIE,
        value=value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


@post("/logout", name="logout")
async def logout(request: Request) -> Redirect:
    token = request.cookies.get(SESSION_COOKIE)
    user = current_user(request)
    if token and user:
        await sessions.logout(token, user, client_address(request))
    response = Redirect(path="/login")
    response.cookies.append(session_cookie(request, "", 0))
    response.cookies.append(csrf.dropped_cookie())
    return response


ROUTES = [login_page, login_submit, logout]
