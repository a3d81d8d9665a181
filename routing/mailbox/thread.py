"""Where the mailbox meets a case's thread (the client door's messages): the one seam.

Everything the reader and the answers need of the thread goes through these functions,
so the mailbox does not know how the thread is stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

import routing.referrals.operations as referrals
from routing.door.keys import new_key
from routing.referrals.models import MAX_MESSAGE, MessageCreate, Referral


def code_of(referral: Referral) -> str:
    """The case's human code, as the client sees it in the subject ``[<code>]``."""
    return referral.code or referral.id[:8].upper()


def by_code(session: Session, code: str) -> Referral | None:
    """The case with this human code, if any."""
    return session.exec(select(Referral).where(col(Referral.code) == code.upper())).first()


def client_mail(session: Session, referral: Referral, text: str, *, now: datetime) -> int | None:
    """Add a client's mailed reply to the case's thread (a closed case too: it reopens nothing);
    returns the thread message's id. Raises the operation's error for an erased case."""
    written = referrals.post_message(
        session, referral.id, MessageCreate(body=text[:MAX_MESSAGE]), staff=None, closed_ok=True, now=now
    )
    return written.id


def door_link(session: Session, referral: Referral, base_url: str, *, door_open: bool) -> str | None:
    """The case's private page at the client door, when the door is open: a new key, its token
    only in this link (the door keeps its digest), one per case."""
    if not door_open:
        return None
    from routing.door.models import ClientKey

    if session.get(ClientKey, referral.id) is not None:
        return None  # the client already has their link
    token = new_key(session, referral, email=None, subject=None)
    return f"{base_url.rstrip('/')}/client/c/{token}"
