"""A document's progress week by week, and its drawing as inline SVG.

Drawn on the server so it reads without JavaScript and prints: a line for the
percent complete (left axis, 0-100) and bars for the late count (right axis),
with every value also in the SVG's text for screen readers.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from tracker import db, i18n
from tracker.progress import status
from tracker.progress.tables import Update
from tracker.reports.catalog import Catalog

WEEKS = 52  # at most a year of weekly points
UPDATES_SQL = (
    "SELECT u.action AS action, u.status AS status, u.percent AS percent, u.created_at AS at "
    'FROM "update" u JOIN "action" a ON a.id = u.action WHERE a.document = {} AND u.created_at < {} ORDER BY u.id'
)


@dataclass(frozen=True, slots=True)
class Point:
    day: dt.date
    percent: float
    late: int
    total: int


async def weekly(
    catalog: Catalog, document_id: int, end: dt.datetime, start: dt.date
) -> list[Point]:
    """Percent complete and late count at the end of each week up to `end` (UTC).

    One query for the document's updates, then one sweep: weeks x actions.
    Call inside a transaction.
    """
    updates = await Update.raw(UPDATES_SQL, document_id, db.timestamp_param(end)).run()
    actions = [a for a in catalog.actions if a.document == document_id]
    ends = _week_ends(end, start)
    points, state, i = [], {}, 0
    for moment in ends:
        while i < len(updates) and db.timestamp(updates[i]["at"]) < moment:
            row = updates[i]
            state[row["action"]] = (row["status"], row["percent"] or 0)
            i += 1
        points.append(_point(actions, state, moment))
    return points


def _week_ends(end: dt.datetime, start: dt.date) -> list[dt.datetime]:
    """Moments a week apart ending at `end`, none before `start`, oldest first."""
    first = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    ends = []
    moment = end
    while len(ends) < WEEKS and moment >= first:
        ends.append(moment)
        moment -= dt.timedelta(days=7)
    return ends[::-1] or [end]


def _point(actions: list, state: dict[int, tuple[str, int]], moment: dt.datetime) -> Point:
    day = (moment - dt.timedelta(seconds=1)).astimezone(i18n.WITA).date()
    percents, late, total = [], 0, 0
    for action in actions:
        if not action.exists_at(moment):
            continue
        total += 1
        current, percent = state.get(action.id, (status.NOT_STARTED, 0))
        if current != status.CANCELLED:
            percents.append(status.percent_of({"status": current, "percent": percent}))
        late += status.is_late(action.due_at(moment), current, day)
    mean = round(sum(percents) / len(percents), 1) if percents else 0.0
    return Point(day=day, percent=mean, late=late, total=total)


MONTH_GAP = 40  # least distance between two month labels, in SVG units


def svg(
    points: list[Point],
    labels: dict[str, str],
    format_date,
    format_percent=None,
    described_title: bool = False,
) -> str:
    """The chart as an SVG string; `labels` holds the translated texts, all escaped here.

    `format_percent(value, digits)` writes numbers in the interface language
    ("20,5%" or "20.5%", CLDR), in the axis and in the screen-reader text. The
    margins leave room for the larger text a phone's stylesheet asks for.
    `described_title` puts the description (first and last values) in the
    `<title>` too: a tagged PDF takes a figure's alternative text from the
    title alone, where a browser reads both (`aria-labelledby`).
    """
    if format_percent is None:  # the default language's CLDR format

        def format_percent(value: float, digits: int = 1) -> str:
            return i18n.format_percent(value, i18n.DEFAULT_LANGUAGE, digits)

    width, height, left, right, top, bottom = 640, 230, 84, 44, 16, 54
    plot_w, plot_h = width - left - right, height - top - bottom
    max_late = max((p.late for p in points), default=0) or 1
    step = plot_w / max(len(points) - 1, 1)
    bar_w = max(min(step * 0.6, 14), 2)

    def x(i: int) -> float:
        return left + i * step

    def y_pct(value: float) -> float:
        return top + plot_h * (1 - value / 100)

    def y_late(value: int) -> float:
        return top + plot_h * (1 - value / max_late)

    e = html.escape
    description = _describe(points, labels, format_date, format_percent)
    title = (
        f"{labels['title']}: {description}" if described_title and description else labels["title"]
    )
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{e(title)}</title>',
        f'<desc id="chart-desc">{e(description)}</desc>',
    ]
    for value in (0, 50, 100):
        out.append(
            f'<line class="grid" stroke="#dde2e7" x1="{left}" x2="{width - right}" y1="{y_pct(value):.1f}" y2="{y_pct(value):.1f}"/>'
            f'<text class="axis" font-size="11" fill="#555" x="{left - 6}" y="{y_pct(value) + 4:.1f}" text-anchor="end">{e(format_percent(value, 0))}</text>'
        )
    out.append(
        f'<text class="axis late-axis" font-size="11" fill="#b3261e" x="{width - right + 6}" y="{top + 4}">{max_late}</text>'
        f'<text class="axis late-axis" font-size="11" fill="#b3261e" x="{width - right + 6}" y="{top + plot_h + 4}">0</text>'
    )
    for i, p in enumerate(points):
        if p.late:
            h = top + plot_h - y_late(p.late)
            out.append(
                f'<rect class="late-bar" fill="#b3261e" fill-opacity=".55" x="{x(i) - bar_w / 2:.1f}" y="{y_late(p.late):.1f}" '
                f'width="{bar_w:.1f}" height="{h:.1f}"><title>{e(format_date(p.day))}: '
                f"{p.late} {e(labels['late'])}</title></rect>"
            )
    line = " ".join(f"{x(i):.1f},{y_pct(p.percent):.1f}" for i, p in enumerate(points))
    out.append(
        f'<polyline class="percent-line" fill="none" stroke="#0b5cad" stroke-width="2.5" points="{line}"/>'
    )
    last_x, shown = -1000.0, 0
    for i in month_starts(points):
        if x(i) - last_x >= MONTH_GAP:  # labels never overlap
            last_x, shown = x(i), shown + 1
            alt = " alt" if shown % 2 == 0 else ""  # every other one: hidden on a phone
            out.append(
                f'<text class="axis month{alt}" font-size="11" fill="#555" x="{x(i):.1f}" y="{top + plot_h + 20}" text-anchor="middle">'
                f"{e(labels['months'][points[i].day.month - 1])}</text>"
            )
    legend_y = height - 8
    out.append(
        f'<line class="percent-line" stroke="#0b5cad" stroke-width="2.5" x1="{left}" x2="{left + 18}" y1="{legend_y - 4}" y2="{legend_y - 4}"/>'
        f'<text class="legend" font-size="11" fill="#555" x="{left + 24}" y="{legend_y}">{e(labels["percent"])}</text>'
        f'<rect class="late-bar" fill="#b3261e" fill-opacity=".55" x="{left + 260}" y="{legend_y - 9}" width="10" height="10"/>'
        f'<text class="legend" font-size="11" fill="#555" x="{left + 276}" y="{legend_y}">{e(labels["late"])}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def month_starts(points: list[Point]) -> list[int]:
    """The indexes of the weeks in which a month starts (a point is the end of its
    week: the week holds the 1st when the 1st is at most six days before it)."""
    return [i for i, p in enumerate(points) if p.day.day <= 7]


def _describe(points: list[Point], labels: dict[str, str], format_date, format_percent) -> str:
    if not points:
        return ""
    first, last = points[0], points[-1]
    return (
        f"{format_date(first.day)}: {format_percent(first.percent)} {labels['percent']}, {first.late} {labels['late']}. "
        f"{format_date(last.day)}: {format_percent(last.percent)} {labels['percent']}, {last.late} {labels['late']}."
    )
