"""The test IMAP server itself: a mail delivered is there to read, in a folder with a ``/`` in its name."""

from __future__ import annotations

from tests.dovecot import Dovecot


def test_a_delivered_mail_can_be_read_back(dovecot: Dovecot) -> None:
    dovecot.add_user("ring-test@example.fi", "a throwaway password")
    dovecot.deliver("ring-test@example.fi", b"From: asiakas@example.fi\r\nSubject: Kysymys\r\n\r\nHei!\r\n")
    imap = dovecot.connect("ring-test@example.fi")
    try:
        assert imap.select("INBOX")[1] == [b"1"]
        assert imap.create("Eteinen/Done")[0] == "OK"
        _, body = imap.fetch("1", "(RFC822)")
        assert b"Hei!" in body[0][1]  # type: ignore[index]
    finally:
        imap.logout()
