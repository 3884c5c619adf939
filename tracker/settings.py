"""Settings come from the environment, so every worker process sees the same."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DATABASE = "sqlite:///var/tracker.sqlite3"
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

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=database_url(),
            agreements_dir=Path(os.environ.get("TRACKER_AGREEMENTS") or "agreements"),
            public_read=os.environ.get("TRACKER_PUBLIC_READ", "") in ("1", "true", "yes"),
            base_url=(os.environ.get("TRACKER_BASE_URL") or "").rstrip("/") or None,
            smtp_url=os.environ.get("TRACKER_SMTP_URL") or None,
            mail_from=os.environ.get("TRACKER_MAIL_FROM") or None,
            notify_interval=_seconds(os.environ.get("TRACKER_NOTIFY_INTERVAL"), 300),
        )


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


def _seconds(value: str | None, default: int) -> int:
    try:
        return max(0, int(value)) if value not in (None, "") else default
    except ValueError:
        return default
