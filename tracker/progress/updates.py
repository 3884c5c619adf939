"""Posting a progress update: validate, check permission and concurrency, store.

Nothing here knows HTTP: the web layer hands over the form's strings and the
uploaded files, and gets back the new update's id or an exception that says
what was wrong (msgids marked with N_, translated where shown, per field).
Updates are append-only: a correction is a new update that names the one it
corrects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tracker import db, i18n
from tracker.accounts import audit, submissions
from tracker.accounts.users import CurrentUser
from tracker.agreements.tables import Action
from tracker.i18n import N_
from tracker.progress import files, status
from tracker.progress.tables import Evidence, Update

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_LINKS = 10
MAX_NOTE = 10_000
# A report its own author stored word for word this recently is a resend.
REPEAT_WINDOW = dt.timedelta(hours=24)
# Content, not the name, decides a file's type.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
NUMBER_RE = re.compile(r"^[+-]?\d+([.,]\d+)?$")


@dataclass
class UpdateForm:
    """What the author typed, as strings (from a form or a CSV row)."""

    status: str = ""
    percent: str = ""
    note: str = ""
    value: str = ""
    links: str = ""
    corrects: str = ""
    seen: str = ""
    confirm: bool = False
    submission: str = ""  # the form's one-time key (see accounts.submissions)
    part: str = ""  # the part's key on a shared action; empty: the whole action


@dataclass
class UploadedFile:
    filename: str
    data: bytes
    sha256: str = ""


@dataclass
class CleanUpdate:
    status: str
    percent: int
    note: str
    value: float | None
    links: list[str]
    files: list[tuple[str, str, bytes, str]]  # filename, content type, bytes, sha256
    corrects: int | None


class UpdateRejected(Exception):
    """Bad input: `errors` maps a field name (or "_form") to (msgid, values)."""

    def __init__(
        self, errors: dict[str, tuple[str, dict[str, Any]]], status_code: int = 422
    ) -> None:
        super().__init__(", ".join(f"{k}: {v[0]}" for k, v in errors.items()))
        self.errors = errors
        self.status_code = status_code


class NotAllowed(Exception):
    """The user may not post on this action or part (403); `key` says why, translated."""

    PLAIN = N_("You can only report on actions your party owns or supports.")

    def __init__(self, message: str, key: str = PLAIN, **values: Any) -> None:
        super().__init__(message)
        self.key, self.values = key, values


class ActionNotFound(Exception):
    pass


class NewerUpdate(Exception):
    """Updates arrived while the author typed; `newer` lists them, newest first."""

    def __init__(self, newer: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(newer)} newer update(s)")
        self.newer = newer


def sniff(data: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if data.startswith(signature):
            return content_type
    return None


def parse_number(text: str) -> float:
    """`12,5` or `12.5`; thousands separators are refused as ambiguous elsewhere."""
    text = text.strip()
    if not NUMBER_RE.match(text) or len(text) > 18:
        raise ValueError(text)
    return float(text.replace(",", "."))


def validate(
    form: UpdateForm,
    files: list[UploadedFile],
    current: dict[str, Any],
    has_target: bool,
) -> CleanUpdate:
    """Check every field; raise UpdateRejected with all problems at once."""
    errors: dict[str, tuple[str, dict[str, Any]]] = {}
    state = form.status.strip()
    if state not in status.STATUSES:
        errors["status"] = (N_("Unknown status `%(value)s`."), {"value": state})

    percent = status.percent_of(current) if state != status.DONE else 100
    if form.percent.strip():
        try:
            percent = int(form.percent.strip().rstrip("%").strip())
            if not 0 <= percent <= 100:
                raise ValueError
        except ValueError:
            errors["percent"] = (
                N_("Percent must be a whole number from 0 to 100 (not `%(value)s`)."),
                {"value": form.percent.strip()},
            )
    if state == status.DONE:
        percent = 100  # done is done: the form still shows the old percent
    note = form.note.strip()
    if not note and state != current["status"]:
        errors["note"] = (N_("Write a note when the status changes."), {})
    elif len(note) > MAX_NOTE:
        errors["note"] = (
            N_("The note is too long (at most %(max)s characters)."),
            {"max": MAX_NOTE},
        )

    # Left empty, the value reached so far is kept, as the percent is: a
    # report that only adds a note must not take a part's count back to zero.
    value = current.get("value") if has_target else None
    if form.value.strip():
        if not has_target:
            errors["value"] = (N_("This action has no target."), {})
        else:
            try:
                value = parse_number(form.value)
            except ValueError:
                errors["value"] = (
                    N_("The value must be a number (not `%(value)s`)."),
                    {"value": form.value.strip()},
                )

    links = [line.strip() for line in form.links.splitlines() if line.strip()]
    bad = [link for link in links if not _is_web_link(link)]
    if bad:
        errors["links"] = (
            N_("Links must start with http:// or https:// (not `%(value)s`)."),
            {"value": bad[0]},
        )
    elif len(links) > MAX_LINKS:
        errors["links"] = (N_("At most %(max)s links."), {"max": MAX_LINKS})

    clean_files = []
    chosen = [f for f in files if f.filename or f.data]
    if len(chosen) > MAX_FILES:
        errors["files"] = (N_("At most %(max)s files."), {"max": MAX_FILES})
    for f in chosen:
        kind = sniff(f.data)
        if len(f.data) > MAX_FILE_BYTES:
            errors["files"] = (
                N_("File %(name)s is larger than %(max_mb)s MB."),
                {"name": f.filename, "max_mb": MAX_FILE_BYTES // 2**20},
            )
        elif kind is None:
            errors["files"] = (N_("File %(name)s is not a PDF, JPEG or PNG."), {"name": f.filename})
        else:
            clean_files.append(
                (
                    _safe_name(f.filename, kind),
                    kind,
                    f.data,
                    f.sha256 or hashlib.sha256(f.data).hexdigest(),
                )
            )

    if state == status.DONE and not links and not chosen and "files" not in errors:
        errors["evidence"] = (
            N_(
                "To mark it done, attach evidence: a link or a file (the letter, the pact, the decree)."
            ),
            {},
        )

    corrects = None
    if form.corrects.strip():
        corrects = db.as_id(form.corrects)
        if corrects is None:
            errors["corrects"] = (N_("The corrected update does not belong to this action."), {})
    if not errors and _says_nothing(current, state, percent, value, note, links, clean_files):
        errors["note"] = (
            N_(
                "Nothing new to report: change the status, the percent or the value, or write a note."
            ),
            {},
        )
    if errors:
        raise UpdateRejected(errors)
    return CleanUpdate(state, percent, note, value, links, clean_files, corrects)


def _says_nothing(
    current: dict[str, Any], state: str, percent: int, value: Any, note: str, links, files
) -> bool:
    """A report that repeats the current one word for word, with no note and
    no evidence (Kirim pressed on an untouched form): it would only make the
    action look recently reported on."""
    return (
        state == current["status"]
        and percent == status.percent_of(current)
        and value == current.get("value")
        and not (note or links or files)
    )


def _is_web_link(text: str) -> bool:
    parts = urlsplit(text)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and len(text) <= 2000
        and " " not in text
    )


def _safe_name(filename: str, kind: str) -> str:
    """A file name fit for a download header: no path, no control characters."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f\"]", "", name).strip() or "bukti"
    extension = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[kind]
    return name[:200] if name.lower().endswith((extension, ".jpeg")) else name[:200] + extension


ACTION_SQL = (
    'SELECT a."id" AS "id", a."title" AS "title", a."withdrawn_at" AS "withdrawn_at", '
    'a."target_value" AS "target_value", '
    'd."withdrawn_at" AS "document_withdrawn", p."key" AS "party", ap."role" AS "role" FROM "action" a '
    'JOIN "document" d ON d."id" = a."document" '
    'LEFT JOIN "action_party" ap ON ap."action" = a."id" LEFT JOIN "party" p ON p."id" = ap."party" '
    'WHERE d."slug" = {} AND a."code" = {}'
)
PARTS_SQL = (
    'SELECT pt."id" AS "id", pt."key" AS "key", pt."label" AS "label", '
    'pt."target_value" AS "target_value", pt."withdrawn_at" AS "withdrawn_at", '
    'p."key" AS "owner" FROM "part" pt '
    'JOIN "party" p ON p."id" = pt."owner" '
    'WHERE pt."action" = {} ORDER BY pt."position"'
)


async def action_for_update(slug: str, code: str) -> dict[str, Any]:
    """The action's id, title, withdrawal, target, owner/with party keys, live
    parts, and the parts withdrawn (a form may still name one: its owner was
    typing when an amendment took it out)."""
    rows = await Action.raw(ACTION_SQL, slug, code).run()
    if not rows:
        raise ActionNotFound(f"{slug}/{code}")
    action = {
        k: rows[0][k] for k in ("id", "title", "withdrawn_at", "target_value", "document_withdrawn")
    }
    action["owners"] = {r["party"] for r in rows if r["party"] and r["role"] == "owner"}
    action["with"] = {r["party"] for r in rows if r["party"] and r["role"] == "with"}
    action["parties"] = action["owners"] | action["with"]
    found = await Action.raw(PARTS_SQL, action["id"]).run()
    action["parts"] = {r["key"]: r for r in found if r["withdrawn_at"] is None}
    action["withdrawn_parts"] = {r["key"]: r for r in found if r["withdrawn_at"] is not None}
    return action


def _own_part(user: CurrentUser, action: dict[str, Any]) -> str:
    """The key of the one part a secretariat's parties own, when no part was named
    (a form without the choice, a CSV row); "" when it owns none or several."""
    if user.is_admin:
        return ""
    owned = [k for k, p in action["parts"].items() if p["owner"] in user.parties]
    return owned[0] if len(owned) == 1 else ""


def _wita_day(moment: Any) -> dt.date:
    """The day of a stored moment in WITA (what the message names)."""
    return db.timestamp(moment).astimezone(i18n.WITA).date()


def reporting_on(user: CurrentUser, action: dict[str, Any], ref: str, key: str) -> dict | None:
    """The part `key` names (None: the whole action), if `user` may report on it.

    A part is reported on by the party that owns it; the whole of an action
    with parts by its `with` parties; the whole of any other action by its
    owners and `with` parties. Raises NotAllowed or UpdateRejected.
    """
    key = key.strip() or _own_part(user, action)
    if key:
        part = action["parts"].get(key)
        gone = action["withdrawn_parts"].get(key)
        if part is None and gone is not None and user.may_post_on({gone["owner"]}):
            raise UpdateRejected(
                {
                    "_form": (
                        N_(
                            "Nothing was saved: the part %(part)s was taken out of this action on %(date)s (its agreement file changed)."
                        ),
                        {"part": gone["label"], "date": _wita_day(gone["withdrawn_at"])},
                    )
                },
                status_code=409,
            )
        if part is None:
            if not user.may_post_on(action["parties"]):
                raise NotAllowed(f"{user.username} may not post on {ref}")
            raise UpdateRejected(
                {"part": (N_("Unknown part %(part)s of this action."), {"part": key})}
            )
        if not user.may_post_on({part["owner"]}):
            raise NotAllowed(
                f"{user.username} may not post on part {key} of {ref}",
                N_(
                    "The part %(part)s is reported by the party that owns it; your party does not own this part. Choose your party's part."
                ),
                part=part["label"],
            )
        return part
    if action["parts"]:
        if not user.may_post_on(action["parties"]):  # on none of it: the plain refusal
            raise NotAllowed(f"{user.username} may not post on {ref}")
        if not user.may_post_on(action["with"]):
            raise NotAllowed(
                f"{user.username} may not post on the whole of {ref}",
                N_(
                    "This action is reported part by part: choose your party's part. Reports on the action as a whole come from its supporting parties only."
                ),
            )
        return None
    if not user.may_post_on(action["parties"]):
        raise NotAllowed(f"{user.username} may not post on {ref}")
    return None


async def post_update(
    user: CurrentUser,
    slug: str,
    code: str,
    form: UpdateForm,
    files: list[UploadedFile],
    address: str,
    source: str = "web",
) -> int:
    """Validate and store one update with its evidence, in one transaction."""
    # Hash the files before taking the write lock: hashing 50 MB takes a while.
    files = [UploadedFile(f.filename, f.data, hashlib.sha256(f.data).hexdigest()) for f in files]
    async with db.writing():
        # On PostgreSQL, two posts on one action must not both pass the check
        # for newer updates; SQLite's write lock already serializes them.
        await db.serialize_updates([f"{slug}/{code}"])
        await submissions.check(form.submission, user.id)
        action = await action_for_update(slug, code)
        part = reporting_on(user, action, f"{slug}/{code}", form.part)
        if action["withdrawn_at"] is not None or action["document_withdrawn"] is not None:
            raise UpdateRejected(
                {
                    "_form": (
                        N_(
                            "Nothing was saved: this action is withdrawn, and no updates can be added."
                        ),
                        {},
                    )
                },
                status_code=409,
            )
        current = await current_of(action["id"], part)
        has_target = action["target_value"] is not None or bool(part and part["target_value"])
        clean = validate(form, files, current, has_target)
        part_id = part["id"] if part else None
        if clean.corrects is not None:
            await _check_corrects(clean.corrects, action["id"], part_id)
        await _check_not_repeated(user, action["id"], part_id, clean)
        await _check_not_stale(action["id"], current, form, part_id)
        update_id = await store(user, action["id"], clean, source, part_id)
        detail = {"update": update_id, "status": clean.status, "percent": clean.percent}
        await audit.record(
            "update.add",
            f"{slug}/{code}",
            user_id=user.id,
            username=user.username,
            address=address,
            detail={**detail, "part": part["key"]} if part else detail,
        )
        await submissions.claim(form.submission, user.id, f"update:{update_id}")
    return update_id


async def current_of(action_id: int, part: dict[str, Any] | None) -> dict[str, Any]:
    """What is reported on now, read exactly: the part's latest update, or the action's state."""
    if part is not None:
        return (await status.latest_part_updates([part["id"]])).get(
            part["id"], status.NOT_STARTED_STATE
        )
    return status.current_state(await status.latest_updates([action_id]), action_id)


async def _check_corrects(update_id: int, action_id: int, part_id: int | None) -> None:
    """A correction is of a report on the same action and the same part (or,
    for a whole-action report, one on the whole action): a party corrects its
    own part's reports, never another owner's."""
    found = await Update.select(Update.part).where(
        (Update.id == update_id) & (Update.action == action_id)
    )
    if not found:
        raise UpdateRejected(
            {"corrects": (N_("The corrected update does not belong to this action."), {})}
        )
    if found[0]["part"] != part_id:
        raise UpdateRejected(
            {"corrects": (N_("The corrected update is a report on another part."), {})}
        )


async def _check_not_repeated(
    user: CurrentUser, action_id: int, part_id: int | None, clean: CleanUpdate
) -> None:
    """Answer a report that repeats the author's latest one as already saved.

    The form's one-time key catches a form sent twice, but not one sent again
    from a page loaded afresh: without JavaScript, the back button after a lost
    answer reloads the page (it is never cached) with a new key and a new
    `seen`, while the browser puts the typed note back. Stored again, the
    report would show twice in the history; it is taken for the first one."""
    first = await repeated(user, action_id, part_id, clean)
    if first is not None:
        raise submissions.AlreadySubmitted(f"update:{first}")


async def repeated(
    user: CurrentUser, action_id: int, part_id: int | None, clean: CleanUpdate
) -> int | None:
    """The id of the latest update on the same part (or whole action) if it is
    this report word for word and file for file, stored by the same author
    within REPEAT_WINDOW (the same report sent again); else None."""
    where = Update.action == action_id
    where &= Update.part.is_null() if part_id is None else Update.part == part_id
    latest = (
        await Update.select(
            Update.id,
            Update.user,
            Update.status,
            Update.percent,
            Update.value,
            Update.note,
            Update.corrects,
            Update.created_at,
        )
        .where(where)
        .order_by(Update.id, ascending=False)
        .first()
        .run()
    )
    if latest is None or latest["user"] != user.id:
        return None
    if dt.datetime.now(dt.UTC) - latest["created_at"] > REPEAT_WINDOW:
        return None
    said = (
        latest["status"],
        latest["percent"],
        latest["value"],
        latest["note"],
        latest["corrects"],
    )
    if said != (clean.status, clean.percent, clean.value, clean.note, clean.corrects):
        return None
    evidence = (
        await Evidence.select(Evidence.kind, Evidence.url, Evidence.sha256)
        .where(Evidence.update == latest["id"])
        .order_by(Evidence.id)
        .run()
    )
    links = [e["url"] for e in evidence if e["kind"] == "link"]
    hashes = sorted(e["sha256"] for e in evidence if e["kind"] == "file")
    same = links == clean.links and hashes == sorted(f[3] for f in clean.files)
    return latest["id"] if same else None


async def _check_not_stale(
    action_id: int, current: dict[str, Any], form: UpdateForm, part_id: int | None = None
) -> None:
    """Refuse (once) when updates on the same part (or action) arrived after the
    author opened the form."""
    latest_id = current.get("id") or 0
    seen = db.as_id(form.seen) or 0
    if form.confirm or latest_id <= seen:
        return
    where = (Update.action == action_id) & (Update.id > seen)
    if part_id is not None:
        where &= Update.part == part_id
    newer = (
        await Update.select(
            Update.id, Update.status, Update.percent, Update.note, Update.author, Update.created_at
        )
        .where(where)
        .order_by(Update.id, ascending=False)
        .run()
    )
    raise NewerUpdate(newer)


async def store(
    user: CurrentUser, action_id: int, clean: CleanUpdate, source: str, part: int | None = None
) -> int:
    """Insert the update and its evidence (inside the caller's transaction)."""
    rows = await Update.insert(
        Update(
            action=action_id,
            part=part,
            status=clean.status,
            percent=clean.percent,
            note=clean.note,
            value=clean.value,
            author=user.display_name,
            user=user.id,
            source=source,
            created_at=dt.datetime.now(dt.UTC),
            corrects=clean.corrects,
        )
    ).run()
    update_id = rows[0]["id"]
    evidence = [Evidence(update=update_id, kind="link", url=link) for link in clean.links]
    for filename, kind, data, digest in clean.files:
        await files.keep(digest, data)
        evidence.append(
            Evidence(
                update=update_id,
                kind="file",
                filename=filename,
                content_type=kind,
                size=len(data),
                sha256=digest,
            )
        )
    if evidence:
        await Evidence.insert(*evidence).run()
    return update_id


async def evidence_file(evidence_id: int) -> dict[str, Any] | None:
    """An uploaded file's name, type and bytes, with where it belongs."""
    async with db.reading():
        row = (
            await Evidence.select(Evidence.filename, Evidence.content_type, Evidence.sha256)
            .where((Evidence.id == evidence_id) & (Evidence.kind == "file"))
            .first()
            .run()
        )
        if row is None:
            return None
        row["data"] = await files.read(row["sha256"])
    return row
