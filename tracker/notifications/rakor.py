"""Mail around a Rakor: the invitation (with an iCalendar REQUEST, or CANCEL when
a draft is cancelled), the reminder to report before it, and the notulen.

Who gets what:

- **Invitation** (sent by the notulis, again after a change, withdrawn by a
  cancel): the secretariats of every invited party, and every attendee listed
  with an address. An attendee whose address is a user's is that user.
- **Reminder**, 3 working days before the meeting (of an invitation sent):
  the secretariats of the parties that own or support an open action on the
  agenda, listing those actions, with a link to Aksi saya.
- **Notulen**, when a version is issued: the same people as the invitation;
  the PDF is attached when sent (`mailer` renders it once per batch).

Account holders see each message on their Notifikasi page too. A message is
mailed to an address whose owner did not turn `rakor` off (a user's choice,
or an attendee's `opt_out`). The functions that store messages run inside the
caller's write transaction, the one that decided to send them.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import uuid
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from tracker import db, i18n
from tracker.accounts.secrets import shared_secret
from tracker.accounts.tables import User, UserParty
from tracker.agreements.tables import Party
from tracker.minutes.tables import AgendaItem, Meeting
from tracker.notifications import calendar, compose, ics
from tracker.notifications.profile import (
    COLUMNS,
    RAKOR,
    Profile,
    address_token,
    profile_from_row,
    unsubscribe_token,
)
from tracker.notifications.store import GUEST, NO_ADDRESS, Message, is_guest, refusals, store
from tracker.notifications.tables import RakorInvitation
from tracker.settings import Settings

INVITATION, CANCEL, REMINDER, MINUTES = (
    "rakor.invitation",
    "rakor.cancel",
    "rakor.reminder",
    "rakor.minutes",
)
REMIND_WORKING_DAYS = 3


@dataclass
class Sent:
    notifications: int = 0
    mails: int = 0
    # Invitees without an address: {"name", "in_tracker"} (a user still sees it there).
    without_address: list[dict[str, Any]] = field(default_factory=list)


def guest(name: str, address: str) -> Profile:
    return Profile(0, address, name or address, GUEST, address, "id")


# ------------------------------------------------------------ who is invited


async def people(meeting: dict[str, Any]) -> tuple[list[Profile], list[dict[str, Any]]]:
    """Everyone a meeting's mail goes to, once each, and the names of the
    invitees nobody can reach by mail (no address): those are told in the
    tracker only, or not at all, and the notulis sees the list."""
    invited = meeting["invited"]
    party_ids = {
        r["id"]: r["key"]
        for r in await Party.select(Party.id, Party.key)
        .where(Party.key.is_in(invited or [""]))
        .run()
    }
    links = (
        await UserParty.select(UserParty.user)
        .where(UserParty.party.is_in(list(party_ids) or [0]))
        .run()
    )
    user_ids = sorted({link["user"] for link in links})
    addresses = sorted({(a.get("email") or "").lower() for a in meeting["attendees"]} - {""})
    query = User.select(*COLUMNS, User.notify_choices).where(User.disabled.eq(False))
    rows = await query.where(
        User.id.is_in(user_ids or [0]) | User.email.is_in(addresses or [""])
    ).run()
    secretariats = [
        profile_from_row(r) for r in rows if r["id"] in user_ids and r["role"] == "secretariat"
    ]
    by_address = {(r["email"] or "").lower(): profile_from_row(r) for r in rows if r["email"]}
    result: dict[str, Profile] = {}  # key: "u12" or an address
    for p in secretariats:
        result[f"u{p.user_id}"] = p
    unreachable = [
        {"name": p.display_name, "in_tracker": True} for p in secretariats if not p.email
    ]
    for a in meeting["attendees"]:
        address = (a.get("email") or "").strip().lower()
        if not address:
            unreachable.append({"name": a["name"], "in_tracker": False})
            continue
        user = by_address.get(address)
        if user is not None:
            result.setdefault(f"u{user.user_id}", user)
        elif not any(p.email.lower() == address for p in result.values()):
            result[address] = guest(a["name"], a["email"].strip())
    return list(result.values()), unreachable


@dataclass
class Audience:
    """Who a meeting's invitation reaches, as the invitation page shows it."""

    mailed: list[Profile]  # gets the mail
    declined: list[tuple[Profile, str]]  # has an address but turned Rakor mail off (why)
    without: list[dict[str, Any]]  # no address: {"name", "in_tracker"}


async def audience(meeting: dict[str, Any]) -> Audience:
    """`people`, split by the rule the sending uses (`store.refusal`), so the
    page never lists as a recipient someone the outbox will skip."""
    recipients, without = await people(meeting)
    reasons = await refusals(recipients, INVITATION)
    return Audience(
        mailed=[p for p, why in zip(recipients, reasons, strict=True) if why is None],
        declined=[
            (p, why)
            for p, why in zip(recipients, reasons, strict=True)
            if why is not None and why != NO_ADDRESS
        ],
        without=without,
    )


# ------------------------------------------------------------ the invitation


async def invite(meeting: dict[str, Any], actor: str, method: str = ics.REQUEST) -> Sent:
    """Write the invitation (or its cancellation) for every invitee; inside the
    caller's write transaction. The history row gives the UID and SEQUENCE."""
    previous = await latest_invitation(meeting["id"])
    if method == ics.CANCEL and (previous is None or previous["method"] == ics.CANCEL):
        return Sent()  # never invited: nothing to withdraw
    fresh = previous is None or previous["method"] == ics.CANCEL
    uid = _new_uid() if fresh else previous["uid"]
    sequence = 0 if fresh else previous["sequence"] + 1
    recipients, unreachable = await people(meeting)
    settings = await _mail_settings()
    kind = INVITATION if method == ics.REQUEST else CANCEL
    day = meeting_day(meeting)
    now = dt.datetime.now(dt.UTC)
    messages = []
    for person in recipients:
        variant = "cancel" if kind == CANCEL else ("invitation" if sequence == 0 else "update")
        build = partial(
            compose.rakor,
            variant,
            meeting=_view(meeting, settings),
            unsubscribe_url=await _unsubscribe(person, settings),
            base_url=settings["base_url"],
        )
        content = build(person)
        text = ics.invitation(
            method=method,
            uid=uid,
            sequence=sequence,
            title=meeting["title"],
            starts_at=db.timestamp(meeting["starts_at"]),
            ends_at=db.timestamp(meeting["ends_at"]) if meeting.get("ends_at") else None,
            place=meeting["place"] or "",
            description=content.text.split("\n--\n")[0],
            url=settings["base_url"] + content.link if content.link else "",
            organizer=settings["organizer"],
            attendee=(person.display_name, person.email or settings["organizer"][1]),
            stamp=now,
        )
        attachment = {
            "name": "undangan.ics" if method == ics.REQUEST else "pembatalan.ics",
            "type": f"text/calendar; method={method}",
            "text": text,
        }
        key = f"meeting:{meeting['id']}:{uid}:{sequence}"
        messages.append(Message(kind, key, person, day, content, [attachment], build))
    stored = await store(messages)
    sent = Sent(stored.notifications, stored.mails, unreachable)
    await RakorInvitation.insert(
        RakorInvitation(
            meeting_id=meeting["id"],
            slug=meeting["slug"],
            uid=uid,
            sequence=sequence,
            method=method,
            starts_at=db.timestamp(meeting["starts_at"]),
            recipients=sent.mails,
            sent_by=actor,
            sent_at=now,
        )
    ).run()
    return sent


async def latest_invitation(meeting_id: int) -> dict[str, Any] | None:
    return (
        await RakorInvitation.select()
        .where(RakorInvitation.meeting_id == meeting_id)
        .order_by(RakorInvitation.id, ascending=False)
        .first()
        .run()
    )


async def history(meeting_id: int) -> list[dict[str, Any]]:
    """Every invitation sent (and withdrawn) for a meeting, the latest first."""
    return (
        await RakorInvitation.select()
        .where(RakorInvitation.meeting_id == meeting_id)
        .order_by(RakorInvitation.id, ascending=False)
        .run()
    )


def _new_uid() -> str:
    return f"rakor-{uuid.uuid4()}@pemantau"


# ------------------------------------------------------------ the notulen


async def minutes_issued(meeting: dict[str, Any], version: int, at: dt.datetime) -> Sent:
    """The notulen of `version`, to everyone invited; inside finalize's transaction."""
    recipients, unreachable = await people(meeting)
    settings = await _mail_settings()
    view = {**_view(meeting, settings), "version": version}
    messages = []
    for person in recipients:
        build = partial(
            compose.rakor,
            "minutes",
            meeting=view,
            unsubscribe_url=await _unsubscribe(person, settings),
            base_url=settings["base_url"],
        )
        content = build(person)
        lang = person.language
        suffix = "-en" if lang == "en" else ""
        pdf = {
            "name": f"notulen-{meeting['slug']}-v{version}{suffix}.pdf",
            "type": "application/pdf",
            "minutes": {"slug": meeting["slug"], "version": version, "language": lang},
        }
        key = f"meeting:{meeting['id']}:v{version}"
        day = at.astimezone(i18n.WITA).date()
        messages.append(Message(MINUTES, key, person, day, content, [pdf], build))
    stored = await store(messages)
    sent = Sent(stored.notifications, stored.mails, unreachable)
    return sent


# ------------------------------------------------------------ the reminder


def reminder_day(day_of_meeting: dt.date) -> dt.date:
    """REMIND_WORKING_DAYS working days before the meeting's day."""
    day = day_of_meeting
    for _ in range(REMIND_WORKING_DAYS):
        day = calendar.working_day_on_or_before(day - dt.timedelta(days=1))
    return day


async def meetings_to_remind(today: dt.date) -> list[dict[str, Any]]:
    """Drafts whose reminder day is `today` and whose invitation stands."""
    start = dt.datetime.combine(today, dt.time(), tzinfo=i18n.WITA)
    rows = (
        await Meeting.select(Meeting.id, Meeting.slug, Meeting.title, Meeting.starts_at)
        .where(
            Meeting.state == "draft",
            Meeting.starts_at >= start,
            Meeting.starts_at < start + dt.timedelta(days=14),
        )
        .run()
    )
    due = []
    for row in rows:
        if reminder_day(meeting_day(row)) != today:
            continue
        latest = await latest_invitation(row["id"])
        if latest is None or latest["method"] == ics.CANCEL:
            continue
        items = (
            await AgendaItem.select(AgendaItem.briefing)
            .where(AgendaItem.meeting == row["id"])
            .run()
        )
        row["actions"] = [
            (b["document"], b["code"]) for i in items for b in _json_list(i["briefing"])
        ]
        due.append(row)
    return due


def reminder_view(meeting: dict[str, Any], actions: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "title": meeting["title"],
        "starts_at": db.timestamp(meeting["starts_at"]),
        "actions": actions,
    }


# ------------------------------------------------------------ helpers


async def _mail_settings() -> dict[str, Any]:
    settings = Settings.from_env()
    name, address = email.utils.parseaddr(settings.mail_from or "")
    return {
        "base_url": settings.base_url or compose.FALLBACK_BASE_URL,
        "organizer": (name or "Pemantau Kesepakatan", address or "pemantau@localhost"),
        "secret": await shared_secret(),
    }


async def _unsubscribe(person: Profile, settings: dict[str, Any]) -> str:
    if is_guest(person):
        token = address_token(settings["secret"], person.email, RAKOR)
    else:
        token = unsubscribe_token(settings["secret"], person.user_id, RAKOR)
    return f"{settings['base_url']}/berhenti/{token}"


def meeting_day(meeting: dict[str, Any]) -> dt.date:
    return db.timestamp(meeting["starts_at"]).astimezone(i18n.WITA).date()


def _view(meeting: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    parties = meeting.get("parties") or {}
    return {
        "slug": meeting["slug"],
        "title": meeting["title"],
        "starts_at": db.timestamp(meeting["starts_at"]),
        "ends_at": db.timestamp(meeting["ends_at"]) if meeting.get("ends_at") else None,
        "place": meeting["place"] or "",
        "agenda": [i["title"] for i in meeting.get("items", []) if i["title"]],
        "invited": [parties.get(k, k) for k in meeting["invited"]],
    }


def _json_list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return value or []
