"""Bali's desa adat, from a CSV kept beside the agreements.

Kemendagri's codes stop at the desa dinas; the desa adat (customary villages)
are not in them. A party keeps its own list as `desa-adat-<name>.csv` in the
agreements folder (e.g. `agreements/desa-adat-bali.csv`), with the header
`name,kabupaten`; every such file in the folder of a document is one list. Each
desa adat becomes the region `adat:<slug of its name>` inside its kabupaten.
Problems are (path, line, message), so that `tracker check` shows them at their
lines like a document's.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from tracker import regions

FILE_PATTERN = "desa-adat-*.csv"
FILE_RE = re.compile(r"^desa-adat-.*\.csv$")
HEADER = ("name", "kabupaten")
KEY_PREFIX = "adat:"
# Bali has about 1,500 desa adat: these leave room and keep a mistake small.
MAX_FILE_BYTES = 1024 * 1024
MAX_ROWS = 10_000


@dataclass(frozen=True)
class DesaAdat:
    key: str  # adat:<slug>
    name: str
    kabupaten: str  # the official code of its kabupaten/kota, e.g. 51.03
    path: str
    line: int

    @property
    def province(self) -> str:
        return self.kabupaten[:2]


@dataclass
class DesaAdatList:
    entries: dict[str, DesaAdat] = field(default_factory=dict)
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def get(self, key: str) -> DesaAdat | None:
        return self.entries.get(key)

    def in_region(self, code: str) -> list[DesaAdat]:
        """The desa adat inside a provinsi or kabupaten/kota, in file order."""
        return [d for d in self.entries.values() if d.kabupaten == code or d.province == code]


def is_list_file(path: Path) -> bool:
    return bool(FILE_RE.match(path.name))


def key_for(name: str) -> str:
    """`Desa Adat Kuta` -> `adat:kuta`: the words `desa adat` add nothing to the key."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return KEY_PREFIX + slug.removeprefix("desa-adat-")


def beside(document: str | Path) -> DesaAdatList:
    """The list kept in the folder of a document (empty if there is none)."""
    return read_files(_files_beside(document))


def lists_bytes(document: str | Path) -> bytes:
    """The content of the lists beside a document, in file order (for its digest)."""
    return b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in _files_beside(document))


def _files_beside(document: str | Path) -> list[Path]:
    folder = Path(document).parent
    return sorted(p for p in folder.glob(FILE_PATTERN) if p.is_file()) if folder.is_dir() else []


def read_files(paths: list[Path]) -> DesaAdatList:
    """Read several list files as one list (a name twice across them is an error)."""
    return _load(tuple((str(p), *_stamp(p)) for p in paths))


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


_cache: dict[tuple, DesaAdatList] = {}


def _load(files: tuple[tuple[str, int, int], ...]) -> DesaAdatList:
    """Read once per process while the files stay the same (a sync reads it per document)."""
    if files not in _cache:
        result = DesaAdatList()
        for path, _, _ in files:
            _read_one(Path(path), result)
        _cache.clear()
        _cache[files] = result
    return _cache[files]


def _read_one(path: Path, into: DesaAdatList) -> None:
    name = str(path)
    into.files.append(name)
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        into.problems.append(
            (
                name,
                1,
                f"the file is {len(data) / 1024 / 1024:.1f} MB; a desa adat list may "
                f"hold at most {MAX_FILE_BYTES // 1024 // 1024} MB",
            )
        )
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        into.problems.append((name, line, "the file is not valid UTF-8 text"))
        return
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None or tuple(h.strip().lower() for h in header) != HEADER:
        got = ",".join(header or [])
        into.problems.append(
            (name, 1, f"the first line must be the header `name,kabupaten`, got `{got}`")
        )
        return
    for count, row in enumerate(rows, 1):
        line = rows.line_num
        if count > MAX_ROWS:
            into.problems.append(
                (name, line, f"more than {MAX_ROWS:,} desa adat in one file: split it")
            )
            return
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        _read_row(name, line, row, into)


def _read_row(path: str, line: int, row: list[str], into: DesaAdatList) -> None:
    if len(row) != 2:
        into.problems.append(
            (
                path,
                line,
                f"expected 2 columns (name, kabupaten), got {len(row)}: put a name "
                "with a comma in double quotes",
            )
        )
        return
    name, written = (" ".join(cell.split()) for cell in row)
    if not name:
        into.problems.append((path, line, "the desa adat's name is empty"))
        return
    key = key_for(name)
    if key == KEY_PREFIX:
        into.problems.append((path, line, f"the name `{name}` gives an empty key: use letters"))
        return
    kabupaten, problem = kabupaten_of(written)
    if problem:
        into.problems.append((path, line, problem))
        return
    if key in into.entries:
        first = into.entries[key]
        into.problems.append(
            (
                path,
                line,
                f"desa adat `{name}` (key `{key}`) is listed twice (first at "
                f"{first.path}:{first.line}): two with one name need names that tell them "
                "apart, e.g. with their kabupaten",
            )
        )
        return
    into.entries[key] = DesaAdat(key, name, kabupaten, path, line)


def kabupaten_of(written: str) -> tuple[str, str | None]:
    """The code of a kabupaten/kota written as a code (51.03) or name (Badung)."""
    if not written:
        return "", "the kabupaten is empty: write its code (e.g. 51.03) or name (e.g. Badung)"
    region = regions.get(written) if regions.level_of(written) else None
    if region is None and not regions.level_of(written):
        found = regions.find(written, level="kabupaten")
        region = found[0] if len(found) == 1 else None
        if len(found) > 1:
            codes = ", ".join(f"{r.code} {r.name}" for r in found)
            return "", f"kabupaten `{written}` is ambiguous ({codes}): write its code"
    if region is None:
        return "", (
            f"unknown kabupaten `{written}`: write its Kemendagri code (e.g. 51.03) or "
            "official name (e.g. Badung or Kota Denpasar)"
        )
    if region.level != "kabupaten":
        return "", f"`{written}` is a {region.level} ({region.name}), not a kabupaten/kota"
    return region.code, None
