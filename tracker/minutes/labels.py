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
from tracker.i18n import N_

# The words chosen at run time, marked here for the catalogs.
SECTION_TITLES = {
    "opening": N_("Opening"),
    "discussion": N_("Discussion"),
    "decisions": N_("Decisions"),
    "follow_ups": N_("Follow-up Actions"),
    "closing": N_("Closing"),
}
PRESENCE = {
    "hadir": N_("present"),
    "tidak_hadir": N_("absent"),
    "diwakili": N_("represented"),
    "tamu": N_("guest, not invited"),
}
SIGN_ROLES = {"chair": N_("Chair,"), "notulis": N_("Minute-taker,")}
DETAILS = {"indicator": N_("Indicator"), "target": N_("Target")}

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


def letter_line(text: str) -> str:
    """A line of the letter's addressing that a language may leave out: its
    catalog translates it as "-" (English letters have no "Yth." nor "di Tempat")."""
    return "" if text.strip() == "-" else text


def section_title(name: str, lang: str) -> str:
    """'II. Pembahasan': the numeral comes from the section's fixed place."""
    return (
        f"{SECTION_NUMERALS[SECTIONS.index(name)]}. {i18n.translator(lang)._(SECTION_TITLES[name])}"
    )


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
    return f"{start} WITA – " + i18n.translator(lang)._("until close")


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
        lines.append(
            i18n.translator(lang)._(
                "supported by: %(names)s", names=party_names(follow_up["with"], parties)
            )
        )
    return lines


def due_text(due: dt.date | None, lang: str) -> str:
    """A missing deadline is said to be unset, never guessed."""
    return i18n.format_date(due, lang) if due else i18n.translator(lang)._("not set")


def follow_up_details(follow_up: Mapping[str, Any], lang: str) -> list[str]:
    """'Indikator: …' and 'Target: …', for the lines under an action's title."""
    lines = []
    for key in ("indicator", "target"):
        if value := one_line(follow_up.get(key)):
            lines.append(f"{i18n.translator(lang)._(DETAILS[key])}: {value}")
    return lines


def presence(attendee: Mapping[str, Any], lang: str) -> str:
    """'hadir', 'tidak hadir', 'diwakili oleh X' (or 'diwakili' when unnamed)."""
    state = attendee.get("presence") or "hadir"
    if state == "diwakili":
        deputy = one_line(attendee.get("represented_by"))
        if deputy:
            return i18n.translator(lang)._("represented by %(name)s", name=deputy)
    return i18n.translator(lang)._(PRESENCE[state]) if state in PRESENCE else one_line(state)


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
        i18n.translator(lang)._("%(n)s present", n=counts["hadir"]),
        i18n.translator(lang)._("%(n)s represented", n=counts["diwakili"]),
    ]
    if counts["tidak_hadir"]:
        parts.append(i18n.translator(lang)._("%(n)s absent", n=counts["tidak_hadir"]))
    line = i18n.translator(lang)._("%(n)s invited", n=invited) + ": " + ", ".join(parts)
    if counts[GUEST]:
        line += "; " + i18n.translator(lang).ngettext(
            "%(n)s guest", "%(n)s guests", counts[GUEST], n=counts[GUEST]
        )
    return line + " " + i18n.translator(lang)._("(see the attached attendance list)")


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
    return i18n.translator(lang)._("Decision %(number)s", number=decision.get("number")), one_line(
        decision.get("text")
    )


def next_meeting(record: Mapping[str, Any]) -> str:
    """'Rapat berikutnya direncanakan pada Kamis, 9 April 2026.', or '' if none."""
    when = record.get("next_meeting")
    if not when:
        return ""
    lang = language(record)
    return i18n.translator(lang)._(
        "The next meeting is planned for %(date)s.", date=i18n.format_date(when, lang, weekday=True)
    )


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
    return i18n.translator(lang)._("NIP. %(nip)s", nip=nip) if nip else ""


def version_line(record: Mapping[str, Any]) -> str:
    """'Versi 2, difinalkan 12 Maret 2026 pukul 17.00 WITA', or '… draf' before that."""
    lang = language(record)
    version = record.get("version") or 1
    finalized = record.get("finalized_at")
    if finalized:
        when = i18n.format_datetime(finalized, lang)
        return i18n.translator(lang)._(
            "Version %(version)s, finalized %(when)s", version=version, when=when
        )
    return i18n.translator(lang)._("Version %(version)s, draft", version=version)


def footer_line(record: Mapping[str, Any]) -> str:
    """The document id and its version, printed on every page."""
    return f"{one_line(record.get('id'))} · {version_line(record)}"


def meeting_label(lang: str) -> str:
    """The label of the meeting's title (*Acara*): "Meeting" in English, not
    "Agenda", which the invitation then uses for the list of items under it."""
    return i18n.translator(lang).pgettext("the meeting's title, on letters and minutes", "Meeting")


def header_rows(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The label/value rows under the heading: Acara, Hari/tanggal, Waktu, …"""
    lang = language(record)
    rows = [(meeting_label(lang), one_line(record.get("title")))]
    follows = record.get("follows") or []
    if follows:
        titles = "; ".join(one_line(f.get("title") or f.get("id")) for f in follows)
        rows.append((i18n.translator(lang)._("Follows up"), titles))
    return rows + [
        (i18n.translator(lang)._("Day, date"), meeting_day(record)),
        (i18n.translator(lang)._("Time"), meeting_time(record)),
        (i18n.translator(lang)._("Place"), one_line(record.get("place"))),
        (i18n.translator(lang)._("Chair"), person_line(record.get("chair"))),
        (i18n.translator(lang)._("Minute-taker"), person_line(record.get("notulis"))),
        (i18n.translator(lang)._("Attendees"), attendance_summary(record)),
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
            "not_discussed": "" if discussed(item) else i18n.translator(lang)._("Not discussed."),
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
        ("chair", i18n.translator(lang)._("Acknowledged by,")),
        ("notulis", signature_place_date(record)),
    ):
        person = record.get(key) or {}
        blocks.append(
            {
                "above": above,
                "role": i18n.translator(lang)._(SIGN_ROLES[key]),
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
