""" "Aksi saya": the actions a secretariat's parties own or support.

Late ones first, then by due date (no deadline last); actions not updated in
STALE_AFTER are flagged. Sorting, filtering and paging happen in SQL, so a page
of 25 costs the same however many actions a party has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker import db
from tracker.accounts.users import CurrentUser
from tracker.agreements.tables import Action
from tracker.progress import status

PER_PAGE = 25
STALE_AFTER = dt.timedelta(days=60)
CLOSED = f"('{status.DONE}', '{status.CANCELLED}')"
STATE = f"COALESCE(u.status, '{status.NOT_STARTED}')"

FROM = """
FROM "action" a
JOIN "document" d ON d.id = a.document
LEFT JOIN "update" u ON u.id = (SELECT MAX(id) FROM "update" WHERE action = a.id)
WHERE a.withdrawn_at IS NULL AND d.withdrawn_at IS NULL
"""
MINE = """ AND a.id IN (SELECT ap.action FROM "action_party" ap
  JOIN "party" p ON p.id = ap.party WHERE p.key IN ({keys}))"""
OPEN_ONLY = f" AND {STATE} NOT IN {CLOSED}"
ORDER = f"""
ORDER BY CASE WHEN a.due < {{}} AND {STATE} NOT IN {CLOSED} THEN 0 ELSE 1 END,
  CASE WHEN a.due IS NULL THEN 1 ELSE 0 END, a.due, d.slug, a.position
"""


def _where(user: CurrentUser, include_closed: bool) -> tuple[str, list[Any]]:
    sql, args = FROM, []
    if not user.is_admin:
        sql += MINE.format(keys=", ".join("{}" for _ in user.parties))
        args += list(user.parties)
    if not include_closed:
        sql += OPEN_ONLY
    return sql, args


async def my_actions(
    user: CurrentUser,
    today: dt.date,
    page: int = 1,
    include_closed: bool = False,
    per_page: int = PER_PAGE,
) -> dict[str, Any]:
    """One page of the user's actions, with the total for paging."""
    where, args = _where(user, include_closed)
    if not user.is_admin and not user.parties:
        return {"actions": [], "total": 0, "page": 1, "pages": 1}
    async with db.reading():
        total = (await Action.raw("SELECT COUNT(*) AS n " + where, *args).run())[0]["n"]
        pages = max(1, -(-total // per_page))
        page = min(max(page, 1), pages)
        rows = await Action.raw(
            "SELECT a.id, a.code, a.title, a.due, a.created_at, a.target_value, a.target_unit, "
            "d.slug AS document, d.title AS document_title, "
            "u.status AS status, u.percent AS percent, u.created_at AS updated_at "
            + where
            + ORDER
            + f" LIMIT {int(per_page)} OFFSET {int((page - 1) * per_page)}",
            *args,
            today,
        ).run()
        owners = await _owners([r["id"] for r in rows])
    stale_before = dt.datetime.now(dt.UTC) - STALE_AFTER
    for row in rows:
        row["status"] = row["status"] or status.NOT_STARTED
        row["percent"] = status.percent_of(row)
        row["late"] = status.is_late(row["due"], row["status"], today)
        last = _aware(row["updated_at"] or row["created_at"])
        row["stale"] = row["status"] not in (status.DONE, status.CANCELLED) and last < stale_before
        row["owner"] = owners.get(row["id"], [])
    return {"actions": rows, "total": total, "page": page, "pages": pages}


async def _owners(action_ids: list[int]) -> dict[int, list[str]]:
    if not action_ids:
        return {}
    marks = ", ".join("{}" for _ in action_ids)
    rows = await Action.raw(
        'SELECT ap.action AS action, p.key AS key FROM "action_party" ap JOIN "party" p ON p.id = ap.party '
        f"WHERE ap.role = 'owner' AND ap.action IN ({marks}) ORDER BY ap.position",
        *action_ids,
    ).run()
    result: dict[int, list[str]] = {}
    for r in rows:
        result.setdefault(r["action"], []).append(r["key"])
    return result


def _aware(value: Any) -> dt.datetime:
    """Raw SQLite rows may give timestamps as text; make them aware datetimes."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
