"""Indexes Piccolo cannot declare: the unique keys of planned messages, and the
sender's and the header count's lookups, in raw SQL for both engines."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T19:07:53:000000"
VERSION = "1.38.0"
DESCRIPTION = "indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="notifications", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for sql in (
            # Planning the same message twice stores it once.
            "CREATE UNIQUE INDEX outbox_key ON outbox (kind, subject_key, recipient, for_date)",
            "CREATE UNIQUE INDEX notification_key "
            "ON notification (kind, subject_key, recipient, for_date)",
            # What the sender claims next.
            "CREATE INDEX outbox_due ON outbox (status, next_attempt_at)",
            # A user's page and the unread count in the header.
            "CREATE INDEX notification_recipient ON notification (recipient, id)",
            "CREATE INDEX notification_unread ON notification (recipient) WHERE read_at IS NULL",
        ):
            await engine.run_ddl(sql)

    manager.add_raw(indexes)

    return manager
