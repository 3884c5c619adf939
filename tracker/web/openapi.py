"""What `/schema` says about the server, made to agree with what it does.

Litestar describes each handler from its signature: it cannot see form fields
read with `request.form()`, it documents every POST as `201` with JSON, and it
assumes JSON for downloads. This module corrects the generated schema once per
worker, in one place: the form bodies (their fields and encodings), the
redirect-after-POST (`303`) and the htmx fragment (`200`), the error statuses,
and the real content types of CSV, XLSX, PDF, DOCX, Markdown and iCalendar.
"""

from __future__ import annotations

import copy
from typing import Any

TEXT = {"type": "string"}
INT = {"type": "string", "pattern": "^[0-9]+$"}
FILES = {"type": "array", "items": {"type": "string", "format": "binary"}}
CSRF = {"_csrf_token": TEXT}
URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"

# (method, path) -> (encoding, fields, required fields)
FORMS: dict[tuple[str, str], tuple[str, dict[str, Any], list[str]]] = {
    ("post", "/login"): (
        URLENCODED,
        {"username": TEXT, "password": TEXT, "next": TEXT, **CSRF},
        ["username", "password", "_csrf_token"],
    ),
    ("post", "/logout"): (URLENCODED, CSRF, ["_csrf_token"]),
    ("post", "/d/{slug}/{code}/updates"): (
        MULTIPART,
        {
            "status": {
                "type": "string",
                "enum": ["not_started", "in_progress", "at_risk", "done", "cancelled"],
            },
            "percent": INT,
            "value": TEXT,
            "note": TEXT,
            "links": TEXT,
            "files": FILES,
            "corrects": INT,
            "seen": INT,
            "confirm": {"type": "string", "enum": ["1"]},
            "_submission": TEXT,
            **CSRF,
        },
        ["status", "_csrf_token"],
    ),
    ("post", "/aksi/import"): (
        MULTIPART,
        {"file": {"type": "string", "format": "binary"}, "csv": TEXT, **CSRF},
        ["_csrf_token"],
    ),
    ("post", "/aksi/import/confirm"): (
        URLENCODED,
        {"csv": TEXT, "_submission": TEXT, **CSRF},
        ["csv", "_csrf_token"],
    ),
}

# The Rakor forms (see docs/rakor.md).
TEXTS = {"type": "array", "items": TEXT}
BASICS = {
    "title": TEXT,
    "date": {"type": "string", "format": "date"},
    "time": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"},
    "place": TEXT,
    "follows": TEXTS,
    "invited": TEXTS,
}
PEOPLE = {
    f"{role}_{part}": TEXT for role in ("chair", "notulis") for part in ("name", "title", "nip")
}
# The meeting page's one form names its fields `v:<kind>-<id>-<field>` (the value)
# and `b:<kind>-<id>-<field>` (the hash of the value it started from).
PAGE_FORMS = {
    "/rakor/{slug}/simpan-semua",
    "/rakor/{slug}/tindak-lanjut/{follow_up_id}",
    "/rakor/{slug}/surat",
}
RAKOR_FORMS: dict[tuple[str, str], tuple[str, dict[str, Any], list[str]]] = {
    ("post", "/rakor"): (
        URLENCODED,
        {**BASICS, **PEOPLE, "kop": TEXT, "attendees": TEXT, "_submission": TEXT, **CSRF},
        ["title", "date", "follows", "_csrf_token"],
    ),
    ("post", "/rakor/{slug}/ubah"): (
        URLENCODED,
        {
            **BASICS,
            "redraft": {"type": "string", "enum": ["1"]},
            "chair_user": {"type": "string", "pattern": "^[0-9]*$"},
            **CSRF,
        },
        ["title", "date", "follows", "_csrf_token"],
    ),
    ("post", "/rakor/{slug}/simpan"): (
        URLENCODED,
        {
            "kind": {
                "type": "string",
                "enum": ["meeting", "attendee", "item", "decision", "follow_up"],
            },
            "id": INT,
            "field": TEXT,
            "value": TEXT,
            "base": TEXT,
            **CSRF,
        },
        ["kind", "id", "field", "_csrf_token"],
    ),
    ("post", "/rakor/{slug}/simpan-semua"): (
        URLENCODED,
        {
            "add": TEXT,
            "parties": INT,
            "follow_up_for": INT,
            "at": TEXT,
            "new_item": TEXT,
            "new_attendee_name": TEXT,
            "new_attendee_title": TEXT,
            "new_attendee_party": TEXT,
            "new_follow_up-item": INT,
            "new_follow_up-title": TEXT,
            "new_follow_up-owner": TEXTS,
            "new_follow_up-with": TEXTS,
            "new_follow_up-due": TEXT,
            "_submission": TEXT,
            **CSRF,
        },
        ["_csrf_token"],
    ),
    ("post", "/rakor/{slug}/agenda"): (URLENCODED, {"title": TEXT, **CSRF}, ["_csrf_token"]),
    ("post", "/rakor/{slug}/pindah"): (
        URLENCODED,
        {"move": TEXT, "id": INT, "direction": {"type": "string", "enum": ["up", "down"]}, **CSRF},
        ["_csrf_token"],
    ),
    ("post", "/rakor/{slug}/hapus"): (
        URLENCODED,
        {"remove": TEXT, "kind": TEXT, "id": INT, **CSRF},
        ["_csrf_token"],
    ),
    ("post", "/rakor/{slug}/keputusan"): (
        URLENCODED,
        {"item": INT, "text": TEXT, **CSRF},
        ["item", "text", "_csrf_token"],
    ),
    ("post", "/rakor/{slug}/tindak-lanjut"): (
        URLENCODED,
        {
            "item": INT,
            "title": TEXT,
            "owner": TEXTS,
            "with": TEXTS,
            "due": TEXT,
            "indicator": TEXT,
            "target": TEXT,
            **CSRF,
        },
        ["item", "title", "owner", "_csrf_token"],
    ),
    ("post", "/rakor/{slug}/tindak-lanjut/{follow_up_id}"): (
        URLENCODED,
        dict(CSRF),
        ["_csrf_token"],
    ),
    ("post", "/rakor/{slug}/peserta"): (
        URLENCODED,
        {"name": TEXT, "title": TEXT, "party": TEXT, **CSRF},
        ["name", "_csrf_token"],
    ),
    ("post", "/rakor/{slug}/tidak-dibahas"): (
        URLENCODED,
        {"undiscussed": {"type": "string", "enum": ["mark", "omit"]}, **CSRF},
        ["undiscussed", "_csrf_token"],
    ),
    # The letter page names its fields like the meeting page (v:/b:meeting-<id>-letter_number...).
    ("post", "/rakor/{slug}/surat"): (URLENCODED, dict(CSRF), ["_csrf_token"]),
    ("post", "/rakor/{slug}/v/{number}/pindaian"): (
        MULTIPART,
        {"file": {"type": "string", "format": "binary"}, **CSRF},
        ["file", "_csrf_token"],
    ),
    **{
        ("post", f"/rakor/{{slug}}/{action}"): (URLENCODED, CSRF, ["_csrf_token"])
        for action in ("susun-ulang", "batal", "final", "koreksi")
    },
}
# The minutes' approval (docs/rakor.md, "Approval"): each step names the one it answers.
RAKOR_FORMS.update(
    {
        ("post", "/rakor/{slug}/ajukan"): (
            URLENCODED,
            {"_submission": TEXT, **CSRF},
            ["_csrf_token"],
        ),
        ("post", "/rakor/{slug}/setujui"): (
            URLENCODED,
            {"step": INT, "_submission": TEXT, **CSRF},
            ["step", "_csrf_token"],
        ),
        ("post", "/rakor/{slug}/kembalikan"): (
            URLENCODED,
            {"step": INT, "note": TEXT, "_submission": TEXT, **CSRF},
            ["step", "note", "_csrf_token"],
        ),
    }
)
FORMS.update(RAKOR_FORMS)
FORMS.update(
    {
        ("post", "/profil"): (
            URLENCODED,
            {
                "email": TEXT,
                "language": {"type": "string", "enum": ["id", "en"]},
                "choice": TEXTS,
                **CSRF,
            },
            ["_csrf_token"],
        ),
        # One-click unsubscribe (RFC 8058): the signed token in the path is the authority.
        ("post", "/berhenti/{token}"): (
            URLENCODED,
            {"List-Unsubscribe": {"type": "string", "enum": ["One-Click"]}},
            [],
        ),
        # Undo it, from the page that confirmed it: the same token, an empty form.
        ("post", "/berhenti/{token}/lagi"): (URLENCODED, {}, []),
        ("post", "/admin/outbox/{outbox_id}/retry"): (URLENCODED, dict(CSRF), ["_csrf_token"]),
        # The invitation page: `email-<attendee id>` per attendee, then save or send.
        ("post", "/rakor/{slug}/undangan"): (
            URLENCODED,
            {
                "action": {"type": "string", "enum": ["save", "send"]},
                "_submission": TEXT,
                **CSRF,
            },
            ["_csrf_token"],
        ),
        # Compare a PDF with the one issued under the code (docs/verification.md).
        ("post", "/v/{code}"): (
            MULTIPART,
            {"file": {"type": "string", "format": "binary"}, **CSRF},
            ["file", "_csrf_token"],
        ),
    }
)

# Downloads: path -> its media types.
DOWNLOADS = {
    "/aksi.csv": ["text/csv"],
    "/status.csv": ["text/csv"],
    "/status.xlsx": ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    "/status/d/{slug}/laporan.pdf": ["application/pdf"],
    "/ical/{name}": ["text/calendar"],
    "/evidence/{evidence_id}": ["application/pdf", "image/jpeg", "image/png"],
    "/rakor/{slug}/{filename}": [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/markdown",
    ],
    "/rakor/{slug}/surat/{filename}": [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    "/rakor/{slug}/pindaian/{copy_id}": ["application/pdf"],
}

ERRORS = {
    "400": "Bad input (message in the body)",
    "401": "Login required (browsers are sent to /login)",
    "403": "Not allowed for this role or party, or the form's CSRF token expired",
    "404": "No such document, action, meeting or file",
}


# Lists sent a page at a time: how to find the other pages.
PAGED = ("/api/documents",)
PAGING_HEADERS = {
    "Link": {
        "description": 'The first, previous, next and last pages (rel="first", "prev", '
        '"next", "last"), as RFC 8288 links; ?page=N, from 1',
        "schema": TEXT,
    },
    "X-Total-Count": {
        "description": "How many items all the pages hold together",
        "schema": {"type": "integer"},
    },
}


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": TEXT}}}


def _error(path: str, description: str) -> dict[str, Any]:
    if path.startswith("/api/"):
        body = {
            "type": "object",
            "properties": {"status_code": {"type": "integer"}, "detail": TEXT},
        }
        return {"description": description, "content": {"application/json": {"schema": body}}}
    return _html(description)


def _form_post(path: str, operation: dict[str, Any]) -> None:
    """A form: 303 to the next page, or (htmx) 200 with the fragment to swap in."""
    responses = operation["responses"]
    responses.pop("201", None)
    responses["303"] = {
        "description": "Done: the Location header names the page to open next",
        "headers": {"Location": {"schema": TEXT}},
    }
    responses["200"] = _html("htmx requests (HX-Request: true): the part of the page to swap in")
    responses["409"] = _html("Someone else changed it meanwhile: the form again, with theirs")
    responses["422"] = _html("The form again, with what was typed and what is wrong")


def describe(schema: dict[str, Any]) -> dict[str, Any]:
    """A corrected copy of Litestar's generated schema."""
    schema = copy.deepcopy(schema)
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if method == "post" and not path.startswith("/api/"):
                _form_post(path, operation)
            if (method, path) in FORMS:
                encoding, fields, required = FORMS[(method, path)]
                body = {"type": "object", "properties": fields, "required": required}
                if path in PAGE_FORMS:
                    body["additionalProperties"] = {
                        "type": "string",
                        "description": "v:<kind>-<id>-<field> (a value), b:<...> (its base)",
                    }
                operation["requestBody"] = {
                    "required": True,
                    "content": {encoding: {"schema": body}},
                }
            if path in DOWNLOADS:
                responses["200"] = {
                    "description": "The file",
                    "content": {media: {"schema": TEXT} for media in DOWNLOADS[path]},
                }
            if path in PAGED and "200" in responses:
                responses["200"]["headers"] = PAGING_HEADERS
            for status, description in ERRORS.items():
                responses[status] = _error(path, description)
    return schema


def install(app: Any) -> None:
    """Serve the corrected schema at /schema (built once, when the app is made)."""
    from litestar._openapi.plugin import OpenAPIPlugin

    plugin = app.plugins.get(OpenAPIPlugin)
    # The plugin keeps the schema it serves in this slot; filling it first means
    # /schema/openapi.json (and every renderer) serves the described one.
    plugin._openapi_schema = describe(plugin.provide_openapi().to_schema())
