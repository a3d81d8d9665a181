"""Accounts, tokens and rings from the command line, and the login page."""

from __future__ import annotations

from sqlmodel import select

import routing.accounts.auth as auth
from routing.accounts.auth import token_digest
from routing.accounts.models import ApiToken, User
from routing.cli import cli
from routing.directory.models import Organization, Ring, RingMember


def _org(session, org_id: str = "o1", name: str = "Ohjaamo Kerava") -> None:
    session.add(Organization(id=org_id, name=name, description="d"))
    session.commit()


def test_user_add_token_create_and_api_auth(runner, session, client) -> None:
    _org(session)
    result = runner.invoke(
        cli,
        ["user", "add", "Ann@Example.fi", "--org", "Ohjaamo Kerava", "--role", "counsellor", "--password-stdin"],
        input="long enough secret\n",
    )
    assert result.exit_code == 0, result.output
    user = session.exec(select(User).where(User.email == "ann@example.fi")).one()
    assert user.password_hash and "long enough" not in user.password_hash
    token = runner.invoke(cli, ["token", "create", "--user", "ann@example.fi"]).output.strip()
    assert token.startswith("ete_")
    stored = session.exec(select(ApiToken)).one()
    assert stored.token_hash == token_digest(token) and token not in stored.token_hash


def test_user_add_bad_input_exits_2(runner, session) -> None:
    _org(session)
    cases = [
        (["user", "add", "a@b.fi", "--org", "Nowhere", "--role", "counsellor", "--password-stdin"], "Nowhere"),
        (["user", "add", "not-an-email", "--org", "o1", "--role", "counsellor", "--password-stdin"], "e-mail"),
    ]
    for args, message in cases:
        result = runner.invoke(cli, args, input="long enough secret\n")
        assert result.exit_code == 2 and message in result.output
    short = runner.invoke(
        cli, ["user", "add", "a@b.fi", "--org", "o1", "--role", "counsellor", "--password-stdin"], input="short\n"
    )
    assert short.exit_code == 2 and "at least" in short.output
    assert session.exec(select(User)).all() == []


def test_ring_add_prints_its_id(runner, session) -> None:
    _org(session)
    _org(session, "o2", "Opinto-ohjaus Keuda")
    result = runner.invoke(cli, ["ring", "add", "Puhelinrengas", "--org", "o1", "--org", "Opinto-ohjaus Keuda"])
    assert result.exit_code == 0, result.output
    ring_id = result.output.strip()
    assert session.get(Ring, ring_id).name == "Puhelinrengas"
    members = session.exec(select(RingMember.organization_id).where(RingMember.ring_id == ring_id)).all()
    assert sorted(members) == ["o1", "o2"]
    again = runner.invoke(cli, ["ring", "add", "Puhelinrengas", "--org", "o1"])
    assert again.exit_code == 2 and "already exists" in again.output


def test_ring_list_shows_ids_and_members(runner, session) -> None:
    assert "no rings yet" in runner.invoke(cli, ["ring", "list"]).output
    _org(session)
    _org(session, "o2", "Opinto-ohjaus Keuda")
    ring_id = runner.invoke(cli, ["ring", "add", "Puhelinrengas", "--org", "o1", "--org", "o2"]).output.strip()
    listed = runner.invoke(cli, ["ring", "list"])
    assert listed.exit_code == 0, listed.output
    [line] = listed.output.splitlines()
    assert line.startswith(f"{ring_id}  Puhelinrengas: ") and "Opinto-ohjaus Keuda" in line


def _front_desk_without_csrf(app, runner, session, email: str):
    """A test client for the login form (no CSRF token asked), and ``email`` a front-desk user with the password
    ``right password``, added from the command line."""
    _org(session)
    added = runner.invoke(
        cli,
        ["user", "add", email, "--org", "o1", "--role", "front-desk", "--password-stdin"],
        input="right password\n",
    )
    assert added.exit_code == 0, added.output
    app.config["WTF_CSRF_ENABLED"] = False
    return app.test_client()


def test_login_throttles_after_repeated_failures(app, runner, session) -> None:
    client = _front_desk_without_csrf(app, runner, session, "b@example.fi")
    for _ in range(auth.FREE_FAILURES + 1):
        assert client.post("/login", data={"email": "b@example.fi", "password": "wrong"}).status_code == 401
    throttled = client.post("/login", data={"email": "b@example.fi", "password": "right password"})
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) >= 1


def test_login_sets_a_fresh_session(app, runner, session) -> None:
    client = _front_desk_without_csrf(app, runner, session, "c@example.fi")
    response = client.post("/login", data={"email": "c@example.fi", "password": "right password"})
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_without_csrf_token_is_rejected(client, runner, session) -> None:
    _org(session)
    response = client.post("/login", data={"email": "x@example.fi", "password": "whatever"})
    assert response.status_code == 400
