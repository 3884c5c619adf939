"""Documents, their actions, and the JSON twins under /api. Handlers stay thin."""

from __future__ import annotations

import html
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from markupsafe import Markup

from tracker import i18n, words
from tracker.agreements import queries
from tracker.agreements.render import fill_markers, render_document
from tracker.web import compression
from tracker.web.progress import action_context, action_or_404
from tracker.web.ui import (
    LANG_COOKIE,
    STATIC_DIR,
    UI,
    PageNumber,
    Rendered,
    environment,
    language,
    local_path,
    page,
)


async def _document_or_404(request: Request, slug: str) -> dict[str, Any]:
    doc = await queries.get_document(slug)
    if doc is None:
        raise NotFoundException(
            i18n.translator(language(request))._("Document `%(id)s` was not found.", id=slug)
        )
    return doc


DOCUMENTS_PER_PAGE = 50  # documents on one page of `/` and of `/api/documents`


@get("/", name="home", **compression.spliced({"auth": "read"}))
async def home(request: Request, page_number: PageNumber = 1) -> Template:
    """The documents with their progress, DOCUMENTS_PER_PAGE at a time: a
    province that keeps years of agreements gets pages, not one ever longer table."""
    found = await queries.documents_board()
    pages = _page_count(found.documents)
    page_number = min(page_number, pages)
    shown = _one_page(found.documents, page_number)
    table = documents_table(found.version, page_number, shown, language(request))
    return page(
        request, "index.html", documents=shown, table=table, page_number=page_number, pages=pages
    )


def _page_count(documents: list[dict[str, Any]]) -> int:
    return max(1, -(-len(documents) // DOCUMENTS_PER_PAGE))


def _one_page(documents: list[dict[str, Any]], number: int) -> list[dict[str, Any]]:
    return documents[(number - 1) * DOCUMENTS_PER_PAGE : number * DOCUMENTS_PER_PAGE]


_TABLES = Rendered(16)  # per language and page, for this version and the one before


def documents_table(
    version: int, page_number: int, documents: list[dict[str, Any]], lang: str
) -> Markup:
    """One page of the landing page's table, rendered once per version of the
    numbers, page and language: rendering it is most of the page's cost."""
    return _TABLES.get(
        (version, page_number, lang),
        lambda: compression.keep_compressed(
            environment()
            .get_template("_documents_table.html")
            .render(lang=lang, ui=UI(lang), documents=documents)
        ),
    )


@get("/d/{slug:str}", name="document", **compression.spliced({"auth": "read"}))
async def document_page(request: Request, slug: FromPath[str]) -> Template:
    doc = await _document_or_404(request, slug)
    lang = language(request)
    return page(request, "document.html", doc=doc, body=document_body(doc, lang))


_BODIES = Rendered(16)  # a few documents' rendered text, two languages


def document_body(doc: dict[str, Any], lang: str) -> Markup:
    """The document's rendered text with each action's live line, once per
    `revision` of the kept document and language: for an L document of 250
    actions it was most of the page's cost, and grew with the document."""

    def render() -> str:
        summaries = action_summaries(doc["actions"], UI(lang))
        body = render_document(doc["source"], f"/d/{doc['slug']}/")
        return compression.keep_compressed(fill_markers(body, lambda code: summaries.get(code, "")))

    return _BODIES.get((doc["revision"], lang), render)


def action_summaries(actions: list[dict[str, Any]], ui: UI) -> dict[str, str]:
    """The live line under each action of a rendered document, by action code.

    Built here rather than by a Jinja macro: a 100-action document needs 100 of
    them per page, and a macro call costs ten times as much. Every value is
    escaped; status is colour *and* text.
    """
    label = {
        k: html.escape(ui._(words.ACTION_FIELD[k]))
        for k in ("owner", "with", "due", "target", "late")
    }
    no_due = "<em>" + html.escape(ui._("No deadline set yet")) + "</em>"
    status_text = {a["status"]: html.escape(ui.status(a["status"])) for a in actions}
    result = {}
    for a in actions:
        parts = [
            '<div class="action-summary">',
            f'<span class="badge status-{a["status"]}">{status_text[a["status"]]}</span>',
            f'<span class="badge late">{label["late"]}</span>' if a["late"] else "",
            f'<span class="percent">{a["percent"]} %</span>',
        ]
        for role in ("owner", "with"):
            if a[role] or role == "owner":
                names = "; ".join(html.escape(p["name"]) for p in a[role])
                parts.append(
                    f'<span class="summary-field"><span class="label">{label[role]}:</span> {names}</span>'
                )
        due = html.escape(ui.date(a["due"])) if a["due"] else no_due
        parts.append(
            f'<span class="summary-field"><span class="label">{label["due"]}:</span> {due}</span>'
        )
        if a["target_value"] is not None:
            value = ui.quantity(a["target_value"])
            target = html.escape(f"{value} {a['target_unit'] or ''}".strip())
            parts.append(
                f'<span class="summary-field"><span class="label">{label["target"]}:</span> {target}</span>'
            )
        parts.append("</div>")
        result[a["code"]] = "".join(parts)
    return result


@get("/d/{slug:str}/{code:str}", name="action", opt={"auth": "read"})
async def action_page(request: Request, slug: FromPath[str], code: FromPath[str]) -> Template:
    return page(request, "action.html", **await action_context(request, slug, code))


@get("/lang/{code:str}", name="language", opt={"auth": "none"})
async def switch_language(code: FromPath[str], next: FromQuery[str] = "/") -> Redirect:
    """Remember the chosen language in a cookie and go back where the user was:
    the same path and query (`next`), and only ever a path on this site."""
    response = Redirect(path=local_path(next))
    response.set_cookie(
        LANG_COOKIE, i18n.pick_language(code), max_age=365 * 86400, httponly=True, samesite="lax"
    )
    return response


@get("/api/documents", name="api_documents", opt={"auth": "read"})
async def api_documents(
    request: Request, page_number: PageNumber = 1
) -> Response[list[dict[str, Any]]]:
    """One page of the documents with their progress summary, in the order of
    `/` (DOCUMENTS_PER_PAGE each; past the last page, none). The `Link` header
    names the first, previous, next and last pages and `X-Total-Count` the
    number of documents, as GitHub's API does: a client reads the whole list
    by following rel="next", and no request costs more as documents pile up."""
    documents = (await queries.documents_board()).documents
    pages = _page_count(documents)
    return Response(
        _one_page(documents, page_number),
        headers={
            "Link": _page_links(request.url.path, page_number, pages),
            "X-Total-Count": str(len(documents)),
        },
    )


def _page_links(path: str, number: int, pages: int) -> str:
    """An RFC 8288 `Link` header value for page `number` of `pages`."""
    links = {"first": 1, "last": pages}
    if number > 1:
        links["prev"] = min(number - 1, pages)
    if number < pages:
        links["next"] = number + 1
    return ", ".join(f'<{path}?page={n}>; rel="{rel}"' for rel, n in links.items())


@get("/api/documents/{slug:str}", name="api_document", opt={"auth": "read"})
async def api_document(request: Request, slug: FromPath[str]) -> dict[str, Any]:
    """One document: commitments and every action with its live status."""
    doc = await _document_or_404(request, slug)
    return {k: v for k, v in doc.items() if k not in ("source", "revision")}


@get("/api/documents/{slug:str}/actions/{code:str}", name="api_action", opt={"auth": "read"})
async def api_action(request: Request, slug: FromPath[str], code: FromPath[str]) -> dict[str, Any]:
    """One action: fields, owners, amendments and progress updates."""
    return await action_or_404(request, slug, code)


@get("/healthz", name="health", include_in_schema=False, opt={"auth": "none"})
async def health() -> Response:
    return Response("ok", media_type="text/plain")


@get("/favicon.ico", name="favicon", include_in_schema=False, opt={"auth": "none"})
async def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page links: the same small SVG."""
    return Response(
        (STATIC_DIR / "favicon.svg").read_bytes(),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )


ROUTES = [
    home,
    document_page,
    action_page,
    switch_language,
    api_documents,
    api_document,
    api_action,
    health,
    favicon,
]
