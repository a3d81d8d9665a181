"""The door open on the page tests' small network: held by the front door, offered to its ring."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from ..smtp_sink import smtp_server  # noqa: F401  (a fixture)
from ..web.conftest import network, store  # noqa: F401  (fixtures)

_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture
def app_config(app_config: dict[str, Any], smtp_server) -> dict[str, Any]:  # noqa: F811
    url, _sink = smtp_server
    return {
        **app_config,
        "CLIENT_DOOR_ORG": "Keravan lukio",
        "CLIENT_DOOR_RING": "Keski-Uudenmaan ohjausrengas",
        "SMTP_URL": url,
        "BASE_URL": "http://door.example",
    }


def csrf(client: FlaskClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = _TOKEN.search(page.text)
    assert found, path
    return found.group(1)


def write_in(client: FlaskClient, **fields: Any) -> Any:
    data = {"question": "Haluaisin opiskelemaan, en tiedä mihin", "consent": "y", **fields}
    data["csrf_token"] = csrf(client, "/client/new")
    return client.post("/client/new", data=data)
