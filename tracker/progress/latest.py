"""Every action's latest update, kept per process and caught up incrementally.

Updates are append-only, so "the latest update of each action" only ever moves
forward: a worker loads it once (one row per action), then on each look reads
just the updates added since (`id > the highest seen`). Pages that need the
state of hundreds of actions ("Aksi saya") then cost a lookup in a dict
instead of hundreds of subqueries.

Commit order: SQLite has one writer at a time, so ids become visible in order.
PostgreSQL hands out ids from a sequence before commit, so a slow transaction
can commit id 100 after id 101 was seen; ids skipped over are therefore looked
for again for GAP_WAIT seconds (a rolled-back insert leaves a gap for good).

Writes that must be exact (sync, posting) ask the database directly
(`status.latest_updates`) inside their own transaction; this is for reading.
Call `states()` inside `db.reading()`, so it and the page's other reads share
one snapshot.
"""

from __future__ import annotations

import time
from typing import Any

from tracker import db
from tracker.progress.tables import Update

GAP_WAIT = 60.0
MAX_GAPS = 10_000
COLUMNS = "id, action, status, percent, created_at"


class LatestUpdates:
    def __init__(self) -> None:
        self.track_gaps = not db.is_sqlite()
        self.reset()

    def reset(self) -> None:
        """Forget everything (tests empty the tables between runs)."""
        self.by_action: dict[int, dict[str, Any]] = {}
        self.max_id = 0
        self.generation = getattr(self, "generation", 0) + 1  # moves whenever by_action does
        self.loaded = False
        self.gaps: dict[int, float] = {}  # id -> when first missed

    async def states(self) -> dict[int, dict[str, Any]]:
        """Latest update per action id, current as of this transaction."""
        if not self.loaded:
            await self._load()
        else:
            await self._catch_up()
        return self.by_action

    async def _load(self) -> None:
        rows = await Update.raw(
            f'SELECT {COLUMNS} FROM "update" WHERE id IN (SELECT MAX(id) FROM "update" GROUP BY action)'
        ).run()
        self.by_action = {row["action"]: row for row in rows}
        self.max_id = max((row["id"] for row in rows), default=0)
        self.loaded = True
        self.generation += 1

    async def _catch_up(self) -> None:
        gaps = list(self.gaps)[:MAX_GAPS]
        where = "id > {}" + (f" OR id IN ({', '.join('{}' for _ in gaps)})" if gaps else "")
        rows = await Update.raw(
            f'SELECT {COLUMNS} FROM "update" WHERE {where} ORDER BY id', self.max_id, *gaps
        ).run()
        if not rows and not gaps and self.max_id and not await self._still_there():
            self.reset()  # the table was emptied (tests)
            await self._load()
            return
        now = time.monotonic()
        for row in rows:
            self.gaps.pop(row["id"], None)
            if self.track_gaps and row["id"] > self.max_id + 1:
                for missing in range(self.max_id + 1, min(row["id"], self.max_id + 1 + MAX_GAPS)):
                    self.gaps.setdefault(missing, now)
            self.max_id = max(self.max_id, row["id"])
            current = self.by_action.get(row["action"])
            if current is None or row["id"] > current["id"]:
                self.by_action[row["action"]] = row
                self.generation += 1
        self.gaps = {i: t for i, t in self.gaps.items() if now - t < GAP_WAIT}

    async def _still_there(self) -> bool:
        rows = await Update.raw('SELECT 1 AS one FROM "update" WHERE id = {}', self.max_id).run()
        return bool(rows)


LATEST = LatestUpdates()
