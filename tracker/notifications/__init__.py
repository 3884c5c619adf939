"""Reminders, digests and expiry notices: planned into an outbox, then sent.

- `calendar`: WITA days, Indonesian working days (the `holidays` package).
- `profile`: each user's address, language and choices; unsubscribe tokens.
- `planner`: `plan(today)` decides who is told what, and writes the outbox and
  the in-tracker notifications in one transaction.
- `mailer`: SMTP settings and the sender that claims, sends and records.
- `runner`: one run (plan, then send) under a lock held by one process only.
- `inbox`: the user's Notifikasi page and the admin's outbox page.
"""
