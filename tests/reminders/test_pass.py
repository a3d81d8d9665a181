"""The weekly pass: who is reminded of what, in which language, once per referral, kind and week."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from routing.accounts.models import User
from routing.core.clock import utcnow
from routing.followup.models import Reminder, ReminderMail, ReminderPass
from routing.followup.reminders import (
    ReminderSettings,
    Schedule,
    ScheduleError,
    iso_week,
    pass_due,
    reminder_state,
    run_pass,
)
from routing.referrals.models import Event
from tests.histories import CONTACT, QUESTION, build_network, days_ago


def settings_of(app) -> ReminderSettings:
    return ReminderSettings.from_config(app.config, app.instance_path)


@pytest.fixture
def smtp_app(app, smtp_server):
    url, sink = smtp_server
    app.config["SMTP_URL"] = url
    return app, sink


def _recipients(sink) -> list[str]:
    return sorted(r for _, rcpts in sink.envelopes for r in rcpts)


def _assert_private(text: str) -> None:
    for secret in ("Meikäläinen", "040 123", "velkojen", "matti.meikalainen", QUESTION, CONTACT):
        assert secret not in text


def test_open_referral_reminds_contact_person_and_holder_admins_once(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    referral = net.open()

    report = run_pass(engine, settings_of(app))
    assert report.created == {"open": 1, "offer-pending": 0, "no-followup": 0}
    assert report.mails_sent == 2 and report.reminders_sent == 1
    assert _recipients(sink) == ["admin@kirjasto.example.fi", "desk@kirjasto.example.fi"]

    by_to = {m["To"]: m for m in sink.messages}
    finnish = by_to["desk@kirjasto.example.fi"]
    swedish = by_to["admin@kirjasto.example.fi"]
    link = f"http://127.0.0.1:5000/referrals/{referral.id}"
    assert "Avoimet lähetteet" in finnish.get_content() and link in finnish.get_content()
    assert "Öppna remisser" in swedish.get_content() and link in swedish.get_content()
    assert finnish["Subject"].startswith("Eteinen: 1 lähetettä")
    for m in sink.messages:
        _assert_private(m.as_string())
        _assert_private(m.get_content())

    # again the same week: nothing new, nothing sent twice
    again = run_pass(engine, settings_of(app))
    assert sum(again.created.values()) == 0 and again.mails_sent == 0
    assert len(sink.messages) == 2
    rows = session.exec(select(Reminder)).all()
    assert [(r.kind, reminder_state(session.get(ReminderPass, r.pass_id)), r.week) for r in rows] == [
        ("open", "sent", iso_week(utcnow(), settings_of(app).schedule.tz))
    ]


def test_next_week_reminds_again(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    net.open()
    run_pass(engine, settings_of(app))
    next_week = run_pass(engine, settings_of(app), now=utcnow() + timedelta(days=7))
    assert next_week.created["open"] == 1 and next_week.mails_sent == 2
    assert len(sink.messages) == 4
    weeks = sorted(r.week for r in session.exec(select(Reminder)).all())
    assert len(set(weeks)) == 2


def test_one_mail_per_person_lists_all_their_referrals(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    referrals = [net.open() for _ in range(3)]
    run_pass(engine, settings_of(app))
    assert len(sink.messages) == 2
    body = sink.to("desk@kirjasto.example.fi")[0].get_content()
    for r in referrals:
        assert f"/referrals/{r.id}" in body


def test_long_lists_are_cut_with_a_link_to_the_inbox(smtp_app, engine, session, monkeypatch):
    import routing.followup.reminders as reminders

    monkeypatch.setattr(reminders, "MAX_LISTED", 2)
    app, sink = smtp_app
    net = build_network(app)
    for _ in range(5):
        net.open()
    run_pass(engine, settings_of(app))
    body = sink.to("desk@kirjasto.example.fi")[0].get_content()
    assert body.count("/referrals/") == 2
    assert "…ja 3 muuta: http://127.0.0.1:5000/inbox" in body
    assert sink.to("desk@kirjasto.example.fi")[0]["Subject"].startswith("Eteinen: 5 lähetettä")


def test_offer_pending_reminds_receiver_and_holder_after_the_set_days(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    fresh = net.open(at=days_ago(2))
    net.offer(fresh, net.ohjaamo_service, at=days_ago(2))
    old = net.open(at=days_ago(4))
    net.offer(old, net.ohjaamo_service, at=days_ago(4))

    report = run_pass(engine, settings_of(app))
    assert report.created == {"open": 0, "offer-pending": 1, "no-followup": 0}
    # the receiving organisation's counsellors and admins, and the holder's contact person and admins
    assert _recipients(sink) == [
        "admin@kirjasto.example.fi",
        "admin@ohjaamo.example.fi",
        "desk@kirjasto.example.fi",
        "ohjaaja@ohjaamo.example.fi",
    ]
    english = sink.to("admin@ohjaamo.example.fi")[0].get_content()
    assert "Offered referrals with no answer for 3 days" in english
    assert f"/referrals/{old.id}" in english and f"/referrals/{fresh.id}" not in english
    assert "Ohjaamo Kerava" in english


def test_offer_to_a_ring_reminds_every_member(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    r = net.open(at=days_ago(5))
    net.offer(r, net.ring, at=days_ago(5))
    run_pass(engine, settings_of(app))
    rcpts = _recipients(sink)
    assert "opo@keuda.example.fi" in rcpts and "ohjaaja@ohjaamo.example.fi" in rcpts
    assert "admin@muu.example.fi" not in rcpts
    # a user without a language gets Finnish
    assert "Tarjotut lähetteet" in sink.to("opo@keuda.example.fi")[0].get_content()
    assert "Puhelinrengas" in sink.to("opo@keuda.example.fi")[0].get_content()


def test_no_followup_reminds_the_owner_unless_something_was_recorded(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    quiet = net.open(at=days_ago(11))
    net.accept(net.offer(quiet, net.ohjaamo_service, at=days_ago(10)), net.ohjaamo_counsellor, at=days_ago(9))
    noted = net.open(at=days_ago(11))
    net.accept(net.offer(noted, net.ohjaamo_service, at=days_ago(10)), net.ohjaamo_counsellor, at=days_ago(9))
    net.note(noted, net.ohjaamo_counsellor, "soitettu", at=days_ago(2))
    recent = net.open(at=days_ago(3))
    net.accept(net.offer(recent, net.ohjaamo_service, at=days_ago(3)), net.ohjaamo_counsellor, at=days_ago(2))

    report = run_pass(engine, settings_of(app))
    assert report.created == {"open": 0, "offer-pending": 0, "no-followup": 1}
    assert _recipients(sink) == ["ohjaaja@ohjaamo.example.fi"]
    body = sink.messages[0].get_content()
    assert f"/referrals/{quiet.id}" in body and f"/referrals/{noted.id}" not in body
    assert "Omat asiakkuutesi" in body

    # the reminder's own event does not count as follow-up: next week it is reminded again
    next_week = run_pass(engine, settings_of(app), now=utcnow() + timedelta(days=7))
    assert next_week.created["no-followup"] == 3  # by then the other two are quiet as well


def test_closed_referrals_and_inactive_people_get_nothing(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    net.close(net.open(), net.desk, "client-withdrew")
    other = net.open()
    desk = session.get(User, net.desk.id)
    desk.active = False
    session.add(desk)
    session.commit()
    report = run_pass(engine, settings_of(app))
    assert report.created["open"] == 1
    assert _recipients(sink) == ["admin@kirjasto.example.fi"]
    assert f"/referrals/{other.id}" in sink.messages[0].get_content()


def test_reminders_are_kept_as_rows_not_as_history_events(smtp_app, engine, session):
    app, _ = smtp_app
    net = build_network(app)
    r = net.open()
    run_pass(engine, settings_of(app))
    run_pass(engine, settings_of(app))
    kinds = [e.kind for e in session.exec(select(Event).where(Event.referral_id == r.id).order_by(Event.id))]
    assert kinds == ["opened"]  # a reminder changes no state
    [reminder] = session.exec(select(Reminder).where(Reminder.referral_id == r.id)).all()
    assert reminder.kind == "open" and reminder_state(session.get(ReminderPass, reminder.pass_id)) == "sent"


def test_folder_mail_when_no_smtp(app, engine, session):
    net = build_network(app)
    net.open()
    run_pass(engine, settings_of(app))
    run_pass(engine, settings_of(app))
    folder = app.instance_path + "/outbox-mail"
    import pathlib

    files = sorted(pathlib.Path(folder).glob("*.eml"))
    assert len(files) == 2
    assert not list(pathlib.Path(folder).glob(".tmp-*"))


def test_pass_bookkeeping(smtp_app, engine, session):
    app, _ = smtp_app
    net = build_network(app)
    net.open()
    run_pass(engine, settings_of(app))
    p = session.exec(select(ReminderPass)).one()
    assert p.finished_at is not None and p.reminders == 1 and p.mails_sent == 2
    mails = session.exec(select(ReminderMail)).all()
    assert {m.state for m in mails} == {"sent"} and all(m.attempts == 1 for m in mails)


# --- the schedule and catch-up ----------------------------------------------


HELSINKI_MONDAY_0800 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # 08:00 EET


def test_schedule_parsing():
    s = Schedule.parse("mon 08:00 Europe/Helsinki")
    assert (s.day_of_week, s.hour, s.minute, s.tz.key) == ("mon", 8, 0, "Europe/Helsinki")
    assert Schedule.parse("fri 16:30").tz.key == "Europe/Helsinki"
    assert s.last_due(HELSINKI_MONDAY_0800 + timedelta(days=2)) == HELSINKI_MONDAY_0800
    assert s.last_due(HELSINKI_MONDAY_0800) == HELSINKI_MONDAY_0800
    assert s.last_due(HELSINKI_MONDAY_0800 - timedelta(seconds=1)) == HELSINKI_MONDAY_0800 - timedelta(days=7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("monday", "expected"),
        ("mon 8.00", "not HH:MM"),
        ("mon 25:00", "not HH:MM"),
        ("mon 08:00 Mars/Olympus", "unknown time zone"),
        ("xyz 08:00", "days 'xyz'"),
    ],
)
def test_bad_schedule_says_what_is_wrong(text, message):
    with pytest.raises(ScheduleError, match=message):
        Schedule.parse(text)


def test_week_is_counted_in_the_schedule_time_zone():
    tz = Schedule.parse("mon 08:00 Europe/Helsinki").tz
    # Sunday 23:30 UTC is already Monday in Helsinki
    assert iso_week(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), tz) == "2026-W10"
    assert iso_week(datetime(2026, 3, 1, 21, 30, tzinfo=UTC), tz) == "2026-W09"


def test_catch_up_is_due_once_after_a_missed_monday(app, engine, session):
    s = settings_of(app)
    wednesday = HELSINKI_MONDAY_0800 + timedelta(days=2)
    assert pass_due(engine, s, now=wednesday) == HELSINKI_MONDAY_0800
    build_network(app)
    run_pass(engine, s, now=wednesday)
    assert pass_due(engine, s, now=wednesday + timedelta(hours=1)) is None
    # a pass before Monday's time does not count for that Monday
    assert pass_due(engine, s, now=wednesday + timedelta(days=5)) == HELSINKI_MONDAY_0800 + timedelta(days=7)


def test_reminder_rows_of_weeks_long_past_are_forgotten(smtp_app, engine, session):
    from routing.followup.reminders import KEEP_WEEKS, prune

    app, sink = smtp_app
    net = build_network(app)
    long_ago = utcnow() - timedelta(weeks=KEEP_WEEKS + 1)
    net.open(at=long_ago)
    run_pass(engine, settings_of(app), now=long_ago)
    run_pass(engine, settings_of(app))
    assert len(session.exec(select(Reminder)).all()) == 2
    assert prune(engine) == 1
    [kept] = session.exec(select(Reminder)).all()
    assert kept.week == iso_week(utcnow(), settings_of(app).schedule.tz)
    # this week's row still keeps the reminder once
    run_pass(engine, settings_of(app))
    assert len(sink.messages) == 4  # two people, two weeks
