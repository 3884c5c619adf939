"""One error path: HTML for browsers, JSON for the API and for clients that ask."""

from __future__ import annotations

import logging

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.response import Template

from tracker.web.ui import context

log = logging.getLogger("tracker")


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path.startswith("/schema"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def handle_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        status, detail = exc.status_code, exc.detail
    else:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        status, detail = 500, ""
    if wants_json(request):
        body = {"status_code": status, "detail": detail or _default_detail(status)}
        return Response(body, status_code=status, media_type=MediaType.JSON)
    return Template(
        template_name="error.html",
        context=context(request, status_code=status, detail=detail),
        status_code=status,
    )


def _default_detail(status: int) -> str:
    return {404: "Not found", 500: "Internal server error"}.get(status, "Error")
