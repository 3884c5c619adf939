"""A document page's gzip: its kept text deflated once and spliced into each
reader's page (`tracker.web.compression`), always decoding to the page itself."""

from __future__ import annotations

import gzip

from tracker.web import compression

DOC = "/d/harmoni-bali-ntt"


def _page(head: str, fragment: str, tail: str = "<footer>Denpasar, ©</footer>") -> bytes:
    return f"<html><head>{head}</head><body>{fragment}{tail}</body></html>".encode()


def test_a_page_around_a_kept_fragment_decodes_to_exactly_its_bytes():
    fragment = compression.keep_compressed("<p>Pelatihan pra-migrasi di Sumba.</p>" * 400)
    first = _page("<title>Bali</title>" * 40, fragment)
    second = _page("<title>NTT, another reader</title>" * 50, fragment, "")
    assert gzip.decompress(compression.gzip_page(first)) == first
    assert gzip.decompress(compression.gzip_page(second)) == second
    assert len(compression.gzip_page(first)) < len(first) // 10


def test_a_fragment_not_exactly_in_the_page_is_gzipped_with_the_rest():
    fragment = compression.keep_compressed("<li>satu</li>" * 300)
    page = _page("", fragment)
    compression.gzip_page(page)
    changed = page.replace(b"satu", b"dua!")
    assert gzip.decompress(compression.gzip_page(changed)) == changed


def test_a_page_is_encoded_with_its_fragments_kept_bytes_exactly_as_a_whole():
    fragment = compression.keep_compressed("<p>Kesepakatan Bali–NTT · Sumba Timur ✓</p>" * 200)
    other = compression.keep_compressed("<p>dua</p>")
    pages = (
        f"<h1>Harmoni Kehidupan Bali–NTT</h1>{fragment}<p>‹ Sebelumnya</p>",
        f"{fragment}",
        "<p>no fragment here, ü</p>",
        f"<p>{fragment[:40]}… cut short</p>",  # its mark without its text
        f"<b>{other}</b>{fragment}",  # two fragments, one passed
    )
    for html in pages:
        assert compression.encode_page(html, [fragment]) == html.encode(), html[:60]
    both = f"<b>{other}</b>·{fragment}·"
    assert compression.encode_page(both, [other, fragment]) == both.encode()


def test_a_fragment_made_by_markups_own_operations_is_encoded_as_text():
    fragment = compression.keep_compressed("<p>x</p>")
    joined = fragment + "<p>y</p>"  # Markup makes another Fragment, without bytes of its own
    html = f"<div>{joined}</div>"
    assert compression.encode_page(html, [joined]) == html.encode()
    assert gzip.decompress(compression.gzip_page(html.encode() * 50)) == html.encode() * 50


def test_a_page_without_a_whole_marked_fragment_is_gzipped_whole():
    for body in (b"<p>plain</p>" * 100, b"<!--kept 999999--><p>no end</p>" * 50):
        assert gzip.decompress(compression.gzip_page(body)) == body


def test_the_document_page_is_gzipped_for_those_who_take_it_and_plain_for_others(as_user):
    viewer = as_user("viewer")
    plain = viewer.get(DOC, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    gzipped = viewer.get(DOC, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in gzipped.headers["vary"]
    assert gzipped.text == plain.text  # the client decoded it
    # Another reader's page (their own name and forms around the same text)
    # decodes whole too, and the text was deflated once for both.
    ntt = as_user("ntt")
    theirs = ntt.get(DOC, headers={"Accept-Encoding": "gzip"})
    assert theirs.headers["content-encoding"] == "gzip"
    assert theirs.text == ntt.get(DOC, headers={"Accept-Encoding": "identity"}).text
    assert theirs.text != gzipped.text
    kept = [k for k in compression._FRAGMENTS._kept.values() if k.data in plain.content]
    assert len(kept) == 1 and kept[0].data in theirs.content
    assert len(kept[0].data) > len(plain.content) // 2


def test_a_missing_document_is_still_a_gzipped_404_page(as_user):
    response = as_user("viewer").get("/d/tidak-ada", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 404
    assert "tidak-ada" in response.text


def test_the_landing_and_status_pages_splice_their_kept_tables_and_decode_whole(as_user):
    viewer = as_user("viewer")
    for path in ("/", "/status", "/status/d/harmoni-bali-ntt", "/status?party=ntt"):
        plain = viewer.get(path, headers={"Accept-Encoding": "identity"})
        gzipped = viewer.get(path, headers={"Accept-Encoding": "gzip"})
        assert gzipped.headers["content-encoding"] == "gzip", path
        assert gzipped.text == plain.text, path
        assert "<!--kept " in plain.text, path  # the kept fragment is what is spliced


def test_a_route_gzipped_by_litestar_already_is_not_gzipped_twice():
    """The middleware without its opt (`compression.spliced` sets both):
    Litestar's gzip runs first, and the page must still decode once."""
    from litestar import Litestar, get
    from litestar.config.compression import CompressionConfig
    from litestar.testing import TestClient

    @get("/", middleware=[compression.spliced_gzip], sync_to_thread=False)
    def big() -> str:
        return "Harmoni Kehidupan Bali–NTT. " * 300

    app = Litestar([big], compression_config=CompressionConfig(backend="gzip"))
    with TestClient(app) as client:
        response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.text == "Harmoni Kehidupan Bali–NTT. " * 300
