"""``refer()``: open and offer in one transaction, both or neither (the desk's click, the client door)."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

import routing.referrals.operations as referrals
from routing.accounts.models import User
from routing.core import db
from routing.core.errors import BadInput, OperationError, parsed
from routing.matcher.loading import route_now
from routing.referrals.models import Event, Offer, OfferCreate, Referral, ReferralCreate

from .conftest import open_one


def _counts(app) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with app.app_context(), db.new_session(read_only=True) as s:
        return tuple(s.exec(select(func.count()).select_from(m)).one() for m in (Referral, Offer, Event))  # type: ignore[return-value]


def test_refer_opens_and_offers_to_the_ring_with_two_events(app, world) -> None:
    with app.app_context(), db.transaction() as s:
        desk = s.get(User, world.users["desk"])
        enquiry = ReferralCreate(question="Tarvitsen apua työnhakuun", consent=True, municipality="245")
        referral, offer = referrals.refer(s, desk, enquiry, OfferCreate(ring_id=world.ring), route=route_now)
        referral_id, offer_id = referral.id, offer.id
    with app.app_context(), db.new_session(read_only=True) as s:
        stored = s.get(Referral, referral_id)
        assert stored is not None and stored.state == "offered" and stored.channel == "api"
        assert s.get(Offer, offer_id).ring_id == world.ring  # type: ignore[union-attr]
        kinds = s.exec(select(Event.kind).where(Event.referral_id == referral_id).order_by(Event.id)).all()
        assert kinds == ["opened", "offered"]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (OfferCreate(ring_id="no-such-ring"), "ring_id"),
        (OfferCreate(service_id="no-such-service"), "service_id"),
    ],
)
def test_a_refused_offer_leaves_no_referral_behind(app, world, target, message) -> None:
    before = _counts(app)
    enquiry = ReferralCreate(question="Velkaa on paljon", consent=True)
    with pytest.raises(OperationError) as refused, app.app_context(), db.transaction() as s:
        referrals.refer(s, s.get(User, world.users["desk"]), enquiry, target, route=route_now)
    assert isinstance(refused.value, BadInput) and message in refused.value.message
    assert _counts(app) == before


@pytest.mark.parametrize(
    ("target", "message"), [({}, "exactly one"), ({"service_id": "x", "ring_id": "y"}, "exactly one")]
)
def test_a_target_is_one_service_or_one_ring(target, message) -> None:
    with pytest.raises(BadInput) as refused:
        parsed(OfferCreate, target)
    assert message in refused.value.message


@pytest.mark.parametrize("target", ["service", "ring"])
def test_a_referral_without_consent_is_not_offered_and_the_answer_names_consent(as_, world, target: str) -> None:
    """Without consent no contact is kept, so nobody could act on an offer (README "Consent")."""
    opened = open_one(as_("desk"), consent=False, client_contact="040 765 4321")
    body = {"service_id": world.services["b"]} if target == "service" else {"ring_id": world.ring}
    refused = as_("desk").post(f"/referrals/{opened['id']}/offers", body)
    assert refused.status_code == 422
    assert refused.json["error"]["message"].startswith("consent: ")
    after = as_("desk").get(f"/referrals/{opened['id']}").json
    assert after["state"] == "open" and after["offers"] == []
    with_consent = open_one(as_("desk"), client_contact="040 765 4321")
    assert as_("desk").post(f"/referrals/{with_consent['id']}/offers", body).status_code == 201
