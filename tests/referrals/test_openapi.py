"""The OpenAPI document describes every /api/v1 route, and is a valid OpenAPI 3.1 document."""

from __future__ import annotations

import re

from openapi_spec_validator import validate

METHODS = {"get", "post", "put", "patch", "delete"}
# described from the contract ahead of the branches that build them; empty this once they are merged
EXPECTED_ELSEWHERE = {
    ("/api/v1/route", "post"),
    ("/api/v1/directory/overlaps", "get"),
    ("/api/v1/figures", "get"),
    ("/api/v1/referrals/{}/export", "get"),
    ("/api/v1/referrals/{}/erase", "post"),
    ("/api/v1/referrals/{}/access-log", "get"),
    ("/api/v1/webhooks", "post"),
    ("/api/v1/webhooks", "get"),
    ("/api/v1/webhooks/{}", "delete"),
    ("/api/v1/webhooks/{}/disable", "post"),
    ("/api/v1/webhooks/{}/deliveries", "get"),
    ("/api/v1/webhooks/{}/deliveries/{}/retry", "post"),
}


def _shape(path: str) -> str:
    """A path with its parameters unnamed: Flask's ``<int:x>`` and OpenAPI's ``{x}`` both become ``{}``."""
    return re.sub(r"\{[^}]*\}", "{}", re.sub(r"<(?:[^:<>]+:)?[^<>]+>", "{}", path))


def _routes(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
                found.add((_shape(rule.rule), method.lower()))
    return found


def test_the_document_is_valid_openapi_3_1(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_api_route_is_described(app, client) -> None:
    document = client.get("/api/v1/openapi.json").json
    described = {(_shape(path), m) for path, item in document["paths"].items() for m in item if m in METHODS}
    routes = _routes(app)
    assert routes, "no API routes found"
    missing = sorted(routes - described)
    assert not missing, f"API routes not described in openapi.json: {missing}"
    # and nothing is described that does not exist (apart from what other branches bring)
    invented = sorted(described - routes - EXPECTED_ELSEWHERE)
    assert not invented, f"openapi.json describes routes the app does not have: {invented}"


def test_path_parameters_are_named_as_in_the_routes(app, client) -> None:
    document = client.get("/api/v1/openapi.json").json
    by_shape = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            by_shape[_shape(rule.rule)] = re.findall(r"<(?:[^:<>]+:)?([^<>]+)>", rule.rule)
    for path in document["paths"]:
        names = re.findall(r"\{([^}]*)\}", path)
        if _shape(path) in by_shape:
            assert names == by_shape[_shape(path)], path
