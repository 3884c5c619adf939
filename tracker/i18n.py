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
    "nav.my_actions": {"id": "Aksi saya", "en": "My actions"},
    "nav.audit": {"id": "Log audit", "en": "Audit log"},
    "nav.login": {"id": "Masuk", "en": "Log in"},
    "nav.logout": {"id": "Keluar", "en": "Log out"},
    "form.problem": {"id": "Ada masalah", "en": "There is a problem"},
    "nav.skip": {"id": "Langsung ke isi", "en": "Skip to main content"},
    "nav.label": {"id": "Menu utama", "en": "Main menu"},
    "role.admin": {"id": "admin", "en": "admin"},
    "role.secretariat": {"id": "sekretariat", "en": "secretariat"},
    "role.viewer": {"id": "peninjau", "en": "viewer"},
    "role.notulis": {"id": "notulis", "en": "minute-taker"},
    "login.title": {"id": "Masuk", "en": "Log in"},
    "login.username": {"id": "Nama pengguna", "en": "Username"},
    "login.password": {"id": "Kata sandi", "en": "Password"},
    "login.submit": {"id": "Masuk", "en": "Log in"},
    "login.missing": {
        "id": "Isi nama pengguna dan kata sandi.",
        "en": "Enter your username and password.",
    },
    "login.failed": {
        "id": "Nama pengguna atau kata sandi salah.",
        "en": "Wrong username or password.",
    },
    "login.refused": {
        "id": "Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah {when}.",
        "en": "Too many failed login attempts. Try again after {when}.",
    },
    "update.heading": {"id": "Laporkan kemajuan", "en": "Report progress"},
    "update.value": {"id": "Capaian", "en": "Value reached"},
    "update.part": {"id": "Bagian yang dilaporkan", "en": "Part reported on"},
    "update.part_whole": {
        "id": "Aksi secara keseluruhan (pihak pendukung)",
        "en": "The action as a whole (supporting party)",
    },
    "update.part_whole_short": {"id": "Aksi keseluruhan", "en": "Whole action"},
    "parts.heading": {"id": "Bagian", "en": "Parts"},
    "status.per_party_parts": {
        "id": "Bagian aksi bersama per pihak",
        "en": "Parts of shared actions per party",
    },
    "status.per_party_parts_hint": {
        "id": "Aksi dengan beberapa penanggung jawab dilaporkan per bagian; di sini tiap pihak dihitung atas bagiannya sendiri.",
        "en": "Actions with several owners are reported part by part; here each party is counted on its own parts.",
    },
    "status.parts_of": {"id": "Bagian {party}", "en": "Parts of {party}"},
    "parts.part": {"id": "Bagian", "en": "Part"},
    "parts.reporter": {"id": "Pelapor", "en": "Reported by"},
    "parts.report": {"id": "Laporkan", "en": "Report"},
    "parts.holding": {"id": "Tertahan oleh", "en": "Held back by"},
    "parts.holding_more": {"id": "dan {n} lainnya", "en": "and {n} more"},
    "filter.unknown_region": {
        "id": "Wilayah tidak dikenal di sini: {value}. Pilih wilayah dari daftar (kode Kemendagri, misalnya 51.03).",
        "en": "No action here is broken down by region {value}. Choose a region from the list (a Kemendagri code, for example 51.03).",
    },
    "col.region": {"id": "Wilayah", "en": "Region"},
    "status.any_region": {"id": "Semua wilayah", "en": "All regions"},
    "status.per_region": {"id": "Per wilayah", "en": "Per region"},
    "status.per_region_hint": {
        "id": "Aksi yang dirinci per wilayah dilaporkan per wilayah. Tiap wilayah dihitung atas bagiannya; yang paling tertinggal di atas (bagian terlambat terbanyak, lalu persentase terendah).",
        "en": "Actions broken down by region are reported region by region. Each region is counted on its own parts; those furthest behind come first (most late parts, then the lowest percent).",
    },
    "status.regions_more": {
        "id": "{shown} dari {total} wilayah ditampilkan. Pilih wilayah di filter untuk mempersempit.",
        "en": "{shown} of {total} regions shown. Choose a region in the filters to narrow it down.",
    },
    "status.regions_of": {
        "id": "Wilayah: {done} dari {total} selesai",
        "en": "Regions: {done} of {total} done",
    },
    "status.regions_all": {
        "id": "Semua {total} wilayah di halaman aksi",
        "en": "All {total} regions on the action's page",
    },
    "parts.rollup_hint": {
        "id": "Setiap pihak melaporkan bagiannya. Aksi selesai bila semua bagian selesai; persentasenya rata-rata bagian.",
        "en": "Each party reports its own part. The action is done when every part is; its percent is the mean of the parts.",
    },
    "update.note": {"id": "Catatan", "en": "Note"},
    "update.note_hint": {
        "id": "Wajib bila status berubah. Boleh memakai Markdown (**tebal**, daftar).",
        "en": "Required when the status changes. Markdown allowed (**bold**, lists).",
    },
    "update.links": {"id": "Tautan bukti", "en": "Evidence links"},
    "update.links_hint": {"id": "Satu tautan per baris.", "en": "One link per line."},
    "update.percent_hint": {"id": "Angka 0 sampai 100.", "en": "A number from 0 to 100."},
    "update.corrects_hint": {
        "id": "Pilih hanya bila laporan ini membetulkan laporan sebelumnya.",
        "en": "Choose only when this update corrects an earlier one.",
    },
    "update.files": {"id": "Berkas bukti", "en": "Evidence files"},
    "update.files_hint": {
        "id": "PDF, JPEG atau PNG, paling besar 10 MB per berkas, paling banyak 5 berkas.",
        "en": "PDF, JPEG or PNG, up to 10 MB each, at most 5 files.",
    },
    "update.corrects": {"id": "Mengoreksi laporan", "en": "Corrects update"},
    "update.corrects_ref": {"id": "mengoreksi", "en": "corrects"},
    "update.submit": {"id": "Kirim laporan", "en": "Post update"},
    "update.post_anyway": {"id": "Tetap kirim laporan saya", "en": "Post mine anyway"},
    "update.saved": {"id": "Laporan kemajuan tersimpan.", "en": "Progress update saved."},
    "update.already_saved": {
        "id": "Laporan ini sudah tersimpan sebelumnya; tidak disimpan dua kali.",
        "en": "This update was already saved; it was not stored twice.",
    },
    "update.newer": {
        "id": "Sementara Anda mengetik, laporan yang lebih baru masuk untuk aksi ini. Periksa di bawah; isian Anda masih ada (berkas perlu dipilih ulang). Kirim lagi bila tetap ingin menyimpannya.",
        "en": "While you were typing, a newer update arrived for this action. Check it below; what you typed is kept (files must be chosen again). Post again to save yours anyway.",
    },
    "import.already_saved": {
        "id": "Impor ini sudah tersimpan sebelumnya; tidak ada yang dicatat dua kali.",
        "en": "This import was already saved; nothing was recorded twice.",
    },
    "import.saved": {"id": "Semua baris CSV tersimpan.", "en": "Every CSV row was recorded."},
    "import.title": {"id": "Unggah CSV: pratinjau", "en": "CSV upload: preview"},
    "import.has_errors": {
        "id": "Ada baris yang salah: tidak ada yang disimpan. Perbaiki berkasnya lalu unggah lagi.",
        "en": "Some rows have errors: nothing was recorded. Fix the file and upload it again.",
    },
    "import.summary": {
        "id": "{count} laporan akan dicatat. Periksa lalu simpan.",
        "en": "{count} update(s) will be recorded. Check, then save.",
    },
    "import.line": {"id": "Baris", "en": "Line"},
    "import.result": {"id": "Hasil", "en": "Result"},
    "import.skip": {"id": "tidak berubah", "en": "unchanged"},
    "import.will_record": {"id": "akan dicatat", "en": "will be recorded"},
    "import.confirm": {"id": "Simpan {count} laporan", "en": "Record {count} update(s)"},
    "import.back": {"id": "Kembali ke Aksi saya", "en": "Back to My actions"},
    "my.not_for_role": {
        "id": "Halaman ini untuk sekretariat yang melaporkan kemajuan.",
        "en": "This page is for secretariats who report progress.",
    },
    "my.open_only": {"id": "Hanya yang belum selesai", "en": "Open ones only"},
    "my.show_all": {
        "id": "Tampilkan juga yang selesai/dibatalkan",
        "en": "Show done and cancelled too",
    },
    "my.download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "my.upload_csv": {"id": "Unggah CSV yang sudah diisi", "en": "Upload a filled-in CSV"},
    "my.upload_hint": {
        "id": "Isi kolom status, percent, note, value dan evidence (tautan); kolom lain biarkan.",
        "en": "Fill in status, percent, note, value and evidence (links); leave the other columns.",
    },
    "my.preview": {"id": "Pratinjau", "en": "Preview"},
    "my.empty": {
        "id": "Tidak ada rencana aksi untuk pihak Anda.",
        "en": "No actions for your parties.",
    },
    "my.stale": {"id": "Belum diperbarui 60 hari", "en": "Not updated in 60 days"},
    "my.page": {
        "id": "Halaman {page} dari {pages} ({total} aksi)",
        "en": "Page {page} of {pages} ({total} actions)",
    },
    "my.previous": {"id": "Sebelumnya", "en": "Previous"},
    "my.next": {"id": "Berikutnya", "en": "Next"},
    "col.action": {"id": "Rencana aksi", "en": "Action"},
    "audit.who": {"id": "Siapa", "en": "Who"},
    "audit.address": {"id": "Alamat", "en": "Address"},
    "audit.action": {"id": "Tindakan", "en": "Action"},
    "audit.target": {"id": "Sasaran", "en": "Target"},
    "audit.detail": {"id": "Rincian", "en": "Detail"},
    "error.role": {
        "id": "Peran Anda ({role}) tidak boleh melakukan ini.",
        "en": "Your role ({role}) may not do this.",
    },
    "error.not_your_action": {
        "id": "Anda hanya dapat melapor pada aksi yang pihak Anda menjadi penanggung jawab atau pendukungnya.",
        "en": "You can only report on actions your party owns or supports.",
    },
    "error.not_your_part": {
        "id": "Bagian {part} dilaporkan oleh pihak pemiliknya; pihak Anda tidak memiliki bagian ini. Pilih bagian pihak Anda.",
        "en": "The part {part} is reported by the party that owns it; your party does not own this part. Choose your party's part.",
    },
    "error.whole_needs_part": {
        "id": "Aksi ini dilaporkan per bagian: pilih bagian pihak Anda. Laporan untuk aksi secara keseluruhan hanya dari pihak pendukung.",
        "en": "This action is reported part by part: choose your party's part. Reports on the action as a whole come from its supporting parties only.",
    },
    "error.part_unknown": {
        "id": "Bagian {part} tidak dikenal pada aksi ini.",
        "en": "Unknown part {part} of this action.",
    },
    "error.csrf": {
        "id": "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.",
        "en": "The form expired or is not valid. Reload the page and try again.",
    },
    "error.413": {
        "id": "Unggahan terlalu besar (maks. 10 MB per berkas, 5 berkas).",
        "en": "The upload is too large (up to 10 MB per file, 5 files).",
    },
    "error.status_unknown": {
        "id": "Status `{value}` tidak dikenal.",
        "en": "Unknown status `{value}`.",
    },
    "error.percent_range": {
        "id": "Persentase harus bilangan bulat 0–100 (bukan `{value}`).",
        "en": "Percent must be a whole number from 0 to 100 (not `{value}`).",
    },
    "error.note_required": {
        "id": "Tulis catatan bila status berubah.",
        "en": "Write a note when the status changes.",
    },
    "error.note_too_long": {
        "id": "Catatan terlalu panjang (maks. {max} karakter).",
        "en": "The note is too long (at most {max} characters).",
    },
    "error.value_without_target": {
        "id": "Aksi ini tidak punya target.",
        "en": "This action has no target.",
    },
    "error.value_number": {
        "id": "Capaian harus angka (bukan `{value}`).",
        "en": "The value must be a number (not `{value}`).",
    },
    "error.link_invalid": {
        "id": "Tautan harus diawali http:// atau https:// (bukan `{value}`).",
        "en": "Links must start with http:// or https:// (not `{value}`).",
    },
    "error.too_many_links": {"id": "Paling banyak {max} tautan.", "en": "At most {max} links."},
    "error.nul": {
        "id": "Teks berisi karakter NUL (\\0) yang tidak dapat disimpan. Hapus karakter itu lalu kirim lagi.",
        "en": "The text holds a NUL character (\\0), which cannot be stored. Remove it and send again.",
    },
    "error.not_found": {
        "id": "Halaman ini tidak ada: periksa alamatnya.",
        "en": "There is no such page: check the address.",
    },
    "error.too_many_files": {"id": "Paling banyak {max} berkas.", "en": "At most {max} files."},
    "error.file_too_large": {
        "id": "Berkas {name} lebih dari {max_mb} MB.",
        "en": "File {name} is larger than {max_mb} MB.",
    },
    "error.file_type": {
        "id": "Berkas {name} bukan PDF, JPEG atau PNG.",
        "en": "File {name} is not a PDF, JPEG or PNG.",
    },
    "error.done_needs_evidence": {
        "id": "Untuk menandai selesai, lampirkan bukti: tautan atau berkas (surat, pakta, keputusan).",
        "en": "To mark it done, attach evidence: a link or a file (the letter, the pact, the decree).",
    },
    "error.corrects_unknown": {
        "id": "Laporan yang dikoreksi bukan milik aksi ini.",
        "en": "The corrected update does not belong to this action.",
    },
    "error.action_withdrawn": {
        "id": "Aksi ini sudah ditarik; laporan tidak dapat ditambahkan.",
        "en": "This action is withdrawn; no updates can be added.",
    },
    "error.csv_too_large": {
        "id": "Berkas CSV lebih dari {max_mb} MB.",
        "en": "The CSV file is larger than {max_mb} MB.",
    },
    "error.csv_header": {
        "id": "Baris pertama CSV harus memuat judul kolom: {columns}.",
        "en": "The first CSV line must hold the column names: {columns}.",
    },
    "error.csv_too_many_rows": {
        "id": "CSV lebih dari {max} baris.",
        "en": "The CSV has more than {max} rows.",
    },
    "error.csv_unreadable": {
        "id": "CSV tidak terbaca di baris {line}: {problem}.",
        "en": "The CSV cannot be read at line {line}: {problem}.",
    },
    "error.csv_moved_on": {
        "id": "Aksi {action} sudah diperbarui setelah CSV diunduh; unduh ulang CSV agar tidak menimpa laporan terbaru.",
        "en": "Action {action} was updated after the CSV was downloaded; download it again so as not to overwrite the newer update.",
    },
    "evidence.login": {"id": "masuk untuk membuka berkas", "en": "log in to open the file"},
    "error.csv_empty": {"id": "CSV tidak berisi baris data.", "en": "The CSV has no data rows."},
    "error.csv_action_missing": {
        "id": "Kolom action harus berisi dokumen/kode, mis. harmoni-bali-ntt/PM-01.",
        "en": "The action column must hold document/code, e.g. harmoni-bali-ntt/PM-01.",
    },
    "error.csv_duplicate_row": {
        "id": "Aksi {action} muncul lebih dari sekali.",
        "en": "Action {action} appears more than once.",
    },
    "error.csv_unknown_action": {
        "id": "Aksi {action} tidak dikenal.",
        "en": "Unknown action {action}.",
    },
    "error.csv_not_yours": {
        "id": "Aksi {action} bukan milik pihak Anda.",
        "en": "Action {action} is not your party's.",
    },
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
    "action.in_document": {"id": "{title}, baris {line}", "en": "{title}, line {line}"},
    "amendments.revision": {"id": "revisi berkas", "en": "file revision"},
    "amendments.heading": {"id": "Perubahan", "en": "Amendments"},
    "amendments.empty": {"id": "Belum ada perubahan.", "en": "No amendments."},
    "amendments.field": {"id": "Isian", "en": "Field"},
    "amendments.old": {"id": "Semula", "en": "Was"},
    "amendments.new": {"id": "Menjadi", "en": "Now"},
    "amendments.when": {"id": "Waktu", "en": "When"},
    "updates.heading": {"id": "Laporan kemajuan", "en": "Progress updates"},
    "updates.empty": {"id": "Belum ada laporan kemajuan.", "en": "No progress updates yet."},
    "updates.shown": {
        "id": "Menampilkan {shown} laporan terbaru.",
        "en": "Showing the latest {shown} updates.",
    },
    "updates.show_all": {"id": "Tampilkan semua", "en": "Show all"},
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
    "field.parts": {"id": "Bagian (wilayah atau pemilik)", "en": "Parts (regions or owners)"},
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
    "error.400": {
        "id": "Permintaan ini tidak dapat diproses: ada isian atau alamat yang tidak sah.",
        "en": "This request could not be processed: a field or the address is not valid.",
    },
    "error.403": {
        "id": "Anda tidak berhak membuka halaman ini.",
        "en": "You are not allowed to open this page.",
    },
    "error.405": {
        "id": "Alamat ini tidak menerima permintaan {method}. Yang diterima: {allowed}.",
        "en": "This address does not accept a {method} request. Accepted: {allowed}.",
    },
    "error.409": {
        "id": "Data sudah berubah sejak halaman ini dibuka. Muat ulang halaman, lalu coba lagi.",
        "en": "The data changed since this page was opened. Reload the page, then try again.",
    },
    "error.422": {
        "id": "Isian tidak dapat diterima. Periksa, lalu coba lagi.",
        "en": "What was sent could not be accepted. Check it, then try again.",
    },
    "error.429": {
        "id": "Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.",
        "en": "Too many requests. Wait a moment, then try again.",
    },
    "error.evidence_not_found": {
        "id": "Berkas bukti tidak ditemukan.",
        "en": "The evidence file was not found.",
    },
    "my.role_owner": {"id": "Penanggung jawab", "en": "Owner"},
    "my.role_with": {"id": "Pendukung", "en": "Supporting"},
    "csv.document": {"id": "Dokumen", "en": "Document"},
    "csv.action": {"id": "Rencana aksi", "en": "Action"},
    "csv.part": {"id": "Bagian", "en": "Part"},
    "csv.title": {"id": "Judul", "en": "Title"},
    "csv.owner": {"id": "Penanggung jawab", "en": "Owner"},
    "csv.due": {"id": "Tenggat", "en": "Due"},
    "csv.target": {"id": "Target", "en": "Target"},
    "csv.status": {"id": "Status", "en": "Status"},
    "csv.percent": {"id": "Persentase", "en": "Percent"},
    "csv.note": {"id": "Catatan", "en": "Note"},
    "csv.value": {"id": "Capaian", "en": "Value reached"},
    "csv.evidence": {"id": "Tautan bukti", "en": "Evidence links"},
    "csv.seen": {"id": "Laporan terakhir (jangan diubah)", "en": "Last update (do not change)"},
    "import.fix": {"id": "Perbaiki CSV di sini", "en": "Fix the CSV here"},
    "import.fix_hint": {
        "id": "Isi berkas yang diunggah, bisa diubah di sini lalu dipratinjau lagi; atau pilih berkas lain.",
        "en": "The uploaded file's text: edit it here and preview again, or choose another file.",
    },
    "import.text": {"id": "Isi CSV", "en": "CSV text"},
    "import.file": {"id": "Atau berkas CSV lain", "en": "Or another CSV file"},
    "import.row_error": {"id": "Baris {line}: {message}", "en": "Line {line}: {message}"},
    "audit.kind.update.add": {"id": "Laporan kemajuan ditambahkan", "en": "Progress update added"},
    "audit.kind.document.sync": {"id": "Dokumen disinkronkan", "en": "Document synced"},
    "audit.kind.meeting.create": {"id": "Rakor dibuat", "en": "Meeting created"},
    "audit.kind.meeting.finalize": {"id": "Notulen diterbitkan", "en": "Minutes issued"},
    "audit.kind.meeting.reopen": {
        "id": "Notulen dibuka kembali untuk koreksi",
        "en": "Minutes reopened for correction",
    },
    "audit.kind.user.add": {"id": "Pengguna ditambahkan", "en": "User added"},
    "audit.kind.user.passwd": {"id": "Kata sandi diganti", "en": "Password changed"},
    "audit.kind.user.disable": {"id": "Pengguna dinonaktifkan", "en": "User disabled"},
    "audit.kind.user.enable": {"id": "Pengguna diaktifkan kembali", "en": "User enabled again"},
    "audit.kind.login": {"id": "Masuk", "en": "Logged in"},
    "audit.kind.login.failed": {"id": "Gagal masuk", "en": "Failed login"},
    "audit.kind.logout": {"id": "Keluar", "en": "Logged out"},
    "error.document_not_found": {
        "id": "Dokumen `{id}` tidak ditemukan.",
        "en": "Document `{id}` was not found.",
    },
    "nav.status": {"id": "Status", "en": "Status"},
    "status.title": {"id": "Status kesepakatan", "en": "Agreement status"},
    "status.document_title": {"id": "Status: {title}", "en": "Status: {title}"},
    "status.asof": {"id": "Keadaan per {date}", "en": "As of {date}"},
    "status.now": {"id": "Keadaan hari ini, {date}", "en": "As of today, {date}"},
    "status.filters": {"id": "Saring", "en": "Filter"},
    "status.apply": {"id": "Terapkan", "en": "Apply"},
    "status.reset": {"id": "Hapus saringan", "en": "Clear filters"},
    "status.all": {"id": "Semua", "en": "All"},
    "status.any_party": {"id": "Semua pihak", "en": "All parties"},
    "status.document_id": {"id": "id dokumen", "en": "document id"},
    "status.any_document": {"id": "Semua dokumen", "en": "All documents"},
    "status.any_commitment": {"id": "Semua komitmen", "en": "All commitments"},
    "status.late_only": {"id": "Hanya yang terlambat", "en": "Late only"},
    "status.window": {"id": "Tenggat", "en": "Due"},
    "status.window.any": {"id": "Kapan saja", "en": "Any time"},
    "status.window.7": {"id": "7 hari ke depan", "en": "Next 7 days"},
    "status.window.30": {"id": "30 hari ke depan", "en": "Next 30 days"},
    "status.window.90": {"id": "90 hari ke depan", "en": "Next 90 days"},
    "status.window.none": {"id": "Belum ada tenggat", "en": "No deadline set"},
    "status.asof_label": {"id": "Per tanggal", "en": "As of"},
    "status.since_label": {"id": "Perubahan sejak", "en": "Changes since"},
    "status.quarters": {"id": "Akhir triwulan", "en": "Quarter ends"},
    "status.quarter": {"id": "Triwulan {n} {year}", "en": "Q{n} {year}"},
    "status.today": {"id": "Hari ini", "en": "Today"},
    "status.totals": {"id": "Ringkasan", "en": "Summary"},
    "status.total": {"id": "Jumlah", "en": "Total"},
    "status.percent": {"id": "Persen selesai", "en": "Percent complete"},
    "status.due_soon": {"id": "Tenggat ≤ 30 hari", "en": "Due ≤ 30 days"},
    "status.no_due": {"id": "Tanpa tenggat", "en": "No deadline"},
    "status.stale": {"id": "Tanpa laporan 60 hari", "en": "No update in 60 days"},
    "status.stale_short": {"id": "Lama", "en": "Stale"},
    "status.expiring": {"id": "Berakhir {date}", "en": "Ends {date}"},
    "status.expired": {"id": "Berakhir sejak {date}", "en": "Ended {date}"},
    "status.per_document": {"id": "Per dokumen", "en": "By document"},
    "status.per_commitment": {"id": "Per komitmen", "en": "By commitment"},
    "status.per_party": {
        "id": "Per pihak (penanggung jawab atau pendukung)",
        "en": "By party (owner or supporting)",
    },
    "status.actions": {"id": "Rencana aksi ({total})", "en": "Actions ({total})"},
    "status.no_actions": {"id": "Tidak ada rencana aksi yang cocok.", "en": "No matching actions."},
    "status.chart": {"id": "Kemajuan per minggu", "en": "Progress week by week"},
    "status.chart.percent": {"id": "persen selesai", "en": "percent complete"},
    "status.chart.late": {"id": "terlambat", "en": "late"},
    "status.changes": {
        "id": "Sejak Rakor terakhir ({date})",
        "en": "Since the last Rakor ({date})",
    },
    "status.changes_since": {"id": "Perubahan sejak {date}", "en": "Changes since {date}"},
    "status.moved": {"id": "Bergerak", "en": "Moved"},
    "status.newly_late": {"id": "Baru terlambat", "en": "Newly late"},
    "status.newly_done": {"id": "Baru selesai", "en": "Newly done"},
    "status.none": {"id": "Tidak ada.", "en": "None."},
    "status.more": {"id": "dan {n} lainnya", "en": "and {n} more"},
    "status.new": {"id": "baru", "en": "new"},
    "status.download": {"id": "Unduh", "en": "Download"},
    "status.pdf": {"id": "Laporan A4 (PDF)", "en": "A4 report (PDF)"},
    "status.calendar": {"id": "Kalender tenggat", "en": "Deadline calendar"},
    "status.page": {"id": "Halaman {page} dari {pages}", "en": "Page {page} of {pages}"},
    "status.prev": {"id": "Sebelumnya", "en": "Previous"},
    "status.next": {"id": "Berikutnya", "en": "Next"},
    "status.open_document": {"id": "Lihat status dokumen", "en": "Document status"},
    "status.printed": {"id": "Dicetak {at}", "en": "Printed {at}"},
    "status.late_actions": {"id": "Rencana aksi terlambat", "en": "Late actions"},
    "status.yes": {"id": "ya", "en": "yes"},
    "wa.summary": {"id": "Salin ringkasan", "en": "Copy summary"},
    "wa.hint": {
        "id": "Teks untuk grup WhatsApp: salin, atau bagikan langsung.",
        "en": "Text for a WhatsApp group: copy it, or share it directly.",
    },
    "wa.text_label": {"id": "Ringkasan (teks)", "en": "Summary (text)"},
    "wa.copy": {"id": "Salin", "en": "Copy"},
    "wa.copied": {"id": "Tersalin", "en": "Copied"},
    "wa.copy_failed": {
        "id": "Tidak dapat menyalin; pilih teks lalu salin.",
        "en": "Could not copy; select the text and copy it.",
    },
    "wa.share": {"id": "Bagikan ke WhatsApp", "en": "Share on WhatsApp"},
    "wa.due": {"id": "tenggat {date}", "en": "due {date}"},
    "wa.late": {"id": "terlambat", "en": "late"},
    "wa.more": {"id": "… dan {n} lainnya", "en": "… and {n} more"},
    "wa.none": {"id": "Tidak ada rencana aksi.", "en": "No actions."},
    "wa.actions": {"id": "{n} rencana aksi", "en": "{n} actions"},
    "wa.follow_ups": {"id": "Tindak lanjut Rakor", "en": "Rakor follow-ups"},
    "col.status": {"id": "Status", "en": "Status"},
    "col.commitment": {"id": "Komitmen", "en": "Commitment"},
    "col.party": {"id": "Pihak", "en": "Party"},
    "col.owner": {"id": "Penanggung jawab", "en": "Owner"},
    "col.with": {"id": "Pendukung", "en": "With"},
    "col.due": {"id": "Tenggat", "en": "Due"},
    "col.percent": {"id": "%", "en": "%"},
    "col.last_update": {"id": "Laporan terakhir", "en": "Last update"},
    "col.target": {"id": "Target", "en": "Target"},
    "col.stale": {"id": "Lama", "en": "Stale"},
    "filter.unknown_document": {
        "id": "Dokumen tidak dikenal: {value}",
        "en": "Unknown document: {value}",
    },
    "filter.commitment_needs_document": {
        "id": "Saringan komitmen memerlukan dokumen.",
        "en": "A commitment filter needs a document.",
    },
    "filter.unknown_commitment": {
        "id": "Komitmen {value} tidak ada di dokumen {document}.",
        "en": "Commitment {value} is not in document {document}.",
    },
    "filter.unknown_party": {"id": "Pihak tidak dikenal: {value}", "en": "Unknown party: {value}"},
    "filter.unknown_status": {
        "id": "Status tidak dikenal: {value} (pilihan: {allowed})",
        "en": "Unknown status: {value} (one of {allowed})",
    },
    "filter.unknown_window": {
        "id": "Rentang tenggat tidak dikenal: {value} (pilihan: {allowed})",
        "en": "Unknown due window: {value} (one of {allowed})",
    },
    "filter.bad_late": {
        "id": "late harus 1 atau 0, bukan {value}",
        "en": "late must be 1 or 0, not {value}",
    },
    "filter.bad_date": {
        "id": "{name} harus berupa tanggal TTTT-BB-HH, bukan {value}",
        "en": "{name} must be a date YYYY-MM-DD, not {value}",
    },
    "filter.future_date": {
        "id": "{name} tidak boleh di masa depan ({value})",
        "en": "{name} cannot be in the future ({value})",
    },
    "filter.too_early": {
        "id": "{name} terlalu awal ({value}): mulai tahun 2000",
        "en": "{name} is too early ({value}): from the year 2000",
    },
    "filter.since_after_asof": {
        "id": 'Tanggal "sejak" harus sebelum tanggal "per".',
        "en": '"Since" must be before the as-of date.',
    },
    "filter.bad_page": {
        "id": "{name} harus berupa nomor halaman, bukan {value}",
        "en": "{name} must be a page number, not {value}",
    },
    "error.party_not_found": {"id": "Pihak `{key}` tidak dikenal.", "en": "Unknown party `{key}`."},
    "error.feed_token": {
        "id": "Tautan kalender ini tidak sah: salin lagi dari halaman status.",
        "en": "This calendar link is not valid: copy it again from the status page.",
    },
    "export.document": {"id": "dokumen", "en": "document"},
    "export.action": {"id": "rencana_aksi", "en": "action"},
    "export.title": {"id": "judul", "en": "title"},
    "export.commitment": {"id": "komitmen", "en": "commitment"},
    "export.owner": {"id": "penanggung_jawab", "en": "owner"},
    "export.with": {"id": "pendukung", "en": "with"},
    "export.due": {"id": "tenggat", "en": "due"},
    "export.status": {"id": "status", "en": "status"},
    "export.percent": {"id": "persen", "en": "percent"},
    "export.late": {"id": "terlambat", "en": "late"},
    "export.stale": {"id": "tanpa_laporan_60_hari", "en": "no_update_60_days"},
    "export.last_update": {"id": "laporan_terakhir_wita", "en": "last_update_wita"},
    "export.target": {"id": "target", "en": "target"},
    "export.parts_done": {"id": "bagian_selesai", "en": "parts_done"},
    "export.parts_total": {"id": "bagian_jumlah", "en": "parts_total"},
    "export.holding": {"id": "tertahan_oleh", "en": "held_back_by"},
    "nav.meetings": {"id": "Rakor", "en": "Meetings"},
    "meeting.attendee_added": {"id": "Peserta ditambahkan.", "en": "Attendee added."},
    "meeting.bad_date": {
        "id": "Tanggal harus TTTT-BB-HH, bukan {value}.",
        "en": "A date must be YYYY-MM-DD, not {value}.",
    },
    "meeting.bad_format": {
        "id": "Format tidak dikenal: {value} (pdf, docx atau md).",
        "en": "Unknown format: {value} (pdf, docx or md).",
    },
    "meeting.bad_nip": {"id": "NIP hanya berisi angka.", "en": "A NIP holds digits only."},
    "meeting.bad_undiscussed": {
        "id": "Pilihan tidak dikenal: {value} (mark atau omit).",
        "en": "Unknown choice: {value} (mark or omit).",
    },
    "meeting.undiscussed_saved": {
        "id": "Pilihan untuk pokok bahasan yang tidak dibahas tersimpan.",
        "en": "The choice for agenda items not discussed is saved.",
    },
    "meeting.bad_presence": {
        "id": "Kehadiran tidak dikenal: {value}.",
        "en": "Unknown presence: {value}.",
    },
    "meeting.bad_target": {
        "id": "Target tidak sah ({value}): {reason}",
        "en": "Invalid target ({value}): {reason}",
    },
    "meeting.bad_time": {
        "id": "Waktu harus JJ:MM, bukan {value}.",
        "en": "The time must be HH:MM, not {value}.",
    },
    "meeting.conflict_mine": {
        "id": "Teks Anda (belum disimpan): {value}",
        "en": "Your text (not saved): {value}",
    },
    "meeting.conflict_plain": {
        "id": "Isian ini telah diubah orang lain menjadi: {value}. Muat ulang halaman, lalu ketik lagi perubahan Anda.",
        "en": "Someone else changed this field to: {value}. Reload the page and type your change again.",
    },
    "meeting.corrected": {
        "id": "Koreksi notulen difinalkan sebagai versi baru.",
        "en": "The correction is finalized as a new version.",
    },
    "meeting.created": {
        "id": "Rakor dibuat; agenda disusun dari data pemantauan.",
        "en": "Meeting created; its agenda is drafted from the tracker.",
    },
    "meeting.date_required": {"id": "Isi tanggal rapat.", "en": "Enter the meeting's date."},
    "meeting.decision_added": {"id": "Keputusan ditambahkan.", "en": "Decision added."},
    "meeting.decision_required": {"id": "Isi teks keputusan.", "en": "Enter the decision's text."},
    "meeting.finalized": {
        "id": "Notulen difinalkan; tindak lanjut kini dipantau.",
        "en": "Minutes finalized; the follow-ups are now tracked.",
    },
    "meeting.follow_up_added": {"id": "Tindak lanjut ditambahkan.", "en": "Follow-up added."},
    "meeting.follow_up_title_required": {
        "id": "Setiap tindak lanjut perlu judul{code}.",
        "en": "Every follow-up needs a title{code}.",
    },
    "meeting.follows_required": {
        "id": "Pilih minimal satu dokumen yang ditindaklanjuti.",
        "en": "Choose at least one document the meeting follows up.",
    },
    "meeting.invalid_minutes": {
        "id": "Notulen tidak dapat diterbitkan: {reason}",
        "en": "The minutes cannot be issued: {reason}",
    },
    "meeting.is_draft": {"id": "Rakor ini masih draf.", "en": "This meeting is still a draft."},
    "meeting.is_final": {
        "id": "Notulen Rakor ini sudah final; buka koreksi untuk mengubahnya.",
        "en": "These minutes are final; open a correction to change them.",
    },
    "meeting.item_added": {"id": "Pokok bahasan ditambahkan.", "en": "Agenda item added."},
    "meeting.item_title_required": {
        "id": "Setiap pokok bahasan perlu judul.",
        "en": "Every agenda item needs a title.",
    },
    "meeting.moved": {"id": "Urutan agenda diubah.", "en": "Agenda reordered."},
    "meeting.name_required": {"id": "Isi nama peserta.", "en": "Enter the attendee's name."},
    "meeting.no_items": {"id": "Agenda masih kosong.", "en": "The agenda is empty."},
    "meeting.no_version": {"id": "Versi {value} tidak ada.", "en": "There is no version {value}."},
    "meeting.not_finalized": {
        "id": "Notulen {value} belum difinalkan.",
        "en": "The minutes of {value} are not finalized yet.",
    },
    "meeting.not_found": {"id": "Rakor {value} tidak ada.", "en": "There is no meeting {value}."},
    "meeting.already_created": {
        "id": "Rakor ini sudah dibuat dari formulir yang sama; tidak dibuat dua kali.",
        "en": "This meeting was already created from the same form; it was not created twice.",
    },
    "meeting.already_saved": {
        "id": "Formulir ini sudah disimpan sebelumnya; tidak ada yang disimpan dua kali.",
        "en": "This form was already saved; nothing was saved twice.",
    },
    "meeting.owner_required": {
        "id": "Setiap tindak lanjut perlu penanggung jawab{code}.",
        "en": "Every follow-up needs an owner{code}.",
    },
    "meeting.removed": {"id": "Dihapus dari draf.", "en": "Removed from the draft."},
    "meeting.reopened": {
        "id": "Koreksi dibuka; versi yang sudah terbit tetap tersimpan.",
        "en": "Correction opened; the versions issued are kept.",
    },
    "meeting.row_not_found": {
        "id": "Bagian ini tidak ada lagi di Rakor ini (mungkin dihapus orang lain).",
        "en": "This part is no longer in the meeting (someone may have removed it).",
    },
    "meeting.slug_taken": {
        "id": "Sudah ada dokumen dengan id {value}; notulen ini tidak dapat memakainya.",
        "en": "A document with id {value} already exists; these minutes cannot use it.",
    },
    "meeting.bad_number": {"id": "Bukan nomor: {value}", "en": "Not a number: {value}"},
    "meeting.bad_lang": {
        "id": "Bahasa tidak dikenal: {value} (id atau en)",
        "en": "Unknown language: {value} (id or en)",
    },
    "meeting.saved": {"id": "Tersimpan.", "en": "Saved."},
    "meeting.title_required": {
        "id": "Isi judul (acara) rapat.",
        "en": "Enter the meeting's title.",
    },
    "meeting.too_long": {
        "id": "Teks terlalu panjang (paling banyak {limit} karakter).",
        "en": "Text too long (at most {limit} characters).",
    },
    "meeting.too_many": {
        "id": "Terlalu banyak (paling banyak {limit}).",
        "en": "Too many (at most {limit}).",
    },
    "meeting.unknown_document": {
        "id": "Dokumen tidak dikenal: {value}",
        "en": "Unknown document: {value}",
    },
    "meeting.unknown_field": {"id": "Isian tidak dikenal: {value}", "en": "Unknown field: {value}"},
    "meeting.unknown_party": {"id": "Pihak tidak dikenal: {value}", "en": "Unknown party: {value}"},
    "meeting.not_yours": {
        "id": "Hanya notulis yang membuat Rakor ini, atau admin, yang dapat mengubah data rapatnya, menyusun ulang agendanya, atau membatalkannya.",
        "en": "Only the minute-taker who created this meeting, or an admin, may change its details, re-draft its agenda or cancel it.",
    },
    "meeting.cancel_final": {
        "id": "Notulen Rakor ini pernah difinalkan dan tidak pernah dihapus; koreksinya dapat difinalkan sebagai versi baru.",
        "en": "These minutes were finalized once and are never deleted; finalize the correction as a new version instead.",
    },
    "meeting.saved_all": {"id": "Semua isian tersimpan.", "en": "Every field saved."},
    "meeting.changed": {
        "id": "Data rapat diubah. Agenda belum disusun ulang: tekan “Susun ulang agenda” bila perlu.",
        "en": "Meeting details changed. The agenda was not re-drafted: press “Re-draft the agenda” if needed.",
    },
    "meeting.changed_redrafted": {
        "id": "Data rapat diubah dan agenda disusun ulang; isian yang sudah diketik tetap.",
        "en": "Meeting details changed and the agenda re-drafted; everything typed was kept.",
    },
    "meeting.redrafted": {
        "id": "Agenda disusun ulang dari data terbaru; isian yang sudah diketik tetap.",
        "en": "Agenda re-drafted from the latest data; everything typed was kept.",
    },
    "meeting.cancelled": {
        "id": "Draf Rakor dibatalkan. Isinya tetap tercatat di log audit.",
        "en": "Draft meeting cancelled. Its content stays in the audit log.",
    },
    "rakor.title_hint": {
        "id": "Judul rapat seperti akan tertulis di notulen.",
        "en": "The meeting's title as it will stand on the minutes.",
    },
    "rakor.time_hint": {"id": "WITA, misalnya 09:30.", "en": "WITA, e.g. 09:30."},
    "rakor.place_hint": {
        "id": "Misalnya Kantor Gubernur NTT, Kupang. Bagian terakhir (Kupang) menjadi tempat tanda tangan.",
        "en": "E.g. Kantor Gubernur NTT, Kupang. The last part (Kupang) is where the minutes are signed.",
    },
    "rakor.follows_hint": {
        "id": "Pilih paling sedikit satu. Agenda disusun dari rencana aksinya yang masih terbuka.",
        "en": "Choose at least one. The agenda is drafted from their open actions.",
    },
    "rakor.invited_hint": {
        "id": "Pilih semua pihak yang diundang.",
        "en": "Choose every party invited.",
    },
    "rakor.chair_name": {"id": "Nama pimpinan rapat", "en": "Chair's name"},
    "rakor.chair_title": {"id": "Jabatan pimpinan rapat", "en": "Chair's position"},
    "rakor.chair_title_hint": {
        "id": "Misalnya Sekretaris Daerah Provinsi Bali.",
        "en": "E.g. Sekretaris Daerah Provinsi Bali.",
    },
    "rakor.chair_nip": {"id": "NIP pimpinan rapat", "en": "Chair's NIP"},
    "rakor.notulis_name": {"id": "Nama notulis", "en": "Minute-taker's name"},
    "rakor.notulis_title": {"id": "Jabatan notulis", "en": "Minute-taker's position"},
    "rakor.notulis_nip": {"id": "NIP notulis", "en": "Minute-taker's NIP"},
    "rakor.nip_hint": {
        "id": "Angka saja; boleh dikosongkan.",
        "en": "Digits only; may be left empty.",
    },
    "rakor.kop_hint": {
        "id": "Satu baris kop per baris, misalnya PEMERINTAH PROVINSI BALI, lalu SEKRETARIAT DAERAH, lalu alamat.",
        "en": "One letterhead line per line, e.g. PEMERINTAH PROVINSI BALI, then SEKRETARIAT DAERAH, then the address.",
    },
    "rakor.change": {"id": "Ubah data rapat", "en": "Change the meeting's details"},
    "rakor.change_link": {
        "id": "Ubah tanggal, waktu, tempat, dokumen atau undangan",
        "en": "Change the date, time, place, documents or invitations",
    },
    "rakor.change_hint": {
        "id": "Selama masih draf, semua data rapat dapat diubah. Id Rakor mengikuti tanggal dan tempat yang baru.",
        "en": "While a draft, every detail can change. The meeting's id follows the new date and place.",
    },
    "rakor.change_hint_correction": {
        "id": "Ini koreksi atas notulen yang sudah terbit: id Rakor tetap sama.",
        "en": "This corrects minutes already issued: the meeting's id stays the same.",
    },
    "rakor.change_save": {"id": "Simpan perubahan", "en": "Save the changes"},
    "rakor.back_to_meeting": {
        "id": "Kembali ke Rakor tanpa mengubah",
        "en": "Back to the meeting without changing",
    },
    "rakor.redraft": {"id": "Susun ulang agenda", "en": "Re-draft the agenda"},
    "rakor.redraft_too": {"id": "Susun ulang agenda sekarang", "en": "Re-draft the agenda now"},
    "rakor.redraft_hint": {
        "id": "Agenda disusun lagi dari data terbaru untuk tanggal dan dokumen rapat ini. Catatan, keputusan dan tindak lanjut yang sudah diketik tetap; pokok bahasan tambahan juga tetap.",
        "en": "The agenda is drafted again from the latest data for this date and these documents. Notes, decisions and follow-ups already typed are kept, and so are items added by hand.",
    },
    "rakor.cancel": {"id": "Batalkan draf", "en": "Cancel the draft"},
    "rakor.cancel_link": {"id": "Batalkan draf ini", "en": "Cancel this draft"},
    "rakor.cancel_question": {"id": "Batalkan draf Rakor ini?", "en": "Cancel this draft meeting?"},
    "rakor.cancel_counts": {
        "id": "{items} pokok bahasan, {attendees} peserta",
        "en": "{items} agenda items, {attendees} attendees",
    },
    "rakor.cancel_hint": {
        "id": "Draf ini hilang dari daftar Rakor dan id-nya dapat dipakai lagi oleh Rakor lain. Seluruh isinya tetap tercatat di log audit.",
        "en": "The draft leaves the list of meetings and its id is free for another meeting. All of its content stays in the audit log.",
    },
    "rakor.cancel_button": {"id": "Ya, batalkan draf", "en": "Yes, cancel the draft"},
    "rakor.cancel_keep": {"id": "Tidak, kembali ke Rakor", "en": "No, back to the meeting"},
    "rakor.save_all_hint": {
        "id": "Tanpa JavaScript: setiap tombol di formulir ini, termasuk setiap “Simpan”, menyimpan semua isian di halaman sekaligus, juga teks di kotak “baru”. Simpan sebelum memfinalkan.",
        "en": "Without JavaScript: every button of this form, each “Save” included, saves every field of the page at once, the “new” boxes too. Save before finalizing.",
    },
    "rakor.save_all": {"id": "Simpan semua", "en": "Save everything"},
    "rakor.conflict_plain": {
        "id": "Isian ini baru diubah orang lain menjadi:",
        "en": "Someone else just changed this field to:",
    },
    "rakor.conflicts_plain": {
        "id": "{n} isian baru diubah orang lain sejak halaman ini dibuka; teks Anda belum disimpan di sana. Bacalah versi mereka di bawah isian, lalu tekan Simpan untuk menyimpan teks Anda di atasnya. Isian lain sudah tersimpan.",
        "en": "{n} field(s) were changed by someone else since this page was opened; your text there is not saved yet. Read their version under the field, then press Save to save yours over it. The other fields were saved.",
    },
    "rakor.attendee_title": {"id": "Jabatan peserta", "en": "Attendee's position"},
    "rakor.attendee_party_hint": {"id": "Boleh dikosongkan.", "en": "May be left empty."},
    "rakor.opening_text": {"id": "Catatan pembukaan", "en": "Opening remarks"},
    "rakor.closing_text": {"id": "Catatan penutup", "en": "Closing remarks"},
    "rakor.owners": {"id": "Penanggung jawab", "en": "Owners"},
    "rakor.owners_hint": {"id": "Paling sedikit satu pihak.", "en": "At least one party."},
    "rakor.supporters": {"id": "Pihak pendukung", "en": "Supporting parties"},
    "rakor.supporters_hint": {"id": "Boleh tidak ada.", "en": "Optional."},
    "rakor.target_hint": {
        "id": "Angka dan satuan, misalnya 40 pelatihan atau 100 %.",
        "en": "A number and a unit, e.g. 40 trainings or 100 %.",
    },
    "audit.kind.meeting.undiscussed": {
        "id": "Pilihan untuk pokok yang tidak dibahas diubah",
        "en": "Choice for undiscussed items changed",
    },
    "audit.kind.user.profile": {
        "id": "Profil dan pilihan surel diubah",
        "en": "Profile and mail choices changed",
    },
    "audit.kind.outbox.retry": {"id": "Surel dikirim ulang", "en": "Message sent again"},
    "audit.kind.meeting.edit": {"id": "Data Rakor diubah", "en": "Meeting details changed"},
    "audit.kind.meeting.redraft": {
        "id": "Agenda Rakor disusun ulang",
        "en": "Meeting agenda re-drafted",
    },
    "audit.kind.meeting.cancel": {"id": "Draf Rakor dibatalkan", "en": "Draft meeting cancelled"},
    "audit.kind.meeting.addresses": {
        "id": "Alamat email peserta Rakor diubah",
        "en": "Attendees' email addresses changed",
    },
    "audit.kind.meeting.invite": {"id": "Undangan Rakor dikirim", "en": "Rakor invitation sent"},
    "rakor.action_title": {"id": "Rencana aksi", "en": "Action"},
    "rakor.add_attendee": {"id": "Tambah peserta", "en": "Add attendee"},
    "rakor.add_decision": {"id": "Tambah keputusan", "en": "Add decision"},
    "rakor.change_parties": {"id": "Ubah pihak", "en": "Change parties"},
    "rakor.follow_up_item": {"id": "Pokok bahasan", "en": "Agenda item"},
    "rakor.parties_title": {
        "id": "Pihak untuk tindak lanjut {code}",
        "en": "Parties of follow-up {code}",
    },
    "rakor.parties_save": {"id": "Simpan pihak", "en": "Save parties"},
    "rakor.add_follow_up": {"id": "Tambah tindak lanjut", "en": "Add follow-up"},
    "rakor.add_item": {"id": "Tambah pokok bahasan", "en": "Add agenda item"},
    "rakor.agenda": {"id": "Pembahasan", "en": "Agenda"},
    "rakor.attendance": {"id": "Daftar hadir", "en": "Attendance"},
    "rakor.attendees": {"id": "Peserta", "en": "Attendees"},
    "rakor.attendees_hint": {
        "id": "Satu orang per baris: Nama — Jabatan — Pihak, misalnya “Wayan Koster — Gubernur Bali — Pemerintah Provinsi Bali”. Pihak boleh dikosongkan.",
        "en": "One person per line: Name — Position — Party, e.g. “Wayan Koster — Governor of Bali — Pemerintah Provinsi Bali”. The party is optional.",
    },
    "rakor.autosave_hint": {
        "id": "Dengan JavaScript, setiap isian tersimpan sendiri saat Anda mengetik (muncul “tersimpan”), juga jika koneksi terputus atau halaman dimuat ulang.",
        "en": "With JavaScript, every field saves itself as you type (“saved” appears), even across a dropped connection or a reload.",
    },
    "rakor.being_corrected": {"id": "sedang dikoreksi", "en": "being corrected"},
    "rakor.briefing": {"id": "Rencana aksi yang masih terbuka ({n})", "en": "Open actions ({n})"},
    "rakor.chair": {"id": "Pimpinan rapat", "en": "Chair"},
    "rakor.closing": {"id": "Penutup", "en": "Closing"},
    "rakor.conflict": {
        "id": "Belum disimpan: isian ini baru diubah orang lain menjadi",
        "en": "Not saved: someone else just changed this field to",
    },
    "rakor.continue_correction": {"id": "Lanjutkan koreksi", "en": "Continue the correction"},
    "rakor.correcting": {"id": "koreksi atas versi {n}", "en": "correcting version {n}"},
    "rakor.create": {
        "id": "Buat Rakor dan susun agenda",
        "en": "Create the meeting and draft its agenda",
    },
    "rakor.date": {"id": "Tanggal", "en": "Date"},
    "rakor.decision_n": {"id": "Keputusan {n}", "en": "Decision {n}"},
    "rakor.decisions": {"id": "Keputusan", "en": "Decisions"},
    "rakor.document": {"id": "Dokumen notulen", "en": "Minutes document"},
    "rakor.down": {"id": "Turunkan", "en": "Move down"},
    "rakor.finalize": {"id": "Finalkan notulen", "en": "Finalize the minutes"},
    "rakor.finalize_button": {"id": "Finalkan sebagai versi {n}", "en": "Finalize as version {n}"},
    "rakor.finalize_confirm": {
        "id": "Finalkan notulen? Tindak lanjut akan menjadi rencana aksi yang dipantau.",
        "en": "Finalize the minutes? The follow-ups become tracked actions.",
    },
    "rakor.finalize_hint": {
        "id": "Notulen dibekukan sebagai satu versi, tindak lanjut menjadi rencana aksi dokumen notulen (tampil di halaman status dan Aksi saya), dan PDF/DOCX dapat diunduh. Koreksi kemudian menghasilkan versi baru.",
        "en": "The minutes freeze as a version, the follow-ups become tracked actions of the minutes document (on status pages and in My actions), and PDF/DOCX can be downloaded. A later correction makes a new version.",
    },
    "rakor.finalized_at": {"id": "Difinalkan", "en": "Finalized"},
    "rakor.follow_ups": {"id": "Tindak lanjut", "en": "Follow-ups"},
    "rakor.follows": {"id": "Menindaklanjuti", "en": "Follows up"},
    "rakor.header": {"id": "Kop dan penandatangan", "en": "Letterhead and signatories"},
    "rakor.invited": {"id": "Pihak yang diundang", "en": "Invited parties"},
    "rakor.item_title": {"id": "Judul pokok bahasan", "en": "Agenda item title"},
    "rakor.kind.commitment": {"id": "dari kesepakatan", "en": "from the agreement"},
    "rakor.kind.carryover": {"id": "lanjutan Rakor sebelumnya", "en": "carried over"},
    "rakor.kind.custom": {"id": "tambahan", "en": "added"},
    "rakor.kop": {"id": "Kop surat", "en": "Letterhead"},
    "rakor.latest_version": {"id": "versi terbaru: {n}", "en": "latest version: {n}"},
    "rakor.list_title": {"id": "Rapat koordinasi (Rakor)", "en": "Coordination meetings (Rakor)"},
    "rakor.name": {"id": "Nama", "en": "Name"},
    "rakor.new": {"id": "Rakor baru", "en": "New meeting"},
    "rakor.new_decision": {"id": "Keputusan baru", "en": "New decision"},
    "rakor.new_hint": {
        "id": "Agenda disusun otomatis dari dokumen yang ditindaklanjuti: rencana aksi yang masih terbuka (yang terlambat lebih dulu), perubahannya sejak Rakor sebelumnya, dan lanjutan Rakor sebelumnya.",
        "en": "The agenda is drafted from the documents followed up: their open actions (late ones first), what changed since the previous meeting, and what it left open.",
    },
    "rakor.new_item": {"id": "Pokok bahasan baru", "en": "New agenda item"},
    "rakor.next_meeting": {"id": "Rapat berikutnya", "en": "Next meeting"},
    "rakor.none": {"id": "Belum ada Rakor.", "en": "No meetings yet."},
    "rakor.notes": {"id": "Catatan pembahasan", "en": "Discussion notes"},
    "rakor.notulis": {"id": "Notulis", "en": "Minute-taker"},
    "rakor.opening": {"id": "Pembukaan", "en": "Opening"},
    "rakor.place": {"id": "Tempat", "en": "Place"},
    "rakor.position": {"id": "Jabatan", "en": "Position"},
    "rakor.presence": {"id": "Kehadiran", "en": "Presence"},
    "rakor.presence.hadir": {"id": "hadir", "en": "present"},
    "rakor.presence.tidak_hadir": {"id": "tidak hadir", "en": "absent"},
    "rakor.presence.diwakili": {"id": "diwakili", "en": "represented"},
    "rakor.presence.tamu": {"id": "tamu (tidak diundang)", "en": "guest (not invited)"},
    "rakor.undiscussed": {
        "id": "Pokok bahasan yang tidak dibahas",
        "en": "Agenda items not discussed",
    },
    "rakor.undiscussed_hint": {
        "id": "Pokok bahasan tanpa catatan, keputusan, atau tindak lanjut dianggap tidak dibahas.",
        "en": "An agenda item without notes, decisions or follow-ups counts as not discussed.",
    },
    "rakor.undiscussed_now": {"id": "Saat ini: {items}.", "en": "At present: {items}."},
    "rakor.undiscussed_none": {
        "id": "Saat ini semua pokok bahasan sudah dibahas.",
        "en": "At present every agenda item has been discussed.",
    },
    "rakor.undiscussed_legend": {
        "id": "Di notulen, pokok bahasan yang tidak dibahas",
        "en": "In the minutes, agenda items not discussed are",
    },
    "rakor.undiscussed.mark": {
        "id": "ditulis dengan keterangan \u201ctidak dibahas\u201d",
        "en": "listed and marked \u201cnot discussed\u201d",
    },
    "rakor.undiscussed.omit": {"id": "tidak dicantumkan", "en": "left out"},
    "rakor.undiscussed_save": {"id": "Simpan pilihan", "en": "Save choice"},
    "rakor.not_discussed": {"id": "Tidak dibahas.", "en": "Not discussed."},
    "rakor.remove": {"id": "Hapus", "en": "Remove"},
    "rakor.remove_confirm": {"id": "Hapus dari draf?", "en": "Remove from the draft?"},
    "rakor.reopen": {"id": "Buka koreksi", "en": "Open a correction"},
    "rakor.reopen_confirm": {
        "id": "Buka koreksi? Versi yang sudah terbit tetap dapat dibaca.",
        "en": "Open a correction? The versions issued stay readable.",
    },
    "rakor.represented_by": {"id": "Diwakili oleh", "en": "Represented by"},
    "rakor.save": {"id": "Simpan", "en": "Save"},
    "rakor.saved": {"id": "tersimpan", "en": "saved"},
    "rakor.since": {
        "id": "perubahan sejak Rakor {date}",
        "en": "changes since the meeting of {date}",
    },
    "rakor.state.draft": {"id": "draf", "en": "draft"},
    "rakor.then_now": {"id": "Saat Rakor lalu → kini", "en": "Then → now"},
    "rakor.time": {"id": "Waktu mulai", "en": "Start time"},
    "rakor.title": {"id": "Acara", "en": "Title"},
    "rakor.up": {"id": "Naikkan", "en": "Move up"},
    "rakor.updates_since": {"id": "Laporan sejak Rakor lalu", "en": "Updates since"},
    "rakor.keep_mine": {"id": "Simpan versi saya", "en": "Keep mine"},
    "rakor.use_theirs": {"id": "Pakai versi itu", "en": "Use that version"},
    "rakor.version": {"id": "versi {n}", "en": "version {n}"},
    "rakor.versions": {"id": "Versi notulen", "en": "Versions"},
    "rakor.when": {"id": "Waktu", "en": "When"},
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
MONTHS_SHORT = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
WEEKDAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def pick_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The message in `lang`, its `{placeholders}` filled from `values` (any names,
    even `key` or `lang`: the two parameters are positional only)."""
    entry = MESSAGES.get(key)
    text = (entry.get(lang) or entry.get(DEFAULT_LANGUAGE)) if entry else key
    return text.format(**values) if values else text


def format_date(value: dt.date | None, lang: str = DEFAULT_LANGUAGE, weekday: bool = False) -> str:
    """'Jumat, 30 Januari 2026' (id) or 'Friday, 30 January 2026' (en)."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = (
            dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
        )
    if isinstance(value, dt.datetime):  # a moment: its day in WITA, not in UTC
        value = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(WITA).date()
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


def format_percent(value: float | int | None, lang: str = DEFAULT_LANGUAGE, digits: int = 1) -> str:
    """'20,5 %' (id: decimal comma, a space before the sign) or '20.5%' (en)."""
    if value is None:
        return ""
    number = format_number(value, lang, digits)
    return f"{number} %" if lang == "id" else f"{number}%"


class Translator:
    """The `_` given to templates: bound to one request's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, /, **values: object) -> str:
        return translate(key, self.lang, **values)


# Notifications and the letters around a Rakor keep their messages beside their
# code; one table for everything.
from tracker.minutes.messages import MESSAGES as _LETTER_MESSAGES  # noqa: E402
from tracker.notifications.messages import MESSAGES as _NOTIFICATION_MESSAGES  # noqa: E402

MESSAGES.update(_NOTIFICATION_MESSAGES)
MESSAGES.update(_LETTER_MESSAGES)

# Verification (the printed stamp, the /v pages) likewise.
from tracker.verification.messages import MESSAGES as _VERIFICATION_MESSAGES  # noqa: E402

MESSAGES.update(_VERIFICATION_MESSAGES)
# ...and so do the minutes' approval (submit, return, approve).
from tracker.minutes.approval_messages import MESSAGES as _APPROVAL_MESSAGES  # noqa: E402

MESSAGES.update(_APPROVAL_MESSAGES)
