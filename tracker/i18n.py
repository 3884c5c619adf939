"""The one translation layer: every UI string, date and number goes through here.

Bahasa Indonesia is the default; English is a switch away. Messages are keyed
by a short English id; `translate` falls back to Indonesian, then to the key,
so a missing translation shows up as readable text, never as an error.
"""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
WITA = dt.timezone(dt.timedelta(hours=8), "WITA")

MESSAGES: dict[str, dict[str, str]] = {
    "app.title": {"id": "Pemantau Kesepakatan Bali–NTT", "en": "Bali–NTT Agreement Tracker"},
    "nav.documents": {"id": "Dokumen", "en": "Documents"},
    "nav.api": {"id": "API", "en": "API"},
    "lang.switch": {"id": "English", "en": "Bahasa Indonesia"},
    "documents.heading": {"id": "Kesepakatan dan notulen", "en": "Agreements and minutes"},
    "documents.empty": {
        "id": "Belum ada dokumen. Tambahkan berkas Markdown di folder agreements/ lalu jalankan `tracker sync`.",
        "en": "No documents yet. Add Markdown files to agreements/ and run `tracker sync`.",
    },
    "kind.agreement": {"id": "Kesepakatan", "en": "Agreement"},
    "kind.minutes": {"id": "Notulen", "en": "Minutes"},
    "col.document": {"id": "Dokumen", "en": "Document"},
    "col.kind": {"id": "Jenis", "en": "Type"},
    "col.date": {"id": "Tanggal", "en": "Date"},
    "col.actions": {"id": "Rencana aksi", "en": "Actions"},
    "col.done": {"id": "Selesai", "en": "Done"},
    "col.late": {"id": "Terlambat", "en": "Late"},
    "col.progress": {"id": "Kemajuan", "en": "Progress"},
    "signed.on": {"id": "Ditandatangani", "en": "Signed"},
    "held.on": {"id": "Dilaksanakan", "en": "Held"},
    "place": {"id": "Tempat", "en": "Place"},
    "parties": {"id": "Pihak", "en": "Parties"},
    "follows": {"id": "Menindaklanjuti", "en": "Follows up"},
    "chair": {"id": "Pimpinan rapat", "en": "Chair"},
    "attendees": {"id": "Peserta", "en": "Attendees"},
    "instrument": {"id": "Bentuk", "en": "Instrument"},
    "number": {"id": "Nomor", "en": "Number"},
    "valid_until": {"id": "Berlaku sampai", "en": "Valid until"},
    "document.withdrawn": {
        "id": "Dokumen ini ditarik: berkasnya tidak ada lagi. Riwayatnya tetap tersimpan.",
        "en": "This document is withdrawn: its file is gone. Its history is kept.",
    },
    "document.synced": {"id": "Disinkronkan", "en": "Synced"},
    "action.owner": {"id": "Penanggung jawab", "en": "Owner"},
    "action.with": {"id": "Pendukung", "en": "With"},
    "action.due": {"id": "Tenggat", "en": "Due"},
    "action.start": {"id": "Mulai", "en": "Start"},
    "action.indicator": {"id": "Indikator", "en": "Indicator"},
    "action.target": {"id": "Target", "en": "Target"},
    "action.depends": {"id": "Bergantung pada", "en": "Depends on"},
    "action.status": {"id": "Status", "en": "Status"},
    "action.percent": {"id": "Persentase", "en": "Percent"},
    "action.commitment": {"id": "Komitmen", "en": "Commitment"},
    "action.document": {"id": "Dokumen", "en": "Document"},
    "action.description": {"id": "Uraian", "en": "Description"},
    "action.no_due": {"id": "Tenggat belum ditetapkan", "en": "No deadline set yet"},
    "action.late": {"id": "Terlambat", "en": "Late"},
    "action.withdrawn": {
        "id": "Rencana aksi ini ditarik dari berkasnya; riwayatnya tetap tersimpan.",
        "en": "This action was withdrawn from its file; its history is kept.",
    },
    "action.last_update": {"id": "Laporan terakhir", "en": "Last update"},
    "action.never_updated": {"id": "Belum ada laporan", "en": "No update yet"},
    "action.in_file": {"id": "Baris {line} di {path}", "en": "Line {line} of {path}"},
    "amendments.heading": {"id": "Perubahan", "en": "Amendments"},
    "amendments.empty": {"id": "Belum ada perubahan.", "en": "No amendments."},
    "amendments.field": {"id": "Isian", "en": "Field"},
    "amendments.old": {"id": "Semula", "en": "Was"},
    "amendments.new": {"id": "Menjadi", "en": "Now"},
    "amendments.when": {"id": "Waktu", "en": "When"},
    "updates.heading": {"id": "Laporan kemajuan", "en": "Progress updates"},
    "updates.empty": {"id": "Belum ada laporan kemajuan.", "en": "No progress updates yet."},
    "updates.by": {"id": "oleh", "en": "by"},
    "updates.source.file": {"id": "dari berkas kesepakatan", "en": "from the agreement file"},
    "note.marked_done": {
        "id": "ditandai selesai di berkas kesepakatan",
        "en": "marked done in the agreement file",
    },
    "field.title": {"id": "Judul", "en": "Title"},
    "field.commitment": {"id": "Komitmen", "en": "Commitment"},
    "field.owner": {"id": "Penanggung jawab", "en": "Owner"},
    "field.with": {"id": "Pendukung", "en": "With"},
    "field.due": {"id": "Tenggat", "en": "Due"},
    "field.start": {"id": "Mulai", "en": "Start"},
    "field.indicator": {"id": "Indikator", "en": "Indicator"},
    "field.target": {"id": "Target", "en": "Target"},
    "field.depends": {"id": "Bergantung pada", "en": "Depends on"},
    "field.description": {"id": "Uraian", "en": "Description"},
    "field.withdrawn": {"id": "Ditarik", "en": "Withdrawn"},
    "value.none": {"id": "(kosong)", "en": "(none)"},
    "value.true": {"id": "ya", "en": "yes"},
    "value.false": {"id": "tidak", "en": "no"},
    "status.not_started": {"id": "Belum mulai", "en": "Not started"},
    "status.in_progress": {"id": "Berjalan", "en": "In progress"},
    "status.at_risk": {"id": "Berisiko", "en": "At risk"},
    "status.done": {"id": "Selesai", "en": "Done"},
    "status.cancelled": {"id": "Dibatalkan", "en": "Cancelled"},
    "error.title": {"id": "Terjadi kesalahan", "en": "Something went wrong"},
    "error.404": {"id": "Halaman tidak ditemukan.", "en": "Page not found."},
    "error.500": {
        "id": "Terjadi kesalahan di server. Coba lagi sebentar lagi.",
        "en": "The server ran into an error. Please try again shortly.",
    },
    "error.back": {"id": "Kembali ke daftar dokumen", "en": "Back to the documents"},
    "error.document_not_found": {
        "id": "Dokumen `{id}` tidak ditemukan.",
        "en": "Document `{id}` was not found.",
    },
    "error.action_not_found": {
        "id": "Rencana aksi `{action}` tidak ada di dokumen `{id}`.",
        "en": "Action `{action}` is not in document `{id}`.",
    },
}

MONTHS = {
    "id": [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ],
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
}  # fmt: skip
WEEKDAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def pick_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    entry = MESSAGES.get(key)
    text = (entry.get(lang) or entry.get(DEFAULT_LANGUAGE)) if entry else key
    return text.format(**values) if values else text


def format_date(value: dt.date | None, lang: str = DEFAULT_LANGUAGE, weekday: bool = False) -> str:
    """'Jumat, 30 Januari 2026' (id) or 'Friday, 30 January 2026' (en)."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    text = f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"
    return f"{WEEKDAYS[lang][value.weekday()]}, {text}" if weekday else text


def format_datetime(value: dt.datetime | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A stored UTC time shown in WITA, the zone of Bali and NTT."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(WITA)
    sep = "pukul" if lang == "id" else "at"
    clock = f"{local:%H.%M}" if lang == "id" else f"{local:%H:%M}"
    return f"{format_date(local.date(), lang)} {sep} {clock} WITA"


def format_number(value: float | int | None, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """Indonesian uses `.` for thousands and `,` for decimals; English the reverse."""
    if value is None:
        return ""
    text = f"{value:,.{digits}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


class Translator:
    """The `_` given to templates: bound to one request's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)
