"""Status spans kept by the database itself: a trigger on `update`, the spans of
the updates already stored, and the indexes of the two questions asked of them
(the open span of an action's part; the spans open at a moment)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T00:46:50:000000"
VERSION = "1.38.0"
DESCRIPTION = "status span trigger"

COLUMNS = "action, part, update_id, status, percent, value, started_at, ended_at"
SAME_KEY = "action = NEW.action AND ended_at IS NULL AND {same_part}"

SQLITE_TRIGGER = f"""
CREATE TRIGGER update_status_span AFTER INSERT ON "update"
BEGIN
  UPDATE status_span SET ended_at = NEW.created_at
   WHERE {SAME_KEY.format(same_part="part IS NEW.part")};
  INSERT INTO status_span ({COLUMNS})
  VALUES (NEW.action, NEW.part, NEW.id, NEW.status, NEW.percent, NEW.value, NEW.created_at, NULL);
END
"""

# Updates are never edited by the tracker; a hand-made correction in the
# database (a back-dated import, a test) still moves its span and ends the one
# before it at the new time.
EDIT_SPAN = (
    "UPDATE status_span SET started_at = NEW.created_at, status = NEW.status, "
    "percent = NEW.percent, value = NEW.value WHERE update_id = NEW.id"
)
EDIT_PREVIOUS = (
    "UPDATE status_span SET ended_at = NEW.created_at WHERE update_id = "
    '(SELECT MAX(id) FROM "update" WHERE action = NEW.action AND {same_part} AND id < NEW.id)'
)
SQLITE_EDIT_TRIGGER = f"""
CREATE TRIGGER update_status_span_edit
AFTER UPDATE OF created_at, status, percent, value ON "update"
BEGIN
  {EDIT_SPAN};
  {EDIT_PREVIOUS.format(same_part="part IS NEW.part")};
END
"""
POSTGRES_EDIT_FUNCTION = f"""
CREATE FUNCTION update_status_span_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {EDIT_SPAN};
  {EDIT_PREVIOUS.format(same_part="part IS NOT DISTINCT FROM NEW.part")};
  RETURN NULL;
END
$$
"""
POSTGRES_EDIT_TRIGGER = (
    "CREATE TRIGGER update_status_span_edit "
    'AFTER UPDATE OF created_at, status, percent, value ON "update" '
    "FOR EACH ROW EXECUTE FUNCTION update_status_span_edit()"
)

POSTGRES_FUNCTION = f"""
CREATE FUNCTION update_status_span() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE status_span SET ended_at = NEW.created_at
   WHERE {SAME_KEY.format(same_part="part IS NOT DISTINCT FROM NEW.part")};
  INSERT INTO status_span ({COLUMNS})
  VALUES (NEW.action, NEW.part, NEW.id, NEW.status, NEW.percent, NEW.value, NEW.created_at, NULL);
  RETURN NULL;
END
$$
"""
POSTGRES_TRIGGER = (
    'CREATE TRIGGER update_status_span AFTER INSERT ON "update" '
    "FOR EACH ROW EXECUTE FUNCTION update_status_span()"
)

# Each stored update's span ends where the next update of its action and part
# begins (by id: the order updates were written in).
BACKFILL = f"""
INSERT INTO status_span ({COLUMNS})
SELECT action, part, id, status, percent, value, created_at,
       LEAD(created_at) OVER (PARTITION BY action, part ORDER BY id)
FROM "update"
"""

INDEXES = (
    "CREATE INDEX status_span_open ON status_span (action, part) WHERE ended_at IS NULL",
    "CREATE INDEX status_span_ended ON status_span (ended_at, started_at)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="progress", description=DESCRIPTION)

    async def spans():
        engine = engine_finder()
        if engine.engine_type != "sqlite":
            # A server still taking posts while this runs would write updates
            # the backfill does not see and no trigger yet catches: hold them
            # until the triggers exist (the migration's transaction ends).
            # SQLite's write lock, held by the migration, already does.
            await engine.run_ddl('LOCK TABLE "update" IN SHARE ROW EXCLUSIVE MODE')
        await engine.run_ddl("DELETE FROM status_span")
        await engine.run_ddl(BACKFILL)
        for sql in INDEXES:
            await engine.run_ddl(sql)
        if engine.engine_type == "sqlite":
            await engine.run_ddl(SQLITE_TRIGGER)
            await engine.run_ddl(SQLITE_EDIT_TRIGGER)
        else:
            for sql in (
                POSTGRES_FUNCTION,
                POSTGRES_TRIGGER,
                POSTGRES_EDIT_FUNCTION,
                POSTGRES_EDIT_TRIGGER,
            ):
                await engine.run_ddl(sql)

    manager.add_raw(spans)

    return manager
