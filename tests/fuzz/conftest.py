"""The fuzzing suite's shared parts: a populated network, hostile values, and the checks every answer must pass.

``FUZZ_EXAMPLES`` sets how many generated requests each fuzz test sends (a small number in
``make test``; ``make fuzz`` sends thousands). Every answer must be below 500, carry no traceback
and come within ``SLOW_SECONDS``; no personal marker the generator put in a question, contact or
note may reach any log record.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.security.conftest import OPEN, World, as_, log_in, world  # noqa: F401  (the fixtures)
from tests.web.conftest import csrf_token

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
SLOW_SECONDS = float(os.environ.get("FUZZ_SLOW_SECONDS", "5"))
MARKER = "PMARK"

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the answer's own time is checked instead, with a clear message
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # no example database in the work tree; failures print their reproducing example
)

# how many requests each surface sent, for `make fuzz` to report
SENT: Counter[str] = Counter()

HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202etxt.exe",
    "\u2066x\u2069",
    "%",
    "_",
    "%_%",
    "\\",
    "'",
    '"',
    "'; DROP TABLE referral; --",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "../../etc/passwd",
    "9" * 30,
    "-1",
    "0",
    "9223372036854775808",
    "1e309",
    "NaN",
    "true",
    "null",
    "x" * 5000,
    "Ω≈ç√∫˜µ≤≥÷",
    "ｅｔｅｉｎｅｎ",
    "\r\n\r\nSet-Cookie: x=1",
    "//evil.example",
    "/\t/evil.example",
    "service:",
    "ring:\x00",
    "user:99999999999999999999",
    "user:-1",
    "service:" + "a" * 80,
]

texts = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40))
personal_texts = st.one_of(texts, texts.map(lambda t: f"{MARKER} {t}"))
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1, 2**31, 2**63, 2**64]),
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, texts),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=12,
)


@dataclass
class Fuzzed:
    """A populated network: ids of every kind of thing, people with tokens, logged-in page clients."""

    world: World
    ids: dict[str, list[str]] = field(default_factory=dict)

    def some(self, kind: str) -> list[str]:
        return self.ids.get(kind, [])


def build_fuzzed(app: Flask, client: FlaskClient, network: World) -> Fuzzed:
    """Referrals in every state, offers, notes, a webhook: real ids for the generator to mix with junk."""
    from tests.referrals.conftest import Api

    def api(key: str) -> Api:
        return Api(client, network.tokens[key])

    fz = Fuzzed(network)
    referrals, offers = [], []
    for n in range(4):
        r = api("desk").post(
            "/referrals", {**OPEN, "question": f"{MARKER} kysymys {n}", "client_contact": f"{MARKER} 040"}
        )
        assert r.status_code == 201, r.text
        referrals.append(r.json["id"])
        if n >= 1:
            o = api("desk").post(f"/referrals/{r.json['id']}/offers", {"service_id": network.services["b"]}).json
            offers.append(o["id"])
            if n >= 2:
                assert api("b1").post(f"/offers/{o['id']}/accept").status_code == 200
                api("b1").post(f"/referrals/{r.json['id']}/notes", {"text": f"{MARKER} muistio"})
            if n >= 3:
                api("b1").post(f"/referrals/{r.json['id']}/close", {"outcome": "served"})
    hook = api("b_admin").post("/webhooks", {"url": "https://93.184.215.14/hook", "events": ["referral.offered"]})
    fz.ids = {
        "referral_id": referrals,
        "offer_id": offers,
        "endpoint_id": [hook.json["id"]] if hook.status_code == 201 else [],
        "ring_id": [network.ring],
        "organization": list(network.orgs.values()),
        "service": list(network.services.values()),
        "user": [str(u) for u in network.users.values()],
        "delivery_id": ["1", "2"],
        "job": ["nope"],
        "name": ["referrals", "nope"],
    }
    return fz


def check_answer(response: Any, elapsed: float, what: str, documented: Iterable[int] = ()) -> None:
    """What every answer to a generated request must be: no 500 (only a 5xx the operation documents, as
    /ready's 503), no traceback, not slow, JSON errors under /api/."""
    SENT[what] += 1
    text = response.get_data(as_text=True)
    assert response.status_code < 500 or response.status_code in documented, (
        f"{what}: {response.status_code}\n{text[:2000]}"
    )
    assert "Traceback" not in text and 'File "/' not in text, f"{what}: a traceback in the answer"
    assert elapsed < SLOW_SECONDS, f"{what}: {elapsed:.1f} s"
    # a 4xx is the API's error; a 5xx the operation documents has the shape it documents (/ready's checks)
    if what.startswith("api") and 400 <= response.status_code < 500 and response.mimetype == "application/json":
        error = json.loads(text)["error"]
        assert error["code"] and error["message"], f"{what}: {text[:500]}"


def timed(call: Any) -> tuple[Any, float]:
    """The answer and how long it took; a slow one is asked once more (a busy 2-core machine stalls now
    and then), so only an answer that is slow again fails."""
    for _attempt in range(2):
        started = time.perf_counter()
        response = call()
        elapsed = time.perf_counter() - started
        if elapsed < SLOW_SECONDS:
            break
    return response, elapsed


@pytest.fixture(autouse=True)
def _report_sent(request: pytest.FixtureRequest) -> Any:
    """With FUZZ_REPORT set, each test's count of generated requests is appended to that file as it ends."""
    before = sum(SENT.values())
    yield
    report = os.environ.get("FUZZ_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            out.write(json.dumps({"test": request.node.nodeid, "sent": sum(SENT.values()) - before}) + "\n")


def no_marker_logged(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        logged = f"{record.getMessage()} {record.exc_text or ''} {record.exc_info[1] if record.exc_info else ''}"
        assert MARKER not in logged, f"a personal marker in the log: {record.name}: {logged[:500]}"


@pytest.fixture
def capture_all(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


def page_client(app: Flask, email: str) -> tuple[FlaskClient, str]:
    """A logged-in page client and its CSRF token."""
    client = app.test_client()
    assert log_in(client, email).status_code == 302
    return client, csrf_token(client, "/desk")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SENT:
        total = sum(SENT.values())
        terminalreporter.write_line(
            f"fuzz: {total} generated requests ({', '.join(f'{k} {v}' for k, v in sorted(SENT.items()))})"
        )
