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

Shared actions: the latest update of each part is kept too, and an action
with parts is given its parts' roll-up (`parts.roll_up`), so every page that
reads states here counts parts the same way. The parts themselves come from
`parts.registry()`, reloaded only when a sync changed them.

Readers that keep something computed from these states (the landing page's
counts) ask `changed_since(generation)` which actions moved since they last
looked: the last CHANGES_KEPT catch-ups are remembered; anything older, or a
change of every state at once (a load, new parts), answers None: count again.

Writes that must be exact (sync, posting) ask the database directly
(`status.latest_updates`) inside their own transaction; this is for reading.
Call `states()` inside `db.reading()`, so it and the page's other reads share
one snapshot.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from typing import Any

from tracker import db, heap
from tracker.progress import parts
from tracker.progress.tables import Update

GAP_WAIT = 60.0
LOAD_STEP = 10_000  # action ids per query of the first load (bounds the rows in memory at once)
MAX_GAPS = 10_000
CHANGES_KEPT = 64
COLUMNS = "id, action, part, status, percent, value, created_at"  # as `state_rows` reads them


class State(parts.Record):
    """An update's state, read like an update row (`state["status"]`).

    A tuple, not a dict: a process holds one per action and part (90,000 on
    dataset L), at about a fifth of a dict's memory; the status words are
    interned, so 90,000 states share five strings.
    """

    __slots__ = ()
    FIELDS = {"status": 0, "percent": 1, "created_at": 2, "id": 3, "value": 4}

    @classmethod
    def make(cls, update_id: int, status: str, percent: Any, value: Any, created_at: Any) -> State:
        return cls((sys.intern(status), percent, db.timestamp(created_at), update_id, value))


async def state_rows(sql: str, *args: Any) -> list[Any]:
    """Updates or status spans as tuples (update id, action, part, status,
    percent, value, time): the first load and *as of* read tens of
    thousands. Their queries write integer columns `column + 0`: an
    expression has no declared type, so SQLite hands back its integer with no
    converter called at all."""
    return await db.tuples(sql, *args)


OPEN_SQL = (
    "SELECT update_id + 0 AS id, action + 0, part + 0, status, percent + 0, value, "
    "started_at AS created_at FROM status_span "
    "WHERE ended_at IS NULL AND action >= {} AND action < {}"
)


class LatestUpdates:
    def __init__(self) -> None:
        self.track_gaps = not db.is_sqlite()
        self.reset()

    def reset(self) -> None:
        """Forget everything (tests empty the tables between runs)."""
        self.by_action: dict[int, dict[str, Any]] = {}  # what pages read: rolled up
        self.by_whole: dict[int, dict[str, Any]] = {}  # latest update without a part
        self.by_part: dict[int, dict[str, Any]] = {}
        self.registry: parts.Registry | None = None
        self.max_id = 0
        self.generation = getattr(self, "generation", 0) + 1  # moves whenever by_action does
        self.loaded = False
        self.gaps: dict[int, float] = {}  # id -> when first missed
        # (generation, actions whose state it moved), for consecutive generations
        self.changes: deque[tuple[int, frozenset[int]]] = deque(maxlen=CHANGES_KEPT)

    async def states(self) -> dict[int, dict[str, Any]]:
        """Latest update per action id, current as of this transaction."""
        if not self.loaded:
            with heap.paused():
                await self._load()
        else:
            await self._catch_up()
        registry = await parts.registry()
        if registry is not self.registry:
            with heap.paused():
                self._take_parts(registry)
        return self.by_action

    def _take_parts(self, registry: parts.Registry) -> None:
        """Roll up again the actions whose parts a sync changed (all of them
        after a load, or when the registry was read whole)."""
        old, self.registry = self.registry, registry
        if old is not None and registry.derived_from == old.fingerprint:
            if registry.moved:
                self._roll(set(registry.moved))
                self.generation += 1
                self.changes.append((self.generation, registry.moved))
            return
        self.by_action = parts.combine(self.by_whole, self.by_part, registry.by_action)
        self.generation += 1
        self.changes.clear()  # every state may have moved

    def changed_since(self, generation: int) -> set[int] | None:
        """The actions whose state may have moved after `generation` (a value
        of `self.generation` read earlier), or None if that is not known."""
        if generation == self.generation:
            return set()
        if not self.changes or self.changes[0][0] > generation + 1:
            return None
        return set().union(*(ids for moved, ids in self.changes if moved > generation))

    def _roll(self, action_ids: set[int]) -> None:
        """Recompute the states of these actions after new updates on them."""
        known = self.registry.by_action if self.registry else {}
        for action_id in action_ids:
            state = parts.combine(
                {action_id: self.by_whole[action_id]} if action_id in self.by_whole else {},
                self.by_part,
                {action_id: known[action_id]} if action_id in known else {},
            ).get(action_id)
            if state is None:
                self.by_action.pop(action_id, None)
            else:
                self.by_action[action_id] = state

    async def _load(self) -> None:
        # The open status spans: one per action and part, the latest update's
        # (index `status_span_open`), rather than grouping every update; read
        # a range of action ids at a time, kept as States.
        self.by_whole, self.by_part, self.max_id = {}, {}, 0
        bounds = await Update.raw(
            'SELECT MIN(id) AS low, MAX(id) AS high, (SELECT MAX(id) FROM "update") AS last '
            'FROM "action"'
        ).run()
        low, high = bounds[0]["low"] or 0, bounds[0]["high"] or 0
        for start in range(low, high + 1, LOAD_STEP):
            for row in await state_rows(OPEN_SQL, start, start + LOAD_STEP):
                self._keep(*row)
        # Where catching up starts: updates committed while the ranges were read
        # (PostgreSQL reads each query at its own moment) are read again.
        self.max_id = bounds[0]["last"] or 0
        self.registry = None  # states() rolls everything up
        self.loaded = True
        self.generation += 1
        self.changes.clear()

    def _keep(self, update_id: int, action: int, part: int | None, *state: Any) -> bool:
        """Keep an update (a `state_rows` row) as its action's or part's
        latest, if it is newer; True if it was."""
        self.max_id = max(self.max_id, update_id)
        kept, key = (self.by_whole, action) if part is None else (self.by_part, part)
        current = kept.get(key)
        if current is not None and current["id"] >= update_id:
            return False
        kept[key] = State.make(update_id, *state)
        return True

    async def _catch_up(self) -> None:
        if not self.gaps and await _last_update() == self.max_id:
            return  # nothing new: the stamps (read anyway) say so, no query of its own
        gaps = list(self.gaps)[:MAX_GAPS]
        # `>=`: the highest update seen comes back too, which shows the table
        # was not emptied (tests) without a query of its own.
        where = "id >= {}" + (f" OR id IN ({', '.join('{}' for _ in gaps)})" if gaps else "")
        rows = await state_rows(
            f'SELECT {COLUMNS} FROM "update" WHERE {where} ORDER BY id', self.max_id, *gaps
        )
        if self.max_id and not any(row[0] == self.max_id for row in rows):
            self.reset()  # the table was emptied (tests)
            await self._load()
            return
        now = time.monotonic()
        touched: set[int] = set()
        for row in rows:
            update_id = row[0]
            if update_id == self.max_id:
                continue  # seen already
            self.gaps.pop(update_id, None)
            if self.track_gaps and update_id > self.max_id + 1:
                for missing in range(self.max_id + 1, min(update_id, self.max_id + 1 + MAX_GAPS)):
                    self.gaps.setdefault(missing, now)
            if self._keep(*row):
                touched.add(row[1])
        if touched:
            self._roll(touched)
            self.generation += 1
            self.changes.append((self.generation, frozenset(touched)))
        self.gaps = {i: t for i, t in self.gaps.items() if now - t < GAP_WAIT}


async def _last_update() -> int:
    """The highest update id, from the read's stamps (one query shared with
    the catalog and the parts registry)."""
    from tracker.agreements.queries import stamps  # agreements read the latest updates too

    return (await stamps()).last_update or 0


LATEST = LatestUpdates()
