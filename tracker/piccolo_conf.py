"""Piccolo's configuration: the engine from TRACKER_DATABASE and our apps."""

from piccolo.conf.apps import AppRegistry

from tracker.db import engine_from_url
from tracker.settings import Settings

DB = engine_from_url(Settings.from_env().database_url)

APP_REGISTRY = AppRegistry(
    apps=[
        "tracker.agreements.piccolo_app",
        "tracker.accounts.piccolo_app",
        "tracker.progress.piccolo_app",
    ]
)
