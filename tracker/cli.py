"""The `tracker` command: check, sync, migrate, serve.

Imports are deferred to each command so that `tracker check` and a no-op
`tracker sync` start fast (the web stack is only loaded by `serve`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from tracker.settings import Settings

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
        p.add_argument("--format", choices=("text", "json"), default="text")

    commands.add_parser("migrate", help="apply database migrations")

    p = commands.add_parser("serve", help="run the web server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--no-sync", action="store_true", help="do not sync the agreements folder first")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    handler = {"check": cmd_check, "sync": cmd_sync, "migrate": cmd_migrate, "serve": cmd_serve}
    try:
        return handler[args.command](args, settings)
    except _Usage as exc:
        print(f"tracker {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE


class _Usage(Exception):
    pass


def _emit(fmt: str, payload: dict[str, Any], summary: str) -> None:
    """JSON as the format specifies, or one line per diagnostic and a summary."""
    if fmt == "json":
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for kind in ("errors", "warnings"):
        for d in payload[kind]:
            print(f"{d['path']}:{d['line']}: {kind[:-1]}: {d['message']}")
    print(f"{summary}: {len(payload['errors'])} error(s), {len(payload['warnings'])} warning(s)")


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.agreements.checker import UsageError, check_documents, collect_paths, read_document

    try:
        paths = collect_paths(args.paths or [settings.agreements_dir])
    except UsageError as exc:
        raise _Usage(exc) from exc
    docs = [read_document(p)[1] for p in paths]
    given = {d.path for d in docs}
    known = {k: v for k, v in asyncio.run(_known_parties()).items() if v[0] not in given}
    check_documents(docs, {k: parties for k, (_, parties) in known.items()})
    payload = {
        "files": [d.as_dict() for d in docs],
        "errors": [e.as_dict() for d in docs for e in d.errors],
        "warnings": [w.as_dict() for d in docs for w in d.warnings],
    }
    actions = sum(len(d.actions) for d in docs)
    _emit(args.format, payload, f"{len(docs)} file(s), {actions} action(s)")
    return EXIT_ERRORS if payload["errors"] else EXIT_OK


async def _known_parties() -> dict[str, tuple[str, dict[str, str]]]:
    """Documents already synced (id -> path, parties), if there is a database to ask.

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
    except (OSError, ConnectionError) as exc:
        print(
            f"tracker check: database not reachable ({exc}); checking files alone", file=sys.stderr
        )
        return {}
    return {slug: (row["path"], parties_of(row)) for slug, row in rows.items()}


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.agreements.checker import UsageError
    from tracker.agreements.sync import sync_paths

    try:
        report = asyncio.run(sync_paths(args.paths, settings.agreements_dir))
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
            print(f"{slug}: withdrawn (its file is gone; history kept)")
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


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from tracker import db

    asyncio.run(db.ensure_migrated())
    if not args.no_sync:
        status = cmd_sync(argparse.Namespace(paths=[], format="text"), settings)
        if status != EXIT_OK:
            print("tracker serve: some agreement files were rejected (see above)", file=sys.stderr)
    print(f"Tracker at http://{args.host}:{args.port}", flush=True)
    uvicorn.run(
        "tracker.web.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
    )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
