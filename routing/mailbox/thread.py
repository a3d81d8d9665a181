"""Where the mailbox meets a case's thread (the client door's messages): the one seam.

Everything the reader and the answers need of the thread goes through these functions,
so the mailbox does not know how the thread is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.utils import getaddresses
from pathlib import PurePosixPath

from sqlalchemy import event
from sqlmodel import Session, col, select

import routing.referrals.operations as referrals
from routing.core.errors import BadInput
from routing.core.texts import N_, text
from routing.door.keys import new_key
from routing.mailbox.models import CaseMail, MailKind
from routing.mailbox.reading import MailFile
from routing.referrals.attachments import MAX_BYTES, MAX_FILES, NewFile, checked
from routing.referrals.models import MAX_MESSAGE, Attachment, MessageCreate, Referral

# in the case's language: the client reads them at the door too
FILES_ONLY = N_("(files sent by e-mail)")
NOT_KEPT = N_(
    "Not kept in Eteinen: %(names)s. Only PDF, PNG and JPEG files of up to %(mb)s MB, %(most)s on one message,"
    " are kept; the e-mail itself is in the ring's mailbox (folder Eteinen/Done)."
)


def code_of(referral: Referral) -> str:
    """The case's human code, as the client sees it in the subject ``[<code>]``."""
    return referral.code or referral.id[:8].upper()


def by_code(session: Session, code: str, ring_id: str) -> Referral | None:
    """The case with this human code that the ring's box already handles (it came in or was answered
    through it), if any. Codes are not secret: a code alone never reaches a case of another ring or desk."""
    return session.exec(
        select(Referral)
        .join(CaseMail, col(CaseMail.referral_id) == Referral.id)
        .where(
            col(Referral.code) == code.upper(),
            col(CaseMail.ring_id) == ring_id,
            col(CaseMail.kind).in_([MailKind.CASE, MailKind.REPLY, MailKind.ANSWER]),
        )
    ).first()


def from_client(referral: Referral, *addresses: str | None) -> bool:
    """Whether one of the mail's addresses (its From, its Reply-To) is an e-mail address of the case's
    client contact as stored (the door keeps "e-mail, phone"): the other half of a match by code."""
    stored = {address.strip().lower() for _name, address in getaddresses([referral.client_contact or ""])}
    return any(a and "@" in a and a.strip().lower() in stored for a in addresses)


def client_mail(
    session: Session, referral: Referral, words: str, *, files: Sequence[MailFile] = (), now: datetime
) -> int | None:
    """Add a client's mailed reply to the case's thread (a closed case too: it reopens nothing), with its
    files as the door keeps a message's files; returns the thread message's id. Files the door would
    refuse are named in the message instead. Raises the operation's error for an erased case."""
    kept, refused = thread_files(files)
    language = referral.language if referral.language in ("fi", "sv", "en") else "fi"
    body = words.strip() or text(language, FILES_ONLY)
    if refused:
        note = text(language, NOT_KEPT, names=", ".join(refused), mb=MAX_BYTES // (1024 * 1024), most=MAX_FILES)
        body = f"{body[: MAX_MESSAGE - len(note) - 2]}\n\n{note}"
    written = referrals.post_message(
        session, referral.id, MessageCreate(body=body[:MAX_MESSAGE]), staff=None, files=kept, closed_ok=True, now=now
    )
    return written.id


def opening_files(session: Session, referral: Referral, files: Sequence[MailFile], *, now: datetime) -> int | None:
    """The files of the mail that opened the case: the first message of its thread (the mail's words
    are the case's question, not repeated here); None when the mail had none."""
    if not files:
        return None
    return client_mail(session, referral, "", files=files, now=now)


def thread_files(files: Sequence[MailFile]) -> tuple[list[NewFile], list[str]]:
    """The files the thread keeps, checked by their content as the door checks them, and the names of
    those it does not (of another kind, too large, or more than a message takes)."""
    kept: list[NewFile] = []
    refused: list[str] = []
    for found in files:
        try:
            if len(kept) >= MAX_FILES:
                raise BadInput("files: too many")
            kept.append(checked(found.filename, found.data))
        except BadInput:
            refused.append(PurePosixPath((found.filename or "").replace("\\", "/")).name[:80] or "?")
    return kept, refused


def files_added(session: Session) -> list[str]:
    """The stored names of the thread files ``session`` adds from now on, filled in as they are added:
    the files to remove again when its transaction does not commit."""
    names: list[str] = []

    def added(_session: Session, instance: object) -> None:
        if isinstance(instance, Attachment):
            names.append(instance.stored_name)

    event.listen(session, "transient_to_pending", added)
    return names


def door_link(session: Session, referral: Referral, base_url: str, *, door_open: bool) -> str | None:
    """The case's private page at the client door, when the door is open: a new key, its token
    only in this link (the door keeps its digest), one per case."""
    if not door_open:
        return None
    from routing.door.models import ClientKey

    if session.get(ClientKey, referral.id) is not None:
        return None  # the client already has their link
    token = new_key(session, referral, email=None, subject=None)
    return f"{base_url.rstrip('/')}/client/c/{token}"
