"""Settings come from the environment, so every worker process sees the same."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE = "sqlite:///var/tracker.sqlite3"


@dataclass(frozen=True)
class Settings:
    database_url: str
    agreements_dir: Path
    public_read: bool
    base_url: str | None  # the tracker's public address, for links in calendar feeds

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("TRACKER_DATABASE") or DEFAULT_DATABASE,
            agreements_dir=Path(os.environ.get("TRACKER_AGREEMENTS") or "agreements"),
            public_read=os.environ.get("TRACKER_PUBLIC_READ", "") in ("1", "true", "yes"),
            base_url=(os.environ.get("TRACKER_BASE_URL") or "").rstrip("/") or None,
        )
