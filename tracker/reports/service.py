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

from tracker import db, heap
from tracker.agreements.queries import today
from tracker.i18n import N_
from tracker.kept import Kept
from tracker.progress import parts, status
from tracker.progress.latest import LATEST
from tracker.reports import catalog as catalogs
from tracker.reports import changes, chart, history, summary, whatsapp
from tracker.reports.report import (
    DOCUMENT,
    OVERVIEW,
    Report,
    document_fields,
    expiry,
    part_fact,
)
from tracker.reports.summary import Fact, FilterError, Filters

EARLIEST = dt.date(2000, 1, 1)  # no agreement tracked here is older
ACTIONS_PER_PAGE = 25
DOCUMENTS_PER_PAGE = 25
CHANGES_SHOWN = 25
KEPT = 256  # reports kept per worker...
KEPT_FACTS = 200_000  # ...holding at most this many action facts (about 20 MB)
PATCH_MOST = (
    1_000  # a kept report takes in this many moved actions (or a tenth) before counting again
)


@dataclass(frozen=True, slots=True)
class View:
    """What a status page shows: filters, the as-of day, the since day, the page."""

    filters: Filters
    asof: dt.date | None = None
    since: dt.date | None = None
    page: int = 1
    documents_page: int = 1
    # The document is the page's own (`/status/d/{slug}`): named by the path,
    # so left out of the page's links.
    document_in_path: bool = False

    def query(self, **changes: Any) -> dict[str, Any]:
        params = self.filters.query()
        if self.document_in_path:
            params.pop("document", None)
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

    def as_of(self, day: dt.date) -> dict[str, Any]:
        """The query of this view as of `day` (a quarter preset), from its first
        page; a "since" day not before `day` is dropped: since comes first."""
        since = self.since.isoformat() if self.since and self.since < day else None
        return self.query(asof=day.isoformat(), since=since, page=None, dpage=None)


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


async def parse_view(params: dict[str, list[str]], document: str | None = None) -> View:
    """A View from URL parameters (lists per name); bad values raise FilterError.
    `document`: the document named by the page's path, whatever the parameters say."""
    async with db.reading():
        catalog = await catalogs.current()
    if document is not None:
        known = document in catalog.by_slug
        params = {**params, "document": [document] if known else []}
        if not known:  # the page answers 404; its commitment cannot be checked
            params["commitment"] = []
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
        document_in_path=document is not None,
    )


_KEPT: OrderedDict[tuple, Report] = OrderedDict()
_kept_facts = 0


def _recall(key: tuple) -> Report | None:
    report = _KEPT.get(key)
    if report is not None:
        _KEPT.move_to_end(key)
    return report


def _forget(key: tuple) -> Report | None:
    """Take a report out of those kept (it is about to be kept under another key)."""
    global _kept_facts
    report = _KEPT.pop(key, None)
    if report is not None:
        _kept_facts -= report.size
    return report


def _remember(key: tuple, report: Report) -> Report:
    """Keep a computed report; the oldest go first, by count and by facts held."""
    global _kept_facts
    old = _KEPT.pop(key, None)
    if old is not None:
        _kept_facts -= old.size
    _KEPT[key] = report
    _kept_facts += report.size
    while len(_KEPT) > 1 and (len(_KEPT) > KEPT or _kept_facts > KEPT_FACTS):
        _, dropped = _KEPT.popitem(last=False)
        _kept_facts -= dropped.size
    return report


async def _snapshot(
    view: View,
) -> tuple[catalogs.Catalog, dict, dt.date, dt.datetime | None, tuple]:
    """The catalog and states for the view's moment, with a key naming that state.

    A report of now is kept under a key without the latest updates'
    generation: it takes new updates in (`Report.patch`).
    """
    catalog = await catalogs.current()
    day = view.asof or today()
    moment = history.end_of_day(view.asof) if view.asof else None
    states = await history.states(moment)
    if states is LATEST.by_action:
        version: tuple = ("now", view.asof)
    elif history.settled(moment):
        version = ("asof", moment)
    else:
        version = ("unsettled", object())  # a key nothing will ask for again: not kept
    return catalog, states, day, moment, (catalog.fingerprint, version, day)


async def overview(view: View) -> dict[str, Any]:
    """Every document and party: counts, and the filtered actions (one page).
    Shared between requests (`_kept_page`): read it, never change it."""
    async with db.reading():
        catalog, states, day, moment, key = await _snapshot(view)
        report = await _report(
            OVERVIEW, catalog, states, day, moment, key, view.filters, view, None
        )
    return _kept_page(catalog, view, day, report, documents=True)


async def document_status(slug: str, view: View) -> dict[str, Any] | None:
    """One document: counts per commitment and party, the weekly chart, its actions."""
    async with db.reading():
        catalog, states, day, moment, key = await _snapshot(view)
        document_id = catalog.by_slug.get(slug)
        if document_id is None:
            return None
        filters = Filters(**{**_fields(view.filters), "document": slug})
        report = await _report(DOCUMENT, catalog, states, day, moment, key, filters, view, slug)
    result = _kept_page(catalog, view, day, report, documents=False)
    doc = catalog.documents[document_id]
    return {**result, "document": {**document_fields(doc), **expiry(doc, day)}}


async def _report(
    kind: str,
    catalog: catalogs.Catalog,
    states: dict,
    day: dt.date,
    moment: dt.datetime | None,
    key: tuple,
    filters: Filters,
    view: View,
    slug: str | None,
) -> Report:
    """The kept report of this view, brought up to date, or a new one counted."""
    full_key = (kind, key, filters, view.since)
    live = key[1][0] == "now"
    generation = LATEST.generation  # before any await: patching again is harmless
    report = _recall(full_key)
    moved: set[int] | None = set()
    rebase: tuple | None = None  # the catalog and since-day standing a patch moves it to
    if report is None and live and catalog.derived_from is not None:
        # A sync changed a few documents: the report of the catalog before it
        # takes their actions in again (`Catalog.moved`).
        old_key = (kind, (catalog.derived_from, *key[1:]), filters, view.since)
        report = _forget(old_key)
        moved = set(catalog.moved)
        if report is not None:
            rebase = await _rebase(report, catalog, view, day, slug, moved)
            if rebase is None:
                report = None
    if report is not None and live and (report.generation != generation or moved or rebase):
        latest = LATEST.changed_since(report.generation)
        moved = None if latest is None else moved | latest
        if moved is None or len(moved) > max(PATCH_MOST, len(report.rows) // 10):
            report = None  # too much moved: count again
        else:
            if kind == DOCUMENT and _touches(catalog, moved, catalog.by_slug[slug]):
                report.extra["chart"] = await _chart(catalog, slug, day, moment)
            report.patch(moved, states, rebase)
            report.generation = generation
            _remember(full_key, report)  # its size may have changed
    if report is None:
        with heap.paused():
            report = await _count(kind, catalog, states, day, moment, filters, view, slug)
        report.generation = generation
        if key[1][0] != "unsettled":
            _remember(full_key, report)
    return report


async def _count(
    kind: str,
    catalog: catalogs.Catalog,
    states: dict,
    day: dt.date,
    moment: dt.datetime | None,
    filters: Filters,
    view: View,
    slug: str | None,
) -> Report:
    """A report counted afresh, with what changed since and its chart."""
    then, since = await _then(catalog, view, day, slug)
    report = Report.count(catalog, kind, filters, day, moment, states, then)
    if since is not None:
        report.extra["since"] = since
    if kind == DOCUMENT:
        report.extra["chart"] = await _chart(catalog, slug, day, moment)
    return report


async def _rebase(
    report: Report,
    catalog: catalogs.Catalog,
    view: View,
    day: dt.date,
    slug: str | None,
    moved: set[int],
) -> tuple[catalogs.Catalog, dict[int, changes.Then] | None] | None:
    """What moves a report to a catalog derived from its own: that catalog and
    the standing on the since day with the moved actions read again, for
    `Report.patch` to take in at once with the moved actions (a page being
    built meanwhile from this report sees all of it before or all after).
    None when it must be counted again instead (the last Rakor, which "what
    changed" starts from, is another one now)."""
    since = view.since or changes.last_meeting(catalog, day - dt.timedelta(days=1), slug)
    if since != (report.extra.get("since") or {}).get("since"):
        return None
    then = report.then
    if then is not None:  # the moved actions' standing on the since day, again
        before = await _before(catalog, view, since, slug, moved)
        then = {i: v for i, v in then.items() if i not in moved}
        then.update(before)
    return catalog, then


def _touches(catalog: catalogs.Catalog, moved: set[int], document_id: int) -> bool:
    return any(catalog.by_id[i].document == document_id for i in moved if i in catalog.by_id)


async def _chart(
    catalog: catalogs.Catalog, slug: str, day: dt.date, moment: dt.datetime | None
) -> list:
    doc = catalog.documents[catalog.by_slug[slug]]
    start = doc["signed"] or doc["date"] or day
    start = dt.date.fromisoformat(start) if isinstance(start, str) else start
    return await chart.weekly(catalog, doc["id"], moment or dt.datetime.now(dt.UTC), start)


def _fields(filters: Filters) -> dict[str, Any]:
    return {name: getattr(filters, name) for name in Filters.__slots__}


async def _then(
    catalog: catalogs.Catalog, view: View, day: dt.date, slug: str | None
) -> tuple[dict | None, dict | None]:
    """For "since the last Rakor" (or `since`): each action's standing then,
    and the since date; (None, None) when there is nothing to compare with."""
    since = view.since or changes.last_meeting(catalog, day - dt.timedelta(days=1), slug)
    if since is None:
        return None, None
    before = await _before(catalog, view, since, slug)
    return before, {"since": since, "explicit": view.since is not None}


async def _before(
    catalog: catalogs.Catalog,
    view: View,
    since: dt.date,
    slug: str | None,
    only: set[int] | None = None,
) -> dict[int, changes.Then]:
    """The standing on the since day of every action that could be in the
    rows (or of the actions `only`): status, late and window filters apply to
    now only (an action late now but not then is newly late, not new)."""
    moment = history.end_of_day(since)
    states = await history.states(moment)
    scope = view.filters
    filters = Filters(
        document=slug or scope.document,
        commitment=scope.commitment,
        party=scope.party,
        region=scope.region,
    )
    actions = None if only is None else [catalog.by_id[i] for i in only if i in catalog.by_id]
    return summary.standings(catalog, states, since, moment, filters, actions)


_PAGES: Kept[dict[str, Any]] = Kept(32)  # the pages last built from kept reports


def _kept_page(
    catalog: catalogs.Catalog, view: View, day: dt.date, report: Report, documents: bool
) -> dict[str, Any]:
    """`_page` of this report's revision and view, built once: building its
    rows (each action's row and region breakdown, on L up to nine regions per
    action) was a third of a status page's cost, and the same for every reader."""
    return _PAGES.get(
        (report.revision, view, day, documents),
        lambda: _page(catalog, view, day, report.shown(), documents),
    )


def _page(
    catalog: catalogs.Catalog, view: View, day: dt.date, report: dict, documents: bool
) -> dict[str, Any]:
    """The report with one page of its action table (and of its document table)."""
    rows = report["rows"]
    pages = max(1, -(-len(rows) // ACTIONS_PER_PAGE))
    page = min(view.page, pages)
    shown = rows[(page - 1) * ACTIONS_PER_PAGE : page * ACTIONS_PER_PAGE]
    result = {
        "revision": report["revision"],
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
    then = found["then"]
    for name in ("moved", "newly_late", "newly_done"):
        facts = found[name]
        result[name] = []
        for fact in facts[:CHANGES_SHOWN]:
            row = changes.row(then.get(fact.action.id), fact)
            result[name].append({**_brief(catalog, row.pop("action")), **row})
        result[f"{name}_total"] = len(facts)
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
        one = part_fact(fact, part)
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


_CHOICES: Kept[dict[str, Any]] = Kept(32)


async def choices(document: str | None) -> dict[str, Any]:
    """What the filter form offers: documents, the chosen document's commitments,
    parties (key, name), the regions actions are broken down by (key, name), and
    the first day worth a quarter preset (`first_day`). Kept per catalog and
    document (only a sync changes them); shared: read them, never change them."""
    async with db.reading():
        catalog = await catalogs.current()
    return _CHOICES.get((catalog.fingerprint, document), lambda: _choices(catalog, document))


def _choices(catalog: catalogs.Catalog, document: str | None) -> dict[str, Any]:
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
    _PAGES.clear()
    _CHOICES.clear()
    _kept_facts = 0
    history.forget()
    parts.forget()
    catalogs.forget()
