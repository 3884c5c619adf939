"""Bulk progress by CSV: download, fill in, preview, record all or nothing."""

from __future__ import annotations

import asyncio
import csv
import html
import io
import re

import asyncpg
from conftest import DATABASE_URL, csrf, rows, run

from tracker import db

# The header of Aksi saya's CSV in each interface language.
HEADER = {
    "id": [
        "Dokumen",
        "Rencana aksi",
        "Bagian",
        "Judul",
        "Penanggung jawab",
        "Tenggat",
        "Target",
        "Status",
        "Persentase",
        "Catatan",
        "Capaian",
        "Tautan bukti",
        "Laporan terakhir (jangan diubah)",
    ],
    "en": [
        "Document",
        "Action",
        "Part",
        "Title",
        "Owner",
        "Due",
        "Target",
        "Status",
        "Percent",
        "Note",
        "Value reached",
        "Evidence links",
        "Last update (do not change)",
    ],
}
CODES = [
    "document",
    "action",
    "part",  # issue 14: a shared action's part
    "title",
    "owner",
    "due",
    "target",
    "status",
    "percent",
    "note",
    "value",
    "evidence",
    "seen",
]


def download(client, lang: str = "id") -> tuple[bytes, list[dict[str, str]]]:
    """The CSV, and its rows keyed by column code (its header checked against `lang`)."""
    response = client.get("/aksi.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    data = response.content
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == HEADER[lang]
    return data, [dict(zip(CODES, row, strict=True)) for row in table[1:]]


def upload(client, data: bytes):
    return client.post(
        "/aksi/import",
        data={"_csrf_token": csrf(client)},
        files=[("file", ("aksi-saya.csv", data, "text/csv"))],
    )


def confirm(client, preview):
    """Press Simpan on a preview: its CSV posted back as the page holds it."""
    csv_text = preview.text.split('<textarea name="csv" hidden>')[1].split("</textarea>")[0]
    return client.post(
        "/aksi/import/confirm",
        data={"_csrf_token": csrf(client), "csv": html.unescape(csv_text)},
        follow_redirects=False,
    )


def as_csv(rows_: list[dict[str, str]], delimiter: str = ",", lang: str = "id") -> str:
    """Rows keyed by column code, written under `lang`'s column names."""
    names = dict(zip(CODES, HEADER[lang], strict=True))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([names[c] for c in rows_[0]])
    writer.writerows([list(r.values()) for r in rows_])
    return out.getvalue()


def test_download_is_excel_friendly_utf8_with_the_users_actions(as_user):
    data, table = download(as_user("ntt"))
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    actions = {r["action"] for r in table}
    assert "harmoni-bali-ntt/PM-01" in actions and "harmoni-bali-ntt/HW-02" not in actions
    pm02 = next(r for r in table if r["action"] == "harmoni-bali-ntt/PM-02")
    assert pm02["title"].startswith("Persyaratan administratif") and pm02["status"] == "Belum mulai"
    assert pm02["target"] == "100 %"
    title = next(r["title"] for r in table if r["action"] == "harmoni-bali-ntt/PM-01")
    assert "perantau" in title  # Indonesian text intact


def test_upload_with_errors_records_nothing_and_lists_each_row(as_user):
    client = as_user("ntt")
    _, table = download(client)
    table[0].update(status="Berjalan", percent="150", note="terlalu tinggi")
    table[1].update(action="harmoni-bali-ntt/XX-99", status="in_progress", note="tidak ada")
    table.append(
        {
            **table[2],
            "action": "harmoni-bali-ntt/HW-02",
            "status": "in_progress",
            "note": "bukan milik NTT",
        }
    )
    response = upload(client, as_csv(table).encode())
    assert response.status_code == 422
    assert "tidak ada yang disimpan" in response.text
    assert "Persentase harus bilangan bulat 0–100" in response.text
    assert "Aksi harmoni-bali-ntt/XX-99 tidak dikenal." in response.text
    assert "bukan milik pihak Anda" in response.text
    assert 'action="/aksi/import/confirm"' not in response.text
    assert rows("update") == []


def test_preview_then_record_every_row_in_one_go(as_user):
    client = as_user("ntt")
    _, table = download(client)
    table[0].update(status="Berjalan", percent="20", note="Rapat persiapan — café désa")
    table[1].update(status="in_progress", percent="10", note="Surat sudah dikirim")
    # English column names are accepted under the Indonesian interface too.
    preview = upload(client, as_csv(table, delimiter=";", lang="en").encode("cp1252"))
    assert preview.status_code == 200
    assert preview.text.count(">akan dicatat</td>") == 2 and "Simpan 2 laporan" in preview.text
    assert rows("update") == []  # a preview writes nothing
    confirmed = confirm(client, preview)
    assert confirmed.status_code == 303 and confirmed.headers["location"] == "/aksi"
    stored = rows("update")
    assert sorted((u["percent"], u["note"], u["source"]) for u in stored) == [
        (10, "Surat sudah dikirim", "csv"),
        (20, "Rapat persiapan — café désa", "csv"),  # Windows-1252 accents kept
    ]
    assert sum(a["action"] == "update.add" for a in rows("audit_entry")) == 2
    # The rows left unchanged were not "recorded": the message says so.
    after = client.get("/aksi").text
    assert "Perubahan dalam CSV tersimpan; baris tanpa perubahan dibiarkan." in after
    assert "Semua baris CSV tersimpan" not in after


def test_the_preview_names_each_action_by_its_own_title_not_the_files(as_user):
    """A row whose title cell holds another action's title (rows shifted in a
    spreadsheet) is previewed under the title of the action it will record on."""
    client = as_user("ntt")
    _, table = download(client)
    real = table[0]["title"]
    table[0].update(status="Berjalan", percent="20", note="x", title="<b>Judul lain</b>")
    preview = upload(client, as_csv(table).encode())
    assert preview.status_code == 200
    shown = preview.text.split('<textarea name="csv"')[0]  # (the file itself is kept below)
    assert html.escape(real, quote=False) in shown
    assert "Judul lain" not in shown


def test_unreadable_file_gets_a_clear_message(as_user):
    response = upload(as_user("ntt"), b"nama,umur\r\nBudi,30\r\n")
    assert response.status_code == 422
    assert "Baris pertama CSV harus memuat judul kolom" in response.text


def test_viewer_cannot_download_or_upload(as_user):
    client = as_user("viewer")
    assert client.get("/aksi.csv").status_code == 403
    assert upload(client, b"action\r\n").status_code == 403


def test_a_row_does_not_overwrite_an_update_made_after_the_download(as_user):
    from test_progress import PM01, post

    ntt = as_user("ntt")
    post(ntt, PM01, percent="40", note="empat puluh")
    _, table = download(ntt)
    post(ntt, PM01, percent="70", note="tujuh puluh", confirm="1")  # after the download
    pm01 = next(r for r in table if r["action"] == "harmoni-bali-ntt/PM-01")
    pm01.update(percent="45", note="dari CSV lama")
    response = upload(ntt, as_csv(table).encode())
    assert response.status_code == 422
    assert "sudah diperbarui setelah CSV diunduh" in response.text
    assert [u["percent"] for u in rows("update")] == [40, 70]


def test_a_row_left_as_downloaded_is_skipped_though_its_action_moved_since(as_user):
    """Only edited rows can conflict: a row untouched since the download is
    skipped even when its action was reported on meanwhile."""
    from test_progress import PM01, post

    ntt = as_user("ntt")
    post(ntt, PM01, percent="40", note="empat puluh")
    _, table = download(ntt)
    post(ntt, PM01, percent="70", note="tujuh puluh", confirm="1")  # after the download
    other = next(r for r in table if r["action"] != "harmoni-bali-ntt/PM-01" and not r["part"])
    other.update(percent="15", note="dari CSV")
    response = upload(ntt, as_csv(table).encode())
    assert response.status_code == 200, response.text
    assert "Simpan 1 laporan" in response.text
    assert "sudah diperbarui setelah CSV diunduh" not in response.text


def test_confirming_the_same_preview_twice_records_each_row_once(as_user):
    """The confirm form carries a one-time key: a double tap or a browser retry
    of the import stores nothing new and says the import was already saved."""
    client = as_user("ntt")
    _, table = download(client)
    table[0].update(status="in_progress", percent="30", note="Dua kali dikirim")
    preview = upload(client, as_csv(table[:1]).encode())
    key = re.search(r'name="_submission" value="([^"]+)"', preview.text)[1]
    csv_text = preview.text.split('<textarea name="csv" hidden>')[1].split("</textarea>")[0]
    form = {"_csrf_token": csrf(client), "_submission": key, "csv": html.unescape(csv_text)}
    first = client.post("/aksi/import/confirm", data=form, follow_redirects=False)
    again = client.post("/aksi/import/confirm", data=form, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == "/aksi"
    assert "sudah tersimpan sebelumnya" in client.get("/aksi").text
    assert [u["note"] for u in rows("update")] == ["Dua kali dikirim"]
    assert [s["result"] for s in rows("submission")] == ["import:1"]


def test_the_same_file_imported_again_shows_its_rows_as_already_recorded(as_user):
    """The answer to the import is lost; the back button sends the preview
    again, or the file is uploaded again. Its rows are the newest updates now,
    recorded by this import: they are shown as already recorded, not refused
    as overwriting "a newer update" with "nothing was saved", and nothing is
    recorded twice. A row that says something else is still a conflict."""
    client = as_user("ntt")
    _, table = download(client)
    table[0].update(status="in_progress", percent="30", note="Sosialisasi tahap satu")
    data = as_csv(table[:1]).encode()
    assert confirm(client, upload(client, data)).status_code == 303
    again = upload(client, data)
    assert again.status_code == 200, again.text
    assert "sudah tercatat (laporan #" in again.text
    assert "sudah diperbarui setelah CSV diunduh" not in again.text
    assert "tidak ada yang disimpan" not in again.text
    assert [u["note"] for u in rows("update")] == ["Sosialisasi tahap satu"]
    no_seen = as_csv([{k: v for k, v in table[0].items() if k != "seen"}]).encode()
    old_file = upload(client, no_seen)  # a file from before the seen column
    assert old_file.status_code == 200 and "sudah tercatat (laporan #" in old_file.text
    assert "Simpan" not in old_file.text and len(rows("update")) == 1
    table[0].update(note="Sosialisasi tahap dua")
    changed = upload(client, as_csv(table[:1]).encode())
    assert changed.status_code == 422 and "sudah diperbarui setelah CSV diunduh" in changed.text


def test_column_names_follow_the_interface_language(as_user):
    client = as_user("ntt")
    _, indonesian = download(client, "id")
    client.get("/lang/en", follow_redirects=False)
    _, english = download(client, "en")
    assert indonesian[0]["status"] == "Belum mulai" and english[0]["status"] == "Not started"
    # Owners by name, not by code.
    pm01 = next(r for r in english if r["action"] == "harmoni-bali-ntt/PM-01")
    assert "Nusa Tenggara Timur" in pm01["owner"] and "ntt" not in pm01["owner"].split(", ")
    # An English file uploads under the Indonesian interface and the other way round.
    english[0].update(status="In progress", percent="15", note="from the English file")
    response = upload(client, as_csv(english, lang="en").encode())
    assert response.status_code == 200 and ">will be recorded</td>" in response.text
    client.get("/lang/id", follow_redirects=False)
    indonesian[0].update(status="Berjalan", percent="15", note="dari berkas Indonesia")
    response = upload(client, as_csv(indonesian, lang="id").encode())
    assert response.status_code == 200 and ">akan dicatat</td>" in response.text


def test_cells_that_look_like_formulas_are_neutralised_and_read_back(as_user, agreements):
    from test_exports_safety import EVIL, _evil_agreement

    from tracker import spreadsheets

    _evil_agreement(agreements)
    client = as_user("ntt")
    data, table = download(client)
    cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]
    assert "'" + EVIL in cells and "'-2+3 @SUM(A1)" in cells
    assert not any(c.startswith(spreadsheets.TRIGGERS) for c in cells)
    # Uploaded back as downloaded: nothing changed, nothing to record.
    response = upload(client, data)
    assert response.status_code == 200 and ">akan dicatat</td>" not in response.text
    # A note typed as a neutralised formula is stored as the text it stands for.
    row = next(r for r in table if r["action"] == "uji/PM-01")
    row.update(status="Berjalan", percent="10", note="'=1+1 bukan rumus")
    preview = upload(client, as_csv([row]).encode())
    assert preview.status_code == 200, preview.text
    confirmed = confirm(client, preview)
    assert confirmed.status_code == 303
    assert [u["note"] for u in rows("update")] == ["=1+1 bukan rumus"]


def test_the_language_switch_on_the_preview_leads_back_to_aksi_saya(as_user):
    """The preview is the answer to a POST: its address (/aksi/import) stays in
    the bar, and the header's language switch opens it again. It led to "This
    address does not accept a GET request"; now to Aksi saya in that language."""
    client = as_user("ntt")
    _, table = download(client)
    table[0].update(status="Berjalan", percent="20", note="Rapat persiapan")
    preview = upload(client, as_csv(table).encode())
    assert preview.status_code == 200
    link = preview.text.split('id="lang-switch"')[1].split('href="')[1].split('"')[0]
    switch = html.unescape(link)
    assert switch == "/lang/en?next=/aksi/import"
    switched = client.get(switch, follow_redirects=True)
    assert switched.status_code == 200 and str(switched.url).endswith("/aksi")
    assert "My actions" in switched.text
    for path in ("/aksi/import", "/aksi/import/confirm"):
        again = client.get(path, follow_redirects=False)
        assert again.status_code == 303 and again.headers["location"] == "/aksi"


def test_a_confirmation_sent_twice_is_answered_as_saved_even_after_a_post_between(accounts):
    """On PostgreSQL an import waits for its actions' locks. A double tap on
    *Simpan* sends two confirmations with one key; a post may land between
    them. The second used to check its key before waiting, plan again behind
    the first and the post, and answer *Ada masalah: updated after the CSV was
    downloaded*, though the import was saved; now it is told it was saved."""
    from tracker.accounts.submissions import AlreadySubmitted
    from tracker.accounts.users import load
    from tracker.progress import bulk, updates

    data = as_csv(
        [
            {
                "action": "harmoni-bali-ntt/KB-01",
                "status": "in_progress",
                "percent": "50",
                "note": "lewat CSV",
                "seen": "0",
            }
        ]  # fmt: skip
    ).encode()
    key = "dua-kali-ditekan-0001"

    async def one_at_a_time():
        """SQLite: one writer at a time, so the same order one after another."""
        ntt, admin = await load(_user_id("ntt")), await load(_user_id("admin"))
        post = updates.UpdateForm(status="at_risk", percent="20", note="dari admin", confirm=True)
        first = await bulk.apply(ntt, data, "test", submission=key)
        between = await updates.post_update(admin, "harmoni-bali-ntt", "KB-01", post, [], "test")
        try:
            second = await bulk.apply(ntt, data, "test", submission=key)
        except AlreadySubmitted as exc:
            second = exc
        return first, between, second

    async def scenario():
        ntt, admin = await load(_user_id("ntt")), await load(_user_id("admin"))
        post = updates.UpdateForm(status="at_risk", percent="20", note="dari admin", confirm=True)
        holder = await asyncpg.connect(DATABASE_URL)
        lock = db.update_lock_key("harmoni-bali-ntt/KB-01")
        await holder.execute("SELECT pg_advisory_lock($1)", lock)
        try:  # queued in this order behind the lock: import, post, the import again
            first = asyncio.create_task(bulk.apply(ntt, data, "test", submission=key))
            await _waiting(holder, lock, 1)
            between = asyncio.create_task(
                updates.post_update(admin, "harmoni-bali-ntt", "KB-01", post, [], "test")
            )
            await _waiting(holder, lock, 2)
            second = asyncio.create_task(bulk.apply(ntt, data, "test", submission=key))
            await _waiting(holder, lock, 3)
        finally:
            await holder.execute("SELECT pg_advisory_unlock($1)", lock)
            await holder.close()
        return await asyncio.gather(first, between, second, return_exceptions=True)

    first, between, second = run(one_at_a_time() if db.is_sqlite() else scenario())
    assert not any(p.error for p in first) and isinstance(between, int)
    assert isinstance(second, AlreadySubmitted), second
    assert [u["note"] for u in rows("update")] == ["lewat CSV", "dari admin"]


def _user_id(username: str) -> int:
    return next(u["id"] for u in rows("tracker_user") if u["username"] == username)


async def _waiting(holder, lock: int, count: int) -> None:
    """Wait until `count` transactions queue for the advisory lock `lock`."""
    sql = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND ((classid::bigint << 32) | objid::bigint) = $1"
    )
    for _ in range(500):
        if await holder.fetchval(sql, lock) >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{count} writers never queued for the lock")
