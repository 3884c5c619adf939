"""Settings come from the environment, so every worker process sees the same."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DATABASE = "sqlite:///var/tracker.sqlite3"
MIN_SECRET = 32  # characters of TRACKER_SECRET; `serve` makes 64 (token_hex(32))
PASSWORD_COSTS = (10, 18)  # TRACKER_PASSWORD_COST is clamped to these: 18 is 256 MB a hash
YES, NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
ROOT = Path(__file__).resolve().parents[1]  # the checkout: templates/, static/


class SettingsError(ValueError):
    """An environment value the tracker cannot use; the message names the
    variable and what it takes (the CLI prints it as one line)."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    agreements_dir: Path
    public_read: bool
    base_url: str | None  # the tracker's public address, for links in calendar feeds and mail
    smtp_url: str | None = None  # smtp://user:pass@host:587 (STARTTLS) or smtps://... (TLS)
    mail_from: str | None = None  # the From address of every message
    notify_interval: int = 300  # seconds between `tracker serve`'s notify runs; 0: none
    password_cost: int = 15  # log2 of scrypt's N for new password hashes, 10-18

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=database_url(),
            agreements_dir=Path(os.environ.get("TRACKER_AGREEMENTS") or "agreements"),
            public_read=_yes_or_no("TRACKER_PUBLIC_READ"),
            base_url=(os.environ.get("TRACKER_BASE_URL") or "").rstrip("/") or None,
            smtp_url=os.environ.get("TRACKER_SMTP_URL") or None,
            mail_from=os.environ.get("TRACKER_MAIL_FROM") or None,
            notify_interval=_seconds("TRACKER_NOTIFY_INTERVAL", 300),
            password_cost=password_cost(),
        )._checked_secret()

    def _checked_secret(self) -> Settings:
        """TRACKER_SECRET, when set, must be hard to guess: it signs every
        form and calendar link. Never kept here (nor shown in a message)."""
        secret = os.environ.get("TRACKER_SECRET") or ""
        if secret and len(secret) < MIN_SECRET:
            raise SettingsError(
                f"TRACKER_SECRET is {len(secret)} characters long; it needs at least "
                f"{MIN_SECRET}. Make a random one with `python3 -c 'import secrets; "
                "print(secrets.token_hex(32))'`, or leave it unset: the tracker then keeps "
                "one in its database"
            )
        return self


def database_url() -> str:
    """TRACKER_DATABASE, refused at once unless it names an engine we have
    (else every command would fail later, in a traceback)."""
    url = os.environ.get("TRACKER_DATABASE") or DEFAULT_DATABASE
    scheme = urlsplit(url).scheme if "://" in url else ""
    if (scheme == "sqlite" and url.startswith("sqlite:///") and len(url) > len("sqlite:///")) or (
        scheme in ("postgresql", "postgres")
    ):
        return url
    raise SettingsError(
        f"TRACKER_DATABASE={redacted(url)} is not a database URL the tracker can use: "
        "give sqlite:///relative/path.sqlite3, sqlite:////absolute/path.sqlite3 or "
        "postgresql://user:password@host:port/dbname"
    )


def redacted(url: str) -> str:
    """`url` with its password, if any, shown as `***`: for messages."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return url.split("@")[-1]  # unparseable: at least nothing before the host
    if not password:
        return url
    netloc = f"{parts.username or ''}:***@{parts.netloc.rpartition('@')[2]}"
    return urlunsplit(parts._replace(netloc=netloc))


def _yes_or_no(name: str) -> bool:
    """A switch, in any case (`True`, `yes`, `1`); anything else is refused
    rather than read as "off" without a word."""
    value = os.environ.get(name, "").strip().lower()
    if value in YES or value in NO:
        return value in YES
    raise SettingsError(
        f"{name}={os.environ[name]} is not yes or no: give 1, true or yes to switch it on, "
        "or 0, false or no (or leave it unset) to keep it off"
    )


def _seconds(name: str, default: int) -> int:
    """A whole number of seconds, 0 or more; unset: `default`."""
    value = (os.environ.get(name) or "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise SettingsError(
            f"{name}={os.environ[name]} is not a whole number of seconds: give e.g. {default}, "
            "or 0 for none"
        )
    return int(value)


def password_cost() -> int:
    """TRACKER_PASSWORD_COST as a whole number, clamped to PASSWORD_COSTS."""
    value = (os.environ.get("TRACKER_PASSWORD_COST") or "").strip() or "15"
    low, high = PASSWORD_COSTS
    if not value.isdigit():
        raise SettingsError(
            f"TRACKER_PASSWORD_COST={os.environ['TRACKER_PASSWORD_COST']} is not a whole number "
            f"from {low} to {high}: give e.g. 15 (the default), or leave it unset"
        )
    return min(high, max(low, int(value)))
