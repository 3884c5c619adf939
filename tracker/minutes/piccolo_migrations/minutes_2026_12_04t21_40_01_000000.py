"""The unique (meeting, step) index of `minutes_submission`, in raw SQL for both
engines: one step of a meeting's approval can never be stored twice, whatever
two tabs or two servers do at once."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T21:40:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "minutes approval indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="minutes", description=DESCRIPTION)

    async def unique_step():
        await engine_finder().run_ddl(
            'CREATE UNIQUE INDEX minutes_submission_step ON "minutes_submission" ("meeting", "step")'
        )

    manager.add_raw(unique_step)
    return manager
