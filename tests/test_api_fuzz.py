"""No input reaches a 500: Schemathesis sends what the OpenAPI schema allows (and
what it does not) to every operation, as an anonymous visitor and logged in."""

from __future__ import annotations

import pytest
import schemathesis
from conftest import login
from hypothesis import HealthCheck, settings
from litestar._openapi.plugin import OpenAPIPlugin
from litestar.testing import TestClient

from tracker.web.app import create_app

APP = create_app(pool=False)
SCHEMA = schemathesis.openapi.from_dict(APP.plugins.get(OpenAPIPlugin).provide_openapi_schema())
SCHEMA.app = APP


@pytest.fixture(params=[None, "admin"])
def credentials(request, accounts) -> dict:
    """Cookies and the CSRF header of a logged-in browser (none when anonymous)."""
    if request.param is None:
        return {"cookies": {}, "headers": {}}
    with TestClient(app=APP) as client:
        login(client, request.param)
        cookies = dict(client.cookies.items())
    return {"cookies": cookies, "headers": {"x-csrftoken": cookies["csrftoken"]}}


@SCHEMA.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_reaches_a_server_error(case, credentials):
    response = case.call(cookies=credentials["cookies"], headers=credentials["headers"])
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} {case.query or ''} -> {response.status_code}"
    )
