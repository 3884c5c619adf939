"""Indexes Piccolo cannot declare: composite ones, in raw SQL for both engines."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-28T08:04:29:000000"
VERSION = "1.38.0"
DESCRIPTION = "indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="progress", description=DESCRIPTION)

    async def latest_update_index():
        # "The latest update of each action" is the hot query of every page.
        # On SQLite the index on "action" already ends with the rowid (= id).
        engine = engine_finder()
        if engine.engine_type != "sqlite":
            await engine.run_ddl('CREATE INDEX update_action_id ON "update" ("action", "id")')

    manager.add_raw(latest_update_index)

    return manager
