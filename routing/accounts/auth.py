"""Staff accounts: passwords, API tokens, login throttling and the Flask-Login wiring.

Passwords use Argon2id (a password KDF); API tokens are long random
strings, so a SHA-256 digest found by an indexed lookup is enough for them.

Throttling follows OWASP's authentication guidance (ASVS V2.2.1): no lockout an
attacker could use against a named counsellor, but a delay per account that grows
with each failure past the first few (at most a minute), and a high ceiling of
failures per address, so one machine cannot spray passwords over many accounts.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from datetime import datetime, timedelta
from importlib import resources

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask
from flask_login import LoginManager, UserMixin
from sqlalchemy import Engine, bindparam, delete, func
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlmodel import Session, col, select

from routing.accounts.models import ROLES, ApiToken, LoginFailure, User
from routing.core import db
from routing.core.clock import utcnow
from routing.core.errors import BadInput
from routing.directory.models import Organization

_hasher = PasswordHasher()

TOKEN_PREFIX = "ete_"
# failures are counted over this window
THROTTLE_WINDOW = timedelta(minutes=15)
# per account: this many failures cost no wait; each one after doubles the wait, up to a minute
FREE_FAILURES = 3
MAX_DELAY_SECONDS = 60
# per address: far above what the people behind one office NAT get wrong in 15 minutes
ADDRESS_LIMIT = 100
MIN_PASSWORD_LENGTH = 12


class AccountError(BadInput):
    """Bad input for an account operation; the message says what to fix."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_hex(16))


def check_password(user: User | None, password: str) -> bool:
    """Whether ``password`` is the user's. Without a user (or a hash) a dummy hash is verified all the
    same, so an unknown e-mail address answers as slowly as a known one (no user enumeration by timing)."""
    stored = user.password_hash if user is not None and user.active and user.password_hash else None
    try:
        return _hasher.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def common_passwords() -> frozenset[str]:
    """The 10,000 most common passwords (routing/data/common-passwords.txt), lower case."""
    text = resources.files("routing").joinpath("data/common-passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


_SEQUENCES = ("qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "01234567890123456789")


def password_problem(password: str) -> str | None:
    """Why ``password`` is too weak (long enough, not common, not a repeat or a keyboard run), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"the password must have at least {MIN_PASSWORD_LENGTH} characters"
    lower = password.lower()
    if re.fullmatch(r"(.+?)\1+", lower, flags=re.DOTALL):
        return "the password must not be one character or a short part repeated"
    core = re.sub(r"^[\d\W_]+|[\d\W_]+$", "", lower)  # "Password2026!" is "password"
    if lower in common_passwords() or (len(core) >= 4 and core in common_passwords()):
        return "the password is one of the most common passwords; choose another"
    if any(lower in run or lower in run[::-1] for run in _SEQUENCES):
        return "the password must not be a run of keys, letters or digits"
    return None


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
    problem = password_problem(password) if password is not None else None
    if problem:
        raise AccountError(problem)
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


_USERS = manager_of_class(User)
_TOKEN_USER = (
    sa.select(User.__table__)  # type: ignore[attr-defined]
    .join(ApiToken, col(ApiToken.user_id) == col(User.id))
    .where(col(ApiToken.token_hash) == bindparam("digest"), col(ApiToken.revoked_at).is_(None), col(User.active))
)


def user_for_token(token: str, bind: Engine | None = None) -> User | None:
    """The active user a live token acts as. Every API request asks this first, so it is one Core
    query on a connection of its own (no ORM session: a third of a route's time went there); the
    user comes back detached, as one loaded by a session that has closed."""
    with db.read_engine(bind).connect() as conn:
        row = conn.execute(_TOKEN_USER, {"digest": token_digest(token)}).first()
    if row is None:
        return None
    # filled as the ORM fills a loaded row (User(**row) validates each field: 5× the time)
    user = _USERS.new_instance()
    for key, value in row._mapping.items():
        set_committed_value(user, key, value)
    make_transient_to_detached(user)  # added to a session later, it is this row, never a new one
    return user


# --- throttling ---------------------------------------------------------------


def throttle_keys(email: str, address: str | None) -> list[str]:
    keys = [f"account:{email.strip().lower()[:300]}"]  # the key column holds 320 characters
    if address:
        keys.append(f"address:{address}")
    return keys


def wait_seconds(session: Session, keys: list[str], now: datetime | None = None) -> int:
    """How long the login for ``keys`` must wait (0: try now): a growing delay per account, a ceiling per address."""
    now = now or utcnow()
    since = now - THROTTLE_WINDOW
    wait = 0.0
    count, last, first = func.count(LoginFailure.id), func.max(LoginFailure.at), func.min(LoginFailure.at)  # type: ignore[arg-type]
    for key in keys:
        n, latest, earliest = session.exec(
            select(count, last, first).where(LoginFailure.key == key, LoginFailure.at >= since)
        ).one()
        if not n:
            continue
        if key.startswith("account:") and n > FREE_FAILURES:
            delay = min(2 ** (n - FREE_FAILURES - 1), MAX_DELAY_SECONDS)
            wait = max(wait, (_aware(latest) + timedelta(seconds=delay) - now).total_seconds())
        elif key.startswith("address:") and n >= ADDRESS_LIMIT:
            wait = max(wait, (_aware(earliest) + THROTTLE_WINDOW - now).total_seconds())
    return max(0, int(wait + 0.999))


def _aware(at: datetime) -> datetime:
    """SQLite gives back naive times (stored as UTC)."""
    return at if at.tzinfo else at.replace(tzinfo=utcnow().tzinfo)


def is_throttled(session: Session, keys: list[str]) -> bool:
    return wait_seconds(session, keys) > 0


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
