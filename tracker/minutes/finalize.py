"""Closing a Rakor: freeze the minutes as a version and track their follow-ups.

Finalizing builds one plain record from the meeting (the minutes record that
the PDF, DOCX and Markdown outputs read), renders its Markdown in the
agreement format, and in ONE write transaction stores the frozen version and
syncs that Markdown as the minutes document (`sync.sync_text`): the
follow-ups become actions exactly as if the file had been synced, matched by
document id and action ID. Finalizing again after a correction makes version
n+1 and re-syncs: changed follow-ups are amendments, removed ones withdrawn,
nothing is created twice.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tracker import db, i18n
from tracker.accounts import audit
from tracker.accounts.users import CurrentUser
from tracker.agreements.sync import MEETING_PATH, Rejected, sync_text
from tracker.agreements.tables import Document
from tracker.i18n import N_
from tracker.minutes.markdown import minutes_markdown
from tracker.minutes.meetings import MeetingError, load, now, require_draft
from tracker.minutes.tables import Meeting, MinutesVersion
from tracker.notifications import rakor


def build_record(
    meeting: dict[str, Any], titles: dict[str, str], version: int, at: dt.datetime | None
) -> dict[str, Any]:
    """The minutes record (see tracker/minutes/__init__.py) of a loaded meeting."""
    # Every party the minutes name, by its full name: the follow-ups' and the attendees'.
    used = {
        k for item in meeting["items"] for f in item["follow_ups"] for k in f["owner"] + f["with"]
    } | {a["party"] for a in meeting["attendees"] if a["party"]}
    return {
        "id": meeting["slug"],
        "language": "id",
        "kop": [line.strip() for line in (meeting["kop"] or "").splitlines() if line.strip()],
        "title": meeting["title"],
        "starts_at": meeting["starts_at"],
        "ends_at": meeting["ends_at"],
        "place": meeting["place"],
        "chair": _person(meeting, "chair"),
        "notulis": _person(meeting, "notulis"),
        "follows": [{"id": slug, "title": titles.get(slug, slug)} for slug in meeting["follows"]],
        "parties": {k: v for k, v in sorted(meeting["parties"].items()) if k in used},
        "attendees": [
            {
                "name": a["name"],
                "title": a["title"],
                "party": a["party"],
                "presence": a["presence"],
                "represented_by": a["represented_by"] or None,
            }
            for a in meeting["attendees"]
        ],
        "undiscussed": meeting.get("undiscussed") or "mark",
        "opening": meeting["opening"],
        "items": [_item(item, n) for n, item in enumerate(meeting["items"], 1)],
        "closing": meeting["closing"],
        "next_meeting": meeting["next_meeting"],
        "version": version,
        "finalized_at": at,
    }


def _person(meeting: dict[str, Any], role: str) -> dict[str, str]:
    return {k: meeting[f"{role}_{k}"] or "" for k in ("name", "title", "nip")}


def _item(item: dict[str, Any], number: int) -> dict[str, Any]:
    return {
        "number": number,
        "title": item["title"],
        "notes": item["notes"],
        "decisions": [
            {"number": d["display_number"], "text": d["text"]} for d in item["decisions"]
        ],
        "follow_ups": [
            {
                "code": f["code"],
                "title": f["title"],
                "owner": f["owner"],
                "with": f["with"],
                "due": f["due"],
                "indicator": f["indicator"] or None,
                "target": f["target"] or None,
            }
            for f in item["follow_ups"]
        ],
    }


class Incomplete(MeetingError):
    """Minutes that cannot be issued yet: every gap, each with the key of the
    draft page's field it is about (`kind-id-name`; None: no field there)."""

    def __init__(self, gaps: list[tuple[str | None, MeetingError]]) -> None:
        first = gaps[0][1]
        super().__init__(first.key, **first.values)
        self.gaps = gaps


def gaps(meeting: dict[str, Any]) -> list[tuple[str | None, MeetingError]]:
    """What minutes need before they can be issued, all of it, in page order."""
    found: list[tuple[str | None, MeetingError]] = []
    if not meeting["title"]:
        found.append((None, MeetingError(N_("Enter the meeting's title."))))
    for person, words in (
        ("chair", N_("Enter the chair's name: the minutes are signed in it.")),
        ("notulis", N_("Enter the minute-taker's name: the minutes are signed in it.")),
    ):
        if not (meeting.get(f"{person}_name") or "").strip():
            found.append((f"meeting-{meeting['id']}-{person}_name", MeetingError(words)))
    if not meeting["items"]:
        found.append((None, MeetingError(N_("The agenda is empty."))))
    for item in meeting["items"]:
        if not item["title"]:
            found.append(
                (f"item-{item['id']}-title", MeetingError(N_("Every agenda item needs a title.")))
            )
        for f in item["follow_ups"]:
            code = f" ({f['code']})"
            if not f["title"]:
                error = MeetingError(N_("Every follow-up needs a title%(code)s."), code=code)
                found.append((f"follow_up-{f['id']}-title", error))
            if not f["owner"]:
                error = MeetingError(N_("Every follow-up needs an owner%(code)s."), code=code)
                found.append((f"follow_up-{f['id']}-owner", error))
    return found


def check_complete(meeting: dict[str, Any]) -> None:
    """Raise Incomplete, naming every gap, unless the minutes can be issued."""
    if found := gaps(meeting):
        raise Incomplete(found)


async def finalize(user: CurrentUser, slug: str, address: str) -> int:
    """The notulis's own path, for a meeting without a chair account: publish the
    draft at once. A meeting with one is submitted and approved instead
    (`tracker.minutes.approval`), so this refuses it."""
    async with db.writing():
        await db.serialize_writers(f"meeting:{slug}")
        meeting = await load(slug)
        if meeting is None:
            raise MeetingError(N_("There is no meeting %(value)s."), value=slug)
        require_draft(meeting["state"])
        if meeting.get("chair_user") is not None:
            raise MeetingError(
                N_(
                    "This meeting has a chair account: submit the minutes for approval instead of finalizing them."
                )
            )
        return await publish(meeting, user, address)


async def publish(
    meeting: dict[str, Any],
    user: CurrentUser,
    address: str,
    approval: dict[str, Any] | None = None,
) -> int:
    """Issue the minutes: freeze the loaded draft as its next version, sync its
    follow-ups into actions, mark the meeting final; the version number.

    The ONE step that publishes minutes, whichever path led here (the notulis's
    `finalize`, the chair's `approval.approve`): whatever must happen on every
    publication belongs here. Runs inside the caller's write transaction, which
    holds the meeting's lock. `approval` (who approved, for which chair) goes
    into the audit entry.
    """
    slug = meeting["slug"]
    check_complete(meeting)
    if meeting["version"] == 0 and await Document.exists().where(Document.slug == slug).run():
        # A file took this id after the meeting was created: never overwrite it.
        raise MeetingError(
            N_("A document with id %(value)s already exists; these minutes cannot use it."),
            value=slug,
        )
    version, at = meeting["version"] + 1, now()
    record, text = await record_and_markdown(meeting, version, at)
    try:
        result = await sync_text(text, MEETING_PATH + slug)
    except Rejected as exc:
        raise MeetingError(
            N_("The minutes cannot be issued: %(reason)s"), reason=str(exc)
        ) from None
    await (
        MinutesVersion(
            meeting=meeting["id"],
            version=version,
            record=json.dumps(record, default=_plain),
            markdown=text,
            finalized_by=user.id,
            finalized_at=at,
        )
        .save()
        .run()
    )
    await (
        Meeting.update({Meeting.state: "final", Meeting.version: version, Meeting.updated_at: at})
        .where(Meeting.id == meeting["id"])
        .run()
    )
    # The notulen go to everyone invited, decided with the version itself.
    await rakor.minutes_issued(meeting, version, at)
    detail = {"version": version, "created": result.created, "amended": result.amended}
    await audit.record(
        "meeting.finalize",
        slug,
        user_id=user.id,
        username=user.username,
        address=address,
        detail={**detail, **(approval or {})},
    )
    return version


async def record_and_markdown(
    meeting: dict[str, Any], version: int, at: dt.datetime | None
) -> tuple[dict[str, Any], str]:
    """The minutes record of a loaded meeting as version `version`, and its Markdown:
    what is published, and what a chair reads before approving."""
    record = build_record(meeting, await document_titles(meeting["follows"]), version, at)
    return record, minutes_markdown(record)


def plain_json(record: dict[str, Any]) -> str:
    """A record as stored (dates and times as ISO text)."""
    return json.dumps(record, default=_plain)


async def reopen(user: CurrentUser, slug: str, address: str) -> None:
    """Open finalized minutes for a correction; the versions issued stay as they are."""
    async with db.writing():
        await db.serialize_writers(f"meeting:{slug}")
        row = (
            await Meeting.select(Meeting.id, Meeting.state)
            .where(Meeting.slug == slug)
            .first()
            .run()
        )
        if row is None:
            raise MeetingError(N_("There is no meeting %(value)s."), value=slug)
        if row["state"] != "final":
            raise MeetingError(N_("This meeting is still a draft."))
        await (
            Meeting.update({Meeting.state: "draft", Meeting.updated_at: now()})
            .where(Meeting.id == row["id"])
            .run()
        )
        await audit.record(
            "meeting.reopen", slug, user_id=user.id, username=user.username, address=address
        )


async def document_titles(slugs: list[str]) -> dict[str, str]:
    """The titles of the documents a meeting follows, by id."""
    rows = (
        await Document.select(Document.slug, Document.title)
        .where(Document.slug.is_in(slugs or [""]))
        .run()
    )
    return {r["slug"]: r["title"] for r in rows}


def _plain(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


async def version(slug: str, number: int | None = None) -> dict[str, Any] | None:
    """A frozen version (the latest if `number` is None): its record and Markdown."""
    async with db.reading():
        query = (
            MinutesVersion.select(
                MinutesVersion.version,
                MinutesVersion.record,
                MinutesVersion.markdown,
                MinutesVersion.finalized_at,
            )
            .where(MinutesVersion.meeting.slug == slug)
            .order_by(MinutesVersion.version, ascending=False)
        )
        if number is not None:
            query = query.where(MinutesVersion.version == number)
        row = await query.first().run()
    if row is None:
        return None
    record = row["record"]
    row["record"] = thaw(json.loads(record) if isinstance(record, str) else record)
    return row


def thaw(record: dict[str, Any]) -> dict[str, Any]:
    """Dates and times of a stored record back to Python values."""
    for key in ("starts_at", "ends_at", "finalized_at"):
        if record.get(key):
            record[key] = dt.datetime.fromisoformat(record[key])
    if record.get("next_meeting"):
        record["next_meeting"] = dt.date.fromisoformat(record["next_meeting"])
    for item in record.get("items", []):
        for f in item["follow_ups"]:
            if f.get("due"):
                f["due"] = dt.date.fromisoformat(f["due"])
    return record


def in_language(record: dict[str, Any], lang: str) -> dict[str, Any]:
    """The same record with the labels of another language (user text stays as written)."""
    return {**record, "language": i18n.pick_language(lang)}
