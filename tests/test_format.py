"""The agreement format: every error and warning of the spec, at its line."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from tracker.agreements.checker import check_documents
from tracker.agreements.format import parse_document, parse_target, slugify

HEADER = """\
---
id: contoh
title: Contoh kesepakatan
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
---
"""  # 8 lines: the body below starts on line 9


def diagnose(body: str, header: str = HEADER, known: dict | None = None):
    doc = parse_document(header + textwrap.dedent(body), "x.md")
    check_documents([doc], known)
    return doc


def errors(doc) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in doc.errors]


def only_error(doc) -> tuple[int, str]:
    assert len(doc.errors) == 1, errors(doc)
    return errors(doc)[0]


GOOD_ACTION = """\
## Pembinaan pra-migrasi

- [ ] **PM-01** Rekomendasi resmi
  - owner: ntt
"""


def test_a_good_file_has_no_diagnostics():
    doc = diagnose(
        """\
        # Judul

        Pembuka.

        ## 1. Penguatan Komunikasi Budaya

        Uraian komitmen.

        - [ ] **KB-01** Dialog budaya
          - penanggung jawab: bali, ntt
          - Pendukung: ntt
          - TENGGAT: 2026-06
          - mulai: 2026-02-01
          - indikator: dialog rutin
          - target: 2,5 km
          - bergantung pada: KB-02

          Uraian aksi.
        - [x] **KB-02** Sosialisasi
          - owner: bali

        ### Sub bagian {#sub}

        - [ ] **KB-03** Sub aksi
          - owner: ntt
        """
    )
    assert doc.diagnostics == []
    kb01, kb02, kb03 = doc.actions
    assert kb01.owner == ["bali", "ntt"] and kb01.with_ == ["ntt"]
    assert kb01.due == dt.date(2026, 6, 30)
    assert kb01.target.value == 2.5 and kb01.target.unit == "km"
    assert kb01.depends == ["KB-02"] and kb01.description == "Uraian aksi."
    assert kb01.commitment == "1-penguatan-komunikasi-budaya" and kb01.line == 17
    assert kb02.done and not kb01.done
    assert kb03.commitment == "sub"
    assert [c.as_dict() for c in doc.commitments] == [
        {
            "slug": "1-penguatan-komunikasi-budaya",
            "title": "1. Penguatan Komunikasi Budaya",
            "line": 13,
            "parent": None,
        },
        {
            "slug": "sub",
            "title": "Sub bagian",
            "line": 30,
            "parent": "1-penguatan-komunikasi-budaya",
        },
    ]
    assert doc.commitments[0].description == "Uraian komitmen."


def test_no_front_matter():
    doc = parse_document("# Judul\n\n" + GOOD_ACTION, "x.md")
    assert errors(doc)[0][0] == 1 and "no front matter" in errors(doc)[0][1]


def test_invalid_yaml_at_its_line():
    header = "---\nid: contoh\ntitle: [unclosed\nsigned: 2026-01-28\n---\n"
    line, message = only_error(diagnose(GOOD_ACTION, header))
    assert "invalid YAML" in message and line in (3, 4)


def test_missing_required_key_on_line_1():
    header = HEADER.replace("title: Contoh kesepakatan\n", "")
    assert only_error(diagnose(GOOD_ACTION, header)) == (
        1,
        "missing required front-matter key `title`",
    )


def test_a_date_of_the_wrong_kind_says_which_key_is_meant():
    """`tanggal` is suggested as `date`; in an agreement that still left
    'missing `signed`' with no word that `date` is a meeting's key."""
    line, message = only_error(diagnose(GOOD_ACTION, HEADER.replace("signed:", "date:")))
    assert line == 1 and "missing required front-matter key `signed`" in message
    assert "an agreement's date is `signed`" in message
    minutes = (
        "---\nid: rakor\ntype: minutes\ntitle: Rakor\nsigned: 2026-01-30\nfollows: [contoh]\n---\n"
    )
    doc = diagnose("## Pokok\n", minutes, known={"contoh": {}})
    assert any("minutes take `date`, the day of the meeting" in m for _, m in errors(doc))


def test_minutes_require_date_and_follows():
    header = "---\nid: rakor\ntype: minutes\ntitle: Rakor\n---\n"
    doc = diagnose("## Pokok\n", header)
    assert sorted(errors(doc)) == [
        (1, "missing required front-matter key `date`"),
        (1, "missing required front-matter key `follows`"),
    ]


def test_id_that_is_not_a_slug_at_its_line():
    line, message = only_error(
        diagnose(GOOD_ACTION, HEADER.replace("id: contoh", "id: Contoh_Satu"))
    )
    assert line == 2 and "not a slug" in message


def test_two_files_with_the_same_id_error_on_line_1_of_the_later():
    first = parse_document(HEADER + GOOD_ACTION, "a.md")
    second = parse_document(HEADER + GOOD_ACTION, "b.md")
    check_documents([first, second])
    assert first.errors == []
    assert [(d.path, d.line) for d in second.errors] == [("b.md", 1)]
    assert "already used by a.md" in second.errors[0].message


def test_action_without_an_id():
    body = "## Pokok\n\n- [ ] Rekomendasi tanpa kode\n  - owner: ntt\n"
    line, message = only_error(diagnose(body))
    assert line == 11 and "without an ID" in message


def test_action_id_not_matching_the_pattern():
    body = "## Pokok\n\n- [ ] **pm01** Rekomendasi\n  - owner: ntt\n"
    line, message = only_error(diagnose(body))
    assert line == 11 and "does not match the pattern" in message


def test_duplicate_action_id_on_its_second_occurrence():
    body = GOOD_ACTION + "- [ ] **PM-01** Lagi\n  - owner: bali\n"
    line, message = only_error(diagnose(body))
    assert line == 13 and "`PM-01` is used twice" in message
    # in a long file, where the first one is and what to do
    assert "first at line 11" in message and "give this action a new ID" in message


def test_owner_not_in_parties_at_the_field_line():
    body = "## Pokok\n\n- [ ] **PM-01** Rekomendasi\n  - owner: ntt, sumba-timur\n"
    line, message = only_error(diagnose(body))
    assert line == 12 and "`sumba-timur`" in message


def test_with_not_in_parties_with_a_suggestion():
    body = GOOD_ACTION + "  - with: nttt\n"
    line, message = only_error(diagnose(body))
    assert line == 13 and "did you mean `ntt`" in message


def test_action_without_owner():
    body = "## Pokok\n\n- [ ] **PM-01** Rekomendasi\n  - due: 2026-05-01\n"
    line, message = only_error(diagnose(body))
    assert line == 11 and "has no `owner`" in message
    assert "add a line `  - owner: <party key>` under it" in message


@pytest.mark.parametrize("indent", ["", " "])
def test_a_field_not_indented_under_its_action_is_an_error(indent):
    """`- due: …` at the list's own level is a list item of its own, not a
    field: silently dropped, it left the action without a deadline."""
    body = GOOD_ACTION + f"{indent}- due: 2026-06-30\n  - target: 40 orang\n"
    line, message = errors(diagnose(body))[0]
    assert line == 13, message
    assert "`due` is not indented under action `PM-01`" in message
    assert "indent it" in message


@pytest.mark.parametrize("indent", ["    ", "\t"])
def test_a_field_indented_deeper_than_its_siblings_is_an_error(indent):
    """`    - due: …` (or a tab) under `  - owner: …` is a list inside the owner
    field: silently dropped, it left the action without a deadline."""
    body = GOOD_ACTION + f"{indent}- due: 2026-06-30\n  - target: 40 orang\n"
    doc = diagnose(body)
    line, message = only_error(doc)
    assert line == 13, message
    assert "`due` is indented under the field `owner` of action `PM-01`" in message
    assert "not read" in message


def test_a_list_nested_in_a_field_that_names_no_field_is_still_text():
    body = GOOD_ACTION + "  - indicator: dua hal\n    - formulir disahkan\n"
    assert diagnose(body).errors == []


def test_a_plain_list_item_beside_actions_is_still_text():
    body = GOOD_ACTION + "- Catatan: dibahas lagi di Rakor berikutnya\n"
    assert diagnose(body).errors == []
    text_list = "## Pokok\n\n- due: bukan aksi, hanya teks\n\n" + GOOD_ACTION
    assert diagnose(text_list).errors == []
    decision_first = GOOD_ACTION.replace(
        "- [ ] **PM-01**", "- Target: 100 desa disepakati\n- [ ] **PM-01**"
    )
    assert diagnose(decision_first).errors == []


@pytest.mark.parametrize("box", ["[]", "[-]", "[v]", "[ x]"])
def test_an_action_with_a_broken_box_is_an_error_not_text(box):
    """`- [] **PM-02** …` is no task-list item: the action vanished from the
    file without a word ("1 action(s)"), in a list of actions or alone."""
    for body in (
        GOOD_ACTION + f"- {box} **PM-02** Kedua\n  - owner: bali\n",
        f"## Pokok\n\n- {box} **PM-02** Kedua\n  - owner: bali\n",
    ):
        doc = diagnose(body)
        [(line, message)] = errors(doc)
        assert f"`PM-02` has the box `{box}`" in message and "write `[ ]` or `[x]`" in message
        assert line == body.count("\n", 0, body.index("PM-02")) + 9


def test_a_bold_id_running_into_the_title_says_to_bold_only_the_id():
    line, message = only_error(
        diagnose(GOOD_ACTION.replace("**PM-01** Rekomendasi", "**PM-01 Rekomendasi**"))
    )
    assert line == 11 and "put only the ID in bold: `**PM-01** Rekomendasi`" in message


def test_a_colon_after_the_id_is_not_part_of_the_title():
    doc = diagnose(GOOD_ACTION.replace("**PM-01** Rekomendasi", "**PM-01**: Rekomendasi"))
    assert doc.errors == [] and doc.actions[0].title == "Rekomendasi resmi"


def test_unknown_field_suggests_the_right_key():
    body = GOOD_ACTION + "  - deu: 2026-06-30\n"
    line, message = only_error(diagnose(body))
    assert line == 13 and "unknown field `deu`" in message and "did you mean `due`" in message


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("batas waktu", "tenggat"),
        ("deadline", "due"),
        ("due date", "due"),
        ("pemilik", "penanggung jawab"),
        ("didukung oleh", "pendukung"),
        ("tanggal mulai", "mulai"),
    ],
)
def test_an_unknown_field_in_other_words_gets_the_field_meant(written, meant):
    """Authors write the word they use at work; a spelling suggestion can't
    reach `tenggat` from `batas waktu`."""
    line, message = only_error(diagnose(GOOD_ACTION + f"  - {written}: 2026-06-30\n"))
    assert line == 13 and f"did you mean `{meant}`?" in message, message


def test_keys_are_case_insensitive_and_nothing_more():
    assert diagnose(GOOD_ACTION + "  - Due: 2026-06-30\n").errors == []
    line, message = only_error(diagnose(GOOD_ACTION + "  - dué: 2026-06-30\n"))
    assert line == 13 and "unknown field" in message


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13", "30-06-2026", "besok"])
def test_date_that_is_not_real(value):
    line, message = only_error(diagnose(GOOD_ACTION + f"  - due: {value}\n"))
    assert line == 13 and "due" in message


def test_front_matter_date_that_is_not_real():
    line, message = only_error(diagnose(GOOD_ACTION, HEADER.replace("2026-01-28", "2026-02-30")))
    assert line == 4 and "signed" in message


@pytest.mark.parametrize("value", ["2026-06-31", "2026-02-29", "2026-13"])
def test_a_date_that_is_not_real_is_named_in_its_message(value):
    """'day is out of range for month' alone said neither which date nor what to do."""
    line, message = only_error(diagnose(GOOD_ACTION + f"  - due: {value}\n"))
    assert line == 13 and f"`{value}` is not a real" in message, message
    assert "day is out of range" not in message


@pytest.mark.parametrize("value", ["1.000", "12,500 orang"])
def test_ambiguous_target_number(value):
    line, message = only_error(diagnose(GOOD_ACTION + f"  - target: {value}\n"))
    assert line == 13 and "ambiguous" in message


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("40 pelatihan", 40, "pelatihan"),
        ("100 %", 100, "%"),
        ("2,5 km", 2.5, "km"),
        ("12.5", 12.5, None),
        ("0,25", 0.25, None),
        ("1000", 1000, None),
    ],
)
def test_target_numbers(text, value, unit):
    target = parse_target(text)
    assert (target.value, target.unit) == (value, unit)


def test_duplicate_commitment_slug_on_the_second_heading():
    body = GOOD_ACTION + "\n## Pembinaan Pra-Migrasi\n"
    line, message = only_error(diagnose(body))
    assert line == 14 and "used twice" in message


def test_h2_and_h3_may_not_share_a_slug():
    body = GOOD_ACTION + "\n### Sub {#pembinaan-pra-migrasi}\n"
    line, _ = only_error(diagnose(body))
    assert line == 14


def test_depends_on_an_unknown_id():
    body = GOOD_ACTION + "  - depends: PM-09\n"
    line, message = only_error(diagnose(body))
    assert line == 13 and "`PM-09`" in message


def test_dependency_cycle_reported_once_at_an_action_in_it():
    body = """\
    ## Pokok

    - [ ] **A-1** Satu
      - owner: bali
      - depends: A-2
    - [ ] **A-2** Dua
      - owner: bali
      - depends: A-1
    """
    line, message = only_error(diagnose(body))
    assert line == 11 and "cycle" in message and "A-1 → A-2 → A-1" in message


def test_minutes_following_an_unknown_agreement():
    header = "---\nid: rakor\ntype: minutes\ntitle: Rakor\ndate: 2026-01-30\nfollows: kesepakatan-lain\n---\n"
    line, message = only_error(diagnose("## Pokok\n", header))
    assert line == 6 and "`kesepakatan-lain`" in message


def test_a_mistyped_follows_is_the_one_error_not_one_per_party():
    """Minutes inherit their parties from what they follow: with `follows`
    mistyped every owner looked unknown ("known: none") and every breakdown
    asked for `party_regions`, burying the real mistake under wrong advice."""
    header = (
        "---\nid: rakor\ntype: minutes\ntitle: Rakor\ndate: 2026-01-30\nfollows: [kontoh]\n---\n"
    )
    body = (
        "## Pokok\n\n- [ ] **RK-01** Tindak lanjut\n  - owner: ntt\n  - with: bali\n"
        "- [ ] **RK-02** Pendataan\n  - owner: ntt\n  - regions: 53.11\n"
    )
    known = {"contoh": {"ntt": "Pemerintah Provinsi Nusa Tenggara Timur", "bali": "Bali"}}
    line, message = only_error(diagnose(body, header, known=known))
    assert line == 6 and "`kontoh`" in message and "did you mean `contoh`" in message


def test_a_party_named_otherwise_than_in_another_document_warns():
    """A party has one name in the tracker: a shorthand in a new agreement
    (`ntt: Pemprov NTT`) renamed NTT on every page of every other document."""
    header = HEADER.replace("id: contoh", "id: lanjutan").replace(
        "ntt: Pemerintah Provinsi Nusa Tenggara Timur", "ntt: Pemprov NTT"
    )
    known = {
        "contoh": {
            "ntt": "Pemerintah Provinsi Nusa Tenggara Timur",
            "bali": "Pemerintah Provinsi Bali",
        }
    }
    doc = diagnose(GOOD_ACTION, header, known=known)
    assert doc.errors == []
    [(line, message)] = [(w.line, w.message) for w in doc.warnings]
    assert line == 7, message
    assert (
        "`ntt` is named `Pemprov NTT` here but `Pemerintah Provinsi Nusa Tenggara Timur` in `contoh`"
        in message
    )
    assert "every document" in message
    # the same names, or its own earlier version: nothing to say
    assert diagnose(GOOD_ACTION, known=known).warnings == []
    # nor a withdrawn document's: it names nobody any more
    quiet = parse_document(header + GOOD_ACTION, "c.md")
    check_documents([quiet], known, withdrawn={"contoh"})
    assert quiet.warnings == []
    both = [
        parse_document(HEADER + GOOD_ACTION, "a.md"),
        parse_document(header + GOOD_ACTION, "b.md"),
    ]
    check_documents(both)
    assert [w.line for w in both[1].warnings] == [7] == [w.line for w in both[0].warnings]


def test_parties_not_indented_say_to_indent_them():
    """`parties:` with its lines at the left margin is an empty `parties` and
    one unknown key per party; the messages said neither, and asked for
    `party_regions` for every breakdown on top."""
    header = HEADER.replace("  bali:", "bali:").replace("  ntt:", "ntt:")
    body = GOOD_ACTION + "  - regions: 53.11\n"
    doc = diagnose(body, header)
    assert errors(doc) == [
        (5, "`parties` is empty: write each party on its own line below it, indented "
            "by two spaces, e.g. `  bali: Pemerintah Provinsi Bali`"),
    ]  # fmt: skip
    assert [(w.line, w.message) for w in doc.warnings] == [
        (6, "unknown front-matter key `bali` is ignored (a party? indent it by two spaces under `parties:`)"),
        (7, "unknown front-matter key `ntt` is ignored (a party? indent it by two spaces under `parties:`)"),
    ]  # fmt: skip


def test_minutes_inherit_the_parties_of_what_they_follow():
    header = (
        "---\nid: rakor\ntype: minutes\ntitle: Rakor\ndate: 2026-01-30\nfollows: [contoh]\n---\n"
    )
    body = "## Pokok\n\n- [ ] **RK-01** Tindak lanjut\n  - owner: ntt\n"
    doc = diagnose(body, header, known={"contoh": {"ntt": "Pemprov NTT"}})
    assert doc.errors == [] and doc.parties == {"ntt": "Pemprov NTT"}
    line, message = only_error(
        diagnose(body.replace("ntt", "bali"), header, known={"contoh": {"ntt": "NTT"}})
    )
    assert line == 11 and "`bali`" in message


def test_task_item_before_the_first_heading():
    body = "- [ ] **PM-01** Terlalu awal\n  - owner: ntt\n\n" + GOOD_ACTION.replace(
        "PM-01", "PM-02"
    )
    line, message = only_error(diagnose(body))
    assert line == 9 and "before the first `##`" in message


def test_h3_before_the_first_h2():
    line, message = only_error(diagnose("### Terlalu awal\n\n" + GOOD_ACTION))
    assert line == 9 and "`###`" in message


def test_warning_for_due_before_signed():
    doc = diagnose(GOOD_ACTION + "  - due: 2025-12-31\n")
    assert doc.errors == []
    assert [(w.line, "earlier than `signed`" in w.message) for w in doc.warnings] == [(13, True)]


def test_warning_for_start_after_due():
    """A start after the deadline is a mistyped year or month; it passed unseen."""
    doc = diagnose(GOOD_ACTION + "  - start: 2026-10-01\n  - due: 2026-09-30\n")
    assert doc.errors == []
    [(line, message)] = [(w.line, w.message) for w in doc.warnings]
    assert line == 13 and message == "`start` 2026-10-01 of `PM-01` is after its `due` 2026-09-30"
    assert diagnose(GOOD_ACTION + "  - start: 2026-09-30\n  - due: 2026-09\n").warnings == []


def test_warning_for_valid_until_before_signed():
    """`valid_until: 2020-12-31` (for 2028) made a new agreement expired at once."""
    header = HEADER.replace("signed: 2026-01-28\n", "signed: 2026-01-28\nvalid_until: 2020-12-31\n")
    doc = diagnose(GOOD_ACTION, header)
    assert doc.errors == []
    assert [(w.line, w.message) for w in doc.warnings] == [
        (5, "`valid_until` 2020-12-31 is earlier than `signed` 2026-01-28"),
    ]


def test_slug_rule():
    assert slugify("1. Penguatan Komunikasi Budaya") == "1-penguatan-komunikasi-budaya"
    assert slugify("  Perlindungan Hak Warga — Désa Adat!  ") == "perlindungan-hak-warga-desa-adat"


def test_file_with_errors_still_reports_what_it_could_read():
    doc = diagnose(GOOD_ACTION + "  - due: 2026-02-30\n")
    assert doc.errors and doc.as_dict()["actions"][0]["id"] == "PM-01"


def test_json_shape_of_an_action():
    doc = diagnose(GOOD_ACTION + "  - target: 100 %\n")
    assert doc.as_dict()["actions"][0] == {
        "id": "PM-01",
        "title": "Rekomendasi resmi",
        "commitment": "pembinaan-pra-migrasi",
        "owner": ["ntt"],
        "with": [],
        "due": None,
        "start": None,
        "indicator": None,
        "target": {"value": 100, "unit": "%"},
        "depends": [],
        "done": False,
        "line": 11,
    }


def test_party_named_twice_is_an_error():
    line, message = only_error(diagnose(GOOD_ACTION.replace("owner: ntt", "owner: ntt, ntt")))
    assert line == 12 and "named twice" in message


def test_empty_required_date_is_an_error():
    line, message = only_error(
        diagnose(GOOD_ACTION, HEADER.replace("signed: 2026-01-28", "signed:"))
    )
    assert line == 4 and "`signed` is empty" in message


def test_ambiguous_decimal_hint():
    with pytest.raises(ValueError, match="write `125` for the whole number, or `0,1250`"):
        parse_target("0,125")


def test_texts_longer_than_the_database_keeps_are_errors_at_their_line():
    """PostgreSQL refuses an action ID, a target unit or a heading slug longer
    than its column (SQLite would keep it): the checker says so first."""
    unit = "orang " + "peserta pelatihan " * 4  # 78 characters
    code = "PM-" + "1" * 70
    body = (
        f"## {'Pembinaan pra-migrasi yang sangat panjang ' * 4}\n\n"
        f"- [ ] **PM-01** Pelatihan\n  - owner: ntt\n  - target: 40 {unit}\n"
        f"- [ ] **{code}** Kode panjang\n  - owner: ntt\n"
    )
    found = errors(diagnose(body))
    assert [line for line, _ in found] == [9, 13, 14], found
    assert "heading slug" in found[0][1] and "at most 128" in found[0][1]
    assert "target unit" in found[1][1] and f"is {len(unit.strip())} characters" in found[1][1]
    assert "action ID" in found[2][1] and "at most 64" in found[2][1]
    # At the limit: no error.
    body = f"## Pokok\n\n- [ ] **PM-01** Pelatihan\n  - owner: ntt\n  - target: 40 {'x' * 64}\n"
    assert errors(diagnose(body)) == []


def test_a_front_matter_key_written_in_indonesian_gets_its_english_name():
    header = HEADER.replace("signed:", 'nomor: "12"\njudul: x\nsigned:')
    doc = diagnose(GOOD_ACTION, header=header)
    assert [(w.line, w.message) for w in doc.warnings] == [
        (4, "unknown front-matter key `nomor` is ignored (did you mean `number`?)"),
        (5, "unknown front-matter key `judul` is ignored (did you mean `title`?)"),
    ]
    typo = diagnose(GOOD_ACTION, header=HEADER.replace("signed:", "sigend: 2026-01-01\nsigned:"))
    assert "(did you mean `signed`?)" in typo.warnings[0].message


def test_an_unknown_dependency_is_never_told_to_be_the_action_itself():
    """`PM-01` with `depends: PM-9` was asked "did you mean `PM-01`?": an
    action that depends on itself is a cycle, no fix."""
    body = GOOD_ACTION + "  - depends: PM-9\n- [ ] **PM-02** Dua\n  - owner: ntt\n"
    line, message = only_error(diagnose(body))
    assert line == 13
    assert message.endswith("which is not an action in this file (did you mean `PM-02`?)")
    alone = GOOD_ACTION + "  - depends: PM-9\n"
    assert only_error(diagnose(alone))[1].endswith("which is not an action in this file")


def test_a_party_key_in_capitals_is_told_its_lower_case_key():
    """`owner: Bali, NTT`: `Bali` got "did you mean `bali`?", `NTT` nothing."""
    body = "## Pokok\n\n- [ ] **PM-01** Rekomendasi\n  - owner: NTT\n"
    line, message = only_error(diagnose(body))
    assert line == 12 and "names party `NTT`" in message and "(did you mean `ntt`?)" in message


def test_an_action_indented_under_a_field_is_an_error():
    """`    - [ ] **PM-02** …` under `  - owner: ntt` was lost whole, unseen."""
    body = GOOD_ACTION + "    - [ ] **PM-02** Dua\n      - owner: ntt\n"
    line, message = only_error(diagnose(body))
    assert line == 13 and message.startswith("a task-list item inside an action")


def test_fields_indented_two_spaces_under_a_numbered_action_are_named():
    """`1. [ ] **PM-01** …` needs its fields three spaces in: at two they are
    a list of their own, and only "no owner" was said while the owner line
    was right there."""
    body = "## Pokok\n\n1. [ ] **PM-01** Rekomendasi\n  - owner: ntt\n  - due: 2026-06\n"
    found = errors(diagnose(body))
    assert (12, "field `owner` is not indented under action `PM-01`, so it is not read: "
            "indent it like the action's other fields, to its text (two spaces after `- `, "
            "three after `1. `)") in found  # fmt: skip
    assert any(line == 13 and "`due` is not indented" in m for line, m in found)
