""" "Aksi saya": the actions a secretariat's parties own or support.

Shared actions are listed part by part: a secretariat sees the parts its
parties own (one row each) and, where its party is a `with` party, the whole
action; not a whole action it merely shares as the owner of another part.

Late ones first, then by due date (no deadline last); actions not updated in
STALE_AFTER are flagged. The candidate actions of a set of parties change only
when a document is synced or withdrawn, so they are kept per process under a
fingerprint of the documents table; their states come from `latest.LATEST`.
The order and the page are picked in Python, and one query fetches the
details of that page only.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from tracker import db
from tracker.accounts.users import CurrentUser
from tracker.agreements.queries import documents_fingerprint
from tracker.agreements.tables import Action
from tracker.progress import parts, status
from tracker.progress.latest import LATEST

PER_PAGE = 25
STALE_AFTER = dt.timedelta(days=60)
CLOSED = (status.DONE, status.CANCELLED)

CANDIDATES = """
SELECT a.id AS id, a.due AS due, d.slug AS slug, a.position AS position{supports}
FROM "action" a JOIN "document" d ON d.id = a.document
WHERE a.withdrawn_at IS NULL AND d.withdrawn_at IS NULL
"""
SUPPORTS = """, EXISTS (SELECT 1 FROM "action_party" sp JOIN "party" q ON q.id = sp.party
  WHERE sp.action = a.id AND sp.role = 'with' AND q.key IN ({keys})) AS supports"""
MINE = """ AND (a.id IN (SELECT ap.action FROM "action_party" ap
  JOIN "party" p ON p.id = ap.party WHERE p.key IN ({keys}))
  OR a.id IN (SELECT pt.action FROM "part" pt JOIN "party" o ON o.id = pt.owner
  WHERE pt.withdrawn_at IS NULL AND o.key IN ({keys})))"""
DETAILS = """
SELECT a.id, a.code, a.title, a.due, a.created_at, a.target_value, a.target_unit,
  d.slug AS document, d.title AS document_title,
  u.id AS update_id, u.status AS status, u.percent AS percent, u.created_at AS updated_at
FROM "action" a JOIN "document" d ON d.id = a.document
LEFT JOIN "update" u ON u.id = (SELECT MAX(id) FROM "update" WHERE action = a.id AND part IS NULL)
WHERE a.id IN ({ids})
"""

_CANDIDATES: OrderedDict[tuple, tuple[tuple, list[dict[str, Any]]]] = OrderedDict()


async def _candidates(user: CurrentUser) -> tuple[tuple, list[dict[str, Any]]]:
    """The user's (non-withdrawn) actions: id, due, document slug, position;
    with the documents' fingerprint they were read under."""
    fingerprint = await documents_fingerprint()
    key = ("*",) if user.is_admin else user.parties
    cached = _CANDIDATES.get(key)
    if cached and cached[0] == fingerprint:
        return fingerprint, cached[1]
    sql, args = CANDIDATES.format(supports=""), []
    if not user.is_admin:
        keys = ", ".join("{}" for _ in user.parties)
        sql = CANDIDATES.format(supports=SUPPORTS.format(keys=keys)) + MINE.format(keys=keys)
        args = list(user.parties) * 3  # supports, then both halves of MINE
    rows = await Action.raw(sql, *args).run()
    _CANDIDATES[key] = (fingerprint, rows)
    while len(_CANDIDATES) > 64:
        _CANDIDATES.popitem(last=False)
    return fingerprint, rows


_ORDERED: OrderedDict[tuple, list[int]] = OrderedDict()


Item = tuple[int, int | None]  # (action id, part id or None for the whole action)


def _items(
    user: CurrentUser, candidates: list[dict[str, Any]], registry: parts.Registry
) -> list[tuple[dict[str, Any], int | None]]:
    """What the user reports on: whole actions, or its parties' parts of shared ones
    (and the whole of a shared action its party supports). Admins see whole actions."""
    result: list[tuple[dict[str, Any], int | None]] = []
    for row in candidates:
        live = [p for p in registry.by_action.get(row["id"], []) if p.withdrawn_at is None]
        if not live or user.is_admin:
            result.append((row, None))
            continue
        result.extend((row, p.id) for p in live if p.owner_key in user.parties)
        if row.get("supports"):
            result.append((row, None))
    return result


def _ordered(
    items: list[tuple[dict[str, Any], int | None]],
    latest: dict,
    by_part: dict,
    today: dt.date,
    include_closed: bool,
) -> list[Item]:
    """The items to list, late first, then by due date (no deadline last), as written."""
    chosen = []
    for row, part in items:
        state = by_part.get(part) if part is not None else latest.get(row["id"])
        current = state["status"] if state else status.NOT_STARTED
        if include_closed or current not in CLOSED:
            late = status.is_late(row["due"], current, today)
            chosen.append(
                (
                    not late,
                    row["due"] is None,
                    row["due"] or dt.date.max,
                    row["slug"],
                    row["position"],
                    row["id"],
                    part or 0,
                )
            )
    chosen.sort()
    return [(c[-2], c[-1] or None) for c in chosen]


async def my_actions(
    user: CurrentUser,
    today: dt.date,
    page: int = 1,
    include_closed: bool = False,
    per_page: int = PER_PAGE,
) -> dict[str, Any]:
    """One page of the user's actions, with the total for paging."""
    if not user.is_admin and not user.parties:
        return {"actions": [], "total": 0, "page": 1, "pages": 1}
    async with db.reading():
        fingerprint, candidates = await _candidates(user)
        latest = await LATEST.states()
        registry = LATEST.registry or await parts.registry()
        # The order changes only with the documents, an update, or the day: kept.
        key = (user.is_admin, user.parties, fingerprint, LATEST.generation, today, include_closed)
        ordered = _ORDERED.get(key)
        if ordered is None:
            items = _items(user, candidates, registry)
            ordered = _ORDERED[key] = _ordered(items, latest, LATEST.by_part, today, include_closed)
            while len(_ORDERED) > 64:
                _ORDERED.popitem(last=False)
        total = len(ordered)
        pages = max(1, -(-total // per_page))
        page = min(max(page, 1), pages)
        shown = ordered[(page - 1) * per_page : page * per_page]
        ids = list(dict.fromkeys(action_id for action_id, _ in shown))
        details = {row["id"]: row for row in await _details(ids)}
        owners = await _owners(ids)
    rows = [_item_row(details[a], part, latest, LATEST.by_part, registry) for a, part in shown]
    stale_before = dt.datetime.now(dt.UTC) - STALE_AFTER
    for row in rows:
        row["status"] = row["status"] or status.NOT_STARTED
        row["percent"] = status.percent_of(row)
        row["late"] = status.is_late(row["due"], row["status"], today)
        last = db.timestamp(row["updated_at"] or row["created_at"])
        row["stale"] = row["status"] not in CLOSED and last < stale_before
        parties = owners.get(row["id"], {"owner": [], "with": []})
        row["owner"] = [p["key"] for p in parties["owner"]]
        row["owner_names"] = [p["name"] for p in parties["owner"]]
        row["with_names"] = [p["name"] for p in parties.get("with", [])]
        row["my_role"] = "owner" if row["part"] else my_role(user, parties)
    return {"actions": rows, "total": total, "page": page, "pages": pages}


def _item_row(
    row: dict[str, Any],
    part_id: int | None,
    latest: dict,
    by_part: dict,
    registry: parts.Registry,
) -> dict[str, Any]:
    """One listed row: the action, or one of its parts with that part's own state."""
    row = dict(row)
    row["part"] = None
    if part_id is not None:
        part = registry.by_id[part_id]
        row["part"] = {"id": part.id, "key": part.key, "label": part.label}
        state = by_part.get(part_id)
    elif row["id"] in registry.by_action:
        state = latest.get(row["id"])  # a shared action's whole: its roll-up
    else:
        return row
    row["update_id"] = state["id"] if state else None
    row["status"] = state["status"] if state else None
    row["percent"] = state.get("percent") if state else None
    row["updated_at"] = state["created_at"] if state else None
    return row


async def _details(ids: list[int]) -> list[dict[str, Any]]:
    """The rows of one page, in the order of `ids`."""
    if not ids:
        return []
    rows = await Action.raw(DETAILS.format(ids=", ".join("{}" for _ in ids)), *ids).run()
    position = {action_id: n for n, action_id in enumerate(ids)}
    return sorted(rows, key=lambda r: position[r["id"]])


async def _owners(action_ids: list[int]) -> dict[int, dict[str, list[dict[str, str]]]]:
    """Each action's parties by role: {"owner": [{"key", "name"}], "with": [...]}."""
    if not action_ids:
        return {}
    marks = ", ".join("{}" for _ in action_ids)
    rows = await Action.raw(
        "SELECT ap.action AS action, ap.role AS role, p.key AS key, p.name AS name "
        'FROM "action_party" ap JOIN "party" p ON p.id = ap.party '
        f"WHERE ap.action IN ({marks}) ORDER BY ap.position",
        *action_ids,
    ).run()
    result: dict[int, dict[str, list[dict[str, str]]]] = {}
    for r in rows:
        roles = result.setdefault(r["action"], {"owner": [], "with": []})
        roles.setdefault(r["role"], []).append({"key": r["key"], "name": r["name"] or r["key"]})
    return result


def my_role(user: CurrentUser, parties: dict[str, list[dict[str, str]]]) -> str | None:
    """`owner` when one of the user's parties owns the action, `with` when they
    only support it; None for an admin (who is no party)."""
    mine = set(user.parties)
    if any(p["key"] in mine for p in parties.get("owner", [])):
        return "owner"
    if any(p["key"] in mine for p in parties.get("with", [])):
        return "with"
    return None
