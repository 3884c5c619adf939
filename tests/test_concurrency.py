"""Many secretariat clients posting at once to a running server lose nothing."""

from __future__ import annotations

import asyncio

import httpx
from conftest import PASSWORD, rows, serve

CLIENTS, POSTS_EACH = 20, 50
NTT_ACTIONS = ["PM-01", "PM-03", "KB-01", "PH-02", "NP-02", "PH-01", "HW-01", "NP-01"]


async def one_client(base_url: str, number: int) -> list[int]:
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        await http.get("/login")
        token = http.cookies["csrftoken"]
        login = await http.post(
            "/login", data={"username": "ntt", "password": PASSWORD, "_csrf_token": token}
        )
        assert login.status_code in (200, 302, 303)
        codes = []
        for i in range(POSTS_EACH):
            action = NTT_ACTIONS[(number + i) % len(NTT_ACTIONS)]
            response = await http.post(
                f"/d/harmoni-bali-ntt/{action}/updates",
                data={
                    "_csrf_token": token,
                    "status": "in_progress",
                    "percent": str((number + i) % 100),
                    "note": f"klien {number}, laporan {i}",
                    "confirm": "1",
                },
            )
            codes.append(response.status_code)
        return codes


async def post_all(base_url: str) -> list[int]:
    results = await asyncio.gather(*(one_client(base_url, n) for n in range(CLIENTS)))
    return [code for codes in results for code in codes]


def test_twenty_clients_post_a_thousand_updates_and_all_are_kept(accounts):
    server = serve(workers=2)
    base_url = next(server)
    try:
        codes = asyncio.run(post_all(base_url))
    finally:
        server.close()
    assert codes == [303] * (CLIENTS * POSTS_EACH)
    stored = rows("update")
    assert len(stored) == CLIENTS * POSTS_EACH
    notes = {u["note"] for u in stored}
    assert len(notes) == CLIENTS * POSTS_EACH  # every single one, none twice
    assert sum(a["action"] == "update.add" for a in rows("audit_entry")) == CLIENTS * POSTS_EACH
