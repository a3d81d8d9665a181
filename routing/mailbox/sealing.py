"""Mailbox passwords sealed with a key derived from the instance secret (Fernet, key by HKDF).

The database alone never gives the password: the key lives in ``SECRET_KEY``
(``instance/secret_key``). A new secret makes the sealed passwords unreadable;
the ring's box is then reported with that reason until it is connected again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class Unsealable(Exception):
    """The sealed password does not open with this instance's secret."""


def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"eteinen mailbox password").derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str, password: str) -> str:
    return _fernet(secret).encrypt(password.encode()).decode("ascii")


def unseal(secret: str, sealed: str) -> str:
    try:
        return _fernet(secret).decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, ValueError):
        raise Unsealable(
            "the stored password does not open with this instance's secret: connect the box again"
        ) from None


def sender_digest(secret: str, address: str) -> str:
    """A keyed digest of a sender's address: enough to count answers, not to read the address."""
    key = hashlib.sha256(b"eteinen auto-answer " + secret.encode()).digest()
    return hmac.new(key, address.strip().lower().encode(), hashlib.sha256).hexdigest()
