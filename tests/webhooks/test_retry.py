"""The retry policy: schedule, Retry-After, exhaustion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from webhooks import MAX_ATTEMPTS, RETRY_SCHEDULE, next_attempt_at, parse_retry_after

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def test_schedule_as_specified():
    assert [int(d.total_seconds()) for d in RETRY_SCHEDULE] == [
        0,
        5,
        300,
        1800,
        7200,
        18000,
        36000,
        50400,
        72000,
        86400,
    ]
    assert MAX_ATTEMPTS == 10
    # about three days from the first attempt to the last
    assert timedelta(days=3) < sum(RETRY_SCHEDULE, timedelta()) < timedelta(days=3, hours=4)


def test_walk_the_schedule_until_exhausted():
    when = T0
    waits = []
    for made in range(1, MAX_ATTEMPTS):
        nxt = next_attempt_at(made, when)
        assert nxt is not None
        waits.append(nxt - when)
        when = nxt
    assert waits == list(RETRY_SCHEDULE[1:])
    assert next_attempt_at(MAX_ATTEMPTS, when) is None
    assert next_attempt_at(MAX_ATTEMPTS + 3, when) is None


def test_attempts_made_must_be_positive():
    with pytest.raises(ValueError):
        next_attempt_at(0, T0)


def test_retry_after_lengthens_but_never_shortens():
    assert next_attempt_at(1, T0, timedelta(seconds=120)) == T0 + timedelta(seconds=120)
    assert next_attempt_at(3, T0, timedelta(seconds=1)) == T0 + timedelta(minutes=30)


def test_retry_after_is_capped():
    assert next_attempt_at(1, T0, timedelta(days=30)) == T0 + timedelta(hours=24)


def test_retry_after_does_not_revive_exhausted():
    assert next_attempt_at(MAX_ATTEMPTS, T0, timedelta(seconds=1)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", timedelta(seconds=120)),
        (" 0 ", timedelta(0)),
        ("Mon, 02 Mar 2026 06:10:00 GMT", timedelta(minutes=10)),
        ("Mon, 02 Mar 2026 05:00:00 GMT", timedelta(0)),  # in the past
        ("", None),
        (None, None),
        ("soon", None),
        ("-5", None),
        ("1.5", None),
    ],
)
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value, now=T0) == expected
