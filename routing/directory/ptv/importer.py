"""``eteinen import-ptv``: PTV's services of some organisations into the directory, all or nothing.

The rest of the directory stays as it is. For the organisations imported, what PTV
gives replaces what the last PTV import gave (ids are PTV's, so rows are updated in
place); a service that PTV no longer lists is kept and marked ``inactive`` (referrals
may point to it); a confirmation (``assured_date``) made in Eteinen is kept. The
import overwrites, of the services it brings: name, description, status,
eligibility, areas, languages, needs, target groups, locations, addresses, phones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from routing.directory.hsds.check import Directory
from routing.directory.hsds.problems import HsdsError
from routing.directory.hsds.spec import NEED_TAXONOMY, stored_resources
from routing.directory.hsds.store import Progress, still_referenced, store
from routing.directory.ptv.convert import (
    LOCATION_ID_TYPE,
    MAPPING_FILE,
    PTV_TAXONOMY,
    TRANSLATIONS,
    Converted,
    Mapping,
    convert,
    made_id,
    read_mapping,
)
from routing.directory.ptv.source import Fetched
from routing.directory.services import TARGET_GROUP_TAXONOMY, bump_version
from rules.load import bundled_path

# the taxonomies the import keeps, with the description HSDS wants
TAXONOMIES = {
    NEED_TAXONOMY: "Eteinen need codes (shared/HSDS-PROFILE.md)",
    TARGET_GROUP_TAXONOMY: "Whom a service is for",
    TRANSLATIONS: "Names and descriptions in the other languages (value: the text; code: field:language)",
    PTV_TAXONOMY: "Suomi.fi Palvelutietovaranto: the object's PTV id (value)",
}
CHILDREN_OF_SERVICE = (("service_area", "service_id"), ("language", "service_id"), ("phone", "service_id"))


@dataclass
class PtvReport:
    organizations: int
    services: int
    channels: int
    added: list[str] = field(default_factory=list)  # service names
    renamed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    inactivated: list[str] = field(default_factory=list)
    unmapped: list[tuple[str, str, list[str]]] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    rows_added: dict[str, int] = field(default_factory=dict)
    rows_changed: dict[str, int] = field(default_factory=dict)
    rows_removed: dict[str, int] = field(default_factory=dict)
    version: int = 0


def mapping_for(rules_path: str | Path | None) -> Mapping:
    """``ptv-mapping.csv`` of the network's rule folder, else the bundled one; raises HsdsError if broken."""
    folder = Path(rules_path) if rules_path else bundled_path()
    if folder.is_file():
        folder = folder.parent
    path = folder / MAPPING_FILE
    if not path.exists():
        path = bundled_path() / MAPPING_FILE
    mapping, problems = read_mapping(path)
    if problems:
        raise HsdsError(problems)
    return mapping


def _existing(session: Session) -> dict[str, dict[str, dict[str, Any]]]:
    conn = session.connection()
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for spec in stored_resources():
        assert spec.table is not None
        out[spec.name] = {row.id: dict(row._mapping) for row in conn.execute(select(spec.table))}
    return out


def import_ptv(
    session: Session,
    fetched: Fetched,
    mapping: Mapping,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> PtvReport:
    """Bring what was fetched into the directory in the caller's transaction; raises HsdsError (nothing written)."""
    existing = _existing(session)
    taxonomy_ids = {row["name"]: tid for tid, row in existing["taxonomy"].items()}
    existing_terms: dict[tuple[str, str], str] = {}
    for term_id, term in existing["taxonomy_term"].items():
        name = term["taxonomy"] or next((n for n, i in taxonomy_ids.items() if i == term["taxonomy_id"]), None)
        if name and term["code"]:
            existing_terms.setdefault((name, term["code"]), term_id)
    converted, problems = convert(fetched, mapping, existing_terms)
    problems = [*fetched.problems, *problems]
    # the answers are not needed once converted (a national catalogue's JSON is hundreds of megabytes)
    fetched.services.clear()
    fetched.channels.clear()
    if problems:
        raise HsdsError(problems)
    rows, report = _merge(existing, converted, taxonomy_ids)
    directory = Directory(rows=rows, files=dict.fromkeys(rows, "PTV"))
    problems = still_referenced(session, directory)
    if problems:
        raise HsdsError(problems)
    added, changed, removed = store(session, directory, progress, existing)
    session.expire_all()
    report.rows_added, report.rows_changed, report.rows_removed = added, changed, removed
    report.version = bump_version(session, now=now)
    return report


def _merge(
    existing: dict[str, dict[str, dict[str, Any]]], new: Converted, taxonomy_ids: dict[str, str]
) -> tuple[dict[str, list[dict[str, Any]]], PtvReport]:
    """The whole directory after the import: the old rows, with the imported organisations' PTV part replaced."""
    rows: dict[str, dict[str, dict[str, Any]]] = {name: dict(table) for name, table in existing.items()}
    orgs = new.organization_ids
    ptv_term = new.terms.get((PTV_TAXONOMY, "ptv-id"))
    ptv_linked = {a["link_id"] for a in existing["attribute"].values() if a["taxonomy_term_id"] == ptv_term}
    new_services = {r["id"]: r for r in new.rows.get("service", [])}
    old_ptv = {sid for sid, s in existing["service"].items() if sid in ptv_linked and s["organization_id"] in orgs}
    vanished = old_ptv - set(new_services)
    replaced = set(new_services) & set(existing["service"])
    report = PtvReport(len(orgs), len(new_services), len(new.rows.get("location", [])))

    # the PTV part of these organisations' services goes; new rows come in its place
    for table, column in CHILDREN_OF_SERVICE:
        rows[table] = {i: r for i, r in rows[table].items() if r[column] not in replaced}
    rows["attribute"] = {
        i: r
        for i, r in rows["attribute"].items()
        if not (r["link_entity"] == "service" and r["link_id"] in replaced)
        and not (r["link_entity"] == "organization" and r["link_id"] in orgs and r["link_type"] in TAXONOMIES)
    }
    rows["service_at_location"] = {
        i: r for i, r in rows["service_at_location"].items() if r["service_id"] not in replaced
    }
    new_locations = {r["id"] for r in new.rows.get("location", [])}
    kept_links = {r["location_id"] for r in rows["service_at_location"].values()}
    dropped_locations = {
        lid
        for lid, loc in existing["location"].items()
        if loc["external_identifier_type"] == LOCATION_ID_TYPE
        and (loc["organization_id"] in orgs or lid in new_locations)
        and (lid in new_locations or lid not in kept_links)
    }
    for lid in dropped_locations:
        rows["location"].pop(lid, None)
    for table in ("address", "phone", "language"):
        rows[table] = {i: r for i, r in rows[table].items() if r.get("location_id") not in dropped_locations}

    for sid in sorted(vanished, key=lambda s: existing["service"][s]["name"]):
        service = rows["service"][sid]
        if service["status"] != "inactive":
            rows["service"][sid] = {**service, "status": "inactive"}
            report.inactivated.append(service["name"])

    # taxonomies and terms the new rows use
    for name, description in TAXONOMIES.items():
        if name not in taxonomy_ids:
            taxonomy_ids[name] = made_id("taxonomy", name)
            rows["taxonomy"][taxonomy_ids[name]] = _full(
                existing, "taxonomy", id=taxonomy_ids[name], name=name, description=description
            )
    for (taxonomy, code), term_id in new.terms.items():
        if term_id not in rows["taxonomy_term"] and taxonomy in TAXONOMIES:
            rows["taxonomy_term"][term_id] = _full(
                existing,
                "taxonomy_term",
                id=term_id,
                code=code,
                name=new.term_names.get((taxonomy, code), code),
                description="",
                taxonomy=taxonomy,
                taxonomy_id=taxonomy_ids[taxonomy],
            )

    for name, new_rows in new.rows.items():
        for row in new_rows:
            old = existing[name].get(row["id"])
            if name == "service" and old is not None:
                # confirmed in Eteinen, not in PTV: kept
                row = {**row, "assured_date": old["assured_date"], "assurer_email": old["assurer_email"]}
            if name == "organization" and old is not None:
                row = {**old, **{k: v for k, v in row.items() if v is not None}}
            rows[name][row["id"]] = row

    for sid, row in new_services.items():
        old = existing["service"].get(sid)
        if old is None:
            report.added.append(row["name"])
        elif old["name"] != row["name"]:
            report.renamed.append((old["name"], row["name"]))
        elif any(
            old.get(k) != rows["service"][sid].get(k) for k in ("description", "status", "eligibility_description")
        ):
            report.changed.append(row["name"])
    report.unmapped = new.unmapped
    report.skipped = dict(new.skipped)
    report.warnings = new.warnings
    ordered = {spec.name: list(rows[spec.name].values()) for spec in stored_resources()}
    return ordered, report


def _full(existing: dict[str, dict[str, dict[str, Any]]], table: str, **values: Any) -> dict[str, Any]:
    spec = next(s for s in stored_resources() if s.name == table)
    assert spec.table is not None
    out: dict[str, Any] = dict.fromkeys(c.name for c in spec.table.columns)
    out.update(values)
    return out


def summary(report: PtvReport) -> list[str]:
    """What changed, for people: the lines the command prints."""
    lines = [f"PTV: {report.organizations} organisation(s), {report.services} service(s), {report.channels} channel(s)"]
    lines += [f"  new: {name}" for name in report.added]
    lines += [f"  renamed: {old} → {new}" for old, new in report.renamed]
    lines += [f"  changed: {name}" for name in report.changed]
    lines += [f"  gone from PTV, now inactive: {name}" for name in report.inactivated]
    if not (report.added or report.renamed or report.changed or report.inactivated):
        lines.append("  no service changed")
    if report.unmapped:
        lines.append(f"{len(report.unmapped)} service(s) map to no need (add their classes to {MAPPING_FILE}):")
        for sid, name, classes in report.unmapped[:50]:
            lines.append(f"  {name} ({sid}): service classes {', '.join(classes) or 'none'}")
        if len(report.unmapped) > 50:
            lines.append(f"  … and {len(report.unmapped) - 50} more")
    for what, n in sorted(report.skipped.items()):
        lines.append(f"not imported: {what}: {n}")
    tables = []
    for label, added in report.rows_added.items():
        changed, removed = report.rows_changed.get(label, 0), report.rows_removed.get(label, 0)
        if added or changed or removed:
            tables.append(f"{label} +{added}/~{changed}/-{removed}")
    lines.append(f"rows (added/changed/removed): {', '.join(tables) or 'none'}; directory version {report.version}")
    return lines
