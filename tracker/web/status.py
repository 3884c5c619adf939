"""Status pages for governors' offices, their exports and their JSON twins.

Every page reads its filters, `asof` and `since` from the URL (shareable and
bookmarkable). htmx asks for the filter form and its results together
(`HX-Target: status-view`: filtering, clearing, quarter presets) or for the
results only (`HX-Target: status-results`: the pager); either way the clean
URL is pushed to the address bar and the header's language switch follows it.
A plain browser gets the whole page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import anyio
from litestar import Request, Response, get
from litestar.exceptions import HTTPException, NotFoundException
from litestar.params import FromPath
from litestar.response import Template
from markupsafe import Markup

from tracker import i18n, words
from tracker.accounts.feeds import feed_token, valid_token
from tracker.kept import Kept
from tracker.pdf_process import render_pdf_isolated
from tracker.progress import status as statuses
from tracker.reports import chart, exports, service, whatsapp
from tracker.reports.summary import WINDOWS, FilterError, Filters
from tracker.settings import Settings
from tracker.verification import register
from tracker.verification.tables import STATUS_REPORT
from tracker.web import compression
from tracker.web.auth import client_address, current_user
from tracker.web.limits import Limiter
from tracker.web.ui import UI, Rendered, context, environment, language, page, public_base

RESULTS = "status-results"
VIEW = "status-view"  # the filter form and the results
FRAGMENTS = {VIEW: "_status_view.html", RESULTS: "_status_results_fragment.html"}
# A4 reports one person (or, without a login, one address) may ask for in 10
# minutes: each is rendered in turn and registered for good (its code).
PDF_LIMIT = Limiter(20, 600)


def _params(request: Request) -> dict[str, list[str]]:
    query = request.query_params
    return {key: query.getall(key) for key in query}


class FilterProblem(HTTPException):
    status_code = 400


async def _view(request: Request, document: str | None = None) -> service.View:
    """The page's view from its URL; `document`: the one named by the path."""
    try:
        return await service.parse_view(_params(request), document)
    except FilterError as exc:
        message = i18n.translator(language(request))._(exc.key, **exc.values)
        if request.headers.get("hx-target") in FRAGMENTS:
            # While the user edits the filters: say so where the results go, keep
            # the form, and put what was asked in the address bar (reloading it
            # then says the same thing).
            query = urlencode([(k, v) for k, v in request.query_params.multi_items() if v])
            headers = {
                "HX-Retarget": f"#{RESULTS}",
                "HX-Reswap": "innerHTML",
                "HX-Push-Url": request.url.path + (f"?{query}" if query else ""),
            }
            raise FilterProblem(detail=message, headers=headers) from None
        raise HTTPException(status_code=400, detail=message) from None


def _chart_svg(points: list[chart.Point], ui: UI, described_title: bool = False) -> Markup:
    labels = {
        "title": ui._("Progress week by week"),
        "percent": ui._("percent complete"),
        "late": ui._("late"),
        "months": [ui.translator.month_abbr(m) for m in range(1, 13)],
    }
    return Markup(chart.svg(points, labels, ui.date, ui.percent, described_title))


def _extras(
    request: Request, view: service.View, data: dict[str, Any], first_day: dt.date | None = None
) -> dict[str, Any]:
    """What only the HTML needs: choices for the filter form, links, feed tokens.
    Quarter presets start at `first_day`, the earliest signing date of any document."""
    ui = UI(language(request))
    user = request.scope.get("user")
    secret = request.app.state.secret
    return {
        "view": view,
        "data": data,
        "statuses": statuses.STATUSES,
        "windows": WINDOWS,
        "quarters": service.quarter_ends(service.today(), start=first_day),
        "first_day": first_day,
        "feeds": {p["key"]: feed_token(secret, p["key"]) for p in data["parties"]} if user else {},
        "chart_svg": _chart_svg(data["chart"], ui) if "chart" in data else None,
    }


_SHARED: Kept[dict[str, str]] = Kept(32)


def _whatsapp(
    request: Request,
    view: service.View,
    data: dict[str, Any],
    names: dict[str, str],
    base: str,
    region: str | None,
) -> dict[str, str]:
    """The page's "Salin ringkasan" text and its wa.me link, honoring the
    filters: made once per report revision, view and language (quoting a few
    kilobytes of text for the link, character by character, cost as much as
    the rest of the page)."""
    key = (
        data["revision"], data["day"], view, language(request), base, public_base(request),
        tuple(names.items()), region,
    )  # fmt: skip
    return _SHARED.get(key, lambda: _whatsapp_text(request, view, data, names, base, region))


def _whatsapp_text(
    request: Request,
    view: service.View,
    data: dict[str, Any],
    names: dict[str, str],
    base: str,
    region: str | None,
) -> dict[str, str]:
    ui = UI(language(request))
    if view.filters.late_only:
        title = ui._("Late actions")
    elif data.get("document"):
        title = ui._("Status: %(title)s", title=data["document"]["title"])
    else:
        title = ui._("Agreement status")
    if data.get("document") and view.filters.late_only:
        title += f" · {data['document']['title']}"
    if view.filters.party:
        title += f" · {names.get(view.filters.party, view.filters.party)}"
    if region:  # each line then says how that region's part stands
        title += f" · {region}"
    when = (
        ui._("As of %(date)s", date=ui.date(data["asof"]))
        if data["asof"]
        else ui._("As of today, %(date)s", date=ui.date(data["day"]))
    )
    query = urlencode(view.query(page=None, dpage=None), doseq=True)
    link = whatsapp.absolute(public_base(request), base + (f"?{query}" if query else ""))
    text = whatsapp.summary(
        title,
        whatsapp.lines_from_rows(data["summary_actions"], names),
        link,
        ui.lang,
        total=data["actions_total"],
        subtitle=when
        + " · "
        + ui.ngettext(
            "%(n)s action",
            "%(n)s actions",
            data["actions_total"],
            n=ui.number(data["actions_total"]),
        ),
    )
    return {"text": text, "share": whatsapp.share_url(text)}


_RESULTS = Rendered(16)  # a few views, two languages


def _results(request: Request, values: dict[str, Any]) -> Markup:
    """The counts and tables of a status page, rendered once per report
    revision, view and language: rendering them was most of a page's cost."""
    key = (
        values["data"]["revision"],
        values["view"],
        language(request),
        values["base"],
        tuple(values["feeds"].items()),
    )
    return _RESULTS.get(
        key,
        lambda: compression.keep_compressed(
            environment().get_template("_status_results.html").render(context(request, **values))
        ),
    )


def _render(request: Request, template: str, **values: Any) -> Template:
    """The whole page, or for htmx the form and results (or the results only),
    with the page's clean URL pushed to the address bar (empty fields left out)."""
    values["results"] = _results(request, values)
    fragment = FRAGMENTS.get(request.headers.get("hx-target", ""))
    if fragment:
        query = urlencode(values["view"].query(), doseq=True)
        url = values["base"] + (f"?{query}" if query else "")
        return Template(
            template_name=fragment,
            context=context(request, oob_next=url, **values),
            headers={"HX-Push-Url": url},
        )
    return page(request, template, **values)


def described(ui: UI, filters: Filters, choices: dict[str, Any]) -> list[str]:
    """The filters as a reader of a printed page says them, by the form's own
    labels and by name ("Pihak: Pemerintah Provinsi Bali"), never by code."""
    named = [
        (ui._("Commitment"), dict(choices["commitments"]), filters.commitment),
        (ui._("Party"), dict(choices["parties"]), filters.party),
        (ui._("Region"), dict(choices["regions"]), filters.region),
    ]
    found = [f"{label}: {names.get(key, key)}" for label, names, key in named if key]
    if filters.statuses:
        label = ui._("Status")
        found.append(f"{label}: {', '.join(ui.status(s) for s in filters.statuses)}")
    if filters.window:
        label, window = ui._("Due"), ui._(words.WINDOW[filters.window])
        found.append(f"{label}: {window}")
    if filters.late_only:
        found.append(ui._("Late only"))
    return found


def _shown(request: Request, view: service.View, choices: dict[str, Any]) -> list[str]:
    """The filters in words under the page's as-of day, so that a printed page
    (the form is not printed) says what it counts; on `/status` the document
    filtered on too (a document's own page names it in its title)."""
    ui = UI(language(request))
    found = described(ui, view.filters, choices)
    document = view.filters.document
    if document and not view.document_in_path:
        label, title = ui._("Document"), dict(choices["documents"]).get(document, document)
        found.insert(0, f"{label}: {title}")
    return found


def _region_name(view: service.View, choices: dict[str, Any]) -> str | None:
    """The name of the region filtered on, if any (looked up only then)."""
    key = view.filters.region
    return next((name for k, name in choices["regions"] if k == key), key) if key else None


def _party_names(choices: dict[str, Any]) -> dict[str, str]:
    return dict(choices["parties"])


@get("/status", name="status", **compression.spliced({"auth": "read"}))
async def status_page(request: Request) -> Template:
    view = await _view(request)
    data = await service.overview(view)
    choices = await service.choices(view.filters.document)
    names = _party_names(choices)
    return _render(
        request,
        "status.html",
        base="/status",
        choices=choices,
        party_names=names,
        wa=_whatsapp(request, view, data, names, "/status", _region_name(view, choices)),
        filters_shown=_shown(request, view, choices),
        **_extras(request, view, data, choices["first_day"]),
    )


@get("/status/d/{slug:str}", name="document_status", **compression.spliced({"auth": "read"}))
async def document_status_page(request: Request, slug: FromPath[str]) -> Template:
    view = await _view(request, slug)
    data = await _document_or_404(request, slug, view)
    choices = await service.choices(slug)
    names = _party_names(choices)
    return _render(
        request,
        "status.html",
        base=f"/status/d/{slug}",
        choices=choices,
        party_names=names,
        wa=_whatsapp(request, view, data, names, f"/status/d/{slug}", _region_name(view, choices)),
        filters_shown=_shown(request, view, choices),
        **_extras(request, view, data, choices["first_day"]),
    )


async def _document_or_404(request: Request, slug: str, view: service.View) -> dict[str, Any]:
    data = await service.document_status(slug, view)
    if data is None:
        raise NotFoundException(
            i18n.translator(language(request))._("Document `%(id)s` was not found.", id=slug)
        )
    return data


def _table_labels(lang: str) -> tuple[list[str], Any, str]:
    headers = [i18n.translator(lang)._(words.EXPORT_COLUMN[c]) for c in exports.COLUMNS]
    return (
        headers,
        (lambda s: i18n.translator(lang)._(words.STATUS[s])),
        i18n.translator(lang)._("yes"),
    )


def _filename(view: service.View, extension: str) -> str:
    parts = [
        "status",
        view.filters.document,
        view.filters.party,
        view.filters.region and view.filters.region.replace(":", "-"),
        view.asof and view.asof.isoformat(),
    ]
    return "-".join(p for p in parts if p) + f".{extension}"


@get("/status.csv", name="status_csv", opt={"auth": "read"})
async def status_csv(request: Request) -> Response:
    view = await _view(request)
    headers, label, yes = _table_labels(language(request))
    rows = await service.all_rows(view)
    # Off the event loop (a whole table on dataset L takes seconds): the
    # worker's other requests go on meanwhile, as for XLSX.
    body = await anyio.to_thread.run_sync(exports.to_csv, rows, headers, label, yes)
    return _download(body, "text/csv", _filename(view, "csv"))


@get("/status.xlsx", name="status_xlsx", opt={"auth": "read"})
async def status_xlsx(request: Request) -> Response:
    view = await _view(request)
    headers, label, yes = _table_labels(language(request))
    rows = await service.all_rows(view)
    title = i18n.translator(language(request))._("Agreement status")
    body = await anyio.to_thread.run_sync(exports.to_xlsx, rows, headers, label, yes, title)
    return _download(
        body,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _filename(view, "xlsx"),
    )


def within_pdf_limit(request: Request, user: Any) -> None:
    """429 once this person (or, without a login, this address) asked for
    PDF_LIMIT's number of PDFs made on request in its window: the status
    reports and the Rakor letters, each rendered in turn and registered for
    good, share one count (they share each worker's queue of PDFs too), and
    the message names both."""
    if not PDF_LIMIT.allow(f"user:{user.id}" if user else f"address:{client_address(request)}"):
        raise HTTPException(
            status_code=429,
            detail=i18n.translator(language(request))._(
                "You asked for %(count)s PDFs (letters and status reports) within %(minutes)s minutes, the most one person may. Wait a few minutes, then try again.",
                count=PDF_LIMIT.limit,
                minutes=int(PDF_LIMIT.window // 60),
            ),
            headers={"Retry-After": "60"},
        )


@get("/status/d/{slug:str}/laporan.pdf", name="document_status_pdf", opt={"auth": "read"})
async def document_status_pdf(request: Request, slug: FromPath[str]) -> Response:
    """One A4 page per document, from the same numbers as the page (WeasyPrint),
    issued under a new verification code each time (a snapshot: the register
    keeps the row, not the bytes)."""
    user = current_user(request)
    within_pdf_limit(request, user)
    view = await _view(request, slug)
    data = await _document_or_404(request, slug, view)
    choices = await service.choices(slug)
    values = context(request, **_extras(request, view, data))
    values["filters_shown"] = described(UI(language(request)), view.filters, choices)
    values["printed_at"] = dt.datetime.now(dt.UTC)
    if "chart" in data:  # the PDF's figure says its values, as the page's does
        values["chart_svg"] = _chart_svg(data["chart"], UI(language(request)), described_title=True)
    template = request.app.template_engine.get_template("status_print.html")
    doc = register.Issue(
        kind=STATUS_REPORT,
        title=data["document"]["title"],
        subject=slug,
        language=values["lang"],
        issued_by=user.username if user else None,
    )
    issued = await register.issue(
        doc,
        public_base(request),
        lambda stamp: render_pdf_isolated(template.render(**values, stamp=stamp)),
    )
    body = issued.pdf
    return _download(
        body,
        "application/pdf",
        _filename(view, "pdf"),  # (the view's document is the path's)
        inline=True,
    )


@get("/ical/{name:str}", name="party_calendar", opt={"auth": "none"})
async def party_calendar(request: Request, name: FromPath[str]) -> Response:
    """A party's deadlines as iCalendar: a session or the feed token opens it.

    The address is `/ical/<party>.ics`; `/ical/<party>` (the suffix left off
    when typed or copied) is the same feed rather than an "unknown party"."""
    lang = language(request)
    party = name.removesuffix(".ics")
    token = request.query_params.get("token")
    settings = Settings.from_env()
    if (
        request.scope.get("user") is None
        and not settings.public_read
        and not valid_token(request.app.state.secret, party, token)
    ):
        raise HTTPException(
            status_code=403,
            detail=i18n.translator(lang)._(
                "This calendar link is not valid: copy it again from the status page."
            ),
        )
    found = await service.party_deadlines(party)
    if found is None:
        raise NotFoundException(i18n.translator(lang)._("Unknown party `%(key)s`.", key=party))
    party_row, rows = found
    base = settings.base_url or f"{request.url.scheme}://{request.url.netloc}"
    body = await anyio.to_thread.run_sync(
        exports.to_ical,
        i18n.translator(lang)._("Deadlines of %(party)s", party=party_row["name"]),
        rows,
        base,
        lambda s: i18n.translator(lang)._(words.STATUS[s]),
        dt.datetime.now(dt.UTC),
    )
    return Response(
        body,
        media_type="text/calendar",  # Litestar adds "; charset=utf-8" to text/* itself
        # No Cache-Control of its own: kept for even a few minutes, a browser
        # showed a deadline moved by a sync as it was (headers.py: no-store).
        headers={"Content-Disposition": f'inline; filename="{party}.ics"'},
    )


def _download(body: bytes, media_type: str, filename: str, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


@get("/api/status", name="api_status", opt={"auth": "read"})
async def api_status(request: Request) -> dict[str, Any]:
    """The status overview under the same URL parameters as /status."""
    return _for_api(await service.overview(await _view(request)))


@get("/api/status/d/{slug:str}", name="api_document_status", opt={"auth": "read"})
async def api_document_status(request: Request, slug: FromPath[str]) -> dict[str, Any]:
    """One document's status under the same URL parameters as /status/d/{slug}."""
    return _for_api(await _document_or_404(request, slug, await _view(request, slug)))


def _for_api(data: dict[str, Any]) -> dict[str, Any]:
    """A status page's data as the API sends it (the page's own is shared: not changed)."""
    return {k: v for k, v in data.items() if k not in ("summary_actions", "revision")}


ROUTES = [
    status_page,
    document_status_page,
    status_csv,
    status_xlsx,
    document_status_pdf,
    party_calendar,
    api_status,
    api_document_status,
]
