"""Messages of verification (the printed stamp, the /v pages), merged into
`tracker.i18n.MESSAGES`."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- printed on every page of an issued PDF
    "verify.stamp.code": {"id": "Kode verifikasi: {code}", "en": "Verification code: {code}"},
    "verify.stamp.check": {
        "id": "Periksa keaslian dokumen ini di {url}",
        "en": "Check that this document is genuine at {url}",
    },
    # --- /v
    "verify.title": {"id": "Periksa keaslian dokumen", "en": "Check a document"},
    "verify.intro": {
        "id": "Setiap PDF yang diterbitkan pemantau ini mencantumkan kode verifikasi dan kode QR di bagian bawah setiap halaman. Ketik kodenya (atau pindai kode QR-nya) untuk melihat dokumen apa yang diterbitkan dengan kode itu, kapan dan oleh siapa.",
        "en": "Every PDF this tracker issues has a verification code and a QR code at the foot of every page. Type the code (or scan the QR code) to see which document was issued under it, when and by whom.",
    },
    "verify.code": {"id": "Kode verifikasi", "en": "Verification code"},
    "verify.code_hint": {
        "id": "16 huruf dan angka, misalnya 7K3M-Q9XD-2HPB-W4TZ. Huruf besar atau kecil sama saja; tanda hubung boleh ditulis atau tidak.",
        "en": "16 letters and digits, such as 7K3M-Q9XD-2HPB-W4TZ. Upper or lower case alike; the hyphens are optional.",
    },
    "verify.submit": {"id": "Periksa", "en": "Check"},
    "verify.empty": {"id": "Ketik kode verifikasi.", "en": "Enter a verification code."},
    "verify.malformed": {
        "id": "“{code}” bukan kode verifikasi: kode terdiri dari 16 huruf dan angka, seperti 7K3M-Q9XD-2HPB-W4TZ.",
        "en": "“{code}” is not a verification code: a code has 16 letters and digits, like 7K3M-Q9XD-2HPB-W4TZ.",
    },
    "verify.unknown_title": {"id": "Kode tidak dikenal", "en": "Unknown code"},
    "verify.unknown": {
        "id": "Tidak ada dokumen yang diterbitkan dengan kode {code}. Periksa lagi ketikannya. Bila kodenya sudah benar, dokumen itu bukan terbitan pemantau ini.",
        "en": "No document was issued under the code {code}. Check what you typed. If the code is right, the document was not issued by this tracker.",
    },
    "verify.found": {
        "id": "Kode ini terdaftar: dokumen berikut diterbitkan oleh Pemantau Kesepakatan Bali–NTT.",
        "en": "This code is registered: the Bali–NTT Agreement Tracker issued the document below.",
    },
    "verify.kind": {"id": "Jenis dokumen", "en": "Kind of document"},
    "verify.kind.status_report": {"id": "Laporan status", "en": "Status report"},
    "verify.kind.notulen": {"id": "Notulen Rakor", "en": "Minutes of a Rakor"},
    "verify.kind.letter": {"id": "Surat", "en": "Letter"},
    "verify.doc_title": {"id": "Judul", "en": "Title"},
    "verify.subject": {"id": "Pengenal", "en": "Identifier"},
    "verify.version": {"id": "Versi", "en": "Version"},
    "verify.language": {"id": "Bahasa", "en": "Language"},
    "verify.lang.id": {"id": "Bahasa Indonesia", "en": "Indonesian"},
    "verify.lang.en": {"id": "Bahasa Inggris", "en": "English"},
    "verify.issued_at": {"id": "Diterbitkan", "en": "Issued"},
    "verify.issued_by": {"id": "Oleh", "en": "By"},
    "verify.by_cli": {
        "id": "perintah tracker di server",
        "en": "the tracker command on the server",
    },
    "verify.by_public": {
        "id": "pembaca tanpa akun (akses baca publik)",
        "en": "a reader without an account (public reading)",
    },
    "verify.code_label": {"id": "Kode", "en": "Code"},
    "verify.sha256": {"id": "SHA-256 berkas", "en": "SHA-256 of the file"},
    "verify.state": {"id": "Keberlakuan", "en": "Still current?"},
    "verify.current": {"id": "Ini versi terbaru.", "en": "This is the current version."},
    "verify.superseded": {
        "id": "Sudah diganti: versi {version} menggantikan versi ini.",
        "en": "Replaced: version {version} replaced this version.",
    },
    "verify.latest": {
        "id": "Versi terbaru adalah versi {version}.",
        "en": "The current version is version {version}.",
    },
    "verify.open_version": {"id": "Buka versi {version}", "en": "Open version {version}"},
    "verify.login_note": {"id": "(perlu masuk)", "en": "(log-in needed)"},
    "verify.snapshot": {
        "id": "Laporan status adalah potret keadaan pada saat dicetak; angkanya bisa sudah berubah sejak itu.",
        "en": "A status report is a snapshot of the moment it was printed; the figures may have changed since.",
    },
    "verify.live": {"id": "Lihat status terkini", "en": "See the status now"},
    "verify.compare": {"id": "Bandingkan berkas PDF", "en": "Compare a PDF file"},
    "verify.compare_intro": {
        "id": "Punya berkasnya? Unggah di sini untuk memastikan isinya sama persis dengan yang diterbitkan: satu byte yang berbeda pun terlihat. Berkas Anda tidak disimpan.",
        "en": "Have the file? Upload it here to make sure it is exactly what was issued: even one changed byte shows. Your file is not kept.",
    },
    "verify.file": {"id": "Berkas PDF", "en": "PDF file"},
    "verify.file_hint": {"id": "Paling besar {max_mb} MB.", "en": "Up to {max_mb} MB."},
    "verify.compare_submit": {"id": "Bandingkan", "en": "Compare"},
    "verify.no_file": {
        "id": "Pilih berkas PDF untuk dibandingkan.",
        "en": "Choose a PDF file to compare.",
    },
    "verify.too_large": {
        "id": "Berkas lebih besar dari {max_mb} MB, jadi bukan dokumen yang diterbitkan.",
        "en": "The file is larger than {max_mb} MB, so it is not the issued document.",
    },
    "verify.identical": {
        "id": "Sama persis. Berkas ini identik, byte demi byte, dengan dokumen yang diterbitkan dengan kode {code}.",
        "en": "Identical. This file is, byte for byte, the document issued under the code {code}.",
    },
    "verify.different": {
        "id": "Berbeda. Berkas ini tidak sama dengan dokumen yang diterbitkan dengan kode {code}: isinya mungkin telah diubah, atau ini berkas lain.",
        "en": "Different. This file is not the document issued under the code {code}: it may have been altered, or it is another file.",
    },
    "verify.your_hash": {"id": "SHA-256 berkas Anda", "en": "SHA-256 of your file"},
    "verify.other_code": {"id": "Periksa kode lain", "en": "Check another code"},
    "verify.paper": {
        "id": "Memegang cetakannya? Cocokkan judul, versi dan tanggal di atas dengan kertasnya, dan pastikan kode di setiap halaman sama.",
        "en": "Holding a printed copy? Match the title, version and date above with the paper, and make sure every page carries the same code.",
    },
    "verify.slow_down": {
        "id": "Terlalu banyak berkas dibandingkan dari alamat ini. Tunggu {minutes} menit, lalu coba lagi.",
        "en": "Too many files compared from this address. Wait {minutes} minutes, then try again.",
    },
}
