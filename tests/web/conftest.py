"""Staff, organisations and a logged-in test client for the page tests."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from argon2 import PasswordHasher
from flask.testing import FlaskClient
from sqlmodel import Session

import routing.accounts.auth as auth
from routing.core import db
from routing.directory.models import Organization, Service
from routing.directory.rings import add_ring

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    page = client.get(path)
    found = _TOKEN.search(page.text)
    assert found, f"no csrf_token on {path}"
    return found.group(1) or found.group(2)


def login(client: FlaskClient, email: str, password: str = PASSWORD, lang: str | None = None) -> None:
    token = csrf_token(client, "/login" + (f"?lang={lang}" if lang else ""))
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302, response.text


@functools.cache
def _password_hash() -> str:
    """One cheap Argon2 hash for every test account: logging in stays fast (hashing is tested elsewhere)."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


@dataclass
class Network:
    """Two organisations in a ring, a third outside it, and one user per role."""

    session: Session
    users: dict[str, int] = field(default_factory=dict)

    def add_user(self, email: str, org: str, role: str, language: str | None = None) -> int:
        user = auth.add_user(self.session, email, org, role, None, language=language)
        user.password_hash = _password_hash()  # one Argon2 hash for all: it is slow on purpose
        self.session.commit()
        assert user.id is not None
        self.users[email] = user.id
        return user.id


@pytest.fixture
def store(engine) -> Iterator[Session]:
    """A session on the test database that pushes no app context.

    (The shared ``session`` fixture keeps an app context pushed for the whole test, so
    the test client's requests would share one ``g``: one CSRF token, one database
    session across requests. Page tests use this one instead.)
    """
    with db.new_session(read_only=True, bind=engine) as s:
        yield s


@pytest.fixture
def network(store) -> Network:
    session = store
    session.add(Organization(id="door", name="Keravan lukio", description="a front door"))
    session.add(Organization(id="ohjaamo", name="Ohjaamo Kerava", description="youth one-stop"))
    session.add(Organization(id="keuda", name="Keuda opinto-ohjaus", description="study guidance"))
    session.add(Organization(id="far", name="Kaukainen kunta", description="not in the ring"))
    session.add(
        Service(
            id="s-ohjaamo",
            organization_id="ohjaamo",
            name="Ohjaamon ohjaus",
            status="active",
            minimum_age=15,
            maximum_age=29,
            eligibility_description="15–29-vuotiaat",
        )
    )
    session.add(Service(id="s-keuda", organization_id="keuda", name="Opinto-ohjaus", status="active"))
    session.add(Service(id="s-closed", organization_id="far", name="Suljettu palvelu", status="temporarily closed"))
    session.commit()
    add_ring(session, "Keski-Uudenmaan ohjausrengas", ["ohjaamo", "keuda"])
    session.commit()
    net = Network(session)
    net.add_user("desk@door.fi", "door", "front-desk")
    net.add_user("anna@ohjaamo.fi", "ohjaamo", "counsellor")
    net.add_user("kalle@keuda.fi", "keuda", "counsellor")
    net.add_user("boss@ohjaamo.fi", "ohjaamo", "org-admin")
    net.add_user("coord@far.fi", "far", "coordinator")
    net.add_user("far@far.fi", "far", "counsellor")
    net.add_user("admin@far.fi", "far", "admin")
    return net


def user(session: Session, email: str):
    from sqlmodel import select

    from routing.accounts.models import User

    return session.exec(select(User).where(User.email == email)).one()


def open_case(
    app, email: str, *, service: str | None = None, ring: str | None = None, question: str = "tarvitsen apua"
) -> tuple[str, str | None]:
    """Open a referral at ``email``'s organisation (and offer it); returns (referral id, offer id)."""
    import routing.referrals.operations as referrals
    from routing.core import db
    from routing.matcher.loading import route_now
    from routing.referrals.models import OfferCreate, ReferralCreate

    with app.app_context(), db.transaction() as s:
        who = user(s, email)
        enquiry = ReferralCreate(question=question, consent=True, client_contact="040 123 4567", age=17)
        referral = referrals.open_referral(s, who, enquiry, route=route_now, channel="desk")
        offer_id = None
        if service:
            offer_id = referrals.offer(s, who, referral.id, OfferCreate(service_id=service)).id
        elif ring:
            offer_id = referrals.offer(s, who, referral.id, OfferCreate(ring_id=ring)).id
        return referral.id, offer_id


def ring_id(session: Session) -> str:
    from sqlmodel import select

    from routing.directory.models import Ring

    return session.exec(select(Ring.id)).one()


@pytest.fixture
def demo_directory(store) -> Network:
    """The demo network's directory and ring (no demo accounts: hashing their passwords is slow),
    with a front desk at Keravan lukio, a counsellor at Ohjaamo Kerava and a coordinator."""
    from routing.demo.network import DIRECTORY, RING_MEMBERS, RING_NAME, demo_id
    from routing.directory.hsds import import_path

    import_path(store, DIRECTORY)
    add_ring(store, RING_NAME, [demo_id("organization", key) for key in RING_MEMBERS])
    store.commit()
    net = Network(store)
    net.add_user("desk@kerava.fi", demo_id("organization", "keravan-lukio"), "front-desk")
    net.add_user("niko@ohjaamo.fi", demo_id("organization", "ohjaamo-kerava"), "counsellor")
    net.add_user("kaisa@coord.fi", demo_id("organization", "opin-ovi-uusimaa"), "coordinator")
    return net
