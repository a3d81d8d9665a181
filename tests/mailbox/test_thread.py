"""Mail and the case's thread: the client's replies join it, the staff's answers leave from the ring's
address, and a reply to a closed case is kept without reopening it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlmodel import Session, col, select

import routing.accounts.auth as auth
from routing.core import db
from routing.directory.rings import add_ring
from routing.mailbox.models import CaseMail, MailKind
from routing.referrals.models import Message, Offer, Referral
from tests.dovecot import Dovecot
from tests.mailbox.conftest import NOW, RING_ADDRESS, Box, Round, connect_box, new_box
from tests.mailbox.mails import mail
from tests.referrals.conftest import World, open_one
from tests.smtp_sink import SmtpSink
from tests.web.conftest import PASSWORD, login


def only_case(session: Session) -> Referral:
    (referral,) = session.exec(select(Referral)).all()
    return referral


def thread(session: Session, referral_id: str) -> list[tuple[str, str]]:
    rows = session.exec(
        select(Message.author, Message.body).where(Message.referral_id == referral_id).order_by(col(Message.id))
    ).all()
    return [(author, body or "") for author, body in rows]


def take_case(as_: Any, session: Session, referral: Referral, who: str = "b1") -> None:
    offer = session.exec(select(Offer).where(Offer.referral_id == referral.id)).one()
    response = as_(who).post(f"/offers/{offer.id}/accept")
    assert response.status_code == 200, response.json


@pytest.fixture
def as_(client: Any, world: World) -> Any:
    from tests.referrals.conftest import Api

    return lambda key: Api(client, world.tokens[key])


def test_a_reply_to_the_acknowledgement_joins_the_thread_and_tells_the_owner(
    box: Box, session: Session, sink: SmtpSink, read_round: Round, as_: Any
) -> None:
    box.deliver(mail("fi_gmail_new"))
    read_round()
    referral = only_case(session)
    take_case(as_, session, referral)
    (ack,) = sink.messages
    box.deliver(mail("reply_gmail_fi", IN_REPLY_TO=ack["Message-ID"].strip("<>"), CODE=referral.code or ""))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.cases, done.replies, done.acknowledgements, done.answers) == (0, 1, 0, 0)
    assert thread(session, referral.id) == [("client", "Kiitos! Unohdin kertoa, että minulla on lukihäiriö.")]
    told = sink.to("b1@example.fi")
    assert len(told) == 1 and referral.code in told[0]["Subject"]
    assert "lukihäiriö" not in told[0].get_content()  # that there is a message, never what it says


def test_the_code_in_the_subject_alone_finds_the_case(
    box: Box, session: Session, sink: SmtpSink, read_round: Round
) -> None:
    box.deliver(mail("fi_gmail_new"))
    read_round()
    referral = only_case(session)
    box.deliver(mail("reply_outlook_subject_fi", CODE=(referral.code or "").lower()))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.cases, done.replies) == (0, 1)
    assert thread(session, referral.id) == [("client", "Vielä yksi asia: voin tulla tapaamiseen vain iltaisin.")]


def from_stranger(raw: bytes) -> bytes:
    """The mail as someone else sends it: their own address, the subject (and its code) the same."""
    changed = raw.replace(b"<aino.asiakas@example.net>", b"<outo@example.org>", 1)
    assert changed != raw
    return changed


def held_reasons(session: Session) -> list[tuple[str | None, str | None]]:
    rows = session.exec(select(CaseMail).where(CaseMail.kind == MailKind.HELD).order_by(col(CaseMail.id))).all()
    return [(row.reason, row.referral_id) for row in rows]


@pytest.mark.parametrize("where", ["another ring", "a desk"])
def test_a_code_of_a_case_this_box_does_not_handle_is_held(
    app: Flask, world: World, dovecot: Dovecot, box: Box, session: Session, read_round: Round, as_: Any, where: str
) -> None:
    if where == "another ring":
        with app.app_context(), db.transaction() as s:
            other_ring = add_ring(s, "Toinen rengas", [world.orgs["x"]]).id
        other = new_box(dovecot)
        connect_box(app, other_ring, other, address="toinen@rengas.example.fi")
        other.deliver(mail("fi_gmail_new"))
        read_round()
        code = only_case(session).code or ""
    else:
        code = open_one(as_("desk"), client_contact="aino.asiakas@example.net")["code"]
    referral_id = only_case(session).id
    # even from the address the case's client wrote from: codes are not secret, this box never had the case
    box.deliver(mail("reply_outlook_subject_fi", CODE=code))
    done = {r.ring: r for r in read_round(NOW + timedelta(minutes=1))}["Puhelinrengas"]
    assert (done.cases, done.replies, done.held, done.acknowledgements) == (0, 0, 1, 0)
    assert thread(session, referral_id) == []
    assert held_reasons(session) == [(f"code-elsewhere:{code}", None)]
    assert len(box.folder("Eteinen/Held")) == 1


def test_a_code_from_a_stranger_is_held_for_the_ring_to_check(
    app: Flask, client: Any, world: World, box: Box, session: Session, sink: SmtpSink, read_round: Round, as_: Any
) -> None:
    box.deliver(mail("fi_gmail_new"))
    read_round()
    referral = only_case(session)
    take_case(as_, session, referral)
    box.deliver(from_stranger(mail("reply_outlook_subject_fi", CODE=referral.code or "")))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.cases, done.replies, done.held) == (0, 0, 1)
    assert thread(session, referral.id) == []
    # not the case's mail: the stranger's address stays out of the client's export
    assert held_reasons(session) == [(f"code-sender:{referral.code}", None)]
    assert sink.to("b1@example.fi") == []  # the owner is not told of a message there is not
    with app.app_context(), db.transaction() as s:
        auth.add_user(s, "admin-b@example.fi", world.orgs["b"], "org-admin", PASSWORD)
    login(client, "admin-b@example.fi", lang="fi")
    page = client.get("/ring").get_data(as_text=True)
    assert f"otsikossa asian {referral.code} tunnus, mutta lähettäjän osoite ei ole asian asiakkaan" in page
    assert "outo@example.org" in page


def test_the_clients_reply_to_address_with_the_code_finds_the_case(
    box: Box, session: Session, read_round: Round
) -> None:
    box.deliver(mail("fi_gmail_new"))
    read_round()
    referral = only_case(session)
    # from another address of theirs, answers going to the one the case keeps (in other letters)
    reply = from_stranger(mail("reply_outlook_subject_fi", CODE=referral.code or ""))
    reply = reply.replace(b"\nSubject: ", b"\nReply-To: Aino <Aino.Asiakas@EXAMPLE.net>\nSubject: ", 1)
    box.deliver(reply)
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.cases, done.replies, done.held) == (0, 1, 0)
    assert thread(session, referral.id) == [("client", "Vielä yksi asia: voin tulla tapaamiseen vain iltaisin.")]


def test_a_reply_to_the_rings_mail_finds_its_case_from_any_address(
    box: Box, session: Session, sink: SmtpSink, read_round: Round
) -> None:
    box.deliver(mail("fi_gmail_new"))
    read_round()
    referral = only_case(session)
    (ack,) = sink.messages
    # the Message-ID it answers is known only to who got the acknowledgement: the address does not matter
    raw = mail("reply_gmail_fi", IN_REPLY_TO=ack["Message-ID"].strip("<>"), CODE=referral.code or "")
    box.deliver(from_stranger(raw))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.cases, done.replies, done.held) == (0, 1, 0)
    assert thread(session, referral.id) == [("client", "Kiitos! Unohdin kertoa, että minulla on lukihäiriö.")]


def test_staff_answer_goes_by_mail_from_the_ring_and_the_answer_to_it_comes_back(
    box: Box, session: Session, sink: SmtpSink, read_round: Round, as_: Any
) -> None:
    box.deliver(mail("en_outlook_html"))
    read_round()
    referral = only_case(session)
    take_case(as_, session, referral)
    written = as_("b1").post(f"/referrals/{referral.id}/messages", {"body": "Could you come on Tuesday at 14?"})
    assert written.status_code == 201, written.json
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.acknowledgements, done.answers) == (0, 1)
    assert str(done).endswith("0 acknowledgement(s) sent, 1 answer(s) sent")
    answer = sink.to("sam.client@example.com")[-1]
    assert RING_ADDRESS in answer["From"]
    assert answer["Subject"] == f"An answer in your case [{referral.code}]"
    assert "Auto-Submitted" not in answer
    assert answer["Content-Language"] == "en"
    assert answer.get_content().strip() == "Could you come on Tuesday at 14?"
    ack = sink.to("sam.client@example.com")[0]
    assert answer["In-Reply-To"] == ack["Message-ID"]
    assert "<AM0PR07MB6321en-outlook-html@AM0PR07MB6321.eurprd07.prod.outlook.com>" in answer["References"]
    # the client answers that mail from Apple Mail
    box.deliver(mail("en_apple_reply", IN_REPLY_TO=answer["Message-ID"].strip("<>"), CODE=referral.code or ""))
    (again,) = read_round(NOW + timedelta(minutes=2))
    assert again.replies == 1 and again.answers == 0
    assert thread(session, referral.id) == [
        ("staff", "Could you come on Tuesday at 14?"),
        # the bare name that signs it is the sender's own (From: Sam Client): it goes
        ("client", "Thanks, Tuesday afternoons suit me best."),
    ]
    assert len(sink.to("sam.client@example.com")) == 2  # the answer goes once


def test_a_reply_to_a_closed_case_is_kept_and_reopens_nothing(
    box: Box, session: Session, sink: SmtpSink, read_round: Round, as_: Any
) -> None:
    box.deliver(mail("sv_apple_new"))
    read_round()
    referral = only_case(session)
    take_case(as_, session, referral, "b2")
    closed = as_("b2").post(f"/referrals/{referral.id}/close", {"outcome": "served"})
    assert closed.status_code == 200, closed.json
    (ack,) = sink.to("erik.klient@example.se")
    box.deliver(mail("sv_thunderbird_reply", IN_REPLY_TO=ack["Message-ID"].strip("<>"), CODE=referral.code or ""))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.cases, done.replies, done.held) == (0, 1, 0)
    session.expire_all()
    assert session.get(Referral, referral.id).state == "closed"  # type: ignore[union-attr]
    assert thread(session, referral.id) == [("client", "Tack! Jag kan komma på torsdag.")]
    assert len(sink.to("b2@example.fi")) == 1  # the last owner is told


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "CLIENT_DOOR_ORG": "org-b", "CLIENT_DOOR_RING": "Puhelinrengas"}


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("fi_gmail_new", "Asiaasi voit seurata myös osoitteessa "),
        ("sv_apple_new", "Du kan också följa ditt ärende på "),
        ("en_outlook_html", "You can also follow your case at "),
    ],
)
def test_with_the_door_open_the_acknowledgement_carries_the_private_link(
    box: Box, session: Session, sink: SmtpSink, read_round: Round, client: Any, app: Flask, name: str, sentence: str
) -> None:
    box.deliver(mail(name))
    read_round()
    (ack,) = sink.messages
    body = ack.get_content().replace("\r\n", "\n")  # as it came over SMTP
    link = next(word for word in body.split() if "/client/c/" in word)
    assert f"\n{sentence}{link}\n\n" in body  # its own line in the client's language, then the privacy notice
    page = client.get(link.removeprefix(app.config["BASE_URL"]))
    assert page.status_code == 200
    assert (only_case(session).code or "") in page.get_data(as_text=True)
