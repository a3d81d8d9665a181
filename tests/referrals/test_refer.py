"""``refer()``: open and offer in one transaction, both or neither (the desk's click, the client door)."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

import routing.referrals.operations as referrals
from routing.accounts.models import User
from routing.core import db
from routing.core.errors import BadInput, OperationError
from routing.referrals.models import Event, Offer, Referral


def _counts(app) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with app.app_context(), db.new_session(read_only=True) as s:
        return tuple(s.exec(select(func.count()).select_from(m)).one() for m in (Referral, Offer, Event))  # type: ignore[return-value]


def test_refer_opens_and_offers_to_the_ring_with_two_events(app, world) -> None:
    with app.app_context(), db.transaction() as s:
        desk = s.get(User, world.users["desk"])
        referral, offer = referrals.refer(
            s, desk, question="Tarvitsen apua työnhakuun", consent=True, municipality="245", ring_id=world.ring
        )
        referral_id, offer_id = referral.id, offer.id
    with app.app_context(), db.new_session(read_only=True) as s:
        stored = s.get(Referral, referral_id)
        assert stored is not None and stored.state == "offered" and stored.channel == "api"
        assert s.get(Offer, offer_id).ring_id == world.ring  # type: ignore[union-attr]
        kinds = s.exec(select(Event.kind).where(Event.referral_id == referral_id).order_by(Event.id)).all()
        assert kinds == ["opened", "offered"]


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ({"ring_id": "no-such-ring"}, "ring_id"),
        ({"service_id": "no-such-service"}, "service_id"),
        ({}, "exactly one"),
        ({"service_id": "x", "ring_id": "y"}, "exactly one"),
    ],
)
def test_a_refused_offer_leaves_no_referral_behind(app, world, targets, message) -> None:
    before = _counts(app)
    with pytest.raises(OperationError) as refused, app.app_context(), db.transaction() as s:
        referrals.refer(s, s.get(User, world.users["desk"]), question="Velkaa on paljon", consent=True, **targets)
    assert isinstance(refused.value, BadInput) and message in refused.value.message
    assert _counts(app) == before
