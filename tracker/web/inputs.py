"""Text from outside is refused at the door when no database can store it.

A NUL character cannot be stored by PostgreSQL (`invalid byte sequence for
encoding "UTF8": 0x00`) while SQLite would keep it: so that both engines treat
text the same, and no handler has to remember it, a URL or a form field holding
NUL is answered with 400 and a message before any handler runs. Likewise a
number in a path that no row id can be (0, negative, beyond int4) is a 404
before a query could overflow.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import UploadFile
from litestar.exceptions import ClientException, NotFoundException
from litestar.handlers import BaseRouteHandler

from tracker import db, i18n
from tracker.web.ui import language


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
    """Every handler reads forms through this: a NUL in any text field is a 400."""

    async def form(self) -> Any:
        data = await super().form()
        for _, value in data.multi_items():
            if not isinstance(value, UploadFile) and "\x00" in str(value):
                raise _refuse(self)
            if isinstance(value, UploadFile) and "\x00" in (value.filename or ""):
                raise _refuse(self)
        return data
