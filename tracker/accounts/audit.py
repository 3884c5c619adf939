"""The audit log: every write records who, when, what, and from which address."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tracker.accounts.tables import AuditEntry
from tracker.i18n import N_

# Every kind of entry the code records, and the message that names it in words
# (`/admin/audit`); an unknown kind is shown as its code.
KINDS = {
    "update.add": N_("Progress update added"),
    "document.sync": N_("Document synced"),
    "document.withdraw": N_("Document withdrawn"),
    "meeting.create": N_("Meeting created"),
    "meeting.finalize": N_("Minutes issued"),
    "meeting.reopen": N_("Minutes reopened for correction"),
    "user.add": N_("User added"),
    "user.passwd": N_("Password changed"),
    "user.disable": N_("User disabled"),
    "user.enable": N_("User enabled again"),
    "login": N_("Logged in"),
    "login.failed": N_("Failed login"),
    "login.refused": N_("Login refused (too many failed attempts)"),
    "logout": N_("Logged out"),
    "meeting.undiscussed": N_("Choice for undiscussed items changed"),
    "user.profile": N_("Profile and mail choices changed"),
    "outbox.retry": N_("Message sent again"),
    "meeting.edit": N_("Meeting details changed"),
    "meeting.redraft": N_("Meeting agenda re-drafted"),
    "meeting.cancel": N_("Draft meeting cancelled"),
    "meeting.addresses": N_("Attendees' email addresses changed"),
    "meeting.invite": N_("Rakor invitation sent"),
    "meeting.signed_copy": N_("Scan of the signed minutes attached"),
    "meeting.chair": N_("Chair's account changed"),
    "meeting.submit": N_("Minutes submitted for approval"),
    "meeting.return": N_("Minutes returned by the chair"),
    "meeting.return_for": N_("Minutes returned by an admin for the chair"),
    "meeting.approve": N_("Minutes approved by the chair"),
    "meeting.approve_for": N_("Minutes approved by an admin for the chair"),
}


def kind_label(kind: str, lang: str) -> str:
    """An entry's kind in words, in the interface language."""
    from tracker import i18n

    message = KINDS.get(kind)
    return i18n.translator(lang)._(message) if message else kind


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


COLUMNS = (
    AuditEntry.id,
    AuditEntry.at,
    AuditEntry.username,
    AuditEntry.address,
    AuditEntry.action,
    AuditEntry.target,
    AuditEntry.detail,
)


async def entries(page: int = 1, per_page: int = 50) -> tuple[list[dict[str, Any]], bool]:
    """Newest first, one page at a time: the rows (`detail` as stored: see
    `parse_detail`), and whether older ones follow.

    No count of the whole log: every write adds an entry, so counting them
    would cost each page more as the years go by (a million entries is about
    a year of daily reporting at scale).
    """
    rows = (
        await AuditEntry.select(*COLUMNS)
        .order_by(AuditEntry.id, ascending=False)
        .limit(per_page + 1)
        .offset((page - 1) * per_page)
        .run()
    )
    return rows[:per_page], len(rows) > per_page


async def entry(entry_id: int) -> dict[str, Any] | None:
    """One entry, whole (`detail` as stored), or None."""
    return await AuditEntry.select(*COLUMNS).where(AuditEntry.id == entry_id).first().run()


def parse_detail(value: str | dict) -> dict[str, Any]:
    """An entry's detail as a dict (stored as JSON text; some drivers parse it)."""
    return json.loads(value) if isinstance(value, str) else value
