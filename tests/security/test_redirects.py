"""Finding 1: a redirect whose address comes from the request goes to a path on this site only."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urljoin, urlsplit

import pytest

from routing.web.redirects import safe_target
from tests.security.conftest import log_in, open_one

# what browsers and parsers have been seen to read as another host (or that no header may carry)
BYPASSES = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/%09/evil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "//user@evil.example",
    "/\\/evil.example",
    "\t//evil.example",
    " //evil.example",
    "https:/\\evil.example",
    "/\x00/evil.example",
    "//evil.example/%2F..",
    "evil.example",
    "",
]


def _where(location: str) -> str:
    """The host a browser would go to from a page of ours (None when it stays here)."""
    return urlsplit(urljoin("http://localhost/login", location)).netloc


@pytest.mark.parametrize("target", BYPASSES)
def test_safe_target_refuses_every_other_host(target: str) -> None:
    got = safe_target(target, "/home")
    # either refused, or kept and still a path here whichever way it is read (percent-decoded once too)
    assert got == "/home" or (_where(got) == "localhost" and not got.startswith("//"))
    for read in (got, got.replace("%2F", "/").replace("%5C", "\\").replace("%09", "\t")):
        assert "\\" not in read[:3] and not read.startswith("//") and "\t" not in read and "\n" not in read


@pytest.mark.parametrize("target", ["/home", "/referrals/abc?x=1#top", "/inbox?offers=2&mine=1", "/a//b"])
def test_safe_target_keeps_paths_here(target: str) -> None:
    assert safe_target(target, "/home") == target


@pytest.mark.parametrize("target", BYPASSES)
def test_login_next_never_leaves_the_site(client, world, target: str) -> None:
    response = log_in(client, "b1@example.fi", next_=quote(target, safe=""))
    if "\x00" in target:  # refused at the edge, before the login is even tried
        assert response.status_code == 400
        return
    assert response.status_code == 302, response.text
    assert _where(response.headers["Location"]) == "localhost", response.headers["Location"]
    assert response.headers["Location"].endswith("/home")


def test_login_next_keeps_a_path_here(client, world) -> None:
    response = log_in(client, "b1@example.fi", next_=quote("/inbox?mine=2", safe=""))
    assert response.headers["Location"].endswith("/inbox?mine=2")


@pytest.mark.parametrize("target", ["//evil.example", "/\t/evil.example", "/%2F/evil.example", "/\\evil.example"])
def test_form_next_field_never_leaves_the_site(client, world, as_, target: str) -> None:
    referral = open_one(as_("desk"))
    offer = as_("desk").post(f"/referrals/{referral['id']}/offers", {"service_id": world.services["b"]})
    assert offer.status_code == 201, offer.json
    assert log_in(client, "b1@example.fi").status_code == 302
    token = csrf_token_of(client, "/inbox")
    response = client.post(f"/offers/{offer.json['id']}/accept", data={"csrf_token": token, "next": target})
    assert response.status_code == 302, response.text
    assert _where(response.headers["Location"]) == "localhost", response.headers["Location"]


def csrf_token_of(client, path: str) -> str:
    from tests.web.conftest import csrf_token

    return csrf_token(client, path)


@pytest.mark.parametrize("path", ["/\\evil.example/x", "/\\/evil.example", "/%09/evil.example", "/%5C%5Cevil.example"])
def test_language_links_of_a_page_never_leave_the_site(client, path: str) -> None:
    # the links to the page in another language repeat the address asked for
    page = client.get(path)
    links = re.findall(r'href="([^"]*)"', page.get_data(as_text=True))
    assert any("lang=sv" in link for link in links), page.status_code
    for link in links:
        # a browser reads a backslash as a slash and drops tabs and newlines (the WHATWG URL standard)
        as_read = re.sub(r"[\t\r\n]", "", html.unescape(link).replace("\\", "/"))
        assert _where(as_read) == "localhost", link
