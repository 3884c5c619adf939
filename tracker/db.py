"""The database: one engine chosen by URL, transactions, migrations.

SQLite is the embedded default and PostgreSQL the production engine. On SQLite
every read-then-write runs in an IMMEDIATE transaction (it takes the write lock
up front, so two writers queue on the busy timeout instead of one failing with
"database is locked"), and every request runs its reads on one connection.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import io
import json
import os
import re
import sqlite3
import sys
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import TransactionType
from piccolo.querystring import QueryString

from tracker import settings
from tracker.sqlite_engine import LoopSQLiteEngine

BUSY_TIMEOUT_S = 30
# Row ids are PostgreSQL `serial` (int4): a number above this is no row's id,
# and must be answered as "not found" before it reaches a query.
MAX_ID = 2**31 - 1
# Rows or ids per statement. PostgreSQL allows 32,767 parameters in one query
# and SQLite 32,766 (older builds 999 per IN list): 500 rows of a dozen
# columns stay far below both.
BATCH = 500


class DatabaseURLError(ValueError):
    """A TRACKER_DATABASE value we cannot use."""


def sqlite_path(url: str) -> Path:
    """`sqlite:///relative/x.sqlite3` or `sqlite:////absolute/x.sqlite3` -> path."""
    rest = url[len("sqlite:///") :]
    if not rest:
        raise DatabaseURLError(f"no file in database URL {url!r}")
    return Path(rest)


def is_sqlite_url(url: str) -> bool:
    return url.startswith("sqlite:///")


def engine_from_url(url: str) -> Engine:
    if is_sqlite_url(url):
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        return LoopSQLiteEngine(path=str(path), timeout=BUSY_TIMEOUT_S)
    scheme = urlsplit(url).scheme
    if scheme in ("postgresql", "postgres"):
        # Named, so that `tracker restore` can see a running server's connections.
        name = os.environ.get("TRACKER_PG_APPLICATION", "tracker")
        return _PostgresEngine(config={"dsn": url, "server_settings": {"application_name": name}})
    raise DatabaseURLError(
        f"unsupported database URL {settings.redacted(url)!r}: use sqlite:///path or postgresql://..."
    )


class _PostgresEngine(PostgresEngine):
    """Piccolo's engine, without the version query it runs when made.

    That query cost every process (each command, each web worker) a
    connection of its own at import, and when the server could not be
    reached it printed a warning in raw colour codes before our own message.
    Connection problems are reported by `connection_problem` instead.
    """

    async def check_version(self) -> None:
        return None


CONNECT_TIMEOUT_S = 10


async def connection_problem(url: str) -> str | None:
    """Why the PostgreSQL database at `url` can't be used, in one line that
    names TRACKER_DATABASE but not the password; None when it answers.

    The CLI asks before its work, so a wrong password, a missing database or
    a server that is down is one line rather than a traceback from deep in a
    migration or a sync.
    """

    import asyncpg

    try:
        connection = await asyncpg.connect(url, timeout=CONNECT_TIMEOUT_S)
    except (TimeoutError, OSError, OverflowError, ValueError, asyncpg.PostgresError) as exc:
        return (
            f"cannot connect to the database in TRACKER_DATABASE ({settings.redacted(url)}): "
            f"{_connect_reason(exc)}"
        )
    except asyncpg.InterfaceError as exc:
        return f"cannot use the database in TRACKER_DATABASE ({settings.redacted(url)}): {exc}"
    await connection.close()
    return None


def _connect_reason(exc: BaseException) -> str:
    """A connection error in words: asyncpg's own, or the operating system's."""
    import socket

    if isinstance(exc, socket.gaierror):
        return f"its host was not found ({exc})"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is PostgreSQL running there, on that port?)"
    if isinstance(exc, TimeoutError | OSError) and not str(exc):
        return f"no answer within {CONNECT_TIMEOUT_S} s"
    if isinstance(exc, OSError) and "Connect call failed" in str(exc):
        return f"connection refused ({exc}; is PostgreSQL running there?)"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def engine() -> Engine:
    """The engine every table uses."""
    return DB


def is_sqlite(db: Engine | None = None) -> bool:
    return (db or engine()).engine_type == "sqlite"


def timestamp(value: Any) -> Any:
    """A timestamp from a raw row as an aware UTC datetime (None stays None).

    Raw SQLite rows give timestamps as the text Piccolo stored.
    """
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def timestamp_param(moment: dt.datetime) -> Any:
    """`moment` as a raw-SQL parameter compared with stored timestamps.

    SQLite keeps them as text written by `str(datetime)` (UTC): compare like
    with like; PostgreSQL compares real timestamps.
    """
    return str(moment.astimezone(dt.UTC)) if is_sqlite() else moment


def writing():
    """A transaction for a read-then-write: IMMEDIATE on SQLite."""
    db = engine()
    if is_sqlite(db):
        return db.transaction(transaction_type=TransactionType.immediate)
    if isinstance(db.current_transaction.get(), _PooledReads):
        # Joined to reads without BEGIN, its statements would commit one by one.
        raise RuntimeError("a write inside db.reading(): open it outside the read")
    return db.transaction()


async def serialize_writers(name: str) -> None:
    """Inside a write transaction, wait for other writers of the same kind.

    SQLite's IMMEDIATE transactions already run one at a time; on PostgreSQL two
    syncs could both find a document missing and both insert it, so they take a
    transaction-scoped advisory lock first.
    """
    if not is_sqlite():
        await engine().run_ddl(f"SELECT pg_advisory_xact_lock({advisory_key(name)})")


def advisory_key(name: str) -> int:
    """The PostgreSQL advisory lock `serialize_writers(name)` takes."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFFFFFFFFFFFFFF


def update_lock_key(key: str) -> int:
    """The advisory lock that `serialize_updates` takes for `<document>/<code>`."""
    return advisory_key(f"update-stripe:{_stripe(key)}")


UPDATE_STRIPES = (
    256  # locks an import or a sync may hold at once (PostgreSQL's lock table is finite)
)


async def serialize_updates(keys: Iterable[str]) -> None:
    """Inside a write transaction, wait for other writers of updates on the same
    actions (`<document>/<code>`): a post, a CSV import, sync ticking `[x]`.

    On PostgreSQL each key maps to one of UPDATE_STRIPES advisory locks, taken
    in one order, so an import of thousands of actions holds at most 256 locks
    and two writers never wait on each other in a cycle. SQLite's one writer at
    a time already serializes them.
    """
    if is_sqlite():
        return
    stripes = sorted({_stripe(key) for key in keys})
    for stripe in stripes:
        await serialize_writers(f"update-stripe:{stripe}")


def _stripe(key: str) -> int:
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % UPDATE_STRIPES


def as_id(value: Any) -> int | None:
    """A row id from outside (a form, a URL), or None: never one no column can hold."""
    try:
        number = int(str(value if value is not None else "").strip())
    except ValueError:
        return None
    return number if 0 < number <= MAX_ID else None


def batches(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    """`items` in slices of at most `size`, for statements with a parameter limit."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def insert_all(rows: Sequence[Any], table: Any = None) -> list[dict[str, Any]]:
    """Insert rows of one table in batches; the inserted ids, in order.

    Rows are Piccolo rows, or (with `table`) plain dicts naming every column
    but the id: thousands of those cost less to build. One multi-row INSERT
    per batch, its values read straight from the rows: Piccolo's own `insert`
    builds a query object per row, which made most of a cold sync's time
    (5,000 actions, their parties and parts).
    """
    if not rows:
        return []
    table = table or type(rows[0])
    value = (lambda row, name: row[name]) if isinstance(rows[0], dict) else getattr
    columns = [c for c in table._meta.columns if c is not table._meta.primary_key]
    attributes = [c._meta.name for c in columns]  # Piccolo's `_meta.name` is a lookup each time
    names = ", ".join(f'"{c._meta.db_column_name}"' for c in columns)
    one = "(" + ", ".join("{}" for _ in columns) + ")"
    inserted: list[dict[str, Any]] = []
    if not is_sqlite():
        ids = await _insert_arrays(table, columns, attributes, names, rows, value)
        if ids is not None:
            return [{"id": i} for i in ids]
    for batch in batches(rows, max(1, BATCH * 12 // len(columns))):
        values = [_sql_value(value(row, name)) for row in batch for name in attributes]
        sql = (
            f'INSERT INTO "{table._meta.tablename}" ({names}) '
            f'VALUES {", ".join(one for _ in batch)} RETURNING "id"'
        )
        ids = await _insert_directly(sql, values)
        if ids is None:
            inserted.extend(await table.raw(sql, *values).run())
        else:
            inserted.extend({"id": i} for i in ids)
    return inserted


async def _insert_arrays(
    table: Any,
    columns: list[Any],
    attributes: list[str],
    names: str,
    rows: Sequence[Any],
    value: Any,
) -> list[int] | None:
    """PostgreSQL: every row in one INSERT ... SELECT FROM unnest(arrays), a
    parameter per column, so the statement's text is the same for any number
    of rows: prepared once per connection, not parsed and planned again for
    each document's thousand-odd values. Rows go in in the order given, so
    their ids grow in that order: the ids are returned sorted, whatever order
    RETURNING lists them in. Arrays are cast to the column's type without its
    length (`VARCHAR[]`, not `VARCHAR(64)[]`): an explicit cast would cut an
    over-long text silently, the insert's own cast refuses it. None outside a
    transaction."""
    arrays = [[_sql_value(value(row, name)) for row in rows] for name in attributes]
    casts = ", ".join(f"{{}}::{c.column_type.split('(')[0]}[]" for c in columns)
    aliases = ", ".join(f"c{i}" for i in range(len(columns)))
    sql = (
        f'INSERT INTO "{table._meta.tablename}" ({names}) '
        f"SELECT {aliases} FROM unnest({casts}) WITH ORDINALITY AS t({aliases}, n) "
        'ORDER BY n RETURNING "id"'
    )
    ids = await _insert_directly(sql, arrays)
    return None if ids is None else sorted(ids)


async def _insert_directly(sql: str, values: list[Any]) -> list[int] | None:
    """Run a multi-row INSERT ... RETURNING "id" on the current transaction's
    own connection; None outside a transaction. Piccolo's query strings cost
    more to compile than the insert itself with thousands of values (a cold
    sync of dataset L binds over a million)."""
    rows = await fetch_rows(sql, *values)
    return None if rows is None else [row[0] for row in rows]


async def fetch_rows(sql: str, *args: Any) -> list[Any] | None:
    """The rows of `sql` (placeholders `{}`) as tuples, read on the current
    transaction's own connection; None outside a transaction (then use
    Piccolo). For the reads of tens of thousands of rows (every action's
    state as of a day, on dataset L): Piccolo makes a dict of each row and
    converts each value in Python, four times the query's own cost."""
    txn = engine().current_transaction.get()
    while txn is not None and getattr(txn, "connection", None) is None:
        txn = getattr(txn, "_parent", None)  # a savepoint: its parent's connection
    if txn is None:
        return None
    conn = txn.connection
    if is_sqlite():
        if not hasattr(conn, "conn"):  # not one of ours (aiosqlite's): Piccolo's way
            return None
        cursor = conn.conn.cursor()
        cursor.row_factory = None  # tuples; the connection's converters still apply
        return cursor.execute(sql.replace("{}", "?"), args).fetchall()
    count = iter(range(1, len(args) + 1))
    return await conn.fetch(re.sub(r"\{\}", lambda _: f"${next(count)}", sql), *args)


async def tuples(sql: str, *args: Any) -> list[Any]:
    """The rows of `sql` (placeholders `{}`) as tuples, for reads of tens of
    thousands of rows: `fetch_rows` inside a transaction of ours, else
    through Piccolo (then each row was a dict first)."""
    rows = await fetch_rows(sql, *args)
    if rows is None:
        from piccolo.querystring import QueryString

        found = await engine().run_querystring(QueryString(sql, *args))
        rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in found]
    return rows


_PLAIN = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})


def _sql_value(value: Any) -> Any:
    """A row's value as a query parameter: JSON as text, a row as its id."""
    if type(value) in _PLAIN:  # most values: the cheapest test first
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, default=str)
    if hasattr(value, "_meta"):  # a Piccolo row given for a foreign key
        return value.id
    return value


@contextlib.asynccontextmanager
async def pooled() -> AsyncIterator[None]:
    """On PostgreSQL, a small connection pool for a command's run: without one,
    Piccolo opens a connection per transaction (a sync's one per document, the
    sender's two per message), each costing a connection set-up."""
    current = engine()
    if is_sqlite(current) or getattr(current, "pool", None) is not None:
        yield
        return
    await current.start_connection_pool(min_size=1, max_size=2)
    try:
        yield
    finally:
        await current.close_connection_pool()


# What a read transaction has already read that cannot change for it (the
# documents' and parts' stamps): asked for again by the catalog, the parts and
# the board within one request, read once (`remembered`).
_READ_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("read_memo", default=None)


@contextlib.asynccontextmanager
async def reading() -> AsyncIterator[None]:
    """One connection for a request's reads; nested inside a transaction, it
    joins it (Piccolo's nested transactions).

    On SQLite a DEFERRED transaction: one snapshot for every read. On
    PostgreSQL, with a pool (the server's, or `pooled()`), a pooled
    connection without BEGIN and COMMIT: at READ COMMITTED each statement
    takes its own snapshot anyway, so those two round trips bought nothing
    (most pages now read in one statement or two).
    """
    current = engine()
    if is_sqlite(current) or current.pool is None or current.current_transaction.get():
        async with current.transaction(), _memo():
            yield
        return
    async with current.pool.acquire() as connection, _memo():
        token = current.current_transaction.set(_PooledReads(connection))
        try:
            yield
        finally:
            current.current_transaction.reset(token)


class _PooledReads:
    """Stands where Piccolo looks for the current transaction, so its queries
    (and `fetch_rows`) run on the request's connection; a nested
    `transaction()` joins it as it would a real one, and `writing()` refuses."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection


@contextlib.asynccontextmanager
async def _memo() -> AsyncIterator[None]:
    token = _READ_MEMO.set({}) if _READ_MEMO.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _READ_MEMO.reset(token)


async def _keep_session(connection: Any) -> None:
    """The pool's reset for the server's connections. asyncpg's default runs a
    query on every release (advisory unlocks, CLOSE ALL, UNLISTEN, RESET ALL):
    a round trip per request for state the server never leaves behind (its
    settings are SET LOCAL, its advisory locks end with their transaction).
    asyncpg still rolls back a transaction left open before calling this."""


async def start_server_pool() -> None:
    """The web server's PostgreSQL connection pool."""
    await engine().start_connection_pool(min_size=2, max_size=10, reset=_keep_session)


def remembered() -> dict | None:
    """This read transaction's memo (None outside `reading()`: a writer must
    read again what it may have just changed)."""
    return _READ_MEMO.get()


def prepare_sqlite(path: str) -> None:
    """WAL once per file: readers never wait for the writer."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")


async def migrate() -> list[str]:
    """Apply every migration not yet applied; returns the ids it applied."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    db = engine()
    if is_sqlite(db):
        prepare_sqlite(db.path)
    before = await applied_migrations()
    # Piccolo reports each step with print(); keep it for when something fails.
    output = io.StringIO()
    try:
        with contextlib.redirect_stdout(output):
            async with _all_or_nothing(db):
                result = await run_forwards(app_name="all")
                if not result.success:
                    raise RuntimeError(f"migrations failed: {result.message}")
    except Exception:
        sys.stderr.write(output.getvalue())
        raise
    return sorted(set(await applied_migrations()) - set(before))


def _all_or_nothing(db: Engine) -> contextlib.AbstractAsyncContextManager:
    """On PostgreSQL, every pending migration in one transaction (each
    migration's own transaction joins it): a failure leaves the database as it
    was, and a fresh database's 44 migrations commit once, not 88 times. On
    SQLite each migration keeps its own transaction."""
    return contextlib.nullcontext() if is_sqlite(db) else db.transaction()


async def applied_migrations() -> list[str]:
    """The ids of the migrations applied, read with our engine: Piccolo's own
    `Migration` table would import its app registry (and `black`), which cost a
    sync with nothing to do most of its half second."""
    db = engine()
    exists = (
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migration'"
        if is_sqlite(db)
        else "SELECT to_regclass('migration') IS NOT NULL AS name"
    )
    found = await db.run_querystring(QueryString(exists))
    if not found or found[0]["name"] in (None, False):
        return []
    rows = await db.run_querystring(QueryString('SELECT "name" FROM "migration"'))
    return [r["name"] for r in rows]


async def ensure_migrated() -> list[str]:
    """Apply migrations on a fresh or older database; cheap when up to date.
    A database without tables is made from the schema snapshot, then brought
    up to date (`tracker.snapshot`). Returns the ids it applied."""
    applied = await applied_migrations()
    if set(applied) >= set(all_migration_ids()):
        return []
    if not applied:
        from tracker import snapshot

        db = engine()
        if is_sqlite(db):
            prepare_sqlite(db.path)
        made = await snapshot.create(is_sqlite(db), db.path if is_sqlite(db) else db.config["dsn"])
        if made is not None:  # Piccolo's machinery only for migrations newer than the snapshot
            newer = set(all_migration_ids()) - set(made)
            return sorted({*made, *(await migrate() if newer else [])})
    return await migrate()


def all_migration_ids() -> list[str]:
    """The `ID` of every migration module, read as text (importing them is slow)."""
    root = Path(__file__).parent
    ids = []
    for path in root.glob("*/piccolo_migrations/*.py"):
        if m := re.search(r'^ID = "([^"]+)"', path.read_text(), re.M):
            ids.append(m[1])
    return sorted(ids)


# The one engine of this process. Tables name it explicitly (`db=DB`) so that a
# worker never imports Piccolo's app registry and its migration machinery.
DB: Engine = engine_from_url(settings.database_url())
