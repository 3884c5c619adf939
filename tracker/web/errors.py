"""One error path: HTML for browsers, a redirect for htmx, JSON for the API."""

from __future__ import annotations

import logging
from urllib.parse import quote, urlsplit

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.response import Redirect, Template

from tracker import i18n
from tracker.web.ui import context, language

log = logging.getLogger("tracker")


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path.endswith((".json", ".yaml")):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def handle_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        status, detail = exc.status_code, exc.detail
    else:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        status, detail = 500, ""
    if status == 413:
        detail = i18n.translate("error.413", language(request))
    elif status == 403 and detail == "CSRF token verification failed":
        detail = i18n.translate("error.csrf", language(request))
    if wants_json(request):
        body = {"status_code": status, "detail": detail or _default_detail(status)}
        return Response(body, status_code=status, media_type=MediaType.JSON)
    if status == 401:
        login = "/login?next=" + quote(return_path(request))
        if request.headers.get("hx-request"):
            return Response("", status_code=401, headers={"HX-Redirect": login})
        return Redirect(path=login, status_code=303)
    retarget = getattr(exc, "headers", None) or {}
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
    return Template(
        template_name="error.html",
        context=context(request, status_code=status, detail=detail),
        status_code=status,
        headers=swap,
    )


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


def _default_detail(status: int) -> str:
    return {
        401: "Login required",
        403: "Forbidden",
        404: "Not found",
        500: "Internal server error",
    }.get(status, "Error")
