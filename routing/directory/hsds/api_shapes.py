"""The directory as Open Referral HSDS 3.0 API objects (the specification's JSON schemas, 3.0).

Only directory tables are read: nothing about clients or referrals is ever in
these objects. Empty values are left out (the schemas type them as strings or
numbers, not null); the few fields the schemas require but the directory may
leave empty (an organisation's or a term's ``description``) are given as ``""``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel

from routing.directory.models import (
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

BATCH = 5000
# required by the HSDS 3.0 schemas, but optional in the directory
REQUIRED_TEXT = {"organization": ("description",), "taxonomy": ("description",), "taxonomy_term": ("description",)}


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined]


def plain(model: type[SQLModel], row: Any) -> dict[str, Any]:
    """A table row as an HSDS object: the table's columns in order, empty ones left out."""
    table = _table(model)
    mapping = row._mapping if hasattr(row, "_mapping") else row.__dict__
    out: dict[str, Any] = {}
    for column in table.columns:
        value = mapping.get(column.name)
        if value is None or value == "":
            continue
        out[column.name] = value
    for name in REQUIRED_TEXT.get(table.name, ()):
        out.setdefault(name, "")
    return out


def _rows(session: Session, model: type[SQLModel], column: str, ids: list[str]) -> list[Any]:
    table = _table(model)
    out: list[Any] = []
    for start in range(0, len(ids), BATCH):
        out.extend(session.execute(select(table).where(table.c[column].in_(ids[start : start + BATCH]))).all())
    return out


def _grouped(session: Session, model: type[SQLModel], column: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(session, model, column, ids):
        key = row._mapping[column]
        grouped[key].append(plain(model, row))
    for items in grouped.values():
        items.sort(key=lambda item: str(item.get("id")))
    return grouped


def organizations_by_id(session: Session, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    return {row.id: plain(Organization, row) for row in _rows(session, Organization, "id", sorted(set(ids)))}


def attributes_of(session: Session, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Attributes linking to these ids, each with its taxonomy term (and the term's taxonomy) nested."""
    attributes = _grouped(session, Attribute, "link_id", ids)
    term_ids = sorted({a["taxonomy_term_id"] for items in attributes.values() for a in items})
    terms = {row.id: plain(TaxonomyTerm, row) for row in _rows(session, TaxonomyTerm, "id", term_ids)}
    taxonomy_ids = sorted({t["taxonomy_id"] for t in terms.values() if t.get("taxonomy_id")})
    taxonomies = {row.id: plain(Taxonomy, row) for row in _rows(session, Taxonomy, "id", taxonomy_ids)}
    for term in terms.values():
        if term.get("taxonomy_id") in taxonomies:
            term["taxonomy_detail"] = taxonomies[term["taxonomy_id"]]
    for items in attributes.values():
        for attribute in items:
            if attribute["taxonomy_term_id"] in terms:
                attribute["taxonomy_term"] = terms[attribute["taxonomy_term_id"]]
    return attributes


def full_locations(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    locations = {row.id: plain(Location, row) for row in _rows(session, Location, "id", ids)}
    addresses = _grouped(session, Address, "location_id", ids)
    phones = _grouped(session, Phone, "location_id", ids)
    languages = _grouped(session, Language, "location_id", ids)
    for lid, location in locations.items():
        location["addresses"] = addresses.get(lid, [])
        location["phones"] = phones.get(lid, [])
        location["languages"] = languages.get(lid, [])
    return locations


def full_services_at_locations(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    locations = full_locations(session, sorted({r["location_id"] for r in rows}))
    phones = _grouped(session, Phone, "service_at_location_id", [r["id"] for r in rows])
    for r in rows:
        r["phones"] = phones.get(r["id"], [])
        if r["location_id"] in locations:
            r["location"] = locations[r["location_id"]]
    return rows


def full_services(session: Session, services: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Services with their organisation, locations, areas, languages, phones and attributes nested."""
    ids = [s["id"] for s in services]
    organizations = organizations_by_id(session, (s["organization_id"] for s in services))
    areas = _grouped(session, ServiceArea, "service_id", ids)
    languages = _grouped(session, Language, "service_id", ids)
    phones = _grouped(session, Phone, "service_id", ids)
    attributes = attributes_of(session, ids)
    at_locations = _grouped(session, ServiceAtLocation, "service_id", ids)
    flat = [r for items in at_locations.values() for r in items]
    full_services_at_locations(session, flat)
    for service in services:
        sid = service["id"]
        if service["organization_id"] in organizations:
            service["organization"] = organizations[service["organization_id"]]
        service["service_areas"] = areas.get(sid, [])
        service["languages"] = languages.get(sid, [])
        service["phones"] = phones.get(sid, [])
        service["attributes"] = attributes.get(sid, [])
        service["service_at_locations"] = at_locations.get(sid, [])
    return services


def listed_services(session: Session, services: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Services as the list shows them (one-to-one fields), each with its organisation."""
    organizations = organizations_by_id(session, (s["organization_id"] for s in services))
    for service in services:
        if service["organization_id"] in organizations:
            service["organization"] = organizations[service["organization_id"]]
    return services


def service_rows(session: Session, statement: Any) -> list[dict[str, Any]]:
    return [plain(Service, row) for row in session.execute(statement).all()]
