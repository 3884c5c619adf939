"""Notifications decided by someone's action rather than by the daily plan.

When a notulis submits minutes, or a chair returns or approves them, the other
side is told at once: a row on their Notifikasi page and, if they have an
address and want that kind of mail, a row in the outbox (sent by the next
notify run, as every other mail). Both are written inside the caller's write
transaction, so the notice exists if and only if the step it tells of does.
The rows' unique keys (kind, subject, recipient, date) make a repeat harmless.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from tracker import i18n
from tracker.accounts.secrets import shared_secret
from tracker.notifications import compose
from tracker.notifications.profile import Profile, category, load, unsubscribe_token
from tracker.notifications.tables import PENDING, Notification, Outbox
from tracker.settings import Settings

Compose = Callable[[Profile, str, str], compose.Content]  # (user, unsubscribe url, base url)


async def notify_now(kind: str, subject_key: str, recipient_id: int, build: Compose) -> bool:
    """Tell one user now; False if they have no (active) account to tell."""
    user = await load(recipient_id)
    if user is None:
        return False
    base = Settings.from_env().base_url or compose.FALLBACK_BASE_URL
    token = unsubscribe_token(await shared_secret(), user.user_id, category(kind))
    content = build(user, f"{base}/berhenti/{token}", base)
    now = dt.datetime.now(dt.UTC)
    today = now.astimezone(i18n.WITA).date()
    await (
        Notification.insert(
            Notification(
                recipient=user.user_id,
                kind=kind,
                subject_key=subject_key,
                for_date=today,
                title=content.title,
                body=content.summary,
                link=content.link,
                created_at=now,
            )
        )
        .on_conflict(action="DO NOTHING")
        .run()
    )
    if user.email and user.wants(category(kind)):
        await (
            Outbox.insert(
                Outbox(
                    kind=kind,
                    subject_key=subject_key,
                    recipient=user.user_id,
                    for_date=today,
                    to_address=user.email,
                    language=user.language,
                    subject=content.subject,
                    body_text=content.text,
                    body_html=content.html,
                    unsubscribe_url=content.unsubscribe_url,
                    status=PENDING,
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
            .on_conflict(action="DO NOTHING")
            .run()
        )
    return True
