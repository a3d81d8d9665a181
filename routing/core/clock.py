"""Time: aware UTC now, and the Helsinki wall clock the figures count in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")
DAY = 86_400
WEEK = 7 * DAY
_EPOCH = datetime(1970, 1, 1)
_SECOND = timedelta(seconds=1)


def utcnow() -> datetime:
    """Aware UTC now: SQLModel's datetime columns store and return aware UTC."""
    return datetime.now(UTC)


def helsinki_day(at: datetime | None = None) -> date:
    """The calendar day in Helsinki at ``at`` (now by default): the network's day, whatever the machine's zone."""
    return (at or utcnow()).astimezone(HELSINKI).date()


def _utc(at: datetime) -> datetime:
    """Naive UTC (a bulk loader's naive datetimes are UTC)."""
    return at if at.tzinfo is None else at.astimezone(UTC).replace(tzinfo=None)


def utc_seconds(at: datetime) -> int:
    """Whole seconds since 1970 (UTC), rounded down."""
    return (_utc(at) - _EPOCH) // _SECOND


def local_seconds(at: datetime) -> int:
    """The Helsinki wall clock at ``at`` as whole seconds since 1970-01-01 00:00, rounded down.

    The figures count in it: a day is 86,400 of these even across a change to or from summer time.
    """
    wall = _utc(at).replace(tzinfo=UTC).astimezone(HELSINKI).replace(tzinfo=None)
    return (wall - _EPOCH) // _SECOND


def week_number(local: int) -> int:
    """The Monday-to-Sunday week of a wall-clock time, counted from Monday 29 December 1969."""
    return (local + 3 * DAY) // WEEK  # 1 January 1970 was a Thursday
