"""A client's private link (``/client/c/<key>``) opens their case: its key is in no log line."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

from routing import create_app
from routing.core.logs import JsonFormatter, path_for_log
from tests.ops.conftest import Served, serve  # noqa: F401  (a fixture)

KEY = "Zq3xPrivateLinkKey7Yw"


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/client/c/{KEY}", "/client/c/<key>"),
        (f"/client/c/{KEY}/files/abc", "/client/c/<key>/files/abc"),
        (f"/client//c/{KEY}/export", "/client//c/<key>/export"),
        ("/referrals/r-1", "/referrals/r-1"),
    ],
)
def test_path_for_log(path: str, logged: str) -> None:
    assert path_for_log(path) == logged


def test_the_json_access_line_has_no_key(app_config: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    app = create_app({**app_config, "LOG_FORMAT": "json"})
    try:
        caplog.set_level(logging.INFO, logger="eteinen.access")
        app.test_client().get(f"/client/c/{KEY}/messages")
        lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "eteinen.access"]
        assert lines and lines[-1]["path"] == "/client/c/<key>/messages"
        assert KEY not in json.dumps(lines)
    finally:
        app.extensions["eteinen.engine"].dispose()


@pytest.mark.slow
def test_gunicorns_access_line_has_no_key(serve: Callable[..., Served]) -> None:  # noqa: F811
    server = serve(workers=1)
    try:
        urllib.request.urlopen(f"{server.base}/client/c/{KEY}", timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 404  # the door is closed here: the address is logged all the same
    server.stop()
    log = server.log.read_text()
    assert '"GET /client/c/<key>" 404' in log
    assert KEY not in log
