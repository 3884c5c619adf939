"""Pages for admins: the audit log, and one entry of it whole."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template
from markupsafe import Markup

from tracker import db, i18n
from tracker.accounts import audit
from tracker.web.auth import role_required
from tracker.web.ui import UI, PageNumber, Rendered, environment, language, page

PER_PAGE = 50
LISTED = 8  # items of a long list shown in the log; the entry's page shows all


@get("/admin/audit", name="audit", guards=[role_required("admin")])
async def audit_log(request: Request, page_number: PageNumber = 1) -> Template:
    async with db.reading():
        entries, more = await audit.entries(page_number, PER_PAGE)
    rows = audit_rows(entries, language(request))
    return page(
        request, "audit.html", rows=rows, empty=not entries, page_number=page_number, more=more
    )


_ROWS = Rendered(1_000)  # a few pages of entries, two languages


def audit_rows(entries: list[dict[str, Any]], lang: str) -> Markup:
    """The log's table rows, each rendered once per language: an entry never
    changes, and rendering (and reading a sync's long detail) was most of the
    page's cost. Keyed by all the entry holds, not its id alone: a database
    emptied or restored under a running server reuses ids."""
    template = environment().get_template("_audit_row.html")

    def render(entry: dict[str, Any]) -> str:
        detail = audit.parse_detail(entry["detail"])
        shown = {**entry, "kind": audit.kind_label(entry["action"], lang)}
        shown["shown"] = shown_detail(detail, LISTED)
        return template.render(lang=lang, ui=UI(lang), e=shown)

    return _ROWS.joined(entries, lambda entry: (*entry.values(), lang), render)


@get("/admin/audit/{entry_id:int}", name="audit_entry", guards=[role_required("admin")])
async def audit_entry(request: Request, entry_id: FromPath[int]) -> Template:
    """One entry with every item of its detail (a sync lists each action it wrote)."""
    async with db.reading():
        entry = await audit.entry(entry_id)
    lang = language(request)
    if entry is None:
        raise NotFoundException(
            i18n.translator(lang)._("Audit entry %(id)s was not found.", id=entry_id)
        )
    entry["kind"] = audit.kind_label(entry["action"], lang)
    entry["shown"] = shown_detail(audit.parse_detail(entry["detail"]), None)
    return page(request, "audit_entry.html", entry=entry)


def shown_detail(detail: dict[str, Any], most: int | None) -> list[tuple[str, str, int]]:
    """Each detail as (name, text, items left out): a list longer than `most`
    shows its first `most` items, so a sync of 250 actions is one line in the
    log, and its entry's page (most=None) shows them all."""
    shown = []
    for name, value in detail.items():
        left_out = 0
        if isinstance(value, list) and most is not None and len(value) > most:
            value, left_out = value[:most], len(value) - most
        shown.append((name, _said(value), left_out))
    return shown


def _said(value: Any) -> str:
    """A detail's value as a reader says it: nothing is "—" (a chair set where
    there was none, not "None, peninjau"), a mapping "name: value, ..." (not
    Python's braces and quotes), a list its items."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_said(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(_said(item) for item in value)
    return str(value)


ROUTES = [audit_log, audit_entry]
