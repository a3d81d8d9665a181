"""The referral tests' small network, with passwords, for probing the server as an attacker would."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from routing.accounts.models import User
from routing.core import db
from tests.referrals.conftest import OPEN, Api, World, build_world, open_one
from tests.web.conftest import csrf_token

PASSWORD = "correct horse battery"

__all__ = ["OPEN", "PASSWORD", "Api", "World", "log_in", "open_one"]


@functools.cache
def cheap_hash() -> str:
    """A quick Argon2 hash of ``PASSWORD``: the hashing cost is not what these tests are about."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


@pytest.fixture
def world(app: Flask) -> World:
    made = build_world(app)
    with app.app_context(), db.transaction() as s:
        for user in s.exec(select(User)):
            user.password_hash = cheap_hash()
    return made


@pytest.fixture
def as_(client: FlaskClient, world: World) -> Any:
    def make(key: str) -> Api:
        return Api(client, world.tokens[key])

    return make


def log_in(client: FlaskClient, email: str, password: str = PASSWORD, next_: str | None = None) -> Any:
    """POST the login form with its CSRF token; the response."""
    token = csrf_token(client, "/login")
    path = "/login" if next_ is None else f"/login?next={next_}"
    return client.post(path, data={"email": email, "password": password, "csrf_token": token})
