"""The ring page shows the ring's org-admins its mailbox: the address, the last reading, why it cannot be
read, and the mails it held with their reasons (never their content); counsellors see the queue only."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

import routing.accounts.auth as auth
from routing.core import db
from tests.mailbox.conftest import RING_ADDRESS, Box, Round
from tests.mailbox.mails import mail
from tests.referrals.conftest import World
from tests.web.conftest import PASSWORD, login


def test_org_admins_see_the_box_and_its_held_mails(
    app: Flask, client: FlaskClient, world: World, box: Box, read_round: Round
) -> None:
    with app.app_context(), db.transaction() as s:
        auth.add_user(s, "admin-b@example.fi", world.orgs["b"], "org-admin", PASSWORD)
        auth.add_user(s, "counsellor-c@example.fi", world.orgs["c"], "counsellor", PASSWORD)
    box.deliver(mail("exe_attachment"))
    box.deliver(mail("fi_gmail_new"))
    read_round()

    login(client, "admin-b@example.fi", lang="en")
    page = client.get("/ring").get_data(as_text=True)
    assert f"New mails to {RING_ADDRESS} become cases in this queue." in page
    assert "Last read" in page
    assert "an executable attachment (exe)" in page and "someone@example.biz" in page
    assert "Avaa liite" not in page  # the held mail's words stay in the mailbox

    client.post("/logout", data={})
    other = app.test_client()
    login(other, "counsellor-c@example.fi", lang="en")
    seen = other.get("/ring")
    assert seen.status_code == 200
    text = seen.get_data(as_text=True)
    assert "Take this case" in text
    assert "someone@example.biz" not in text and RING_ADDRESS not in text


@pytest.mark.parametrize(
    ("lang", "reason", "english"),
    [
        ("fi", "suoritettava liite (exe)", "an executable attachment"),
        ("sv", "en körbar bilaga (exe)", "an executable attachment"),
        ("fi", "automaattinen viesti: postituslista (List-Id)", "a mailing list"),
        ("sv", "automatiskt meddelande: en e-postlista (List-Id)", "a mailing list"),
    ],
)
def test_held_reasons_are_worded_in_the_page_language(
    app: Flask, client: FlaskClient, world: World, box: Box, read_round: Round, lang: str, reason: str, english: str
) -> None:
    with app.app_context(), db.transaction() as s:
        auth.add_user(s, "admin-b@example.fi", world.orgs["b"], "org-admin", PASSWORD)
    box.deliver(mail("exe_attachment"))
    box.deliver(mail("list_mail"))
    read_round()

    login(client, "admin-b@example.fi", lang=lang)
    page = client.get("/ring").get_data(as_text=True)
    assert reason in page
    assert english not in page
