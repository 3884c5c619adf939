"""Every issued PDF is a tagged PDF, for the readers who use a screen reader.

Governors' offices send the notulen, the status report and the Rakor letters
on as files; a screen reader needs the structure tree (headings, tables whose
header cells are marked), the document's language and its title. Each test
reads these back from the PDF itself (pypdf).
"""

from __future__ import annotations

import io
from collections import Counter

import pypdf
import pytest
from test_letters import long_record
from test_minutes_outputs import record_en, record_id

from tracker.minutes import letters
from tracker.minutes.pdf import letter_pdf, minutes_pdf
from tracker.verification import stamp
from tracker.verification.codes import new_code


def structure(pdf: bytes) -> tuple[dict, Counter]:
    """The PDF's catalog, and how many structure elements of each kind it has."""
    catalog = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    kinds: Counter = Counter()
    tree = catalog.get("/StructTreeRoot")
    pending = list(tree.get_object()["/K"]) if tree else []
    while pending:
        node = pending.pop().get_object()
        if isinstance(node, dict) and "/S" in node:
            kinds[node["/S"]] += 1
            kids = node.get("/K", [])
            pending.extend(kids if isinstance(kids, list) else [kids])
    return catalog, kinds


def assert_tagged(pdf: bytes, lang: str, title: str) -> Counter:
    """Marked as tagged, with its language, and a title shown as the window's title."""
    catalog, kinds = structure(pdf)
    assert catalog.get("/MarkInfo", {}).get("/Marked") == True  # noqa: E712 - a pypdf BooleanObject
    assert catalog["/Lang"] == lang
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert title in pypdf.PdfReader(io.BytesIO(pdf)).metadata.title
    return kinds


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_notulen_pdf_has_headings_and_tables_with_header_cells(lang):
    record = record_id() if lang == "id" else record_en()
    kinds = assert_tagged(minutes_pdf(record), lang, "Rapat Koordinasi Tindak Lanjut")
    assert kinds["/H1"] == 1  # NOTULEN RAPAT
    assert kinds["/H2"] >= 5  # I. Pembukaan … V. Penutup
    assert kinds["/H3"] == 3  # the agenda items
    assert kinds["/Table"] >= 3 and kinds["/TH"] >= 10 and kinds["/THead"] >= 2


@pytest.mark.parametrize("kind", letters.KINDS)
def test_the_letters_are_tagged(kind):
    kinds = assert_tagged(letter_pdf(kind, long_record("id")), "id", "Rapat Koordinasi")
    assert kinds["/P"] >= 3


def cells_without_headers(pdf: bytes, table: int, least: int = 1) -> list[str]:
    """The data cells of the PDF's `table`-th table named by fewer than `least` header cells."""
    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"].get_object()
    pending, tables = [root], []
    while pending:  # depth first, in document order
        node = pending.pop(0).get_object()
        kids = node.get("/K", [])
        kids = [k.get_object() for k in (kids if isinstance(kids, list) else [kids])]
        if node.get("/S") == "/Table":
            tables.append(node)
        pending[:0] = [k for k in kids if isinstance(k, dict) and "/S" in k]
    found, pending = [], [tables[table]]
    while pending:
        node = pending.pop(0)
        kids = node.get("/K", [])
        kids = [k.get_object() for k in (kids if isinstance(kids, list) else [kids])]
        if node.get("/S") == "/TD" and len(node["/A"].get("/Headers", [])) < least:
            found.append(node)
        pending += [k for k in kids if isinstance(k, dict) and "/S" in k]
    return found


def test_label_value_tables_name_each_value_by_its_label():
    """'Acara : Rapat …': the label is the row's header cell, so a screen reader
    says 'Acara' with the meeting's title (it was a column header of nothing)."""
    assert cells_without_headers(minutes_pdf(record_id()), 0) == []
    assert cells_without_headers(letter_pdf("daftar-hadir", long_record("id")), 0) == []


def subject(pdf: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(pdf)).metadata.subject or ""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_verification_code_is_in_the_files_properties(lang):
    """The stamp is in the page margin, outside the structure a screen reader
    follows: the Subject says it, in the document's language."""
    issued = stamp.make("https://pantau.baliprov.go.id", new_code(), lang)
    record = record_id() if lang == "id" else record_en()
    for pdf in (minutes_pdf(record, issued), letter_pdf("undangan", long_record(lang), issued)):
        assert subject(pdf) == f"{issued.label} · {issued.check}"
        assert issued.url in subject(pdf)
    assert subject(minutes_pdf(record)) == ""  # a preview, issued under no code


def test_the_status_report_is_tagged_with_its_chart_described(as_user):
    client = as_user("viewer")
    client.cookies.set("lang", "en")
    response = client.get("/status/d/harmoni-bali-ntt/laporan.pdf")
    assert response.status_code == 200
    kinds = assert_tagged(response.content, "en", "Status: Kesepakatan Harmoni Kehidupan")
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 2 and kinds["/TH"] >= 12
    assert kinds["/Figure"] == 1
    assert subject(response.content).startswith("Verification code: ")
    assert cells_without_headers(response.content, 1, least=2) == []  # its commitment, its column
    [alt] = figure_alts(response.content)
    assert alt.startswith("Progress week by week: ") and "percent complete" in alt, alt


def figure_alts(pdf: bytes) -> list[str]:
    """The alternative texts of the PDF's figures."""
    catalog = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    pending, alts = list(catalog["/StructTreeRoot"].get_object()["/K"]), []
    while pending:
        node = pending.pop().get_object()
        if isinstance(node, dict) and "/S" in node:
            if node["/S"] == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            kids = node.get("/K", [])
            pending.extend(kids if isinstance(kids, list) else [kids])
    return alts
