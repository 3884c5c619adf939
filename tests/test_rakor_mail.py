"""A Rakor by mail: the invitation with its iCalendar file, a change, a cancel,
the reminder to report first, and the notulen with the PDF attached; to a real
SMTP server (aiosmtpd), parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
from conftest import csrf, rows, run
from piccolo.querystring import QueryString
from test_meetings import MEETING, create, ids, page_of, post
from test_notifications import mail, notify, unsubscribe_url  # noqa: F401 - the fixture

from tracker import db
from tracker.notifications import profile, rakor

D = dt.date


def query(sql: str) -> list[dict]:
    return run(db.engine().run_querystring(QueryString(sql)))


def test_the_reminder_comes_three_working_days_before():
    # Christmas (Friday 25 December 2026) is not a working day.
    assert rakor.reminder_day(D(2026, 12, 29)) == D(2026, 12, 23)
    # New Year's Day (a Friday) and the weekend are skipped too.
    assert rakor.reminder_day(D(2027, 1, 4)) == D(2026, 12, 29)
    assert rakor.reminder_day(D(2027, 2, 18)) == D(2027, 2, 15)


def future_day(days: int = 30) -> D:
    """A Thursday about a month ahead: the meeting has not happened yet."""
    day = D.today() + dt.timedelta(days=days)
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


def set_email(username: str, address: str, language: str = "id") -> int:
    user_id = query(f"SELECT id FROM tracker_user WHERE username = '{username}'")[0]["id"]

    async def go():
        await profile.save(user_id, email=address, language=language, actor="t", address="t")

    run(go())
    return user_id


def addresses_form(client, slug) -> dict[str, str]:
    """The attendees' address fields of the invitation page, by attendee name."""
    html = client.get(f"/rakor/{slug}/undangan").text
    fields = re.findall(r'<label for="f-(email-\d+)">Email ([^<]+)</label>', html)
    return {name.replace("&amp;", "&"): field for field, name in fields}


def send(client, slug, action="send", submission=None, **emails):
    data = {"_csrf_token": csrf(client), "action": action, **emails}
    if submission:
        data["_submission"] = submission
    return client.post(f"/rakor/{slug}/undangan", data=data, follow_redirects=False)


def rakor_mail(server, kind: str) -> list:
    return [m for m in server.recorder.messages if str(m["X-Tracker-Kind"]) == kind]


def calendar_of(message) -> icalendar.Calendar:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_param("method") in ("REQUEST", "CANCEL")
    assert parts[0].get_content_charset() == "utf-8"  # its text is UTF-8 (an en dash, "Bali–NTT")
    return icalendar.Calendar.from_ical(parts[0].get_payload(decode=True))


@pytest.fixture
def invited(mail, as_user):  # noqa: F811 - the fixture imported above
    """A meeting a month ahead inviting Bali and NTT, whose secretariats have
    addresses (Bali's in English), with one attendee's address typed."""
    set_email("ntt", "sekretariat@nttprov.go.id")
    set_email("bali", "sekretariat@baliprov.go.id", language="en")
    client = as_user("notulis")
    day = future_day()
    slug = create(client, date=day.isoformat())
    fields = addresses_form(client, slug)
    assert set(fields) == {"Wayan Koster", "Johni Asadoma", "Kepala Dinas Nakertrans NTT"}
    return client, slug, day, fields


def test_the_notulis_sends_the_invitation_with_a_calendar_file(invited, mail):  # noqa: F811
    client, slug, day, fields = invited
    page = client.get(f"/rakor/{slug}/undangan").text
    assert "Pengguna ntt" in page and "sekretariat@nttprov.go.id" in page
    assert "Kepala Dinas Nakertrans NTT" in page  # no address yet: listed as not reached

    # A wrong address is refused with its name, and nothing is stored.
    refused = send(
        client,
        slug,
        **{
            fields["Wayan Koster"]: "gubernur@baliprov",
            fields["Johni Asadoma"]: "wagub@nttprov.go.id",
        },
    )
    assert refused.status_code == 422
    assert "Alamat email Wayan Koster tidak valid" in refused.text
    assert query("SELECT COUNT(*) AS n FROM attendee WHERE email <> ''")[0]["n"] == 0
    assert query("SELECT COUNT(*) AS n FROM outbox WHERE kind LIKE 'rakor.%'")[0]["n"] == 0

    key = "k" * 32
    ok = send(client, slug, submission=key, **{fields["Johni Asadoma"]: "Wagub@nttprov.go.id"})
    assert ok.status_code == 303
    again = send(client, slug, submission=key, **{fields["Johni Asadoma"]: "Wagub@nttprov.go.id"})
    assert again.status_code == 303  # the same form twice: sent once
    notify(D.today())
    invitations = rakor_mail(mail, "rakor.invitation")
    assert sorted(str(m["To"]) for m in invitations) == [
        "Wagub@nttprov.go.id",
        "sekretariat@baliprov.go.id",
        "sekretariat@nttprov.go.id",
    ]
    for message in invitations:
        cal = calendar_of(message)
        assert cal["METHOD"] == "REQUEST"
        event = cal.walk("VEVENT")[0]
        start = event.decoded("DTSTART")
        assert (start.date(), start.hour, start.minute) == (day, 9, 30)
        assert str(start.tzinfo) == "Asia/Makassar"
        assert cal.walk("VTIMEZONE")[0]["TZID"] == "Asia/Makassar"
        assert str(event["LOCATION"]) == MEETING["place"]
        assert int(event["SEQUENCE"]) == 0
        # Each file names only its own recipient.
        assert str(event["ATTENDEE"]).lower() == f"mailto:{str(message['To']).lower()}"
        body = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        # No end time: "from 09.30 until finished", without a dash before "s.d."
        if "[Rakor invitation]" in str(message["Subject"]):
            assert "Time: 09:30 WITA until finished" in body
            assert ">09:30 WITA until finished<" in html
        else:
            assert "Waktu: 09.30 WITA s.d. selesai" in body
            assert ">09.30 WITA s.d. selesai<" in html
    english = next(m for m in invitations if str(m["To"]) == "sekretariat@baliprov.go.id")
    assert str(english["Subject"]).startswith("[Rakor invitation]")
    uid = str(calendar_of(english).walk("VEVENT")[0]["UID"])
    # The agenda drafted from the tracker is in the mail.
    first_item = query(
        f"SELECT i.title FROM agenda_item i JOIN meeting m ON m.id = i.meeting "
        f"WHERE m.slug = '{slug}' ORDER BY i.position"
    )[0]["title"]
    assert first_item in english.get_body(("plain",)).get_content()
    # Secretariats see it on their Notifikasi page as well.
    assert (
        query("SELECT COUNT(*) AS n FROM notification WHERE kind = 'rakor.invitation'")[0]["n"] == 2
    )
    history = client.get(f"/rakor/{slug}/undangan").text
    assert "ke 3 alamat" in history

    # Changed and sent again: the same calendar entry, one sequence later.
    changed = post(
        client,
        slug,
        "ubah",
        title=MEETING["title"],
        date=day.isoformat(),
        time="13:00",
        place="Gedung Sasana Budaya, Kupang",
        follows=MEETING["follows"],
        invited=MEETING["invited"],
    )
    assert changed.status_code == 303, changed.text
    slug = changed.headers["location"].removeprefix("/rakor/").split("?")[0].split("#")[0]
    assert send(client, slug).status_code == 303
    notify(D.today())
    update = next(
        m
        for m in rakor_mail(mail, "rakor.invitation")
        if str(m["To"]) == "sekretariat@nttprov.go.id" and "Perubahan" in str(m["Subject"])
    )
    event = calendar_of(update).walk("VEVENT")[0]
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (uid, 1)
    assert event.decoded("DTSTART").hour == 13
    assert "Sasana Budaya" in str(event["LOCATION"])

    # Cancelled: every calendar gets the cancellation of that entry.
    assert post(client, slug, "batal").status_code == 303
    notify(D.today())
    cancels = rakor_mail(mail, "rakor.cancel")
    assert len(cancels) == 3
    cal = calendar_of(cancels[0])
    event = cal.walk("VEVENT")[0]
    assert cal["METHOD"] == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (uid, 2)


def test_reminder_before_the_rakor_and_notulen_after_it(invited, mail, as_user):  # noqa: F811
    client, slug, day, fields = invited
    assert (
        send(client, slug, **{fields["Wayan Koster"]: "gubernur@baliprov.go.id"}).status_code == 303
    )
    notify(D.today())

    # The reminder, 3 working days before, to secretariats with open actions on the agenda.
    remind = rakor.reminder_day(day)
    notify(remind - dt.timedelta(days=1))
    assert rakor_mail(mail, "rakor.reminder") == []
    notify(remind)
    notify(remind)  # twice on the day: sent once
    reminders = rakor_mail(mail, "rakor.reminder")
    assert sorted(str(m["To"]) for m in reminders) == [
        "sekretariat@baliprov.go.id",
        "sekretariat@nttprov.go.id",
    ]
    ntt = next(m for m in reminders if str(m["To"]) == "sekretariat@nttprov.go.id")
    text = ntt.get_body(("plain",)).get_content()
    assert "/aksi" in text and "Mohon laporan kemajuannya diperbarui" in text
    assert "Tenggat belum ditetapkan" in text and "Tenggat —" not in text  # no deadline, in words
    assert not list(ntt.iter_attachments())

    # After finalize: the notulen, with the PDF, to secretariats and attendees.
    item = ids(page_of(client, slug), "item")[0]
    assert post(client, slug, "keputusan", item=item, text="Disepakati.").status_code == 303
    assert post(client, slug, "final").status_code == 303
    notify(D.today())
    minutes = rakor_mail(mail, "rakor.minutes")
    assert sorted(str(m["To"]) for m in minutes) == [
        "gubernur@baliprov.go.id",
        "sekretariat@baliprov.go.id",
        "sekretariat@nttprov.go.id",
    ]
    for message in minutes:
        [pdf] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
        assert pdf.get_payload(decode=True).startswith(b"%PDF-")
        text = message.get_body(("plain",)).get_content()
        if str(message["To"]) == "gubernur@baliprov.go.id":  # a guest: no account to log in with
            assert "/rakor/" not in text and "Notulen terlampir dalam bentuk PDF." in text
        else:
            assert f"/rakor/{slug}" in text
    # The attached PDF is the issued one: the same bytes (and code) as a download.
    ntt = next(m for m in minutes if str(m["To"]) == "sekretariat@nttprov.go.id")
    mailed = next(ntt.iter_attachments()).get_payload(decode=True)
    assert client.get(f"/rakor/{slug}/notulen.pdf").content == mailed
    # first issued by the mail, and its verification page says so (not "a
    # reader without an account", nor the notulis who downloaded it after)
    [row] = [r for r in rows("issued_document") if r["language"] == "id"]
    assert row["issued_by"] == "(mail)"
    verify = client.get(f"/v/{row['code']}").text
    assert "Pertama diterbitkan oleh" in verify
    assert "pelacak, untuk email yang mengumumkan notulen ini" in verify
    english = next(m for m in minutes if str(m["To"]) == "sekretariat@baliprov.go.id")
    assert str(english["Subject"]).startswith("[Rakor minutes]")
    assert next(english.iter_attachments()).get_filename().endswith("-v1-en.pdf")


def test_an_attendee_without_an_account_unsubscribes_with_the_link(invited, mail, client, as_user):  # noqa: F811
    notulis, slug, day, fields = invited
    assert (
        send(notulis, slug, **{fields["Johni Asadoma"]: "wagub@nttprov.go.id"}).status_code == 303
    )
    notify(D.today())
    [message] = [
        m for m in rakor_mail(mail, "rakor.invitation") if str(m["To"]) == "wagub@nttprov.go.id"
    ]
    link = unsubscribe_url(message)
    assert "/berhenti/a" in link
    # A guest has no account: no profile link in the mail, no Notifikasi link
    # in the calendar file.
    for part in ("plain", "html"):
        assert "/profil" not in message.get_body((part,)).get_content()
    assert "URL" not in calendar_of(message).walk("VEVENT")[0]
    path = "/" + link.split("/", 3)[3]
    client.cookies.clear()
    asked = client.get(path)
    assert asked.status_code == 200 and "wagub@nttprov.go.id" in asked.text
    assert "akun" not in asked.text.split("<main")[1].lower()
    assert "untuk alamat wagub@nttprov.go.id?" in asked.text
    done = client.post(path)
    assert done.status_code == 200 and "tidak akan lagi menerima" in done.text
    main = done.text.split("<main")[1]
    assert "Alamat wagub@nttprov.go.id tidak akan lagi menerima" in main
    assert "akun" not in main.lower() and 'href="/profil"' not in main and "profil" not in main
    # A forged token for another address is refused.
    forged = path.replace(path.split("/")[2].split(".")[0], "a" + "Zm9vQGJhci5vcmc")
    assert client.get(forged).status_code == 404
    # The next Rakor mail skips the address; the others still get it.
    notulis = as_user("notulis")
    assert send(notulis, slug).status_code == 303
    notify(D.today())
    latest = [
        m
        for m in rakor_mail(mail, "rakor.invitation")
        if "Perubahan" in str(m["Subject"]) or "changed" in str(m["Subject"])
    ]
    assert sorted(str(m["To"]) for m in latest) == [
        "sekretariat@baliprov.go.id",
        "sekretariat@nttprov.go.id",
    ]
    # The same link undoes it, without an account or anyone's help.
    client.cookies.clear()
    assert "Terima lagi" in client.get(path).text
    again = client.post(path + "/lagi")
    assert "Alamat wagub@nttprov.go.id akan kembali menerima undangan" in again.text
    assert send(notulis, slug).status_code == 303
    notify(D.today())
    assert (
        "wagub@nttprov.go.id" in [str(m["To"]) for m in rakor_mail(mail, "rakor.invitation")][-3:]
    )


def recipient_lists(html: str) -> tuple[str, str]:
    """The invitation page's "Penerima email" list and its "not mailed" list."""
    mailed = html.split("Penerima email")[1].split("</ul>")[0]
    declined = (
        html.split("Tidak dikirimi email")[1].split("</ul>")[0]
        if ("Tidak dikirimi email" in html)
        else ""
    )
    return mailed, declined


def test_the_invitation_page_lists_as_recipients_only_those_who_will_be_mailed(
    invited,
    mail,  # noqa: F811
):
    """A user who turned Rakor mail off and a guest who unsubscribed are not
    "Penerima email": they are named as not mailed, with why, and the outbox
    agrees with the page (the same rule decides both)."""
    client, slug, day, fields = invited
    ntt = query("SELECT id FROM tracker_user WHERE username = 'ntt'")[0]["id"]
    run(profile.save(ntt, choices={"rakor": False}, actor="t", address="t"))
    run(profile.opt_out("wagub@nttprov.go.id", "rakor"))  # as the guest's link does
    saved = send(client, slug, action="save", **{fields["Johni Asadoma"]: "Wagub@NTTprov.go.id"})
    assert saved.status_code == 303
    mailed, declined = recipient_lists(client.get(f"/rakor/{slug}/undangan").text)
    assert "(1)" in mailed and "sekretariat@baliprov.go.id" in mailed
    assert "sekretariat@nttprov.go.id" not in mailed and "Wagub@NTTprov.go.id" not in mailed
    assert "Pengguna ntt" in declined and "mematikan email Rakor di profilnya" in declined
    assert "Johni Asadoma" in declined and "berhenti berlangganan email Rakor" in declined
    assert send(client, slug).status_code == 303
    notify(D.today())
    assert [str(m["To"]) for m in rakor_mail(mail, "rakor.invitation")] == [
        "sekretariat@baliprov.go.id"
    ]


def test_who_may_send_an_invitation_and_when(as_user, client):
    notulis = as_user("notulis")
    slug = create(notulis, date=future_day().isoformat())
    past = create(notulis, date="2026-01-30", place="Denpasar")
    refused = send(notulis, past)
    assert refused.status_code == 422 and "sudah lewat waktunya" in refused.text
    assert query("SELECT COUNT(*) AS n FROM rakor_invitation")[0]["n"] == 0
    no_token = notulis.post(f"/rakor/{slug}/undangan", data={"action": "send"})
    assert no_token.status_code == 403
    for name in ("ntt", "viewer"):
        client.cookies.clear()
        other = as_user(name)
        assert other.get(f"/rakor/{slug}/undangan").status_code == 403
        assert send(other, slug).status_code == 403
    assert query("SELECT COUNT(*) AS n FROM rakor_invitation")[0]["n"] == 0


def test_the_outbox_names_an_attendee_without_an_account_by_address(invited, mail, as_user):  # noqa: F811
    """An attendee invited by address has no account: the outbox's "To" is the
    address, never the word None in front of it."""
    client, slug, _day, fields = invited
    assert send(
        client, slug, **{fields["Wayan Koster"]: "gubernur@baliprov.go.id"}
    ).status_code in (
        302,
        303,
    )
    outbox = as_user("admin").get("/admin/outbox").text
    assert "gubernur@baliprov.go.id" in outbox
    assert "None" not in outbox
    assert (
        "ntt &lt;sekretariat@nttprov.go.id&gt;" in outbox
    )  # an account: its name, then the address


def test_an_address_form_opened_before_another_save_does_not_blank_it(invited):
    """The notulis and an admin on the invitation page at once: one types
    Wayan's address and saves; the other, whose page still showed it empty,
    types Johni's and saves. The second save emptied Wayan's again (both were
    told *Alamat tersimpan*); now only what each changed is written, and an
    address both changed is refused with the one stored meanwhile."""
    client, slug, _, fields = invited
    wayan, johni = fields["Wayan Koster"], fields["Johni Asadoma"]
    as_shown = shown_fields(client, slug)
    first = send(client, slug, "save", **as_shown, **{wayan: "gubernur@baliprov.go.id"})
    assert first.status_code == 303
    second = send(client, slug, "save", **as_shown, **{wayan: "", johni: "wagub@nttprov.go.id"})
    assert second.status_code == 303
    assert emails() == {
        "Wayan Koster": "gubernur@baliprov.go.id",
        "Johni Asadoma": "wagub@nttprov.go.id",
    }
    # Both change Wayan's: the later is refused, showing the address saved meanwhile.
    stale = send(
        client, slug, "save", **as_shown, **{wayan: "wayan.koster@baliprov.go.id", johni: ""}
    )
    assert stale.status_code == 409
    assert "Sementara itu orang lain menyimpan gubernur@baliprov.go.id" in stale.text
    assert 'value="wayan.koster@baliprov.go.id"' in stale.text
    assert emails()["Wayan Koster"] == "gubernur@baliprov.go.id"
    again = dict(re.findall(r'name="(shown-\d+)" value="([^"]*)"', stale.text))
    kept = send(client, slug, "save", **again, **{wayan: "wayan.koster@baliprov.go.id"})
    assert kept.status_code == 303 and emails()["Wayan Koster"] == "wayan.koster@baliprov.go.id"


def shown_fields(client, slug) -> dict[str, str]:
    """The hidden fields that say which address the invitation page showed."""
    html = client.get(f"/rakor/{slug}/undangan").text
    return dict(re.findall(r'name="(shown-\d+)" value="([^"]*)"', html))


def emails() -> dict[str, str]:
    return {r["name"]: r["email"] for r in query("SELECT name, email FROM attendee") if r["email"]}
