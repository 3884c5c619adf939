"""Test configuration: one real database per run, emptied before every test.

The suite runs against SQLite by default (a fresh file in a temporary folder)
and against PostgreSQL when TRACKER_TEST_DATABASE holds a postgresql:// URL
(`scripts/test` runs it both ways). The URL is put in TRACKER_DATABASE before
any tracker module is imported, because Piccolo binds its engine at import.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

_TMP = Path(tempfile.mkdtemp(prefix="tracker-tests-"))
DATABASE_URL = os.environ.get("TRACKER_TEST_DATABASE") or f"sqlite:///{_TMP}/test.sqlite3"
os.environ["TRACKER_DATABASE"] = DATABASE_URL
os.environ["PICCOLO_CONF"] = "tracker.piccolo_conf"
os.environ["TRACKER_PASSWORD_COST"] = "10"  # cheap hashes: tests log in often

from tracker import db  # noqa: E402
from tracker.agreements.sync import SyncReport, sync_paths  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# Screenshots the browser tests take, for a reviewer (kept out of git).
SHOTS = Path(os.environ.get("TRACKER_SCREENSHOTS") or ROOT / "test-artifacts" / "screenshots")
SHOTS.mkdir(parents=True, exist_ok=True)
SEED_DIR = ROOT / "agreements"
# Children before parents, so deleting never trips a foreign key.
TABLES = (
    "issued_document",
    "outbox",
    "rakor_invitation",
    "opt_out",
    "notification",
    "minutes_submission",
    "signed_copy",
    "minutes_version",
    "follow_up",
    "decision",
    "agenda_item",
    "attendee",
    "meeting",
    "evidence",
    "evidence_file",
    "update",
    "status_span",
    "amendment",
    "part",
    "action_party",
    "action",
    "commitment",
    "login_session",
    "user_party",
    "login_attempt",
    "audit_entry",
    "setting",
    "tracker_user",
    "document",
    "party",
)


def pytest_report_header(config: pytest.Config) -> str:
    engine = "PostgreSQL" if DATABASE_URL.startswith("postgres") else "SQLite"
    return f"tracker database: {engine} ({DATABASE_URL.split('@')[-1]})"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_TMP, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def migrated() -> None:
    asyncio.run(_reset_schema())
    asyncio.run(db.migrate())


async def _reset_schema() -> None:
    """Start PostgreSQL runs from an empty schema, so migrations are tested too."""
    if not db.is_sqlite():
        await db.engine().run_ddl("DROP SCHEMA public CASCADE")
        await db.engine().run_ddl("CREATE SCHEMA public")
        left = await db.engine().run_ddl(  # a stopped run's copies (`_keep_copy`)
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'copy\\_%'"
        )
        for row in left:
            await db.engine().run_ddl(f'DROP SCHEMA "{row["nspname"]}" CASCADE')


@pytest.fixture(autouse=True)
def clean_database(migrated: None) -> None:
    from tracker.progress.latest import LATEST
    from tracker.reports import service

    run(_empty_tables())  # (a module's Chromium runs an event loop in this thread)
    LATEST.reset()  # this process's view of the latest updates, now stale
    service.forget()  # ...and the status reports kept from it (and the parts)
    from tracker.web import status, verification

    status.PDF_LIMIT.reset()  # user ids start again: no test inherits another's PDFs
    verification.COMPARE_LIMIT.reset()


async def _empty_tables() -> None:
    engine = db.engine()
    if db.is_sqlite(engine):
        await engine.run_ddl('UPDATE "update" SET corrects = NULL')  # a self-reference
        for table in TABLES:
            await engine.run_ddl(f'DELETE FROM "{table}"')
    else:
        # DELETE and restart the ids, as one script on one connection: a test
        # leaves few rows, and TRUNCATE's new files took 55 ms before each test.
        script = ['UPDATE "update" SET corrects = NULL']
        script += [f'DELETE FROM "{table}"' for table in TABLES]
        script += [
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), 1, false)"
            for table in TABLES
        ]
        connection = await engine.get_new_connection()
        try:
            await connection.execute(";\n".join(script))
        finally:
            await connection.close()


def run(coro):
    """Run one coroutine from a plain test function (even one whose thread
    already runs an event loop, as Playwright's does)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def sync(*paths: Path | str, folder: Path | None = None) -> SyncReport:
    """`tracker sync` in-process: the given paths, or the whole folder if none."""
    return run(sync_paths([str(p) for p in paths] or None, folder or SEED_DIR))


def rows(table: str) -> list[dict]:
    """Every row of a table, in id order (for before/after comparisons)."""
    return run(db.engine().run_querystring(_raw(f'SELECT * FROM "{table}" ORDER BY id')))


def _raw(sql: str):
    from piccolo.querystring import QueryString

    return QueryString(sql)


@pytest.fixture
def fresh_database(tmp_path: Path):
    """An empty database on the engine under test, dropped afterwards."""
    if db.is_sqlite_url(DATABASE_URL):
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    name = f"tracker_fresh_{uuid.uuid4().hex[:12]}"
    admin = db.engine_from_url(DATABASE_URL)
    run(admin.run_ddl(f'CREATE DATABASE "{name}"'))
    try:
        yield DATABASE_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        run(admin.run_ddl(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def agreements(tmp_path: Path) -> Path:
    """An empty agreements folder of this test's own."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    return folder


# Fixtures made for real once in a run, then copied back (`_copied`):
# name -> (value, the tables it writes, their row counts and largest ids before it).
_KEPT: dict[str, tuple[object, tuple[str, ...], tuple]] = {}


@pytest.fixture
def seeded() -> SyncReport:
    """The real documents of `agreements/`, synced: for real in the run's
    first test that asks, whose rows are kept; later tests get those rows
    copied back (`_copied`: syncing again cost a third of a second per test
    on PostgreSQL, over 600 tests). `test_sync.py` checks that syncing the
    seeds writes those very rows."""

    def make() -> SyncReport:
        report = sync(folder=SEED_DIR)
        assert report.ok, report.as_dict()
        return report

    return _copied("seeded", make, TABLES)


def _copied(name: str, make, tables: tuple[str, ...]):
    """`make()`'s value, with the rows it adds to `tables`: made for real the
    first time, and later, when those tables stand as they stood then (row
    counts and largest ids), the rows it added then are copied back. Rows are
    only ever added, never replaced: a server started before may already
    have written (a secret) and keep it in memory."""
    before = run(_fingerprint(tables))
    kept = _KEPT.get(name)
    if kept is not None and kept[2] == before:
        _restore_copy(name, tables, before)
        return kept[0]
    value = make()
    if kept is None:
        _keep_copy(name)
        _KEPT[name] = (value, tables, before)
    return value


async def _fingerprint(tables: tuple[str, ...]) -> tuple:
    """Each table's row count and largest id (0 when empty)."""
    columns = ", ".join(
        f'(SELECT COUNT(*) FROM "{t}"), (SELECT COALESCE(MAX(id), 0) FROM "{t}")' for t in tables
    )
    [row] = await db.engine().run_querystring(_raw(f"SELECT {columns}"))
    return tuple(row.values())


def drop_copies() -> None:
    """Forget the kept copies (on PostgreSQL, schemas beside the suite's own:
    a test that dumps the suite's schema must not find them); the next
    copied fixture is made for real again."""
    if not db.is_sqlite_url(DATABASE_URL):
        run(_postgresql_script([f"DROP SCHEMA IF EXISTS copy_{name} CASCADE" for name in _KEPT]))
    _KEPT.clear()


def _keep_copy(name: str) -> None:
    if db.is_sqlite_url(DATABASE_URL):
        with _sqlite() as connection:
            connection.execute("VACUUM INTO ?", (str(_TMP / f"copy-{name}.sqlite3"),))
        return
    schema = f"copy_{name}"
    script = [f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}"]
    script += [
        f'CREATE TABLE {schema}."{table}" AS SELECT * FROM public."{table}"' for table in TABLES
    ]
    run(_postgresql_script(script))


def _restore_copy(name: str, tables: tuple[str, ...], before: tuple) -> None:
    """The rows the first making added (ids past those of `before`), parents
    first. Inserting updates fires their trigger, which writes status spans:
    those are then replaced by the kept ones, as the first making left them."""
    sqlite = db.is_sqlite_url(DATABASE_URL)
    source = "copy" if sqlite else f"copy_{name}"
    target = "main" if sqlite else "public"
    largest = dict(zip(tables, before[1::2], strict=True))
    script = [
        f'INSERT INTO {target}."{table}" SELECT * FROM {source}."{table}" '
        f"WHERE id > {largest[table]}"
        for table in reversed(TABLES)
        if table in largest and table != "status_span"
    ]
    if "status_span" in largest:
        script += [
            f'DELETE FROM {target}."status_span" WHERE id > {largest["status_span"]}',
            f'INSERT INTO {target}."status_span" SELECT * FROM {source}."status_span" '
            f"WHERE id > {largest['status_span']}",
        ]
    if sqlite:
        with _sqlite() as connection:
            connection.execute("ATTACH DATABASE ? AS copy", (str(_TMP / f"copy-{name}.sqlite3"),))
            connection.executescript("BEGIN IMMEDIATE;\n" + ";\n".join(script) + ";\nCOMMIT;")
            connection.execute("DETACH DATABASE copy")
        return
    script += [  # the next ids follow the copied rows, as after making them
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
        f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
        for table in tables
    ]
    run(_postgresql_script(["BEGIN", *script, "COMMIT"]))


def _sqlite():
    import contextlib
    import sqlite3

    return contextlib.closing(
        sqlite3.connect(db.sqlite_path(DATABASE_URL), isolation_level=None, timeout=30)
    )


async def _postgresql_script(script: list[str]) -> None:
    connection = await db.engine().get_new_connection()
    try:
        await connection.execute(";\n".join(script))
    finally:
        await connection.close()


PASSWORD = "rahasia-bersama-1"
ACCOUNTS = {
    "admin": ("admin", []),
    "ntt": ("secretariat", ["ntt"]),
    "bali": ("secretariat", ["bali"]),
    "viewer": ("viewer", []),
    "notulis": ("notulis", []),
}


@pytest.fixture
def accounts(seeded) -> dict[str, str]:
    """One account per role (two secretariats), all with PASSWORD: made for
    real once in a run, then copied back with the seeds (`_copied`)."""
    from tracker.accounts.users import add_user

    async def create():
        for name, (role, parties) in ACCOUNTS.items():
            await add_user(name, role, PASSWORD, parties, f"Pengguna {name}")

    def make() -> dict[str, str]:
        run(create())
        return {name: PASSWORD for name in ACCOUNTS}

    return dict(_copied("accounts", make, ("tracker_user", "user_party", "audit_entry")))


def csrf(client) -> str:
    """The CSRF token a form would carry (Litestar sets it as a cookie on any GET)."""
    if not client.cookies.get("csrftoken"):
        client.get("/login")
    return client.cookies.get("csrftoken")


def login(client, username: str, password: str = PASSWORD):
    response = client.post(
        "/login",
        data={"username": username, "password": password, "_csrf_token": csrf(client)},
        follow_redirects=False,
    )
    return response


@pytest.fixture
def as_user(client, accounts):
    """Log the test client in: `as_user("ntt")`."""

    def log_in(username: str):
        response = login(client, username)
        assert response.status_code in (302, 303), response.text
        return client

    return log_in


@pytest.fixture(scope="session")
def app():
    """One app for the whole run: it keeps no state between requests that the
    database does not hold (its per-process caches are reset by clean_database)."""
    from tracker.web.app import create_app

    return create_app(pool=False)


@pytest.fixture
def client(app):
    from litestar.testing import TestClient

    with TestClient(app=app) as test_client:
        yield test_client


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's, never a download


@pytest.fixture(scope="module")
def _module_chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def chromium(_module_chromium) -> Iterator:
    """Chromium, started once per test module: starting Playwright and the
    browser took over a second, most of a short journey. Each journey opens
    its own contexts (cookies, storage, viewport, JavaScript on or off), and
    they are closed after it. While the browser runs, Playwright's event loop
    runs in this thread: database calls from tests go through `run`."""
    yield _module_chromium
    for context in _module_chromium.contexts:
        context.close()


def log_in_browser(page, base: str, username: str, next_path: str = "") -> None:
    """Log `page` in through the login form, as a person would (`next_path`:
    where the form sends them after, as `?next=` already encoded)."""
    page.goto(f"{base}/login" + (f"?next={next_path}" if next_path else ""))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(seeded: SyncReport) -> Iterator[str]:
    """`tracker serve --workers 2` as a real process, over real TCP."""
    yield from serve(workers=2)


def serve(workers: int = 2, **extra_env: str) -> Iterator[str]:
    """Start the server; its output goes to a log file shown if it fails to start."""
    port = free_port()
    log = open(_TMP / f"server-{port}.log", "w+b")  # noqa: SIM115 - closed below
    env = {
        **os.environ,
        "TRACKER_DATABASE": DATABASE_URL,
        "TRACKER_AGREEMENTS": str(SEED_DIR),
        "TRACKER_NOTIFY_INTERVAL": "0",  # no notify runs unless a test asks for them
        **extra_env,
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracker",
            "serve",
            "--workers",
            str(workers),
            "--port",
            str(port),
            "--no-sync",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


def _wait_for(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("server did not start within 30 s")
