"""``GET /api/v1/openapi.json``: the OpenAPI 3.1 description of every ``/api/v1`` endpoint.

Written by hand from shared/CONTRACT.md; a test walks ``app.url_map`` and fails
for any API route (and method) described nowhere here, and checks the referral
answers against the schemas below, so this stays true.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, jsonify

from routing.api.blueprint import bp
from routing.referrals.models import (
    DECLINE_REASONS,
    OUTCOMES,
    REFERRAL_STATES,
    MessagePublic,
    OfferPublic,
    ReferralPublic,
    ReferralSummary,
)
from rules.taxonomy import NEED_CODES

_ERROR_STATUS = {
    400: "Bad input: the message says which field and what is wrong",
    401: "No token, or an unknown or revoked one",
    403: "The caller's role or position may not do this",
    404: "Not found, or not visible to the caller's organisation",
    409: "State conflict (e.g. someone else already owns the referral)",
    422: "Invalid state transition; `allowed` names what can be done now",
    429: "Throttled",
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(s): {"$ref": f"#/components/responses/E{s}"} for s in statuses}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _obj(required: list[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props}


STR: dict[str, Any] = {"type": "string"}
INT: dict[str, Any] = {"type": "integer"}
BOOL: dict[str, Any] = {"type": "boolean"}
TIME: dict[str, Any] = {"type": "string", "format": "date-time"}
N_STR = _nullable(STR)
N_INT = _nullable(INT)
N_TIME = _nullable(TIME)


def _path_param(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema or STR}


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema or STR}


PAGE = [
    _query("page", "page number, from 1", {"type": "integer", "minimum": 1}),
    _query("per_page", "items per page", {"type": "integer", "minimum": 1, "maximum": 500}),
]


def _op(
    summary: str,
    responses: dict[str, Any],
    *,
    tag: str,
    body: dict[str, Any] | None = None,
    params: list[dict[str, Any]] | None = None,
    public: bool = False,
    description: str | None = None,
) -> dict[str, Any]:
    op: dict[str, Any] = {"tags": [tag], "summary": summary, "responses": responses}
    if description:
        op["description"] = description
    if params:
        op["parameters"] = params
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if public:
        op["security"] = []
    else:
        op["responses"] = {**responses, **_errors(401)}
    return op


HSDS_SCHEMA = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
HSDS_PARAMS = {
    "search": _query("search", "words in the name or description"),
    "taxonomy_term_id": _query("taxonomy_term_id", "services tagged with this taxonomy term"),
    "taxonomy_id": _query("taxonomy_id", "services tagged with any term of this taxonomy"),
    "organization_id": _query("organization_id", "services of this organisation"),
    "modified_after": _query("modified_after", "modified on or after (ISO 8601)", {**STR, "format": "date-time"}),
    "format": _query("format", "json (a page) or ndjson (every result, one a line)", {"enum": ["json", "ndjson"]}),
    "minimal": _query("minimal", "only id and last_modified", BOOL),
    "full": _query("full", "fully nested objects", BOOL),
}


def _hsds_object(schema: str) -> dict[str, Any]:
    # named, not referenced: a validator would fetch the remote schema (the tests check against a local copy)
    return {"type": "object", "description": f"an HSDS 3.0 object as in {HSDS_SCHEMA}{schema}"}


def _hsds_list(summary: str, schema: str, *params: str) -> dict[str, Any]:
    return {
        "get": _op(
            summary,
            {
                "200": _json(_page_of(_hsds_object(schema)), "A page (HSDS 3.0 paging envelope)"),
                **_errors(400),
            },
            tag="hsds",
            params=[HSDS_PARAMS[p] for p in params] + PAGE,
            public=True,
        )
    }


def _hsds_one(summary: str, schema: str, name: str) -> dict[str, Any]:
    return {
        "get": _op(
            summary,
            {"200": _json(_hsds_object(schema), summary), **_errors(404)},
            tag="hsds",
            params=[_path_param(name, "the object's id")],
            public=True,
        )
    }


def _hsds_paths() -> dict[str, Any]:
    """The Open Referral HSDS 3.0 API (public read)."""
    base = "/api/v1/hsds"
    return {
        f"{base}/": {
            "get": _op(
                "The HSDS API's description: version, profile, OpenAPI address",
                {"200": _json(_obj(["version"], version=STR, profile=STR, openapi_url=STR), "About this API")},
                tag="hsds",
                public=True,
            )
        },
        f"{base}/services": _hsds_list(
            "Services",
            "compiled/service_list.json",
            "search",
            "taxonomy_term_id",
            "taxonomy_id",
            "organization_id",
            "modified_after",
            "format",
            "minimal",
            "full",
        ),
        f"{base}/services/{{service_id}}": _hsds_one("A fully nested service", "compiled/service.json", "service_id"),
        f"{base}/organizations": _hsds_list(
            "Organisations", "compiled/organization_list.json", "search", "format", "full"
        ),
        f"{base}/organizations/{{organization_id}}": _hsds_one(
            "An organisation with its services", "compiled/organization.json", "organization_id"
        ),
        f"{base}/taxonomies": _hsds_list("Taxonomies", "taxonomy.json", "search", "format"),
        f"{base}/taxonomies/{{taxonomy_id}}": _hsds_one("A taxonomy", "taxonomy.json", "taxonomy_id"),
        f"{base}/taxonomy_terms": _hsds_list("Taxonomy terms", "taxonomy_term.json", "search", "format"),
        f"{base}/taxonomy_terms/{{term_id}}": _hsds_one("A taxonomy term", "taxonomy_term.json", "term_id"),
        f"{base}/service_at_locations": _hsds_list(
            "Services at locations", "compiled/service_at_location_list.json", "format", "full"
        ),
        f"{base}/service_at_locations/{{sal_id}}": _hsds_one(
            "A service at a location, with the location", "compiled/service_at_location.json", "sal_id"
        ),
    }


def _page_of(item: dict[str, Any]) -> dict[str, Any]:
    return _obj(
        ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
        total_items=INT,
        total_pages=INT,
        page_number=INT,
        size=INT,
        first_page=BOOL,
        last_page=BOOL,
        empty=BOOL,
        contents={"type": "array", "items": item},
    )


# the case's shapes come from the public models the API answers with: one definition, no copy
PUBLIC_NAMES = {
    "OfferPublic": "Offer",
    "EventPublic": "Event",
    "ReferralPublic": "Referral",
    "ReferralSummary": "ReferralSummary",
    "OfferInReferral": "OfferInReferral",
    "NotePublic": "Note",
    "NeedPublic": "Need",
    "PersonPublic": "Person",
    "OrganizationRef": "OrganizationRef",
    "MessagePublic": "Message",
    "AttachmentPublic": "Attachment",
    "StaffSigned": "StaffSigned",
}


def _public_schemas() -> dict[str, Any]:
    """The JSON schemas of the public models, named as the document names them."""
    found: dict[str, Any] = {}
    for model in (OfferPublic, ReferralPublic, ReferralSummary, MessagePublic):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        found.update(schema.pop("$defs", {}))
        found[model.__name__] = schema
    text = json.dumps(found)
    for name, shown in PUBLIC_NAMES.items():
        text = text.replace(f'"#/components/schemas/{name}"', f'"#/components/schemas/{shown}"')
    renamed = {PUBLIC_NAMES.get(name, name): schema for name, schema in json.loads(text).items()}
    # the stored route result is the engine's answer, described once below
    renamed["Referral"]["properties"]["route"] = _nullable(_ref("RouteResult"))
    return renamed


SCHEMAS: dict[str, Any] = {
    **_public_schemas(),
    "Error": _obj(
        ["error"],
        error={
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": STR,
                "message": STR,
                "allowed": {"type": "array", "items": STR, "description": "422: what can be done now"},
            },
        },
    ),
    "OfferInQueue": {
        "allOf": [_ref("Offer"), _obj(["referral"], referral=_nullable(_ref("ReferralSummary")))],
    },
    "RouteResult": _obj(
        ["needs", "candidates"],
        id=STR,
        language=STR,
        municipality=_nullable(_obj(["code"], code=STR, name=N_STR, source={"enum": ["given", "text"]})),
        age=N_INT,
        needs={
            "type": "array",
            "items": _obj(
                ["code"],
                code=STR,
                evidence={"type": "array", "items": STR},
                source={"enum": ["text", "given"], "description": "read in the question, or given in `needs`"},
            ),
        },
        candidates={
            "type": "array",
            "items": _obj(
                ["service_id", "service_name", "organization_id", "score", "reasons"],
                service_id=STR,
                service_name=STR,
                organization_id=STR,
                organization_name=N_STR,
                location_id=N_STR,
                score={"type": "number"},
                reasons={"type": "array", "items": STR},
            ),
        },
        rules_fired={"type": "array", "items": STR},
        ask={"type": "array", "items": {"enum": ["age", "municipality", "language"]}},
        ruleset=STR,
    ),
    "Service": {
        "type": "object",
        "required": ["id", "organization_id", "name", "status"],
        "description": "an HSDS 3.0 service with the profile's needs, areas and languages",
        "properties": {
            "id": STR,
            "organization_id": STR,
            "organization_name": N_STR,
            "name": STR,
            "description": N_STR,
            "status": STR,
            "minimum_age": _nullable({"type": "number"}),
            "maximum_age": _nullable({"type": "number"}),
            "needs": {"type": "array", "items": STR},
            "areas": {"type": "array", "items": STR},
            "languages": {"type": "array", "items": STR},
        },
    },
    "Webhook": _obj(
        ["id", "url", "events", "active"],
        id=STR,
        url=STR,
        events={"type": "array", "items": STR},
        active=BOOL,
        disabled_reason=N_STR,
        created_at=TIME,
    ),
    "Delivery": {
        "type": "object",
        "required": ["id", "event_type", "state"],
        "properties": {
            "id": INT,
            "webhook_id": {**STR, "description": "the stable `webhook-id` header of the message"},
            "event_type": STR,
            "referral_id": N_STR,
            "state": {"type": "string", "description": "pending, delivered, failed, cancelled"},
            "attempt_count": INT,
            "next_attempt_at": N_TIME,
            "created_at": TIME,
            "delivered_at": N_TIME,
            "attempts": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Figures": {
        "type": "object",
        "description": "the network's figures; any count from 1 to 4 is the string `<5`",
        "required": ["from", "to", "opened_total", "owned_total"],
        "properties": {
            "from": {"type": "string", "format": "date"},
            "to": {"type": "string", "format": "date"},
            "region": N_STR,
            "opened_total": {"type": ["integer", "string"]},
            "owned_total": {"type": ["integer", "string"]},
            "time_to_owner_hours": {"type": "object"},
            "declines_by_reason": {"type": "object"},
            "outcomes": {"type": "object"},
            "needs": {"type": "array", "items": {"type": "object"}},
            "unmet_needs": {"type": "array", "items": {"type": "object"}},
            "weeks": {"type": "array", "items": {"type": "object"}},
            "unowned_older_than_14_days": {"type": "array", "items": {"type": "object"}},
            "by_front_door": {"type": "object", "description": "organisation name → referrals opened"},
            "by_channel": {"type": "object", "description": "desk, ring, api, online, email → referrals opened"},
            "time_to_owner_by_organisation": {"type": "array", "items": {"type": "object"}},
            "declines_by_organisation": {"type": "array", "items": {"type": "object"}},
            "returned_to_open": {"type": "object"},
            "organization_id": {**N_STR, "description": "set for an org-admin: their organisation's view"},
        },
    },
}

REFERRAL_ID = _path_param("referral_id", "the referral's id")
OFFER_ID = _path_param("offer_id", "the offer's id")
WEBHOOK_ID = _path_param("endpoint_id", "the webhook endpoint's id")
REFERRAL = _json(_ref("Referral"), "The referral")


def _ready() -> dict[str, Any]:
    return _obj(
        ["status", "checks", "missing"],
        status={"type": "string", "enum": ["ready", "not ready"]},
        checks={"type": "object", "additionalProperties": {"type": "string", "enum": ["ok", "missing"]}},
        missing={"type": "object", "additionalProperties": STR},
    )


def _paths() -> dict[str, Any]:
    target_or = {"oneOf": [{"required": ["service_id"]}, {"required": ["ring_id"]}]}
    return {
        "/api/v1/health": {
            "get": _op(
                "Is the service and its database up",
                {
                    "200": _json(_obj(["status", "database"], status=STR, database=STR), "Up"),
                    "503": _json(_obj(["status", "database"], status=STR, database=STR), "The database is not"),
                },
                tag="service",
                public=True,
            )
        },
        "/api/v1/ready": {
            "get": _op(
                "Is this worker ready for traffic: database, schema, router and scheduler heartbeat",
                {
                    "200": _json(_ready(), "Ready"),
                    "503": _json(_ready(), "Not ready: `missing` names each problem"),
                },
                tag="service",
                public=True,
            )
        },
        "/api/v1/openapi.json": {
            "get": _op(
                "This description",
                {"200": _json({"type": "object"}, "OpenAPI 3.1")},
                tag="service",
                public=True,
            )
        },
        "/api/v1/route": {
            "post": _op(
                "Rank services for one question",
                {"200": _json(_ref("RouteResult"), "The route result"), **_errors(400)},
                tag="routing",
                body=_obj(
                    ["question"],
                    question=STR,
                    municipality={**STR, "description": "a Statistics Finland code or a name"},
                    age={"type": "integer", "minimum": 0},
                    language={"enum": ["fi", "sv", "en"]},
                    limit={"type": "integer", "minimum": 1},
                    needs={
                        "type": "array",
                        "items": {"enum": list(NEED_CODES)},
                        "uniqueItems": True,
                        "maxItems": len(NEED_CODES),
                        "description": "need codes chosen by the desk: they replace the needs read in the question",
                    },
                ),
            )
        },
        "/api/v1/services": {
            "get": _op(
                "The service directory (HSDS style)",
                {"200": _json(_page_of(_ref("Service")), "A page of services"), **_errors(400)},
                tag="directory",
                params=[
                    _query("search", "words in the name or description"),
                    _query("need", "a need code of the taxonomy"),
                    _query("municipality", "a Statistics Finland code or a name"),
                    *PAGE,
                ],
                public=True,
            )
        },
        "/api/v1/services/{service_id}/capacity": {
            "put": _op(
                "Set a service's capacity (its own organisation's counsellors and admins)",
                {
                    "200": _json(
                        _obj(
                            ["service_id", "capacity", "weeks", "until", "updated_at"],
                            service_id=STR,
                            capacity={"enum": ["open", "waitlist", "full"]},
                            weeks=N_INT,
                            until=_nullable({**STR, "format": "date"}),
                            updated_at=TIME,
                        ),
                        "The capacity as stored",
                    ),
                    **_errors(400, 403, 404),
                },
                tag="directory",
                params=[_path_param("service_id", "the service's id")],
                body=_obj(
                    ["capacity"],
                    capacity={"enum": ["open", "waitlist", "full"]},
                    weeks={"type": "integer", "minimum": 0, "maximum": 104, "description": "waitlist: expected weeks"},
                    until={**STR, "format": "date", "description": "full: until this day (not in the past)"},
                ),
            )
        },
        **_hsds_paths(),
        "/api/v1/directory/overlaps": {
            "get": _op(
                "Services of different organisations serving the same need, area, ages and languages; uncovered gaps",
                {
                    "200": _json({"type": "object"}, "A summary by region and need, one page of groups, and the gaps"),
                    **_errors(400, 403),
                },
                tag="directory",
                description="`summary` counts groups, services, municipalities and gaps per region and need; "
                "`overlaps` is one page of the groups (`paging` says which); `gaps` is whole.",
                params=[
                    _query("region", "a region code or name (default: the regions the services name)"),
                    _query("need", "one need code of the taxonomy (default: every need)"),
                    *PAGE,
                    _query("from", "count offers from this day (default 1 January)", {"format": "date", **STR}),
                    _query("to", "count offers up to this day (default today)", {"format": "date", **STR}),
                ],
            )
        },
        "/api/v1/referrals": {
            "post": _op(
                "Open a referral at the caller's organisation (the front door and first holder)",
                {"201": _json(_ref("Referral"), "The new referral"), **_errors(400)},
                tag="referrals",
                description="Without consent the question and contact are not kept after routing.",
                body={
                    **_obj(
                        ["question", "consent"],
                        question={"type": "string", "minLength": 1, "maxLength": 4000},
                        municipality={**STR, "description": "a Statistics Finland code or a name"},
                        age={"type": "integer", "minimum": 0, "maximum": 130},
                        language={"enum": ["fi", "sv", "en"]},
                        consent=BOOL,
                        client_contact={"type": "string", "maxLength": 500},
                        needs={
                            "type": "array",
                            "items": {"enum": list(NEED_CODES)},
                            "uniqueItems": True,
                            "maxItems": len(NEED_CODES),
                            "description": "need codes chosen by the desk: they replace the needs read in the question",
                        },
                    ),
                    "additionalProperties": False,
                },
            ),
            "get": _op(
                "The referrals the caller's organisation may see, newest first (no personal data)",
                {"200": _json(_page_of(_ref("ReferralSummary")), "A page of referrals"), **_errors(400)},
                tag="referrals",
                params=[
                    _query("state", "only this state", {"enum": list(REFERRAL_STATES)}),
                    _query("holder", "only referrals held by this organisation id"),
                    *PAGE,
                ],
            ),
        },
        "/api/v1/referrals/{referral_id}": {
            "get": _op(
                "State, holder, owner, offers and events; the read is written to the access log",
                {"200": REFERRAL, **_errors(404)},
                tag="referrals",
                params=[REFERRAL_ID],
            )
        },
        "/api/v1/referrals/{referral_id}/offers": {
            "post": _op(
                "Offer the referral to an active service's organisation or to a ring (the holder's people)",
                {"201": _json(_ref("Offer"), "The offer"), **_errors(400, 403, 404, 409, 422)},
                tag="referrals",
                params=[REFERRAL_ID],
                body={
                    **_obj([], service_id=STR, ring_id=STR, note=STR),
                    **target_or,
                    "additionalProperties": False,
                },
            )
        },
        "/api/v1/offers/{offer_id}/accept": {
            "post": _op(
                "Accept as the calling user, who becomes the named owner (counsellor, org-admin)",
                {"200": REFERRAL, **_errors(403, 404, 409, 422)},
                tag="referrals",
                params=[OFFER_ID],
                description="409 if someone already owns the referral or the offer was withdrawn because another "
                "accept won (checked before 422). Other pending offers are withdrawn.",
            )
        },
        "/api/v1/offers/{offer_id}/decline": {
            "post": _op(
                "Decline with a coded reason; the last pending offer declined returns the referral to open",
                {"200": REFERRAL, **_errors(400, 403, 404, 409, 422)},
                tag="referrals",
                params=[OFFER_ID],
                body={
                    **_obj(["reason"], reason={"enum": list(DECLINE_REASONS)}, note=STR),
                    "additionalProperties": False,
                },
            )
        },
        "/api/v1/referrals/{referral_id}/handoff": {
            "post": _op(
                "The owner proposes a new owner; ownership moves only when accepted",
                {"200": REFERRAL, **_errors(400, 403, 404, 409, 422)},
                tag="referrals",
                params=[REFERRAL_ID],
                body={
                    **_obj([], service_id=STR, user_id=INT, note=STR),
                    "oneOf": [{"required": ["service_id"]}, {"required": ["user_id"]}],
                    "additionalProperties": False,
                },
            )
        },
        "/api/v1/referrals/{referral_id}/notes": {
            "post": _op(
                "A follow-up note by the owner",
                {"200": REFERRAL, **_errors(400, 403, 404, 422)},
                tag="referrals",
                params=[REFERRAL_ID],
                body={**_obj(["text"], text={"type": "string", "minLength": 1}), "additionalProperties": False},
            )
        },
        "/api/v1/referrals/{referral_id}/messages": {
            "get": _op(
                "The case's thread with the client, oldest first (the owner; before an owner, the holder's "
                "counsellors and org-admins)",
                {"200": _json({"type": "array", "items": _ref("Message")}, "The messages"), **_errors(404)},
                tag="referrals",
                params=[REFERRAL_ID],
            ),
            "post": _op(
                "Write to the client; they are e-mailed that there is a new message, never its words",
                {"201": _json(_ref("Message"), "The message"), **_errors(400, 404, 409, 422)},
                tag="referrals",
                params=[REFERRAL_ID],
                body={**_obj(["body"], body={"type": "string", "minLength": 1}), "additionalProperties": False},
            ),
        },
        "/api/v1/referrals/{referral_id}/close": {
            "post": _op(
                "Close with an outcome, from any state but closed (pending offers are withdrawn)",
                {"200": REFERRAL, **_errors(400, 403, 404, 422)},
                tag="referrals",
                params=[REFERRAL_ID],
                body={**_obj(["outcome"], outcome={"enum": list(OUTCOMES)}), "additionalProperties": False},
            )
        },
        "/api/v1/referrals/{referral_id}/export": {
            "get": _op(
                "Everything stored about the client (holder's org-admin, coordinator)",
                {
                    "200": _json({"type": "object"}, "The export; for an erased referral, what remains"),
                    **_errors(403, 404),
                },
                tag="client data",
                params=[REFERRAL_ID],
            )
        },
        "/api/v1/referrals/{referral_id}/erase": {
            "post": _op(
                "Erase the client's data, keeping only anonymous events (holder's org-admin, coordinator)",
                {"200": REFERRAL, **_errors(400, 403, 404, 409)},
                tag="client data",
                params=[REFERRAL_ID],
                body=_obj([], force=BOOL, reason=STR),
            )
        },
        "/api/v1/referrals/{referral_id}/access-log": {
            "get": _op(
                "Who read the referral's personal data, when and how",
                {"200": _json({"type": "object"}, "The access log"), **_errors(403, 404)},
                tag="client data",
                params=[REFERRAL_ID],
            )
        },
        "/api/v1/inbox": {
            "get": _op(
                "The caller's organisation inbox: pending offers to it, its rings or the caller, oldest first; "
                "and the caller's own open cases",
                {
                    "200": _json(
                        _obj(
                            ["offers", "my_cases"],
                            offers=_page_of(_ref("OfferInQueue")),
                            my_cases=_page_of(_ref("ReferralSummary")),
                        ),
                        "The inbox: a page of each list",
                    ),
                    **_errors(400),
                },
                tag="referrals",
                params=[
                    _query("page", "page number of the offers, from 1", {"type": "integer", "minimum": 1}),
                    _query("per_page", "offers per page", {"type": "integer", "minimum": 1, "maximum": 500}),
                    _query("my_cases_page", "page number of my cases, from 1", {"type": "integer", "minimum": 1}),
                    _query("my_cases_per_page", "my cases per page", {"type": "integer", "minimum": 1, "maximum": 500}),
                ],
            )
        },
        "/api/v1/rings": {
            "get": _op(
                "Every guidance ring of the network with its member organisations",
                {
                    "200": _json(
                        {
                            "type": "array",
                            "items": _obj(
                                ["id", "name", "member", "organizations"],
                                id=STR,
                                name=STR,
                                member={**BOOL, "description": "the caller's organisation is a member"},
                                organizations={"type": "array", "items": _ref("OrganizationRef")},
                            ),
                        },
                        "The rings",
                    )
                },
                tag="referrals",
            )
        },
        "/api/v1/rings/{ring_id}/queue": {
            "get": _op(
                "A ring's shared queue, oldest first (members' people only)",
                {
                    "200": _json(
                        {"allOf": [_page_of(_ref("OfferInQueue")), _obj(["ring"], ring=_obj(["id", "name"]))]},
                        "The queue",
                    ),
                    **_errors(400, 404),
                },
                tag="referrals",
                params=[_path_param("ring_id", "the ring's id"), *PAGE],
            )
        },
        "/api/v1/webhooks": {
            "post": _op(
                "Register a webhook endpoint for the caller's organisation (org-admin); the secret is shown once",
                {
                    "201": _json(
                        {"allOf": [_ref("Webhook"), _obj(["secret"], secret={**STR, "pattern": "^whsec_"})]},
                        "The endpoint and its secret",
                    ),
                    **_errors(400, 403),
                },
                tag="webhooks",
                body=_obj(["url", "events"], url=STR, events={"type": "array", "items": STR}),
            ),
            "get": _op(
                "The organisation's webhook endpoints",
                {
                    "200": _json(
                        _obj(["webhooks"], webhooks={"type": "array", "items": _ref("Webhook")}), "The endpoints"
                    ),
                    **_errors(403),
                },
                tag="webhooks",
            ),
        },
        "/api/v1/webhooks/{endpoint_id}": {
            "delete": _op(
                "Delete an endpoint",
                {"204": {"description": "Deleted"}, **_errors(403, 404)},
                tag="webhooks",
                params=[WEBHOOK_ID],
            )
        },
        "/api/v1/webhooks/{endpoint_id}/disable": {
            "post": _op(
                "Stop delivering to an endpoint",
                {"200": _json(_ref("Webhook"), "The endpoint"), **_errors(403, 404)},
                tag="webhooks",
                params=[WEBHOOK_ID],
            )
        },
        "/api/v1/webhooks/{endpoint_id}/deliveries": {
            "get": _op(
                "Delivery attempts of an endpoint, newest first",
                {
                    "200": _json(
                        _obj(
                            ["total_items", "page_number", "size", "deliveries"],
                            total_items=INT,
                            page_number=INT,
                            size=INT,
                            deliveries={"type": "array", "items": _ref("Delivery")},
                        ),
                        "A page of deliveries",
                    ),
                    **_errors(400, 403, 404),
                },
                tag="webhooks",
                params=[WEBHOOK_ID, *PAGE],
            )
        },
        "/api/v1/webhooks/{endpoint_id}/deliveries/{delivery_id}/retry": {
            "post": _op(
                "Replay one delivery",
                {"202": _json(_ref("Delivery"), "Queued again"), **_errors(403, 404, 409)},
                tag="webhooks",
                params=[WEBHOOK_ID, _path_param("delivery_id", "the delivery's id", INT)],
            )
        },
        "/api/v1/figures": {
            "get": _op(
                "The network's figures (coordinator, admin; org-admin: own organisation)",
                {"200": _json(_ref("Figures"), "The figures"), **_errors(400, 403)},
                tag="figures",
                params=[
                    _query("from", "first day, inclusive (default 1 January this year)", {"format": "date", **STR}),
                    _query("to", "last day, inclusive (default today)", {"format": "date", **STR}),
                    _query("region", "a region code"),
                ],
            )
        },
    }


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Eteinen API",
            "version": "1",
            "description": "Route a client's question and track the referral until a named person owns it. "
            'Errors are `{"error": {"code", "message"}}`; anything the caller\'s organisation may not see '
            "answers 404, like what does not exist.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": _paths(),
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "eteinen token create"}},
            "schemas": SCHEMAS,
            "responses": {
                f"E{status}": _json(_ref("Error"), description) for status, description in _ERROR_STATUS.items()
            },
        },
    }


@bp.get("/openapi.json")
def openapi_document() -> Response:
    return jsonify(document())
