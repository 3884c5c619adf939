"""A request's reads: one connection, no write inside, nothing new missed.

On PostgreSQL the server reads on a pooled connection without BEGIN and
COMMIT (`db.reading`), and the pool skips asyncpg's per-release reset query:
these tests use that server pool, as `tracker serve` does.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt

import pytest
from conftest import run

from tracker import db
from tracker.agreements import queries
from tracker.agreements.tables import Action
from tracker.progress.latest import LatestUpdates
from tracker.progress.tables import Update


@contextlib.asynccontextmanager
async def server_pool():
    """The web server's pool on PostgreSQL; SQLite has none."""
    pooled = not db.is_sqlite()
    if pooled:
        await db.start_server_pool()
    try:
        yield pooled
    finally:
        if pooled:
            await db.engine().close_connection_pool()


async def connection_id() -> object:
    if db.is_sqlite():
        return id(db.engine().current_transaction.get().connection)
    return (await db.fetch_rows("SELECT pg_backend_pid()"))[0][0]


@contextlib.contextmanager
def statements():
    """The SQL statements run on the read's connection meanwhile (the
    drivers' own tracing: sqlite3's trace callback, asyncpg's query logger)."""
    ran: list[str] = []
    connection = db.engine().current_transaction.get().connection
    if db.is_sqlite():
        connection.conn.set_trace_callback(ran.append)
        try:
            yield ran
        finally:
            connection.conn.set_trace_callback(None)
        return
    log = lambda record: ran.append(record.query)  # noqa: E731
    connection.add_query_logger(log)
    try:
        yield ran
    finally:
        connection.remove_query_logger(log)


def test_a_requests_reads_share_one_connection_and_refuse_a_write(seeded):
    async def go():
        async with server_pool() as pooled, db.reading():
            first = await connection_id()
            await queries.stamps()
            await Update.select(Update.id).limit(1).run()  # through Piccolo
            assert await connection_id() == first
            if pooled:
                # No BEGIN was sent: a write here would commit statement by statement.
                connection = db.engine().current_transaction.get().connection
                assert not connection.is_in_transaction()
                with pytest.raises(RuntimeError, match="write inside db.reading"):
                    db.writing()

    run(go())


def test_a_new_update_is_seen_by_the_next_read_and_nothing_else_is_read(seeded):
    latest = LatestUpdates()

    async def go():
        async with server_pool():
            async with db.reading():
                await latest.states()
                action_id = (await Action.select(Action.id).first().run())["id"]
                generation = latest.generation
            async with db.reading():
                with statements() as ran:
                    await latest.states()  # the stamps say nothing is new
                    await asyncio.sleep(0)  # asyncpg logs a query in a callback
                assert latest.generation == generation
                assert len(ran) == 1 and "last_update" in ran[0], ran
            async with db.writing():
                await Update.insert(
                    Update(
                        action=action_id,
                        status="done",
                        note="selesai",
                        source="web",
                        created_at=dt.datetime.now(dt.UTC),
                    )
                ).run()
            async with db.reading():
                after = await latest.states()
                assert after[action_id]["status"] == "done"
                assert latest.changed_since(generation) == {action_id}

    run(go())


def test_a_page_reads_who_asks_and_the_stamps_in_one_statement(accounts):
    from conftest import PASSWORD

    from tracker.accounts import sessions
    from tracker.web.auth import user_and_stamps

    async def go():
        viewer, _ = await sessions.login("viewer", PASSWORD, "127.0.0.1")
        secretariat, _ = await sessions.login("ntt", PASSWORD, "127.0.0.1")
        async with server_pool(), db.reading():
            with statements() as ran:
                user = await user_and_stamps(viewer)
                stamps = await queries.stamps()  # kept: no statement of its own
                await asyncio.sleep(0)  # asyncpg logs a query in a callback
            assert len(ran) == 1, ran
            assert (user.username, user.role) == ("viewer", "viewer")
            with statements() as ran:
                user = await user_and_stamps(secretariat)  # its parties too
                await asyncio.sleep(0)
            assert len(ran) == 1, ran
            assert (user.username, user.parties) == ("ntt", ("ntt",))
        async with db.reading():
            assert await queries.stamps() == stamps  # what the stamps' query alone reads
            assert await user_and_stamps("not-a-session") is None
            assert await user_and_stamps(None) is None

    run(go())


def test_an_action_page_reads_three_statements_after_the_session(accounts):
    """The action page reads the action, and its updates with their evidence;
    what only sync changes is kept and the states come from `LATEST`: once
    those are known, three statements in all with the session's (seven before,
    each a round trip on PostgreSQL)."""
    from conftest import PASSWORD

    from tracker.accounts import sessions
    from tracker.progress import status
    from tracker.progress.latest import LATEST
    from tracker.web.auth import user_and_stamps

    async def go():
        token, _ = await sessions.login("viewer", PASSWORD, "127.0.0.1")
        async with server_pool():
            async with db.reading():  # the first view: the kept parts are read
                await user_and_stamps(token)
                first = await queries.get_action("harmoni-bali-ntt", "PM-02")
            async with db.reading():
                with statements() as ran:
                    await user_and_stamps(token)
                    again = await queries.get_action("harmoni-bali-ntt", "PM-02")
                    await asyncio.sleep(0)
        assert len(ran) == 3, ran
        assert again == first
        assert again["action"]["parts"] and again["action"]["owner"]  # PM-02 is shared
        async with db.reading():  # the states shown are what the database says
            exact = await status.latest_updates([again["action"]["id"]])
        shown = again["action"]
        assert (shown["status"], shown["percent"]) == (
            status.current_state(exact, shown["id"])["status"],
            status.percent_of(status.current_state(exact, shown["id"])),
        )
        assert LATEST.loaded

    run(go())


@pytest.mark.parametrize(
    "column, stored",
    [
        ("INTEGER", b"0"),
        ("INTEGER", b"-17"),
        ("INTEGER", b"123456789012345678901234567890"),  # beyond a float's precision
        ("INTEGER", b"1.0"),  # a float stored by hand
        ("INTEGER", b"1e3"),
        ("TIMESTAMPTZ", b"2026-01-15 00:00:04.723061+00:00"),  # as the tracker writes
        ("TIMESTAMPTZ", b"2026-01-15 00:00:04"),  # naive: labelled UTC
        (
            "TIMESTAMPTZ",
            b"2026-01-15T08:00:00+08:00",
        ),  # another offset: relabelled, as Piccolo does
    ],
)
def test_sqlite_values_read_faster_are_the_values_piccolo_reads(column, stored):
    """tracker.sqlite_engine replaces two of Piccolo's SQLite converters (the
    cost of reading every action on dataset L): same values, same types."""
    import sqlite3

    from piccolo.engine import sqlite as piccolo_sqlite

    import tracker.sqlite_engine  # noqa: F401 - registers the converters

    ours = sqlite3.converters[column](stored)
    theirs = piccolo_sqlite.CONVERTERS[column](stored)
    assert ours == theirs
    assert type(ours) is type(theirs)
    if column == "TIMESTAMPTZ":
        assert ours.tzinfo == theirs.tzinfo == dt.UTC
    assert sqlite3.converters[column] is not piccolo_sqlite.CONVERTERS[column]
