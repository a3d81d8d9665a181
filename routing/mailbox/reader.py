"""Reading the rings' boxes: every new mail a case in the ring's queue, every reply a message in
its case's thread, each taken exactly once.

For each mail, in this order::

    fetch ─▶ record (the CaseMail row in the same transaction as the case or message, and its files) ─▶ commit
          ─▶ (for the batch of mails fetched together) flag \\Seen ─▶ move to Eteinen/Done (or Eteinen/Held)

A reader stopped anywhere leaves the mail either unrecorded and in the box (the next round takes
it) or recorded (the next round sees the row by UIDVALIDITY/UID or Message-ID and only finishes
the move). The thread's files are written before the commit; a transaction that does not commit
removes them again (a killed process can leave one behind, never a row without its file).
Acknowledgements go after the commit, from rows still marked ``answer_due``: a stop between
sending and marking sends one again with the same Message-ID, never loses it.

A box that cannot be read is reported with the reason and tried again after a growing pause;
the other rings' boxes are read as usual. One reader at a time: ``poll`` holds the ``mail``
lock (the scheduler holds it for its rounds).
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any, NamedTuple

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

import routing.mailbox.thread as thread
import routing.referrals.attachments as attachments
import routing.referrals.operations as referrals
from routing.accounts.models import User
from routing.core.clock import utcnow
from routing.core.errors import OperationError, parsed
from routing.core.locks import DatabaseLock, LockBusy
from routing.core.mail import Mailer, MailError, open_mailer
from routing.directory.models import Ring
from routing.mailbox.answers import acknowledgement, staff_answer
from routing.mailbox.boxes import first_member
from routing.mailbox.models import AutoAnswer, CaseMail, MailKind, RingMailbox
from routing.mailbox.reading import MAX_MAIL_BYTES, Incoming, Unusable, message_id_of, over_the_limit, read_mail
from routing.mailbox.reasons import Reason
from routing.mailbox.sealing import Unsealable, sender_digest, unseal
from routing.matcher.result import RouteResult
from routing.matcher.router import RouteRequest
from routing.referrals.desk import contact_by
from routing.referrals.models import MAX_CONTACT, Message, Referral, ReferralCreate

log = logging.getLogger("eteinen.mailbox")
# imapclient logs every IMAP line at DEBUG, mails and passwords too: never, whatever the root level
logging.getLogger("imapclient").setLevel(logging.INFO)

LOCK_NAME = "mail"
DONE = "Done"
HELD = "Held"
BATCH = 50  # mails fetched per IMAP command
IMAP_TIMEOUT = 30
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MOST = timedelta(hours=1)
LEASE = timedelta(seconds=20)  # the reader's lock on SQLite, renewed with every mail

Checkpoint = Callable[[str], None]


def _no_checkpoint(_step: str) -> None:
    pass


@dataclass(frozen=True)
class MailSettings:
    secret: str
    base_url: str
    smtp_url: str | None
    outbox_folder: Path
    door_open: bool = False  # the client door is open: acknowledgements carry the case's private link

    @classmethod
    def from_config(cls, config: Any, instance_path: str | Path) -> MailSettings:
        return cls(
            secret=str(config["SECRET_KEY"]),
            base_url=str(config["BASE_URL"]),
            smtp_url=config.get("SMTP_URL"),
            outbox_folder=Path(instance_path) / "outbox-mail",
            door_open=bool(config.get("CLIENT_DOOR_ORG") and config.get("CLIENT_DOOR_RING")),
        )


@dataclass
class RingRound:
    """What one round did with one ring's box (counts only: never a mail's content)."""

    ring: str
    cases: int = 0
    replies: int = 0
    held: int = 0
    automatic: int = 0
    finished: int = 0  # taken in an earlier, interrupted round: only moved now
    acknowledgements: int = 0
    acknowledgements_skipped: int = 0
    answers: int = 0  # staff answers on e-mail cases
    error: str | None = None  # in English with the server's detail; the box keeps it as a Reason
    retry_at: datetime | None = None
    skipped: bool = False

    def __str__(self) -> str:
        if self.skipped:
            return f"{self.ring}: waiting until {self.retry_at:%Y-%m-%d %H:%M} UTC after: {self.error}"
        done = (
            f"{self.cases} new case(s), {self.replies} reply(ies), {self.held} held, {self.automatic} automatic,"
            f" {self.acknowledgements} acknowledgement(s) sent"
        )
        if self.acknowledgements_skipped:
            done += f" ({self.acknowledgements_skipped} not sent: one a day per sender)"
        done += f", {self.answers} answer(s) sent"
        if self.finished:
            done += f", {self.finished} finished from an interrupted round"
        if self.error:
            retry = f"; next try {self.retry_at:%H:%M} UTC" if self.retry_at else ""
            return f"{self.ring}: cannot read the box: {self.error}{retry} ({done})"
        return f"{self.ring}: {done}"


def folder_name(delimiter: str, leaf: str) -> str:
    return f"Eteinen{delimiter}{leaf}"


# --- one mail -------------------------------------------------------------------


def _recorded(session: Session, ring_id: str, uidvalidity: int, uid: int, message_id: str | None) -> CaseMail | None:
    found = session.exec(
        select(CaseMail).where(
            col(CaseMail.ring_id) == ring_id, col(CaseMail.uidvalidity) == uidvalidity, col(CaseMail.uid) == uid
        )
    ).first()
    if found is None and message_id is not None:
        found = session.exec(
            select(CaseMail).where(col(CaseMail.ring_id) == ring_id, col(CaseMail.message_id) == message_id)
        ).first()
    return found


def _case_of(session: Session, ring_id: str, incoming: Incoming) -> Referral | None:
    """The case a mail answers: by the Message-IDs it refers to (only Eteinen's own mails carry them),
    else by the code in its subject. Codes are not secret, so a code finds only a case of this ring's
    box, and only from the client's own address; a code that does not raises :class:`Unusable` (held
    for a person to look at: a stranger's words never join a thread, a new case would hide the code)."""
    if incoming.refers_to:
        referral_id = session.exec(
            select(CaseMail.referral_id).where(
                col(CaseMail.message_id).in_(incoming.refers_to[:50]), col(CaseMail.referral_id).is_not(None)
            )
        ).first()
        if referral_id is not None:
            return session.get(Referral, referral_id)
    if incoming.code is None:
        return None
    referral = thread.by_code(session, incoming.code, ring_id)
    if referral is None:
        raise Unusable("code-elsewhere", incoming.code)
    if not thread.from_client(referral, incoming.sender, incoming.reply_to):
        raise Unusable("code-sender", incoming.code)
    return referral


def take(
    session: Session,
    box: RingMailbox,
    uidvalidity: int,
    uid: int,
    raw: bytes,
    *,
    route: referrals.RouteFn,
    now: datetime,
    too_large: bool = False,
) -> CaseMail:
    """Make what the mail stands for, recorded with its CaseMail row; the caller commits.

    ``raw`` is only the head of a mail ``too_large`` to fetch."""
    record = CaseMail(ring_id=box.ring_id, uidvalidity=uidvalidity, uid=uid, message_id="", kind=MailKind.HELD, at=now)
    try:
        if too_large:
            raise over_the_limit()
        incoming = read_mail(raw)
    except Unusable as exc:
        record.message_id = message_id_of(raw, _header(raw, b"message-id"))
        record.reason = exc.reason.stored()
        record.sender = _sender_only(raw)
        session.add(record)
        return record
    record.message_id = incoming.message_id
    record.sender = incoming.sender
    try:
        referral = _case_of(session, box.ring_id, incoming)
    except Unusable as exc:  # not linked to the case: the row is the sender's, not its client's
        record.reason = exc.reason.stored()
        session.add(record)
        return record
    if referral is not None:
        record.referral_id = referral.id
        if incoming.automatic:
            record.kind = MailKind.AUTOMATIC  # an out-of-office answer to our acknowledgement: no thread, no answer
        else:
            try:
                with session.begin_nested():
                    record.message_ref = thread.client_mail(
                        session, referral, incoming.text, files=incoming.files, now=now
                    )
            except OperationError:  # the case's data was erased: the mail is kept aside, not lost
                record.reason = Reason("reply-refused", thread.code_of(referral)).stored()
            else:
                record.kind = MailKind.REPLY
        session.add(record)
        return record
    if incoming.automatic:
        record.reason = incoming.automatic.stored()
        session.add(record)
        return record
    if not incoming.text:  # files alone make no question
        record.reason = Reason("no-text").stored()
        session.add(record)
        return record
    contact = incoming.reply_to or incoming.sender
    if len(contact) > MAX_CONTACT:
        record.reason = Reason("contact-too-long", str(MAX_CONTACT)).stored()
        session.add(record)
        return record
    holder = box.holder_id or first_member(session, box.ring_id)
    try:
        # consent: the client wrote in themselves; the acknowledgement tells how to object
        enquiry = parsed(
            ReferralCreate,
            {"question": incoming.text, "consent": True, "client_contact": contact},
        )
        with session.begin_nested():
            referral, _offer = referrals.open_at_door(
                session, holder, box.ring_id, enquiry, route=route, channel="email", now=now
            )
            record.message_ref = thread.opening_files(session, referral, incoming.files, now=now)
    except OperationError as exc:
        # its code, not its message: the message is English and may quote the mail
        record.reason = Reason("not-a-case", exc.code).stored()
        session.add(record)
        return record
    record.kind = MailKind.CASE
    record.referral_id = referral.id
    record.language = referral.language
    record.answer_due = True
    session.add(record)
    return record


def _header(raw: bytes, name: bytes) -> str | None:
    """One header's value from the raw head, for mails the email package could not read."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    for line in head.splitlines():
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip().decode("ascii", "replace")
    return None


def _sender_only(raw: bytes) -> str | None:
    from email.utils import parseaddr

    value = _header(raw, b"from")
    return parseaddr(value)[1].lower()[:320] or None if value else None


# --- one box --------------------------------------------------------------------


class BoxUnreachable(Exception):
    """The box could not be read: the reason the box keeps (worded on the ring page), and in the text the
    English words with the server's detail (the command line's and the log's; never a password or mail)."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason


@contextmanager
def imap_session(box: RingMailbox, password: str) -> Iterator[IMAPClient]:
    try:
        context = ssl.create_default_context() if box.tls else None
        client = IMAPClient(box.host, port=box.port, ssl=box.tls, ssl_context=context, timeout=IMAP_TIMEOUT)
    except (OSError, IMAPClientError) as exc:
        raise BoxUnreachable(Reason("box-unreachable", f"{box.host}:{box.port}"), _short(exc)) from None
    try:
        try:
            client.login(box.username, password)
        except IMAPClientError as exc:
            raise BoxUnreachable(Reason("box-login", box.username), _short(exc)) from None
        yield client
    finally:
        with suppress(OSError, IMAPClientError):
            client.logout()


def _short(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, bytes):
        text = exc.decode("ascii", "replace")
    return text.strip().strip("b'\"")[:200]


def _ensure_folders(client: IMAPClient, folder: str) -> tuple[str, str]:
    listed = client.list_folders(pattern=folder)
    delimiter = listed[0][1] if listed and listed[0][1] else b"/"
    delim = delimiter.decode() if isinstance(delimiter, bytes) else str(delimiter)
    names = folder_name(delim, DONE), folder_name(delim, HELD)
    for name in names:
        if not client.folder_exists(name):
            try:
                client.create_folder(name)
            except IMAPClientError:
                if not client.folder_exists(name):  # another reader made it meanwhile
                    raise
    return names


def _move(client: IMAPClient, targets: dict[int, str], checkpoint: Checkpoint) -> None:
    """Flag and move the batch's mails, each already recorded and committed, to their folders."""
    if not targets:
        return
    client.add_flags(list(targets), [b"\\Seen"], silent=True)
    checkpoint("flagged")
    for folder in sorted(set(targets.values())):
        uids = [uid for uid, to in targets.items() if to == folder]
        if client.has_capability("MOVE"):
            client.move(uids, folder)
        else:  # COPY, then mark and expunge only these (UIDPLUS) or the box
            client.copy(uids, folder)
            client.delete_messages(uids, silent=True)
            if client.has_capability("UIDPLUS"):
                client.uid_expunge(uids)
            else:
                client.expunge()
    checkpoint("moved")


def read_box(
    engine: Engine,
    box: RingMailbox,
    ring_name: str,
    settings: MailSettings,
    *,
    route: referrals.RouteFn,
    now: datetime,
    checkpoint: Checkpoint = _no_checkpoint,
) -> RingRound:
    report = RingRound(ring_name)
    try:
        password = unseal(settings.secret, box.password_sealed)
    except Unsealable:
        raise BoxUnreachable(Reason("box-sealed")) from None
    with imap_session(box, password) as client:
        try:
            done_folder, held_folder = _ensure_folders(client, box.folder)
            selected = client.select_folder(box.folder)
            uidvalidity = int(selected[b"UIDVALIDITY"])
            uids = sorted(client.search(["NOT", "DELETED"]))
        except IMAPClientError as exc:
            raise BoxUnreachable(Reason("box-folder", box.folder), _short(exc)) from None
        for start in range(0, len(uids), BATCH):
            batch = uids[start : start + BATCH]
            sizes = client.fetch(batch, ["RFC822.SIZE"])
            small = [uid for uid in batch if int(sizes.get(uid, {}).get(b"RFC822.SIZE", 0)) <= MAX_MAIL_BYTES]
            bodies = client.fetch(small, ["BODY.PEEK[]"]) if small else {}
            targets: dict[int, str] = {}
            for uid in batch:
                raw = bodies.get(uid, {}).get(b"BODY[]")
                too_large = raw is None
                if raw is None:  # too large to fetch: its head says what it is
                    raw = client.fetch([uid], ["BODY.PEEK[HEADER]"]).get(uid, {}).get(b"BODY[HEADER]", b"")
                checkpoint("fetched")
                target = _take_one(
                    engine,
                    box,
                    uidvalidity,
                    uid,
                    raw,
                    route=route,
                    now=now,
                    report=report,
                    settings_base_url=settings.base_url,
                    too_large=too_large,
                    checkpoint=checkpoint,
                )
                checkpoint("committed")
                targets[uid] = held_folder if target == HELD else done_folder
            # a stop before this leaves recorded mails in the box: the next round only moves them
            _move(client, targets, checkpoint)
        sent = send_answers(engine, box, ring_name, settings, now=now, checkpoint=checkpoint)
        report.acknowledgements, report.answers, report.acknowledgements_skipped = sent
        _read_ok(engine, box.ring_id, uidvalidity, now)
    return report


def _take_one(
    engine: Engine,
    box: RingMailbox,
    uidvalidity: int,
    uid: int,
    raw: bytes,
    *,
    route: referrals.RouteFn,
    now: datetime,
    report: RingRound,
    settings_base_url: str,
    too_large: bool = False,
    checkpoint: Checkpoint = _no_checkpoint,
) -> str:
    """Record the mail (or find it recorded); returns the folder it goes to."""
    message_id = message_id_of(raw, _header(raw, b"message-id"))
    route = _routed_before(route, raw, too_large)
    with Session(engine, expire_on_commit=False) as session:
        known = _recorded(session, box.ring_id, uidvalidity, uid, message_id)
        if known is None:
            try:
                known = _committed(
                    session,
                    box,
                    uidvalidity,
                    uid,
                    raw,
                    route=route,
                    now=now,
                    too_large=too_large,
                    checkpoint=checkpoint,
                )
            except IntegrityError:
                session.rollback()  # recorded meanwhile by someone else: treat as known
                known = _recorded(session, box.ring_id, uidvalidity, uid, message_id)
                if known is None:
                    raise
                report.finished += 1
            else:
                _count(report, known)
                if known.kind == MailKind.REPLY and known.referral_id is not None:
                    tell_owner(session, known.referral_id, settings_base_url)
        else:
            report.finished += 1
        return HELD if known.kind == MailKind.HELD else DONE


def _committed(
    session: Session,
    box: RingMailbox,
    uidvalidity: int,
    uid: int,
    raw: bytes,
    *,
    route: referrals.RouteFn,
    now: datetime,
    too_large: bool,
    checkpoint: Checkpoint,
) -> CaseMail:
    """Take the mail and commit; the files it wrote for a transaction that did not commit are removed."""
    written = thread.files_added(session)
    try:
        made = take(session, box, uidvalidity, uid, raw, route=route, now=now, too_large=too_large)
        checkpoint("taken")
        session.commit()
    except BaseException:
        attachments.remove(written)
        raise
    return made


def tell_owner(session: Session, referral_id: str, base_url: str) -> bool:
    """The client wrote: the case's owner (the last one, on a closed case) hears that, not what."""
    from routing.door.mail import new_message_to_staff

    referral = session.get(Referral, referral_id)
    owner = session.get(User, referral.owner_id) if referral is not None and referral.owner_id else None
    if referral is None or owner is None or not owner.active:
        return False
    url = f"{base_url.rstrip('/')}/referrals/{referral.id}"
    return new_message_to_staff(owner.email, url, thread.code_of(referral), owner.language)


def _routed_before(route: referrals.RouteFn, raw: bytes, too_large: bool) -> referrals.RouteFn:
    """The engine asked before the transaction (which on SQLite holds the write lock): a cold engine
    builds its index first, and nothing waits for it; the case's own call then gets that answer."""
    if too_large:
        return route
    try:
        question = read_mail(raw).text
        if not question:
            return route
        ahead = route(RouteRequest(question=question))
    except Exception:  # anything it raises, it raises again in its place, where it is handled
        return route

    def answer(request: RouteRequest) -> RouteResult:
        plain = request.municipality is None and request.age is None and request.language is None
        return ahead if plain and request.question.strip() == question.strip() else route(request)

    return answer


def _count(report: RingRound, made: CaseMail) -> None:
    if made.kind == MailKind.CASE:
        report.cases += 1
    elif made.kind == MailKind.REPLY:
        report.replies += 1
    elif made.kind == MailKind.AUTOMATIC:
        report.automatic += 1
    else:
        report.held += 1


def _read_ok(engine: Engine, ring_id: str, uidvalidity: int, now: datetime) -> None:
    with Session(engine) as session:
        box = session.get(RingMailbox, ring_id)
        if box is not None:
            box.uidvalidity, box.last_read_at = uidvalidity, now
            box.failures, box.retry_at, box.last_error = 0, None, None
            session.commit()


def _read_failed(engine: Engine, ring_id: str, reason: Reason, now: datetime) -> datetime | None:
    with Session(engine) as session:
        box = session.get(RingMailbox, ring_id)
        if box is None:
            return None
        box.failures += 1
        pause = min(BACKOFF_FIRST * 2 ** (box.failures - 1), BACKOFF_MOST)
        box.retry_at, box.last_error = now + pause, reason.stored()
        session.commit()
        return box.retry_at


# --- acknowledgements -----------------------------------------------------------


def _answer_once_today(session: Session, secret: str, address: str, now: datetime) -> bool:
    """Claim today's one automatic answer to this sender (RFC 3834); False when it was used."""
    key = AutoAnswer(sender_digest=sender_digest(secret, address), day=now.date())
    if session.get(AutoAnswer, (key.sender_digest, key.day)) is not None:
        return False
    session.add(key)
    session.flush()
    return True


class Sent(NamedTuple):
    acknowledgements: int
    answers: int
    skipped: int  # acknowledgements not sent: one a day per sender


def send_answers(
    engine: Engine,
    box: RingMailbox,
    ring_name: str,
    settings: MailSettings,
    *,
    now: datetime,
    checkpoint: Checkpoint = _no_checkpoint,
    mailer: AbstractContextManager[Mailer] | None = None,
) -> Sent:
    """Send what is due from this ring's address: the acknowledgements of new cases and the staff's
    answers on e-mail cases. Each is marked sent in the transaction committed right after the SMTP
    server took it."""
    acknowledged = answered = skipped = 0
    with Session(engine, expire_on_commit=False) as session:
        due = session.exec(
            select(CaseMail.id)
            .where(col(CaseMail.ring_id) == box.ring_id, col(CaseMail.answer_due).is_(True))
            .order_by(col(CaseMail.id))
        ).all()
    if not due:
        return Sent(0, 0, 0)
    with mailer or open_mailer(settings.smtp_url, settings.outbox_folder, base_url=settings.base_url) as out:
        for record_id in due:
            with Session(engine, expire_on_commit=False) as session:
                record = session.get(CaseMail, record_id)
                if record is None or not record.answer_due:
                    continue
                record.answer_due = False
                referral = session.get(Referral, record.referral_id) if record.referral_id else None
                to = referral.client_contact if referral is not None else None
                if referral is None or not to:  # erased meanwhile: nothing to send, nobody to send it to
                    session.commit()
                    continue
                message: EmailMessage | None
                if record.kind == MailKind.CASE:
                    if not _answer_once_today(session, settings.secret, to, now):
                        skipped += 1
                        session.commit()
                        continue
                    message = _acknowledgement(session, box, ring_name, settings, record, referral, to, now)
                else:
                    message = _staff_answer(session, box, ring_name, record, referral, to, now)
                    if message is None:
                        session.commit()
                        continue
                try:
                    out.send(message)
                except MailError as exc:
                    session.rollback()
                    log.warning("mail for case %s not sent: %s", referral.id, type(exc).__name__)
                    break  # the rest wait for the next round
                checkpoint("answered")
                session.commit()
                if record.kind == MailKind.CASE:
                    acknowledged += 1
                else:
                    answered += 1
                checkpoint("sent")
    return Sent(acknowledged, answered, skipped)


def _acknowledgement(
    session: Session,
    box: RingMailbox,
    ring_name: str,
    settings: MailSettings,
    record: CaseMail,
    referral: Referral,
    to: str,
    now: datetime,
) -> EmailMessage:
    answer_id = f"ack-{record.id}.{referral.id}@{box.address.rpartition('@')[2]}"
    session.add(
        CaseMail(ring_id=box.ring_id, message_id=answer_id, kind=MailKind.ANSWER, referral_id=referral.id, at=now)
    )
    session.flush()
    return acknowledgement(
        ring_name=ring_name,
        ring_address=box.address,
        to=to,
        code=thread.code_of(referral),
        language=record.language,
        contact_by=contact_by(referral.created_at),
        message_id=answer_id,
        refers_to=[record.message_id],
        door_link=thread.door_link(session, referral, settings.base_url, door_open=settings.door_open),
        now=now,
    )


def _staff_answer(
    session: Session, box: RingMailbox, ring_name: str, record: CaseMail, referral: Referral, to: str, now: datetime
) -> EmailMessage | None:
    """A staff message of the thread as a mail: threaded under the case's earlier mails, newest first."""
    written = session.get(Message, record.message_ref) if record.message_ref is not None else None
    if written is None or not written.body:
        return None
    earlier = session.exec(
        select(CaseMail.message_id)
        .where(
            col(CaseMail.referral_id) == referral.id,
            col(CaseMail.kind).in_([MailKind.CASE, MailKind.REPLY, MailKind.ANSWER]),
            col(CaseMail.id) != record.id,
        )
        .order_by(col(CaseMail.id).desc())
    ).all()
    return staff_answer(
        ring_name=ring_name,
        ring_address=box.address,
        to=to,
        code=thread.code_of(referral),
        language=referral.language,
        body=written.body,
        message_id=record.message_id,
        refers_to=list(earlier),
        now=now,
    )


# --- a round ---------------------------------------------------------------------


def poll_once(
    engine: Engine,
    settings: MailSettings,
    *,
    route: referrals.RouteFn,
    now: datetime | None = None,
    checkpoint: Checkpoint = _no_checkpoint,
) -> list[RingRound]:
    """One round over every connected box; a box that fails is reported and the others go on."""
    now = now or utcnow()
    with Session(engine, expire_on_commit=False) as session:
        boxes = session.exec(
            select(RingMailbox, Ring.name).join(Ring, col(Ring.id) == RingMailbox.ring_id).order_by(col(Ring.name))
        ).all()
    rounds: list[RingRound] = []
    for box, ring_name in boxes:
        if box.retry_at is not None and box.retry_at > now:
            said = str(Reason.parse(box.last_error))
            rounds.append(RingRound(ring_name, error=said, retry_at=box.retry_at, skipped=True))
            continue
        try:
            rounds.append(read_box(engine, box, ring_name, settings, route=route, now=now, checkpoint=checkpoint))
        except (BoxUnreachable, IMAPClientError, OSError) as exc:
            if isinstance(exc, BoxUnreachable):
                reason, said = exc.reason, str(exc)
            elif isinstance(exc, IMAPClientError):
                reason = Reason("box-server", _short(exc)[:100])
                said = str(reason)
            else:
                reason = Reason("box-dropped")
                said = f"{reason}: {_short(exc)}"
            log.warning("the mailbox of ring %s could not be read: %s", box.ring_id, said)
            retry_at = _read_failed(engine, box.ring_id, reason, now)
            rounds.append(RingRound(ring_name, error=said, retry_at=retry_at))
    return rounds


def poll(
    engine: Engine,
    settings: MailSettings,
    *,
    route: referrals.RouteFn,
    now: datetime | None = None,
    wait: float = 0,
) -> list[RingRound]:
    """One round, as the only reader: raises :class:`LockBusy` when another reader is at it.

    The lock's lease (SQLite) is short and renewed with every mail, so a reader that was killed
    holds up the next one by ``LEASE`` at most (a PostgreSQL advisory lock goes with its connection).
    """
    with DatabaseLock(engine, LOCK_NAME, ttl=LEASE, wait=wait) as lock:

        def keep(step: str) -> None:
            # only between transactions: on SQLite the lease's row waits for the write lock
            if step in ("committed", "moved", "sent") and not lock.renew():
                raise LockBusy(LOCK_NAME)  # another reader took over: this one stops at once

        when = now or utcnow()
        with Session(engine) as session:
            forget_answers_before(session, when.date() - timedelta(days=1))
            session.commit()
        return poll_once(engine, settings, route=route, now=now, checkpoint=keep)


def forget_answers_before(session: Session, day: date) -> int:
    """The daily answer limits of days past are of no more use."""
    result = session.execute(delete(AutoAnswer).where(col(AutoAnswer.day) < day))
    return int(getattr(result, "rowcount", 0) or 0)


__all__ = ["LockBusy", "MailSettings", "RingRound", "poll", "poll_once"]
