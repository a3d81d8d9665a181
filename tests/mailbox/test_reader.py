"""The ring's box read by a real IMAP server (Dovecot) and answered through a real SMTP receiver."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlmodel import Session, col, select

from routing.directory.models import Organization
from routing.mailbox.models import CaseMail, MailKind, RingMailbox
from routing.mailbox.reasons import Reason
from routing.referrals.models import Offer, Referral
from tests.mailbox.conftest import NOW, RING_ADDRESS, Box, Round, connect_box, new_box
from tests.mailbox.mails import mail
from tests.referrals.conftest import World, build_world
from tests.smtp_sink import SmtpSink


def cases(session: Session) -> list[Referral]:
    return list(session.exec(select(Referral).order_by(col(Referral.created_at), col(Referral.client_contact))).all())


def test_three_mails_in_three_languages_become_three_cases_offered_to_the_ring(
    box: Box, world: World, session: Session, sink: SmtpSink, read_round: Round
) -> None:
    for name in ("fi_gmail_new", "sv_apple_new", "en_outlook_html"):
        box.deliver(mail(name))
    (done,) = read_round()
    assert (done.cases, done.held, done.acknowledgements, done.answers, done.error) == (3, 0, 3, 0, None)

    made = {r.client_contact: r for r in cases(session)}
    assert set(made) == {"aino.asiakas@example.net", "erik.klient@example.se", "sam.client@example.com"}
    first_member = session.exec(
        select(Organization.id)
        .where(col(Organization.id).in_([world.orgs["b"], world.orgs["c"]]))
        .order_by(col(Organization.name))
    ).first()
    for referral in made.values():
        assert referral.channel == "email" and referral.state == "offered" and referral.consent
        assert referral.holder_id == first_member
        assert referral.contact_user_id is None
        assert referral.route_result is not None  # the engine's suggestions are kept
        offer = session.exec(select(Offer).where(Offer.referral_id == referral.id)).one()
        assert offer.ring_id == world.ring
    assert "Keskeytin lukion" in (made["aino.asiakas@example.net"].question or "")
    assert "terveisin" not in (made["aino.asiakas@example.net"].question or "")
    assert {r.language for r in made.values()} == {"fi", "sv", "en"}

    # acknowledged once each, in the mail's language, from the ring's address, as an automatic reply
    by_to = {m["To"]: m for m in sink.messages}
    assert set(by_to) == set(made)
    sv = by_to["erik.klient@example.se"]
    code = sv["Subject"].rsplit("[", 1)[1].rstrip("]")
    assert sv["Subject"].startswith("Ditt meddelande har tagits emot [")
    assert sv["Auto-Submitted"] == "auto-replied"
    assert RING_ADDRESS in sv["From"]
    assert sv["In-Reply-To"] == "<5B2E1C7A-3F0D-4C1E-9E51-sv-apple-new@example.se>"
    body = sv.get_content()
    assert code in body and "9.12.2026" in body  # two working days after Monday 7 December
    assert "Dataskydd" in body and "invända mot behandlingen" in body
    assert "Jakobstad" not in sv["Subject"]
    assert by_to["sam.client@example.com"]["Subject"].startswith("Your message has been received [")

    # the mails left the inbox for Eteinen/Done, seen
    assert box.folder("INBOX") == []
    moved = box.folder("Eteinen/Done")
    assert len(moved) == 3 and all(b"\\Seen" in flags for flags, _ in moved)

    # a second round finds nothing new and sends nothing more
    (again,) = read_round(NOW + timedelta(minutes=1))
    assert (again.cases, again.acknowledgements) == (0, 0)
    assert len(cases(session)) == 3 and len(sink.messages) == 3


# what each language's acknowledgement says, word for word (from the catalogues): the sentence of each
# part, with the ring, the code and the contact date (two working days after Monday 7 December)
ACKNOWLEDGED = {
    "fi": (
        "Viestisi on vastaanotettu [{code}]",
        [
            "Hei,",
            "kiitos viestistäsi. Puhelinrengas on vastaanottanut sen, ja asiasi tunnus on {code}.",
            "Ohjaaja ottaa sinuun yhteyttä viimeistään 9.12.2026 (arkipäivinä, pyhät huomioiden).",
            "Jos haluat kirjoittaa lisää, vastaa tähän viestiin: vastauksesi tulee samaan asiaan.",
            "Voit vastustaa käsittelyä, pyytää tietosi tai niiden poistamista vastaamalla tähän viestiin",
            "Tämä on automaattinen vastaus.",
        ],
    ),
    "sv": (
        "Ditt meddelande har tagits emot [{code}]",
        [
            "Hej,",
            "tack för ditt meddelande. Det har tagits emot av vägledningsringen Puhelinrengas, och ditt ärende har"
            " koden {code}.",
            "En vägledare kontaktar dig senast 9.12.2026 (vardagar, helgdagar medräknade).",
            "Om du vill skriva mer, svara på det här meddelandet: ditt svar hamnar i samma ärende.",
            "Du kan invända mot behandlingen, begära dina uppgifter eller att de raderas genom att svara på det här",
            "Detta är ett automatiskt svar.",
        ],
    ),
    "en": (
        "Your message has been received [{code}]",
        [
            "Hello,",
            "thank you for your message. The guidance ring Puhelinrengas has received it, and your case code is"
            " {code}.",
            "A counsellor will contact you by 09 December 2026 (working days, public holidays counted).",
            "To add something, reply to this message: your reply joins the same case.",
            "You can object to the processing, ask for your data or for its erasure by replying to this message",
            "This is an automatic reply.",
        ],
    ),
}


def test_each_acknowledgement_says_it_all_in_the_clients_language_and_no_other(
    box: Box, session: Session, sink: SmtpSink, read_round: Round
) -> None:
    for name in ("fi_gmail_new", "sv_apple_new", "en_outlook_html"):
        box.deliver(mail(name))
    read_round()
    made = {r.language: r for r in cases(session)}
    assert set(made) == set(ACKNOWLEDGED)
    for language, (subject, sentences) in ACKNOWLEDGED.items():
        code = made[language].code or ""
        (ack,) = sink.to(made[language].client_contact or "")
        assert ack["Subject"] == subject.format(code=code)
        assert ack["Content-Language"] == language
        assert ack["Auto-Submitted"] == "auto-replied" and ack["X-Auto-Response-Suppress"] == "All"
        body = " ".join(ack.get_content().split())  # the sentences, whatever the lines
        for sentence in sentences:
            assert sentence.format(code=code) in body, (language, sentence)
        assert "/client/c/" not in body  # the door is closed: no private link
        for other, (other_subject, other_sentences) in ACKNOWLEDGED.items():
            if other != language:
                assert other_subject.format(code=code) != ack["Subject"]
                assert not [s for s in other_sentences[1:] if s.format(code=code) in body], (language, other)


def test_unusable_mails_are_held_with_their_reason_and_the_round_goes_on(
    box: Box, session: Session, sink: SmtpSink, read_round: Round, runner: object, app: Flask
) -> None:
    for name in ("exe_attachment", "bad_charset", "no_text", "fi_outlook_pdf"):
        box.deliver(mail(name))
    box.deliver(b"From: big@example.net\r\nMessage-ID: <big-1@example.net>\r\n\r\n" + b"x" * (2 * 1024 * 1024 + 10))
    (done,) = read_round()
    assert (done.cases, done.held) == (1, 4)
    assert len(cases(session)) == 1 and len(sink.messages) == 1
    held = box.folder("Eteinen/Held")
    assert len(held) == 4  # moved, never deleted
    assert box.folder("INBOX") == []
    listing = app.test_cli_runner().invoke(args=["ring", "list"])
    assert listing.exit_code == 0, listing.output
    assert f"mailbox {RING_ADDRESS}: last read 2026-12-07 10:15 UTC" in listing.output
    for reason in (
        "an executable attachment (exe)",
        "an unknown character set (x-no-such-charset)",
        "no text",
        "larger than 2 MB",
    ):
        assert reason in listing.output
    assert "Avaa liite" not in listing.output  # the reason, never the content


def test_automatic_mails_make_no_case_and_get_no_answer(
    box: Box, session: Session, sink: SmtpSink, read_round: Round
) -> None:
    box.deliver(mail("fi_gmail_new"))
    read_round()
    (ack,) = sink.messages
    ack_id = ack["Message-ID"].strip("<>")
    code = ack["Subject"].rsplit("[", 1)[1].rstrip("]")
    # the client's out-of-office answers the acknowledgement; another system's autoresponder answers too
    box.deliver(mail("out_of_office", IN_REPLY_TO=ack_id, CODE=code))
    box.deliver(mail("autoresponder_fresh"))
    box.deliver(mail("list_mail"))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.cases, done.replies, done.automatic, done.held, done.acknowledgements) == (0, 0, 1, 2, 0)
    assert len(cases(session)) == 1 and len(sink.messages) == 1
    kinds = sorted(session.exec(select(CaseMail.kind, CaseMail.reason).where(CaseMail.kind == MailKind.HELD)).all())
    assert sorted(str(Reason.parse(reason)) for _, reason in kinds) == [
        "automatic mail: Precedence: bulk",
        "automatic mail: a mailing list (List-Id)",
    ]


def test_one_automatic_answer_a_day_per_sender(box: Box, session: Session, sink: SmtpSink, read_round: Round) -> None:
    first = mail("fi_gmail_new")
    second = first.replace(b"CAF1a9xQ7mZ0fi-gmail-new", b"CAF1a9xQ-second-question")
    box.deliver(first)
    box.deliver(second)
    (done,) = read_round()
    assert (done.cases, done.acknowledgements, done.acknowledgements_skipped) == (2, 1, 1)
    third = first.replace(b"CAF1a9xQ7mZ0fi-gmail-new", b"CAF1a9xQ-next-day")
    box.deliver(third)
    (later,) = read_round(NOW + timedelta(days=1))
    assert (later.cases, later.acknowledgements) == (1, 1)
    assert len(sink.messages) == 2


def test_the_same_mail_delivered_twice_is_taken_once(
    box: Box, session: Session, sink: SmtpSink, read_round: Round
) -> None:
    box.deliver(mail("sv_apple_new"))
    box.deliver(mail("sv_apple_new"))
    (done,) = read_round()
    assert done.cases == 1 and done.finished == 1
    assert len(cases(session)) == 1 and len(sink.messages) == 1
    assert len(box.folder("Eteinen/Done")) == 2


def test_an_unreachable_box_is_reported_retried_later_and_the_other_rings_go_on(
    app: Flask, world: World, dovecot: object, session: Session, read_round: Round, sink: SmtpSink
) -> None:
    good = new_box(dovecot)  # type: ignore[arg-type]
    bad = new_box(dovecot)  # type: ignore[arg-type]
    other = build_world(app, prefix="toinen-")
    connect_box(app, world.ring, bad, password="wrong password")
    connect_box(app, other.ring, good)
    good.deliver(mail("fi_gmail_new"))
    rounds = {r.ring: r for r in read_round()}
    failed, fine = rounds["Puhelinrengas"], rounds["toinen-Puhelinrengas"]
    assert fine.cases == 1 and fine.error is None
    assert failed.error is not None and failed.error.startswith(f"the mail server refused the login of {bad.user}: ")
    assert "wrong password" not in failed.error
    assert failed.retry_at == NOW + timedelta(minutes=1)
    # before the pause is over the box waits; after it, it is tried again, with a longer pause
    (waiting,) = [r for r in read_round(NOW + timedelta(seconds=30)) if r.ring == "Puhelinrengas"]
    assert waiting.skipped and "waiting until" in str(waiting)
    (again,) = [r for r in read_round(NOW + timedelta(minutes=2)) if r.ring == "Puhelinrengas"]
    assert again.error is not None and again.retry_at == NOW + timedelta(minutes=4)
    stored = session.get(RingMailbox, world.ring)
    assert stored is not None and stored.failures == 2
    # connected again with the right password, it reads at once
    connect_box(app, world.ring, bad)
    bad.deliver(mail("sv_apple_new"))
    (back,) = [r for r in read_round(NOW + timedelta(minutes=3)) if r.ring == "Puhelinrengas"]
    assert back.cases == 1 and back.error is None


def test_a_server_that_is_down_is_reported(app: Flask, world: World, session: Session, read_round: Round) -> None:
    from routing.core import db
    from routing.mailbox.boxes import connect
    from tests.smtp_sink import free_port

    with app.app_context(), db.transaction() as s:
        connect(
            s,
            world.ring,
            imap=f"imap://someone@127.0.0.1:{free_port()}/INBOX",
            address=RING_ADDRESS,
            password="x",
            secret=app.config["SECRET_KEY"],
            insecure=True,
        )
    (done,) = read_round()
    assert done.error is not None and done.error.startswith("no connection to the mail server 127.0.0.1:")
