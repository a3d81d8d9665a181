"""The referral operations keep the figures' copies of the opening and the first owner (routing/models.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlmodel import select

import routing.privacy.operations as privacy
import routing.referrals.operations as referrals
from routing.accounts.models import User
from routing.core import db
from routing.core.clock import local_seconds, week_number
from routing.referrals.models import Referral, ReferralNeed

from ..histories import hki


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    """The referral operations' "now": set ``clock[0]`` before each step."""
    now = [hki(2026, 3, 27, 16)]
    monkeypatch.setattr(referrals, "utcnow", lambda: now[0])
    yield now


def reread(app, referral_id: str) -> Referral:  # type: ignore[no-untyped-def]
    with app.app_context(), db.new_session(read_only=True) as s:
        found = s.get(Referral, referral_id)
        assert found is not None
        return found


def test_decline_reoffer_accept_then_handoff_keep_the_first_owners_numbers(app, world, clock) -> None:
    """Opened on a Friday in winter time; declined; re-offered; accepted on Monday after the clocks went
    forward (so wall-clock and real seconds differ by an hour); then handed on to another organisation."""
    u = world.users

    def run(key: str, fn, *args, **kw):  # type: ignore[no-untyped-def]
        """One operation by that person in its own transaction, as a request runs it."""
        with app.app_context(), db.transaction() as s:
            return fn(s, s.get(User, u[key]), *args, **kw)

    opened_at = hki(2026, 3, 27, 16)  # Fri 16:00 EET = 14:00 UTC
    clock[0] = opened_at
    ref = run("desk", referrals.open_referral, question="Tarvitsen apua työnhakuun", consent=True, municipality="245")
    fresh = reread(app, ref.id)
    assert (fresh.opened_local, fresh.opened_week) == (local_seconds(opened_at), week_number(local_seconds(opened_at)))
    assert fresh.opened_local == (datetime(2026, 3, 27, 16) - datetime(1970, 1, 1)).total_seconds()
    assert (fresh.owned_at, fresh.owned_local, fresh.seconds_to_owner, fresh.first_owner_org_id) == (None,) * 4
    with app.app_context(), db.new_session(read_only=True) as s:
        needs = s.exec(select(ReferralNeed).where(ReferralNeed.referral_id == ref.id)).all()
    assert needs and all((n.municipality, n.opened_local) == ("245", fresh.opened_local) for n in needs)

    clock[0] = hki(2026, 3, 27, 17)
    first = run("desk", referrals.offer_to_service, ref.id, world.services["b"])
    clock[0] = hki(2026, 3, 28, 9)
    run("b1", referrals.decline_offer, first.id, "no-capacity")
    assert reread(app, ref.id).seconds_to_owner is None  # a decline gives no owner
    clock[0] = hki(2026, 3, 28, 10)
    second = run("desk", referrals.offer_to_ring, ref.id, world.ring)
    accepted_at = hki(2026, 3, 30, 10, 30)  # Mon 10:30 EEST = 07:30 UTC: 65.5 h later, 66.5 h on the wall clock
    clock[0] = accepted_at
    run("c1", referrals.accept_offer, second.id)
    owned = reread(app, ref.id)
    assert owned.owned_at == accepted_at
    assert owned.seconds_to_owner == 65 * 3600 + 1800
    assert owned.owned_local == owned.opened_local + 66 * 3600 + 1800  # type: ignore[operator]
    assert owned.first_owner_org_id == world.orgs["c"]  # the ring member whose counsellor accepted

    clock[0] = hki(2026, 4, 1, 9)
    handoff = run("c1", referrals.propose_handoff, ref.id, user_id=u["b2"])
    clock[0] = hki(2026, 4, 2, 9)
    run("b2", referrals.accept_offer, handoff.id)
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
