"""A new database's tables made from one script, not from every migration.

Running the migrations of a new database, one after the other through
Piccolo's machinery, took half a second of a first `tracker sync` on
PostgreSQL (more than parsing the agreements). `snapshots/<engine>.sql` holds
the schema the migrations build, dumped from a database they built, and the
ids of the migrations it holds (its first line). `db.ensure_migrated` runs it,
in one transaction, on a database without tables, records those migrations
as applied, then applies any newer migration the usual way; a database that
has tables is only ever migrated. `tests/test_snapshot.py` checks, on both
engines, that a database made this way has the very schema of one made by
the migrations.

After adding a migration, `scripts/snapshot` writes both files again (it is
optional: a newer migration runs on top of the snapshot).

    python -m tracker.snapshot dump URL    prints the schema of a migrated database
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

FOLDER = Path(__file__).with_name("snapshots")
HEADER = "-- migrations: "


def file_for(sqlite: bool) -> Path:
    return FOLDER / ("sqlite.sql" if sqlite else "postgresql.sql")


def read(sqlite: bool) -> tuple[list[tuple[str, str]], str] | None:
    """The snapshot's migrations (app, id) and its script; None if there is none."""
    path = file_for(sqlite)
    if not path.exists():
        return None
    first, _, script = path.read_text(encoding="utf-8").partition("\n")
    if not first.startswith(HEADER):
        return None
    names = first.removeprefix(HEADER).split()
    if not all(re.fullmatch(r"[a-z_]+/[\w:.-]+", n) for n in names):
        raise ValueError(f"{path}: a migration in its first line is not app/id")
    migrations = [tuple(n.split("/", 1)) for n in names]
    return [(app, name) for app, name in migrations], script


async def create(sqlite: bool, where: str) -> list[str] | None:
    """Make the tables of a database that has none from the snapshot, and record
    its migrations; the ids recorded, or None (no snapshot, or tables exist).
    `where`: the SQLite file's path, or the PostgreSQL URL."""
    found = read(sqlite)
    if found is None:
        return None
    migrations, script = found
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    rows = ",\n".join(f"('{name}', '{app}', '{now}')" for app, name in migrations)
    record = f'INSERT INTO "migration" ("name", "app_name", "ran_on") VALUES\n{rows};\n'
    if sqlite:
        made = _create_sqlite(where, script + record)
    else:
        made = await _create_postgresql(where, script + record)
    return [name for _, name in migrations] if made else None


def _create_sqlite(path: str, script: str) -> bool:
    """The script's statements in one transaction (not `executescript`, which
    commits first and then runs each statement on its own)."""
    from tracker.db import BUSY_TIMEOUT_S

    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute("BEGIN IMMEDIATE")  # no other writer makes tables meanwhile
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            conn.execute("ROLLBACK")
            return False
        try:
            for statement in _statements(script):
                conn.execute(statement)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.close()
    return True


def _statements(script: str) -> list[str]:
    """A script's statements, whole (a trigger's body holds semicolons too)."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"the snapshot ends inside a statement: {current[:80]!r}")
    return found


async def _create_postgresql(dsn: str, script: str) -> bool:
    import asyncpg

    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            # One maker at a time (another `tracker` starting on the same new database).
            await conn.execute("SELECT pg_advisory_xact_lock(7266521)")
            schema = await conn.fetchval("SELECT current_schema()")
            tables = await conn.fetchval(
                "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = 'public') + "
                "(SELECT count(*) FROM pg_proc p JOIN pg_namespace n "
                "ON n.oid = p.pronamespace WHERE n.nspname = 'public')"
            )
            if schema != "public" or tables:
                return False  # the script names `public`; anything in it: migrate instead
            await conn.execute(script)
    finally:
        await conn.close()
    return True


# ------------------------------------------------------------------ dumping


def dump(url: str) -> str:
    """The schema of a migrated database as a snapshot file (header, script)."""
    from tracker import db

    if db.is_sqlite_url(url):
        with sqlite3.connect(db.sqlite_path(url)) as conn:
            statements = [
                row[0]
                for row in conn.execute(
                    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
                )
            ]
            applied = conn.execute('SELECT app_name, name FROM "migration" ORDER BY id').fetchall()
        script = "".join(f"{s};\n" for s in statements)
    else:
        script = _pg_dump(url)
        applied = asyncio.run(_pg_applied(url))
    header = HEADER + " ".join(f"{app}/{name}" for app, name in applied)
    return f"{header}\n{script}"


def _pg_dump(url: str) -> str:
    """`pg_dump --schema-only` without what only psql understands or what would
    change the session (search_path, settings): the statements alone."""
    out = subprocess.run(
        ["pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--no-comments", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    kept = [
        line
        for line in out.splitlines()
        if not re.match(r"(--|\\|SET |SELECT pg_catalog\.set_config)", line)
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip() + "\n"


async def _pg_applied(url: str) -> list[tuple[str, str]]:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch('SELECT app_name, name FROM "migration" ORDER BY id')
    finally:
        await conn.close()
    return [(r["app_name"], r["name"]) for r in rows]


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "dump":
        sys.exit("usage: python -m tracker.snapshot dump DATABASE_URL")
    sys.stdout.write(dump(sys.argv[2]))
