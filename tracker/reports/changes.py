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


# An action's standing at the earlier date: status, percent, late (`summary.standings`).
Then = tuple[str, int, bool]
KINDS = ("moved", "newly_late", "newly_done")


def classify(then: Then | None, fact: Fact) -> tuple[str, ...]:
    """Which lists `fact` belongs in (`KINDS`); none when it did not change.

    An action absent at the earlier date is new since then and counts as moved.
    A report lists the facts themselves (`row` makes what a page shows of the
    few it shows): on dataset L, as of a day long after the last Rakor, a
    row kept for each of 50,000 moved actions was a quarter of a report.
    """
    kinds = []
    if then is None or (then[0], then[1]) != (fact.status, fact.percent):
        kinds.append("moved")
    if fact.late and not (then and then[2]):
        kinds.append("newly_late")
    if fact.status == status.DONE and not (then and then[0] == status.DONE):
        kinds.append("newly_done")
    return tuple(kinds)


def row(then: Then | None, fact: Fact) -> dict[str, Any]:
    """What a page shows of a changed action: its standing then and now."""
    return {
        "action": fact.action,
        "status_then": then[0] if then else None,
        "percent_then": then[1] if then else None,
        "status_now": fact.status,
        "percent_now": fact.percent,
        "late": fact.late,
        "due": fact.due,
    }
