"""The letters around a Rakor: the invitation (surat undangan) and the
attendance sheet signed in the room (daftar hadir).

Both are printed before the meeting, from the meeting as it stands (not from a
frozen version): `letter_record` turns a loaded meeting into one plain dict,
and the functions below word it, in Indonesian or English, for the PDF
(`tracker.minutes.pdf`) and the DOCX (`tracker.minutes.docx`) alike. Like the
notulen, only labels follow the language: what people typed stays as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tracker import i18n
from tracker.i18n import N_
from tracker.minutes import labels as L
from tracker.minutes.finalize import build_record

# The sifat of a letter, as stored, and its words.
NATURES = {
    "biasa": N_("Ordinary"),
    "penting": N_("Important"),
    "segera": N_("Urgent"),
    "sangat_segera": N_("Very urgent"),
    "rahasia": N_("Confidential"),
}
EMPTY_ROWS = 10  # for those who come without being on the list
KINDS = ("undangan", "daftar-hadir")  # the file names' stems, as downloaded


def letter_record(
    meeting: Mapping[str, Any], titles: Mapping[str, str], lang: str | None = None
) -> dict[str, Any]:
    """The notulen's record of the meeting (kop, title, time, place, attendees...)
    plus what only letters need: the invited parties, the agenda's titles, the
    letter's own fields and its signer (the chair unless someone else is named)."""
    record = build_record(dict(meeting), dict(titles), meeting["version"], None)
    invited = list(meeting["invited"])
    used = set(invited) | {a["party"] for a in meeting["attendees"] if a["party"]}
    signer = "signer" if meeting.get("signer_name") else "chair"
    return {
        **record,
        "language": i18n.pick_language(lang),
        "parties": {k: v for k, v in sorted(meeting["parties"].items()) if k in used},
        "invited": invited,
        "agenda": [item["title"] for item in meeting["items"]],
        "letter": {
            key: meeting.get(f"letter_{key}")
            for key in ("number", "nature", "attachment", "subject", "place", "date")
        },
        "signer": {k: meeting.get(f"{signer}_{k}") or "" for k in ("name", "title", "nip")},
    }


# ------------------------------------------------------------- the invitation


def nature(record: Mapping[str, Any]) -> str:
    """'Biasa', 'Segera'...: the sifat in the letter's language."""
    word = NATURES.get(record["letter"].get("nature") or "biasa")
    return i18n.translator(L.language(record))._(word) if word else ""


def letter_rows(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Nomor, Sifat, Lampiran, Perihal: a missing number is left as dots, to be
    written in when the letter is signed and registered."""
    lang, letter = L.language(record), record["letter"]
    return [
        (
            i18n.translator(lang)._("Number"),
            L.one_line(letter.get("number")) or i18n.translator(lang)._("…………………………"),
        ),
        (i18n.translator(lang)._("Classification"), nature(record)),
        (i18n.translator(lang)._("Attachment"), L.one_line(letter.get("attachment")) or "-"),
        (
            i18n.translator(lang)._("Subject"),
            L.one_line(letter.get("subject"))
            or i18n.translator(lang)._("Invitation to a coordination meeting"),
        ),
    ]


def dateline(record: Mapping[str, Any]) -> str:
    """'Denpasar, 10 November 2026': the town it is sent from (the meeting's town
    unless typed) and its date, or dots when the date is left for signing."""
    lang, letter = L.language(record), record["letter"]
    town = L.one_line(letter.get("place")) or L.one_line(
        str(record.get("place") or "").split(",")[-1]
    )
    date = (
        i18n.format_date(letter["date"], lang)
        if letter.get("date")
        else i18n.translator(lang)._("…………………………")
    )
    return f"{town}, {date}" if town else date


def addressees(record: Mapping[str, Any]) -> list[str]:
    """The invited parties by their full names ('Kepada Yth.'); without any, the participants."""
    parties = record.get("parties") or {}
    names = [L.one_line(parties.get(key) or key) for key in record.get("invited") or []]
    return [name for name in names if name] or [
        i18n.translator(L.language(record))._("The participants of the meeting")
    ]


def addressing(record: Mapping[str, Any]) -> dict[str, str]:
    """'Yth.' before the first addressee, 'di' and 'Tempat' under them: the
    addressing of Indonesian letters, left out where the catalog says "-" (English)."""
    t = i18n.translator(L.language(record))
    # TRANSLATORS: the addressing of an Indonesian letter ("Kepada Yth. ... di
    # Tempat"); translate each line as "-" where the language has none (English).
    return {
        "dear": L.letter_line(t.pgettext("letter", "The Honourable (before each addressee)")),
        "at": L.letter_line(t.pgettext("letter", "at (above the place)")),
        "place": L.letter_line(t.pgettext("letter", "the place (under at)")),
    }


def intro(record: Mapping[str, Any]) -> str:
    """The opening sentence, naming the documents the meeting follows up."""
    lang = L.language(record)
    titles = [L.one_line(f.get("title") or f.get("id")) for f in record.get("follows") or []]
    if not titles:
        return i18n.translator(lang)._("We kindly invite you to attend a meeting, to be held on:")
    return i18n.translator(lang)._(
        "To follow up on %(titles)s, we kindly invite you to attend a meeting, to be held on:",
        titles="; ".join(titles),
    )


def event_rows(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Hari/tanggal, Waktu (WITA), Tempat, Acara: when and where, as in the notulen."""
    lang = L.language(record)
    return [
        (i18n.translator(lang)._("Day, date"), L.meeting_day(record)),
        (i18n.translator(lang)._("Time"), L.meeting_time(record)),
        (i18n.translator(lang)._("Place"), L.one_line(record.get("place"))),
        (L.meeting_label(lang), L.one_line(record.get("title"))),
    ]


def agenda(record: Mapping[str, Any]) -> list[str]:
    """The agenda items' titles, in the meeting's order."""
    return [title for title in map(L.one_line, record.get("agenda") or []) if title]


def signer_block(record: Mapping[str, Any]) -> dict[str, str]:
    """Jabatan above the room to sign, then the name (underlined) and the NIP."""
    signer = record.get("signer") or {}
    title = L.one_line(signer.get("title"))
    return {
        "above": f"{title}," if title else "",
        "name": L.one_line(signer.get("name")),
        "nip": L.nip_line(signer, L.language(record)),
    }


# ----------------------------------------------------------- the daftar hadir


def sheet_meta(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Acara, Hari/tanggal, Waktu, Tempat, above the table."""
    rows = event_rows(record)
    return [rows[-1], *rows[:-1]]


def sheet_rows(record: Mapping[str, Any], empty: int = EMPTY_ROWS) -> list[dict[str, Any]]:
    """One row per person listed, then one per invited party nobody on the list
    comes from (its name filled in), then empty rows for whoever else comes."""
    parties = record.get("parties") or {}
    rows = [
        {
            "name": L.one_line(a.get("name")),
            "title": L.one_line(a.get("title")),
            "institution": L.one_line(parties.get(a["party"], a["party"]))
            if a.get("party")
            else "",
        }
        for a in record.get("attendees") or []
    ]
    listed = {a.get("party") for a in record.get("attendees") or []}
    rows += [
        {"name": "", "title": "", "institution": L.one_line(parties.get(key, key))}
        for key in record.get("invited") or []
        if key not in listed
    ]
    rows += [{"name": "", "title": "", "institution": ""} for _ in range(empty)]
    return [{"no": n, **row} for n, row in enumerate(rows, 1)]


def sheet_footer(record: Mapping[str, Any]) -> str:
    """The meeting's id and what the paper is, on every page."""
    return (
        L.one_line(record.get("id"))
        + " · "
        + i18n.translator(L.language(record))._("Attendance list")
    )


def filename(slug: str, kind: str, fmt: str, lang: str | None) -> str:
    return f"{kind}-{slug}{'-en' if lang == 'en' else ''}.{fmt}"
