"""The agreement format (v1): one Markdown file in, one `ParsedDocument` out.

This module knows nothing of the database or the web. It reads a file's text
with markdown-it-py, walks the tokens (their `map` gives line numbers) and
reports every problem as a `Diagnostic` at its 1-based line, so that people who
write agreements can fix them in their editor. Checks that need other files
(duplicate ids, `follows`, inherited parties) live in `checker.py`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml
    from markdown_it.token import Token

    from tracker.regions.desa_adat import DesaAdatList

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ACTION_ID_RE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
BOLD_ID_RE = re.compile(r"^\*\*(?P<id>[^*\n]*)\*\*(?P<rest>.*)$", re.S)
TASK_LINE_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[(?P<mark>[ xX])\](?:\s|$)")
ITEM_LINE_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
# A box that is not one (`[]`, `[-]`, `[v]`) before a bold ID: an action meant.
BROKEN_BOX_RE = re.compile(r"^(?P<box>\[[^\]\n]{0,3}\])\s*\*\*(?P<id>[^*\n]+)\*\*")
HEADING_SLUG_RE = re.compile(r"^(?P<text>.*?)\s*\{#(?P<slug>[^}]*)\}\s*$")
FIELD_RE = re.compile(r"^(?P<key>[^:]+):(?P<value>.*)$", re.S)
TARGET_RE = re.compile(r"^(?P<num>[+-]?\d+(?:[.,]\d+)?)(?P<unit>\s*\S.*)?$")
AMBIGUOUS_NUMBER_RE = re.compile(r"^[+-]?\d+[.,]\d{3}$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")

# One file's limits. Real agreements are a few kilobytes with tens of actions;
# these leave room for the largest plausible minutes while keeping a sync (one
# transaction) short and a mistaken export from taking the server down.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ACTIONS = 5_000
MAX_HEADINGS = 5_000
MAX_PARTIES = 500
# Longest texts the database keeps (characters): an id, a party key, a heading
# slug, an action ID, a target unit. PostgreSQL refuses longer ones.
MAX_ID, MAX_PARTY_KEY, MAX_SLUG, MAX_ACTION_ID, MAX_UNIT = 128, 64, 128, 64, 64

DOCUMENT_TYPES = ("agreement", "minutes")
LANGUAGES = ("id", "en")
FRONT_MATTER_KEYS = (
    "id",
    "type",
    "title",
    "signed",
    "date",
    "place",
    "parties",
    "follows",
    "attendees",
    "chair",
    "instrument",
    "number",
    "valid_until",
    "language",
    "party_regions",
)
# Front-matter keys are English only; these Indonesian names, which a
# secretariat writes first, get the English key suggested (they are too far
# from it for a spelling suggestion).
FRONT_MATTER_IN_INDONESIAN = {
    "nomor": "number",
    "judul": "title",
    "jenis": "type",
    "tipe": "type",
    "ditandatangani": "signed",
    "tanggal": "date",
    "tempat": "place",
    "pihak": "parties",
    "para_pihak": "parties",
    "peserta": "attendees",
    "pimpinan": "chair",
    "ketua": "chair",
    "instrumen": "instrument",
    "berlaku_sampai": "valid_until",
    "bahasa": "language",
}
# Field keys as written (lower-cased) -> canonical name. Indonesian names are
# equal to the English ones.
FIELD_KEYS = {
    "owner": "owner",
    "penanggung jawab": "owner",
    "with": "with",
    "pendukung": "with",
    "due": "due",
    "tenggat": "due",
    "start": "start",
    "mulai": "start",
    "indicator": "indicator",
    "indikator": "indicator",
    "target": "target",
    "depends": "depends",
    "bergantung pada": "depends",
    # an action broken down by region (docs/agreement-format.md, "Regions")
    "regions": "regions",
    "wilayah": "regions",
    "region level": "region level",
    "tingkat wilayah": "region level",
    "region target": "region target",
    "target wilayah": "region target",
    "region owner": "region owner",
    "pelapor wilayah": "region owner",
}
REGION_FIELDS = ("regions", "region level", "region target", "region owner")
# Other words authors write for a field (too far from its key for a spelling
# suggestion) -> the key suggested, in the language of the word.
FIELD_IN_OTHER_WORDS = {
    "batas waktu": "tenggat",
    "tenggat waktu": "tenggat",
    "jatuh tempo": "tenggat",
    "deadline": "due",
    "due date": "due",
    "pemilik": "penanggung jawab",
    "pelaksana": "penanggung jawab",
    "owners": "owner",
    "didukung oleh": "pendukung",
    "mitra": "pendukung",
    "supporter": "with",
    "supporters": "with",
    "tanggal mulai": "mulai",
    "start date": "start",
    "sasaran": "target",
    "indikator kinerja": "indikator",
    "depends on": "depends",
}


@dataclass(frozen=True)
class Diagnostic:
    """One error or warning, at a 1-based line of one file."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "message": self.message}


@dataclass
class Target:
    value: int | float
    unit: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit}

    def __str__(self) -> str:
        number = number_text(self.value)
        return f"{number} {self.unit}" if self.unit else number


def number_text(value: float | int) -> str:
    """`100` for 100 or 100.0, `2.5` for 2.5: one spelling, whatever was stored."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


@dataclass
class ParsedCommitment:
    slug: str
    title: str
    line: int
    parent: str | None = None
    description: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "title": self.title, "line": self.line, "parent": self.parent}


@dataclass(frozen=True)
class RegionPart:
    """One region of an action broken down by region: a part of its own."""

    key: str  # the official code (e.g. "51.71", Kota Denpasar) or "adat:<slug>"
    name: str
    level: str  # provinsi | kabupaten | kecamatan | desa | desa_adat
    owner: str  # the party key that reports for it
    target: Target | None = None


@dataclass
class ParsedAction:
    id: str
    title: str
    commitment: str
    line: int
    done: bool = False
    owner: list[str] = field(default_factory=list)
    with_: list[str] = field(default_factory=list)
    due: dt.date | None = None
    start: dt.date | None = None
    indicator: str | None = None
    target: Target | None = None
    depends: list[str] = field(default_factory=list)
    regions: list[RegionPart] = field(default_factory=list)
    description: str = ""
    # canonical field name -> the line it was written on
    field_lines: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        result = {
            "id": self.id,
            "title": self.title,
            "commitment": self.commitment,
            "owner": self.owner,
            "with": self.with_,
            "due": _iso(self.due),
            "start": _iso(self.start),
            "indicator": self.indicator,
            "target": self.target.as_dict() if self.target else None,
            "depends": self.depends,
            "done": self.done,
            "line": self.line,
        }
        if self.regions:  # only then: files without regions give the same dict as before
            result["regions"] = [
                {
                    "key": part.key,
                    "name": part.name,
                    "level": part.level,
                    "owner": part.owner,
                    "target": part.target.as_dict() if part.target else None,
                }
                for part in self.regions
            ]
        return result


@dataclass
class ParsedDocument:
    path: str
    text: str
    id: str | None = None
    type: str = "agreement"
    title: str | None = None
    signed: dt.date | None = None
    date: dt.date | None = None
    place: str | None = None
    parties: dict[str, str] = field(default_factory=dict)
    parties_declared: bool = False
    front_matter_read: bool = False
    follows: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    chair: str | None = None
    instrument: str | None = None
    number: str | None = None
    valid_until: dt.date | None = None
    language: str = "id"
    commitments: list[ParsedCommitment] = field(default_factory=list)
    actions: list[ParsedAction] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # front-matter key -> line, for errors found later (e.g. `follows`)
    key_lines: dict[str, int] = field(default_factory=dict)
    # region breakdowns as written, resolved against the region data once the
    # parties are known (tracker/agreements/region_parts.py):
    # party key -> (line, region); action ID -> field -> (line, value)
    party_region_fields: dict[str, tuple[int, str]] = field(default_factory=dict)
    party_lines: dict[str, int] = field(default_factory=dict)  # party key -> its line
    region_fields: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def errors_at(self, line: int) -> bool:
        return any(d.line == line and d.severity == "error" for d in self.diagnostics)

    def error(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, message, "error"))

    def warn(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, message, "warning"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.id,
            "type": self.type,
            "title": self.title,
            "signed": _iso(self.signed),
            "date": _iso(self.date),
            "follows": self.follows,
            "parties": self.parties,
            "commitments": [c.as_dict() for c in self.commitments],
            "actions": [a.as_dict() for a in self.actions],
        }

    def meta(self) -> dict[str, Any]:
        """The front matter values worth storing beside the document."""
        return {
            "place": self.place,
            "follows": self.follows,
            "attendees": self.attendees,
            "chair": self.chair,
            "instrument": self.instrument,
            "number": self.number,
            "valid_until": _iso(self.valid_until),
            "language": self.language,
            "parties": self.parties,
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def slugify(text: str) -> str:
    """The format's slug rule: NFKD, drop marks, lower-case, runs of others -> '-'."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean `due`?)' or '' — a mistyped key must never pass silently.
    Case counts little to a person: `NTT` is meant as `ntt`, which the
    spelling distance alone (two of three letters differ) would not find."""
    same = [c for c in choices if c.lower() == word.lower()]
    close = same or difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _suggest_key(key: str) -> str:
    """The English key of an Indonesian one, else the closest spelling."""
    english = FRONT_MATTER_IN_INDONESIAN.get(key.replace(" ", "_"))
    return f" (did you mean `{english}`?)" if english else suggest(key, FRONT_MATTER_KEYS)


def _meant(field_key: str) -> str:
    """The field an unknown key probably means: its other name, else the closest spelling."""
    other = FIELD_IN_OTHER_WORDS.get(" ".join(field_key.lower().split()))
    return f" (did you mean `{other}`?)" if other else suggest(field_key.lower(), list(FIELD_KEYS))


def parse_date(value: str, *, allow_month: bool = False) -> dt.date:
    """Parse `YYYY-MM-DD` (or `YYYY-MM` = the month's last day); ValueError if not real."""
    value = value.strip()
    if m := DATE_RE.match(value):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise ValueError(
                f"`{value}` is not a real date: check the day and the month (YYYY-MM-DD)"
            ) from None
    if allow_month and (m := MONTH_RE.match(value)):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"`{value}` is not a real month (YYYY-MM)")
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    expected = "YYYY-MM-DD or YYYY-MM" if allow_month else "YYYY-MM-DD"
    raise ValueError(f"expected a date as {expected}, got `{value}`")


def parse_target(value: str) -> Target:
    """`40 pelatihan`, `100 %`, `2,5 km`; `1.000` is ambiguous and refused."""
    value = value.strip()
    m = TARGET_RE.match(value)
    if not m:
        raise ValueError(
            f"target `{value}` must be a number with an optional unit, such as "
            "`40 pelatihan` or `100 %` (no thousands separators)"
        )
    number = m["num"]
    if AMBIGUOUS_NUMBER_RE.match(number):
        whole = str(int(re.sub(r"[.,]", "", number)))
        raise ValueError(
            f"target number `{number}` is ambiguous (a decimal, or a thousands separator?): "
            f"write `{whole}` for the whole number, or `{number}0` for the decimal"
        )
    unit = (m["unit"] or "").strip() or None
    if "," in number or "." in number:
        return Target(float(number.replace(",", ".")), unit)
    return Target(int(number), unit)


def split_keys(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


# Block structure only: the format reads each block's raw text (`content`),
# never the inline tokens (emphasis, links) inside it, which were a third of
# parsing an agreement (`tracker.agreements.render` parses inline to show it).
@cache
def _markdown() -> Any:
    """The block-level parser, made on first use: a sync with nothing
    changed parses nothing, and importing markdown-it was a tenth of its time."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table").disable("inline")


def parse_document(
    text: str, path: str = "<string>", desa_adat: DesaAdatList | None = None
) -> ParsedDocument:
    """Parse one agreement or minutes file; every problem becomes a diagnostic.

    `desa_adat` is the list of desa adat that `adat:` regions name; when not
    given, the `desa-adat-*.csv` files beside `path` are read if a breakdown
    needs them.
    """
    doc = ParsedDocument(path=path, text=text)
    if not _readable(doc):
        return doc
    tokens = _markdown().parse(text)
    if not tokens or tokens[0].type != "front_matter":
        doc.error(1, "no front matter: the file must start with a `---` line and YAML keys")
    else:
        _FrontMatter(doc, tokens[0]).read()
    _Body(doc, text.splitlines(), tokens).read()
    _check_limits(doc)
    _check_dependencies(doc)
    # `party_regions` is checked even where no action is broken down yet: a
    # mistyped party there would otherwise wait, unseen, for the first one
    if (doc.region_fields or doc.party_region_fields) and doc.parties_declared:
        resolve_regions(doc, desa_adat)  # minutes that inherit parties: in the checker
    return doc


def resolve_regions(doc: ParsedDocument, desa_adat: DesaAdatList | None = None) -> None:
    """Fill the actions' `regions` from what was written (imported only when used,
    so files without regions never load the region data)."""
    from tracker.agreements.region_parts import resolve

    resolve(doc, desa_adat)


def too_large(size: int) -> str:
    """The message for a file over MAX_FILE_BYTES (checked before decoding it)."""
    return (
        f"the file is {size / 1024 / 1024:.1f} MB; one agreement file may hold at most "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB: split it into several files"
    )


def _readable(doc: ParsedDocument) -> bool:
    """Refuse at once what no parse should be spent on: huge text, NUL bytes."""
    text = doc.text
    if len(text) > MAX_FILE_BYTES:
        doc.error(1, too_large(len(text.encode("utf-8", "replace"))))
        return False
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        doc.error(
            line,
            "the file contains a NUL byte (character 0), which is not text: "
            "save it again as plain UTF-8 text",
        )
        return False
    return True


def _check_limits(doc: ParsedDocument) -> None:
    """Counts a single sync can hold; beyond them, split the file."""
    for items, limit, what in (
        (doc.actions, MAX_ACTIONS, "actions"),
        (doc.commitments, MAX_HEADINGS, "headings"),
    ):
        if len(items) > limit:
            doc.error(
                items[limit].line,
                f"more than {limit:,} {what} in one file ({len(items):,}): "
                "split it into several files",
            )
    if len(doc.parties) > MAX_PARTIES:
        doc.error(
            doc.key_lines.get("parties", 1),
            f"more than {MAX_PARTIES} parties in one file ({len(doc.parties)})",
        )
    _check_lengths(doc)


def _check_lengths(doc: ParsedDocument) -> None:
    """Texts longer than the database keeps: an error at their line, in the
    file, rather than a failed sync (or, on SQLite, a value no other engine takes)."""

    def check(text: str | None, limit: int, line: int, what: str) -> None:
        if text and len(text) > limit:
            doc.error(
                line,
                f"{what} `{text[:40]}…` is {len(text)} characters long; "
                f"at most {limit} are kept: shorten it",
            )

    check(doc.id, MAX_ID, doc.key_lines.get("id", 1), "`id`")
    for key in doc.parties:
        check(key, MAX_PARTY_KEY, doc.key_lines.get("parties", 1), "party key")
    for commitment in doc.commitments:
        check(commitment.slug, MAX_SLUG, commitment.line, "heading slug")
    for action in doc.actions:
        check(action.id, MAX_ACTION_ID, action.line, "action ID")
        line = action.field_lines.get("target", action.line)
        check(action.target and action.target.unit, MAX_UNIT, line, "target unit")
        for region in action.regions:
            check(region.target and region.target.unit, MAX_UNIT, line, "target unit")


class _FrontMatter:
    """Reads the YAML between `---` lines with its nodes' marks, for line numbers.

    PyYAML is imported by the methods that read nodes, not with the module: a
    sync with nothing changed parses no file and should not pay for it."""

    def __init__(self, doc: ParsedDocument, token: Token) -> None:
        self.doc = doc
        self.content = token.content
        self.offset = 2  # YAML line 0 is the file's line 2

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.offset

    def read(self) -> None:
        import yaml

        doc = self.doc
        try:
            root = yaml.compose(self.content, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + self.offset if mark else 1
            doc.error(line, f"invalid YAML in front matter: {exc.problem or exc}")
            return
        except yaml.YAMLError as exc:
            doc.error(1, f"invalid YAML in front matter: {exc}")
            return
        if root is None:
            doc.error(1, "front matter is empty: `id`, `title` and `parties` are required")
            return
        if not isinstance(root, yaml.MappingNode):
            doc.error(self.line(root), "front matter must be `key: value` lines")
            return
        doc.front_matter_read = True
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in root.value:
            key = str(key_node.value).lower() if isinstance(key_node, yaml.ScalarNode) else ""
            line = self.line(key_node)
            if key not in FRONT_MATTER_KEYS:
                hint = _suggest_key(key)
                if not hint and self.stray_party(values.get("parties"), key, value_node):
                    hint = " (a party? indent it by two spaces under `parties:`)"
                doc.warn(line, f"unknown front-matter key `{key_node.value}` is ignored" + hint)
                continue
            if key in values:
                doc.error(line, f"front-matter key `{key}` is given twice")
                continue
            values[key] = value_node
            doc.key_lines[key] = line
        self.apply(values)

    @staticmethod
    def stray_party(parties: yaml.Node | None, key: str, value: yaml.Node) -> bool:
        """Whether `key: value` after an empty `parties:` is a party left unindented."""
        import yaml

        return (
            _is_null(parties)
            and bool(SLUG_RE.match(key))
            and isinstance(value, yaml.ScalarNode)
            and not _is_null(value)
        )

    def scalar(self, key: str, node: yaml.Node) -> str | None:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            self.doc.error(self.line(node), f"`{key}` must be a single value")
            return None
        if node.tag == "tag:yaml.org,2002:null" and node.style is None:
            return None
        value = str(node.value).strip()
        return value or None

    def strings(self, key: str, node: yaml.Node) -> list[str]:
        """A list of strings; one string is a list of one."""
        import yaml

        if isinstance(node, yaml.ScalarNode):
            value = self.scalar(key, node)
            return [value] if value else []
        if isinstance(node, yaml.SequenceNode):
            result = []
            for item in node.value:
                value = self.scalar(key, item)
                if value:
                    result.append(value)
            return result
        self.doc.error(self.line(node), f"`{key}` must be a list")
        return []

    def date(self, key: str, node: yaml.Node) -> dt.date | None:
        value = self.scalar(key, node)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.doc.error(self.line(node), f"`{key}`: {exc}")
            return None

    def apply(self, values: dict[str, yaml.Node]) -> None:
        doc = self.doc
        if "type" in values:
            kind = self.scalar("type", values["type"])
            if kind and kind not in DOCUMENT_TYPES:
                doc.error(
                    self.line(values["type"]),
                    f"`type` must be `agreement` or `minutes`, not `{kind}`",
                )
            elif kind:
                doc.type = kind
        required = ["id", "title"] + (
            ["date", "follows"] if doc.type == "minutes" else ["signed", "parties"]
        )
        hints = {
            "signed": " (an agreement's date is `signed`; `date` is a meeting's)",
            "date": " (minutes take `date`, the day of the meeting; `signed` is an agreement's)",
        }
        for key in required:
            if key not in values:
                other = {"signed": "date", "date": "signed"}.get(key)
                hint = hints[key] if other in values else ""
                doc.error(1, f"missing required front-matter key `{key}`" + hint)

        if "id" in values:
            doc.id = self.scalar("id", values["id"])
            if doc.id is None:
                doc.error(self.line(values["id"]), "`id` is empty")
            elif not SLUG_RE.match(doc.id):
                doc.error(
                    self.line(values["id"]),
                    f"`id` `{doc.id}` is not a slug: use lower-case letters, digits "
                    f"and `-`, e.g. `{slugify(doc.id) or 'harmoni-bali-ntt'}`",
                )
                doc.id = None
        if "title" in values:
            doc.title = self.scalar("title", values["title"])
            if doc.title is None:
                doc.error(self.line(values["title"]), "`title` is empty")
        for key in ("signed", "date", "valid_until"):
            if key in values:
                setattr(doc, key, self.date(key, values[key]))
                if (
                    getattr(doc, key) is None
                    and key in required
                    and not doc.errors_at(self.line(values[key]))
                ):
                    doc.error(
                        self.line(values[key]), f"`{key}` is empty: write the date as YYYY-MM-DD"
                    )
        if doc.valid_until and doc.signed and doc.valid_until < doc.signed:
            doc.warn(
                self.line(values["valid_until"]),
                f"`valid_until` {doc.valid_until.isoformat()} is earlier than "
                f"`signed` {doc.signed.isoformat()}",
            )
        for key in ("place", "chair", "instrument", "number"):
            if key in values:
                setattr(doc, key, self.scalar(key, values[key]))
        if "language" in values:
            language = self.scalar("language", values["language"])
            if language and language not in LANGUAGES:
                doc.error(self.line(values["language"]), "`language` must be `id` or `en`")
            elif language:
                doc.language = language
        if "parties" in values:
            self.parties(values["parties"])
        if "follows" in values:
            doc.follows = self.strings("follows", values["follows"])
            if doc.type == "minutes" and not doc.follows:
                doc.error(
                    self.line(values["follows"]),
                    "`follows` must name the agreement(s) this meeting follows up",
                )
        if "attendees" in values:
            doc.attendees = self.strings("attendees", values["attendees"])
        if "party_regions" in values:
            self.party_regions(values["party_regions"])

    def party_regions(self, node: yaml.Node) -> None:
        """`party_regions:` party key -> the region it governs, checked once resolved."""
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.doc.error(
                self.line(node),
                "`party_regions` must be a mapping of party key to region, e.g. `bali: 51`",
            )
            return
        for key_node, value_node in node.value:
            key = str(key_node.value).strip()
            value = self.scalar(f"party_regions.{key}", value_node) or ""
            self.doc.party_region_fields[key] = (self.line(key_node), value)

    def parties(self, node: yaml.Node) -> None:
        import yaml

        doc = self.doc
        if _is_null(node):
            doc.error(
                self.line(node),
                "`parties` is empty: write each party on its own line below it, indented "
                "by two spaces, e.g. `  bali: Pemerintah Provinsi Bali`",
            )
            return
        if not isinstance(node, yaml.MappingNode):
            doc.error(
                self.line(node),
                "`parties` must be a mapping of party key to full name, e.g. "
                "`bali: Pemerintah Provinsi Bali`",
            )
            return
        doc.parties_declared = True
        for key_node, value_node in node.value:
            key = str(key_node.value).strip()
            line = self.line(key_node)
            if not SLUG_RE.match(key):
                doc.error(line, f"party key `{key}` is not a slug (lower-case, digits, `-`)")
                continue
            if key in doc.parties:
                doc.error(line, f"party `{key}` is listed twice")
                continue
            name = self.scalar(f"parties.{key}", value_node)
            if not name:
                doc.error(line, f"party `{key}` needs a full name")
                continue
            doc.parties[key] = name
            doc.party_lines[key] = line


def _is_null(node: yaml.Node | None) -> bool:
    """An empty YAML value (`key:` with nothing after it)."""
    return (
        node is not None
        and node.tag == "tag:yaml.org,2002:null"
        and getattr(node, "style", None) is None
        and not node.value
    )


class _Body:
    """Walks the Markdown tokens: headings open commitments, task items are actions."""

    def __init__(self, doc: ParsedDocument, lines: list[str], tokens: list[Token]) -> None:
        self.doc = doc
        self.lines = lines
        self.tokens = tokens
        self.h2: ParsedCommitment | None = None
        self.current: ParsedCommitment | None = None
        self.slugs: set[str] = set()
        self.action_ids: dict[str, int] = {}  # action ID -> its line
        # whether the top-level list being walked holds actions, and its last one
        self.in_task_list = False
        self.last_action: str | None = None
        # description paragraphs per commitment, joined once at the end: adding
        # to a string paragraph by paragraph is quadratic in a long file
        self.paragraphs: dict[int, list[str]] = {}

    def read(self) -> None:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.level == 0 and token.type.endswith("list_open"):
                self.in_task_list = self.contains_task(i)
            if token.type == "heading_open":
                self.last_action = None  # a list after a heading follows no action
            if token.type == "heading_open" and token.tag in ("h2", "h3"):
                self.heading(token, tokens[i + 1])
            elif token.type == "list_item_open" and self.is_task(token):
                end = self.closing(i)
                self.action(i, end)
                i = end
            elif token.type == "list_item_open" and token.level == 1:
                self.plain_item(token)
            elif self.is_free_text(token, i):
                self.describe(token)
            i += 1
        for commitment in self.doc.commitments:
            commitment.description = "\n\n".join(self.paragraphs.get(id(commitment), []))

    def is_free_text(self, token: Token, index: int) -> bool:
        """A top-level block that holds no action (a list of actions is not text)."""
        if token.level != 0 or not token.map or token.type == "front_matter":
            return False
        return not (token.type.endswith("list_open") and self.in_task_list)

    def contains_task(self, start: int) -> bool:
        end = self.closing(start)
        return any(t.type == "list_item_open" and self.is_task(t) for t in self.tokens[start:end])

    def closing(self, start: int) -> int:
        """Index of the token that closes the block opened at `start`."""
        opener = self.tokens[start]
        close_type = opener.type.replace("_open", "_close")
        for j in range(start + 1, len(self.tokens)):
            t = self.tokens[j]
            if t.type == close_type and t.level == opener.level:
                return j
        return len(self.tokens) - 1

    def is_task(self, token: Token) -> bool:
        return bool(token.map and TASK_LINE_RE.match(self.lines[token.map[0]]))

    def source(self, token: Token) -> str:
        start, end = token.map or (0, 0)
        return textwrap.dedent("\n".join(self.lines[start:end])).strip()

    def plain_item(self, token: Token) -> None:
        """A top-level list item that is no action: text, unless it is an
        action whose box is broken or a field whose indentation was lost."""
        line = token.map[0]
        text = ITEM_LINE_RE.match(self.lines[line])["text"]
        if m := BROKEN_BOX_RE.match(text):
            self.doc.error(
                line + 1,
                f"`{m['id'].strip()}` has the box `{m['box']}`, so it is not read as an "
                "action: write `[ ]` or `[x]`, e.g. `- [ ] **PM-01** …`",
            )
        elif self.in_task_list or self.last_action is not None:
            # a list of its own right after the actions, too: `  - owner: …`
            # under `1. [ ] **PM-01**` is not inside it (`1. ` needs three spaces)
            self.stray_field(line, text)

    def stray_field(self, line: int, text: str) -> None:
        """A plain item beside actions that reads `due: …` is a field whose
        indentation was lost: as an item of its own it would be ignored, and
        the action left without its deadline (or owner, or target)."""
        m = FIELD_RE.match(text)
        key = FIELD_KEYS.get(m["key"].strip().lower()) if m else None
        if key is None or self.last_action is None:
            return  # text, or a list's opening words (minutes' decisions) before its actions
        self.doc.error(
            line + 1,
            f"field `{key}` is not indented under action `{self.last_action}`, so it is "
            "not read: indent it like the action's other fields, to its text (two spaces "
            "after `- `, three after `1. `)",
        )

    def describe(self, token: Token) -> None:
        """Free text under a heading is its commitment's description."""
        if self.current is None or token.type.endswith("_close"):
            return
        if token.type == "heading_open" and token.tag == "h1":
            return
        text = self.source(token)
        if text:
            self.paragraphs.setdefault(id(self.current), []).append(text)

    def heading(self, token: Token, inline: Token) -> None:
        doc = self.doc
        line = token.map[0] + 1
        raw = inline.content.strip()
        explicit = HEADING_SLUG_RE.match(raw)
        title = explicit["text"].strip() if explicit else raw
        title = _plain(title)
        if explicit:
            slug = explicit["slug"].strip()
            if not SLUG_RE.match(slug):
                doc.error(line, f"heading slug `{{#{slug}}}` is not a slug (a-z, 0-9, `-`)")
                slug = slugify(slug)
        else:
            slug = slugify(title)
        if not slug:
            doc.error(line, "heading gives an empty slug: add one, e.g. `{#pokok-1}`")
            slug = f"line-{line}"
        if token.tag == "h3" and self.h2 is None:
            doc.error(line, "a `###` heading before the first `##` heading")
        if slug in self.slugs:
            doc.error(line, f"commitment slug `{slug}` is used twice in this file")
        self.slugs.add(slug)
        parent = self.h2.slug if token.tag == "h3" and self.h2 else None
        commitment = ParsedCommitment(slug=slug, title=title, line=line, parent=parent)
        doc.commitments.append(commitment)
        self.current = commitment
        if token.tag == "h2":
            self.h2 = commitment

    def action(self, start: int, end: int) -> None:
        doc = self.doc
        item = self.tokens[start]
        line = item.map[0] + 1
        if self.current is None:
            doc.error(line, "a task-list item before the first `##` heading")
        mark = TASK_LINE_RE.match(self.lines[item.map[0]])["mark"]
        children = self.children(start, end)
        title_inline = None
        if children and children[0][0].type == "paragraph_open":
            title_inline = self.tokens[children[0][1] + 1]
            children = children[1:]
        raw = title_inline.content if title_inline else ""
        raw = re.sub(r"^\s*\[[ xX]\]", "", raw, count=1).strip()
        m = BOLD_ID_RE.match(raw)
        if not m:
            doc.error(line, "action without an ID: start it with the ID in bold, e.g. `**PM-01**`")
            return
        action_id = m["id"].strip()
        # `**PM-01**: Judul` or `**PM-01** – Judul`: the punctuation is no part of the title
        title = " ".join(m["rest"].split()).lstrip(":–—").strip()
        if not ACTION_ID_RE.match(action_id):
            first, _, rest = action_id.partition(" ")
            hint = (
                f": put only the ID in bold: `**{first}** {rest}`"
                if rest and ACTION_ID_RE.match(first)
                else ""
            )
            doc.error(
                line,
                f"action ID `{action_id}` does not match the pattern: capital letters "
                "and digits in parts joined by `-`, e.g. `PM-01`" + hint,
            )
            return
        if action_id in self.action_ids:
            doc.error(
                line,
                f"action ID `{action_id}` is used twice in this file (first at line "
                f"{self.action_ids[action_id]}): give this action a new ID",
            )
            return
        self.action_ids[action_id] = line
        self.last_action = action_id
        if not title:
            doc.error(line, f"action `{action_id}` has no title after its ID")
        action = ParsedAction(
            id=action_id,
            title=title,
            commitment=self.current.slug if self.current else "",
            line=line,
            done=mark in "xX",
        )
        description = []
        for token, index in children:
            if token.type == "bullet_list_open":
                self.fields(action, index)
            elif token.map:
                description.append(self.source(token))
        action.description = "\n\n".join(d for d in description if d)
        if "owner" not in action.field_lines:
            doc.error(
                line,
                f"action `{action_id}` has no `owner`: add a line `  - owner: <party key>` "
                "under it, indented like its other fields",
            )
        self.check_due(action)
        doc.actions.append(action)

    def children(self, start: int, end: int) -> list[tuple[Token, int]]:
        """The blocks directly inside the list item at `start`."""
        level = self.tokens[start].level + 1
        return [
            (t, j)
            for j, t in enumerate(self.tokens[start + 1 : end], start + 1)
            if t.level == level
            and t.nesting == 1
            or (t.level == level and t.nesting == 0 and t.map)
        ]

    def fields(self, action: ParsedAction, list_index: int) -> None:
        end = self.closing(list_index)
        for item, index in self.children(list_index, end):
            if item.type != "list_item_open":
                continue
            line = item.map[0] + 1
            if self.is_task(item):
                self.doc.error(
                    line,
                    "a task-list item inside an action: write it as its own action "
                    "under the heading",
                )
                continue
            inline = self.tokens[index + 2] if index + 2 < end else None
            content = inline.content if inline is not None and inline.type == "inline" else ""
            self.field(action, line, " ".join(content.split()))
            self.nested_fields(action, index, content)

    def nested_fields(self, action: ParsedAction, item_index: int, parent: str) -> None:
        """A field indented deeper than its siblings (four spaces, or a tab)
        becomes a list inside the field above it, which nothing reads: the
        action would be left without its deadline (or owner, or target). An
        action indented there would be lost whole."""
        end = self.closing(item_index)
        level = self.tokens[item_index].level
        above = FIELD_RE.match(parent)
        above = above["key"].strip() if above else parent
        skip_to = item_index
        for j in range(item_index + 1, end):
            t = self.tokens[j]
            if j < skip_to or t.type != "list_item_open" or t.level <= level or not t.map:
                continue
            if self.is_task(t):
                self.doc.error(
                    t.map[0] + 1,
                    "a task-list item inside an action: write it as its own action "
                    "under the heading",
                )
                skip_to = self.closing(j)  # its own fields are not this action's
                continue
            m = ITEM_LINE_RE.match(self.lines[t.map[0]])
            field = FIELD_RE.match(m["text"]) if m else None
            key = FIELD_KEYS.get(field["key"].strip().lower()) if field else None
            if key is not None:
                self.doc.error(
                    t.map[0] + 1,
                    f"field `{key}` is indented under the field `{above}` of action "
                    f"`{action.id}`, so it is not read: indent it like the action's other "
                    "fields (two spaces; no tabs)",
                )

    def field(self, action: ParsedAction, line: int, content: str) -> None:
        doc = self.doc
        m = FIELD_RE.match(content)
        if not m:
            doc.error(
                line,
                f"expected a field `key: value` under action `{action.id}`, got `{content}`",
            )
            return
        written = m["key"].strip()
        key = FIELD_KEYS.get(written.lower())
        value = m["value"].strip()
        if key is None:
            doc.error(line, f"unknown field `{written}` on action `{action.id}`" + _meant(written))
            return
        if key in action.field_lines:
            doc.error(line, f"field `{key}` is given twice on action `{action.id}`")
            return
        action.field_lines[key] = line
        if key in REGION_FIELDS:
            doc.region_fields.setdefault(action.id, {})[key] = (line, value)
        elif key in ("owner", "with"):
            keys = split_keys(value)
            twice = sorted({k for k in keys if keys.count(k) > 1})
            if twice:
                doc.error(line, f"party `{twice[0]}` is named twice in `{key}` of `{action.id}`")
                keys = list(dict.fromkeys(keys))
            if key == "owner" and not keys:
                doc.error(line, f"action `{action.id}` has an empty `owner`")
            setattr(action, "with_" if key == "with" else "owner", keys)
        elif key in ("due", "start"):
            try:
                setattr(action, key, parse_date(value, allow_month=key == "due"))
            except ValueError as exc:
                doc.error(line, f"`{key}` of `{action.id}`: {exc}")
        elif key == "indicator":
            action.indicator = value or None
        elif key == "target":
            try:
                action.target = parse_target(value)
            except ValueError as exc:
                doc.error(line, str(exc))
        elif key == "depends":
            action.depends = split_keys(value)

    def check_due(self, action: ParsedAction) -> None:
        if action.start and action.due and action.start > action.due:
            self.doc.warn(
                action.field_lines["start"],
                f"`start` {action.start.isoformat()} of `{action.id}` is after its "
                f"`due` {action.due.isoformat()}",
            )
        reference = self.doc.signed if self.doc.type == "agreement" else self.doc.date
        if action.due and reference and action.due < reference:
            word = "signed" if self.doc.type == "agreement" else "date"
            self.doc.warn(
                action.field_lines["due"],
                f"`due` {action.due.isoformat()} of `{action.id}` is earlier than "
                f"`{word}` {reference.isoformat()}",
            )


def _check_dependencies(doc: ParsedDocument) -> None:
    """`depends` must name actions of this file, without cycles."""
    by_id = {a.id: a for a in doc.actions}
    for action in doc.actions:
        for dep in action.depends:
            if dep not in by_id:
                doc.error(
                    action.field_lines["depends"],
                    f"`{action.id}` depends on `{dep}`, which is not an action in this file"
                    # never the action itself: it cannot come before itself
                    + suggest(dep, [a for a in by_id if a != action.id]),
                )
    graph = {a.id: [d for d in a.depends if d in by_id] for a in doc.actions}
    reported: set[str] = set()
    for action in doc.actions:  # file order: the first member of a cycle reports it
        cycle = _find_cycle(action.id, graph)
        if cycle and not reported.intersection(cycle):
            reported.update(cycle)
            doc.error(action.line, "dependency cycle: " + " → ".join(cycle + [cycle[0]]))


def _find_cycle(start: str, graph: dict[str, list[str]]) -> list[str] | None:
    """The cycle through `start`, if any (iterative DFS, so deep chains are fine)."""
    stack = [(start, iter(graph[start]))]
    path = [start]
    seen = {start}
    while stack:
        node, children = stack[-1]
        for child in children:
            if child == start:
                return list(path)
            if child not in seen:
                seen.add(child)
                path.append(child)
                stack.append((child, iter(graph[child])))
                break
        else:
            stack.pop()
            path.pop()
    return None


def _plain(markdown_inline: str) -> str:
    """Heading text without emphasis markers, for titles and slugs."""
    return re.sub(r"(\*\*|__|\*|_|`)", "", markdown_inline).strip()
