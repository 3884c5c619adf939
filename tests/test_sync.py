"""Sync: idempotent, amendments, withdraw/restore, [x], and all-or-nothing per file."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_DIR, rows, run, sync

AGREEMENT = """\
---
id: uji
title: Kesepakatan uji
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
---

## Pembinaan

- [ ] **PM-01** Rekomendasi resmi
  - owner: ntt
  - due: 2026-06-30
- [ ] **PM-02** Syarat masuk
  - owner: bali
  - with: ntt
"""

TABLES = ("party", "document", "commitment", "action", "action_party", "amendment", "update")


def write(folder: Path, text: str, name: str = "uji.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot() -> dict[str, list[dict]]:
    return {t: rows(t) for t in TABLES}


def test_seed_documents_sync(seeded):
    results = {f.id: f for f in seeded.files}
    assert set(results) == {"harmoni-bali-ntt", "rakor-denpasar-2026-01-30"}
    assert all(f.result == "synced" for f in seeded.files)
    assert len(results["harmoni-bali-ntt"].created) >= 10
    assert results["rakor-denpasar-2026-01-30"].created
    assert len(rows("action")) == sum(len(f.created) for f in seeded.files)


def test_the_seed_copy_tests_start_from_is_what_a_sync_writes(seeded):
    """Tests after the first get the seed documents copied back from the
    rows the first sync wrote (`conftest.seeded`): those must be, table by
    table, the rows a real sync of the seeds writes now (times aside)."""
    import conftest

    def tables() -> dict[str, list[dict]]:
        return {t: [_timeless(r) for r in rows(t)] for t in conftest.TABLES}

    copied = tables()
    run(conftest._empty_tables())
    assert sync(folder=SEED_DIR).ok
    synced = tables()
    assert synced["document"] and synced["action"] and synced["part"]
    assert copied == synced
    run(conftest._empty_tables())
    conftest._restore_copy("seeded", conftest.TABLES, run(conftest._fingerprint(conftest.TABLES)))
    assert tables() == synced
    again = sync(folder=SEED_DIR)  # the copy holds what sync keeps of the files
    assert again.files and {f.result for f in again.files} == {"unchanged"}


def _timeless(row: dict) -> dict:
    """A row without the moments it was written at (two syncs differ there only)."""
    import datetime as dt

    return {
        k: v for k, v in row.items() if not isinstance(v, dt.datetime) and not k.endswith("_at")
    }


def test_sync_is_idempotent(agreements):
    path = write(agreements, AGREEMENT)
    first = sync(path)
    assert first.files[0].created == ["PM-01", "PM-02"]
    before = snapshot()
    second = sync(path)
    assert second.files[0].result == "unchanged"
    assert snapshot() == before


def test_changed_file_without_tracked_changes_is_synced_with_empty_lists(agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    write(agreements, AGREEMENT.replace("## Pembinaan\n", "## Pembinaan\n\nTeks baru.\n"))
    result = sync(path).files[0]
    assert result.result == "synced"
    assert (result.created, result.amended, result.withdrawn, result.restored) == ([], [], [], [])
    assert rows("amendment") == []
    assert "Teks baru." in rows("document")[0]["source"]


def test_amendments_record_old_and_new_with_the_revision(agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    changed = AGREEMENT.replace("Rekomendasi resmi", "Rekomendasi resmi daerah asal").replace(
        "due: 2026-06-30", "due: 2026-09"
    )
    write(agreements, changed)
    result = sync(path).files[0]
    assert result.amended == ["PM-01"]
    amendments = {(a["field"], a["old"], a["new"]) for a in rows("amendment")}
    assert amendments == {
        ("title", "Rekomendasi resmi", "Rekomendasi resmi daerah asal"),
        ("due", "2026-06-30", "2026-09-30"),
    }
    assert {a["revision"] for a in rows("amendment")} == {rows("document")[0]["content_hash"]}


def test_owner_change_is_an_amendment_and_moves_the_roles(agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    write(
        agreements, AGREEMENT.replace("  - owner: bali\n  - with: ntt\n", "  - owner: bali, ntt\n")
    )
    assert sync(path).files[0].amended == ["PM-02"]
    changes = {(a["field"], a["old"], a["new"]) for a in rows("amendment")}
    assert changes == {("owner", "bali", "bali, ntt"), ("with", "ntt", None)}
    assert sorted(r["role"] for r in rows("action_party")) == ["owner", "owner", "owner"]


def test_withdraw_and_restore_keep_history(agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    without = AGREEMENT.split("- [ ] **PM-02**")[0]
    write(agreements, without)
    assert sync(path).files[0].withdrawn == ["PM-02"]
    pm02 = next(a for a in rows("action") if a["code"] == "PM-02")
    assert pm02["withdrawn_at"] is not None
    write(agreements, AGREEMENT)
    result = sync(path).files[0]
    assert result.restored == ["PM-02"] and result.created == []
    pm02 = next(a for a in rows("action") if a["code"] == "PM-02")
    assert pm02["withdrawn_at"] is None
    assert [(a["field"], a["old"], a["new"]) for a in rows("amendment")] == [
        ("withdrawn", "false", "true"),
        ("withdrawn", "true", "false"),
    ]


def test_ticked_box_records_one_progress_update(agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    ticked = AGREEMENT.replace("- [ ] **PM-01**", "- [x] **PM-01**")
    write(agreements, ticked)
    assert sync(path).files[0].marked_done == ["PM-01"]
    write(agreements, ticked + "\nCatatan.\n")
    assert sync(path).files[0].marked_done == []
    updates = rows("update")
    assert [(u["status"], u["percent"], u["source"]) for u in updates] == [("done", 100, "file")]


def test_untick_warns_and_keeps_progress(agreements):
    path = write(agreements, AGREEMENT.replace("- [ ] **PM-01**", "- [X] **PM-01**"))
    assert sync(path).files[0].marked_done == ["PM-01"]
    write(agreements, AGREEMENT)
    report = sync(path)
    assert report.files[0].result == "synced"
    assert any("un-ticked" in w.message and w.line == 12 for w in report.warnings)
    assert len(rows("update")) == 1


def test_done_on_the_web_is_no_untick_in_a_file_never_ticked(agreements, client, accounts):
    """The box was never ticked: the file says nothing about being done, so
    a later sync must not warn that it was un-ticked (it did on every sync of
    the file, for every action reported done on the web)."""
    from conftest import csrf, login

    path = write(agreements, AGREEMENT)
    sync(path)
    login(client, "ntt")
    done = {"status": "done", "percent": "100", "note": "Selesai", "links": "https://ntt.go.id/sk"}
    posted = client.post(
        "/d/uji/PM-01/updates", data={"_csrf_token": csrf(client), **done}, follow_redirects=False
    )
    assert posted.status_code == 303, posted.text
    write(agreements, AGREEMENT + "\nCatatan baru.\n")
    report = sync(path)
    assert report.files[0].result == "synced" and report.warnings == []


def test_a_box_still_ticked_does_not_undo_a_later_report(agreements, client, accounts):
    """`[x]` records done once, when it is ticked. The secretariat then
    reopened the action on the web; the next sync, for an edit elsewhere in
    the file, marked it done again over that report."""
    from conftest import csrf, login

    ticked = AGREEMENT.replace("- [ ] **PM-01**", "- [x] **PM-01**")
    path = write(agreements, ticked)
    assert sync(path).files[0].marked_done == ["PM-01"]
    login(client, "ntt")
    seen = str(rows("update")[-1]["id"])
    reopened = {"status": "in_progress", "percent": "50", "note": "Dibuka lagi", "seen": seen}
    posted = client.post(
        "/d/uji/PM-01/updates",
        data={"_csrf_token": csrf(client), **reopened},
        follow_redirects=False,
    )
    assert posted.status_code == 303, posted.text
    write(agreements, ticked.replace("due: 2026-06-30", "due: 2026-07-31"))
    report = sync(path)
    assert report.files[0].marked_done == [] and report.files[0].amended == ["PM-01"]
    assert [u["status"] for u in rows("update")] == ["done", "in_progress"]


def test_an_untick_warns_once(agreements):
    path = write(agreements, AGREEMENT.replace("- [ ] **PM-01**", "- [x] **PM-01**"))
    sync(path)
    write(agreements, AGREEMENT)
    assert [w.line for w in sync(path).warnings] == [12]
    write(agreements, AGREEMENT + "\nCatatan baru.\n")
    assert sync(path).warnings == []


def test_rejected_file_changes_nothing(agreements):
    path = write(agreements, AGREEMENT)
    sync(path)
    before = snapshot()
    write(
        agreements,
        AGREEMENT.replace("Rekomendasi resmi", "Judul baru").replace(
            "due: 2026-06-30", "due: 2026-02-30"
        ),
    )
    report = sync(path)
    assert report.files[0].result == "rejected" and not report.ok
    assert [(e.line, "due" in e.message) for e in report.errors] == [(14, True)]
    assert snapshot() == before


def test_bad_file_is_rejected_while_good_ones_sync(agreements):
    good = write(agreements, AGREEMENT)
    bad = write(
        agreements,
        AGREEMENT.replace("id: uji", "id: rusak").replace("owner: ntt", "owner: nusa"),
        "rusak.md",
    )
    report = sync(folder=agreements)
    assert {f.path: f.result for f in report.files} == {str(bad): "rejected", str(good): "synced"}
    assert [d["slug"] for d in rows("document")] == ["uji"]


def test_minutes_follow_an_agreement_already_in_the_database(agreements):
    sync(write(agreements, AGREEMENT))
    minutes = write(
        agreements,
        "---\nid: rakor-uji\ntype: minutes\ntitle: Rakor\ndate: 2026-01-30\nfollows: uji\n---\n\n"
        "## Tindak lanjut\n\n- [ ] **RK-01** Rapat\n  - owner: bali\n",
        "rakor.md",
    )
    report = sync(minutes)
    assert report.ok and report.files[0].created == ["RK-01"]


def test_id_taken_by_another_existing_file_is_an_error_and_a_move_is_allowed(agreements, tmp_path):
    sync(write(agreements, AGREEMENT))
    copy = write(agreements, AGREEMENT, "salinan.md")
    report = sync(copy)
    assert report.files[0].result == "rejected" and report.errors[0].line == 1
    (agreements / "uji.md").unlink()
    moved = sync(copy)
    assert moved.ok and moved.files[0].created == []
    assert rows("document")[0]["path"] == str(copy)


def test_folder_sync_withdraws_documents_whose_files_are_gone(agreements):
    write(agreements, AGREEMENT)
    sync(folder=agreements)
    (agreements / "uji.md").unlink()
    report = sync(folder=agreements)
    assert report.withdrawn_documents == ["uji"]
    assert rows("document")[0]["withdrawn_at"] is not None
    assert len(rows("action")) == 2  # history stays


def test_seed_folder_resync_is_unchanged(seeded):
    again = sync(folder=SEED_DIR)
    assert {f.result for f in again.files} == {"unchanged"}


def test_whole_number_targets_are_not_amended_again(agreements):
    text = AGREEMENT.replace("  - due: 2026-06-30\n", "  - due: 2026-06-30\n  - target: 100 %\n")
    path = write(agreements, text)
    sync(path)
    write(agreements, text + "\nCatatan tambahan.\n")
    assert sync(path).files[0].amended == []
    assert rows("amendment") == []


def test_minutes_may_use_own_and_inherited_parties(agreements):
    sync(write(agreements, AGREEMENT))
    minutes = write(
        agreements,
        "---\nid: rakor-uji\ntype: minutes\ntitle: Rakor\ndate: 2026-01-30\nfollows: uji\n"
        "parties:\n  desa-adat: Majelis Desa Adat\n---\n\n## Tindak lanjut\n\n"
        "- [ ] **RK-01** Rapat\n  - owner: desa-adat\n  - with: ntt\n",
        "rakor.md",
    )
    report = sync(minutes)
    assert report.ok, report.as_dict()
    assert {p["key"] for p in rows("party")} == {"bali", "ntt", "desa-adat"}


def test_moving_a_file_keeps_the_document_and_withdraws_nothing(agreements):
    write(agreements, AGREEMENT)
    sync(folder=agreements)
    (agreements / "uji.md").rename(agreements / "uji-baru.md")
    report = sync(folder=agreements)
    assert report.ok and report.withdrawn_documents == []
    doc = rows("document")[0]
    assert doc["path"].endswith("uji-baru.md") and doc["withdrawn_at"] is None


def test_changing_the_id_in_a_file_withdraws_the_old_document(agreements):
    path = write(agreements, AGREEMENT)
    sync(folder=agreements)
    write(agreements, AGREEMENT.replace("id: uji", "id: uji-dua"))
    report = sync(folder=agreements)
    assert report.ok and report.withdrawn_documents == ["uji"]
    state = {d["slug"]: d["withdrawn_at"] is not None for d in rows("document")}
    assert state == {"uji": True, "uji-dua": False}
    assert str(path).endswith("uji.md")


def test_changing_the_id_of_a_document_with_progress_warns(agreements):
    """A new `id` is a new document: the progress reported on the old one
    no longer shows anywhere but in its withdrawn history. An author who
    only meant to tidy the id is told, with the way back."""
    path = write(agreements, AGREEMENT.replace("- [ ] **PM-01**", "- [x] **PM-01**"))
    sync(path)
    write(agreements, AGREEMENT.replace("id: uji", "id: uji-dua"))
    report = sync(path)
    assert report.ok and report.withdrawn_documents == ["uji"]
    [warning] = report.warnings
    assert warning.line == 2
    assert "`uji` (1 progress report)" in warning.message
    assert "put `id: uji` back" in warning.message
    # nothing reported on it: nothing to warn of
    write(agreements, AGREEMENT.replace("id: uji", "id: uji-tiga"))
    assert sync(path).warnings == []


def test_an_action_moved_to_another_document_with_progress_warns(agreements):
    """An action is its document's and its ID's: cut from one file and pasted
    into another it is withdrawn there and new here, its reports left behind.
    The author is told where they stayed."""
    other = AGREEMENT.replace("id: uji", "id: uji-dua").split("## Pembinaan")[0] + "## Lain\n"
    write(agreements, AGREEMENT.replace("- [ ] **PM-01**", "- [x] **PM-01**"))
    write(agreements, other + "\n- [ ] **PM-09** Lain\n  - owner: ntt\n", "dua.md")
    assert sync(folder=agreements).ok
    pm01 = "- [ ] **PM-01** Rekomendasi resmi\n  - owner: ntt\n  - due: 2026-06-30\n"
    write(agreements, AGREEMENT.replace(pm01, ""))
    write(agreements, other + "\n- [ ] **PM-09** Lain\n  - owner: ntt\n" + pm01, "dua.md")
    report = sync(folder=agreements)
    assert report.ok
    [warning] = report.warnings
    assert warning.path.endswith("dua.md") and warning.line == 14
    assert "`PM-01` left `uji` (1 progress report)" in warning.message
    assert "stays with `uji/PM-01`" in warning.message
    # back where its reports are: nothing to say; and moved again, said again
    write(agreements, AGREEMENT.replace("- [ ] **PM-01**", "- [x] **PM-01**"))
    write(agreements, other + "\n- [ ] **PM-09** Lain\n  - owner: ntt\n", "dua.md")
    assert sync(folder=agreements).warnings == []
    write(agreements, AGREEMENT.replace(pm01, ""))
    write(agreements, other + "\n- [ ] **PM-09** Lain\n  - owner: ntt\n" + pm01, "dua.md")
    assert [w.line for w in sync(folder=agreements).warnings] == [14]


def test_the_same_file_spelled_two_ways_is_one_document(agreements, monkeypatch):
    path = write(agreements, AGREEMENT)
    monkeypatch.chdir(agreements.parent)
    sync("agreements/uji.md")
    again = sync(str(path.resolve()))
    assert again.files[0].result == "unchanged"
    assert len(rows("document")) == 1


def test_each_synced_file_is_in_the_audit_log(seeded):
    entries = [(a["action"], a["target"], a["address"]) for a in rows("audit_entry")]
    assert entries == [
        ("document.sync", "harmoni-bali-ntt", "cli"),
        ("document.sync", "rakor-denpasar-2026-01-30", "cli"),
    ]


def test_a_target_unit_longer_than_kept_is_refused_and_nothing_written(agreements):
    """On PostgreSQL the unit's column would refuse it in the middle of the
    sync; on both engines the file is rejected first, with the line."""
    text = AGREEMENT.replace(
        "  - due: 2026-06-30\n", "  - due: 2026-06-30\n  - target: 40 " + "x" * 65 + "\n"
    )
    report = sync(write(agreements, text))
    assert [f.result for f in report.files] == ["rejected"]
    [error] = report.errors
    assert error.line == 15 and "target unit" in error.message and "at most 64" in error.message
    assert rows("action") == [] and rows("document") == []


def _audit() -> list[tuple[str, str, dict]]:
    from tracker.accounts.audit import parse_detail

    return [(a["action"], a["target"], parse_detail(a["detail"])) for a in rows("audit_entry")]


def test_withdrawing_and_restoring_a_whole_document_are_audited(agreements):
    path = write(agreements, AGREEMENT)
    sync(folder=agreements)
    path.unlink()
    sync(folder=agreements)
    write(agreements, AGREEMENT)
    report = sync(folder=agreements)
    assert report.restored_documents == ["uji"] and report.withdrawn_documents == []
    assert _audit()[1:] == [
        ("document.withdraw", "uji", {"path": str(path), "reason": "its file is gone"}),
        ("document.sync", "uji", {"document": "restored"}),
    ]


def test_a_document_withdrawn_because_its_file_holds_another_id_is_audited(agreements):
    path = write(agreements, AGREEMENT)
    sync(folder=agreements)
    write(agreements, AGREEMENT.replace("id: uji", "id: uji-dua"))
    sync(folder=agreements)
    withdrawn = (
        "document.withdraw",
        "uji",
        {"path": str(path), "reason": "its file now holds `uji-dua`"},
    )
    assert [e for e in _audit() if e[0] == "document.withdraw"] == [withdrawn]
    assert [e[1] for e in _audit()] == ["uji", "uji", "uji-dua"]  # the withdrawal before its cause
