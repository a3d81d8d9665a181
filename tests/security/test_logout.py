"""Finding 5: logging out ends the session on the server: a copied cookie reads nothing after it."""

from __future__ import annotations

import httpx

from tests.security.conftest import PASSWORD, open_one


def _token(page: str) -> str:
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_a_copied_cookie_reads_nothing_after_logout(live_server, world, as_) -> None:
    referral = open_one(as_("desk"))
    with httpx.Client(base_url=live_server.url, follow_redirects=False) as browser:
        page = browser.get("/login")
        token = _token(page.text)
        logged = browser.post("/login", data={"email": "desk@example.fi", "password": PASSWORD, "csrf_token": token})
        assert logged.status_code == 302
        copied = dict(browser.cookies)
        assert browser.get(f"/referrals/{referral['id']}").status_code == 200
        page = browser.get("/desk")
        token = _token(page.text)
        assert browser.post("/logout", data={"csrf_token": token}).status_code == 302
    with httpx.Client(base_url=live_server.url, follow_redirects=False, cookies=copied) as thief:
        replay = thief.get(f"/referrals/{referral['id']}")
        assert replay.status_code == 302 and "/login" in replay.headers["Location"]
        assert "Tarvitsen apua" not in replay.text
