"""A small network with a hand-counted January 2026 (weeks W02 and W03), see ``build_january``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from routing.accounts.models import User
from routing.directory.models import Organization
from routing.referrals.models import Referral

from ..histories import History, hki


@dataclass
class January:
    a: Organization  # front door, Kerava (245)
    b: Organization  # front door, Vantaa (092)
    r1: Organization  # receiving
    r2: Organization  # receiving
    u1: User  # counsellor at r1
    u2: User  # counsellor at r2
    refs: dict[int, Referral]
    tokens: dict[str, str]  # role → API token


# "now" for the tests that pass it: every 2-working-day deadline of January has passed
NOW = hki(2026, 2, 20, 12, 0)


def build_january(s: Session) -> January:
    """Referrals 1–12 and 14 are in the period 2026-01-05…2026-01-18; 13 is before it.

    Times are Helsinki wall clock (hours to owner in brackets):

    W02 (Mon 5 – Sun 11 Jan)
      1 Mon 09:00 A desk 245 employment → r1 accepted 15:00 (6 h), served
      2 Mon 10:00 A desk 245 employment → r1 accepted Tue 10:00 (24 h), served
      3 Tue 12:00 A desk 245 debt → r2 declined no-capacity Wed 09:00 (back to open),
        re-offered r1 Thu 09:00 (waited 24 h), accepted Thu 12:00 (48 h, exactly on the deadline), served
      4 Wed 14:00 A ring 245 employment+housing → r1 accepted 16:00 (2 h), served
      5 Thu 16:00 B api 092 debt → r2 accepted Mon 12 Jan 15:00 (95 h; deadline Mon 16:00), served
      6 Fri 10:00 B desk 092 debt → r2 declined not-eligible 11:00; still open (unmet: all declined)
      7 Sat 11:00 B desk 092 housing, no eligible service (unmet); closed outside-network Mon 12 Jan
      8 Sun 23:30 A desk 245 employment (21:30 UTC) → r1 accepted Wed 14 Jan 00:30 (49 h; deadline Wed 00:00)
     14 Tue 09:00 A desk 179 employment → r1 accepted 13:00 (4 h)
    W03 (Mon 12 – Sun 18 Jan)
      9 Mon 00:30 A desk 245 employment (Sun 22:30 UTC) → r1 accepted 08:30 (8 h)
     10 Tue 09:00 A api 245 employment → r1 and r2 at 09:10; r1 declined wrong-service 12:00,
        r2 declined no-capacity Wed 12:00 (back to open); closed client-withdrew Fri 12:00 (waited 48 h)
     11 Wed 10:00 B desk 092 study-guidance → r1 accepted Fri 11:00 (49 h; deadline Fri 10:00)
     12 Thu 10:00 B desk 092 employment, never offered, still open
    Before the period
     13 Sun 4 Jan 12:00 A desk 245 employment, open, never offered
    """
    h = History(s)
    a, b = h.org("Ohjaamo Kerava"), h.org("Kirjasto Vantaa")
    r1, r2 = h.org("TE-palvelut"), h.org("Velkaneuvonta")
    u1, u2 = h.user(r1), h.user(r2)
    refs: dict[int, Referral] = {}

    def accept_path(
        n: int, opened: datetime, door: Organization, to: Organization, by: User, accepted: datetime, **kw: Any
    ) -> None:
        refs[n] = h.referral(opened, door, **kw)
        offer = h.offer(refs[n], opened + timedelta(minutes=5), to)
        h.accept(offer, accepted, by)

    accept_path(1, hki(2026, 1, 5, 9), a, r1, u1, hki(2026, 1, 5, 15))
    accept_path(2, hki(2026, 1, 5, 10), a, r1, u1, hki(2026, 1, 6, 10))
    refs[3] = h.referral(hki(2026, 1, 6, 12), a, needs=("debt",))
    h.decline(h.offer(refs[3], hki(2026, 1, 6, 12, 10), r2), hki(2026, 1, 7, 9), "no-capacity", u2)
    h.accept(h.offer(refs[3], hki(2026, 1, 8, 9), r1), hki(2026, 1, 8, 12), u1)
    accept_path(4, hki(2026, 1, 7, 14), a, r1, u1, hki(2026, 1, 7, 16), channel="ring", needs=("employment", "housing"))
    accept_path(
        5, hki(2026, 1, 8, 16), b, r2, u2, hki(2026, 1, 12, 15), channel="api", municipality="092", needs=("debt",)
    )
    refs[6] = h.referral(hki(2026, 1, 9, 10), b, municipality="092", needs=("debt",))
    h.decline(h.offer(refs[6], hki(2026, 1, 9, 10, 30), r2), hki(2026, 1, 9, 11), "not-eligible", u2)
    refs[7] = h.referral(hki(2026, 1, 10, 11), b, municipality="092", needs=("housing",), unmet=("housing",))
    h.close(refs[7], hki(2026, 1, 12, 9), "outside-network")
    accept_path(8, hki(2026, 1, 11, 23, 30), a, r1, u1, hki(2026, 1, 14, 0, 30))
    accept_path(14, hki(2026, 1, 6, 9), a, r1, u1, hki(2026, 1, 6, 13), municipality="179")
    accept_path(9, hki(2026, 1, 12, 0, 30), a, r1, u1, hki(2026, 1, 12, 8, 30))
    refs[10] = h.referral(hki(2026, 1, 13, 9), a, channel="api")
    o1 = h.offer(refs[10], hki(2026, 1, 13, 9, 10), r1)
    o2 = h.offer(refs[10], hki(2026, 1, 13, 9, 10), r2)
    h.decline(o1, hki(2026, 1, 13, 12), "wrong-service", u1)
    h.decline(o2, hki(2026, 1, 14, 12), "no-capacity", u2)
    h.close(refs[10], hki(2026, 1, 16, 12), "client-withdrew")
    accept_path(
        11, hki(2026, 1, 14, 10), b, r1, u1, hki(2026, 1, 16, 11), municipality="092", needs=("study-guidance",)
    )
    refs[12] = h.referral(hki(2026, 1, 15, 10), b, municipality="092")
    refs[13] = h.referral(hki(2026, 1, 4, 12), a)
    for n in (1, 2, 3, 4, 5):
        h.close(refs[n], hki(2026, 1, 20, 12), "served", u1)

    tokens = {}
    for role, org in (("coordinator", a), ("admin", a), ("org-admin", r2), ("front-desk", a), ("counsellor", r1)):
        tokens[role] = h.token(h.user(org, role, f"{role}@example.fi"))
    return January(a, b, r1, r2, u1, u2, refs, tokens)
