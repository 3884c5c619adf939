"""Indexes Piccolo cannot declare: composite ones, in raw SQL for both engines."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-28T08:02:48:900000"
VERSION = "1.38.0"
DESCRIPTION = "indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="agreements", description=DESCRIPTION)

    async def unique_indexes():
        # Piccolo's constraint DDL does not run on SQLite; these run on both.
        db = engine_finder()
        await db.run_ddl(
            'CREATE UNIQUE INDEX commitment_document_slug ON "commitment" ("document", "slug")'
        )
        await db.run_ddl(
            'CREATE UNIQUE INDEX action_document_code ON "action" ("document", "code")'
        )
        await db.run_ddl(
            'CREATE UNIQUE INDEX action_party_unique ON "action_party" ("action", "party", "role")'
        )

    manager.add_raw(unique_indexes)

    return manager
