"""Keeping the directory true: capacity by page and API, one-click confirmation, edits, the proposal after a
decline for lack of capacity, the weekly mail about unconfirmed services, and the directory's figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from routing.accounts.auth import create_token
from routing.core import db
from routing.core.clock import HELSINKI
from routing.directory.models import DirectoryEvent, Language, Service, ServiceArea, ServiceCapacity
from routing.figures.compute import Scope
from routing.figures.directory import services_confirmed, weeks_full
from routing.followup.reminders import ReminderSettings, run_pass
from routing.matcher.loading import current_router
from routing.matcher.router import RouteRequest
from tests.smtp_sink import smtp_server  # noqa: F401  (fixture)

from .conftest import csrf_token, login, open_case, user


def _token(app, email: str) -> str:
    with app.app_context(), db.transaction() as s:
        return create_token(s, user(s, email))


def _put(client, token: str, service_id: str, body) -> object:
    return client.put(
        f"/api/v1/services/{service_id}/capacity", json=body, headers={"Authorization": f"Bearer {token}"}
    )


def test_capacity_by_api_for_the_own_organisation_only(app, client, network, store):
    token = _token(app, "anna@ohjaamo.fi")
    answer = _put(client, token, "s-ohjaamo", {"capacity": "waitlist", "weeks": 3})
    assert answer.status_code == 200, answer.text
    assert answer.json["capacity"] == "waitlist" and answer.json["weeks"] == 3
    assert _put(client, _token(app, "kalle@keuda.fi"), "s-ohjaamo", {"capacity": "open"}).status_code == 403
    assert _put(client, token, "nope", {"capacity": "open"}).status_code == 404
    store.expire_all()
    row = store.get(ServiceCapacity, "s-ohjaamo")
    assert row is not None and (row.capacity, row.weeks) == ("waitlist", 3)
    events = store.exec(select(DirectoryEvent).where(DirectoryEvent.service_id == "s-ohjaamo")).all()
    assert [(e.kind, e.capacity, e.weeks) for e in events] == [("capacity", "waitlist", 3)]


def test_capacity_bad_input_is_400_naming_the_field(app, client, network):
    token = _token(app, "boss@ohjaamo.fi")
    cases = [
        ({"capacity": "waitlist", "weeks": -1}, "weeks"),
        ({"capacity": "full", "until": "2001-01-01"}, "until: 2001-01-01 is in the past"),
        ({"capacity": "waitlist"}, "weeks"),
        ({"capacity": "maybe"}, "capacity"),
        ({"capacity": "open", "until": "2030-01-01"}, "until"),
        ({"capacity": "full", "until": "next week"}, "until"),
    ]
    for body, said in cases:
        answer = _put(client, token, "s-ohjaamo", body)
        assert answer.status_code == 400, (body, answer.text)
        assert said in answer.json["error"]["message"], answer.json


def test_marking_full_on_the_page_moves_it_below_open_with_the_reason(app, client, network, store):
    with app.app_context(), db.transaction() as s:
        from routing.directory.models import Attribute, Taxonomy, TaxonomyTerm

        taxonomy = Taxonomy(name="eteinen-needs")
        s.add(taxonomy)
        s.flush()
        term = TaxonomyTerm(code="study-guidance", name="study-guidance", taxonomy_id=taxonomy.id)
        s.add(term)
        s.flush()
        for sid in ("s-ohjaamo", "s-keuda"):
            s.get(Service, sid).minimum_age = s.get(Service, sid).maximum_age = None
            s.add(Attribute(link_id=sid, taxonomy_term_id=term.id, link_entity="service"))
        from routing.directory.services import bump_version

        bump_version(s)
    question = RouteRequest("Tarvitsen opinto-ohjausta", municipality="245")
    with app.app_context():
        first = [c.service_id for c in current_router().route(question).candidates]
    assert first == ["s-ohjaamo", "s-keuda"]  # by name

    login(client, "boss@ohjaamo.fi")
    token = csrf_token(client, "/directory")
    answer = client.post(
        "/directory/services/s-ohjaamo/capacity",
        data={"csrf_token": token, "capacity": "full", "until": (date.today() + timedelta(days=30)).isoformat()},
    )
    assert answer.status_code == 302
    with app.app_context():
        current_router.__globals__["router_cache"]()._checked = 0.0  # look at the versions now, not in a second
        result = current_router().route(question)
    assert [c.service_id for c in result.candidates] == ["s-keuda", "s-ohjaamo"]
    assert any(r.startswith("täynnä") for r in result.candidates[1].reasons)
    page = client.get("/directory")
    assert "täynnä" in page.text


def test_confirm_in_one_click_and_checked_days_shown(app, client, network, store):
    login(client, "anna@ohjaamo.fi")
    page = client.get("/directory")
    assert "ei koskaan tarkistettu" in page.text or "never checked" in page.text
    assert "/directory/services/s-ohjaamo/confirm" in page.text
    assert "/directory/services/s-keuda/confirm" not in page.text  # not her organisation's
    answer = client.post("/directory/services/s-ohjaamo/confirm", data={"csrf_token": csrf_token(client, "/directory")})
    assert answer.status_code == 302
    store.expire_all()
    service = store.get(Service, "s-ohjaamo")
    assert service.assured_date == datetime.now(HELSINKI).date().isoformat()  # the network's day, not the machine's
    assert service.assurer_email == "anna@ohjaamo.fi"
    assert (
        client.post(
            "/directory/services/s-keuda/confirm", data={"csrf_token": csrf_token(client, "/directory")}
        ).status_code
        == 403
    )


def test_edit_own_service_and_bad_input_says_what(app, client, network, store):
    login(client, "boss@ohjaamo.fi")
    form = client.get("/directory/services/s-ohjaamo/edit")
    assert form.status_code == 200
    token = csrf_token(client, "/directory/services/s-ohjaamo/edit")
    data = {
        "csrf_token": token,
        "status": "active",
        "eligibility_description": "16–29-vuotiaat",
        "minimum_age": "16",
        "maximum_age": "29",
        "areas": "municipality:245\nregion:01",
        "languages": "fi, sv",
        "email": "ohjaamo@kerava.fi",
        "url": "",
        "phones": "040 123 4567",
    }
    assert client.post("/directory/services/s-ohjaamo/edit", data=data).status_code == 302
    store.expire_all()
    service = store.get(Service, "s-ohjaamo")
    assert (service.minimum_age, service.eligibility_description) == (16, "16–29-vuotiaat")
    areas = store.exec(select(ServiceArea.extent).where(ServiceArea.service_id == "s-ohjaamo")).all()
    assert sorted(areas) == ["municipality:245", "region:01"]
    assert sorted(store.exec(select(Language.code).where(Language.service_id == "s-ohjaamo")).all()) == ["fi", "sv"]
    bad = client.post(
        "/directory/services/s-ohjaamo/edit", data={**data, "areas": "municipality:999", "minimum_age": "40"}
    )
    assert bad.status_code == 400
    assert "999" in bad.text and "40" in bad.text
    assert client.get("/directory/services/s-keuda/edit").status_code == 403


def test_decline_for_no_capacity_proposes_marking_full(app, client, network):
    _referral, offer_id = open_case(app, "desk@door.fi", service="s-ohjaamo")
    login(client, "anna@ohjaamo.fi")
    token = csrf_token(client, "/inbox")
    answer = client.post(f"/offers/{offer_id}/decline", data={"csrf_token": token, "reason": "no-capacity"})
    assert answer.status_code == 302 and "propose_full=s-ohjaamo" in answer.headers["Location"]
    page = client.get(answer.headers["Location"])
    assert 'class="notice propose-full"' in page.text


def test_weekly_pass_mails_org_admins_about_unconfirmed_services_once(app, network, store, smtp_server, engine):  # noqa: F811
    url, sink = smtp_server
    app.config["SMTP_URL"] = url
    settings = ReminderSettings.from_config(app.config, app.instance_path)
    assert settings.assure_days == 180
    now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    with db.transaction(engine) as s:
        s.get(Service, "s-keuda").assured_date = (now.date() - timedelta(days=10)).isoformat()  # fresh
    first = run_pass(engine, settings, now=now)
    assert first.assure_mails == 1
    assert [m["To"] for m in sink.messages] == ["boss@ohjaamo.fi"]  # the org-admin; keuda has none, far's are not
    body = sink.messages[0].get_content()
    assert "Ohjaamon ohjaus" in body and "/directory/services/s-ohjaamo/edit" in body
    again = run_pass(engine, settings, now=now + timedelta(hours=2))
    assert again.assure_mails == 0 and len(sink.messages) == 1
    next_week = run_pass(engine, settings, now=now + timedelta(days=7))
    assert next_week.assure_mails == 1


def test_figures_share_confirmed_and_weeks_full(app, network, engine):
    now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    with db.transaction(engine) as s:
        s.get(Service, "s-ohjaamo").assured_date = "2026-06-01"
        anna = user(s, "anna@ohjaamo.fi")
        s.add(
            DirectoryEvent(
                at=now - timedelta(days=20), service_id="s-ohjaamo", actor_id=anna.id, kind="capacity", capacity="full"
            )
        )
        s.add(
            DirectoryEvent(
                at=now - timedelta(days=13), service_id="s-ohjaamo", actor_id=anna.id, kind="capacity", capacity="open"
            )
        )
        s.add(
            DirectoryEvent(
                at=now - timedelta(days=7), service_id="s-keuda", actor_id=anna.id, kind="capacity", capacity="full"
            )
        )
    scope = Scope(date(2026, 1, 1), date(2026, 12, 31))
    with db.new_session(bind=engine) as s:
        assert services_confirmed(s, scope) == {"active": 2, "confirmed": 1, "share": 0.5}
        weeks = {w["service_id"]: w["weeks"] for w in weeks_full(s, scope, now)}
    assert weeks == {"s-ohjaamo": 1.0, "s-keuda": 1.0}


def test_target_groups_are_shown_not_taken_for_needs(app, client, network):
    from routing.directory.models import Attribute, Taxonomy, TaxonomyTerm
    from routing.directory.services import list_services

    with app.app_context(), db.transaction() as s:
        groups = Taxonomy(name="eteinen-target-groups")
        s.add(groups)
        s.flush()
        term = TaxonomyTerm(code="immigrants", name="Maahanmuuttajat", taxonomy_id=groups.id)
        s.add(term)
        s.flush()
        s.add(Attribute(link_id="s-keuda", taxonomy_term_id=term.id, link_entity="service"))
    with app.app_context():
        _total, services = list_services(db.read_session())
    assert next(x for x in services if x.id == "s-keuda").needs == []
    login(client, "desk@door.fi")
    assert "Kohderyhmät:</strong> maahan muuttaneet" in client.get("/directory").text
    assert "people who moved" not in client.get("/directory?lang=en").text
    assert "immigrants" in client.get("/directory?lang=en").text
