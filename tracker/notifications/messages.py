"""Messages of notifications (mail, pages), merged into `tracker.i18n.MESSAGES`."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- mail, common
    "mail.greeting": {"id": "Yth. Bapak/Ibu {name},", "en": "Dear {name},"},
    "mail.closing": {
        "id": "Atas perhatian dan kerja sama Bapak/Ibu, kami sampaikan terima kasih.",
        "en": "Thank you for your attention and cooperation.",
    },
    "mail.regards": {"id": "Hormat kami,", "en": "Yours sincerely,"},
    "mail.signature": {
        "id": "Pemantau Kesepakatan Bali–NTT",
        "en": "Bali–NTT Agreement Tracker",
    },
    "mail.why.reminder": {
        "id": "Anda menerima pesan ini karena akun {username} adalah sekretariat pihak yang terlibat dalam rencana aksi ini.",
        "en": "You receive this message because the account {username} is a secretariat of a party involved in this action.",
    },
    "mail.why.digest": {
        "id": "Anda menerima pesan ini karena akun {username} menerima ringkasan mingguan.",
        "en": "You receive this message because the account {username} receives the weekly digest.",
    },
    "mail.why.expiry": {
        "id": "Anda menerima pesan ini karena akun {username} adalah admin atau sekretariat salah satu pihak kesepakatan ini.",
        "en": "You receive this message because the account {username} is an admin or a secretariat of a party to this agreement.",
    },
    "mail.unsubscribe.reminder": {
        "id": "Berhenti menerima pengingat tenggat melalui email",
        "en": "Stop receiving deadline reminders by email",
    },
    "mail.unsubscribe.digest": {
        "id": "Berhenti menerima ringkasan mingguan melalui email",
        "en": "Stop receiving the weekly digest by email",
    },
    "mail.unsubscribe.expiry": {
        "id": "Berhenti menerima pemberitahuan masa berlaku kesepakatan melalui email",
        "en": "Stop receiving agreement expiry notices by email",
    },
    "mail.preferences": {
        "id": "Atur alamat email, bahasa dan pilihan pemberitahuan",
        "en": "Set your email address, language and notification choices",
    },
    "mail.document": {"id": "Dokumen", "en": "Document"},
    "mail.owner": {"id": "Penanggung jawab", "en": "Owner"},
    "mail.with": {"id": "Bersama", "en": "With"},
    "mail.latest_status": {"id": "Status terakhir", "en": "Latest status"},
    "mail.due": {"id": "Tenggat", "en": "Due"},
    "mail.open": {"id": "Buka di pemantau", "en": "Open in the tracker"},
    # --- deadline reminders
    "reminder.subject.before": {
        "id": "[Pengingat] {code} jatuh tempo {date}",
        "en": "[Reminder] {code} is due on {date}",
    },
    "reminder.subject.late": {
        "id": "[Terlambat] {code} melewati tenggat {date}",
        "en": "[Late] {code} passed its deadline of {date}",
    },
    "reminder.title.before": {
        "id": "{code} jatuh tempo dalam {days} hari: {title}",
        "en": "{code} is due in {days} day(s): {title}",
    },
    "reminder.title.late": {
        "id": "{code} terlambat sejak {date}: {title}",
        "en": "{code} is late since {date}: {title}",
    },
    "reminder.intro.before": {
        "id": "Dengan hormat, kami mengingatkan bahwa rencana aksi berikut jatuh tempo dalam {days} hari, pada {date}.",
        "en": "This is a reminder that the following action is due in {days} day(s), on {date}.",
    },
    "reminder.intro.late": {
        "id": "Dengan hormat, kami sampaikan bahwa rencana aksi berikut telah melewati tenggatnya pada {date} dan belum dilaporkan selesai.",
        "en": "We would like to inform you that the following action passed its deadline on {date} and has not been reported done.",
    },
    "reminder.ask": {
        "id": "Mohon kesediaan Bapak/Ibu memperbarui laporan kemajuannya melalui tautan berikut:",
        "en": "Please update its progress report at:",
    },
    # --- weekly digest
    "digest.subject": {
        "id": "Ringkasan mingguan pemantauan kesepakatan, {date}",
        "en": "Weekly agreement tracking digest, {date}",
    },
    "digest.title": {"id": "Ringkasan mingguan, {date}", "en": "Weekly digest, {date}"},
    "digest.intro.all": {
        "id": "Dengan hormat, berikut kami sampaikan ringkasan perkembangan rencana aksi seluruh pihak per {date}.",
        "en": "Please find below the progress of every party's actions as of {date}.",
    },
    "digest.intro.parties": {
        "id": "Dengan hormat, berikut kami sampaikan ringkasan perkembangan rencana aksi {parties} per {date}.",
        "en": "Please find below the progress of the actions of {parties} as of {date}.",
    },
    "digest.section.became_late": {
        "id": "Menjadi terlambat minggu ini",
        "en": "Became late this week",
    },
    "digest.section.still_late": {"id": "Masih terlambat", "en": "Still late"},
    "digest.section.done": {"id": "Selesai minggu ini", "en": "Done this week"},
    "digest.section.due_soon": {"id": "Jatuh tempo dalam 30 hari", "en": "Due in the next 30 days"},
    "digest.section.stale": {
        "id": "Tanpa laporan kemajuan selama 60 hari",
        "en": "No progress update for 60 days",
    },
    "digest.by_party": {"id": "Per pihak", "en": "By party"},
    "digest.party": {"id": "Pihak", "en": "Party"},
    "digest.more": {"id": "… dan {count} lainnya", "en": "… and {count} more"},
    "digest.evidence": {"id": "bukti", "en": "evidence"},
    "digest.summary": {
        "id": "Menjadi terlambat {became_late}, masih terlambat {still_late}, selesai minggu ini {done}, jatuh tempo dalam 30 hari {due_soon}, tanpa laporan 60 hari {stale}.",
        "en": "Became late {became_late}, still late {still_late}, done this week {done}, due in 30 days {due_soon}, no update for 60 days {stale}.",
    },
    "digest.short.became_late": {"id": "terlambat baru", "en": "newly late"},
    "digest.short.still_late": {"id": "masih terlambat", "en": "still late"},
    "digest.short.done": {"id": "selesai", "en": "done"},
    "digest.short.due_soon": {"id": "≤ 30 hari", "en": "≤ 30 days"},
    "digest.short.stale": {"id": "60 hari tanpa laporan", "en": "60 days silent"},
    # --- agreements that expire
    "expiry.subject": {
        "id": "[Masa berlaku] {title} berakhir {date}",
        "en": "[Expiry] {title} expires on {date}",
    },
    "expiry.title": {
        "id": "{title} berakhir dalam {days} hari ({date})",
        "en": "{title} expires in {days} days ({date})",
    },
    "expiry.intro": {
        "id": "Dengan hormat, kami sampaikan bahwa kesepakatan berikut berlaku sampai {date}, {days} hari lagi. Mohon persiapan perpanjangan atau penggantiannya dimulai tepat waktu.",
        "en": "We would like to inform you that the following agreement is valid until {date}, {days} days from now. Please start preparing its renewal or replacement in time.",
    },
    "expiry.parties": {"id": "Para pihak", "en": "Parties"},
    # --- pages
    "nav.notifications": {"id": "Notifikasi", "en": "Notifications"},
    "nav.unread": {"id": "{count} belum dibaca", "en": "{count} unread"},
    "nav.profile": {"id": "Profil", "en": "Profile"},
    "nav.outbox": {"id": "Kotak keluar", "en": "Outbox"},
    "notifications.title": {"id": "Notifikasi", "en": "Notifications"},
    "notifications.empty": {"id": "Belum ada notifikasi.", "en": "No notifications yet."},
    "notifications.new": {"id": "Baru", "en": "New"},
    "notifications.open": {"id": "Buka", "en": "Open"},
    "notifications.settings": {
        "id": "Atur email dan pilihan pemberitahuan di halaman profil.",
        "en": "Set your email and notification choices on your profile page.",
    },
    "profile.title": {"id": "Profil dan pemberitahuan", "en": "Profile and notifications"},
    "profile.email": {"id": "Alamat email", "en": "Email address"},
    "profile.email_hint": {
        "id": "Kosongkan bila tidak ingin menerima email; pemberitahuan tetap tampil di halaman Notifikasi.",
        "en": "Leave empty to receive no email; notifications still appear on the Notifications page.",
    },
    "profile.email_invalid": {
        "id": "Alamat email tidak valid. Tulis seperti nama@baliprov.go.id, tanpa spasi.",
        "en": "Enter a valid email address, like name@baliprov.go.id, without spaces.",
    },
    "profile.language": {"id": "Bahasa email", "en": "Language of emails"},
    "profile.language_invalid": {"id": "Pilih bahasa email.", "en": "Choose a language."},
    "profile.choices": {"id": "Kirimi saya email untuk", "en": "Email me"},
    "profile.choice.reminder": {
        "id": "Pengingat tenggat rencana aksi pihak saya (7 hari dan 1 hari sebelumnya, dan saat terlambat)",
        "en": "Deadline reminders for my parties' actions (7 days and 1 day before, and when late)",
    },
    "profile.choice.digest": {
        "id": "Ringkasan mingguan (Senin pukul 07.00 WITA)",
        "en": "The weekly digest (Mondays at 07:00 WITA)",
    },
    "profile.choice.expiry": {
        "id": "Kesepakatan yang akan berakhir (90 dan 30 hari sebelumnya)",
        "en": "Agreements about to expire (90 and 30 days before)",
    },
    "profile.save": {"id": "Simpan", "en": "Save"},
    "profile.saved": {"id": "Profil tersimpan.", "en": "Profile saved."},
    "profile.mail_off": {
        "id": "Pengiriman email belum diaktifkan di pemantau ini; pemberitahuan tetap tampil di halaman Notifikasi.",
        "en": "Sending email is not switched on in this tracker; notifications still appear on the Notifications page.",
    },
    "choice.reminder": {"id": "pengingat tenggat", "en": "deadline reminders"},
    "choice.digest": {"id": "ringkasan mingguan", "en": "the weekly digest"},
    "choice.expiry": {
        "id": "pemberitahuan masa berlaku kesepakatan",
        "en": "agreement expiry notices",
    },
    "unsubscribe.title": {"id": "Berhenti berlangganan", "en": "Unsubscribe"},
    "unsubscribe.confirm": {
        "id": "Berhenti menerima {what} melalui email untuk akun {username}?",
        "en": "Stop receiving {what} by email for the account {username}?",
    },
    "unsubscribe.button": {"id": "Berhenti berlangganan", "en": "Unsubscribe"},
    "unsubscribe.done": {
        "id": "Akun {username} tidak akan lagi menerima {what} melalui email. Pilihan ini dapat diubah kembali di halaman profil.",
        "en": "The account {username} will no longer receive {what} by email. You can change this again on your profile page.",
    },
    "unsubscribe.invalid": {
        "id": "Tautan berhenti berlangganan ini tidak valid. Salin seluruh tautan dari email, atau atur pilihan di halaman profil setelah masuk.",
        "en": "This unsubscribe link is not valid. Copy the whole link from the email, or change your choices on your profile page after logging in.",
    },
    "outbox.title": {"id": "Kotak keluar email", "en": "Email outbox"},
    "outbox.mail_on": {
        "id": "Email aktif: dikirim melalui {host} sebagai {sender}.",
        "en": "Email is on: sent through {host} as {sender}.",
    },
    "outbox.mail_off": {
        "id": "Email tidak aktif: TRACKER_SMTP_URL belum diatur. Pemberitahuan tetap tercatat di pemantau; pesan menunggu di kotak keluar dan dikirim setelah email diaktifkan (yang lebih dari 3 hari tidak dikirim).",
        "en": "Email is off: TRACKER_SMTP_URL is not set. Notifications are still recorded in the tracker; messages wait in the outbox and go out once email is on (those older than 3 days are not sent).",
    },
    "outbox.no_base_url": {
        "id": "TRACKER_BASE_URL belum diatur: tautan di email memakai {url}.",
        "en": "TRACKER_BASE_URL is not set: links in emails use {url}.",
    },
    "outbox.filter": {"id": "Tampilkan", "en": "Show"},
    "outbox.all": {"id": "Semua", "en": "All"},
    "outbox.status.pending": {"id": "Menunggu", "en": "Pending"},
    "outbox.status.sending": {"id": "Sedang dikirim", "en": "Sending"},
    "outbox.status.sent": {"id": "Terkirim", "en": "Sent"},
    "outbox.status.failed": {"id": "Gagal", "en": "Failed"},
    "outbox.to": {"id": "Kepada", "en": "To"},
    "outbox.subject": {"id": "Perihal", "en": "Subject"},
    "outbox.status": {"id": "Status", "en": "Status"},
    "outbox.attempts": {"id": "Percobaan", "en": "Attempts"},
    "outbox.when": {"id": "Waktu", "en": "When"},
    "outbox.next": {"id": "berikutnya {when}", "en": "next {when}"},
    "outbox.reason": {"id": "Alasan", "en": "Reason"},
    "outbox.retry": {"id": "Kirim ulang", "en": "Retry"},
    "outbox.retried": {
        "id": "Pesan dijadwalkan untuk dikirim ulang.",
        "en": "The message is queued to be sent again.",
    },
    "pager.page": {
        "id": "Halaman {page} dari {pages} ({total} pesan)",
        "en": "Page {page} of {pages} ({total} messages)",
    },
    "outbox.empty": {"id": "Tidak ada pesan.", "en": "No messages."},
    "outbox.counts": {
        "id": "Menunggu {pending} · terkirim {sent} · gagal {failed}",
        "en": "Pending {pending} · sent {sent} · failed {failed}",
    },
    "error.outbox_not_found": {
        "id": "Pesan {id} tidak ada atau tidak gagal.",
        "en": "Message {id} does not exist or has not failed.",
    },
}
