"""PTV open API (v11) answers, written in PTV's own shape, and a local HTTP server that pages them as PTV does.

Three organisations of different kinds: a city (Kerava), a wellbeing county
(Keski-Uudenmaan hyvinvointialue) and an association. Field names and code
lists are PTV's (vrk-kpa/ptv-releases, PTV.Domain.Model OpenApi V11 models;
codelists ptvserclass2 and ptvkohderyhmat).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

KERAVA = "1a0d2f7e-0b51-4f0f-8a3a-6f1d8f2b0001"
COUNTY = "1a0d2f7e-0b51-4f0f-8a3a-6f1d8f2b0002"
ASSOCIATION = "1a0d2f7e-0b51-4f0f-8a3a-6f1d8f2b0003"
NAMES = {KERAVA: "Keravan kaupunki", COUNTY: "Keski-Uudenmaan hyvinvointialue", ASSOCIATION: "Takuusäätiö sr"}
TYPES = {KERAVA: "Municipality", COUNTY: "Region", ASSOCIATION: "Organization"}


def gid(n: int, kind: str = "s") -> str:
    return str(uuid.UUID(int=(0x5000 if kind == "s" else 0xC000) * 2**100 + n))


def texts(fi: str, sv: str | None = None, en: str | None = None, kind: str | None = "Name") -> list[dict[str, Any]]:
    out = []
    for lang, value in (("fi", fi), ("sv", sv), ("en", en)):
        if value:
            item: dict[str, Any] = {"language": lang, "value": value}
            if kind:
                item["type"] = kind
            out.append(item)
    return out


def finto(code: str, fi: str, codelist: str) -> dict[str, Any]:
    return {
        "name": [{"language": "fi", "value": fi}],
        "code": code,
        "ontologyType": None,
        "uri": f"http://uri.suomi.fi/codelist/ptv/{codelist}/code/{code}",
        "parentId": None,
        "parentUri": None,
    }


def organization(oid: str) -> dict[str, Any]:
    return {
        "id": oid,
        "organizationType": TYPES[oid],
        "businessCode": None,
        "organizationNames": texts(NAMES[oid], None, None),
        "organizationDescriptions": texts(f"{NAMES[oid]} palvelee asukkaita.", kind="Description"),
        "webPages": [{"url": "https://example.fi/", "value": "Verkkosivut", "language": "fi", "orderNumber": 1}],
        "emails": [],
        "publishingStatus": "Published",
    }


def service(
    n: int,
    org: str,
    name: str,
    *,
    classes: tuple[str, ...] = ("P10.1",),
    groups: tuple[str, ...] = ("KR1",),
    area_type: str = "LimitedType",
    areas: list[dict[str, Any]] | None = None,
    channels: tuple[int, ...] = (),
    sv: str | None = None,
    languages: tuple[str, ...] = ("fi",),
) -> dict[str, Any]:
    return {
        "id": gid(n),
        "sourceId": None,
        "type": "Service",
        "fundingType": "PubliclyFunded",
        "serviceNames": texts(name, sv),
        "serviceChargeType": "FreeOfCharge",
        "areaType": area_type,
        "areas": areas
        if areas is not None
        else [{"type": "Municipality", "code": "245", "name": texts("Kerava", kind=None)}],
        "serviceDescriptions": texts(f"{name}: ohjausta ja neuvontaa.", kind="Description")
        + texts(f"{name} lyhyesti.", kind="Summary"),
        "languages": list(languages),
        "requirements": [{"language": "fi", "value": "Keravalaiset"}],
        "serviceClasses": [finto(c, c, "ptvserclass2") for c in classes],
        "targetGroups": [
            finto(g, {"KR1": "Kansalaiset", "KR1.3": "Nuoret"}.get(g, g), "ptvkohderyhmat") for g in groups
        ],
        "serviceChannels": [{"serviceChannel": {"id": gid(c, "c"), "name": f"kanava {c}"}} for c in channels],
        "organizations": [{"roleType": "Responsible", "organization": {"id": org, "name": NAMES[org]}}],
        "mainOrganization": {"id": org, "name": NAMES[org]},
        "publishingStatus": "Published",
        "modified": "2026-11-20T08:00:00",
    }


def location_channel(n: int, org: str, name: str, street: str = "Kauppakaari", number: str = "11") -> dict[str, Any]:
    return {
        "id": gid(n, "c"),
        "serviceChannelType": "ServiceLocation",
        "organizationId": org,
        "serviceChannelNames": texts(name),
        "serviceChannelDescriptions": texts(f"{name}: käyntiosoite.", kind="Description"),
        "areaType": "LimitedType",
        "languages": ["fi", "sv"],
        "phoneNumbers": [
            {
                "type": "Phone",
                "prefixNumber": "+358",
                "number": "40 318 2000",
                "isFinnishServiceNumber": False,
                "language": "fi",
                "serviceChargeType": "FreeOfCharge",
            }
        ],
        "addresses": [
            {
                "type": "Location",
                "subType": "Single",
                "country": "FI",
                "streetAddress": {
                    "street": texts(street, kind=None),
                    "streetNumber": number,
                    "postalCode": "04200",
                    "postOffice": texts("KERAVA", "KERVO", kind=None),
                    "municipality": {"code": "245", "name": texts("Kerava", kind=None)},
                    "latitude": "60.4034",
                    "longitude": "25.1050",
                },
            }
        ],
        "serviceHours": [],
        "webPages": [],
        "publishingStatus": "Published",
    }


def phone_channel(n: int, org: str, name: str) -> dict[str, Any]:
    return {
        "id": gid(n, "c"),
        "serviceChannelType": "Phone",
        "organizationId": org,
        "serviceChannelNames": texts(name),
        "areaType": "Nationwide",
        "languages": ["fi"],
        "phoneNumbers": [
            {
                "type": "Phone",
                "prefixNumber": "+358",
                "number": "9 877 2000",
                "isFinnishServiceNumber": False,
                "language": "fi",
            }
        ],
        "webPages": [],
        "publishingStatus": "Published",
    }


def web_channel(n: int, org: str, name: str, kind: str = "EChannel") -> dict[str, Any]:
    return {
        "id": gid(n, "c"),
        "serviceChannelType": kind,
        "organizationId": org,
        "serviceChannelNames": texts(name),
        "areaType": "Nationwide",
        "languages": ["fi"],
        "webPages": [{"url": f"https://asiointi.example.fi/{n}", "value": name, "language": "fi", "orderNumber": 1}],
        "publishingStatus": "Published",
    }


def network() -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Per organisation: its services and channels, as PTV would list them."""
    uusimaa_county = [
        {
            "type": "HospitalDistrict",
            "code": "27",
            "name": texts("Keski-Uusimaa", kind=None),
            "municipalities": [{"code": c, "name": []} for c in ("245", "186", "858", "092")],
        }
    ]
    return {
        KERAVA: {
            "services": [
                service(1, KERAVA, "Keravan työllisyyspalvelut", classes=("P10.1", "P10.7"), channels=(1, 2)),
                service(
                    2,
                    KERAVA,
                    "Maahan muuttaneiden työllisyyspalvelut",
                    classes=("P10.1", "P22.2"),
                    groups=("KR1",),
                    channels=(1,),
                    sv="Sysselsättningstjänster för invandrare",
                    languages=("fi", "en", "ar"),
                ),
                service(3, KERAVA, "Keravan Ohjaamo", classes=("P28.5", "P6.4"), groups=("KR1.3",), channels=(1,)),
                service(4, KERAVA, "Kaavoitus", classes=("P2.3",), channels=()),
            ],
            "channels": [
                location_channel(1, KERAVA, "Keravan työllisyyspalvelut, Kauppakaari"),
                web_channel(2, KERAVA, "Työnhakijan asiointi"),
            ],
        },
        COUNTY: {
            "services": [
                service(10, COUNTY, "Aikuisten sosiaalityö", classes=("P4.13",), areas=uusimaa_county, channels=(10,)),
                service(
                    11,
                    COUNTY,
                    "Mielenterveys- ja päihdepalvelut",
                    classes=("P5.7",),
                    areas=[{"type": "Region", "code": "01", "name": texts("Uusimaa", kind=None)}],
                    channels=(11,),
                ),
                service(12, COUNTY, "Toimeentulotuen neuvonta", classes=("P4.10",), areas=uusimaa_county),
            ],
            "channels": [
                location_channel(10, COUNTY, "Sosiaalipalvelut Kerava", "Metsolantie", "2"),
                phone_channel(11, COUNTY, "Mielenterveyden neuvontapuhelin"),
                web_channel(12, COUNTY, "Lomake", "PrintableForm"),
            ],
        },
        ASSOCIATION: {
            "services": [
                service(
                    20,
                    ASSOCIATION,
                    "Velkaneuvonnan auttava puhelin",
                    classes=("P15.1",),
                    area_type="Nationwide",
                    areas=[],
                    channels=(20,),
                ),
            ],
            "channels": [phone_channel(20, ASSOCIATION, "Velkalinja")],
        },
    }


def page(items: list[dict[str, Any]], number: int, size: int) -> dict[str, Any]:
    count = max(1, -(-len(items) // size))
    return {
        "pageNumber": number,
        "pageSize": size,
        "pageCount": count,
        "itemList": items[(number - 1) * size : number * size],
    }


def save(folder: Path, data: dict[str, dict[str, list[dict[str, Any]]]] | None = None, size: int = 2) -> Path:
    """The answers as files, one per page, as `--from` reads them."""
    data = data or network()
    folder.mkdir(parents=True, exist_ok=True)
    for org, parts in data.items():
        (folder / f"organization-{org}.json").write_text(json.dumps(organization(org), ensure_ascii=False), "utf-8")
        for kind, items in parts.items():
            count = max(1, -(-len(items) // size))
            for n in range(1, count + 1):
                (folder / f"{kind}-{org}-{n}.json").write_text(
                    json.dumps(page(items, n, size), ensure_ascii=False), "utf-8"
                )
    return folder


class PtvServer:
    """Serves the answers under /api/v11/ as PTV does; ``broken`` maps a path (with query) to a status or body."""

    def __init__(self, data: dict[str, dict[str, list[dict[str, Any]]]], size: int = 2) -> None:
        self.data, self.size = data, size
        self.requests: list[str] = []
        self.broken: dict[str, int | bytes] = {}
        self.encoded: dict[tuple[str, str, int], bytes] = {}

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, bytes]:
        parts = path.strip("/").split("/")
        if parts[:2] != ["api", "v11"]:
            return 404, b"{}"
        rest = parts[2:]
        if len(rest) == 2 and rest[0] == "Organization":
            if rest[1] not in self.data:
                return 404, b'{"error": "not found"}'
            return 200, json.dumps(organization(rest[1])).encode()
        if len(rest) == 3 and rest[1:] == ["list", "organization"] and rest[0] in ("Service", "ServiceChannel"):
            org = query.get("organizationId", [""])[0]
            number = int(query.get("page", ["1"])[0])
            kind = "services" if rest[0] == "Service" else "channels"
            key = (org, kind, number)
            if key not in self.encoded:
                items = self.data.get(org, {}).get(kind, [])
                self.encoded[key] = json.dumps(page(items, number, self.size), ensure_ascii=False).encode()
            return 200, self.encoded[key]
        return 404, b"{}"


@contextmanager
def serving(server_state: PtvServer) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 answering like PTV's open API; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            full = parts.path.split("/api/v11/", 1)[-1] + (f"?{parts.query}" if parts.query else "")
            server_state.requests.append(full)
            broken = server_state.broken.get(full)
            if broken == -1:
                self.connection.close()  # the network fails halfway
                return
            if isinstance(broken, int):
                status, body = broken, b"{}"
            elif isinstance(broken, bytes):
                status, body = 200, broken
            else:
                status, body = server_state.answer(parts.path, parse_qs(parts.query))
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api/v11/"
    finally:
        httpd.shutdown()
        httpd.server_close()
