"""The door's settings and the client's keys: which organisation and ring the door opens to, the private
link's token (kept only as a digest), the signed-in identity (a keyed digest of the OpenID ``sub``) and
the hourly limit of new cases per address (a keyed digest of the address). Nothing here commits."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from routing.accounts.auth import find_organization
from routing.core.clock import utcnow
from routing.directory.models import Ring
from routing.door.models import ClientKey, DoorOpening
from routing.referrals.models import Referral

OPENINGS_PER_HOUR = 5
WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Door:
    organization_id: str
    ring_id: str


def door_of(session: Session, config: dict[str, Any]) -> Door | None:
    """The open door (both settings name something that exists), else None: the door answers 404."""
    org_ref, ring_ref = config.get("CLIENT_DOOR_ORG"), config.get("CLIENT_DOOR_RING")
    if not org_ref or not ring_ref:
        return None
    org = find_organization(session, org_ref)
    ring = session.get(Ring, ring_ref) or session.exec(select(Ring).where(col(Ring.name) == ring_ref)).first()
    if org is None or ring is None:
        return None
    return Door(org.id, ring.id)


def _keyed(secret: str, purpose: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def subject_digest(secret: str, issuer: str, sub: str) -> str:
    """The identity a case is bound to: never the ``sub`` (possibly a personal identity code) in clear."""
    return _keyed(secret, "oidc-subject", f"{issuer} {sub}")


def new_key(session: Session, referral: Referral, email: str | None, subject: str | None) -> str:
    """Give the client their key to the case; returns the token, shown to them once (its digest is kept)."""
    token = secrets.token_urlsafe(16)  # 128 random bits
    session.add(
        ClientKey(referral_id=referral.id, token_digest=token_digest(token), email=email, subject_digest=subject)
    )
    session.flush()
    return token


def referral_by_token(session: Session, token: str) -> Referral | None:
    """The case whose private link holds ``token``: one indexed look-up of the digest, whatever the token."""
    key = session.exec(select(ClientKey).where(col(ClientKey.token_digest) == token_digest(token))).first()
    return session.get(Referral, key.referral_id) if key is not None else None


def referral_by_code(session: Session, subject: str, code: str) -> Referral | None:
    """A signed-in client's case by its code: only one bound to their identity."""
    return session.exec(
        select(Referral)
        .join(ClientKey, col(ClientKey.referral_id) == Referral.id)
        .where(col(Referral.code) == code.upper(), col(ClientKey.subject_digest) == subject)
    ).first()


def key_of(session: Session, referral_id: str) -> ClientKey | None:
    return session.get(ClientKey, referral_id)


def cases_of(session: Session, subject: str) -> list[Referral]:
    """Every case bound to the signed-in identity, newest first."""
    return list(
        session.exec(
            select(Referral)
            .join(ClientKey, col(ClientKey.referral_id) == Referral.id)
            .where(col(ClientKey.subject_digest) == subject)
            .order_by(col(Referral.created_at).desc())
        )
    )


def bind(session: Session, referral_id: str, subject: str) -> bool:
    """Bind the case to the identity; False when it is already bound to another one."""
    key = session.get(ClientKey, referral_id)
    if key is None:
        return False
    if key.subject_digest is None:
        key.subject_digest = subject
        session.flush()
    return key.subject_digest == subject


# --- the hourly limit ------------------------------------------------------------------


def retry_after(session: Session, secret: str, address: str, now: datetime | None = None) -> int | None:
    """Seconds until this address may open another case; None when it may now."""
    now = now or utcnow()
    digest = _keyed(secret, "door-address", address)
    rows = session.exec(
        select(DoorOpening.at)
        .where(col(DoorOpening.address_digest) == digest, col(DoorOpening.at) > now - WINDOW)
        .order_by(col(DoorOpening.at))
    ).all()
    if len(rows) < OPENINGS_PER_HOUR:
        return None
    oldest = rows[len(rows) - OPENINGS_PER_HOUR]
    return max(1, int((oldest + WINDOW - now).total_seconds()) + 1)


def count_opening(session: Session, secret: str, address: str, now: datetime | None = None) -> None:
    now = now or utcnow()
    session.add(DoorOpening(address_digest=_keyed(secret, "door-address", address), at=now))
    session.execute(delete(DoorOpening).where(col(DoorOpening.at) < now - WINDOW))


def openings(session: Session) -> int:
    return session.exec(select(func.count()).select_from(DoorOpening)).one()
