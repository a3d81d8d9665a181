"""Standard Webhooks signing, verification and the retry policy (no Flask, no database).

A receiver checks a message with::

    from webhooks import verify, WebhookVerificationError
    verify(secret, request.headers, request.get_data())   # raises if not genuine
"""

from webhooks.retry import MAX_ATTEMPTS, MAX_RETRY_AFTER, RETRY_SCHEDULE, next_attempt_at, parse_retry_after
from webhooks.signing import (
    DEFAULT_TOLERANCE,
    HEADER_ID,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    SECRET_PREFIX,
    WebhookVerificationError,
    headers_for,
    new_message_id,
    new_secret,
    secret_key,
    sign,
    verify,
)

__all__ = [
    "DEFAULT_TOLERANCE",
    "HEADER_ID",
    "HEADER_SIGNATURE",
    "HEADER_TIMESTAMP",
    "MAX_ATTEMPTS",
    "MAX_RETRY_AFTER",
    "RETRY_SCHEDULE",
    "SECRET_PREFIX",
    "WebhookVerificationError",
    "headers_for",
    "new_message_id",
    "new_secret",
    "next_attempt_at",
    "parse_retry_after",
    "secret_key",
    "sign",
    "verify",
]
