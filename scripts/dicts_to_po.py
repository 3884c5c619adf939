#!/usr/bin/env python3
"""Convert the old message dictionaries ({"key": {"id": ..., "en": ...}}) to gettext.

The tracker used to keep its words in Python dictionaries keyed by ids
(`tracker/i18n.py` MESSAGES and its siblings, `tracker/minutes/labels.py`
LABELS). This script moves such entries into the catalogs
(`tracker/locale/{id,en}/LC_MESSAGES/messages.po`, msgid = the English text)
and rewrites the code and templates that name the keys:

    _('action.no_due')                    -> _('No deadline set yet')
    i18n.translate("login.failed", lang)   -> i18n.translator(lang)._("Wrong username or password.")
    ui.t("status.chart")                   -> ui._("Progress week by week")
    L.label("letter.to", lang)             -> i18n.translator(lang)._("To")
    raise MeetingError("meeting.bad_date", value=v)
                                           -> raise MeetingError(N_("A date must be YYYY-MM-DD, not %(value)s."), value=v)

`{name}` placeholders become `%(name)s` and a literal `%` becomes `%%`.
Keys already in the catalogs are left alone, so it can be run again on a
branch that still adds keys the old way:

    scripts/dicts_to_po.py --rev main       # the dictionaries as they are on main
    scripts/dicts_to_po.py --file some.py   # a file with a MESSAGES = {...} literal

It prints what it could not rewrite by itself: keys built at run time
(`f"status.{code}"`, `'role.' ~ user.role`) need a mapping written with
`N_("...")` by hand. Then run `scripts/i18n extract` to re-sort the
catalogs and check with `.venv/bin/pytest tests/test_i18n.py`.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "tracker" / "locale"
# Where the dictionaries were, and under which name.
SOURCES = [
    ("tracker/i18n.py", "MESSAGES"),
    ("tracker/notifications/messages.py", "MESSAGES"),
    ("tracker/minutes/messages.py", "MESSAGES"),
    ("tracker/minutes/approval_messages.py", "MESSAGES"),
    ("tracker/verification/messages.py", "MESSAGES"),
    ("tracker/minutes/labels.py", "LABELS"),
]
# LABELS (the notulen's and letters' words) was its own namespace, used
# through `label(key, lang)` in these files and `t(key)` in the print templates.
LABEL_FILES = {
    "tracker/minutes/labels.py",
    "tracker/minutes/docx.py",
    "tracker/minutes/letters.py",
    "tracker/minutes/markdown.py",
}
LABEL_TEMPLATES = {
    "minutes_print.html",
    "letter_print.html",
    "attendance_print.html",
    "_print.html",
}

# One English text, two Indonesian ones: the less common gets a context.
CONTEXTS = {
    "audit.action": "audit log",
    "audit.target": "audit log",
    "rakor_mail.when": "mail",
    "expiry.parties": "mail",
    "mail.with": "mail",
    "rakor.title": "meeting",
    "rakor.agenda": "meeting discussion",
    "rakor.invitation": "link",
    "rakor.letter_title": "link",
}
# English letters have no "Yth.", "di", "Tempat": an English "-" leaves the line out.
SPECIAL = {
    "letter.dear": ("letter", "The Honourable (before each addressee)", "-"),
    "letter.at": ("letter", "at (above the place)", "-"),
    "letter.at_place": ("letter", "the place (under at)", "-"),
}
# Strings that equal a key but are not messages (audit and notification kinds).
NOT_MESSAGES = {"login.failed", "outbox.retry", "rakor.invitation", "rakor.cancel"}


def po_text(text: str) -> str:
    """'{n} of {total} (50 %)' -> '%(n)s of %(total)s (50 %%)'."""
    text = text.replace("%", "%%")
    out = re.sub(r"\{([a-z_][a-z0-9_]*)\}", r"%(\1)s", text)
    if "{" in out or "}" in out:
        raise SystemExit(f"unexpected braces in {text!r}")
    return out


def read_dicts(rev: str | None, files: list[str]) -> tuple[dict, dict]:
    """(MESSAGES, LABELS) as literals, from the working tree, a git revision or files."""
    messages: dict[str, dict[str, str]] = {}
    labels: dict[str, dict[str, str]] = {}
    sources = [(f, "MESSAGES") for f in files] if files else SOURCES
    for path, name in sources:
        if rev:
            done = subprocess.run(
                ["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True
            )
            if done.returncode:
                continue
            source = done.stdout
        else:
            p = Path(path) if Path(path).is_absolute() else ROOT / path
            if not p.exists():
                continue
            source = p.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            target = (
                node.targets[0]
                if isinstance(node, ast.Assign)
                else node.target
                if isinstance(node, ast.AnnAssign)
                else None
            )
            if isinstance(target, ast.Name) and target.id == name and node.value is not None:
                table = ast.literal_eval(node.value)
                (labels if name == "LABELS" else messages).update(table)
    return messages, labels


class Entry:
    def __init__(self, key: str, texts: dict[str, str]) -> None:
        if key in SPECIAL:
            self.context, self.msgid, self.en = SPECIAL[key]
        else:
            self.context = CONTEXTS.get(key)
            self.msgid = po_text(texts["en"])
            self.en = self.msgid
        self.id = po_text(texts["id"])


def entries(table: dict[str, dict[str, str]], prefix: str = "") -> dict[str, Entry]:
    return {key: Entry(prefix + key, texts) for key, texts in table.items()}


def update_catalogs(all_entries: list[Entry]) -> int:
    """Adds every entry not yet in the catalogs; refuses one English text with two meanings."""
    seen: dict[tuple[str | None, str], str] = {}
    catalogs = {}
    for lang in ("id", "en"):
        path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
        if path.exists():
            with path.open("rb") as f:
                catalogs[lang] = read_po(f, locale=lang, domain="messages")
        else:
            catalogs[lang] = Catalog(locale=lang, domain="messages", project="tracker", fuzzy=False)
    for message in catalogs["id"]:
        if message.id:
            seen[(message.context, message.id)] = message.string
    added = 0
    problems = []
    for e in all_entries:
        ident = (e.context, e.msgid)
        if ident in seen and not seen[ident]:  # extracted, not translated yet
            catalogs["id"].get(e.msgid, context=e.context).string = e.id
            catalogs["en"].get(e.msgid, context=e.context).string = e.en
            seen[ident] = e.id
            added += 1
            continue
        if ident in seen:
            if seen[ident] != e.id:
                problems.append(f"{e.msgid!r}: {seen[ident]!r} or {e.id!r}? add a context")
            continue
        seen[ident] = e.id
        catalogs["id"].add(e.msgid, e.id, context=e.context)
        catalogs["en"].add(e.msgid, e.en, context=e.context)
        added += 1
    if problems:
        raise SystemExit("one English text, two Indonesian ones:\n  " + "\n  ".join(problems))
    for lang, catalog in catalogs.items():
        path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalog, sort_output=False)
    return added


# ------------------------------------------------------------ rewriting code


def quoted(text: str, quote: str = '"') -> str:
    other = "'" if quote == '"' else '"'
    if quote in text and other not in text:
        quote = other
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def call_args(src: str, start: int) -> tuple[list[str], int]:
    """The top-level arguments of the call whose '(' is at `start`, and the ')' index."""
    depth, i, args, begin = 0, start, [], start + 1
    while i < len(src):
        ch = src[i]
        if ch in "\"'":
            q = src[i : i + 3] if src[i : i + 3] in ('"""', "'''") else ch
            i += len(q)
            while src[i : i + len(q)] != q:
                i += 2 if src[i] == "\\" else 1
            i += len(q)
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                args.append(src[begin:i])
                return [a for a in args], i
        elif ch == "," and depth == 1:
            args.append(src[begin:i])
            begin = i + 1
        i += 1
    raise ValueError("unbalanced call")


LITERAL = re.compile(r"""^\s*(f?)(["'])([a-z_][a-z0-9_.]*)\2\s*$""")


def msg_call(entry: Entry, rest: list[str], quote: str = '"') -> str:
    head = (
        f"pgettext({quoted(entry.context, quote)}, {quoted(entry.msgid, quote)}"
        if entry.context
        else f"_({quoted(entry.msgid, quote)}"
    )
    return head + "".join("," + r for r in rest) + ")"


def rewrite_python(
    path: Path, table: dict[str, Entry], unresolved: set[str], literals: bool = True
) -> bool:
    """The calls naming a key; with `literals`, also any other string that is a
    dotted key (it becomes `N_("msgid")`: review those in the diff)."""
    src = path.read_text(encoding="utf-8")
    original = src
    pattern = re.compile(r"(?<![\w.])(i18n\.translate|ui\.t|L\.label|label)\(")
    pos = 0
    while m := pattern.search(src, pos):
        if src[max(0, m.start() - 4) : m.start()] == "def ":
            pos = m.end()
            continue
        args, end = call_args(src, m.end() - 1)
        name = m.group(1)
        first = args[0]
        lit = LITERAL.match(first)
        entry = table.get(lit.group(3)) if lit and not lit.group(1) else None
        if lit and not lit.group(1) and entry is None:
            pos = m.end()
            continue
        if name == "ui.t":
            rest = args[1:]
            new = "ui." + (msg_call(entry, rest) if entry else "_(" + ",".join(args) + ")")
        else:
            if len(args) < 2:
                pos = m.end()
                continue
            lang, rest = args[1].strip(), args[2:]
            target = f"i18n.translator({lang})."
            new = target + (
                msg_call(entry, rest) if entry else "_(" + ",".join([first, *rest]) + ")"
            )
        if not entry:
            unresolved.add(f"{path.relative_to(ROOT)}: {src[m.start() : end + 1]}")
        src = src[: m.start()] + new + src[end + 1 :]
        pos = m.start() + len(new)
    # Other literals naming a (dotted) key: the message is chosen here, shown later.
    used_n = False

    def literal(m: re.Match) -> str:
        nonlocal used_n
        key = m.group(2)
        entry = table.get(key)
        if entry is None or "." not in key or key in NOT_MESSAGES:
            return m.group(0)
        if entry.context:
            unresolved.add(f"{path.relative_to(ROOT)}: {key} needs its context {entry.context!r}")
        used_n = True
        return f"N_({quoted(entry.msgid)})"

    if literals:
        src = re.sub(
            r"""(?<![\w\]])(["'])([a-z_][a-z0-9_]*\.[a-z0-9_.]*[a-z0-9_])\1""", literal, src
        )
    if used_n and not re.search(r"^from tracker\.i18n import .*\bN_\b", src, re.M):
        src = add_import(src, "from tracker.i18n import N_")
    if "i18n.translator(" in src and not re.search(
        r"^\s*from tracker import .*\bi18n\b|^import tracker\.i18n", src, re.M
    ):
        src = add_import(src, "from tracker import i18n")
    for key in re.findall(r"""f["']([a-z_]+\.)[^"']*\{""", src):
        if any(k.startswith(key) for k in table):
            unresolved.add(f"{path.relative_to(ROOT)}: f-string key {key}…")
    if src != original:
        path.write_text(src, encoding="utf-8")
        return True
    return False


def add_import(src: str, line: str) -> str:
    """After the last top-level import (ruff sorts them afterwards)."""
    lines = src.split("\n")
    last = max(
        (i for i, text in enumerate(lines) if text.startswith(("import ", "from "))), default=0
    )
    lines.insert(last + 1, line)
    return "\n".join(lines)


def rewrite_template(
    path: Path, table: dict[str, Entry], labels: dict[str, Entry], unresolved: set[str]
) -> bool:
    src = path.read_text(encoding="utf-8")
    original = src
    label_file = path.name in LABEL_TEMPLATES

    def call(m: re.Match) -> str:
        func, quote, key = m.group(1), m.group(2), m.group(3)
        entry = (labels if func == "t" or (label_file and key in labels) else table).get(key)
        if func == "t" and entry is None:
            entry = table.get(key)
        if entry is None:
            return m.group(0)
        head = (
            f"pgettext({quoted(entry.context, quote)}, {quoted(entry.msgid, quote)}"
            if entry.context
            else f"_({quoted(entry.msgid, quote)}"
        )
        return head

    src = re.sub(r"""(?<![\w.])(_|t)\(\s*(["'])([a-z_][a-z0-9_.]*)\2""", call, src)

    def literal(m: re.Match) -> str:
        quote, key = m.group(1), m.group(2)
        entry = table.get(key)
        if entry is None or "." not in key:
            return m.group(0)
        return f"N_({quoted(entry.msgid, quote)})"

    src = re.sub(r"""(?<![\w(])(["'])([a-z_][a-z0-9_]*\.[a-z0-9_.]*[a-z0-9_])\1""", literal, src)
    for m in re.finditer(r"""(?:_|t)\(\s*["']([a-z_.]+\.)["']\s*~""", src):
        unresolved.add(f"{path.relative_to(ROOT)}: {m.group(0)}")
    if src != original:
        path.write_text(src, encoding="utf-8")
        return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", help="read the dictionaries from this git revision")
    parser.add_argument("--file", action="append", default=[], help="a file with MESSAGES = {}")
    parser.add_argument("--no-rewrite", action="store_true", help="only fill the catalogs")
    args = parser.parse_args()
    messages, labels = read_dicts(args.rev, args.file)
    table = entries(messages)
    label_table = {k: Entry(k, v) for k, v in labels.items()}
    added = update_catalogs([*table.values(), *label_table.values()])
    print(f"{len(messages) + len(labels)} keys read, {added} new messages in the catalogs")
    if args.no_rewrite:
        return
    unresolved: set[str] = set()
    changed = []
    for path in sorted((ROOT / "tracker").rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if "piccolo_migrations" in rel or rel in {
            s for s, _ in SOURCES if s != "tracker/minutes/labels.py"
        }:
            continue
        if rewrite_python(path, label_table if rel in LABEL_FILES else table, unresolved):
            changed.append(rel)
    # Tests: only the calls (their other strings are data: kinds, paths, texts).
    for path in sorted((ROOT / "tests").glob("*.py")):
        if rewrite_python(path, table, unresolved, literals=False):
            changed.append(str(path.relative_to(ROOT)))
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in (".html", ".txt") and rewrite_template(
            path, table, label_table, unresolved
        ):
            changed.append(str(path.relative_to(ROOT)))
    print(f"rewrote {len(changed)} files")
    if unresolved:
        print("to do by hand (keys chosen at run time):", file=sys.stderr)
        for line in sorted(unresolved):
            print("  " + line.replace("\n", " "), file=sys.stderr)


if __name__ == "__main__":
    main()
