"""Kept status reports take new updates in: what a page shows after an update
is exactly what counting every action again shows."""

from __future__ import annotations

import re

import pytest
from conftest import login
from test_region_status import BADUNG, DENPASAR, post, reported  # noqa: F401 (a fixture)

from tracker.reports import service

VIEWS = [
    "/api/status",
    "/api/status/d/uji-wilayah",
    "/api/status?party=bali",
    "/api/status?party=kota-denpasar",
    f"/api/status?region={BADUNG}",
    f"/api/status/d/uji-wilayah?region={DENPASAR}",
    "/api/status?status=in_progress&status=done",
    "/api/status?late=1",
    "/api/status?window=none",
    "/api/status/d/uji-wilayah?since=2026-02-01",
]
PAGES = ["/status", "/status/d/uji-wilayah", f"/status?region={BADUNG}&lang=en"]


def _results(html: str) -> str:
    """The counts and tables of a status page (what is rendered once per report)."""
    return re.search(r'id="status-results".*?</article>', html, re.S).group(0)


def _everything(client) -> tuple[dict, dict]:
    return (
        {view: client.get(view).json() for view in VIEWS},
        {page: _results(client.get(page).text) for page in PAGES},
    )


@pytest.mark.parametrize(
    "updates",
    [
        # a region's part moves: the action's roll-up, its region and its reporting party
        [("bali", "PD-01", {"status": "done", "part": BADUNG})],
        # a whole action, and a region part reported at risk
        [
            ("denpasar", "PD-02", {"status": "in_progress", "percent": "30"}),
            ("bali", "PD-01", {"status": "at_risk", "part": "51.01"}),
        ],
        # an action cancelled drops out of the percent, then back in
        [
            ("denpasar", "PD-02", {"status": "cancelled"}),
            ("denpasar", "PD-02", {"status": "in_progress", "percent": "80"}),
        ],
    ],
)
def test_a_kept_report_after_updates_equals_one_counted_afresh(reported, updates):  # noqa: F811
    client = reported
    before = _everything(client)  # counted and kept by this process
    for user, code, fields in updates:
        login(client, user)
        assert post(client, code, confirm="1", **fields).status_code == 303
    patched = _everything(client)
    service.forget()
    afresh = _everything(client)
    assert patched == afresh
    assert patched[0] != before[0]  # the updates did show, in the JSON
    for page in PAGES[:2]:  # and on the pages (not a page rendered before them)
        assert patched[1][page] != before[1][page]


def test_a_new_action_counted_by_a_filter_enters_in_table_order(reported):  # noqa: F811
    client = reported
    view = "/api/status?status=in_progress"
    first = [a["code"] for a in client.get(view).json()["actions"]]
    assert "PD-02" not in first
    login(client, "denpasar")
    assert post(client, "PD-02", status="in_progress", percent="10").status_code == 303
    after = client.get(view).json()
    assert "PD-02" in [a["code"] for a in after["actions"]]
    assert after["totals"]["by_status"]["in_progress"] == len(after["actions"])
