"""``/api/v1/hsds/``: the directory as the Open Referral HSDS 3.0 API, public read (no token, no client data).

The query parameters and the paging envelope are the API reference's
(openreferral/specification, schema/openapi.json, 3.0): ``search``, ``page``,
``per_page``, ``taxonomy_term_id``, ``taxonomy_id``, ``organization_id``,
``modified_after``, ``format=json|ndjson`` (ndjson: every result, one a line,
no paging), ``minimal``, ``full``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from flask import Response, request, stream_with_context, url_for
from sqlalchemy import Select, Table, exists, func, or_, select
from sqlmodel import Session, SQLModel

import routing.directory.hsds.api_shapes as shapes
from routing.api.blueprint import abort, bp
from routing.api.paging import page_args, page_envelope
from routing.core import db
from routing.directory.hsds.spec import hsds_version
from routing.directory.models import (
    Attribute,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

NDJSON_BATCH = 1000
PROFILE_URL = "https://github.com/openreferral/specification"  # the profile is shared/HSDS-PROFILE.md's


def _t(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined]


def _flag(name: str) -> bool:
    raw = (request.args.get(name) or "").strip().lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    abort(400, f"{name} must be true or false, not {raw!r}")


def _format() -> str:
    value = (request.args.get("format") or "json").strip().lower()
    if value not in ("json", "ndjson"):
        abort(400, f"format must be json or ndjson, not {value!r}")
    return value


def _modified_after() -> str | None:
    raw = (request.args.get("modified_after") or "").strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
    except ValueError:
        abort(400, f"modified_after must be an ISO 8601 date and time, not {raw!r}")


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), status, mimetype="application/json")


def _answer(
    query: Select[Any],
    order: list[Any],
    key: Any,
    shape: Callable[[Session, Sequence[Any]], list[dict[str, Any]]],
) -> Response:
    """A page in the spec's envelope, or (format=ndjson) every row, one JSON object a line."""
    session = db.read_session()
    if _format() == "ndjson":
        return Response(stream_with_context(_ndjson(session, query, key, shape)), mimetype="application/x-ndjson")
    page, per_page = page_args()
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(query.order_by(*order).offset((page - 1) * per_page).limit(per_page)).all()
    return _json(page_envelope(total, page, per_page, shape(session, rows)))


def _ndjson(
    session: Session, query: Select[Any], key: Any, shape: Callable[[Session, Sequence[Any]], list[dict[str, Any]]]
) -> Iterator[str]:
    last = None
    while True:
        batch_query = query if last is None else query.where(key > last)
        rows = session.execute(batch_query.order_by(key).limit(NDJSON_BATCH)).all()
        items = shape(session, rows)
        # each batch is read in a transaction of its own, ended before the client reads it: a slow or
        # stalled reader (or an answer never closed) holds no lock on PostgreSQL meanwhile
        session.rollback()
        if not rows:
            return
        for item in items:
            yield json.dumps(item, ensure_ascii=False, default=str) + "\n"
        last = rows[-1]._mapping[key.name]


def _one(model: type[SQLModel], object_id: str) -> dict[str, Any]:
    table = _t(model)
    row = db.read_session().execute(select(table).where(table.c.id == object_id)).first()
    if row is None:
        abort(404, f"no {table.name} {object_id}")
    return shapes.plain(model, row)


@bp.get("/hsds/")
def hsds_root() -> Response:
    """The API's description (the spec's ``GET /``)."""
    return _json(
        {
            "version": hsds_version(),
            "profile": PROFILE_URL,
            "openapi_url": url_for("api.openapi_document", _external=True),
        }
    )


def _services_query() -> Select[Any]:
    s = _t(Service)
    query = select(s)
    search = (request.args.get("search") or "").strip()
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            or_(func.lower(s.c.name).like(pattern), func.lower(func.coalesce(s.c.description, "")).like(pattern))
        )
    a, term = _t(Attribute), _t(TaxonomyTerm)
    if term_id := (request.args.get("taxonomy_term_id") or "").strip():
        query = query.where(
            exists().where(a.c.link_id == s.c.id, a.c.link_entity == "service", a.c.taxonomy_term_id == term_id)
        )
    if taxonomy_id := (request.args.get("taxonomy_id") or "").strip():
        query = query.where(
            exists().where(
                a.c.link_id == s.c.id,
                a.c.link_entity == "service",
                a.c.taxonomy_term_id == term.c.id,
                term.c.taxonomy_id == taxonomy_id,
            )
        )
    if organization_id := (request.args.get("organization_id") or "").strip():
        query = query.where(s.c.organization_id == organization_id)
    if modified := _modified_after():
        query = query.where(s.c.last_modified >= modified)
    return query


@bp.get("/hsds/services")
def hsds_services() -> Response:
    minimal, full = _flag("minimal"), _flag("full")
    s = _t(Service)

    def shape(session: Session, rows: Sequence[Any]) -> list[dict[str, Any]]:
        services = [shapes.plain(Service, row) for row in rows]
        if minimal:
            return [{k: v for k, v in x.items() if k in ("id", "last_modified")} for x in services]
        if full:
            return shapes.full_services(session, services)
        return shapes.listed_services(session, services)

    return _answer(_services_query(), [s.c.name, s.c.id], s.c.id, shape)


@bp.get("/hsds/services/<service_id>")
def hsds_service(service_id: str) -> Response:
    service = _one(Service, service_id)
    return _json(shapes.full_services(db.read_session(), [service])[0])


@bp.get("/hsds/organizations")
def hsds_organizations() -> Response:
    o = _t(Organization)
    full = _flag("full")
    query = select(o)
    search = (request.args.get("search") or "").strip()
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(func.lower(o.c.name).like(pattern))

    def shape(session: Session, rows: Sequence[Any]) -> list[dict[str, Any]]:
        organizations = [shapes.plain(Organization, row) for row in rows]
        if full:
            _with_services(session, organizations)
        return organizations

    return _answer(query, [o.c.name, o.c.id], o.c.id, shape)


def _with_services(session: Session, organizations: list[dict[str, Any]]) -> None:
    s = _t(Service)
    ids = [org["id"] for org in organizations]
    services = [shapes.plain(Service, row) for row in session.execute(select(s).where(s.c.organization_id.in_(ids)))]
    by_org: dict[str, list[dict[str, Any]]] = {}
    for service in shapes.full_services(session, services):
        service.pop("organization", None)
        by_org.setdefault(service["organization_id"], []).append(service)
    for org in organizations:
        org["services"] = sorted(by_org.get(org["id"], []), key=lambda x: (x["name"], x["id"]))


@bp.get("/hsds/organizations/<organization_id>")
def hsds_organization(organization_id: str) -> Response:
    organization = _one(Organization, organization_id)
    _with_services(db.read_session(), [organization])
    return _json(organization)


@bp.get("/hsds/taxonomies")
def hsds_taxonomies() -> Response:
    t = _t(Taxonomy)
    query = select(t)
    if search := (request.args.get("search") or "").strip():
        query = query.where(func.lower(t.c.name).like(f"%{search.lower()}%"))
    return _answer(query, [t.c.name, t.c.id], t.c.id, lambda _s, rows: [shapes.plain(Taxonomy, r) for r in rows])


@bp.get("/hsds/taxonomies/<taxonomy_id>")
def hsds_taxonomy(taxonomy_id: str) -> Response:
    return _json(_one(Taxonomy, taxonomy_id))


@bp.get("/hsds/taxonomy_terms")
def hsds_taxonomy_terms() -> Response:
    t = _t(TaxonomyTerm)
    query = select(t)
    if search := (request.args.get("search") or "").strip():
        pattern = f"%{search.lower()}%"
        query = query.where(
            or_(func.lower(t.c.name).like(pattern), func.lower(func.coalesce(t.c.code, "")).like(pattern))
        )
    if taxonomy_id := (request.args.get("taxonomy_id") or "").strip():
        query = query.where(t.c.taxonomy_id == taxonomy_id)
    if parent_id := (request.args.get("parent_id") or "").strip():
        query = query.where(t.c.parent_id == parent_id)
    return _answer(query, [t.c.code, t.c.id], t.c.id, lambda _s, rows: [shapes.plain(TaxonomyTerm, r) for r in rows])


@bp.get("/hsds/taxonomy_terms/<term_id>")
def hsds_taxonomy_term(term_id: str) -> Response:
    return _json(_one(TaxonomyTerm, term_id))


@bp.get("/hsds/service_at_locations")
def hsds_service_at_locations() -> Response:
    sal = _t(ServiceAtLocation)
    full = _flag("full")
    query = select(sal)
    if service_id := (request.args.get("service_id") or "").strip():
        query = query.where(sal.c.service_id == service_id)

    def shape(session: Session, rows: Sequence[Any]) -> list[dict[str, Any]]:
        items = [shapes.plain(ServiceAtLocation, r) for r in rows]
        return shapes.full_services_at_locations(session, items) if full else items

    return _answer(query, [sal.c.id], sal.c.id, shape)


@bp.get("/hsds/service_at_locations/<sal_id>")
def hsds_service_at_location(sal_id: str) -> Response:
    item = _one(ServiceAtLocation, sal_id)
    return _json(shapes.full_services_at_locations(db.read_session(), [item])[0])
