"""The latest update of each part: an index on (part, id), as for actions."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T22:36:14:000000"
VERSION = "1.38.0"
DESCRIPTION = "update part index"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="progress", description=DESCRIPTION)

    async def indexes():
        await engine_finder().run_ddl('CREATE INDEX update_part_id ON "update" ("part", "id")')

    manager.add_raw(indexes)

    return manager
