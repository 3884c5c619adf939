"""Status vocabulary and "where does each action stand", from append-only updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from tracker import db
from tracker.progress import parts
from tracker.progress.tables import Update

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
AT_RISK = "at_risk"
DONE = "done"
CANCELLED = "cancelled"
STATUSES = (NOT_STARTED, IN_PROGRESS, AT_RISK, DONE, CANCELLED)

NOT_STARTED_STATE: dict[str, Any] = {"status": NOT_STARTED, "percent": 0, "created_at": None}


async def latest_updates(action_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The state of each action that has a report, by action id, read now.

    Its latest update, or for an action with parts their roll-up
    (`parts.roll_up`). One query for the updates (the greatest id per action
    and part, index `update_action_id`), the parts from `parts.registry()`.
    """
    return await parts.exact_states(action_ids)


async def latest_part_updates(part_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The latest update of each part that has one, by part id (read now)."""
    result: dict[int, dict[str, Any]] = {}
    for ids in db.batches(list(part_ids)):
        placeholders = ", ".join("{}" for _ in ids)
        rows = await Update.raw(
            'SELECT u.id, u.action, u.part, u.status, u.percent, u.value, u.created_at FROM "update" u '
            f'WHERE u.id IN (SELECT MAX(id) FROM "update" WHERE part IN ({placeholders}) GROUP BY part)',
            *ids,
        ).run()
        result.update((row["part"], row) for row in rows)
    return result


def current_state(latest: dict[int, dict[str, Any]], action_id: int) -> dict[str, Any]:
    """An action's state: its latest update, or "not started" if it has none."""
    return latest.get(action_id, NOT_STARTED_STATE)


def is_late(due: dt.date | None, state: str, today: dt.date) -> bool:
    """Late is derived, never stored: past due and neither done nor cancelled."""
    return due is not None and due < today and state not in (DONE, CANCELLED)


def percent_of(state: dict[str, Any]) -> int:
    """An action's percent complete: done counts as 100, no report as 0."""
    if state["status"] == DONE:
        return 100
    return state.get("percent") or 0


def summarize(rows: Iterable[dict[str, Any]], today: dt.date) -> dict[str, Any]:
    """Counts by status, late, and mean percent (withdrawn/cancelled excluded).

    Each row has `status`, `percent` and `due`; withdrawn actions must already
    be left out by the caller.
    """
    counts = dict.fromkeys(STATUSES, 0)
    late = 0
    percents = []
    for row in rows:
        state = row["status"] or NOT_STARTED
        counts[state] += 1
        late += is_late(row["due"], state, today)
        if state != CANCELLED:
            percents.append(percent_of({"status": state, "percent": row["percent"]}))
    total = sum(counts.values())
    return {
        "total": total,
        "by_status": counts,
        "done": counts[DONE],
        "late": late,
        "percent": round(sum(percents) / len(percents), 1) if percents else 0.0,
    }
