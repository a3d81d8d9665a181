"""The weekly follow-up pass: every referral that is not closed and needs someone to act.

- ``open``: nobody has it yet; to the holder's contact person and the
  holder organisation's admins.
- ``offer-pending``: an offer unanswered for more than ``OFFER_REMIND_DAYS``;
  to the receiving organisation (or every member of the ring) and the holder.
- ``no-followup``: accepted, with no note or event for ``FOLLOWUP_DAYS``; to the owner.

Exactly once per referral, kind and ISO week, by the data rather than by
timing: a pass inserts the week's reminder rows set-based (``INSERT …
SELECT``, skipping on the unique key those made already) and hands them to a
``reminder_pass`` row in the same transaction; then each person gets one
mail listing all their reminders, with a ``reminder_mail`` row (unique per
pass and person) written before the mail goes and marked sent after it.
A crash anywhere leaves rows that the next run resumes: nothing is sent
twice, except the one mail whose hand-over the crash interrupted, which
goes again with the same Message-ID (and the same file in the mail
folder). Only one pass runs at a time (a database lock).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.header import Header
from email.message import Message
from email.mime.text import MIMEText
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    text,
    true,
    type_coerce,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.sql.sqltypes import UTCDateTime

import routing.core.texts as texts
from routing.accounts.models import User
from routing.core import db
from routing.core.clock import utcnow
from routing.core.errors import BadInput
from routing.core.locks import DatabaseLock, LockBusy
from routing.core.mail import Mailer, MailError, RecipientRefused, open_mailer
from routing.core.texts import N_
from routing.directory.models import Organization, Ring, RingMember
from routing.followup.assurance import mail_unconfirmed
from routing.followup.models import Reminder, ReminderMail, ReminderPass
from routing.outbox.messages import enqueue_reminder, followed_by_any, subscribed_endpoints
from routing.referrals.models import Event, Note, Offer, Referral
from rules.taxonomy import LANGUAGES

log = logging.getLogger(__name__)

KINDS = ("open", "offer-pending", "no-followup")
FOLLOWUP_DAYS = 7
RECEIVER_ROLES = ("counsellor", "org-admin")
MAX_LISTED = 25  # referrals listed in one mail; the rest are counted with a link to the inbox
PASS_LOCK = "reminder-pass"
PASS_LEASE = timedelta(minutes=2)  # SQLite: renewed while the pass runs

_r = Referral.__table__  # type: ignore[attr-defined]
_o = Offer.__table__  # type: ignore[attr-defined]
_n = Note.__table__  # type: ignore[attr-defined]
_e = Event.__table__  # type: ignore[attr-defined]
_u = User.__table__  # type: ignore[attr-defined]
_m = RingMember.__table__  # type: ignore[attr-defined]
_rm = Reminder.__table__  # type: ignore[attr-defined]
_rp = ReminderPass.__table__  # type: ignore[attr-defined]
_ml = ReminderMail.__table__  # type: ignore[attr-defined]
_org = Organization.__table__  # type: ignore[attr-defined]
_ring = Ring.__table__  # type: ignore[attr-defined]


class ScheduleError(BadInput):
    """``REMINDER_SCHEDULE`` cannot be read; the message shows the expected form."""


@dataclass(frozen=True)
class Schedule:
    """``REMINDER_SCHEDULE``: ``<days> <HH:MM> [<time zone>]``, e.g. ``mon 08:00 Europe/Helsinki``."""

    day_of_week: str
    hour: int
    minute: int
    tz: ZoneInfo

    @classmethod
    def parse(cls, text: str) -> Schedule:
        form = "expected '<days> <HH:MM> [<time zone>]', e.g. 'mon 08:00 Europe/Helsinki'"
        parts = (text or "").split()
        if len(parts) not in (2, 3):
            raise ScheduleError(f"REMINDER_SCHEDULE {text!r}: {form}")
        days, clock = parts[0].lower(), parts[1]
        try:
            hour_text, minute_text = clock.split(":")
            hour, minute = int(hour_text), int(minute_text)
            if not (0 <= hour < 24 and 0 <= minute < 60):
                raise ValueError
        except ValueError:
            raise ScheduleError(f"REMINDER_SCHEDULE {text!r}: the time {clock!r} is not HH:MM; {form}") from None
        try:
            tz = ZoneInfo(parts[2] if len(parts) == 3 else "Europe/Helsinki")
        except (ZoneInfoNotFoundError, ValueError):
            raise ScheduleError(f"REMINDER_SCHEDULE {text!r}: unknown time zone {parts[2]!r}") from None
        schedule = cls(days, hour, minute, tz)
        try:
            schedule.trigger()
        except ValueError as exc:
            raise ScheduleError(f"REMINDER_SCHEDULE {text!r}: days {days!r}: {exc}; {form}") from None
        return schedule

    def trigger(self) -> CronTrigger:
        return CronTrigger(day_of_week=self.day_of_week, hour=self.hour, minute=self.minute, timezone=self.tz)

    def last_due(self, now: datetime) -> datetime | None:
        """The latest scheduled time at or before ``now`` (within the last week)."""
        trigger = self.trigger()
        start = now - timedelta(days=7, hours=1)
        last = None
        fire = trigger.get_next_fire_time(None, start)
        while fire is not None and fire <= now:
            last = fire
            fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
        return last


@dataclass(frozen=True)
class ReminderSettings:
    schedule: Schedule
    offer_remind_days: int
    base_url: str
    smtp_url: str | None
    mail_folder: Path
    followup_days: int = FOLLOWUP_DAYS
    offer_expiry_days: int = 14
    assure_days: int = 0  # DIRECTORY_ASSURE_DAYS (0: off): services unconfirmed longer are mailed to their org-admins

    @classmethod
    def from_config(cls, config: Mapping[str, Any], instance_path: str | Path) -> ReminderSettings:
        return cls(
            schedule=Schedule.parse(config["REMINDER_SCHEDULE"]),
            offer_remind_days=int(config["OFFER_REMIND_DAYS"]),
            base_url=str(config["BASE_URL"]).rstrip("/"),
            smtp_url=config.get("SMTP_URL") or None,
            mail_folder=Path(instance_path) / "outbox-mail",
            offer_expiry_days=int(config["OFFER_EXPIRY_DAYS"]),
            assure_days=int(config.get("DIRECTORY_ASSURE_DAYS", 180)),
        )


def iso_week(moment: datetime, tz: ZoneInfo) -> str:
    year, week, _ = moment.astimezone(tz).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class PassReport:
    week: str
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    mails_sent: int = 0
    mails_failed: int = 0
    reminders_sent: int = 0
    resumed: int = 0
    webhooks: int = 0
    expired: int = 0  # offers that ran out before the pass (their referrals are open again)
    assure_mails: int = 0  # mails to org-admins about unconfirmed services
    seconds: dict[str, float] = field(default_factory=lambda: {"rows": 0.0, "recipients": 0.0, "mail": 0.0})

    def __str__(self) -> str:
        created = ", ".join(f"{kind} {n}" for kind, n in self.created.items())
        text = (
            f"week {self.week}: new reminders {sum(self.created.values())} ({created}); "
            f"reminders sent {self.reminders_sent}; mails sent {self.mails_sent}"
        )
        if self.mails_failed:
            text += f", refused {self.mails_failed}"
        if self.expired:
            text += f"; offers expired {self.expired}"
        if self.assure_mails:
            text += f"; mails about unconfirmed services {self.assure_mails}"
        if self.resumed:
            text += f"; resumed {self.resumed} unfinished pass(es)"
        return text


class PassIncomplete(RuntimeError):
    """Mail could not be handed over (SMTP down): the pass is kept and resumed later."""


MailerFactory = Callable[[ReminderSettings], AbstractContextManager[Mailer]]


def _default_mailer(settings: ReminderSettings) -> AbstractContextManager[Mailer]:
    return open_mailer(settings.smtp_url, settings.mail_folder, base_url=settings.base_url)


KEEP_WEEKS = 8  # reminder rows older than this are only history nobody reads: forgotten


def prune(engine: Engine, *, now: datetime | None = None, keep_weeks: int = KEEP_WEEKS) -> int:
    """Forget reminder rows (not mails or passes) made more than ``keep_weeks`` weeks ago.

    This week's rows are what keeps each reminder once; older ones only fill the table
    (a big network makes a million a week). Returns how many went.
    """
    cutoff = (now or utcnow()) - timedelta(weeks=keep_weeks)
    with engine.begin() as conn:
        return int(conn.execute(delete(_rm).where(_rm.c.created_at < cutoff)).rowcount or 0)


def reminder_state(reminder_pass: ReminderPass | None) -> str:
    """A reminder's state, which its pass keeps: ``sending`` until the pass has finished,
    then ``sent``, or ``superseded`` when a later week's pass took over from it."""
    if reminder_pass is None or reminder_pass.finished_at is None:
        return "sending"
    return "superseded" if reminder_pass.superseded_at is not None else "sent"


# --- the pass -----------------------------------------------------------------


def run_pass(
    engine: Engine,
    settings: ReminderSettings,
    *,
    now: datetime | None = None,
    create: bool = True,
    wait: float = 60.0,
    mailer: MailerFactory = _default_mailer,
    lease: timedelta = PASS_LEASE,
) -> PassReport:
    """Resume unfinished passes, then (with ``create``) make and send this week's reminders.

    ``now`` (default: the real time) is the pass's time: its week, what is due, which offers
    expire; the times it stamps on its mails and on its end run on from it.

    Raises :class:`LockBusy` when another pass holds the lock for longer than
    ``wait`` seconds, :class:`PassIncomplete` when mail could not be handed over.
    """
    now = now or utcnow()
    week = iso_week(now, settings.schedule.tz)
    report = PassReport(week)
    lock = DatabaseLock(engine, PASS_LOCK, ttl=lease, wait=wait)
    with lock, mailer(settings) as outgoing:
        sender = _Sender(engine, settings, outgoing, lock, report, now)
        for pass_id, pass_week in _unfinished(engine):
            report.resumed += 1
            if pass_week == week:
                sender.send_pass(pass_id)
            else:
                _supersede(engine, pass_id, sender.now())  # a stale week: this week's pass covers it
        if create:
            started = time.perf_counter()
            # first: an offer that ran out makes its referral open again, and that is what to remind of
            report.expired = expire_offers(engine, settings, now)
            pass_id = _create(engine, settings, now, week, report)
            report.seconds["rows"] += time.perf_counter() - started
            sender.send_pass(pass_id)
            if settings.assure_days:
                report.assure_mails = mail_unconfirmed(
                    engine, outgoing, days=settings.assure_days, base_url=settings.base_url, week=week, now=now
                )
    return report


def expire_offers(engine: Engine, settings: ReminderSettings, now: datetime | None = None) -> int:
    """Expire the offers pending longer than ``OFFER_EXPIRY_DAYS`` (the referral operation does it)."""
    from routing.core.db import transaction
    from routing.referrals.operations import expire_offers as expire

    with transaction(engine) as s:
        return len(expire(s, days=settings.offer_expiry_days, now=now))


def _unfinished(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        return [
            (int(row[0]), str(row[1]))
            for row in conn.execute(select(_rp.c.id, _rp.c.week).where(_rp.c.finished_at.is_(None)).order_by(_rp.c.id))
        ]


def _supersede(engine: Engine, pass_id: int, at: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(update(_ml).where(_ml.c.pass_id == pass_id, _ml.c.state == "sending").values(state="superseded"))
        conn.execute(update(_rp).where(_rp.c.id == pass_id).values(finished_at=at, superseded_at=at))


def _insert_reminders(
    conn: Connection, kind: str, source: Any, week: str, now: datetime, pass_id: int, *, first_of_week: bool
) -> int:
    """``INSERT INTO reminder SELECT …`` for one kind, straight into the pass.

    A rerun in the same week skips the rows made already through the unique key
    (``ON CONFLICT DO NOTHING``). The week's first pass has nothing to skip and
    inserts plainly: PostgreSQL then spares its speculative insertion, a third
    of a million-row pass's insert time. Only one pass runs at a time (the pass
    lock), and the unique key stands guard either way: a duplicate would fail
    the pass, never be sent.
    """
    rows = select(
        source.c.id,
        literal(kind, String),
        literal(week, String),
        literal(now, UTCDateTime()),
        literal(pass_id, Integer),
    ).where(true())  # SQLite reads "… FROM x ON CONFLICT" as a join without a WHERE here
    columns = ["referral_id", "kind", "week", "created_at", "pass_id"]
    if first_of_week:
        stmt: Any = insert(_rm).from_select(columns, rows)
    else:
        ins = (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(_rm)
        stmt = ins.from_select(columns, rows).on_conflict_do_nothing(index_elements=["referral_id", "kind", "week"])
    before = conn.execute(select(func.coalesce(func.max(_rm.c.id), 0))).scalar_one()
    conn.execute(stmt)
    # (rowcount is not reliable for INSERT … SELECT on every driver)
    return int(conn.execute(select(func.count()).where(_rm.c.id > before)).scalar_one())


def _week_has_reminders(conn: Connection, week: str) -> bool:
    """Has an earlier pass made reminders for ``week`` (through the few passes, not the many reminders)?"""
    made = select(_rm.c.id).join(_rp, _rp.c.id == _rm.c.pass_id).where(_rp.c.week == week).limit(1)
    return conn.execute(made).first() is not None


def due_referrals(kind: str, settings: ReminderSettings, now: datetime) -> Any:
    """The referrals a kind of reminder is due for, as a subquery with an ``id`` column."""
    if kind == "open":
        return select(_r.c.id).where(_r.c.state == "open").subquery()
    if kind == "offer-pending":
        cutoff = now - timedelta(days=settings.offer_remind_days)
        return (
            select(_r.c.id)
            .where(
                _r.c.state == "offered",
                exists().where(
                    _o.c.referral_id == _r.c.id,
                    _o.c.state == "pending",
                    _o.c.kind == "referral",
                    _o.c.created_at < cutoff,
                ),
            )
            .subquery()
        )
    if kind == "no-followup":
        cutoff = now - timedelta(days=settings.followup_days)
        return (
            select(_r.c.id)
            .where(
                _r.c.state == "accepted",
                ~exists().where(_n.c.referral_id == _r.c.id, _n.c.at > cutoff),
                # its own reminders do not count as follow-up
                ~exists().where(_e.c.referral_id == _r.c.id, _e.c.at > cutoff, _e.c.kind != "reminder"),
            )
            .subquery()
        )
    raise ValueError(f"unknown reminder kind {kind!r}")


@contextmanager
def _no_waiting_for_disk(conn: Connection) -> Iterator[None]:
    """PostgreSQL: commits of the mail marks do not wait for the disk. Only a crash of the
    database server itself (not of this process) could lose the last few marks, and then
    those few mails would go again. SQLite in WAL mode does not wait for the disk anyway."""
    if conn.dialect.name != "postgresql":
        yield
        return
    conn.exec_driver_sql("SET synchronous_commit TO OFF")
    conn.commit()
    try:
        yield
    finally:
        conn.rollback()
        conn.exec_driver_sql("RESET synchronous_commit")
        conn.commit()


@contextmanager
def room_to_work(conn: Connection) -> Iterator[None]:
    """More memory for a pass's few big statements, so their sorts, hashes and temporary
    tables stay off the disk (a million-reminder pass needs some tens of megabytes)."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        assert raw is not None
        cache = raw.execute("PRAGMA cache_size").fetchone()[0]
        raw.execute("PRAGMA cache_size = -131072")  # KiB: 128 MB
        if not raw.in_transaction:
            # only settable between transactions; left so (it only ever holds temporary tables)
            raw.execute("PRAGMA temp_store = MEMORY")
        try:
            yield
        finally:
            raw.execute(f"PRAGMA cache_size = {int(cache)}")
    else:
        conn.exec_driver_sql("SET work_mem = '128MB'")
        try:
            yield
        finally:
            conn.exec_driver_sql("RESET work_mem")


def _create(engine: Engine, settings: ReminderSettings, now: datetime, week: str, report: PassReport) -> int:
    """This week's reminder rows and their webhook messages, handed to a new pass: one transaction.

    A reminder is no state change, so it is not an event in the referral's history (a
    million events a week would be most of that table); the reminder rows are its record.
    """
    with engine.begin() as conn, room_to_work(conn):
        pass_id = int(
            conn.execute(
                insert(_rp)
                .values(week=week, started_at=now, reminders=0, mails_sent=0, mails_failed=0)
                .returning(_rp.c.id)
            ).scalar_one()
        )
        last_reminder = conn.execute(select(func.coalesce(func.max(_rm.c.id), 0))).scalar_one()
        first_of_week = not _week_has_reminders(conn, week)
        for kind in KINDS:
            due = due_referrals(kind, settings, now)
            report.created[kind] = _insert_reminders(conn, kind, due, week, now, pass_id, first_of_week=first_of_week)
        conn.execute(update(_rp).where(_rp.c.id == pass_id).values(reminders=sum(report.created.values())))
        report.webhooks = _enqueue_reminder_webhooks(conn, last_reminder)
    return pass_id


def _enqueue_reminder_webhooks(conn: Connection, last_reminder: int) -> int:
    """``referral.reminder`` messages for the new reminders of referrals a subscribed endpoint follows.

    Set-based first (usually no endpoint wants reminders, and then this is one cheap query);
    the per-reminder work runs only for the referrals that are followed.
    """
    from sqlmodel import Session

    with Session(bind=conn) as s:
        orgs = {ep.organization_id for ep in subscribed_endpoints(s, "referral.reminder")}
        if not orgs:
            return 0
        reminder_ids = list(
            conn.execute(
                select(_rm.c.id)
                .where(_rm.c.id > last_reminder, followed_by_any(_rm.c.referral_id, orgs))
                .order_by(_rm.c.id)
            ).scalars()
        )
        total = 0
        for reminder_id in reminder_ids:
            reminder = s.get(Reminder, reminder_id)
            assert reminder is not None
            referral = s.get(Referral, reminder.referral_id)
            assert referral is not None
            total += enqueue_reminder(s, referral, reminder)
        s.flush()
        return total


# --- who gets which reminder --------------------------------------------------


def recipient_parts(pass_id: int) -> list[Any]:
    """Selects of ``(reminder_id, user_id)`` for the reminders a pass is sending, one per rule."""
    mine = _rm.c.pass_id == pass_id
    holder_kinds = _rm.c.kind.in_(("open", "offer-pending"))
    pending_offer = and_(_o.c.referral_id == _r.c.id, _o.c.state == "pending", _o.c.kind == "referral")
    base = select(_rm.c.id.label("reminder_id")).join(_r, _r.c.id == _rm.c.referral_id)
    return [
        # the holder's contact person
        base.add_columns(_r.c.contact_user_id.label("user_id")).where(
            mine, holder_kinds, _r.c.contact_user_id.is_not(None)
        ),
        # the holder organisation's admins
        base.add_columns(_u.c.id)
        .join(_u, and_(_u.c.organization_id == _r.c.holder_id, _u.c.role == "org-admin"))
        .where(mine, holder_kinds),
        # the organisation an offer waits at
        base.add_columns(_u.c.id)
        .join(_o, pending_offer)
        .join(_u, and_(_u.c.organization_id == _o.c.organization_id, _u.c.role.in_(RECEIVER_ROLES)))
        .where(mine, _rm.c.kind == "offer-pending"),
        # every member organisation of a ring an offer waits at
        base.add_columns(_u.c.id)
        .join(_o, pending_offer)
        .join(_m, _m.c.ring_id == _o.c.ring_id)
        .join(_u, and_(_u.c.organization_id == _m.c.organization_id, _u.c.role.in_(RECEIVER_ROLES)))
        .where(mine, _rm.c.kind == "offer-pending"),
        # the owner
        base.add_columns(_r.c.owner_id).where(mine, _rm.c.kind == "no-followup", _r.c.owner_id.is_not(None)),
    ]


# Who gets which reminder, for one pass: a temporary table keyed (person, reminder), so a person
# named by two rules counts once, and counting and listing each person's first few walk the key in order.
_temp = MetaData()
_pairs = Table(
    "reminder_pairs",
    _temp,
    Column("user_id", Integer, primary_key=True),
    Column("reminder_id", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
    sqlite_with_rowid=False,
)
# each person's first MAX_LISTED, the ones their mail names
_listed = Table(
    "reminder_listed",
    _temp,
    Column("user_id", Integer, primary_key=True),
    Column("reminder_id", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
    sqlite_with_rowid=False,
)


def _drop_pairs(conn: Connection) -> None:
    for table in (_pairs, _listed):
        conn.execute(text(f"DROP TABLE IF EXISTS {table.name}"))


def _fill_pairs(conn: Connection, pass_id: int) -> None:
    _drop_pairs(conn)
    _listed.create(conn)
    parts = recipient_parts(pass_id)
    if conn.dialect.name == "postgresql":
        # PostgreSQL deduplicates the union in memory (work_mem) much faster than it fills a keyed
        # table row by row; the values are ids and fixed codes, so inlining them is safe
        query = union(*parts).compile(conn, compile_kwargs={"literal_binds": True})
        conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {_pairs.name} AS {query}")
    else:
        # SQLite: the key deduplicates and keeps each person's reminders in order for what follows
        _pairs.create(conn)
        for part in parts:
            conn.execute(sqlite_insert(_pairs).from_select(["reminder_id", "user_id"], part).on_conflict_do_nothing())
    numbered = select(
        _pairs.c.user_id,
        _pairs.c.reminder_id,
        func.row_number().over(partition_by=_pairs.c.user_id, order_by=_pairs.c.reminder_id).label("n"),
    ).subquery()
    conn.execute(
        insert(_listed).from_select(
            ["user_id", "reminder_id"],
            select(numbered.c.user_id, numbered.c.reminder_id).where(numbered.c.n <= MAX_LISTED),
        )
    )


@dataclass
class Line:
    kind: str
    referral_id: str
    opened_at: datetime | None
    holder: str
    waiting_at: str | None = None  # offer-pending: the organisation or ring
    since: datetime | None = None  # offer-pending: offered at; no-followup: owned at


@dataclass
class Recipient:
    user_id: int
    email: str
    name: str | None
    language: str
    total: int = 0
    lines: list[Line] = field(default_factory=list)


def _recipients(conn: Connection, pass_id: int) -> list[Recipient]:
    """Everyone the pass mails, with how many reminders each has and the first ``MAX_LISTED``."""
    _fill_pairs(conn, pass_id)
    try:
        people: dict[int, Recipient] = {}
        for row in conn.execute(
            select(_u.c.id, _u.c.email, _u.c.name, _u.c.language, func.count().label("total"))
            .join(_pairs, _pairs.c.user_id == _u.c.id)
            .where(_u.c.active.is_(True), _u.c.email.is_not(None))
            .group_by(_u.c.id, _u.c.email, _u.c.name, _u.c.language)
        ):
            language = row.language if row.language in LANGUAGES else "fi"
            people[row.id] = Recipient(row.id, row.email, row.name, language, int(row.total))
        lines = _lines(conn)
        for user_id, reminder_id in conn.execute(
            select(_listed.c.user_id, _listed.c.reminder_id).order_by(_listed.c.user_id, _listed.c.reminder_id)
        ):
            person = people.get(user_id)
            if person is not None and reminder_id in lines:
                person.lines.append(lines[reminder_id])
    finally:
        _drop_pairs(conn)
    return [people[uid] for uid in sorted(people)]


def _raw(column: Any) -> Any:
    """A datetime column without SQLAlchemy's per-row parsing (tens of thousands of rows; see ``_utc``)."""
    return type_coerce(column, String).label(column.name)


def _utc(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):  # PostgreSQL's driver gives datetimes already
        return value.astimezone(UTC) if value is not None else None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)  # SQLite keeps naive UTC text


def _lines(conn: Connection) -> dict[int, Line]:
    """What the mails say about each listed reminder."""
    holder = _org.alias("holder")
    wanted = select(_listed.c.reminder_id).distinct().subquery()
    lines: dict[int, Line] = {}
    for row in conn.execute(
        select(
            _rm.c.id,
            _rm.c.kind,
            _r.c.id.label("referral_id"),
            _raw(_r.c.created_at),
            _raw(_r.c.owned_at),
            holder.c.name,
        )
        .join(wanted, wanted.c.reminder_id == _rm.c.id)
        .join(_r, _r.c.id == _rm.c.referral_id)
        .join(holder, holder.c.id == _r.c.holder_id)
    ):
        since = _utc(row.owned_at) if row.kind == "no-followup" else None
        lines[row.id] = Line(row.kind, row.referral_id, _utc(row.created_at), row.name, since=since)
    # where the pending offers wait
    offer_org = _org.alias("offer_org")
    for row in conn.execute(
        select(_rm.c.id, _o.c.created_at, offer_org.c.name, _ring.c.name.label("ring_name"))
        .join(wanted, wanted.c.reminder_id == _rm.c.id)
        .join(_o, and_(_o.c.referral_id == _rm.c.referral_id, _o.c.state == "pending", _o.c.kind == "referral"))
        .outerjoin(offer_org, offer_org.c.id == _o.c.organization_id)
        .outerjoin(_ring, _ring.c.id == _o.c.ring_id)
        .where(_rm.c.kind == "offer-pending")
        .order_by(_o.c.created_at)
    ):
        line = lines.get(row.id)
        if line is not None and line.waiting_at is None:
            line.waiting_at = row.name or row.ring_name
            line.since = row.created_at
    return lines


# --- sending ------------------------------------------------------------------


class _Sender:
    def __init__(
        self,
        engine: Engine,
        settings: ReminderSettings,
        mailer: Mailer,
        lock: DatabaseLock,
        report: PassReport,
        now: datetime,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.mailer = mailer
        self.lock = lock
        self.report = report
        self._renewed = time.monotonic()
        self._began = (now, self._renewed)

    def now(self) -> datetime:
        """The pass's ``now`` run on by the time the pass has taken: when a mail went, when a pass finished."""
        at, began = self._began
        return at + timedelta(seconds=time.monotonic() - began)

    def _keep_lock(self) -> None:
        if time.monotonic() - self._renewed > self.lock.ttl.total_seconds() / 4:
            if not self.lock.renew():
                raise LockBusy(self.lock.name)
            self._renewed = time.monotonic()

    def send_pass(self, pass_id: int) -> None:
        started = time.perf_counter()
        # reading takes no write lock on SQLite: the web app keeps writing meanwhile
        with db.read_engine(self.engine).connect() as conn, room_to_work(conn):
            week = conn.execute(select(_rp.c.week).where(_rp.c.id == pass_id)).scalar_one()
            recipients = _recipients(conn, pass_id)
            done = {
                row.user_id: row.state
                for row in conn.execute(select(_ml.c.user_id, _ml.c.state).where(_ml.c.pass_id == pass_id))
            }
        self.report.seconds["recipients"] += time.perf_counter() - started
        started = time.perf_counter()
        with self.engine.connect() as conn, _no_waiting_for_disk(conn):
            # every mail's row first: a crash from here on resends at most the one mail it interrupted
            new_rows = [
                {"pass_id": pass_id, "user_id": p.user_id, "state": "sending", "reminders": p.total, "attempts": 0}
                for p in recipients
                if p.user_id not in done
            ]
            if new_rows:
                with conn.begin():
                    conn.execute(insert(_ml), new_rows)
            for person in recipients:
                if done.get(person.user_id) in ("sent", "failed"):
                    continue
                self._keep_lock()
                self._send_one(conn, pass_id, week, person)
        # the pass finishing is what marks its reminders sent (no row-by-row rewrite of a million)
        with self.engine.begin() as conn:
            sent = conn.execute(select(_rp.c.reminders).where(_rp.c.id == pass_id)).scalar_one()
            counts: dict[str, int] = dict(
                conn.execute(
                    select(_ml.c.state, func.count()).where(_ml.c.pass_id == pass_id).group_by(_ml.c.state)
                ).all()
            )
            conn.execute(
                update(_rp)
                .where(_rp.c.id == pass_id)
                .values(finished_at=self.now(), mails_sent=counts.get("sent", 0), mails_failed=counts.get("failed", 0))
            )
        self.report.reminders_sent += int(sent or 0)
        self.report.seconds["mail"] += time.perf_counter() - started

    def _send_one(self, conn: Connection, pass_id: int, week: str, person: Recipient) -> None:
        message = compose(person, week, self.settings, message_id=f"<reminders-{pass_id}-{person.user_id}@eteinen>")
        try:
            self.mailer.send(message)
        except RecipientRefused as exc:
            self._mark(conn, pass_id, person.user_id, "failed", str(exc))
            self.report.mails_failed += 1
            log.warning("reminder mail to user %s refused: %s", person.user_id, exc)
            return
        except MailError as exc:
            self._mark(conn, pass_id, person.user_id, "sending", str(exc))
            raise PassIncomplete(f"reminder mail could not be sent ({exc}); the pass resumes on the next run") from exc
        self._mark(conn, pass_id, person.user_id, "sent", None)
        self.report.mails_sent += 1

    def _mark(self, conn: Connection, pass_id: int, user_id: int, state: str, error: str | None) -> None:
        values: dict[str, Any] = {
            "state": state,
            "error": error[:500] if error else None,
            "attempts": _ml.c.attempts + 1,
        }
        if state == "sent":
            values["sent_at"] = self.now()
        with conn.begin():
            conn.execute(update(_ml).where(_ml.c.pass_id == pass_id, _ml.c.user_id == user_id).values(**values))


# --- the texts ----------------------------------------------------------------

# worded from the Babel catalogues in each person's language (routing.core.texts), like the pages
TEXTS: dict[str, str] = {
    "subject": N_("Eteinen: %(n)s referrals need attention (week %(week)s)"),
    "greeting": N_("Hello%(name)s,"),
    "intro": N_("these referrals are waiting for someone to act:"),
    "open": N_("Open referrals nobody has taken yet"),
    "offer-pending": N_("Offered referrals with no answer for %(days)s days"),
    "no-followup": N_("Your cases with nothing recorded for %(days)s days"),
    "opened": N_("opened %(date)s, held by %(holder)s"),
    "offered": N_("offered %(date)s: %(where)s"),
    "owned": N_("taken on %(date)s"),
    "more": N_("…and %(more)s more: %(url)s"),
    "footer": N_(
        "This is Eteinen's weekly reminder. The client's question and contact details are never sent by"
        " e-mail; open the referral from the link."
    ),
}


def _date(value: datetime | None, language: str, tz: ZoneInfo) -> str:
    if value is None:
        return "?"
    local = value.astimezone(tz)
    return f"{local:%Y-%m-%d}" if language == "en" else f"{local.day}.{local.month}.{local.year}"


def compose(person: Recipient, week: str, settings: ReminderSettings, *, message_id: str) -> Message:
    """One person's weekly mail: every reminder with a link, no client question or contact."""

    def t(key: str, **values: Any) -> str:
        return texts.text(person.language, TEXTS[key], **values)

    tz = settings.schedule.tz
    days = {"offer-pending": settings.offer_remind_days, "no-followup": settings.followup_days}
    body = [t("greeting", name=f" {person.name}" if person.name else ""), "", t("intro")]
    for kind in KINDS:
        lines = [line for line in person.lines if line.kind == kind]
        if not lines:
            continue
        body += ["", t(kind, days=days.get(kind, "")) + ":"]
        for line in lines:
            if kind == "offer-pending":
                detail = t("offered", date=_date(line.since, person.language, tz), where=line.waiting_at or "?")
            elif kind == "no-followup":
                detail = t("owned", date=_date(line.since, person.language, tz))
            else:
                detail = t("opened", date=_date(line.opened_at, person.language, tz), holder=line.holder)
            body.append(f"- {settings.base_url}/referrals/{line.referral_id}  ({detail})")
    if person.total > len(person.lines):
        body += ["", t("more", more=person.total - len(person.lines), url=f"{settings.base_url}/inbox")]
    body += ["", "-- ", t("footer")]
    # MIMEText rather than EmailMessage: a third of the time, and a pass writes thousands
    message = MIMEText("\n".join(body) + "\n", "plain", "utf-8")
    message["To"] = person.email
    subject = t("subject", n=person.total, week=week.split("-W")[-1].lstrip("0"))
    # compat32 takes a Header object here (typeshed allows only str)
    message["Subject"] = Header(subject, "utf-8")  # type: ignore[assignment]
    message["Message-ID"] = message_id
    message["Content-Language"] = person.language
    return message


# --- schedule bookkeeping -----------------------------------------------------


def pass_due(engine: Engine, settings: ReminderSettings, now: datetime | None = None) -> datetime | None:
    """The scheduled time of the weekly pass that has not run yet (for catch-up), or None."""
    now = now or utcnow()
    last = settings.schedule.last_due(now)
    if last is None:
        return None
    with engine.connect() as conn:
        ran = conn.execute(
            select(func.count()).select_from(_rp).where(_rp.c.started_at >= last, _rp.c.finished_at.is_not(None))
        ).scalar_one()
    return None if ran else last
