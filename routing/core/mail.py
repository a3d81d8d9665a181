"""Outgoing mail: SMTP when ``SMTP_URL`` is set, else .eml files in ``instance/outbox-mail/``.

``SMTP_URL`` forms: ``smtp://[user[:password]@]host[:port]`` (plain, port 25),
``smtp+starttls://…`` (STARTTLS, port 587), ``smtps://…`` (TLS, port 465);
``?from=address`` sets the sender. A message's file name in the folder
comes from its Message-ID, so writing the same message twice leaves one file.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from email.message import Message
from email.utils import make_msgid
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

SMTP_TIMEOUT = 30
_SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class MailError(Exception):
    """A message could not be handed over (bad SMTP_URL, server refused, connection lost)."""


class RecipientRefused(MailError):
    """The server refused this message's recipient; other messages may still go."""


class Mailer(Protocol):
    sender: str

    def send(self, message: Message) -> None: ...


class SmtpUrl:
    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in _SCHEMES:
            raise MailError(f"SMTP_URL: scheme must be one of {', '.join(_SCHEMES)}, not {parts.scheme!r}")
        if not parts.hostname:
            raise MailError("SMTP_URL: no host")
        self.scheme = parts.scheme
        self.host = parts.hostname
        try:
            self.port = parts.port or _SCHEMES[parts.scheme]
        except ValueError:
            raise MailError("SMTP_URL: the port is not a number") from None
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.sender = parse_qs(parts.query).get("from", [None])[0]


class SmtpMailer:
    """One SMTP connection for a batch of messages, opened on first send."""

    def __init__(self, url: SmtpUrl, sender: str) -> None:
        self.url = url
        self.sender = url.sender or sender
        self._conn: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        u = self.url
        conn: smtplib.SMTP
        if u.scheme == "smtps":
            conn = smtplib.SMTP_SSL(u.host, u.port, timeout=SMTP_TIMEOUT, context=ssl.create_default_context())
        else:
            conn = smtplib.SMTP(u.host, u.port, timeout=SMTP_TIMEOUT)
            if u.scheme == "smtp+starttls":
                conn.starttls(context=ssl.create_default_context())
        if u.user:
            conn.login(u.user, u.password or "")
        return conn

    def send(self, message: Message) -> None:
        if "From" not in message:
            message["From"] = self.sender
        for attempt in (1, 2):
            try:
                if self._conn is None:
                    self._conn = self._connect()
                self._conn.send_message(message)
                return
            except smtplib.SMTPRecipientsRefused as exc:
                raise RecipientRefused(f"SMTP {self.url.host}:{self.url.port}: recipient refused: {exc}") from exc
            except smtplib.SMTPServerDisconnected as exc:
                # an idle connection dropped by the server: reconnect once
                self._conn = None
                if attempt == 2:
                    raise MailError(f"SMTP {self.url.host}:{self.url.port}: {exc}") from exc
            except (smtplib.SMTPException, OSError) as exc:
                self.close()
                raise MailError(f"SMTP {self.url.host}:{self.url.port}: {exc}") from exc

    def close(self) -> None:
        if self._conn is not None:
            with suppress(smtplib.SMTPException, OSError):
                self._conn.quit()
            self._conn = None


class FolderMailer:
    """Writes each message as ``<folder>/<message-id>.eml`` (atomically: no half files)."""

    def __init__(self, folder: Path, sender: str) -> None:
        self.folder = folder
        self.sender = sender

    def path_for(self, message: Message) -> Path:
        msg_id = message.get("Message-ID") or make_msgid(domain="eteinen.invalid")
        if "Message-ID" not in message:
            message["Message-ID"] = msg_id
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", msg_id.strip("<>"))[:150]
        return self.folder / f"{stem}.eml"

    def send(self, message: Message) -> None:
        if "From" not in message:
            message["From"] = self.sender
        target = self.path_for(message)
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # mails name cases: the owner's alone
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".eml")
            with os.fdopen(fd, "wb") as fh:
                fh.write(message.as_bytes())
            os.replace(tmp, target)
        except OSError as exc:
            raise MailError(f"cannot write {target}: {exc}") from exc

    def close(self) -> None:
        pass


def default_sender(base_url: str) -> str:
    host = urlsplit(base_url).hostname or "localhost"
    if re.fullmatch(r"[\d.]+|.*:.*", host):  # an IP address is no mail domain
        host = "localhost"
    return f"Eteinen <no-reply@{host}>"


@contextmanager
def open_mailer(smtp_url: str | None, folder: Path, *, base_url: str = "http://localhost") -> Iterator[Mailer]:
    """The configured way to send mail, closed afterwards."""
    sender = default_sender(base_url)
    mailer: SmtpMailer | FolderMailer
    mailer = SmtpMailer(SmtpUrl(smtp_url), sender) if smtp_url else FolderMailer(folder, sender)
    try:
        yield mailer
    finally:
        mailer.close()
