"""Staff accounts: passwords, API tokens, login throttling and the Flask-Login wiring.

Passwords use Argon2id (a password KDF); API tokens are long random
strings, so a SHA-256 digest found by an indexed lookup is enough for them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask
from flask_login import LoginManager, UserMixin
from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from routing.accounts.models import ROLES, ApiToken, LoginFailure, User
from routing.core import db
from routing.core.clock import utcnow
from routing.core.errors import BadInput
from routing.directory.models import Organization

_hasher = PasswordHasher()

TOKEN_PREFIX = "ete_"
# at most this many failed logins per account and per address within the window
THROTTLE_LIMIT = 5
THROTTLE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10


class AccountError(BadInput):
    """Bad input for an account operation; the message says what to fix."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(user: User, password: str) -> bool:
    if not user.password_hash:
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_organization(session: Session, ref: str) -> Organization | None:
    """An organisation by its HSDS id or its exact name."""
    org = session.get(Organization, ref)
    if org is None:
        org = session.exec(select(Organization).where(Organization.name == ref)).first()
    return org


def add_user(
    session: Session,
    email: str,
    org_ref: str,
    role: str,
    password: str | None,
    *,
    name: str | None = None,
    language: str | None = None,
) -> User:
    email = email.strip().lower()
    if "@" not in email or len(email) > 320:
        raise AccountError(f"{email!r} is not an e-mail address")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    org = find_organization(session, org_ref)
    if org is None:
        raise AccountError(f"no organisation with the id or name {org_ref!r} in the directory")
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise AccountError(f"a user {email} already exists")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    user = User(
        email=email,
        name=name,
        organization_id=org.id,
        role=role,
        password_hash=hash_password(password) if password else None,
        language=language,
    )
    session.add(user)
    session.flush()
    return user


def create_token(session: Session, user: User, name: str | None = None) -> str:
    """A new token for ``user``; the plain token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    assert user.id is not None
    session.add(ApiToken(user_id=user.id, name=name, token_hash=token_digest(token)))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    # one query: every API request asks this before anything else
    return session.exec(
        select(User)
        .join(ApiToken, col(ApiToken.user_id) == col(User.id))
        .where(ApiToken.token_hash == token_digest(token), col(ApiToken.revoked_at).is_(None), col(User.active))
    ).first()


# --- throttling ---------------------------------------------------------------


def throttle_keys(email: str, address: str | None) -> list[str]:
    keys = [f"account:{email.strip().lower()}"]
    if address:
        keys.append(f"address:{address}")
    return keys


def is_throttled(session: Session, keys: list[str]) -> bool:
    since = utcnow() - THROTTLE_WINDOW
    count = func.count(LoginFailure.id)  # type: ignore[arg-type]
    for key in keys:
        n = session.exec(select(count).where(LoginFailure.key == key, LoginFailure.at >= since)).one()
        if n >= THROTTLE_LIMIT:
            return True
    return False


def record_failure(session: Session, keys: list[str]) -> None:
    for key in keys:
        session.add(LoginFailure(key=key))
    # old rows are of no use any more
    session.execute(delete(LoginFailure).where(col(LoginFailure.at) < utcnow() - THROTTLE_WINDOW))


def clear_failures(session: Session, email: str) -> None:
    session.execute(delete(LoginFailure).where(col(LoginFailure.key) == f"account:{email.strip().lower()}"))


# --- Flask-Login --------------------------------------------------------------


class SessionUser(UserMixin):
    """What Flask-Login keeps: the user's id and session version, so old sessions can be ended."""

    def __init__(self, user: User) -> None:
        self.user = user

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.session_version}"


login_manager = LoginManager()
login_manager.login_view = "web.login"
login_manager.session_protection = "strong"


@login_manager.user_loader
def _load_user(user_ref: str) -> SessionUser | None:
    try:
        user_id, version = (int(part) for part in user_ref.split(":"))
    except ValueError:
        return None
    user = db.session().get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return SessionUser(user)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
