"""The public verification pages: anyone holding a printed or downloaded PDF
checks it here, without an account and without JavaScript.

- `GET /v`: what the code is, and a form to type one (`?kode=` sends it on to
  `/v/{code}`, in its printed form);
- `GET /v/{code}`: what was issued under the code (the QR code on every page
  leads here), and whether it is still the current version; an unknown or
  malformed code is a 404 page with the form again;
- `POST /v/{code}`: an uploaded PDF compared with the issued one by SHA-256.

Looking codes up needs no limit: 80 random bits cannot be guessed. Comparing
hashes up to 10 MB per request, so each address may compare COMPARES files
per WINDOW seconds (per worker).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath
from litestar.response import Redirect, Template

from tracker.i18n import N_
from tracker.verification import codes, register
from tracker.web.auth import client_address
from tracker.web.limits import Limiter
from tracker.web.ui import page

MAX_PDF_BYTES = register.MAX_COMPARED_BYTES
MAX_REQUEST_BYTES = MAX_PDF_BYTES + 64 * 1024
COMPARES = 30
WINDOW = 600  # seconds
NO_ERRORS: dict[str, tuple[str, dict[str, Any]]] = {}


COMPARE_LIMIT = Limiter(COMPARES, WINDOW)


def _code_form(
    request: Request, typed: str = "", errors: dict | None = None, status_code: int = 200
) -> Template:
    return page(
        request, "verify.html", status_code=status_code, typed=typed, errors=errors or NO_ERRORS
    )


@get("/v", name="verify_start", opt={"auth": "none"})
async def verify_start(request: Request) -> Response:
    """The form; with `?kode=`, on to that code's page (or the form with its error)."""
    typed = request.query_params.get("kode")
    if typed is None:
        return _code_form(request)
    code = codes.normalize(typed)
    if code is None:
        key = (
            N_("Enter a verification code.")
            if not typed.strip()
            else N_(
                "“%(code)s” is not a verification code: a code has 16 letters and digits, like 7K3M-Q9XD-2HPB-W4TZ."
            )
        )
        errors = {"kode": (key, {"code": typed[:40]})}
        return _code_form(request, typed[:40], errors, status_code=422)
    return Redirect(path=f"/v/{codes.grouped(code)}", status_code=303)


async def _issued(typed: str) -> tuple[str, dict[str, Any] | None]:
    """The stored form of a code from the URL ("" if malformed), and its row."""
    code = codes.normalize(typed)
    return (code or ""), (await register.find(code) if code else None)


def _unknown(request: Request, typed: str, code: str) -> Template:
    """A 404 page with the form again: unknown and malformed codes alike."""
    shown = typed[:40]
    key = (
        N_(
            "No document was issued under the code %(code)s. Check what you typed. If the code is right, the document was not issued by this tracker."
        )
        if code
        else N_(
            "“%(code)s” is not a verification code: a code has 16 letters and digits, like 7K3M-Q9XD-2HPB-W4TZ."
        )
    )
    return page(
        request,
        "verify.html",
        status_code=404,
        typed=shown,
        errors=NO_ERRORS,
        missing=(key, {"code": codes.grouped(code) if code else shown}),
    )


def _issued_page(
    request: Request, doc: dict[str, Any], status_code: int = 200, **values: Any
) -> Template:
    values.setdefault("errors", NO_ERRORS)
    return page(
        request,
        "verify.html",
        status_code=status_code,
        doc=doc,
        code=codes.grouped(doc["code"]),
        max_mb=MAX_PDF_BYTES // 2**20,
        **values,
    )


@get("/v/{code:str}", name="verify", opt={"auth": "none"})
async def verify_page(request: Request, code: FromPath[str]) -> Template:
    stored, doc = await _issued(code)
    if doc is None:
        return _unknown(request, code, stored)
    return _issued_page(request, doc)


@post(
    "/v/{code:str}",
    name="verify_compare",
    opt={"auth": "none"},
    request_max_body_size=MAX_REQUEST_BYTES,
)
async def verify_compare(request: Request, code: FromPath[str]) -> Template:
    """Is the uploaded file, byte for byte, the PDF issued under `code`?"""
    stored, doc = await _issued(code)
    if doc is None:
        return _unknown(request, code, stored)
    if not COMPARE_LIMIT.allow(client_address(request)):
        errors = {
            "file": (
                N_(
                    "Too many files compared from this address. Wait %(minutes)s minutes, then try again."
                ),
                {"minutes": WINDOW // 60},
            )
        }
        return _issued_page(request, doc, status_code=429, errors=errors)
    upload = (await request.form()).get("file")
    data = await upload.read() if isinstance(upload, UploadFile) else b""
    if not data:
        return _issued_page(
            request,
            doc,
            status_code=422,
            errors={"file": (N_("Choose a PDF file to compare."), {})},
        )
    same, digest = register.same_bytes(doc, data)
    return _issued_page(request, doc, result={"same": same, "sha256": digest})


ROUTES = [verify_start, verify_page, verify_compare]
