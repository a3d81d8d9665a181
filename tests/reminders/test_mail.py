"""Mail delivery through a real local SMTP server and into the folder."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

import pytest

from routing.core.mail import FolderMailer, MailError, SmtpUrl, default_sender, open_mailer


def _message(to: str, n: int) -> EmailMessage:
    m = EmailMessage()
    m["To"] = to
    m["Subject"] = f"Muistutus {n}: lähete odottaa"
    m["Message-ID"] = f"<reminder-{n}@eteinen.test>"
    m.set_content(f"Hei! Lähete {n} odottaa. Åtgärd behövs.")
    return m


def test_smtp_delivers_batch_over_one_connection(smtp_server, tmp_path):
    url, sink = smtp_server
    with open_mailer(url, tmp_path / "outbox-mail") as mailer:
        for n in range(3):
            mailer.send(_message(f"user{n}@example.fi", n))
    assert [m["Subject"] for m in sink.messages] == [f"Muistutus {n}: lähete odottaa" for n in range(3)]
    assert "Åtgärd behövs." in sink.messages[0].get_content()
    assert sink.envelopes[1][1] == ["user1@example.fi"]
    assert not (tmp_path / "outbox-mail").exists()


def test_smtp_sender_from_url(smtp_server, tmp_path):
    url, sink = smtp_server
    with open_mailer(url + "?from=ohjaus%40example.fi", tmp_path) as mailer:
        mailer.send(_message("a@example.fi", 1))
    assert sink.envelopes[0][0] == "ohjaus@example.fi"


def test_smtp_refusal_is_a_mail_error(smtp_server, tmp_path):
    url, sink = smtp_server
    sink.refuse = True
    with open_mailer(url, tmp_path) as mailer, pytest.raises(MailError, match=r"SMTP 127\.0\.0\.1"):
        mailer.send(_message("a@example.fi", 1))


def test_smtp_down_is_a_mail_error(tmp_path):
    from tests.smtp_sink import free_port

    with open_mailer(f"smtp://127.0.0.1:{free_port()}", tmp_path) as mailer, pytest.raises(MailError):
        mailer.send(_message("a@example.fi", 1))


@pytest.mark.parametrize(
    ("url", "message"),
    [("http://mail.example.fi", "scheme"), ("smtp://", "no host"), ("smtp://h:port", "port")],
)
def test_bad_smtp_url(url, message):
    with pytest.raises(MailError, match=message):
        SmtpUrl(url)


def test_folder_writes_one_file_per_message_id(tmp_path):
    folder = tmp_path / "outbox-mail"
    with open_mailer(None, folder) as mailer:
        mailer.send(_message("a@example.fi", 1))
        mailer.send(_message("a@example.fi", 1))  # the same message again: still one file
        mailer.send(_message("b@example.fi", 2))
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["reminder-1_eteinen.test.eml", "reminder-2_eteinen.test.eml"]
    parsed = email.message_from_bytes((folder / files[1]).read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "b@example.fi"
    assert parsed["From"] == "Eteinen <no-reply@localhost>"


def test_folder_without_message_id_gets_one(tmp_path):
    mailer = FolderMailer(tmp_path, "x@example.fi")
    m = EmailMessage()
    m["To"] = "a@example.fi"
    m.set_content("x")
    mailer.send(m)
    assert m["Message-ID"]
    assert len(list(tmp_path.glob("*.eml"))) == 1


def test_default_sender():
    assert default_sender("https://ohjaus.example.fi/x") == "Eteinen <no-reply@ohjaus.example.fi>"
    assert default_sender("http://127.0.0.1:5000") == "Eteinen <no-reply@localhost>"
