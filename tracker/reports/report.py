"""A status report that takes new updates in instead of counting again.

A report (the overview, or one document's status) is counted once for a
catalog, a day and a set of filters: its table of facts in page order, and a
`Tally` per document, commitment, party, reporting party of parts and region.
When updates arrive, `LATEST.changed_since` names the actions they moved;
`patch` takes those actions' old facts out of every tally and list and puts
their new facts in. On dataset L that is a few actions' work instead of
50,000 actions counted again by every worker after every update.

What a page reads (`shown`) is built from the tallies on first use after a
change and kept until the next one. A patch replaces lists rather than
editing them, so a page built from the report before it stays consistent.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from typing import Any

from tracker import db
from tracker.progress import parts, status
from tracker.reports import changes, summary
from tracker.reports.catalog import Catalog
from tracker.reports.summary import Fact, Filters, Tally

OVERVIEW, DOCUMENT = "overview", "document"
PARTS_LISTED = 50  # a party's parts listed under the per-party table
REGIONS_SHOWN = 60  # rows of the per-region table; a region filter narrows it
EXPIRY_WARNING_DAYS = 90  # an agreement this close to its `valid_until` is marked
CLOSED = (status.DONE, status.CANCELLED)  # a part in these is not late
_revisions = itertools.count(1)


class Report:
    """Counts and the ordered table of one status page's actions (see the module)."""

    def __init__(
        self,
        catalog: Catalog,
        kind: str,
        filters: Filters,
        day: dt.date,
        moment: dt.datetime | None,
        then: dict[int, changes.Then] | None,
    ) -> None:
        self.catalog, self.kind, self.filters = catalog, kind, filters
        self.day, self.moment = day, moment
        self.counted = summary.Day.of(day)  # (a part's due soon and stale, as `summary.facts`)
        self.then = then  # the standing at the "since" date, for what changed; None: no since
        self.rows: list[Fact] = []
        self.facts: dict[int, Fact] = {}
        self.totals = Tally()
        self.groups: dict[int, Tally] = {}  # per document (overview) or commitment (document)
        self.parties: dict[int, Tally] = {}
        self.party_parts: dict[int, Tally] = {}
        self.regions: dict[str, Tally] = {}
        self.region_names: dict[str, str] = {}
        # The facts that changed since then, per kind (`changes.KINDS`), in table order.
        self.changed: dict[str, list[Fact]] = {kind: [] for kind in changes.KINDS}
        self.extra: dict[str, Any] = {}  # kept beside the counts: the chart, the since date
        self.generation = 0
        # Names what the report says, across every report of the process: a page
        # rendered from it can be kept under this number (it moves on each patch).
        self.revision = next(_revisions)
        self._shown: dict[str, Any] | None = None

    @classmethod
    def count(
        cls,
        catalog: Catalog,
        kind: str,
        filters: Filters,
        day: dt.date,
        moment: dt.datetime | None,
        states: dict[int, dict[str, Any]],
        then: dict[int, changes.Then] | None,
    ) -> Report:
        """Every action's fact counted once."""
        report = cls(catalog, kind, filters, day, moment, then)
        report.rows = summary.order(summary.facts(catalog, states, day, moment, filters))
        for fact in report.rows:
            report.facts[fact.action.id] = fact
            report._tally(fact, 1)
            report._classify(fact, report.changed, append=True)
        return report

    def patch(
        self,
        action_ids: set[int],
        states: dict[int, dict[str, Any]],
        rebase: tuple[Catalog, dict[int, changes.Then] | None] | None = None,
    ) -> None:
        """Take in the new states of these actions (all other states unchanged);
        with `rebase`, on a catalog derived from this report's own and the
        standing on the since day that goes with it (what it shows names
        documents too: titles may have changed)."""
        if rebase is not None:
            self.catalog, self.then = rebase
        rows = list(self.rows)
        changed = {kind: list(found) for kind, found in self.changed.items()}
        for action_id in action_ids:
            old = self.facts.pop(action_id, None)
            if old is not None:
                self._tally(old, -1)
                _remove(rows, old, summary.order_key(old))
                for found in changed.values():
                    _remove(found, old, summary.order_key(old))
        actions = [self.catalog.by_id[i] for i in action_ids if i in self.catalog.by_id]
        for fact in summary.facts(
            self.catalog, states, self.day, self.moment, self.filters, actions
        ):
            self.facts[fact.action.id] = fact
            self._tally(fact, 1)
            bisect.insort(rows, fact, key=summary.order_key)
            self._classify(fact, changed, append=False)
        self.rows, self.changed = rows, changed
        self.moved_on()

    def moved_on(self) -> None:
        """What the report shows is to be built again, under a new revision
        (its catalog changed: a document's title, a party's name)."""
        self._shown = None
        self.revision = next(_revisions)

    def _tally(self, fact: Fact, sign: int) -> None:
        """Count `fact` in (1) or out (-1) of every tally it belongs to."""
        action = fact.action
        self.totals.add(fact, sign)
        group = action.document if self.kind == OVERVIEW else action.commitment
        _at(self.groups, group).add(fact, sign)
        for party in {*action.owners, *action.supporters}:
            _at(self.parties, party).add(fact, sign)
        no_due = fact.due is None
        for part in fact.parts:  # without a `part_fact` for each part
            current, percent, late, soon, stale, _ = self._part_standing(fact, part)
            standing = (current, percent, late, no_due, sign, soon, stale)
            _at(self.party_parts, part.owner).add_part(*standing)
            if part.kind == parts.REGION:
                _at(self.regions, part.key).add_part(*standing)
                self.region_names.setdefault(part.key, part.label)

    def _part_standing(self, fact: Fact, part: parts.PartInfo) -> tuple:
        """`_part_standing` on this report's day, with due soon and stale by
        an action's rules (`summary.Day.timeliness`)."""
        current, percent, late, state = _part_standing(fact, part)
        last = (db.timestamp(state["created_at"]) if state else None) or (
            part.since or fact.action.tracked_from
        )
        soon, stale = self.counted.timeliness(current, fact.due, last)
        return current, percent, late, soon, stale, state

    def _classify(self, fact: Fact, into: dict[str, list[Fact]], append: bool) -> None:
        if self.then is None:
            return
        for kind in changes.classify(self.then.get(fact.action.id), fact):
            if append:  # counting in table order
                into[kind].append(fact)
            else:
                bisect.insort(into[kind], fact, key=summary.order_key)

    def shown(self) -> dict[str, Any]:
        """What the page reads: counts as dicts and tables, built once per change."""
        if self._shown is None:
            shown: dict[str, Any] = {
                "revision": self.revision,
                "rows": self.rows,
                "totals": self.totals.result(),
                "parties": self._by_party(),
                "party_parts": self._party_parts(),
                "regions": self._by_region(),
                "changes": (
                    {**self.changed, **self.extra["since"], "then": self.then}
                    if "since" in self.extra
                    else None
                ),
            }
            if self.kind == OVERVIEW:
                shown["documents"] = self._by_document()
            else:
                shown["commitments"] = self._by_commitment()
                shown["chart"] = self.extra.get("chart")
            self._shown = shown
        return self._shown

    def _by_document(self) -> list[dict[str, Any]]:
        docs = [self.catalog.documents[d] for d, tally in self.groups.items() if tally.total]
        docs.sort(key=lambda d: (str(d["signed"] or d["date"] or ""), d["slug"]))
        return [
            {
                **document_fields(doc),
                **expiry(doc, self.day),
                "counts": self.groups[doc["id"]].result(),
            }
            for doc in docs
        ]

    def _by_commitment(self) -> list[dict[str, Any]]:
        document_id = self.catalog.by_slug[self.filters.document]
        return [
            {
                "slug": commitment["slug"],
                "title": commitment["title"],
                "parent": commitment["parent"],
                "counts": self.groups[cid].result(),
            }
            for cid, commitment in self.catalog.commitments.items()
            if commitment["document"] == document_id
            and cid in self.groups
            and self.groups[cid].total
        ]

    def _by_party(self) -> list[dict[str, Any]]:
        """Per party, the actions it owns or supports (an action counts for each party)."""
        parties = self.catalog.parties
        found = sorted(
            (p for p, t in self.parties.items() if t.total), key=lambda p: parties[p]["key"]
        )
        return [
            {
                "key": parties[p]["key"],
                "name": parties[p]["name"],
                "counts": self.parties[p].result(),
            }
            for p in found
        ]

    def _party_parts(self) -> list[dict[str, Any]]:
        """Per party, the parts of shared actions it reports on, counted like
        actions (and, for the party filtered on, the parts themselves)."""
        parties = self.catalog.parties
        party = self.filters.party
        wanted = self.catalog.party_ids.get(party) if party else None
        result = []
        for party_id in sorted(
            (p for p, t in self.party_parts.items() if t.total), key=lambda p: parties[p]["key"]
        ):
            entry = {
                "key": parties[party_id]["key"],
                "name": parties[party_id]["name"],
                "counts": self.party_parts[party_id].result(),
            }
            if party_id == wanted:
                own = [
                    part_fact(fact, part, self._part_standing(fact, part))
                    for fact in self.rows
                    for part in fact.parts
                    if part.owner == party_id
                ]
                entry["parts"] = [self._part_row(f) for f in summary.order(own)[:PARTS_LISTED]]
            result.append(entry)
        return result

    def _by_region(self) -> dict[str, Any] | None:
        """Per region, the parts of the actions broken down by region: counted
        like actions, the regions furthest behind first (most late parts, then
        the lowest percent, then in code order). None when no action here has regions."""
        table = [
            {"key": key, "name": self.region_names[key], "counts": tally.result()}
            for key, tally in self.regions.items()
            if tally.total
        ]
        if not table:
            return None
        table.sort(
            key=lambda r: (
                -r["counts"]["late"],
                r["counts"]["percent"],
                parts.region_order(r["key"]),
            )
        )
        return {"rows": table[:REGIONS_SHOWN], "total": len(table)}

    def _part_row(self, fact: Fact) -> dict[str, Any]:
        return {
            "document": self.catalog.documents[fact.action.document]["slug"],
            "code": fact.action.code,
            "title": fact.action.title,
            "part": fact.holding[0],
            "due": fact.due,
            "status": fact.status,
            "percent": fact.percent,
            "late": fact.late,
            "updated_at": fact.updated_at,
        }

    @property
    def size(self) -> int:
        """How many facts this report holds (what keeping it costs)."""
        return len(self.rows) + (len(self.then) if self.then else 0)


def part_fact(fact: Fact, part: parts.PartInfo, standing: tuple | None = None) -> Fact:
    """A part's standing, as a Fact of its action (same due date, its own report;
    its label in `holding`). `standing`: `Report._part_standing`'s, with due
    soon and stale; without it, those two are not asked (False)."""
    if standing is None:
        current, percent, late, state = _part_standing(fact, part)
        soon = stale = False
    else:
        current, percent, late, soon, stale, state = standing
    return Fact(
        action=fact.action,
        due=fact.due,
        status=current,
        percent=percent,
        updated_at=db.timestamp(state["created_at"]) if state else None,
        late=late,
        due_soon=soon,
        stale=stale,
        holding=(part.label,),
    )


def _part_standing(fact: Fact, part: parts.PartInfo) -> tuple[str, int, bool, Any]:
    """A part's status, percent and lateness on the fact's day, and its latest
    update (None: never reported)."""
    state = (fact.part_states or {}).get(part.id)
    current = state["status"] if state else status.NOT_STARTED
    percent = status.percent_of(state) if state else 0
    return current, percent, fact.past_due and current not in CLOSED, state


def document_fields(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": doc["slug"],
        "title": doc["title"],
        "kind": doc["kind"],
        "signed": doc["signed"],
        "date": doc["date"],
        "withdrawn": doc["withdrawn_at"] is not None,
    }


def expiry(doc: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """`valid_until`, and whether the agreement ends within 90 days of `day`
    (or has ended): its renewal must be prepared in time."""
    try:
        until = dt.date.fromisoformat((doc.get("meta") or {}).get("valid_until") or "")
    except ValueError:
        return {"valid_until": None, "expiring": False, "expired": False}
    return {
        "valid_until": until,
        "expiring": day <= until <= day + dt.timedelta(days=EXPIRY_WARNING_DAYS),
        "expired": until < day,
    }


def _at(tallies: dict[Any, Tally], key: Any) -> Tally:
    tally = tallies.get(key)
    if tally is None:
        tally = tallies[key] = Tally()
    return tally


def _remove(rows: list[Fact], fact: Fact, key: tuple) -> None:
    """Remove this very fact from rows in `order_key` order, if it is there."""
    i = bisect.bisect_left(rows, key, key=summary.order_key)
    while i < len(rows) and rows[i] is not fact:
        if summary.order_key(rows[i]) != key:
            return  # not in this list (a what-changed list holds some facts only)
        i += 1
    if i < len(rows):
        del rows[i]
