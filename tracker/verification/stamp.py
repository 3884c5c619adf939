"""What an issued PDF prints about itself: its code, the URL to check it, a QR.

The QR code is an inline SVG made by segno (vector: sharp at any print
resolution, a few KB, no image file for the renderer to fetch), with error
correction M, so a smudged or folded page still scans. Print templates show a
`Stamp` through `templates/_verify_print.html` and style it with
`static/verify_print.css`; every PDF producer (status report, notulen,
letters) uses the same two.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from tracker import i18n
from tracker.verification.codes import grouped

QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks


@dataclass(frozen=True)
class Stamp:
    code: str  # grouped, as printed: 7K3M-Q9XD-2HPB-W4TZ
    url: str  # {base}/v/{code}
    svg: Markup  # the QR code of `url`
    label: str  # "Kode verifikasi: 7K3M-..." in the document's language
    check: str  # "Periksa keaslian di ..." in the document's language


def verification_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/v/{grouped(code)}"


def qr_svg(url: str) -> Markup:
    """The QR code of `url` as inline SVG, sized by CSS (a viewBox, no width).
    segno (with urllib and xml it pulls in) is imported only once a PDF is made."""
    import segno

    qr = segno.make_qr(url, error="m", boost_error=False)
    return Markup(qr.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="verify-qr"))


def make(base_url: str, code: str, lang: str) -> Stamp:
    """The stamp of the document issued under `code` (stored form), in `lang`."""
    url = verification_url(base_url, code)
    return Stamp(
        code=grouped(code),
        url=url,
        svg=qr_svg(url),
        label=i18n.translator(lang)._("Verification code: %(code)s", code=grouped(code)),
        check=i18n.translator(lang)._("Check that this document is genuine at %(url)s", url=url),
    )
