"""When to try a webhook message again.

Attempt 1 goes at once; after a failed attempt n the next one waits
``RETRY_SCHEDULE[n]``: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h,
24 h, about three days in all. After the tenth attempt the message is
kept as failed (dead letter) until someone replays it. A ``Retry-After``
from the receiver lengthens a wait, up to ``MAX_RETRY_AFTER``; it never
shortens one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

RETRY_SCHEDULE: tuple[timedelta, ...] = (
    timedelta(0),
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=14),
    timedelta(hours=20),
    timedelta(hours=24),
)
MAX_ATTEMPTS = len(RETRY_SCHEDULE)
# A receiver may ask us to wait, but not to hold a message for a week.
MAX_RETRY_AFTER = timedelta(hours=24)


def parse_retry_after(value: str | None, now: datetime | None = None) -> timedelta | None:
    """A ``Retry-After`` header as a wait: delay-seconds or an HTTP date.

    None when absent or unreadable; a date in the past gives zero.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return timedelta(seconds=int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else datetime.now(UTC)
    return max(when - current, timedelta(0))


def next_attempt_at(
    attempts_made: int,
    last_attempt_at: datetime,
    retry_after: timedelta | None = None,
) -> datetime | None:
    """When to try again after ``attempts_made`` failed attempts, the last at
    ``last_attempt_at``; None when the schedule is exhausted."""
    if attempts_made < 1:
        raise ValueError("attempts_made counts attempts already made (1 or more)")
    if attempts_made >= MAX_ATTEMPTS:
        return None
    wait = RETRY_SCHEDULE[attempts_made]
    if retry_after is not None:
        wait = max(wait, min(retry_after, MAX_RETRY_AFTER))
    return last_attempt_at + wait
