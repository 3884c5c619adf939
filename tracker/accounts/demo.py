"""Demo accounts for a first look: only on a fresh SQLite database, never on PostgreSQL."""

from __future__ import annotations

import secrets

from tracker import db
from tracker.accounts import users
from tracker.accounts.tables import User
from tracker.agreements.tables import Party

DEMO = (
    ("admin", "admin", [], "Admin Demo"),
    ("sekretariat-ntt", "secretariat", ["ntt"], "Sekretariat Pemprov NTT"),
    ("sekretariat-bali", "secretariat", ["bali"], "Sekretariat Pemprov Bali"),
    ("peninjau", "viewer", [], "Biro Pemerintahan Setda Provinsi Bali"),
    ("notulis", "notulis", [], "Notulis Rakor"),
)


async def create_demo_accounts() -> list[str]:
    """Create the demo accounts and return lines to print; nothing if unsuitable."""
    if not db.is_sqlite():
        return ["Demo accounts are only made for a SQLite demo database; use `tracker user add`."]
    if await User.count().run():
        return []
    known = {r["key"] for r in await Party.select(Party.key).run()}
    lines = ["Demo accounts (this fresh database only; passwords are random):"]
    for username, role, parties, name in DEMO:
        if any(p not in known for p in parties):
            continue
        password = secrets.token_urlsafe(9)
        await users.add_user(username, role, password, parties, name, actor="demo", address="local")
        lines.append(
            f"  {username:<17} {password:<14} {role}{' (' + ', '.join(parties) + ')' if parties else ''}"
        )
    return lines
