"""A new database made from the schema snapshot has the very schema the
migrations build (tracker/snapshot.py), on the engine under test."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import DATABASE_URL, ROOT, drop_copies

from tracker import db, snapshot


def tracker(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DATABASE": url}
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done


def schema_and_migrations(url: str) -> tuple[str, list[str]]:
    header, _, script = snapshot.dump(url).partition("\n")
    return script, sorted(header.removeprefix(snapshot.HEADER).split())


def test_a_new_database_from_the_snapshot_has_the_migrations_schema(fresh_database, tmp_path):
    """`tracker sync` on a new database makes it from the snapshot (then
    applies any newer migration); `tracker migrate` on another runs every
    migration: the two schemas and their recorded migrations are the same."""
    made = fresh_database
    (tmp_path / "empty").mkdir()
    tracker(made, "sync", str(tmp_path / "empty"))
    if db.is_sqlite_url(DATABASE_URL):
        migrated = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    else:
        migrated = DATABASE_URL  # the suite's own database: every migration, run by conftest
        drop_copies()  # (the tables tests are seeded from, kept beside its own)
    if db.is_sqlite_url(migrated):
        tracker(migrated, "migrate")
    made_schema, made_migrations = schema_and_migrations(made)
    migrated_schema, migrated_migrations = schema_and_migrations(migrated)
    in_snapshot = {f"{app}/{name}" for app, name in snapshot.read(db.is_sqlite_url(made))[0]}
    assert in_snapshot <= set(made_migrations)  # newer migrations run on top of it
    assert made_migrations == migrated_migrations
    assert made_schema == migrated_schema


def test_a_database_with_tables_is_never_made_from_the_snapshot(fresh_database):
    """Anything already in the database: the snapshot is not run (migrate instead)."""
    url = fresh_database
    tracker(url, "migrate")
    sqlite = db.is_sqlite_url(url)
    where = str(db.sqlite_path(url)) if sqlite else url
    assert db_run(snapshot.create(sqlite, where)) is None


def test_the_snapshot_files_are_whole_statements():
    """Each file: the header naming its migrations, then statements only (no
    psql commands, no session settings such as an empty search_path)."""
    for sqlite in (True, False):
        migrations, script = snapshot.read(sqlite)
        assert {name for _, name in migrations} <= set(db.all_migration_ids())
        assert len(migrations) >= 25
        assert not any(line.startswith(("\\", "SET ", "--")) for line in script.splitlines())
        assert "set_config" not in script
    assert len(snapshot._statements(snapshot.read(True)[1])) > 50
    assert (ROOT / "scripts" / "snapshot").exists()


def db_run(coro):
    from conftest import run

    return run(coro)
