"""Piccolo's configuration, for migrations and the `piccolo` command: the
engine (the one in `tracker.db`, chosen by TRACKER_DATABASE) and our apps."""

from piccolo.conf.apps import AppRegistry

from tracker.db import DB

APP_REGISTRY = AppRegistry(
    apps=[
        "tracker.agreements.piccolo_app",
        "tracker.accounts.piccolo_app",
        "tracker.progress.piccolo_app",
        "tracker.minutes.piccolo_app",
        "tracker.notifications.piccolo_app",
        "tracker.verification.piccolo_app",
    ]
)

__all__ = ["APP_REGISTRY", "DB"]
