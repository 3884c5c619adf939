"""Gzip for pages built around a large kept fragment: the fragment is deflated once.

A document's page on dataset L is 160 KB of HTML, almost all of it the
document's rendered text, which every reader of that revision shares
(`documents.document_body`). Compressing the whole page on every request
(gzip level 6) cost as much as building it. Here the shared fragment is
deflated once and its bytes spliced between the page's own head and tail,
each deflated per request: deflate streams made by separate compressors and
ended with a sync flush can be concatenated (what pigz does), and the gzip
trailer's CRC-32 of the whole page costs a few microseconds.

A fragment is marked in the HTML (`keep_compressed`); a page that contains
one is compressed by `SplicedGzip` instead of Litestar's compression. What
is spliced is checked byte for byte against the page, so a kept deflate that
no longer matches is made again, never sent.
"""

from __future__ import annotations

import itertools
import re
import struct
import zlib
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from markupsafe import Markup

from tracker.kept import Kept

LEVEL = 6  # as the rest of the app's responses (`app.py`)
MINIMUM_SIZE = 500
OPT_OUT = "spliced_gzip"  # a route's opt that keeps Litestar's compression off it
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # gzip, no name, no time, OS unknown
_MARK = re.compile(rb"<!--kept (\d+)-->")
_tokens = itertools.count(1)


class Deflated:
    """A fragment's bytes and their raw deflate, ended with a sync flush."""

    __slots__ = ("data", "deflated")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.deflated = _deflate(data, zlib.Z_SYNC_FLUSH)


# As many as the fragments kept for marking (`documents._BODIES`, `_TABLES`,
# `status._RESULTS`: 16 each), so a fragment still kept is deflated once.
_DEFLATED: Kept[Deflated] = Kept(48)


def keep_compressed(html: str) -> Markup:
    """`html` (a kept fragment, the same for many responses) marked so that
    pages containing it deflate it once (comments: nothing shows)."""
    token = next(_tokens)
    return Markup(f"<!--kept {token}-->{html}<!--/kept {token}-->")


def gzip_page(body: bytes) -> bytes:
    """`body` gzipped, its first marked fragment deflated once and kept."""
    found = _MARK.search(body)
    end = found and body.find(b"<!--/kept " + found[1] + b"-->", found.end())
    if not found or end < 0:
        return _HEADER + _deflate(body, zlib.Z_FINISH) + _trailer(body)
    token, start = int(found[1]), found.end()
    fragment = body[start:end]
    kept = _DEFLATED.get(token, lambda: Deflated(fragment))
    if kept.data != fragment:  # a token is one rendering: never expected, always checked
        kept = Deflated(fragment)
    return b"".join(
        (
            _HEADER,
            _deflate(body[:start], zlib.Z_SYNC_FLUSH),
            kept.deflated,
            _deflate(body[end:], zlib.Z_FINISH),
            _trailer(body),
        )
    )


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
                body = gzip_page(body)
                headers["Content-Encoding"] = "gzip"
                headers["Content-Length"] = str(len(body))
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await app(scope, receive, send_gzipped)

    return middleware
