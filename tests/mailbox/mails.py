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
