"""Status reports for governors' offices: where every action stands, now or as of a date.

`catalog` holds what sync wrote (documents, commitments, actions, parties),
`history` the actions' states now or at any past moment (updates are
append-only), `summary` counts them under filters, `changes` compares two
dates, `chart` draws the weekly progress, `exports` writes CSV/XLSX/iCalendar,
and `service` puts them together for the pages and the API. Nothing here
knows of HTTP.
"""
