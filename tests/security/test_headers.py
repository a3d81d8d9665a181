"""Finding 6: security headers on every answer, no-store on every answer that shows personal data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from routing import create_app
from tests.security.conftest import log_in, open_one

TEMPLATES = Path(__file__).parents[2] / "routing" / "templates"


def _strict(response) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict([*d.strip().split(" ", 1), ""][:2] for d in csp.split(";") if d.strip())
    assert "'self'" in directives.get("script-src", directives.get("default-src", ""))
    assert "unsafe-inline" not in directives.get("script-src", "") and "unsafe-eval" not in csp
    assert directives.get("frame-ancestors") == "'none'"
    assert response.headers.get("X-Frame-Options") == "DENY"
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert response.headers.get("Referrer-Policy") == "same-origin"


@pytest.mark.parametrize(
    "path", ["/login", "/", "/api/v1/health", "/api/v1/openapi.json", "/nowhere", "/static/eteinen.css"]
)
def test_every_answer_carries_the_headers(client, path: str) -> None:
    _strict(client.get(path))


def test_templates_have_no_inline_script_or_style() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert not re.search(r"\son[a-z]+=", text), template
        assert not re.search(r"\sstyle=|<style", text), template


def test_https_base_url_means_hsts_and_a_secure_cookie(app_config, world_less_login) -> None:
    app = create_app({**app_config, "BASE_URL": "https://eteinen.example.fi"})
    try:
        client = app.test_client()
        page = client.get("/login")
        assert page.headers["Strict-Transport-Security"].startswith("max-age=")
        assert "Secure" in page.headers["Set-Cookie"]
    finally:
        app.extensions["eteinen.engine"].dispose()


def test_plain_http_has_no_hsts(client) -> None:
    assert "Strict-Transport-Security" not in client.get("/login").headers


@pytest.fixture
def world_less_login():
    return None


def test_personal_pages_and_answers_are_not_stored(client, world, as_) -> None:
    referral = open_one(as_("desk"))
    rid = referral["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"]}).json
    api = as_("b_admin")
    for path in [
        f"/referrals/{rid}",
        f"/referrals/{rid}/export",
        f"/referrals/{rid}/access-log",
        "/inbox",
        "/referrals",
    ]:
        response = api.get(path) if "export" not in path and "access" not in path else as_("coordinator").get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers.get("Cache-Control") == "no-store", path
    accepted = as_("b1").post(f"/offers/{offer['id']}/accept")
    assert accepted.status_code == 200 and accepted.headers.get("Cache-Control") == "no-store"
    assert log_in(client, "b_admin@example.fi").status_code == 302
    for path in [
        f"/referrals/{rid}",
        f"/referrals/{rid}/receipt",
        f"/referrals/{rid}/export",
        f"/referrals/{rid}/access-log",
        "/inbox",
        "/ring",
        "/desk",
    ]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers.get("Cache-Control") == "no-store", path
    # a note or a closing sent empty comes back as the case page, with its error
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"/referrals/{rid}").text)
    assert token is not None
    for action in ("notes", "close"):
        again = client.post(f"/referrals/{rid}/{action}", data={"csrf_token": token.group(1)})
        assert again.status_code == 400 and again.headers.get("Cache-Control") == "no-store", action
