"""`eteinen rules learn` and the coordinator's page, on a generated week of desk corrections."""

from __future__ import annotations

import random
import re
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlmodel import Session

import routing.accounts.auth as auth
import routing.matcher.learn as learning
import routing.referrals.operations as referrals
from routing.cli import cli
from routing.core import db
from routing.core.clock import utcnow
from routing.directory.models import Organization
from routing.matcher.loading import current_router, route_now
from routing.matcher.router import parse_request
from routing.referrals.models import ReferralCreate
from rules.load import bundled_path

PASSWORD = "a long password 123"
TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')

# what the engine misses: a morning in bed is a mental-health need the desk adds
# (the engine reads "en päässyt ylös sängystä" itself now: these say it without a negated verb)
MISSED = [
    "Yksi aamu taas sängyssä puoleenpäivään, {tail}",
    "Makaan sängyssä koko päivän, {tail}",
    "Sängystä nouseminen aamuisin on vaikeaa, {tail}",
    "Sängystä ylös pääseminen on ollut mahdotonta viikkoja, {tail}",
]
# what the engine reads right, left as read
READ_RIGHT = [
    "Etsin töitä, {tail}",
    "Minulla on paljon velkaa ja perintäkirjeitä, {tail}",
    "Tarvitsen asunnon nopeasti, {tail}",
    "Haluaisin hakea opiskelemaan ammattikouluun, {tail}",
    "Olen työtön ja haen töitä, {tail}",
]
TAILS = ["asun Keravalla.", "olen 24.", "mitä teen?", "apua kaivataan.", "ystävä neuvoi kysymään täältä."]


@pytest.fixture
def rule_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(bundled_path(), folder)
    return folder


@pytest.fixture
def app_config(app_config: dict[str, Any], rule_folder: Path) -> dict[str, Any]:
    return {**app_config, "ETEINEN_RULES": str(rule_folder)}


def _week_of_corrections(app: Flask) -> None:
    """A week at a front desk: 10 questions where the desk ticked mental health, 30 left as read."""
    rng = random.Random(17)
    with app.app_context(), db.transaction() as s:
        s.add(Organization(id="org-ohjaamo", name="Ohjaamo"))
        s.add(Organization(id="org-verkosto", name="Verkosto"))
        s.flush()
        desk = auth.add_user(s, "desk@example.fi", "Ohjaamo", "front-desk", PASSWORD)
        auth.add_user(s, "coordinator@example.fi", "Verkosto", "coordinator", PASSWORD)
        start = utcnow() - timedelta(days=7)
        for i in range(40):
            missed = i % 4 == 0
            template = rng.choice(MISSED if missed else READ_RIGHT)
            question = template.format(tail=rng.choice(TAILS)) + " Soita 040 123 45" + str(i).zfill(2)
            enquiry = ReferralCreate(question=question, consent=True, needs=["mental-health"] if missed else None)
            referrals.open_referral(s, desk, enquiry, route=route_now, channel="desk", now=start + timedelta(hours=i))


def test_nothing_to_learn_says_so(runner: FlaskCliRunner, tmp_path: Path) -> None:
    out = tmp_path / "proposals.toml"
    done = runner.invoke(cli, ["rules", "learn", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "nothing to learn" in done.output and not out.exists()


def test_learn_proposes_the_missing_word_and_the_file_checks(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    _week_of_corrections(app)
    out = tmp_path / "proposals.toml"
    done = runner.invoke(cli, ["rules", "learn", "--since", "2020-01-01", "--min-count", "3", "--out", str(out)])
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert 'id = "learned-mental-health-sanky"' in text and 'require = { need = ["mental-health"] }' in text
    # the engine read some of the mornings right already: the rest are the evidence
    found = re.search(r"'sänky' in (\d+) of (\d+) questions where the desk added the need, (\d) of", text)
    assert found and found.group(1) == found.group(2) and int(found.group(1)) >= 5
    assert "040" not in text and "Keravalla" not in text  # examples: words around the hit, no contact, no place
    assert "sängystä" in text  # ... but the words that gave it away
    checked = runner.invoke(cli, ["rules", "check", str(out)])
    assert checked.exit_code == 0, checked.output

    # edited by hand into nonsense: refused with file:line:col
    out.write_text(text.replace('need = ["mental-health"]', 'need = ["mental-helth"]', 1), encoding="utf-8")
    refused = runner.invoke(cli, ["rules", "check", str(out)])
    assert refused.exit_code != 0
    assert re.search(rf"{re.escape(str(out))}:\d+:\d+: .*mental-helth", refused.output)


def test_bad_since_is_refused(runner: FlaskCliRunner, tmp_path: Path) -> None:
    done = runner.invoke(cli, ["rules", "learn", "--since", "last week", "--out", str(tmp_path / "x.toml")])
    assert done.exit_code == 2 and "--since" in done.output


def _login(client: FlaskClient, email: str) -> str:
    token = TOKEN.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    assert client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token}).status_code == 302
    return TOKEN.search(client.get("/rules/learn").text).group(1)  # type: ignore[union-attr]


def test_the_coordinator_accepts_a_proposal_and_it_reads_right_without_a_restart(
    app: Flask, client: FlaskClient, rule_folder: Path
) -> None:
    _week_of_corrections(app)
    question = "Taas koko päivä sängyssä, Kerava"
    with app.app_context():
        before = current_router().route(parse_request({"question": question}))
    assert "mental-health" not in [n.code for n in before.needs]

    token = _login(client, "coordinator@example.fi")
    page = client.get("/rules/learn").text
    assert "learned-mental-health-sanky" in page and re.search(r"(\d+) / \1", page)
    assert "040" not in page
    # a proposal that is not (or no longer) there changes nothing
    stale = client.post("/rules/learn", data={"csrf_token": token, "proposal": "nope", "decision": "accept"})
    assert stale.status_code == 302 and not (rule_folder / learning.LEARNED_FILE).exists()
    assert client.post("/rules/learn", data={"proposal": "x", "decision": "accept"}).status_code == 400  # no token

    done = client.post(
        "/rules/learn", data={"csrf_token": token, "proposal": "learned-mental-health-sanky", "decision": "accept"}
    )
    assert done.status_code == 302
    assert "learned-mental-health-sanky" in (rule_folder / learning.LEARNED_FILE).read_text(encoding="utf-8")
    with app.app_context():
        after = current_router().route(parse_request({"question": question}))
    assert "mental-health" in [n.code for n in after.needs]
    assert "learned-mental-health-sanky" in after.rules_fired
    assert "learned-mental-health-sanky" not in client.get("/rules/learn").text  # in use: no longer proposed


def test_a_rejected_proposal_is_not_proposed_again(app: Flask, client: FlaskClient, rule_folder: Path) -> None:
    _week_of_corrections(app)
    token = _login(client, "coordinator@example.fi")
    done = client.post(
        "/rules/learn", data={"csrf_token": token, "proposal": "learned-mental-health-sanky", "decision": "reject"}
    )
    assert done.status_code == 302 and not (rule_folder / learning.LEARNED_FILE).exists()
    assert "learned-mental-health-sanky" not in client.get("/rules/learn").text


def test_the_log_likelihood_of_a_table() -> None:
    assert learning.g2(10, 0, 0, 30) == pytest.approx(2 * (10 * 1.3863 + 30 * 0.2877), rel=1e-3)
    assert learning.g2(5, 5, 15, 15) == pytest.approx(0.0)


def test_example_phrases_keep_no_names_or_numbers(session: Session) -> None:
    phrase = learning.example_phrase("Hei, olen Matti Virtanen ja en päässyt ylös sängystä 040 1234567 tänään", 9)
    assert "sängystä" in phrase and "Virtanen" not in phrase and "040" not in phrase
