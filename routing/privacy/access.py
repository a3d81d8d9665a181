"""The access log of the client data act: every read of a referral's personal data is recorded."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from routing.core.clock import utcnow
from routing.privacy.models import AccessLog


def log_access(
    session: Session,
    referral_id: str,
    user_id: int | None,
    how: str,
    what: str | None = None,
    *,
    now: datetime | None = None,
) -> None:
    """Record that ``user_id`` read the personal data of a referral (``how``: api, page, export, cli)."""
    session.add(AccessLog(referral_id=referral_id, user_id=user_id, at=now or utcnow(), how=how, what=what))
