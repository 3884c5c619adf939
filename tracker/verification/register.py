"""Issuing a PDF under a verification code, and answering for a code later.

The code is printed in the PDF, so the SHA-256 of the PDF can only be known
after rendering with it: `issue` makes the code first, has the producer render
with its stamp, hashes the bytes it got back and stores the row; the caller
then serves exactly those bytes. The producer decides how to render (a child
process for the web, in-process for the command line); this module knows
nothing of HTTP.

Two policies:
- `issue` (snapshots, such as a status report): a new code each time, the row
  kept, the bytes not;
- `issue_once` (frozen documents, such as a notulen version): the first issue
  per (kind, subject, version, language) is kept with its bytes, and every
  later download is that same file under that same code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tracker import db
from tracker.verification import codes, stamp
from tracker.verification.tables import NOTULEN, IssuedDocument

Render = Callable[[stamp.Stamp], Awaitable[bytes]]
# The largest file compared with an issued one (no issued PDF comes near it).
MAX_COMPARED_BYTES = 10 * 1024 * 1024
# `issued_by` of a PDF made by `tracker minutes export` (no username can have brackets).
COMMAND_LINE = "(cli)"
# `issued_by` of a notulen first issued for the mail that announces it.
MAIL = "(mail)"


@dataclass(frozen=True)
class Issue:
    """What is being issued, as the register and the /v page will name it."""

    kind: str  # tables.KINDS
    title: str
    subject: str  # the document's or meeting's slug
    language: str
    issued_by: str | None  # a username; COMMAND_LINE; MAIL; None: no login (public reading)
    version: int | None = None


@dataclass(frozen=True)
class Issued:
    code: str  # stored form; `codes.grouped` for people
    pdf: bytes  # the exact bytes to serve
    sha256: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def issue(doc: Issue, base_url: str, render: Render) -> Issued:
    """A snapshot: rendered with a new code, registered, its bytes not kept."""
    issued = await _render(doc, base_url, render)
    async with db.writing():
        await IssuedDocument.insert(_row(doc, issued, keep=False)).run()
    return issued


async def issue_once(doc: Issue, base_url: str, render: Render) -> Issued:
    """A frozen document: the bytes and code of its first issue, rendered now
    if it was never issued. Two first downloads at once both render; the
    unique index keeps one row, and both serve that row's bytes."""
    found = await _frozen(doc)
    if found is not None:
        return found
    issued = await _render(doc, base_url, render)
    async with db.writing():
        await (
            IssuedDocument.insert(_row(doc, issued, keep=True))
            .on_conflict(action="DO NOTHING")
            .run()
        )
    found = await _frozen(doc)
    if found is None:  # only if 80 random bits repeated an existing code
        raise RuntimeError("the issued document was not stored")
    return found


async def _render(doc: Issue, base_url: str, render: Render) -> Issued:
    code = codes.new_code()
    pdf = await render(stamp.make(base_url, code, doc.language))
    return Issued(code=code, pdf=pdf, sha256=sha256(pdf))


def _row(doc: Issue, issued: Issued, keep: bool) -> IssuedDocument:
    return IssuedDocument(
        code=issued.code,
        kind=doc.kind,
        title=doc.title,
        subject=doc.subject,
        version=doc.version,
        language=doc.language,
        sha256=issued.sha256,
        issued_at=dt.datetime.now(dt.UTC),
        issued_by=doc.issued_by,
        pdf=issued.pdf if keep else None,
    )


async def _frozen(doc: Issue) -> Issued | None:
    """The kept issue of a frozen document (the unique index's own predicate
    is in the query, so PostgreSQL can use that partial index)."""
    async with db.reading():
        row = await (
            IssuedDocument.select(IssuedDocument.code, IssuedDocument.pdf, IssuedDocument.sha256)
            .where(
                (IssuedDocument.kind == doc.kind)
                & (IssuedDocument.subject == doc.subject)
                & (IssuedDocument.version == doc.version)
                & (IssuedDocument.language == doc.language)
                & IssuedDocument.pdf.is_not_null()
            )
            .first()
            .run()
        )
    if row is None:
        return None
    return Issued(code=row["code"], pdf=bytes(row["pdf"]), sha256=row["sha256"])


# ------------------------------------------------------------------ looking up


async def find(code: str) -> dict[str, Any] | None:
    """What the register says about a code (stored form), and whether the
    document is still current; None if no PDF was issued under it."""
    async with db.reading():
        row = await IssuedDocument.select(*_PUBLIC).where(IssuedDocument.code == code).first().run()
        if row is None:
            return None
        row.update(await CURRENCY.get(row["kind"], _snapshot)(row))
        row["issued_by_name"] = await _shown_name(row["issued_by"])
    return row


async def _shown_name(issued_by: str | None) -> str | None:
    """Whom the public page names: the account's display name, never its
    username (half of a login, and /v is open to anyone)."""
    if issued_by in (None, COMMAND_LINE, MAIL):
        return None
    from tracker.accounts.tables import User

    found = await User.select(User.display_name).where(User.username == issued_by).first().run()
    return found["display_name"] if found else None


_PUBLIC = (
    IssuedDocument.code,
    IssuedDocument.kind,
    IssuedDocument.title,
    IssuedDocument.subject,
    IssuedDocument.version,
    IssuedDocument.language,
    IssuedDocument.sha256,
    IssuedDocument.issued_at,
    IssuedDocument.issued_by,
)


def same_bytes(row: dict[str, Any], data: bytes) -> tuple[bool, str]:
    """Whether `data` is, byte for byte, the PDF issued as `row`; and its SHA-256."""
    digest = sha256(data)
    return hmac.compare_digest(digest, row["sha256"]), digest


async def _snapshot(row: dict[str, Any]) -> dict[str, Any]:
    """A status report has no versions: it was true when printed."""
    return {"current": None, "latest": None, "replaced_by": None}


async def _notulen_currency(row: dict[str, Any]) -> dict[str, Any]:
    """A notulen version is current until a correction is finalized; the one
    right after it replaced it, and the latest is the one to use now."""
    from tracker.minutes.tables import MinutesVersion

    latest = await (
        MinutesVersion.select(MinutesVersion.version)
        .where(MinutesVersion.meeting.slug == row["subject"])
        .order_by(MinutesVersion.version, ascending=False)
        .first()
        .run()
    )
    newest = latest["version"] if latest else row["version"]
    superseded = row["version"] is not None and newest > row["version"]
    return {
        "current": not superseded,
        "latest": newest,
        "replaced_by": row["version"] + 1 if superseded else None,
    }


# Per kind: is the issued document still the current one? (Letters add theirs.)
CURRENCY: dict[str, Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]] = {
    NOTULEN: _notulen_currency,
}
