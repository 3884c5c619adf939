"""The outbox of mail to send and the notifications each user sees in the tracker.

Both are written in the same transaction as the decision to notify. Each has a
unique key (kind, subject, recipient, the date it is for), created by raw SQL
in the migration, so planning the same message twice stores it once.
"""

from piccolo.columns import JSON, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
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
    )  # reminder.before7, reminder.late, digest, expiry.90, rakor.invitation ...
    subject_key = Varchar(length=128)  # what it is about: action:12, document:3, meeting:4:1
    # None for a Rakor attendee without an account: the address is the recipient.
    recipient = ForeignKey(User, null=True, on_delete=OnDelete.cascade)
    for_date = Date()  # the due date, the digest's Monday, the expiry date
    to_address = Varchar(length=254)
    language = Varchar(length=8)
    subject = Text()
    body_text = Text()
    body_html = Text()
    unsubscribe_url = Text()
    # What the sender attaches: [{"name", "type", "text"}] (an invitation's .ics)
    # or [{"name", "type", "minutes": {"slug", "version", "language"}}] (the
    # notulen PDF, rendered when sent so the outbox does not hold copies of it).
    attachments = JSON(default="[]")
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
    # {"id": [title, body], "en": [...]}: the title and body in every interface
    # language, so the page speaks its reader's language, not only the mail's.
    # NULL on rows written before it (their title and body are shown).
    texts = Text(null=True, default=None)


class RakorInvitation(Table, db=DB):
    """Each time a notulis sent (or a cancel withdrew) a Rakor's invitation.

    Append-only. `uid` and `sequence` are the iCalendar UID and SEQUENCE: a
    changed meeting sent again updates the same calendar entry. The meeting is
    referred to by id, not by a foreign key, so the history outlives a
    cancelled draft (whose row is deleted).
    """

    meeting_id = Integer()
    slug = Varchar(length=128)
    uid = Varchar(length=128)
    sequence = Integer()
    method = Varchar(length=8)  # REQUEST | CANCEL
    starts_at = Timestamptz()
    recipients = Integer()  # addresses written to the outbox
    sent_by = Varchar(length=64)
    sent_at = Timestamptz()


class OptOut(Table, db=DB):
    """A kind of mail an address without an account (a Rakor attendee) turned off."""

    address = Varchar(length=254)  # lower case
    choice = Varchar(length=16)
    created_at = Timestamptz()
