"""Text from outside is refused at the door when no database can store it.

A NUL character cannot be stored by PostgreSQL (`invalid byte sequence for
encoding "UTF8": 0x00`) while SQLite would keep it: so that both engines treat
text the same, and no handler has to remember it, a URL or a form field holding
NUL is answered with 400 and a message before any handler runs. Likewise a
number in a path that no row id can be (0, negative, beyond int4) is a 404
before a query could overflow.

Forms are bounded before they are parsed, because they are parsed before
anyone is known: Litestar's CSRF check reads the form of every POST, logged in
or not, on the event loop. A body is at most MAX_FORM_BYTES unless its route
says more (an update with files, a CSV), and a URL-encoded body holds at most
MAX_FIELDS fields: a 10 MB body of a million `a=b` pairs took 3 to 7 seconds
to parse, during which the worker answered no one (multipart bodies have
Litestar's own limit of 1,000 parts).
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import ClientException, NotFoundException
from litestar.handlers import BaseRouteHandler

from tracker import db, i18n
from tracker.web.ui import language

# The largest body a route takes unless it says otherwise (the app's default):
# the meeting page's one form, its largest, stays well under it.
MAX_FORM_BYTES = 256 * 1024
# The most fields a URL-encoded form may hold (the meeting page sends a few hundred).
MAX_FIELDS = 10_000


def _refuse(connection: ASGIConnection) -> ClientException:
    return ClientException(
        i18n.translator(language(connection))._(
            "The text holds a NUL character (\\0), which cannot be stored. Remove it and send again."
        ),
        status_code=400,
    )


def reject_nul_in_fields(connection: ASGIConnection, data: dict[str, Any]) -> None:
    """For a handler that takes its form as a parsed body (the login form):
    Litestar parses it without `TrackerRequest.form`, so it is checked here."""
    if any("\x00" in str(value) for value in data.values()):
        raise _refuse(connection)


async def reject_nul_in_url(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """The first app-wide guard, before the login check: the path and the query.
    (`async`, as every guard: see `auth.login_required`.)"""
    if "\x00" in connection.scope["path"] or b"%00" in connection.scope.get("query_string", b""):
        raise _refuse(connection)


async def reject_impossible_ids(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Every `{...:int}` path parameter is an id or a version number: 1 to MAX_ID."""
    for value in connection.path_params.values():
        if isinstance(value, int) and db.as_id(value) is None:
            raise NotFoundException(
                i18n.translator(language(connection))._("There is no such page: check the address.")
            )


class TrackerRequest(Request):
    """Every handler reads forms through this: a NUL in any text field is a 400,
    and so is a URL-encoded body of more than MAX_FIELDS fields."""

    async def body(self) -> bytes:
        """The body; a URL-encoded one is counted before anything parses it
        (Litestar's CSRF check and its form parameters both parse `body()`)."""
        data = await super().body()
        if (
            self.content_type[0] == RequestEncodingType.URL_ENCODED
            and data.count(b"&") >= MAX_FIELDS
        ):
            raise ClientException(
                i18n.translator(language(self))._(
                    "The form holds too many fields (at most %(max)s); nothing of it was saved.",
                    max=MAX_FIELDS,
                ),
                status_code=400,
            )
        return data

    async def form(self) -> Any:
        data = await super().form()
        for _, value in data.multi_items():
            if not isinstance(value, UploadFile) and "\x00" in str(value):
                raise _refuse(self)
            if isinstance(value, UploadFile) and "\x00" in (value.filename or ""):
                raise _refuse(self)
        return data
