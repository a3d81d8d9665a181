"""Where the mailbox meets a case's thread (the client door's messages): the one seam.

Everything the reader and the answers need of the thread goes through these functions,
so the mailbox does not know how the thread is stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from routing.referrals.models import Referral


def code_of(referral: Referral) -> str:
    """The case's human code, as the client sees it in the subject ``[<code>]``."""
    return str(getattr(referral, "code", None) or referral.id[:8].upper())


def by_code(session: Session, code: str) -> Referral | None:
    """The case with this human code, if any."""
    return None


def client_mail(session: Session, referral: Referral, text: str, *, now: datetime) -> int | None:
    """Add a client's mailed reply to the case's thread; returns the thread message's id."""
    return None


def door_link(session: Session, referral: Referral, base_url: str) -> str | None:
    """The case's private page at the client door, when the door is open for it."""
    return None
