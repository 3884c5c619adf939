"""Everything sync wrote that status pages count, kept per process.

Documents, commitments, actions and their parties change only when a document
is synced or withdrawn, so one load serves every status page until the
documents' fingerprint moves. Dataset L (50,000 actions) takes a few
megabytes as slotted objects.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from tracker import db, i18n
from tracker.agreements.queries import DOCUMENTS_FINGERPRINT
from tracker.agreements.tables import Action
from tracker.progress import parts as part_registry

DOCUMENTS = (
    'SELECT id, slug, kind, title, signed, date, meta, withdrawn_at, synced_at FROM "document"'
)
COMMITMENTS = 'SELECT id, document, slug, title, parent, position FROM "commitment" WHERE withdrawn = {} ORDER BY position'
ACTIONS = (
    "SELECT id, document, commitment, code, title, due, target_value, target_unit, position, "
    'created_at, withdrawn_at FROM "action" ORDER BY document, position'
)
PARTIES = 'SELECT id, "key", name FROM "party"'
ACTION_PARTIES = 'SELECT action, party, role FROM "action_party" ORDER BY action, position'
DUE_AMENDMENTS = 'SELECT action, old, at FROM "amendment" WHERE field = {} ORDER BY action, at, id'


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


_CACHE: list[Catalog] = []


async def current() -> Catalog:
    """The catalog, reloaded when a sync changed the documents. Call inside a transaction."""
    fingerprint = tuple((await Action.raw(DOCUMENTS_FINGERPRINT).run())[0].values())
    if _CACHE and _CACHE[0].fingerprint == fingerprint:
        return _CACHE[0]
    catalog = await _load(fingerprint)
    _CACHE[:] = [catalog]
    return catalog


async def _load(fingerprint: tuple) -> Catalog:
    documents = {}
    for row in await Action.raw(DOCUMENTS).run():
        meta = row["meta"]
        row["meta"] = json.loads(meta) if isinstance(meta, str) else meta
        row["withdrawn_at"] = db.timestamp(row["withdrawn_at"])
        row["signed"], row["date"] = _date(row["signed"]), _date(row["date"])
        documents[row["id"]] = row
    commitments = {row["id"]: row for row in await Action.raw(COMMITMENTS, False).run()}
    parties = {row["id"]: row for row in await Action.raw(PARTIES).run()}
    actions = {row["id"]: _action(row) for row in await Action.raw(ACTIONS).run()}
    for row in await Action.raw(ACTION_PARTIES).run():
        action = actions[row["action"]]
        (action.owners if row["role"] == "owner" else action.supporters).append(row["party"])
    _tracked_from(documents, actions.values())
    for action_id, found in (await part_registry.registry()).by_action.items():
        if action_id in actions:
            actions[action_id].parts = found
    region_names = _regions(actions.values())
    for row in await Action.raw(DUE_AMENDMENTS, "due").run():
        old = dt.date.fromisoformat(row["old"]) if row["old"] else None
        actions[row["action"]].due_changes.append((db.timestamp(row["at"]), old))
    return Catalog(
        fingerprint=fingerprint,
        documents=documents,
        by_slug={doc["slug"]: doc_id for doc_id, doc in documents.items()},
        commitments=commitments,
        actions=list(actions.values()),
        by_id=actions,
        parties=parties,
        party_ids={party["key"]: party_id for party_id, party in parties.items()},
        regions=region_names,
    )


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


def _action(row: dict[str, Any]) -> CatalogAction:
    value = row["target_value"]
    target = None
    if value is not None:
        number = int(value) if float(value).is_integer() else value
        target = f"{number} {row['target_unit'] or ''}".strip()
    due = row["due"]
    return CatalogAction(
        id=row["id"],
        document=row["document"],
        commitment=row["commitment"],
        code=row["code"],
        title=row["title"],
        due=_date(due),
        target=target,
        position=row["position"],
        created_at=db.timestamp(row["created_at"]),
        withdrawn_at=db.timestamp(row["withdrawn_at"]),
    )


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def forget() -> None:
    _CACHE.clear()
