"""A small network for the referral tests: a front door, two receiving organisations in one
ring, an unrelated organisation, their people and API tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from routing.accounts.auth import add_user, create_token
from routing.core import db
from routing.directory.models import Organization, Service
from routing.directory.rings import add_ring
from routing.referrals.models import Event

# (key, organisation, role)
PEOPLE = [
    ("desk", "front", "front-desk"),
    ("front_counsellor", "front", "counsellor"),
    ("front_admin", "front", "org-admin"),
    ("b1", "b", "counsellor"),
    ("b2", "b", "counsellor"),
    ("b_admin", "b", "org-admin"),
    ("b_desk", "b", "front-desk"),
    ("c1", "c", "counsellor"),
    ("x1", "x", "counsellor"),
    ("x_admin", "x", "org-admin"),
    ("coordinator", "x", "coordinator"),
]


@dataclass
class World:
    orgs: dict[str, str] = field(default_factory=dict)  # key -> organisation id
    users: dict[str, int] = field(default_factory=dict)  # key -> user id
    tokens: dict[str, str] = field(default_factory=dict)  # key -> bearer token
    services: dict[str, str] = field(default_factory=dict)
    ring: str = ""


def build_world(app: Flask, prefix: str = "", people: list[tuple[str, str, str]] | None = None) -> World:
    """Organisations, services, a ring of b and c, users and tokens; ``prefix`` keeps several worlds apart."""
    world = World()
    with app.app_context(), db.transaction() as s:
        for key, name in [
            ("front", "Kirjasto Kerava"),
            ("b", "Ohjaamo Kerava"),
            ("c", "Keuda opinto-ohjaus"),
            ("x", "Muu järjestö"),
        ]:
            org = Organization(id=f"{prefix}org-{key}", name=f"{prefix}{name}")
            s.add(org)
            world.orgs[key] = org.id
        s.flush()
        for key, org_key, status in [("b", "b", "active"), ("c", "c", "active"), ("c_old", "c", "inactive")]:
            service = Service(
                id=f"{prefix}svc-{key}",
                organization_id=world.orgs[org_key],
                name=f"{prefix}palvelu {key}",
                status=status,
            )
            s.add(service)
            world.services[key] = service.id
        s.flush()
        world.ring = add_ring(s, f"{prefix}Puhelinrengas", [world.orgs["b"], world.orgs["c"]]).id
        for key, org_key, role in people or PEOPLE:
            user = add_user(s, f"{prefix}{key}@example.fi", world.orgs[org_key], role, None, name=key)
            assert user.id is not None
            world.users[key] = user.id
            world.tokens[key] = create_token(s, user)
    return world


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


class Api:
    """The test client acting with one user's token."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(f"/api/v1{path}", headers=self.headers, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        if body is None:
            return self.client.post(f"/api/v1{path}", headers=self.headers, **kw)
        return self.client.post(f"/api/v1{path}", json=body, headers=self.headers, **kw)


@pytest.fixture
def as_(client: FlaskClient, world: World) -> Any:
    """``as_("b1").post(...)``: call the API as that person."""

    def make(key: str) -> Api:
        return Api(client, world.tokens[key])

    return make


OPEN = {"question": "Tarvitsen apua työnhakuun", "municipality": "245", "age": 24, "language": "fi", "consent": True}


def open_one(api: Api, **changes: Any) -> dict[str, Any]:
    response = api.post("/referrals", {**OPEN, **changes})
    assert response.status_code == 201, response.json
    return response.json  # type: ignore[no-any-return]


def event_kinds(session: Any, referral_id: str) -> list[str]:
    rows = session.exec(select(Event).where(Event.referral_id == referral_id).order_by(Event.at, Event.id)).all()
    return [e.kind for e in rows]
