"""Logging in and out; sessions and login limits kept in the database.

More than MAX_FAILURES failed logins for one account or from one address within
WINDOW are refused until the oldest of them is older than WINDOW, whatever the
password: guessing stops, and the message says when to try again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from tracker import db
from tracker.accounts import audit, users
from tracker.accounts.passwords import DUMMY_HASH, verify_password_async
from tracker.accounts.tables import AuditEntry, LoginAttempt, Session, User

SESSION_LIFETIME = dt.timedelta(days=14)
WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES = 5
KEEP_ATTEMPTS = dt.timedelta(days=30)


# Every request asks this: plain SQL, no query building, one statement.
SESSION_SQL = (
    'SELECT u."id" AS "id", u."username" AS "username", u."display_name" AS "display_name", '
    'u."role" AS "role", '
    # The count in the header (partial index notification_unread).
    '(SELECT COUNT(*) FROM "notification" n WHERE n."recipient" = u."id" AND n."read_at" IS NULL) AS "unread", '
    # A secretariat's parties, their keys (slugs: no commas) joined by commas.
    f"(SELECT {'group_concat' if db.is_sqlite() else 'string_agg'}(p.\"key\", ',') "
    'FROM "user_party" up JOIN "party" p ON p."id" = up."party" WHERE up."user" = u."id") AS "parties" '
    'FROM "login_session" s JOIN "tracker_user" u ON u."id" = s."user" '
    'WHERE s."token_hash" = {} AND s."expires_at" > {} AND u."disabled" = {}'
)


class LoginRefused(Exception):
    """Too many failed logins; `retry_at` says when the next attempt is allowed."""

    def __init__(self, retry_at: dt.datetime) -> None:
        super().__init__(f"too many failed logins; try again after {retry_at.isoformat()}")
        self.retry_at = retry_at


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _record_refusal(username: str, address: str, retry_at: dt.datetime) -> None:
    """Audit a login refused by a lockout, once per account, address and
    lockout: an admin sees that guessing went on (even with the right
    password), and a flood of guesses adds one entry, not one each."""
    already = await AuditEntry.exists().where(
        (AuditEntry.action == "login.refused")
        & (AuditEntry.target == username)
        & (AuditEntry.address == address)
        & (AuditEntry.at > retry_at - WINDOW)
    )
    if not already:
        await audit.record(
            "login.refused",
            username,
            user_id=None,
            username=username,
            address=address,
            detail={"until": retry_at.isoformat(timespec="seconds")},
        )


async def _refused_until(username: str, address: str) -> dt.datetime | None:
    since = _now() - WINDOW
    for column, value in ((LoginAttempt.username, username), (LoginAttempt.address, address)):
        failures = (
            await LoginAttempt.select(LoginAttempt.at)
            .where((column == value) & (LoginAttempt.success.eq(False)) & (LoginAttempt.at > since))
            .order_by(LoginAttempt.at, ascending=False)
            .limit(MAX_FAILURES)
            .run()
        )
        if len(failures) >= MAX_FAILURES:
            return failures[-1]["at"] + WINDOW
    return None


async def login(username: str, password: str, address: str) -> tuple[str, users.CurrentUser] | None:
    """A new session token and its user, or None for a wrong name or password.

    Raises LoginRefused while the account or the address is locked out. The
    attempt is recorded as failed *before* the password is checked (and marked
    successful after), so parallel guesses count at once.
    """
    username = username.strip().lower()[:64]
    async with db.writing():
        # On PostgreSQL, parallel attempts must see each other's rows: queue them.
        await db.serialize_writers(f"login-user:{username}")
        await db.serialize_writers(f"login-address:{address}")
        now = _now()
        retry_at = await _refused_until(username, address)
        if retry_at is not None:
            await _record_refusal(username, address, retry_at)
        else:
            rows = await LoginAttempt.insert(
                LoginAttempt(username=username, address=address, at=now, success=False)
            ).run()
            attempt_id = rows[0]["id"]
        user = (
            await User.select(User.id, User.password_hash)
            .where((User.username == username) & (User.disabled.eq(False)))
            .first()
            .run()
        )
    if retry_at:
        raise LoginRefused(retry_at)
    ok = await verify_password_async(password, user["password_hash"] if user else DUMMY_HASH)
    ok = ok and user is not None
    token = secrets.token_urlsafe(32)
    async with db.writing():
        now = _now()
        # Keep the tables small: what is past its use goes (no history lives here).
        await Session.delete().where(Session.expires_at < now).run()
        await LoginAttempt.delete().where(LoginAttempt.at < now - KEEP_ATTEMPTS).run()
        if ok:
            await (
                LoginAttempt.update({LoginAttempt.success: True})
                .where(LoginAttempt.id == attempt_id)
                .run()
            )
            await Session.insert(
                Session(
                    token_hash=token_hash(token),
                    user=user["id"],
                    created_at=now,
                    expires_at=now + SESSION_LIFETIME,
                    address=address,
                )
            ).run()
        await audit.record(
            "login" if ok else "login.failed",
            username,
            user_id=user["id"] if ok else None,
            username=username,
            address=address,
        )
    if not ok:
        return None
    return token, await users.load(user["id"])


async def user_for_token(token: str | None) -> users.CurrentUser | None:
    """The user of a live session, or None (expired, logged out, disabled)."""
    if not token:
        return None
    rows = await Session.raw(SESSION_SQL, *session_args(token)).run()
    return user_from_row(rows[0] if rows else None)


def session_args(token: str) -> tuple:
    """The values of SESSION_SQL's placeholders for this token, now."""
    return token_hash(token), _now(), False


def user_from_row(row: dict | None) -> users.CurrentUser | None:
    """The user of a SESSION_SQL row (None, or an id of None: no live session)."""
    if not row or row["id"] is None:
        return None
    keys = row["parties"] if row["role"] == users.SECRETARIAT else None
    parties = tuple(sorted(keys.split(","))) if keys else ()
    return users.CurrentUser(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=row["role"],
        unread=row["unread"],
        parties=parties,
    )


async def logout(token: str, user: users.CurrentUser, address: str) -> None:
    async with db.writing():
        await Session.delete().where(Session.token_hash == token_hash(token)).run()
        await audit.record(
            "logout", user.username, user_id=user.id, username=user.username, address=address
        )
