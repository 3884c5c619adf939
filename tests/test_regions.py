"""Issue 14, regions: the region data, desa adat lists, and actions broken down by
region, with every error at its line. Needs no database (but for `tracker check`)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli import tracker

from tracker import regions
from tracker.agreements import region_parts
from tracker.agreements.checker import check_documents, read_document
from tracker.agreements.format import parse_document
from tracker.regions import desa_adat

HEADER = """\
---
id: contoh
title: Contoh kesepakatan
signed: 2026-01-28
parties:
  bali: Pemerintah Provinsi Bali
  ntt: Pemerintah Provinsi Nusa Tenggara Timur
  sumba-barat: Pemerintah Kabupaten Sumba Barat
  sumba-barat-daya: Pemerintah Kabupaten Sumba Barat Daya
  sumba-tengah: Pemerintah Kabupaten Sumba Tengah
  sumba-timur: Pemerintah Kabupaten Sumba Timur
  kota-denpasar: Pemerintah Kota Denpasar
  diaspora-ntt: Diaspora NTT di Bali
---

## Pendataan

"""  # 17 lines: the first action below is on line 18

BALI = [
    ("51.01", "Kabupaten Jembrana"),
    ("51.02", "Kabupaten Tabanan"),
    ("51.03", "Kabupaten Badung"),
    ("51.04", "Kabupaten Gianyar"),
    ("51.05", "Kabupaten Klungkung"),
    ("51.06", "Kabupaten Bangli"),
    ("51.07", "Kabupaten Karangasem"),
    ("51.08", "Kabupaten Buleleng"),
    ("51.71", "Kota Denpasar"),
]
NTT_SOME = {
    "53.11": "Kabupaten Sumba Timur",
    "53.12": "Kabupaten Sumba Barat",
    "53.15": "Kabupaten Manggarai Barat",
    "53.17": "Kabupaten Sumba Tengah",
    "53.18": "Kabupaten Sumba Barat Daya",
    "53.71": "Kota Kupang",
}


def parse(body: str, header: str = HEADER, folder: Path | None = None):
    path = str(folder / "x.md") if folder else "x.md"
    doc = parse_document(header + textwrap.dedent(body), path)
    check_documents([doc])
    return doc


def errors(doc) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in doc.errors]


def only_error(doc) -> tuple[int, str]:
    assert len(doc.errors) == 1, errors(doc)
    return errors(doc)[0]


# -- the data package -----------------------------------------------------------------


def test_the_data_has_bali_and_ntt_kabupaten_kota():
    assert regions.get("51").name == "Bali" and regions.get("53").name == "Nusa Tenggara Timur"
    assert [(r.code, r.name) for r in regions.children("51")] == BALI
    ntt = {r.code: r.name for r in regions.children("53")}
    assert len(ntt) == 22 and NTT_SOME.items() <= ntt.items()
    assert regions.get("51.71").level == "kabupaten" and regions.get("51.71").parent == "51"


def test_kecamatan_and_desa_of_kota_denpasar():
    kecamatan = regions.children("51.71")
    assert [r.name for r in kecamatan] == [
        "Denpasar Selatan",
        "Denpasar Timur",
        "Denpasar Barat",
        "Denpasar Utara",
    ]
    desa = regions.within("51.71", "desa")
    assert len(desa) == 43 and all(r.level == "desa" for r in desa)
    assert regions.get("51.71.01.1001").name == "Serangan"
    assert len(regions.within("51", "desa")) == 716  # 636 desa and 80 kelurahan
    assert regions.get("51.99") is None and regions.get("5171") is None


def test_names_find_regions():
    assert [r.code for r in regions.find("Badung")] == ["51.03"]
    assert [r.code for r in regions.find("Kabupaten Sumba Timur")] == ["53.11"]
    assert [r.code for r in regions.find("Kupang")] == ["53.01"]  # the kabupaten
    assert [r.code for r in regions.find("Kota Kupang")] == ["53.71"]
    assert [r.code for r in regions.find("Denpasar")] == ["51.71"]


# -- breakdowns -----------------------------------------------------------------------


def test_bali_nine_kabupaten_kota_from_the_data():
    doc = parse(
        """\
        - [ ] **PD-01** Pendataan di setiap kabupaten/kota
          - owner: bali, kota-denpasar
          - wilayah: kabupaten/kota di Bali
          - region target: 10 desa
        """
    )
    assert errors(doc) == []
    (action,) = doc.actions
    assert [(p.key, p.name) for p in action.regions] == BALI
    assert {p.level for p in action.regions} == {"kabupaten"}
    owners = {p.key: p.owner for p in action.regions}
    assert owners.pop("51.71") == "kota-denpasar"  # a kota party reports for itself
    assert set(owners.values()) == {"bali"}  # the province for the rest
    assert {str(p.target) for p in action.regions} == {"10 desa"}
    assert action.as_dict()["regions"][0] == {
        "key": "51.01",
        "name": "Kabupaten Jembrana",
        "level": "kabupaten",
        "owner": "bali",
        "target": {"value": 10, "unit": "desa"},
    }


def test_sumba_regencies_by_key_list_and_name():
    doc = parse(
        """\
        - [ ] **PM-01** Pembinaan calon perantau
          - owner: ntt, sumba-barat, sumba-barat-daya, sumba-tengah, sumba-timur
          - regions: 53.12, 53.18, Sumba Tengah, 53.11, 53.71
        """
    )
    assert errors(doc) == []
    parts = [(p.key, p.owner) for p in doc.actions[0].regions]
    assert parts == [
        ("53.12", "sumba-barat"),
        ("53.18", "sumba-barat-daya"),
        ("53.17", "sumba-tengah"),
        ("53.11", "sumba-timur"),
        ("53.71", "ntt"),
    ]


def test_region_level_desa_of_one_kecamatan():
    doc = parse(
        """\
        - [ ] **PD-02** Pendataan di desa Denpasar Selatan
          - owner: kota-denpasar
          - regions: 51.71.01
          - region level: desa
        """
    )
    assert errors(doc) == []
    parts = doc.actions[0].regions
    assert [p.key for p in parts] == [r.code for r in regions.children("51.71.01")]
    assert len(parts) == 10 and {p.level for p in parts} == {"desa"}
    assert {p.owner for p in parts} == {"kota-denpasar"}


def test_explicit_region_owner():
    doc = parse(
        """\
        - [ ] **PD-03** Pendataan
          - owner: bali, kota-denpasar
          - regions: kabupaten di Bali
          - region level: kecamatan
          - region owner: 51.71.01 = bali, Badung = kota-denpasar
        """
    )
    assert errors(doc) == []
    owners = {p.key: p.owner for p in doc.actions[0].regions}
    assert len(owners) == 57
    assert owners["51.71.01"] == "bali" and owners["51.71.02"] == "kota-denpasar"
    assert {owners[k] for k in owners if k.startswith("51.03.")} == {"kota-denpasar"}
    assert owners["51.01.01"] == "bali"


def test_desa_adat_from_a_csv_beside_the_document(tmp_path):
    (tmp_path / "desa-adat-bali.csv").write_text(
        "name,kabupaten\nDesa Adat Kuta,51.03\nKedonganan,Badung\n"
        '"Tuban, Kuta",Kabupaten Badung\nDesa Adat Denpasar,Kota Denpasar\n'
    )
    doc = parse(
        """\
        - [ ] **PD-04** Pendataan di desa adat Badung
          - owner: bali
          - regions: desa adat di Badung, adat:denpasar
        """,
        folder=tmp_path,
    )
    assert errors(doc) == []
    parts = [(p.key, p.name, p.level, p.owner) for p in doc.actions[0].regions]
    assert parts == [
        ("adat:kuta", "Desa Adat Kuta", "desa_adat", "bali"),
        ("adat:kedonganan", "Kedonganan", "desa_adat", "bali"),
        ("adat:tuban-kuta", "Tuban, Kuta", "desa_adat", "bali"),
        ("adat:denpasar", "Desa Adat Denpasar", "desa_adat", "bali"),
    ]


def test_party_regions_in_the_front_matter():
    header = HEADER.replace(
        "---\n\n## Pendataan", "party_regions:\n  diaspora-ntt: 51.03\n---\n\n## Pendataan"
    )
    doc = parse(
        """\
        - [ ] **KB-01** Tokoh NTT di Badung
          - owner: diaspora-ntt
          - regions: 51.03
        """,
        header=header,
    )
    assert errors(doc) == []
    assert doc.actions[0].regions[0].owner == "diaspora-ntt"


def test_minutes_inherit_the_parties_for_regions():
    agreement = parse("- [ ] **PD-01** X\n  - owner: bali\n")
    minutes = parse_document(
        textwrap.dedent(
            """\
            ---
            id: rakor
            type: minutes
            title: Rakor
            date: 2026-02-01
            follows: contoh
            ---

            ## Tindak lanjut

            - [ ] **TL-01** Sumba
              - owner: sumba-timur
              - regions: 53.11
            """
        ),
        "r.md",
    )
    check_documents([agreement, minutes])
    assert errors(minutes) == []
    assert [(p.key, p.owner) for p in minutes.actions[0].regions] == [("53.11", "sumba-timur")]


# -- errors at their lines ---------------------------------------------------------------

ERRORS = [
    ("  - regions: 51.99", 20, "unknown region `51.99`"),
    ("  - regions: Atlantis", 20, "unknown region `Atlantis`"),
    ("  - regions: 52.01", 20, "outside the provinces of this document's parties"),
    ("  - regions: 51.03, Badung", 20, "names `51.03` (Kabupaten Badung) twice"),
    ("  - regions: 51.03\n  - region level: banjar", 21, "below what the region data has"),
    ("  - regions: 51.03\n  - region level: kelurahn", 21, "unknown region level"),
    ("  - regions: 51.71.01\n  - region level: kabupaten", 21, "holds no kabupaten"),
    ("  - regions: 51.03\n  - region target: 1.000 desa", 21, "ambiguous"),
    ("  - region level: desa", 20, "needs a `regions` field"),
    ("  - regions: adat:kuta", 20, "there is no desa adat list"),
    ("  - regions: 51.03\n  - region owner: 51.03 = ntt", 21, "not an `owner`"),
    ("  - regions: 51.03\n  - region owner: 51.03", 21, "write `region = party`"),
]


@pytest.mark.parametrize(("fields", "line", "message"), ERRORS)
def test_each_error_at_its_line(fields, line, message):
    doc = parse(f"- [ ] **PD-01** Pendataan\n  - owner: bali\n{fields}\n")
    got_line, got = only_error(doc)
    assert (got_line, message in got) == (line, True), got


def test_a_part_without_an_owner():
    doc = parse(
        """\
        - [ ] **PD-01** Pendataan
          - owner: ntt, sumba-timur
          - regions: kabupaten/kota di Bali
        """
    )
    line, message = only_error(doc)
    assert line == 20
    assert message.startswith("no owner of `PD-01` reports for `51.01` (Kabupaten Jembrana)")
    assert "and 6 more" in message and "`ntt` 53" in message


def test_provinces_that_cannot_be_determined():
    header = textwrap.dedent(
        """\
        ---
        id: contoh
        title: Contoh
        signed: 2026-01-28
        parties:
          diaspora: Diaspora NTT di Bali
        ---

        ## Pendataan

        """
    )
    doc = parse("- [ ] **PD-01** X\n  - owner: diaspora\n  - regions: 51.03\n", header=header)
    assert only_error(doc) == (
        13,
        "`regions` of `PD-01`: cannot tell which province the parties of this document "
        "are in: add `party_regions:` to the front matter, e.g. `bali: 51`",
    )


def test_party_regions_errors_at_their_lines():
    header = HEADER.replace(
        "---\n\n## Pendataan",
        "party_regions:\n  diaspora-ntt: 99\n  nobody: 51\n---\n\n## Pendataan",
    )
    doc = parse("- [ ] **PD-01** X\n  - owner: bali\n  - regions: 51.03\n", header=header)
    assert [(line, msg.split(":")[0]) for line, msg in errors(doc)] == [
        (15, "`party_regions` of `diaspora-ntt`"),
        (16, "`party_regions` names party `nobody`, which is not in `parties`"),
    ]


def test_every_desa_of_both_provinces_fits_but_not_more(monkeypatch):
    doc = parse(
        "- [ ] **PD-01** X\n  - owner: bali, ntt\n  - regions: 51, 53\n  - region level: desa\n"
    )
    assert errors(doc) == []
    assert len(doc.actions[0].regions) == len(regions.within("51", "desa")) + len(
        regions.within("53", "desa")
    )
    monkeypatch.setattr(region_parts, "MAX_PARTS", 100)
    doc = parse("- [ ] **PD-01** X\n  - owner: bali\n  - regions: 51\n  - region level: desa\n")
    assert only_error(doc) == (
        21,
        "`PD-01` breaks down into 716 regions, more than 100: choose a higher `region level` "
        "or fewer `regions`",
    )


# -- desa adat lists --------------------------------------------------------------------


def test_desa_adat_list_errors_at_their_lines(tmp_path):
    path = tmp_path / "desa-adat-bali.csv"
    path.write_text(
        "name,kabupaten\nKuta,51.03\n,Badung\nkuta,Badung\nX,Atlantis\nY,51\nZ\n\nW,Kupang\n"
    )
    listed = desa_adat.read_files([path])
    assert [
        (line, message.split(":")[0].split(" (")[0]) for _, line, message in listed.problems
    ] == [
        (3, "the desa adat's name is empty"),
        (4, "desa adat `kuta`"),
        (5, "unknown kabupaten `Atlantis`"),
        (6, "`51` is a provinsi"),
        (7, "expected 2 columns"),
    ]
    assert list(listed.entries) == ["adat:kuta", "adat:w"]
    assert listed.entries["adat:w"].kabupaten == "53.01"


def test_desa_adat_list_header_and_size(tmp_path):
    path = tmp_path / "desa-adat-a.csv"
    path.write_text("nama,kabupaten\nKuta,51.03\n")
    assert desa_adat.read_files([path]).problems[0][1:] == (
        1,
        "the first line must be the header `name,kabupaten`, got `nama,kabupaten`",
    )
    path.write_bytes(b"name,kabupaten\n" + b"x" * desa_adat.MAX_FILE_BYTES)
    assert "at most 1 MB" in desa_adat.read_files([path]).problems[0][2]


def test_desa_adat_of_a_kabupaten_without_a_list_says_the_list_is_missing(tmp_path):
    """`desa adat di Badung` with no list beside the file was told that Badung
    "holds no desa adat in the region data": the data never has them; the
    list is what is missing (as `adat:kuta` is told)."""
    body = "- [ ] **PD-01** X\n  - owner: bali\n  - regions: desa adat di Badung\n"
    assert only_error(parse(body, folder=tmp_path)) == (
        20,
        "`regions` of `PD-01`: `51.03` (Kabupaten Badung): there is no desa adat list "
        "(`desa-adat-*.csv`) beside this file",
    )
    (tmp_path / "desa-adat-bali.csv").write_text("name,kabupaten\nKuta,51.03\n")
    body = body.replace("Badung", "Gianyar")
    assert only_error(parse(body, folder=tmp_path))[1].endswith(
        "`51.04` (Kabupaten Gianyar) holds no desa adat in the desa adat list"
    )


@pytest.mark.parametrize(
    "field, line",
    [
        ("  - regions: desa adat di Badung", 20),
        ("  - regions: adat:kuta", 20),
        ("  - regions: 51.03\n  - region level: desa adat", 21),
    ],
)
def test_a_list_with_errors_refuses_the_documents_that_name_desa_adat(tmp_path, field, line):
    """Read as far as it went, a list with one bad line gave a breakdown
    without that desa adat, and `sync` took it (no error, status 0) while
    `check` failed on the list: the document waits for the list instead."""
    (tmp_path / "desa-adat-bali.csv").write_text("name,kabupaten\nKuta,51.03\nLegian,Badungg\n")
    doc = parse(f"- [ ] **PD-01** X\n  - owner: bali\n{field}\n", folder=tmp_path)
    at, message = only_error(doc)
    assert at == line
    assert "the desa adat list beside this file has errors (the first at " in message
    assert message.endswith(
        "desa-adat-bali.csv:3): fix the list first (`tracker check` on the folder shows "
        "every error)"
    )
    assert doc.actions[0].regions == []
    # Documents that name no desa adat are not held up by the list.
    other = parse("- [ ] **PD-01** X\n  - owner: bali\n  - regions: 51.03\n", folder=tmp_path)
    assert other.errors == []


# -- unchanged files --------------------------------------------------------------------


def test_seed_documents_parse_exactly_as_before_regions():
    """The snapshot was made with the parser before regions existed."""
    snapshot = json.loads((ROOT / "tests/data/seed-parsed.json").read_text())
    paths = sorted((ROOT / "agreements").glob("*.md"))
    docs = [read_document(p.relative_to(ROOT))[1] for p in paths]
    check_documents(docs)
    now = {
        d.path: {
            "doc": d.as_dict(),
            "diagnostics": [x.as_dict() | {"severity": x.severity} for x in d.diagnostics],
        }
        for d in docs
    }
    assert json.loads(json.dumps(now)) == snapshot


# -- tracker check ----------------------------------------------------------------------


def test_tracker_check_reports_regions_and_lists(tmp_path):
    (tmp_path / "desa-adat-bali.csv").write_text("name,kabupaten\nKuta,51.03\nLegian,Atlantis\n")
    (tmp_path / "a.md").write_text(
        HEADER + "- [ ] **PD-01** X\n  - owner: bali\n  - regions: 51.99\n"
        "- [ ] **PD-02** Y\n  - owner: bali\n  - regions: adat:kuta\n"
    )
    result = tracker("check", str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    csv_path, md_path = tmp_path / "desa-adat-bali.csv", tmp_path / "a.md"
    # In file order, then line order (a.md before desa-adat-bali.csv).
    assert lines[0].startswith(f"{md_path}:20: error: `regions` of `PD-01`: unknown region")
    assert lines[1].startswith(f"{md_path}:23: error: `regions` of `PD-02`: the desa adat list")
    assert f"{csv_path}:3: error: unknown kabupaten `Atlantis`" in lines[2]
    assert lines[-1] == "1 file(s), 2 action(s): 3 error(s), 0 warning(s)"
    (tmp_path / "desa-adat-bali.csv").write_text("name,kabupaten\nKuta,51.03\nLegian,Badung\n")
    report = json.loads(tracker("check", str(tmp_path), "--format", "json").stdout)
    (file,) = report["files"]
    assert "regions" not in file["actions"][0]
    assert file["actions"][1]["regions"] == [
        {"key": "adat:kuta", "name": "Kuta", "level": "desa_adat", "owner": "bali", "target": None}
    ]


def test_party_regions_is_checked_before_any_action_is_broken_down():
    """A mistyped party in `party_regions` passed `check` until the first
    `regions` field arrived, far from the line that was wrong."""
    header = HEADER.replace(
        "---\n\n## Pendataan", "party_regions:\n  diaspora-nt: 51.03\n---\n\n## Pendataan"
    )
    doc = parse("- [ ] **PD-01** X\n  - owner: bali\n", header=header)
    assert only_error(doc) == (
        15,
        "`party_regions` names party `diaspora-nt`, which is not in `parties` "
        "(did you mean `diaspora-ntt`?)",
    )
    header = header.replace("diaspora-nt: 51.03", "diaspora-ntt: 51.99")
    line, message = only_error(parse("- [ ] **PD-01** X\n  - owner: bali\n", header=header))
    assert line == 15 and message.startswith("`party_regions` of `diaspora-ntt`: unknown region")
