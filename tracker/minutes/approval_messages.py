"""Messages of the minutes' approval (pages, flashes, mail), merged into
`tracker.i18n.MESSAGES`."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- refusals
    "meeting.in_review": {
        "id": "Notulen ini sedang menunggu persetujuan pimpinan rapat dan tidak dapat diubah sampai disetujui atau dikembalikan.",
        "en": "These minutes are waiting for the chair's approval and cannot be changed until approved or returned.",
    },
    "meeting.needs_approval": {
        "id": "Rapat ini memiliki akun pimpinan rapat: ajukan notulen untuk persetujuan, bukan finalkan langsung.",
        "en": "This meeting has a chair account: submit the minutes for approval instead of finalizing them.",
    },
    "approval.not_chair": {
        "id": "Hanya pimpinan rapat ini (atau admin) yang dapat menyetujui atau mengembalikan notulennya.",
        "en": "Only this meeting's chair (or an admin) may approve or return its minutes.",
    },
    "approval.not_pending": {
        "id": "Pengajuan ini tidak lagi menunggu persetujuan (sudah disetujui, dikembalikan atau diganti). Buka lagi halaman persetujuan.",
        "en": "This submission is no longer waiting for approval (approved, returned or replaced). Open the approval page again.",
    },
    "approval.no_chair": {
        "id": "Pilih dulu akun pimpinan rapat.",
        "en": "Choose the chair's account first.",
    },
    "approval.bad_chair": {
        "id": "Pilih akun pimpinan rapat dari daftar.",
        "en": "Choose the chair's account from the list.",
    },
    "approval.note_required": {
        "id": "Tulis catatan untuk notulis: apa yang perlu diperbaiki.",
        "en": "Write a note for the notulis: what needs fixing.",
    },
    "approval.note_too_long": {
        "id": "Catatan paling banyak {limit} karakter.",
        "en": "The note can be at most {limit} characters.",
    },
    # --- flashes
    "approval.submitted_flash": {
        "id": "Notulen diajukan kepada pimpinan rapat untuk persetujuan.",
        "en": "The minutes were submitted to the chair for approval.",
    },
    "approval.returned_flash": {
        "id": "Notulen dikembalikan kepada notulis dengan catatan.",
        "en": "The minutes were returned to the notulis with a note.",
    },
    "approval.approved_flash": {
        "id": "Notulen disetujui dan diterbitkan; tindak lanjutnya kini dipantau.",
        "en": "The minutes were approved and issued; their follow-ups are now tracked.",
    },
    "approval.approved_correction_flash": {
        "id": "Koreksi disetujui dan diterbitkan sebagai versi baru.",
        "en": "The correction was approved and issued as a new version.",
    },
    "approval.already_done": {
        "id": "Langkah ini sudah tercatat; tidak ada yang dilakukan dua kali.",
        "en": "This step was already recorded; nothing was done twice.",
    },
    # --- pages
    "approval.title": {"id": "Persetujuan notulen", "en": "Approval of the minutes"},
    "approval.tag": {"id": "Menunggu persetujuan", "en": "Awaiting approval"},
    "approval.awaiting_you": {
        "id": "Menunggu persetujuan Anda",
        "en": "Awaiting your approval",
    },
    "approval.waiting_for": {
        "id": "Notulen ini menunggu persetujuan {chair} (pimpinan rapat).",
        "en": "These minutes are waiting for the approval of {chair} (the chair).",
    },
    "approval.frozen_hint": {
        "id": "Selama menunggu, notulen tidak dapat diubah. Bila perlu diubah, minta pimpinan rapat mengembalikannya.",
        "en": "While waiting, the minutes cannot be changed. If they must change, ask the chair to return them.",
    },
    "approval.nothing_pending": {
        "id": "Tidak ada notulen rapat ini yang menunggu persetujuan.",
        "en": "Nothing of this meeting is waiting for approval.",
    },
    "approval.changes": {"id": "Yang berubah", "en": "What changed"},
    "approval.changes_since_submission": {
        "id": "Dibandingkan dengan pengajuan sebelumnya ({date}).",
        "en": "Compared with the previous submission ({date}).",
    },
    "approval.changes_since_version": {
        "id": "Dibandingkan dengan versi {n} yang telah diterbitkan.",
        "en": "Compared with version {n} as issued.",
    },
    "approval.first": {
        "id": "Pengajuan pertama: belum ada yang dibandingkan.",
        "en": "The first submission: nothing to compare with yet.",
    },
    "approval.no_changes": {"id": "Tidak ada perubahan.", "en": "Nothing changed."},
    "approval.added": {"id": "Ditambahkan", "en": "Added"},
    "approval.removed": {"id": "Dihapus", "en": "Removed"},
    "approval.gap": {"id": "(baris yang tidak berubah)", "en": "(lines unchanged)"},
    "approval.preview": {"id": "Notulen yang diajukan", "en": "The minutes submitted"},
    "approval.decide": {"id": "Keputusan Anda", "en": "Your decision"},
    "approval.approve": {"id": "Setujui dan terbitkan", "en": "Approve and issue"},
    "approval.approve_hint": {
        "id": "Notulen diterbitkan sebagai versi {n} persis seperti di atas; tindak lanjutnya menjadi rencana aksi yang dipantau.",
        "en": "The minutes are issued as version {n} exactly as above; their follow-ups become tracked actions.",
    },
    "approval.stead_hint": {
        "id": "Anda bertindak sebagai admin atas nama {chair}; log audit mencatatnya.",
        "en": "You act as an admin for {chair}; the audit log records it.",
    },
    "approval.return": {"id": "Kembalikan kepada notulis", "en": "Return to the notulis"},
    "approval.note": {"id": "Catatan untuk notulis", "en": "Note for the notulis"},
    "approval.note_hint": {
        "id": "Wajib diisi bila mengembalikan; paling banyak {limit} karakter.",
        "en": "Required to return; at most {limit} characters.",
    },
    "approval.history": {"id": "Riwayat persetujuan", "en": "Approval history"},
    "approval.state.submitted": {"id": "Diajukan", "en": "Submitted"},
    "approval.state.returned": {"id": "Dikembalikan", "en": "Returned"},
    "approval.state.approved": {"id": "Disetujui", "en": "Approved"},
    "approval.step_by": {"id": "oleh {by}", "en": "by {by}"},
    "approval.for_chair": {"id": "atas nama {chair}", "en": "for {chair}"},
    "approval.version": {"id": "versi {n}", "en": "version {n}"},
    "approval.back": {"id": "Kembali ke daftar Rakor", "en": "Back to the meetings"},
    # --- the draft page and the Ubah page
    "approval.submit_heading": {"id": "Ajukan untuk persetujuan", "en": "Submit for approval"},
    "approval.submit_hint": {
        "id": "{chair} (pimpinan rapat) membaca notulen, lalu menyetujui atau mengembalikannya dengan catatan. Selama menunggu, draf tidak dapat diubah.",
        "en": "{chair} (the chair) reads the minutes, then approves them or returns them with a note. While waiting, the draft cannot be changed.",
    },
    "approval.submit_button": {
        "id": "Ajukan versi {n} untuk persetujuan",
        "en": "Submit version {n} for approval",
    },
    "approval.submit_confirm": {
        "id": "Ajukan notulen kepada pimpinan rapat? Draf tidak dapat diubah sampai disetujui atau dikembalikan.",
        "en": "Submit the minutes to the chair? The draft cannot be changed until approved or returned.",
    },
    "approval.returned_by": {
        "id": "Dikembalikan oleh {by}, {date}:",
        "en": "Returned by {by}, {date}:",
    },
    "approval.choose_chair": {
        "id": "Perlu persetujuan pimpinan rapat sebelum terbit? Pilih akunnya di Ubah data rapat.",
        "en": "Does the chair approve before issue? Choose their account under Change the details.",
    },
    "approval.chair_user": {
        "id": "Akun pimpinan rapat (persetujuan notulen)",
        "en": "The chair's account (approval of the minutes)",
    },
    "approval.chair_user_hint": {
        "id": "Bila dipilih, notulis mengajukan notulen dan pimpinan rapat menyetujuinya sebelum terbit. Tanpa akun, notulis memfinalkan sendiri.",
        "en": "When chosen, the notulis submits the minutes and the chair approves them before issue. Without one, the notulis finalizes.",
    },
    "approval.no_chair_option": {
        "id": "Tanpa persetujuan (notulis memfinalkan)",
        "en": "No approval (the notulis finalizes)",
    },
    # --- audit
    "audit.kind.meeting.chair": {
        "id": "Akun pimpinan rapat diubah",
        "en": "Chair's account changed",
    },
    "audit.kind.meeting.submit": {
        "id": "Notulen diajukan untuk persetujuan",
        "en": "Minutes submitted for approval",
    },
    "audit.kind.meeting.return": {
        "id": "Notulen dikembalikan pimpinan rapat",
        "en": "Minutes returned by the chair",
    },
    "audit.kind.meeting.return_for": {
        "id": "Notulen dikembalikan admin atas nama pimpinan rapat",
        "en": "Minutes returned by an admin for the chair",
    },
    "audit.kind.meeting.approve": {
        "id": "Notulen disetujui pimpinan rapat",
        "en": "Minutes approved by the chair",
    },
    "audit.kind.meeting.approve_for": {
        "id": "Notulen disetujui admin atas nama pimpinan rapat",
        "en": "Minutes approved by an admin for the chair",
    },
    # --- mail and notifications
    "approval.mail.title.submitted": {
        "id": "Notulen menunggu persetujuan Anda: {title}",
        "en": "Minutes awaiting your approval: {title}",
    },
    "approval.mail.intro.submitted": {
        "id": "{by} mengajukan notulen rapat \u201c{title}\u201d untuk persetujuan Anda.",
        "en": "{by} submitted the minutes of \u201c{title}\u201d for your approval.",
    },
    "approval.mail.subject.submitted": {
        "id": "[Persetujuan] Notulen {title}",
        "en": "[Approval] Minutes of {title}",
    },
    "approval.mail.title.returned": {
        "id": "Notulen dikembalikan: {title}",
        "en": "Minutes returned: {title}",
    },
    "approval.mail.intro.returned": {
        "id": "{by} mengembalikan notulen rapat \u201c{title}\u201d dengan catatan.",
        "en": "{by} returned the minutes of \u201c{title}\u201d with a note.",
    },
    "approval.mail.subject.returned": {
        "id": "[Dikembalikan] Notulen {title}",
        "en": "[Returned] Minutes of {title}",
    },
    "approval.mail.title.approved": {
        "id": "Notulen disetujui: {title}",
        "en": "Minutes approved: {title}",
    },
    "approval.mail.intro.approved": {
        "id": "{by} menyetujui notulen rapat \u201c{title}\u201d; notulen telah diterbitkan.",
        "en": "{by} approved the minutes of \u201c{title}\u201d; they are issued.",
    },
    "approval.mail.subject.approved": {
        "id": "[Disetujui] Notulen {title}",
        "en": "[Approved] Minutes of {title}",
    },
    "approval.mail.note": {"id": "Catatan", "en": "Note"},
    "mail.why.approval": {
        "id": "Anda menerima pesan ini karena akun {username} adalah pimpinan rapat atau notulis Rakor ini.",
        "en": "You receive this message because the account {username} chairs this meeting or writes its minutes.",
    },
    "mail.unsubscribe.approval": {
        "id": "Berhenti menerima email persetujuan notulen",
        "en": "Stop receiving mail about approving minutes",
    },
    "profile.choice.approval": {
        "id": "Notulen yang menunggu persetujuan, dikembalikan atau disetujui",
        "en": "Minutes awaiting approval, returned or approved",
    },
}
