"""A client's mail with files, through the real Dovecot: the files become the case thread's files as the
client door keeps a message's files (PDF, PNG and JPEG told by their content, at most five, the door's
size limit); others are named in the message, not kept; a picture the HTML shows (a signature's logo)
is the mail's look, not a file. The export carries them, erasure removes them from the disk, and a
reader stopped before its commit leaves no file behind."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlmodel import Session, col, select

from routing.core import db
from routing.mailbox.models import CaseMail, MailKind
from routing.privacy.operations import erase, export
from routing.referrals.models import Attachment, Message, Offer, Referral
from tests.mailbox.conftest import NOW, RING_ADDRESS, Box, Round
from tests.mailbox.mails import mail
from tests.mailbox.test_crash import Stopped, stop_at
from tests.referrals.conftest import Api, World
from tests.smtp_sink import SmtpSink

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "CLIENT_DOOR_ORG": "org-b", "CLIENT_DOOR_RING": "Puhelinrengas"}


@pytest.fixture
def as_(client: Any, world: World) -> Any:
    return lambda key: Api(client, world.tokens[key])


def files_on_disk(instance_dir: Path) -> list[Path]:
    folder = instance_dir / "attachments"
    return sorted(folder.iterdir()) if folder.exists() else []


def only_case(session: Session) -> Referral:
    (referral,) = session.exec(select(Referral)).all()
    return referral


def taken_by_b1(as_: Any, session: Session, referral: Referral) -> None:
    offer = session.exec(select(Offer).where(Offer.referral_id == referral.id)).one()
    assert as_("b1").post(f"/offers/{offer.id}/accept").status_code == 200


def thread_of(as_: Any, referral_id: str) -> list[dict[str, Any]]:
    seen = as_("b1").get(f"/referrals/{referral_id}/messages")
    assert seen.status_code == 200, seen.json
    return list(seen.json)


def ack_for(sink: SmtpSink, address: str) -> tuple[str, str]:
    """The Message-ID and case code of the acknowledgement sent to ``address``."""
    (ack,) = sink.to(address)
    return ack["Message-ID"].strip("<>"), ack["Subject"].rsplit("[", 1)[1].rstrip("]")


def test_a_new_mail_keeps_its_files_as_the_first_message_of_the_thread_but_not_its_logo(
    app: Flask, box: Box, session: Session, read_round: Round, as_: Any, instance_dir: Path
) -> None:
    box.deliver(mail("en_outlook_logo_pdf"))
    (done,) = read_round()
    assert (done.cases, done.held) == (1, 0)
    referral = only_case(session)
    assert "choose a programme" in (referral.question or "") and "cid:" not in (referral.question or "")
    taken_by_b1(as_, session, referral)

    (first,) = thread_of(as_, referral.id)
    assert first["author"] == "client" and first["body"] == "(files sent by e-mail)"
    assert [(a["filename"], a["content_type"], a["size"]) for a in first["attachments"]] == [
        ("decision.pdf", "application/pdf", 125)
    ]
    (stored,) = files_on_disk(instance_dir)  # the logo the HTML shows is not among them
    assert stored.read_bytes().startswith(b"%PDF-1.4") and stored.stat().st_mode & 0o077 == 0
    made = session.exec(select(CaseMail).where(CaseMail.kind == MailKind.CASE)).one()
    assert made.message_ref == first["id"]


def test_a_reply_keeps_its_picture_and_names_the_file_the_door_would_refuse(
    box: Box, session: Session, sink: SmtpSink, read_round: Round, as_: Any, instance_dir: Path
) -> None:
    box.deliver(mail("sv_apple_new"))
    read_round()
    referral = only_case(session)
    taken_by_b1(as_, session, referral)
    ack_id, code = ack_for(sink, "erik.klient@example.se")
    box.deliver(mail("sv_apple_reply_files", IN_REPLY_TO=ack_id, CODE=code))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.cases, done.replies, done.held) == (0, 1, 0)

    (reply,) = thread_of(as_, referral.id)
    assert reply["body"].startswith("Hej,\n\nhär är mitt betyg från gymnasiet och mitt CV.\n\n")
    assert "Sparas inte i Eteinen: CV_Erik.docx." in reply["body"]  # in the case's language
    assert "Eteinen/Done" in reply["body"]
    assert [(a["filename"], a["content_type"]) for a in reply["attachments"]] == [("IMG_0412.jpeg", "image/jpeg")]
    assert len(files_on_disk(instance_dir)) == 1


def test_a_reply_of_files_alone_is_a_message_and_a_mail_of_quotes_alone_is_held(
    box: Box, session: Session, sink: SmtpSink, read_round: Round, as_: Any
) -> None:
    box.deliver(mail("fi_gmail_new"))
    read_round()
    referral = only_case(session)
    taken_by_b1(as_, session, referral)
    ack_id, code = ack_for(sink, "aino.asiakas@example.net")
    with_files = mail("fi_gmail_files_only", IN_REPLY_TO=ack_id, CODE=code)
    box.deliver(with_files)
    # the same reply without its file: Gmail's quote and nothing else
    boundary = b"\n--000000000000a1b2c3d4e5f60718"
    quotes_only = with_files.split(boundary + b"\nContent-Type: image/png")[0] + boundary + b"--\n"
    box.deliver(quotes_only.replace(b"files-only@", b"quotes-only@"))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.replies, done.held) == (1, 1)

    (reply,) = thread_of(as_, referral.id)
    assert reply["body"] == "(tiedostoja sähköpostitse)"
    assert [a["filename"] for a in reply["attachments"]] == ["kuvakaappaus.png"]
    held = session.exec(select(CaseMail.reason).where(CaseMail.kind == MailKind.HELD)).one()
    assert held == "no-text"


def many_files(code: str, names: list[str]) -> bytes:
    """A reply built by Python's own mail package (as a script or a scanner would send it)."""
    msg = EmailMessage()
    msg["From"] = "Aino Asiakas <aino.asiakas@example.net>"
    msg["To"] = RING_ADDRESS
    msg["Subject"] = f"Re: Viestisi on vastaanotettu [{code}]"
    msg["Message-ID"] = f"<many-{len(names)}-{names[-1]}@example.net>"
    msg.set_content("Tässä todistukset, joita pyysitte.")
    for name in names:
        data = b"MZ\x90\x00" + bytes(60) if name.endswith(".exe") else PDF + name.encode()
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return msg.as_bytes()


def test_five_files_on_one_message_as_at_the_door_and_an_executable_holds_the_whole_mail(
    box: Box, session: Session, sink: SmtpSink, read_round: Round, as_: Any, instance_dir: Path
) -> None:
    box.deliver(mail("fi_gmail_new"))
    read_round()
    referral = only_case(session)
    taken_by_b1(as_, session, referral)
    _ack_id, code = ack_for(sink, "aino.asiakas@example.net")
    box.deliver(many_files(code, [f"todistus{n}.pdf" for n in range(1, 7)]))
    box.deliver(many_files(code, ["todistus.pdf", "asennus.exe"]))
    (done,) = read_round(NOW + timedelta(minutes=1))
    assert (done.replies, done.held) == (1, 1)

    (reply,) = thread_of(as_, referral.id)
    assert [a["filename"] for a in reply["attachments"]] == [f"todistus{n}.pdf" for n in range(1, 6)]
    assert all(a["content_type"] == "application/pdf" for a in reply["attachments"])  # by content, not by name
    assert "Ei tallennettu Eteiseen: todistus6.pdf." in reply["body"]
    assert len(files_on_disk(instance_dir)) == 5  # none of the held mail's
    assert len(box.folder("Eteinen/Held")) == 1


def test_export_carries_the_mailed_files_and_erasure_removes_them(
    app: Flask, box: Box, session: Session, sink: SmtpSink, read_round: Round, client: Any, instance_dir: Path
) -> None:
    box.deliver(mail("sv_apple_new"))
    read_round()
    referral = only_case(session)
    (ack,) = sink.to("erik.klient@example.se")
    link = next(word for word in ack.get_content().split() if "/client/c/" in word)
    ack_id, code = ack_for(sink, "erik.klient@example.se")
    box.deliver(mail("sv_apple_reply_files", IN_REPLY_TO=ack_id, CODE=code))
    read_round(NOW + timedelta(minutes=1))
    (stored,) = files_on_disk(instance_dir)

    with app.app_context(), db.transaction() as s:
        found = s.get(Referral, referral.id)
        assert found is not None
        data = export(s, found, None, "cli")
    assert [a["filename"] for m in data["messages"] for a in m["attachments"]] == ["IMG_0412.jpeg"]
    assert "files" in data["mail_note"]
    # the client's own export at the door: the same zip as for the files they sent there
    taken = client.get(link.removeprefix(app.config["BASE_URL"]) + "/export")
    assert taken.status_code == 200
    with zipfile.ZipFile(io.BytesIO(taken.data)) as archive:
        (name,) = [n for n in archive.namelist() if n.startswith("files/")]
        assert name.endswith("-IMG_0412.jpeg") and archive.read(name) == stored.read_bytes()

    with app.app_context(), db.transaction() as s:
        found = s.get(Referral, referral.id)
        assert found is not None
        erase(s, found, None, force=True, reason="the client asked by mail")
    assert files_on_disk(instance_dir) == []
    assert session.exec(select(Attachment)).all() == [] and session.exec(select(Message)).all() == []


def test_a_reader_stopped_before_its_commit_leaves_no_file_and_takes_the_mail_once(
    box: Box, session: Session, read_round: Round, instance_dir: Path
) -> None:
    box.deliver(mail("en_outlook_logo_pdf"))
    with pytest.raises(Stopped):
        read_round(checkpoint=stop_at("taken", 1))
    assert files_on_disk(instance_dir) == []
    assert session.exec(select(Referral)).all() == []
    read_round(NOW + timedelta(minutes=1))
    assert len(files_on_disk(instance_dir)) == 1
    assert len(session.exec(select(Attachment).where(col(Attachment.filename) == "decision.pdf")).all()) == 1
    assert len(box.folder("Eteinen/Done")) == 1 and box.folder("INBOX") == []
