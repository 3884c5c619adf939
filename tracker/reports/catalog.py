"""Everything sync wrote that status pages count, kept per process.

Documents, commitments, actions and their parties change only when a document
is synced or withdrawn, so one load serves every status page until the
documents' fingerprint moves. Dataset L (50,000 actions) takes a few
megabytes as slotted objects.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tracker import db, heap, i18n
from tracker.agreements.queries import changed_documents, documents_fingerprint
from tracker.agreements.tables import Action
from tracker.progress import parts as part_registry

DOCUMENTS = (
    'SELECT id, slug, kind, title, signed, date, meta, withdrawn_at, synced_at FROM "document"'
)
COMMITMENTS = (
    'SELECT id, document, slug, title, parent, position FROM "commitment" WHERE withdrawn = {}'
)
PARTIES = 'SELECT id, "key", name FROM "party"'


# The rows of every document, or with `where` (" AND ...") of some documents.
def _actions_sql(where: str) -> str:
    return (
        "SELECT id, document, commitment, code, title, due, target_value, target_unit, "
        f'position, created_at, withdrawn_at FROM "action" WHERE 1 = 1{where} '
        "ORDER BY document, position"
    )


def _action_parties_sql(where: str) -> str:
    return (
        f'SELECT action, party, role FROM "action_party" WHERE 1 = 1{where} '
        "ORDER BY action, position"
    )


def _due_amendments_sql(where: str) -> str:
    return (
        f'SELECT action, old, at FROM "amendment" WHERE field = {{}}{where} ORDER BY action, at, id'
    )


@dataclass(slots=True)
class CatalogAction:
    id: int
    document: int
    commitment: int
    code: str
    title: str
    due: dt.date | None
    target: str | None
    position: int
    created_at: dt.datetime
    withdrawn_at: dt.datetime | None
    owners: list[int] = field(default_factory=list)
    supporters: list[int] = field(default_factory=list)
    due_changes: list[tuple[dt.datetime, dt.date | None]] = field(default_factory=list)
    tracked_from: dt.datetime = dt.datetime.max.replace(tzinfo=dt.UTC)
    parts: list[part_registry.PartInfo] = field(default_factory=list)  # withdrawn ones too

    def parts_at(self, moment: dt.datetime | None) -> list[part_registry.PartInfo]:
        """The parts tracked at `moment` (None: now); empty for an action without parts."""
        return [p for p in self.parts if p.exists_at(moment)]

    def exists_at(self, moment: dt.datetime | None) -> bool:
        """Whether the action was tracked (agreed, not withdrawn) at `moment` (None: now)."""
        if moment is None:
            return self.withdrawn_at is None
        return self.tracked_from < moment and (
            self.withdrawn_at is None or self.withdrawn_at > moment
        )

    def due_at(self, moment: dt.datetime | None) -> dt.date | None:
        """The deadline as written at `moment`: amendments after it hold the older value."""
        if moment is not None:
            for at, old in self.due_changes:
                if at > moment:
                    return old
        return self.due


@dataclass(slots=True)
class Catalog:
    fingerprint: tuple
    documents: dict[int, dict[str, Any]]
    by_slug: dict[str, int]
    commitments: dict[int, dict[str, Any]]
    actions: list[CatalogAction]
    parties: dict[int, dict[str, str]]
    party_ids: dict[str, int]
    # Regions actions are broken down by (part keys of kind `region`), with the
    # wider official regions they lie in: key -> name, in code order.
    regions: dict[str, str] = field(default_factory=dict)
    by_id: dict[int, CatalogAction] = field(default_factory=dict)
    # When this catalog was loaded from the one before it, reading only the
    # documents a sync changed: that catalog's fingerprint, and the actions of
    # the changed documents (before and after). Kept reports move on by
    # taking those actions in again rather than counting everything.
    derived_from: tuple | None = None
    moved: frozenset[int] = frozenset()
    _by_document: dict[int, list[CatalogAction]] | None = None

    def actions_of(self, document_id: int) -> list[CatalogAction]:
        """One document's actions, in catalog order: what a document's status,
        its exports and its minutes' summary go through, rather than every
        action of the record (indexed on first use; `actions` never changes)."""
        if self._by_document is None:
            index: dict[int, list[CatalogAction]] = {}
            for action in self.actions:
                index.setdefault(action.document, []).append(action)
            self._by_document = index
        return self._by_document.get(document_id, [])


_CACHE: list[Catalog] = []


# Shared by every action without parts (never appended to).
NO_PARTS: list[part_registry.PartInfo] = []


async def current() -> Catalog:
    """The catalog, reloaded when a sync changed the documents. Call inside a transaction."""
    fingerprint = await documents_fingerprint()
    if _CACHE and _CACHE[0].fingerprint == fingerprint:
        return _CACHE[0]
    with heap.paused():
        catalog = await _load(fingerprint, _CACHE[0] if _CACHE else None)
    _CACHE[:] = [catalog]
    return catalog


async def _load(fingerprint: tuple, previous: Catalog | None = None) -> Catalog:
    """Everything, or, given the catalog before, only what belongs to the
    documents whose sync or withdrawal moved (a document's rows are written
    only by its own sync); parties, parts and regions are always read again."""
    documents = await _documents()
    changed = changed_documents(
        _stamps(documents), _stamps(previous.documents) if previous else None
    )
    base = previous if changed is not None else None  # the catalog this one is read from
    if base is None:
        by_document = by_action = ""
        args: tuple = ()
    else:  # only the changed documents' rows
        marks = ", ".join("{}" for _ in changed) or "NULL"
        by_document = f" AND document IN ({marks})"
        by_action = f' AND action IN (SELECT id FROM "action" WHERE document IN ({marks}))'
        args = tuple(changed)
    commitments = {
        row["id"]: row for row in await Action.raw(COMMITMENTS + by_document, False, *args).run()
    }
    # The two largest reads (50,000 actions and their parties on dataset L) as tuples.
    actions = {row[0]: _action(row) for row in await db.tuples(_actions_sql(by_document), *args)}
    for action_id, party, role in await db.tuples(_action_parties_sql(by_action), *args):
        action = actions[action_id]
        (action.owners if role == "owner" else action.supporters).append(party)
    _tracked_from(documents, actions.values())
    for row in await Action.raw(_due_amendments_sql(by_action), "due", *args).run():
        old = dt.date.fromisoformat(row["old"]) if row["old"] else None
        actions[row["action"]].due_changes.append((db.timestamp(row["at"]), old))
    moved: frozenset[int] = frozenset()
    if base is not None:
        moved = frozenset(actions) | frozenset(a.id for a in base.actions if a.document in changed)
        commitments, actions = _merge(base, changed, commitments, actions)
    commitments = dict(sorted(commitments.items(), key=lambda kv: (kv[1]["position"], kv[0])))
    parties = {row["id"]: row for row in await Action.raw(PARTIES).run()}
    parts = (await part_registry.registry()).by_action
    for action in actions.values():  # no await from here on: a page may be reading them
        action.parts = parts.get(action.id, NO_PARTS)
    return Catalog(
        fingerprint=fingerprint,
        documents=documents,
        by_slug={doc["slug"]: doc_id for doc_id, doc in documents.items()},
        commitments=commitments,
        actions=list(actions.values()),
        by_id=actions,
        parties=parties,
        party_ids={party["key"]: party_id for party_id, party in parties.items()},
        regions=_regions(actions.values()),
        derived_from=base.fingerprint if base is not None else None,
        moved=moved,
    )


async def _documents() -> dict[int, dict[str, Any]]:
    documents = {}
    for row in await Action.raw(DOCUMENTS).run():
        meta = row["meta"]
        row["meta"] = json.loads(meta) if isinstance(meta, str) else meta
        row["withdrawn_at"] = db.timestamp(row["withdrawn_at"])
        row["synced_at"] = db.timestamp(row["synced_at"])
        row["signed"], row["date"] = _date(row["signed"]), _date(row["date"])
        documents[row["id"]] = row
    return documents


def _stamps(documents: dict[int, dict[str, Any]]) -> dict[int, tuple]:
    return {doc_id: (doc["synced_at"], doc["withdrawn_at"]) for doc_id, doc in documents.items()}


def _merge(
    previous: Catalog,
    changed: set[int],
    commitments: dict[int, dict[str, Any]],
    actions: dict[int, CatalogAction],
) -> tuple[dict[int, dict[str, Any]], dict[int, CatalogAction]]:
    """The previous catalog's commitments and actions with the changed
    documents' replaced, actions in the order a full load gives (by document
    and position). Unchanged actions are the previous catalog's own objects."""
    kept = {c: row for c, row in previous.commitments.items() if row["document"] not in changed}
    by_document: dict[int, list[CatalogAction]] = {}
    for action in previous.actions:
        if action.document not in changed:
            by_document.setdefault(action.document, []).append(action)
    for action in actions.values():
        by_document.setdefault(action.document, []).append(action)
    merged = {
        action.id: action
        for document in sorted(by_document)
        for action in sorted(by_document[document], key=lambda a: a.position)
    }
    return {**kept, **commitments}, merged


def _regions(actions) -> dict[str, str]:
    """Every region a live part reports for, and the official regions above it
    (so `51.03`, Badung, selects the desa of Badung), in code order."""
    found: dict[str, str] = {}
    for action in actions:
        for part in action.parts:
            if part.kind == part_registry.REGION and part.withdrawn_at is None:
                found[part.key] = part.label
    for key in list(found):
        for wider in part_registry.wider_regions(key):
            if wider not in found:
                from tracker import regions  # one level's names, read only when needed

                found[wider] = regions.name_of(wider) or wider
    return dict(sorted(found.items(), key=lambda kv: part_registry.region_order(kv[0])))


FIRST_SYNC = dt.timedelta(hours=1)


def _tracked_from(documents: dict[int, dict[str, Any]], actions) -> None:
    """When each action counts as agreed, for as-of views.

    A document's actions exist from the day it was signed (or held), even if
    the tracker first synced it months later; an action added to the file
    afterwards exists from the sync that added it.
    """
    first: dict[int, dt.datetime] = {}
    for action in actions:
        first[action.document] = min(
            first.get(action.document, action.created_at), action.created_at
        )
    for action in actions:
        action.tracked_from = action.created_at
        doc = documents[action.document]
        day = doc["signed"] or doc["date"]
        if day is not None and action.created_at - first[action.document] < FIRST_SYNC:
            start = dt.datetime.combine(day, dt.time(), tzinfo=i18n.WITA).astimezone(dt.UTC)
            action.tracked_from = min(action.created_at, start)


def _action(row: Sequence[Any]) -> CatalogAction:
    """An action from a row of `_actions_sql` (a tuple, in its column order)."""
    (
        action_id, document, commitment, code, title, due, value, unit, position,
        created_at, withdrawn_at,
    ) = row  # fmt: skip
    target = None
    if value is not None:
        number = int(value) if float(value).is_integer() else value
        target = f"{number} {unit or ''}".strip()
    return CatalogAction(
        id=action_id,
        document=document,
        commitment=commitment,
        code=code,
        title=title,
        due=_date(due),
        target=target,
        position=position,
        created_at=db.timestamp(created_at),
        withdrawn_at=db.timestamp(withdrawn_at),
    )


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def forget() -> None:
    _CACHE.clear()
