"""Overlapping services and uncovered needs: where the network duplicates itself, and where it has holes.

Two active services of different organisations overlap when they serve the
same need in the same municipality, for ages that overlap and in a language
they share (a service with no age bound or no language rows fits any; one
with no area rows, or ``country:FI``, covers every municipality; see
shared/HSDS-PROFILE.md). Overlaps are found municipality by municipality;
services that overlap each other there, directly or through one another,
form a group, and a group found in several municipalities is reported once
with all of them. Each service carries how often it was offered, accepted and
declined in the period, so a coordinator sees which duplicates carry the load
and which stand idle (counts from 1 to 4 are "<5", as in the figures).

A gap is a need of the taxonomy and a municipality of the network's region
that no active service covers. Without ``--region`` the network's regions
are those its services' areas name.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select
from sqlmodel.sql.sqltypes import UTCDateTime

from routing.core.errors import BadInput
from routing.directory.hsds.spec import NEED_TAXONOMY
from routing.directory.models import DirectoryVersion, Organization, Service, Taxonomy, TaxonomyTerm
from routing.directory.services import service_facts
from routing.figures.compute import Figures, Scope, region_municipalities, suppress
from routing.matcher.gazetteer import gazetteer


@dataclass(frozen=True)
class DirectoryService:
    id: str
    name: str
    organization_id: str
    organization_name: str
    needs: frozenset[str]
    municipalities: frozenset[str] | None  # None: everywhere
    areas: tuple[str, ...]
    minimum_age: float | None
    maximum_age: float | None
    languages: frozenset[str]  # empty: not stated, fits any

    def covers(self, municipality: str) -> bool:
        return self.municipalities is None or municipality in self.municipalities

    def overlaps(self, other: DirectoryService) -> bool:
        """Same clients, as far as ages and languages go (the need and place are checked by the caller)."""
        low = max(self.minimum_age or 0, other.minimum_age or 0)
        high = min(
            self.maximum_age if self.maximum_age is not None else float("inf"),
            other.maximum_age if other.maximum_age is not None else float("inf"),
        )
        if low > high:
            return False
        return not self.languages or not other.languages or bool(self.languages & other.languages)


def _coverage(areas: Iterable[str]) -> frozenset[str] | None:
    """The municipalities a service's area rows cover (None: everywhere)."""
    covered: set[str] = set()
    areas = list(areas)
    if not areas:
        return None
    for extent in areas:
        kind, _, code = extent.partition(":")
        if kind == "country":
            return None
        if kind == "municipality":
            covered.add(code)
        elif kind == "region":
            covered.update(region_municipalities(code))
    return frozenset(covered)


def active_services(session: Session) -> list[DirectoryService]:
    rows = session.execute(
        sa_select(
            col(Service.id),
            col(Service.name),
            col(Service.organization_id),
            col(Organization.name),
            col(Service.minimum_age),
            col(Service.maximum_age),
        )
        .join(Organization, col(Organization.id) == Service.organization_id)
        .where(col(Service.status) == "active")
        .order_by(col(Organization.name), col(Service.name))
    ).all()
    facts = service_facts(session)  # of every active service
    return [
        DirectoryService(
            id=sid,
            name=name,
            organization_id=org_id,
            organization_name=org_name,
            needs=frozenset(facts[sid].needs),
            municipalities=_coverage(facts[sid].areas),
            areas=tuple(facts[sid].areas),
            minimum_age=minimum_age,
            maximum_age=maximum_age,
            languages=frozenset(facts[sid].languages),
        )
        for sid, name, org_id, org_name, minimum_age, maximum_age in rows
    ]


def need_codes(session: Session) -> list[str]:
    """The need taxonomy's codes (every term's code when there is no ``eteinen-needs`` taxonomy)."""
    query = select(TaxonomyTerm.code).where(col(TaxonomyTerm.code).is_not(None))
    taxonomy = session.exec(select(Taxonomy.id).where(Taxonomy.name == NEED_TAXONOMY)).first()
    if taxonomy is not None:
        query = query.where(TaxonomyTerm.taxonomy_id == taxonomy)
    return sorted({c for c in session.exec(query) if c})


def network_municipalities(services: Iterable[DirectoryService]) -> list[str]:
    """The municipalities of the regions the services' areas name."""
    gaz = gazetteer()
    regions: set[str] = set()
    for service in services:
        for extent in service.areas:
            kind, _, code = extent.partition(":")
            if kind == "region":
                regions.add(code)
            elif kind == "municipality" and (region := gaz.region_of(code)):
                regions.add(region)
    return sorted({m for region in regions for m in region_municipalities(region)})


def _groups_in(cell: list[DirectoryService]) -> list[frozenset[str]]:
    """Services of a need in one municipality → groups joined by cross-organisation overlaps (union-find).

    Testing every pair would be quadratic, and a cell can hold thousands of nation-wide
    services; so the overlaps are swept along the ages, once per language (``_sweep_ages``).
    """
    parent = {s.id: s.id for s in cell}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    linked: set[str] = set()
    for speakers in _language_classes(cell):
        _sweep_ages(speakers, join, linked)
    members: dict[str, set[str]] = defaultdict(set)
    for sid in linked:
        members[root(sid)].add(sid)
    return [frozenset(m) for m in members.values()]


# a service as the sweep reads it: (youngest age served, oldest, organisation, id)
_Span = tuple[float, float, str, str]


def _language_classes(cell: list[DirectoryService]) -> list[list[_Span]]:
    """Per language, the services that speak it or state none: two services share a language, or one
    states none, exactly when they are together in one of these (all of them when nobody states one)."""
    spans = [
        (
            s.minimum_age or 0,
            s.maximum_age if s.maximum_age is not None else math.inf,
            s.organization_id,
            s.id,
            s.languages,
        )
        for s in cell
    ]
    spans.sort(key=lambda span: span[0])  # the sweep's order
    languages = sorted({lang for s in cell for lang in s.languages})
    if not languages:
        return [[span[:4] for span in spans]]
    return [[span[:4] for span in spans if not span[4] or lang in span[4]] for lang in languages]


def _sweep_ages(spans: list[_Span], join: Callable[[str, str], None], linked: set[str]) -> None:
    """Join the services of different organisations whose age ranges overlap (``spans`` by youngest age).

    In order of the youngest age served: the services still open at that age all cover it,
    so they all overlap each other, and once two organisations are among them they are all
    one group. A service that meets only its own organisation's waits (``waiting``) until
    another organisation's arrives, or it ends.
    """
    ending: list[tuple[float, str, str]] = []  # the open services with an oldest age, by it
    open_count = 0
    per_org: dict[str, int] = defaultdict(int)  # open services per organisation
    waiting: dict[str, str] = {}  # id → organisation: open, one organisation's, not joined yet
    joined: set[str] = set()  # joined to ``group`` in this sweep
    group: str | None = None  # a member of the group the joined open services are in
    open_joined = 0
    for youngest, oldest, org, sid in spans:
        if oldest < youngest:  # serves no age: overlaps nothing
            continue
        while ending and ending[0][0] < youngest:
            _, gone_org, gone = heapq.heappop(ending)
            open_count -= 1
            per_org[gone_org] -= 1
            if gone in joined:
                open_joined -= 1
            else:
                del waiting[gone]
        if open_joined == 0:
            group = None
        if open_count > per_org[org]:  # another organisation's service is open here
            if group is None:
                group = sid
            for other in (sid, *waiting):
                join(other, group)
                linked.add(other)
                joined.add(other)
            open_joined += 1 + len(waiting)
            waiting.clear()
        else:
            waiting[sid] = org
        if oldest != math.inf:
            heapq.heappush(ending, (oldest, org, sid))
        open_count += 1
        per_org[org] += 1


def offer_counts(session: Session, scope: Scope, service_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """Offers made to each service in the period: offered (all), accepted, declined."""
    ids = sorted(set(service_ids))
    counts: dict[str, dict[str, int]] = {sid: {"offered": 0, "accepted": 0, "declined": 0} for sid in ids}
    statement = text(
        "SELECT service_id, state, COUNT(*) AS n FROM offer WHERE service_id IN :ids"
        " AND created_at >= :start AND created_at < :end GROUP BY service_id, state"
    ).bindparams(
        bindparam("ids", expanding=True), bindparam("start", type_=UTCDateTime()), bindparam("end", type_=UTCDateTime())
    )
    conn = session.connection()
    for i in range(0, len(ids), 500):
        params = {"ids": ids[i : i + 500], "start": scope.start_utc, "end": scope.end_utc}
        for sid, state, n in conn.execute(statement, params):
            counts[sid]["offered"] += n
            if state in ("accepted", "declined"):
                counts[sid][state] += n
    return counts


def asked_counts(session: Session, scope: Scope) -> dict[tuple[str, str], int]:
    """Referrals opened in the period per (need, municipality): how much a gap matters (the needs figure)."""
    return {(r.need, r.municipality): r.n for r in Figures(session, scope).needs() if r.municipality is not None}


# The directory as overlaps read it, and the groups found in it, kept per database and directory
# version: at national scale reading 30,000 services takes seconds, and the directory changes only
# with an import (which bumps the version). Offer and demand counts are read fresh every time.
PER_PAGE = 50
GROUP_SERVICES = 100

_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_SIZE = 16
_cache_lock = threading.Lock()


def _directory_key(session: Session) -> tuple[Any, ...] | None:
    """What identifies this database's directory as it is now; None when it has never been imported."""
    row = session.get(DirectoryVersion, 1)
    if row is None:
        return None
    return (str(session.get_bind().engine.url), row.version, row.changed_at)


def _cached(key: tuple[Any, ...] | None, make: Callable[[], Any]) -> Any:
    if key is None:
        return make()
    with _cache_lock:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = make()
    with _cache_lock:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def _find_groups(
    by_need: dict[str, list[DirectoryService]], cells: list[str]
) -> dict[tuple[str, frozenset[str]], set[str]]:
    """(need, group of services) → the municipalities where that group overlaps."""
    found: dict[tuple[str, frozenset[str]], set[str]] = defaultdict(set)
    for code, candidates in sorted(by_need.items()):
        # a municipality's services of the need: the nation-wide ones and those whose areas name it
        everywhere = [s for s in candidates if s.municipalities is None]
        local: dict[str, list[DirectoryService]] = defaultdict(list)
        for s in candidates:
            for municipality in s.municipalities or ():
                local[municipality].append(s)
        memo: dict[frozenset[str], list[frozenset[str]]] = {}  # most municipalities share their services
        for municipality in cells:
            key = frozenset(s.id for s in local.get(municipality, ()))
            if key not in memo:
                memo[key] = _groups_in(everywhere + local.get(municipality, []))
            for group in memo[key]:
                found[(code, group)].add(municipality)
    return found


def find_overlaps(
    session: Session, scope: Scope, need: str | None = None, page: int | None = None, per_page: int | None = None
) -> dict[str, Any]:
    """Overlapping services and uncovered need × municipality gaps, for one need or all of them.

    With a summary by region and need; ``page`` (from 1, ``per_page`` groups) lists one page of the
    groups, without it every group. A group lists its first GROUP_SERVICES services (of
    ``services_total``): at national scale a nation-wide need's group holds thousands.
    """
    directory = _directory_key(session)
    services: list[DirectoryService] = _cached(
        None if directory is None else ("services", *directory), lambda: active_services(session)
    )
    municipalities = list(scope.municipalities) if scope.municipalities is not None else None
    if municipalities is None:
        municipalities = network_municipalities(services)
        # a municipality named by a service outside the network's regions still counts for overlaps
        anywhere = {m for s in services if s.municipalities is not None for m in s.municipalities}
        cells = sorted(set(municipalities) | anywhere)
    else:
        cells = municipalities

    by_need: dict[str, list[DirectoryService]] = defaultdict(list)
    for s in services:
        for code in s.needs:
            if need is None or code == need:
                by_need[code].append(s)
    found: dict[tuple[str, frozenset[str]], set[str]] = _cached(
        None if directory is None else ("groups", *directory, tuple(cells), need),
        lambda: _find_groups(by_need, cells),
    )

    ordered = sorted(found.items(), key=lambda kv: (kv[0][0], -len(kv[1]), sorted(kv[0][1])))
    total = len(ordered)
    if page is not None:
        size = per_page or PER_PAGE
        ordered = ordered[(page - 1) * size : page * size]
    # only the listed groups' services are looked up: at national scale a group can hold thousands
    rank = {s.id: i for i, s in enumerate(sorted(services, key=lambda s: (s.organization_name, s.name)))}
    listed = {code_group: sorted(code_group[1], key=rank.__getitem__)[:GROUP_SERVICES] for code_group, _ in ordered}
    shown = {sid for sids in listed.values() for sid in sids}
    counts = offer_counts(session, scope, shown)
    # each service's entry is made once: at national scale a service is in many groups
    entries = {
        s.id: {
            "id": s.id,
            "name": s.name,
            "organization_id": s.organization_id,
            "organization_name": s.organization_name,
            "areas": list(s.areas),
            "minimum_age": s.minimum_age,
            "maximum_age": s.maximum_age,
            "languages": sorted(s.languages),
            **{k: suppress(v) for k, v in counts[s.id].items()},
        }
        for s in services
        if s.id in shown
    }
    groups = []
    for (code, group), where in ordered:
        groups.append(
            {
                "need": code,
                "municipalities": sorted(where),
                "municipality_names": [municipality_name(m) for m in sorted(where)],
                "services_total": len(group),
                "services": [entries[sid] for sid in listed[(code, group)]],
            }
        )

    asked = asked_counts(session, scope)
    gaps = []
    for code in need_codes(session):
        if need is not None and code != need:
            continue
        for municipality in municipalities:
            if not any(s.covers(municipality) for s in by_need.get(code, ())):
                gaps.append(
                    {
                        "need": code,
                        "municipality": municipality,
                        "name": municipality_name(municipality),
                        "asked": suppress(asked.get((code, municipality))),
                    }
                )
    return {
        "from": scope.start.isoformat(),
        "to": scope.end.isoformat(),
        "region": scope.region,
        "need": need,
        "municipalities": municipalities,
        "summary": _summary(found, gaps),
        "overlaps": groups,
        "paging": {
            "total_items": total,
            "total_pages": max(1, -(-total // (per_page or PER_PAGE))) if page is not None else 1,
            "page_number": page or 1,
            "per_page": per_page or PER_PAGE if page is not None else total,
        },
        "gaps": gaps,
    }


def _summary(found: dict[tuple[str, frozenset[str]], set[str]], gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per region and need: how many overlap groups, services and municipalities, and how many gaps.

    At national scale the groups themselves run to a hundred megabytes; this is what a coordinator
    reads first, then pages through the groups of one region and need.
    """
    gaz = gazetteer()
    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def row(region: str, need: str) -> dict[str, Any]:
        if (region, need) not in rows:
            rows[(region, need)] = {"groups": 0, "services": set(), "municipalities": set(), "gaps": 0}
        return rows[(region, need)]

    for (need, group), where in found.items():
        regions: dict[str, list[str]] = defaultdict(list)
        for municipality in where:
            regions[gaz.region_of(municipality) or "-"].append(municipality)
        for region, there in regions.items():
            counted = row(region, need)
            counted["groups"] += 1
            counted["services"].update(group)
            counted["municipalities"].update(there)
    for gap in gaps:
        row(gaz.region_of(gap["municipality"]) or "-", gap["need"])["gaps"] += 1
    return [
        {
            "region": region,
            "need": need,
            "groups": counted["groups"],
            "services": len(counted["services"]),
            "municipalities": len(counted["municipalities"]),
            "gaps": counted["gaps"],
        }
        for (region, need), counted in sorted(rows.items())
    ]


def overlaps_text(result: dict[str, Any]) -> str:
    """The overlaps and gaps for a terminal."""
    region = f" in region {result['region']}" if result["region"] else ""
    lines = [f"Overlapping services{region} (offers {result['from']} … {result['to']})", ""]
    if result.get("summary"):
        lines.append("By region and need: overlap groups, services in them, municipalities, gaps")
        for row in result["summary"]:
            lines.append(
                f"  {row['region']} {row['need']}: {row['groups']} group(s), {row['services']} service(s),"
                f" {row['municipalities']} municipality(-ies), {row['gaps']} gap(s)"
            )
        lines.append("")
    paging = result.get("paging")
    if paging and paging["total_pages"] > 1:
        lines.append(
            f"Groups {paging['per_page'] * (paging['page_number'] - 1) + 1}–"
            f"{paging['per_page'] * (paging['page_number'] - 1) + len(result['overlaps'])} of {paging['total_items']}"
            f" (page {paging['page_number']} of {paging['total_pages']}; --page N for more, --region and --need narrow)"
        )
        lines.append("")
    if not result["overlaps"]:
        lines.append("  no overlapping services")
    for group in result["overlaps"]:
        lines.append(f"{group['need']} in {', '.join(group['municipality_names'])}:")
        for s in group["services"]:
            ages = f"{_age(s['minimum_age'])}–{_age(s['maximum_age'])}"
            langs = ",".join(s["languages"]) or "any language"
            lines.append(
                f"  {s['organization_name']}: {s['name']}  (ages {ages}, {langs})"
                f"  offered {s['offered']}, accepted {s['accepted']}, declined {s['declined']}"
            )
        if group["services_total"] > len(group["services"]):
            lines.append(f"  … and {group['services_total'] - len(group['services'])} more")
        lines.append("")
    lines.append("Needs no active service covers")
    if not result["gaps"]:
        lines.append("  none")
    by_need: dict[str, list[str]] = defaultdict(list)
    for gap in result["gaps"]:
        asked = f" ({gap['asked']} asked)" if gap["asked"] else ""
        by_need[gap["need"]].append(f"{gap['name']}{asked}")
    for need, where in by_need.items():
        lines.append(f"  {need}: {', '.join(where)}")
    return "\n".join(lines) + "\n"


def check_need(session: Session, need: str | None) -> str | None:
    """A need code from the caller, checked against the taxonomy (BadInput names the known ones)."""
    if need is None or need == "":
        return None
    known = need_codes(session)
    if need not in known:
        raise BadInput(f"need: no need {need!r}; known: {', '.join(known)}")
    return need


def municipality_name(code: str) -> str:
    found = gazetteer().get(code)
    return found.name("fi") if found else code


def _age(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
