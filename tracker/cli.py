"""The `tracker` command: check, sync, migrate, serve.

Imports are deferred to each command so that `tracker check` and a no-op
`tracker sync` start fast (the web stack is only loaded by `serve`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracker import i18n
from tracker.settings import Settings, SettingsError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracker", description="Bali–NTT agreement and action-item tracker."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, text in (
        ("check", "check agreement files; writes nothing"),
        ("sync", "sync agreement files into the database"),
    ):
        p = commands.add_parser(name, help=text, description=text)
        p.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="files or folders (default: the agreements folder)",
        )
        p.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="one line per diagnostic (default), or one JSON object (docs/cli.md)",
        )

    commands.add_parser("migrate", help="apply database migrations")

    user = commands.add_parser("user", help="manage accounts").add_subparsers(
        dest="user_command", required=True, metavar="ACTION"
    )
    p = user.add_parser("add", help="add an account (password from a prompt or stdin)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("admin", "secretariat", "viewer", "notulis"))
    p.add_argument(
        "--party",
        action="append",
        default=[],
        metavar="KEY",
        help="a party the secretariat acts for (repeatable)",
    )
    p.add_argument("--display-name", help="the name shown on updates (default: NAME)")
    p.add_argument("--email", help="the address notifications are mailed to")
    p.add_argument(
        "--language", choices=("id", "en"), help="the language of its mail (default: id)"
    )
    p = user.add_parser("edit", help="change an account's email address or mail language")
    p.add_argument("name")
    p.add_argument("--email", help="the address notifications are mailed to ('' for none)")
    p.add_argument("--language", choices=("id", "en"), help="the language of its mail")
    user.add_parser("list", help="list accounts")
    p = user.add_parser("passwd", help="set a new password (ends the account's sessions)")
    p.add_argument("name")
    p = user.add_parser("disable", help="disable an account (ends its sessions; history stays)")
    p.add_argument("name")
    p = user.add_parser("enable", help="enable a disabled account again")
    p.add_argument("name")

    minutes = commands.add_parser("minutes", help="Rakor minutes").add_subparsers(
        dest="minutes_command", required=True, metavar="SUBCOMMAND"
    )
    minutes.add_parser("list", help="list meetings: id, state, versions, date, title")
    p = minutes.add_parser("export", help="write finalized minutes as PDF, DOCX or Markdown")
    p.add_argument("meeting", help="the meeting's id, e.g. rakor-2026-11-20-kupang")
    p.add_argument("--format", required=True, choices=("pdf", "docx", "md"))
    p.add_argument("--lang", choices=("id", "en"), help="labels in this language (default: id)")
    p.add_argument("--version", type=int, help="a finalized version (default: the latest)")
    p.add_argument(
        "-o", "--output", help="file to write (default: notulen-ID-vN.FORMAT here; - for stdout)"
    )

    p = commands.add_parser(
        "notify",
        help="plan today's reminders, digests and expiry notices, then send pending mail",
        description="Plan what is due today (WITA, from 07:00) and send pending mail, once; "
        "for cron or a systemd timer. Safe to run often and alongside `tracker serve`.",
    )
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="plan as if on this day (catch-up, tests); the time of day is not checked",
    )
    p.add_argument("--no-send", action="store_true", help="plan only; send nothing")
    p.add_argument(
        "--wait", action="store_true", help="wait for a run in progress instead of skipping"
    )
    p.add_argument("--quiet", action="store_true", help="print only problems")

    p = commands.add_parser(
        "backup", help="write a consistent copy of the database (safe while serving)"
    )
    p.add_argument("path", metavar="PATH", help="the backup file to create (must not exist)")
    p = commands.add_parser(
        "restore", help="replace the database by a backup (refused while a server runs)"
    )
    p.add_argument("path", metavar="PATH", help="a file made by `tracker backup`")

    p = commands.add_parser("serve", help="run the web server")
    p.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: %(default)s)"
    )
    p.add_argument("--port", type=int, default=8000, help="the port (default: %(default)s)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes, at least 1 (default: %(default)s)",
    )
    p.add_argument("--no-sync", action="store_true", help="do not sync the agreements folder first")
    p.add_argument(
        "--demo-accounts",
        action="store_true",
        help="on a fresh SQLite database, create one demo account per role and print them",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"tracker {args.command}: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    problem = _unreachable(args.command, settings)
    if problem:
        print(f"tracker {args.command}: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    handler = {
        "check": cmd_check,
        "sync": cmd_sync,
        "migrate": cmd_migrate,
        "serve": cmd_serve,
        "user": cmd_user,
        "minutes": cmd_minutes,
        "backup": cmd_backup,
        "restore": cmd_restore,
        "notify": cmd_notify,
    }
    try:
        return handler[args.command](args, settings)
    except _Usage as exc:
        print(f"tracker {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader is gone (`tracker check | head`): stop quietly, as Unix
        # commands do, and keep Python's exit from failing to flush it again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERRORS


class _Usage(Exception):
    pass


def _unreachable(command: str, settings: Settings) -> str | None:
    """Why a command can't use the PostgreSQL database, before it starts (None
    if it can, or on SQLite). `check` carries on without one, by itself."""
    if command == "check" or not settings.database_url.startswith("postgres"):
        return None
    from tracker import db

    return asyncio.run(db.connection_problem(settings.database_url))


def _iso_date(value: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _emit(fmt: str, payload: dict[str, Any], summary: str) -> None:
    """JSON as the format specifies, or one line per diagnostic and a summary;
    either way in file and line order (checks run pass by pass, so a file's
    problems are found out of order)."""
    for kind in ("errors", "warnings"):
        payload[kind].sort(key=lambda d: (str(d.get("path") or ""), d.get("line") or 0))
    if fmt == "json":
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for kind in ("errors", "warnings"):
        for d in payload[kind]:
            print(f"{d['path']}:{d['line']}: {kind[:-1]}: {d['message']}")
    print(f"{summary}: {len(payload['errors'])} error(s), {len(payload['warnings'])} warning(s)")


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.agreements.checker import (
        UsageError,
        check_desa_adat_lists,
        check_documents,
        collect_paths,
        read_document,
    )

    try:
        paths = collect_paths(args.paths or [settings.agreements_dir])
    except UsageError as exc:
        raise _Usage(exc) from exc
    docs = [read_document(p)[1] for p in paths]
    given = {d.path for d in docs}
    known = {k: v for k, v in asyncio.run(_known_parties()).items() if v[0] not in given}
    withdrawn = {k for k, (_, _, gone) in known.items() if gone}
    check_documents(docs, {k: parties for k, (_, parties, _) in known.items()}, withdrawn)
    lists = check_desa_adat_lists(args.paths or [settings.agreements_dir])
    payload = {
        "files": [d.as_dict() for d in docs],
        "errors": [e.as_dict() for e in lists] + [e.as_dict() for d in docs for e in d.errors],
        "warnings": [w.as_dict() for d in docs for w in d.warnings],
    }
    actions = sum(len(d.actions) for d in docs)
    _emit(args.format, payload, f"{len(docs)} file(s), {actions} action(s)")
    return EXIT_ERRORS if payload["errors"] else EXIT_OK


async def _known_parties() -> dict[str, tuple[str, dict[str, str], bool]]:
    """Documents already synced (id -> path, parties, withdrawn), if there is a database to ask.

    `check` never creates or migrates a database: without one, it knows only the
    files it was given.
    """
    from tracker import db

    engine = db.engine()
    if db.is_sqlite(engine) and not os.path.exists(engine.path):
        return {}
    try:
        from tracker.agreements.sync import known_documents, parties_of
        from tracker.agreements.tables import Document

        if not await Document.table_exists().run():
            return {}
        rows = await known_documents()
    except Exception as exc:  # noqa: BLE001 - any database trouble: check the files alone
        print(
            f"tracker check: database not reachable ({exc}); checking files alone", file=sys.stderr
        )
        return {}
    return {
        slug: (row["path"], parties_of(row), row["withdrawn_at"] is not None)
        for slug, row in rows.items()
    }


MAX_PARSERS = 8


@contextlib.contextmanager
def _parsers(spare: int = 0):
    """A parser of many files with a process per core (`spare` cores left
    free), forked now, before the database's threads exist (forking a threaded
    process is unsafe); None on one core."""
    cores = min(len(os.sched_getaffinity(0)), MAX_PARSERS)  # the cores this process may use
    if cores < 2:
        yield None
        return
    cores = max(1, cores - spare)
    import multiprocessing

    from tracker.agreements.checker import parse_bytes

    try:
        pool = multiprocessing.get_context("fork").Pool(cores)
    except OSError:  # no /dev/shm, no fork: parse one file after another
        yield None
        return
    with pool:
        yield _PoolParser(pool, parse_bytes)


class _PoolParser:
    """Parses files in the pool's processes: now (a call), or `later`, one
    awaitable per file the event loop stays free (and interruptible) while
    waiting for, so that a new database's sync writes each document as soon
    as it is parsed."""

    def __init__(self, pool: Any, parse: Any) -> None:
        self.pool, self.parse = pool, parse

    def __call__(self, items: list) -> list:
        return self.pool.starmap(self.parse, items, chunksize=4)

    def later(self, items: list) -> list[asyncio.Future]:
        loop = asyncio.get_running_loop()
        return [self._submit(loop, item) for item in items]

    def _submit(self, loop: asyncio.AbstractEventLoop, item: tuple) -> asyncio.Future:
        done = loop.create_future()

        def settle(result: Any, error: BaseException | None) -> None:
            if done.done():
                return  # cancelled meanwhile (Ctrl-C, a failed migration)
            if error is None:
                done.set_result(result)
            else:
                done.set_exception(error)

        def deliver(result: Any, error: BaseException | None) -> None:
            with contextlib.suppress(RuntimeError):  # the loop has ended: nobody waits
                loop.call_soon_threadsafe(settle, result, error)

        self.pool.apply_async(
            self.parse,
            item,
            callback=lambda result: deliver(result, None),
            error_callback=lambda error: deliver(None, error),
        )
        return done


async def _pooled(work: Any) -> Any:
    """Await `work` with a connection pool on PostgreSQL (`db.pooled`)."""
    from tracker import db

    async with db.pooled():
        return await work


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.agreements.checker import UsageError
    from tracker.agreements.sync import sync_paths

    # On PostgreSQL a core stays free for the database server: a new
    # database's documents are written while the others are parsed, and on
    # two cores two parsers slowed the writing more than they sped the parsing
    # (a cold sync of dataset M: 1.47-1.58 s against 1.66-1.85 s).
    spare = 0 if settings.database_url.startswith("sqlite") else 1
    with _parsers(spare) as parser:
        try:
            report = asyncio.run(_pooled(sync_paths(args.paths, settings.agreements_dir, parser)))
        except UsageError as exc:
            raise _Usage(exc) from exc
    payload = report.as_dict()
    if args.format == "text":
        for f in report.files:
            changes = ", ".join(
                f"{name} {len(ids)}"
                for name, ids in (
                    ("created", f.created),
                    ("amended", f.amended),
                    ("withdrawn", f.withdrawn),
                    ("restored", f.restored),
                    ("marked done", f.marked_done),
                )
                if ids
            )
            print(f"{f.path}: {f.result}" + (f" ({changes})" if changes else ""))
        for slug in report.withdrawn_documents:
            print(f"{slug}: withdrawn (its file is gone or now holds another id; history kept)")
        for slug in report.restored_documents:
            print(f"{slug}: restored (its file is back; history kept)")
    counts = {
        r: sum(f.result == r for f in report.files) for r in ("synced", "unchanged", "rejected")
    }
    _emit(
        args.format,
        payload,
        f"{len(report.files)} file(s): " + ", ".join(f"{n} {r}" for r, n in counts.items()),
    )
    return EXIT_OK if report.ok else EXIT_ERRORS


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from tracker import db

    applied = asyncio.run(db.migrate())
    print(f"{len(applied)} migration(s) applied" if applied else "database is up to date")
    return EXIT_OK


def read_password(confirm: bool = True) -> str:
    """From a prompt (asked twice) or, when piped, the first line of stdin."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if confirm and getpass.getpass("Password (again): ") != first:
        raise _Usage("the passwords do not match")
    return first


def _no_database(command: str, settings: Settings) -> bool:
    """True, and says so, when TRACKER_DATABASE names a SQLite file that is not
    there. Commands that only read (or act on what must already exist) refuse
    it: creating the file would answer from a new, empty tracker, the usual
    sign of a command run from the wrong folder or without the server's
    environment. `migrate`, `sync`, `serve` and `user add` do create one."""
    from tracker import db

    if not db.is_sqlite_url(settings.database_url):
        return False
    path = db.sqlite_path(settings.database_url)
    if path.is_file():
        return False
    print(
        f"tracker {command}: no database at {path.absolute()}: run it from the tracker's "
        "folder, or set TRACKER_DATABASE to the tracker's database (this command never "
        "creates one)",
        file=sys.stderr,
    )
    return True


def cmd_minutes(args: argparse.Namespace, settings: Settings) -> int:
    """`minutes list` and `minutes export`: the same bytes as the web's downloads."""
    from tracker import db
    from tracker.minutes import finalize, meetings, outputs

    if _no_database(f"minutes {args.minutes_command}", settings):
        return EXIT_ERRORS

    async def run() -> int:
        await db.ensure_migrated()
        if args.minutes_command == "list":
            for m in await meetings.list_meetings(include_drafts=True):
                when = m["starts_at"].astimezone(i18n.WITA).strftime("%Y-%m-%d %H:%M")
                print(f"{m['slug']}\t{m['state']}\tv{m['version']}\t{when}\t{m['title']}")
            return EXIT_OK
        found = await finalize.version(args.meeting, args.version)
        if found is None:
            which = f"version {args.version}" if args.version else "finalized minutes"
            print(f"tracker minutes export: {args.meeting} has no {which}", file=sys.stderr)
            return EXIT_ERRORS
        if args.format == "pdf":  # the issued file, as the web serves it
            body = await _issued_notulen(args.meeting, found, args.lang, settings)
        else:
            body = outputs.render(found, args.format, args.lang)
        target = args.output or outputs.filename(args.meeting, found, args.format, args.lang)
        if target == "-":
            sys.stdout.buffer.write(body)
        else:
            Path(target).write_bytes(body)
            print(f"{target}: {args.format}, version {found['version']}, {len(body)} bytes")
        return EXIT_OK

    return asyncio.run(run())


async def _issued_notulen(slug: str, found: dict, lang: str | None, settings: Settings) -> bytes:
    """The notulen PDF under its verification code: the stored one if this
    version was issued before (on the web or here), else issued now."""
    from tracker.minutes import issued
    from tracker.notifications.compose import FALLBACK_BASE_URL
    from tracker.pdf import render_pdf
    from tracker.verification.register import COMMAND_LINE

    async def to_pdf(html: str) -> bytes:
        return render_pdf(html)

    base = settings.base_url or FALLBACK_BASE_URL
    return await issued.notulen_pdf(slug, found, lang, base, COMMAND_LINE, to_pdf)


def cmd_user(args: argparse.Namespace, settings: Settings) -> int:
    from tracker import db
    from tracker.accounts import users
    from tracker.accounts.passwords import WeakPassword
    from tracker.notifications import profile

    if args.user_command != "add" and _no_database(f"user {args.user_command}", settings):
        return EXIT_ERRORS

    async def run() -> int:
        await db.ensure_migrated()
        if args.user_command == "list":
            for u in await users.list_users():
                state = "disabled" if u["disabled"] else "active"
                parties = ",".join(u["parties"]) or "-"
                mail = u.get("email") or "-"
                print(
                    f"{u['username']}\t{u['role']}\t{parties}\t{state}\t{mail}\t{u['display_name']}"
                )
            return EXIT_OK
        if args.user_command in ("add", "edit") and args.email:
            try:
                profile.clean_email(args.email)
            except profile.InvalidEmail:
                raise users.UserError(
                    f"`{args.email}` is not a valid email address (like name@baliprov.go.id)"
                ) from None
        if args.user_command == "add":
            user_id = await users.add_user(
                args.name, args.role, read_password(), args.party, args.display_name
            )
            if args.email or args.language:
                await profile.save(
                    user_id, email=args.email, language=args.language, actor="cli", address="cli"
                )
            print(f"user {args.name} added ({args.role})")
        elif args.user_command == "edit":
            if args.email is None and args.language is None:
                raise users.UserError("nothing to change: give --email and/or --language")
            user_id = (await users._existing(args.name))["id"]
            await profile.save(
                user_id, email=args.email, language=args.language, actor="cli", address="cli"
            )
            print(f"user {args.name} changed")
        elif args.user_command == "passwd":
            await users._existing(args.name)  # an unknown name first, not "too short"
            await users.set_password(args.name, read_password())
            print(f"password of {args.name} changed; its sessions were ended")
        elif args.user_command == "disable":
            if await users.disable(args.name):
                print(f"user {args.name} disabled; its sessions were ended")
            else:
                print(f"user {args.name} was already disabled; nothing changed")
        elif args.user_command == "enable":
            await users.enable(args.name)
            print(f"user {args.name} enabled")
        return EXIT_OK

    try:
        return asyncio.run(run())
    except (users.UserError, WeakPassword) as exc:
        print(f"tracker user {args.user_command}: {exc}", file=sys.stderr)
        return EXIT_ERRORS


def cmd_notify(args: argparse.Namespace, settings: Settings) -> int:
    """Plan the day and send pending mail, once (exit 1 if mail is misconfigured)."""
    from tracker import db
    from tracker.notifications import runner

    if _no_database("notify", settings):
        return EXIT_ERRORS

    async def run() -> runner.RunReport:
        await db.ensure_migrated()
        return await runner.run_once(args.today, send=not args.no_send, wait=args.wait)

    report = asyncio.run(run())
    if not report.ran:
        if not args.quiet:
            print("another notify run is in progress; nothing done")
        return EXIT_OK
    lines = []
    if report.planned is not None:
        p = report.planned
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(p.by_kind.items())) or "none"
        lines.append(
            f"planned {p.day}: {p.decided} message(s) ({kinds}); "
            f"new: {p.notifications} notification(s), {p.mails} mail(s)"
        )
    lines += report.notes
    if report.mail == "off":
        lines.append("mail is off (TRACKER_SMTP_URL not set): nothing sent")
    elif report.sent is not None:
        s = report.sent
        lines.append(
            f"sent {s.sent}, to retry {s.retried}, failed {s.failed}, outdated {s.outdated}"
            + (f", recovered {s.recovered} interrupted" if s.recovered else "")
        )
    if not args.quiet:
        print("\n".join(lines))
    if report.sent is not None:
        for error in report.sent.errors:
            print(f"tracker notify: {error}", file=sys.stderr)
    if report.mail not in ("on", "off"):
        print(f"tracker notify: {report.mail}", file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    """A consistent copy of the database, evidence files included."""
    from tracker import backup

    if _no_database("backup", settings):
        return EXIT_ERRORS
    target = Path(args.path)
    try:
        backup.backup(settings.database_url, target)
    except backup.BackupError as exc:
        print(f"tracker backup: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"backup written to {target} ({target.stat().st_size:,} bytes)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    """Put a backup back; the database then holds exactly what the backup held."""
    from tracker import backup, db

    try:
        backup.restore(settings.database_url, Path(args.path))
    except backup.BackupError as exc:
        print(f"tracker restore: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    applied = asyncio.run(db.ensure_migrated())
    print(f"restored {args.path}" + (f"; {len(applied)} migration(s) applied" if applied else ""))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Prepare the database, then become the (lean) pre-fork supervisor."""
    from tracker import backup, db
    from tracker.accounts import demo, secrets

    if args.workers < 1:
        raise _Usage("--workers must be at least 1")
    if not 0 < args.port < 65536:
        raise _Usage("--port must be between 1 and 65535")
    from tracker.web.supervisor import check_address

    problem = check_address(args.host, args.port)  # before any work: say it at once
    if problem:
        print(f"tracker serve: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    applied = asyncio.run(db.ensure_migrated())
    if applied:
        print(f"database prepared ({len(applied)} migration(s) applied)")
    if not args.no_sync:
        status = cmd_sync(argparse.Namespace(paths=[], format="text"), settings)
        if status != EXIT_OK:
            print("tracker serve: some agreement files were rejected (see above)", file=sys.stderr)
    if args.demo_accounts:
        for line in asyncio.run(demo.create_demo_accounts()):
            print(line)
    # While it runs, `tracker restore` on this database refuses (see tracker/backup.py).
    backup.hold_server_lock(settings.database_url)
    os.environ["TRACKER_PG_APPLICATION"] = backup.SERVER_APPLICATION
    # Every worker (and every server on the same database) signs with one secret.
    os.environ["TRACKER_SECRET"] = asyncio.run(secrets.shared_secret())
    print(f"Tracker at http://{args.host}:{args.port} ({args.workers} worker(s))", flush=True)
    if settings.notify_interval:
        print(f"notifications planned and sent every {settings.notify_interval} s", flush=True)
    sys.stderr.flush()
    # glibc: give freed memory back to the system promptly (workers stay lean).
    for name, value in (
        ("MALLOC_ARENA_MAX", "2"),
        ("MALLOC_TRIM_THRESHOLD_", "131072"),
        ("MALLOC_MMAP_THRESHOLD_", "131072"),
    ):
        os.environ.setdefault(name, value)
    command = [
        sys.executable,
        "-m",
        "tracker.web.supervisor",
        "--host",
        args.host,
        "--port",
        str(args.port),
    ]
    os.execv(
        sys.executable,
        [
            *command,
            "--workers",
            str(args.workers),
            # reminders and digests: `tracker notify` every few minutes, one run at a time
            "--notify-interval",
            str(settings.notify_interval),
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
