"""A staff message on a case that came by e-mail goes back by e-mail: queued here, in the message's
own transaction, and sent by the mail round (``reader.send_answers``) from the ring's address."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session, col, select

from routing.mailbox.models import CaseMail, MailKind
from routing.referrals.models import Message, Referral


def mail_answer_due(session: Session, referral: Referral, message: Message, *, now: datetime) -> CaseMail | None:
    """Queue ``message`` to the client of an e-mail case (no commit); None for every other case."""
    if referral.channel != "email":
        return None
    first = session.exec(
        select(CaseMail)
        .where(col(CaseMail.referral_id) == referral.id, col(CaseMail.kind) == MailKind.CASE)
        .order_by(col(CaseMail.id))
    ).first()
    if first is None:
        return None
    domain = first.message_id.rpartition("@")[2] or "eteinen.invalid"
    queued = CaseMail(
        ring_id=first.ring_id,
        message_id=f"answer-{uuid.uuid4().hex}@{domain[:100]}",
        kind=MailKind.ANSWER,
        referral_id=referral.id,
        message_ref=message.id,
        language=referral.language,
        answer_due=True,
        at=now,
    )
    session.add(queued)
    session.flush()
    return queued
