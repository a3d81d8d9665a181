"""A few months of made-up referral history for the demo, so /figures and the inbox show what they are for.

Every case is marked as demo data (the question starts with ``DEMO_MARK``; the contact is an
``example.invalid`` address nobody can receive) and is made with the real referral operations,
each at the ``now`` of its step, so the events, states and figures are what real use leaves.
Deterministic: one seed, times relative to the ``now`` given. A few recent cases are left where a
working day finds them: offers waiting, cases owned, and cases declined back to the front desk.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

import routing.referrals.operations as referrals
from routing.accounts.models import User
from routing.core.clock import HELSINKI, utcnow
from routing.demo.network import ACCOUNTS, RING_MEMBERS, SERVICES, demo_id
from routing.directory.models import Ring
from routing.matcher.result import Candidate, Need, Place, RouteResult
from routing.matcher.router import RouteRequest
from routing.referrals.models import DeclineReason, OfferCreate, OfferDecline, Outcome, ReferralClose, ReferralCreate

DEMO_MARK = "[demo]"
SEED = 2026
DAYS = 91

# (the question's gist, its needs, the client's age); the desk decides the municipality
STORIES: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("lopetti lukion kesken eikä tiedä mitä tehdä", ("study-guidance", "education"), 17),
    ("etsii töitä ja oppisopimuspaikkaa", ("employment", "education"), 22),
    ("haluaa vaihtaa alaa aikuisena", ("study-guidance", "employment"), 34),
    ("ei pääse mihinkään opiskelemaan, kaipaa tukea", ("education", "youth-work"), 19),
    ("rahat loppuvat ja vuokra on maksamatta", ("livelihood", "housing"), 21),
    ("hakee ammattikoulua ensi syksyksi", ("education",), 16),
    ("söker studieplats på svenska", ("education", "study-guidance"), 18),
)
ORGS_WITH_COUNSELLORS = ("ohjaamo-kerava", "keuda", "luksia", "axxell")
DESKS = (("desk@kerava.example.fi", "245"), ("desk@lohja.example.fi", "444"))
DECLINE_REASONS = (
    DeclineReason.NO_CAPACITY,
    DeclineReason.NOT_ELIGIBLE,
    DeclineReason.WRONG_SERVICE,
    DeclineReason.CLIENT_UNREACHABLE,
)
OUTCOMES = (
    (Outcome.SERVED, 75),
    (Outcome.NO_CONTACT, 9),
    (Outcome.CLIENT_WITHDREW, 8),
    (Outcome.OUTSIDE_NETWORK, 6),
    (Outcome.DUPLICATE, 2),
)


def _services_for(needs: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(service id, name, organisation key) of services a counsellor can take, serving the first need."""
    return [
        (demo_id("service", s.key), s.name, s.org)
        for s in SERVICES
        if s.org in ORGS_WITH_COUNSELLORS and needs[0] in s.needs and s.status == "active"
    ]


def _router(needs: tuple[str, ...], municipality: str, age: int, names: dict[str, str]) -> Callable[..., RouteResult]:
    """What the engine would have said, written down: the history does not depend on the rules of the day."""

    def route(request: RouteRequest) -> RouteResult:
        candidates = tuple(
            Candidate(sid, name, demo_id("organization", org), names.get(org, org), None, 0.8, ())
            for sid, name, org in _services_for(needs)[:3]
        )
        return RouteResult(
            "fi", Place(municipality, "", "given"), age, tuple(Need(n, ()) for n in needs), candidates, (), (), "demo"
        )

    return route


def _working_hours(day: datetime, rng: random.Random) -> datetime:
    """A moment between 8 and 16 on a weekday, Helsinki time, on or before ``day``."""
    local = day.astimezone(HELSINKI)
    while local.weekday() >= 5:
        local -= timedelta(days=1)
    local = local.replace(hour=rng.randint(8, 15), minute=rng.randint(0, 59), second=0, microsecond=0)
    return local.astimezone(day.tzinfo)


def _weighted(rng: random.Random, choices: tuple[tuple[Outcome, int], ...]) -> Outcome:
    return rng.choices([c for c, _w in choices], weights=[w for _c, w in choices])[0]


def add_history(session: Session, now: datetime | None = None, days: int = DAYS) -> int:
    """Write the demo's history of ``days`` days before ``now``; returns how many cases it made."""
    now = now or utcnow()
    rng = random.Random(SEED)
    people = {u.email: u for u in session.exec(select(User))}
    names = {key: key for key in ORGS_WITH_COUNSELLORS}
    counsellors: dict[str, list[User]] = {}
    for account in ACCOUNTS:
        if account.role == "counsellor" and account.email in people:
            counsellors.setdefault(account.org, []).append(people[account.email])
    ring = session.exec(select(Ring).order_by(col(Ring.name))).first()
    in_ring = [u for org in RING_MEMBERS for u in counsellors.get(org, [])]
    made = 0
    for day in range(days, 0, -1):
        for _ in range(rng.choice((0, 1, 1))):  # some 60 cases in all: a few seconds to write
            gist, needs, age = rng.choice(STORIES)
            desk_email, municipality = rng.choice(DESKS)
            opened = _working_hours(now - timedelta(days=day), rng)
            if opened >= now:
                continue
            desk = people[desk_email]
            enquiry = ReferralCreate(
                question=f"{DEMO_MARK} {gist}",
                municipality=municipality,
                age=age,
                language="sv" if gist.startswith("söker") else "fi",
                consent=True,
                client_contact="asiakas@example.invalid",
            )
            referral = referrals.open_referral(
                session, desk, enquiry, route=_router(needs, municipality, age, names), channel="desk", now=opened
            )
            made += 1
            services = _services_for(needs)
            to_ring = ring is not None and (not services or rng.random() < 0.4)
            if to_ring and ring is not None:
                target, deciders = OfferCreate(ring_id=ring.id), in_ring
            else:
                sid, _name, org = rng.choice(services)
                target, deciders = OfferCreate(service_id=sid), counsellors[org]
            offer = referrals.offer(session, desk, referral.id, target, now=opened + timedelta(minutes=2))
            answered = opened + timedelta(hours=rng.choice((1, 2, 3, 5, 8, 20, 26, 44, 70)))
            if answered >= now - timedelta(hours=2):
                continue  # still waiting for an answer
            decider = rng.choice(deciders)
            if rng.random() < 0.12:
                reason = rng.choice(DECLINE_REASONS)
                referrals.decline_offer(session, decider, offer.id, OfferDecline(reason=reason), now=answered)
                if day <= 10:
                    continue  # back with the front desk, to be offered again
                offer = referrals.offer(
                    session, desk, referral.id, OfferCreate(ring_id=ring.id) if ring else target, now=answered
                )
                decider = rng.choice(in_ring or deciders)
                answered += timedelta(hours=rng.choice((2, 6, 24)))
            referrals.accept_offer(session, decider, offer.id, now=answered)
            closed = answered + timedelta(days=rng.randint(3, 25))
            if closed < now - timedelta(days=1):
                outcome = _weighted(rng, OUTCOMES)
                referrals.close_referral(session, decider, referral.id, ReferralClose(outcome=outcome), now=closed)
    return made + _this_week(session, now, people, counsellors, ring, names)


def _this_week(
    session: Session,
    now: datetime,
    people: dict[str, User],
    counsellors: dict[str, list[User]],
    ring: Ring | None,
    names: dict[str, str],
) -> int:
    """What a working day finds waiting: two cases declined back to the Kerava desk, offers not yet answered."""
    desk = people["desk@kerava.example.fi"]
    ohjaamo = demo_id("service", "ohjaamo-kerava")
    plan: list[tuple[int, int, OfferCreate, DeclineReason | None]] = [
        (3, 0, OfferCreate(service_id=ohjaamo), DeclineReason.NO_CAPACITY),
        (1, 1, OfferCreate(service_id=ohjaamo), DeclineReason.NOT_ELIGIBLE),
        (0, 4, OfferCreate(service_id=ohjaamo), None),
    ]
    if ring is not None:
        plan += [(0, 2, OfferCreate(ring_id=ring.id), None), (1, 5, OfferCreate(ring_id=ring.id), None)]
    for days_ago, story, target, declined in plan:
        gist, needs, age = STORIES[story]
        opened = _working_hours(now - timedelta(days=days_ago, hours=3), random.Random(SEED + days_ago + story))
        opened = min(opened, now - timedelta(hours=3))
        enquiry = ReferralCreate(
            question=f"{DEMO_MARK} {gist}",
            municipality="245",
            age=age,
            language="fi",
            consent=True,
            client_contact="asiakas@example.invalid",
        )
        route = _router(needs, "245", age, names)
        referral = referrals.open_referral(session, desk, enquiry, route=route, channel="desk", now=opened)
        offer = referrals.offer(session, desk, referral.id, target, now=opened + timedelta(minutes=2))
        if declined is not None:
            by = counsellors["ohjaamo-kerava"][0]
            referrals.decline_offer(
                session, by, offer.id, OfferDecline(reason=declined), now=opened + timedelta(hours=2)
            )
    return len(plan)
