"""One active scheduler at a time, take-over when it dies, catch-up after a missed Monday."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from routing.core.clock import utcnow
from routing.core.locks import DatabaseLock
from routing.followup.models import ReminderPass
from routing.followup.scheduler import FollowUpScheduler
from tests.histories import build_network


def wait_for(predicate, timeout: float = 20.0, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError("timed out waiting")


# --- the lock ---------------------------------------------------------------


def test_lock_is_exclusive_and_released(engine):
    a = DatabaseLock(engine, "t", ttl=timedelta(seconds=30))
    b = DatabaseLock(engine, "t", ttl=timedelta(seconds=30))
    assert a.try_acquire()
    assert not b.try_acquire()
    assert a.renew()
    assert DatabaseLock(engine, "other").try_acquire()  # names are independent
    a.release()
    assert b.try_acquire()
    assert not a.try_acquire()
    b.release()


def test_a_dead_holder_is_taken_over(engine):
    a = DatabaseLock(engine, "t", ttl=timedelta(seconds=30))
    b = DatabaseLock(engine, "t", ttl=timedelta(seconds=30))
    assert a.try_acquire()
    assert not b.try_acquire()
    if engine.dialect.name == "postgresql":
        # the holder's connection dies: the advisory lock goes with it (the server ends it soon, not at once)
        pid = a._conn.execute(text("SELECT pg_backend_pid()")).scalar()
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        assert wait_for(b.try_acquire, timeout=5)
    else:
        # the holder renews no more: its lease is still good just before it runs out, and taken over after
        assert not b.try_acquire(now=utcnow() + timedelta(seconds=29))
        assert b.try_acquire(now=utcnow() + timedelta(seconds=31))
    assert not a.renew()  # the old holder learns it lost the lock
    b.release()


# --- the scheduler in this process ------------------------------------------


def _start(app, **kw) -> tuple[FollowUpScheduler, threading.Thread, list[str]]:
    said: list[str] = []
    fs = FollowUpScheduler(app, lease_ttl=timedelta(seconds=2), poll=0.2, relay_every=0.5, say=said.append, **kw)
    thread = threading.Thread(target=fs.run, daemon=True)
    thread.start()
    return fs, thread, said


def test_catch_up_runs_the_missed_pass_once_and_a_restart_does_not_repeat_it(app, engine, session):
    net = build_network(app)
    net.open()
    outbox = Path(app.instance_path) / "outbox-mail"

    fs, thread, said = _start(app)
    wait_for(lambda: session.exec(select(ReminderPass).where(ReminderPass.finished_at.is_not(None))).first())
    jobs = {job.id: job for job in fs._scheduler.get_jobs()}
    weekly = jobs["weekly-reminders"]
    # late is better than never, and several missed runs become one
    assert weekly.misfire_grace_time is None and weekly.coalesce is True and weekly.max_instances == 1
    assert str(weekly.trigger) == "cron[day_of_week='mon', hour='8', minute='0']"
    fs.stop()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert any("catching up" in line for line in said)
    assert len(list(outbox.glob("*.eml"))) == 2

    fs2, thread2, said2 = _start(app)
    # running: its jobs are set, the catch-up among them had it been due
    jobs2 = wait_for(lambda: fs2._scheduler is not None and fs2._scheduler.running and fs2._scheduler.get_jobs())
    assert "weekly-reminders" in {job.id for job in jobs2} and "catch-up" not in {job.id for job in jobs2}
    fs2.stop()
    thread2.join(timeout=10)
    assert not any("catching up" in line for line in said2)
    session.expire_all()
    assert len(session.exec(select(ReminderPass)).all()) == 1
    assert len(list(outbox.glob("*.eml"))) == 2


def test_bad_schedule_is_refused_with_exit_2(app, runner):
    from routing.cli import cli

    app.config["REMINDER_SCHEDULE"] = "every monday"
    result = runner.invoke(cli, ["scheduler"])
    assert result.exit_code == 2 and "REMINDER_SCHEDULE" in result.output


# --- two scheduler processes --------------------------------------------------

SCHEDULER = textwrap.dedent(
    """
    import logging, sys
    from datetime import timedelta
    from routing import create_app
    from routing.followup.scheduler import FollowUpScheduler
    logging.basicConfig(stream=sys.stdout, level=logging.WARNING)
    app = create_app({"WEBHOOK_ALLOW_PRIVATE": True})
    FollowUpScheduler(app, lease_ttl=timedelta(seconds=1.5), poll=0.2, relay_every=0.3,
                      say=lambda line: print(line, flush=True)).run()
    """
)


class Proc:
    def __init__(self, env: dict[str, str]) -> None:
        self.lines: list[str] = []
        self.p = subprocess.Popen(
            [sys.executable, "-c", SCHEDULER], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.p.stdout is not None
        for line in self.p.stdout:
            self.lines.append(line.rstrip())

    def said(self, words: str) -> bool:
        return any(words in line for line in self.lines)

    def kill(self) -> None:
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait(timeout=10)


@pytest.mark.slow
def test_two_schedulers_one_active_and_the_other_takes_over(app, engine, session, cli_env, receiver):
    from routing.outbox.endpoints import create_endpoint

    net = build_network(app)
    create_endpoint(session, net.front_door.id, receiver.url, ["referral.opened", "referral.accepted"],
                    created_by_id=None, allow_private=True)  # fmt: skip
    session.commit()
    r = net.open()
    outbox = Path(app.instance_path) / "outbox-mail"

    first = Proc(cli_env)
    try:
        wait_for(lambda: first.said("scheduler active"))
        second = Proc(cli_env)
        try:
            wait_for(lambda: second.said("waiting to take over"))
            # the active one caught up the week's pass and relayed the event
            wait_for(lambda: len(list(outbox.glob("*.eml"))) == 2 and len(receiver.requests) == 1)
            assert not second.said("scheduler active")

            first.kill()  # no goodbye: the lock must be freed by the database
            wait_for(lambda: second.said("scheduler active"), timeout=15)
            net.accept(net.offer(r, net.ohjaamo_service), net.ohjaamo_counsellor)
            wait_for(lambda: len(receiver.requests) == 2)
            assert [req.json()["type"] for req in receiver.requests] == ["referral.opened", "referral.accepted"]
            # its relay has said so: what it says before its jobs start (a catch-up) was said before that
            wait_for(lambda: second.said("webhooks: delivered 1"))
            assert not second.said("catching up")
            assert len(list(outbox.glob("*.eml"))) == 2  # nothing sent twice
            session.expire_all()
            assert len(session.exec(select(ReminderPass)).all()) == 1

            second.p.send_signal(signal.SIGTERM)
            assert second.p.wait(timeout=15) == 0
            wait_for(lambda: second.said("scheduler stopped"), timeout=5)
        finally:
            second.kill()
    finally:
        first.kill()
    assert len(receiver.requests) == 2


def test_scheduler_command_runs_and_stops_on_sigterm(cli_env, app):
    env = {**cli_env, "PYTHONUNBUFFERED": "1"}
    p = subprocess.Popen([sys.executable, "-m", "routing", "scheduler"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert p.stderr is not None
        os.set_blocking(p.stderr.fileno(), True)
        line = p.stderr.readline()
        assert "scheduler active" in line or "another scheduler" in line, line
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=15) == 0
    finally:
        if p.poll() is None:
            p.kill()


def test_a_stop_while_a_job_is_being_submitted_does_not_deadlock(app):
    """SIGTERM's handler runs in the main thread, maybe inside the scheduler while it submits a job and
    holds its pool's lock; the stop must not wait for that lock in the same thread."""
    from apscheduler.schedulers.background import BackgroundScheduler

    follow_up = FollowUpScheduler(app)
    scheduler = BackgroundScheduler()
    scheduler.start()
    follow_up._scheduler = scheduler
    pool = scheduler._executors["default"]._pool  # the lock ThreadPoolExecutor.submit and shutdown take
    returned = threading.Event()

    def signal_during_submit() -> None:
        with pool._shutdown_lock:
            follow_up.stop()
        returned.set()

    threading.Thread(target=signal_during_submit, daemon=True).start()
    assert returned.wait(5), "stop() waited for a lock its own thread holds"
    wait_for(lambda: not scheduler.running, timeout=5)
    assert follow_up.stopping.is_set()


def test_a_stop_that_races_the_loop_ends_the_run_cleanly(app, monkeypatch):
    """APScheduler's shutdown from another thread marks the scheduler stopped before it takes the job
    stores' lock, so the loop, having just handed a one-off job to its pool, finds that job gone when it
    removes it. That is the stop at work: run() must end as after any stop, not with an exception
    (``eteinen scheduler`` exited 1 on SIGTERM now and then)."""
    from apscheduler.executors.pool import ThreadPoolExecutor

    import routing.followup.scheduler as module

    monkeypatch.setattr(module, "pass_due", lambda *_: utcnow())  # a catch-up: a one-off job
    follow_up = FollowUpScheduler(app, say=lambda _words: None)
    submit = ThreadPoolExecutor.submit_job

    def submit_then_stop(executor, job, run_times):  # type: ignore[no-untyped-def]
        submit(executor, job, run_times)
        if job.id == "catch-up":
            scheduler = follow_up._scheduler
            follow_up.stop()  # as SIGTERM's handler does
            wait_for(lambda: not scheduler.running, timeout=5)  # marked stopped; its lock still ours

    monkeypatch.setattr(ThreadPoolExecutor, "submit_job", submit_then_stop)
    failed: list[BaseException] = []

    def run() -> None:
        try:
            follow_up.run()
        except BaseException as exc:
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "run() did not end after the stop"
    assert failed == []
