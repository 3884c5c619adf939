"""Each action's state now, or as it was at any past moment.

Updates are append-only and stamped when they are stored, so the state of
every action at a past moment never changes: it is read once (the status
spans open at that moment, one indexed query: see `StatusSpan`) and kept per
process. Moments within
SETTLE of now are not kept: on PostgreSQL an update stamped just before them
may still be committing.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from tracker import db, heap, i18n
from tracker.progress import parts
from tracker.progress.latest import LATEST, State, state_rows

SETTLE = dt.timedelta(minutes=5)
KEPT = 6  # as-of moments kept per process (quarter ends, the last Rakor...)

# The spans open at a moment: each action's (and part's) latest update before
# it. One pass over an index (`status_span_ended`), not a scan of the updates.
ASOF_SQL = (
    "SELECT update_id + 0 AS id, action + 0, part + 0, status, percent + 0, value, "
    "started_at AS created_at "
    "FROM status_span WHERE (ended_at IS NULL OR ended_at >= {}) AND started_at < {}"
)

_ASOF: OrderedDict[dt.datetime, dict[int, dict[str, Any]]] = OrderedDict()


def end_of_day(day: dt.date) -> dt.datetime:
    """The moment a day ends in WITA, in UTC: "as of 31 March" includes all of 31 March."""
    start = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=i18n.WITA)
    return start.astimezone(dt.UTC)


async def states(moment: dt.datetime | None) -> dict[int, dict[str, Any]]:
    """Each action's state at `moment` (None: now): its latest update, or for an
    action with parts their roll-up with the parts tracked then. Call inside a
    transaction."""
    if moment is None or moment > dt.datetime.now(dt.UTC):
        return await LATEST.states()
    kept = _ASOF.get(moment)
    if kept is not None:
        _ASOF.move_to_end(moment)
        return kept
    with heap.paused():
        result = await _read(moment)
    if settled(moment):
        _ASOF[moment] = result
        while len(_ASOF) > KEPT:
            _ASOF.popitem(last=False)
    return result


async def _read(moment: dt.datetime) -> dict[int, dict[str, Any]]:
    """Each action's state at a past moment, read from the status spans."""
    at = db.timestamp_param(moment)
    whole: dict[int, Any] = {}
    by_part: dict[int, Any] = {}
    for update_id, action, part, *state in await state_rows(ASOF_SQL, at, at):
        if part is None:
            whole[action] = State.make(update_id, *state)
        else:
            by_part[part] = State.make(update_id, *state)
    registry = await parts.registry()
    return parts.combine(whole, by_part, registry.by_action, moment)


def settled(moment: dt.datetime) -> bool:
    """Whether every update before `moment` is surely committed (so it can be kept)."""
    return moment < dt.datetime.now(dt.UTC) - SETTLE


def forget() -> None:
    """Drop the kept moments (tests empty the tables between runs)."""
    _ASOF.clear()
