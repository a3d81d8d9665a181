"""The test mails under tests/mailbox/mail/: real RFC 5322 messages as mail clients write them."""

from __future__ import annotations

from pathlib import Path

MAIL = Path(__file__).parent / "mail"


def mail(name: str, **fill: str) -> bytes:
    """A test mail's bytes, with ``{IN_REPLY_TO}``, ``{CODE}`` … filled in (the rest byte for byte)."""
    raw = (MAIL / f"{name}.eml").read_bytes()
    for key, value in fill.items():
        raw = raw.replace(b"{" + key.encode() + b"}", value.encode())
    return raw


def numbered(name: str, n: int) -> bytes:
    """The test mail as the n-th of many: its own Message-ID and sender, the rest unchanged."""
    head, sep, body = mail(name).partition(b"\n\n")
    lines = []
    for line in head.split(b"\n"):
        key = line.split(b":", 1)[0].lower()
        if key == b"message-id":
            line = f"Message-ID: <{name}-{n}@example.net>".encode()
        elif key == b"from":
            line = f"From: Asiakas {n} <asiakas{n}@example.net>".encode()
        lines.append(line)
    return b"\n".join(lines) + sep + body
