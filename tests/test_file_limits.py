"""Agreement files that are not what the format expects: NUL bytes, huge files,
thousands of actions. Each is refused (or synced) with a `path:line: message`,
and the good files beside it still sync, on both engines."""

from __future__ import annotations

from conftest import rows, sync
from test_cli import tracker
from test_sync import AGREEMENT, write

from tracker.agreements.format import MAX_ACTIONS, MAX_FILE_BYTES, parse_document

HEADER = """\
---
id: {id}
title: Kesepakatan besar
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
---

## Pembinaan

"""


def many_actions(count: int, slug: str = "besar") -> str:
    actions = "".join(
        f"- [ ] **PM-{n:05d}** Langkah {n}\n  - owner: ntt\n  - with: bali\n  - due: 2026-12-31\n"
        for n in range(1, count + 1)
    )
    return HEADER.format(id=slug) + actions


def test_a_nul_byte_rejects_its_file_with_the_line_and_the_others_sync(agreements):
    good = write(agreements, AGREEMENT)
    bad = write(
        agreements,
        AGREEMENT.replace("id: uji", "id: nol").replace("Syarat", "Sya\x00rat"),
        "nol.md",
    )
    report = sync(folder=agreements)
    assert {f.path: f.result for f in report.files} == {str(bad): "rejected", str(good): "synced"}
    [error] = report.errors
    assert (error.path, error.line) == (str(bad), 15)
    assert "NUL" in error.message
    assert [d["slug"] for d in rows("document")] == ["uji"]


def test_the_cli_reports_a_nul_file_as_path_line_error_and_exits_1(tmp_path):
    bad = tmp_path / "nol.md"
    bad.write_bytes(AGREEMENT.replace("Syarat", "Sya\x00rat").encode())
    result = tracker("sync", str(bad))
    assert result.returncode == 1
    assert f"{bad}:15: error: the file contains a NUL byte" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(agreements):
    good = write(agreements, AGREEMENT)
    huge = agreements / "besar.md"
    paragraph = "Teks panjang tentang pelaksanaan kerja sama. " * 20 + "\n\n"
    body = paragraph * (MAX_FILE_BYTES // len(paragraph) + 10)
    huge.write_text(HEADER.format(id="besar") + body, encoding="utf-8")
    report = sync(folder=agreements)
    assert {f.path: f.result for f in report.files} == {str(huge): "rejected", str(good): "synced"}
    [error] = report.errors
    assert error.line == 1
    assert "at most 2 MB" in error.message and "split it" in error.message


def test_a_long_file_under_the_limit_keeps_every_paragraph_of_a_description():
    paragraphs = [f"Paragraf {n} tentang kerja sama." for n in range(20_000)]
    text = HEADER.format(id="panjang") + "\n\n".join(paragraphs) + "\n"
    assert len(text.encode()) < MAX_FILE_BYTES
    doc = parse_document(text, "panjang.md")
    assert doc.errors == []
    [commitment] = doc.commitments
    assert commitment.description.split("\n\n") == paragraphs


def test_the_largest_allowed_file_syncs_in_batches(agreements):
    path = write(agreements, many_actions(MAX_ACTIONS), "besar.md")
    report = sync(path)
    assert report.ok, report.errors[:3]
    assert len(report.files[0].created) == MAX_ACTIONS
    assert len(rows("action")) == MAX_ACTIONS
    assert len(rows("action_party")) == 2 * MAX_ACTIONS
    # and again, unchanged rows are compared in batches too
    write(
        agreements, many_actions(MAX_ACTIONS).replace("Langkah 7\n", "Langkah tujuh\n"), "besar.md"
    )
    again = sync(path)
    assert again.ok and again.files[0].amended == ["PM-00007"]


def test_one_action_over_the_limit_is_refused_with_a_message(agreements):
    path = write(agreements, many_actions(MAX_ACTIONS + 1), "besar.md")
    report = sync(path)
    assert report.files[0].result == "rejected"
    [error] = report.errors
    assert f"more than {MAX_ACTIONS:,} actions in one file" in error.message
    assert error.line == 12 + 4 * MAX_ACTIONS  # the first action past the limit
    assert rows("action") == []
