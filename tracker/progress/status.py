"""Status vocabulary and "where does each action stand", from append-only updates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tracker.progress.tables import Update

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
AT_RISK = "at_risk"
DONE = "done"
CANCELLED = "cancelled"
STATUSES = (NOT_STARTED, IN_PROGRESS, AT_RISK, DONE, CANCELLED)

NOT_STARTED_STATE: dict[str, Any] = {"status": NOT_STARTED, "percent": 0, "created_at": None}


async def latest_updates(action_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The latest update of each action that has one, by action id.

    One query: the greatest update id per action (index `update_action_id`).
    """
    ids = list(action_ids)
    if not ids:
        return {}
    placeholders = ", ".join("{}" for _ in ids)
    rows = await Update.raw(
        "SELECT u.id, u.action, u.status, u.percent, u.note, u.created_at "
        'FROM "update" u WHERE u.id IN ('
        f'SELECT MAX(id) FROM "update" WHERE action IN ({placeholders}) GROUP BY action)',
        *ids,
    ).run()
    return {row["action"]: row for row in rows}


def current_state(latest: dict[int, dict[str, Any]], action_id: int) -> dict[str, Any]:
    """An action's state: its latest update, or "not started" if it has none."""
    return latest.get(action_id, NOT_STARTED_STATE)
