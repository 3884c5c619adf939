"""The notulen vocabulary in Indonesian and English, and the phrases built from it.

The PDF, the DOCX and the Markdown file must say the same thing in the same
words, so every label and every phrase made of record values ("09.00 WITA –
selesai", "diwakili oleh …", "belum ditetapkan") is built here once. Only the
labels follow the record's `language`: user text is never translated.
Dates and times are shown in WITA, the zone of Bali and NTT, through
`tracker.i18n` so they match the rest of the app.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from tracker import i18n

LABELS: dict[str, dict[str, str]] = {
    "heading": {"id": "NOTULEN RAPAT", "en": "MINUTES OF MEETING"},
    "agenda": {"id": "Acara", "en": "Agenda"},
    "day_date": {"id": "Hari, tanggal", "en": "Day, date"},
    "time": {"id": "Waktu", "en": "Time"},
    "until_close": {"id": "selesai", "en": "until close"},
    "place": {"id": "Tempat", "en": "Place"},
    "chair": {"id": "Pimpinan rapat", "en": "Chair"},
    "notulis": {"id": "Notulis", "en": "Minute-taker"},
    "attendees": {"id": "Peserta", "en": "Attendees"},
    "follows": {"id": "Menindaklanjuti", "en": "Follows up"},
    "attendance.invited": {"id": "{n} undangan", "en": "{n} invited"},
    "attendance.present": {"id": "{n} hadir", "en": "{n} present"},
    "attendance.represented": {"id": "{n} diwakili", "en": "{n} represented"},
    "attendance.absent": {"id": "{n} tidak hadir", "en": "{n} absent"},
    "attendance.guests": {"id": "{n} tamu", "en": "{n} {guests}"},
    "attendance.annex": {
        "id": "(lihat daftar hadir terlampir)",
        "en": "(see the attached attendance list)",
    },
    "not_discussed": {"id": "Tidak dibahas.", "en": "Not discussed."},
    "section.opening": {"id": "Pembukaan", "en": "Opening"},
    "section.discussion": {"id": "Pembahasan", "en": "Discussion"},
    "section.decisions": {"id": "Keputusan", "en": "Decisions"},
    "section.follow_ups": {"id": "Tindak Lanjut", "en": "Follow-up Actions"},
    "section.closing": {"id": "Penutup", "en": "Closing"},
    "decision": {"id": "Keputusan {number}", "en": "Decision {number}"},
    "none": {"id": "Tidak ada.", "en": "None."},
    "col.no": {"id": "No", "en": "No"},
    "col.action": {"id": "Rencana aksi", "en": "Action"},
    "col.responsible": {"id": "Penanggung jawab", "en": "Responsible"},
    "col.due": {"id": "Tenggat", "en": "Due"},
    "supported_by": {"id": "didukung: {names}", "en": "supported by: {names}"},
    "indicator": {"id": "Indikator", "en": "Indicator"},
    "target": {"id": "Target", "en": "Target"},
    "no_due": {"id": "belum ditetapkan", "en": "not set"},
    "next_meeting": {
        "id": "Rapat berikutnya direncanakan pada {date}.",
        "en": "The next meeting is planned for {date}.",
    },
    "sign.acknowledged": {"id": "Mengetahui,", "en": "Acknowledged by,"},
    "sign.chair": {"id": "Pimpinan Rapat,", "en": "Chair,"},
    "sign.notulis": {"id": "Notulis,", "en": "Minute-taker,"},
    "nip": {"id": "NIP. {nip}", "en": "NIP. {nip}"},
    "annex": {"id": "Lampiran: Daftar Hadir", "en": "Annex: Attendance list"},
    "col.name": {"id": "Nama", "en": "Name"},
    "col.position": {"id": "Jabatan/Instansi", "en": "Position/Institution"},
    "col.remarks": {"id": "Keterangan", "en": "Remarks"},
    "col.signature": {"id": "Tanda tangan", "en": "Signature"},
    "presence.hadir": {"id": "hadir", "en": "present"},
    "presence.tidak_hadir": {"id": "tidak hadir", "en": "absent"},
    "presence.diwakili": {"id": "diwakili", "en": "represented"},
    "presence.diwakili_by": {"id": "diwakili oleh {name}", "en": "represented by {name}"},
    "presence.tamu": {"id": "tamu, tidak diundang", "en": "guest, not invited"},
    "version.final": {
        "id": "Versi {version}, difinalkan {when}",
        "en": "Version {version}, finalized {when}",
    },
    "version.draft": {"id": "Versi {version}, draf", "en": "Version {version}, draft"},
    "page": {"id": "Halaman", "en": "Page"},
    "page_of": {"id": "dari", "en": "of"},
    # The letter of invitation (surat undangan), tracker.minutes.letters.
    "letter.title": {"id": "Surat Undangan", "en": "Letter of invitation"},
    "letter.number": {"id": "Nomor", "en": "Number"},
    "letter.nature": {"id": "Sifat", "en": "Classification"},
    "letter.attachment": {"id": "Lampiran", "en": "Attachment"},
    "letter.subject": {"id": "Perihal", "en": "Subject"},
    "letter.subject_default": {
        "id": "Undangan Rapat Koordinasi",
        "en": "Invitation to a coordination meeting",
    },
    "letter.nature.biasa": {"id": "Biasa", "en": "Ordinary"},
    "letter.nature.penting": {"id": "Penting", "en": "Important"},
    "letter.nature.segera": {"id": "Segera", "en": "Urgent"},
    "letter.nature.sangat_segera": {"id": "Sangat Segera", "en": "Very urgent"},
    "letter.nature.rahasia": {"id": "Rahasia", "en": "Confidential"},
    "letter.to": {"id": "Kepada", "en": "To"},
    "letter.dear": {"id": "Yth.", "en": ""},
    "letter.at": {"id": "di", "en": ""},
    "letter.at_place": {"id": "Tempat", "en": ""},
    "letter.to_attendees": {
        "id": "Bapak/Ibu Peserta Rapat",
        "en": "The participants of the meeting",
    },
    "letter.greeting": {"id": "Dengan hormat,", "en": "Dear Sir or Madam,"},
    "letter.intro_follows": {
        "id": "Dalam rangka menindaklanjuti {titles}, dengan hormat kami mengundang Bapak/Ibu "
        "untuk menghadiri rapat yang akan diselenggarakan pada:",
        "en": "To follow up on {titles}, we kindly invite you to attend a meeting, to be held on:",
    },
    "letter.intro": {
        "id": "Dengan hormat kami mengundang Bapak/Ibu untuk menghadiri rapat yang akan "
        "diselenggarakan pada:",
        "en": "We kindly invite you to attend a meeting, to be held on:",
    },
    "letter.agenda": {"id": "dengan pokok bahasan:", "en": "with the following agenda:"},
    "letter.closing": {
        "id": "Mengingat pentingnya rapat tersebut, kami mohon kehadiran Bapak/Ibu tepat pada "
        "waktunya. Atas perhatian dan kehadiran Bapak/Ibu, kami ucapkan terima kasih.",
        "en": "Given the importance of this meeting, we kindly ask you to attend on time. "
        "Thank you for your attention and your presence.",
    },
    "letter.blank": {"id": "…………………………", "en": "…………………………"},
    # The attendance sheet (daftar hadir) signed in the room.
    "sheet.heading": {"id": "DAFTAR HADIR", "en": "ATTENDANCE LIST"},
    "sheet.name": {"id": "Daftar hadir", "en": "Attendance list"},
    "col.title": {"id": "Jabatan", "en": "Position"},
    "col.institution": {"id": "Instansi", "en": "Institution"},
    "col.phone": {"id": "No. HP", "en": "Phone"},
}
# Control characters nobody types on purpose; XML (the .docx) cannot even hold
# most of them. Line and paragraph separators are whitespace and handled apart.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
SECTION_NUMERALS = ("I", "II", "III", "IV", "V")
SECTIONS = ("opening", "discussion", "decisions", "follow_ups", "closing")
ATTENDED = ("hadir", "diwakili", "tamu")
GUEST = "tamu"  # came without an invitation: attended, but never counted as invited
UNDISCUSSED = ("mark", "omit")  # what the minutes do with agenda items not discussed


def language(record: Mapping[str, Any]) -> str:
    """The record's label language; anything unknown falls back to Indonesian."""
    return i18n.pick_language(record.get("language"))


def label(key: str, lang: str, **values: object) -> str:
    """One label in `lang`, with `{placeholders}` filled in."""
    entry = LABELS[key]
    text = entry.get(lang)
    if text is None:  # an empty text is meant: English letters have no "Yth." nor "di Tempat"
        text = entry[i18n.DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def section_title(name: str, lang: str) -> str:
    """'II. Pembahasan': the numeral comes from the section's fixed place."""
    return f"{SECTION_NUMERALS[SECTIONS.index(name)]}. {label('section.' + name, lang)}"


def one_line(text: object) -> str:
    """User text flattened to one line (titles, names, cells), control characters dropped."""
    words = (CONTROL.sub("", word) for word in str(text or "").split())
    return " ".join(word for word in words if word)


def paragraphs(text: object) -> list[str]:
    """Free text as paragraphs (split at blank lines), each keeping its line breaks.

    `splitlines` also splits at the Unicode line separators, so every renderer
    sees the same lines whatever the browser sent.
    """
    result: list[list[str]] = [[]]
    for line in str(text or "").splitlines():
        line = CONTROL.sub("", line)
        if line.strip():
            result[-1].append(line.rstrip())
        elif result[-1]:
            result.append([])
    return ["\n".join(lines) for lines in result if lines]


def local(value: dt.datetime) -> dt.datetime:
    """A stored (UTC) time in WITA; a naive time is taken to be UTC, as stored."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(i18n.WITA)


def meeting_date(record: Mapping[str, Any]) -> dt.date:
    """The meeting's calendar day in WITA (09.00 WITA is 01.00 UTC, same day)."""
    return local(record["starts_at"]).date()


def meeting_day(record: Mapping[str, Any]) -> str:
    """'Kamis, 12 Maret 2026' / 'Thursday, 12 March 2026'."""
    return i18n.format_date(meeting_date(record), language(record), weekday=True)


def day_and_place(record: Mapping[str, Any]) -> str:
    """'Kamis, 12 Maret 2026, Kantor Gubernur NTT, Kupang': the annex's subtitle."""
    place = one_line(record.get("place"))
    return f"{meeting_day(record)}, {place}" if place else meeting_day(record)


def clock(value: dt.datetime, lang: str) -> str:
    """'09.00' in Indonesian, '09:00' in English."""
    return f"{local(value):%H.%M}" if lang == "id" else f"{local(value):%H:%M}"


def meeting_time(record: Mapping[str, Any]) -> str:
    """'09.00 – 12.30 WITA', or '09.00 WITA – selesai' while the end is open."""
    lang = language(record)
    start = clock(record["starts_at"], lang)
    if record.get("ends_at"):
        return f"{start} – {clock(record['ends_at'], lang)} WITA"
    return f"{start} WITA – {label('until_close', lang)}"


def person_line(person: Mapping[str, Any] | None) -> str:
    """'Name — Title' (the format's attendee style), or just the name."""
    if not person:
        return ""
    name, title = one_line(person.get("name")), one_line(person.get("title"))
    return f"{name} — {title}" if name and title else name or title


def party_names(keys: Iterable[str], parties: Mapping[str, str]) -> str:
    """Party keys as their full names; an unknown key is shown as written."""
    return ", ".join(one_line(parties.get(key) or key) for key in keys)


def responsible(follow_up: Mapping[str, Any], parties: Mapping[str, str], lang: str) -> list[str]:
    """The owners' names, then 'didukung: …' when others support: one line each."""
    lines = [party_names(follow_up.get("owner") or [], parties)]
    if follow_up.get("with"):
        lines.append(label("supported_by", lang, names=party_names(follow_up["with"], parties)))
    return lines


def due_text(due: dt.date | None, lang: str) -> str:
    """A missing deadline is said to be unset, never guessed."""
    return i18n.format_date(due, lang) if due else label("no_due", lang)


def follow_up_details(follow_up: Mapping[str, Any], lang: str) -> list[str]:
    """'Indikator: …' and 'Target: …', for the lines under an action's title."""
    lines = []
    for key in ("indicator", "target"):
        if value := one_line(follow_up.get(key)):
            lines.append(f"{label(key, lang)}: {value}")
    return lines


def presence(attendee: Mapping[str, Any], lang: str) -> str:
    """'hadir', 'tidak hadir', 'diwakili oleh X' (or 'diwakili' when unnamed)."""
    state = attendee.get("presence") or "hadir"
    if state == "diwakili":
        deputy = one_line(attendee.get("represented_by"))
        if deputy:
            return label("presence.diwakili_by", lang, name=deputy)
    key = f"presence.{state}"
    return label(key, lang) if key in LABELS else one_line(state)


def attended(attendees: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Those who were there in person or through a representative."""
    return [a for a in attendees if (a.get("presence") or "hadir") in ATTENDED]


def attendance_summary(record: Mapping[str, Any]) -> str:
    """'4 undangan: 2 hadir, 1 diwakili, 1 tidak hadir; 1 tamu (lihat daftar hadir terlampir)'.

    Each way of attending is counted apart: someone represented is not
    "present", and a guest who walked in was never invited. The absent and
    the guests are named only when there are any.
    """
    lang = language(record)
    counts = {"hadir": 0, "diwakili": 0, "tidak_hadir": 0, GUEST: 0}
    for attendee in record.get("attendees") or []:
        state = attendee.get("presence") or "hadir"
        counts[state if state in counts else "hadir"] += 1
    invited = counts["hadir"] + counts["diwakili"] + counts["tidak_hadir"]
    parts = [
        label("attendance.present", lang, n=counts["hadir"]),
        label("attendance.represented", lang, n=counts["diwakili"]),
    ]
    if counts["tidak_hadir"]:
        parts.append(label("attendance.absent", lang, n=counts["tidak_hadir"]))
    line = f"{label('attendance.invited', lang, n=invited)}: {', '.join(parts)}"
    if counts[GUEST]:
        guests = "guest" if counts[GUEST] == 1 else "guests"
        line += "; " + label("attendance.guests", lang, n=counts[GUEST], guests=guests)
    return f"{line} {label('attendance.annex', lang)}"


def position(attendee: Mapping[str, Any], parties: Mapping[str, str]) -> list[str]:
    """Jabatan, then instansi (the party's name) when the attendee has a party."""
    lines = [one_line(attendee.get("title"))]
    if attendee.get("party"):
        lines.append(party_names([attendee["party"]], parties))
    return [line for line in lines if line]


def decisions(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Every decision of the meeting, in agenda order (their numbers run across items)."""
    return [d for item in record.get("items") or [] for d in item.get("decisions") or []]


def follow_ups(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Every follow-up action of the meeting, in agenda order."""
    return [f for item in record.get("items") or [] for f in item.get("follow_ups") or []]


def decision_line(decision: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """('Keputusan 3', text): the label is set in bold, the text is not."""
    return label("decision", lang, number=decision.get("number")), one_line(decision.get("text"))


def next_meeting(record: Mapping[str, Any]) -> str:
    """'Rapat berikutnya direncanakan pada Kamis, 9 April 2026.', or '' if none."""
    when = record.get("next_meeting")
    if not when:
        return ""
    lang = language(record)
    return label("next_meeting", lang, date=i18n.format_date(when, lang, weekday=True))


def signature_place_date(record: Mapping[str, Any]) -> str:
    """'Kupang, 12 Maret 2026': the town is the last comma-separated part of the place.

    Places are written "building, town" ("Kantor Gubernur NTT, Kupang"); a
    signature is dated by town only. A place without commas is used whole.
    """
    date = i18n.format_date(meeting_date(record), language(record))
    town = one_line(str(record.get("place") or "").split(",")[-1])
    return f"{town}, {date}" if town else date


def nip_line(person: Mapping[str, Any] | None, lang: str) -> str:
    """'NIP. 1968…' for civil servants; '' when no NIP is given."""
    nip = one_line((person or {}).get("nip"))
    return label("nip", lang, nip=nip) if nip else ""


def version_line(record: Mapping[str, Any]) -> str:
    """'Versi 2, difinalkan 12 Maret 2026 pukul 17.00 WITA', or '… draf' before that."""
    lang = language(record)
    version = record.get("version") or 1
    finalized = record.get("finalized_at")
    if finalized:
        when = i18n.format_datetime(finalized, lang)
        return label("version.final", lang, version=version, when=when)
    return label("version.draft", lang, version=version)


def footer_line(record: Mapping[str, Any]) -> str:
    """The document id and its version, printed on every page."""
    return f"{one_line(record.get('id'))} · {version_line(record)}"


def header_rows(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The label/value rows under the heading: Acara, Hari/tanggal, Waktu, …"""
    lang = language(record)
    rows = [(label("agenda", lang), one_line(record.get("title")))]
    follows = record.get("follows") or []
    if follows:
        titles = "; ".join(one_line(f.get("title") or f.get("id")) for f in follows)
        rows.append((label("follows", lang), titles))
    return rows + [
        (label("day_date", lang), meeting_day(record)),
        (label("time", lang), meeting_time(record)),
        (label("place", lang), one_line(record.get("place"))),
        (label("chair", lang), person_line(record.get("chair"))),
        (label("notulis", lang), person_line(record.get("notulis"))),
        (label("attendees", lang), attendance_summary(record)),
    ]


def discussed(item: Mapping[str, Any]) -> bool:
    """An agenda item was discussed if the minutes say anything under it."""
    return bool(paragraphs(item.get("notes")) or item.get("decisions") or item.get("follow_ups"))


def undiscussed_mode(record: Mapping[str, Any]) -> str:
    """'omit' leaves undiscussed items out; 'mark' (the default) says 'tidak dibahas'."""
    mode = record.get("undiscussed")
    return mode if mode in UNDISCUSSED else "mark"


def shown_items(record: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    """The agenda items the minutes show, each with the number it is shown under.

    Items are numbered as printed: with 'omit', the items left are numbered
    1, 2, 3 without gaps (every output numbers them alike, so "butir 2" means
    the same item in the PDF, the DOCX and the Markdown file).
    """
    items = list(record.get("items") or [])
    if undiscussed_mode(record) == "omit":
        items = [item for item in items if discussed(item)]
    return list(enumerate(items, 1))


def agenda_items(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Section II: per agenda item its number, title, note paragraphs and decisions;
    an item nobody discussed carries `not_discussed` (the words to print) instead."""
    lang = language(record)
    return [
        {
            "number": number,
            "title": one_line(item.get("title")),
            "notes": paragraphs(item.get("notes")),
            "decisions": [decision_line(d, lang) for d in item.get("decisions") or []],
            "not_discussed": "" if discussed(item) else label("not_discussed", lang),
        }
        for number, item in shown_items(record)
    ]


def follow_up_rows(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Section IV's table rows, numbered across the whole meeting."""
    lang = language(record)
    parties = record.get("parties") or {}
    return [
        {
            "no": i,
            "code": one_line(f.get("code")),
            "title": one_line(f.get("title")),
            "details": follow_up_details(f, lang),
            "responsible": responsible(f, parties, lang),
            "due": due_text(f.get("due"), lang),
        }
        for i, f in enumerate(follow_ups(record), 1)
    ]


def signatures(record: Mapping[str, Any]) -> list[dict[str, str]]:
    """The two signature blocks, chair on the left and notulis (with place, date) right."""
    lang = language(record)
    blocks = []
    for key, above in (
        ("chair", label("sign.acknowledged", lang)),
        ("notulis", signature_place_date(record)),
    ):
        person = record.get(key) or {}
        blocks.append(
            {
                "above": above,
                "role": label(f"sign.{key}", lang),
                "name": one_line(person.get("name")),
                "title": one_line(person.get("title")),
                "nip": nip_line(person, lang),
            }
        )
    return blocks


def attendance_rows(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The annex (daftar hadir): everyone invited, with how they attended."""
    lang = language(record)
    parties = record.get("parties") or {}
    return [
        {
            "no": i,
            "name": one_line(a.get("name")),
            "position": position(a, parties),
            "remarks": presence(a, lang),
        }
        for i, a in enumerate(record.get("attendees") or [], 1)
    ]
