"""The notulen outputs (PDF, DOCX, Markdown) as pure functions of one minutes record.

No database and no HTTP: each test builds a plain record, renders it and reads
the result back (pypdf, python-docx, the agreement parser).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from functools import cache
from pathlib import Path

import docx
import pypdf
import pytest
from weasyprint.urls import URLFetcher

from tracker.agreements.checker import check_documents
from tracker.agreements.format import parse_document
from tracker.minutes import labels
from tracker.minutes.docx import minutes_docx
from tracker.minutes.markdown import escape_line, minutes_markdown
from tracker.minutes.pdf import minutes_html, minutes_pdf
from tracker.pdf import STATIC_DIR, FetchRefused, StaticFetcher, render_pdf, static_base_url

ROOT = Path(__file__).resolve().parents[1]
UTC = dt.UTC
SCRIPT = "<script>alert('x')</script>"


def record_id() -> dict:
    """A realistic Rakor in Indonesian, with user text that must be escaped."""
    return {
        "id": "rakor-kupang-2026-03-12",
        "language": "id",
        "kop": [
            "PEMERINTAH PROVINSI BALI",
            "SEKRETARIAT DAERAH",
            "Jalan Basuki Rahmat No. 1, Denpasar",
        ],
        "title": "Rapat Koordinasi Tindak Lanjut Kesepakatan Harmoni Kehidupan Bali–NTT",
        "starts_at": dt.datetime(2026, 3, 12, 1, 0, tzinfo=UTC),
        "ends_at": None,
        "place": "Kantor Gubernur NTT, Kupang",
        "chair": {"name": "I Wayan Koster", "title": "Gubernur Bali", "nip": ""},
        "notulis": {
            "name": "Ni Luh Putu Sēkar",
            "title": "Analis Kebijakan Ahli Muda",
            "nip": "198803122010012001",
        },
        "follows": [{"id": "harmoni-bali-ntt", "title": "Kesepakatan Harmoni Kehidupan Bali–NTT"}],
        "parties": {
            "bali": "Pemerintah Provinsi Bali",
            "ntt": "Pemerintah Provinsi Nusa Tenggara Timur",
            "sumba-barat": "Pemerintah Kabupaten Sumba Barat",
        },
        "attendees": [
            _person("I Wayan Koster", "Gubernur Bali", "bali"),
            _person("Emanuel Melkiades Laka Lena", "Gubernur NTT", "ntt", "diwakili", "Johni Asadoma"),
            _person("Kadis Nakertrans <b>NTT</b>", "Tenaga Kerja & Transmigrasi", None, "tidak_hadir"),
            _person("Ni Luh Putu Sēkar", "Analis Kebijakan Ahli Muda", "bali"),
        ],
        "opening": "Rapat dibuka pukul 09.00 WITA oleh Gubernur Bali.\n\n"
        "Wakil Gubernur NTT menyampaikan salam & terima kasih.",
        "items": [
            {
                "number": 1,
                "title": "Syarat keluar dan masuk",
                "notes": f"Dibahas syarat keluar dari daerah asal {SCRIPT}.\n\nParagraf kedua.",
                "decisions": [
                    {"number": 1, "text": "Rekomendasi resmi wajib bagi pekerja asal NTT."},
                    {"number": 2, "text": "Syarat masuk Bali diselaraskan & diumumkan."},
                ],
                "follow_ups": [
                    _follow_up("RK2-01", "Surat edaran rekomendasi resmi", ["ntt", "sumba-barat"],
                               ["bali"], dt.date(2026, 4, 30), "surat edaran terbit", "100 %"),
                    _follow_up("RK2-02", "Syarat masuk ke Bali", ["bali"], [], None, None, None),
                ],
            },
            {
                "number": 2,
                "title": "Pendataan warga pendatang",
                "notes": "Pendataan sampai desa adat.",
                "decisions": [{"number": 3, "text": "Pendataan dimulai April 2026."}],
                "follow_ups": [
                    _follow_up("RK2-03", "Pelatihan petugas pendataan", ["bali"], ["ntt"],
                               dt.date(2026, 6, 30), None, "40 pelatihan"),
                ],
            },
            {"number": 3, "title": "Lain-lain", "notes": "", "decisions": [], "follow_ups": []},
        ],
        "closing": "Rapat ditutup pukul 12.00 WITA.",
        "next_meeting": dt.date(2026, 4, 9),
        "version": 2,
        "finalized_at": dt.datetime(2026, 3, 12, 9, 0, tzinfo=UTC),
    }  # fmt: skip


def record_en() -> dict:
    """The same meeting with English labels; user text stays as written."""
    record = record_id()
    record["language"] = "en"
    record["ends_at"] = dt.datetime(2026, 3, 12, 4, 30, tzinfo=UTC)
    return record


def _person(name, title, party, presence="hadir", deputy=None) -> dict:
    return {
        "name": name,
        "title": title,
        "party": party,
        "presence": presence,
        "represented_by": deputy,
    }


def _follow_up(code, title, owner, with_, due, indicator, target) -> dict:
    return {
        "code": code,
        "title": title,
        "owner": owner,
        "with": with_,
        "due": due,
        "indicator": indicator,
        "target": target,
    }


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (PDF lines wrap anywhere)."""
    return " ".join(text.split())


@cache
def pdf_pages(lang: str) -> tuple[str, ...]:
    """Each page's text, rendered once per language for all the tests here."""
    data = minutes_pdf(record_id() if lang == "id" else record_en())
    assert data.startswith(b"%PDF-")
    return tuple(flat(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


# --- PDF -------------------------------------------------------------------


def test_pdf_holds_the_facts():
    text = " ".join(pdf_pages("id"))
    facts = [
        "PEMERINTAH PROVINSI BALI",
        "SEKRETARIAT DAERAH",
        "NOTULEN RAPAT",
        "Acara : Rapat Koordinasi Tindak Lanjut Kesepakatan Harmoni Kehidupan Bali–NTT",
        "Hari, tanggal : Kamis, 12 Maret 2026",
        "Waktu : 09.00 WITA – selesai",
        "Tempat : Kantor Gubernur NTT, Kupang",
        "Pimpinan rapat : I Wayan Koster — Gubernur Bali",
        "Notulis : Ni Luh Putu Sēkar",
        "4 undangan: 2 hadir, 1 diwakili, 1 tidak hadir (lihat daftar hadir terlampir)",
        "I. Pembukaan",
        "II. Pembahasan",
        "1. Syarat keluar dan masuk",
        "III. Keputusan",
        "IV. Tindak Lanjut",
        "V. Penutup",
        "Keputusan 1: Rekomendasi resmi wajib bagi pekerja asal NTT.",
        "Keputusan 2: Syarat masuk Bali diselaraskan & diumumkan.",
        "Keputusan 3: Pendataan dimulai April 2026.",
        "RK2-01",
        "RK2-02",
        "RK2-03",
        "Pemerintah Provinsi Nusa Tenggara Timur, Pemerintah Kabupaten Sumba Barat",
        "didukung: Pemerintah Provinsi Bali",
        "30 April 2026",
        "belum ditetapkan",
        "Rapat berikutnya direncanakan pada Kamis, 9 April 2026.",
        "Kupang, 12 Maret 2026",
        "NIP. 198803122010012001",
        "Versi 2, difinalkan 12 Maret 2026 pukul 17.00 WITA",
    ]
    for fact in facts:
        assert fact in text, fact


def test_pdf_shows_user_markup_as_text():
    text = " ".join(pdf_pages("id"))
    assert SCRIPT in text
    assert "KadisNakertrans<b>NTT</b>" in text.replace(" ", "")  # a cell may wrap at "</"
    html = minutes_html(record_id())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Tenaga Kerja &amp; Transmigrasi" in html


def test_pdf_attendance_annex_starts_a_page_of_its_own():
    pages = pdf_pages("id")
    assert len(pages) >= 2
    annex = next(i for i, page in enumerate(pages) if "Lampiran: Daftar Hadir" in page)
    assert annex > 0 and "Kupang, 12 Maret 2026" not in pages[annex]  # signatures are before
    rest = " ".join(pages[annex:])
    for fact in (
        "No Nama Jabatan/Instansi Keterangan Tanda tangan",
        "I Wayan Koster",
        "Emanuel Melkiades Laka Lena",
        "diwakili oleh Johni Asadoma",
        "tidak hadir",
        "Ni Luh Putu Sēkar",
        "Pemerintah Provinsi Nusa Tenggara Timur",
    ):
        assert fact in rest, fact


def test_pdf_footer_and_page_number_on_every_page():
    """The running footer needs the stylesheet: it proves static/ was read."""
    pages = pdf_pages("id")
    for number, page in enumerate(pages, 1):
        assert "rakor-kupang-2026-03-12 · Versi 2" in page
        assert f"Halaman {number} dari {len(pages)}" in page


def test_english_pdf_labels():
    text = " ".join(pdf_pages("en"))
    for fact in (
        "MINUTES OF MEETING",
        "Day, date : Thursday, 12 March 2026",
        "Time : 09:00 – 12:30 WITA",
        "III. Decisions",
        "Decision 1: Rekomendasi resmi wajib bagi pekerja asal NTT.",
        "supported by: Pemerintah Provinsi Bali",
        "not set",
        "The next meeting is planned for Thursday, 9 April 2026.",
        "Annex: Attendance list",
        "represented by Johni Asadoma",
        "Version 2, finalized 12 March 2026 at 17:00 WITA",
        "Page 1 of",
    ):
        assert fact in text, fact
    assert "Keputusan 1" not in text and "NOTULEN" not in text


def test_pdf_without_kop_end_or_finalization():
    record = record_id()
    record.update(kop=[], finalized_at=None, version=1, next_meeting=None, place="")
    text = flat(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(minutes_pdf(record))).pages)
    )
    assert text.startswith("NOTULEN RAPAT")
    assert "Versi 1, draf" in text and "Rapat berikutnya" not in text


def test_an_empty_opening_or_closing_says_none_in_the_pdf_and_the_docx():
    """Never a bare section heading (a screen reader announces it and then the
    next one): 'Tidak ada.' under I. Pembukaan and V. Penutup, in both files."""
    record = record_id()
    record.update(opening="", closing="", next_meeting=None)
    for text in (pdf_text(record), docx_text(record)):
        assert "I. Pembukaan Tidak ada. II. Pembahasan" in text
        assert "V. Penutup Tidak ada." in text
    record["next_meeting"] = dt.date(2026, 4, 9)
    assert "V. Penutup Rapat berikutnya" in pdf_text(record)


# --- the restricted fetcher ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/minutes_print.css",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "file://example.org/etc/passwd",
        static_base_url() + "../tracker/pdf.py",
        static_base_url() + "%2e%2e/tracker/pdf.py",
        static_base_url() + "no-such-file.css",
        STATIC_DIR.as_uri(),  # the folder itself is not a file
    ],
)
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(FetchRefused):
        StaticFetcher().fetch(url)


def test_fetcher_refuses_a_symlink_out_of_static(tmp_path):
    root = tmp_path / "static"
    root.mkdir()
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    (root / "link.css").symlink_to(secret)
    (root / "ok.css").write_text("body { color: blue }")
    fetcher = StaticFetcher(root)
    with pytest.raises(FetchRefused):
        fetcher.fetch((root / "link.css").as_uri())
    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"body { color: blue }"


def test_fetcher_serves_static_files_and_data_urls():
    response = StaticFetcher().fetch(static_base_url() + "minutes_print.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()
    assert StaticFetcher().fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_render_pdf_leaves_forbidden_resources_out(monkeypatch):
    """Rendering succeeds; urllib's opener (the network, other files) is never asked."""
    asked: list[str] = []
    original = URLFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    html = (
        '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        '<style>@import url("file:///etc/passwd");</style></head><body>'
        '<img src="file:///etc/passwd"><img src="https://example.org/a.png">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "<p>isi tetap ada</p></body></html>"
    )
    data = render_pdf(html)
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "isi tetap ada" in text and "root:" not in text
    assert all(url.startswith("data:") for url in asked), asked


# --- DOCX ------------------------------------------------------------------


def open_docx(record: dict):
    return docx.Document(io.BytesIO(minutes_docx(record)))


def cell_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_docx_holds_the_facts():
    document = open_docx(record_id())
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert paragraphs[:3] == [
        "PEMERINTAH PROVINSI BALI",
        "SEKRETARIAT DAERAH",
        "Jalan Basuki Rahmat No. 1, Denpasar",
    ]
    assert headings == [
        "NOTULEN RAPAT",
        "I. Pembukaan",
        "II. Pembahasan",
        "1. Syarat keluar dan masuk",
        "2. Pendataan warga pendatang",
        "3. Lain-lain",
        "III. Keputusan",
        "IV. Tindak Lanjut",
        "V. Penutup",
        "Lampiran: Daftar Hadir",
    ]
    header, follow_ups, signatures, attendance = document.tables
    fields = {row[0]: row[2] for row in cell_rows(header)}
    assert fields["Acara"] == record_id()["title"]
    assert fields["Hari, tanggal"] == "Kamis, 12 Maret 2026"
    assert fields["Waktu"] == "09.00 WITA – selesai"
    assert fields["Tempat"] == "Kantor Gubernur NTT, Kupang"
    assert fields["Pimpinan rapat"] == "I Wayan Koster — Gubernur Bali"
    assert fields["Notulis"] == "Ni Luh Putu Sēkar — Analis Kebijakan Ahli Muda"
    assert "Keputusan 2: Syarat masuk Bali diselaraskan & diumumkan." in paragraphs
    assert f"Dibahas syarat keluar dari daerah asal {SCRIPT}." in paragraphs
    assert "Rapat berikutnya direncanakan pada Kamis, 9 April 2026." in paragraphs
    rows = cell_rows(follow_ups)
    assert rows[0] == ["No", "Rencana aksi", "Penanggung jawab", "Tenggat"]
    assert rows[1][1].startswith("RK2-01 Surat edaran rekomendasi resmi")
    assert "Target: 100 %" in rows[1][1]
    assert rows[1][2] == (
        "Pemerintah Provinsi Nusa Tenggara Timur, Pemerintah Kabupaten Sumba Barat\n"
        "didukung: Pemerintah Provinsi Bali"
    )
    assert rows[1][3] == "30 April 2026"
    assert rows[2][1:] == [
        "RK2-02 Syarat masuk ke Bali",
        "Pemerintah Provinsi Bali",
        "belum ditetapkan",
    ]
    chair, notulis = cell_rows(signatures)[0]
    assert chair.startswith("Mengetahui,\nPimpinan Rapat,") and "I Wayan Koster" in chair
    assert notulis.startswith("Kupang, 12 Maret 2026\nNotulis,")
    assert notulis.endswith("NIP. 198803122010012001")
    assert cell_rows(attendance)[1:] == [
        ["1", "I Wayan Koster", "Gubernur Bali\nPemerintah Provinsi Bali", "hadir", ""],
        ["2", "Emanuel Melkiades Laka Lena", "Gubernur NTT\nPemerintah Provinsi Nusa Tenggara Timur",
         "diwakili oleh Johni Asadoma", ""],
        ["3", "Kadis Nakertrans <b>NTT</b>", "Tenaga Kerja & Transmigrasi", "tidak hadir", ""],
        ["4", "Ni Luh Putu Sēkar", "Analis Kebijakan Ahli Muda\nPemerintah Provinsi Bali", "hadir", ""],
    ]  # fmt: skip


def test_docx_attendance_annex_after_a_page_break():
    body = open_docx(record_id()).element.body
    page_break = body.xpath(".//w:br[@w:type='page']")
    assert len(page_break) == 1
    following = "".join(page_break[0].xpath("following::w:t/text()"))
    assert following.startswith("Lampiran: Daftar Hadir")


def test_docx_properties_name_the_office_and_the_version_not_python_docx():
    """Word's Info panel and a screen reader announce these, and offices file by them."""
    properties = open_docx(record_id()).core_properties
    assert properties.title == record_id()["title"]
    assert properties.language == "id"
    assert properties.author == properties.last_modified_by == "PEMERINTAH PROVINSI BALI"
    assert properties.comments == ""  # not 'generated by python-docx'
    assert properties.created == properties.modified == dt.datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
    without_kop = {**record_id(), "kop": []}
    assert open_docx(without_kop).core_properties.author == ""


def test_english_docx_labels():
    document = open_docx(record_en())
    paragraphs = [p.text for p in document.paragraphs]
    assert "MINUTES OF MEETING" in paragraphs and "III. Decisions" in paragraphs
    assert "Decision 1: Rekomendasi resmi wajib bagi pekerja asal NTT." in paragraphs
    fields = {row[0]: row[2] for row in cell_rows(document.tables[0])}
    assert fields["Time"] == "09:00 – 12:30 WITA"
    assert fields["Day, date"] == "Thursday, 12 March 2026"
    assert cell_rows(document.tables[1])[0] == ["No", "Action", "Responsible", "Due"]
    assert "Annex: Attendance list" in paragraphs


def test_docx_drops_characters_xml_cannot_hold():
    record = record_id()
    record["items"][0]["notes"] = "bel\x07 dan escape\x1b tetap terbaca"
    paragraphs = [p.text for p in open_docx(record).paragraphs]
    assert "bel dan escape tetap terbaca" in paragraphs


# --- Markdown ----------------------------------------------------------------


def parsed(record: dict):
    """The Markdown, parsed and checked together with the real agreement it follows."""
    agreement_path = ROOT / "agreements" / "harmoni-bali-ntt.md"
    agreement = parse_document(agreement_path.read_text(encoding="utf-8"), str(agreement_path))
    doc = parse_document(minutes_markdown(record), "minutes.md")
    check_documents([agreement, doc])
    assert doc.diagnostics == []
    return doc


def test_markdown_is_a_valid_minutes_file():
    doc = parsed(record_id())
    assert doc.type == "minutes"
    assert doc.id == "rakor-kupang-2026-03-12"
    assert doc.title == record_id()["title"]
    assert doc.date == dt.date(2026, 3, 12)
    assert doc.place == "Kantor Gubernur NTT, Kupang"
    assert doc.follows == ["harmoni-bali-ntt"]
    assert doc.chair == "I Wayan Koster — Gubernur Bali"
    assert doc.attendees == [
        "I Wayan Koster — Gubernur Bali",
        "Emanuel Melkiades Laka Lena — Gubernur NTT (diwakili oleh Johni Asadoma)",
        "Ni Luh Putu Sēkar — Analis Kebijakan Ahli Muda",
    ]
    assert doc.language == "id"
    assert [(c.slug, c.title) for c in doc.commitments] == [
        ("item-1", "1. Syarat keluar dan masuk"),
        ("item-2", "2. Pendataan warga pendatang"),
        ("item-3", "3. Lain-lain"),  # an item without follow-ups is a commitment, no warning
    ]


def test_markdown_follow_ups_are_actions():
    actions = {a.id: a for a in parsed(record_id()).actions}
    assert list(actions) == ["RK2-01", "RK2-02", "RK2-03"]
    first = actions["RK2-01"]
    assert (first.commitment, first.title) == ("item-1", "Surat edaran rekomendasi resmi")
    assert (first.owner, first.with_) == (["ntt", "sumba-barat"], ["bali"])
    assert first.due == dt.date(2026, 4, 30)
    assert first.indicator == "surat edaran terbit"
    assert (first.target.value, first.target.unit) == (100, "%")
    second = actions["RK2-02"]
    assert (second.owner, second.with_, second.due, second.target) == (["bali"], [], None, None)
    third = actions["RK2-03"]
    assert third.commitment == "item-2" and third.due == dt.date(2026, 6, 30)
    assert (third.target.value, third.target.unit) == (40, "pelatihan")


def test_markdown_decisions_and_notes_are_descriptions():
    commitments = {c.slug: c for c in parsed(record_id()).commitments}
    first = commitments["item-1"].description
    assert "Paragraf kedua." in first
    assert "* Keputusan 1: Rekomendasi resmi wajib bagi pekerja asal NTT." in first
    assert "* Keputusan 2: Syarat masuk Bali diselaraskan & diumumkan." in first
    assert "* Keputusan 3: Pendataan dimulai April 2026." in commitments["item-2"].description


def test_markdown_parties_are_only_those_the_follow_ups_name():
    text = minutes_markdown(record_id())
    doc = parse_document(text, "minutes.md")
    assert doc.parties_declared
    assert doc.parties == {
        "bali": "Pemerintah Provinsi Bali",
        "ntt": "Pemerintah Provinsi Nusa Tenggara Timur",
        "sumba-barat": "Pemerintah Kabupaten Sumba Barat",
    }
    record = record_id()
    record["parties"]["diaspora-ntt"] = "Diaspora NTT di Bali"
    assert "diaspora-ntt" not in minutes_markdown(record)


INJECTIONS = [
    "- [ ] **XX-99** sneaky",
    "  * [x] **XX-98** also sneaky",
    "1. [ ] **XX-97** numbered",
    "## fake",
    "### fake too",
    "---",
    "===",
    "```",
    "<!-- swallow the rest",
    "<script>",
    "> ## quoted heading",
    "- ## heading in a list",
    "\u2028- [ ] **XX-96** after a line separator",
]


def test_markdown_user_text_cannot_add_actions_or_commitments():
    record = record_id()
    nasty = "Catatan biasa.\n" + "\n".join(INJECTIONS)
    record["opening"] = nasty
    record["items"][0]["notes"] = nasty + "\n\n" + nasty
    record["items"][2]["notes"] = nasty
    record["closing"] = nasty
    record["items"][1]["decisions"][0]["text"] = "Putusan\n## fake\n- [ ] **XX-95** x"
    doc = parsed(record)
    assert [c.slug for c in doc.commitments] == ["item-1", "item-2", "item-3"]
    assert [a.id for a in doc.actions] == ["RK2-01", "RK2-02", "RK2-03"]
    assert "\\- [ ] **XX-99** sneaky" in doc.commitments[0].description
    assert "\\## fake" in doc.commitments[0].description


def test_markdown_front_matter_survives_awkward_strings():
    record = record_id()
    record["title"] = "Rakor: Bali–NTT #2\n---\nlanjutan"
    record["place"] = "2026-01-01"
    record["chair"] = {"name": "\"Ketua\" 'sementara'", "title": "yes", "nip": ""}
    record["attendees"] = [_person("null", "[Kepala] {Dinas}", None)]
    record["items"][0]["title"] = "Judul\ndua baris {#palsu}"
    record["items"][0]["follow_ups"][0]["title"] = "Judul\naksi **tebal**"
    doc = parsed(record)
    assert doc.title == "Rakor: Bali–NTT #2 --- lanjutan"
    assert doc.place == "2026-01-01"
    assert doc.chair == "\"Ketua\" 'sementara' — yes"
    assert doc.attendees == ["null — [Kepala] {Dinas}"]
    assert (doc.commitments[0].slug, doc.commitments[0].title) == (
        "item-1",
        "1. Judul dua baris {#palsu}",
    )
    assert doc.actions[0].title == "Judul aksi **tebal**"


def test_english_markdown():
    text = minutes_markdown(record_en())
    assert "* Decision 1: Rekomendasi resmi wajib bagi pekerja asal NTT." in text
    assert "#### Closing" in text and "The next meeting is planned for" in text
    assert parsed(record_en()).language == "en"


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("- [ ] **XX-99** x", "\\- [ ] **XX-99** x"),
        ("   ## fake", "\\## fake"),
        ("12. [ ] x", "12\\. [ ] x"),
        ("3) x", "3\\) x"),
        ("- - -", "\\- - -"),
        ("~~~python", "\\~~~python"),
        ("[ref]: http://example.org", "\\[ref]: http://example.org"),
        ("*tebal* di awal", "*tebal* di awal"),
        ("#tagar", "#tagar"),
        ("Biasa saja", "Biasa saja"),
    ],
)
def test_escape_line(line, escaped):
    assert escape_line(line) == escaped


def test_outputs_do_not_change_the_record():
    record = record_id()
    before = copy.deepcopy(record)
    minutes_markdown(record)
    minutes_docx(record)
    minutes_html(record)
    assert record == before


# --- what the notulen say: attendance and undiscussed items ------------------


def with_guest(record: dict) -> dict:
    """The same meeting plus a walk-in guest whose party no follow-up names."""
    record["attendees"].append(_person("Yohanes Bili", "Ketua Paguyuban", "diaspora-ntt", "tamu"))
    record["parties"]["diaspora-ntt"] = "Diaspora NTT di Bali"
    return record


def pdf_text(record: dict) -> str:
    data = minutes_pdf(record)
    return flat(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))


def docx_text(record: dict) -> str:
    document = open_docx(record)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    return flat(" ".join(p.text for p in document.paragraphs) + " " + cells)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("id", "4 undangan: 2 hadir, 1 diwakili, 1 tidak hadir; 1 tamu (lihat daftar hadir terlampir)"),
        ("en", "4 invited: 2 present, 1 represented, 1 absent; 1 guest (see the attached attendance list)"),
    ],
)  # fmt: skip
def test_attendance_line_counts_invited_present_represented_and_guests_apart(lang, line):
    """Someone represented is not "present"; a walk-in guest was never invited."""
    record = with_guest(record_id() if lang == "id" else record_en())
    assert labels.attendance_summary(record) == line
    assert line in pdf_text(record)
    assert line in docx_text(record)
    guest = {"id": "tamu, tidak diundang", "en": "guest, not invited"}[lang]
    assert guest in pdf_text(record) and guest in docx_text(record)
    # The Markdown's attendees are those who came, the guest marked as such.
    attendees = parsed(record).attendees
    assert f"Yohanes Bili — Ketua Paguyuban ({guest})" in attendees
    assert not any("Kadis" in a for a in attendees)  # the absent are not attendees


def test_attendance_line_without_absent_or_guests():
    record = record_id()
    for person in record["attendees"]:
        person["presence"] = "hadir"
    assert labels.attendance_summary(record) == (
        "4 undangan: 4 hadir, 0 diwakili (lihat daftar hadir terlampir)"
    )
    record["attendees"][0]["presence"] = "tamu"
    assert labels.attendance_summary(record) == (
        "3 undangan: 3 hadir, 0 diwakili; 1 tamu (lihat daftar hadir terlampir)"
    )
    record["attendees"] = [record["attendees"][0]] * 2  # the guest, twice
    record["language"] = "en"
    assert labels.attendance_summary(record).startswith(
        "0 invited: 0 present, 0 represented; 2 guests"
    )


def test_a_guests_party_prints_by_name_never_as_a_code():
    record = with_guest(record_id())
    for text in (pdf_text(record), docx_text(record)):
        assert "Diaspora NTT di Bali" in text
        assert "diaspora-ntt" not in text


def undiscussed_record(mode: str | None, lang: str = "id") -> dict:
    """Three items, the middle one never discussed (no notes, decisions or follow-ups)."""
    record = record_id() if lang == "id" else record_en()
    first, second, _ = record["items"]
    idle = {"number": 2, "title": "Sosialisasi antarprovinsi", "notes": "  ",
            "decisions": [], "follow_ups": []}  # fmt: skip
    second["number"] = 3
    record["items"] = [first, idle, second]
    if mode:
        record["undiscussed"] = mode
    return record


@pytest.mark.parametrize("mode", [None, "mark"])
def test_undiscussed_items_are_marked_not_discussed(mode):
    """By default, and when the notulis chooses so: the heading, then "Tidak dibahas."."""
    record = undiscussed_record(mode)
    for text in (pdf_text(record), docx_text(record)):
        assert "2. Sosialisasi antarprovinsi Tidak dibahas." in text
        assert "3. Pendataan warga pendatang" in text
        assert "1. Syarat keluar dan masuk Dibahas" in text  # discussed: no mark
        assert text.count("Tidak dibahas.") == 1
    markdown = minutes_markdown(record)
    assert "## 2. Sosialisasi antarprovinsi {#item-2}\n\nTidak dibahas.\n" in markdown
    document = parsed(record)
    assert [c.title for c in document.commitments][1] == "2. Sosialisasi antarprovinsi"
    english = undiscussed_record(mode, "en")
    assert "2. Sosialisasi antarprovinsi Not discussed." in pdf_text(english)
    assert "Not discussed." in docx_text(english) and "Not discussed." in minutes_markdown(english)


def test_undiscussed_items_can_be_left_out():
    """With "omit" the item is gone from every output and the rest are numbered 1, 2."""
    record = undiscussed_record("omit")
    for text in (pdf_text(record), docx_text(record), minutes_markdown(record)):
        assert "Sosialisasi antarprovinsi" not in text
        assert "Tidak dibahas" not in text
    assert "2. Pendataan warga pendatang" in pdf_text(record)
    assert "2. Pendataan warga pendatang" in docx_text(record)
    document = parsed(record)
    assert [c.title for c in document.commitments] == [
        "1. Syarat keluar dan masuk",
        "2. Pendataan warga pendatang",
    ]
    assert [a.id for a in document.actions] == ["RK2-01", "RK2-02", "RK2-03"]
    # Decisions keep their meeting-wide numbers.
    assert "Keputusan 3: Pendataan dimulai April 2026." in pdf_text(record)
