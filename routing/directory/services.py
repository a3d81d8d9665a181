"""Reading the service directory: lists for the API and pages, the version counter.

The HSDS profile (shared/HSDS-PROFILE.md) puts a service's needs in
``attributes`` → ``taxonomy_terms.code``, its areas in ``service_areas.extent``
(``municipality:245``, ``region:01``, ``country:FI``; none = everywhere) and
its languages in ``languages.code``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, or_
from sqlmodel import Session, col, select

from routing.core.clock import utcnow
from routing.directory.models import (
    Attribute,
    DirectoryVersion,
    Language,
    Organization,
    Service,
    ServiceArea,
    ServicePublic,
    Taxonomy,
    TaxonomyTerm,
)
from routing.matcher.gazetteer import RETIRED_CODES, gazetteer
from rules.taxonomy import NEED_CODES

# the second taxonomy (HSDS attributes): whom a service is for; shown, not ranked by (yet)
TARGET_GROUP_TAXONOMY = "eteinen-target-groups"
TARGET_GROUPS: dict[str, dict[str, str]] = {
    "young-people": {"fi": "nuoret", "sv": "unga", "en": "young people"},
    "children": {"fi": "lapset", "sv": "barn", "en": "children"},
    "families": {"fi": "lapsiperheet", "sv": "barnfamiljer", "en": "families with children"},
    "immigrants": {"fi": "maahan muuttaneet", "sv": "invandrare", "en": "immigrants"},
    "reduced-work-ability": {
        "fi": "osatyökykyiset",
        "sv": "personer med partiell arbetsförmåga",
        "en": "people with reduced work ability",
    },
    "unemployed": {"fi": "työttömät", "sv": "arbetslösa", "en": "unemployed people"},
    "entrepreneurs": {"fi": "yrittäjät", "sv": "företagare", "en": "entrepreneurs"},
    "older-people": {"fi": "ikääntyneet", "sv": "äldre", "en": "older people"},
    "disabled-people": {"fi": "vammaiset", "sv": "personer med funktionsnedsättning", "en": "disabled people"},
    "students": {"fi": "opiskelijat", "sv": "studerande", "en": "students"},
    "adults": {"fi": "aikuiset", "sv": "vuxna", "en": "adults"},
    "citizens": {"fi": "kansalaiset", "sv": "medborgare", "en": "citizens"},
    "businesses": {"fi": "yritykset ja yhteisöt", "sv": "företag och samfund", "en": "businesses and organisations"},
}


def target_group_name(code: str, name: str | None, language: str) -> str:
    """A target group's name in the page's or client's language: the known ones translated, others as given."""
    known = TARGET_GROUPS.get(code)
    if known:
        return known.get(language) or known["en"]
    return name or code


def target_groups(session: Session, service_ids: list[str], language: str = "fi") -> dict[str, list[str]]:
    """The target groups of these services (names in ``language``), from the ``eteinen-target-groups`` taxonomy."""
    out: dict[str, list[str]] = {}
    taxonomy_ids = select(Taxonomy.id).where(col(Taxonomy.name) == TARGET_GROUP_TAXONOMY)
    for start in range(0, len(service_ids), FACTS_BATCH):
        rows = session.exec(
            select(Attribute.link_id, TaxonomyTerm.code, TaxonomyTerm.name)
            .join(TaxonomyTerm, col(TaxonomyTerm.id) == Attribute.taxonomy_term_id)
            .where(col(Attribute.link_id).in_(service_ids[start : start + FACTS_BATCH]))
            .where(col(Attribute.link_entity) == "service")
            .where(
                or_(
                    col(TaxonomyTerm.taxonomy) == TARGET_GROUP_TAXONOMY,
                    col(TaxonomyTerm.taxonomy_id).in_(taxonomy_ids),
                )
            )
            .order_by(TaxonomyTerm.code)
        )
        for sid, code, name in rows:
            label = target_group_name(code or "", name, language)
            if label not in out.setdefault(sid, []):
                out[sid].append(label)
    return out


def current_version(session: Session) -> int:
    row = session.get(DirectoryVersion, 1)
    return row.version if row else 0


def bump_version(session: Session, *, now: datetime | None = None) -> int:
    """Mark the directory as changed (in the caller's transaction)."""
    row = session.get(DirectoryVersion, 1)
    if row is None:
        row = DirectoryVersion(id=1, version=0)
        session.add(row)
    row.version += 1
    row.changed_at = now or utcnow()
    session.flush()
    return row.version


# ids per IN list: a national directory's services would pass SQLite's limit of bound parameters (32,766)
FACTS_BATCH = 5000


@dataclass
class ServiceFacts:
    needs: list[str]
    areas: list[str]
    languages: list[str]


def service_facts(session: Session, service_ids: Iterable[str] | None = None) -> dict[str, ServiceFacts]:
    """Needs, areas and languages of the given services, or of every active one (``None``; the overlaps).

    Three queries per batch of ids, or three in all for the active services.
    """
    batches: list[Any]
    if service_ids is None:
        facts: dict[str, ServiceFacts] = defaultdict(lambda: ServiceFacts([], [], []))
        batches = [select(Service.id).where(col(Service.status) == "active")]
    else:
        ids = list(service_ids)
        facts = {sid: ServiceFacts([], [], []) for sid in ids}
        batches = [ids[start : start + FACTS_BATCH] for start in range(0, len(ids), FACTS_BATCH)]
    for batch in batches:
        need_rows = session.exec(
            select(Attribute.link_id, TaxonomyTerm.code)
            .join(TaxonomyTerm, col(TaxonomyTerm.id) == Attribute.taxonomy_term_id)
            .where(col(Attribute.link_id).in_(batch), Attribute.link_entity == "service")
        )
        for sid, code in need_rows:
            if code in NEED_CODES and code not in facts[sid].needs:  # not the target groups' codes
                facts[sid].needs.append(code)
        for area_sid, extent in session.exec(
            select(ServiceArea.service_id, ServiceArea.extent).where(col(ServiceArea.service_id).in_(batch))
        ):
            if area_sid and extent:
                facts[area_sid].areas.append(extent)
        language_rows = session.exec(
            select(Language.service_id, Language.code).where(col(Language.service_id).in_(batch))
        )
        for lang_sid, lang in language_rows:
            if lang_sid and lang and lang not in facts[lang_sid].languages:
                facts[lang_sid].languages.append(lang)
    for f in facts.values():
        f.needs.sort()
        f.areas.sort()
    return facts


def area_extents(municipality_code: str) -> list[str]:
    """The ``extent`` values of areas that cover a municipality (its retired codes too)."""
    extents = [f"municipality:{municipality_code}", "country:FI"]
    extents += [f"municipality:{old}" for old, new in RETIRED_CODES.items() if new == municipality_code]
    region = gazetteer().region_of(municipality_code)
    if region:
        extents.append(f"region:{region}")
    return extents


def list_services(
    session: Session,
    *,
    search: str | None = None,
    need: str | None = None,
    municipality: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> tuple[int, list[ServicePublic]]:
    """Services filtered like the API's query string; returns (total, page of services)."""
    query = select(Service, Organization.name).join(Organization, col(Organization.id) == Service.organization_id)
    if search:
        # the words as typed: % and _ in them are letters, not wildcards
        escaped = search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(
                func.lower(Service.name).like(pattern, escape="\\"),
                func.lower(func.coalesce(Service.description, "")).like(pattern, escape="\\"),
            )
        )
    if need:
        query = query.where(
            exists()
            .where(col(Attribute.link_id) == Service.id, col(Attribute.link_entity) == "service")
            .where(col(TaxonomyTerm.id) == Attribute.taxonomy_term_id, col(TaxonomyTerm.code) == need)
        )
    if municipality:
        covers = exists().where(
            col(ServiceArea.service_id) == Service.id, col(ServiceArea.extent).in_(area_extents(municipality))
        )
        no_areas = ~exists().where(col(ServiceArea.service_id) == Service.id)
        query = query.where(or_(covers, no_areas))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(Organization.name, Service.name).offset((page - 1) * per_page).limit(per_page)
    ).all()
    facts = service_facts(session, [s.id for s, _ in rows])
    result = []
    for service, org_name in rows:
        f = facts[service.id]
        result.append(
            ServicePublic(
                **service.model_dump(), organization_name=org_name, needs=f.needs, areas=f.areas, languages=f.languages
            )
        )
    return total, result


def organizations_with_services(session: Session) -> list[tuple[Organization, list[Service]]]:
    """Every organisation with its services, by name, for the start and directory pages."""
    services: dict[str, list[Service]] = defaultdict(list)
    for service in session.exec(select(Service).order_by(Service.name)):
        services[service.organization_id].append(service)
    orgs = session.exec(select(Organization).order_by(Organization.name)).all()
    return [(org, services.get(org.id, [])) for org in orgs]
