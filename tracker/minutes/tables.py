"""Rakor meetings while they are prepared and held, and their frozen minutes.

A meeting is edited by its notulis until finalized (autosave compares each
field with the value the typist started from, so two people typing into the
same meeting see each other's change instead of overwriting it). Finalizing freezes the
whole record into a `MinutesVersion` (append-only) and syncs its Markdown as a
minutes document, whose actions are the follow-ups.
"""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from tracker.accounts.tables import User
from tracker.db import DB


class Meeting(Table, db=DB):
    """A coordination meeting (Rakor); its `slug` is the minutes document's id."""

    slug = Varchar(length=128, unique=True)
    title = Text()
    starts_at = Timestamptz()
    ends_at = Timestamptz(null=True, default=None)
    place = Text(default="")
    kop = Text(default="")  # the issuing office's letterhead, one line per line
    chair_name = Text(default="")
    chair_title = Text(default="")
    chair_nip = Varchar(length=32, default="")
    # The chair's account: set, the notulis submits the minutes and the chair
    # approves them (tracker/minutes/approval.py); unset, the notulis finalizes.
    chair_user = ForeignKey(User, null=True, default=None, on_delete=OnDelete.restrict)
    notulis_name = Text(default="")
    notulis_title = Text(default="")
    notulis_nip = Varchar(length=32, default="")
    follows = JSON(default="[]")  # document ids followed up
    invited = JSON(default="[]")  # party keys invited
    opening = Text(default="")
    closing = Text(default="")
    next_meeting = Date(null=True, default=None)
    since = Date(null=True, default=None)  # the previous meeting's day, for the agenda
    state = Varchar(length=8, default="draft")  # draft | review (submitted) | final
    version = Integer(default=0)  # finalized versions so far
    next_code = Integer(default=1)  # follow-up codes TL-01, TL-02... never reused
    # Agenda items nobody discussed: "mark" prints them as "tidak dibahas", "omit" leaves them out.
    undiscussed = Varchar(length=8, default="mark")
    # The letter of invitation (surat undangan): numbered by the office's own
    # register, so typed by the notulis; the signer defaults to the chair.
    letter_number = Text(default="")
    letter_nature = Varchar(length=16, default="biasa")  # sifat: biasa | penting | segera ...
    letter_attachment = Text(default="")
    letter_subject = Text(default="")
    letter_place = Text(default="")  # the town it is sent from; default: the meeting's
    letter_date = Date(null=True, default=None)  # empty: left blank, dated when signed
    signer_name = Text(default="")
    signer_title = Text(default="")
    signer_nip = Varchar(length=32, default="")
    created_by = ForeignKey(User, null=True, default=None, on_delete=OnDelete.restrict)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Attendee(Table, db=DB):
    """A person invited: hadir, tidak hadir, or diwakili (represented) by someone;
    or a guest (tamu) who came without an invitation."""

    meeting = ForeignKey(Meeting, index=True, on_delete=OnDelete.cascade)
    position = Integer()
    name = Text()
    title = Text(default="")
    party = Varchar(length=64, null=True, default=None)
    presence = Varchar(length=12, default="hadir")  # hadir | tidak_hadir | diwakili | tamu
    represented_by = Text(default="")
    email = Varchar(length=254, default="")  # for the invitation and the notulen by mail


class AgendaItem(Table, db=DB):
    """One point of the agenda, drafted from the tracker or added by hand."""

    meeting = ForeignKey(Meeting, index=True, on_delete=OnDelete.cascade)
    position = Integer()
    title = Text()
    kind = Varchar(length=12, default="custom")  # commitment | carryover | custom
    source = JSON(default="{}")  # what it was drafted from (document, commitment...)
    briefing = JSON(default="[]")  # the actions and their changes, as drafted
    notes = Text(default="")


class Decision(Table, db=DB):
    """Keputusan n: numbered through the meeting in agenda order, when shown."""

    meeting = ForeignKey(Meeting, index=True, on_delete=OnDelete.cascade)
    item = ForeignKey(AgendaItem, index=True, on_delete=OnDelete.cascade)
    text = Text()


class FollowUp(Table, db=DB):
    """A new action decided in the meeting; it becomes tracked when finalized."""

    meeting = ForeignKey(Meeting, index=True, on_delete=OnDelete.cascade)
    item = ForeignKey(AgendaItem, index=True, on_delete=OnDelete.cascade)
    code = Varchar(length=16)
    title = Text()
    owner = JSON(default="[]")
    with_ = JSON(default="[]", db_column_name="with_parties")
    due = Date(null=True, default=None)
    indicator = Text(default="")
    target = Text(default="")


class MinutesVersion(Table, db=DB):
    """A finalized version of the minutes, frozen: never updated, never deleted."""

    meeting = ForeignKey(Meeting, index=True, on_delete=OnDelete.restrict)
    version = Integer()
    record = JSON()
    markdown = Text()
    finalized_by = ForeignKey(User, null=True, default=None, on_delete=OnDelete.restrict)
    finalized_at = Timestamptz()


class MinutesSubmission(Table, db=DB):
    """One step of the minutes' approval: submitted, returned or approved.

    Append-only: a step is a new row, never an update, so the whole history of
    a version's approval stays readable. A `submitted` row keeps the record and
    Markdown that were submitted: the chair reads them, and the next submission
    is compared with them ("what changed since"). `on_behalf_of` is the chair
    when an admin approved or returned in the chair's stead.
    """

    meeting = ForeignKey(Meeting, index=True, on_delete=OnDelete.restrict)
    step = Integer()  # 1, 2, ... per meeting: unique, so a step is never taken twice
    state = Varchar(length=12)  # submitted | returned | approved
    version = Integer()  # the minutes version this step is about
    note = Text(default="")
    record = JSON(default="{}")
    markdown = Text(default="")
    user = ForeignKey(User, null=True, default=None, on_delete=OnDelete.restrict)
    on_behalf_of = ForeignKey(User, null=True, default=None, on_delete=OnDelete.restrict)
    at = Timestamptz()


class SignedCopy(Table, db=DB):
    """A scan of a finalized version's paper copy, signed (PDF): appended, never replaced.

    The bytes are kept once per content in `progress.EvidenceFile`, like the
    evidence of progress updates (same limits, same storage, same backups).
    """

    version = ForeignKey(MinutesVersion, index=True, on_delete=OnDelete.restrict)
    filename = Text()
    size = Integer()
    sha256 = Varchar(length=64)
    uploaded_by = ForeignKey(User, null=True, default=None, on_delete=OnDelete.restrict)
    uploaded_at = Timestamptz()
