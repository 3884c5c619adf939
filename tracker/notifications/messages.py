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
    # --- Rakor: invitation, reminder, notulen
    "mail.why.rakor": {
        "id": "Anda menerima pesan ini karena {username} termasuk yang diundang dalam rapat koordinasi ini.",
        "en": "You receive this message because {username} is among those invited to this coordination meeting.",
    },
    "mail.unsubscribe.rakor": {
        "id": "Berhenti menerima undangan dan notulen Rakor melalui email",
        "en": "Stop receiving Rakor invitations and minutes by email",
    },
    "rakor_mail.subject.invitation": {
        "id": "[Undangan Rakor] {title}, {date}",
        "en": "[Rakor invitation] {title}, {date}",
    },
    "rakor_mail.subject.update": {
        "id": "[Perubahan Undangan Rakor] {title}, {date}",
        "en": "[Rakor invitation changed] {title}, {date}",
    },
    "rakor_mail.subject.cancel": {
        "id": "[Pembatalan Rakor] {title}, {date}",
        "en": "[Rakor cancelled] {title}, {date}",
    },
    "rakor_mail.subject.reminder": {
        "id": "[Pengingat Rakor] Mohon perbarui laporan sebelum {date}",
        "en": "[Rakor reminder] Please update your reports before {date}",
    },
    "rakor_mail.subject.minutes": {
        "id": "[Notulen Rakor] {title}, {date}",
        "en": "[Rakor minutes] {title}, {date}",
    },
    "rakor_mail.title.invitation": {
        "id": "Undangan Rakor: {title}, {date}",
        "en": "Rakor invitation: {title}, {date}",
    },
    "rakor_mail.title.update": {
        "id": "Undangan Rakor diubah: {title}, {date}",
        "en": "Rakor invitation changed: {title}, {date}",
    },
    "rakor_mail.title.cancel": {
        "id": "Rakor dibatalkan: {title}, {date}",
        "en": "Rakor cancelled: {title}, {date}",
    },
    "rakor_mail.title.reminder": {
        "id": "Rakor {date}: {count} rencana aksi pihak Anda dibahas; mohon perbarui laporannya",
        "en": "Rakor on {date}: {count} of your parties' actions are on the agenda; please update them",
    },
    "rakor_mail.title.minutes": {
        "id": "Notulen Rakor terbit: {title}, {date} (versi {version})",
        "en": "Rakor minutes issued: {title}, {date} (version {version})",
    },
    "rakor_mail.intro.invitation": {
        "id": "Dengan hormat, kami mengundang Bapak/Ibu untuk menghadiri rapat koordinasi berikut.",
        "en": "We would like to invite you to the following coordination meeting.",
    },
    "rakor_mail.intro.update": {
        "id": "Dengan hormat, undangan rapat koordinasi berikut telah diubah. Mohon gunakan rincian di bawah ini; undangan di kalender Anda ikut diperbarui.",
        "en": "The invitation to the following coordination meeting has changed. Please use the details below; the entry in your calendar is updated too.",
    },
    "rakor_mail.intro.cancel": {
        "id": "Dengan hormat, kami sampaikan bahwa rapat koordinasi berikut dibatalkan. Mohon maaf atas perubahan ini.",
        "en": "We would like to inform you that the following coordination meeting is cancelled. We apologise for the change.",
    },
    "rakor_mail.intro.reminder": {
        "id": "Dengan hormat, rapat koordinasi \u201c{title}\u201d akan diselenggarakan pada {date}. Rencana aksi berikut, yang melibatkan pihak Bapak/Ibu, akan dibahas. Mohon laporan kemajuannya diperbarui sebelum rapat.",
        "en": "The coordination meeting \u201c{title}\u201d takes place on {date}. The following actions, which involve your parties, are on its agenda. Please update their progress reports before the meeting.",
    },
    "rakor_mail.intro.minutes": {
        "id": "Dengan hormat, notulen rapat koordinasi berikut telah diterbitkan (versi {version}). Notulen terlampir dalam bentuk PDF.",
        "en": "The minutes of the following coordination meeting have been issued (version {version}). They are attached as a PDF.",
    },
    "rakor_mail.when": {"id": "Hari, tanggal", "en": "Date"},
    "rakor_mail.time": {"id": "Waktu", "en": "Time"},
    "rakor_mail.until_done": {"id": "s.d. selesai", "en": "until finished"},
    "rakor_mail.place": {"id": "Tempat", "en": "Place"},
    "rakor_mail.agenda": {"id": "Acara", "en": "Agenda"},
    "rakor_mail.invited": {"id": "Pihak yang diundang", "en": "Invited parties"},
    "rakor_mail.report": {
        "id": "Laporan kemajuan dapat diperbarui di halaman Aksi saya:",
        "en": "Progress can be reported on the My actions page:",
    },
    "rakor_mail.calendar": {
        "id": "Undangan kalender (.ics) terlampir.",
        "en": "A calendar invitation (.ics) is attached.",
    },
    "rakor_mail.read": {"id": "Baca notulen di pemantau", "en": "Read the minutes in the tracker"},
    "rakor_mail.actions": {"id": "Rencana aksi yang dibahas", "en": "Actions on the agenda"},
    "choice.rakor": {"id": "undangan dan notulen Rakor", "en": "Rakor invitations and minutes"},
    "profile.choice.rakor": {
        "id": "Undangan, pengingat dan notulen Rakor yang mengundang saya atau pihak saya",
        "en": "Invitations, reminders and minutes of the Rakor I or my parties are invited to",
    },
    # --- the invitation page
    "invitation.link": {"id": "Kirim undangan melalui email", "en": "Send the invitation by email"},
    "invitation.title": {"id": "Undangan Rakor", "en": "Rakor invitation"},
    "invitation.mail_off": {
        "id": "Email belum diaktifkan di pemantau ini: undangan tercatat di halaman Notifikasi para sekretariat dan dikirim setelah email diaktifkan.",
        "en": "Email is not switched on in this tracker: the invitation is listed on the secretariats' Notifications pages and is mailed once email is on.",
    },
    "invitation.recipients": {"id": "Penerima email ({n})", "en": "Email recipients ({n})"},
    "invitation.secretariat": {"id": "sekretariat", "en": "secretariat"},
    "invitation.nobody_yet": {
        "id": "Belum ada penerima: undang pihak yang memiliki sekretariat di pemantau, atau isi alamat email peserta di bawah.",
        "en": "Nobody to send to yet: invite parties with a secretariat in the tracker, or fill in the attendees' addresses below.",
    },
    "invitation.without": {
        "id": "Tanpa alamat email ({n})",
        "en": "Without an email address ({n})",
    },
    "invitation.in_tracker": {
        "id": "hanya melihat undangan di halaman Notifikasi",
        "en": "sees the invitation on the Notifications page only",
    },
    "invitation.not_reached": {
        "id": "tidak menerima undangan melalui pemantau",
        "en": "does not receive the invitation through the tracker",
    },
    "invitation.addresses": {"id": "Alamat email peserta", "en": "Attendees' email addresses"},
    "invitation.addresses_hint": {
        "id": "Kosongkan bila tidak ada. Alamat ini juga menerima notulen setelah terbit.",
        "en": "Leave empty if there is none. These addresses also receive the minutes once issued.",
    },
    "invitation.email_of": {"id": "Email {name}", "en": "Email of {name}"},
    "invitation.email_invalid": {
        "id": "Alamat email {name} tidak valid. Tulis seperti nama@baliprov.go.id, tanpa spasi.",
        "en": "The email address of {name} is not valid. Write it like name@baliprov.go.id, without spaces.",
    },
    "invitation.send": {"id": "Kirim undangan", "en": "Send the invitation"},
    "invitation.send_again": {
        "id": "Kirim perubahan undangan",
        "en": "Send the changed invitation",
    },
    "invitation.save": {"id": "Simpan alamat saja", "en": "Save the addresses only"},
    "invitation.send_hint": {
        "id": "Undangan berisi agenda dan lampiran kalender (.ics, WITA). Mengirim ulang setelah perubahan memperbarui entri kalender yang sama. Membatalkan Rakor mengirim pembatalan.",
        "en": "The invitation carries the agenda and a calendar attachment (.ics, WITA). Sending again after a change updates the same calendar entry. Cancelling the Rakor sends a cancellation.",
    },
    "invitation.history": {"id": "Riwayat undangan", "en": "Invitations sent"},
    "invitation.history_line.first": {
        "id": "{when}: dikirim oleh {who} ke {n} alamat",
        "en": "{when}: sent by {who} to {n} address(es)",
    },
    "invitation.history_line.REQUEST": {
        "id": "{when}: dikirim oleh {who} ke {n} alamat (perubahan ke-{seq})",
        "en": "{when}: sent by {who} to {n} address(es) (change {seq})",
    },
    "invitation.history_line.CANCEL": {
        "id": "{when}: pembatalan dikirim oleh {who} ke {n} alamat",
        "en": "{when}: cancellation sent by {who} to {n} address(es)",
    },
    "invitation.saved": {"id": "Alamat email tersimpan.", "en": "Addresses saved."},
    "invitation.sent": {
        "id": "Undangan disimpan untuk dikirim; lihat jumlah penerimanya di riwayat.",
        "en": "The invitation is queued; the number of recipients is in the history.",
    },
    "invitation.already_sent": {
        "id": "Undangan ini sudah dikirim; formulir yang sama tidak mengirimnya dua kali.",
        "en": "This invitation was sent already; the same form does not send it twice.",
    },
    "invitation.past": {
        "id": "Rakor ini sudah lewat waktunya: undangan tidak dikirim. Ubah tanggalnya bila Rakor diundur.",
        "en": "This Rakor's time has passed: no invitation is sent. Change its date if it was postponed.",
    },
    "invitation.nobody": {
        "id": "Belum ada yang dapat menerima undangan: undang pihak yang memiliki sekretariat di pemantau, atau isi alamat email peserta.",
        "en": "Nobody can receive the invitation yet: invite parties with a secretariat in the tracker, or fill in the attendees' addresses.",
    },
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
