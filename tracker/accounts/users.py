"""Accounts: who they are, their role, the parties a secretariat acts for."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from tracker import db
from tracker.accounts import audit
from tracker.accounts.passwords import check_strength, hash_password_async
from tracker.accounts.tables import Session, User, UserParty
from tracker.agreements.tables import Party

ADMIN, SECRETARIAT, VIEWER, NOTULIS = "admin", "secretariat", "viewer", "notulis"
ROLES = (ADMIN, SECRETARIAT, VIEWER, NOTULIS)
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class UserError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class CurrentUser:
    """The logged-in user of a request."""

    id: int
    username: str
    display_name: str
    role: str
    parties: tuple[str, ...]
    unread: int = 0  # notifications not yet opened (the count in the header)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    def may_post_on(self, owner_and_with: set[str]) -> bool:
        """Admins may post anywhere; a secretariat where one of its parties is owner or with."""
        if self.role == ADMIN:
            return True
        return self.role == SECRETARIAT and bool(owner_and_with.intersection(self.parties))


def validate(username: str, role: str, parties: list[str]) -> None:
    if not USERNAME_RE.match(username):
        raise UserError(
            f"username `{username}` must be 2–64 lower-case letters, digits, `.`, `_` or `-`"
        )
    if role not in ROLES:
        raise UserError(f"unknown role `{role}`: use one of {', '.join(ROLES)}")
    if role == SECRETARIAT and not parties:
        raise UserError("a secretariat account needs at least one --party")
    if role != SECRETARIAT and parties:
        raise UserError("only secretariat accounts are bound to parties")


MAX_DISPLAY_NAME = 100


def clean_display_name(name: str | None, username: str) -> str:
    """The name shown in the header and on reports: one line of at most
    MAX_DISPLAY_NAME characters (tabs or line breaks would break `tracker user
    list` and the pages that show it); none given: the username."""
    name = (name or "").strip()
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        raise UserError("a display name is one line: no tabs, line breaks or control characters")
    if len(name) > MAX_DISPLAY_NAME:
        raise UserError(
            f"a display name has at most {MAX_DISPLAY_NAME} characters, not {len(name)}"
        )
    return name or username


async def add_user(
    username: str,
    role: str,
    password: str,
    parties: list[str] | None = None,
    display_name: str | None = None,
    *,
    actor: str = "cli",
    address: str = "cli",
) -> int:
    parties = list(dict.fromkeys(parties or []))
    validate(username, role, parties)
    display_name = clean_display_name(display_name, username)
    check_strength(password)
    password_hash = await hash_password_async(password)
    async with db.writing():
        if await User.exists().where(User.username == username).run():
            raise UserError(f"user `{username}` already exists")
        party_ids = await _party_ids(parties)
        rows = await User.insert(
            User(
                username=username,
                display_name=display_name,
                role=role,
                password_hash=password_hash,
                created_at=dt.datetime.now(dt.UTC),
            )
        ).run()
        user_id = rows[0]["id"]
        if party_ids:
            await UserParty.insert(*(UserParty(user=user_id, party=p) for p in party_ids)).run()
        await audit.record(
            "user.add",
            username,
            user_id=None,
            username=actor,
            address=address,
            detail={"role": role, "parties": parties},
        )
    return user_id


async def _party_ids(keys: list[str]) -> list[int]:
    if not keys:
        return []
    rows = await Party.select(Party.id, Party.key).where(Party.key.is_in(keys)).run()
    found = {r["key"]: r["id"] for r in rows}
    missing = [k for k in keys if k not in found]
    if missing:
        known = [r["key"] for r in await Party.select(Party.key).order_by(Party.key).run()]
        hint = ", ".join(known) if known else "none yet: run `tracker sync` first"
        raise UserError(f"unknown party {', '.join(missing)} (known parties: {hint})")
    return [found[k] for k in keys]


async def list_users() -> list[dict[str, Any]]:
    users = (
        await User.select(
            User.id,
            User.username,
            User.display_name,
            User.role,
            User.disabled,
            User.created_at,
            User.email,
        )
        .order_by(User.username)
        .run()
    )
    links = await UserParty.select(UserParty.user, UserParty.party.key.as_alias("key")).run()
    for user in users:
        user["parties"] = sorted(link["key"] for link in links if link["user"] == user["id"])
    return users


async def set_password(
    username: str, password: str, *, actor: str = "cli", address: str = "cli"
) -> None:
    check_strength(password)
    password_hash = await hash_password_async(password)
    async with db.writing():
        user = await _existing(username)
        await User.update({User.password_hash: password_hash}).where(User.id == user["id"]).run()
        # A new password ends every session of the old one.
        await Session.delete().where(Session.user == user["id"]).run()
        await audit.record("user.passwd", username, user_id=None, username=actor, address=address)


async def disable(username: str, *, actor: str = "cli", address: str = "cli") -> bool:
    """False when the account was disabled already: nothing changed, and
    the audit log does not say it was disabled a second time."""
    async with db.writing():
        user = await _existing(username)
        if await User.exists().where((User.id == user["id"]) & (User.disabled.eq(True))).run():
            return False
        await User.update({User.disabled: True}).where(User.id == user["id"]).run()
        await Session.delete().where(Session.user == user["id"]).run()
        await audit.record("user.disable", username, user_id=None, username=actor, address=address)
    return True


async def enable(username: str, *, actor: str = "cli", address: str = "cli") -> None:
    async with db.writing():
        user = await _existing(username)
        await User.update({User.disabled: False}).where(User.id == user["id"]).run()
        await audit.record("user.enable", username, user_id=None, username=actor, address=address)


async def _existing(username: str) -> dict[str, Any]:
    user = await User.select(User.id).where(User.username == username).first().run()
    if user is None:
        raise UserError(f"no user `{username}`")
    return user


async def load(user_id: int) -> CurrentUser | None:
    """The user with their parties, unless disabled."""
    row = (
        await User.select(User.id, User.username, User.display_name, User.role)
        .where((User.id == user_id) & (User.disabled.eq(False)))
        .first()
        .run()
    )
    if row is None:
        return None
    return CurrentUser(**row, parties=await party_keys(user_id))


async def party_keys(user_id: int) -> tuple[str, ...]:
    rows = (
        await UserParty.select(UserParty.party.key.as_alias("key"))
        .where(UserParty.user == user_id)
        .run()
    )
    return tuple(sorted(r["key"] for r in rows))
