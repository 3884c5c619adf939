"""SQLite engine: transactions run on the event loop's own thread.

Piccolo's SQLite engine runs every statement through aiosqlite, which hands it
to a helper thread and back: several thread hops per query, and a new
connection (and thread) per transaction. For our sub-millisecond statements
that overhead was most of a request, and a write transaction held the write
lock across all those hops. So transactions run synchronously on a small
per-process pool of plain sqlite3 connections:

- DEFERRED (what `db.reading()` opens): in WAL mode readers never wait for a
  lock, so nothing here can stall the loop on another process.
- IMMEDIATE (what `db.writing()` opens): the write lock is the one thing that
  can be busy. It is taken without blocking (busy timeout 0) and, while another
  process holds it, retried after short `asyncio.sleep`s, so the loop keeps
  serving. Writers of one process queue on an asyncio lock first. Once the lock
  is held the transaction is short: nothing slow is awaited inside it.

Rules that follow: never write inside `db.reading()`, and never wait on the
network inside `db.writing()`. Statements outside any transaction still go
through aiosqlite (Piccolo's default).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import sqlite3
import time
import weakref
from decimal import Decimal
from typing import Any

from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType, dict_factory

MAX_IDLE = 4


def _int_out(value: bytes) -> int:
    """An INTEGER column's value (Piccolo's converter made a Decimal of each,
    through two Python calls: a third of reading 50,000 actions and 90,000
    parts on dataset L). Values that are not plain integers (a float stored
    by hand) are read as Piccolo reads them."""
    try:
        return int(value)
    except ValueError:
        return int(Decimal(value.decode()))


def _timestamptz_out(value: bytes) -> dt.datetime:
    """A TIMESTAMPTZ column's value, as Piccolo reads it (the time labelled
    UTC), without its wrapper's extra call nor a copy of each value that is
    UTC already (every value the tracker writes)."""
    found = dt.datetime.fromisoformat(value.decode())
    return found if found.tzinfo is dt.UTC else found.replace(tzinfo=dt.UTC)


# Registered after Piccolo's (imported above): the same values, read faster.
sqlite3.register_converter("INTEGER", _int_out)
sqlite3.register_converter("TIMESTAMPTZ", _timestamptz_out)
# Each connection has its own page cache; the file's pages stay in the OS cache
# anyway, so a small one per connection keeps workers lean (KiB, negative = size).
CACHE_KIB = 1024


class _Ready:
    """An already-computed result that can be awaited or used with `async with`."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __await__(self):
        return self.value
        yield  # pragma: no cover - makes this a generator, as __await__ must be

    async def __aenter__(self) -> Any:
        return self.value

    async def __aexit__(self, *exc: object) -> bool:
        return False


class _Cursor:
    __slots__ = ("cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self.cursor = cursor

    async def fetchall(self) -> list[Any]:
        return self.cursor.fetchall()

    @property
    def lastrowid(self) -> int | None:
        return self.cursor.lastrowid


class _LoopConnection:
    """What Piccolo's transaction needs of an aiosqlite connection, done in place."""

    def __init__(self, engine: LoopSQLiteEngine, conn: sqlite3.Connection) -> None:
        self.engine = engine
        self.conn = conn

    @property
    def row_factory(self) -> Any:
        return self.conn.row_factory

    @row_factory.setter
    def row_factory(self, factory: Any) -> None:
        self.conn.row_factory = factory

    def execute(self, sql: str, args: Any = ()) -> _Ready:
        if sql == "PRAGMA foreign_keys = 1":
            return _Ready(None)  # set once, when the connection was opened
        return _Ready(_Cursor(self.conn.execute(sql, args)))

    async def close(self) -> None:
        self.engine.checkin(self.conn)


class _LoopReadTransaction(SQLiteTransaction):
    async def get_connection(self) -> _LoopConnection:
        return _LoopConnection(self.engine, self.engine.checkout())


class _LoopWriteTransaction(_LoopReadTransaction):
    """IMMEDIATE: the write lock is waited for with `asyncio.sleep`, never by
    blocking the loop; once held, the short transaction runs in place."""

    async def begin(self) -> None:
        lock = self.engine.writer_lock()
        await lock.acquire()  # one writer per process; the others wait here
        try:
            await self.engine.begin_immediate(self.connection.conn)
        except BaseException:
            lock.release()
            await self.connection.close()
            raise

    async def __aexit__(self, exception_type, exception, traceback) -> bool:
        if self._parent:
            return await super().__aexit__(exception_type, exception, traceback)
        try:
            return await super().__aexit__(exception_type, exception, traceback)
        finally:
            self.engine.writer_lock().release()


class LoopSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLiteEngine with its transactions on the loop thread."""

    def __init__(self, path: str, **connection_kwargs: Any) -> None:
        super().__init__(path=path, **connection_kwargs)
        self.busy_timeout = float(connection_kwargs.get("timeout", 30))
        self._idle: list[sqlite3.Connection] = []
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def checkout(self) -> sqlite3.Connection:
        if self._idle:
            return self._idle.pop()
        # Tests drive the app from several threads; a connection is only ever
        # used by one transaction at a time, so sharing across threads is safe.
        conn = sqlite3.connect(**self.connection_kwargs, check_same_thread=False)
        conn.row_factory = dict_factory
        conn.execute("PRAGMA foreign_keys = 1")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return conn

    def checkin(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            conn.rollback()
        if len(self._idle) < MAX_IDLE:
            self._idle.append(conn)
        else:
            conn.close()

    def writer_lock(self) -> asyncio.Lock:
        """The lock that keeps this process's writers in line (one per event loop)."""
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    async def begin_immediate(self, conn: sqlite3.Connection) -> None:
        """BEGIN IMMEDIATE without blocking: while another process writes
        ("database is locked"), sleep a little and try again, up to the busy timeout."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.0005
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    if time.monotonic() > deadline:
                        raise
                await asyncio.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.01)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")

    def transaction(
        self,
        transaction_type: TransactionType = TransactionType.deferred,
        allow_nested: bool = True,
    ) -> SQLiteTransaction:
        if transaction_type is TransactionType.deferred:
            kind = _LoopReadTransaction
        elif transaction_type is TransactionType.immediate:
            kind = _LoopWriteTransaction
        else:
            return super().transaction(transaction_type=transaction_type, allow_nested=allow_nested)
        return kind(engine=self, transaction_type=transaction_type, allow_nested=allow_nested)
