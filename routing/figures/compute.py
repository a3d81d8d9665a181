"""The network's figures: referrals opened, time to a named owner, declines, needs, unmet needs, outcomes.

Every figure describes the referrals *opened* in the period (a cohort) and
what has happened to them since; only the list of unowned cases is as it
stands now, whenever they were opened. All counting is done by the database
(GROUP BY; percentiles read by position off an index in order), in the same
SQL on SQLite and PostgreSQL: nothing loads every referral into Python.

Time is the network's wall clock, Europe/Helsinki: a period runs from the
first day's midnight to the midnight after the last day, weeks are ISO weeks
(``2026-W02``) and "2 working days" skips Saturdays and Sundays. Each referral
keeps its opening and first owner as Helsinki wall-clock seconds, written when
they happen (routing/models.py), so the figures are integer arithmetic over
index ranges; each figure's index is in the order it groups or ranks by,
because SQLite cannot group without sorting otherwise.

Small numbers: any count from 1 to 4 is shown as ``"<5"`` (0 stays 0), and a
median or share computed from 1 to 4 referrals is not shown (``null``), so
that no figure points at a person.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.engine import Row
from sqlmodel import Session
from sqlmodel.sql.sqltypes import UTCDateTime

from routing.core.clock import DAY, HELSINKI, WEEK, helsinki_day, local_seconds, utc_seconds, utcnow, week_number
from routing.core.errors import BadInput
from routing.figures.directory import services_confirmed, weeks_full
from routing.matcher.gazetteer import gazetteer
from routing.referrals.models import CHANNELS, DECLINE_REASONS, OUTCOMES

SMALL = "<5"
EPOCH_DAY = date(1970, 1, 1)
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
UNOWNED_DAYS = 14
SQLITE_MMAP_BYTES = 2**31 - 2**16  # SQLite's usual compile-time ceiling
POSTGRESQL_WORK_MEM = "64MB"
# the percentiles reported, as exact fractions (num, den): no float rounding between SQL and Python
MEDIAN = (1, 2)
P90 = (9, 10)

Count = int | str


class FiguresError(BadInput):
    """Bad input for the figures (a date, the period, a region): the message says which and why.

    ``field`` names the input at fault: ``from``, ``to`` (a date or the order of the two) or ``region``.
    """

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


# --- the period, the region and who is asking ----------------------------------


@dataclass(frozen=True)
class Scope:
    """What the figures cover: the referrals opened from ``start`` to ``end`` (inclusive, Helsinki days)."""

    start: date
    end: date
    region: str | None = None
    municipalities: tuple[str, ...] | None = None  # the region's municipality codes
    # an org-admin's view: only referrals their organisation took part in, only their own rows
    organization_id: str | None = None

    @property
    def start_utc(self) -> datetime:
        return datetime.combine(self.start, time(), HELSINKI).astimezone(UTC)

    @property
    def end_utc(self) -> datetime:
        """The instant after the period: midnight after the last day."""
        return datetime.combine(self.end + timedelta(days=1), time(), HELSINKI).astimezone(UTC)

    @property
    def first_monday(self) -> date:
        return self.start - timedelta(days=self.start.weekday())

    def week_labels(self) -> list[str]:
        """ISO weeks touched by the period, in order (``2026-W02``)."""
        labels = []
        monday = self.first_monday
        while monday <= self.end:
            labels.append(iso_week(monday))
            monday += timedelta(days=7)
        return labels


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_day(value: str | None, name: str) -> date | None:
    if value is None or not str(value).strip():
        return None
    try:
        day = date.fromisoformat(str(value).strip())
    except ValueError:
        raise FiguresError(f"{name}: {value!r} is not a date; write it as YYYY-MM-DD", name) from None
    if not EARLIEST <= day <= LATEST:
        raise FiguresError(f"{name}: {day.isoformat()} is outside {EARLIEST.isoformat()}…{LATEST.isoformat()}", name)
    return day


@functools.cache
def region_municipalities(region: str) -> tuple[str, ...]:
    """The codes of a region's municipalities (empty for an unknown region)."""
    return tuple(sorted(m.code for m in gazetteer().municipalities if m.region_code == region))


def normalise_region(value: str | None) -> tuple[str | None, tuple[str, ...] | None]:
    """A region as given (``01``, ``1``, ``Uusimaa``, ``Nyland``) → (its code, its municipalities).

    An unknown region is a FiguresError.
    """
    if value is None or not str(value).strip():
        return None, None
    code = gazetteer().lookup_region(str(value))
    if code is None:
        raise FiguresError(
            f"region: no region {value!r}; give a 2-digit maakunta code such as 01, or its name", "region"
        )
    return code, region_municipalities(code)


def make_scope(
    from_: str | None = None,
    to: str | None = None,
    region: str | None = None,
    *,
    organization_id: str | None = None,
    now: datetime | None = None,
) -> Scope:
    """Check the caller's period and region; without dates, 1 January of this year to today (Helsinki)."""
    today = helsinki_day(now)
    start = parse_day(from_, "from")
    end = parse_day(to, "to")
    if end is None:
        end = today if start is None or start <= today else start
    if start is None:
        start = date(end.year, 1, 1)
    if end < start:
        raise FiguresError(f"to ({end.isoformat()}) is before from ({start.isoformat()})", "to")
    code, municipalities = normalise_region(region)
    return Scope(start, end, code, municipalities, organization_id)


def suppress(n: int | None) -> Count:
    """A count as it may be shown: 1 to 4 becomes "<5"."""
    n = int(n or 0)
    return SMALL if 0 < n < 5 else n


# --- the SQL --------------------------------------------------------------------


@dataclass
class _Sql:
    """The figures' SQL for one database and one scope, with its bound parameters.

    The referrals carry their opening and first owner as integers (``opened_local``,
    ``opened_week``, ``owned_local``, ``seconds_to_owner``, ``first_owner_org_id``;
    routing/models.py) and their needs a copy of the opening and municipality, so the
    figures are integer arithmetic over index ranges.
    """

    session: Session
    scope: Scope
    now: datetime
    params: dict[str, Any] = field(default_factory=dict)
    binds: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.dialect = self.session.get_bind().dialect.name
        if self.dialect == "sqlite":
            # memory-mapped reads: the figures probe indexes a lot, and this spares copying each page
            self.session.connection().exec_driver_sql(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        else:
            # for this transaction only: JIT compiling costs more than it saves on these queries,
            # and the sorts left (returns to open) should stay in memory
            self.session.connection().exec_driver_sql("SET LOCAL jit = off")
            self.session.connection().exec_driver_sql(f"SET LOCAL work_mem = '{POSTGRESQL_WORK_MEM}'")
        if self.scope.municipalities is not None:
            self.params["munis"] = list(self.scope.municipalities)
            self.binds.append(bindparam("munis", expanding=True))
        if self.scope.organization_id is not None:
            self.params["org"] = self.scope.organization_id
        # our own integers go into the SQL text: a parameter repeated in a GROUP BY would be
        # a different placeholder to PostgreSQL, and these are never user input.
        # The period in Helsinki wall-clock seconds: from the first day's midnight to the one after the last.
        self.start = (self.scope.start - EPOCH_DAY).days * DAY
        self.end = (self.scope.end - EPOCH_DAY).days * DAY + DAY
        self.week0 = week_number(self.start)  # week index 0: the period's first week
        self.last_week = week_number(self.end - 1)
        self.now_epoch = utc_seconds(self.now)
        self.now_local = local_seconds(self.now)

    def epoch(self, column: str) -> str:
        """Whole UTC epoch seconds of a timestamp column, rounded (NULL stays NULL).

        ``julianday`` and ``date_part`` are the cheap ways to a number on each
        database (``strftime('%s')`` and ``EXTRACT``'s numeric are several times slower).
        """
        if self.dialect == "sqlite":
            return f"CAST(ROUND((julianday({column}) - 2440587.5) * 86400) AS INTEGER)"
        return f"CAST(ROUND(date_part('epoch', {column})) AS BIGINT)"

    def indexed_by(self, index: str) -> str:
        """SQLite: read the period's referrals through this index (the planner would sometimes take another
        and sort); not an org-admin's, which are few enough to start from (``took_part``) and sort."""
        return f" INDEXED BY {index}" if self.dialect == "sqlite" and self.scope.organization_id is None else ""

    def is_true(self, column: str, value: bool = True) -> str:
        """SQL: a boolean column is ``value``, written as the partial indexes are (1/0 on SQLite)."""
        if self.dialect == "sqlite":
            return f"{column} = {int(value)}"
        return column if value else f"NOT {column}"

    def took_part(self, r: str, id_column: str = "id") -> str:
        """SQL: the org-admin's organisation took part in the referral ``r.id_column`` names
        (its front door, holder, or offered to).

        The few referrals it took part in are listed once per statement (each through an index),
        not looked for referral by referral in the period's.
        """
        return (
            f"{r}.{id_column} IN (SELECT xr.id FROM referral xr WHERE xr.front_door_id = :org"
            " UNION SELECT xr.id FROM referral xr WHERE xr.holder_id = :org"
            " UNION SELECT xo.referral_id FROM offer xo WHERE xo.organization_id = :org"
            " UNION SELECT xo.referral_id FROM offer xo JOIN ring_member rm ON rm.ring_id = xo.ring_id"
            " WHERE rm.organization_id = :org)"
        )

    def cohort_where(self, r: str = "r") -> str:
        """The conditions on referral ``r`` that make the cohort: opened in the period, the region, the org-admin's.

        The week bounds add nothing but let the week-ordered indexes read just the period's range.
        """
        where = [
            f"{r}.opened_week BETWEEN {self.week0} AND {self.last_week}",
            f"{r}.opened_local >= {self.start}",
            f"{r}.opened_local < {self.end}",
        ]
        if self.scope.municipalities is not None:
            where.append(f"{r}.municipality IN :munis")
        if self.scope.organization_id is not None:
            where.append(self.took_part(r))
        return " AND ".join(where)

    def need_where(self, rn: str = "rn") -> str:
        """The conditions on need ``rn`` that make it one of the cohort's, by the copies the need keeps."""
        where = [f"{rn}.opened_local >= {self.start}", f"{rn}.opened_local < {self.end}"]
        if self.scope.municipalities is not None:
            where.append(f"{rn}.municipality IN :munis")
        if self.scope.organization_id is not None:
            where.append(self.took_part(rn, "referral_id"))
        return " AND ".join(where)

    def statement(self, sql: str) -> TextClause:
        """``sql`` with the types of the parameters it uses."""
        used = [b for b in self.binds if re.search(rf":{b.key}\b", sql)]
        return text(sql).bindparams(*used)

    def run(self, sql: str, **extra: Any) -> Sequence[Row[Any]]:
        return self.session.connection().execute(self.statement(sql), {**self.params, **extra}).all()

    def percentiles(
        self, value: str, source: str, n: int, fractions: Sequence[tuple[int, int]], **extra: Any
    ) -> list[float]:
        """The percentiles of ``value`` over the ``n`` rows of ``source`` (``FROM … WHERE …``), by position.

        Each one is read with ``ORDER BY value LIMIT … OFFSET …`` from an index already in
        that order, so nothing is sorted (sorting a million rows takes SQLite a second):
        linear interpolation between the closest ranks, as PostgreSQL's ``percentile_cont``.
        """
        found = []
        for num, den in fractions:
            lo, rest = divmod(num * (n - 1), den)
            rows = self.run(
                f"SELECT {value} AS v {source} ORDER BY {value} LIMIT {2 if rest else 1} OFFSET {lo}", **extra
            )
            low = float(rows[0].v)
            found.append(low + (float(rows[1].v) - low) * rest / den if rest else low)
        return found


def _positions(rn: str, n: str, *fractions: tuple[int, int]) -> str:
    """SQL: is the 1-based row ``rn`` of ``n`` sorted values one of those the percentiles need."""
    picks = []
    for num, den in fractions:
        picks.append(f"({num} * ({n} - 1)) / {den}")
        picks.append(f"({num} * ({n} - 1) + {den - 1}) / {den}")
    return f"({rn} - 1 IN ({', '.join(picks)}))"


def _percentile(values: dict[int, float], n: int, fraction: tuple[int, int]) -> float:
    """Linear interpolation between the closest ranks (PostgreSQL's percentile_cont)."""
    num, den = fraction
    lo, rest = divmod(num * (n - 1), den)
    value = values[lo]
    if rest:
        value += (values[lo + 1] - value) * rest / den
    return value


def _percentiles(
    rows: Iterable[tuple[Any, float, int, int]], fractions: Sequence[tuple[int, int]]
) -> dict[Any, tuple[int, list[float]]]:
    """Rows of (group, value, rank, group size) at the picked ranks → {group: (size, [percentiles])}."""
    picked: dict[Any, dict[int, float]] = defaultdict(dict)
    sizes: dict[Any, int] = {}
    for group, value, rank, size in rows:
        picked[group][int(rank) - 1] = float(value)
        sizes[group] = int(size)
    return {g: (sizes[g], [_percentile(picked[g], sizes[g], f) for f in fractions]) for g in picked}


def _receiving_organisation() -> str:
    """SQL: the organisation an offer ``o`` went to; for a ring, that of the person who decided it."""
    return "COALESCE(o.organization_id, (SELECT u.organization_id FROM staff_user u WHERE u.id = o.decided_by_id))"


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


def _stat(n: int, seconds: float | None) -> float | None:
    """A median or percentile in hours, hidden when it describes 1 to 4 referrals."""
    return None if n < 5 else _hours(seconds)


# --- the figures, one query each --------------------------------------------------

OWNED = "r.seconds_to_owner IS NOT NULL"  # the referral has had a named owner


class Figures:
    """Each method is one figure (the benchmark times them one by one); one instance shares what two need."""

    def __init__(self, session: Session, scope: Scope, now: datetime | None = None) -> None:
        self.scope = scope
        self.now = now or utcnow()
        self.sql = _Sql(session, scope, self.now)

    def opened(self) -> Sequence[Row[Any]]:
        """(week index, front door, channel, opened, of which owned)."""
        s = self.sql
        return s.run(
            f"SELECT r.opened_week - {s.week0} AS wk, r.front_door_id, r.channel, COUNT(*) AS n,"
            f" COUNT(r.seconds_to_owner) AS owned FROM referral r{s.indexed_by('ix_referral_opened')}"
            f" WHERE {s.cohort_where()} GROUP BY r.opened_week, r.front_door_id, r.channel"
        )

    @functools.cached_property
    def _owned_per_week(self) -> dict[int, int]:
        """{week index: referrals opened that week that have had an owner} (time_to_owner and its weekly split)."""
        s = self.sql
        rows = s.run(
            f"SELECT r.opened_week - {s.week0} AS wk, COUNT(*) AS n"
            f" FROM referral r{s.indexed_by('ix_referral_week_to_owner')}"
            f" WHERE {s.cohort_where()} AND {OWNED} GROUP BY r.opened_week"
        )
        return {int(r.wk): int(r.n) for r in rows}

    def time_to_owner(self) -> tuple[int, float | None, float | None]:
        """(owned, median, 90th percentile) of the seconds from opening to the first named owner."""
        s = self.sql
        n = sum(self._owned_per_week.values())
        if n == 0:
            return 0, None, None
        median, p90 = s.percentiles(
            "r.seconds_to_owner",
            f"FROM referral r{s.indexed_by('ix_referral_to_owner')} WHERE {s.cohort_where()} AND {OWNED}",
            n,
            (MEDIAN, P90),
        )
        return n, median, p90

    def weekly_time_to_owner(self) -> dict[int, tuple[int, float]]:
        """{week index: (owned, median seconds)}, by the week the referral was opened."""
        s = self.sql
        weekly = {}
        for wk, n in sorted(self._owned_per_week.items()):
            (median,) = s.percentiles(
                "r.seconds_to_owner",
                f"FROM referral r{s.indexed_by('ix_referral_week_to_owner')}"
                f" WHERE r.opened_week = {s.week0 + wk} AND {s.cohort_where()} AND {OWNED}",
                n,
                (MEDIAN,),
            )
            weekly[wk] = (n, median)
        return weekly

    def owned_within_two_working_days(self) -> tuple[int, int]:
        """(owned in time, due): referrals whose 2-working-day deadline has passed, and those owned by it.

        Opened on Monday to Wednesday: the deadline is the same time two days later;
        Thursday or Friday: four days later (over the weekend); Saturday or Sunday:
        Wednesday 00:00, as if opened when Monday began. Wall-clock times, so a
        change to or from summer time over the weekend moves nothing.
        """
        s = self.sql
        # sw: seconds since the opening week's Monday 00:00
        row = s.run(
            f"WITH d AS (SELECT r.opened_local AS lc, r.owned_local AS lo, (r.opened_local + {3 * DAY}) % {WEEK} AS sw"
            f" FROM referral r{s.indexed_by('ix_referral_opened')} WHERE {s.cohort_where()}),"
            f" e AS (SELECT lo, lc + CASE WHEN sw < {3 * DAY} THEN {2 * DAY} WHEN sw < {5 * DAY} THEN {4 * DAY}"
            f" ELSE {9 * DAY} - sw END AS deadline FROM d)"
            " SELECT COUNT(*) AS due, COALESCE(SUM(CASE WHEN lo <= deadline THEN 1 ELSE 0 END), 0) AS ok"
            f" FROM e WHERE deadline <= {s.now_local}"
        )[0]
        return int(row.ok), int(row.due)

    def time_to_owner_by_organisation(self) -> dict[str, tuple[int, float, float]]:
        """Per receiving organisation, that of the person who first accepted: {org: (owned, median, p90)}.

        A handoff later moves the holder, not the first owner's organisation (``first_owner_org_id``).
        """
        s = self.sql
        source = f"FROM referral r{s.indexed_by('ix_referral_org_to_owner')} WHERE {s.cohort_where()} AND {OWNED}"
        own = " AND r.first_owner_org_id = :org" if s.scope.organization_id else ""
        sizes = s.run(
            f"SELECT r.first_owner_org_id AS org, COUNT(*) AS n {source}"
            f" AND r.first_owner_org_id IS NOT NULL{own} GROUP BY r.first_owner_org_id"
        )
        found = {}
        for size in sizes:
            median, p90 = s.percentiles(
                "r.seconds_to_owner",
                f"{source} AND r.first_owner_org_id = :receiver",
                int(size.n),
                (MEDIAN, P90),
                receiver=size.org,
            )
            found[size.org] = (int(size.n), median, p90)
        return found

    def declines(self) -> Sequence[Row[Any]]:
        """(organisation, reason, declined offers) for the cohort's offers.

        From the declined offers to their referrals, not from every referral of the period.
        """
        s = self.sql
        org = _receiving_organisation()
        own = f" AND {org} = :org" if s.scope.organization_id else ""
        return s.run(
            f"SELECT {org} AS org, o.reason AS reason, COUNT(*) AS n FROM offer o CROSS JOIN referral r"
            f" WHERE o.state = 'declined' AND r.id = o.referral_id AND {s.cohort_where()}{own}"
            f" GROUP BY {org}, o.reason"
        )

    def returned_to_open(self) -> tuple[int, int, float | None]:
        """(referrals, times, median seconds waiting): back to ``open`` after an offer, until the next move.

        A wait that has not ended yet is counted up to now.
        """
        s = self.sql
        rows = s.run(
            f"WITH b AS (SELECT e.referral_id, {s.epoch('e.at')} AS be, (SELECT MIN(e2.at) FROM event e2"
            " WHERE e2.referral_id = e.referral_id AND e2.from_state = 'open' AND e2.to_state <> 'open'"
            " AND e2.at >= e.at AND e2.id > e.id) AS left_at"
            # from the few returns (a partial index) to their referrals, not the other way round
            " FROM event e CROSS JOIN referral r WHERE r.id = e.referral_id"
            f" AND e.to_state = 'open' AND e.from_state <> 'open' AND {s.cohort_where()}),"
            f" w AS (SELECT referral_id, COALESCE({s.epoch('left_at')}, {s.now_epoch}) - be AS secs FROM b),"
            " k AS (SELECT COUNT(*) AS n, COUNT(DISTINCT referral_id) AS referrals FROM w),"
            " x AS (SELECT secs, ROW_NUMBER() OVER (ORDER BY secs) AS rn FROM w)"
            f" SELECT x.secs, x.rn, k.n, k.referrals FROM x CROSS JOIN k WHERE {_positions('x.rn', 'k.n', MEDIAN)}"
        )
        if not rows:
            return 0, 0, None
        found = _percentiles(((None, r.secs, r.rn, r.n) for r in rows), (MEDIAN,))
        n, (median,) = found[None]
        return int(rows[0].referrals), n, median

    def needs(self) -> Sequence[Row[Any]]:
        """(need, municipality, referrals) from the need codes routing found."""
        s = self.sql
        return s.run(
            "SELECT rn.need AS need, rn.municipality AS municipality, COUNT(*) AS n"
            f" FROM referral_need rn{s.indexed_by('ix_referral_need_opened')} WHERE {s.need_where()}"
            " GROUP BY rn.need, rn.municipality"
        )

    def unmet_needs(self) -> Sequence[Row[Any]]:
        """(need, municipality, referrals) where no eligible service covered the need, or every offer was declined.

        Two cheap paths instead of one test per need: the needs marked unmet at
        routing (a partial index holds just those), and the needs of referrals
        that never had an owner (every offer declined means nobody accepted).
        """
        s = self.sql
        return s.run(
            "WITH x AS (SELECT rn.need, rn.municipality FROM referral_need rn"
            f" WHERE {s.is_true('rn.unmet')} AND {s.need_where()}"
            " UNION ALL SELECT rn.need, r.municipality FROM referral r JOIN referral_need rn ON rn.referral_id = r.id"
            f" WHERE {s.cohort_where()} AND r.seconds_to_owner IS NULL AND {s.is_true('rn.unmet', False)}"
            " AND EXISTS (SELECT 1 FROM offer o WHERE o.referral_id = r.id AND o.kind = 'referral')"
            " AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.referral_id = r.id AND o.kind = 'referral'"
            " AND o.state <> 'declined'))"
            " SELECT need, municipality, COUNT(*) AS n FROM x GROUP BY need, municipality"
        )

    def engine_agreement(self) -> Sequence[Row[Any]]:
        """(week index, front door, referrals the engine read, of which the desk left the needs as read)."""
        s = self.sql
        return s.run(
            f"SELECT r.opened_week - {s.week0} AS wk, r.front_door_id, COUNT(*) AS n,"
            f" SUM(CASE WHEN {s.is_true('r.needs_corrected')} THEN 0 ELSE 1 END) AS agreed"
            f" FROM referral r WHERE {s.cohort_where()} AND r.engine_needs IS NOT NULL"
            " GROUP BY r.opened_week, r.front_door_id"
        )

    def needs_changed(self) -> tuple[dict[str, int], dict[str, int]]:
        """({need: referrals where the desk added it}, {need: where it removed it}) over the corrected ones."""
        s = self.sql
        rows = s.run(
            "SELECT r.id, r.engine_needs, rn.need FROM referral r LEFT JOIN referral_need rn ON rn.referral_id = r.id"
            f" WHERE {s.cohort_where()} AND {s.is_true('r.needs_corrected')}"
        )
        read: dict[str, set[str]] = {}
        used: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            engine = r.engine_needs if isinstance(r.engine_needs, list) else json.loads(r.engine_needs or "[]")
            read[r.id] = set(engine)
            if r.need:
                used[r.id].add(r.need)
        added: dict[str, int] = defaultdict(int)
        removed: dict[str, int] = defaultdict(int)
        for rid, engine_needs in read.items():
            for need in used[rid] - engine_needs:
                added[need] += 1
            for need in engine_needs - used[rid]:
                removed[need] += 1
        return dict(added), dict(removed)

    def outcomes(self) -> Sequence[Row[Any]]:
        s = self.sql
        # outcome is set exactly when a referral is closed (and is in the cohort's index; state is not)
        return s.run(
            f"SELECT r.outcome, COUNT(*) AS n FROM referral r{s.indexed_by('ix_referral_opened')}"
            f" WHERE {s.cohort_where()} AND r.outcome IS NOT NULL GROUP BY r.outcome"
        )

    def unowned(self) -> Sequence[Row[Any]]:
        """Cases with no named owner opened more than 14 days ago, oldest first, whenever opened."""
        s = self.sql
        where = [
            "r.state IN ('open', 'offered')",
            "r.owner_id IS NULL",
            "r.created_at < :cutoff",
        ]
        if s.scope.municipalities is not None:
            where.append("r.municipality IN :munis")
        if s.scope.organization_id is not None:
            where.append("r.holder_id = :org")
        statement = s.statement(
            "SELECT r.id, r.created_at, r.state, r.holder_id, org.name AS holder FROM referral r"
            f" JOIN organization org ON org.id = r.holder_id WHERE {' AND '.join(where)}"
            " ORDER BY r.created_at, r.id"
        ).bindparams(bindparam("cutoff", type_=UTCDateTime()))
        params = {**s.params, "cutoff": self.now - timedelta(days=UNOWNED_DAYS)}
        return s.session.connection().execute(statement.columns(created_at=UTCDateTime()), params).all()

    def organization_names(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = sorted({i for i in ids if i})
        if not wanted:
            return {}
        statement = text("SELECT id, name FROM organization WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        )
        return {r.id: r.name for r in self.sql.session.connection().execute(statement, {"ids": wanted})}


# the figures one by one, for the benchmark
FIGURE_QUERIES = (
    "opened",
    "time_to_owner",
    "weekly_time_to_owner",
    "owned_within_two_working_days",
    "time_to_owner_by_organisation",
    "declines",
    "returned_to_open",
    "needs",
    "unmet_needs",
    "outcomes",
    "unowned",
    "engine_agreement",
    "needs_changed",
)


def compute_figures(session: Session, scope: Scope, now: datetime | None = None) -> dict[str, Any]:
    """The figures as the contract's JSON (shared/CONTRACT.md "Figures"), small numbers suppressed."""
    f = Figures(session, scope, now)
    labels = scope.week_labels()

    opened_rows = f.opened()
    owned_n, owned_median, owned_p90 = f.time_to_owner()
    weekly = f.weekly_time_to_owner()
    within_ok, within_due = f.owned_within_two_working_days()
    by_org_time = f.time_to_owner_by_organisation()
    decline_rows = f.declines()
    returned_refs, returned_times, returned_median = f.returned_to_open()
    unowned = f.unowned()

    agreement_rows = f.engine_agreement()
    names = f.organization_names(
        [r.front_door_id for r in opened_rows]
        + list(by_org_time)
        + [r.org for r in decline_rows]
        + [r.front_door_id for r in agreement_rows]
    )

    weeks_opened: dict[int, int] = defaultdict(int)
    weeks_owned: dict[int, int] = defaultdict(int)
    front_doors: dict[str, int] = defaultdict(int)
    channels: dict[str, int] = dict.fromkeys(CHANNELS, 0)
    for r in opened_rows:
        weeks_opened[int(r.wk)] += r.n
        weeks_owned[int(r.wk)] += r.owned
        front_doors[r.front_door_id] += r.n
        channels[r.channel] = channels.get(r.channel, 0) + r.n
    if scope.organization_id is not None:
        front_doors = {k: v for k, v in front_doors.items() if k == scope.organization_id}

    reasons: dict[str, int] = dict.fromkeys(DECLINE_REASONS, 0)
    declines_by_org: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(DECLINE_REASONS, 0))
    for r in decline_rows:
        reason = r.reason or "other"
        reasons[reason] = reasons.get(reason, 0) + r.n
        if r.org is not None:
            declines_by_org[r.org][reason] = declines_by_org[r.org].get(reason, 0) + r.n

    outcomes: dict[str, int] = dict.fromkeys(OUTCOMES, 0)
    for r in f.outcomes():
        if r.outcome is not None:
            outcomes[r.outcome] = outcomes.get(r.outcome, 0) + r.n

    def by_name(counts: dict[str, int]) -> dict[str, Count]:
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
        return {names.get(k, k): suppress(v) for k, v in ordered}

    def need_rows(rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
        ordered = sorted(rows, key=lambda r: (-r.n, r.need, r.municipality or ""))
        return [{"need": r.need, "municipality": r.municipality, "count": suppress(r.n)} for r in ordered]

    opened_total = sum(weeks_opened.values())
    return {
        "from": scope.start.isoformat(),
        "to": scope.end.isoformat(),
        "region": scope.region,
        "organization_id": scope.organization_id,
        "opened_total": suppress(opened_total),
        "owned_total": suppress(owned_n),
        "time_to_owner_hours": {
            "median": _stat(owned_n, owned_median),
            "p90": _stat(owned_n, owned_p90),
            "owned_within_2_working_days": round(within_ok / within_due, 2) if within_due >= 5 else None,
        },
        "declines_by_reason": {k: suppress(v) for k, v in reasons.items()},
        "outcomes": {k: suppress(v) for k, v in outcomes.items()},
        "needs": need_rows(f.needs()),
        "unmet_needs": need_rows(f.unmet_needs()),
        "weeks": [
            {
                "week": label,
                "opened": suppress(weeks_opened.get(i, 0)),
                "owned": suppress(weeks_owned.get(i, 0)),
                "median_hours_to_owner": _stat(*weekly.get(i, (0, None))),
            }
            for i, label in enumerate(labels)
        ],
        "unowned_older_than_14_days": [
            {
                "id": r.id,
                "opened_at": r.created_at.astimezone(UTC).isoformat(),
                "holder": r.holder,
                "holder_id": r.holder_id,
                "state": r.state,
            }
            for r in unowned
        ],
        "by_front_door": by_name(front_doors),
        "by_channel": {k: suppress(v) for k, v in channels.items()},
        "time_to_owner_by_organisation": [
            {
                "organization_id": org,
                "name": names.get(org, org),
                "owned": suppress(n),
                "median": _stat(n, median),
                "p90": _stat(n, p90),
            }
            for org, (n, median, p90) in sorted(by_org_time.items(), key=lambda kv: names.get(kv[0], kv[0]))
        ],
        "declines_by_organisation": [
            {
                "organization_id": org,
                "name": names.get(org, org),
                "count": suppress(sum(counts.values())),
                "by_reason": {k: suppress(v) for k, v in counts.items()},
            }
            for org, counts in sorted(declines_by_org.items(), key=lambda kv: names.get(kv[0], kv[0]))
        ],
        "returned_to_open": {
            "count": suppress(returned_refs),
            "times": suppress(returned_times),
            "median_hours_waiting": _stat(returned_times, returned_median),
        },
        # the directory's upkeep: about services, not clients, so nothing is suppressed
        "services_confirmed": services_confirmed(session, scope),
        "weeks_full": weeks_full(session, scope, f.now),
        "engine_agreement": _agreement(f, agreement_rows, labels, names, scope),
    }


def _share(agreed: int, read: int) -> float | None:
    """The share of referrals whose needs the desk left as read; none for fewer than 5 (it would point at a case)."""
    return round(agreed / read, 2) if read >= 5 else None


def _agreement(
    f: Figures, rows: Sequence[Row[Any]], labels: list[str], names: dict[str, str], scope: Scope
) -> dict[str, Any]:
    """How often the desk left the engine's reading of the needs as it was: over the period, per week and
    front door, and the needs the desk most often added and removed (a quality figure to watch)."""
    weeks: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    doors: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        for bucket in (weeks[int(r.wk)], doors[r.front_door_id]):
            bucket[0] += int(r.n)
            bucket[1] += int(r.agreed or 0)
    if scope.organization_id is not None:
        doors = defaultdict(lambda: [0, 0], {k: v for k, v in doors.items() if k == scope.organization_id})
    read = sum(n for n, _agreed in weeks.values())
    agreed = sum(a for _n, a in weeks.values())
    added, removed = f.needs_changed()

    def ranked(counts: dict[str, int]) -> list[dict[str, Any]]:
        return [{"need": k, "count": suppress(v)} for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    return {
        "read": suppress(read),
        "share": _share(agreed, read),
        "weeks": [
            {"week": label, "read": suppress(weeks[i][0]), "share": _share(weeks[i][1], weeks[i][0])}
            for i, label in enumerate(labels)
            if i in weeks
        ],
        "by_front_door": {
            names.get(k, k): {"read": suppress(n), "share": _share(a, n)}
            for k, (n, a) in sorted(doors.items(), key=lambda kv: (-kv[1][0], names.get(kv[0], kv[0])))
        },
        "needs_added": ranked(added),
        "needs_removed": ranked(removed),
    }


# --- the same numbers as tables: the page, the CSV downloads and the command's output ---


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    keys: int = 1  # how many leading columns name a row (need and municipality: 2)


def figure_tables(figures: dict[str, Any]) -> list[Table]:
    """The figures as named tables; the page, ``--format table|csv`` and the CSV downloads all use these."""
    tto = figures["time_to_owner_hours"]
    returned = figures["returned_to_open"]
    agreement = figures["engine_agreement"]
    added = {n["need"]: n["count"] for n in agreement["needs_added"]}
    removed = {n["need"]: n["count"] for n in agreement["needs_removed"]}
    tables = [
        Table(
            "summary",
            "Summary",
            ["figure", "value"],
            [
                ["opened", figures["opened_total"]],
                ["owned", figures["owned_total"]],
                ["median_hours_to_owner", tto["median"]],
                ["p90_hours_to_owner", tto["p90"]],
                ["owned_within_2_working_days", tto["owned_within_2_working_days"]],
                ["returned_to_open", returned["count"]],
                ["median_hours_waiting_after_return", returned["median_hours_waiting"]],
                ["services_confirmed_share", figures.get("services_confirmed", {}).get("share")],
            ],
        ),
        Table(
            "weeks",
            "Referrals opened per week",
            ["week", "opened", "owned", "median_hours_to_owner"],
            [[w["week"], w["opened"], w["owned"], w["median_hours_to_owner"]] for w in figures["weeks"]],
        ),
        Table(
            "by_front_door",
            "Referrals opened by front door",
            ["organisation", "opened"],
            [[k, v] for k, v in figures["by_front_door"].items()],
        ),
        Table(
            "by_channel",
            "Referrals opened by channel",
            ["channel", "opened"],
            [[k, v] for k, v in figures["by_channel"].items()],
        ),
        Table(
            "time_to_owner_by_organisation",
            "Time to a named owner by receiving organisation",
            ["organisation", "owned", "median_hours", "p90_hours"],
            [[o["name"], o["owned"], o["median"], o["p90"]] for o in figures["time_to_owner_by_organisation"]],
        ),
        Table(
            "declines_by_reason",
            "Offers declined by reason",
            ["reason", "declined"],
            [[k, v] for k, v in figures["declines_by_reason"].items()],
        ),
        Table(
            "declines_by_organisation",
            "Offers declined by organisation",
            ["organisation", "declined", *DECLINE_REASONS],
            [
                [o["name"], o["count"], *(o["by_reason"].get(r, 0) for r in DECLINE_REASONS)]
                for o in figures["declines_by_organisation"]
            ],
        ),
        Table(
            "outcomes",
            "Outcomes of closed referrals",
            ["outcome", "closed"],
            [[k, v] for k, v in figures["outcomes"].items()],
        ),
        Table(
            "needs",
            "Needs asked for by municipality",
            ["need", "municipality", "referrals"],
            [[n["need"], n["municipality"], n["count"]] for n in figures["needs"]],
            keys=2,
        ),
        Table(
            "unmet_needs",
            "Unmet needs by municipality",
            ["need", "municipality", "referrals"],
            [[n["need"], n["municipality"], n["count"]] for n in figures["unmet_needs"]],
            keys=2,
        ),
        Table(
            "weeks_full",
            "Weeks at full, by service",
            ["service", "organisation", "weeks"],
            [[w["name"], w["organization"], w["weeks"]] for w in figures.get("weeks_full", [])],
        ),
        Table(
            "engine_agreement",
            "Needs the desk left as the engine read them",
            ["front_door", "read", "share"],
            [["all", agreement["read"], agreement["share"]]]
            + [[k, v["read"], v["share"]] for k, v in agreement["by_front_door"].items()],
        ),
        Table(
            "engine_agreement_weeks",
            "Needs left as read, per week",
            ["week", "read", "share"],
            [[w["week"], w["read"], w["share"]] for w in agreement["weeks"]],
        ),
        Table(
            "needs_corrected",
            "Needs the desk added or removed",
            ["need", "added", "removed"],
            [[need, added.get(need, 0), removed.get(need, 0)] for need in dict.fromkeys([*added, *removed])],
        ),
        Table(
            "unowned_older_than_14_days",
            "Cases with no named owner after 14 days",
            ["id", "opened_at", "holder", "state"],
            [[u["id"], u["opened_at"], u["holder"], u["state"]] for u in figures["unowned_older_than_14_days"]],
        ),
    ]
    return tables


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


# a spreadsheet runs a cell that starts so as a formula: a name from an import could be "=HYPERLINK(...)"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    """The cell as a spreadsheet shows it and never runs it: text that would start a formula is quoted
    with a leading apostrophe (OWASP's advice); numbers stay numbers."""
    cell = _cell(value)
    return "'" + cell if isinstance(value, str) and cell.startswith(_FORMULA_STARTS) else cell


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([[_csv_cell(v) for v in row] for row in table.rows])
    return out.getvalue()


def figures_csv(figures: dict[str, Any]) -> str:
    """Every table in one long CSV: ``table,row,column,value``; the row is the table's first
    column, or its key columns joined by "/" (``education/245``: a need in a municipality)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "row", "column", "value"])
    for table in figure_tables(figures):
        for row in table.rows:
            key = "/".join(_cell(v) for v in row[: table.keys])
            for column, value in zip(table.columns[table.keys :], row[table.keys :], strict=True):
                writer.writerow([table.name, _csv_cell(key), column, _csv_cell(value)])
    return out.getvalue()


def figures_text(figures: dict[str, Any]) -> str:
    """The tables for a terminal."""
    region = f", region {figures['region']}" if figures["region"] else ""
    lines = [f"Referrals opened {figures['from']} … {figures['to']}{region}", ""]
    for table in figure_tables(figures):
        lines.append(table.title)
        cells = [table.columns, *[[_cell(v) if v is not None else "–" for v in row] for row in table.rows]]
        widths = [max(len(str(r[i])) for r in cells) for i in range(len(table.columns))]
        for i, row in enumerate(cells):
            lines.append("  " + "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
            if i == 0:
                lines.append("  " + "  ".join("-" * w for w in widths))
        if not table.rows:
            lines.append("  (none)")
        lines.append("")
    return "\n".join(lines)
