"""``eteinen demo``: the demo network, loaded only into an empty database.

The directory is an HSDS 3.0 tabular folder (``directory/``, written from
``network.py``) and goes in through the HSDS importer like any real
directory; then the guidance ring and the demo staff accounts are added.
Nothing is committed here: the caller's transaction makes it all or nothing.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from routing.accounts.auth import add_user
from routing.accounts.models import User
from routing.core.errors import BadInput
from routing.demo.network import ACCOUNTS, DIRECTORY, RING_MEMBERS, RING_NAME, demo_id
from routing.directory.models import Organization
from routing.directory.rings import add_ring

__all__ = ["DIRECTORY", "DemoError", "database_is_empty", "load_demo"]


class DemoError(BadInput):
    """The demo cannot be loaded; the message says why and what to do."""


def _counts(session: Session) -> tuple[int, int]:
    orgs = session.exec(select(func.count()).select_from(Organization)).one()
    users = session.exec(select(func.count()).select_from(User)).one()
    return orgs, users


def database_is_empty(session: Session) -> bool:
    """True when the database has neither organisations nor staff accounts."""
    return _counts(session) == (0, 0)


def load_demo(session: Session, *, history: bool = True) -> list[tuple[str, str, str]]:
    """Load the demo network, with a few months of made-up cases (``history``, marked as demo data);
    returns the demo logins as (e-mail, role, password)."""
    from routing.directory.hsds import HsdsError, import_path

    orgs, users = _counts(session)
    if orgs or users:
        raise DemoError(
            f"the database already has {orgs} organisation(s) and {users} user(s); the demo loads only into an "
            "empty database (point DATABASE_URL or ETEINEN_INSTANCE at a new one, or use `demo --if-empty`)"
        )
    try:
        import_path(session, DIRECTORY)
    except HsdsError as exc:  # a broken package, not the user's input
        problems = "; ".join(str(p) for p in exc.problems[:5])
        raise DemoError(f"the bundled demo directory does not import: {problems}") from exc
    add_ring(session, RING_NAME, [demo_id("organization", key) for key in RING_MEMBERS])
    logins = []
    for account in ACCOUNTS:
        add_user(
            session,
            account.email,
            demo_id("organization", account.org),
            account.role,
            account.password,
            name=account.name,
            language=account.language,
        )
        logins.append((account.email, account.role, account.password))
    if history:
        from routing.demo.history import add_history

        session.flush()
        add_history(session)
    return logins
