"""A document page's gzip: its kept text deflated once and spliced into each
reader's page (`tracker.web.compression`), always decoding to the page itself."""

from __future__ import annotations

import gzip

from tracker.web import compression, documents

DOC = "/d/harmoni-bali-ntt"


def _page(head: str, fragment: str, tail: str = "<footer>Denpasar, ©</footer>") -> str:
    return f"<html><head>{head}</head><body>{fragment}{tail}</body></html>"


def _spliced(html: str, *fragments: compression.Fragment) -> tuple[bytes, bytes]:
    """The page's bytes as `FragmentPage` sends them, and their spliced gzip."""
    body, spans = compression.encode_page(html, fragments)
    return body, compression.gzip_page(body, spans)


def test_a_page_around_a_kept_fragment_decodes_to_exactly_its_bytes():
    fragment = compression.keep_compressed("<p>Pelatihan pra-migrasi di Sumba.</p>" * 400)
    first, first_gzip = _spliced(_page("<title>Bali</title>" * 40, fragment), fragment)
    second, second_gzip = _spliced(
        _page("<title>NTT, another reader</title>" * 50, fragment, ""), fragment
    )
    assert gzip.decompress(first_gzip) == first
    assert gzip.decompress(second_gzip) == second
    assert len(first_gzip) < len(first) // 10
    assert fragment._deflated is not None  # deflated once, for both pages


def test_bytes_not_exactly_the_fragments_are_gzipped_with_the_rest():
    fragment = compression.keep_compressed("<li>satu</li>" * 300)
    page, spans = compression.encode_page(_page("", fragment), [fragment])
    changed = page.replace(b"satu", b"dua!")  # changed after it was encoded
    assert gzip.decompress(compression.gzip_page(changed, spans)) == changed


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
        body, gzipped = _spliced(html, fragment)
        assert body == html.encode(), html[:60]
        assert gzip.decompress(gzipped) == body, html[:60]
    both = f"<b>{other}</b>·{fragment}·"
    body, gzipped = _spliced(both, other, fragment)
    assert body == both.encode()
    assert gzip.decompress(gzipped) == body


def test_a_fragment_made_by_markups_own_operations_is_encoded_as_text():
    fragment = compression.keep_compressed("<p>x</p>")
    joined = fragment + "<p>y</p>"  # Markup makes another Fragment, without bytes of its own
    html = f"<div>{joined}</div>" * 50
    body, gzipped = _spliced(html, joined)
    assert body == html.encode()
    assert gzip.decompress(gzipped) == body


def test_a_page_without_fragments_is_gzipped_whole():
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
    kept = [k for k in documents._BODIES._kept.values() if k.data in plain.content]
    assert len(kept) == 1 and kept[0].data in theirs.content
    assert kept[0]._deflated is not None
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
