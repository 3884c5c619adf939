"""The status pages' read models: the overview and one document's status.

A page's numbers depend only on the catalog (what sync wrote), the actions'
states at the chosen moment and the day, so each computed report is kept per
process under those keys: reading the same page again costs a dict lookup
and the slicing of one table page. Any new update or sync changes the key.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from tracker import db
from tracker.agreements.queries import today
from tracker.i18n import N_
from tracker.progress import parts, status
from tracker.progress.latest import LATEST
from tracker.reports import catalog as catalogs
from tracker.reports import changes, chart, history, summary, whatsapp
from tracker.reports.summary import Fact, FilterError, Filters

EARLIEST = dt.date(2000, 1, 1)  # no agreement tracked here is older
ACTIONS_PER_PAGE = 25
DOCUMENTS_PER_PAGE = 25
CHANGES_SHOWN = 25
KEPT = 256  # reports kept per worker...
KEPT_FACTS = 200_000  # ...holding at most this many action facts (about 20 MB)


@dataclass(frozen=True, slots=True)
class View:
    """What a status page shows: filters, the as-of day, the since day, the page."""

    filters: Filters
    asof: dt.date | None = None
    since: dt.date | None = None
    page: int = 1
    documents_page: int = 1

    def query(self, **changes: Any) -> dict[str, Any]:
        params = self.filters.query()
        if self.asof:
            params["asof"] = self.asof.isoformat()
        if self.since:
            params["since"] = self.since.isoformat()
        params["page"], params["dpage"] = self.page, self.documents_page
        params.update(changes)
        return {
            k: v
            for k, v in params.items()
            if v not in (None, "") and not (k in ("page", "dpage") and v == 1)
        }


def parse_day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FilterError(
            N_("%(name)s must be a date YYYY-MM-DD, not %(value)s"), name=name, value=value
        ) from None
    if day > today():
        raise FilterError(
            N_("%(name)s cannot be in the future (%(value)s)"), name=name, value=value
        )
    if day < EARLIEST:
        raise FilterError(
            N_("%(name)s is too early (%(value)s): from the year 2000"), name=name, value=value
        )
    return day


def parse_page(value: str | None, name: str) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        raise FilterError(
            N_("%(name)s must be a page number, not %(value)s"), name=name, value=value
        ) from None


async def parse_view(params: dict[str, list[str]]) -> View:
    """A View from URL parameters (lists per name); bad values raise FilterError."""
    async with db.reading():
        catalog = await catalogs.current()
    last = {k: (v[-1] if v else None) for k, v in params.items()}
    asof = parse_day(last.get("asof"), "asof")
    since = parse_day(last.get("since"), "since")
    if since and since >= (asof or today()):
        raise FilterError(N_('"Since" must be before the as-of date.'))
    return View(
        filters=summary.parse_filters(params, catalog),
        asof=asof,
        since=since,
        page=parse_page(last.get("page"), "page"),
        documents_page=parse_page(last.get("dpage"), "dpage"),
    )


_KEPT: OrderedDict[tuple, Any] = OrderedDict()
_kept_facts = 0


def _recall(key: tuple) -> dict[str, Any] | None:
    report = _KEPT.get(key)
    if report is not None:
        _KEPT.move_to_end(key)
    return report


def _remember(key: tuple, value: dict[str, Any]) -> dict[str, Any]:
    """Keep a computed report; the oldest go first, by count and by facts held."""
    global _kept_facts
    _KEPT[key] = value
    _kept_facts += len(value["rows"])
    while len(_KEPT) > 1 and (len(_KEPT) > KEPT or _kept_facts > KEPT_FACTS):
        _, old = _KEPT.popitem(last=False)
        _kept_facts -= len(old["rows"])
    return value


async def _snapshot(
    view: View,
) -> tuple[catalogs.Catalog, dict, dt.date, dt.datetime | None, tuple]:
    """The catalog and states for the view's moment, with a key naming that state."""
    catalog = await catalogs.current()
    day = view.asof or today()
    moment = history.end_of_day(view.asof) if view.asof else None
    states = await history.states(moment)
    if states is LATEST.by_action:
        version: tuple = ("now", LATEST.generation, view.asof)
    elif history.settled(moment):
        version = ("asof", moment)
    else:
        version = ("unsettled", object())  # a key nothing will ask for again: not kept
    return catalog, states, day, moment, (catalog.fingerprint, version, day)


async def overview(view: View) -> dict[str, Any]:
    """Every document and party: counts, and the filtered actions (one page)."""
    async with db.reading():
        catalog, states, day, moment, key = await _snapshot(view)
        full_key = ("overview", key, view.filters, view.since)
        report = _recall(full_key)
        if report is None:
            rows = summary.order(summary.facts(catalog, states, day, moment, view.filters))
            report = {
                "rows": rows,
                "totals": summary.count(rows),
                "documents": _by_document(catalog, rows, day),
                "parties": _by_party(catalog, rows),
                "party_parts": _party_parts(catalog, rows, view.filters.party),
                "regions": _by_region(rows),
                "changes": await _changes(catalog, view, rows, day, None),
            }
            if not _unsettled(key):
                _remember(full_key, report)
    return _page(catalog, view, day, report, documents=True)


async def document_status(slug: str, view: View) -> dict[str, Any] | None:
    """One document: counts per commitment and party, the weekly chart, its actions."""
    async with db.reading():
        catalog, states, day, moment, key = await _snapshot(view)
        document_id = catalog.by_slug.get(slug)
        if document_id is None:
            return None
        filters = Filters(**{**_fields(view.filters), "document": slug})
        full_key = ("document", key, filters, view.since)
        report = _recall(full_key)
        if report is None:
            rows = summary.order(summary.facts(catalog, states, day, moment, filters))
            doc = catalog.documents[document_id]
            start = doc["signed"] or doc["date"] or day
            start = dt.date.fromisoformat(start) if isinstance(start, str) else start
            end = moment or dt.datetime.now(dt.UTC)
            report = {
                "rows": rows,
                "totals": summary.count(rows),
                "commitments": _by_commitment(catalog, rows, document_id),
                "parties": _by_party(catalog, rows),
                "party_parts": _party_parts(catalog, rows, filters.party),
                "regions": _by_region(rows),
                "chart": await chart.weekly(catalog, document_id, end, start),
                "changes": await _changes(catalog, view, rows, day, slug),
            }
            if not _unsettled(key):
                _remember(full_key, report)
    result = _page(catalog, view, day, report, documents=False)
    result["document"] = _document(catalog.documents[document_id])
    return result


def _fields(filters: Filters) -> dict[str, Any]:
    return {name: getattr(filters, name) for name in Filters.__slots__}


async def _changes(
    catalog: catalogs.Catalog, view: View, rows: list[Fact], day: dt.date, slug: str | None
) -> dict[str, Any] | None:
    """Since the last Rakor (or `since`): what moved, newly late, newly done."""
    since = view.since or changes.last_meeting(catalog, day - dt.timedelta(days=1), slug)
    if since is None:
        return None
    moment = history.end_of_day(since)
    states = await history.states(moment)
    # Every action that could be in `rows` then: status, late and window filters
    # apply to now only (an action late now but not then is newly late, not new).
    scope = view.filters
    filters = Filters(
        document=slug or scope.document,
        commitment=scope.commitment,
        party=scope.party,
        region=scope.region,
    )
    before = summary.facts(catalog, states, since, moment, filters)
    result: dict[str, Any] = changes.compare(before, rows)
    result["since"] = since
    result["explicit"] = view.since is not None
    return result


def _unsettled(key: tuple) -> bool:
    return key[1][0] == "unsettled"


EXPIRY_WARNING_DAYS = 90  # an agreement this close to its `valid_until` is marked


def _by_document(catalog: catalogs.Catalog, rows: list[Fact], day: dt.date) -> list[dict[str, Any]]:
    groups = summary.group(rows, lambda f: f.action.document)
    docs = [catalog.documents[d] for d in groups]
    docs.sort(key=lambda d: (str(d["signed"] or d["date"] or ""), d["slug"]))
    return [
        {**_document(doc), **_expiry(doc, day), "counts": summary.count(groups[doc["id"]])}
        for doc in docs
    ]


def _expiry(doc: dict[str, Any], day: dt.date) -> dict[str, Any]:
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


def _by_commitment(
    catalog: catalogs.Catalog, rows: list[Fact], document_id: int
) -> list[dict[str, Any]]:
    groups = summary.group(rows, lambda f: f.action.commitment)
    result = []
    for cid, commitment in catalog.commitments.items():
        if commitment["document"] == document_id and cid in groups:
            result.append(
                {
                    "slug": commitment["slug"],
                    "title": commitment["title"],
                    "parent": commitment["parent"],
                    "counts": summary.count(groups[cid]),
                }
            )
    return result


def _by_party(catalog: catalogs.Catalog, rows: list[Fact]) -> list[dict[str, Any]]:
    """Per party, the actions it owns or supports (an action counts for each party)."""
    groups = summary.group(rows, lambda f: set(f.action.owners) | set(f.action.supporters))
    parties = sorted(groups, key=lambda p: catalog.parties[p]["key"])
    return [
        {
            "key": catalog.parties[p]["key"],
            "name": catalog.parties[p]["name"],
            "counts": summary.count(groups[p]),
        }
        for p in parties
    ]


PARTS_LISTED = 50  # a party's parts listed under the per-party table


def _party_parts(
    catalog: catalogs.Catalog, rows: list[Fact], party: str | None
) -> list[dict[str, Any]]:
    """Per party, the parts of shared actions it reports on, counted like actions
    (and, for the party filtered on, the parts themselves)."""
    facts = _parts_by(rows, lambda part: part.owner)
    wanted = catalog.party_ids.get(party) if party else None
    result = []
    for party_id in sorted(facts, key=lambda p: catalog.parties[p]["key"]):
        found = facts[party_id]
        entry = {
            "key": catalog.parties[party_id]["key"],
            "name": catalog.parties[party_id]["name"],
            "counts": summary.count(found),
        }
        if party_id == wanted:
            entry["parts"] = [_part_row(catalog, f) for f in summary.order(found)[:PARTS_LISTED]]
        result.append(entry)
    return result


def _parts_by(rows: list[Fact], key: Any, regions_only: bool = False) -> dict[Any, list[Fact]]:
    """The parts of these actions (or their region parts) as Facts, grouped by `key(part)`."""
    grouped: dict[Any, list[Fact]] = {}
    for fact in rows:
        for part in fact.region_parts() if regions_only else fact.parts:
            grouped.setdefault(key(part), []).append(_part_fact(fact, part))
    return grouped


def _part_fact(fact: Fact, part: Any) -> Fact:
    """A part's standing, as a Fact of its action (same due date, its own report;
    its label in `holding`)."""

    state = (fact.part_states or {}).get(part.id)
    current = state["status"] if state else status.NOT_STARTED
    return Fact(
        action=fact.action,
        due=fact.due,
        status=current,
        percent=status.percent_of(state) if state else 0,
        updated_at=db.timestamp(state["created_at"]) if state else None,
        late=fact.past_due and current not in (status.DONE, status.CANCELLED),
        due_soon=False,
        stale=False,
        holding=(part.label,),
    )


REGIONS_SHOWN = 60  # rows of the per-region table; a region filter narrows it


def _by_region(rows: list[Fact]) -> dict[str, Any] | None:
    """Per region, the parts of the actions broken down by region: counted like
    actions, the regions furthest behind first (most late parts, then the
    lowest percent, then in code order). None when no action here has regions."""
    facts = _parts_by(rows, lambda part: part.key, regions_only=True)
    if not facts:
        return None
    table = [
        {"key": key, "name": found[0].holding[0], "counts": summary.count(found)}
        for key, found in facts.items()
    ]
    table.sort(
        key=lambda r: (-r["counts"]["late"], r["counts"]["percent"], parts.region_order(r["key"]))
    )
    return {"rows": table[:REGIONS_SHOWN], "total": len(table)}


def _part_row(catalog: catalogs.Catalog, fact: Fact) -> dict[str, Any]:
    return {
        "document": catalog.documents[fact.action.document]["slug"],
        "code": fact.action.code,
        "title": fact.action.title,
        "part": fact.holding[0],
        "due": fact.due,
        "status": fact.status,
        "percent": fact.percent,
        "late": fact.late,
        "updated_at": fact.updated_at,
    }


def _document(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": doc["slug"],
        "title": doc["title"],
        "kind": doc["kind"],
        "signed": doc["signed"],
        "date": doc["date"],
        "withdrawn": doc["withdrawn_at"] is not None,
    }


def _page(
    catalog: catalogs.Catalog, view: View, day: dt.date, report: dict, documents: bool
) -> dict[str, Any]:
    """The report with one page of its action table (and of its document table)."""
    rows = report["rows"]
    pages = max(1, -(-len(rows) // ACTIONS_PER_PAGE))
    page = min(view.page, pages)
    shown = rows[(page - 1) * ACTIONS_PER_PAGE : page * ACTIONS_PER_PAGE]
    result = {
        "day": day,
        "asof": view.asof,
        "filters": view.filters.query(),
        "totals": report["totals"],
        "parties": report["parties"],
        "party_parts": report["party_parts"],
        "regions": report["regions"],
        "actions": [action_row(catalog, f) for f in shown],
        # The first rows of every page, for the WhatsApp summary (not in the JSON API).
        "summary_actions": [action_row(catalog, f) for f in rows[: whatsapp.LIMIT]],
        "actions_total": len(rows),
        "page": page,
        "pages": pages,
        "changes": _changes_page(catalog, report["changes"]),
    }
    if documents:
        docs = report["documents"]
        dpages = max(1, -(-len(docs) // DOCUMENTS_PER_PAGE))
        dpage = min(view.documents_page, dpages)
        result["documents"] = docs[(dpage - 1) * DOCUMENTS_PER_PAGE : dpage * DOCUMENTS_PER_PAGE]
        result["documents_total"] = len(docs)
        result["documents_page"], result["documents_pages"] = dpage, dpages
    else:
        result["commitments"] = report["commitments"]
        result["chart"] = report["chart"]
    return result


def _changes_page(catalog: catalogs.Catalog, found: dict | None) -> dict[str, Any] | None:
    if found is None:
        return None
    result: dict[str, Any] = {"since": found["since"], "explicit": found["explicit"]}
    for name in ("moved", "newly_late", "newly_done"):
        rows = found[name]
        result[name] = [
            {**_brief(catalog, r["action"]), **{k: v for k, v in r.items() if k != "action"}}
            for r in rows[:CHANGES_SHOWN]
        ]
        result[f"{name}_total"] = len(rows)
    return result


def _brief(catalog: catalogs.Catalog, action: catalogs.CatalogAction) -> dict[str, Any]:
    return {
        "document": catalog.documents[action.document]["slug"],
        "code": action.code,
        "title": action.title,
    }


def action_row(catalog: catalogs.Catalog, fact: Fact) -> dict[str, Any]:
    """One action of a status table, as plain values (HTML, JSON, CSV and XLSX alike)."""
    action = fact.action
    doc = catalog.documents[action.document]
    return {
        "document": doc["slug"],
        "document_title": doc["title"],
        "commitment": catalog.commitments.get(action.commitment, {}).get("title", ""),
        "code": action.code,
        "title": action.title,
        "owner": [catalog.parties[p]["key"] for p in action.owners],
        "with": [catalog.parties[p]["key"] for p in action.supporters],
        "due": fact.due,
        "status": fact.status,
        "percent": fact.percent,
        "late": fact.late,
        "due_soon": fact.due_soon,
        "stale": fact.stale,
        "updated_at": fact.updated_at,
        "target": action.target,
        "holding": list(fact.holding),
        "parts_total": fact.parts_total,
        "parts_done": _parts_done(fact),
        "regions": _region_breakdown(fact),
    }


def _parts_done(fact: Fact) -> int:
    found = fact.part_states or {}
    return sum(1 for p in fact.parts if p.id in found and found[p.id]["status"] == status.DONE)


REGIONS_LISTED = 40  # regions listed under an action's row (all on the action's page)
REGION_ORDER = {
    status.NOT_STARTED: 1, status.AT_RISK: 0, status.IN_PROGRESS: 2, status.DONE: 3,
    status.CANCELLED: 4,
}  # fmt: skip


def _region_breakdown(fact: Fact) -> dict[str, Any] | None:
    """For an action broken down by region: how many regions are done, in
    progress, not started, late, with the regions furthest behind listed first."""
    live = fact.region_parts()
    if not live:
        return None
    listed = []
    counts = dict.fromkeys((*status.STATUSES, "late"), 0)
    for part in live:
        one = _part_fact(fact, part)
        counts[one.status] += 1
        counts["late"] += one.late
        listed.append(
            {
                "key": part.key,
                "name": part.label,
                "status": one.status,
                "percent": one.percent,
                "late": one.late,
            }
        )
    listed.sort(key=lambda r: (not r["late"], REGION_ORDER[r["status"]], r["percent"]))
    return {
        "total": len(live),
        "counts": counts,
        "list": listed[:REGIONS_LISTED],
    }


async def all_rows(view: View) -> list[dict[str, Any]]:
    """Every action of the filtered table (for CSV and XLSX), in page order."""
    async with db.reading():
        catalog, states, day, moment, _ = await _snapshot(view)
        rows = summary.order(summary.facts(catalog, states, day, moment, view.filters))
    return [action_row(catalog, f) for f in rows]


async def party_deadlines(party: str) -> tuple[dict[str, str], list[dict[str, Any]]] | None:
    """A party's tracked actions with a due date (for its calendar feed), or None."""
    async with db.reading():
        catalog = await catalogs.current()
        states = await LATEST.states()
        if party not in catalog.party_ids:
            return None
        rows = summary.facts(catalog, states, today(), None, Filters(party=party))
    party_row = catalog.parties[catalog.party_ids[party]]
    return party_row, [
        action_row(catalog, f) for f in rows if f.due is not None and f.status != "cancelled"
    ]


def quarter_ends(day: dt.date, count: int = 6, start: dt.date | None = None) -> list[dt.date]:
    """The last `count` quarter ends before `day`, newest first (e-Monev's rhythm),
    none before `start` (the first signing: no quarter before anything was agreed)."""
    result = []
    year, quarter = day.year, (day.month - 1) // 3  # the quarter before the current one
    while len(result) < count:
        if quarter == 0:
            year, quarter = year - 1, 4
        month = quarter * 3
        end = dt.date(year, month, 1) + dt.timedelta(days=31)
        end = end.replace(day=1) - dt.timedelta(days=1)
        if start is not None and end < start:
            break
        result.append(end)
        quarter -= 1
    return result


def first_day(catalog: catalogs.Catalog) -> dt.date | None:
    """The earliest signing (or meeting) date of any document, or None."""
    days = []
    for doc in catalog.documents.values():
        value = doc["signed"] or doc["date"]
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            days.append(value)
    return min(days, default=None)


async def choices(document: str | None) -> dict[str, Any]:
    """What the filter form offers: documents, the chosen document's commitments,
    parties (key, name), the regions actions are broken down by (key, name), and
    the first day worth a quarter preset (`first_day`)."""
    async with db.reading():
        catalog = await catalogs.current()
    document_id = catalog.by_slug.get(document) if document else None
    return {
        "documents": [
            (doc["slug"], doc["title"])
            for doc in sorted(catalog.documents.values(), key=lambda d: d["slug"])
            if doc["withdrawn_at"] is None
        ],
        "commitments": [
            (c["slug"], c["title"])
            for c in catalog.commitments.values()
            if document_id is not None and c["document"] == document_id
        ],
        "parties": sorted(
            ((p["key"], p["name"]) for p in catalog.parties.values()), key=lambda p: p[0]
        ),
        "first_day": first_day(catalog),
        "regions": list(catalog.regions.items()),
    }


def forget() -> None:
    """Drop everything kept per process (tests empty the tables between runs)."""
    global _kept_facts
    _KEPT.clear()
    _kept_facts = 0
    history.forget()
    parts.forget()
    catalogs.forget()
