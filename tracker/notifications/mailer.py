"""Sending the outbox by SMTP: claim a row, send it, record what happened.

Delivery is **at least once**, never silently lost, and duplicates are bounded:

1. A sender *claims* one pending row in a short write transaction (status
   `sending`, its id in `claimed_by`, a lease in `claimed_until`, `attempts`
   counted). On PostgreSQL the row is picked with `FOR UPDATE SKIP LOCKED`, so
   two senders at once never pick the same row; on SQLite the IMMEDIATE
   transaction (one writer at a time) does the same.
2. It hands the message to the SMTP server (outside any transaction).
3. It records the outcome in a second short transaction: `sent`; or back to
   `pending` with the next attempt after a backoff (a temporary failure: 4xx,
   a connection lost, a server down); or `failed` with the server's reason (a
   permanent refusal, 5xx, or MAX_ATTEMPTS temporary ones).

A sender killed between 2 and 3 leaves its one row `sending`. The next run
that holds the run lock (`runner.run_lock`: no other run is alive) puts such
rows back to `pending`, and any sender does so once a lease has expired. So
after a SIGKILL every message the server had not accepted is sent, and at
most the one message in flight may arrive twice (with the same Message-ID,
which mail programs use to recognise a duplicate). Nothing ever raises out of
a batch: every error is recorded on its row.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import json
import os
import smtplib
import socket
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit

from tracker import db
from tracker.notifications import profile
from tracker.notifications.compose import FALLBACK_BASE_URL
from tracker.notifications.tables import FAILED, PENDING, SENDING, SENT, Outbox
from tracker.settings import Settings

LEASE = dt.timedelta(minutes=10)  # a claim older than this belongs to a dead sender
RETRY_BASE = dt.timedelta(minutes=1)  # 1, 2, 4, ... minutes between attempts
RETRY_MAX = dt.timedelta(hours=6)
MAX_ATTEMPTS = 10  # temporary failures before a message is given up
OUTDATED = dt.timedelta(days=3)  # a message not even tried this long after it was due is dropped
SMTP_TIMEOUT = 30  # seconds per SMTP operation

Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class MailConfigError(ValueError):
    """TRACKER_SMTP_URL or TRACKER_MAIL_FROM that cannot be used."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    tls: bool  # smtps://: TLS from the first byte
    username: str | None
    password: str | None
    mail_from: str

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> SmtpConfig | None:
        """The SMTP settings, or None when mail is off (no TRACKER_SMTP_URL)."""
        settings = settings or Settings.from_env()
        if not settings.smtp_url:
            return None
        parts = urlsplit(settings.smtp_url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailConfigError(
                "TRACKER_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465"
            )
        tls = parts.scheme == "smtps"
        mail_from = settings.mail_from or ""
        if not mail_from or "@" not in email.utils.parseaddr(mail_from)[1]:
            raise MailConfigError(
                "TRACKER_MAIL_FROM must be set to an address, e.g. 'Pemantau <pemantau@baliprov.go.id>'"
            )
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if tls else 587),
            tls=tls,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            mail_from=mail_from,
        )

    def describe(self) -> str:
        """Where mail goes, without the password."""
        scheme = "smtps" if self.tls else "smtp"
        who = f"{self.username}@" if self.username else ""
        return f"{scheme}://{who}{self.host}:{self.port}"


def mail_config() -> tuple[SmtpConfig | None, str | None]:
    """(config, None) when mail is on, (None, None) when off, (None, why) when misconfigured."""
    try:
        return SmtpConfig.from_settings(), None
    except MailConfigError as exc:
        return None, str(exc)


class Permanent(Exception):
    """The server refused the message for good (5xx): do not try again."""


def backoff(attempts: int) -> dt.timedelta:
    return min(RETRY_BASE * 2 ** max(0, attempts - 1), RETRY_MAX)


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0  # temporary failures, to be tried again
    failed: int = 0  # given up, with the reason
    outdated: int = 0
    recovered: int = 0  # claims of dead senders put back
    errors: list[str] = field(default_factory=list)


CLAIM_SQL = (
    "UPDATE outbox SET status = {}, claimed_by = {}, claimed_until = {}, attempts = attempts + 1 "
    "WHERE status = {} AND id = (SELECT id FROM outbox WHERE status = {} AND next_attempt_at <= {} "
    "ORDER BY next_attempt_at, id LIMIT 1 SKIP_LOCKED) "
    "RETURNING id, kind, recipient, to_address, subject, body_text, body_html, unsubscribe_url, "
    "attachments, attempts, created_at"
)


class Sender:
    """Delivers pending outbox rows through one SMTP connection, reused across a batch."""

    def __init__(self, config: SmtpConfig, clock: Clock = utcnow, name: str | None = None) -> None:
        self.config = config
        self.clock = clock
        self.name = name or f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.smtp: smtplib.SMTP | None = None
        self.domain = email.utils.parseaddr(config.mail_from)[1].rpartition("@")[2] or "localhost"
        self.files: dict[str, bytes] = {}  # rendered attachments, once per batch

    # -- database steps: each a short transaction

    async def recover(self, everything: bool = False) -> int:
        """Put back claims of dead senders: expired leases, or (`everything`, for
        the holder of the run lock) every claim but this sender's."""
        now = self.clock()
        where = "status = {} AND claimed_by <> {}"
        args: list[Any] = [SENDING, self.name]
        if not everything:
            where += " AND claimed_until < {}"
            args.append(db.timestamp_param(now))
        async with db.writing():
            rows = await Outbox.raw(
                "UPDATE outbox SET status = {}, claimed_by = NULL, claimed_until = NULL, "
                "next_attempt_at = {}, last_error = {} WHERE " + where + " RETURNING id",
                PENDING,
                db.timestamp_param(now),
                "interrupted while sending (the sender stopped); sent again",
                *args,
            ).run()
        return len(rows)

    async def drop_outdated(self) -> int:
        """Messages that could not even be tried for OUTDATED after they were due
        (mail was off, no sender ran) are not sent any more: a reminder for a
        date long past helps nobody."""
        now = self.clock()
        async with db.writing():
            rows = await Outbox.raw(
                "UPDATE outbox SET status = {}, last_error = {} "
                "WHERE status = {} AND next_attempt_at < {} RETURNING id",
                FAILED,
                "outdated: not sent within 3 days of being due (mail was off or no sender ran)",
                PENDING,
                db.timestamp_param(now - OUTDATED),
            ).run()
        return len(rows)

    async def claim(self) -> dict[str, Any] | None:
        now = self.clock()
        lock = "" if db.is_sqlite() else " FOR UPDATE SKIP LOCKED"
        async with db.writing():
            rows = await Outbox.raw(
                CLAIM_SQL.replace(" SKIP_LOCKED", lock),
                SENDING,
                self.name,
                db.timestamp_param(now + LEASE),
                PENDING,
                PENDING,
                db.timestamp_param(now),
            ).run()
        return rows[0] if rows else None

    async def record(self, row: dict[str, Any], error: Exception | None) -> str:
        now = self.clock()
        if error is None:
            status, values = SENT, {"sent_at": now, "last_error": None}
        elif isinstance(error, Permanent) or row["attempts"] >= MAX_ATTEMPTS:
            reason = (
                str(error)
                if isinstance(error, Permanent)
                else f"gave up after {row['attempts']} attempts: {error}"
            )
            status, values = FAILED, {"last_error": reason[:2000]}
        else:
            status = PENDING
            values = {
                "last_error": str(error)[:2000],
                "next_attempt_at": now + backoff(row["attempts"]),
            }
        sets = ", ".join(f"{name} = {{}}" for name in values)
        params = [
            db.timestamp_param(v) if isinstance(v, dt.datetime) else v for v in values.values()
        ]
        async with db.writing():
            await Outbox.raw(
                f"UPDATE outbox SET status = {{}}, claimed_by = NULL, claimed_until = NULL, {sets} "
                "WHERE id = {} AND claimed_by = {}",
                status,
                *params,
                row["id"],
                self.name,
            ).run()
        return status

    async def readdress(self, row: dict[str, Any]) -> Permanent | None:
        """The message goes to its recipient as they are now, not as they were
        when it was planned (it may have waited for a retry, or for *Kirim
        ulang*): to their current address (the row is updated to it), and not
        at all once they turned its kind off, lost their address or their
        account was disabled (the reason is recorded on the row)."""
        choice = profile.category(row["kind"])
        async with db.reading():
            if row["recipient"] is None:  # an attendee without an account
                off = await profile.opted_out([row["to_address"]], choice)
                return (
                    Permanent(f"not sent: {row['to_address']} turned off {choice} mail")
                    if off
                    else None
                )
            user = await profile.load(row["recipient"], with_disabled=True)
        if user is None or user.disabled:
            return Permanent("not sent: the recipient's account is disabled")
        if not user.wants(choice):
            return Permanent(f"not sent: {user.username} turned off {choice} mail")
        if not user.email:
            return Permanent(f"not sent: {user.username} has no email address any more")
        if user.email != row["to_address"]:
            async with db.writing():
                await Outbox.raw(
                    "UPDATE outbox SET to_address = {} WHERE id = {}", user.email, row["id"]
                ).run()
            row["to_address"] = user.email
        return None

    # -- the batch

    async def send_pending(self, limit: int | None = None) -> SendReport:
        """Send what is due now, one row at a time; never raises for a message's sake."""
        report = SendReport()
        report.recovered += await self.recover()
        report.outdated += await self.drop_outdated()
        try:
            while limit is None or report.sent + report.retried + report.failed < limit:
                row = await self.claim()
                if row is None:
                    break
                error: Exception | None = await self.readdress(row)
                files: list[tuple[dict[str, Any], bytes]] = []
                if error is None:
                    files, error = await self.attachments(row)
                if error is None:
                    error = await asyncio.to_thread(self._deliver, row, files)
                outcome = await self.record(row, error)
                if outcome == SENT:
                    report.sent += 1
                elif outcome == FAILED:
                    report.failed += 1
                    report.errors.append(f"#{row['id']} {row['to_address']}: {error}")
                else:
                    report.retried += 1
                    report.errors.append(f"#{row['id']} {row['to_address']}: {error} (will retry)")
        finally:
            await asyncio.to_thread(self.close)
        return report

    async def attachments(
        self, row: dict[str, Any]
    ) -> tuple[list[tuple[dict[str, Any], bytes]], Exception | None]:
        """The row's attachments as bytes: an .ics is stored with the row, the
        notulen PDF is rendered (once per batch and language). A PDF that cannot
        be rendered is a temporary failure: the message waits and is retried."""
        specs = row.get("attachments") or "[]"
        specs = json.loads(specs) if isinstance(specs, str) else specs
        files = []
        try:
            for spec in specs:
                if "text" in spec:
                    files.append((spec, spec["text"].encode("utf-8")))
                elif "minutes" in spec:
                    files.append((spec, await self._minutes_pdf(spec["minutes"])))
        except Exception as exc:  # noqa: BLE001 - recorded on the row, never raised
            return [], RuntimeError(f"attachment not ready: {exc}")
        return files, None

    async def _minutes_pdf(self, ref: dict[str, Any]) -> bytes:
        from tracker.minutes import issued  # the sender rarely attaches minutes

        key = f"minutes:{ref['slug']}:{ref['version']}:{ref['language']}"
        if key not in self.files:
            base = Settings.from_env().base_url or FALLBACK_BASE_URL
            self.files[key] = await issued.for_mail(
                ref["slug"], int(ref["version"]), ref["language"], base
            )
        return self.files[key]

    # -- SMTP (in a thread)

    def message(
        self, row: dict[str, Any], files: list[tuple[dict[str, Any], bytes]] = ()
    ) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.config.mail_from
        msg["To"] = row["to_address"]
        msg["Subject"] = row["subject"]
        msg["Date"] = email.utils.format_datetime(self.clock())
        # The same id on every attempt: a copy sent twice is recognisable.
        msg["Message-ID"] = f"<outbox-{row['id']}-{_stamp(row['created_at'])}@{self.domain}>"
        msg["Auto-Submitted"] = "auto-generated"
        msg["X-Auto-Response-Suppress"] = "All"
        msg["List-Unsubscribe"] = f"<{row['unsubscribe_url']}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        msg["X-Tracker-Kind"] = row["kind"]
        msg.set_content(row["body_text"])
        msg.add_alternative(row["body_html"], subtype="html")
        for spec, data in files:
            maintype, _, rest = spec["type"].partition("/")
            subtype, *params = [p.strip() for p in rest.split(";")]
            named = dict(p.split("=", 1) for p in params if "=" in p)
            if maintype == "text":  # stored as text, sent as UTF-8: say so
                named.setdefault("charset", "utf-8")
            msg.add_attachment(
                data, maintype=maintype, subtype=subtype, filename=spec["name"], params=named
            )
        return msg

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        context = ssl.create_default_context()
        if c.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                c.host, c.port, timeout=SMTP_TIMEOUT, context=context
            )
        else:
            smtp = smtplib.SMTP(c.host, c.port, timeout=SMTP_TIMEOUT)
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
            elif c.username:
                smtp.close()
                raise smtplib.SMTPException(
                    "the server offers no STARTTLS; refusing to send the password in clear text"
                )
        if c.username:
            smtp.login(c.username, c.password or "")
        return smtp

    def _deliver(
        self, row: dict[str, Any], files: list[tuple[dict[str, Any], bytes]]
    ) -> Exception | None:
        """Hand one message to the server: None when accepted, else the error."""
        try:
            if self.smtp is None:
                self.smtp = self._connect()
            self.smtp.send_message(self.message(row, files))
            return None
        except smtplib.SMTPRecipientsRefused as exc:
            self.close()
            code, text = next(iter(exc.recipients.values()))
            return _classify(code, text)
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            self.close()
            return _classify(exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            return exc if str(exc) else type(exc)(type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - recorded on the row, never raised
            self.close()
            return exc

    def close(self) -> None:
        smtp, self.smtp = self.smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except Exception:  # noqa: BLE001
            smtp.close()


def _classify(code: int, text: Any) -> Exception:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    reason = f"{code} {message}".strip()
    return Permanent(reason) if 500 <= code < 600 else smtplib.SMTPException(reason)


def _stamp(value: Any) -> str:
    moment = db.timestamp(value)
    return moment.strftime("%Y%m%d%H%M%S") if isinstance(moment, dt.datetime) else "0"
