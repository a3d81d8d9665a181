"""Strong identification through a real OpenID provider running in the test process (oidc-provider-mock)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from flask.testing import FlaskClient
from sqlmodel import select

from routing.door.models import ClientKey
from routing.referrals.models import Referral

from .conftest import csrf, write_in

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
IDENTITY_CODE = "010199-123N"  # what a Finnish broker may give as the sub: never kept in clear


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def app_config(app_config: dict[str, Any], provider: str) -> dict[str, Any]:
    return {
        **app_config,
        "CLIENT_OIDC_ISSUER": provider,
        "CLIENT_OIDC_CLIENT_ID": "eteinen-door",
        "CLIENT_OIDC_CLIENT_SECRET": "door-secret",
        "CLIENT_DOOR_REQUIRE_STRONG_ID": True,
    }


def sign_in(client: FlaskClient, sub: str, case: str | None = None) -> Any:
    """The whole code flow: our redirect, the provider's form answered as ``sub``, our callback."""
    start = client.get("/client/signin" + (f"?case={case}" if case else ""))
    assert start.status_code == 302, start.text
    authorize = start.headers["Location"]
    answered = httpx.post(authorize, data={"sub": sub}, follow_redirects=False)
    assert answered.status_code in (302, 303), answered.text
    back = urlsplit(answered.headers["Location"])
    assert back.path == "/client/signin/done"
    return client.get(f"{back.path}?{back.query}")


def test_the_link_alone_shows_the_state_and_signing_in_binds_the_case(client, network, store) -> None:
    answer = write_in(client, contact_email="sara@example.fi")
    page = answer.headers["Location"]
    token = page.rsplit("/", 1)[1]
    shown = client.get(page)
    assert shown.status_code == 200 and 'id="thread"' not in shown.text  # only the state
    assert client.get(page + "/export").status_code == 403
    done = sign_in(client, IDENTITY_CODE, case=token)
    assert done.status_code == 302 and done.headers["Location"].endswith(page)
    key = store.exec(select(ClientKey)).one()
    assert key.subject_digest and IDENTITY_CODE not in key.subject_digest
    full = client.get(page)
    assert 'id="thread"' in full.text
    # a signed-in client sees all their cases, and reaches them by code
    referral = store.exec(select(Referral)).one()
    home = client.get("/client/")
    assert referral.code in home.text
    assert client.get(f"/client/c/{referral.code}").status_code == 200


def test_another_identity_cannot_take_a_bound_case(app, client, network, store) -> None:
    page = write_in(client).headers["Location"]
    token = page.rsplit("/", 1)[1]
    sign_in(client, IDENTITY_CODE, case=token)
    stranger = app.test_client()
    sign_in(stranger, "020202-987X", case=token)
    assert 'id="thread"' not in stranger.get(page).text
    assert stranger.get(page + "/withdraw").status_code == 403
    referral = store.exec(select(Referral)).one()
    assert stranger.get(f"/client/c/{referral.code}").status_code == 404


def test_a_case_written_in_while_signed_in_is_bound_at_once(client, network, store) -> None:
    sign_in(client, IDENTITY_CODE)
    write_in(client)
    key = store.exec(select(ClientKey)).one()
    assert key.subject_digest is not None
    token = csrf(client, "/client/")
    assert client.post("/client/signout", data={"csrf_token": token}).status_code == 302
