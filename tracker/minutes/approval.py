"""Approval before publication: the notulis submits, the chair approves or returns.

A meeting may name its chair (pimpinan rapat) as an account (`chair_user`).
Then its notulis does not finalize the minutes: they *submit* the draft, which
freezes it (state `review`: nothing can be edited) until the chair either
*approves* it, which publishes it through `finalize.publish` exactly as the
notulis-only path does, or *returns* it with a note, which makes it a draft
again. An admin may approve or return in the chair's stead; the audit entry
and the step say so. A meeting without a chair account keeps the notulis's
own `finalize`.

Every step is a new row of `MinutesSubmission` (append-only), numbered per
meeting under a unique index, taken in one write transaction under the
meeting's lock together with its audit entry and the notice to the other side
(`tracker.notifications.direct`). A step names the submission it answers:
approving a submission that is no longer the pending one (returned or
approved meanwhile, from another tab) is refused, never done twice.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from typing import Any

from tracker import db
from tracker.accounts import audit, submissions
from tracker.accounts.tables import User
from tracker.accounts.users import ADMIN, NOTULIS, VIEWER, CurrentUser
from tracker.i18n import N_
from tracker.minutes import finalize
from tracker.minutes.meetings import MeetingError, load, now, require_draft
from tracker.minutes.tables import Meeting, MinutesSubmission, MinutesVersion
from tracker.notifications import compose
from tracker.notifications.direct import notify_now

SUBMITTED, RETURNED, APPROVED = "submitted", "returned", "approved"
# Who may chair: the roles that read the whole tracker (a secretariat account
# is a party's desk, not a person who leads a meeting).
CHAIR_ROLES = (VIEWER, NOTULIS, ADMIN)
NOTE_MAX = 2000
DIFF_CONTEXT = 1  # unchanged lines shown around each change


# ------------------------------------------------------------ the chair account


async def chair_options() -> list[dict[str, Any]]:
    """Active accounts that may chair a meeting, by name, for the Ubah page."""
    async with db.reading():
        return (
            await User.select(User.id, User.username, User.display_name, User.role)
            .where(User.role.is_in(list(CHAIR_ROLES)) & User.disabled.eq(False))
            .order_by(User.display_name)
            .run()
        )


async def parse_chair(value: Any) -> int | None:
    """The chair account chosen in a form (empty: none), checked to be one that may chair."""
    text = str(value or "").strip()
    if not text:
        return None
    chair_id = db.as_id(text)
    known = {u["id"] for u in await chair_options()}
    if chair_id not in known:
        raise MeetingError(N_("Choose the chair's account from the list."), field="chair_user")
    return chair_id


async def set_chair(user: CurrentUser, slug: str, chair_id: int | None, address: str) -> bool:
    """Name (or clear) a draft's chair account; only its manager may. True if changed."""
    async with db.writing():
        await db.serialize_writers(f"meeting:{slug}")
        meeting = await Meeting.select().where(Meeting.slug == slug).first().run()
        if meeting is None:
            raise MeetingError(N_("There is no meeting %(value)s."), value=slug)
        require_draft(meeting["state"])
        if not (user.is_admin or meeting["created_by"] == user.id):
            raise MeetingError(
                N_(
                    "Only the minute-taker who created this meeting, or an admin, may change its details, re-draft its agenda or cancel it."
                )
            )
        if meeting["chair_user"] == chair_id:
            return False
        await (
            Meeting.update({Meeting.chair_user: chair_id, Meeting.updated_at: now()})
            .where(Meeting.id == meeting["id"])
            .run()
        )
        names = await _usernames([meeting["chair_user"], chair_id])
        await audit.record(
            "meeting.chair",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={"chair": [names.get(meeting["chair_user"]), names.get(chair_id)]},
        )
    return True


def may_decide(user: CurrentUser | None, meeting: Mapping[str, Any]) -> bool:
    """The chair approves or returns; an admin may in the chair's stead."""
    if user is None or meeting.get("chair_user") is None:
        return False
    return user.is_admin or meeting["chair_user"] == user.id


# ------------------------------------------------------------------ the steps


async def submit(user: CurrentUser, slug: str, address: str, key: str | None = None) -> int:
    """Submit the draft to its chair: frozen until approved or returned; the step number."""
    async with db.writing():
        await submissions.check(key, user.id)
        meeting = await _locked(slug)
        require_draft(meeting["state"])
        if meeting["chair_user"] is None:
            raise MeetingError(N_("Choose the chair's account first."))
        finalize.check_complete(meeting)
        version = meeting["version"] + 1
        record, text = await finalize.record_and_markdown(meeting, version, None)
        step = await _add_step(meeting, SUBMITTED, user, record=record, markdown=text)
        await _set_state(meeting, "review")
        chair = (await _usernames([meeting["chair_user"]]))[meeting["chair_user"]]
        await audit.record(
            "meeting.submit",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={"version": version, "step": step, "chair": chair},
        )
        await _tell(
            meeting, step, SUBMITTED, meeting["chair_user"], user, f"/rakor/{slug}/persetujuan"
        )
        await submissions.claim(key, user.id, f"approval:{slug}:{step}")
    return step


def clean_note(value: Any) -> str:
    """A return's note: required (the notulis must know what to fix), bounded."""
    note = str(value or "").replace("\r\n", "\n").strip()
    if not note:
        raise MeetingError(N_("Write a note for the notulis: what needs fixing."), field="note")
    if len(note) > NOTE_MAX:
        raise MeetingError(
            N_("The note can be at most %(limit)s characters."), field="note", limit=NOTE_MAX
        )
    return note


async def return_(
    user: CurrentUser, slug: str, step: int, note: Any, address: str, key: str | None = None
) -> None:
    """Return the pending submission `step` to the notulis with a note: a draft again."""
    note = clean_note(note)
    async with db.writing():
        await submissions.check(key, user.id)
        meeting, pending = await _pending(user, slug, step)
        taken = await _add_step(meeting, RETURNED, user, note=note, version=pending["version"])
        await _set_state(meeting, "draft")
        stead = await _stead(user, meeting)
        await audit.record(
            "meeting.return_for" if "by_admin" in stead else "meeting.return",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={"step": taken, "note": note, **stead},
        )
        await _tell(meeting, taken, RETURNED, pending["user"], user, f"/rakor/{slug}", note)
        await submissions.claim(key, user.id, f"approval:{slug}:{taken}")


async def approve(
    user: CurrentUser, slug: str, step: int, address: str, key: str | None = None
) -> int:
    """Approve the pending submission `step`: the minutes are published
    (`finalize.publish`); the version number."""
    async with db.writing():
        await submissions.check(key, user.id)
        meeting, pending = await _pending(user, slug, step)
        stead = await _stead(user, meeting)
        version = await finalize.publish(meeting, user, address, approval={"approval": stead})
        taken = await _add_step(meeting, APPROVED, user, version=version)
        await audit.record(
            "meeting.approve_for" if "by_admin" in stead else "meeting.approve",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={"step": taken, "version": version, **stead},
        )
        await _tell(meeting, taken, APPROVED, pending["user"], user, f"/rakor/{slug}")
        if user.id != meeting["chair_user"]:  # an admin approved: the chair is told too
            await _tell(meeting, taken, APPROVED, meeting["chair_user"], user, f"/rakor/{slug}")
        await submissions.claim(key, user.id, f"approval:{slug}:{taken}")
    return version


async def _locked(slug: str) -> dict[str, Any]:
    """The whole meeting, inside the caller's write transaction, under its lock."""
    await db.serialize_writers(f"meeting:{slug}")
    meeting = await load(slug)
    if meeting is None:
        raise MeetingError(N_("There is no meeting %(value)s."), value=slug)
    return meeting


async def _pending(
    user: CurrentUser, slug: str, step: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The meeting and its pending submission, if it is `step` and this user may decide."""
    meeting = await _locked(slug)
    if not may_decide(user, meeting):
        raise MeetingError(
            N_("Only this meeting's chair (or an admin) may approve or return its minutes.")
        )
    latest = await _latest(meeting["id"])
    if meeting["state"] != "review" or latest is None or latest["step"] != step:
        raise MeetingError(
            N_(
                "This submission is no longer waiting for approval (approved, returned or replaced). Open the approval page again."
            )
        )
    return meeting, latest


async def _latest(meeting_id: int) -> dict[str, Any] | None:
    return (
        await MinutesSubmission.select()
        .where(MinutesSubmission.meeting == meeting_id)
        .order_by(MinutesSubmission.step, ascending=False)
        .first()
        .run()
    )


async def _add_step(
    meeting: dict[str, Any],
    state: str,
    user: CurrentUser,
    *,
    note: str = "",
    version: int | None = None,
    record: dict[str, Any] | None = None,
    markdown: str = "",
) -> int:
    latest = await _latest(meeting["id"])
    step = (latest["step"] if latest else 0) + 1
    await (
        MinutesSubmission(
            meeting=meeting["id"],
            step=step,
            state=state,
            version=version or meeting["version"] + 1,
            note=note,
            record=finalize.plain_json(record or {}),
            markdown=markdown,
            user=user.id,
            on_behalf_of=meeting["chair_user"] if _in_stead(state, user, meeting) else None,
            at=now(),
        )
        .save()
        .run()
    )
    return step


def _in_stead(state: str, user: CurrentUser, meeting: Mapping[str, Any]) -> bool:
    """A decision (return, approval) taken by someone else than the chair: an admin."""
    return state != SUBMITTED and user.id != meeting["chair_user"]


async def _set_state(meeting: dict[str, Any], state: str) -> None:
    await (
        Meeting.update({Meeting.state: state, Meeting.updated_at: now()})
        .where(Meeting.id == meeting["id"])
        .run()
    )


async def _stead(user: CurrentUser, meeting: dict[str, Any]) -> dict[str, Any]:
    """Who decided for which chair: "approved by admin X for chair Y" when not the chair."""
    chair = (await _usernames([meeting["chair_user"]]))[meeting["chair_user"]]
    if user.id == meeting["chair_user"]:
        return {"chair": chair}
    return {"chair": chair, "by_admin": user.username}


async def _usernames(ids: list[int | None]) -> dict[int | None, str | None]:
    wanted = [i for i in ids if i is not None]
    rows = await User.select(User.id, User.username).where(User.id.is_in(wanted or [0])).run()
    return {None: None, **{r["id"]: r["username"] for r in rows}}


async def _tell(
    meeting: dict[str, Any],
    step: int,
    state: str,
    recipient: int | None,
    by: CurrentUser,
    path: str,
    note: str = "",
) -> None:
    if recipient is None or recipient == by.id:
        return
    about = {"title": meeting["title"], "path": path, "by": by.display_name, "note": note}
    kind = f"approval.{state}"
    await notify_now(
        kind,
        f"meeting:{meeting['id']}:{step}",
        recipient,
        lambda user, unsubscribe, base: compose.approval(kind, user, about, unsubscribe, base),
    )


# ------------------------------------------------------------- what is shown


async def review(slug: str) -> dict[str, Any] | None:
    """What a chair reads: the meeting, its steps (newest first), the submission
    pending (or None), and the changes since the previous submission (or, for a
    correction's first, since the version published)."""
    meeting = await load(slug)
    if meeting is None:
        return None
    async with db.reading():
        steps = (
            await MinutesSubmission.select(
                *MinutesSubmission.all_columns(),
                MinutesSubmission.user.display_name.as_alias("by"),
                MinutesSubmission.on_behalf_of.display_name.as_alias("for_chair"),
            )
            .where(MinutesSubmission.meeting == meeting["id"])
            .order_by(MinutesSubmission.step, ascending=False)
            .run()
        )
        chair = (
            await User.select(User.display_name)
            .where(User.id == meeting["chair_user"])
            .first()
            .run()
        )
        published = (
            await MinutesVersion.select(MinutesVersion.markdown, MinutesVersion.version)
            .where(MinutesVersion.meeting == meeting["id"])
            .order_by(MinutesVersion.version, ascending=False)
            .first()
            .run()
        )
    submitted = [s for s in steps if s["state"] == SUBMITTED]
    pending = submitted[0] if meeting["state"] == "review" and submitted else None
    if pending:
        pending["record"] = finalize.thaw(_json(pending["record"]))
    before, since = _compared_with(submitted, published, pending)
    return {
        "meeting": meeting,
        "steps": steps,
        "pending": pending,
        "chair": chair["display_name"] if chair else None,
        "since": since,
        "changes": changes(before, pending["markdown"]) if pending and before is not None else None,
    }


def _compared_with(
    submitted: list[dict[str, Any]], published: dict[str, Any] | None, pending: dict | None
) -> tuple[str | None, dict[str, Any] | None]:
    """The text the pending submission is compared with, and what it was."""
    if pending is None:
        return None, None
    earlier = [s for s in submitted if s["step"] < pending["step"]]
    if earlier and (published is None or earlier[0]["version"] > published["version"]):
        return earlier[0]["markdown"], {"kind": "submission", "at": earlier[0]["at"]}
    if published is not None:
        return published["markdown"], {"kind": "version", "version": published["version"]}
    return None, None


def changes(before: str, after: str) -> list[dict[str, str]]:
    """A readable line diff of two Markdown texts: lines `added`, `removed`, a
    little unchanged `context` around them, and `gap` where unchanged lines were
    left out. Empty when nothing changed."""
    rows: list[dict[str, str]] = []
    lines = difflib.unified_diff(
        before.splitlines(), after.splitlines(), lineterm="", n=DIFF_CONTEXT
    )
    for line in lines:
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            rows.append({"kind": "gap", "text": ""})
        elif line.startswith("+"):
            rows.append({"kind": "added", "text": line[1:]})
        elif line.startswith("-"):
            rows.append({"kind": "removed", "text": line[1:]})
        else:
            rows.append({"kind": "context", "text": line[1:]})
    return rows[1:] if rows and rows[0]["kind"] == "gap" else rows


async def awaiting(user: CurrentUser) -> list[dict[str, Any]]:
    """Minutes waiting for this user's approval (for an admin: all of them)."""
    query = Meeting.select(
        Meeting.slug, Meeting.title, Meeting.starts_at, Meeting.version, Meeting.chair_user
    ).where(Meeting.state == "review")
    if not user.is_admin:
        query = query.where(Meeting.chair_user == user.id)
    async with db.reading():
        return await query.order_by(Meeting.starts_at).run()


async def draft_status(meeting: Mapping[str, Any]) -> dict[str, Any]:
    """For the draft page: the chair's name (None: the notulis finalizes) and,
    if the chair returned the last submission, that step with its note."""
    if meeting.get("chair_user") is None:
        return {"chair": None, "returned": None}
    async with db.reading():
        chair = (
            await User.select(User.display_name)
            .where(User.id == meeting["chair_user"])
            .first()
            .run()
        )
        latest = (
            await MinutesSubmission.select(
                MinutesSubmission.state,
                MinutesSubmission.note,
                MinutesSubmission.at,
                MinutesSubmission.user.display_name.as_alias("by"),
            )
            .where(MinutesSubmission.meeting == meeting["id"])
            .order_by(MinutesSubmission.step, ascending=False)
            .first()
            .run()
        )
    returned = latest if latest and latest["state"] == RETURNED else None
    return {"chair": chair["display_name"] if chair else None, "returned": returned}


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value
