"""Sync: turn agreement files into rows, without ever losing history.

Each file is written in its own transaction, so a file with errors changes
nothing while the good ones still sync. An unchanged file (same bytes as at its
last sync) is skipped without parsing. Changes to an action are recorded as
amendments; an action that leaves its file is withdrawn, and restored if its ID
comes back; `[x]` in a file becomes a progress update.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker import db
from tracker.accounts import audit
from tracker.agreements.checker import (
    DocumentChecks,
    check_documents,
    collect_paths,
    parse_bytes,
)
from tracker.agreements.format import Diagnostic, ParsedAction, ParsedDocument, Target
from tracker.agreements.tables import (
    Action,
    ActionParty,
    Amendment,
    Commitment,
    Document,
    Part,
    Party,
)
from tracker.progress import status
from tracker.progress.tables import Update
from tracker.regions import desa_adat

MARKED_DONE_NOTE = "marked done in the agreement file"
TRACKED_FIELDS = (
    "title",
    "commitment",
    "owner",
    "with",
    "due",
    "start",
    "indicator",
    "target",
    "depends",
    "description",
)


@dataclass
class FileResult:
    path: str
    id: str | None
    result: str  # synced | unchanged | rejected
    created: list[str] = field(default_factory=list)
    amended: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    marked_done: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.id,
            "result": self.result,
            "created": self.created,
            "amended": self.amended,
            "withdrawn": self.withdrawn,
            "restored": self.restored,
            "marked_done": self.marked_done,
        }


@dataclass
class SyncReport:
    files: list[FileResult] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    withdrawn_documents: list[str] = field(default_factory=list)
    restored_documents: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.result != "rejected" for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": [f.as_dict() for f in self.files],
            "errors": [d.as_dict() for d in self.errors],
            "warnings": [d.as_dict() for d in self.warnings],
            "withdrawn_documents": self.withdrawn_documents,
            "restored_documents": self.restored_documents,
        }


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_digest(data: bytes, path: Path) -> str:
    """What tells sync a document changed: its bytes and, for one that names desa
    adat, the desa adat lists beside it too, so a desa adat added to the list
    alone reaches `desa adat di Badung` at the next sync."""
    if b"adat" not in data.lower():
        return content_hash(data)
    return content_hash(data + b"\0desa-adat\0" + desa_adat.lists_bytes(path))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def known_documents() -> dict[str, dict[str, Any]]:
    """Every document in the database by id (slug): path, hash, parties."""
    rows = await Document.select(
        Document.id,
        Document.slug,
        Document.path,
        Document.content_hash,
        Document.meta,
        Document.withdrawn_at,
    ).run()
    return {row["slug"]: row for row in rows}


def parties_of(row: dict[str, Any]) -> dict[str, str]:
    meta = row["meta"]
    return (json.loads(meta) if isinstance(meta, str) else meta).get("parties", {})


# Parses several files at once; may offer `later(items)`: one awaitable per
# item, in order, each done when that file is parsed.
Parser = Callable[[list[tuple[bytes, Path]]], list[ParsedDocument]]
PARALLEL_FROM = 4  # changed files from which a given parser (processes) is worth its cost


async def sync_paths(
    paths: list[str] | None, folder: Path, parser: Parser | None = None
) -> SyncReport:
    """Sync the given files/folders, or the whole agreements folder when none.

    `parser` parses several files at once (the CLI passes one that uses a
    process per core: parsing Markdown is most of a cold sync's work).
    Raises `UsageError` for a path that does not exist.
    """
    whole_folder = not paths
    files = collect_paths(paths or [folder])
    early, contents = None, None
    later = getattr(parser, "later", None)
    if later is not None and len(files) >= PARALLEL_FROM and not await db.applied_migrations():
        # A new database holds no documents: every file is parsed, in the
        # parser's processes while this one runs the migrations (and the
        # bytes parsed are the bytes hashed, whatever an editor saves meanwhile).
        contents = {path: path.read_bytes() for path in files}
        early = later(list(zip(contents.values(), contents, strict=True)))
    await db.ensure_migrated()
    report = SyncReport()
    if early is not None and not await known_documents():
        await _write_as_parsed(contents, early, report)
    else:  # (another sync may have filled the new database meanwhile)
        await _sync_changed(files, parser, report)
        await _warn_moved_actions(report)

    if whole_folder:
        report.withdrawn_documents.extend(await _withdraw_missing(files))
    if not db.is_sqlite() and any(f.created for f in report.files):
        # Fresh rows: give PostgreSQL's planner statistics now; autovacuum skips
        # small tables such as `document`, and without them it picks slow plans.
        await db.engine().run_ddl("ANALYZE")
    report.withdrawn_documents.sort()
    report.restored_documents.sort()
    report.files.sort(key=lambda f: f.path)
    return report


async def _sync_changed(files: list[Path], parser: Parser | None, report: SyncReport) -> None:
    """Parse the files whose bytes changed since their last sync, check them
    together with what the database knows, and write each one without errors."""
    known = await known_documents()
    by_path = {row["path"]: row for row in known.values()}
    to_parse: list[tuple[bytes, Path, str]] = []
    for path in files:
        data = path.read_bytes()
        digest = document_digest(data, path)
        row = by_path.get(str(path))
        if row and row["content_hash"] == digest and not row["withdrawn_at"]:
            report.files.append(FileResult(str(path), row["slug"], "unchanged"))
            continue  # same bytes as last time: not even parsed
        to_parse.append((data, path, digest))
    items = [(data, path) for data, path, _ in to_parse]
    if parser is not None and len(items) >= PARALLEL_FROM:
        parsed = parser(items)
    else:
        parsed = [parse_bytes(data, path) for data, path in items]
    changed = [  # (digest, parsed, hash of the bytes alone)
        (digest, doc, content_hash(data))
        for (data, _, digest), doc in zip(to_parse, parsed, strict=True)
    ]
    docs = [doc for _, doc, _ in changed]
    ids_now = {doc.path: doc.id for doc in docs}
    check_documents(
        docs,
        {
            slug: parties_of(row)
            for slug, row in known.items()
            if row["path"] not in {d.path for d in docs}
        },
        {slug for slug, row in known.items() if row["withdrawn_at"]},
    )
    finalized = await _finalized_minutes([d.id for d in docs if d.id and d.type == "minutes"])
    for digest, doc, raw_digest in changed:
        _check_id_move(doc, known.get(doc.id or ""), ids_now)
        _check_meeting_copy(doc, finalized.get(doc.id or ""), raw_digest)
        await _write_checked(doc, digest, report)


async def _warn_moved_actions(report: SyncReport) -> None:
    """Warn of an action cut from one document and pasted into another.

    An action is known by its document and its ID: the move withdrew it there
    and created a new one here, and its progress reports stayed behind (the
    status pages show it not started). Said only when there were reports."""
    left: dict[str, list[str]] = {}  # action ID -> documents it was withdrawn from
    for f in report.files:
        for code in f.withdrawn:
            left.setdefault(code, []).append(f.id or "")
    for f in report.files:
        for code in f.created + f.restored:  # restored: it was moved here once before
            for source in left.get(code, []):
                if source == f.id:
                    continue
                reports = (
                    await Update.count()
                    .where((Update.action.document.slug == source) & (Update.action.code == code))
                    .run()
                )
                if not reports:
                    continue
                row = (
                    await Action.select(Action.line)
                    .where((Action.document.slug == f.id) & (Action.code == code))
                    .first()
                    .run()
                )
                noun = "progress report" if reports == 1 else "progress reports"
                report.warnings.append(
                    Diagnostic(
                        f.path,
                        row["line"] if row else 1,
                        f"`{code}` left `{source}` ({reports} {noun}) and is a new action "
                        f"here: its history stays with `{source}/{code}` (withdrawn); to "
                        "keep it, move the action back",
                        "warning",
                    )
                )


async def _write_as_parsed(
    contents: dict[Path, bytes], parsed: list[Awaitable[ParsedDocument]], report: SyncReport
) -> None:
    """Into a new database (nothing known, every file parsed in the parser's
    processes), write each document as soon as it and every file before it
    are parsed, so that writing overlaps parsing. Minutes that follow a file
    not parsed yet wait for every file. The checks are those of
    `check_documents`, claimed in file order: the same documents are refused,
    and the messages are reported in file order."""
    checks = DocumentChecks()
    waiting: list[tuple[str, ParsedDocument]] = []
    try:
        for (path, data), one in zip(contents.items(), parsed, strict=True):
            doc = await one
            digest = document_digest(data, path)
            checks.claim(doc)
            if doc.type == "minutes" and not all(f in checks.parties for f in doc.follows):
                waiting.append((digest, doc))
                continue
            checks.check(doc)
            await _write_checked(doc, digest, report)
        for digest, doc in waiting:
            checks.check(doc)
            await _write_checked(doc, digest, report)
    finally:
        for one in parsed:  # after an error: none left running or unread
            if not one.done():
                one.cancel()
            elif not one.cancelled():
                one.exception()
    order = {str(path): number for number, path in enumerate(contents)}
    for found in (report.errors, report.warnings):
        found.sort(key=lambda d: order.get(d.path, len(order)))  # stable: lines stay in order


async def _write_checked(doc: ParsedDocument, digest: str, report: SyncReport) -> None:
    """Write one checked document in its own transaction (or report it rejected),
    with its audit entries in the same transaction: a document its file no
    longer holds is withdrawn, and a withdrawn one that comes back is restored."""
    if doc.errors:
        report.files.append(FileResult(doc.path, doc.id, "rejected"))
    else:
        writer = _DocumentWriter(doc, digest)
        async with db.writing():
            await db.serialize_writers("sync")
            await _custom_plans()
            writer.at = now()  # stamped once the lock is ours: synced_at only grows
            result = await writer.write()
            for slug in writer.replaced:
                await _record_withdrawal(slug, doc.path, f"its file now holds `{doc.id}`")
            detail = {
                k: v for k, v in result.as_dict().items() if v and k not in ("path", "id", "result")
            }
            if writer.restored_document:
                detail = {"document": "restored", **detail}
            await _record("document.sync", doc.id or doc.path, detail)
            report.files.append(result)
        report.withdrawn_documents.extend(writer.replaced)
        if writer.restored_document and doc.id:
            report.restored_documents.append(doc.id)
    report.errors.extend(doc.errors)
    report.warnings.extend(doc.warnings)


async def _record(action: str, target: str, detail: dict[str, Any]) -> None:
    """An audit entry of a sync, under the operating-system user who ran it."""
    await audit.record(
        action, target, user_id=None, username=_operator(), address="cli", detail=detail
    )


async def _record_withdrawal(slug: str, path: str, reason: str) -> None:
    """Withdrawing a whole document is a change like any other: who, when, why."""
    await _record("document.withdraw", slug, {"path": path, "reason": reason})


async def _custom_plans() -> None:
    """On PostgreSQL, plan this transaction's statements for their own values.

    Sync runs the same statements for document after document on one pooled
    connection; after five runs PostgreSQL may switch to a generic plan that
    ignores the values, which made a cold sync of dataset L 26 s instead of 16.
    """
    if not db.is_sqlite():
        await Document.raw("SET LOCAL plan_cache_mode = force_custom_plan").run()


MEETING_PATH = "meeting:"  # the path of minutes finalized in the tracker, not read from a file


class Rejected(ValueError):
    """A document given as text has errors; nothing was written."""

    def __init__(self, doc: ParsedDocument) -> None:
        super().__init__("; ".join(d.message for d in doc.errors))
        self.doc = doc


async def sync_text(text: str, path: str) -> FileResult:
    """Sync one document given as text, inside the caller's write transaction.

    Finalized Rakor minutes come this way (path `meeting:<id>`), exactly as
    syncing the same text from a file would: the same rows, matched by
    document id and action ID, so archiving the file later creates nothing
    twice. Raises `Rejected` (and writes nothing) if the text has errors.
    """
    data = text.encode("utf-8")
    doc = parse_bytes(data, Path(path))
    known = await known_documents()
    check_documents(
        [doc],
        {
            slug: parties_of(row)
            for slug, row in known.items()
            if slug != doc.id and row["path"] != path
        },
    )
    if doc.errors:
        raise Rejected(doc)
    digest = content_hash(data)  # minutes written in the tracker: no list beside them
    row = known.get(doc.id or "")
    if row and row["content_hash"] == digest and row["path"] == path and not row["withdrawn_at"]:
        return FileResult(path, doc.id, "unchanged")
    await db.serialize_writers("sync")
    writer = _DocumentWriter(doc, digest)
    writer.at = now()
    return await writer.write()


def _operator() -> str:
    """Who ran the sync, as far as the operating system knows."""
    return (os.environ.get("USER") or os.environ.get("LOGNAME") or "system")[:64]


def _check_id_move(
    doc: ParsedDocument, row: dict[str, Any] | None, ids_now: dict[str, str | None]
) -> None:
    """An id synced from another path is an error while that file still holds it."""
    if row is None or row["path"] == doc.path:
        return
    old_file_now_says = ids_now.get(row["path"], doc.id)
    if Path(row["path"]).exists() and old_file_now_says == doc.id:
        doc.error(
            1,
            f"`id` `{doc.id}` is already synced from {row['path']}: give this document "
            "its own id, or remove the old file to move it here",
        )


async def _finalized_minutes(slugs: list[str]) -> dict[str, str]:
    """The hash of the current version of each of these minutes finalized in
    the tracker (Rakor), by id; minutes written as files are not there."""
    from tracker.minutes.tables import MinutesVersion  # the minutes build on sync

    current: dict[str, tuple[int, str]] = {}
    for batch in db.batches(slugs):
        rows = (
            await MinutesVersion.select(
                MinutesVersion.meeting.slug.as_alias("slug"),
                MinutesVersion.version,
                MinutesVersion.markdown,
            )
            .where(MinutesVersion.meeting.slug.is_in(list(batch)))
            .run()
        )
        for row in rows:
            if row["version"] > current.get(row["slug"], (0, ""))[0]:
                current[row["slug"]] = (row["version"], row["markdown"])
    return {slug: content_hash(text.encode("utf-8")) for slug, (_, text) in current.items()}


def _check_meeting_copy(doc: ParsedDocument, current: str | None, digest: str) -> None:
    """Minutes finalized in the tracker are taken from a file only as their
    current export, before and after it was first archived.

    Otherwise an old archived copy would undo a correction made in the
    tracker, and a copy edited by hand would make the tracked follow-ups say
    what the issued notulen don't (until the next correction undid it).
    """
    if current is not None and current != digest:
        doc.error(
            1,
            f"`id` `{doc.id}` is minutes finalized in the tracker, and this file differs from "
            f"their current version: replace it with `tracker minutes export {doc.id} --format md`",
        )


async def _withdraw_missing(files: list[Path]) -> list[str]:
    """Documents whose files are gone from the folder are withdrawn, history
    kept, each with an audit entry in the same transaction."""
    present = {str(p) for p in files}
    known = await known_documents()  # after this run's writes: moved files have new paths
    gone = [
        row["id"]
        for row in known.values()
        if row["path"] not in present
        and not row["withdrawn_at"]
        and not row["path"].startswith(MEETING_PATH)
        and not Path(row["path"]).exists()
    ]
    if not gone:
        return []
    async with db.writing():
        await db.serialize_writers("sync")
        # Read again under the lock: another sync may have withdrawn them meanwhile.
        rows = (
            await Document.select(Document.id, Document.slug, Document.path)
            .where(Document.id.is_in(gone) & Document.withdrawn_at.is_null())
            .run()
        )
        if rows:
            await (
                Document.update({Document.withdrawn_at: now()})
                .where(Document.id.is_in([row["id"] for row in rows]))
                .run()
            )
        for row in rows:
            await _record_withdrawal(row["slug"], row["path"], "its file is gone")
    return sorted(row["slug"] for row in rows)


def _kept_split(action: ParsedAction, have: dict[str, dict[str, Any]]) -> bool:
    """Whether the one owner left of a shared action keeps its part.

    Its reports were made on that part; were the action made whole again,
    they would stop counting and the action would read "not started" (the
    whole has no report of its own). So an owner that has a part keeps it.
    """
    return (
        not action.regions
        and len(action.owner) == 1
        and any(r["kind"] == "owner" and r["key"] == action.owner[0] for r in have.values())
    )


def _position(row: dict[str, Any]) -> int:
    return row["position"]


def _show(value: Any) -> str | None:
    """How a tracked value is recorded in an amendment (and shown on the web)."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def tracked_values(action: ParsedAction) -> dict[str, str | None]:
    return {
        "title": _show(action.title),
        "commitment": _show(action.commitment),
        "owner": _show(action.owner),
        "with": _show(action.with_),
        "due": _show(action.due),
        "start": _show(action.start),
        "indicator": _show(action.indicator),
        "target": _show(str(action.target) if action.target else None),
        "depends": _show(action.depends),
        "description": _show(action.description),
    }


class _DocumentWriter:
    """Writes one parsed, error-free document inside the caller's transaction."""

    def __init__(self, doc: ParsedDocument, digest: str) -> None:
        self.doc = doc
        self.digest = digest
        self.at = now()
        self.result = FileResult(doc.path, doc.id, "synced")
        # Rows collected while walking the actions, inserted in bulk by flush().
        self.new_roles: list[dict[str, Any]] = []  # rows of table ActionParty
        self.new_amendments: list[Amendment] = []
        self.new_updates: list[Update] = []
        self.replaced: list[str] = []  # documents this file held under another id
        self.restored_document = False  # this document was withdrawn until now
        self.party_names: dict[int, str] = {}

    async def write(self) -> FileResult:
        party_ids = await self.write_parties()
        document_id = await self.write_document()
        await self.withdraw_replaced()
        commitment_ids = await self.write_commitments(document_id)
        await self.write_actions(document_id, commitment_ids, party_ids)
        return self.result

    async def write_parties(self) -> dict[str, int]:
        doc = self.doc
        existing = await self.parties_by_key()
        new = [Party(key=k, name=n) for k, n in doc.parties.items() if k not in existing]
        if new:
            await db.insert_all(new)
        for key, name in doc.parties.items():
            if key in existing and existing[key]["name"] != name:
                await Party.update({Party.name: name}).where(Party.key == key).run()
        rows = await self.parties_by_key()
        self.party_names = {row["id"]: row["name"] for row in rows.values()}
        return {key: row["id"] for key, row in rows.items()}

    async def parties_by_key(self) -> dict[str, dict[str, Any]]:
        """The stored rows of this document's parties, by key."""
        found: dict[str, dict[str, Any]] = {}
        for keys in db.batches(list(self.doc.parties)):
            rows = (
                await Party.select(Party.id, Party.key, Party.name)
                .where(Party.key.is_in(list(keys)))
                .run()
            )
            found.update((r["key"], r) for r in rows)
        return found

    async def write_document(self) -> int:
        doc = self.doc
        values = {
            Document.slug: doc.id,
            Document.kind: doc.type,
            Document.title: doc.title,
            Document.path: doc.path,
            Document.content_hash: self.digest,
            Document.source: doc.text,
            Document.signed: doc.signed,
            Document.date: doc.date,
            Document.meta: json.dumps(doc.meta(), ensure_ascii=False),
            Document.synced_at: self.at,
            Document.withdrawn_at: None,
        }
        row = (
            await Document.select(Document.id, Document.withdrawn_at)
            .where(Document.slug == doc.id)
            .first()
            .run()
        )
        if row:
            self.restored_document = row["withdrawn_at"] is not None
            await Document.update(values).where(Document.id == row["id"]).run()
            return row["id"]
        inserted = await Document.insert(
            Document(**{c._meta.name: v for c, v in values.items()})
        ).run()
        return inserted[0]["id"]

    async def withdraw_replaced(self) -> None:
        """A file whose `id` changed now holds a new document; the old one is withdrawn."""
        old = (
            await Document.select(Document.id, Document.slug)
            .where(
                (Document.path == self.doc.path)
                & (Document.slug != self.doc.id)
                & Document.withdrawn_at.is_null()
            )
            .run()
        )
        if old:
            await (
                Document.update({Document.withdrawn_at: self.at})
                .where(Document.id.is_in([r["id"] for r in old]))
                .run()
            )
            self.replaced = [r["slug"] for r in old]
            for row in old:
                await self.warn_replaced(row["id"], row["slug"])

    async def warn_replaced(self, document_id: int, slug: str) -> None:
        """Warn that the progress of the document this file held stays behind.

        Changing a synced file's `id` is most often tidying, not meaning a new
        document; the old one's reports then vanish from every status page."""
        reports = await Update.count().where(Update.action.document == document_id).run()
        if reports:
            noun = "progress report" if reports == 1 else "progress reports"
            self.doc.warn(
                self.doc.key_lines.get("id", 1),
                f"this file held `{slug}` ({reports} {noun}); `{self.doc.id}` is a new "
                f"document without them, and `{slug}` is withdrawn with its history: "
                f"to keep it, put `id: {slug}` back",
            )

    async def write_commitments(self, document_id: int) -> dict[str, int]:
        rows = (
            await Commitment.select(Commitment.id, Commitment.slug)
            .where(Commitment.document == document_id)
            .run()
        )
        existing = {r["slug"]: r["id"] for r in rows}
        seen = set()
        new = []
        for position, c in enumerate(self.doc.commitments):
            seen.add(c.slug)
            values = {
                Commitment.title: c.title,
                Commitment.parent: c.parent,
                Commitment.description: c.description,
                Commitment.position: position,
                Commitment.line: c.line,
                Commitment.withdrawn: False,
            }
            if c.slug in existing:
                await Commitment.update(values).where(Commitment.id == existing[c.slug]).run()
            else:
                new.append(
                    Commitment(
                        document=document_id,
                        slug=c.slug,
                        **{col._meta.name: v for col, v in values.items()},
                    )
                )
        if new:
            await db.insert_all(new)
        gone = [i for slug, i in existing.items() if slug not in seen]
        for batch in db.batches(gone):
            await (
                Commitment.update({Commitment.withdrawn: True})
                .where(Commitment.id.is_in(list(batch)))
                .run()
            )
        rows = (
            await Commitment.select(Commitment.id, Commitment.slug)
            .where(Commitment.document == document_id)
            .run()
        )
        return {r["slug"]: r["id"] for r in rows}

    async def write_actions(
        self, document_id: int, commitment_ids: dict[str, int], party_ids: dict[str, int]
    ) -> None:
        rows = (
            await Action.select(
                Action.all_columns(), Action.commitment.slug.as_alias("commitment_slug")
            )
            .where(Action.document == document_id)
            .run()
        )
        existing = {r["code"]: r for r in rows}
        roles = await self.roles([r["id"] for r in rows])
        # Lock what `[x]` may tick before reading its state, as a post would.
        await db.serialize_updates(f"{self.doc.id}/{a.id}" for a in self.doc.actions if a.done)
        latest = await status.latest_updates(r["id"] for r in rows)
        parsed_codes = {a.id for a in self.doc.actions}
        new_actions: list[tuple[ParsedAction, dict[str, Any]]] = []
        written: list[tuple[ParsedAction, int]] = []
        for position, action in enumerate(self.doc.actions):
            values = self.action_values(action, position, commitment_ids)
            row = existing.get(action.id)
            if row is None:
                # A dict, not a Piccolo row: 5,000 of those were a tenth of a cold sync.
                new_actions.append(
                    (action, {**values, "document": document_id, "created_at": self.at})
                )
                self.result.created.append(action.id)
                continue
            await self.update_action(action, row, values, roles.get(row["id"], {}), party_ids)
            written.append((action, row["id"]))
        if new_actions:
            inserted = await db.insert_all([a for _, a in new_actions], Action)
            for (action, _), ids in zip(new_actions, inserted, strict=True):
                self.write_roles(ids["id"], action, party_ids)
                written.append((action, ids["id"]))
        live_parts = await self.write_parts(
            written, party_ids, {row["id"] for row in existing.values()}
        )
        part_latest = await status.latest_part_updates(
            p for ids in live_parts.values() for p in ids
        )
        ticked = {row["id"] for row in existing.values() if row["done_in_file"]}
        for action, action_id in written:
            if action_id in ticked:  # the box was [x] at the last sync already
                self.warn_untick(action, action_id, latest)
            else:
                parts = live_parts.get(action_id, [])
                self.mark_done(action, action_id, latest, parts, part_latest)
        for code, row in existing.items():
            if code not in parsed_codes and row["withdrawn_at"] is None:
                await (
                    Action.update({Action.withdrawn_at: self.at})
                    .where(Action.id == row["id"])
                    .run()
                )
                self.amend(row["id"], "withdrawn", "false", "true")
                self.result.withdrawn.append(code)
        await self.flush()

    @staticmethod
    def action_values(action: ParsedAction, position: int, commitment_ids: dict[str, int]) -> dict:
        return {
            "commitment": commitment_ids[action.commitment],
            "code": action.id,
            "title": action.title,
            "description": action.description,
            "due": action.due,
            "start": action.start,
            "indicator": action.indicator,
            "target_value": action.target.value if action.target else None,
            "target_unit": action.target.unit if action.target else None,
            "depends": json.dumps(action.depends),
            "position": position,
            "line": action.line,
            "done_in_file": action.done,
            "withdrawn_at": None,
        }

    async def roles(self, action_ids: list[int]) -> dict[int, dict[str, list[str]]]:
        """Owner and `with` party keys per action, in their written order."""
        result: dict[int, dict[str, list[str]]] = {}
        for batch in db.batches(action_ids):
            rows = (
                await ActionParty.select(
                    ActionParty.action, ActionParty.role, ActionParty.party.key.as_alias("key")
                )
                .where(ActionParty.action.is_in(list(batch)))
                .order_by(ActionParty.position)
                .run()
            )
            for r in rows:
                result.setdefault(r["action"], {}).setdefault(r["role"], []).append(r["key"])
        return result

    def write_roles(self, action_id: int, action: ParsedAction, party_ids: dict[str, int]) -> None:
        rows = [
            {"action": action_id, "party": party_ids[key], "role": role, "position": i}
            for role, keys in (("owner", action.owner), ("with", action.with_))
            for i, key in enumerate(keys)
        ]
        self.new_roles.extend(rows)

    async def update_action(
        self,
        action: ParsedAction,
        row: dict[str, Any],
        values: dict[str, Any],
        roles: dict[str, list[str]],
        party_ids: dict[str, int],
    ) -> None:
        old = self.stored_values(row, roles)
        new = tracked_values(action)
        changed = [f for f in TRACKED_FIELDS if old[f] != new[f]]
        for f in changed:
            self.amend(row["id"], f, old[f], new[f])
        if changed:
            self.result.amended.append(action.id)
        if row["withdrawn_at"] is not None:
            self.amend(row["id"], "withdrawn", "true", "false")
            self.result.restored.append(action.id)
        await (
            Action.update({getattr(Action, k): v for k, v in values.items()})
            .where(Action.id == row["id"])
            .run()
        )
        if old["owner"] != new["owner"] or old["with"] != new["with"]:
            await ActionParty.delete().where(ActionParty.action == row["id"]).run()
            self.write_roles(row["id"], action, party_ids)

    @staticmethod
    def stored_values(row: dict[str, Any], roles: dict[str, list[str]]) -> dict[str, str | None]:
        target = None
        if row["target_value"] is not None:
            target = str(Target(row["target_value"], row["target_unit"]))
        return {
            "title": _show(row["title"]),
            "commitment": _show(row["commitment_slug"]),
            "owner": _show(roles.get("owner", [])),
            "with": _show(roles.get("with", [])),
            "due": _show(row["due"]),
            "start": _show(row["start"]),
            "indicator": _show(row["indicator"]),
            "target": target,
            "depends": _show(json.loads(row["depends"]) if row["depends"] else []),
            "description": _show(row["description"]),
        }

    def amend(self, action_id: int, name: str, old: str | None, new: str | None) -> None:
        self.new_amendments.append(
            Amendment(
                action=action_id, field=name, old=old, new=new, at=self.at, revision=self.digest
            )
        )

    def mark_done(
        self,
        action: ParsedAction,
        action_id: int,
        latest: dict,
        part_ids: list[int],
        part_latest: dict,
    ) -> None:
        """A box just ticked `[x]` records "done", once: called only when the
        last sync read it `[ ]` (or the action is new), so a box that stays
        ticked never undoes a later report (the action reopened on the web).

        An action with parts is done when its parts are: `[x]` marks each part
        not yet done (the file speaks for every owner).
        """
        state = status.current_state(latest, action_id)
        if action.done and state["status"] != status.DONE:
            targets = [p for p in part_ids if part_latest.get(p, {}).get("status") != status.DONE]
            for part_id in targets or [None]:
                self.new_updates.append(
                    Update(
                        action=action_id,
                        part=part_id,
                        status=status.DONE,
                        percent=100,
                        note=MARKED_DONE_NOTE,
                        source="file",
                        # stamped now, under the action's lock: after any post
                        # that came before it (its id is higher too)
                        created_at=now(),
                    )
                )
            self.result.marked_done.append(action.id)

    def warn_untick(self, action: ParsedAction, action_id: int, latest: dict) -> None:
        """Warn, once, that un-ticking a box the last sync read as `[x]` undoes nothing.

        Only an untick: an action reported done on the web, whose box was never
        ticked, is not news, and warning on every sync taught authors to skip
        the warnings."""
        state = status.current_state(latest, action_id)
        if not action.done and state["status"] == status.DONE:
            self.doc.warn(
                action.line,
                f"`{action.id}` is un-ticked here but the tracker shows it done; "
                "its progress stays (post an update to change it)",
            )

    def wanted_parts(
        self, action: ParsedAction, party_ids: dict[str, int], have: dict[str, dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The parts an action should have: its regions, else one per owner if
        it has several, else none (a single owner reports on the whole), unless
        `have` shows the single owner already reporting on a part of its own."""
        if action.regions:
            return [
                {
                    "key": r.key,
                    "label": r.name,
                    "owner": party_ids[r.owner],
                    "kind": "region",
                    "target_value": r.target.value if r.target else None,
                    "target_unit": r.target.unit if r.target else None,
                }
                for r in action.regions
            ]
        if len(action.owner) < 2 and not _kept_split(action, have):
            return []
        return [
            {
                "key": key,
                "label": self.party_names.get(party_ids[key], key),
                "owner": party_ids[key],
                "kind": "owner",
                "target_value": None,
                "target_unit": None,
            }
            for key in action.owner
        ]

    async def write_parts(
        self,
        written: list[tuple[ParsedAction, int]],
        party_ids: dict[str, int],
        existing: set[int],
    ) -> dict[int, list[int]]:
        """Create, update, withdraw or restore parts; return the live part ids per action.

        Only what differs is written, so syncing an unchanged file changes
        nothing; a part that leaves the file is withdrawn, never deleted. A
        change of an `existing` action's parts (a region or owner added or
        taken out) is an amendment of field `parts`, like any other field.
        """
        ids = [action_id for _, action_id in written]
        stored: dict[int, dict[str, dict[str, Any]]] = {}
        for batch in db.batches(ids):
            for row in await Part.select().where(Part.action.is_in(list(batch))).run():
                stored.setdefault(row["action"], {})[row["key"]] = row
        live: dict[int, list[int]] = {}
        new: list[dict[str, Any]] = []  # rows of table Part
        for action, action_id in written:
            have = stored.get(action_id, {})
            wanted = self.wanted_parts(action, party_ids, have)
            for position, values in enumerate(wanted):
                values = {**values, "position": position, "withdrawn_at": None}
                row = have.get(values["key"])
                if row is None:
                    new.append({"action": action_id, "created_at": self.at, **values})
                    continue
                live.setdefault(action_id, []).append(row["id"])
                changed = {k: v for k, v in values.items() if row[k] != v}
                if changed:
                    await (
                        Part.update({getattr(Part, k): v for k, v in changed.items()})
                        .where(Part.id == row["id"])
                        .run()
                    )
            keys = {values["key"] for values in wanted}
            if action_id in existing:
                self.amend_parts(action, action_id, have, [v["key"] for v in wanted])
            gone = [r["id"] for k, r in have.items() if k not in keys and r["withdrawn_at"] is None]
            if gone:
                await Part.update({Part.withdrawn_at: self.at}).where(Part.id.is_in(gone)).run()
        if new:
            for part, row in zip(new, await db.insert_all(new, Part), strict=True):
                live.setdefault(part["action"], []).append(row["id"])
        return live

    def amend_parts(
        self, action: ParsedAction, action_id: int, have: dict[str, dict[str, Any]], keys: list[str]
    ) -> None:
        """Record that an action's regions changed: the keys before and after
        (a change of owners is already recorded as field `owner`)."""
        live = sorted((r for r in have.values() if r["withdrawn_at"] is None), key=_position)
        if not action.regions and not any(r["kind"] == "region" for r in live):
            return
        before = [r["key"] for r in live]
        if set(before) == set(keys):
            return
        self.amend(action_id, "parts", _show(before), _show(keys))
        if action.id not in self.result.amended:
            self.result.amended.append(action.id)

    async def flush(self) -> None:
        """Insert the rows collected while walking the actions, in bulk."""
        await db.insert_all(self.new_roles, ActionParty)
        for rows in (self.new_amendments, self.new_updates):
            if rows:
                await db.insert_all(rows)
