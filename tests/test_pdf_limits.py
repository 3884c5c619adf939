"""PDFs are rendered one at a time per worker: a burst of requests must not
make everyone wait minutes, nor fill the verification register (review 5)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from conftest import rows

from tracker import pdf_process
from tracker.web import status as status_pages
from tracker.web.limits import Limiter

PDF = "/status/d/harmoni-bali-ntt/laporan.pdf"


def test_one_person_may_ask_for_so_many_pdf_reports_in_ten_minutes(as_user, monkeypatch):
    monkeypatch.setattr(status_pages, "PDF_LIMIT", Limiter(2, 600))
    viewer = as_user("viewer")
    assert [viewer.get(PDF).status_code for _ in range(2)] == [200, 200]
    refused = viewer.get(PDF)
    assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
    assert "meminta 2 PDF (surat dan laporan status) dalam 10 menit" in refused.text
    assert len(rows("issued_document")) == 2  # the refused one registered nothing
    # Another person is not held back by the first.
    other = as_user("ntt")
    assert other.get(PDF).status_code == 200


def test_pdfs_beyond_those_waiting_are_refused_at_once(as_user, monkeypatch):
    """With one PDF rendering and MAX_WAITING waiting, the next is told to
    come back (503, Retry-After) instead of queueing behind them."""
    monkeypatch.setattr(pdf_process, "MAX_WAITING", 1)
    viewer = as_user("viewer")
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: viewer.get(PDF), range(4)))
    codes = sorted(a.status_code for a in answers)
    assert codes.count(200) >= 2 and 503 in codes, codes
    busy = next(a for a in answers if a.status_code == 503)
    assert busy.headers["retry-after"] == str(pdf_process.RETRY_AFTER)
    assert "Banyak PDF sedang dibuat saat ini" in busy.text


def test_letters_in_pdf_count_with_the_reports(as_user, monkeypatch):
    """A letter's PDF is rendered anew and registered under a new code at every
    download, like a report; it had no limit at all: anyone who may read a
    meeting filled the register and the worker's PDF queue with letters."""
    from test_meetings import create

    monkeypatch.setattr(status_pages, "PDF_LIMIT", Limiter(2, 600))
    notulis = as_user("notulis")
    slug = create(notulis)
    letter = f"/rakor/{slug}/surat/undangan.pdf"
    assert [notulis.get(letter).status_code, notulis.get(PDF).status_code] == [200, 200]
    for refused in (notulis.get(f"/rakor/{slug}/surat/daftar-hadir.pdf"), notulis.get(PDF)):
        assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
    assert "meminta 2 PDF (surat dan laporan status) dalam 10 menit" in notulis.get(letter).text
    assert len(rows("issued_document")) == 2
    # A DOCX is neither rendered in the PDF queue nor registered: not counted.
    assert notulis.get(f"/rakor/{slug}/surat/undangan.docx").status_code == 200
