"""PTV objects → HSDS 3.0 rows of the Finnish profile (shared/HSDS-PROFILE.md).

- organisation → ``organization`` (id = PTV's organisation id)
- service → ``service`` (id = PTV's service id; Finnish name and description, else
  Swedish, else English; the other languages as ``eteinen-translations`` attributes);
  ``areaType`` Nationwide(ExceptAlandIslands) → ``country:FI``; ``areas`` of type
  Municipality → ``municipality:<code>``, Region → ``region:<code>``, BusinessSubRegion
  and HospitalDistrict → their municipalities; ``languages`` → ``language``;
  ``requirements`` → ``eligibility_description``; service classes → needs and target
  groups → ``eteinen-target-groups`` through the rule folder's ``ptv-mapping.csv``
- service location channel → a ``physical`` location with its visiting address and
  coordinates and phones; phone, e-service and web page channels → ``virtual``
  locations (phones, address); the link → ``service_at_location``
- every PTV id is kept: as the row's id, and as a ``ptv`` taxonomy attribute
  (``ptv-id``) on organisations and services, a location's ``external_identifier``

Every value is checked against PTV's code lists; what does not fit is a located problem.
"""

from __future__ import annotations

import csv
import hashlib
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from routing.directory.hsds.problems import Problem, shown
from routing.directory.hsds.spec import NEED_CODES, NEED_TAXONOMY, stored_resources
from routing.directory.ptv.source import Fetched, Item
from routing.directory.services import TARGET_GROUP_TAXONOMY
from routing.matcher.gazetteer import gazetteer

# ids made for rows PTV has no id for (addresses, phones, links, attributes): the same on every run
NAMESPACE = uuid.UUID("8f6d1b2e-0c39-4c41-9d0e-5a8f1f0d3a77")
PTV_TAXONOMY = "ptv"
TRANSLATIONS = "eteinen-translations"
MAPPING_FILE = "ptv-mapping.csv"
LOCATION_ID_TYPE = "ptv-service-channel"

AREA_TYPES = ("Nationwide", "NationwideExceptAlandIslands", "LimitedType")
AREA_KINDS = ("Municipality", "Region", "BusinessSubRegion", "HospitalDistrict")
CHANNEL_TYPES = ("ServiceLocation", "Phone", "EChannel", "WebPage", "PrintableForm")
PUBLISHING = {"Published": "active", "Modified": "active", "Draft": None, "Deleted": None, "Archived": None}
LANGUAGES = ("fi", "sv", "en")
LANGUAGE_CODE = re.compile(r"[a-z]{2}")
MAPPING_SOURCES = ("service_class", "target_group", "class_target_group")


def made_id(*parts: str) -> str:
    """uuid5 in the import's namespace, without uuid5's own overhead (a national import makes a million)."""
    digest = hashlib.sha1(NAMESPACE.bytes + ":".join(parts).encode("utf-8"), usedforsecurity=False).digest()
    return str(uuid.UUID(bytes=digest[:16], version=5))


@dataclass
class Mapping:
    """PTV codes → need codes (service classes) and target group codes, from the rule folder."""

    needs: dict[str, list[str]] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    class_groups: dict[str, list[str]] = field(default_factory=dict)
    file: str = MAPPING_FILE

    def _walk(self, table: dict[str, list[str]], code: str) -> list[str]:
        """The rows for the code, or for its nearest parent class (P10.1 → P10)."""
        while code:
            if code in table:
                return table[code]
            code = code.rpartition(".")[0]
        return []

    def needs_of(self, code: str) -> list[str]:
        return self._walk(self.needs, code)

    def groups_of_class(self, code: str) -> list[str]:
        return self._walk(self.class_groups, code)


def read_mapping(path: Path) -> tuple[Mapping, list[Problem]]:
    mapping, problems = Mapping(file=str(path)), []
    tables = {
        "service_class": mapping.needs,
        "target_group": mapping.groups,
        "class_target_group": mapping.class_groups,
    }
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return mapping, [Problem(str(path), f"cannot be read: {exc}")]
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines or [c.strip() for c in next(csv.reader([lines[0][1]]))] != ["source", "code", "maps_to"]:
        return mapping, [Problem(str(path), "the header must be: source,code,maps_to")]
    for n, line in lines[1:]:
        cells = [c.strip() for c in next(csv.reader([line]))]
        if len(cells) != 3:
            problems.append(Problem(str(path), f"3 fields expected, found {len(cells)}", line=n))
            continue
        source, code, target = cells
        if source not in tables:
            problems.append(Problem(str(path), f"{shown(source)} is not one of {', '.join(MAPPING_SOURCES)}", line=n))
            continue
        if source == "service_class" and target not in NEED_CODES:
            problems.append(Problem(str(path), f"unknown need code {shown(target)}", line=n, column="maps_to"))
            continue
        tables[source].setdefault(code, []).append(target)
    return mapping, problems


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns]


@dataclass
class Converted:
    """The rows PTV gives, by resource name, and what the report needs."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    organization_ids: set[str] = field(default_factory=set)
    unmapped: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (service id, name, its classes)
    skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # what could not be mapped, counted
    warnings: list[str] = field(default_factory=list)
    terms: dict[tuple[str, str], str] = field(default_factory=dict)  # (taxonomy, code) → term id
    term_names: dict[tuple[str, str], str] = field(default_factory=dict)


class Converter:
    def __init__(self, mapping: Mapping, existing_terms: dict[tuple[str, str], str]) -> None:
        self.mapping = mapping
        self.problems: list[Problem] = []
        self.out = Converted()
        self.out.terms.update(existing_terms)
        self.columns = {spec.name: _columns(spec.table) for spec in stored_resources() if spec.table is not None}
        self.places = gazetteer()
        self.channels: dict[str, dict[str, Any]] = {}  # channel id → its location row

    # --- helpers ---

    def row(self, resource: str, **values: Any) -> dict[str, Any]:
        out = dict.fromkeys(self.columns[resource])
        out.update(values)
        self.out.rows[resource].append(out)
        return out

    def problem(self, item: Item, path: str, message: str) -> None:
        self.problems.append(Problem(item.where, message, column=path.lstrip(".") or None))

    def need(self, item: Item, data: dict[str, Any], name: str, path: str = "") -> Any:
        value = data.get(name)
        if value is None or value == "" or value == []:
            self.problem(item, f"{path}.{name}", "missing required value")
            return None
        return value

    def texts(self, item: Item, values: Any, path: str, kinds: tuple[str, ...] | None) -> dict[str, str]:
        """Localised items (``[{"type", "language", "value"}]``) of the given types, by language."""
        out: dict[str, str] = {}
        if values is None:
            return out
        if not isinstance(values, list):
            self.problem(item, path, "not a list")
            return out
        for i, entry in enumerate(values):
            if not isinstance(entry, dict):
                self.problem(item, f"{path}[{i}]", "not a JSON object")
                continue
            if kinds is not None and entry.get("type") not in kinds:
                continue
            lang, value = entry.get("language"), entry.get("value")
            if not isinstance(lang, str) or not LANGUAGE_CODE.fullmatch(lang):
                self.problem(item, f"{path}[{i}].language", f"not a language code: {lang!r}")
                continue
            if isinstance(value, str) and value.strip() and lang not in out:
                out[lang] = value.strip()
        return out

    def first(self, texts: dict[str, str]) -> str | None:
        for lang in LANGUAGES:
            if lang in texts:
                return texts[lang]
        return next(iter(texts.values()), None)

    def term(self, taxonomy: str, code: str, name: str) -> str:
        key = (taxonomy, code)
        if key not in self.out.terms:
            self.out.terms[key] = made_id("term", taxonomy, code)
        self.out.term_names.setdefault(key, name)
        return self.out.terms[key]

    def attribute(self, entity: str, link_id: str, taxonomy: str, code: str, name: str, value: str | None) -> None:
        term_id = self.term(taxonomy, code, name)
        self.row(
            "attribute",
            id=made_id("attribute", link_id, taxonomy, code),
            link_id=link_id,
            taxonomy_term_id=term_id,
            link_type=taxonomy,
            link_entity=entity,
            value=value,
        )

    def translations(self, entity: str, link_id: str, kind: str, texts: dict[str, str], used: str | None) -> None:
        for lang, text in texts.items():
            if lang in LANGUAGES and text != used:
                self.attribute(entity, link_id, TRANSLATIONS, f"{kind}:{lang}", f"{kind} ({lang})", text)

    def guid(self, item: Item, data: dict[str, Any], name: str = "id", path: str = "") -> str | None:
        value = self.need(item, data, name, path)
        if value is None:
            return None
        try:
            return str(uuid.UUID(str(value)))
        except ValueError:
            self.problem(item, f"{path}.{name}", f"not a PTV id (GUID): {shown(str(value))}")
            return None

    # --- organisations ---

    def organization(self, item: Item) -> None:
        data = item.data
        oid = self.guid(item, data)
        names = self.texts(item, data.get("organizationNames"), ".organizationNames", ("Name",))
        if not names:
            self.problem(item, ".organizationNames", "missing required value: no Name in any language")
        if oid is None or not names:
            return
        if oid in self.out.organization_ids:
            return
        descriptions = self.texts(item, data.get("organizationDescriptions"), ".organizationDescriptions", None)
        web = [w.get("url") for w in data.get("webPages") or [] if isinstance(w, dict) and w.get("url")]
        emails = [e.get("value") for e in data.get("emails") or [] if isinstance(e, dict) and e.get("value")]
        name = self.first(names)
        self.row(
            "organization",
            id=oid,
            name=name,
            description=self.first(descriptions) or "",
            website=web[0] if web else None,
            email=emails[0] if emails else None,
            tax_id=data.get("businessCode") or None,
            legal_status=data.get("organizationType") or None,
        )
        self.out.organization_ids.add(oid)
        self.attribute("organization", oid, PTV_TAXONOMY, "ptv-id", "PTV id", oid)
        self.translations("organization", oid, "name", names, name)

    def organization_from_service(self, item: Item, main: Any) -> str | None:
        """A service's organisation when PTV's own answer for it was not given: its id and name."""
        if not isinstance(main, dict):
            self.problem(item, ".mainOrganization", "missing required value")
            return None
        oid = self.guid(item, main, "id", ".mainOrganization")
        if oid is not None and oid not in self.out.organization_ids:
            name = main.get("name")
            if not isinstance(name, str) or not name.strip():
                self.problem(item, ".mainOrganization.name", "missing required value")
                return None
            self.row("organization", id=oid, name=name.strip(), description="")
            self.out.organization_ids.add(oid)
            self.attribute("organization", oid, PTV_TAXONOMY, "ptv-id", "PTV id", oid)
        return oid

    # --- channels ---

    def channel(self, item: Item) -> None:
        data = item.data
        cid = self.guid(item, data)
        kind = self.need(item, data, "serviceChannelType")
        if kind is not None and kind not in CHANNEL_TYPES:
            self.problem(item, ".serviceChannelType", f"{shown(str(kind))} is not one of {', '.join(CHANNEL_TYPES)}")
            return
        names = self.texts(item, data.get("serviceChannelNames"), ".serviceChannelNames", ("Name",))
        if cid is None or kind is None:
            return
        if kind == "PrintableForm":
            self.out.skipped["printable form channels (no HSDS location)"] += 1
            return
        org = data.get("organizationId")
        descriptions = self.texts(item, data.get("serviceChannelDescriptions"), ".serviceChannelDescriptions", None)
        web = [w.get("url") for w in data.get("webPages") or [] if isinstance(w, dict) and w.get("url")]
        location = self.row(
            "location",
            id=cid,
            location_type="physical" if kind == "ServiceLocation" else "virtual",
            url=web[0] if web else None,
            organization_id=str(org) if org and str(org) in self.out.organization_ids else None,
            name=self.first(names),
            description=self.first(descriptions),
            external_identifier=cid,
            external_identifier_type=LOCATION_ID_TYPE,
        )
        self.channels[cid] = location
        for i, phone in enumerate(data.get("phoneNumbers") or data.get("supportPhones") or []):
            self.phone(item, phone, f".phoneNumbers[{i}]", cid)
        if kind == "ServiceLocation":
            for i, address in enumerate(data.get("addresses") or []):
                self.address(item, address, f".addresses[{i}]", location)
        for lang in data.get("languages") or []:
            if isinstance(lang, str) and LANGUAGE_CODE.fullmatch(lang):
                self.row("language", id=made_id("language", cid, lang), location_id=cid, code=lang)
        if data.get("serviceHours"):
            self.out.skipped["opening hours (HSDS schedules are not stored)"] += 1

    def phone(self, item: Item, phone: Any, path: str, location_id: str) -> None:
        if not isinstance(phone, dict):
            self.problem(item, path, "not a JSON object")
            return
        number = phone.get("number")
        if not isinstance(number, str) or not number.strip():
            self.problem(item, f"{path}.number", "missing required value")
            return
        prefix = phone.get("prefixNumber") or ""
        full = f"{prefix} {number.strip()}".strip() if not phone.get("isFinnishServiceNumber") else number.strip()
        self.row(
            "phone",
            id=made_id("phone", location_id, full),
            location_id=location_id,
            number=full[:64],
            type=_phone_type(phone.get("type")),
            description=phone.get("additionalInformation") or None,
        )

    def address(self, item: Item, address: Any, path: str, location: dict[str, Any]) -> None:
        if not isinstance(address, dict):
            self.problem(item, path, "not a JSON object")
            return
        subtype = address.get("subType")
        street = address.get("streetAddress")
        if subtype not in ("Single", "Street", None) or not isinstance(street, dict):
            self.out.skipped[f"addresses of sub-type {subtype} (post office box, abroad, other)"] += 1
            return
        names = self.texts(item, street.get("street"), f"{path}.streetAddress.street", None)
        offices = self.texts(item, street.get("postOffice"), f"{path}.streetAddress.postOffice", None)
        postal = street.get("postalCode")
        if not isinstance(postal, str) or not postal.strip():
            self.problem(item, f"{path}.streetAddress.postalCode", "missing required value")
            return
        municipality = street.get("municipality") or {}
        code = municipality.get("code") if isinstance(municipality, dict) else None
        place = self.places.get(str(code)) if code else None
        city = self.first(offices) or (place.name_fi if place else None)
        if not names or city is None:
            self.problem(item, f"{path}.streetAddress", "missing required value: street and post office")
            return
        region = self.places.region_name(place.region_code, "fi") if place else None
        self.row(
            "address",
            id=made_id("address", location["id"], str(address.get("type")), self.first(names) or ""),
            location_id=location["id"],
            address_1=" ".join(filter(None, [self.first(names), street.get("streetNumber")])),
            city=city,
            region=region,
            state_province=region or city,
            postal_code=postal.strip()[:32],
            country=str(address.get("country") or "FI")[:8],
            address_type="physical" if address.get("type") in ("Location", "Visiting", None) else "postal",
        )
        for axis in ("latitude", "longitude"):
            raw = street.get(axis)
            if raw not in (None, ""):
                try:
                    location[axis] = float(str(raw).replace(",", "."))
                except ValueError:
                    self.problem(item, f"{path}.streetAddress.{axis}", f"not a number: {shown(str(raw))}")

    # --- services ---

    def service(self, item: Item) -> None:
        data = item.data
        sid = self.guid(item, data)
        names = self.texts(item, data.get("serviceNames"), ".serviceNames", ("Name",))
        if not names:
            self.problem(item, ".serviceNames", "missing required value: no Name in any language")
        status_text = self.need(item, data, "publishingStatus")
        if status_text is not None and status_text not in PUBLISHING:
            self.problem(item, ".publishingStatus", f"{shown(str(status_text))} is not one of {', '.join(PUBLISHING)}")
            return
        area_type = self.need(item, data, "areaType")
        if area_type is not None and area_type not in AREA_TYPES:
            self.problem(item, ".areaType", f"{shown(str(area_type))} is not one of {', '.join(AREA_TYPES)}")
        org = self.organization_from_service(item, data.get("mainOrganization"))
        if sid is None or not names or org is None or status_text is None or area_type not in AREA_TYPES:
            return
        descriptions = self.texts(item, data.get("serviceDescriptions"), ".serviceDescriptions", ("Description",))
        summaries = self.texts(item, data.get("serviceDescriptions"), ".serviceDescriptions", ("Summary",))
        requirements = self.texts(item, data.get("requirements"), ".requirements", None)
        name = self.first(names)
        description = self.first(descriptions) or self.first(summaries)
        self.row(
            "service",
            id=sid,
            organization_id=org,
            name=name,
            description=description,
            status=PUBLISHING[status_text] or "inactive",
            eligibility_description=self.first(requirements),
            fees_description=None,
            last_modified=str(data.get("modified")) if data.get("modified") else None,
        )
        self.attribute("service", sid, PTV_TAXONOMY, "ptv-id", "PTV id", sid)
        self.translations("service", sid, "name", names, name)
        self.translations("service", sid, "description", descriptions or summaries, description)
        self.areas(item, data, sid, area_type)
        for i, lang in enumerate(data.get("languages") or []):
            if not isinstance(lang, str) or not LANGUAGE_CODE.fullmatch(lang):
                self.problem(item, f".languages[{i}]", f"not an ISO 639-1 language code: {lang!r}")
                continue
            self.row("language", id=made_id("language", sid, lang), service_id=sid, code=lang)
        self.classes(item, data, sid, name or sid)
        for i, link in enumerate(data.get("serviceChannels") or []):
            channel = link.get("serviceChannel") if isinstance(link, dict) else None
            cid = channel.get("id") if isinstance(channel, dict) else None
            if not cid:
                self.problem(item, f".serviceChannels[{i}].serviceChannel.id", "missing required value")
                continue
            self.row(
                "service_at_location",
                id=made_id("sal", sid, str(cid)),
                service_id=sid,
                location_id=str(cid),
            )
        for key in ("keywords", "ontologyTerms", "lifeEvents", "industrialClasses", "legislation"):
            if data.get(key):
                self.out.skipped[f"{key} (no place in the profile)"] += 1
        if data.get("serviceChargeType") == "Chargeable":
            self.out.skipped["service charge type (fees_description left to the description)"] += 1

    def areas(self, item: Item, data: dict[str, Any], sid: str, area_type: str) -> None:
        extents: dict[str, str] = {}
        if area_type in ("Nationwide", "NationwideExceptAlandIslands"):
            extents["country:FI"] = "Suomi"
        for i, area in enumerate(data.get("areas") or []):
            path = f".areas[{i}]"
            if not isinstance(area, dict):
                self.problem(item, path, "not a JSON object")
                continue
            kind, code = area.get("type"), str(area.get("code") or "")
            if kind not in AREA_KINDS:
                self.problem(item, f"{path}.type", f"{shown(str(kind))} is not one of {', '.join(AREA_KINDS)}")
                continue
            if kind == "Municipality":
                self.municipality(item, f"{path}.code", code, extents)
            elif kind == "Region":
                if code.zfill(2) not in self.places.regions:
                    self.problem(item, f"{path}.code", f"no Finnish region (maakunta) has the code {shown(code)}")
                else:
                    extents[f"region:{code.zfill(2)}"] = self.places.region_name(code.zfill(2), "fi") or code
            else:  # business sub-regions and hospital districts: the municipalities they list
                members = area.get("municipalities") or []
                if not members:
                    self.problem(item, f"{path}.municipalities", f"a {kind} area without its municipalities")
                for j, member in enumerate(members):
                    value = member.get("code") if isinstance(member, dict) else None
                    self.municipality(item, f"{path}.municipalities[{j}].code", str(value or ""), extents)
        for j, municipality in enumerate(data.get("municipalities") or []):  # older answers list them here too
            if area_type == "LimitedType" and isinstance(municipality, dict):
                self.municipality(item, f".municipalities[{j}].code", str(municipality.get("code") or ""), extents)
        if area_type == "LimitedType" and not extents:
            self.problem(item, ".areas", "areaType LimitedType but no areas")
        for extent, name in extents.items():
            self.row(
                "service_area",
                id=made_id("area", sid, extent),
                service_id=sid,
                name=name,
                extent=extent,
                extent_type="text",
            )

    def municipality(self, item: Item, path: str, code: str, extents: dict[str, str]) -> None:
        place = self.places.get(code.zfill(3)) if code.strip().isdigit() else None
        if place is None:
            self.problem(item, path, f"no Finnish municipality has the code {shown(code)}")
            return
        extents[f"municipality:{place.code}"] = place.name_fi

    def classes(self, item: Item, data: dict[str, Any], sid: str, name: str) -> None:
        needs: list[str] = []
        codes: list[str] = []
        groups: dict[str, str] = {}
        for i, entry in enumerate(data.get("serviceClasses") or []):
            code = entry.get("code") if isinstance(entry, dict) else None
            if not isinstance(code, str) or not re.fullmatch(r"P\d+(\.\d+)*", code):
                self.problem(item, f".serviceClasses[{i}].code", f"not a PTV service class code (P10.1): {code!r}")
                continue
            codes.append(code)
            needs += [n for n in self.mapping.needs_of(code) if n not in needs]
            for group in self.mapping.groups_of_class(code):
                groups.setdefault(group, group)
        for i, entry in enumerate(data.get("targetGroups") or []):
            code = entry.get("code") if isinstance(entry, dict) else None
            if not isinstance(code, str) or not re.fullmatch(r"KR\d+(\.\d+)*", code):
                self.problem(item, f".targetGroups[{i}].code", f"not a PTV target group code (KR1.3): {code!r}")
                continue
            label = self.first(self.texts(item, entry.get("name"), f".targetGroups[{i}].name", None)) or code
            mapped = self.mapping.groups.get(code)
            for group in mapped or [f"ptv:{code}"]:
                groups.setdefault(group, label)
        for need in needs:
            self.attribute("service", sid, NEED_TAXONOMY, need, need, None)
        for code, label in groups.items():
            self.attribute("service", sid, TARGET_GROUP_TAXONOMY, code, label, None)
        if not needs:
            self.out.unmapped.append((sid, name, codes))


def _phone_type(kind: Any) -> str | None:
    return {"Phone": "voice", "Sms": "sms", "Fax": "fax"}.get(str(kind)) if kind else "voice"


def convert(
    fetched: Fetched, mapping: Mapping, existing_terms: dict[tuple[str, str], str]
) -> tuple[Converted, list[Problem]]:
    """The rows of everything fetched, organisations and channels first (services point to them)."""
    converter = Converter(mapping, existing_terms)
    for item in fetched.organizations:
        converter.organization(item)
    for item in fetched.channels:
        converter.channel(item)
    seen: set[str] = set()
    for item in fetched.services:
        sid = str(item.data.get("id"))
        if sid in seen:
            continue  # the same service listed by two of the organisations
        seen.add(sid)
        converter.service(item)
    # links to channels that were not fetched (another organisation's) are left out
    known = set(converter.channels)
    links = converter.out.rows.get("service_at_location", [])
    missing = [r for r in links if r["location_id"] not in known]
    if missing:
        converter.out.warnings.append(
            f"{len(missing)} link(s) from services to channels of organisations not imported were left out"
        )
        converter.out.rows["service_at_location"] = [r for r in links if r["location_id"] in known]
    return converter.out, converter.problems
