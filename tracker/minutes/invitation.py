"""Inviting to a Rakor: the attendees' addresses, and sending the invitation.

The notulis who manages the draft (or an admin) types the addresses of the
attendees who have one, then sends. Sending writes the messages (outbox and
Notifikasi rows, `tracker.notifications.rakor`), the invitation's history and
an audit entry in ONE transaction; the sender delivers them afterwards. Sent
again after a change, it is an update of the same calendar entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tracker import db
from tracker.accounts import audit, submissions
from tracker.accounts.users import CurrentUser
from tracker.i18n import N_
from tracker.minutes.meetings import MeetingError, load, managed_draft, now
from tracker.minutes.tables import Attendee
from tracker.notifications import rakor
from tracker.notifications.profile import InvalidEmail, clean_email


@dataclass
class AddressErrors(Exception):
    """Addresses that are not addresses (`wrong`: attendee id -> what was
    typed), or that someone else changed since the form showed them
    (`changed`: attendee id -> the address stored now)."""

    wrong: dict[int, str] = field(default_factory=dict)
    changed: dict[int, str] = field(default_factory=dict)


async def save_addresses(
    user: CurrentUser,
    slug: str,
    typed: Mapping[int, str],
    address: str,
    shown: Mapping[int, str] | None = None,
) -> int:
    """Store the attendees' addresses (all or nothing); how many changed.

    `shown` is what the form showed for each attendee: an address left as
    shown is not written (a form opened before someone else saved theirs
    would put the old one back), and one changed both here and meanwhile
    elsewhere is refused (`AddressErrors.changed`) rather than written over.
    """
    cleaned, wrong = {}, {}
    for attendee_id, value in typed.items():
        try:
            cleaned[attendee_id] = clean_email(value)
        except InvalidEmail:
            wrong[attendee_id] = value
    if wrong:
        raise AddressErrors(wrong)
    was = {i: (v or "").strip() for i, v in (shown or {}).items()}
    cleaned = {i: v for i, v in cleaned.items() if i not in was or v != was[i]}
    changed = {}
    async with db.writing():
        meeting = await managed_draft(user, slug)
        rows = (
            await Attendee.select(Attendee.id, Attendee.email, Attendee.name)
            .where(Attendee.meeting == meeting["id"])
            .run()
        )
        theirs = {
            row["id"]: row["email"] or ""
            for row in rows
            if row["id"] in was
            and row["id"] in cleaned
            and (row["email"] or "") not in (was[row["id"]], cleaned[row["id"]])
        }
        if theirs:
            raise AddressErrors(changed=theirs)
        for row in rows:
            new = cleaned.get(row["id"])
            if new is not None and new != (row["email"] or ""):
                await Attendee.update({Attendee.email: new}).where(Attendee.id == row["id"]).run()
                changed[row["name"]] = new
        if changed:
            await audit.record(
                "meeting.addresses",
                slug,
                user_id=user.id,
                username=user.username,
                address=address,
                detail={"changed": changed},
            )
    return len(changed)


async def send(
    user: CurrentUser, slug: str, address: str, submission: str | None = None
) -> rakor.Sent:
    """Send (or send again) the invitation of a draft to everyone invited. The
    same form sent twice (its `submission` key) sends once."""
    async with db.writing():
        await submissions.check(submission, user.id)
        await managed_draft(user, slug)
        meeting = await load(slug)
        if db.timestamp(meeting["starts_at"]) <= now():
            raise MeetingError(
                N_(
                    "This Rakor's time has passed: no invitation is sent. Change its date if it was postponed."
                )
            )
        recipients, _ = await rakor.people(meeting)
        if not recipients:
            raise MeetingError(
                N_(
                    "Nobody can receive the invitation yet: invite parties with a secretariat in the tracker, or fill in the attendees' addresses."
                )
            )
        sent = await rakor.invite(meeting, user.username)
        latest = await rakor.latest_invitation(meeting["id"])
        await audit.record(
            "meeting.invite",
            slug,
            user_id=user.id,
            username=user.username,
            address=address,
            detail={
                "sequence": latest["sequence"],
                "mails": sent.mails,
                "notifications": sent.notifications,
            },
        )
        await submissions.claim(submission, user.id, f"invitation:{slug}")
    return sent
