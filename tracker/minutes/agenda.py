"""Drafting a Rakor's agenda from the tracker: nothing the tracker knows is retyped.

For a meeting on `day` that follows some documents:

1. the previous meeting is the latest minutes document before `day` that
   follows any of the same documents; its date is "since";
2. carry-over comes first: the previous minutes' own actions still open, and
   the points of the previous meeting (if it was held in the tracker) that
   ended without a decision (its commitment items are drafted afresh anyway);
3. then, per followed document, each commitment with open actions, late ones
   first, then by due date. Each action shows its status then (at the end of
   the previous meeting's day) and now, and the updates posted in between.

The result is plain data (JSON-ready) that the meeting stores as its draft
agenda; the notulis reorders, removes and adds items afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tracker import db
from tracker.agreements.queries import today
from tracker.progress import status
from tracker.progress.latest import LATEST
from tracker.progress.tables import Update
from tracker.reports import catalog as catalogs
from tracker.reports import history
from tracker.reports.history import end_of_day
from tracker.reports.summary import OPEN

LEADING_NUMBER = re.compile(r"^\s*\d+[.)]\s+")
UPDATES_SHOWN = 5  # per action: the latest updates since the previous meeting
NOTE_CHARS = 240

# Updates of the actions of some documents (by document: any number of actions).
OF_DOCUMENTS = 'action IN (SELECT id FROM "action" WHERE document IN ({docs}))'
BETWEEN_SQL = (
    'SELECT action, status, percent, note, created_at FROM "update" '
    "WHERE " + OF_DOCUMENTS + " AND created_at >= {{}} ORDER BY id DESC"
)
UNDECIDED_SQL = (
    'SELECT i.title AS title FROM "agenda_item" i JOIN "meeting" m ON m.id = i.meeting '
    "WHERE m.slug = {} AND i.kind <> 'commitment' "
    'AND NOT EXISTS (SELECT 1 FROM "decision" d WHERE d.item = i.id) '
    "ORDER BY i.position"
)


async def draft(follows: list[str], day: dt.date, exclude: str | None = None) -> dict[str, Any]:
    """The draft agenda of a meeting on `day` following `follows` (document ids).

    `exclude` is the meeting's own document id (when re-drafting a corrected
    meeting, its own minutes are not "the previous meeting").
    """
    async with db.reading():
        catalog = await catalogs.current()
        previous = previous_minutes(catalog, follows, day, exclude)
        since = previous["date"] if previous else None
        now = await LATEST.states()
        groups = _groups(catalog, follows, previous, now)
        docs = sorted({a.document for _, _, actions in groups for a in actions})
        moment = end_of_day(since) if since else None
        then = await _then(docs, moment) if moment else {}
        between = await _between(docs, moment) if moment else {}
        undecided = await _undecided(previous["slug"]) if previous else []
    current_day = min(day, today())
    items = []
    for kind, source, actions in groups:
        briefing = [
            _brief(catalog, a, now.get(a.id), then.get(a.id), between.get(a.id, []), current_day)
            for a in actions
        ]
        briefing.sort(key=lambda b: (not b["late"], b["due"] is None, b["due"] or "", b["code"]))
        items.append(
            {"kind": kind, "title": source.pop("title"), "source": source, "briefing": briefing}
        )
    for title in undecided:
        items.append(
            {"kind": "carryover", "title": title, "source": {"undecided": True}, "briefing": []}
        )
    return {"since": since, "previous": previous["slug"] if previous else None, "items": items}


def previous_minutes(
    catalog: catalogs.Catalog, follows: list[str], day: dt.date, exclude: str | None
) -> dict[str, Any] | None:
    """The latest minutes before `day` following any of `follows`: id and date."""
    wanted = set(follows)
    found = [
        doc
        for doc in catalog.documents.values()
        if doc["kind"] == "minutes"
        and doc["withdrawn_at"] is None
        and doc["date"] is not None
        and doc["date"] < day
        and doc["slug"] != exclude
        and wanted & set((doc["meta"] or {}).get("follows") or [])
    ]
    if not found:
        return None
    latest = max(found, key=lambda d: (d["date"], d["slug"]))
    return {"slug": latest["slug"], "date": latest["date"], "title": latest["title"]}


def _groups(
    catalog: catalogs.Catalog, follows: list[str], previous: dict | None, states: dict
) -> list[tuple]:
    """(kind, source, open actions) per agenda item, carry-over first."""
    open_now = _open_actions(catalog, states)
    groups = []
    if previous:
        doc_id = catalog.by_slug[previous["slug"]]
        actions = [a for a in open_now if a.document == doc_id]
        if actions:
            source = {"title": previous["title"], "document": previous["slug"]}
            groups.append(("carryover", source, actions))
    for slug in follows:
        if previous and slug == previous["slug"]:
            continue  # the previous minutes, followed too: reviewed once, as carry-over
        doc_id = catalog.by_slug.get(slug)
        commitments = sorted(
            (c for c in catalog.commitments.values() if c["document"] == doc_id),
            key=lambda c: c["position"],
        )
        for commitment in commitments:
            actions = [a for a in open_now if a.commitment == commitment["id"]]
            if actions:
                source = {
                    # "1. Penguatan ..." -> "Penguatan ...": the agenda numbers its items itself
                    "title": LEADING_NUMBER.sub("", commitment["title"]) or commitment["title"],
                    "document": slug,
                    "commitment": commitment["slug"],
                }
                if catalog.documents[doc_id]["kind"] == "minutes":
                    source["minutes"] = True  # an earlier meeting's point, not the agreement's
                groups.append(("commitment", source, actions))
    return groups


def _open_actions(catalog: catalogs.Catalog, states: dict) -> list[catalogs.CatalogAction]:
    """Tracked actions of live documents whose latest update is not closed."""
    return [
        a
        for a in catalog.actions
        if a.withdrawn_at is None
        and catalog.documents[a.document]["withdrawn_at"] is None
        and (states.get(a.id) or {}).get("status", status.NOT_STARTED) in OPEN
    ]


async def _then(docs: list[int], moment: dt.datetime) -> dict[int, Any]:
    """Each action's state at `moment` (shared actions rolled up from their parts,
    as on the status pages); `docs` only says whether there is anything to read."""
    if not docs:
        return {}
    return await history.states(moment)


async def _between(docs: list[int], moment: dt.datetime) -> dict[int, list[dict[str, Any]]]:
    """The updates of the actions of `docs` since `moment`, newest first."""
    if not docs:
        return {}
    sql = BETWEEN_SQL.format(docs=", ".join("{}" for _ in docs))
    result: dict[int, list[dict[str, Any]]] = {}
    for row in await Update.raw(sql, *docs, db.timestamp_param(moment)).run():
        result.setdefault(row.pop("action"), []).append(row)
    return result


async def _undecided(slug: str) -> list[str]:
    rows = await Update.raw(UNDECIDED_SQL, slug).run()
    return [row["title"] for row in rows]


def _brief(
    catalog: catalogs.Catalog,
    action: catalogs.CatalogAction,
    now: dict | None,
    then: dict | None,
    between: list[dict[str, Any]],
    day: dt.date,
) -> dict[str, Any]:
    state_now = now["status"] if now else status.NOT_STARTED
    late = action.due is not None and action.due < day
    held = set((now or {}).get("holding") or ()) if late and action.parts else set()
    return {
        "document": catalog.documents[action.document]["slug"],
        "code": action.code,
        "title": action.title,
        "owner": [catalog.parties[p]["key"] for p in action.owners],
        "due": action.due.isoformat() if action.due else None,
        "late": late,
        # a late shared action: the parts not yet done, by name
        "holding": [p.label for p in action.parts_at(None) if p.id in held or (late and not now)],
        "status_then": then["status"] if then else status.NOT_STARTED,
        "percent_then": status.percent_of(then) if then else 0,
        "status_now": state_now,
        "percent_now": status.percent_of(now) if now else 0,
        "updates_since": len(between),
        "updates": [
            {
                "at": db.timestamp(u["created_at"]).isoformat(),
                "status": u["status"],
                "percent": u["percent"],
                "note": _clip(u["note"]),
            }
            for u in between[:UPDATES_SHOWN]
        ],
    }


def _clip(note: str | None) -> str:
    text = " ".join((note or "").split())
    return text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1] + "…"
