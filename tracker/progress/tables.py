"""What was done: append-only progress updates on actions.

An action's current status is its latest update (or "not started"); nothing
here is ever edited or deleted, so the state as of any date can be recomputed.
"""

from piccolo.columns import Bytea, Float, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from tracker.accounts.tables import User
from tracker.agreements.tables import Action, Part
from tracker.db import DB


class Update(Table, db=DB):
    """A dated report on an action (Laporan kemajuan)."""

    action = ForeignKey(Action, index=True, on_delete=OnDelete.restrict)
    status = Varchar(length=16)
    percent = Integer(null=True, default=None)
    note = Text()
    value = Float(null=True, default=None)
    author = Varchar(length=128, null=True, default=None)
    source = Varchar(length=16)  # web | file | csv | import
    created_at = Timestamptz(index=True)
    user = ForeignKey(User, null=True, default=None, on_delete=OnDelete.restrict)
    corrects = ForeignKey("self", null=True, default=None, on_delete=OnDelete.restrict)
    # The part reported on (a shared action's owner or region); None: the whole action.
    part = ForeignKey(Part, null=True, default=None, on_delete=OnDelete.restrict)


class Evidence(Table, db=DB):
    """A link or an uploaded file (PDF, JPEG, PNG) that backs an update."""

    update = ForeignKey(Update, index=True, on_delete=OnDelete.restrict)
    kind = Varchar(length=8)  # link | file
    url = Text(null=True, default=None)
    filename = Text(null=True, default=None)
    content_type = Varchar(length=64, null=True, default=None)
    size = Integer(null=True, default=None)
    sha256 = Varchar(length=64, null=True, default=None)


class EvidenceFile(Table, db=DB):
    """The bytes of an uploaded file, once per content (sha256).

    Kept in the database, not on disk: a failed upload rolls back with its
    transaction and leaves nothing behind, and every server sees every file.
    """

    sha256 = Varchar(length=64, unique=True)
    data = Bytea()


class StatusSpan(Table, db=DB):
    """How an action (or one part of it) stood from one update to the next.

    Each update opens a span for its action and part and closes the one before
    (`ended_at`, the next update's time; NULL while it is the latest). Written by
    a database trigger on every insert into `update`, in the same statement, so
    no writer can forget it and the spans never disagree with the updates; the
    state of everything *as of* a moment is then one indexed query (the spans
    open at that moment) instead of a scan of every update before it.
    """

    action = Integer()
    part = Integer(null=True, default=None)  # None: the whole action
    update_id = Integer(unique=True)
    status = Varchar(length=16)
    percent = Integer(null=True, default=None)
    value = Float(null=True, default=None)
    started_at = Timestamptz()
    ended_at = Timestamptz(null=True, default=None)
