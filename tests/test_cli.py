"""The `tracker` command as a user runs it: real processes, exit codes, JSON shapes."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from conftest import DATABASE_URL, ROOT, SEED_DIR, free_port, rows, run

from tracker import db


def generator():
    """bench/generate.py, the seeded script behind every benchmark's data."""
    path = ROOT / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tracker(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DATABASE": DATABASE_URL, "TRACKER_AGREEMENTS": str(SEED_DIR)}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_output_to_a_closed_pipe_is_no_traceback():
    """`tracker check | head -1` closes the pipe early: the command stops
    quietly, as other Unix commands do, instead of a Python traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    env = {**os.environ, "TRACKER_DATABASE": DATABASE_URL, "TRACKER_AGREEMENTS": str(SEED_DIR)}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tracker", "check", "agreements/"],
            cwd=ROOT, env=env, stdout=write_end, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr
    assert result.returncode == 1


def test_check_seed_documents_as_json():
    result = tracker("check", "agreements/", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == []
    files = {f["id"]: f for f in report["files"]}
    agreement = files["harmoni-bali-ntt"]
    assert agreement["type"] == "agreement" and agreement["signed"] == "2026-01-28"
    assert len(agreement["commitments"]) == 5
    assert {"pm-01", "pm-02"} <= {a["id"].lower() for a in agreement["actions"]}
    minutes = files["rakor-denpasar-2026-01-30"]
    assert minutes["type"] == "minutes" and minutes["follows"] == ["harmoni-bali-ntt"]
    assert all(a["due"] is None for f in report["files"] for a in f["actions"])
    assert set(report["files"][0]) == {
        "path",
        "id",
        "type",
        "title",
        "signed",
        "date",
        "follows",
        "parties",
        "commitments",
        "actions",
    }


def test_check_text_format_and_exit_status(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(
        "---\nid: x\ntitle: X\nsigned: 2026-01-01\nparties:\n  bali: Bali\n---\n\n## A\n\n- [ ] **A-1** T\n  - owner: bali\n  - tenggatt: 2026-01-02\n"
    )
    result = tracker("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:13: error: unknown field `tenggatt`" in result.stdout
    assert "did you mean `tenggat`" in result.stdout
    assert "1 error(s)" in result.stdout.splitlines()[-1]


def test_check_lists_a_files_problems_in_line_order(tmp_path):
    """A party check runs after the file is read: its error still comes in
    its line's place, not after every other."""
    bad = tmp_path / "urut.md"
    bad.write_text(
        "---\nid: urut\ntitle: Urutan\nsigned: 2026-01-01\nparties:\n  bali: Bali\n---\n\n## A\n\n"
        "- [ ] **A-1** Satu\n  - owner: bali\n  - due: 2026-02-30\n"
        "- [ ] **A-2** Dua\n  - owner: nt\n  - target: 1.000 orang\n"
        "- [ ] **A-3** Tiga\n  - owner: bali\n  - deu: 2026-03-01\n"
    )
    for fmt in ("text", "json"):
        result = tracker("check", "--format", fmt, str(bad))
        if fmt == "json":
            lines = [e["line"] for e in json.loads(result.stdout)["errors"]]
        else:
            lines = [int(line.split(":")[1]) for line in result.stdout.splitlines()[:-1]]
        assert lines == [13, 15, 16, 19], (fmt, lines)


def test_check_bad_usage_exits_2():
    assert tracker("check", "no/such/folder").returncode == 2
    assert tracker("check", "--colour").returncode == 2


def test_check_writes_nothing():
    tracker("check", "agreements/", "--format", "json")
    assert rows("document") == []


def test_sync_json_then_unchanged():
    first = tracker("sync", "--format", "json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert {f["result"] for f in report["files"]} == {"synced"}
    assert set(report["files"][0]) == {
        "path",
        "id",
        "result",
        "created",
        "amended",
        "withdrawn",
        "restored",
        "marked_done",
    }
    second = json.loads(tracker("sync", "--format", "json").stdout)
    assert {f["result"] for f in second["files"]} == {"unchanged"}


def test_a_sync_with_nothing_changed_imports_no_parser_and_no_translations():
    """A no-op sync skips every file unparsed and prints no translated text:
    it must not pay for importing markdown-it, PyYAML or Babel (issue 15's
    budget for it is 0.3 s, most of it starting Python)."""
    assert tracker("sync").returncode == 0
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "sys.argv = ['tracker', 'sync', '--format', 'json']\n"
        "assert main() == 0\n"
        "print(sorted(m for m in ('markdown_it', 'yaml', 'babel') if m in sys.modules))\n"
    )
    env = {**os.environ, "TRACKER_DATABASE": DATABASE_URL, "TRACKER_AGREEMENTS": str(SEED_DIR)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    report, imported = _last_two(result.stdout)
    assert {f["result"] for f in json.loads(report)["files"]} == {"unchanged"}
    assert imported == "[]"


def _last_two(out: str) -> tuple[str, str]:
    """The JSON report printed by the sync, and the line printed after it."""
    body, _, last = out.rstrip("\n").rpartition("\n")
    return body, last


def test_sync_rejected_file_exits_1(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# no front matter\n")
    result = tracker("sync", str(bad), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files"][0]["result"] == "rejected"
    assert report["errors"][0]["line"] == 1


def test_migrate_is_idempotent():
    result = tracker("migrate")
    assert result.returncode == 0 and "up to date" in result.stdout


def test_a_cold_sync_into_a_new_database_stores_what_a_migrated_one_does(tmp_path, fresh_database):
    """Into a new database the files are parsed (in the parser processes) while
    the migrations run; the rows it keeps are those of a sync into a database
    already migrated, where parsing waits for the list of changed files."""
    assert len(os.sched_getaffinity(0)) >= 2, "the parser processes need two cores"
    folder = tmp_path / "agreements"
    folder.mkdir()
    rng = random.Random(7)
    for number in range(1, 7):  # enough files for the parser processes
        text = generator().document(rng, number, 24, regions=True)
        (folder / f"bench-{number:03d}.md").write_text(text)

    def synced(url: str) -> dict[str, list[tuple]]:
        env = {**os.environ, "TRACKER_DATABASE": url, "TRACKER_AGREEMENTS": str(folder)}
        result = subprocess.run(
            [sys.executable, "-m", "tracker", "sync", "--format", "json"],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        assert [f["result"] for f in json.loads(result.stdout)["files"]] == ["synced"] * 6
        return run(_what_sync_stored(db.engine_from_url(url)))

    new = synced(fresh_database)
    assert len(new["actions"]) == 6 * 24 and new["parts"] and new["parties"]
    assert new == synced(DATABASE_URL)


def test_a_cold_sync_refuses_what_any_sync_refuses(tmp_path, fresh_database):
    """Into a new database each agreement is written as soon as it is parsed,
    minutes once every file is: the files refused and their messages are those
    of a sync into a database already migrated (minutes before the agreement
    they follow; an id used twice; minutes following nothing known)."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    rakor = (ROOT / "agreements" / "rakor-denpasar-2026-01-30.md").read_text()
    rng = random.Random(3)
    files = {
        "a-rakor-lost.md": rakor.replace(  # refused: reported first, as any sync does
            "id: rakor-denpasar-2026-01-30", "id: rakor-hilang"
        ).replace("follows: [harmoni-bali-ntt]", "follows: [tidak-ada]"),
        "b-rakor.md": rakor,  # follows the agreement of the last file
        "c-bench.md": generator().document(rng, 1, 12),
        "d-same-id.md": generator().document(rng, 1, 12),  # bench-001 again: refused
        "z-harmoni.md": (ROOT / "agreements" / "harmoni-bali-ntt.md").read_text(),
    }
    for name, text in files.items():
        (folder / name).write_text(text)

    def synced(url: str) -> dict:
        env = {**os.environ, "TRACKER_DATABASE": url, "TRACKER_AGREEMENTS": str(folder)}
        result = subprocess.run(
            [sys.executable, "-m", "tracker", "sync", "--format", "json"],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 1, result.stdout + result.stderr  # some files refused
        return json.loads(result.stdout)

    new = synced(fresh_database)
    results = {Path(f["path"]).name: f["result"] for f in new["files"]}
    assert results == {
        "a-rakor-lost.md": "rejected", "b-rakor.md": "synced", "c-bench.md": "synced",
        "d-same-id.md": "rejected", "z-harmoni.md": "synced",
    }  # fmt: skip
    assert any("already used by" in str(e) for e in new["errors"])
    assert any("tidak-ada" in str(e) for e in new["errors"])
    migrated = synced(DATABASE_URL)
    assert [(f["path"], f["result"]) for f in new["files"]] == [
        (f["path"], f["result"]) for f in migrated["files"]
    ]
    assert new["errors"] == migrated["errors"]


async def _what_sync_stored(engine) -> dict[str, list[tuple]]:
    """Documents, actions, their parts and parties, named by slug, code and key (not ids)."""
    queries = {
        "documents": "SELECT slug, title, content_hash FROM document",
        "actions": "SELECT d.slug, a.code, a.title, a.due, a.position FROM action a "
        "JOIN document d ON d.id = a.document",
        "parts": "SELECT a.code, d.slug, p.key, p.label, o.key, p.position FROM part p "
        "JOIN action a ON a.id = p.action JOIN document d ON d.id = a.document "
        "JOIN party o ON o.id = p.owner",
        "parties": "SELECT a.code, d.slug, y.key, ap.role, ap.position FROM action_party ap "
        "JOIN action a ON a.id = ap.action JOIN document d ON d.id = a.document "
        "JOIN party y ON y.id = ap.party",
    }
    return {
        name: sorted(tuple(str(v) for v in row.values()) for row in await engine.run_ddl(sql))
        for name, sql in queries.items()
    }


def test_sync_says_which_documents_it_withdrew_and_restored(tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    source = (SEED_DIR / "harmoni-bali-ntt.md").read_bytes()
    (folder / "harmoni.md").write_bytes(source)
    env = {**os.environ, "TRACKER_DATABASE": DATABASE_URL, "TRACKER_AGREEMENTS": str(folder)}

    def sync() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "tracker", "sync"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    sync()
    (folder / "harmoni.md").unlink()
    assert (
        "harmoni-bali-ntt: withdrawn (its file is gone or now holds another id; history kept)"
        in sync()
    )
    (folder / "harmoni.md").write_bytes(source)
    assert "harmoni-bali-ntt: restored (its file is back; history kept)" in sync()


def test_commands_that_read_refuse_a_missing_database_instead_of_making_one(tmp_path):
    """Run from the wrong folder, they would answer from a new, empty tracker
    (and `backup` would then copy it): they say where they looked instead."""
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE"}
    expected = tmp_path / "var" / "tracker.sqlite3"
    for command in (
        ["user", "list"],
        ["user", "passwd", "admin"],
        ["minutes", "list"],
        ["minutes", "export", "rakor-x", "--format", "md"],
        ["notify", "--no-send"],
        ["backup", str(tmp_path / "salinan.backup")],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "tracker", *command],
            cwd=tmp_path,
            env=env,
            input="",
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        [line] = result.stderr.splitlines()
        assert line.startswith(f"tracker {command[0]}")
        assert f"no database at {expected}" in line and "TRACKER_DATABASE" in line
        assert not expected.exists(), command
    assert not (tmp_path / "salinan.backup").exists()


def _one_line_refusal(command: list[str], url: str, secret: str) -> str:
    """Run `command` against `url`: status 1 and one line on stderr, which
    names TRACKER_DATABASE and never the password."""
    result = subprocess.run(
        [sys.executable, "-m", "tracker", *command],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DATABASE": url, "TRACKER_AGREEMENTS": str(SEED_DIR)},
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, (command, result.stderr)
    [line] = result.stderr.splitlines()
    assert line.startswith(f"tracker {command[0]}: ") and "TRACKER_DATABASE" in line, line
    assert secret not in line + result.stdout
    return line


DB_COMMANDS = (
    ["migrate"],
    ["sync"],
    ["user", "list"],
    ["user", "add", "baru", "--role", "viewer"],
    ["minutes", "list"],
    ["notify"],
    ["backup", "/nonexistent/x.backup"],
    ["serve", "--port", "1", "--host", "256.0.0.1"],
)


def test_an_unsupported_database_url_is_refused_in_one_line():
    for command in [*DB_COMMANDS, ["check"]]:
        line = _one_line_refusal(command, "mysql://pengguna:rahasia-sql@db/tracker", "rahasia")
        assert "mysql://pengguna:***@db/tracker" in line and "postgresql://" in line


def test_an_unreachable_postgresql_server_is_one_line_not_a_traceback():
    url = "postgresql://pengguna:rahasia-pg@127.0.0.1:1/tracker"
    for command in DB_COMMANDS:
        if command[0] == "serve":
            command = ["serve", "--port", str(free_port())]
        line = _one_line_refusal(command, url, "rahasia")
        assert "cannot connect" in line and "127.0.0.1:1" in line and "refused" in line, line
    checked = tracker("check", str(SEED_DIR / "harmoni-bali-ntt.md"))
    assert checked.returncode == 0
    unreachable = subprocess.run(
        [sys.executable, "-m", "tracker", "check", str(SEED_DIR / "harmoni-bali-ntt.md")],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DATABASE": url},
        capture_output=True,
        text=True,
    )
    assert unreachable.returncode == 0
    [line] = unreachable.stderr.splitlines()  # no Piccolo warning in colour codes first
    assert line.startswith("tracker check: database not reachable") and "\x1b" not in line


def _postgresql_server() -> str:
    """The server scripts/test started (TRACKER_TEST_PG_SERVER), or, for this
    file run on its own (`pytest tests/test_cli.py`), the one scripts/postgres
    starts: a KeyError said nothing of what was missing."""
    if url := os.environ.get("TRACKER_TEST_PG_SERVER"):
        return url
    done = subprocess.run(["scripts/postgres"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, "no PostgreSQL server for this test: " + done.stderr
    return done.stdout.strip()


def test_a_missing_postgresql_database_is_one_line():
    """What a PostgreSQL server answers for a database it lacks: in both passes,
    from the server scripts/test starts (TRACKER_TEST_PG_SERVER)."""
    server = DATABASE_URL if not db.is_sqlite_url(DATABASE_URL) else _postgresql_server()
    url = server.rsplit("/", 1)[0] + "/tracker_tidak_ada"
    for command in (["migrate"], ["user", "list"], ["serve", "--port", str(free_port())]):
        line = _one_line_refusal(command, url, "\0")
        assert "tracker_tidak_ada" in line and "does not exist" in line


def test_bad_settings_are_refused_in_one_line_that_says_what_to_give():
    env = {**os.environ, "TRACKER_DATABASE": DATABASE_URL}
    for name, value, hint in (
        ("TRACKER_PUBLIC_READ", "kadang", "yes or no"),
        ("TRACKER_NOTIFY_INTERVAL", "abc", "whole number of seconds"),
        ("TRACKER_NOTIFY_INTERVAL", "-5", "whole number of seconds"),
        ("TRACKER_PASSWORD_COST", "high", "whole number from 10 to 18"),
        ("TRACKER_SECRET", "abc", "secrets.token_hex(32)"),
    ):
        for command in (["user", "list"], ["serve", "--port", str(free_port())]):
            result = subprocess.run(
                [sys.executable, "-m", "tracker", *command],
                cwd=ROOT,
                env={**env, name: value},
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert result.returncode == 1, (name, value, result.stderr)
            [line] = result.stderr.splitlines()
            assert line.startswith(f"tracker {command[0]}: {name}") and hint in line, line
            if name == "TRACKER_SECRET":
                assert "abc" not in line.split(":", 1)[1]  # even a bad secret isn't echoed


def test_yes_and_no_settings_are_read_in_any_case(monkeypatch):
    from tracker.settings import Settings

    for value, expected in (
        ("True", True),
        ("YES", True),
        ("on", True),
        ("No", False),
        ("", False),
    ):
        monkeypatch.setenv("TRACKER_PUBLIC_READ", value)
        assert Settings.from_env().public_read is expected, value


def test_serve_help_gives_each_options_meaning_and_default():
    """`tracker serve --help` listed `--host HOST`, `--port PORT` and
    `--workers WORKERS` with neither meaning nor default (docs/cli.md has both)."""
    result = tracker("serve", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--host HOST the address to listen on (default: 127.0.0.1)" in text
    assert "--port PORT the port (default: 8000)" in text
    assert "--workers N worker processes, at least 1 (default: 1)" in text
    assert "(default), or one JSON object" in " ".join(tracker("check", "-h").stdout.split())


def test_setup_finds_the_pdf_libraries_on_a_normal_users_path():
    """Debian puts ldconfig in /sbin, outside a normal user's PATH: scripts/setup
    (so every scripts/run and scripts/test) saw no Pango and ran `sudo apt-get`
    at each start, failing without sudo rights. The machines running this
    test have Pango and DejaVu (the PDF tests need them)."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/")}
    done = subprocess.run(["scripts/pdf-libraries"], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode == 0, done
    assert "if ! scripts/pdf-libraries; then" in (ROOT / "scripts" / "setup").read_text()


def test_disabling_a_disabled_account_changes_nothing():
    """A second `user disable` said "disabled; its sessions were ended" again
    and wrote a second "disabled" entry in the audit log."""
    added = subprocess.run(
        [sys.executable, "-m", "tracker", "user", "add", "sek-dua", "--role", "viewer"],
        input="a-long-password\n", env={**os.environ, "TRACKER_DATABASE": DATABASE_URL},
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert tracker("user", "disable", "sek-dua").stdout.strip() == (
        "user sek-dua disabled; its sessions were ended"
    )
    again = tracker("user", "disable", "sek-dua")
    assert again.returncode == 0
    assert again.stdout.strip() == "user sek-dua was already disabled; nothing changed"
    assert [e["action"] for e in rows("audit_entry") if e["target"] == "sek-dua"].count(
        "user.disable"
    ) == 1
