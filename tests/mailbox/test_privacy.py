"""Mail text is personal data like any question: exported with the case, erased with it, forgotten after
the retention period; the originals stay in the ring's mailbox, and the export says so."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import Engine
from sqlmodel import Session, select

from routing.core import db
from routing.mailbox.models import CaseMail, MailKind
from routing.privacy.operations import erase, export, run_retention
from routing.referrals.models import Message, Referral
from tests.mailbox.conftest import NOW, Box, Round
from tests.mailbox.mails import mail
from tests.smtp_sink import SmtpSink


def test_export_and_erasure_of_a_mail_case(
    app: Flask, box: Box, session: Session, sink: SmtpSink, read_round: Round, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    box.deliver(mail("fi_gmail_new"))
    read_round()
    (referral,) = session.exec(select(Referral)).all()
    (ack,) = sink.messages
    box.deliver(mail("reply_gmail_fi", IN_REPLY_TO=ack["Message-ID"].strip("<>"), CODE=referral.code or ""))
    read_round(NOW + timedelta(minutes=1))

    with app.app_context(), db.transaction() as s:
        found = s.get(Referral, referral.id)
        assert found is not None
        data = export(s, found, None, "cli")
    assert "Keskeytin lukion" in data["referral"]["question"]
    assert [m["body"] for m in data["messages"]] == ["Kiitos! Unohdin kertoa, että minulla on lukihäiriö."]
    assert [m["kind"] for m in data["mail"]] == ["case", "answer", "reply"]
    assert "Eteinen/Done" in data["mail_note"]

    with app.app_context(), db.transaction() as s:
        found = s.get(Referral, referral.id)
        assert found is not None
        erase(s, found, None, force=True, reason="the client asked by mail")
    session.expire_all()
    erased = session.get(Referral, referral.id)
    assert erased is not None and erased.question is None and erased.client_contact is None
    assert session.exec(select(Message).where(Message.referral_id == referral.id)).all() == []
    assert all(m.sender is None for m in session.exec(select(CaseMail)).all())

    # a later reply finds the erased case and is kept aside in Eteinen/Held, not lost and not in a thread
    box.deliver(mail("reply_outlook_subject_fi", CODE=referral.code or ""))
    (done,) = read_round(NOW + timedelta(minutes=2))
    assert (done.replies, done.held, done.cases) == (0, 1, 0)
    assert len(box.folder("Eteinen/Held")) == 1
    assert session.exec(select(Message)).all() == []
    # no mail's words in the log
    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]  # not the test's SMTP receiver
    text = "\n".join(r.getMessage() for r in ours)
    assert "referral" in text  # the log was listened to
    assert "Keskeytin" not in text and "lukihäiriö" not in text and "aino.asiakas" not in text


def test_held_mail_senders_are_forgotten_after_the_retention_period(
    box: Box, engine: Engine, session: Session, read_round: Round
) -> None:
    box.deliver(mail("exe_attachment"))
    read_round()
    (held,) = session.exec(select(CaseMail).where(CaseMail.kind == MailKind.HELD)).all()
    assert held.sender == "someone@example.biz"
    run_retention(365, now=NOW + timedelta(days=300), bind=engine)
    session.expire_all()
    assert session.get(CaseMail, held.id).sender == "someone@example.biz"  # type: ignore[union-attr]
    run_retention(365, now=NOW + timedelta(days=366), bind=engine)
    session.expire_all()
    kept = session.get(CaseMail, held.id)
    assert kept is not None and kept.sender is None and kept.reason == "executable:exe"
