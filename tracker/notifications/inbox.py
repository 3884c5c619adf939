"""Reading notifications and the outbox: the Notifikasi page and the admin's page."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tracker import db
from tracker.accounts import audit
from tracker.notifications.tables import FAILED, PENDING, SENDING, SENT, Notification, Outbox

STATUSES = (PENDING, SENDING, SENT, FAILED)


def last_page(page: int, total: int, per_page: int) -> int:
    """`page`, or the last page when it is past it: an old link or a typed
    ?page=999 shows the end of the list (as `/` and Aksi saya do), not an
    empty page that reads as "nothing here"."""
    return min(page, max(1, -(-total // per_page)))


async def page_for(
    user_id: int, page: int, per_page: int, lang: str
) -> tuple[list[dict[str, Any]], int, int]:
    """A page of the user's notifications, newest first, in `lang` where
    they were written in it, how many there are, and the page shown (the
    last one for a page past it)."""
    where = Notification.recipient == user_id
    total = await Notification.count().where(where).run()
    page = last_page(page, total, per_page)
    rows = (
        await Notification.select(
            Notification.id,
            Notification.kind,
            Notification.title,
            Notification.body,
            Notification.link,
            Notification.created_at,
            Notification.read_at,
            Notification.texts,
        )
        .where(where)
        .order_by(Notification.id, ascending=False)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .run()
    )
    return [in_language(row, lang) for row in rows], total, page


def in_language(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """A notification row with its title and body in `lang`, if it was
    written in it (else as stored: in its recipient's mail language)."""
    texts = row.pop("texts", None)
    found = json.loads(texts).get(lang) if texts else None
    if found:
        row["title"], row["body"] = found
    return row


async def mark_read(user_id: int, ids: list[int]) -> None:
    """The notifications shown to their user are read from now on."""
    if not ids:
        return
    async with db.writing():
        await (
            Notification.update({Notification.read_at: dt.datetime.now(dt.UTC)})
            .where(
                (Notification.recipient == user_id)
                & Notification.id.is_in(ids)
                & Notification.read_at.is_null()
            )
            .run()
        )


async def outbox_page(
    status: str | None, page: int, per_page: int
) -> tuple[list[dict[str, Any]], int, dict[str, int], int]:
    """A page of the outbox (newest first), its total, counts per status, and
    the page shown (the last one for a page past it)."""
    counts = {s: 0 for s in STATUSES}
    for row in await Outbox.raw("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status").run():
        counts[row["status"]] = row["n"]
    query = Outbox.select(
        Outbox.id,
        Outbox.kind,
        Outbox.to_address,
        Outbox.recipient.username.as_alias("username"),
        Outbox.subject,
        Outbox.status,
        Outbox.attempts,
        Outbox.next_attempt_at,
        Outbox.last_error,
        Outbox.created_at,
        Outbox.sent_at,
    )
    total = sum(counts.values())
    if status:
        query = query.where(Outbox.status == status)
        total = counts.get(status, 0)
    page = last_page(page, total, per_page)
    rows = (
        await query.order_by(Outbox.id, ascending=False)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .run()
    )
    return rows, total, counts, page


async def retry(outbox_id: int, actor: str, address: str) -> bool:
    """A failed message goes back to pending, to be sent on the next run (one more attempt)."""
    async with db.writing():
        row = (
            await Outbox.select(Outbox.id, Outbox.to_address, Outbox.kind)
            .where((Outbox.id == outbox_id) & (Outbox.status == FAILED))
            .first()
            .run()
        )
        if row is None:
            return False
        await (
            Outbox.update({Outbox.status: PENDING, Outbox.next_attempt_at: dt.datetime.now(dt.UTC)})
            .where(Outbox.id == outbox_id)
            .run()
        )
        await audit.record(
            "outbox.retry",
            f"outbox:{outbox_id}",
            user_id=None,
            username=actor,
            address=address,
            detail={"to": row["to_address"], "kind": row["kind"]},
        )
    return True
