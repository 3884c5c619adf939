"""The outbox of mail to send and the notifications each user sees in the tracker.

Both are written in the same transaction as the decision to notify. Each has a
unique key (kind, subject, recipient, the date it is for), created by raw SQL
in the migration, so planning the same message twice stores it once.
"""

from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from tracker.accounts.tables import User
from tracker.db import DB

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


class Outbox(Table, db=DB):
    """One mail message: planned, then claimed and sent (or failed) by a sender.

    `status`: pending (waiting for `next_attempt_at`), sending (claimed by
    `claimed_by` until `claimed_until`), sent, failed (with `last_error`).
    """

    kind = Varchar(
        length=32
    )  # reminder.before7, reminder.before1, reminder.late, digest, expiry.90 ...
    subject_key = Varchar(length=128)  # what it is about: action:12, document:3, digest
    recipient = ForeignKey(User, on_delete=OnDelete.cascade)
    for_date = Date()  # the due date, the digest's Monday, the expiry date
    to_address = Varchar(length=254)
    language = Varchar(length=8)
    subject = Text()
    body_text = Text()
    body_html = Text()
    unsubscribe_url = Text()
    status = Varchar(length=16, default=PENDING)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz()
    claimed_by = Varchar(length=64, null=True, default=None)
    claimed_until = Timestamptz(null=True, default=None)
    last_error = Text(null=True, default=None)
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None)


class Notification(Table, db=DB):
    """What a user sees on their Notifikasi page; read once opened."""

    recipient = ForeignKey(User, on_delete=OnDelete.cascade)
    kind = Varchar(length=32)
    subject_key = Varchar(length=128)
    for_date = Date()
    title = Text()
    body = Text()
    link = Text()
    created_at = Timestamptz()
    read_at = Timestamptz(null=True, default=None)
