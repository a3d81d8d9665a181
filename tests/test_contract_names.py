"""The states, reasons, outcomes, channels and roles are enums whose members are the contract's words.

The old tuples stay (derived from the enums) and hold exactly the names they held; a member
stored in a column, written as JSON or shown in a message is its plain text.
"""

from __future__ import annotations

import json

from flask import Flask
from sqlalchemy import Engine, text

from routing.accounts.models import ROLES, Role, User
from routing.core import db
from routing.directory.models import Organization
from routing.referrals.models import (
    CHANNELS,
    DECLINE_REASONS,
    OFFER_STATES,
    OUTCOMES,
    REFERRAL_STATES,
    Channel,
    DeclineReason,
    Offer,
    OfferState,
    Outcome,
    Referral,
    ReferralState,
)


def test_the_tuples_hold_the_same_names_in_the_same_order() -> None:
    assert REFERRAL_STATES == ("open", "offered", "accepted", "closed")
    assert OFFER_STATES == ("pending", "accepted", "declined", "withdrawn", "expired")
    assert DECLINE_REASONS == ("not-eligible", "no-capacity", "wrong-service", "client-unreachable", "other")
    assert OUTCOMES == ("served", "client-withdrew", "no-contact", "outside-network", "duplicate")
    assert CHANNELS == ("desk", "ring", "api", "online", "email")
    assert ROLES == ("front-desk", "counsellor", "org-admin", "coordinator", "admin")


def test_a_member_is_its_text() -> None:
    for enum in (ReferralState, OfferState, DeclineReason, Outcome, Channel, Role):
        for member in enum:
            assert member == member.value and str(member) == f"{member}" == member.value
            assert json.dumps(member) == json.dumps(member.value)
            assert enum(member.value) is member
    assert ", ".join(REFERRAL_STATES) == "open, offered, accepted, closed"
    assert {"org-admin": 1}[Role.ORG_ADMIN] == 1  # same hash: plain-text keys find members and back


def test_stored_values_are_plain_text(app: Flask, engine: Engine) -> None:
    with app.app_context(), db.transaction() as s:
        s.add(Organization(id="org-1", name="Ohjaamo"))
        s.flush()
        s.add(User(email="a@example.fi", organization_id="org-1", role=Role.ORG_ADMIN))
        referral = Referral(holder_id="org-1", front_door_id="org-1")  # state and channel by default
        s.add(referral)
        s.flush()
        s.add(Offer(referral_id=referral.id, organization_id="org-1", reason=DeclineReason.NO_CAPACITY))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT role FROM staff_user")).one() == ("org-admin",)
        assert conn.execute(text("SELECT state, channel FROM referral")).one() == ("open", "api")
        assert conn.execute(text("SELECT state, reason FROM offer")).one() == ("pending", "no-capacity")
        found = conn.execute(text("SELECT count(*) FROM offer WHERE state = :s"), {"s": OfferState.PENDING})
        assert found.scalar_one() == 1
