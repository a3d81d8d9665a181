"""Connecting a ring's mailbox: where it is, as whom, from which address; and what the ring list shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from sqlmodel import Session, col, select

from routing.accounts.auth import find_organization
from routing.core.errors import BadInput, NotFound
from routing.directory.models import Organization, Ring, RingMember
from routing.mailbox.models import CaseMail, MailKind, RingMailbox
from routing.mailbox.reasons import Reason
from routing.mailbox.sealing import seal

_SCHEMES = {"imaps": (993, True), "imap": (143, False)}
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass(frozen=True)
class ImapUrl:
    host: str
    port: int
    tls: bool
    username: str
    folder: str


def parse_imap_url(url: str, *, insecure: bool = False) -> ImapUrl:
    """``imaps://USER@HOST[:PORT]/FOLDER`` (plain ``imap://`` only with ``insecure``); no password in it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in _SCHEMES:
        raise BadInput(f"--imap: the scheme must be imaps:// (or imap:// with --insecure), not {parts.scheme!r}")
    default_port, tls = _SCHEMES[parts.scheme]
    if not tls and not insecure:
        raise BadInput(
            "--imap: plain imap:// sends the password unencrypted; use imaps://, or --insecure for a local test server"
        )
    if parts.password:
        raise BadInput("--imap: give no password in the address; it is read from standard input (--password-stdin)")
    if not parts.hostname:
        raise BadInput("--imap: no host, as in imaps://USER@HOST/INBOX")
    if not parts.username:
        raise BadInput("--imap: no user name, as in imaps://USER@HOST/INBOX")
    try:
        port = parts.port or default_port
    except ValueError:
        raise BadInput("--imap: the port is not a number") from None
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapUrl(parts.hostname, port, tls, unquote(parts.username), folder)


def find_ring(session: Session, ref: str) -> Ring:
    ring = session.get(Ring, ref) if len(ref) <= 64 else None
    if ring is None:
        ring = session.exec(select(Ring).where(col(Ring.name) == ref)).first()
    if ring is None:
        raise NotFound(f"no ring with the id or name {ref!r}")
    return ring


def first_member(session: Session, ring_id: str) -> str:
    """The ring's first member organisation, as `ring list` names them (by name)."""
    found = session.exec(
        select(Organization.id)
        .join(RingMember, col(RingMember.organization_id) == Organization.id)
        .where(col(RingMember.ring_id) == ring_id)
        .order_by(col(Organization.name))
    ).first()
    if found is None:
        raise BadInput("the ring has no member organisation to hold its mail's cases")
    return found


def connect(
    session: Session,
    ring_ref: str,
    *,
    imap: str,
    address: str,
    password: str,
    secret: str,
    insecure: bool = False,
    holder: str | None = None,
) -> RingMailbox:
    ring = find_ring(session, ring_ref)
    url = parse_imap_url(imap, insecure=insecure)
    address = address.strip()
    if not _ADDRESS.match(address):
        raise BadInput(f"--address: not an e-mail address: {address!r}")
    if not password:
        raise BadInput("--password-stdin: the password is empty")
    holder_id: str | None = None
    if holder is not None:
        org = find_organization(session, holder)
        if org is None:
            raise BadInput(f"--holder: no organisation with the id or name {holder!r}")
        holder_id = org.id
    else:
        first_member(session, ring.id)  # a ring without members cannot hold cases
    box = session.get(RingMailbox, ring.id)
    if box is None:
        box = RingMailbox(ring_id=ring.id, host="", port=0, username="", address="", password_sealed="")
    box.host, box.port, box.tls, box.username, box.folder = url.host, url.port, url.tls, url.username, url.folder
    box.address = address
    box.password_sealed = seal(secret, password)
    box.holder_id = holder_id
    box.failures, box.retry_at, box.last_error = 0, None, None
    session.add(box)
    session.flush()
    return box


def disconnect(session: Session, ring_ref: str) -> bool:
    """Forget the ring's box (its taken mails stay recorded: a reconnected box takes nothing twice)."""
    ring = find_ring(session, ring_ref)
    box = session.get(RingMailbox, ring.id)
    if box is None:
        return False
    session.delete(box)
    session.flush()
    return True


@dataclass
class HeldMail:
    at: datetime
    reason: Reason  # worded in the reader's language: the page's, or English on the command line
    sender: str | None


def held_mails(session: Session, ring_id: str, limit: int = 50) -> list[HeldMail]:
    """The ring's mails moved to Eteinen/Held, newest first, with the reason (never the content)."""
    rows = session.exec(
        select(CaseMail)
        .where(col(CaseMail.ring_id) == ring_id, col(CaseMail.kind) == MailKind.HELD)
        .order_by(col(CaseMail.at).desc())
        .limit(limit)
    ).all()
    return [HeldMail(row.at, Reason.parse(row.reason), row.sender) for row in rows]


def box_lines(session: Session, ring_id: str) -> list[str]:
    """What `ring list` says of a ring's box: its address, the last reading, the last error, the held mails."""
    box = session.get(RingMailbox, ring_id)
    if box is None:
        return []
    read = f"last read {box.last_read_at:%Y-%m-%d %H:%M} UTC" if box.last_read_at else "not read yet"
    lines = [f"mailbox {box.address}: {read}"]
    if box.last_error:
        lines.append(f"cannot be read: {Reason.parse(box.last_error)}")
    for held in held_mails(session, ring_id, limit=20):
        lines.append(f"held {held.at:%Y-%m-%d %H:%M} from {held.sender or 'unknown sender'}: {held.reason}")
    return lines


@dataclass
class BoxStatus:
    """A ring's box as its org-admins see it on the ring page."""

    ring: str
    address: str
    last_read_at: datetime | None
    last_error: Reason | None  # worded in the page's language
    retry_at: datetime | None
    held: list[HeldMail]


def box_status(session: Session, ring_ids: list[str]) -> list[BoxStatus]:
    if not ring_ids:
        return []
    rows = session.exec(
        select(RingMailbox, Ring.name)
        .join(Ring, col(Ring.id) == RingMailbox.ring_id)
        .where(col(RingMailbox.ring_id).in_(ring_ids))
        .order_by(col(Ring.name))
    ).all()
    return [
        BoxStatus(
            name,
            box.address,
            box.last_read_at,
            Reason.parse(box.last_error) if box.last_error else None,
            box.retry_at,
            held_mails(session, box.ring_id),
        )
        for box, name in rows
    ]
