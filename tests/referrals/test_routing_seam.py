"""The route result is stored with the referral at opening, and its needs become ReferralNeed rows."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

import routing.referrals.operations as referrals
from routing.core import db
from routing.matcher.result import Candidate, Need, Place, RouteResult
from routing.referrals.models import Referral, ReferralNeed

from .conftest import open_one


def _route_result(service_id: str) -> RouteResult:
    return RouteResult(
        language="fi",
        municipality=Place("245", "Kerava", "text"),
        age=19,
        needs=(Need("employment", ("työnhakuun",)), Need("debt", ("velkaa",))),
        candidates=(
            Candidate(
                service_id=service_id,
                service_name="palvelu b",
                organization_id="org-b",
                organization_name="Ohjaamo Kerava",
                location_id=None,
                score=0.9,
                reasons=("tarve: työnhaku",),
                needs=("employment",),  # the service serves employment: only debt is unmet
            ),
        ),
        rules_fired=(),
        ask=(),
        ruleset="test@1",
    )


@pytest.fixture
def engine_stand_in(app, world, monkeypatch) -> list[tuple[Any, ...]]:
    """The routing engine's answer stood in at the one seam; svc-b serves employment."""
    calls: list[tuple[Any, ...]] = []

    def route_for(route, question, municipality, age, language, needs=None):
        calls.append((question, municipality, age, language))
        return _route_result(world.services["b"])

    monkeypatch.setattr(referrals, "_route_for", route_for)
    return calls


def test_the_route_result_is_kept_and_unmet_needs_marked(as_, session, engine_stand_in) -> None:
    body = open_one(as_("desk"), municipality=None, age=None, language=None)
    assert engine_stand_in == [("Tarvitsen apua työnhakuun", None, None, None)]
    assert body["needs"] == [{"need": "debt", "unmet": True}, {"need": "employment", "unmet": False}]
    assert body["route"]["needs"][0]["evidence"] == ["työnhakuun"]
    # what the engine read from the text fills what the desk did not give
    assert (body["municipality"], body["age"], body["language"]) == ("245", 19, "fi")
    rows = session.exec(select(ReferralNeed).where(ReferralNeed.referral_id == body["id"])).all()
    assert {(r.need, r.unmet) for r in rows} == {("employment", False), ("debt", True)}


def test_what_the_desk_gave_wins_over_what_the_engine_read(as_, engine_stand_in) -> None:
    body = open_one(as_("desk"), municipality="091", age=30, language="sv")
    assert engine_stand_in == [("Tarvitsen apua työnhakuun", "091", 30, "sv")]
    assert (body["municipality"], body["age"], body["language"]) == ("091", 30, "sv")


def test_without_consent_no_question_or_contact_is_kept(as_, session, engine_stand_in) -> None:
    body = open_one(as_("desk"), consent=False, client_contact="anna@example.fi")
    assert engine_stand_in, "the question was routed"
    assert body["question"] is None and body["client_contact"] is None and body["consent"] is False
    stored = session.get(Referral, body["id"])
    assert stored.question is None and stored.client_contact is None
    assert "työnhakuun" not in str(stored.route_result)
    assert [n["code"] for n in stored.route_result["needs"]] == ["employment", "debt"]
    assert {n.need for n in session.exec(select(ReferralNeed).where(ReferralNeed.referral_id == body["id"]))} == {
        "employment",
        "debt",
    }


def test_opening_routes_through_the_real_engine(app, client, session) -> None:
    """No stand-in: the demo directory, the bundled rules, a real question."""
    from routing.accounts.auth import create_token
    from routing.accounts.models import User
    from routing.demo.load import load_demo

    with app.app_context(), db.transaction() as s:
        load_demo(s)
        desk = s.exec(select(User).where(User.role == "front-desk")).first()
        token = create_token(s, desk)
    response = client.post(
        "/api/v1/referrals",
        json={"question": "asun keravalla ja tarttisin apua työnhakuun, oon 24", "consent": True},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert (body["municipality"], body["age"]) == ("245", 24)
    stored = session.get(Referral, body["id"])
    assert "employment" in [n["code"] for n in stored.route_result["needs"]]
    assert stored.route_result["candidates"], "the engine suggested services"
    needs = session.exec(select(ReferralNeed).where(ReferralNeed.referral_id == body["id"])).all()
    assert ("employment", False) in {(n.need, n.unmet) for n in needs}


def test_the_engine_reading_is_kept_beside_the_desks_needs(as_, session) -> None:
    """A referral keeps what the engine read (codes, place, age, language) and whether the desk changed it."""
    read = open_one(as_("desk"), question="Tarvitsen apua työnhakuun, asun Vantaalla", municipality=None, age=None)
    assert read["engine_needs"] == ["employment"] and read["needs_corrected"] is False
    assert read["engine_reading"] == {"needs": ["employment"], "municipality": "092", "age": None, "language": "fi"}
    same = open_one(as_("desk"), needs=["employment"])
    assert same["needs_corrected"] is False
    fixed = open_one(as_("desk"), needs=["mental-health", "debt"], consent=False)
    assert fixed["engine_needs"] == ["employment"] and fixed["needs_corrected"] is True
    assert {n["need"] for n in fixed["needs"]} == {"mental-health", "debt"}
    assert [(n["code"], n["source"]) for n in fixed["route"]["needs"]] == [
        ("debt", "given"),
        ("mental-health", "given"),
    ]
    stored = session.get(Referral, fixed["id"])
    assert stored.engine_needs == ["employment"] and stored.needs_corrected is True


@pytest.mark.parametrize(
    ("needs", "words"),
    [("debt", "needs"), (["debt", "debt"], "twice"), (["nope"], "unknown need code"), ([1], "strings")],
)
def test_bad_needs_on_a_new_referral_is_400(as_, needs, words) -> None:
    response = as_("desk").post("/referrals", {"question": "apua", "consent": True, "needs": needs})
    assert response.status_code == 400
    message = response.json["error"]["message"]
    assert "needs" in message and words in message
