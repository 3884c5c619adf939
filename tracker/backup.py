"""Backups that restore: a consistent copy while the server runs, put back whole.

SQLite is copied with its online backup API (a snapshot, even mid-write) and
restored the same way, page by page through SQLite itself: a file copied over
the database could leave an old `-wal` beside it that SQLite would replay over
the restored data. PostgreSQL uses `pg_dump` in custom format and `pg_restore`
in one transaction. Evidence files live in the database, so they travel with it.

A restore refuses while a tracker server uses the database: on SQLite every
`tracker serve` holds a shared lock on `<database>.serving`; on PostgreSQL its
connections carry the application name `tracker-serve`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tracker import db

SERVER_APPLICATION = "tracker-serve"


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


def backup(url: str, target: Path) -> None:
    """Write a consistent copy of the database at `url` to `target` (a new file)."""
    if target.exists():
        raise BackupError(f"{target} already exists: choose another name or remove it first")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a folder")
    partial = target.with_name(target.name + ".partial")
    try:
        _private_file(partial)
        if db.is_sqlite_url(url):
            _sqlite_backup(_sqlite_file(url), partial)
        else:
            _pg_run("pg_dump", url, ["--format=custom", "--no-owner", f"--file={partial}"])
        partial.replace(target)  # never a half-written file under the backup's name
    finally:
        partial.unlink(missing_ok=True)


def _private_file(path: Path) -> None:
    """Create `path` empty, readable by its owner only, before anything is
    written to it: a backup holds password and session hashes. SQLite and
    pg_dump both write into an existing file and keep its mode (as do
    SQLite's journal files beside it)."""
    path.unlink(missing_ok=True)  # a leftover of an interrupted backup
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.chmod(path, 0o600)  # whatever the umask


def restore(url: str, source: Path) -> None:
    """Replace the database at `url` by the backup `source`, all or nothing."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    _check_engine(source, "sqlite" if db.is_sqlite_url(url) else "postgresql")
    if db.is_sqlite_url(url):
        _sqlite_restore(source, db.sqlite_path(url))
    else:
        _pg_restore(url, source)


# The first bytes of each engine's backup: a SQLite database file, and
# pg_dump's custom-format archive.
MAGIC = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _check_engine(source: Path, engine: str) -> None:
    """Refuse, by name, a backup of the other engine: backups are per engine
    (a SQLite file and a pg_dump archive), and each engine's own tool would
    only say the file is not what it expected."""
    with source.open("rb") as f:
        head = f.read(16)
    for other, magic in MAGIC.items():
        if other != engine and head.startswith(magic):
            kind = "SQLite backup" if other == "sqlite" else "PostgreSQL backup (pg_dump)"
            raise BackupError(
                f"{source} is a {kind}; it can only be restored into {ENGINE_NAMES[other]}, "
                f"and TRACKER_DATABASE is {ENGINE_NAMES[engine]} (backups are per engine: "
                "see docs/deployment.md#backups)"
            )


def hold_server_lock(url: str) -> int | None:
    """For `tracker serve`: a shared lock on `<database>.serving`, kept (and
    inherited by the workers) while the server runs, so a restore can tell."""
    if not db.is_sqlite_url(url):
        return None
    path = _lock_path(db.sqlite_path(url))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_SH)
    os.set_inheritable(fd, True)
    return fd


# ------------------------------------------------------------------ SQLite


def _lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".serving")


def _sqlite_file(url: str) -> Path:
    path = db.sqlite_path(url)
    if not path.is_file():
        raise BackupError(f"no database at {path}")
    return path


def _sqlite_backup(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=db.BUSY_TIMEOUT_S)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # one step: a snapshot as of one transaction
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        dst.close()
        src.close()


def _check_sqlite_backup(source: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            applied = (
                {r[0] for r in conn.execute("SELECT name FROM migration")}
                if "migration" in names
                else set()
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} is not a tracker backup (SQLite: {exc})") from None
    if ok != "ok":
        raise BackupError(f"{source} is damaged (integrity check: {ok})")
    if not applied:
        raise BackupError(f"{source} is not a tracker backup (no migration table)")
    unknown = applied - set(db.all_migration_ids())
    if unknown:
        raise BackupError(
            f"{source} was made by a newer tracker (migration {sorted(unknown)[0]}): "
            "upgrade this tracker first"
        )


def _sqlite_restore(source: Path, database: Path) -> None:
    _check_sqlite_backup(source)
    database.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(_lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(
                f"a tracker server is running on {database}: stop it, then restore"
            ) from None
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(database, timeout=db.BUSY_TIMEOUT_S)
        try:
            # SQLite writes every page itself, WAL included: nothing stale survives.
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if ok != "ok":
            raise BackupError(f"the restored database failed its integrity check: {ok}")
    finally:
        os.close(lock)


# -------------------------------------------------------------- PostgreSQL


def _pg_run(program: str, url: str, arguments: list[str]) -> None:
    """Run pg_dump or pg_restore against `url`, the password passed by environment."""
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed: install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client)"
        )
    parts = urlsplit(url)
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = parts.password
    netloc = parts.hostname or ""
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if parts.port:
        netloc += f":{parts.port}"
    bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    result = subprocess.run(
        [program, f"--dbname={bare}", *arguments], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip() or result.returncode}")


def _pg_restore(url: str, source: Path) -> None:
    import asyncio

    others = asyncio.run(_server_connections())
    if others:
        raise BackupError(
            f"a tracker server is connected to this database ({others} connection(s)): "
            "stop it, then restore"
        )
    _pg_run(
        "pg_restore",
        url,
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(source),
        ],
    )


async def _server_connections() -> int:
    rows = await db.engine().run_ddl(
        "SELECT count(*) AS n FROM pg_stat_activity "
        f"WHERE datname = current_database() AND application_name = '{SERVER_APPLICATION}'"
    )
    return rows[0]["n"]
