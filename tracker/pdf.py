"""HTML to PDF with WeasyPrint, reading nothing but the app's own static files.

Documents rendered here (notulen, status reports) carry user text. It is
escaped by the templates, but as a second wall the renderer itself may only
read files under the repository's `static/` folder (the folder the web app
serves at `/static`), so no template mistake can make a PDF embed
`/etc/passwd` or call out to the network:

- `file:` URLs are allowed only when the resolved path (symlinks followed) is a
  file inside `static/`, on this host (`file:///…` or `file://localhost/…`);
- `data:` URLs are allowed: they carry their bytes in the document itself and
  read nothing (useful for a small inline logo);
- everything else (`http:`, `https:`, `ftp:`, other hosts' `file:`) is refused.

A refused resource is left out with a WeasyPrint warning in the log; the PDF is
still produced. Relative URLs resolve against `static/` unless a `base_url` is
given, so a template can simply link `minutes_print.css`.
"""

from __future__ import annotations

import logging
import mimetypes
import sys
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The same folder as `tracker.web.ui.STATIC_DIR`, found the same way; not
# imported from there so that PDFs need no web framework.
STATIC_DIR = Path(__file__).resolve().parents[1] / "static"


class FetchRefused(ValueError):
    """A resource the PDF renderer may not read."""


class StaticFetcher(URLFetcher):
    """A WeasyPrint (v70) URL fetcher that serves only files under `root`.

    WeasyPrint 70 wants a `URLFetcher` instance (it reads private attributes of
    the fetcher on errors), so this subclasses it and overrides `fetch`, the
    one method every stylesheet, image, font and attachment goes through.
    """

    def __init__(self, root: Path = STATIC_DIR) -> None:
        super().__init__(timeout=5, allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)  # urllib's data: handler reads nothing
        if scheme != "file":
            raise FetchRefused(f"only static files may be read, not {url[:100]!r}")
        path = self.static_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def static_path(self, url: str) -> Path:
        """The file a `file:` URL names, if it is inside `root`; else FetchRefused."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"file URL on another host: {url[:100]!r}")
        try:
            path = Path(url2pathname(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise FetchRefused(f"no such static file: {url[:100]!r}") from exc
        if not path.is_relative_to(self.root) or not path.is_file():
            raise FetchRefused(f"not a file under {self.root}: {url[:100]!r}")
        return path


def static_base_url() -> str:
    """`file:///…/static/`: what relative URLs in a rendered document resolve to."""
    return STATIC_DIR.resolve().as_uri() + "/"


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """The PDF of an HTML document whose resources may only come from `static/`.

    Tagged (`pdf_tags`): the issued PDFs go to readers who use screen readers,
    so each carries a structure tree (headings, tables with header cells,
    paragraphs in reading order), shows its `<title>` as the window title and
    states the `<html lang>`. Tags add marked-content operators only: the page
    looks the same. Not `pdf/ua-1`, which would claim a conformance nobody has
    checked. The running footer (verification stamp, page number) sits in a
    page margin, which WeasyPrint leaves out of the tree, as a reader expects
    of a repeated footer.
    """
    document = HTML(
        string=html, base_url=base_url or static_base_url(), url_fetcher=StaticFetcher()
    )
    return document.write_pdf(pdf_tags=True)


def main() -> None:
    """HTML on stdin, PDF on stdout (what `render_pdf_isolated` runs)."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    sys.stdout.buffer.write(render_pdf(sys.stdin.buffer.read().decode()))


if __name__ == "__main__":
    main()
