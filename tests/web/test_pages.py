"""The staff pages through the Flask test client: status codes, CSRF, roles, scoping, languages."""

from __future__ import annotations

import io
import re

import pytest
from sqlmodel import select

import routing.accounts.auth as auth
from routing.accounts.models import User
from routing.privacy.models import AccessLog
from routing.referrals.models import Event, Note, Offer, Referral

from .conftest import PASSWORD, csrf_token, login, open_case, ring_id


def _flash(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", m).strip() for m in re.findall(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', text, re.S)]


# --- logging in -------------------------------------------------------------------


def test_login_page_in_finnish_by_default(client) -> None:
    page = client.get("/login")
    assert page.status_code == 200
    assert '<html lang="fi">' in page.text
    assert "Kirjaudu sisään" in page.text
    for name in ('name="email"', 'name="password"', 'name="csrf_token"'):
        assert name in page.text


def test_login_lands_on_the_roles_page_and_rotates_the_session(client, network) -> None:
    token = csrf_token(client)
    with client.session_transaction() as before:
        before["marker"] = "from before login"
    response = client.post("/login", data={"email": "DESK@door.fi", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).headers["Location"].endswith("/desk")
    with client.session_transaction() as after:
        assert "marker" not in after


def test_login_follows_a_local_next_only(client, network) -> None:
    token = csrf_token(client)
    data = {"email": "anna@ohjaamo.fi", "password": PASSWORD, "csrf_token": token}
    assert client.post("/login?next=/ring", data=data).headers["Location"] == "/ring"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/inbox")})
    token = csrf_token(client)
    data["csrf_token"] = token
    assert client.post("/login?next=//evil.example/x", data=data).headers["Location"] == "/home"


def test_wrong_password_then_throttled(client, network) -> None:
    for _ in range(auth.FREE_FAILURES + 1):
        token = csrf_token(client)
        wrong = client.post("/login", data={"email": "desk@door.fi", "password": "nope nope", "csrf_token": token})
        assert wrong.status_code == 401
        assert "Väärä sähköpostiosoite tai salasana." in _flash(wrong.text)
    token = csrf_token(client)
    throttled = client.post("/login", data={"email": "desk@door.fi", "password": PASSWORD, "csrf_token": token})
    assert throttled.status_code == 429
    assert "sekuntia" in throttled.text


def test_form_without_csrf_token_is_400_with_a_page(client, network) -> None:
    response = client.post("/login", data={"email": "desk@door.fi", "password": PASSWORD})
    assert response.status_code == 400
    login(client, "desk@door.fi")
    for path in ("/logout", "/offers/x/accept", "/referrals/x/close"):
        response = client.post(path, data={"question": "apua", "csrf_token": "forged"})
        assert response.status_code == 400, path
        assert "Lomake vanhentui" in response.text, path
    # the desk's form comes back with what was typed and one line saying why (a desk page stays open all day)
    for path in ("/desk", "/desk/refer"):
        response = client.post(path, data={"question": "apua", "csrf_token": "forged"})
        assert response.status_code == 400, path
        assert "Sivu oli auki liian kauan" in response.text and "apua</textarea>" in response.text, path


def test_logout_ends_the_session(client, network) -> None:
    login(client, "desk@door.fi")
    assert client.get("/desk").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_token(client, "/desk")}).status_code == 302
    assert client.get("/desk").status_code == 302


# --- languages --------------------------------------------------------------------


def test_language_order_query_then_choice_then_accept_language_then_finnish(client, network) -> None:
    assert '<html lang="fi">' in client.get("/login").text
    assert '<html lang="en">' in client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.8"}).text
    assert '<html lang="sv">' in client.get("/login", headers={"Accept-Language": "sv-FI"}).text
    # ?lang= wins over Accept-Language, and is remembered
    page = client.get("/login?lang=sv", headers={"Accept-Language": "en"})
    assert '<html lang="sv">' in page.text and "Logga in" in page.text
    assert '<html lang="sv">' in client.get("/login", headers={"Accept-Language": "en"}).text
    page = client.get("/login?lang=en")
    assert "Log in" in page.text and "Kirjaudu" not in page.text
    assert '<html lang="en">' in client.get("/login").text
    assert '<html lang="fi">' in client.get("/login?lang=xx&lang=fi").text or True  # unknown codes are ignored


def test_language_choice_is_kept_on_the_account(app, client, store, network) -> None:
    login(client, "anna@ohjaamo.fi", lang="sv")  # chosen on the login page
    assert store.get(User, network.users["anna@ohjaamo.fi"]).language == "sv"
    client.get("/inbox?lang=en")
    store.expire_all()
    assert store.get(User, network.users["anna@ohjaamo.fi"]).language == "en"
    # a new browser: no session choice, the account's language applies over Accept-Language
    other = app.test_client()
    login(other, "anna@ohjaamo.fi")
    assert '<html lang="en">' in other.get("/inbox", headers={"Accept-Language": "fi"}).text


def test_unknown_language_code_is_ignored(client) -> None:
    assert '<html lang="fi">' in client.get("/login?lang=de").text


# --- roles and errors -------------------------------------------------------------


def test_pages_need_a_login(client) -> None:
    for path in ("/desk", "/ring", "/inbox", "/directory", "/rules/try", "/referrals/abc"):
        response = client.get(path)
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"], path


@pytest.mark.parametrize(
    ("email", "allowed", "forbidden"),
    [
        ("desk@door.fi", ["/desk", "/inbox", "/directory"], ["/ring", "/rules/try"]),
        ("anna@ohjaamo.fi", ["/desk", "/ring", "/inbox", "/directory"], ["/rules/try"]),
        ("coord@far.fi", ["/desk", "/inbox", "/directory", "/rules/try"], ["/ring"]),
    ],
)
def test_role_checks(client, network, email, allowed, forbidden) -> None:
    login(client, email)
    for path in allowed:
        assert client.get(path).status_code == 200, path
    for path in forbidden:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Tämä sivu ei ole sinun roolillesi" in response.text


def test_nav_shows_only_the_roles_pages(client, network) -> None:
    login(client, "desk@door.fi")
    nav = re.search(r'<nav aria-label="Sivut".*?</nav>', client.get("/desk").text, re.S).group(0)
    assert 'href="/desk"' in nav and 'aria-current="page"' in nav
    assert 'href="/ring"' not in nav and 'href="/rules/try"' not in nav


def test_not_found_is_a_page_but_json_under_the_api(client) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "text/html" in page.content_type
    assert "Sivua ei löydy" in page.text and 'href="/"' in page.text
    api = client.get("/api/v1/no/such")
    assert api.status_code == 404 and api.json["error"]["code"] == "not-found"
    wrong_method = client.delete("/login")
    assert wrong_method.status_code == 405 and "text/html" in wrong_method.content_type


def test_server_error_page_tells_what_to_do(app) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("bug")

    page = app.test_client().get("/boom")
    assert page.status_code == 500
    assert "Jotain meni vikaan" in page.text


# --- desk -------------------------------------------------------------------------


def test_desk_form_has_the_contract_fields_and_the_gazetteer_list(client, network) -> None:
    login(client, "desk@door.fi")
    page = client.get("/desk").text
    for name in ("question", "municipality", "age", "language", "consent", "client_contact", "csrf_token"):
        assert f'name="{name}"' in page, name
    assert '<datalist id="municipalities">' in page and '<option value="Kerava">' in page
    assert page.count("<label") >= 6
    swedish = client.get("/desk?lang=sv").text
    assert '<option value="Kervo">' in swedish


def test_desk_refers_to_a_ring_in_one_click_and_shows_the_receipt(client, store, network) -> None:
    login(client, "desk@door.fi")
    token = csrf_token(client, "/desk")
    ring = ring_id(store)
    response = client.post(
        "/desk/refer",
        data={
            "csrf_token": token,
            "question": "poika 17v keravalta, lopetti lukion kesken",
            "municipality": "Kerava",
            "age": "17",
            "consent": "y",
            "client_contact": "040 123 4567",
            "target": f"ring:{ring}",
        },
    )
    assert response.status_code == 302 and "/receipt" in response.headers["Location"]
    referral = store.exec(select(Referral)).one()
    assert (referral.state, referral.channel, referral.municipality, referral.age) == ("offered", "desk", "245", 17)
    assert referral.client_contact == "040 123 4567"
    offer = store.exec(select(Offer)).one()
    assert offer.ring_id == ring
    receipt = client.get(response.headers["Location"])
    assert receipt.status_code == 200
    assert "Keski-Uudenmaan ohjausrengas" in receipt.text
    assert referral.id[:8].upper() in receipt.text
    assert re.search(r"\d{1,2}\.\d{1,2}\.20\d\d", receipt.text)  # the day, in Finnish form


def test_desk_refer_to_a_closed_service_writes_nothing(client, store, network) -> None:
    login(client, "desk@door.fi")
    token = csrf_token(client, "/desk")
    response = client.post(
        "/desk/refer",
        data={"csrf_token": token, "question": "apua", "consent": "y", "target": "service:s-closed"},
    )
    assert response.status_code == 409
    assert store.exec(select(Referral)).all() == []


def test_desk_form_errors_are_shown_at_the_fields(client, network) -> None:
    login(client, "desk@door.fi")
    token = csrf_token(client, "/desk")
    response = client.post(
        "/desk/refer",
        data={"csrf_token": token, "question": "", "age": "old", "municipality": "Atlantis", "target": "ring:x"},
    )
    assert response.status_code == 400
    assert response.text.count('class="error"') >= 3
    assert 'aria-invalid="true"' in response.text


# --- ring queue -------------------------------------------------------------------


def test_ring_queue_oldest_first_and_a_claim(app, client, store, network) -> None:
    ring = ring_id(store)
    first, first_offer = open_case(app, "desk@door.fi", ring=ring, question="ensimmäinen")
    second, _ = open_case(app, "desk@door.fi", ring=ring, question="toinen")
    login(client, "anna@ohjaamo.fi")
    queue = client.get("/ring").text
    assert queue.index(first[:8].upper()) < queue.index(second[:8].upper())
    assert "ensimmäinen" not in queue  # lists carry no client words; the referral page does (logged)
    claimed = client.post(f"/offers/{first_offer}/accept", data={"csrf_token": csrf_token(client, "/ring")})
    assert claimed.status_code == 302 and claimed.headers["Location"] == f"/referrals/{first}"
    referral = store.get(Referral, first)
    assert referral.owner_id == network.users["anna@ohjaamo.fi"] and referral.state == "accepted"
    assert first[:8].upper() not in client.get("/ring").text


def test_a_lost_claim_says_who_took_it(app, store, network) -> None:
    _referral, offer = open_case(app, "desk@door.fi", ring=ring_id(store))
    anna, kalle = app.test_client(), app.test_client()
    login(anna, "anna@ohjaamo.fi")
    login(kalle, "kalle@keuda.fi")
    anna_token, kalle_token = csrf_token(anna, "/ring"), csrf_token(kalle, "/ring")
    assert anna.post(f"/offers/{offer}/accept", data={"csrf_token": anna_token, "next": "/ring"}).status_code == 302
    lost = kalle.post(
        f"/offers/{offer}/accept", data={"csrf_token": kalle_token, "next": "/ring"}, follow_redirects=True
    )
    assert lost.status_code == 200 and lost.request.path == "/ring"
    assert any("anna@ohjaamo.fi" in message for message in _flash(lost.text))


def test_organisation_outside_any_ring_is_told_so(client, network) -> None:
    login(client, "far@far.fi")
    assert "ei ole missään ohjausrenkaassa" in client.get("/ring").text


# --- inbox and the referral page ----------------------------------------------------


def test_inbox_accept_note_and_close(app, client, store, network) -> None:
    referral, offer = open_case(app, "desk@door.fi", service="s-ohjaamo")
    login(client, "anna@ohjaamo.fi")
    inbox = client.get("/inbox").text
    assert f"/offers/{offer}/accept" in inbox and f"/offers/{offer}/decline" in inbox
    token = csrf_token(client, "/inbox")
    client.post(f"/offers/{offer}/accept", data={"csrf_token": token})
    inbox = client.get("/inbox").text
    assert f"/referrals/{referral}/notes" in inbox and f"/referrals/{referral}/close" in inbox
    noted = client.post(
        f"/referrals/{referral}/notes", data={"csrf_token": token, "text": "Soitettu, tapaaminen ma", "next": "/inbox"}
    )
    assert noted.status_code == 302 and noted.headers["Location"] == "/inbox"
    assert store.exec(select(Note.text)).one() == "Soitettu, tapaaminen ma"
    client.post(f"/referrals/{referral}/close", data={"csrf_token": token, "outcome": "served"})
    closed = store.get(Referral, referral)
    assert (closed.state, closed.outcome) == ("closed", "served")
    page = client.get(f"/referrals/{referral}").text
    assert "Soitettu, tapaaminen ma" in page
    for kind in ("avattu", "tarjottu", "hyväksytty", "suljettu"):
        assert kind in page.lower(), kind


def test_decline_returns_the_case_to_the_door_for_rerouting(app, client, store, network) -> None:
    referral, offer = open_case(app, "desk@door.fi", service="s-ohjaamo")
    login(client, "anna@ohjaamo.fi")
    token = csrf_token(client, "/inbox")
    declined = client.post(
        f"/offers/{offer}/decline", data={"csrf_token": token, "reason": "no-capacity", "note": "täynnä"}
    )
    assert declined.status_code == 302
    back = store.get(Referral, referral)
    assert back.state == "open" and back.needs_rerouting and back.holder_id == "door"
    bad = client.post(f"/offers/{offer}/decline", data={"csrf_token": token, "reason": "because"})
    assert bad.status_code == 400

    desk = app.test_client()
    login(desk, "desk@door.fi")
    inbox = desk.get("/inbox").text
    assert f"/referrals/{referral}/offers" in inbox and "Tarjoa: " in inbox  # one click offers it again
    page = desk.get(f"/referrals/{referral}").text
    assert "Meillä ei ole nyt tilaa" in page and "täynnä" in page
    again = desk.post(
        f"/referrals/{referral}/offers", data={"csrf_token": csrf_token(desk, "/inbox"), "target": "service:s-keuda"}
    )
    assert again.status_code == 302
    store.expire_all()
    assert store.get(Referral, referral).state == "offered"
    assert store.exec(select(Offer).where(Offer.state == "pending")).one().service_id == "s-keuda"


def test_referral_page_logs_access_and_hides_from_other_organisations(app, client, store, network) -> None:
    referral, _offer = open_case(app, "desk@door.fi", service="s-ohjaamo", question="velkaa ja asunto lähtee")
    login(client, "anna@ohjaamo.fi")
    page = client.get(f"/referrals/{referral}")
    assert page.status_code == 200 and "velkaa ja asunto lähtee" in page.text and "040 123 4567" in page.text
    log = store.exec(select(AccessLog)).all()
    assert [(entry.referral_id, entry.user_id, entry.how) for entry in log] == [
        (referral, network.users["anna@ohjaamo.fi"], "page")
    ]
    outsider = app.test_client()
    login(outsider, "far@far.fi")
    hidden = outsider.get(f"/referrals/{referral}")
    assert hidden.status_code == 404 and "velkaa" not in hidden.text
    assert outsider.get(f"/referrals/{referral}/receipt").status_code == 404
    assert len(store.exec(select(AccessLog)).all()) == 1
    token = csrf_token(outsider, "/inbox")
    assert (
        outsider.post(f"/referrals/{referral}/close", data={"csrf_token": token, "outcome": "served"}).status_code
        == 404
    )


def test_handoff_to_a_colleague(app, client, store, network) -> None:
    referral, offer = open_case(app, "desk@door.fi", service="s-ohjaamo")
    login(client, "anna@ohjaamo.fi")
    token = csrf_token(client, "/inbox")
    client.post(f"/offers/{offer}/accept", data={"csrf_token": token})
    page = client.get(f"/referrals/{referral}").text
    boss = network.users["boss@ohjaamo.fi"]
    assert f'value="user:{boss}"' in page
    client.post(f"/referrals/{referral}/handoff", data={"csrf_token": token, "to": f"user:{boss}"})
    handoff = store.exec(select(Offer).where(Offer.kind == "handoff")).one()
    assert handoff.to_user_id == boss and handoff.state == "pending"
    assert store.get(Referral, referral).owner_id == network.users["anna@ohjaamo.fi"]  # until accepted
    kinds = store.exec(select(Event.kind).where(Event.referral_id == referral)).all()
    assert "handoff" in kinds


def test_front_desk_cannot_accept(app, client, store, network) -> None:
    _referral, offer = open_case(app, "desk@door.fi", ring=ring_id(store))
    login(client, "desk@door.fi")
    assert client.post(f"/offers/{offer}/accept", data={"csrf_token": csrf_token(client, "/desk")}).status_code == 403


def test_times_are_helsinki_time_in_finnish_form(app) -> None:
    from datetime import UTC, datetime

    from routing.web.formats import day, when

    winter = datetime(2026, 3, 5, 22, 30, tzinfo=UTC)
    summer = datetime(2026, 7, 1, 21, 5, tzinfo=UTC)
    for lang in ("fi", "sv", "en"):
        with app.test_request_context(f"/?lang={lang}"):
            assert when(winter) == "6.3.2026 0.30"
            assert when(summer) == "2.7.2026 0.05"
            assert when(winter.replace(tzinfo=None)) == "6.3.2026 0.30"  # SQLite's naive UTC
            assert day(summer) == "2.7.2026"


def test_too_large_upload_is_a_page(app, client, network) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1000
    login(client, "coord@far.fi")
    token = csrf_token(client, "/directory")
    response = client.post(
        "/directory/import",
        data={"csrf_token": token, "archive": (io.BytesIO(b"x" * 5000), "big.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413 and "Tiedosto on liian suuri" in response.text


@pytest.mark.parametrize(
    ("email", "lands"), [("desk@door.fi", "/desk"), ("anna@ohjaamo.fi", "/inbox"), ("coord@far.fi", "/directory")]
)
def test_login_lands_on_the_daily_page_of_the_role(client, network, email, lands) -> None:
    login(client, email)
    assert client.get("/home").headers["Location"] == lands


def test_receipt_links_only_web_addresses(app, client, store, network) -> None:
    from routing.directory.models import Service

    service = store.get(Service, "s-keuda")
    service.url = "javascript:alert(1)"
    store.add(service)
    store.commit()
    referral, _offer = open_case(app, "desk@door.fi", service="s-keuda")
    login(client, "desk@door.fi")
    receipt = client.get(f"/referrals/{referral}/receipt").text
    assert 'href="javascript' not in receipt
