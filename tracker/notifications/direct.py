"""Notifications decided by someone's action rather than by the daily plan.

When a notulis submits minutes, or a chair returns or approves them, the other
side is told at once: a row on their Notifikasi page and, if they have an
address and want that kind of mail, a row in the outbox (sent by the next
notify run, as every other mail), written by `store` inside the caller's write
transaction, so the notice exists if and only if the step it tells of does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from tracker import i18n
from tracker.accounts.secrets import shared_secret
from tracker.notifications import compose
from tracker.notifications.profile import Profile, category, load, unsubscribe_token
from tracker.notifications.store import Message, store
from tracker.settings import Settings

Compose = Callable[[Profile, str, str], compose.Content]  # (user, unsubscribe url, base url)


async def notify_now(kind: str, subject_key: str, recipient_id: int, build: Compose) -> bool:
    """Tell one user now; False if they have no (active) account to tell."""
    user = await load(recipient_id)
    if user is None:
        return False
    base = Settings.from_env().base_url or compose.FALLBACK_BASE_URL
    token = unsubscribe_token(await shared_secret(), user.user_id, category(kind))
    unsubscribe_url = f"{base}/berhenti/{token}"

    def recompose(person: Profile) -> compose.Content:
        return build(person, unsubscribe_url, base)

    today = dt.datetime.now(dt.UTC).astimezone(i18n.WITA).date()
    await store([Message(kind, subject_key, user, today, recompose(user), recompose=recompose)])
    return True
