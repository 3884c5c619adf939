"""Indexes Piccolo cannot declare: composite ones, in raw SQL for both engines."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-28T10:30:12:000000"
VERSION = "1.38.0"
DESCRIPTION = "indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="minutes", description=DESCRIPTION)

    async def unique_indexes():
        db = engine_finder()
        await db.run_ddl(
            'CREATE UNIQUE INDEX minutes_version_unique ON "minutes_version" ("meeting", "version")'
        )
        await db.run_ddl('CREATE UNIQUE INDEX follow_up_code ON "follow_up" ("meeting", "code")')

    manager.add_raw(unique_indexes)

    return manager
