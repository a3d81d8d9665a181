"""The follow-up scheduler process: the weekly reminder pass, the webhook relay and the rings' mailboxes.

Only one scheduler is active at a time, held by a database lock
(PostgreSQL advisory lock; a renewed lease row on SQLite). Others wait
and take over when the active one stops or dies, so starting one beside
every web server, or twice by mistake, never runs anything twice.

The weekly job has no misfire limit and coalesces, so a scheduler that
was busy or asleep at the hour runs the pass once when it can; a
scheduler that was not running at all catches up at start (when this
week's scheduled time has passed and no pass has run since).
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from routing.core import heartbeat
from routing.core.clock import utcnow
from routing.core.locks import DatabaseLock, LockBusy
from routing.followup.reminders import KEEP_WEEKS, PassIncomplete, ReminderSettings, expire_offers, pass_due, run_pass
from routing.followup.reminders import prune as prune_reminders
from routing.outbox.relay import prune, relay_once
from routing.privacy.operations import run_retention

log = logging.getLogger("eteinen.scheduler")

LOCK_NAME = "scheduler"
LEASE_TTL = timedelta(seconds=30)
RELAY_EVERY = 5.0  # seconds
RESUME_EVERY = 300.0  # an unfinished pass (SMTP was down) is retried this often


class FollowUpScheduler:
    """Waits for the scheduler lock, then runs the jobs until stopped or the lock is lost."""

    def __init__(
        self,
        app: Flask,
        *,
        lease_ttl: timedelta = LEASE_TTL,
        poll: float = 5.0,
        relay_every: float = RELAY_EVERY,
        resume_every: float = RESUME_EVERY,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.app = app
        self.engine = app.extensions["eteinen.engine"]
        self.settings = ReminderSettings.from_config(app.config, app.instance_path)
        self.lock = DatabaseLock(self.engine, LOCK_NAME, ttl=lease_ttl)
        self.poll = poll
        self.relay_every = relay_every
        self.resume_every = resume_every
        self.say = say or log.info
        self.stopping = threading.Event()
        self._scheduler: BlockingScheduler | None = None

    def stop(self, *_: Any) -> None:
        self.stopping.set()
        scheduler = self._scheduler
        if scheduler is not None and scheduler.running:
            # called as a signal handler, maybe while the main thread is inside the scheduler holding the
            # lock its shutdown takes (a job being submitted): shut down from a thread of its own
            threading.Thread(target=scheduler.shutdown, kwargs={"wait": False}, name="stop", daemon=True).start()

    def run(self) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
        waiting_said = False
        while not self.stopping.is_set():
            if self.lock.try_acquire():
                waiting_said = False
                self.say(f"scheduler active ({self.lock.holder})")
                try:
                    self._run_active()
                finally:
                    self.lock.release()
                if not self.stopping.is_set():
                    self.say("scheduler lost its lock; waiting to take over again")
            else:
                if not waiting_said:
                    self.say("another scheduler is active; waiting to take over")
                    waiting_said = True
                self.stopping.wait(self.poll)
        self.say("scheduler stopped")

    def _run_active(self) -> None:
        tz = self.settings.schedule.tz
        scheduler = BlockingScheduler(timezone=tz, job_defaults={"coalesce": True, "max_instances": 1})
        scheduler.add_job(
            self.weekly_pass,
            self.settings.schedule.trigger(),
            id="weekly-reminders",
            misfire_grace_time=None,  # late is better than never: run once, however late
        )
        due = pass_due(self.engine, self.settings)
        if due is not None:
            self.say(f"catching up the reminder pass due {due:%Y-%m-%d %H:%M %Z}")
            scheduler.add_job(self.weekly_pass, "date", run_date=utcnow(), id="catch-up", misfire_grace_time=None)
        scheduler.add_job(self.relay, "interval", seconds=self.relay_every, id="relay", next_run_time=utcnow())
        scheduler.add_job(self.resume, "interval", seconds=self.resume_every, id="resume-reminders")
        every = int(self.app.config.get("MAIL_POLL_SECONDS") or 60)
        scheduler.add_job(self.read_mail, "interval", seconds=every, id="read-mail", next_run_time=utcnow())
        # offers run out between weekly passes too
        scheduler.add_job(self.expire, "interval", hours=1, id="expire-offers", next_run_time=utcnow())
        ttl = self.lock.ttl.total_seconds()
        scheduler.add_job(self.heartbeat, "interval", seconds=max(ttl / 3, 0.2), id="heartbeat")
        # the row readiness reads (the lock above says who runs, this says that it still does)
        scheduler.add_job(
            self.beat, "interval", seconds=heartbeat.BEAT_EVERY.total_seconds(), id="beat", next_run_time=utcnow()
        )
        self._scheduler = scheduler
        if self.stopping.is_set():
            return
        try:
            scheduler.start()
        except JobLookupError:
            # a shutdown from another thread (a stop, a lost lock) marks the scheduler stopped before it
            # takes the job stores' lock, so a loop still at work finds the job it just ran gone: that
            # is the stop, not a fault (SIGTERM ended the command with exit 1 now and then)
            if scheduler.running:
                raise
        finally:
            self._scheduler = None

    # --- jobs -------------------------------------------------------------

    def heartbeat(self) -> None:
        if self.stopping.is_set() or not self.lock.renew():
            if not self.stopping.is_set():
                log.warning("the scheduler lock was lost")
            scheduler = self._scheduler
            if scheduler is not None:
                scheduler.shutdown(wait=False)

    def beat(self) -> None:
        try:
            heartbeat.beat(self.engine, self.lock.holder)
        except Exception:
            log.exception("writing the scheduler heartbeat failed")

    def weekly_pass(self) -> None:
        self._pass(create=True)
        self.retention()
        self.prune_webhooks()
        self.prune_reminders()

    def prune_webhooks(self) -> None:
        """Delivered webhook messages are kept WEBHOOK_KEEP_DAYS for the deliveries list, then forgotten."""
        try:
            pruned = prune(self.engine, int(self.app.config["WEBHOOK_KEEP_DAYS"]))
        except Exception:
            log.exception("pruning delivered webhook messages failed")
        else:
            if pruned:
                self.say(f"webhooks: {pruned} delivered message(s) older than WEBHOOK_KEEP_DAYS forgotten")

    def prune_reminders(self) -> None:
        """Reminder rows of weeks long past are forgotten (only this week's keep a reminder once)."""
        try:
            pruned = prune_reminders(self.engine)
        except Exception:
            log.exception("pruning old reminder rows failed")
        else:
            if pruned:
                self.say(f"reminders: {pruned} row(s) older than {KEEP_WEEKS} weeks forgotten")

    def retention(self) -> None:
        """Closed referrals older than RETENTION_DAYS are anonymised (routing/privacy.py): once, resumably."""
        try:
            report = run_retention(int(self.app.config["RETENTION_DAYS"]), bind=self.engine)
        except Exception:
            log.exception("the retention pass failed")
        else:
            if report.anonymised:
                self.say(f"retention: {report.anonymised} closed referral(s) anonymised")

    def resume(self) -> None:
        self._pass(create=False)

    def _pass(self, *, create: bool) -> None:
        try:
            report = run_pass(self.engine, self.settings, create=create, wait=120)
        except LockBusy:
            log.warning("another reminder pass is running; this one is skipped")
        except PassIncomplete as exc:
            log.warning("%s", exc)
        except Exception:
            log.exception("the reminder pass failed")
        else:
            if create or report.resumed:
                self.say(f"reminders: {report}")

    def expire(self) -> None:
        try:
            expired = expire_offers(self.engine, self.settings)
        except Exception:
            log.exception("expiring offers failed")
        else:
            if expired:
                self.say(f"offers expired: {expired}")

    def read_mail(self) -> None:
        """One round over the rings' mailboxes (routing/mailbox/reader.py), as the only reader."""
        from routing.mailbox.reader import MailSettings, poll
        from routing.matcher.loading import route_now

        settings = MailSettings.from_config(self.app.config, self.app.instance_path)
        try:
            with self.app.app_context():
                rounds = poll(self.engine, settings, route=route_now)
        except LockBusy:
            log.warning("another mail reader is at work; this round is skipped")
        except Exception:
            log.exception("the mail round failed")
        else:
            for done in rounds:
                if done.cases or done.replies or done.held or done.error:
                    self.say(f"mail: {done}")

    def relay(self) -> None:
        try:
            report = relay_once(self.engine, allow_private=bool(self.app.config["WEBHOOK_ALLOW_PRIVATE"]))
        except Exception:
            log.exception("the webhook relay failed")
        else:
            if report.attempts:
                self.say(f"webhooks: {report}")
