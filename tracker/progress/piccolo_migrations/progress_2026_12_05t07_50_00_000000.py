"""The status span triggers use their index on PostgreSQL, whatever the
statistics say.

Each trigger finds the open span of the update's action (and part), which the
partial index `status_span_open` answers at once. But PostgreSQL plans a
trigger's statements from the table's statistics, and a table that was empty
when they were last gathered looks too small for an index: a bulk insert into
a fresh database (a first CSV import, the benchmark's 100,000 updates) then
scanned the whole, growing table for every row. That load took about six
minutes; with the index, five seconds. SQLite's planner uses the index
without statistics: nothing to do there.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T07:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "status span triggers always use their index"

FUNCTIONS = ("update_status_span()", "update_status_span_edit()")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="progress", description=DESCRIPTION)

    async def use_the_index():
        engine = engine_finder()
        if engine.engine_type == "sqlite":
            return
        for function in FUNCTIONS:
            await engine.run_ddl(f"ALTER FUNCTION {function} SET enable_seqscan = off")

    manager.add_raw(use_the_index)

    return manager
