"""What changed between two dates ("since the last Rakor"), as pure functions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.progress import status
from tracker.reports.catalog import Catalog
from tracker.reports.summary import Fact


def last_meeting(catalog: Catalog, before: dt.date, document: str | None) -> dt.date | None:
    """The date of the latest minutes on or before `before` (following `document` if given)."""
    dates = [
        doc["date"]
        for doc in catalog.documents.values()
        if doc["kind"] == "minutes"
        and doc["date"] is not None
        and doc["withdrawn_at"] is None
        and _as_date(doc["date"]) <= before
        and (document is None or document in (doc["meta"] or {}).get("follows", []))
    ]
    return max((_as_date(d) for d in dates), default=None)


def _as_date(value: Any) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def compare(before: list[Fact], after: list[Fact]) -> dict[str, list[dict[str, Any]]]:
    """Actions that moved (status or percent), newly late and newly done.

    `before` and `after` are the same filtered set at the two dates; an action
    absent from `before` is new since then and counts as moved.
    """
    then = {fact.action.id: fact for fact in before}
    moved, newly_late, newly_done = [], [], []
    for fact in after:
        old = then.get(fact.action.id)
        row = _row(old, fact)
        if old is None or (old.status, old.percent) != (fact.status, fact.percent):
            moved.append(row)
        if fact.late and not (old and old.late):
            newly_late.append(row)
        if fact.status == status.DONE and not (old and old.status == status.DONE):
            newly_done.append(row)
    return {"moved": moved, "newly_late": newly_late, "newly_done": newly_done}


def _row(old: Fact | None, new: Fact) -> dict[str, Any]:
    return {
        "action": new.action,
        "status_then": old.status if old else None,
        "percent_then": old.percent if old else None,
        "status_now": new.status,
        "percent_now": new.percent,
        "late": new.late,
        "due": new.due,
    }
