"""The letters around a Rakor (issue 12): the surat undangan and the daftar hadir
as PDF and DOCX, in both languages, from a meeting made through the web forms;
the letter's fields and their messages; the scans of signed notulen (PDF only,
bounded, append-only, audited, for notulis and admins to attach and for every
reader of the minutes to download). Real HTTP, a real database, no mocks."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pypdf
import pytest
from conftest import csrf, rows
from test_meetings import MEETING, create, page_of, post
from test_pdf_layout import layout_problems

from tracker.minutes import letters
from tracker.minutes.docx import attendance_docx, invitation_docx
from tracker.minutes.pdf import letter_pdf
from tracker.progress.updates import MAX_FILE_BYTES
from tracker.verification import stamp
from tracker.verification.codes import new_code

LETTER = {
    "letter_number": "005/1234/B.Pem/XI/2026",
    "letter_nature": "segera",
    "letter_attachment": "1 (satu) berkas",
    "letter_subject": "Undangan Rakor Tindak Lanjut Harmoni",
    "letter_place": "Denpasar",
    "letter_date": "2026-11-10",
    "signer_name": "Dewa Made Indra",
    "signer_title": "Sekretaris Daerah Provinsi Bali",
    "signer_nip": "196612311992031012",
}
INVITED = ["bali", "ntt", "aph-bali"]
SCAN = b"%PDF-1.4\n% scan of the signed notulen\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def meeting_id(client, slug: str) -> int:
    return int(re.search(r'id="base-meeting-(\d+)-', page_of(client, slug)).group(1))


def letter_form(client, slug: str, values: dict[str, str]) -> dict[str, str]:
    """The letter page's form as a browser sends it: every field with its base."""
    html = client.get(f"/rakor/{slug}/surat").text
    form = {"_csrf_token": csrf(client)}
    for key, base in re.findall(r'name="b:(meeting-\d+-[a-z_]+)" value="([0-9a-f]+)"', html):
        form[f"b:{key}"] = base
        name = key.split("-", 2)[2]
        form[f"v:{key}"] = values.get(name, "")
    return form


def fill_letter(client, slug: str, **changes: str):
    form = letter_form(client, slug, {**LETTER, **changes})
    return client.post(f"/rakor/{slug}/surat", data=form, follow_redirects=False)


@pytest.fixture
def notulis_meeting(as_user):
    client = as_user("notulis")
    slug = create(client, invited=INVITED)
    return client, slug


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return " ".join(
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages
    )


def docx_text(data: bytes) -> str:
    """Every paragraph, and every cell of every (nested) table, in document order."""

    def cells(tables) -> list[str]:
        found = []
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    found += [p.text for p in cell.paragraphs] + cells(cell.tables)
        return found

    document = docx.Document(io.BytesIO(data))
    return " ".join(
        " ".join([p.text for p in document.paragraphs] + cells(document.tables)).split()
    )


def download(client, slug: str, name: str, lang: str | None = None):
    suffix = f"?lang={lang}" if lang else ""
    return client.get(f"/rakor/{slug}/surat/{name}{suffix}")


# ------------------------------------------------------------ the letter's fields


def test_the_letter_fields_are_saved_from_their_page(notulis_meeting):
    client, slug = notulis_meeting
    page = client.get(f"/rakor/{slug}/surat")
    assert page.status_code == 200
    assert "Nomor surat" in page.text and "Wayan Koster" in page.text  # the signer's default
    response = fill_letter(client, slug)
    assert response.status_code == 303
    assert response.headers["location"] == f"/rakor/{slug}/surat"
    [meeting] = rows("meeting")
    assert {k: str(meeting[k]) for k in LETTER} == LETTER
    # The draft page links to the letter page and to the four downloads of each paper.
    html = page_of(client, slug)
    assert f'href="/rakor/{slug}/surat"' in html
    for name in ("undangan.pdf", "undangan.docx", "daftar-hadir.pdf", "daftar-hadir.docx"):
        assert f'href="/rakor/{slug}/surat/{name}"' in html
        assert f'href="/rakor/{slug}/surat/{name}?lang=en"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("letter_number", "0" * 101, "paling banyak 100 karakter"),
        ("letter_attachment", "x" * 101, "paling banyak 100 karakter"),
        ("letter_subject", "y" * 301, "paling banyak 300 karakter"),
        ("letter_nature", "mendesak", "Sifat surat tidak dikenal: mendesak."),
        ("signer_nip", "19661231 ABC", "NIP hanya berisi angka."),
        ("letter_date", "10-11-2026", "Tanggal harus TTTT-BB-HH, bukan 10-11-2026."),
    ],
)
def test_a_refused_letter_field_keeps_what_was_typed_and_saves_nothing(
    notulis_meeting, field, value, message
):
    client, slug = notulis_meeting
    response = fill_letter(client, slug, **{field: value})
    assert response.status_code == 422
    assert "Ada masalah" in response.text
    assert message in response.text or message in response.text.replace("&#34;", '"')
    assert LETTER["signer_name"] in response.text  # the other fields keep what was typed
    assert "baru diubah orang lain" not in response.text  # a refusal is no conflict
    [meeting] = rows("meeting")
    assert meeting["letter_number"] == "" and meeting["signer_name"] == ""


def test_the_letter_page_is_for_notulis_and_admins(notulis_meeting, as_user):
    client, slug = notulis_meeting
    form = letter_form(client, slug, LETTER)
    for role in ("ntt", "viewer"):
        other = as_user(role)
        assert other.get(f"/rakor/{slug}/surat").status_code == 403
        assert (
            other.post(
                f"/rakor/{slug}/surat", data={**form, "_csrf_token": csrf(other)}
            ).status_code
            == 403
        )
        # a draft never finalized is the notulis's working paper: not there for readers
        assert download(other, slug, "undangan.pdf").status_code == 404
    admin = as_user("admin")
    assert fill_letter(admin, slug).status_code == 303


# ------------------------------------------------------------- the invitation


def test_the_invitation_says_who_when_where_what_and_who_signs(notulis_meeting):
    client, slug = notulis_meeting
    assert fill_letter(client, slug).status_code == 303
    agenda = re.findall(r"<h3[^>]*>\d+\. (.+?) <span", page_of(client, slug))
    assert len(agenda) >= 3
    expected = {
        "id": ["Nomor", "Sifat", "Segera", "Lampiran", "Perihal", "Kepada", "Yth.", "Tempat",
               "Denpasar, 10 November 2026", "Jumat, 20 November 2026", "09.30 WITA – selesai",
               "dengan pokok bahasan"],
        "en": ["Number", "Classification", "Urgent", "Attachment", "Subject", "To",
               "Denpasar, 10 November 2026", "Friday, 20 November 2026", "09:30 WITA – until finished",
               "with the following agenda"],
    }  # fmt: skip
    for lang in ("id", "en"):
        pdf = download(client, slug, "undangan.pdf", lang if lang == "en" else None)
        assert pdf.status_code == 200
        assert pdf.headers["content-type"] == "application/pdf"
        suffix = "-en" if lang == "en" else ""
        assert f'filename="undangan-{slug}{suffix}.pdf"' in pdf.headers["content-disposition"]
        word = download(client, slug, "undangan.docx", lang if lang == "en" else None)
        assert word.status_code == 200
        for text in (pdf_text(pdf.content), docx_text(word.content)):
            for value in (LETTER["letter_number"], "1 (satu) berkas", LETTER["letter_subject"]):
                assert value in text, (lang, value)
            for party in ("Pemerintah Provinsi Bali", "Pemerintah Provinsi Nusa Tenggara Timur",
                          "Aparat penegak hukum di Bali (kepolisian dan kejaksaan)"):  # fmt: skip
                assert party in text, (lang, party)
            assert "Kesepakatan Harmoni Kehidupan Bali–NTT" in text  # what it follows up
            assert MEETING["title"] in text and MEETING["place"] in text
            for title in agenda[:3]:
                assert " ".join(title.replace("&amp;", "&").split()) in text, (lang, title)
            for value in (LETTER["signer_name"], LETTER["signer_title"] + ",",
                          f"NIP. {LETTER['signer_nip']}"):  # fmt: skip
                assert value in text, (lang, value)
            assert "PEMERINTAH PROVINSI BALI" in text  # the kop
            for label in expected[lang]:
                assert label in text, (lang, label)
        if lang == "en":
            assert "Yth." not in pdf_text(pdf.content) and "Nomor" not in pdf_text(pdf.content)
    # Each PDF is issued under its own code, printed on it and kept in the register.
    issued = rows("issued_document")
    assert [(d["kind"], d["subject"], d["language"]) for d in issued] == [
        ("letter", slug, "id"),
        ("letter", slug, "en"),
    ]
    assert issued[0]["title"] == f"Surat Undangan: {MEETING['title']}"
    assert issued[0]["issued_by"] == "notulis" and issued[0]["pdf"] is None
    again = pdf_text(download(client, slug, "daftar-hadir.pdf").content)
    code = rows("issued_document")[-1]["code"]
    assert f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}" in again  # a new code, printed
    checked = client.get(f"/v/{code}")  # and anyone can check it
    assert checked.status_code == 200 and "Daftar hadir" in checked.text


def test_without_its_own_fields_the_letter_is_signed_by_the_chair_and_left_to_fill(
    notulis_meeting,
):
    client, slug = notulis_meeting
    text = pdf_text(download(client, slug, "undangan.pdf").content)
    assert f"{MEETING['chair_name']} NIP. {MEETING['chair_nip']}" in text
    assert MEETING["chair_title"] + "," in text
    assert "Nomor : …" in text and "Kupang, …" in text  # typed or written in when signed
    assert "Sifat : Biasa" in text and "Lampiran : -" in text
    assert "Perihal : Undangan Rapat Koordinasi" in text


def test_a_finalized_meetings_letters_are_read_like_its_minutes(notulis_meeting, as_user):
    client, slug = notulis_meeting
    assert fill_letter(client, slug).status_code == 303
    assert post(client, slug, "final").status_code == 303
    viewer = as_user("viewer")
    assert download(viewer, slug, "undangan.docx").status_code == 200
    assert download(viewer, slug, "daftar-hadir.pdf").status_code == 200
    assert download(viewer, slug, "undangan.txt").status_code == 404
    assert download(viewer, slug, "surat.pdf").status_code == 404
    assert download(viewer, slug, "undangan.pdf", "fr").status_code == 422
    assert viewer.get("/rakor/tidak-ada/surat/undangan.pdf").status_code == 404


# ----------------------------------------------------------- the daftar hadir


def test_the_attendance_sheet_lists_the_invitees_then_empty_rows(notulis_meeting):
    client, slug = notulis_meeting
    expected = {
        "id": ["DAFTAR HADIR", "No", "Nama", "Jabatan", "Instansi", "No. HP", "Tanda tangan",
               "Acara", "Jumat, 20 November 2026", "Tempat"],
        "en": ["ATTENDANCE LIST", "No", "Name", "Position", "Institution", "Phone", "Signature",
               "Meeting", "Friday, 20 November 2026", "Place"],
    }  # fmt: skip
    for lang in ("id", "en"):
        query = "en" if lang == "en" else None
        pdf = pdf_text(download(client, slug, "daftar-hadir.pdf", query).content)
        word = download(client, slug, "daftar-hadir.docx", query).content
        for text in (pdf, docx_text(word)):
            for label in [*expected[lang], MEETING["title"], MEETING["place"]]:
                assert label in text, (lang, label)
            for name in ("Wayan Koster", "Johni Asadoma", "Kepala Dinas Nakertrans NTT"):
                assert name in text
        [_, table] = docx.Document(io.BytesIO(word)).tables
        cells = [[c.text for c in row.cells] for row in table.rows]
        # header; the three people listed; aph-bali, invited with nobody listed; empty rows
        assert len(cells) == 1 + 3 + 1 + letters.EMPTY_ROWS
        assert cells[1][:4] == ["1", "Wayan Koster", "Gubernur Bali", "Pemerintah Provinsi Bali"]
        assert cells[2][3] == "Pemerintah Provinsi Nusa Tenggara Timur"
        assert cells[4][1:4] == ["", "", "Aparat penegak hukum di Bali (kepolisian dan kejaksaan)"]
        assert cells[-1][:5] == [str(len(cells) - 1), "", "", "", ""]
        assert [row[5] for row in cells[1:3]] == ["1.", "2."]  # numbered places to sign
        assert all(row.height is not None and row.height.cm >= 1.2 for row in table.rows[1:])


# --------------------------------------------------------- the printed layout


def long_record(lang: str) -> dict:
    """A meeting with the longest names people write, for the layout check."""
    names = {
        f"p{i}": f"Pemerintah Kabupaten Sumba Barat Daya dan Dinas Tenaga Kerja dan Transmigrasi {i}"
        for i in range(6)
    }
    meeting = {
        "slug": "rakor-2026-11-20-ruang-rapat-utama-kantor-gubernur-nusa-tenggara-timur",
        "version": 0,
        "kop": "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR\n"
        "SEKRETARIAT DAERAH — BIRO PEMERINTAHAN DAN OTONOMI DAERAH\n"
        "Jalan Basuki Rahmat No. 1, Kupang, Nusa Tenggara Timur 85111, Telepon (0380) 833 000",
        "title": "Rapat Koordinasi Tindak Lanjut Kesepakatan Harmoni Kehidupan Bali–NTT " * 2,
        "starts_at": dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC),
        "ends_at": dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC),
        "place": "Ruang Rapat Utama Kantor Gubernur Nusa Tenggara Timur, Kupang",
        "chair_name": "Emanuel Melkiades Laka Lena",
        "chair_title": "Gubernur Nusa Tenggara Timur",
        "chair_nip": "",
        "notulis_name": "Ni Luh Putu Sekar",
        "notulis_title": "Analis Kebijakan",
        "notulis_nip": "",
        "follows": ["harmoni-bali-ntt"],
        "invited": list(names),
        "parties": names,
        "attendees": [
            {
                "name": "Agustinus Lede Bili Kaka Ndapa Wirawan Fransiskus Xaverius",
                "title": "Kepala Bidang Pembinaan dan Penempatan Tenaga Kerja Luar Daerah",
                "party": key,
                "presence": "hadir",
                "represented_by": "",
            }
            for key in list(names)[:4]
        ],
        "undiscussed": "mark",
        "opening": "",
        "closing": "",
        "next_meeting": None,
        "items": [
            {
                "title": f"Pembinaan pra-migrasi dan komunikasi budaya antara masyarakat Bali dan NTT, bagian {n}",
                "notes": "",
                "decisions": [],
                "follow_ups": [],
            }
            for n in range(1, 9)
        ],  # fmt: skip
        "letter_number": "005/1234/B.Pem/XI/2026/Biro-Pemerintahan-dan-Otonomi-Daerah",
        "letter_nature": "sangat_segera",
        "letter_attachment": "1 (satu) berkas daftar peserta dan bahan paparan",
        "letter_subject": "Undangan Rapat Koordinasi Tindak Lanjut Kesepakatan Harmoni Kehidupan Bali–NTT",
        "letter_place": "Kupang",
        "letter_date": dt.date(2026, 11, 10),
        "signer_name": "Kosmas Damianus Lana Wirawan Ndapa Lede",
        "signer_title": "Sekretaris Daerah Provinsi Nusa Tenggara Timur selaku Ketua Tim Koordinasi",
        "signer_nip": "196808121993031009",
    }
    titles = {"harmoni-bali-ntt": "Kesepakatan Harmoni Kehidupan Bali–NTT"}
    return letters.letter_record(meeting, titles, lang)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("kind", letters.KINDS)
def test_letters_with_long_names_never_overlap(kind, lang):
    """As issued: with the verification stamp (QR, code, a long address) at the foot."""
    issued = stamp.make("https://pemantau-kesepakatan.baliprov.go.id", new_code(), lang)
    pdf = letter_pdf(kind, long_record(lang), issued)
    assert layout_problems(pdf) == []
    text = pdf_text(pdf)
    assert issued.code in text
    assert "Dinas Tenaga Kerja dan Transmigrasi 5" in text
    if kind == "undangan":
        assert "Kosmas Damianus Lana Wirawan Ndapa Lede" in text


@pytest.mark.parametrize(
    ("lang", "invitation", "sheet"),
    [("id", "Surat Undangan", "Daftar hadir"), ("en", "Letter of invitation", "Attendance list")],
)
def test_each_letters_docx_is_titled_as_its_pdf(lang, invitation, sheet):
    """A screen reader and a file manager announce the title: the invitation and
    the attendance sheet of one meeting must not both be the meeting's title."""
    record = long_record(lang)
    for make, label in ((invitation_docx, invitation), (attendance_docx, sheet)):
        properties = docx.Document(io.BytesIO(make(record))).core_properties
        assert properties.title == f"{label}: {' '.join(record['title'].split())}"
        assert properties.language == lang


# ------------------------------------------------------------ the signed copy


def finalized(client, slug: str) -> None:
    assert post(client, slug, "final").status_code == 303


def attach(client, slug: str, data: bytes, name: str = "notulen-ttd.pdf", version: int = 1):
    return client.post(
        f"/rakor/{slug}/v/{version}/pindaian",
        data={"_csrf_token": csrf(client)},
        files={"file": (name, data, "application/pdf")},
        follow_redirects=False,
    )


def test_a_signed_scan_is_attached_listed_and_read_by_every_reader(notulis_meeting, as_user):
    client, slug = notulis_meeting
    finalized(client, slug)
    response = attach(client, slug, SCAN)
    assert response.status_code == 303
    assert response.headers["location"] == f"/rakor/{slug}#signed-copies"
    second = attach(client, slug, SCAN + b"% page 2\n", "notulen-ttd-lengkap.pdf")
    assert second.status_code == 303  # added beside the first, never over it
    html = client.get(f"/rakor/{slug}").text
    assert "Salinan bertanda tangan" in html
    assert html.count("diunggah oleh Pengguna notulis") == 2
    assert "notulen-ttd.pdf" in html and "notulen-ttd-lengkap.pdf" in html
    copies = rows("signed_copy")
    assert [c["filename"] for c in copies] == ["notulen-ttd.pdf", "notulen-ttd-lengkap.pdf"]
    assert [e["action"] for e in rows("audit_entry")].count("meeting.signed_copy") == 2
    viewer = as_user("viewer")
    assert f"/rakor/{slug}/pindaian/{copies[0]['id']}" in viewer.get(f"/rakor/{slug}").text
    file = viewer.get(f"/rakor/{slug}/pindaian/{copies[0]['id']}")
    assert file.status_code == 200 and file.content == SCAN
    assert file.headers["content-type"] == "application/pdf"
    assert file.headers["x-content-type-options"] == "nosniff"
    assert file.headers["content-disposition"] == 'attachment; filename="notulen-ttd.pdf"'
    # no upload form for readers; a copy of another meeting is not found under this one
    assert 'action="/rakor/' + slug + '/v/1/pindaian"' not in viewer.get(f"/rakor/{slug}").text
    assert viewer.get(f"/rakor/{slug}/pindaian/999").status_code == 404


def test_a_scan_of_an_older_version_is_attached_to_that_version(notulis_meeting):
    client, slug = notulis_meeting
    finalized(client, slug)
    assert post(client, slug, "koreksi").status_code == 303
    finalized(client, slug)
    response = attach(client, slug, SCAN, version=1)
    assert response.headers["location"] == f"/rakor/{slug}/v/1#signed-copies"
    assert "versi 1 · diunggah" in client.get(f"/rakor/{slug}/v/2").text
    assert attach(client, slug, SCAN, version=3).status_code == 422


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notulen.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "notulen.png bukan PDF"),
        ("notulen.pdf", b"<html>not a pdf</html>", "notulen.pdf bukan PDF"),
        (
            "notulen.pdf",
            b"%PDF-" + b"0" * MAX_FILE_BYTES,
            "Berkas terlalu besar: paling besar 10 MB.",
        ),
        ("", b"", "Pilih berkas PDF pindaian notulen."),
    ],
)
def test_a_refused_scan_says_why_and_stores_nothing(notulis_meeting, name, data, message):
    client, slug = notulis_meeting
    finalized(client, slug)
    response = attach(client, slug, data, name)
    assert response.status_code == 422
    assert message in response.text
    assert "Ada masalah" in response.text
    assert rows("signed_copy") == []
    assert [e for e in rows("audit_entry") if e["action"] == "meeting.signed_copy"] == []


def test_only_notulis_and_admins_attach_scans(notulis_meeting, as_user):
    client, slug = notulis_meeting
    finalized(client, slug)
    for role in ("ntt", "viewer"):
        assert attach(as_user(role), slug, SCAN).status_code == 403
    no_token = as_user("admin").post(
        f"/rakor/{slug}/v/1/pindaian", files={"file": ("a.pdf", SCAN, "application/pdf")}
    )
    assert no_token.status_code == 403
    assert rows("signed_copy") == []
    assert attach(as_user("admin"), slug, SCAN).status_code == 303


def test_a_long_agenda_never_leaves_the_signature_alone_on_a_page(as_user):
    """Twelve agenda items push the letter to two pages: its closing words go
    over with the signature, never the signature by itself."""
    client = as_user("notulis")
    slug = create(
        client, invited=INVITED, follows=["harmoni-bali-ntt", "rakor-denpasar-2026-01-30"]
    )
    assert fill_letter(client, slug).status_code == 303
    pdf = download(client, slug, "undangan.pdf")
    pages = [
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages
    ]
    assert len(pages) == 2, len(pages)  # (one page would prove nothing)
    signed = [text for text in pages if LETTER["signer_name"] in text]
    assert len(signed) == 1
    assert "Mengingat pentingnya rapat tersebut" in signed[0]
    # The second page is numbered at its head, as a letter's pages after the
    # first are; the first is not.
    assert "- 2 -" in pages[1], pages[1]
    assert "- 1 -" not in pages[0]
    word = docx.Document(io.BytesIO(download(client, slug, "undangan.docx").content))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text.strip()
    head = section.header.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in head and "- " in section.header.paragraphs[0].text


def test_the_english_invitation_labels_the_meeting_and_the_agenda_apart(notulis_meeting):
    """In English the meeting's title is labelled "Meeting" (Indonesian *Acara*):
    "Agenda: <title>" followed by "with the following agenda:" said one word
    for two things."""
    client, slug = notulis_meeting
    for name in ("undangan.pdf", "undangan.docx"):
        raw = download(client, slug, name, "en").content
        text = pdf_text(raw) if name.endswith(".pdf") else docx_text(raw)
        assert "Meeting" in text and "with the following agenda:" in text, name
        assert "Agenda :" not in text and "Agenda" not in text.split("with the following")[0]
        indonesian = download(client, slug, name).content
        text = pdf_text(indonesian) if name.endswith(".pdf") else docx_text(indonesian)
        assert "Acara" in text, name


def test_read_in_english_each_download_says_its_language(notulis_meeting):
    """In English a bare "PDF" beside "PDF (English)" read as the English one:
    the Indonesian downloads say so; in Indonesian, the page's own language,
    they need not."""
    client, slug = notulis_meeting
    page = client.get(f"/rakor/{slug}").text
    assert 'undangan.pdf" hx-boost="false" download>PDF</a>' in page
    client.get("/lang/en")
    english = client.get(f"/rakor/{slug}").text
    assert 'undangan.pdf" hx-boost="false" download>PDF (Bahasa Indonesia)</a>' in english
    assert 'undangan.pdf?lang=en" hx-boost="false" download>PDF (English)</a>' in english
