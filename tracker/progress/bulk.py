"""Bulk progress by spreadsheet: download your actions as CSV, fill in, upload.

The CSV is UTF-8 with a byte-order mark and CRLF lines, so Excel and
LibreOffice open it with Indonesian text intact; on the way back `,` or `;`
separators and Excel's legacy Windows-1252 encoding are accepted too. An upload
is first *planned* (a preview of what each row would record, with per-row
errors), then *applied*: every row in one transaction, or none.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from tracker import db, i18n, spreadsheets, words
from tracker.accounts import audit, submissions
from tracker.accounts.users import CurrentUser
from tracker.agreements.format import Target
from tracker.i18n import N_
from tracker.progress import status, updates, worklist
from tracker.progress.tables import Update

COLUMNS = [
    "document",
    "action",
    "part",  # a shared action's part (its key); empty: the whole action
    "title",
    "owner",
    "due",
    "target",
    "status",
    "percent",
    "note",
    "value",
    "evidence",
    "seen",  # the latest update when downloaded: a newer one is not overwritten
]
# The header row is written in the interface language (message `csv.<column>`);
# an upload may use either language's names, or the column codes themselves.
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


class BulkError(ValueError):
    """The file as a whole cannot be read: (msgid, values)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class RowPlan:
    line: int
    action: str
    title: str = ""
    old_status: str | None = None
    new_status: str | None = None
    old_percent: int | None = None
    new_percent: int | None = None
    note: str = ""
    value: float | None = None
    links: list[str] = field(default_factory=list)
    skip: bool = False
    error: tuple[str, dict[str, Any]] | None = None
    clean: updates.CleanUpdate | None = None
    action_id: int | None = None
    part: str = ""
    part_id: int | None = None
    already: int | None = None  # the update that already says this row (sent again)


def _status_names() -> dict[str, str]:
    """Codes and their labels in every language, lower-cased -> code."""
    names = {code: code for code in status.STATUSES}
    for code in status.STATUSES:
        for lang in i18n.LANGUAGES:
            names[i18n.translator(lang)._(words.STATUS[code]).lower()] = code
    return names


def header(lang: str) -> list[str]:
    """The column names in one language."""
    return [i18n.translator(lang)._(words.CSV_COLUMN[column]) for column in COLUMNS]


def _header_names() -> dict[str, str]:
    """Every accepted spelling of a column name, lower-cased -> column code."""
    names = {column: column for column in COLUMNS}
    for lang in i18n.LANGUAGES:
        for column, label in zip(COLUMNS, header(lang), strict=True):
            names[label.strip().lower()] = column
    return names


async def export(user: CurrentUser, lang: str, today) -> str:
    """Every action of the user's parties (done ones too), as CSV text; cells a
    spreadsheet would run as a formula are neutralised (`spreadsheets.writer`)."""
    result = await worklist.my_actions(user, today, include_closed=True, per_page=1_000_000)
    out = io.StringIO()
    out.write("\ufeff")
    writer = spreadsheets.writer(out)
    writer.writerow(header(lang))
    for row in result["actions"]:
        writer.writerow(
            [
                row["document"],
                f"{row['document']}/{row['code']}",
                row["part"]["key"] if row["part"] else "",
                row["title"] if not row["part"] else f"{row['title']} — {row['part']['label']}",
                ", ".join(row["owner_names"]),
                row["due"].isoformat() if row["due"] else "",
                _target(row),
                i18n.translator(lang)._(words.STATUS[row["status"]]),
                row["percent"],
                "",
                "",
                "",
                row["update_id"] or 0,
            ]
        )
    return out.getvalue()


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Excel's Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _target(row: dict[str, Any]) -> str:
    if row["target_value"] is None:
        return ""
    return str(Target(row["target_value"], row["target_unit"]))


def read_rows(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; raises BulkError for an unreadable file."""
    if len(data) > MAX_BYTES:
        raise BulkError(N_("The CSV file is larger than %(max_mb)s MB."), max_mb=MAX_BYTES // 2**20)
    text = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    names = _header_names()
    columns = [
        names.get(name, name)
        for name in (spreadsheets.read_back(h).strip().lower() for h in reader.fieldnames or [])
    ]
    if "action" not in columns:
        raise BulkError(
            N_("The first CSV line must hold the column names: %(columns)s."),
            columns=" / ".join(", ".join(header(lang)) for lang in i18n.LANGUAGES),
        )
    reader.fieldnames = columns
    rows = []
    try:
        for row in reader:
            if reader.line_num > MAX_ROWS + 1:
                raise BulkError(N_("The CSV has more than %(max)s rows."), max=MAX_ROWS)
            cells = {k: spreadsheets.read_back((v or "").strip()) for k, v in row.items() if k}
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise BulkError(
            N_("The CSV cannot be read at line %(line)s: %(problem)s."),
            line=reader.line_num,
            problem=str(exc),
        ) from exc
    if not rows:
        raise BulkError(N_("The CSV has no data rows."))
    return rows


async def plan(user: CurrentUser, data: bytes) -> list[RowPlan]:
    """What each row would record, with its error if any. Writes nothing."""
    async with db.reading():
        return await _plan(user, read_rows(data))


async def _plan(user: CurrentUser, rows: list[tuple[int, dict[str, str]]]) -> list[RowPlan]:
    names = _status_names()
    plans = []
    seen: set[tuple[str, str]] = set()
    for line, row in rows:
        ref = row.get("action", "")
        item = RowPlan(line=line, action=ref, title=row.get("title", ""), part=row.get("part", ""))
        plans.append(item)
        if not any(row.get(k) for k in COLUMNS):
            item.skip = True
            continue
        if "/" not in ref:
            item.error = (
                N_("The action column must hold document/code, e.g. harmoni-bali-ntt/PM-01."),
                {},
            )
            continue
        if (ref, item.part) in seen:
            item.error = (N_("Action %(action)s appears more than once."), {"action": ref})
            continue
        seen.add((ref, item.part))
        slug, code = ref.split("/", 1)
        try:
            action = await updates.action_for_update(slug, code)
        except updates.ActionNotFound:
            item.error = (N_("Unknown action %(action)s."), {"action": ref})
            continue
        # The action's own title, not the file's: a row shifted in a spreadsheet
        # shows which action it really reports on.
        item.title = action["title"]
        try:
            part = updates.reporting_on(user, action, ref, item.part)
        except updates.NotAllowed as exc:  # why, when it says more than "not yours"
            plain = exc.key == updates.NotAllowed.PLAIN
            item.error = (
                (N_("Action %(action)s is not your party's."), {"action": ref})
                if plain
                else (exc.key, exc.values)
            )
            continue
        except updates.UpdateRejected as exc:
            item.error = next(iter(exc.errors.values()))
            continue
        if action["withdrawn_at"] is not None or action["document_withdrawn"] is not None:
            item.error = (N_("This action is withdrawn; no updates can be added."), {})
            continue
        current = await updates.current_of(action["id"], part)
        item.action_id = action["id"]
        item.part_id = part["id"] if part else None
        item.old_status, item.old_percent = current["status"], status.percent_of(current)
        written_status = row.get("status", "")
        new_status = (
            names.get(written_status.lower(), written_status)
            if written_status
            else current["status"]
        )
        unchanged = _says(row, new_status, current)
        newer = "seen" in row and (current.get("id") or 0) > (db.as_id(row["seen"]) or 0)
        if unchanged or (newer and await _as_downloaded(row, new_status, action["id"], part)):
            item.skip = True  # (a row left as downloaded is not an edit, newer updates or not)
            continue
        form = updates.UpdateForm(
            status=new_status,
            percent=row.get("percent", ""),
            note=row.get("note", ""),
            value=row.get("value", ""),
            links="\n".join(row.get("evidence", "").split()),
            confirm=True,
        )
        try:
            has_target = action["target_value"] is not None or bool(part and part["target_value"])
            clean = updates.validate(form, [], current, has_target)
        except updates.UpdateRejected as exc:
            clean, invalid = None, next(iter(exc.errors.values()))
        if clean is not None:
            # The same file imported again (the back button after the answer was
            # lost): its rows are the newer updates, already recorded, not a conflict.
            item.already = await updates.repeated(user, action["id"], item.part_id, clean)
            if item.already is not None:
                item.skip = True
                continue
        if newer:
            item.error = (
                N_(
                    "Action %(action)s was updated after the CSV was downloaded; download it again so as not to overwrite the newer update."
                ),
                {"action": ref},
            )
            continue
        if clean is None:
            item.error = invalid
            continue
        item.clean = clean
        item.new_status, item.new_percent = item.clean.status, item.clean.percent
        item.note, item.value, item.links = item.clean.note, item.clean.value, item.clean.links
    return plans


def _says(row: dict[str, str], written_status: str, state: dict[str, Any]) -> bool:
    """Whether a row says only what `state` says: its status and percent (or
    none), and no note, value or evidence."""
    return (
        written_status == state["status"]
        and row.get("percent", "").rstrip("% ") in ("", str(status.percent_of(state)))
        and not any(row.get(k) for k in ("note", "value", "evidence"))
    )


async def _as_downloaded(
    row: dict[str, str], written_status: str, action_id: int, part: dict[str, Any] | None
) -> bool:
    """Whether a row still says what it said when downloaded (`_says` of the
    update it names as seen; none: not started). Such a row was not edited,
    so an update that arrived since is no conflict (the row is skipped, not
    refused)."""
    seen = db.as_id(row.get("seen", "")) or 0
    if not seen:
        return _says(row, written_status, status.NOT_STARTED_STATE)
    found = await Update.select(Update.status, Update.percent).where(
        (Update.id == seen)
        & (Update.action == action_id)
        & (Update.part == part["id"] if part else Update.part.is_null())
    )
    # (none found: the whole of a shared action, whose seen update is a part's)
    return bool(found) and _says(row, written_status, found[0])


async def apply(
    user: CurrentUser, data: bytes, address: str, submission: str | None = None
) -> list[RowPlan]:
    """Record every planned row in one transaction; any error records nothing.

    Returns the plan; if any row has an error, nothing was written. A second
    confirmation of the same preview (its `submission` key) raises
    `submissions.AlreadySubmitted` and records nothing again.
    """
    rows = read_rows(data)
    async with db.writing():
        # The same per-action locks as a post from the form (PostgreSQL), so a
        # post and an import never interleave on one action.
        await db.serialize_updates({(cells.get("action") or "").strip() for _, cells in rows})
        # The key is checked once the locks are ours: a second confirmation that
        # waited behind the first sees it stored, rather than planning again and
        # taking the first one's rows (or a post since) for newer updates.
        await submissions.check(submission, user.id)
        plans = await _plan(user, rows)
        if any(p.error for p in plans):
            return plans
        for item in plans:
            if item.skip or item.clean is None:
                continue
            update_id = await updates.store(
                user, item.action_id, item.clean, source="csv", part=item.part_id
            )
            await audit.record(
                "update.add",
                item.action,
                user_id=user.id,
                username=user.username,
                address=address,
                detail={
                    "update": update_id,
                    "status": item.clean.status,
                    "percent": item.clean.percent,
                    "via": "csv",
                    **({"part": item.part} if item.part_id else {}),
                },
            )
        recorded = sum(1 for p in plans if not p.skip and p.clean is not None)
        await submissions.claim(submission, user.id, f"import:{recorded}")
    return plans
