"""The `tracker` command as a user runs it: real processes, exit codes, JSON shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import DATABASE_URL, ROOT, SEED_DIR, rows


def tracker(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DATABASE": DATABASE_URL, "TRACKER_AGREEMENTS": str(SEED_DIR)}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


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
