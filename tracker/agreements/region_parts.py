"""An action broken down by region: from its `regions` fields to `RegionPart`s.

Still parsing (no database): the region data comes from `tracker.regions`
(Kemendagri's codes) and the desa adat from the CSV beside the document. Each
problem is an error at the line of the field that caused it. The rules, for
people who write agreements, are in docs/agreement-format.md ("Regions").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker import regions
from tracker.agreements.format import (
    ParsedAction,
    ParsedDocument,
    RegionPart,
    Target,
    parse_target,
    suggest,
)
from tracker.regions import desa_adat as adat
from tracker.regions.desa_adat import DesaAdatList

# One action's parts become rows of their own: a breakdown to every desa of
# Bali and NTT (about 4,200) fits; a mistake such as all of Indonesia does not.
MAX_PARTS = 5_000
DESA_ADAT = "desa_adat"
# Words for a level, as written in `regions: <level> di <region>` and `region level:`.
LEVEL_WORDS = {
    "provinsi": "provinsi",
    "kabupaten/kota": "kabupaten",
    "kabupaten dan kota": "kabupaten",
    "kabupaten": "kabupaten",
    "kecamatan": "kecamatan",
    "desa": "desa",
    "desa/kelurahan": "desa",
    "desa dan kelurahan": "desa",
    "desa adat": DESA_ADAT,
}
# Levels people name that the official data does not go down to.
BELOW_DATA = ("dusun", "banjar", "lingkungan", "rw", "rt", "banjar adat")
PHRASE_RE = re.compile(r"^(?P<level>.+?)\s+(?:di|in)\s+(?P<place>.+)$", re.I)
ORDER = {"provinsi": 0, "kabupaten": 1, "kecamatan": 2, "desa": 3, DESA_ADAT: 2}


@dataclass(frozen=True)
class Place:
    """A region as the breakdown sees it: official, or a desa adat."""

    key: str
    name: str
    level: str
    # the codes it lies in, itself first: 51.71.01 -> (51.71.01, 51.71, 51)
    within: tuple[str, ...]

    @property
    def province(self) -> str:
        return self.within[-1]

    def label(self) -> str:
        return f"`{self.key}` ({self.name})"


def official(region: regions.Region) -> Place:
    parts = region.code.split(".")
    within = tuple(".".join(parts[:n]) for n in range(len(parts), 0, -1))
    return Place(region.code, region.name, region.level, within)


def customary(entry: adat.DesaAdat) -> Place:
    return Place(entry.key, entry.name, DESA_ADAT, (entry.key, entry.kabupaten, entry.province))


def resolve(doc: ParsedDocument, desa_adat: DesaAdatList | None = None) -> None:
    """Fill `regions` of every action that has region fields; errors go to `doc`."""
    resolver = _Resolver(doc, desa_adat)
    resolver.parties()  # checks `party_regions`, whether or not an action uses it
    for action in doc.actions:
        fields = doc.region_fields.get(action.id)
        if fields:
            resolver.action(action, fields)


class _Resolver:
    def __init__(self, doc: ParsedDocument, desa_adat: DesaAdatList | None) -> None:
        self.doc = doc
        self._adat = desa_adat
        self._parties: dict[str, Place] | None = None

    # -- what the document's parties govern -------------------------------------------

    def parties(self) -> dict[str, Place]:
        """Party key -> its region: from `party_regions`, else from its name or key."""
        if self._parties is None:
            self._parties = {}
            for key, (line, written) in self.doc.party_region_fields.items():
                self.declared_party(key, line, written)
            for key, name in self.doc.parties.items():
                if key not in self.doc.party_region_fields and (place := _infer(key, name)):
                    self._parties[key] = place
        return self._parties

    def declared_party(self, key: str, line: int, written: str) -> None:
        doc = self.doc
        if key not in doc.parties:
            doc.error(
                line,
                f"`party_regions` names party `{key}`, which is not in `parties`"
                + suggest(key, list(doc.parties)),
            )
            return
        place, problem = self.place(written)
        if problem:
            doc.error(line, f"`party_regions` of `{key}`: {problem}")
        elif place is not None:
            self._parties[key] = place

    def provinces(self) -> dict[str, str]:
        found = {p.province: p for p in self.parties().values()}
        return {code: regions.get(code).name for code in sorted(found)}

    # -- one action ----------------------------------------------------------------------

    def action(self, action: ParsedAction, fields: dict[str, tuple[int, str]]) -> None:
        doc = self.doc
        if "regions" not in fields:
            for key, (line, _) in fields.items():
                doc.error(line, f"`{key}` of `{action.id}` needs a `regions` field")
            return
        line, written = fields["regions"]
        errors_before = len(doc.errors)
        chosen = self.selection(action, line, written)
        level = self.level(action, fields.get("region level"))
        target = self.target(fields.get("region target"))
        if len(doc.errors) > errors_before or not chosen:
            return
        if not self.inside_provinces(action, line, chosen):
            return
        places = self.expand(action, fields.get("region level", (line, ""))[0], chosen, level)
        if places is None or not self.unique(action, line, places):
            return
        owners = self.owners(action, fields.get("region owner"), places)
        if owners is not None:
            action.regions = [
                RegionPart(p.key, p.name, p.level, owners[p.key], target) for p in places
            ]

    def selection(self, action: ParsedAction, line: int, written: str) -> list[Place]:
        """The places `regions:` names: keys, names, or `<level> di <region>`."""
        items = [item.strip() for item in written.split(",") if item.strip()]
        if not items:
            self.doc.error(line, f"`regions` of `{action.id}` is empty")
        chosen: list[Place] = []
        for item in items:
            places, problem = self.item(item)
            if problem:
                self.doc.error(line, f"`regions` of `{action.id}`: {problem}")
            chosen.extend(places)
        return chosen

    def item(self, item: str) -> tuple[list[Place], str | None]:
        phrase = PHRASE_RE.match(item)
        if phrase and phrase["level"].lower().strip() in LEVEL_WORDS | dict.fromkeys(BELOW_DATA):
            level, problem = level_named(phrase["level"])
            if problem:
                return [], problem
            place, problem = self.place(phrase["place"].strip())
            if problem:
                return [], problem
            return self.below(place, level)
        place, problem = self.place(item)
        return ([place] if place else []), problem

    def place(self, written: str) -> tuple[Place | None, str | None]:
        """One region written as a code, `adat:<slug>` or an official name."""
        if written.lower().startswith(adat.KEY_PREFIX):
            if problem := self.broken_list():
                return None, problem
            entry = self.desa_adat().get(written.lower())
            if entry is None:
                return None, self.unknown_adat(written)
            return customary(entry), None
        if regions.level_of(written):
            region = regions.get(written)
            if region is None:
                return None, (
                    f"unknown region `{written}`: not a Kemendagri code in the region data "
                    "(e.g. `51.71` is Kota Denpasar)"
                )
            return official(region), None
        found = regions.find(written)
        widest = [r for r in found if r.level == min((f.level for f in found), key=ORDER.get)]
        if len(widest) == 1:
            return official(widest[0]), None
        if widest:
            codes = ", ".join(f"`{r.code}` {r.name}" for r in widest[:5])
            return None, f"region `{written}` is ambiguous ({codes}): write its code"
        return None, (
            f"unknown region `{written}`: write a Kemendagri code (e.g. `51.71`), an official "
            "name (e.g. `Kota Denpasar`), `adat:<name>` or `kabupaten/kota di Bali`"
        )

    def desa_adat(self) -> DesaAdatList:
        if self._adat is None:
            self._adat = adat.beside(self.doc.path)
        return self._adat

    def broken_list(self) -> str | None:
        """A list with errors is refused whole: read as far as it goes, it
        would make a breakdown without the desa adat of its bad lines, and
        the next sync, once they are fixed, would add them as new parts."""
        problems = self.desa_adat().problems
        if not problems:
            return None
        path, line, _ = problems[0]
        return (
            f"the desa adat list beside this file has errors (the first at {path}:{line}): "
            "fix the list first (`tracker check` on the folder shows every error)"
        )

    def unknown_adat(self, written: str) -> str:
        listed = self.desa_adat()
        if not listed.files:
            return (
                f"unknown desa adat `{written}`: there is no desa adat list "
                f"(`{adat.FILE_PATTERN}`) beside this file"
            )
        return f"unknown desa adat `{written}`" + suggest(written.lower(), list(listed.entries))

    def below(self, place: Place, level: str) -> tuple[list[Place], str | None]:
        """Every place at `level` inside `place`."""
        if ORDER[level] < ORDER[place.level] or (
            level == DESA_ADAT and place.level not in ("provinsi", "kabupaten")
        ):
            return [], (
                f"{place.label()} is a {place.level}: it holds no {level.replace('_', ' ')}"
            )
        if place.level == DESA_ADAT:
            return [place], None
        source = "the region data"
        if level == DESA_ADAT:
            if problem := self.broken_list():
                return [], problem
            if not self.desa_adat().files:
                return [], (
                    f"{place.label()}: there is no desa adat list (`{adat.FILE_PATTERN}`) "
                    "beside this file"
                )
            found = [customary(e) for e in self.desa_adat().in_region(place.key)]
            source = "the desa adat list"
        else:
            found = [official(r) for r in regions.within(place.key, level)]
        if not found:
            return [], f"{place.label()} holds no {level.replace('_', ' ')} in {source}"
        return found, None

    def level(self, action: ParsedAction, written: tuple[int, str] | None) -> str | None:
        if written is None:
            return None
        level, problem = level_named(written[1])
        if problem:
            self.doc.error(written[0], f"`region level` of `{action.id}`: {problem}")
        return level

    def target(self, written: tuple[int, str] | None) -> Target | None:
        if written is None:
            return None
        try:
            return parse_target(written[1])
        except ValueError as exc:
            self.doc.error(written[0], f"`region target`: {exc}")
            return None

    def inside_provinces(self, action: ParsedAction, line: int, chosen: list[Place]) -> bool:
        """Every region must lie in a province of the document's parties."""
        provinces = self.provinces()
        if not provinces:
            self.doc.error(
                line,
                f"`regions` of `{action.id}`: cannot tell which province the parties of this "
                "document are in: add `party_regions:` to the front matter, e.g. `bali: 51`",
            )
            return False
        ok = True
        for place in chosen:
            if place.province not in provinces:
                ok = False
                names = ", ".join(f"{name} ({code})" for code, name in provinces.items())
                self.doc.error(
                    line,
                    f"`regions` of `{action.id}`: {place.label()} is outside the provinces of "
                    f"this document's parties: {names}",
                )
        return ok

    def expand(
        self, action: ParsedAction, line: int, chosen: list[Place], level: str | None
    ) -> list[Place] | None:
        if level is None:
            return chosen
        places: list[Place] = []
        for place in chosen:
            found, problem = self.below(place, level)
            if problem:
                self.doc.error(line, f"`region level` of `{action.id}`: {problem}")
                return None
            places.extend(found)
        if len(places) > MAX_PARTS:
            self.doc.error(
                line,
                f"`{action.id}` breaks down into {len(places):,} regions, more than "
                f"{MAX_PARTS:,}: choose a higher `region level` or fewer `regions`",
            )
            return None
        return places

    def unique(self, action: ParsedAction, line: int, places: list[Place]) -> bool:
        seen: set[str] = set()
        twice = [p for p in places if p.key in seen or seen.add(p.key)]
        if twice:
            self.doc.error(
                line,
                f"`regions` of `{action.id}` names {twice[0].label()} twice"
                + (f" (and {len(twice) - 1} more)" if len(twice) > 1 else ""),
            )
        return not twice

    # -- who reports for each part --------------------------------------------------------

    def owners(
        self, action: ParsedAction, written: tuple[int, str] | None, places: list[Place]
    ) -> dict[str, str] | None:
        """Part key -> the owner that reports for it; None after an error."""
        explicit = self.explicit_owners(action, written) if written else {}
        if explicit is None:
            return None
        governs = {k: p for k, p in self.parties().items() if k in action.owner}
        result: dict[str, str] = {}
        orphans: list[Place] = []
        for place in places:
            owner = _closest(place, explicit) or _closest(place, governs)
            if owner is None:
                orphans.append(place)
            else:
                result[place.key] = owner
        if orphans:
            self.report_orphans(action, written, orphans, governs)
            return None
        return result

    def explicit_owners(self, action: ParsedAction, written: tuple[int, str]) -> dict | None:
        """`region owner: 51.71 = kota-denpasar, 51.03 = badung`."""
        line, value = written
        result: dict[str, Place] = {}
        for pair in (p.strip() for p in value.split(",") if p.strip()):
            region, _, party = (s.strip() for s in pair.partition("="))
            if not party:
                self.doc.error(
                    line, f"`region owner` of `{action.id}`: write `region = party`, got `{pair}`"
                )
                return None
            if party not in action.owner:
                self.doc.error(
                    line,
                    f"`region owner` of `{action.id}` names `{party}`, which is not an `owner` "
                    f"of it" + suggest(party, action.owner),
                )
                return None
            place, problem = self.place(region)
            if problem:
                self.doc.error(line, f"`region owner` of `{action.id}`: {problem}")
                return None
            result[party + "\x00" + place.key] = place
        return {key: place for key, place in result.items()}

    def report_orphans(
        self,
        action: ParsedAction,
        written: tuple[int, str] | None,
        orphans: list[Place],
        governs: dict[str, Place],
    ) -> None:
        shown = ", ".join(p.label() for p in orphans[:3])
        more = f" and {len(orphans) - 3} more" if len(orphans) > 3 else ""
        known = ", ".join(f"`{k}` {p.key}" for k, p in governs.items()) or "none"
        line = written[0] if written else self.doc.region_fields[action.id]["regions"][0]
        self.doc.error(
            line,
            f"no owner of `{action.id}` reports for {shown}{more}: no `owner` governs "
            f"{'it' if len(orphans) == 1 else 'them'} (owners' regions: {known}); add one "
            f"to `owner` or write `region owner: {orphans[0].key} = <owner>`",
        )


def level_named(written: str) -> tuple[str | None, str | None]:
    word = " ".join(written.lower().replace("_", " ").split())
    if word in LEVEL_WORDS:
        return LEVEL_WORDS[word], None
    if word in BELOW_DATA:
        return None, (
            f"level `{written}` is below what the region data has: it goes down to "
            "`desa` (desa/kelurahan); Bali's desa adat come from a list (`desa adat`)"
        )
    return None, (
        f"unknown region level `{written}`"
        + suggest(word, list(LEVEL_WORDS))
        + " (levels: provinsi, kabupaten/kota, kecamatan, desa, desa adat)"
    )


def _closest(place: Place, candidates: dict[str, Place]) -> str | None:
    """The party whose region is the narrowest one holding `place` (explicit keys hold
    `party\\0region`); among equals, the first written."""
    best: tuple[int, str] | None = None
    for key, region in candidates.items():
        if region.key in place.within:
            depth = len(place.within) - place.within.index(region.key)
            if best is None or depth > best[0]:
                best = (depth, key.split("\x00")[0])
    return best[1] if best else None


def _infer(key: str, name: str) -> Place | None:
    """A party's region from its full name (`Pemerintah Kabupaten Sumba Timur`), else
    its key (`sumba-timur`): only a provinsi or kabupaten/kota named exactly so."""
    for written in (name, key.replace("-", " ")):
        found = [r for r in regions.find(written) if r.level in ("provinsi", "kabupaten")]
        if len(found) == 1:
            return official(found[0])
    return None
