"""The ring page shows the ring's org-admins its mailbox: the address, the last reading, why it cannot be
read, and the mails it held with their reasons (never their content); counsellors see the queue only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

import routing.accounts.auth as auth
from routing.core import db
from routing.mailbox.models import RingMailbox
from tests.dovecot import Dovecot
from tests.mailbox.conftest import NOW, RING_ADDRESS, Box, Round, connect_box, new_box
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


@pytest.mark.parametrize(
    ("lang", "cannot", "reason", "held"),
    [
        (
            "fi",
            "Postilaatikkoa ei voi lukea: ",
            "postipalvelin ei hyväksynyt käyttäjän {user} kirjautumista",
            "vastausosoite, joka on yli 500 merkkiä pitkä",
        ),
        (
            "sv",
            "Brevlådan kan inte läsas: ",
            "e-postservern godkände inte inloggningen för {user}",
            "en svarsadress längre än 500 tecken",
        ),
    ],
)
def test_a_box_that_cannot_be_read_and_a_mail_that_makes_no_case_are_worded_in_the_page_language(
    app: Flask,
    client: FlaskClient,
    world: World,
    dovecot: Dovecot,
    session: Session,
    read_round: Round,
    lang: str,
    cannot: str,
    reason: str,
    held: str,
) -> None:
    with app.app_context(), db.transaction() as s:
        auth.add_user(s, "admin-b@example.fi", world.orgs["b"], "org-admin", PASSWORD)
    box = new_box(dovecot)
    # a reply address no case can keep: held, with the reason and no English detail
    too_long = mail("fi_gmail_new").replace(b"\nTo: ", f"\nReply-To: <{'a' * 600}@example.net>\nTo: ".encode(), 1)
    box.deliver(too_long)
    connect_box(app, world.ring, box)
    (done,) = read_round()
    assert (done.cases, done.held) == (0, 1)

    login(client, "admin-b@example.fi", lang=lang)
    assert held in client.get("/ring").get_data(as_text=True)

    connect_box(app, world.ring, box, password="wrong password")
    (failed,) = read_round(NOW + timedelta(minutes=1))
    assert failed.error is not None and failed.error.startswith("the mail server refused the login of ")
    page = client.get("/ring").get_data(as_text=True)
    assert cannot + reason.format(user=box.user) in page
    for english in ("refused the login", "AUTHENTICATIONFAILED", "a reply address longer", "not a case"):
        assert english not in page
    assert "wrong password" not in page
    # as the box keeps it: a code with a value, worded when shown
    stored = session.get(RingMailbox, world.ring)
    assert stored is not None and stored.last_error == f"box-login:{box.user}"


def test_a_reason_kept_before_codes_is_shown_as_it_was(app: Flask, client: FlaskClient, world: World, box: Box) -> None:
    with app.app_context(), db.transaction() as s:
        auth.add_user(s, "admin-b@example.fi", world.orgs["b"], "org-admin", PASSWORD)
        s.get(RingMailbox, world.ring).last_error = "login refused for someone: [AUTHENTICATIONFAILED] failed."
    login(client, "admin-b@example.fi", lang="fi")
    page = client.get("/ring").get_data(as_text=True)
    assert "Postilaatikkoa ei voi lukea: login refused for someone: [AUTHENTICATIONFAILED] failed." in page
