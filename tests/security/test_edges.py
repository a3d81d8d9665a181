"""Finding 7 and the webhook part of 10: hostile input is refused at the edge with 400/404, never a 500."""

from __future__ import annotations

import json

import pytest

from tests.security.conftest import OPEN, open_one


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("path", ["/route", "/referrals"])
@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_a_400(as_, path: str, depth: int) -> None:
    body = '{"question": ' + _nested(depth) + "}"
    response = as_("desk").client.post(
        f"/api/v1{path}", data=body, headers={**as_("desk").headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text[:300]
    assert "nest" in response.json["error"]["message"]


def test_ids_beyond_64_bits_are_a_404(as_) -> None:
    created = as_("b_admin").post("/webhooks", {"url": "https://93.184.215.14/hook", "events": ["referral.offered"]})
    assert created.status_code == 201, created.json
    endpoint = created.json["id"]
    for n in ("9223372036854775808", "99999999999999999999999999", "9223372036854775807"):
        response = as_("b_admin").post(f"/webhooks/{endpoint}/deliveries/{n}/retry")
        assert response.status_code == 404, (n, response.text)


@pytest.mark.parametrize("page", ["99999999999999999999", "9223372036854775808", "-99999999999999999999", "1e9"])
def test_huge_page_numbers_are_not_a_500(client, world, as_, page: str) -> None:
    from tests.security.conftest import log_in

    assert as_("desk").get(f"/services?page={page}").status_code == 400
    assert as_("desk").get(f"/referrals?page={page}").status_code == 400
    assert log_in(client, "b1@example.fi").status_code == 302
    for path in ("/directory", "/inbox", "/ring"):
        for param in ("page", "offers", "mine", "returned"):
            response = client.get(f"{path}?{param}={page}")
            assert response.status_code in (200, 400), (path, param, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/services?search=a%00b",
        "/referrals/abc%00def",
        "/referrals?holder=a%00b",
        "/rings/a%00b/queue",
        "/webhooks/a%00b/deliveries",
    ],
)
def test_nul_in_a_query_or_id_is_a_400_or_404(as_, path: str) -> None:
    response = as_("b_admin").get(path)
    assert response.status_code in (400, 404), response.text
    assert response.json["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {**OPEN, "question": "apua\u0000työhön"},
        {**OPEN, "client_contact": "040\u00001234"},
        {**OPEN, "municipality": "245\u0000"},
    ],
)
def test_nul_in_a_json_body_is_a_400(as_, body) -> None:
    response = as_("desk").post("/referrals", body)
    assert response.status_code == 400, response.text
    assert "NUL" in response.json["error"]["message"] or "\\u0000" in response.json["error"]["message"]


def test_nul_in_a_webhook_url_or_note_is_a_400(as_, world) -> None:
    hook = as_("b_admin").post("/webhooks", {"url": "https://example.com/\u0000x", "events": ["referral.offered"]})
    assert hook.status_code == 400, hook.text
    referral = open_one(as_("desk"))
    note = as_("desk").post(f"/referrals/{referral['id']}/close", {"outcome": "no-service\u0000"})
    assert note.status_code == 400, note.text


def test_nul_in_a_staff_form_is_a_400(client, world) -> None:
    from tests.security.conftest import log_in
    from tests.web.conftest import csrf_token

    assert log_in(client, "desk@example.fi").status_code == 302
    token = csrf_token(client, "/desk")
    response = client.post("/desk", data={"csrf_token": token, "question": "apua\x00", "municipality": "245"})
    assert response.status_code == 400
    assert client.get("/directory?search=a%00b").status_code == 400


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("http://[2002:7f00:1::]/hook", "loopback"),  # 6to4 of 127.0.0.1
        ("http://[2002:c0a8:a::]/hook", "private"),  # 6to4 of 192.168.0.10
        ("http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", "private"),  # Teredo, client 10.0.0.1
        ("http://[64:ff9b::a9fe:a9fe]/latest/meta-data", "link-local"),  # NAT64 of 169.254.169.254
        ("http://[64:ff9b::7f00:1]/", "loopback"),
        ("http://[::127.0.0.1]/", "loopback"),  # IPv4-compatible
        ("http://[::ffff:10.0.0.1]/", "private"),
    ],
)
def test_tunnelled_private_addresses_are_refused_for_webhooks(app, as_, url: str, what: str) -> None:
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    response = as_("b_admin").post("/webhooks", {"url": url, "events": ["referral.offered"]})
    assert response.status_code == 400, response.text
    assert what in response.json["error"]["message"]


def test_a_public_6to4_address_is_still_taken(app, as_) -> None:
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    response = as_("b_admin").post("/webhooks", {"url": "http://[2002:5db8:d70e::1]/", "events": ["referral.offered"]})
    assert response.status_code == 201, response.text


def test_json_text_stays_json(as_) -> None:
    # the nesting check must not count brackets inside strings
    response = as_("desk").post("/referrals", {**OPEN, "question": "[[[[" * 300 + " apua työhön"})
    assert response.status_code == 201, response.text
    assert json.loads(response.text)["question"].startswith("[[[[")


@pytest.mark.parametrize("email", ["x" * 5000, "a@" + "b" * 400 + ".fi", "\u202e" * 400])
def test_an_overlong_login_address_is_a_400_not_a_500(client, world, email: str) -> None:
    """Found by the fuzzing suite: a 5,000-character address overflowed the throttle's key on PostgreSQL."""
    from tests.security.conftest import log_in

    response = log_in(client, email)
    assert response.status_code in (400, 401)
