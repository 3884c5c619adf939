"""Pages for admins: the audit log."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from tracker import db
from tracker.accounts import audit
from tracker.web.auth import role_required
from tracker.web.ui import PageNumber, language, page

PER_PAGE = 50


@get("/admin/audit", name="audit", guards=[role_required("admin")])
async def audit_log(
    request: Request,
    page_number: PageNumber = 1,
) -> Template:
    async with db.reading():
        entries, total = await audit.entries(page_number, PER_PAGE)
    lang = language(request)
    for entry in entries:
        entry["kind"] = audit.kind_label(entry["action"], lang)
    pages = max(1, -(-total // PER_PAGE))
    return page(
        request, "audit.html", entries=entries, total=total, page_number=page_number, pages=pages
    )


ROUTES = [audit_log]
