"""Headers every response carries, and HEAD answered like GET without a body.

One middleware rather than a header per handler, so no page can forget them:
- a Content-Security-Policy that lets pages load only the app's own scripts
  (htmx and our small scripts are files under /static; no inline script anywhere),
  and forbids framing (with X-Frame-Options for old browsers);
- X-Content-Type-Options and Referrer-Policy;
- `Cache-Control: private, no-store` on everything that did not choose its own
  caching (pages, the API, downloads: they may hold what only a login may see;
  static files say `public, max-age` themselves).
"""

from __future__ import annotations

from typing import Any

from litestar.types import ASGIApp, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


async def with_headers(scope: Scope, receive: Receive, send: Send, app: ASGIApp) -> None:
    """Call `app` for one request; the app itself calls this around its routing, so
    that errors from routing (404, 405) carry the headers too and HEAD is routed as GET."""
    if scope["type"] != "http":
        await app(scope, receive, send)
        return
    head = scope["method"] == "HEAD"
    if head:  # every page answers HEAD as its GET would, without the body
        scope = {**scope, "method": "GET"}

    async def send_with_headers(message: Any) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = _with_defaults(list(message.get("headers", [])))
        elif head and message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    await app(scope, receive, send_with_headers)


def _with_defaults(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    present = {name.lower() for name, _ in headers}
    extra = [(name, value) for name, value in ALWAYS if name not in present]
    if b"content-security-policy" not in present:
        extra.append((b"content-security-policy", CSP.encode()))
    if b"cache-control" not in present:
        extra.append((b"cache-control", b"private, no-store"))
    return headers + extra
