"""Unique keys for Rakor mail: a message to an address without an account is
stored once, and an address turns a kind off once."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T21:35:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "rakor mail keys"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="notifications", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for sql in (
            # outbox_key has the recipient; NULLs never collide, so address-only
            # messages get a key of their own.
            "CREATE UNIQUE INDEX outbox_address_key "
            "ON outbox (kind, subject_key, to_address, for_date) WHERE recipient IS NULL",
            "CREATE UNIQUE INDEX opt_out_key ON opt_out (address, choice)",
            "CREATE INDEX rakor_invitation_meeting ON rakor_invitation (meeting_id, id)",
        ):
            await engine.run_ddl(sql)

    manager.add_raw(indexes)

    return manager
