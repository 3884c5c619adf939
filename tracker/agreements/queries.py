"""Read models for the pages and the API: documents, one document, one action.

Each function runs its queries in one transaction (one connection: on SQLite
Piccolo would otherwise open a connection per query) and returns plain dicts
that the HTML templates and the JSON API both use. Knows nothing of HTTP.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, NamedTuple

from tracker import db
from tracker.agreements import board
from tracker.agreements.tables import Action, ActionParty, Commitment, Document, Party
from tracker.progress import status
from tracker.progress.latest import LATEST

DOCUMENT_COLUMNS = (
    Document.id,
    Document.slug,
    Document.kind,
    Document.title,
    Document.path,
    Document.signed,
    Document.date,
    Document.meta,
    Document.synced_at,
    Document.withdrawn_at,
)


# Whether any document was synced or withdrawn since: three index lookups (each
# subquery on its own, so each MAX uses its index and COUNT the smallest one).
STAMPS_SQL = (
    'SELECT (SELECT MAX(synced_at) FROM "document") AS synced, '
    '(SELECT MAX(withdrawn_at) FROM "document") AS withdrawn, '
    '(SELECT COUNT(*) FROM "document") AS n, '
    '(SELECT MAX(id) FROM "part") AS parts, '
    '(SELECT MAX(id) FROM "update") AS last_update'
)


class Stamps(NamedTuple):
    """What writers last changed (STAMPS_SQL's columns)."""

    synced: Any  # latest `synced_at`
    withdrawn: Any  # latest `withdrawn_at`
    n: int  # number of documents
    parts: int | None  # highest part id
    last_update: int | None  # highest update id


async def stamps() -> Stamps:
    """What writers last changed. One query, read once per read transaction
    (`db.remembered`): the catalog, the parts registry, the latest updates,
    the board and "Aksi saya" each ask. Call inside a transaction."""
    memo = db.remembered()
    if memo is not None and "stamps" in memo:
        return memo["stamps"]
    return remember_stamps((await Document.raw(STAMPS_SQL).run())[0])


def remember_stamps(row: dict[str, Any]) -> Stamps:
    """Keep the stamps from a row that read STAMPS_SQL's columns (alone, or
    beside the session, as every page does first) for this read."""
    found = Stamps(*(row[name] for name in Stamps._fields))
    memo = db.remembered()
    if memo is not None:
        memo["stamps"] = found
    return found


INCREMENTAL_SHARE = 4  # read again only the changed documents when at most 1/4 changed


def changed_documents(now: dict[int, tuple], before: dict[int, tuple] | None) -> set[int] | None:
    """The documents whose (`synced_at`, `withdrawn_at`) moved from `before` to
    `now`: a sync writes only its own document's rows, so what a process keeps
    of the others still holds. None: read everything again (nothing kept
    before, a document gone, or more than a quarter of them changed)."""
    if not before or any(doc not in now for doc in before):
        return None
    changed = {doc for doc, stamp in now.items() if before.get(doc) != stamp}
    return changed if len(changed) * INCREMENTAL_SHARE <= len(now) else None


async def documents_fingerprint() -> tuple:
    """What the documents' rows last changed: a sync or a withdrawal moves it."""
    return (await stamps())[:3]


def today() -> dt.date:
    """Today in WITA: an action due today is not late until the day is over there."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()


def document_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row of DOCUMENT_COLUMNS as pages and the API show it (`meta` a dict)."""
    meta = row.pop("meta")
    row["meta"] = json.loads(meta) if isinstance(meta, str) else meta
    return row


async def documents_board() -> board.Board:
    """The landing page's documents and counts, with the `version` they are
    kept under: counted again only for what changed since (`board`).
    Shared between requests: read them, never change them."""
    async with db.reading():
        return await board.current(await documents_fingerprint(), today())


@dataclass(slots=True)
class _Built:
    """A document as `get_document` built it, and what it was built from."""

    key: tuple  # the sync stamp and the day (lateness moves with it)
    generation: int  # LATEST's generation it read the states at
    action_ids: frozenset[int]
    doc: dict[str, Any]


_BUILT: OrderedDict[int, _Built] = OrderedDict()
_BUILT_MAX = 16  # documents kept per process (an L document: about 250 actions)
_revisions = itertools.count(1)


async def get_document(slug: str) -> dict[str, Any] | None:
    """A document with its commitments and every action's live state.

    Shared between requests: read it, never change it. It is kept per process
    and built again only when a sync changed what it shows (`_sync_stamp`), the
    day changed (lateness), or an update moved one of its own actions
    (`LATEST.changed_since`): a request then reads the document's row and the
    latest updates' catch-up, whatever the document's size. Its `revision`
    names what it shows, for the web layer's rendered copy.
    """
    async with db.reading():
        row = await Document.select(*DOCUMENT_COLUMNS).where(Document.slug == slug).first().run()
        if row is None:
            return None
        row = document_row(row)
        key = (await _sync_stamp(row), today())
        latest = await LATEST.states()
        generation = LATEST.generation  # of `latest`, read before any other await
        built = _BUILT.get(row["id"])
        if built is not None and built.key == key and _still(built, generation):
            _BUILT.move_to_end(row["id"])
            return built.doc
        static = await _synced_part(row["id"], key[0])
        follows = await _titled(row["meta"].get("follows") or [])
    doc = _built_document(row, static, follows, latest, key[1])
    _BUILT[row["id"]] = _Built(key, generation, frozenset(a["id"] for a in static["actions"]), doc)
    while len(_BUILT) > _BUILT_MAX:
        _BUILT.popitem(last=False)
    return doc


def _still(built: _Built, generation: int) -> bool:
    """Whether no update since `built` was made moved one of its actions."""
    moved = LATEST.changed_since(built.generation)
    if moved is None or not moved.isdisjoint(built.action_ids):
        return False
    built.generation = generation
    return True


def _built_document(
    row: dict[str, Any], static: dict[str, Any], follows: list, latest: dict, now: dt.date
) -> dict[str, Any]:
    doc = dict(row)
    doc["follows"] = follows
    actions = [dict(a) for a in static["actions"]]
    for action in actions:
        _add_state(action, latest, static["parties"], now)
    doc["source"] = static["source"]
    doc["commitments"] = static["commitments"]
    doc["actions"] = [a for a in actions if a["withdrawn_at"] is None]
    doc["withdrawn_actions"] = [a for a in actions if a["withdrawn_at"] is not None]
    doc["progress"] = status.summarize(
        ({"status": a["status"], "percent": a["percent"], "due": a["due"]} for a in doc["actions"]),
        now,
    )
    doc["revision"] = next(_revisions)
    return doc


async def _titled(slugs: list[str]) -> list[dict[str, str]]:
    """Documents named by id, with their titles (the id itself if not synced)."""
    if not slugs:
        return []
    rows = (
        await Document.select(Document.slug, Document.title).where(Document.slug.is_in(slugs)).run()
    )
    titles = {r["slug"]: r["title"] for r in rows}
    return [{"id": slug, "title": titles.get(slug, slug)} for slug in slugs]


_SYNCED: OrderedDict[int, tuple[Any, dict[str, Any]]] = OrderedDict()
_SYNCED_MAX = 64


async def _sync_stamp(doc: dict[str, Any]) -> tuple:
    """What a sync last changed for a document's kept parts: the latest
    `synced_at` of all documents (a sync of any document may rename a party
    it names), and its own `withdrawn_at`. From the stamps the request read."""
    return (await stamps()).synced, doc["withdrawn_at"]


async def _synced_part(document_id: int, stamp: tuple) -> dict[str, Any]:
    """The parts of a document that only sync changes, kept under `_sync_stamp`."""
    cached = _SYNCED.get(document_id)
    if cached and cached[0] == stamp:
        _SYNCED.move_to_end(document_id)
        return cached[1]
    source = await Document.select(Document.source).where(Document.id == document_id).first().run()
    commitments = (
        await Commitment.select(
            Commitment.slug, Commitment.title, Commitment.parent, Commitment.position
        )
        .where((Commitment.document == document_id) & (Commitment.withdrawn.eq(False)))
        .order_by(Commitment.position)
        .run()
    )
    actions = (
        await Action.select(
            Action.id,
            Action.code,
            Action.title,
            Action.due,
            Action.target_value,
            Action.target_unit,
            Action.withdrawn_at,
            Action.commitment.slug.as_alias("commitment"),
        )
        .where(Action.document == document_id)
        .order_by(Action.position)
        .run()
    )
    part = {
        "source": source["source"],
        "commitments": commitments,
        "actions": actions,
        "parties": await _parties(ActionParty.action.document == document_id),
    }
    _SYNCED[document_id] = (stamp, part)
    while len(_SYNCED) > _SYNCED_MAX:
        _SYNCED.popitem(last=False)
    return part


UPDATES_SHOWN = 20

# The action page is the most visited page with a form; its reads are written
# as SQL once (Piccolo's query builder costs more per request than the queries).
DOC_FIELDS = (
    "id",
    "slug",
    "kind",
    "title",
    "path",
    "signed",
    "date",
    "meta",
    "synced_at",
    "withdrawn_at",
)
ACTION_SQL = (
    'SELECT a."id", a."code", a."title", a."description", a."due", a."start", a."indicator", '
    'a."target_value", a."target_unit", a."depends", a."position", a."line", a."done_in_file", '
    'a."created_at", a."withdrawn_at", c."slug" AS "commitment", c."title" AS "commitment_title", '
    + ", ".join(f'd."{f}" AS "doc_{f}"' for f in DOC_FIELDS)
    + ' FROM "action" a JOIN "document" d ON d."id" = a."document" '
    'JOIN "commitment" c ON c."id" = a."commitment" WHERE d."slug" = {} AND a."code" = {}'
)
PARTIES_SQL = (
    'SELECT ap."action" AS "action", ap."role" AS "role", p."key" AS "key", p."name" AS "name" '
    'FROM "action_party" ap JOIN "party" p ON p."id" = ap."party" WHERE ap."action" = {} ORDER BY ap."position"'
)
AMENDMENTS_SQL = 'SELECT "field", "old", "new", "at", "revision" FROM "amendment" WHERE "action" = {} ORDER BY "id" DESC'
EVIDENCE_FIELDS = ("id", "kind", "url", "filename", "content_type", "size")
# An action's updates, newest first ({limit}: the page's, or none), each once
# per piece of its evidence: one read instead of one for each.
UPDATES_SQL = (
    'SELECT u."id", u."status", u."percent", u."note", u."value", u."author", u."source", '
    'u."created_at", u."corrects", u."part", '
    + ", ".join(f'e."{f}" AS "evidence_{f}"' for f in EVIDENCE_FIELDS)
    + ' FROM (SELECT * FROM "update" WHERE "action" = {{}} ORDER BY "id" DESC{limit}) u '
    'LEFT JOIN "evidence" e ON e."update" = u."id" ORDER BY u."id" DESC, e."id"'
)
PARTS_SQL = (
    'SELECT pt."id", pt."key", pt."label", pt."kind", pt."target_value", pt."target_unit", '
    'pt."withdrawn_at", p."key" AS "owner_key", p."name" AS "owner_name" FROM "part" pt '
    'JOIN "party" p ON p."id" = pt."owner" WHERE pt."action" = {} ORDER BY pt."position"'
)


async def get_action(slug: str, code: str, all_updates: bool = False) -> dict[str, Any] | None:
    """One action: its fields, owners, amendments and its progress updates (the
    latest UPDATES_SHOWN unless `all_updates`; `more_updates` says if there are more).

    Three reads on a page that already read the stamps: the action with its
    document, what only sync changes (`_synced_action`, usually kept), and its
    updates with their evidence; the states come from `LATEST`.

    None if the document does not exist; `{"action": None}` if the action does not.
    """
    async with db.reading():
        found = await Action.raw(ACTION_SQL, slug, code).run()
        if not found:
            doc = (
                await Document.select(*DOCUMENT_COLUMNS).where(Document.slug == slug).first().run()
            )
            return None if doc is None else {"document": document_row(doc), "action": None}
        action = found[0]
        doc = {f: action.pop(f"doc_{f}") for f in DOC_FIELDS}
        synced = await _synced_action(action["id"], await _sync_stamp(doc))
        limit = "" if all_updates else f" LIMIT {UPDATES_SHOWN + 1}"
        updates = _with_evidence(
            await Action.raw(UPDATES_SQL.format(limit=limit), action["id"]).run()
        )
        latest, part_states = await _states(action["id"], synced["parts"], updates)
    more = not all_updates and len(updates) > UPDATES_SHOWN
    updates = updates[:UPDATES_SHOWN] if more else updates
    all_parts = synced["parts"]
    labels = {p["id"]: p["label"] for p in all_parts}
    for update in updates:
        update["part_label"] = labels.get(update["part"])
    _add_state(action, latest, synced["parties"], today())
    action["parts"] = [
        _part_state(p, part_states, action) for p in all_parts if p["withdrawn_at"] is None
    ]
    action["withdrawn_parts"] = [p for p in all_parts if p["withdrawn_at"] is not None]
    action["holding"] = [p for p in action["parts"] if p["late"]] if action["late"] else []
    action["done_in_file"] = bool(action["done_in_file"])
    action["depends"] = (
        json.loads(action["depends"]) if isinstance(action["depends"], str) else action["depends"]
    )
    action["amendments"] = synced["amendments"]
    action["more_updates"] = more
    action["updates"] = updates
    action["latest_update_id"] = updates[0]["id"] if updates else 0
    return {"document": document_row(doc), "action": action}


async def _states(
    action_id: int, all_parts: list[dict[str, Any]], updates: list[dict[str, Any]]
) -> tuple[dict[int, Any], dict[int, Any]]:
    """The action's state and its parts' latest updates: from `LATEST`, unless
    the newest update just read is one `LATEST` does not hold (on PostgreSQL
    a transaction may commit a lower id after a higher one was seen, and each
    statement has its own snapshot); then read exactly, as posting does."""
    latest = await LATEST.states()
    kept = [LATEST.by_whole.get(action_id), *(LATEST.by_part.get(p["id"]) for p in all_parts)]
    known = max((state["id"] for state in kept if state is not None), default=0)
    if not updates or updates[0]["id"] == known:
        return latest, LATEST.by_part
    if not all_parts:
        return {action_id: updates[0]}, {}
    return (
        await status.latest_updates([action_id]),
        await status.latest_part_updates(p["id"] for p in all_parts),
    )


_SYNCED_ACTIONS: OrderedDict[int, tuple[tuple, dict[str, Any]]] = OrderedDict()
_SYNCED_ACTIONS_MAX = 1024


async def _synced_action(action_id: int, stamp: tuple) -> dict[str, Any]:
    """An action's parties, amendments and parts. Only a sync writes them (a
    sync of its document; of any document for a party's name), and every sync
    moves the latest `synced_at`: kept per process under that stamp and the
    document's `withdrawn_at` (the action page's most frequent reads were
    these three). Shared between requests: read them, never change them."""
    kept = _SYNCED_ACTIONS.get(action_id)
    if kept is not None and kept[0] == stamp:
        _SYNCED_ACTIONS.move_to_end(action_id)
        return kept[1]
    synced = {
        "parties": _roles(await Action.raw(PARTIES_SQL, action_id).run()),
        "amendments": await Action.raw(AMENDMENTS_SQL, action_id).run(),
        "parts": await Action.raw(PARTS_SQL, action_id).run(),
    }
    _SYNCED_ACTIONS[action_id] = (stamp, synced)
    while len(_SYNCED_ACTIONS) > _SYNCED_ACTIONS_MAX:
        _SYNCED_ACTIONS.popitem(last=False)
    return synced


def _with_evidence(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """UPDATES_SQL's rows (an update once per piece of evidence) as updates,
    each with its `evidence` list (links and files, in the order added)."""
    updates: dict[int, dict[str, Any]] = {}
    for row in rows:
        evidence = {name: row.pop(f"evidence_{name}") for name in EVIDENCE_FIELDS}
        update = updates.setdefault(row["id"], {**row, "evidence": []})
        if evidence["id"] is not None:
            update["evidence"].append(evidence)
    return list(updates.values())


def _part_state(part: dict[str, Any], states: dict, action: dict[str, Any]) -> dict[str, Any]:
    """One live part of an action, with its own latest report."""
    state = states.get(part["id"], status.NOT_STARTED_STATE)
    value = part["target_value"]
    return {
        "id": part["id"],
        "key": part["key"],
        "label": part["label"],
        "kind": part["kind"],
        "owner": {"key": part["owner_key"], "name": part["owner_name"]},
        "target_value": int(value) if value is not None and float(value).is_integer() else value,
        "target_unit": part["target_unit"],
        "status": state["status"],
        "percent": status.percent_of(state),
        "value": state.get("value"),
        "updated_at": state["created_at"],
        "latest_update_id": state.get("id") or 0,
        "late": status.is_late(action["due"], state["status"], today()),
    }


async def _parties(where) -> dict[int, dict[str, list[dict[str, str]]]]:
    """Owner and `with` parties (key and name) per action id, in written order."""
    rows = (
        await ActionParty.select(
            ActionParty.action,
            ActionParty.role,
            ActionParty.party.key.as_alias("key"),
            ActionParty.party.name.as_alias("name"),
        )
        .where(where)
        .order_by(ActionParty.position)
        .run()
    )
    return _roles(rows)


def _roles(rows: list[dict[str, Any]]) -> dict[int, dict[str, list[dict[str, str]]]]:
    result: dict[int, dict[str, list[dict[str, str]]]] = {}
    for r in rows:
        roles = result.setdefault(r["action"], {"owner": [], "with": []})
        roles[r["role"]].append({"key": r["key"], "name": r["name"]})
    return result


def _add_state(action: dict[str, Any], latest: dict, parties: dict, now: dt.date) -> None:
    state = status.current_state(latest, action["id"])
    action["status"] = state["status"]
    action["percent"] = status.percent_of(state)
    action["value"] = state.get("value")  # a roll-up has none: its parts have theirs
    action["updated_at"] = state["created_at"]
    action["late"] = action["withdrawn_at"] is None and status.is_late(
        action["due"], state["status"], now
    )
    roles = parties.get(action["id"], {"owner": [], "with": []})
    action["owner"] = roles["owner"]
    action["with"] = roles["with"]
    value = action["target_value"]
    if value is not None and float(value).is_integer():
        action["target_value"] = int(value)


@dataclass(frozen=True)
class AmendmentLabels:
    """How an action's amendments read on its page: parties by name and
    commitments by title, as the rest of the page shows them. Amendments
    record keys and slugs (the JSON keeps them); names are looked up now."""

    parties: dict[str, str]
    commitments: dict[str, str]

    def shown(self, field: str, value: str) -> str:
        if field in ("owner", "with"):
            return "; ".join(self.parties.get(k, k) for k in _keys(value))
        if field == "commitment":
            return self.commitments.get(value, value)
        return value


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


async def amendment_labels(document_id: int, amendments: list[dict[str, Any]]) -> AmendmentLabels:
    """The names behind the keys and slugs of `amendments` (no query when none)."""
    keys: set[str] = set()
    slugs: set[str] = set()
    for a in amendments:
        for value in (a["old"], a["new"]):
            if value is None:
                continue
            if a["field"] in ("owner", "with"):
                keys.update(_keys(value))
            elif a["field"] == "commitment":
                slugs.add(value)
    parties: dict[str, str] = {}
    if keys:
        rows = await Party.select(Party.key, Party.name).where(Party.key.is_in(sorted(keys))).run()
        parties = {r["key"]: r["name"] for r in rows}
    commitments: dict[str, str] = {}
    if slugs:
        rows = (
            await Commitment.select(Commitment.slug, Commitment.title)
            .where((Commitment.document == document_id) & Commitment.slug.is_in(sorted(slugs)))
            .run()
        )
        commitments = {r["slug"]: r["title"] for r in rows}
    return AmendmentLabels(parties, commitments)
