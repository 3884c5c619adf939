"""The counting rules of the status pages, as pure functions.

For a set of actions on a given day:
- counts by status: every tracked (not withdrawn) action, cancelled included;
- percent complete: the mean of the actions' percents (done counts 100, no
  report 0), cancelled left out;
- late: past due and neither done nor cancelled;
- due soon: due within the next DUE_SOON days (today included), still open;
- no deadline: open and without a due date;
- stale: open and no update (or, never updated, not created) in STALE days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tracker import db, i18n
from tracker.i18n import N_
from tracker.progress import parts, status
from tracker.reports.catalog import Catalog, CatalogAction

DUE_SOON = 30
STALE = 60
OPEN = (status.NOT_STARTED, status.IN_PROGRESS, status.AT_RISK)
WINDOWS = ("7", "30", "90", "none")  # due within N days, or no deadline


class FilterError(ValueError):
    """A filter value the user can correct: an English msgid (marked with `N_`) and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(i18n.translator("en")._(key, **values))
        self.key, self.values = key, values


@dataclass(frozen=True, slots=True)
class Filters:
    document: str | None = None
    commitment: str | None = None
    party: str | None = None
    statuses: tuple[str, ...] = ()
    late_only: bool = False
    window: str | None = None
    # A region key: only actions broken down by region with parts in it, each
    # standing as those parts roll up.
    region: str | None = None

    def query(self) -> dict[str, Any]:
        """The filters as URL parameters (what `parse` reads back)."""
        params: dict[str, Any] = {}
        for name in ("document", "commitment", "party", "region", "window"):
            if getattr(self, name):
                params[name] = getattr(self, name)
        if self.statuses:
            params["status"] = list(self.statuses)
        if self.late_only:
            params["late"] = "1"
        return params

    @property
    def active(self) -> bool:
        return bool(self.query())


def parse_filters(params: dict[str, list[str]], catalog: Catalog) -> Filters:
    """Filters from URL parameters; unknown values raise FilterError."""

    def one(name: str) -> str | None:
        values = [v.strip() for v in params.get(name, []) if v.strip()]
        return values[-1] if values else None

    document, commitment, party, window = (
        one("document"),
        one("commitment"),
        one("party"),
        one("window"),
    )
    if document and document not in catalog.by_slug:
        raise FilterError(N_("Unknown document: %(value)s"), value=document)
    if commitment and not document:
        raise FilterError(N_("A commitment filter needs a document."))
    if commitment and not any(
        c["slug"] == commitment and c["document"] == catalog.by_slug[document]
        for c in catalog.commitments.values()
    ):
        raise FilterError(
            N_("Commitment %(value)s is not in document %(document)s."),
            value=commitment,
            document=document,
        )
    if party and party not in catalog.party_ids:
        raise FilterError(N_("Unknown party: %(value)s"), value=party)
    region = one("region")
    if region and region not in catalog.regions:
        raise FilterError(
            N_(
                "No action here is broken down by region %(value)s. Choose a region from the list (a Kemendagri code, for example 51.03)."
            ),
            value=region,
        )
    statuses = tuple(sorted({v for v in params.get("status", []) if v}))
    for value in statuses:
        if value not in status.STATUSES:
            raise FilterError(
                N_("Unknown status: %(value)s (one of %(allowed)s)"),
                value=value,
                allowed=", ".join(status.STATUSES),
            )
    if window and window not in WINDOWS:
        raise FilterError(
            N_("Unknown due window: %(value)s (one of %(allowed)s)"),
            value=window,
            allowed=", ".join(WINDOWS),
        )
    late = one("late")
    if late not in (None, "0", "1", "on", "true"):
        raise FilterError(N_("late must be 1 or 0, not %(value)s"), value=late)
    return Filters(
        document, commitment, party, statuses, late in ("1", "on", "true"), window, region
    )


@dataclass(slots=True)
class Fact:
    """One action's standing on a day: what every table and export is made of."""

    action: CatalogAction
    due: dt.date | None
    status: str
    percent: int
    updated_at: dt.datetime | None
    late: bool
    due_soon: bool
    stale: bool
    holding: tuple[str, ...] = ()  # when late: the parts not yet done, by label
    part_states: dict | None = None  # a shared action's parts: part id -> latest update
    parts_total: int = 0  # how many parts the action had on the day
    past_due: bool = False  # the due date has passed on the day (a part still open is late)
    parts: tuple[parts.PartInfo, ...] = ()  # the parts counted: all, or those in the region

    def region_parts(self) -> list[parts.PartInfo]:
        """The action's region parts counted here (within the filtered region, if any)."""
        return [p for p in self.parts if p.kind == parts.REGION]


def facts(
    catalog: Catalog,
    states: dict[int, dict[str, Any]],
    day: dt.date,
    moment: dt.datetime | None,
    filters: Filters,
    actions: Iterable[CatalogAction] | None = None,
) -> list[Fact]:
    """The tracked actions at `moment` (None: now) that pass the filters, standing on `day`
    (of `actions` only, when given: a kept report taking in the actions that moved)."""
    counted = Day.of(day)
    result = []
    for action, state, live in _tracked(catalog, states, moment, filters, actions):
        fact = _fact(action, state, live, counted, moment)
        if _passes(fact, filters, day):
            result.append(fact)
    return result


@dataclass(frozen=True, slots=True)
class Day:
    """The day counted on, with the bounds of "due soon" and "stale" worked
    out once for every action and part counted."""

    day: dt.date
    soon_until: dt.date
    stale_before: dt.datetime

    @classmethod
    def of(cls, day: dt.date) -> Day:
        stale = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=STALE)
        return cls(day, day + dt.timedelta(days=DUE_SOON), stale)

    def timeliness(self, current: str, due: dt.date | None, last: dt.datetime) -> tuple[bool, bool]:
        """(due soon, stale) of an action or a part in status `current`: while
        open, due within DUE_SOON days; not reported on for STALE days (`last`:
        its last report, or never reported, the moment it was tracked from)."""
        if current not in OPEN:
            return False, False
        return due is not None and self.day <= due <= self.soon_until, last < self.stale_before


def standings(
    catalog: Catalog,
    states: dict[int, dict[str, Any]],
    day: dt.date,
    moment: dt.datetime | None,
    filters: Filters,
    actions: Iterable[CatalogAction] | None = None,
) -> dict[int, tuple[str, int, bool]]:
    """What `facts` would give, as each action's (status, percent, late) only:
    what "since the last Rakor" compares with, for every action of the page,
    without a Fact built for each (on dataset L, 50,000 of them). The
    filters on document, commitment, party and region only."""
    assert not (filters.statuses or filters.late_only or filters.window), filters
    result = {}
    for action, state, _ in _tracked(catalog, states, moment, filters, actions):
        current = state["status"] if state else status.NOT_STARTED
        result[action.id] = (
            current,
            status.percent_of(state) if state else 0,
            status.is_late(action.due_at(moment), current, day),
        )
    return result


def _tracked(
    catalog: Catalog,
    states: dict[int, dict[str, Any]],
    moment: dt.datetime | None,
    filters: Filters,
    actions: Iterable[CatalogAction] | None,
) -> Iterator[tuple[CatalogAction, dict[str, Any] | None, list[parts.PartInfo]]]:
    """The actions tracked at `moment` within the filters' document,
    commitment, party and region, each with its state (within the region, if
    filtered) and its parts counted."""
    document = catalog.by_slug.get(filters.document) if filters.document else None
    commitment_ids = {
        cid
        for cid, c in catalog.commitments.items()
        if c["document"] == document and c["slug"] == filters.commitment
    }
    party = catalog.party_ids.get(filters.party) if filters.party else None
    if actions is None:
        actions = catalog.actions if document is None else catalog.actions_of(document)
    for action in actions:
        if document is not None and action.document != document:
            continue
        if filters.commitment and action.commitment not in commitment_ids:
            continue
        if party is not None and party not in action.owners and party not in action.supporters:
            continue
        if not action.exists_at(moment) or not _document_live(catalog, action.document, moment):
            continue
        state = states.get(action.id)
        live = action.parts_at(moment) if action.parts else []
        if filters.region:
            live = [
                p for p in live if p.kind == parts.REGION and parts.in_region(p.key, filters.region)
            ]
            if not live:
                continue
            state = _region_state(live, len(action.parts_at(moment)), state)
        yield action, state, live


def _region_state(
    live: list[parts.PartInfo], total: int, state: dict[str, Any] | None
) -> dict | None:
    """How an action's parts in one region roll up (its `with` reports left
    aside). Against a count target, the region's share of it: the sum of its
    parts' own targets when each has one, else its fraction of the parts."""
    found = (state.get("parts") or {}) if state else {}
    target = live[0].count_target
    if target:
        own = [p.target for p in live]
        share = sum(own) if all(own) else target * len(live) / max(total, 1)
        live = [dataclasses.replace(p, count_target=share) for p in live]
    rolled = parts.roll_up(live, found, None)
    return rolled if rolled is not None else {"status": status.NOT_STARTED, "holding": []}


def _document_live(catalog: Catalog, document: int, moment: dt.datetime | None) -> bool:
    withdrawn = catalog.documents[document]["withdrawn_at"]
    return withdrawn is None or (moment is not None and withdrawn > moment)


def _fact(
    action: CatalogAction,
    state: dict[str, Any] | None,
    live: list[parts.PartInfo],
    counted: Day,
    moment: dt.datetime | None,
) -> Fact:
    """An action's standing from its state; `live` are its parts counted (all
    of them, or those in the filtered region)."""
    day = counted.day
    current = state["status"] if state else status.NOT_STARTED
    updated = db.timestamp(state["created_at"]) if state and state.get("created_at") else None
    due = action.due_at(moment)
    late = status.is_late(due, current, day)
    held = set(state.get("holding") or ()) if late and state else set()
    due_soon, stale = counted.timeliness(current, due, updated or action.tracked_from)
    return Fact(
        action=action,
        due=due,
        status=current,
        percent=status.percent_of(state) if state else 0,
        updated_at=updated,
        late=late,
        due_soon=due_soon,
        stale=stale,
        holding=_holding(live, held, late),
        part_states=((state.get("parts") or {}) if state else {}) if action.parts else None,
        parts_total=len(live),
        past_due=due is not None and due < day,
        parts=tuple(live),
    )


def _holding(live: list[parts.PartInfo], held: set[int], late: bool) -> tuple[str, ...]:
    """The labels of the parts that keep a late action from being done."""
    if not late or not live:
        return ()
    return tuple(p.label for p in live if p.id in held or not held)


def _passes(fact: Fact, filters: Filters, day: dt.date) -> bool:
    if filters.statuses and fact.status not in filters.statuses:
        return False
    if filters.late_only and not fact.late:
        return False
    if filters.window == "none":
        return fact.due is None and fact.status in OPEN
    if filters.window:
        horizon = day + dt.timedelta(days=int(filters.window))
        return fact.status in OPEN and fact.due is not None and day <= fact.due <= horizon
    return True


class Tally:
    """The counts of a set of facts by the rules above (by status, percent
    complete, late, due soon, no deadline, stale), kept as sums so that a
    fact can be taken out again: a kept report adjusts its counts by what an
    update changed instead of counting every action again."""

    __slots__ = ("by_status", "late", "due_soon", "no_due", "stale", "percent_sum", "counted")

    def __init__(self) -> None:
        self.by_status = dict.fromkeys(status.STATUSES, 0)
        self.late = self.due_soon = self.no_due = self.stale = 0
        self.percent_sum = self.counted = 0

    def add(self, fact: Fact, sign: int = 1) -> None:
        """Count `fact` in (sign 1) or out again (sign -1)."""
        self.add_part(
            fact.status, fact.percent, fact.late, fact.due is None, sign, fact.due_soon, fact.stale
        )

    def add_part(
        self,
        current: str,
        percent: int,
        late: bool,
        no_due: bool,
        sign: int,
        due_soon: bool = False,
        stale: bool = False,
    ) -> None:
        """Count a standing in or out: a part's, without building a Fact for
        it, or a fact's (`add`)."""
        self.by_status[current] += sign
        if late:
            self.late += sign
        if due_soon:
            self.due_soon += sign
        if stale:
            self.stale += sign
        if no_due and current in OPEN:
            self.no_due += sign
        if current != status.CANCELLED:
            self.percent_sum += sign * percent
            self.counted += sign

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def result(self) -> dict[str, Any]:
        counted = self.counted
        return {
            "total": self.total,
            "by_status": dict(self.by_status),
            "percent": round(self.percent_sum / counted, 1) if counted else 0.0,
            "late": self.late,
            "due_soon": self.due_soon,
            "no_due": self.no_due,
            "stale": self.stale,
        }


def order_key(fact: Fact) -> tuple:
    """Late first, then by due date (no deadline last), then as written."""
    return (
        not fact.late,
        fact.due is None,
        fact.due or dt.date.max,
        fact.action.document,
        fact.action.position,
    )


def order(rows: list[Fact]) -> list[Fact]:
    """The facts in table order (`order_key`)."""
    return sorted(rows, key=order_key)
