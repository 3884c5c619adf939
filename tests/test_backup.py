"""`tracker backup` and `tracker restore`, as an operator runs them: under load,
into a fresh database, compared table by table and evidence file by file."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from conftest import DATABASE_URL, PASSWORD, ROOT, SEED_DIR, serve

from tracker import db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
IS_SQLITE = db.is_sqlite_url(DATABASE_URL)


def tracker(*args: str, url: str = DATABASE_URL) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DATABASE": url, "TRACKER_AGREEMENTS": str(SEED_DIR)}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order, as plain values."""

    async def read() -> dict[str, list[tuple]]:
        engine = db.engine_from_url(url)
        if db.is_sqlite_url(url):
            names = await engine.run_ddl(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        else:
            names = await engine.run_ddl(
                "SELECT table_name AS name FROM information_schema.tables "
                "WHERE table_schema = 'public' ORDER BY table_name"
            )
        tables = {}
        for row in names:
            found = await engine.run_ddl(f'SELECT * FROM "{row["name"]}"')
            tables[row["name"]] = sorted(
                (tuple((k, _plain(v)) for k, v in sorted(r.items())) for r in found), key=repr
            )
        return tables

    return asyncio.run(read())


def _plain(value):
    return bytes(value) if isinstance(value, (bytes, bytearray, memoryview)) else str(value)


def evidence_hashes(url: str) -> dict[str, str]:
    """sha256 column -> the hash of the stored bytes, for every evidence file."""
    tables = dump(url)
    return {
        dict(row)["sha256"]: hashlib.sha256(dict(row)["data"]).hexdigest()
        for row in tables["evidence_file"]
    }


def post_with_evidence(base_url: str, count: int, stop: threading.Event, posted: list) -> None:
    with httpx.Client(base_url=base_url, timeout=60) as http:
        http.get("/login")
        http.post(
            "/login",
            data={
                "username": "ntt",
                "password": PASSWORD,
                "_csrf_token": http.cookies["csrftoken"],
            },
        )
        token = http.cookies["csrftoken"]
        for n in range(count):
            if stop.is_set():
                break
            response = http.post(
                "/d/harmoni-bali-ntt/PM-01/updates",
                data={
                    "_csrf_token": token,
                    "status": "in_progress",
                    "percent": str(n % 100),
                    "note": f"laporan {n}",
                    "confirm": "1",
                },
                files={"files": (f"bukti-{n}.png", PNG + n.to_bytes(4, "big"), "image/png")},
            )
            posted.append(response.status_code)


def test_backup_under_load_restores_every_table_and_evidence_file(
    accounts, tmp_path, fresh_database
):
    server = serve(workers=2)
    base_url = next(server)
    posted: list[int] = []
    stop = threading.Event()
    load = threading.Thread(target=post_with_evidence, args=(base_url, 400, stop, posted))
    try:
        load.start()
        while len(posted) < 20:  # the load is really on
            load.join(0.05)
        during = tracker("backup", str(tmp_path / "during.backup"))
        assert during.returncode == 0, during.stderr
        stop.set()
        load.join()
        # A restore is refused while the server runs, and changes nothing.
        before = dump(DATABASE_URL)
        refused = tracker("restore", str(tmp_path / "during.backup"))
        assert refused.returncode == 1
        assert "server" in refused.stderr and "stop it" in refused.stderr
        assert dump(DATABASE_URL) == before
        after = tracker("backup", str(tmp_path / "after.backup"))
        assert after.returncode == 0, after.stderr
    finally:
        stop.set()
        server.close()
    assert set(posted) == {303}

    # The quiet backup restores to exactly what the database holds.
    restored = tracker("restore", str(tmp_path / "after.backup"), url=fresh_database)
    assert restored.returncode == 0, restored.stderr
    live = dump(DATABASE_URL)
    assert dump(fresh_database) == live
    assert len(live["update"]) == len(posted) + 0  # the seed has no updates
    hashes = evidence_hashes(fresh_database)
    assert len(hashes) == len(posted) and all(k == v for k, v in hashes.items())

    # The backup taken mid-load is a consistent earlier state: a prefix of the
    # updates, each with its evidence, every file intact.
    again = tracker("restore", str(tmp_path / "during.backup"), url=fresh_database)
    assert again.returncode == 0, again.stderr
    snapshot = dump(fresh_database)
    assert 20 <= len(snapshot["update"]) <= len(live["update"])
    assert set(snapshot["update"]) <= set(live["update"])
    assert len(snapshot["evidence"]) == len(snapshot["update"])
    hashes = evidence_hashes(fresh_database)
    assert len(hashes) == len(snapshot["update"]) and all(k == v for k, v in hashes.items())


def test_a_restore_is_never_shadowed_by_an_old_wal_file(accounts, tmp_path):
    """Seen: a backup copied over the database, an old -wal beside it replayed
    updates the backup did not hold. A restore goes through SQLite (or
    pg_restore in one transaction), so the result is exactly the backup."""
    backup = tmp_path / "quiet.backup"
    assert tracker("backup", str(backup)).returncode == 0
    expected = dump(DATABASE_URL)
    add_updates_behind_the_backups_back(50)
    assert dump(DATABASE_URL) != expected
    result = tracker("restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert dump(DATABASE_URL) == expected
    if IS_SQLITE:
        conn = sqlite3.connect(db.sqlite_path(DATABASE_URL))
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute('SELECT count(*) FROM "update"').fetchone()[0] == 0
        conn.close()


def add_updates_behind_the_backups_back(count: int) -> None:
    """On SQLite, a writer that leaves its updates in the -wal, never checkpointed."""
    insert = (
        'INSERT INTO "update" (action, status, percent, note, source, created_at) '
        "VALUES ({action}, 'in_progress', {n}, 'tidak ada di cadangan', 'web', "
        "'2026-12-01 00:00:00+00:00')"
    )
    if not IS_SQLITE:
        engine = db.engine_from_url(DATABASE_URL)

        async def write() -> None:
            action = (await engine.run_ddl("SELECT min(id) AS id FROM action"))[0]["id"]
            for n in range(count):
                await engine.run_ddl(insert.format(action=action, n=n))

        asyncio.run(write())
        return
    database = db.sqlite_path(DATABASE_URL)
    holder = sqlite3.connect(database)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    action = holder.execute("SELECT min(id) FROM action").fetchone()[0]
    for n in range(count):
        holder.execute(insert.format(action=action, n=n))
        holder.commit()
    assert Path(f"{database}-wal").stat().st_size > 0
    holder.close()


def test_bad_backup_commands_say_what_is_wrong(seeded, tmp_path):
    target = tmp_path / "ada.backup"
    target.write_text("sudah ada")
    exists = tracker("backup", str(target))
    assert exists.returncode == 1 and "already exists" in exists.stderr
    assert target.read_text() == "sudah ada"
    missing = tracker("restore", str(tmp_path / "tidak-ada.backup"))
    assert missing.returncode == 1 and "is not a file" in missing.stderr
    junk = tmp_path / "sampah.backup"
    junk.write_bytes(b"bukan cadangan")
    before = dump(DATABASE_URL)
    refused = tracker("restore", str(junk))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert dump(DATABASE_URL) == before


def test_a_failed_migration_leaves_no_half_migrated_database(fresh_database):
    """`tracker migrate` on PostgreSQL applies every pending migration in one
    transaction: when one fails, the database is left as it was. (SQLite
    commits migration by migration: those before the failure stay, recorded.)
    The failure here is real: a table already stands where a late migration
    creates its own."""

    async def in_the_way():
        engine = db.engine_from_url(fresh_database)
        await engine.run_ddl('CREATE TABLE "status_span" ("note" TEXT)')
        names = (
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            if db.is_sqlite_url(fresh_database)
            else "SELECT table_name AS name FROM information_schema.tables "
            "WHERE table_schema = 'public'"
        )
        return engine, names

    engine, names = asyncio.run(in_the_way())
    failed = tracker("migrate", url=fresh_database)
    assert failed.returncode != 0
    assert "status_span" in failed.stderr
    tables = {row["name"] for row in asyncio.run(engine.run_ddl(names))}
    if IS_SQLITE:
        assert {"document", "update", "migration"} <= tables
    else:
        assert tables == {"status_span"}, tables  # nothing of the 44 migrations stayed
    asyncio.run(engine.run_ddl('DROP TABLE "status_span"'))
    again = tracker("migrate", url=fresh_database)
    assert again.returncode == 0, again.stderr


def test_a_backup_is_readable_by_its_owner_only(seeded, tmp_path):
    """It holds password and session hashes, whatever the umask (on both engines)."""
    target = tmp_path / "pribadi.backup"
    made = subprocess.run(
        [sys.executable, "-m", "tracker", "backup", str(target)],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DATABASE": DATABASE_URL},
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert made.returncode == 0, made.stderr
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def test_a_backup_of_the_other_engine_is_refused_saying_which_it_is(seeded, tmp_path):
    """Backups are per engine: a SQLite file into PostgreSQL, or a pg_dump
    archive into SQLite, is named for what it is, and nothing changes."""
    other = tmp_path / "lain.backup"
    if IS_SQLITE:
        other.write_bytes(b"PGDMP\x01\x0e\x00\x04\x08\x01\x01" + b"\x00" * 64)
        expected = "is a PostgreSQL backup (pg_dump); it can only be restored into PostgreSQL"
    else:
        sqlite3.connect(other).execute("CREATE TABLE migration (name TEXT)").connection.commit()
        expected = "is a SQLite backup; it can only be restored into SQLite"
    before = dump(DATABASE_URL)
    refused = tracker("restore", str(other))
    assert refused.returncode == 1, refused.stderr
    [line] = refused.stderr.splitlines()
    assert expected in line and "deployment.md" in line, line
    assert dump(DATABASE_URL) == before
