"""Verification of issued PDFs: every PDF the tracker issues carries a short
code and a QR code for `/v/{code}`, and is recorded in an issuance register
(`IssuedDocument`) with the SHA-256 of the exact bytes served.

- `codes.py`: making, normalizing and grouping codes (pure);
- `stamp.py`: the code, its URL and its QR (SVG) as a print template shows them;
- `register.py`: issuing a PDF (code first, render with it, hash, store) and
  looking a code up, with whether the document is still the current version.
"""
