"""Indexes for the documents' fingerprint: MAX(synced_at), MAX(withdrawn_at).

Status pages and "Aksi saya" ask on every request whether any document was
synced or withdrawn since they computed; without these indexes each asks by
reading the whole table, sources included (10 MB on dataset L).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-28T10:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "document fingerprint indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="agreements", description=DESCRIPTION)

    async def indexes():
        db = engine_finder()
        await db.run_ddl('CREATE INDEX document_synced_at ON "document" ("synced_at")')
        await db.run_ddl('CREATE INDEX document_withdrawn_at ON "document" ("withdrawn_at")')

    manager.add_raw(indexes)

    return manager
