"""Crashes and outages in the middle of a pass: every reminder still goes once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlmodel import select

from routing.core.clock import utcnow
from routing.core.mail import open_mailer
from routing.followup.models import Reminder, ReminderMail, ReminderPass
from routing.followup.reminders import PassIncomplete, reminder_state, run_pass
from tests.histories import build_network
from tests.reminders.test_pass import settings_of


class Crash(BaseException):
    """Stands for the process dying: nothing catches it, no bookkeeping after it."""


def crashing_mailer(after: int):
    """A mailer factory that hands over ``after`` messages, then dies on the next."""

    @contextmanager
    def factory(settings):
        with open_mailer(settings.smtp_url, settings.mail_folder) as real:
            sent = 0

            class Dying:
                sender = real.sender

                def send(self, message):
                    nonlocal sent
                    if sent >= after:
                        raise Crash()
                    real.send(message)
                    sent += 1

            yield Dying()

    return factory


@pytest.fixture
def smtp_app(app, smtp_server):
    url, sink = smtp_server
    app.config["SMTP_URL"] = url
    return app, sink


def _counts(sink) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, rcpts in sink.envelopes:
        for r in rcpts:
            out[r] = out.get(r, 0) + 1
    return out


def _reminder_states(session) -> list[str]:
    """Each reminder's state (kept by its pass), oldest week first."""
    rows = session.exec(select(Reminder).order_by(Reminder.week, Reminder.id)).all()
    return [reminder_state(session.get(ReminderPass, r.pass_id)) for r in rows]


def test_crash_between_reminder_rows_and_sending(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    net.open()
    with pytest.raises(Crash):
        run_pass(engine, settings_of(app), mailer=crashing_mailer(after=0))
    assert sink.messages == []
    # the rows were written before the send, and say what is unfinished
    assert _reminder_states(session) == ["sending"]
    assert session.exec(select(ReminderPass)).one().finished_at is None

    report = run_pass(engine, settings_of(app))
    assert report.resumed == 1 and report.mails_sent == 2
    assert _counts(sink) == {"desk@kirjasto.example.fi": 1, "admin@kirjasto.example.fi": 1}
    session.expire_all()
    assert _reminder_states(session) == ["sent"]
    # and again: nothing more
    run_pass(engine, settings_of(app))
    assert len(sink.messages) == 2


def test_crash_between_two_mails_sends_neither_twice(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    net.open()
    with pytest.raises(Crash):
        run_pass(engine, settings_of(app), mailer=crashing_mailer(after=1))
    assert len(sink.messages) == 1
    first = sink.envelopes[0][1][0]

    report = run_pass(engine, settings_of(app))
    assert report.mails_sent == 1
    assert _counts(sink) == {"desk@kirjasto.example.fi": 1, "admin@kirjasto.example.fi": 1}
    assert sink.envelopes[1][1][0] != first


def test_smtp_down_keeps_the_pass_and_a_later_run_finishes_it(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    net.open()
    sink.refuse = True
    with pytest.raises(PassIncomplete, match="resumes"):
        run_pass(engine, settings_of(app))
    assert sink.messages == []
    mails = session.exec(select(ReminderMail).order_by(ReminderMail.user_id)).all()
    # both rows were written before the first try; the first says why it did not go
    assert [m.state for m in mails] == ["sending", "sending"]
    assert "451" in (mails[0].error or "") and mails[0].attempts == 1 and mails[1].attempts == 0

    sink.refuse = False
    report = run_pass(engine, settings_of(app), create=False)
    assert report.resumed == 1 and report.mails_sent == 2
    run_pass(engine, settings_of(app))
    assert len(sink.messages) == 2


def test_a_refused_address_does_not_hold_up_the_others(smtp_app, engine, session):
    app, sink = smtp_app
    sink.unknown.add("desk@kirjasto.example.fi")
    net = build_network(app)
    net.open()
    report = run_pass(engine, settings_of(app))
    assert report.mails_sent == 1 and report.mails_failed == 1
    assert _counts(sink) == {"admin@kirjasto.example.fi": 1}
    states = {m.user_id: m.state for m in session.exec(select(ReminderMail)).all()}
    assert states[net.desk.id] == "failed" and states[net.library_admin.id] == "sent"
    # a failed address is not retried on every run
    run_pass(engine, settings_of(app), create=False)
    assert len(sink.messages) == 1


def test_unfinished_pass_of_an_earlier_week_is_superseded(smtp_app, engine, session):
    app, sink = smtp_app
    net = build_network(app)
    net.open()
    with pytest.raises(Crash):
        run_pass(engine, settings_of(app), mailer=crashing_mailer(after=0))
    report = run_pass(engine, settings_of(app), now=utcnow() + timedelta(days=7))
    assert report.resumed == 1
    # one mail each, for the new week only
    assert _counts(sink) == {"desk@kirjasto.example.fi": 1, "admin@kirjasto.example.fi": 1}
    assert _reminder_states(session) == ["superseded", "sent"]


def test_a_killed_process_is_resumed_once(smtp_app, engine, session, cli_env):
    """A real crash: the pass runs in another process that dies (os._exit) after its first mail."""
    app, sink = smtp_app
    net = build_network(app)
    net.open()
    net.open()
    script = textwrap.dedent(
        """
        import os
        from contextlib import contextmanager
        from datetime import timedelta
        from routing import create_app
        from routing.core.mail import open_mailer
        from routing.followup.reminders import ReminderSettings, run_pass

        app = create_app({"SMTP_URL": os.environ["SMTP_URL"]})
        settings = ReminderSettings.from_config(app.config, app.instance_path)

        @contextmanager
        def dying(settings):
            with open_mailer(settings.smtp_url, settings.mail_folder) as real:
                class Once:
                    sender = real.sender
                    sent = 0
                    def send(self, message):
                        if Once.sent == 1:
                            os._exit(9)  # no cleanup at all: lock, rows, connection just left
                        real.send(message)
                        Once.sent += 1
                yield Once()

        run_pass(app.extensions["eteinen.engine"], settings, mailer=dying, lease=timedelta(seconds=1))
        """
    )
    env = {**cli_env, "SMTP_URL": app.config["SMTP_URL"]}
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    assert len(sink.messages) == 1

    # the dead process's lock runs out (SQLite lease) or went with its connection (PostgreSQL)
    report = run_pass(engine, settings_of(app), wait=10)
    assert report.resumed == 1
    assert _counts(sink) == {"desk@kirjasto.example.fi": 1, "admin@kirjasto.example.fi": 1}
    # each mail lists both referrals
    for m in sink.messages:
        assert m.get_content().count("/referrals/") == 2
