"""The signed copy: a scan (PDF) of the printed notulen, signed, attached to the
finalized version it signs.

Kept like the evidence of a progress update: the bytes once per content in
`progress.EvidenceFile` (in the database, so a failed upload leaves nothing
behind and every server sees every file), the same size limit, and the type
decided by the first bytes, never the name. Append-only: a new scan is added
beside the others, none is replaced or deleted, and each is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from tracker import db
from tracker.accounts import audit
from tracker.accounts.tables import User
from tracker.accounts.users import CurrentUser
from tracker.i18n import N_
from tracker.minutes.meetings import MeetingError
from tracker.minutes.tables import MinutesVersion, SignedCopy
from tracker.progress import files
from tracker.progress.updates import MAX_FILE_BYTES, sniff

PDF = "application/pdf"


@dataclass
class Scan:
    """An uploaded file as received: its name as the browser sent it, and its bytes."""

    filename: str
    data: bytes


def check(scan: Scan) -> str:
    """The stored name of an acceptable scan; `MeetingError` (field `file`) otherwise."""
    if not scan.data:
        raise MeetingError(N_("Choose the scan's PDF file."), field="file")
    if len(scan.data) > MAX_FILE_BYTES:
        raise MeetingError(
            N_("The file is too large: at most %(max_mb)s MB."),
            field="file",
            max_mb=MAX_FILE_BYTES // 2**20,
        )
    if sniff(scan.data) != PDF:
        raise MeetingError(
            N_("%(name)s is not a PDF. Attach the scan as a PDF."),
            field="file",
            name=_base_name(scan.filename)[:80],
        )
    name = _base_name(scan.filename) or "notulen-ttd"
    return name[:200] if name.lower().endswith(".pdf") else name[:196] + ".pdf"


def _base_name(filename: str) -> str:
    """A name fit for a download header: no folders, no control characters."""
    name = re.split(r"[\\/]", filename or "")[-1]
    return re.sub(r"[\x00-\x1f\x7f\"]", "", name).strip()


async def attach(user: CurrentUser, slug: str, number: int, scan: Scan, address: str) -> int:
    """Add a scan to version `number` of the meeting's minutes; the new copy's id."""
    filename = check(scan)
    digest = hashlib.sha256(scan.data).hexdigest()  # before the write lock: it takes a while
    async with db.writing():
        version = (
            await MinutesVersion.select(MinutesVersion.id)
            .where((MinutesVersion.meeting.slug == slug) & (MinutesVersion.version == number))
            .first()
            .run()
        )
        if version is None:
            raise MeetingError(N_("There is no version %(value)s."), value=number)
        await files.keep(digest, scan.data)
        rows = await SignedCopy.insert(
            SignedCopy(
                version=version["id"],
                filename=filename,
                size=len(scan.data),
                sha256=digest,
                uploaded_by=user.id,
                uploaded_at=dt.datetime.now(dt.UTC),
            )
        ).run()
        copy_id = rows[0]["id"]
        await audit.record(
            "meeting.signed_copy",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={"version": number, "copy": copy_id, "file": filename, "size": len(scan.data)},
        )
    return copy_id


# In plain SQL: Piccolo's builder of its three joins cost more than the query
# (a finalized minutes page reads it on every request).
COPIES_SQL = (
    'SELECT c."id", c."filename", c."size", c."uploaded_at", v."version" AS "version", '
    'u."display_name" AS "uploaded_by" FROM "signed_copy" c '
    'JOIN "minutes_version" v ON v."id" = c."version" '
    'JOIN "meeting" m ON m."id" = v."meeting" '
    f'LEFT JOIN "{User._meta.tablename}" u ON u."id" = c."uploaded_by" '
    'WHERE m."slug" = {} ORDER BY c."id"'
)


async def copies(slug: str) -> list[dict[str, Any]]:
    """Every scan of the meeting's minutes, oldest first, with its version and uploader."""
    async with db.reading():
        return await SignedCopy.raw(COPIES_SQL, slug).run()


async def copy_file(slug: str, copy_id: int) -> dict[str, Any] | None:
    """A scan's name and bytes, if it belongs to this meeting."""
    async with db.reading():
        row = (
            await SignedCopy.select(SignedCopy.filename, SignedCopy.sha256)
            .where((SignedCopy.id == copy_id) & (SignedCopy.version.meeting.slug == slug))
            .first()
            .run()
        )
        if row is None:
            return None
        data = await files.read(row["sha256"])
    return {"filename": row["filename"], "data": data}
