"""The per-process view of every action's latest update stays exact."""

from __future__ import annotations

import datetime as dt

from conftest import rows, run

from tracker import db
from tracker.progress.latest import LatestUpdates
from tracker.progress.tables import Update


def add(action_id: int, status: str, update_id: int | None = None) -> None:
    values = {
        "action": action_id,
        "status": status,
        "note": status,
        "source": "web",
        "created_at": dt.datetime.now(dt.UTC),
    }
    if update_id is not None:
        values["id"] = update_id

    async def insert():
        async with db.writing():
            await Update.insert(Update(**values)).run()

    run(insert())


def states(latest: LatestUpdates) -> dict[int, str]:
    async def read():
        async with db.reading():
            return {a: s["status"] for a, s in (await latest.states()).items()}

    return run(read())


def test_catches_up_with_new_updates_only(seeded):
    first, second = [a["id"] for a in rows("action")][:2]
    add(first, "in_progress")
    latest = LatestUpdates()
    assert states(latest) == {first: "in_progress"}
    add(first, "at_risk")
    add(second, "done")
    assert states(latest) == {first: "at_risk", second: "done"}


def test_an_id_committed_late_is_not_missed(seeded):
    action = rows("action")[0]["id"]
    latest = LatestUpdates()
    latest.track_gaps = True  # as on PostgreSQL, whatever engine runs this test
    add(action, "in_progress", update_id=1)
    assert states(latest) == {action: "in_progress"}
    add(action, "done", update_id=3)  # id 2 is still "in flight"
    assert states(latest) == {action: "done"}
    assert 2 in latest.gaps
    add(action, "at_risk", update_id=2)  # commits late: older than 3, so 3 stays latest
    assert states(latest) == {action: "done"} and latest.gaps == {}
