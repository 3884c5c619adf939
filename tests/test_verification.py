"""Verification on every printed page (issue 12): every issued PDF carries a
code and a QR code for /v/{code}; the register answers for it, publicly.

Real HTTP through the app, the real database: the PDFs are the ones the
download routes serve, read back with pypdf (their text), pypdfium2 (a page as
an image) and zxing-cpp (the QR code in that image).
"""

from __future__ import annotations

import hashlib
import io
import re

import pypdf
import pypdfium2
import pytest
import zxingcpp
from conftest import csrf, rows
from litestar.testing import TestClient
from test_meetings import post, prepared

from tracker.verification import codes

BASE = (
    "http://testserver.local"  # the TestClient's host: the fallback when TRACKER_BASE_URL is unset
)
CODE = re.compile(r"(?:Kode verifikasi|Verification code): ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})")


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def printed_code(pdf: bytes) -> str:
    """The code printed on the PDF: the same one on every page."""
    found = {m for text in pages_text(pdf) for m in CODE.findall(text)}
    assert len(found) == 1, found
    assert all(CODE.search(text) for text in pages_text(pdf)), "a page without its code"
    return found.pop()


def qr_texts(pdf: bytes, page: int = 0) -> list[str]:
    """The QR codes a phone would read off a page printed at 300 dpi."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        document.close()
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def issued(code: str) -> dict:
    stored = codes.normalize(code)
    return next(r for r in rows("issued_document") if r["code"] == stored)


def anonymous(app) -> TestClient:
    return TestClient(app=app)


@pytest.fixture
def finalized(as_user) -> tuple:
    client = as_user("notulis")
    slug, _ = prepared(client)
    assert post(client, slug, "final").status_code == 303
    return client, slug


# --- codes ---------------------------------------------------------------------


def test_codes_are_80_random_bits_readable_and_forgiving():
    made = {codes.new_code() for _ in range(2000)}
    assert len(made) == 2000
    assert all(len(c) == 16 and set(c) <= set(codes.ALPHABET) for c in made)
    code = "7K3MQ9XD2HPBW4TZ"
    assert codes.grouped(code) == "7K3M-Q9XD-2HPB-W4TZ"
    for typed in ("7k3m-q9xd-2hpb-w4tz", " 7K3M Q9XD 2HPB W4TZ ", f"{BASE}/v/7K3M-Q9XD-2HPB-W4TZ"):
        assert codes.normalize(typed) == code
    assert codes.normalize("0OIl-0000-0000-0000") == "0011000000000000"  # look-alikes
    for bad in ("", "ABCD", "7K3M-Q9XD-2HPB-W4TU", "7K3M-Q9XD-2HPB-W4TZ-X", "x" * 500, None):
        assert codes.normalize(bad) is None


# --- the PDFs carry their code --------------------------------------------------


def test_the_notulen_pdf_is_issued_once_per_version_and_language(finalized, app):
    client, slug = finalized
    first = client.get(f"/rakor/{slug}/notulen.pdf")
    assert first.status_code == 200
    pdf = first.content
    code = printed_code(pdf)
    assert qr_texts(pdf) == [f"{BASE}/v/{code}"]
    assert qr_texts(pdf, page=len(pages_text(pdf)) - 1) == [f"{BASE}/v/{code}"]
    row = issued(code)
    assert row["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert (row["kind"], row["subject"], row["version"], row["language"]) == (
        "notulen",
        slug,
        1,
        "id",
    )
    assert row["issued_by"] == "notulis" and bytes(row["pdf"]) == pdf
    verify = client.get(f"/v/{code}").text  # the first download, named as such
    # named by its display name: /v is public, and a username is half a login
    assert re.search(r"Pertama diterbitkan oleh</dt><dd>Pengguna notulis</dd>", verify)
    # Downloaded again, by anyone: the same file, the same code, no new row.
    assert client.get(f"/rakor/{slug}/notulen.pdf").content == pdf
    assert client.get(f"/rakor/{slug}/notulen.pdf?v=1").content == pdf
    assert len(rows("issued_document")) == 1
    # Another language is another issued file.
    english = client.get(f"/rakor/{slug}/notulen.pdf?lang=en").content
    assert printed_code(english) != code
    assert "Verification code" in pages_text(english)[0]
    assert issued(printed_code(english))["language"] == "en"


def test_the_command_line_exports_the_issued_notulen(finalized, tmp_path):
    from test_cli import tracker

    client, slug = finalized
    served = client.get(f"/rakor/{slug}/notulen.pdf").content
    out = tmp_path / "notulen.pdf"
    result = tracker("minutes", "export", slug, "--format", "pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == served


def test_each_status_report_is_issued_under_a_new_code(as_user, app):
    client = as_user("viewer")
    one = client.get("/status/d/harmoni-bali-ntt/laporan.pdf").content
    two = client.get("/status/d/harmoni-bali-ntt/laporan.pdf").content
    first, second = printed_code(one), printed_code(two)
    assert first != second
    assert qr_texts(one) == [f"{BASE}/v/{first}"]
    row = issued(first)
    assert row["sha256"] == hashlib.sha256(one).hexdigest()
    assert (row["kind"], row["subject"], row["issued_by"]) == (
        "status_report",
        "harmoni-bali-ntt",
        "viewer",
    )
    assert row["pdf"] is None  # a snapshot: the register keeps the row, not the bytes
    page = anonymous(app).get(f"/v/{first.lower()}")
    assert page.status_code == 200
    assert "Laporan status" in page.text and "potret keadaan" in page.text
    assert 'href="/status/d/harmoni-bali-ntt"' in page.text


def test_the_qr_code_names_the_public_address(finalized, monkeypatch):
    monkeypatch.setenv("TRACKER_BASE_URL", "https://pantau.example.go.id/")
    client, slug = finalized
    pdf = client.get(f"/rakor/{slug}/notulen.pdf").content
    code = printed_code(pdf)
    assert qr_texts(pdf) == [f"https://pantau.example.go.id/v/{code}"]
    assert f"https://pantau.example.go.id/v/{code}" in pages_text(pdf)[0].replace("\n", "")


# --- /v ------------------------------------------------------------------------


def test_the_page_of_a_current_and_of_a_superseded_notulen(finalized, app):
    client, slug = finalized
    old = printed_code(client.get(f"/rakor/{slug}/notulen.pdf").content)
    reader = anonymous(app)
    page = reader.get(f"/v/{old}")
    assert page.status_code == 200
    assert "Notulen Rakor" in page.text and "Ini versi terbaru." in page.text
    assert "notulis" in page.text and issued(old)["sha256"] in page.text
    # A correction is finalized: version 2 replaces version 1.
    assert post(client, slug, "koreksi").status_code == 303
    assert post(client, slug, "final").status_code == 303
    new = printed_code(client.get(f"/rakor/{slug}/notulen.pdf").content)
    assert new != old
    page = reader.get(f"/v/{old}")
    assert page.status_code == 200
    assert "versi 2 menggantikan versi ini" in page.text
    assert f'href="/rakor/{slug}/v/2"' in page.text
    assert "Ini versi terbaru." not in page.text
    reader.cookies.set("lang", "en")
    page = reader.get(f"/v/{new}")
    assert "This is the current version." in page.text and 'lang="en"' in page.text


def test_unknown_and_malformed_codes_get_a_clear_404(client):
    unknown = client.get("/v/0000-0000-0000-0000")
    assert unknown.status_code == 404
    assert "Tidak ada dokumen yang diterbitkan dengan kode 0000-0000-0000-0000" in unknown.text
    assert 'name="kode"' in unknown.text  # the form, to try again
    malformed = client.get("/v/bukan-kode")
    assert malformed.status_code == 404 and "bukan kode verifikasi" in malformed.text
    assert client.post("/v/bukan-kode", data={"_csrf_token": csrf(client)}).status_code == 404


def test_the_form_sends_a_typed_code_on(client):
    start = client.get("/v")
    assert start.status_code == 200 and 'action="/v"' in start.text
    typed = client.get("/v", params={"kode": " 7k3m q9xd 2hpb w4tz "}, follow_redirects=False)
    assert typed.status_code == 303 and typed.headers["location"] == "/v/7K3M-Q9XD-2HPB-W4TZ"
    empty = client.get("/v", params={"kode": ""})
    assert empty.status_code == 422 and "Ketik kode verifikasi." in empty.text
    bad = client.get("/v", params={"kode": "12345"})
    assert bad.status_code == 422 and "error-summary" in bad.text


def test_an_uploaded_pdf_is_compared_byte_for_byte(finalized, app):
    client, slug = finalized
    pdf = client.get(f"/rakor/{slug}/notulen.pdf").content
    code = printed_code(pdf)
    reader = anonymous(app)

    def upload(data: bytes, token: str | None = None):
        token = token or csrf(reader)
        files = {"file": ("notulen.pdf", data, "application/pdf")}
        return reader.post(f"/v/{code}", data={"_csrf_token": token}, files=files)

    same = upload(pdf)
    assert same.status_code == 200 and "Sama persis." in same.text
    altered = bytearray(pdf)
    at = altered.index(b"/Producer") if b"/Producer" in altered else len(altered) // 2
    altered[at + 1] ^= 0x01
    different = upload(bytes(altered))
    assert different.status_code == 200 and "Berbeda." in different.text
    assert hashlib.sha256(bytes(altered)).hexdigest() in different.text
    nothing = reader.post(f"/v/{code}", data={"_csrf_token": csrf(reader)})
    assert nothing.status_code == 422 and "Pilih berkas PDF" in nothing.text
    forged = reader.post(
        f"/v/{code}", files={"file": ("x.pdf", pdf, "application/pdf")}, data={"_csrf_token": "x"}
    )
    assert forged.status_code == 403
    too_big = upload(b"%PDF-" + b"0" * (11 * 1024 * 1024))
    assert too_big.status_code == 413 and "10 MB" in too_big.text
