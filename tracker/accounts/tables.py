"""Who may do what: users and their parties, sessions, login attempts, the audit log.

Sessions and login attempts live in the database, not in a process's memory,
so they survive restarts and are shared by every worker and every server that
uses the same database.
"""

from piccolo.columns import JSON, Boolean, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from tracker.agreements.tables import Party
from tracker.db import DB


class User(Table, tablename="tracker_user", db=DB):
    """A person with a login; `role` is admin, secretariat, viewer or notulis."""

    username = Varchar(length=64, unique=True)
    display_name = Text()
    role = Varchar(length=16)
    password_hash = Text()
    disabled = Boolean(default=False)
    created_at = Timestamptz()
    # Notification profile: where mail goes (empty: none), in which language,
    # and the kinds chosen or refused (JSON {"digest": true, ...}; absent: the
    # role's default, see tracker/notifications/profile.py).
    email = Varchar(length=254, default="")
    language = Varchar(length=8, default="id")
    notify_choices = Text(default="{}")


class UserParty(Table, db=DB):
    """The parties a secretariat account acts for."""

    user = ForeignKey(User, index=True)
    party = ForeignKey(Party, index=True)


class Session(Table, tablename="login_session", db=DB):
    """A logged-in browser; the cookie holds a token, the table only its hash."""

    token_hash = Varchar(length=64, unique=True)
    user = ForeignKey(User, index=True)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    address = Varchar(length=64)


class LoginAttempt(Table, db=DB):
    """Every login attempt, for limiting guessing per account and per address."""

    username = Varchar(length=64, index=True)
    address = Varchar(length=64, index=True)
    at = Timestamptz(index=True)
    success = Boolean()


class AuditEntry(Table, db=DB):
    """One write: who, when, what, from which address. Append-only."""

    at = Timestamptz(index=True)
    user = ForeignKey(User, null=True, default=None, on_delete=OnDelete.restrict)
    username = Varchar(length=64)
    address = Varchar(length=64)
    action = Varchar(length=32)
    target = Text()
    detail = JSON()


class Setting(Table, db=DB):
    """Values every server must share, such as the secret that signs CSRF tokens."""

    key = Varchar(length=64, unique=True)
    value = Text()


class Submission(Table, db=DB):
    """A write form's one-time key and what its first submission produced.

    Stored in the same transaction as the write, so a form sent again (a double
    tap on a slow link, a browser retry after a dropped connection) finds its key
    and returns the first result instead of storing the same report twice.
    """

    key = Varchar(length=64, unique=True)
    user = ForeignKey(User, index=True, on_delete=OnDelete.cascade)
    result = Text()
    created_at = Timestamptz(index=True)
