"""The in-memory index of the directory that a route reads instead of the database.

Services are filed in posting lists by (need set, area, language): a route walks only
the lists of the needs it detected and the areas that cover the client's municipality,
best lists first (more needs covered, then the client's language, then nearer), and
stops once it has enough candidates. The eligibility filter (status, age, area) is
built into which lists it reads; the age bounds are checked per candidate.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import routing.matcher.morphology as morphology
from rules.taxonomy import NEED_CODES

NEED_BIT = {code: 1 << i for i, code in enumerate(NEED_CODES)}
NATIONAL = "nat"
LOCAL = "local"  # any municipality or region: used when the client's place is unknown
LANGUAGE_KEYS = ("fi", "sv", "en")
BAND_YEARS = 20  # a band of at most this many years that the client fits is "meant for" their age

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ServiceRecord:
    """A service as the index needs it, read from the directory tables (see loading.py)."""

    id: str
    name: str
    organization_id: str
    organization_name: str
    status: str = "active"
    description: str = ""
    minimum_age: float | None = None
    maximum_age: float | None = None
    areas: tuple[str, ...] = ()  # HSDS extents: municipality:245, region:01, country:FI
    languages: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    location_id: str | None = None


@dataclass(slots=True)
class IndexedService:
    record: ServiceRecord
    mask: int
    municipalities: frozenset[str]
    regions: frozenset[str]
    national: bool
    languages: frozenset[str]
    min_age: float | None
    max_age: float | None
    name_folded: str
    _keys: frozenset[str] | None = None

    @property
    def keys(self) -> frozenset[str]:
        """Stems of its name, description and organisation, for text similarity; made on first use
        (a route looks at a few hundred services, the index holds tens of thousands)."""
        if self._keys is None:
            r = self.record
            text = " ".join(filter(None, (r.name, r.description, r.organization_name))).casefold()
            self._keys = frozenset(
                morphology.stem(w, "fi") for w in _WORD.findall(text) if len(w) >= 3 and not w.isdigit()
            )
        return self._keys

    def fits_age(self, age: int | None) -> bool:
        if age is None:
            return True
        return not (
            (self.min_age is not None and age < self.min_age) or (self.max_age is not None and age > self.max_age)
        )

    def age_tier(self, age: int | None) -> int:
        """0: a band of ≤ 20 years the client fits; 1: another bound the client fits; 2: for all ages."""
        if age is None or (self.min_age is None and self.max_age is None):
            return 2
        if self.min_age is not None and self.max_age is not None and self.max_age - self.min_age <= BAND_YEARS:
            return 0
        return 1

    @property
    def has_age_bounds(self) -> bool:
        return self.min_age is not None or self.max_age is not None


@dataclass
class DirectoryIndex:
    version: int
    services: list[IndexedService]
    # (area key, language key) → need mask → services; language key "fi" = given in Finnish, "-fi" = not
    postings: dict[tuple[str, str], dict[int, list[IndexedService]]] = field(default_factory=dict)
    masks_by_need: dict[int, list[int]] = field(default_factory=dict)
    by_id: dict[str, IndexedService] = field(default_factory=dict)
    _levels: dict[int, dict[int, frozenset[int]]] = field(default_factory=dict)
    # (area key, language key, need mask) of the posting lists holding a service with an age bound
    age_bounded: set[tuple[str, str, int]] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.services)

    def masks_for(self, query_mask: int) -> dict[int, frozenset[int]]:
        """Need masks of the directory that share a need with the query, by how many they share
        (remembered per query mask: people ask about the same few needs over and over)."""
        levels = self._levels.get(query_mask)
        if levels is not None:
            return levels
        grouped: dict[int, set[int]] = {}
        bit = 1
        while bit <= query_mask:
            if query_mask & bit:
                for mask in self.masks_by_need.get(bit, ()):
                    grouped.setdefault((mask & query_mask).bit_count(), set()).add(mask)
            bit <<= 1
        levels = {level: frozenset(masks) for level, masks in grouped.items()}
        if len(self._levels) < 4096:
            self._levels[query_mask] = levels
        return levels

    def any_age_bounds(self, masks: frozenset[int], area: str, language: str) -> bool:
        return any((area, language, mask) in self.age_bounded for mask in masks)

    def buckets(self, masks: frozenset[int], area: str, language: str) -> list[list[IndexedService]]:
        """The posting lists of `area` in `language` for these need masks (walking the smaller side)."""
        by_mask = self.postings.get((area, language))
        if not by_mask:
            return []
        if len(by_mask) < len(masks):
            return [services for mask, services in by_mask.items() if mask in masks]
        return [by_mask[mask] for mask in masks if mask in by_mask]


def need_mask(codes: Iterable[str]) -> int:
    mask = 0
    for code in codes:
        mask |= NEED_BIT.get(code, 0)
    return mask


def build_index(
    records: Iterable[ServiceRecord],
    version: int = 0,
    canonical_municipality: dict[str, str] | None = None,
) -> DirectoryIndex:
    """Index the active services; `canonical_municipality` maps retired codes to today's (606 → 710)."""
    canonical = canonical_municipality or {}
    index = DirectoryIndex(version=version, services=[])
    flat: defaultdict[tuple[str, str, int], list[IndexedService]] = defaultdict(list)
    language_keys: dict[frozenset[str], tuple[str, ...]] = {}
    for record in records:
        if record.status != "active":
            continue  # never a candidate: not even indexed
        mask = need_mask(record.needs)
        if not mask:
            continue
        municipalities, regions, national = set(), set(), not record.areas
        for extent in record.areas:
            kind, _, code = extent.strip().partition(":")
            kind = kind.casefold()
            if kind == "municipality" and code:
                code = code.strip().zfill(3)
                municipalities.add(canonical.get(code, code))
            elif kind == "region" and code:
                regions.add(code.strip().zfill(2))
            elif kind == "country" and code.strip().upper() == "FI":
                national = True
        languages = frozenset(c.strip().casefold() for c in record.languages if c.strip()) or frozenset({"fi"})
        service = IndexedService(
            record=record,
            mask=mask,
            municipalities=frozenset(municipalities),
            regions=frozenset(regions),
            national=national,
            languages=languages,
            min_age=record.minimum_age,
            max_age=record.maximum_age,
            name_folded=f"{record.name} {record.organization_name}".casefold(),
        )
        index.services.append(service)
        index.by_id[record.id] = service
        areas = [NATIONAL] if national else []
        areas += [f"m:{c}" for c in municipalities] + [f"r:{c}" for c in regions]
        if not national and (municipalities or regions):
            areas.append(LOCAL)
        keys = language_keys.get(languages)
        if keys is None:
            keys = language_keys[languages] = tuple(lang if lang in languages else f"-{lang}" for lang in LANGUAGE_KEYS)
        for area in areas:
            for key in keys:
                flat[(area, key, mask)].append(service)
    for (area, key, mask), services in flat.items():
        index.postings.setdefault((area, key), {})[mask] = services
        if any(s.has_age_bounds for s in services):
            index.age_bounded.add((area, key, mask))
    masks = {s.mask for s in index.services}
    for code_bit in NEED_BIT.values():
        index.masks_by_need[code_bit] = sorted(m for m in masks if m & code_bit)
    return index
