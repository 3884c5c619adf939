"""One error path: HTML for browsers, a redirect for htmx, JSON for the API."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import quote, urlsplit

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.response import Redirect, Template
from litestar.utils.scope.state import ScopeState

from tracker import db, i18n, pdf_process, words
from tracker.verification.register import MAX_COMPARED_BYTES
from tracker.web import csrf
from tracker.web.ui import Later, context, language

# Statuses whose page says, in the interface language, what went wrong.
TRANSLATED = (400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503)
# Litestar's own English messages, which a page never shows as they are.
LITESTAR_WORDS = (
    "Validation failed",
    "Bad Request",
    "no file or directory match",
    "Invalid multipart",
    "multipart boundary missing",
    "Request Entity Too Large",  # a multipart form of more than 1,000 parts (a 400)
    "login required",
)

log = logging.getLogger("tracker")


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path.endswith((".json", ".yaml")):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def handle_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, pdf_process.Busy):
        exc = HTTPException(
            status_code=503,
            detail=i18n.translator(language(request))._(
                "Many PDFs are being made right now. Wait a minute, then try again."
            ),
            headers={"Retry-After": str(pdf_process.RETRY_AFTER)},
        )
    if isinstance(exc, HTTPException):
        status, detail = exc.status_code, exc.detail
    else:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        status, detail = 500, ""
    if status == 413 and request.url.path.startswith("/v/"):  # a PDF to compare
        max_mb = MAX_COMPARED_BYTES // 2**20
        detail = i18n.translator(language(request))._(
            "The file is larger than %(max_mb)s MB, so it is not the issued document.",
            max_mb=max_mb,
        )
    elif (bad_page := _bad_page_number(request, exc)) is not None:
        detail = i18n.translator(language(request))._(
            "%(name)s must be a page number, not %(value)s", name="page", value=bad_page
        )
    elif status == 403 and detail == "CSRF token verification failed":
        detail = i18n.translator(language(request))._(
            "The form expired or is not valid. Reload the page and try again."
        )
    exc_headers = dict(getattr(exc, "headers", None) or {})
    allow = {k.lower(): v for k, v in exc_headers.items()}.get("allow")
    # What the client is told beside the message: what to send, when to try again.
    passed = {k: v for k, v in exc_headers.items() if k.lower() in ("allow", "retry-after")}
    if wants_json(request):
        if not _ours(status, detail):
            detail = _generic(request, status, allow)
        body = {"status_code": status, "detail": detail}
        return Response(
            body,
            status_code=status,
            media_type=MediaType.JSON,
            headers=passed or None,
        )
    if status == 401 and _is_report(request):
        return Later(lambda: _login_keeping_report(request))
    if status == 401:
        login = "/login?next=" + quote(return_path(request))
        if request.method not in ("GET", "HEAD"):
            login += "&unsaved=1"  # the session ended before a form was sent: say it was lost
        if request.headers.get("hx-request"):
            return Response("", status_code=401, headers={"HX-Redirect": login})
        return Redirect(path=login, status_code=303)
    if not _ours(status, detail):
        detail = _generic(request, status, allow)
    retarget = exc_headers
    if request.headers.get("hx-request") and "HX-Retarget" in retarget:
        # The handler chose where its message goes (e.g. a status page's results).
        return Template(
            template_name="_error_fragment.html",
            context=context(request, status_code=status, detail=detail),
            status_code=status,
            headers=retarget,
        )
    # For htmx, show the error page in place of the page, whatever was targeted.
    swap = (
        {"HX-Retarget": "body", "HX-Reswap": "innerHTML"}
        if request.headers.get("hx-request")
        else {}
    )
    swap.update(passed)
    if "user" not in request.scope:
        # Routing failed (an unknown address, a wrong method) before the session
        # middleware ran: find the user first, so the header still shows them.
        return ErrorPage(status, detail, swap)
    return Template(
        template_name="error.html",
        context=context(request, status_code=status, detail=detail),
        status_code=status,
        headers=swap,
    )


# The report form's fields a login carries back to it (files cannot be carried;
# the form gets a new one-time key: the report never reached the handler).
CARRIED = ("status", "percent", "value", "note", "links", "part", "corrects")


def _is_report(request: Request) -> bool:
    """A progress report sent without JavaScript after the session had ended."""
    handler = request.scope.get("route_handler")
    return (
        request.method == "POST"
        and getattr(handler, "name", None) == "post_update"
        and not request.headers.get("hx-request")
    )


async def _login_keeping_report(request: Request) -> Response:
    """The login page, holding what the report said: after logging in, the
    report form comes back filled in, to check and send (`auth.login_submit`).
    A redirect to the login page would drop the typed note for good."""
    data = await request.form()
    carried = {name: str(data.get(name) or "") for name in CARRIED if data.get(name)}
    files = any(getattr(f, "filename", "") for f in data.getall("files", []))
    slug, code = request.path_params["slug"], request.path_params["code"]
    return Template(
        template_name="login.html",
        context=context(
            request,
            next=f"/d/{quote(slug)}/{quote(code)}",
            username="",
            error=None,
            unsaved=True,
            carried=carried,
            carried_files=files,
        ),
        status_code=401,
    )


def _bad_page_number(request: Request, exc: Exception) -> str | None:
    """The `?page=` value Litestar refused (not a number from 1), to name it."""
    extra = getattr(exc, "extra", None)
    if not isinstance(exc, ValidationException) or not isinstance(extra, list):
        return None
    for e in extra:
        source = getattr(e.get("source"), "value", None) if isinstance(e, dict) else None
        if source == "query" and e.get("key") in ("page", "page_number"):
            return request.query_params.get("page", "")
    return None


def _ours(status: int, detail: str) -> bool:
    """Whether `detail` is a message of ours (translated), not one of Litestar's
    English defaults ("Not Found", "Method Not Allowed", "Validation failed ...")."""
    if not detail or status not in TRANSLATED:
        return bool(detail)
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return detail != phrase and not detail.startswith(LITESTAR_WORDS)


def _generic(request: Request, status: int, allow: str | None) -> str:
    """The page's message when the exception carried none of ours."""
    lang = language(request)
    if status == 405:
        return i18n.translator(lang)._(
            "This address does not accept a %(method)s request. Accepted: %(allowed)s.",
            method=request.method,
            allowed=allow or "GET",
        )
    return i18n.translator(lang)._(words.ERROR_STATUS.get(str(status), words.ERROR_STATUS["500"]))


class ErrorPage(Response):
    """The error page, rendered after looking up the session's user (and its
    form token), for errors raised before any middleware ran."""

    def __init__(self, status: int, detail: str, headers: dict[str, str]) -> None:
        super().__init__(content=b"", status_code=status, headers=headers)
        self.detail = detail

    def to_asgi_response(self, app: Any, request: Request, **kwargs: Any) -> Any:
        async def respond(scope: Any, receive: Any, send: Any) -> None:
            from tracker.accounts import sessions
            from tracker.web.auth import SESSION_COOKIE

            token = request.cookies.get(SESSION_COOKIE)
            try:
                async with db.reading():
                    user = await sessions.user_for_token(token)
            except Exception:  # the page must show even if the database is down
                log.exception("no user for an error page")
                user = None
            scope["user"] = user
            form_token = request.cookies.get(csrf.COOKIE)
            if user is not None and token and form_token:
                secret = request.app.state["secret"]
                if csrf.is_bound(secret, token, form_token):
                    ScopeState.from_scope(scope).csrf_token = form_token
            page = Template(
                template_name="error.html",
                context=context(request, status_code=self.status_code, detail=self.detail),
                status_code=self.status_code,
                headers=dict(self.headers),
            )
            await page.to_asgi_response(app, request, **kwargs)(scope, receive, send)

        return respond


def return_path(request: Request) -> str:
    """Where to go back after logging in: this page for a GET; for a form post,
    the page the form was on (a POST URL cannot be opened again by a GET)."""
    if request.method in ("GET", "HEAD"):
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    came_from = request.headers.get("hx-current-url") or request.headers.get("referer") or "/"
    parts = urlsplit(came_from)
    if parts.netloc and parts.netloc != request.url.netloc:
        return "/"
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
