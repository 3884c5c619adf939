"""Writing decided messages: a row on each account's Notifikasi page and, for
an address that wants that kind of mail, a row in the outbox.

The one writer for the daily plan (`planner`), Rakor mail (`rakor`) and the
notices of someone's action (`direct`). It runs inside the caller's write
transaction, the one that decided to send. The rows' unique keys (kind,
subject, recipient or address, date) make writing a message twice harmless.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tracker import db, i18n
from tracker.notifications import compose
from tracker.notifications.profile import GUEST, Profile, category, opted_out
from tracker.notifications.tables import PENDING, Notification, Outbox

__all__ = ["GUEST", "Message", "Stored", "is_guest", "refusal", "refusals", "store"]


@dataclass
class Message:
    """One decided message for one person: a user, or a guest by address."""

    kind: str
    subject_key: str
    recipient: Profile
    for_date: dt.date
    content: compose.Content
    attachments: list[dict[str, Any]] = field(default_factory=list)
    # The same content for this recipient in another language (their profile
    # with that language): the Notifikasi page shows the interface's language.
    recompose: Callable[[Profile], compose.Content] | None = None


@dataclass
class Stored:
    notifications: int = 0  # new rows on Notifikasi pages
    mails: int = 0  # new rows in the outbox


def is_guest(profile: Profile) -> bool:
    return profile.guest


async def store(messages: list[Message]) -> Stored:
    """Notification rows for account holders, outbox rows for the addresses
    that want the message's kind (a user's choice, a guest's `opt_out`)."""
    now = dt.datetime.now(dt.UTC)
    off = await _guests_off(messages)
    notes = [_notification(m, now) for m in messages if not is_guest(m.recipient)]
    mails = [_outbox(m, now) for m in messages if _mailed(m, off)]
    stored = Stored()
    for batch in db.batches(notes):
        stored.notifications += len(
            await Notification.insert(*batch).on_conflict(action="DO NOTHING").run()
        )
    for batch in db.batches(mails):
        stored.mails += len(await Outbox.insert(*batch).on_conflict(action="DO NOTHING").run())
    return stored


async def _guests_off(messages: list[Message]) -> set[tuple[str, str]]:
    """(address, choice) pairs that guests turned off, for these messages."""
    return await _off([(m.recipient, category(m.kind)) for m in messages])


async def _off(pairs: list[tuple[Profile, str]]) -> set[tuple[str, str]]:
    """(address, choice) pairs, among these (person, choice), that guests turned off."""
    off: set[tuple[str, str]] = set()
    for choice in {c for p, c in pairs if is_guest(p)}:
        addresses = [p.email for p, c in pairs if is_guest(p) and c == choice]
        off |= {(a, choice) for a in await opted_out(addresses, choice)}
    return off


# Why a person is not mailed (refusal); None: they are.
NO_ADDRESS, TURNED_OFF, OPTED_OUT = "no_address", "turned_off", "opted_out"


def refusal(person: Profile, choice: str, off: set[tuple[str, str]]) -> str | None:
    """Why `person` gets no mail of `choice`, or None if they get it. The one
    rule for writing the outbox and for pages that say who will be mailed."""
    if not person.email:
        return NO_ADDRESS
    if is_guest(person):
        return OPTED_OUT if (person.email.lower(), choice) in off else None
    return None if person.wants(choice) else TURNED_OFF


async def refusals(people: list[Profile], kind: str) -> list[str | None]:
    """`refusal` of a message of `kind` for each person, in order (reads `opt_out`)."""
    choice = category(kind)
    off = await _off([(p, choice) for p in people])
    return [refusal(p, choice, off) for p in people]


def _mailed(m: Message, off: set[tuple[str, str]]) -> bool:
    return refusal(m.recipient, category(m.kind), off) is None


def _notification(m: Message, now: dt.datetime) -> Notification:
    return Notification(
        recipient=m.recipient.user_id,
        kind=m.kind,
        subject_key=m.subject_key,
        for_date=m.for_date,
        title=m.content.title,
        body=m.content.summary,
        link=m.content.link,
        created_at=now,
        texts=_texts(m),
    )


def _texts(m: Message) -> str | None:
    """The notification's title and body in every interface language (JSON),
    None without a way to compose it again."""
    if m.recompose is None:
        return None
    texts = {}
    for lang in i18n.LANGUAGES:
        if lang == m.recipient.language:
            content = m.content
        else:
            with compose.words_only():
                content = m.recompose(dataclasses.replace(m.recipient, language=lang))
        texts[lang] = [content.title, content.summary]
    return json.dumps(texts, ensure_ascii=False)


def _outbox(m: Message, now: dt.datetime) -> Outbox:
    return Outbox(
        kind=m.kind,
        subject_key=m.subject_key,
        recipient=None if is_guest(m.recipient) else m.recipient.user_id,
        for_date=m.for_date,
        to_address=m.recipient.email,
        language=m.recipient.language,
        subject=m.content.subject,
        body_text=m.content.text,
        body_html=m.content.html,
        unsubscribe_url=m.content.unsubscribe_url,
        attachments=json.dumps(m.attachments),
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
