"""Retention: closed referrals are anonymised once they are RETENTION_DAYS old, exactly once, resumably."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlmodel import select

import routing.privacy.operations as privacy
from routing.cli import cli
from routing.core import db
from routing.core.clock import utcnow
from routing.referrals.models import Event, Referral

from ..histories import History


@pytest.fixture
def aged(app):  # type: ignore[no-untyped-def]
    """Five referrals closed 400 days ago, one closed 10 days ago, one open for 500 days."""
    now = utcnow()
    with app.app_context():
        with db.transaction() as s:
            h = History(s)
            door = h.org("Ohjaamo")
            old = []
            for i in range(5):
                ref = h.referral(now - timedelta(days=420 + i), door)
                h.close(ref, now - timedelta(days=400 + i), "served")
                old.append(ref.id)
            recent = h.referral(now - timedelta(days=30), door)
            h.close(recent, now - timedelta(days=10), "no-contact")
            still_open = h.referral(now - timedelta(days=500), door)
        yield {"old": old, "recent": recent.id, "open": still_open.id}


def stored(app) -> dict[str, Referral]:  # type: ignore[no-untyped-def]
    with app.app_context(), db.new_session(read_only=True) as s:
        return {r.id: r for r in s.exec(select(Referral))}


def erased_events(app) -> list[str]:  # type: ignore[no-untyped-def]
    with app.app_context(), db.new_session(read_only=True) as s:
        return sorted(e.referral_id for e in s.exec(select(Event).where(Event.kind == "erased")))


def test_retention_anonymises_old_closed_referrals_exactly_once(app, aged, caplog) -> None:
    with app.app_context(), caplog.at_level(logging.INFO, logger="routing.privacy.operations"):
        report = privacy.run_retention(365, batch_size=2)
    assert (report.anonymised, report.batches) == (5, 3)
    refs = stored(app)
    for rid in aged["old"]:
        assert refs[rid].question is None and refs[rid].client_contact is None and refs[rid].erased_at is not None
    assert refs[aged["recent"]].question is not None and refs[aged["recent"]].erased_at is None
    assert refs[aged["open"]].question is not None
    assert erased_events(app) == sorted(aged["old"])
    assert "retention: 5 referrals closed before" in caplog.text

    with app.app_context():
        again = privacy.run_retention(365, batch_size=2)
    assert (again.anonymised, again.batches) == (0, 0)
    assert erased_events(app) == sorted(aged["old"])
    with app.app_context(), db.new_session(read_only=True) as s:
        event = s.exec(select(Event).where(Event.kind == "erased")).first()
    assert event is not None and event.reason == "retention" and event.actor_id is None


def test_a_crash_midway_loses_only_the_batch_under_way(app, aged, monkeypatch) -> None:
    real = privacy.anonymise
    calls = {"n": 0}

    def crashing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 4:  # in the second batch, after one of its referrals was done
            raise RuntimeError("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(privacy, "anonymise", crashing)
    with app.app_context(), pytest.raises(RuntimeError):
        privacy.run_retention(365, batch_size=2)
    done = [rid for rid, r in stored(app).items() if r.erased_at is not None]
    assert len(done) == 2  # the first batch only: the second rolled back whole
    assert len(erased_events(app)) == 2

    monkeypatch.setattr(privacy, "anonymise", real)
    with app.app_context():
        report = privacy.run_retention(365, batch_size=2)
    assert report.anonymised == 3
    assert erased_events(app) == sorted(aged["old"])  # each once


def test_retention_command(runner, app, aged) -> None:
    dry = runner.invoke(cli, ["retention"])
    assert dry.exit_code == 0
    assert "5 closed referral(s) are older than 365 days; run with --now" in dry.output
    assert erased_events(app) == []
    app.config["RETENTION_DAYS"] = 5
    done = runner.invoke(cli, ["retention", "--now"])
    assert done.exit_code == 0, done.output
    assert "6 closed referral(s) older than 5 days anonymised" in done.output
    assert runner.invoke(cli, ["retention", "--now"]).output.startswith("0 closed referral(s)")


def test_the_weekly_scheduler_pass_runs_retention(app, aged) -> None:
    from routing.followup.scheduler import FollowUpScheduler

    said: list[str] = []
    FollowUpScheduler(app, say=said.append).retention()
    assert erased_events(app) == sorted(aged["old"])
    assert said == ["retention: 5 closed referral(s) anonymised"]
    FollowUpScheduler(app, say=said.append).retention()  # nothing more to do, nothing said
    assert len(said) == 1
