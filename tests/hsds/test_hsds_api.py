"""``/api/v1/hsds/``: the directory as the Open Referral HSDS 3.0 API, checked against the specification's own
JSON schemas (tests/hsds/spec3, copied from openreferral/specification, CC BY-SA 4.0)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlmodel import select

from routing.core import db
from routing.demo.network import DIRECTORY
from routing.directory.hsds import import_path
from routing.directory.models import Attribute, Service, Taxonomy, TaxonomyTerm

SPEC = Path(__file__).parent / "spec3"
BASE = "https://example.invalid/hsds3/"


@cache
def _registry() -> Registry:
    resources = []
    for path in SPEC.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        # the schemas name no draft: read them as 2020-12, their relative $refs resolved among these files
        resources.append((BASE + path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def check(instance, schema_file: str) -> None:
    """Fail with every problem the HSDS 3.0 schema finds (formats too: uuid, uri, email, date)."""
    validator = Draft202012Validator({"$ref": BASE + schema_file}, registry=_registry(), format_checker=FormatChecker())
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]
    assert not problems, problems[:10]


def check_page(body, item_schema: str) -> None:
    page = json.loads((SPEC / "openapi.json").read_text())["components"]["schemas"]["Page"]
    for name, spec in page["properties"].items():
        assert name in body and isinstance(body[name], int if spec["type"] == "integer" else bool), name
    for item in body["contents"]:
        check(item, item_schema)


@pytest.fixture
def directory(app):
    with app.app_context(), db.transaction() as s:
        import_path(s, DIRECTORY)
        groups = Taxonomy(id="6f1c0a52-7d0e-4c59-9a51-2f0d0b1e6a11", name="eteinen-target-groups", description="")
        s.add(groups)
        s.flush()
        term = TaxonomyTerm(
            id="0b8e8a3e-5d22-4a4c-bb0a-7b0e3e0e9c01",
            code="young-people",
            name="Nuoret",
            taxonomy_id=groups.id,
            taxonomy="eteinen-target-groups",
        )
        s.add(term)
        s.flush()
        service = s.exec(select(Service).where(Service.name.like("Ohjaamo Kerava%"))).first()
        service.assured_date = "2026-11-30"
        service.assurer_email = "ohjaus@kerava.example.fi"
        service.last_modified = "2026-11-30T10:00:00+00:00"
        s.add(
            Attribute(
                id="5b0c9c1e-1a7e-4f1f-9d5e-2c2f1f6b7a01",
                link_id=service.id,
                taxonomy_term_id=term.id,
                link_entity="service",
                link_type="target_group",
            )
        )
        return {"service": service.id, "organization": service.organization_id, "term": term.id}


def test_root_describes_the_api(client):
    body = client.get("/api/v1/hsds/").json
    assert body["version"].startswith("3.0") and body["openapi_url"].endswith("/api/v1/openapi.json")


def test_services_page_validates_and_pages(client, directory):
    body = client.get("/api/v1/hsds/services?per_page=5").json
    assert body["total_items"] > 5 and body["size"] == 5 and body["first_page"] and not body["last_page"]
    check_page(body, "compiled_service_list.json")
    assert all("organization" in item for item in body["contents"])
    second = client.get("/api/v1/hsds/services?per_page=5&page=2").json
    assert not {i["id"] for i in body["contents"]} & {i["id"] for i in second["contents"]}


def test_full_service_validates_with_everything_nested(client, directory):
    body = client.get(f"/api/v1/hsds/services/{directory['service']}").json
    check(body, "service.json")
    assert body["organization"]["id"] == directory["organization"]
    assert body["assured_date"] == "2026-11-30"
    assert body["service_areas"] and body["languages"] and body["service_at_locations"]
    assert body["service_at_locations"][0]["location"]["id"]
    codes = {a["taxonomy_term"]["code"] for a in body["attributes"]}
    assert "young-people" in codes and len(codes) > 1  # the target group and the needs
    full_list = client.get("/api/v1/hsds/services?full=true&per_page=3").json
    for item in full_list["contents"]:
        check(item, "service.json")


def test_search_taxonomy_term_organization_and_modified_after_filter(client, directory):
    found = client.get("/api/v1/hsds/services?search=ohjaamo").json
    assert found["total_items"] >= 1 and all("hjaamo" in i["name"] for i in found["contents"])
    tagged = client.get(f"/api/v1/hsds/services?taxonomy_term_id={directory['term']}").json
    assert [i["id"] for i in tagged["contents"]] == [directory["service"]]
    own = client.get(f"/api/v1/hsds/services?organization_id={directory['organization']}").json
    assert own["total_items"] >= 1 and {i["organization_id"] for i in own["contents"]} == {directory["organization"]}
    recent = client.get("/api/v1/hsds/services?modified_after=2026-11-01T00:00:00Z&minimal=true").json
    assert recent["contents"] == [{"id": directory["service"], "last_modified": "2026-11-30T10:00:00+00:00"}]


def test_ndjson_streams_every_service_one_a_line(client, directory):
    total = client.get("/api/v1/hsds/services").json["total_items"]
    answer = client.get("/api/v1/hsds/services?format=ndjson")
    assert answer.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in answer.text.splitlines()]
    assert len(lines) == total and len({x["id"] for x in lines}) == total
    for item in lines[:20]:
        check(item, "compiled_service_list.json")


def test_organizations_taxonomies_terms_and_service_at_locations_validate(client, directory):
    check_page(client.get("/api/v1/hsds/organizations").json, "compiled_organization_list.json")
    org = client.get(f"/api/v1/hsds/organizations/{directory['organization']}").json
    check(org, "organization.json")
    assert org["services"]
    taxonomies = client.get("/api/v1/hsds/taxonomies").json
    check_page(taxonomies, "taxonomy.json")
    assert {t["name"] for t in taxonomies["contents"]} >= {"eteinen-needs", "eteinen-target-groups"}
    check_page(client.get("/api/v1/hsds/taxonomy_terms?per_page=100").json, "taxonomy_term.json")
    check(client.get(f"/api/v1/hsds/taxonomy_terms/{directory['term']}").json, "taxonomy_term.json")
    sal = client.get("/api/v1/hsds/service_at_locations?full=true").json
    check_page(sal, "service_at_location.json")
    one = client.get(f"/api/v1/hsds/service_at_locations/{sal['contents'][0]['id']}").json
    check(one, "service_at_location.json")


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("format=xml", "format"),
        ("minimal=perhaps", "minimal"),
        ("modified_after=yesterday", "modified_after"),
        ("page=0", "page"),
        ("per_page=x", "per_page"),
    ],
)
def test_bad_parameters_are_400_naming_them(client, query, said):
    answer = client.get(f"/api/v1/hsds/services?{query}")
    assert answer.status_code == 400 and said in answer.json["error"]["message"]


def test_unknown_ids_are_404(client):
    for path in ("services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"):
        assert client.get(f"/api/v1/hsds/{path}/nope").status_code == 404


def test_public_and_no_client_data(client, directory):
    answer = client.get("/api/v1/hsds/services?full=true&per_page=500")
    assert answer.status_code == 200  # no token
    text = answer.text
    for private in ("question", "client_contact", "referral"):
        assert f'"{private}' not in text


def test_a_stream_read_but_never_closed_holds_no_lock(client, directory, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's table locks (a read on SQLite here runs outside any transaction)")
    answer = client.get("/api/v1/hsds/services?format=ndjson")
    assert len(answer.text.splitlines()) > 1  # read to its end, and never closed
    with engine.connect() as conn:
        conn.exec_driver_sql("LOCK TABLE service IN ACCESS EXCLUSIVE MODE NOWAIT")  # fails while a read holds it
        conn.rollback()
    answer.close()
