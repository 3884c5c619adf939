"""One-time submission keys: a form sent twice is stored once.

Every write form carries a random key. The write claims it in its own
transaction, after doing its work and just before committing: if the key was
claimed already (the same form sent again, or retried by the browser after a
dropped connection), `AlreadySubmitted` rolls the second write back and names
what the first one produced. If the first write never committed (a worker
killed mid-post), its key was never stored and the retry is stored normally.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker import db
from tracker.accounts.tables import Submission

KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class AlreadySubmitted(Exception):
    """The form was stored before; `result` says what it produced (or None if
    the key belongs to another user's submission)."""

    def __init__(self, result: str | None) -> None:
        super().__init__(result or "")
        self.result = result


def usable(key: str | None) -> str | None:
    """The key if it looks like one we issue; a form without one is not deduplicated."""
    return key if key and KEY_RE.match(key) else None


async def check(key: str | None, user_id: int) -> None:
    """Raise `AlreadySubmitted` if this key was stored; call it first in the write's
    transaction, so a repeat is answered before it is validated again (a repeat
    would otherwise be refused as "a newer update arrived", its own first copy)."""
    key = usable(key)
    if key is None:
        return
    first = (
        await Submission.select(Submission.result, Submission.user)
        .where(Submission.key == key)
        .first()
        .run()
    )
    if first is not None:
        raise AlreadySubmitted(first["result"] if first["user"] == user_id else None)


async def claim(key: str | None, user_id: int, result: str) -> None:
    """Record `key` for this write, inside the caller's write transaction."""
    key = usable(key)
    if key is None:
        return
    inserted = (
        await Submission.insert(
            Submission(key=key, user=user_id, result=result, created_at=dt.datetime.now(dt.UTC))
        )
        .on_conflict(action="DO NOTHING")
        .returning(Submission.id)
        .run()
    )
    if not inserted:  # stored meanwhile by a write that did not take our lock
        await check(key, user_id)
        raise AlreadySubmitted(None)


async def claim_first(key: str | None, user_id: int, result: str) -> None:
    """Claim `key` in a transaction of its own, before a write made of several
    transactions (the meeting page's one form saves fields, then adds entries):
    a repeat raises `AlreadySubmitted` at once. If the first request died midway,
    what it saved stays saved and the repeat is not applied again."""
    async with db.writing():
        await check(key, user_id)
        await claim(key, user_id, result)


async def release(key: str | None, user_id: int) -> None:
    """Give back a key claimed by `claim_first` when the form was refused: the
    corrected form may be sent with it."""
    key = usable(key)
    if key is None:
        return
    async with db.writing():
        await (
            Submission.delete().where((Submission.key == key) & (Submission.user == user_id)).run()
        )
