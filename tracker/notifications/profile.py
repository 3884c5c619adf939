"""Each user's notification profile: address, language, and what they chose.

Five choices, each a kind of message: `reminder` (deadline reminders),
`digest` (the weekly digest), `expiry` (agreements about to expire),
`rakor` (a Rakor's invitation, its reminder and its notulen, for those
invited) and `approval` (minutes submitted to their chair, returned or
approved). A choice not made yet takes the role's default: secretariats get
the first four; admins get expiry notices and may choose the digest; viewers
and notulis may choose the digest; everyone gets the mail of a Rakor they are
invited to; admins, viewers and notulis (the roles that chair a Rakor or write
its minutes) get approval mail. A choice decides what is *mailed*; the
in-tracker Notifikasi page lists every message, the digest only when chosen.

A Rakor attendee may have an address but no account: their unsubscribe token
names the address instead of a user, and their choice is kept in `opt_out`.

Unsubscribe links carry a signed token (HMAC-SHA256 with the shared secret of
`tracker.accounts.secrets`, under a key of its own), so they work without a
login and cannot be forged for another user or kind.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from typing import Any

from tracker import db
from tracker.accounts import audit
from tracker.accounts.secrets import shared_secret
from tracker.accounts.tables import User
from tracker.i18n import N_
from tracker.notifications.tables import OptOut

REMINDER, DIGEST, EXPIRY = "reminder", "digest", "expiry"
RAKOR, APPROVAL = "rakor", "approval"
CHOICES = (REMINDER, DIGEST, EXPIRY, RAKOR, APPROVAL)
LANGUAGES = ("id", "en")
# What each role can receive, and its default when nothing was chosen.
DEFAULTS: dict[str, dict[str, bool]] = {
    "secretariat": {REMINDER: True, DIGEST: True, EXPIRY: True, RAKOR: True},
    "admin": {DIGEST: False, EXPIRY: True, RAKOR: True, APPROVAL: True},
    "viewer": {DIGEST: False, RAKOR: True, APPROVAL: True},
    "notulis": {DIGEST: False, RAKOR: True, APPROVAL: True},
}
GUEST = "guest"  # the role of a Rakor attendee known only by an address
MAX_EMAIL = 254
EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
    r"(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def category(kind: str) -> str:
    """`reminder.late` -> `reminder`: the choice a message kind falls under."""
    return kind.split(".", 1)[0]


@dataclass
class Profile:
    user_id: int
    username: str
    display_name: str
    role: str
    email: str
    language: str
    choices: dict[str, bool] = field(default_factory=dict)
    disabled: bool = False

    def wants(self, choice: str) -> bool:
        """Whether this user receives `choice` (stored choice, else the role's default)."""
        allowed = DEFAULTS.get(self.role, {})
        if choice not in allowed:
            return False
        return bool(self.choices.get(choice, allowed[choice]))

    def available(self) -> tuple[str, ...]:
        return tuple(c for c in CHOICES if c in DEFAULTS.get(self.role, {}))

    @property
    def guest(self) -> bool:
        """An address without an account: no profile page, no Notifikasi page."""
        return self.role == GUEST


def parse_choices(text: str | None) -> dict[str, bool]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return {k: bool(v) for k, v in value.items() if k in CHOICES} if isinstance(value, dict) else {}


def profile_from_row(row: dict[str, Any]) -> Profile:
    return Profile(
        user_id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=row["role"],
        email=row.get("email") or "",
        language=row.get("language") if row.get("language") in LANGUAGES else "id",
        choices=parse_choices(row.get("notify_choices")),
        disabled=bool(row.get("disabled")),
    )


COLUMNS = (User.id, User.username, User.display_name, User.role, User.email, User.language)


async def load(user_id: int, with_disabled: bool = False) -> Profile | None:
    """A user's profile; `with_disabled`: whether the account is disabled is read too."""
    columns = (*COLUMNS, User.notify_choices, *((User.disabled,) if with_disabled else ()))
    row = await User.select(*columns).where(User.id == user_id).first().run()
    return profile_from_row(row) if row else None


class InvalidEmail(ValueError):
    """An address we will not send to; `key` is the message for the form."""

    key = N_("Enter a valid email address, like name@baliprov.go.id, without spaces.")


def clean_email(value: str) -> str:
    """The address trimmed, or "" for none; InvalidEmail for anything else."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > MAX_EMAIL or not EMAIL_RE.match(value) or ".." in value:
        raise InvalidEmail(value)
    return value


async def save(
    user_id: int,
    *,
    email: str | None = None,
    language: str | None = None,
    choices: dict[str, bool] | None = None,
    actor: str,
    address: str,
) -> None:
    """Store what changed (None: unchanged), with an audit entry, in one transaction."""
    values: dict[Any, Any] = {}
    if email is not None:
        values[User.email] = clean_email(email)
    if language is not None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        values[User.language] = language
    async with db.writing():
        row = (
            await User.select(User.username, User.notify_choices)
            .where(User.id == user_id)
            .first()
            .run()
        )
        if row is None:
            raise LookupError(user_id)
        if choices is not None:
            merged = {**parse_choices(row["notify_choices"]), **choices}
            values[User.notify_choices] = json.dumps(merged, sort_keys=True)
        if values:
            await User.update(values).where(User.id == user_id).run()
        detail = {c._meta.name: v for c, v in values.items()}
        await audit.record(
            "user.profile",
            row["username"],
            user_id=None,
            username=actor,
            address=address,
            detail=detail,
        )


# ------------------------------------------------------------ unsubscribe tokens


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"tracker unsubscribe v1", hashlib.sha256).digest()


def _mac(secret: str, subject: int | str, choice: str) -> str:
    digest = hmac.new(_key(secret), f"{subject}:{choice}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def unsubscribe_token(secret: str, user_id: int, choice: str) -> str:
    return f"{user_id}.{choice}.{_mac(secret, user_id, choice)}"


def address_token(secret: str, address: str, choice: str) -> str:
    """The token of an address without an account: `a` + the address in base64."""
    address = address.strip().lower()
    encoded = base64.urlsafe_b64encode(address.encode()).decode().rstrip("=")
    return f"a{encoded}.{choice}.{_mac(secret, 'address:' + address, choice)}"


def read_token(secret: str, token: str) -> tuple[int | str, str] | None:
    """(user id or address, choice) of a genuine token, else None."""
    parts = token.split(".")
    if len(parts) != 3 or parts[1] not in CHOICES:
        return None
    if parts[0].startswith("a"):
        address = _decode_address(parts[0][1:])
        if address is None:
            return None
        subject: int | str = address
        mac = _mac(secret, "address:" + address, parts[1])
    else:
        user_id = db.as_id(parts[0]) if parts[0].isdigit() else None
        if user_id is None:
            return None
        subject, mac = user_id, _mac(secret, user_id, parts[1])
    if not hmac.compare_digest(parts[2], mac):
        return None
    return subject, parts[1]


def _decode_address(encoded: str) -> str | None:
    if not encoded or len(encoded) > 400:
        return None
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except ValueError:
        return None


@dataclass
class Owner:
    """Whom an unsubscribe link is for, as its page addresses them."""

    name: str  # the username, or the address of a guest
    language: str  # the language their mail is written in
    guest: bool  # an address without an account (no profile to go back to)


async def owner(subject: int | str) -> Owner | None:
    """The owner of a token's subject (a user id, or a guest's address);
    None for an account that no longer exists. Guests' mail is Indonesian."""
    if isinstance(subject, str):
        return Owner(subject, "id", True)
    profile = await load(subject)
    return Owner(profile.username, profile.language, False) if profile else None


async def receives(subject: int | str, choice: str) -> bool:
    """Whether a token's subject (a user id, or a guest's address) still
    receives `choice` by email: the link's page offers to stop, or to start again."""
    if isinstance(subject, str):
        return not await opted_out([subject], choice)
    profile = await load(subject)
    return profile is not None and profile.wants(choice)


async def unsubscribe(token: str, address: str) -> tuple[Owner, str] | None:
    """Turn off the token's choice for its user or address; (owner, choice),
    or None if the token is not genuine."""
    return await _choose(token, address, False)


async def resubscribe(token: str, address: str) -> tuple[Owner, str] | None:
    """Undo `unsubscribe` (a click by mistake needs no one else to mend it)."""
    return await _choose(token, address, True)


async def _choose(token: str, address: str, wanted: bool) -> tuple[Owner, str] | None:
    """The token's choice on or off for its user or address: the signed
    token is the authority, as the link in the mail is."""
    found = read_token(await shared_secret(), token)
    if found is None:
        return None
    subject, choice = found
    if isinstance(subject, str):
        await (opt_in if wanted else opt_out)(subject, choice)
        return Owner(subject, "id", True), choice
    profile = await load(subject)
    if profile is None:
        return None
    await save(subject, choices={choice: wanted}, actor=profile.username, address=address)
    return Owner(profile.username, profile.language, False), choice


async def opt_in(email: str, choice: str) -> None:
    """An address without an account wants `choice` mail again."""
    async with db.writing():
        await (
            OptOut.delete()
            .where((OptOut.address == email.lower()) & (OptOut.choice == choice))
            .run()
        )


async def opt_out(email: str, choice: str) -> None:
    """Remember that an address without an account wants no more `choice` mail."""
    async with db.writing():
        await (
            OptOut.insert(
                OptOut(address=email.lower(), choice=choice, created_at=dt.datetime.now(dt.UTC))
            )
            .on_conflict(action="DO NOTHING")
            .run()
        )


async def opted_out(addresses: list[str], choice: str) -> set[str]:
    """Which of these addresses turned `choice` off (lower case)."""
    if not addresses:
        return set()
    rows = (
        await OptOut.select(OptOut.address)
        .where(OptOut.choice == choice, OptOut.address.is_in([a.lower() for a in addresses]))
        .run()
    )
    return {r["address"] for r in rows}
