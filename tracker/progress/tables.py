"""What was done: append-only progress updates on actions.

An action's current status is its latest update (or "not started"); nothing
here is ever edited or deleted, so the state as of any date can be recomputed.
"""

from piccolo.columns import Float, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from tracker.agreements.tables import Action


class Update(Table):
    """A dated report on an action (Laporan kemajuan)."""

    action = ForeignKey(Action, index=True)
    status = Varchar(length=16)
    percent = Integer(null=True, default=None)
    note = Text()
    value = Float(null=True, default=None)
    author = Varchar(length=128, null=True, default=None)
    source = Varchar(length=16)  # web | file | csv | import
    created_at = Timestamptz(index=True)
