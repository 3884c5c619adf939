"""Part keys are unique within their action: sync matches parts by key."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T22:36:14:000000"
VERSION = "1.38.0"
DESCRIPTION = "part indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="agreements", description=DESCRIPTION)

    async def indexes():
        await engine_finder().run_ddl('CREATE UNIQUE INDEX part_action_key ON "part" ("action", "key")')

    manager.add_raw(indexes)

    return manager
