"""No text in a printed PDF overlaps other text (issue 9, item 3).

Checked from the PDF itself: pdfplumber reads every word with its box, and no
two words' boxes on a page may intersect, nor may a word leave the page. That
covers a table heading running into the next one, a cell spilling over its
neighbour, and a page's footer or page number landing on the body text.

The data is the benchmark's dataset M (`bench/generate.py`, seed 42: 50
documents, 5,000 actions, 100,000 updates, 14 parties), synced into the test
database; the status report is printed for the documents with the longest
title, the longest commitment titles and the longest owner names, and the
notulen are built from the same documents with every party's full name; both
in Indonesian and in English.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib.util
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from conftest import DATABASE_URL, PASSWORD, _empty_tables, login, sync

from tracker.agreements.format import parse_document
from tracker.minutes.pdf import minutes_pdf
from tracker.pdf import render_pdf
from tracker.verification import stamp
from tracker.verification.codes import new_code

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("id", "en")
TOLERANCE = 0.25  # points: boxes that only touch are not overlapping


@cache
def generator():
    """bench/generate.py, the seeded script behind every benchmark's data."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- reading words back -------------------------------------------------------


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    def overlaps(self, other: Word) -> bool:
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width > TOLERANCE and height > TOLERANCE


@cache
def pages_of_words(pdf: bytes) -> list[tuple[float, float, list[Word]]]:
    """Per page: its width, its height and its words, as PDF readers see them."""
    result = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, 1):
            words = [
                Word(number, w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                for w in page.extract_words(use_text_flow=True)
            ]
            result.append((page.width, page.height, words))
    return result


def layout_problems(pdf: bytes) -> list[str]:
    """Every pair of words whose boxes intersect, and every word off its page."""
    problems = []
    for width, height, words in pages_of_words(pdf):
        ordered = sorted(words, key=lambda w: w.top)
        for i, word in enumerate(ordered):
            for other in ordered[i + 1 :]:
                if other.top >= word.bottom - TOLERANCE:
                    break  # sorted by top: nothing further down can reach this word
                if word.overlaps(other):
                    problems.append(
                        f"page {word.page}: {word.text!r} ({word.x0:.1f}, {word.top:.1f}) "
                        f"overlaps {other.text!r} ({other.x0:.1f}, {other.top:.1f})"
                    )
            if word.x0 < 0 or word.top < 0 or word.x1 > width or word.bottom > height:
                problems.append(f"page {word.page}: {word.text!r} leaves the page")
    return problems


def words(pdf: bytes) -> list[Word]:
    return [w for _, _, page in pages_of_words(pdf) for w in page]


def test_the_check_sees_overlapping_text():
    """The check itself: text printed on top of text, and a squeezed table, are found."""
    stacked = render_pdf(
        "<html><body style='font: 12pt sans-serif'>"
        "<p style='position: absolute; top: 2cm; left: 2cm'>Berjalan</p>"
        "<p style='position: absolute; top: 2.1cm; left: 2.6cm'>Berisiko</p>"
        "<p style='position: absolute; top: 5cm; left: 2cm'>Belum mulai</p>"
        "</body></html>"
    )
    problems = layout_problems(stacked)
    assert len(problems) == 1 and "'Berjalan'" in problems[0] and "'Berisiko'" in problems[0]
    squeezed = render_pdf(
        "<html><body><table style='table-layout: fixed; width: 6cm; font: 9pt sans-serif'><tr>"
        + "".join(
            f"<th style='white-space: nowrap; overflow: visible'>{label}</th>"
            for label in ("Berjalan", "Berisiko", "Belum mulai", "Terlambat", "≤ 30 hari")
        )
        + "</tr></table></body></html>"
    )
    assert layout_problems(squeezed)
    assert not layout_problems(render_pdf("<p>Berjalan Berisiko Belum mulai</p>"))


# --- dataset M ----------------------------------------------------------------


@dataclass
class DatasetM:
    folder: Path
    documents: dict  # slug -> ParsedDocument
    parties: dict[str, str]
    printed: list[str]  # the documents whose status report is printed


def _longest(documents: dict, key) -> str:
    return max(sorted(documents), key=lambda slug: key(documents[slug]))


def _owner_names(doc, parties: dict[str, str]) -> int:
    return max(sum(len(parties[k]) for k in a.owner) for a in doc.actions)


@pytest.fixture(scope="module")
def dataset_m(tmp_path_factory, migrated) -> DatasetM:
    """Dataset M in the test database: files, sync, then the 100,000 updates."""
    gen = generator()
    out = tmp_path_factory.mktemp("dataset-m")
    gen.write_files("M", out, 42)
    folder = out / "agreements"
    asyncio.run(_empty_tables())
    report = sync(folder=folder)
    assert report.ok, report.as_dict()
    parsed = {
        path.stem: parse_document(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(folder.glob("bench-*.md"))
    }
    assert len(parsed) == gen.DATASETS["M"][0]
    parties = gen.PARTIES
    printed = list(
        dict.fromkeys(
            [
                _longest(parsed, lambda d: len(d.title)),
                _longest(parsed, lambda d: max(len(c.title) for c in d.commitments)),
                _longest(parsed, lambda d: _owner_names(d, parties)),
            ]
        )
    )
    return DatasetM(folder, parsed, parties, printed)


@pytest.fixture(scope="module")
def status_pdfs(dataset_m) -> dict[tuple[str, str], bytes]:
    """The A4 status report of each chosen document, in both languages."""
    from litestar.testing import TestClient

    from tracker.accounts.users import add_user
    from tracker.progress.latest import LATEST
    from tracker.reports import service
    from tracker.web import status as status_pages
    from tracker.web.app import create_app
    from tracker.web.limits import Limiter

    gen = generator()
    sqlite = DATABASE_URL.startswith("sqlite:///")
    updates = gen.DATASETS["M"][2]
    if sqlite:
        loaded = gen.load_sqlite(DATABASE_URL.removeprefix("sqlite:///"), updates, 42)
    else:
        loaded = asyncio.run(gen.load_postgres(DATABASE_URL, updates, 42))
    assert loaded == 100_000
    LATEST.reset()
    service.forget()
    asyncio.run(add_user("pencetak", "viewer", PASSWORD, [], "Peninjau"))
    pdfs = {}
    limit, status_pages.PDF_LIMIT = (
        status_pages.PDF_LIMIT,
        Limiter(10_000, 600),
    )  # one reader, every report
    try:
        with TestClient(app=create_app(pool=False)) as client:
            assert login(client, "pencetak").status_code in (302, 303)
            for lang in LANGUAGES:
                client.cookies.set("lang", lang)
                for slug in dataset_m.printed:
                    response = client.get(f"/status/d/{slug}/laporan.pdf")
                    assert response.status_code == 200, response.text
                    pdfs[slug, lang] = response.content
    finally:
        status_pages.PDF_LIMIT = limit
        _drop_updates(sqlite)
    return pdfs


def _drop_updates(sqlite: bool) -> None:
    """The 100,000 updates out again, at once: the suite's row-by-row cleaning
    checks each deleted update's self-reference (`corrects`, not indexed) on
    SQLite, which takes minutes at this size. A plain sqlite3 connection does
    not enforce foreign keys, and nothing references these updates."""
    if sqlite:
        import sqlite3

        with sqlite3.connect(DATABASE_URL.removeprefix("sqlite:///")) as conn:
            conn.execute('DELETE FROM "update"')
    else:
        from tracker import db

        asyncio.run(db.engine().run_ddl('TRUNCATE "update" CASCADE'))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_report_text_never_overlaps(status_pdfs, dataset_m, lang):
    for slug in dataset_m.printed:
        pdf = status_pdfs[slug, lang]
        assert layout_problems(pdf) == [], slug
        assert len(pages_of_words(pdf)) == 1, f"{slug}: the report is one A4 page"


HEADINGS = {
    "id": ["Jumlah", "Selesai", "Berjalan", "Berisiko", "Belum mulai", "Dibatalkan",
           "Terlambat", "Tenggat ≤ 30 hari", "Tanpa tenggat", "Lama"],
    "en": ["Total", "Done", "In progress", "At risk", "Not started", "Cancelled",
           "Late", "Due ≤ 30 days", "No deadline", "Stale"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_report_headings_wrap_between_words_only(status_pdfs, dataset_m, lang):
    """A heading may take two lines, but no word is cut ("Jumla / h", "progr / ess")."""
    for slug in dataset_m.printed:
        found = {w.text for w in words(status_pdfs[slug, lang])}
        for heading in HEADINGS[lang]:
            for word in heading.split():
                assert word in found, (slug, heading, word)


def test_status_report_names_parties_and_its_document(status_pdfs, dataset_m):
    slug = dataset_m.printed[0]
    text = " ".join(w.text for w in words(status_pdfs[slug, "id"]))
    assert " ".join(dataset_m.documents[slug].title.split()[:4]) in text
    assert "Pemerintah" in text  # owners of late actions by name, not by key
    assert f"· {slug}" in text  # the footer, in the bottom margin


def test_status_report_late_actions_are_headed_by_their_codes(status_pdfs, dataset_m):
    """In the tagged PDF each late action's row starts with its code as a header
    cell, so a screen reader says which action an owner or a date belongs to."""
    slug = dataset_m.printed[0]
    late_tables = [rows for rows in table_rows(status_pdfs[slug, "id"]) if len(rows[0]) == 5]
    assert len(late_tables) == 1
    assert all(row[0] == "/TH" and set(row[1:]) == {"/TD"} for row in late_tables[0])


def table_rows(pdf: bytes) -> list[list[list[str]]]:
    """Each table of the PDF's structure tree: its rows, each the kinds of its cells."""
    import io

    import pypdf

    def kids(node):
        found = node.get("/K", [])
        return [k.get_object() for k in (found if isinstance(found, list) else [found])]

    def walk(node, kind):
        for kid in kids(node):
            if isinstance(kid, dict) and "/S" in kid:
                yield from [kid] if kid["/S"] == kind else walk(kid, kind)

    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"].get_object()
    return [
        [[cell["/S"] for cell in kids(row) if "/S" in cell] for row in walk(table, "/TR")]
        for table in walk(root, "/Table")
    ]


# --- the notulen --------------------------------------------------------------


NOTULEN_ID = "rakor-2026-11-20-kantor-gubernur-nusa-tenggara-timur-kupang-2"


def notulen_record(data: DatasetM, lang: str) -> dict:
    """A long Rakor over the chosen documents: their commitments as agenda items,
    their actions as follow-ups, every party of dataset M attending by name."""
    gen = generator()
    followed = [data.documents[slug] for slug in data.printed]
    longest_party = max(data.parties, key=lambda k: len(data.parties[k]))
    items = []
    decision = 0
    for doc in followed:
        for commitment in doc.commitments:
            actions = [a for a in doc.actions if a.commitment == commitment.slug][:3]
            decisions = []
            for action in actions[:2]:
                decision += 1
                decisions.append({"number": decision, "text": f"{action.title} disepakati."})
            items.append(
                {
                    "number": len(items) + 1,
                    "title": f"{doc.title}: {commitment.title}",
                    "notes": " ".join(gen.NOTES) + "\n\n" + commitment.description,
                    "decisions": decisions,
                    "follow_ups": [
                        {
                            "code": f"TL-{len(items) + 1:02d}{n}",
                            "title": action.title + " " + " ".join(gen.OBJECTS[:3]),
                            "owner": [*action.owner, longest_party],
                            "with": action.with_,
                            "due": action.due,
                            "indicator": action.indicator,
                            "target": f"{action.target.value} {action.target.unit}"
                            if action.target
                            else None,
                        }
                        for n, action in enumerate(actions, 1)
                    ],
                }
            )
    items.append({"number": len(items) + 1, "title": "Lain-lain", "notes": "",
                  "decisions": [], "follow_ups": []})  # fmt: skip
    attendees = [
        {
            "name": f"{gen.AUTHORS[i % len(gen.AUTHORS)]} Ndapa Lede Wirawan",
            "title": f"Kepala Bidang {gen.OBJECTS[i % len(gen.OBJECTS)]} {name}",
            "party": key,
            "presence": ("hadir", "diwakili", "tidak_hadir")[i % 3],
            "represented_by": "Fransiskus Kaka Ndapa, Sekretaris" if i % 3 == 1 else None,
        }
        for i, (key, name) in enumerate(sorted(data.parties.items()))
    ]
    attendees.append(
        {"name": "Agustinus Lede Bili Kaka", "title": "Tokoh masyarakat Sumba di Denpasar",
         "party": "diaspora-ntt", "presence": "tamu", "represented_by": None}
    )  # fmt: skip
    return {
        "id": NOTULEN_ID,
        "language": lang,
        "kop": [
            "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR",
            "SEKRETARIAT DAERAH — BIRO PEMERINTAHAN DAN OTONOMI DAERAH",
            "Jalan Basuki Rahmat No. 1, Kupang, Nusa Tenggara Timur 85111, Telepon (0380) 833 000",
        ],
        "title": "Rapat Koordinasi Tindak Lanjut " + followed[0].title,
        "starts_at": dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC),
        "ends_at": dt.datetime(2026, 11, 20, 8, 45, tzinfo=dt.UTC),
        "place": "Ruang Rapat Utama Kantor Gubernur Nusa Tenggara Timur, Kupang",
        "chair": {
            "name": "Emanuel Melkiades Laka Lena",
            "title": "Gubernur Nusa Tenggara Timur",
            "nip": "196212311988031001",
        },
        "notulis": {
            "name": "Ni Luh Putu Sekar Ayu Wirawan",
            "title": "Analis Kebijakan Ahli Muda",
            "nip": "198803122010012001",
        },
        "follows": [{"id": d.id, "title": d.title} for d in followed],
        "parties": dict(data.parties),
        "attendees": attendees,
        "undiscussed": "mark",
        "opening": "Rapat dibuka oleh Gubernur Nusa Tenggara Timur. " * 6,
        "items": items,
        "closing": "Rapat ditutup dengan doa bersama. " * 4,
        "next_meeting": dt.date(2027, 1, 14),
        "version": 12,
        "finalized_at": dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
    }


@pytest.fixture(scope="module")
def notulen_pdfs(dataset_m) -> dict[str, bytes]:
    """As issued: with the verification stamp (a QR code, the code, a long
    address) at the foot of every page."""
    return {
        lang: minutes_pdf(
            notulen_record(dataset_m, lang),
            stamp.make("https://pemantau-kesepakatan.baliprov.go.id", new_code(), lang),
        )
        for lang in LANGUAGES
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notulen_text_never_overlaps(notulen_pdfs, lang):
    pdf = notulen_pdfs[lang]
    assert len(pages_of_words(pdf)) >= 3
    assert layout_problems(pdf) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notulen_footer_and_page_number_stay_below_the_body(notulen_pdfs, lang):
    """The running footer and 'Halaman n dari m' sit in the bottom margin: every
    word of the body ends above the first word of the footer, on every page."""
    label = {"id": "Halaman", "en": "Page"}[lang]
    pages = pages_of_words(notulen_pdfs[lang])
    for number, (_, height, page) in enumerate(pages, 1):
        footer_top = min(w.top for w in page if w.text in (NOTULEN_ID, label))
        body = [w for w in page if w.bottom <= footer_top]
        footer = [w for w in page if w.top >= footer_top]
        assert body and footer, number
        assert len(body) + len(footer) == len(page), f"page {number}: a word straddles the footer"
        assert footer_top > height * 0.85, number
        numbering = [w for w in footer if w.text in (label, str(number), str(len(pages)))]
        assert f"{label} {number}" in " ".join(w.text for w in footer)
        assert len({round(w.top) for w in numbering}) == 1, f"page {number}: numbering wraps"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_report_of_the_real_agreement_never_overlaps(as_user, lang):
    """The same on the seeded Bali–NTT agreement, whose pillars have the longest titles."""
    client = as_user("viewer")
    client.cookies.set("lang", lang)
    for slug in ("harmoni-bali-ntt", "rakor-denpasar-2026-01-30"):
        response = client.get(f"/status/d/{slug}/laporan.pdf")
        assert response.status_code == 200
        assert layout_problems(response.content) == [], slug
