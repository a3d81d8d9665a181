"""A service's capacity as the ranking and the pages see it: in force, stale or unknown, and its words.

Capacity orders services only inside a tier of the counsellor's order (open, then
shorter waits, then unknown, then full); it never lifts a service above a better
tier and never filters one out: the desk still sees a full service, marked so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from routing.core.clock import helsinki_day
from routing.core.texts import N_, text

CAPACITIES = ("open", "waitlist", "full")
DEFAULT_STALE_DAYS = 14
UNKNOWN_RANK = (2, 0)

# words from the Babel catalogues, like every text a person reads (core/texts.py)
_TEXT: dict[str, str] = {
    "open": N_("has room"),
    "waitlist": N_("waiting list about %(weeks)s wk"),
    "full": N_("full until %(until)s"),
    "unknown": N_("capacity unknown"),
    "today": N_("updated today"),
    "days": N_("updated %(n)s days ago"),
}


def day_text(day: date, language: str) -> str:
    return day.isoformat() if language == "en" else f"{day.day}.{day.month}.{day.year}"


def days_ago(at: datetime, now: datetime) -> int:
    """Whole calendar days (Helsinki) from ``at`` to ``now``."""
    return max(0, (helsinki_day(now) - helsinki_day(at)).days)


@dataclass(frozen=True, slots=True)
class Capacity:
    """What a service's organisation last said about its room for new clients."""

    state: str  # open | waitlist | full
    weeks: int | None
    until: date | None
    updated_at: datetime

    def stale(self, now: datetime, stale_days: int = DEFAULT_STALE_DAYS) -> bool:
        return now - self.updated_at > timedelta(days=stale_days)

    def in_force(self, now: datetime, stale_days: int = DEFAULT_STALE_DAYS) -> str | None:
        """The state that counts now; None (unknown) once stale, or once a full service's date has passed."""
        if self.stale(now, stale_days):
            return None
        if self.state == "full" and self.until is not None and helsinki_day(now) > self.until:
            return None
        return self.state

    def rank(self, now: datetime, stale_days: int = DEFAULT_STALE_DAYS) -> tuple[int, int]:
        """Smaller is better inside a tier: open, shorter waits, unknown, full."""
        state = self.in_force(now, stale_days)
        if state == "open":
            return (0, 0)
        if state == "waitlist":
            return (1, self.weeks or 0)
        if state == "full":
            return (3, 0)
        return UNKNOWN_RANK

    def label(self, language: str, now: datetime, stale_days: int = DEFAULT_STALE_DAYS) -> str:
        """E.g. ``jono n. 3 vk, päivitetty 2 pv sitten``; a stale one says it is unknown, with its age."""
        lang = language if language in ("fi", "sv", "en") else "en"
        state = self.in_force(now, stale_days) or "unknown"
        until = day_text(self.until, lang) if self.until else "?"
        what = text(lang, _TEXT[state], weeks=self.weeks if self.weeks is not None else "?", until=until)
        n = days_ago(self.updated_at, now)
        age = text(lang, _TEXT["today"]) if n == 0 else text(lang, _TEXT["days"], n=n)
        return f"{what}, {age}"


def rank_of(capacity: Capacity | None, now: datetime, stale_days: int = DEFAULT_STALE_DAYS) -> tuple[int, int]:
    return UNKNOWN_RANK if capacity is None else capacity.rank(now, stale_days)
