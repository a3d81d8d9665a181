"""The door's mails: the private link once, and "you have a new message" — never a word of the case.

Sent after the change is committed; a mail that cannot be handed over is logged (without the address)
and the page goes on: the case and the thread are there whatever the mail does.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from pathlib import Path

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlmodel import Session

from routing.accounts.models import User
from routing.core.mail import MailError, open_mailer
from routing.door.models import ClientKey
from routing.referrals.models import Referral

log = logging.getLogger(__name__)


def send(to: str, subject: str, text: str) -> bool:
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    config = current_app.config
    folder = Path(current_app.instance_path) / "outbox-mail"
    try:
        with open_mailer(config.get("SMTP_URL"), folder, base_url=config["BASE_URL"]) as mailer:
            mailer.send(message)
    except MailError as exc:
        log.warning("door mail not sent: %s", type(exc).__name__)
        return False
    return True


def link_to_case(to: str, url: str, code: str, language: str | None) -> bool:
    """The private link, once, to the address the client gave."""
    with force_locale(language or "fi"):
        return send(
            to,
            _("Your case %(code)s: your private link", code=code),
            _(
                "You wrote to the guidance network. Your case code is %(code)s.\n\n"
                "Follow your case and write with your counsellor at your private link:\n%(url)s\n\n"
                "Keep this link to yourself: anyone who has it can read your case.",
                code=code,
                url=url,
            ),
        )


def new_message_to_client(to: str, url: str, code: str, language: str | None) -> bool:
    """A counsellor wrote: the client is told there is a message, not what it says."""
    with force_locale(language or "fi"):
        return send(
            to,
            _("New message in your case %(code)s", code=code),
            _(
                "You have a new message from your counsellor in case %(code)s.\n\n"
                "Read it at your private link (the one in our first mail), or sign in at:\n%(url)s",
                code=code,
                url=url,
            ),
        )


def new_message_to_staff(to: str, url: str, code: str, language: str | None) -> bool:
    """The client wrote: the owner is told there is a message, not what it says."""
    with force_locale(language or "fi"):
        return send(
            to,
            _("The client wrote in case %(code)s", code=code),
            _(
                "The client of case %(code)s sent you a new message. Read it on the case page:\n%(url)s",
                code=code,
                url=url,
            ),
        )


def _base() -> str:
    return str(current_app.config["BASE_URL"]).rstrip("/")


def notify_client(session: Session, referral_id: str) -> bool:
    """After a staff message: tell the client, if they gave an e-mail address at the door."""
    key = session.get(ClientKey, referral_id)
    referral = session.get(Referral, referral_id)
    if key is None or not key.email or referral is None or not _door_open():
        return False
    return new_message_to_client(key.email, _base() + url_for("client.home"), referral.code or "", referral.language)


def notify_owner(session: Session, referral_id: str) -> bool:
    """After a client message: tell the case's owner (before anyone owns it, the ring queue shows it)."""
    referral = session.get(Referral, referral_id)
    owner = session.get(User, referral.owner_id) if referral is not None and referral.owner_id else None
    if referral is None or owner is None or not owner.active:
        return False
    url = _base() + url_for("web.referral_page", referral_id=referral.id)
    return new_message_to_staff(owner.email, url, referral.code or "", owner.language)


def _door_open() -> bool:
    return bool(current_app.config.get("CLIENT_DOOR_ORG") and current_app.config.get("CLIENT_DOOR_RING"))
