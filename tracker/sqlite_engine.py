"""SQLite engine: reads on the event loop's own thread, writes on aiosqlite's.

Piccolo's SQLite engine runs every statement through aiosqlite, which hands it
to a helper thread and back: several thread hops per query, and a new
connection (and thread) per transaction. For the sub-millisecond reads of a
page that overhead is most of the request. So read transactions (DEFERRED,
what `db.reading()` opens) run synchronously on a small per-process pool of
plain sqlite3 connections; in WAL mode readers never wait for a lock, so this
never stalls the event loop on a writer. Write transactions (IMMEDIATE) keep
aiosqlite: waiting for the write lock happens off the loop.

Rule that follows: never write inside `db.reading()`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType, dict_factory

MAX_IDLE = 8


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

    def __init__(self, engine: LoopReadSQLiteEngine, conn: sqlite3.Connection) -> None:
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


class _PooledWriter:
    """An aiosqlite connection lent to one write transaction, then kept for the next.

    Opening one costs a thread and a connect; a worker that takes hundreds of
    updates a second reuses a few instead. The foreign-keys pragma Piccolo
    sends before every statement is set once, when the connection is opened.
    """

    def __init__(self, engine: LoopReadSQLiteEngine, conn: Any) -> None:
        self.engine = engine
        self.conn = conn

    @property
    def row_factory(self) -> Any:
        return self.conn.row_factory

    @row_factory.setter
    def row_factory(self, factory: Any) -> None:
        self.conn.row_factory = factory

    def execute(self, sql: str, args: Any = ()) -> Any:
        if sql == "PRAGMA foreign_keys = 1":
            return _Ready(None)
        return self.conn.execute(sql, args)

    async def close(self) -> None:
        await self.engine.checkin_writer(self.conn)


class _PooledWriteTransaction(SQLiteTransaction):
    async def get_connection(self) -> _PooledWriter:
        return _PooledWriter(self.engine, await self.engine.checkout_writer())


class LoopReadSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLiteEngine with DEFERRED (read) transactions on the loop thread."""

    def __init__(self, path: str, **connection_kwargs: Any) -> None:
        super().__init__(path=path, **connection_kwargs)
        self._idle: list[sqlite3.Connection] = []
        self._idle_writers: list[Any] = []

    def checkout(self) -> sqlite3.Connection:
        if self._idle:
            return self._idle.pop()
        # Tests drive the app from several threads; a connection is only ever
        # used by one transaction at a time, so sharing across threads is safe.
        conn = sqlite3.connect(**self.connection_kwargs, check_same_thread=False)
        conn.row_factory = dict_factory
        conn.execute("PRAGMA foreign_keys = 1")
        return conn

    def checkin(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            conn.rollback()
        if len(self._idle) < MAX_IDLE:
            self._idle.append(conn)
        else:
            conn.close()

    def transaction(
        self,
        transaction_type: TransactionType = TransactionType.deferred,
        allow_nested: bool = True,
    ) -> SQLiteTransaction:
        if transaction_type is TransactionType.deferred:
            return _LoopReadTransaction(
                engine=self, transaction_type=transaction_type, allow_nested=allow_nested
            )
        return super().transaction(transaction_type=transaction_type, allow_nested=allow_nested)
