"""Approval before publication (issue 12): the notulis submits, the chair reads
what changed, returns with a note or approves; approving publishes exactly as
finalizing does. Over real HTTP and a real database."""

from __future__ import annotations

import json
import re

import pytest
from conftest import PASSWORD, csrf, login, rows, run
from test_meetings import MEETING, base_of, create, page_of, post, prepared, save


def add_chair(username: str = "ketua", role: str = "viewer", email: str = "") -> int:
    from tracker.accounts.users import add_user
    from tracker.notifications import profile

    async def go() -> int:
        user_id = await add_user(username, role, PASSWORD, [], f"Ketua {username.title()}")
        if email:
            await profile.save(user_id, email=email, actor="t", address="t")
        return user_id

    return run(go())


def set_chair(client, slug: str, chair_id: int | str, **basics):
    """The Ubah page sent with the meeting's `basics` (MEETING's unless given) and a chair."""
    data = {**MEETING, **basics, "chair_user": str(chair_id), "_csrf_token": csrf(client)}
    return client.post(f"/rakor/{slug}/ubah", data=data, follow_redirects=False)


def as_(client, username: str):
    assert login(client, username).status_code in (302, 303)
    return client


def pending_step(client, slug: str) -> int:
    html = client.get(f"/rakor/{slug}/persetujuan").text
    return int(re.search(r'name="step" value="(\d+)"', html).group(1))


def decide(client, slug: str, what: str, step: int, **data):
    data = {"step": step, "_csrf_token": csrf(client), **data}
    return client.post(f"/rakor/{slug}/{what}", data=data, follow_redirects=False)


def meeting_row(slug: str) -> dict:
    return next(m for m in rows("meeting") if m["slug"] == slug)


def kinds(recipient: int) -> list[str]:
    return [n["kind"] for n in rows("notification") if n["recipient"] == recipient]


def user_id(username: str) -> int:
    return next(u["id"] for u in rows("tracker_user") if u["username"] == username)


@pytest.fixture
def submitted(client, accounts) -> tuple[str, int]:
    """A prepared meeting of the notulis, chaired by `ketua`, submitted once."""
    chair = add_chair(email="ketua@example.go.id")
    as_(client, "notulis")
    slug, _ = prepared(client)
    assert set_chair(client, slug, chair).status_code == 303
    assert "Ajukan versi 1 untuk persetujuan" in page_of(client, slug)
    response = post(client, slug, "ajukan", _submission="kunci-ajukan-000000001")
    assert response.status_code == 303
    assert response.headers["location"] == f"/rakor/{slug}/persetujuan"
    return slug, chair


def test_submit_return_resubmit_approve(client, submitted):
    slug, chair = submitted
    notulis = user_id("notulis")
    assert meeting_row(slug)["state"] == "review"
    # Frozen while submitted: no edit, no finalizing, no second submission.
    html = client.get(f"/rakor/{slug}/persetujuan").text
    assert "Menunggu persetujuan" in html and "Ketua Ketua" in html
    assert 'action="/rakor/' + slug + '/setujui"' not in html  # the notulis does not decide
    assert (
        client.get(f"/rakor/{slug}", follow_redirects=False)
        .headers["location"]
        .endswith("/persetujuan")
    )
    meeting_id = meeting_row(slug)["id"]
    refused = save(client, slug, "meeting", meeting_id, "closing", "Ditutup", "x")
    assert refused.status_code == 422 and "menunggu persetujuan pimpinan rapat" in refused.text
    plain = save(client, slug, "meeting", meeting_id, "closing", "Ditutup", "x", htmx=False)
    assert plain.status_code == 409
    assert post(client, slug, "final").status_code == 409
    assert post(client, slug, "ajukan").status_code == 409
    # The chair is told: in the tracker, and by mail (an address, approval mail wanted).
    assert kinds(chair) == ["approval.submitted"]
    note = next(n for n in rows("notification") if n["recipient"] == chair)
    assert note["link"] == f"/rakor/{slug}/persetujuan"
    mail = [o for o in rows("outbox") if o["recipient"] == chair]
    assert [o["kind"] for o in mail] == ["approval.submitted"]
    assert f"/rakor/{slug}/persetujuan" in mail[0]["body_text"]

    # The chair finds it on the Rakor list, reads it (the first: nothing to compare).
    as_(client, "ketua")
    listing = client.get("/rakor").text
    assert "Menunggu persetujuan Anda" in listing and f"/rakor/{slug}/persetujuan" in listing
    review = client.get(f"/rakor/{slug}/persetujuan")
    assert review.status_code == 200
    assert "Pengajuan pertama" in review.text and "Pendataan pekerja asal Sumba" in review.text
    step = pending_step(client, slug)
    # Returning needs a note: a clear error, nothing changes.
    empty = decide(client, slug, "kembalikan", step, note="   ")
    assert empty.status_code == 422
    assert "error-summary" in empty.text and 'href="#f-note"' in empty.text
    assert "Tulis catatan untuk notulis" in empty.text
    assert meeting_row(slug)["state"] == "review"
    too_long = decide(client, slug, "kembalikan", step, note="x" * 2001)
    assert too_long.status_code == 422 and "paling banyak 2000" in too_long.text
    back = decide(client, slug, "kembalikan", step, note="Lengkapi penutup rapat.")
    assert back.status_code == 303
    assert meeting_row(slug)["state"] == "draft"
    assert kinds(notulis) == ["approval.returned"]
    # A stale tab approving the returned submission is refused.
    assert decide(client, slug, "setujui", step).status_code == 409

    # The notulis sees the note, fixes, resubmits.
    as_(client, "notulis")
    html = page_of(client, slug)
    assert "Lengkapi penutup rapat." in html and "Dikembalikan oleh Ketua Ketua" in html
    base = base_of(html, f"meeting-{meeting_id}-closing")
    assert (
        save(
            client, slug, "meeting", meeting_id, "closing", "Rapat ditutup 12.00.", base
        ).status_code
        == 200
    )
    assert post(client, slug, "ajukan").status_code == 303
    assert kinds(chair) == ["approval.submitted", "approval.submitted"]

    # The chair sees what changed since the last submission, approves.
    as_(client, "ketua")
    review = client.get(f"/rakor/{slug}/persetujuan").text
    assert "Dibandingkan dengan pengajuan sebelumnya" in review
    assert re.search(r'<li class="added"><ins>.*Rapat ditutup 12\.00\.', review)
    assert "Lengkapi penutup rapat." in review  # the history
    step = pending_step(client, slug)
    key = "kunci-setujui-00000001"
    approved = decide(client, slug, "setujui", step, _submission=key)
    assert approved.status_code == 303 and approved.headers["location"] == f"/rakor/{slug}"
    # The same click again is answered, never published twice.
    again = decide(client, slug, "setujui", step, _submission=key)
    assert again.status_code == 303
    assert decide(client, slug, "setujui", step).status_code == 409
    assert [v["version"] for v in rows("minutes_version")] == [1]
    # Published as finalizing does: the follow-ups are actions now.
    doc = next(d for d in rows("document") if d["slug"] == slug)
    assert sorted(a["code"] for a in rows("action") if a["document"] == doc["id"]) == [
        "TL-01",
        "TL-02",
    ]
    assert meeting_row(slug)["state"] == "final"
    assert kinds(notulis) == ["approval.returned", "approval.approved"]
    assert [s["state"] for s in rows("minutes_submission")] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]
    audit = [e["action"] for e in rows("audit_entry")]
    for kind in ("meeting.chair", "meeting.submit", "meeting.return", "meeting.approve"):
        assert kind in audit
    assert audit.index("meeting.finalize") < audit.index("meeting.approve")
    # The approved version cannot be edited.
    as_(client, "notulis")
    final = save(client, slug, "meeting", meeting_id, "closing", "Lain", base, htmx=False)
    assert final.status_code == 409
    assert client.get(f"/rakor/{slug}").status_code == 200


def test_who_may_approve(client, submitted, accounts):
    slug, _ = submitted
    step = 1  # the first step of the meeting: its submission
    # A secretariat cannot approve or return, nor read the draft.
    as_(client, "ntt")
    assert decide(client, slug, "setujui", step).status_code == 403
    assert decide(client, slug, "kembalikan", step, note="Tidak").status_code == 403
    # A draft never finalized does not exist for them, on its approval page too:
    # a 403 there (a 404 for an unknown id) told that a meeting of that id was drafted.
    review = client.get(f"/rakor/{slug}/persetujuan")
    unknown = client.get("/rakor/rakor-2031-01-01-tidak-ada/persetujuan")
    assert (review.status_code, unknown.status_code) == (404, 404)
    assert "Hanya pimpinan rapat" not in review.text
    assert client.get(f"/rakor/{slug}").status_code == 404
    # The chair of another meeting cannot approve this one.
    other = add_chair("ketua-lain")
    as_(client, "notulis")
    basics = {"title": "Rapat lain", "date": "2026-12-11", "place": "Denpasar"}
    second = create(client, **basics)
    assert set_chair(client, second, other, **basics).status_code == 303
    as_(client, "ketua-lain")
    assert decide(client, slug, "setujui", step).status_code == 403
    assert decide(client, slug, "kembalikan", step, note="x").status_code == 403
    assert "Menunggu persetujuan Anda" not in client.get("/rakor").text
    # A secretariat account cannot be named chair.
    as_(client, "notulis")
    refused = set_chair(client, second, user_id("ntt"), **basics)
    assert refused.status_code == 422 and "Pilih akun pimpinan rapat dari daftar" in refused.text
    assert meeting_row(slug)["state"] == "review"
    assert rows("minutes_version") == []


def test_admin_approves_in_the_chairs_stead(client, submitted):
    slug, chair = submitted
    as_(client, "admin")
    assert "Menunggu persetujuan Anda" in client.get("/rakor").text
    review = client.get(f"/rakor/{slug}/persetujuan").text
    assert "atas nama Ketua Ketua" in review
    assert decide(client, slug, "setujui", pending_step(client, slug)).status_code == 303
    entry = next(e for e in rows("audit_entry") if e["action"] == "meeting.approve_for")
    detail = json.loads(entry["detail"]) if isinstance(entry["detail"], str) else entry["detail"]
    assert entry["username"] == "admin"
    assert (detail["by_admin"], detail["chair"]) == ("admin", "ketua")
    approved = rows("minutes_submission")[-1]
    assert (approved["state"], approved["user"], approved["on_behalf_of"]) == (
        "approved",
        user_id("admin"),
        chair,
    )
    assert kinds(chair) == ["approval.submitted", "approval.approved"]
    # The audit page says it in words.
    page = client.get("/admin/audit").text
    assert "Notulen disetujui admin atas nama pimpinan rapat" in page and "chair=ketua" in page


def test_a_correction_goes_through_the_chair_too(client, submitted):
    slug, _ = submitted
    as_(client, "ketua")
    assert decide(client, slug, "setujui", pending_step(client, slug)).status_code == 303
    as_(client, "notulis")
    assert post(client, slug, "koreksi").status_code == 303
    assert post(client, slug, "final").status_code == 409  # the chair approves corrections too
    html = page_of(client, slug)
    meeting_id = meeting_row(slug)["id"]
    base = base_of(html, f"meeting-{meeting_id}-opening")
    assert (
        save(client, slug, "meeting", meeting_id, "opening", "Dibuka 09.30.", base).status_code
        == 200
    )
    assert post(client, slug, "ajukan").status_code == 303
    # Readers still see version 1 while the correction waits.
    as_(client, "viewer")
    assert "Dibuka 09.30." not in client.get(f"/rakor/{slug}").text
    as_(client, "ketua")
    review = client.get(f"/rakor/{slug}/persetujuan").text
    assert "Dibandingkan dengan versi 1 yang telah diterbitkan" in review
    assert re.search(r'<li class="added"><ins>.*Dibuka 09\.30\.', review)
    assert decide(client, slug, "setujui", pending_step(client, slug)).status_code == 303
    assert [v["version"] for v in rows("minutes_version")] == [1, 2]


def test_without_a_chair_account_the_notulis_finalizes(client, accounts):
    as_(client, "notulis")
    slug, _ = prepared(client)
    html = page_of(client, slug)
    assert "Finalkan sebagai versi 1" in html and "untuk persetujuan" not in html
    assert post(client, slug, "ajukan").status_code == 422  # nothing to submit to
    assert post(client, slug, "final").status_code == 303
    assert rows("minutes_submission") == []


def test_two_tabs_approving_at_once_publish_once(live_server, client, submitted):
    """Six approvals of the same submission at once, from three tabs of the chair
    and three of an admin, against two worker processes: one publishes."""
    from concurrent.futures import ThreadPoolExecutor

    from test_interface_details import session, token

    slug, _ = submitted
    tabs = [session(live_server, name) for name in ("ketua", "admin") for _ in range(3)]

    def approve(tab):
        data = {"step": "1", "_csrf_token": token(tab)}
        return tab.post(f"/rakor/{slug}/setujui", data=data, follow_redirects=False).status_code

    with ThreadPoolExecutor(len(tabs)) as pool:
        codes = sorted(pool.map(approve, tabs))
    assert codes == [303, 409, 409, 409, 409, 409]
    assert [v["version"] for v in rows("minutes_version")] == [1]
    assert [s["state"] for s in rows("minutes_submission")] == ["submitted", "approved"]
