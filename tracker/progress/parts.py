"""Parts of shared actions, and how an action rolls up from them.

An action owned by several parties has one part per owner (or, when broken
down by region, one per region); each part is reported on by its own
secretariat. The action's own state is then derived, never stored:

- done when every part is done (cancelled parts left out), cancelled when
  every part is cancelled, at risk when any part is, in progress when any
  part has moved, else not started;
- percent: the mean of the parts' percents (done 100, none 0, cancelled left
  out), or, when the action's target is a count (`40 pelatihan`), the sum of
  the parts' values against that target;
- late (derived by the caller from the due date): when not done, so when any
  part is late; `holding` names the parts not yet done or cancelled;
- its last report: the newest report on any part or on the whole action.

A whole-action update (by a `with` party) stays in the action's history. It
sets the status of a parted action only if it was made before the action had
parts, and only while no part has been reported yet: so an action that was
reported on before it was split keeps that state until its owners report
their parts. One made after the split never does: a supporting party would
otherwise mark its owners' action done before any of them had reported.

The pure functions here know nothing of the database; `registry()` and
`exact_states()` read it.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tracker import db, heap

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
AT_RISK = "at_risk"
DONE = "done"
CANCELLED = "cancelled"
PERCENT_UNITS = ("%", "persen", "percent")
REGION = "region"  # the kind of a part that is a region (else `owner`)
WITH_ACTION = dt.timedelta(hours=1)  # parts made by the sync that made their action

PARTS_FROM = (
    'SELECT p."id", p."action", p."key", p."label", p."owner", p."kind", p."target_value", '
    'p."target_unit", p."position", p."created_at", p."withdrawn_at", '
    'a."created_at" AS "action_created_at", a."target_value" AS "action_target", '
    'a."target_unit" AS "action_unit", o."key" AS "owner_key" FROM "part" p '
    'JOIN "action" a ON a."id" = p."action" JOIN "party" o ON o."id" = p."owner" '
)
PARTS_SQL = PARTS_FROM + 'ORDER BY p."action", p."position"'
SOME_PARTS_SQL = PARTS_FROM + 'WHERE p."action" IN ({ids}) ORDER BY p."action", p."position"'
# Parts change only when a document is synced (its `synced_at` moves) or
# withdrawn: the registry's fingerprint is those stamps and the highest part id
# (never deleted, so it moves with every new part; one index lookup, where
# COUNT(*) reads every part), from `queries.stamps`.


class Record(tuple):
    """A tuple read like a row by field name (`record["status"]`,
    `record.get("parts")`): what a process keeps one of per action and part,
    at a fraction of a dict's memory. Subclasses name their fields."""

    __slots__ = ()
    FIELDS: dict[str, int] = {}

    def __getitem__(self, key):  # type: ignore[override]
        return tuple.__getitem__(self, self.FIELDS[key] if isinstance(key, str) else key)

    def get(self, key: str, default: Any = None) -> Any:
        index = self.FIELDS.get(key)
        return default if index is None else tuple.__getitem__(self, index)


class Rolled(Record):
    """An action's state rolled up from its parts (`roll_up`). Every worker
    keeps one per shared action now and at each *as of* moment it keeps (on
    dataset L, 30,000 a moment): a dict each cost three times the memory."""

    __slots__ = ()
    FIELDS = {"id": 0, "status": 1, "percent": 2, "created_at": 3, "holding": 4, "parts": 5}


@dataclass(frozen=True, slots=True)
class PartInfo:
    """One part as sync wrote it, with what its action's roll-up needs."""

    id: int
    action: int
    key: str
    label: str
    owner: int
    kind: str
    target: float | None
    position: int
    since: dt.datetime | None  # None: as old as its action
    withdrawn_at: dt.datetime | None
    count_target: float | None  # the action's target, when it is a count
    owner_key: str = ""

    def exists_at(self, moment: dt.datetime | None) -> bool:
        """Whether the part was tracked at `moment` (None: now)."""
        if moment is None:
            return self.withdrawn_at is None
        return (self.since is None or self.since < moment) and (
            self.withdrawn_at is None or self.withdrawn_at > moment
        )


def count_target(value: float | None, unit: str | None) -> float | None:
    """The action's target if it counts things (`40 pelatihan`), not a percent."""
    if value is None or value <= 0 or (unit or "").strip().lower() in PERCENT_UNITS:
        return None
    return float(value)


def part_percent(state: Mapping[str, Any] | None) -> int:
    if state is None:
        return 0
    if state["status"] == DONE:
        return 100
    return state.get("percent") or 0


def roll_up(
    parts: list[PartInfo],
    part_states: Mapping[int, Mapping[str, Any]],
    whole: Mapping[str, Any] | None,
) -> Rolled | None:
    """The state of an action made of `parts` (those tracked at the moment looked at).

    `part_states` maps a part id to its latest update; `whole` is the latest
    update without a part. None means "not started, never reported".
    """
    reported = [part_states[p.id] for p in parts if p.id in part_states]
    if not reported and whole is None:
        return None
    if not reported and _before_parts(whole, parts):
        return Rolled(
            (
                whole["id"],
                whole["status"],
                whole.get("percent"),
                whole["created_at"],
                [p.id for p in parts],
                None,
            )
        )
    states = [part_states.get(p.id) for p in parts]
    statuses = [s["status"] if s else NOT_STARTED for s in states]
    counted = [(p, s) for p, s, st in zip(parts, states, statuses, strict=True) if st != CANCELLED]
    if not counted:
        current = CANCELLED
    elif all(s is not None and s["status"] == DONE for _, s in counted):
        current = DONE
    elif AT_RISK in statuses:
        current = AT_RISK
    elif any(st in (IN_PROGRESS, DONE) for st in statuses) or any(
        part_percent(s) for _, s in counted
    ):
        current = IN_PROGRESS
    else:
        current = NOT_STARTED
    target = parts[0].count_target if parts else None
    if target:
        reached = sum((s or {}).get("value") or 0 for _, s in counted)
        percent = min(100, round(100 * reached / target))
    else:
        percent = round(sum(part_percent(s) for _, s in counted) / len(counted)) if counted else 0
    newest = max([*reported, *([whole] if whole else [])], key=lambda s: s["id"])
    return Rolled(
        (
            newest["id"],
            current,
            100 if current == DONE else percent,
            newest["created_at"],
            [p.id for p, st in zip(parts, statuses, strict=True) if st not in (DONE, CANCELLED)],
            {p.id: s for p, s in zip(parts, states, strict=True) if s is not None},
        )
    )


def _before_parts(whole: Mapping[str, Any], parts: list[PartInfo]) -> bool:
    """Whether a whole-action report predates the action's parts: it was
    reported on before it was split (parts made with their action, `since`
    None, have no such before)."""
    since = [p.since for p in parts]
    if not since or any(s is None for s in since):
        return False
    return db.timestamp(whole["created_at"]) < min(since)


def combine(
    by_action: Mapping[int, Mapping[str, Any]],
    by_part: Mapping[int, Mapping[str, Any]],
    parts: Mapping[int, list[PartInfo]],
    moment: dt.datetime | None = None,
) -> dict[int, Any]:
    """Every action's state: its latest whole update, or its parts' roll-up."""
    result: dict[int, Any] = dict(by_action)
    for action_id, action_parts in parts.items():
        live = [p for p in action_parts if p.exists_at(moment)]
        if not live:
            continue
        state = roll_up(live, by_part, by_action.get(action_id))
        if state is None:
            result.pop(action_id, None)
        else:
            result[action_id] = state
    return result


def wider_regions(key: str) -> list[str]:
    """The official regions a region key lies in, widest last, down to the
    kabupaten/kota: `51.03.01.2001` -> [`51.03.01`, `51.03`, `51`]. A desa adat
    key (`adat:kuta`) names no official region."""
    if not key[:1].isdigit():
        return []
    segments = key.split(".")
    return [".".join(segments[:n]) for n in range(len(segments) - 1, 0, -1)]


def in_region(key: str, region: str) -> bool:
    """Whether the part with region key `key` lies in (or is) `region`."""
    return key == region or key.startswith(region + ".")


def region_order(key: str) -> tuple:
    """Official codes first, in code order (so each kabupaten is followed by
    what lies in it), then desa adat by key."""
    if key[:1].isdigit():
        return (0, tuple(int(s) for s in key.split(".") if s.isdigit()))
    return (1, key)


@dataclass(slots=True)
class Registry:
    """Every part by action, reloaded when sync changed them."""

    fingerprint: tuple
    by_action: dict[int, list[PartInfo]]
    by_id: dict[int, PartInfo]
    # Each document's (synced_at, withdrawn_at) when this was read: a sync
    # changes the parts of its own document only, so the next load reads
    # just the documents whose stamps moved.
    documents: dict[int, tuple] = field(default_factory=dict)
    # Read from the registry with this fingerprint, only the changed
    # documents' parts: `moved` are the actions whose parts differ from it
    # (often none: a sync that changed a title). None: read whole.
    derived_from: tuple | None = None
    moved: frozenset[int] | None = None


_REGISTRY: list[Registry] = []
DOCUMENT_STAMPS = 'SELECT id, synced_at, withdrawn_at FROM "document"'
DOCUMENT_PARTS_SQL = PARTS_FROM + 'WHERE a."document" IN ({ids}) ORDER BY p."action", p."position"'


async def registry() -> Registry:
    """The parts of every action (withdrawn ones too). Call inside a transaction."""
    from tracker.agreements.queries import changed_documents, stamps  # agreements read parts too
    from tracker.agreements.tables import Part

    now = await stamps()
    fingerprint = (now.synced, now.withdrawn, now.parts)
    if _REGISTRY and _REGISTRY[0].fingerprint == fingerprint:
        return _REGISTRY[0]
    documents = {
        row["id"]: (db.timestamp(row["synced_at"]), db.timestamp(row["withdrawn_at"]))
        for row in await Part.raw(DOCUMENT_STAMPS).run()
    }
    previous = _REGISTRY[0] if _REGISTRY else None
    changed = changed_documents(documents, previous.documents if previous else None)
    if previous is None or changed is None:
        found = Registry(fingerprint, {}, {}, documents)
        with heap.paused():
            for row in await db.tuples(PARTS_SQL):
                info = _info(row)
                found.by_action.setdefault(info.action, []).append(info)
                found.by_id[info.id] = info
    else:
        found = await _derive(previous, fingerprint, documents, changed)
    _REGISTRY[:] = [found]
    return found


async def _derive(
    previous: Registry, fingerprint: tuple, documents: dict[int, tuple], changed: set[int]
) -> Registry:
    """`previous` with the changed documents' parts read again. Parts are never
    deleted, so every part an action had is among those read."""

    fresh: dict[int, list[PartInfo]] = {}
    if changed:
        sql = DOCUMENT_PARTS_SQL.format(ids=", ".join("{}" for _ in changed))
        for row in await db.tuples(sql, *changed):
            info = _info(row)
            fresh.setdefault(info.action, []).append(info)
    moved = frozenset(a for a, found in fresh.items() if previous.by_action.get(a) != found)
    by_action, by_id = previous.by_action, previous.by_id
    if moved:
        by_action = {**previous.by_action, **{a: fresh[a] for a in moved}}
        by_id = dict(previous.by_id)
        by_id.update((info.id, info) for a in moved for info in fresh[a])
    return Registry(fingerprint, by_action, by_id, documents, previous.fingerprint, moved)


def _info(row: Sequence[Any]) -> PartInfo:
    """A part from a row of `PARTS_FROM` (a tuple, in its column order)."""
    (
        part_id, action, key, label, owner, kind, target_value, _unit, position,
        created_at, withdrawn_at, action_created_at, action_target, action_unit, owner_key,
    ) = row  # fmt: skip
    created = db.timestamp(created_at)
    with_action = abs(created - db.timestamp(action_created_at)) < WITH_ACTION
    # Interned: on dataset L, 90,000 parts share a few dozen keys, labels and owners.
    return PartInfo(
        id=part_id,
        action=action,
        key=sys.intern(key),
        label=sys.intern(label),
        owner=owner,
        kind=sys.intern(kind),
        target=target_value,
        position=position,
        since=None if with_action else created,
        withdrawn_at=db.timestamp(withdrawn_at),
        count_target=count_target(action_target, action_unit),
        owner_key=sys.intern(owner_key or ""),
    )


LATEST_SQL = (
    'SELECT u."id", u."action", u."part", u."status", u."percent", u."value", u."created_at" '
    'FROM "update" u WHERE u."id" IN (SELECT MAX("id") FROM "update" '
    'WHERE "action" IN ({ids}) GROUP BY "action", "part")'
)


async def latest_rows(
    action_ids: Iterable[int],
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """The latest whole-action update per action, and the latest update per part."""
    whole: dict[int, dict[str, Any]] = {}
    by_part: dict[int, dict[str, Any]] = {}
    for ids in db.batches(list(action_ids)):
        sql = LATEST_SQL.format(ids=", ".join("{}" for _ in ids))
        for row in await _raw(sql, *ids):
            (whole if row["part"] is None else by_part)[row["part"] or row["action"]] = row
    return whole, by_part


async def _raw(sql: str, *args: Any) -> list[dict[str, Any]]:
    from tracker.progress.tables import Update

    return await Update.raw(sql, *args).run()


async def exact_states(action_ids: Iterable[int]) -> dict[int, Any]:
    """Each action's state read from the database now (for writes that must be
    exact, and one action's page): its updates and its own parts only, so the
    cost follows the actions asked for, not every part of every document."""
    ids = list(action_ids)
    whole, by_part = await latest_rows(ids)
    return combine(whole, by_part, await parts_of(ids))


async def parts_of(action_ids: list[int]) -> dict[int, list[PartInfo]]:
    """The parts (withdrawn ones too) of these actions, by action."""
    found: dict[int, list[PartInfo]] = {}
    for ids in db.batches(action_ids):
        sql = SOME_PARTS_SQL.format(ids=", ".join("{}" for _ in ids))
        for row in await db.tuples(sql, *ids):
            info = _info(row)
            found.setdefault(info.action, []).append(info)
    return found


def forget() -> None:
    _REGISTRY.clear()
