"""The app factory: `create_app()` builds the Litestar app from the environment."""

from __future__ import annotations

import os
import secrets
import time

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader, State
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, YamlRenderPlugin
from litestar.plugins.core import MsgspecDIPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from tracker import __version__, db, heap
from tracker.web import (
    admin,
    approval,
    auth,
    compression,
    documents,
    headers,
    inputs,
    invitations,
    letters,
    meetings,
    notifications,
    openapi,
    progress,
    status,
    verification,
)
from tracker.web.errors import handle_error
from tracker.web.ui import STATIC_DIR, environment

YEAR = 365 * 24 * 3600


async def _start_pool() -> None:
    await db.start_server_pool()


async def _stop_pool() -> None:
    await db.engine().close_connection_pool()


class TrackerApp(Litestar):
    """Litestar without its pydantic plugins.

    Litestar registers pydantic's plugins whenever pydantic is installed (Piccolo
    brings it along); the tracker has no pydantic models, and importing them
    costs every worker about 13 MB, a tenth of the memory budget.
    """

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[override]
        started = time.perf_counter()
        try:
            await headers.with_headers(scope, receive, send, super().__call__)
        finally:
            if scope["type"] == "http":
                heap.settle(started)  # a slow request may have built a read model

    @staticmethod
    def _get_default_plugins(plugins: list) -> list:
        plugins.append(MsgspecDIPlugin())
        return plugins


def create_app(pool: bool = True, secret: str | None = None) -> Litestar:
    """The app; `pool=False` (tests) opens a PostgreSQL connection per transaction
    instead of a pool bound to the server's event loop. SQLite never pools.

    `secret` signs CSRF tokens and must be the same in every worker and server:
    `tracker serve` keeps it in the database and passes it as TRACKER_SECRET.
    """
    use_pool = pool and not db.is_sqlite()
    secret = secret or os.environ.get("TRACKER_SECRET") or secrets.token_hex(32)
    static = create_static_files_router(
        path="/static",
        directories=[STATIC_DIR],
        cache_control=CacheControlHeader(max_age=YEAR, public=True),
        opt={"auth": "none"},
    )
    app = TrackerApp(
        route_handlers=[
            *documents.ROUTES,
            *auth.ROUTES,
            *progress.ROUTES,
            *status.ROUTES,
            *meetings.ROUTES,
            *letters.ROUTES,
            *invitations.ROUTES,
            *approval.ROUTES,
            *admin.ROUTES,
            *notifications.ROUTES,
            *verification.ROUTES,
            static,
        ],
        state=State({"secret": secret}),
        request_class=inputs.TrackerRequest,
        # Litestar's default is 10 MB; routes taking files or a CSV say their own.
        request_max_body_size=inputs.MAX_FORM_BYTES,
        middleware=[auth.SecureCookiesMiddleware(), auth.SessionMiddleware()],
        guards=[inputs.reject_nul_in_url, inputs.reject_impossible_ids, auth.login_required],
        csrf_config=CSRFConfig(secret=secret, cookie_samesite="lax", cookie_httponly=True),
        template_config=TemplateConfig(engine=JinjaTemplateEngine.from_environment(environment())),
        exception_handlers={HTTPException: handle_error, Exception: handle_error},
        compression_config=CompressionConfig(
            backend="gzip",
            minimum_size=compression.MINIMUM_SIZE,
            gzip_compress_level=compression.LEVEL,
            exclude_opt_key=compression.OPT_OUT,
        ),
        # The description itself, as JSON (at /schema too) and YAML: no viewer
        # page, which would run code from another site on ours.
        openapi_config=OpenAPIConfig(
            title="Bali–NTT Agreement Tracker",
            version=__version__,
            path="/schema",
            render_plugins=[JsonRenderPlugin(path=["/", "/openapi.json"]), YamlRenderPlugin()],
        ),
        on_startup=[_start_pool] if use_pool else [],
        on_shutdown=[_stop_pool] if use_pool else [],
    )
    openapi.install(app)
    return app
