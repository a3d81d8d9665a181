"""Hypothesis state machine: random operations by random people keep the referral invariants.

- a referral always has a holder organisation;
- an accepted referral has exactly one owner, a member of the holder organisation;
- ownership changes only through an accepted offer, to the person who accepted it;
- a closed referral accepts no change;
- every change leaves exactly one event, and a refused request changes nothing (and is never a 5xx).

Each operation is picked at random and then, four times in five, aimed where it can succeed
(a pending offer, a person who may decide it), so that the runs get past the 404s.
One database per test run; each example works on referrals of its own.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlmodel import col, func, select

from routing.accounts.models import User
from routing.core import db
from routing.core.clock import utcnow
from routing.referrals.models import DECLINE_REASONS, OUTCOMES, Event, Note, Offer, Referral
from routing.referrals.operations import expire_offers

from .conftest import Api, World

PEOPLE = ["desk", "front_counsellor", "front_admin", "b1", "b2", "b_admin", "b_desk", "c1", "x1"]
ALLOWED_STATUSES = {200, 201, 400, 403, 404, 409, 422}
EXAMPLES = int(os.environ.get("REFERRAL_MACHINE_EXAMPLES", 30))

people = st.sampled_from(PEOPLE)


@dataclass(frozen=True)
class Snapshot:
    state: str
    holder_id: str
    owner_id: int | None
    events: int
    offers: tuple[tuple[str, str], ...]
    notes: int


class ReferralMachine(RuleBasedStateMachine):
    # set by the test before running: the app, its client, the network, a reading session
    app: ClassVar[Any]
    client: ClassVar[Any]
    world: ClassVar[World]
    session: ClassVar[Any]
    outcomes: ClassVar[Counter[str]]

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.front_door: dict[str, str] = {}
        self.org_of = {key: self._user(key).organization_id for key in PEOPLE}
        self.key_of = {self.world.users[key]: key for key in PEOPLE}

    # --- reading the database ---------------------------------------------------

    def _user(self, key: str) -> User:
        user = self.session.get(User, self.world.users[key])
        assert user is not None
        return user

    def _referrals(self) -> list[Any]:
        """(id, state, holder_id, owner_id) rows, in opening order (plain rows: always what is stored)."""
        query = select(Referral.id, Referral.state, Referral.holder_id, Referral.owner_id)
        found = {r.id: r for r in self.session.exec(query.where(col(Referral.id).in_(self.ids)))}
        return [found[rid] for rid in self.ids]

    def _offers(self) -> list[Any]:
        query = select(
            Offer.id,
            Offer.referral_id,
            Offer.kind,
            Offer.state,
            Offer.ring_id,
            Offer.organization_id,
            Offer.to_user_id,
            Offer.decided_by_id,
            Offer.decided_at,
        )
        query = query.where(col(Offer.referral_id).in_(self.ids)).order_by(col(Offer.created_at), col(Offer.id))
        return list(self.session.exec(query))

    def snapshot(self) -> dict[str, Snapshot]:
        if not self.ids:
            return {}
        s = self.session
        counted = select(Event.referral_id, func.count()).where(col(Event.referral_id).in_(self.ids))
        events = Counter(dict(s.exec(counted.group_by(Event.referral_id)).all()))
        noted = select(Note.referral_id, func.count()).where(col(Note.referral_id).in_(self.ids))
        notes = Counter(dict(s.exec(noted.group_by(Note.referral_id)).all()))
        offers: dict[str, list[tuple[str, str]]] = {rid: [] for rid in self.ids}
        for offer in self._offers():
            offers[offer.referral_id].append((offer.id, offer.state))
        return {
            r.id: Snapshot(r.state, r.holder_id, r.owner_id, events[r.id], tuple(sorted(offers[r.id])), notes[r.id])
            for r in self._referrals()
        }

    # --- choosing ---------------------------------------------------------------

    def aim(self, data: st.DataObject, likely: list[Any], anything: list[Any], label: str) -> Any:
        """Something from ``anything``, but mostly from ``likely`` (where the operation can succeed)."""
        if likely and data.draw(st.integers(0, 4), label=f"aim {label}") != 4:
            return data.draw(st.sampled_from(likely), label=label)
        return data.draw(st.sampled_from(anything), label=label)

    def holders_people(self, referral: Any) -> list[str]:
        return [key for key in PEOPLE if self.org_of[key] == referral.holder_id]

    def owner_or_holders(self, referral: Any) -> list[str]:
        if referral.owner_id is not None:
            return [self.key_of[referral.owner_id]]
        return self.holders_people(referral)

    def deciders(self, offer: Any) -> list[str]:
        if offer.to_user_id is not None:
            return [self.key_of[offer.to_user_id]]
        ring = {self.world.orgs["b"], self.world.orgs["c"]}
        orgs = ring if offer.ring_id is not None else {offer.organization_id}
        return [key for key in PEOPLE if self.org_of[key] in orgs and key != "b_desk"]

    def pick_referral(self, data: st.DataObject, states: tuple[str, ...]) -> Any:
        referrals = self._referrals()
        return self.aim(data, [r for r in referrals if r.state in states], referrals, "referral")

    # --- acting -----------------------------------------------------------------

    def act(self, who: str, path: str, body: Any, rid: str, *, accepting: bool = False) -> Any:
        """Make one request and check what it changed: exactly one event on success, nothing on refusal."""
        before = self.snapshot()
        response = self.api(who).post(path, body)
        assert response.status_code in ALLOWED_STATUSES, (path, response.status_code, response.get_data())
        assert response.json is not None
        self.outcomes[f"{path.split('/')[-1]} {response.status_code}"] += 1
        after = self.snapshot()
        if response.status_code not in (200, 201):
            assert "error" in response.json and response.json["error"]["message"]
            assert after == before, (path, response.json)
            return response
        assert before[rid].state != "closed", "a closed referral accepted a change"
        assert after[rid].events == before[rid].events + 1, "a change must leave exactly one event"
        for other, snap in before.items():
            if other != rid:
                assert after[other] == snap, "a change touched another referral"
        if after[rid].owner_id != before[rid].owner_id:
            assert accepting, "ownership changed without an accepted offer"
            assert after[rid].owner_id == self.world.users[who]
        return response

    def api(self, who: str) -> Api:
        return Api(self.client, self.world.tokens[who])

    # --- rules ------------------------------------------------------------------

    @initialize()
    def open_at_the_desk(self) -> None:
        self.open("desk", True)

    # one rule that picks the operation, with weights (Hypothesis's own rule choice would
    # switch whole operations off for many runs; here every run mixes all of them)
    OPERATIONS = ("open", *["offer"] * 3, *["decide"] * 4, "handoff", "note", "close", "read", "expire")

    @rule(data=st.data(), operation=st.sampled_from(OPERATIONS))
    def step(self, data: st.DataObject, operation: str) -> None:
        if operation == "open":
            # mostly with consent: a referral without it cannot be offered (422), so the runs would rarely reach accept
            consent = data.draw(st.sampled_from([True, True, True, False]), label="consent")
            self.open(data.draw(people, label="who"), consent)
        elif operation == "expire":
            self.expire()
        else:
            getattr(self, operation)(data)

    def open(self, who: str, consent: bool) -> None:
        before = self.snapshot()
        response = self.api(who).post("/referrals", {"question": "Tarvitsen töitä", "consent": consent, "age": 20})
        assert response.status_code == 201, response.json
        assert self.snapshot() == before
        self.ids.append(response.json["id"])
        self.front_door[response.json["id"]] = self.org_of[who]
        assert [e["kind"] for e in response.json["events"]] == ["opened"]
        assert (response.json["question"] is None) == (not consent)

    def offer(self, data: st.DataObject) -> None:
        to = data.draw(st.sampled_from(["b", "c", "c_old", "ring"]), label="to")
        referral = self.pick_referral(data, ("open", "offered"))
        who = self.aim(data, self.holders_people(referral), PEOPLE, "who")
        body = {"ring_id": self.world.ring} if to == "ring" else {"service_id": self.world.services[to]}
        response = self.act(who, f"/referrals/{referral.id}/offers", body, referral.id)
        if to == "c_old":
            assert response.status_code != 201, "an inactive service was offered a referral"

    def decide(self, data: st.DataObject) -> None:
        offers = self._offers()
        if not offers:
            return
        offer = self.aim(data, [o for o in offers if o.state == "pending"], offers, "offer")
        who = self.aim(data, self.deciders(offer), PEOPLE, "who")
        if data.draw(st.booleans(), label="accept"):
            response = self.act(who, f"/offers/{offer.id}/accept", None, offer.referral_id, accepting=True)
            if response.status_code == 200:
                assert response.json["owner"]["id"] == self.world.users[who]
                assert response.json["holder"]["id"] == self.org_of[who]
            return
        reason = data.draw(st.sampled_from([*DECLINE_REASONS, None, "busy"]), label="reason")
        response = self.act(who, f"/offers/{offer.id}/decline", {"reason": reason}, offer.referral_id)
        if reason not in DECLINE_REASONS:
            assert response.status_code in (400, 403, 404)

    def handoff(self, data: st.DataObject) -> None:
        to = data.draw(st.sampled_from(["service b", "service c", *PEOPLE]), label="to")
        referral = self.pick_referral(data, ("accepted",))
        who = self.aim(data, self.owner_or_holders(referral), PEOPLE, "who")
        if to.startswith("service "):
            body: dict[str, Any] = {"service_id": self.world.services[to.split()[1]]}
        else:
            body = {"user_id": self.world.users[to]}
        self.act(who, f"/referrals/{referral.id}/handoff", body, referral.id)

    def note(self, data: st.DataObject) -> None:
        referral = self.pick_referral(data, ("accepted",))
        who = self.aim(data, self.owner_or_holders(referral), PEOPLE, "who")
        response = self.act(who, f"/referrals/{referral.id}/notes", {"text": "Soitin."}, referral.id)
        if response.status_code == 200:
            assert response.json["owner"]["id"] == self.world.users[who]

    def close(self, data: st.DataObject) -> None:
        outcome = data.draw(st.sampled_from([*OUTCOMES, "lost"]), label="outcome")
        referral = self.pick_referral(data, ("open", "offered", "accepted"))
        who = self.aim(data, self.owner_or_holders(referral), PEOPLE, "who")
        response = self.act(who, f"/referrals/{referral.id}/close", {"outcome": outcome}, referral.id)
        if response.status_code == 200:
            assert response.json["state"] == "closed"
            assert not [o for o in response.json["offers"] if o["state"] == "pending"]

    def read(self, data: st.DataObject) -> None:
        who = data.draw(people, label="who")
        rid = data.draw(st.sampled_from(self.ids), label="referral")
        before = self.snapshot()
        response = self.api(who).get(f"/referrals/{rid}")
        assert response.status_code in (200, 404)
        if self.org_of[who] == self.front_door[rid]:
            assert response.status_code == 200, "the front door always sees its referrals"
        assert self.snapshot() == before

    def expire(self) -> None:
        before = self.snapshot()
        with self.app.app_context(), db.transaction() as s:
            expired = expire_offers(s, days=0, now=utcnow() + timedelta(seconds=1))
        after = self.snapshot()
        per_referral = Counter(o.referral_id for o in expired)
        for rid, snap in before.items():
            pending = sum(1 for _, state in snap.offers if state == "pending")
            assert per_referral[rid] == pending
            assert after[rid].events == snap.events + pending
            assert after[rid].owner_id == snap.owner_id

    # --- invariants -------------------------------------------------------------

    @invariant()
    def referrals_keep_their_promises(self) -> None:
        offers: dict[str, list[Any]] = {rid: [] for rid in self.ids}
        for offer in self._offers():
            offers[offer.referral_id].append(offer)
        for referral in self._referrals():
            assert referral.holder_id, "a referral always has a holder"
            pending = [o for o in offers[referral.id] if o.state == "pending"]
            if referral.state == "accepted":
                assert referral.owner_id is not None, "an accepted referral has an owner"
                assert self.org_of[self.key_of[referral.owner_id]] == referral.holder_id, "the owner is of the holder"
                assert all(o.kind == "handoff" for o in pending)
            elif referral.state == "offered":
                assert referral.owner_id is None and pending and all(o.kind == "referral" for o in pending)
            elif referral.state == "open":
                assert referral.owner_id is None and not pending
            else:
                assert referral.state == "closed" and not pending
            if referral.owner_id is not None:
                accepted = sorted((o for o in offers[referral.id] if o.state == "accepted"), key=lambda o: o.decided_at)
                assert accepted and accepted[-1].decided_by_id == referral.owner_id, "owner only by acceptance"


def test_random_operations_keep_the_invariants(app, client, world, session) -> None:
    ReferralMachine.app = app
    ReferralMachine.client = client
    ReferralMachine.world = world
    ReferralMachine.session = session
    ReferralMachine.outcomes = Counter()
    run_state_machine_as_test(
        ReferralMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    # the runs got somewhere: every kind of change succeeded at least once
    done = {name.split()[0] for name, n in ReferralMachine.outcomes.items() if name.split()[1] in ("200", "201")}
    assert {"offers", "accept", "decline", "close"} <= done, ReferralMachine.outcomes
