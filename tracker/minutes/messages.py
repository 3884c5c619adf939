"""Interface messages of the letters around a Rakor (the invitation, the
attendance sheet, the signed copy), kept beside their code and merged into
`tracker.i18n.MESSAGES` like the notifications' own."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "meeting.bad_nature": {
        "id": "Sifat surat tidak dikenal: {value}.",
        "en": "Unknown classification of the letter: {value}.",
    },
    "meeting.letter_saved": {
        "id": "Data surat undangan tersimpan.",
        "en": "The invitation's details are saved.",
    },
    "audit.kind.meeting.signed_copy": {
        "id": "Pindaian notulen bertanda tangan dilampirkan",
        "en": "Scan of the signed minutes attached",
    },
    # The draft page's links and the letter page.
    "rakor.letters": {
        "id": "Surat undangan dan daftar hadir",
        "en": "Invitation and attendance sheet",
    },
    "rakor.letter_link": {
        "id": "Isi nomor, sifat, perihal dan penanda tangan surat undangan",
        "en": "Fill in the invitation's number, classification, subject and signer",
    },
    "rakor.invitation": {"id": "Surat undangan", "en": "Letter of invitation"},
    "rakor.sheet": {"id": "Daftar hadir untuk ditandatangani", "en": "Attendance sheet to sign"},
    "rakor.letter_title": {"id": "Surat undangan", "en": "Letter of invitation"},
    "rakor.letter_hint": {
        "id": "Surat undangan memuat kop, tanggal, waktu, tempat, pihak yang diundang dan agenda rapat ini. "
        "Isian di bawah melengkapinya; semuanya boleh dikosongkan.",
        "en": "The invitation carries this meeting's letterhead, date, time, place, invited parties and "
        "agenda. The fields below complete it; any may be left empty.",
    },
    "rakor.letter_number": {"id": "Nomor surat", "en": "Letter number"},
    "rakor.letter_number_hint": {
        "id": "Dari buku agenda surat kantor Anda, misalnya 005/123/Setda. Kosong: titik-titik, ditulis saat ditandatangani.",
        "en": "From your office's letter register, e.g. 005/123/Setda. Empty: dots, written in when signed.",
    },
    "rakor.letter_nature": {"id": "Sifat", "en": "Classification"},
    "rakor.letter_attachment": {"id": "Lampiran", "en": "Attachment"},
    "rakor.letter_attachment_hint": {
        "id": "Misalnya 1 (satu) berkas. Kosong: -",
        "en": "E.g. 1 (satu) berkas. Empty: -",
    },
    "rakor.letter_subject": {"id": "Perihal", "en": "Subject"},
    "rakor.letter_subject_hint": {
        "id": "Kosong: Undangan Rapat Koordinasi.",
        "en": "Empty: Undangan Rapat Koordinasi (Invitation to a coordination meeting).",
    },
    "rakor.letter_place": {"id": "Kota asal surat", "en": "Town the letter is sent from"},
    "rakor.letter_place_hint": {
        "id": "Misalnya Denpasar. Kosong: kota tempat rapat.",
        "en": "E.g. Denpasar. Empty: the town of the meeting.",
    },
    "rakor.letter_date": {"id": "Tanggal surat", "en": "Date of the letter"},
    "rakor.letter_date_hint": {
        "id": "Kosong: titik-titik, diisi saat ditandatangani.",
        "en": "Empty: dots, filled in when signed.",
    },
    "rakor.signer": {"id": "Penanda tangan surat", "en": "Signer of the letter"},
    "rakor.signer_hint": {
        "id": "Kosongkan nama agar pimpinan rapat ({name}) yang menandatangani.",
        "en": "Leave the name empty for the chair ({name}) to sign.",
    },
    "rakor.signer_name": {"id": "Nama penanda tangan", "en": "Signer's name"},
    "rakor.signer_title": {"id": "Jabatan penanda tangan", "en": "Signer's position (jabatan)"},
    "rakor.signer_nip": {"id": "NIP penanda tangan", "en": "Signer's NIP"},
    "rakor.letter_save": {"id": "Simpan data surat", "en": "Save the letter's details"},
    "rakor.letter_back": {"id": "Kembali ke Rakor", "en": "Back to the meeting"},
    "rakor.letter_downloads": {"id": "Unduh", "en": "Download"},
    # The signed copy, on the minutes' page.
    "rakor.signed_copies": {"id": "Salinan bertanda tangan", "en": "Signed copies"},
    "rakor.signed_none": {
        "id": "Belum ada pindaian notulen yang ditandatangani.",
        "en": "No scan of the signed minutes yet.",
    },
    "rakor.signed_item": {
        "id": "versi {n} · diunggah oleh {who}, {when} · {size}",
        "en": "version {n} · uploaded by {who}, {when} · {size}",
    },
    "rakor.signed_file": {
        "id": "Pindaian notulen versi {n} yang sudah ditandatangani",
        "en": "Scan of version {n} of the minutes, signed",
    },
    "rakor.signed_hint": {
        "id": "PDF, paling besar {max_mb} MB. Pindaian baru ditambahkan; yang sudah ada tetap tersimpan.",
        "en": "PDF, at most {max_mb} MB. A new scan is added; those already there are kept.",
    },
    "rakor.signed_attach": {"id": "Lampirkan pindaian", "en": "Attach the scan"},
    "signed.attached": {
        "id": "Pindaian notulen bertanda tangan dilampirkan.",
        "en": "The scan of the signed minutes is attached.",
    },
    "signed.not_found": {"id": "Pindaian tidak ditemukan.", "en": "No such scan."},
    "signed.file_required": {
        "id": "Pilih berkas PDF pindaian notulen.",
        "en": "Choose the scan's PDF file.",
    },
    "signed.too_large": {
        "id": "Berkas terlalu besar: paling besar {max_mb} MB.",
        "en": "The file is too large: at most {max_mb} MB.",
    },
    "signed.not_pdf": {
        "id": "{name} bukan PDF. Lampirkan pindaian dalam bentuk PDF.",
        "en": "{name} is not a PDF. Attach the scan as a PDF.",
    },
}
