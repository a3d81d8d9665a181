"""Helpers of the matcher tests: route a question, put a directory into the database."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine

from routing.core import db
from routing.directory.models import Attribute, Language, Organization, Service, ServiceArea, Taxonomy, TaxonomyTerm
from routing.directory.services import bump_version
from routing.matcher.index import ServiceRecord
from routing.matcher.router import Router, RouteRequest


def route(router: Router, question: str, **given: object) -> dict:
    """The route result as JSON (shared/CONTRACT.md "Route result"), as the API and the CLI give it."""
    return router.route(RouteRequest(question, **given)).to_json()  # type: ignore[arg-type]


def store_directory(engine: Engine, records: Iterable[ServiceRecord]) -> None:
    """Write services into the directory tables as the importer would, and bump the version."""
    with db.transaction(engine) as s:
        taxonomy = Taxonomy(name="eteinen-needs")
        s.add(taxonomy)
        s.flush()
        terms: dict[str, str] = {}
        orgs: set[str] = set()
        for r in records:
            if r.organization_id not in orgs:
                s.add(Organization(id=r.organization_id, name=r.organization_name))
                orgs.add(r.organization_id)
                s.flush()
            s.add(
                Service(
                    id=r.id,
                    organization_id=r.organization_id,
                    name=r.name,
                    description=r.description,
                    status=r.status,
                    minimum_age=r.minimum_age,
                    maximum_age=r.maximum_age,
                )
            )
            s.flush()
            for extent in r.areas:
                s.add(ServiceArea(service_id=r.id, name=extent, extent=extent, extent_type="text"))
            for code in r.languages:
                s.add(Language(service_id=r.id, name=code, code=code))
            for need in r.needs:
                if need not in terms:
                    term = TaxonomyTerm(code=need, name=need, taxonomy_id=taxonomy.id, taxonomy="eteinen-needs")
                    s.add(term)
                    s.flush()
                    terms[need] = term.id
                s.add(Attribute(link_id=r.id, taxonomy_term_id=terms[need], link_entity="service", link_type="need"))
        bump_version(s)
