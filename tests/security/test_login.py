"""Findings 8 and 9: login answers alike for known and unknown accounts, and throttling is no weapon."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import update

import routing.accounts.auth as auth
from routing.accounts.models import LoginFailure, User
from routing.core import db
from tests.security.conftest import OPEN, PASSWORD
from tests.web.conftest import csrf_token


def _from(client, email: str, password: str, address: str):
    token = csrf_token(client, "/login")
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def _real_hash(app, world, key: str = "b1") -> None:
    """This account gets a hash of the real cost, as on a real server."""
    with app.app_context(), db.transaction() as s:
        s.get(User, world.users[key]).password_hash = auth.hash_password(PASSWORD)


def test_an_unknown_account_takes_as_long_as_a_known_one(app, client, world) -> None:
    _real_hash(app, world)
    auth.check_password(None, "warm the dummy hash up")

    def best_of(email: str) -> float:
        times = []
        for _ in range(5):
            token = csrf_token(client, "/login")
            started = time.perf_counter()
            client.post("/login", data={"email": email, "password": "wrong password!", "csrf_token": token})
            times.append(time.perf_counter() - started)
            with app.app_context(), db.transaction() as s:  # throttling is not what is measured here
                s.execute(update(LoginFailure).values(at=LoginFailure.at - timedelta(days=1)))
        return min(times)

    known, unknown = best_of("b1@example.fi"), best_of("nobody-here@example.fi")
    assert unknown >= known / 2, (known, unknown)


def test_check_password_verifies_a_dummy_hash_for_no_user() -> None:
    """No account costs as much as a wrong password: an Argon2 verification either way."""
    user = User(email="a@b.fi", organization_id="o", role="counsellor", password_hash=auth.hash_password("z" * 12))

    def fastest(check: Callable[[], bool]) -> float:
        # the fastest of five: a busy machine only ever adds time, never takes the hashing away
        times = []
        for _ in range(5):
            started = time.perf_counter()
            assert check() is False
            times.append(time.perf_counter() - started)
        return min(times)

    spent = fastest(lambda: auth.check_password(None, "anything"))
    real = fastest(lambda: auth.check_password(user, "wrong"))
    assert spent >= real / 3, (spent, real)


def test_a_handoff_names_no_e_mail_the_caller_could_not_see(as_, world) -> None:
    opened = as_("desk").post("/referrals", OPEN).json
    offer = as_("desk").post(f"/referrals/{opened['id']}/offers", {"service_id": world.services["b"]}).json
    assert as_("b1").post(f"/offers/{offer['id']}/accept").status_code == 200
    refused = {}
    for key, user_id in [("desk", world.users["desk"]), ("b_desk", world.users["b_desk"]), ("none", 999_999)]:
        response = as_("b1").post(f"/referrals/{opened['id']}/handoff", {"user_id": user_id})
        assert response.status_code == 400
        assert "@" not in response.text, response.text
        refused[key] = response.json["error"]["message"].replace(str(user_id), "N")
    # the answers do not tell an existing account (or its role) from a missing one
    assert len(set(refused.values())) == 1, refused


def test_an_attacker_cannot_lock_a_counsellor_out(app, client, world) -> None:
    attacker = "203.0.113.66"
    for _ in range(12):
        response = _from(client, "b1@example.fi", "not the password", attacker)
        assert response.status_code in (401, 429)
    # the attacker now waits between tries...
    assert _from(client, "b1@example.fi", "not the password", attacker).status_code == 429
    # ...and so would anyone for a while, but not for 15 minutes: after the delay the counsellor logs in
    with app.app_context(), db.transaction() as s:
        s.execute(update(LoginFailure).values(at=LoginFailure.at - timedelta(seconds=auth.MAX_DELAY_SECONDS + 1)))
    fresh = app.test_client()
    assert _from(fresh, "b1@example.fi", PASSWORD, "198.51.100.7").status_code == 302


def test_the_first_failures_cost_no_wait(client, world) -> None:
    for _ in range(auth.FREE_FAILURES):
        assert _from(client, "b2@example.fi", "not the password", "198.51.100.8").status_code == 401
    assert _from(client, "b2@example.fi", PASSWORD, "198.51.100.8").status_code == 302


def test_one_address_spraying_many_accounts_is_throttled(client, world, monkeypatch) -> None:
    monkeypatch.setattr(auth, "ADDRESS_LIMIT", 20)
    statuses = [_from(client, f"user{n}@example.fi", "Summer2026!", "192.0.2.99").status_code for n in range(20)]
    assert statuses == [401] * 20
    assert _from(client, "b1@example.fi", "Summer2026!", "192.0.2.99").status_code == 429
    assert _from(client, "b1@example.fi", PASSWORD, "192.0.2.99").status_code == 429
    # another address is not held up by the spray
    assert _from(client, "b1@example.fi", PASSWORD, "192.0.2.100").status_code == 302


def test_the_address_ceiling_is_far_above_the_per_account_count() -> None:
    assert auth.ADDRESS_LIMIT >= 100 and auth.MAX_DELAY_SECONDS <= 60


@pytest.mark.parametrize("password", ["aaaaaaaaaaaaaaaa", "123456789012", "password1234", "qwertyuiopasdfgh", "short"])
def test_weak_passwords_are_refused(app, world, password) -> None:
    with app.app_context(), db.transaction() as s, pytest.raises(auth.AccountError):
        auth.add_user(s, "new@example.fi", world.orgs["b"], "counsellor", password)


def test_a_long_unusual_password_is_taken(app, world) -> None:
    with app.app_context(), db.transaction() as s:
        assert auth.add_user(s, "new@example.fi", world.orgs["b"], "counsellor", "kuusi kettua kahvilla").id
