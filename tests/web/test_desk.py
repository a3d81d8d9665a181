"""The front desk and the rule tester with the real engine over the demo directory."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from routing.referrals.desk import contact_by
from routing.referrals.models import Offer, Referral

from .conftest import csrf_token, login

QUESTION = "poika 17v keravalta, lopetti lukion kesken eikä tiedä mitä tehdä"


def test_suggestions_with_reasons_notes_and_what_to_ask(client, demo_directory) -> None:
    login(client, "desk@kerava.fi")
    token = csrf_token(client, "/desk")
    page = client.post("/desk", data={"csrf_token": token, "question": QUESTION})
    assert page.status_code == 200
    cards = re.findall(r'<article class="suggestion">(.*?)</article>', page.text, re.S)
    assert 1 <= len(cards) <= 5
    assert all('name="target" value="service:' in card for card in cards)
    assert all('class="reasons"' in card for card in cards)
    assert "Kerava" in cards[0] and "Kenelle:" in page.text  # reasons, then the eligibility note
    assert "Kysymyksestä ymmärretty:" in page.text and "17 v" in page.text
    assert 'value="ring:' in page.text  # the ring is always one click away
    assert QUESTION in page.text  # the form keeps what was typed


def test_unknown_age_is_asked_for(client, demo_directory) -> None:
    login(client, "desk@kerava.fi")
    token = csrf_token(client, "/desk")
    page = client.post("/desk", data={"csrf_token": token, "question": "nuori keravalta tarvitsee opiskelupaikan"})
    assert page.status_code == 200
    if "Kysy asiakkaalta vielä:" in page.text:  # the engine names what would change the first answer
        assert "asiakkaan ikä" in page.text


def test_live_suggestions_fragment(client, demo_directory) -> None:
    login(client, "desk@kerava.fi")
    token = csrf_token(client, "/desk")
    fragment = client.post("/desk/suggestions", data={"question": QUESTION}, headers={"X-CSRFToken": token})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and '<article class="suggestion">' in fragment.text
    assert 'data-status=""' in fragment.text
    empty = client.post("/desk/suggestions", data={"question": ""}, headers={"X-CSRFToken": token})
    assert empty.status_code == 200 and '<article class="suggestion">' not in empty.text
    assert client.post("/desk/suggestions", data={"question": QUESTION}).status_code == 400  # no token


def test_refer_from_a_suggestion_and_the_receipt(client, store, demo_directory) -> None:
    login(client, "desk@kerava.fi")
    token = csrf_token(client, "/desk")
    page = client.post("/desk", data={"csrf_token": token, "question": QUESTION, "age": "17"}).text
    service_id = re.search(r'name="target" value="service:([^"]+)"', page).group(1)
    sent = {"csrf_token": token, "question": QUESTION, "age": "17", "target": f"service:{service_id}"}
    # no consent: no referral, nothing stored; the client gets the service's own contact details
    signpost = client.post("/desk/refer", data=sent)
    assert signpost.status_code == 200
    assert store.exec(select(Referral)).all() == []
    assert "Ei ohjausta" in signpost.text
    done = client.post("/desk/refer", data={**sent, "consent": "y", "client_contact": "040 765 4321"})
    assert done.status_code == 302
    referral = store.exec(select(Referral)).one()
    assert referral.consent is True and referral.client_contact == "040 765 4321"
    offer = store.exec(select(Offer)).one()
    assert offer.service_id == service_id
    receipt = client.get(done.headers["Location"]).text
    assert "on sinuun yhteydessä viimeistään" in receipt
    assert referral.id[:8].upper() in receipt


def test_swedish_desk(client, demo_directory) -> None:
    login(client, "desk@kerava.fi", lang="sv")
    token = csrf_token(client, "/desk")
    page = client.post("/desk", data={"csrf_token": token, "question": "jag bor i Kervo och söker jobb"}).text
    assert "Förslag" in page and "Hänvisa till" in page


def test_rule_tester_shows_needs_evidence_rules_and_reasons(client, demo_directory) -> None:
    login(client, "kaisa@coord.fi")
    assert client.get("/rules/try").status_code == 200
    token = csrf_token(client, "/rules/try")
    page = client.post("/rules/try", data={"csrf_token": token, "question": QUESTION})
    assert page.status_code == 200
    assert "Tunnistetut tarpeet" in page.text and "Sanat, joista se tunnistettiin" in page.text
    assert "Lauenneet säännöt" in page.text and "Sääntökokoelma" in page.text
    assert page.text.count("<li><strong>") >= 1  # ranked candidates with their reasons
    bad = client.post("/rules/try", data={"csrf_token": token, "question": ""})
    assert bad.status_code == 400


def test_contact_promise_counts_working_days_in_helsinki() -> None:
    friday_evening = datetime(2026, 3, 6, 20, 0, tzinfo=UTC)  # Friday 22.00 in Helsinki
    assert contact_by(friday_evening).date().isoformat() == "2026-03-10"  # Tuesday
    saturday_night = datetime(2026, 3, 6, 22, 30, tzinfo=UTC)  # already Saturday 0.30 in Helsinki
    assert contact_by(saturday_night).date().isoformat() == "2026-03-10"
    monday = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
    assert contact_by(monday).date().isoformat() == "2026-03-11"


def test_contact_promise_skips_public_holidays() -> None:
    # Maundy Thursday 2026: Good Friday and Easter Monday are holidays, so Tuesday and Wednesday count
    maundy_thursday = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    assert contact_by(maundy_thursday).date().isoformat() == "2026-04-08"
    # Wednesday 23 December: Christmas Eve and Day are holidays, then the weekend
    before_christmas = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)
    assert contact_by(before_christmas).date().isoformat() == "2026-12-29"
    # Independence Day 2027 is a Monday
    friday = datetime(2027, 12, 3, 9, 0, tzinfo=UTC)
    assert contact_by(friday).date().isoformat() == "2027-12-08"


@pytest.mark.parametrize(
    ("contact", "good"),
    [
        ("040 765 4321", True),
        ("+358 40 765 4321", True),
        ("(09) 123 456", True),
        ("anna.asiakas@example.fi", True),
        ("soittakaa iltapäivällä", False),
        ("12", False),
        ("anna@", False),
        ("040 765 4321 tai 050 123 4567 tai 044", False),
    ],
)
def test_the_contact_is_a_phone_number_or_an_email_address(client, demo_directory, contact: str, good: bool) -> None:
    login(client, "desk@kerava.fi")
    token = csrf_token(client, "/desk")
    page = client.post("/desk", data={"csrf_token": token, "question": QUESTION, "client_contact": contact})
    assert (page.status_code == 200) == good
    assert ('id="client_contact-error"' not in page.text) == good


# a wording the engine does not read by itself ("en päässyt ylös sängystä" it now does)
MORNING = "Makaan sängyssä koko päivän, asun Keravalla"


def _first_service(page: str) -> str:
    return re.search(r'name="target" value="service:([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_the_desk_corrects_the_reading_and_the_suggestions_follow(client, store, demo_directory) -> None:
    """Every need is a checkbox, the ones read ticked with their words; a tick changes the ranking
    (by a plain submit, no script), and the referral keeps both readings."""
    login(client, "desk@kerava.fi")
    token = csrf_token(client, "/desk")
    read = client.post("/desk", data={"csrf_token": token, "question": QUESTION}).text
    boxes = re.findall(r'<input type="checkbox" name="needs" value="([a-z-]+)"( checked)?', read)
    assert len(boxes) == 14 and {code for code, ticked in boxes if ticked}  # all needs, the read ones ticked
    assert "sanoista" in read and "luettu kysymyksestä" in read  # the words that gave it away; the place read
    needs_read = re.search(r'name="needs_read" value="([a-z,-]*)"', read).group(1)  # type: ignore[union-attr]

    plain = client.post("/desk", data={"csrf_token": token, "question": MORNING}).text
    engine_read = re.search(r'name="needs_read" value="([a-z,-]*)"', plain).group(1)  # type: ignore[union-attr]
    assert "mental-health" not in engine_read.split(",")
    ticked = {"csrf_token": token, "question": MORNING, "needs_read": engine_read, "needs": ["mental-health"]}
    corrected = client.post("/desk", data=ticked).text
    assert re.search(r'value="mental-health" checked', corrected)
    assert f'name="needs_read" value="{engine_read}"' in corrected  # still measured against the engine's reading
    assert _first_service(corrected) != _first_service(plain)
    assert "mielenterveys" in corrected.split('<article class="suggestion">')[1].lower()

    reachable = {"consent": "y", "client_contact": "040 765 4321"}  # an offer needs both (README "Consent")
    done = client.post("/desk/refer", data={**ticked, **reachable, "target": f"service:{_first_service(corrected)}"})
    assert done.status_code == 302
    referral = store.exec(select(Referral)).one()
    assert referral.needs_corrected is True and referral.engine_needs == [c for c in engine_read.split(",") if c]
    assert referral.engine_municipality == "245"
    assert needs_read  # the first reading was shown too


def test_unchanged_ticks_follow_a_new_question(client, demo_directory) -> None:
    """Ticks equal to what the engine read are no correction: a changed question is read afresh."""
    login(client, "desk@kerava.fi")
    token = csrf_token(client, "/desk")
    page = client.post(
        "/desk",
        data={
            "csrf_token": token,
            "question": "velkaa on paljon, Kerava",
            "needs_read": "employment",
            "needs": "employment",
        },
    ).text
    assert re.search(r'value="debt" checked', page) and not re.search(r'value="employment" checked', page)
