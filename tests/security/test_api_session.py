"""The API keeps no cookie session (api/blueprint.py ``Sessions``): nothing under /api/ may need one."""

from __future__ import annotations

import pytest

from tests.security.conftest import log_in


@pytest.fixture
def app_config(app_config):
    # a real server answers an unhandled error with a 500; the test client would raise it instead
    return {**app_config, "PROPAGATE_EXCEPTIONS": False}


@pytest.mark.parametrize("path", ["/health", "/openapi.json", "/referrals", "/inbox"])
def test_a_language_in_the_query_is_no_500_and_sets_no_cookie(as_, path: str) -> None:
    # ?lang= is kept in the cookie session on pages; the API has none to keep it in
    answer = as_("desk").get(f"{path}?lang=sv")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert "Set-Cookie" not in answer.headers


def test_a_browsers_login_cookie_authorises_no_api_call(client, world) -> None:
    assert log_in(client, "b1@example.fi").status_code == 302
    assert client.get("/inbox").status_code == 200  # the cookie is good for the pages
    for path in ("/api/v1/referrals", "/api/v1/inbox", "/api/v1/webhooks"):
        answer = client.get(path)
        assert answer.status_code == 401, path
        assert answer.json["error"]["code"] == "unauthorized"
