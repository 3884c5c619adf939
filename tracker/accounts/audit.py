"""The audit log: every write records who, when, what, and from which address."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tracker.accounts.tables import AuditEntry

# Every kind of entry the code records, and the message that names it in words
# (`/admin/audit`); an unknown kind is shown as its code.
KINDS = {
    kind: f"audit.kind.{kind}"
    for kind in (
        "update.add",
        "document.sync",
        "meeting.create",
        "meeting.edit",
        "meeting.redraft",
        "meeting.cancel",
        "meeting.undiscussed",
        "meeting.finalize",
        "meeting.reopen",
        "meeting.addresses",
        "meeting.invite",
        "meeting.chair",
        "meeting.submit",
        "meeting.return",
        "meeting.return_for",
        "meeting.approve",
        "meeting.approve_for",
        "meeting.signed_copy",
        "user.add",
        "user.passwd",
        "user.disable",
        "user.enable",
        "user.profile",
        "outbox.retry",
        "login",
        "login.failed",
        "logout",
    )
}


def kind_label(kind: str, lang: str) -> str:
    """An entry's kind in words, in the interface language."""
    from tracker import i18n

    key = KINDS.get(kind)
    return i18n.translate(key, lang) if key else kind


async def record(
    action: str,
    target: str,
    *,
    user_id: int | None,
    username: str,
    address: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one entry; call it inside the transaction of the write it describes."""
    await AuditEntry.insert(
        AuditEntry(
            at=dt.datetime.now(dt.UTC),
            user=user_id,
            username=username,
            address=address,
            action=action,
            target=target,
            detail=json.dumps(detail or {}, ensure_ascii=False, default=str),
        )
    ).run()


async def entries(page: int = 1, per_page: int = 50) -> tuple[list[dict[str, Any]], int]:
    """Newest first, one page at a time; returns the rows and the total count."""
    total = await AuditEntry.count().run()
    rows = (
        await AuditEntry.select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.username,
            AuditEntry.address,
            AuditEntry.action,
            AuditEntry.target,
            AuditEntry.detail,
        )
        .order_by(AuditEntry.id, ascending=False)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .run()
    )
    for row in rows:
        row["detail"] = (
            json.loads(row["detail"]) if isinstance(row["detail"], str) else row["detail"]
        )
    return rows, total
