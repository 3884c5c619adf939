"""Secrets every server must share, kept in the database (table `setting`)."""

from __future__ import annotations

import os
import secrets as random

from tracker import db
from tracker.accounts.tables import Setting

CSRF_SECRET = "csrf_secret"


async def shared_secret() -> str:
    """TRACKER_SECRET if set, else the stored secret, created on first use."""
    if os.environ.get("TRACKER_SECRET"):
        return os.environ["TRACKER_SECRET"]
    async with db.writing():
        row = await Setting.select(Setting.value).where(Setting.key == CSRF_SECRET).first().run()
        if row:
            return row["value"]
        value = random.token_hex(32)
        await Setting.insert(Setting(key=CSRF_SECRET, value=value)).run()
        return value
