"""Pages built around a large kept fragment: its bytes made once, not per request.

A document's page on dataset L is 160 KB of HTML, almost all of it the
document's rendered text, which every reader of that revision shares
(`documents.document_body`); the status pages and the landing page are built
the same way around their kept tables. Per request, two things cost in
proportion to the fragment, not to the reader's own part of the page:

- encoding the page to UTF-8 (the text is not ASCII, so Python's encoder
  goes character by character: 0.3 ms for an L document, as much as
  building the page). A `Fragment` keeps its UTF-8 bytes, and `FragmentPage`
  encodes only what surrounds it;
- gzip level 6 of the whole page (0.7 ms). A fragment's raw deflate is made
  once and spliced between the page's own head and tail, each deflated per
  request: deflate streams made by separate compressors and ended with a
  sync flush can be concatenated (what pigz does), and the gzip trailer's
  CRC-32 of the whole page costs a few microseconds.

A fragment is marked in the HTML by comments naming its token, so that
`encode_page` finds it near the top of the page; it notes where in the bytes
each fragment went (`SPANS` in the request's scope), and the gzip splices
at those places. A fragment not exactly in the page is encoded with the rest,
and bytes not exactly the fragment's are gzipped with the rest: never sent
in their place.
"""

from __future__ import annotations

import itertools
import struct
import zlib
from collections.abc import Iterable
from typing import Any

from litestar import Request, Response
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import MediaType
from litestar.response import Template
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from markupsafe import Markup

LEVEL = 6  # as the rest of the app's responses (`app.py`)
MINIMUM_SIZE = 500
OPT_OUT = "spliced_gzip"  # a route's opt that keeps Litestar's compression off it
SPANS = "tracker.fragments"  # the scope's key: where `encode_page` put each fragment
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # gzip, no name, no time, OS unknown
_tokens = itertools.count(1)


class Fragment(Markup):
    """Kept HTML, marked, with its UTF-8 bytes and (on first use) their raw
    deflate ended with a sync flush, made once."""

    # What `keep_compressed` sets; a Fragment made by Markup's own operations
    # (`+`, `join`) has these: it is found in no page and encoded as text.
    token: int = 0
    data: bytes = b""
    _deflated: bytes | None = None

    @property
    def deflated(self) -> bytes:
        if self._deflated is None:
            self._deflated = _deflate(self.data, zlib.Z_SYNC_FLUSH)
        return self._deflated


Span = tuple[int, Fragment]  # where in a page's bytes a fragment starts, and which


def keep_compressed(html: str) -> Fragment:
    """`html` (a kept fragment, the same for many responses) as a `Fragment`
    (its marks are comments: nothing shows)."""
    token = next(_tokens)
    fragment = Fragment(f"<!--kept {token}-->{html}<!--/kept {token}-->")
    fragment.token, fragment.data = token, fragment.encode()
    return fragment


def encode_page(html: str, fragments: Iterable[Fragment]) -> tuple[bytes, list[Span]]:
    """`html` in UTF-8, each fragment found in it (in page order) taken from
    its kept bytes instead of encoded again; and where they went."""
    pieces: list[bytes] = []
    spans: list[Span] = []
    done = size = 0
    for fragment in fragments:
        start = html.find(f"<!--kept {fragment.token}-->", done)
        if start < 0 or not html.startswith(fragment, start):
            continue
        head = html[done:start].encode()
        pieces += (head, fragment.data)
        spans.append((size + len(head), fragment))
        size += len(head) + len(fragment.data)
        done = start + len(fragment)
    pieces.append(html[done:].encode() if done else html.encode())
    return b"".join(pieces), spans


class FragmentPage(Template):
    """A page whose context holds fragments: encoded by `encode_page`, with
    where they went left in the scope for `spliced_gzip`."""

    def __init__(self, *args: Any, fragments: list[Fragment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fragments = fragments

    def to_asgi_response(self, app: Any, request: Request, **kwargs: Any) -> Any:
        template = request.app.template_engine.get_template(self.template_name)
        html = template.render(**self.create_template_context(request))
        body, request.scope[SPANS] = encode_page(html, self.fragments)
        response: Response[bytes] = Response(
            content=body,
            status_code=self.status_code,
            headers=self.headers,
            cookies=self.cookies,
            media_type=self.media_type or MediaType.HTML,
            background=self.background,
        )
        return response.to_asgi_response(app, request, **kwargs)


def gzip_page(body: bytes, spans: Iterable[Span] = ()) -> bytes:
    """`body` gzipped, the fragments at `spans` spliced in as deflated once
    (those whose bytes are exactly there: `body` may have been changed since)."""
    pieces, done = [_HEADER], 0
    for start, fragment in spans:
        if start < done or not body.startswith(fragment.data, start):
            continue
        pieces += (_deflate(body[done:start], zlib.Z_SYNC_FLUSH), fragment.deflated)
        done = start + len(fragment.data)
    pieces += (_deflate(body[done:], zlib.Z_FINISH), _trailer(body))
    return b"".join(pieces)


def _deflate(data: bytes, flush: int) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(flush)


def _trailer(body: bytes) -> bytes:
    return struct.pack("<II", zlib.crc32(body), len(body) & 0xFFFFFFFF)


def spliced(opt: dict[str, Any]) -> dict[str, Any]:
    """A route's arguments for `spliced_gzip`: the middleware, and its opt
    `OPT_OUT` that keeps Litestar's gzip off the route (else gzipped twice):
    `@get("/", **spliced({"auth": "read"}))`."""
    return {"opt": {**opt, OPT_OUT: True}, "middleware": [spliced_gzip]}


def spliced_gzip(app: ASGIApp) -> ASGIApp:
    """Route middleware: gzip the response with `gzip_page` when the client
    takes gzip (the route's opt `OPT_OUT` keeps Litestar's compression off)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        accepted = dict(scope.get("headers", ())).get(b"accept-encoding", b"")
        if b"gzip" not in accepted:
            await app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_gzipped(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = MutableScopeHeaders(start)
            headers.extend_header_value("vary", "Accept-Encoding")
            if len(body) >= MINIMUM_SIZE and "content-encoding" not in headers:
                body = gzip_page(body, scope.get(SPANS, ()))
                headers["Content-Encoding"] = "gzip"
                headers["Content-Length"] = str(len(body))
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await app(scope, receive, send_gzipped)

    return middleware
