"""The referral operations keep the figures' copies of the opening and the first owner (routing/models.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

import routing.privacy.operations as privacy
import routing.referrals.operations as referrals
from routing.core import db
from routing.core.clock import local_seconds, week_number
from routing.matcher.loading import route_now
from routing.referrals.models import (
    HandoffCreate,
    OfferCreate,
    OfferDecline,
    Referral,
    ReferralCreate,
    ReferralNeed,
)

from ..histories import hki, run


def reread(app, referral_id: str) -> Referral:  # type: ignore[no-untyped-def]
    with app.app_context(), db.new_session(read_only=True) as s:
        found = s.get(Referral, referral_id)
        assert found is not None
        return found


def test_decline_reoffer_accept_then_handoff_keep_the_first_owners_numbers(app, world) -> None:
    """Opened on a Friday in winter time; declined; re-offered; accepted on Monday after the clocks went
    forward (so wall-clock and real seconds differ by an hour); then handed on to another organisation."""
    u = world.users

    opened_at = hki(2026, 3, 27, 16)  # Fri 16:00 EET = 14:00 UTC
    ref = run(
        app,
        u["desk"],
        referrals.open_referral,
        ReferralCreate(question="Tarvitsen apua työnhakuun", consent=True, municipality="245"),
        route=route_now,
        now=opened_at,
    )
    fresh = reread(app, ref.id)
    assert (fresh.opened_local, fresh.opened_week) == (local_seconds(opened_at), week_number(local_seconds(opened_at)))
    assert fresh.opened_local == (datetime(2026, 3, 27, 16) - datetime(1970, 1, 1)).total_seconds()
    assert (fresh.owned_at, fresh.owned_local, fresh.seconds_to_owner, fresh.first_owner_org_id) == (None,) * 4
    with app.app_context(), db.new_session(read_only=True) as s:
        needs = s.exec(select(ReferralNeed).where(ReferralNeed.referral_id == ref.id)).all()
    assert needs and all((n.municipality, n.opened_local) == ("245", fresh.opened_local) for n in needs)

    first = run(
        app, u["desk"], referrals.offer, ref.id, OfferCreate(service_id=world.services["b"]), now=hki(2026, 3, 27, 17)
    )
    run(app, u["b1"], referrals.decline_offer, first.id, OfferDecline(reason="no-capacity"), now=hki(2026, 3, 28, 9))
    assert reread(app, ref.id).seconds_to_owner is None  # a decline gives no owner
    second = run(app, u["desk"], referrals.offer, ref.id, OfferCreate(ring_id=world.ring), now=hki(2026, 3, 28, 10))
    accepted_at = hki(2026, 3, 30, 10, 30)  # Mon 10:30 EEST = 07:30 UTC: 65.5 h later, 66.5 h on the wall clock
    run(app, u["c1"], referrals.accept_offer, second.id, now=accepted_at)
    owned = reread(app, ref.id)
    assert owned.owned_at == accepted_at
    assert owned.seconds_to_owner == 65 * 3600 + 1800
    assert owned.owned_local == owned.opened_local + 66 * 3600 + 1800  # type: ignore[operator]
    assert owned.first_owner_org_id == world.orgs["c"]  # the ring member whose counsellor accepted

    handoff = run(
        app, u["c1"], referrals.propose_handoff, ref.id, HandoffCreate(user_id=u["b2"]), now=hki(2026, 4, 1, 9)
    )
    run(app, u["b2"], referrals.accept_offer, handoff.id, now=hki(2026, 4, 2, 9))
    handed = reread(app, ref.id)
    assert (handed.owner_id, handed.holder_id) == (u["b2"], world.orgs["b"])
    kept = ("owned_at", "owned_local", "seconds_to_owner", "first_owner_org_id", "opened_local", "opened_week")
    assert {k: getattr(handed, k) for k in kept} == {k: getattr(owned, k) for k in kept}

    # erasure keeps them: anonymous statistics
    with app.app_context(), db.transaction() as s:
        privacy.erase(s, privacy.referral_for(s, ref.id, None, lock=True), None)
    erased = reread(app, ref.id)
    assert erased.erased_at is not None and erased.question is None
    assert {k: getattr(erased, k) for k in kept} == {k: getattr(owned, k) for k in kept}
