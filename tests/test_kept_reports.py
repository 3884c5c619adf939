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
    found = re.search(r'id="status-results".*?</article>', html, re.S).group(0)
    return re.sub(r"<!--/?kept \d+-->", "", found)  # each rendering's own mark (compression)


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


OTHER = """---
id: uji-lain-{n}
title: Uji lain {n}
signed: 2026-02-0{n}
parties:
  bali: Pemerintah Provinsi Bali
---

## Komitmen {{#komitmen}}

- [ ] **UL-01** Tindak lanjut {n}
  - owner: bali
  - due: 2026-0{n}-15
"""


def _catalog_rows(catalog) -> dict:
    """What a catalog says, comparable between two loads."""
    return {
        "documents": catalog.documents,
        "commitments": list(catalog.commitments.items()),
        "actions": [
            (a.id, a.document, a.code, a.title, a.due, a.owners, a.supporters, a.due_changes,
             a.tracked_from, a.withdrawn_at, [p.id for p in a.parts])
            for a in catalog.actions
        ],
        "parties": catalog.parties,
        "regions": catalog.regions,
    }  # fmt: skip


def _action_id(catalog, code: str) -> int:
    return next(a.id for a in catalog.actions if a.code == code)


def test_after_a_sync_of_one_file_kept_reports_take_its_actions_in_again(
    reported,  # noqa: F811
    agreements,
):
    from conftest import run, sync
    from test_region_status import FILE
    from test_sync import write

    from tracker import db
    from tracker.progress import parts
    from tracker.reports import catalog as catalogs

    for n in range(1, 5):  # one changed file of five: the catalog reads only it again
        assert sync(write(agreements, OTHER.format(n=n), f"uji-lain-{n}.md")).ok
    client = reported
    before = _everything(client)
    changed = FILE.replace("due: 2027-06-30", "due: 2026-03-01") + (
        "\n- [ ] **PD-03** Laporan akhir\n  - owner: bali\n  - due: 2026-04-30\n"
        "\n- [ ] **PD-04** Sosialisasi per wilayah\n  - owner: bali\n"
        "  - regions: kabupaten/kota di Bali\n  - due: 2026-05-31\n"
    )
    assert sync(write(agreements, changed)).ok

    async def loaded():
        async with db.reading():
            return await catalogs.current()

    derived = run(loaded())
    assert derived.derived_from is not None and len(derived.moved) == 4
    assert parts._REGISTRY[0].moved == {_action_id(derived, "PD-04")}  # parts made
    patched = _everything(client)
    registry = parts._REGISTRY[0]
    service.forget()
    assert _catalog_rows(run(loaded())) == _catalog_rows(derived)
    assert parts._REGISTRY[0].by_action == registry.by_action  # read whole this time
    afresh = _everything(client)
    assert patched == afresh
    assert patched[0] != before[0]
    codes = [a["code"] for a in patched[0]["/api/status/d/uji-wilayah"]["actions"]]
    assert "PD-03" in codes
