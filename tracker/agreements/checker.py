"""Checks across files: duplicate ids, `follows`, and who may own an action.

Still free of the database: what the database knows (agreements synced before)
comes in as `known`, a mapping of document id to its parties.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tracker.agreements.format import (
    MAX_FILE_BYTES,
    Diagnostic,
    ParsedDocument,
    parse_document,
    resolve_regions,
    suggest,
    too_large,
)
from tracker.regions import desa_adat
from tracker.regions.desa_adat import is_list_file


class UsageError(Exception):
    """Bad usage, such as a path that does not exist (exit status 2)."""


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders as their `*.md` files (recursively), in a stable order."""
    result: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            result.extend(sorted(p for p in path.rglob("*.md") if p.is_file()))
        elif path.is_file():
            if not is_list_file(path):  # a desa adat list: see `check_desa_adat_lists`
                result.append(path)
        else:
            raise UsageError(f"no such file or folder: {raw}")
    unique = {normalize(path): None for path in result}
    return list(unique)


def check_desa_adat_lists(paths: Iterable[str | Path]) -> list[Diagnostic]:
    """The problems of the desa adat lists (`desa-adat-*.csv`) among `paths`.

    The lists of one folder are read together, as a document there sees them,
    so a name given in two of them is reported too.
    """
    by_folder: dict[Path, list[Path]] = {}
    for raw in paths:
        path = Path(raw)
        found = sorted(path.rglob(desa_adat.FILE_PATTERN)) if path.is_dir() else [path]
        for file in found:
            if file.is_file() and is_list_file(file):
                by_folder.setdefault(file.parent, []).append(normalize(file))
    problems = []
    for files in by_folder.values():
        listed = desa_adat.read_files(sorted(set(files)))
        problems.extend(Diagnostic(p, line, message) for p, line, message in listed.problems)
    return problems


def normalize(path: Path) -> Path:
    """One spelling per file: relative to the working folder when inside it,
    else absolute, so `agreements/x.md` and `/srv/tracker/agreements/x.md`
    are the same document."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve())
    except ValueError:
        return resolved


def read_document(path: Path) -> tuple[bytes, ParsedDocument]:
    """The file's bytes (for its content hash) and what they say."""
    data = path.read_bytes()
    return data, parse_bytes(data, path)


def parse_bytes(data: bytes, path: Path) -> ParsedDocument:
    """Decode (UTF-8, a byte-order mark allowed) and parse one file's bytes."""
    if len(data) > MAX_FILE_BYTES:
        doc = ParsedDocument(path=str(path), text="")
        doc.error(1, too_large(len(data)))
        return doc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc = ParsedDocument(path=str(path), text="")
        doc.error(data[: exc.start].count(b"\n") + 1, "the file is not valid UTF-8 text")
        return doc
    return parse_document(text, str(path))


def check_documents(
    docs: list[ParsedDocument],
    known: dict[str, dict[str, str]] | None = None,
    withdrawn: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Add the diagnostics that need more than one file to `docs`, in place.

    `known` maps the ids of documents already in the database to their parties;
    documents given here take precedence over what the database knows of them.
    The `withdrawn` among them no longer name any party (they are still known
    to minutes that follow them).
    """
    checks = DocumentChecks(known, withdrawn)
    for doc in docs:
        checks.claim(doc)
    for doc in docs:
        checks.check(doc)


class DocumentChecks:
    """The checks that need more than one file, document by document: `claim`
    each in file order (the first file to use an id keeps it), then `check`
    it once every document it may follow is claimed: an agreement at once (it
    names only its own parties), minutes after every file (they may follow a
    later one). A sync into a new database writes each agreement as soon as
    it and the files before it are parsed."""

    def __init__(
        self,
        known: dict[str, dict[str, str]] | None = None,
        withdrawn: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        self.parties = dict(known or {})  # id -> parties; a claimed document's replace the known
        self.given: dict[str, ParsedDocument] = {}
        self.names: dict[str, dict[str, str]] = {}  # party key -> document id -> its name
        for slug, parties in self.parties.items():
            if slug not in withdrawn:
                self.name_parties(slug, parties)

    def name_parties(self, slug: str, parties: dict[str, str]) -> None:
        for key, name in parties.items():
            self.names.setdefault(key, {})[slug] = name

    def claim(self, doc: ParsedDocument) -> None:
        if doc.id is None:
            return
        if doc.id in self.given:
            doc.error(1, f"`id` `{doc.id}` is already used by {self.given[doc.id].path}")
            return
        self.given[doc.id] = doc
        for key in self.parties.get(doc.id, {}):
            self.names.get(key, {}).pop(doc.id, None)  # what the database knew of it
        self.parties[doc.id] = doc.parties
        if doc.parties_declared:
            self.name_parties(doc.id, doc.parties)

    def check(self, doc: ParsedDocument) -> None:
        if doc.parties_declared:
            self.check_party_names(doc)
        allowed = dict(doc.parties)
        inherited = True
        if doc.type == "minutes":
            for followed in doc.follows:
                if followed == doc.id or followed not in self.parties:
                    doc.error(
                        doc.key_lines.get("follows", 1),
                        f"`follows` names `{followed}`, which is not a known agreement"
                        + suggest(followed, [i for i in self.parties if i != doc.id]),
                    )
                    inherited = False
                    continue
                allowed = {**self.parties[followed], **allowed}
        if not inherited and not doc.parties_declared:
            # Its parties are unknown, not wrong: one error per owner and a
            # request for `party_regions` would only bury the mistyped `follows`.
            doc.parties = allowed
            return
        check_owners(doc, allowed)
        inherits = doc.type == "minutes" and not doc.parties_declared
        if doc.region_fields and inherits and doc.front_matter_read:
            resolve_regions(doc)  # minutes whose parties come from what they follow

    def check_party_names(self, doc: ParsedDocument) -> None:
        """Warn of a party this file names otherwise than another document does.

        A party is one row, with one name, for every document: the file synced
        last would rename it on every page of the others (an official name
        replaced by a shorthand, or back again at the next sync of the other)."""
        for key, name in doc.parties.items():
            other = next(
                ((i, n) for i, n in self.names.get(key, {}).items() if i != doc.id and n != name),
                None,
            )
            if other:
                doc.warn(
                    doc.party_lines.get(key, doc.key_lines.get("parties", 1)),
                    f"party `{key}` is named `{name}` here but `{other[1]}` in `{other[0]}`: "
                    "a party has one name in every document, the one in the file synced "
                    "last: write the same name in both",
                )


def check_owners(doc: ParsedDocument, allowed: dict[str, str]) -> None:
    """Every `owner`/`with` key of every action must be one of `allowed`."""
    if doc.type == "minutes":
        doc.parties = allowed  # its own and those it inherits: sync stores them all
    if not doc.front_matter_read or (doc.type == "agreement" and not doc.parties_declared):
        return  # already an error of its own: don't bury it under one per action
    for action in doc.actions:
        for key in ("owner", "with"):
            line = action.field_lines.get(key)
            names = action.owner if key == "owner" else action.with_
            for name in names:
                if name not in allowed:
                    listed = ", ".join(sorted(allowed)) or "none"
                    doc.error(
                        line or action.line,
                        f"`{key}` of `{action.id}` names party `{name}`, which is not in "
                        f"`parties`" + suggest(name, list(allowed)) + f" (known: {listed})",
                    )
