"""The index Piccolo cannot declare, in raw SQL for both engines: a frozen
document (one whose bytes are kept) is issued once per kind, subject, version
and language. Two first downloads at once both render; one row is stored and
both serve its bytes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T21:36:47:000000"
VERSION = "1.38.0"
DESCRIPTION = "indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="verification", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for sql in (
            "CREATE UNIQUE INDEX issued_document_frozen "
            "ON issued_document (kind, subject, version, language) WHERE pdf IS NOT NULL",
        ):
            await engine.run_ddl(sql)

    manager.add_raw(indexes)

    return manager
