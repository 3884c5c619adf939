"""The issuance register: one row per PDF the tracker issued.

A row says what the document is, when and by whom it was issued, in which
language, and the SHA-256 of the exact bytes served, under a random code
printed on every page. Frozen documents (a notulen version) are issued once
per (kind, subject, version, language): their bytes are kept in `pdf`, so a
second download is the same file with the same code (a unique index in the
migration holds that). Snapshots (a status report) get a new row and code each
time they are printed, and their bytes are not kept: the row is a few hundred
bytes, the register of what was handed out.
"""

from piccolo.columns import Bytea, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from tracker.db import DB

STATUS_REPORT, NOTULEN, LETTER = "status_report", "notulen", "letter"
KINDS = (STATUS_REPORT, NOTULEN, LETTER)


class IssuedDocument(Table, db=DB):
    """A PDF as issued. Never updated, never deleted."""

    code = Varchar(length=16, unique=True)  # stored form (no hyphens); see codes.py
    kind = Varchar(length=16)  # status_report | notulen | letter
    title = Text()
    subject = Varchar(length=128)  # the document's or meeting's slug
    version = Integer(null=True, default=None)  # a notulen's (or letter's) version
    language = Varchar(length=8)
    sha256 = Varchar(length=64, index=True)  # of the bytes served, code and QR included
    issued_at = Timestamptz()
    # A username, "(cli)" for the command line, None for a reader without a login.
    issued_by = Varchar(length=64, null=True, default=None)
    pdf = Bytea(null=True, default=None)  # kept for frozen documents only
