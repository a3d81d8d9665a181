"""The client's data rights: export, erasure, retention, and reading the access log.

- Export gives everything stored about the client of one referral; the export
  itself is written to the access log first, so it lists itself.
- Erasure removes what is personal (the question, contact details, notes' and
  decline notes' text, the exact age, the words routing quoted from the
  question) and keeps the rest as anonymous statistics: state changes, times,
  organisations, need codes, reason codes, the municipality. It marks the
  referral erased and records an ``erased`` event (→ ``referral.erased``).
  An open or offered referral is only erased with ``force`` and a reason.
- Retention anonymises closed referrals the same way once they have been
  closed for ``RETENTION_DAYS``: in batches, each its own transaction, so a
  crash loses at most the batch under way and a rerun carries on; a
  referral's ``erased_at`` makes sure it is done exactly once.

Each change runs in the caller's transaction and never commits halfway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, update
from sqlmodel import Session, col, select

import routing.referrals.attachments as attachments
from routing.accounts.models import User
from routing.core import db
from routing.core.clock import utcnow
from routing.core.errors import BadInput, Conflict, Forbidden, NotFound
from routing.door.models import ClientKey
from routing.mailbox.models import CaseMail
from routing.privacy.models import (
    MAIL_ORIGINALS,
    AccessEntry,
    AccessLog,
    ClientExport,
    ExportedEvent,
    ExportedMail,
    ExportedNote,
    ExportedOffer,
    ExportedPerson,
    ExportedReferral,
    NamedRef,
)
from routing.referrals.events import record
from routing.referrals.models import Attachment, Message, NeedPublic, Note, Offer, Referral
from routing.referrals.permissions import may_manage_client_data
from routing.referrals.queries import case_file, names_for, thread_of

log = logging.getLogger(__name__)

# who may use a client's data rights: the holder's org-admin, a coordinator, an admin
MANAGING_ROLES = ("org-admin", "coordinator", "admin")
MAX_REASON = 500
RETENTION_BATCH = 200


def referral_for(session: Session, referral_id: str, user: User | None, *, lock: bool = False) -> Referral:
    """The referral whose data rights ``user`` uses (None: the operator at the command line).

    Roles that may never see client data get 403; an org-admin asking about
    another organisation's referral gets 404, as if it did not exist.
    """
    if user is not None and user.role not in MANAGING_ROLES:
        raise Forbidden(f"this needs the role {' or '.join(MANAGING_ROLES)}")
    query = select(Referral).where(Referral.id == referral_id)
    if lock:
        query = query.with_for_update()
    referral = session.exec(query).first()
    if referral is None or (user is not None and not may_manage_client_data(user, referral)):
        raise NotFound(f"no referral {referral_id}")
    return referral


# --- export -----------------------------------------------------------------------


def _exported(user: User | None) -> ExportedPerson | None:
    if user is None:
        return None
    return ExportedPerson(id=user.id, email=user.email, name=user.name, organization_id=user.organization_id)


def export(
    session: Session, referral: Referral, user: User | None, how: str, *, now: datetime | None = None
) -> dict[str, Any]:
    """Everything stored about the referral's client; the export is logged (``how``: api, page, cli)."""
    log_export(session, referral, user, how, now=now)
    reads = session.exec(
        select(AccessLog).where(AccessLog.referral_id == referral.id).order_by(col(AccessLog.at), col(AccessLog.id))
    ).all()
    case = case_file(session, referral, also_users=[a.user_id for a in reads])
    names = case.names

    def org(org_id: str | None) -> NamedRef | None:
        return NamedRef(id=org_id, name=names.orgs.get(org_id)) if org_id else None

    def person(user_id: int | None) -> ExportedPerson | None:
        if user_id is None:
            return None
        return _exported(names.people.get(user_id)) or ExportedPerson(id=user_id)

    mails = session.exec(
        select(CaseMail).where(col(CaseMail.referral_id) == referral.id).order_by(col(CaseMail.id))
    ).all()
    r = referral
    return ClientExport(
        referral=ExportedReferral(
            id=r.id,
            state=r.state,
            channel=r.channel,
            holder=org(r.holder_id),
            front_door=org(r.front_door_id),
            owner=person(r.owner_id),
            contact_user=person(r.contact_user_id),
            question=r.question,
            client_contact=r.client_contact,
            municipality=r.municipality,
            age=r.age,
            language=r.language,
            consent=r.consent,
            route_result=r.route_result,
            needs_rerouting=r.needs_rerouting,
            outcome=r.outcome,
            created_at=r.created_at,
            updated_at=r.updated_at,
            owned_at=r.owned_at,
            closed_at=r.closed_at,
            erased_at=r.erased_at,
        ),
        needs=[NeedPublic(need=n.need, unmet=n.unmet) for n in case.needs],
        notes=[ExportedNote(id=n.id, at=n.at, author=person(n.author_id), text=n.text) for n in case.notes],
        offers=[
            ExportedOffer(
                id=o.id,
                kind=o.kind,
                state=o.state,
                service=NamedRef(id=o.service_id, name=names.services.get(o.service_id)) if o.service_id else None,
                organization=org(o.organization_id),
                ring=NamedRef(id=o.ring_id, name=names.rings.get(o.ring_id)) if o.ring_id else None,
                to_user=person(o.to_user_id),
                reason=o.reason,
                note=o.note,
                created_by=person(o.created_by_id),
                created_at=o.created_at,
                decided_by=person(o.decided_by_id),
                decided_at=o.decided_at,
            )
            for o in case.offers
        ],
        events=[
            ExportedEvent(
                at=e.at,
                kind=e.kind,
                actor=person(e.actor_id),
                from_state=e.from_state,
                to_state=e.to_state,
                reason=e.reason,
                offer_id=e.offer_id,
                organization=org(e.organization_id),
            )
            for e in case.events
        ],
        access_log=[AccessEntry(at=a.at, user=person(a.user_id), how=a.how, what=a.what) for a in reads],
        messages=thread_of(session, referral.id).public(),
        mail=[ExportedMail(at=m.at, kind=m.kind, message_id=m.message_id) for m in mails],
        mail_note=MAIL_ORIGINALS if mails else None,
    ).model_dump(mode="json")


def log_export(
    session: Session, referral: Referral, user: User | None, how: str, *, now: datetime | None = None
) -> None:
    session.add(
        AccessLog(
            referral_id=referral.id, user_id=user.id if user else None, at=now or utcnow(), how="export", what=how
        )
    )
    session.flush()


# --- the access log ------------------------------------------------------------------


def access_log(session: Session, referral: Referral) -> list[dict[str, Any]]:
    """Who read the referral's personal data, when and how, oldest first (each reader with their organisation)."""
    reads = session.exec(
        select(AccessLog).where(AccessLog.referral_id == referral.id).order_by(col(AccessLog.at), col(AccessLog.id))
    ).all()
    people = names_for(session, users=[a.user_id for a in reads])
    orgs = names_for(session, orgs=[u.organization_id for u in people.people.values()]).orgs
    entries = []
    for a in reads:
        entry = AccessEntry(
            at=a.at, user=_exported(people.people.get(a.user_id)) if a.user_id else None, how=a.how, what=a.what
        )
        shown = entry.model_dump(mode="json")
        if shown["user"] is not None:
            shown["user"]["organization_name"] = orgs.get(shown["user"]["organization_id"])
        entries.append(shown)
    return entries


@dataclass
class StaffRead:
    at: datetime
    organisation: str | None
    role: str


def staff_reads(session: Session, referral_id: str) -> list[StaffRead]:
    """Who of the staff read the case, as the client is shown it: organisation, role and time, never a name
    or an e-mail address; the client's own reads and the command line's are not among them."""
    rows = session.exec(
        select(AccessLog.at, User.role, User.organization_id)
        .join(User, col(User.id) == AccessLog.user_id)
        .where(col(AccessLog.referral_id) == referral_id)
        .order_by(col(AccessLog.at), col(AccessLog.id))
    ).all()
    orgs = names_for(session, orgs=[org for _at, _role, org in rows]).orgs
    return [StaffRead(at, orgs.get(org), role) for at, role, org in rows]


# --- erasure ---------------------------------------------------------------------------


def _needs_only(route_result: dict[str, Any] | None) -> dict[str, Any] | None:
    """What routing found, minus anything that came from or points at the client: the need codes."""
    if route_result is None:
        return None
    codes = [n.get("code") for n in route_result.get("needs") or [] if isinstance(n, dict)]
    kept: dict[str, Any] = {"needs": [{"code": c} for c in codes if isinstance(c, str)]}
    if isinstance(route_result.get("ruleset"), str):
        kept["ruleset"] = route_result["ruleset"]
    return kept


def anonymise(
    session: Session, referral: Referral, actor_id: int | None, reason: str, *, now: datetime | None = None
) -> None:
    """Remove the client's personal data from the referral and record the ``erased`` event (no commit)."""
    now = now or utcnow()
    referral.question = None
    referral.client_contact = None
    referral.age = None
    referral.route_result = _needs_only(referral.route_result)
    referral.erased_at = now
    referral.updated_at = now
    session.add(referral)
    session.execute(
        update(Note)
        .where(col(Note.referral_id) == referral.id)
        .values(text=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Offer)
        .where(col(Offer.referral_id) == referral.id, col(Offer.note).is_not(None))
        .values(note=None)
        .execution_options(synchronize_session=False)
    )
    # the thread goes whole, its files from the disk too, and with it the client's keys (their link stops working)
    files = list(session.exec(select(Attachment.stored_name).where(col(Attachment.referral_id) == referral.id)))
    session.execute(delete(Attachment).where(col(Attachment.referral_id) == referral.id))
    session.execute(delete(Message).where(col(Message.referral_id) == referral.id))
    session.execute(delete(ClientKey).where(col(ClientKey.referral_id) == referral.id))
    # the mails keep their ids (a later reply still finds the case, and is kept aside); the address goes
    session.execute(
        update(CaseMail)
        .where(col(CaseMail.referral_id) == referral.id)
        .values(sender=None, answer_due=False)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    attachments.remove(files)
    record(
        session,
        referral,
        "erased",
        actor_id=actor_id,
        from_state=referral.state,
        to_state=referral.state,
        reason=reason[:64],
        at=now,
    )


def erase(
    session: Session,
    referral: Referral,
    user: User | None,
    *,
    force: bool = False,
    reason: str | None = None,
    now: datetime | None = None,
) -> Referral:
    """Erase the client's data from ``referral`` (already checked with ``referral_for``, locked)."""
    if referral.erased_at is not None:
        raise Conflict(f"referral {referral.id} is already erased (on {referral.erased_at:%Y-%m-%d})")
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise BadInput(f"reason: at most {MAX_REASON} characters")
    if referral.state in ("open", "offered"):
        if not force:
            raise Conflict(
                f"referral {referral.id} is {referral.state}: close it first, or force the erasure with a reason"
            )
        if not reason:
            raise BadInput("reason: a forced erasure of an open referral needs a reason")
    elif force and not reason:
        raise BadInput("reason: give a reason with force")
    event_reason = f"forced: {reason}" if force else "client-request"
    now = now or utcnow()
    if referral.state in ("open", "offered"):
        # nobody can help a client whose question is gone: it leaves the queues, as withdrawn
        from routing.referrals.operations import close_unchecked

        close_unchecked(session, referral, "client-withdrew", actor_id=user.id if user else None, now=now)
    anonymise(session, referral, user.id if user else None, event_reason, now=now)
    log.info(
        "referral %s erased%s by %s", referral.id, " (forced)" if force else "", f"user {user.id}" if user else "cli"
    )
    if force:
        # the event keeps the reason's start; the log keeps it whole
        log.info("forced erasure of referral %s: %s", referral.id, reason)
    return referral


# --- retention ----------------------------------------------------------------------


@dataclass
class RetentionReport:
    cutoff: datetime
    anonymised: int
    batches: int


def retention_cutoff(days: int, now: datetime | None = None) -> datetime:
    return (now or utcnow()) - timedelta(days=days)


def _due(cutoff: datetime) -> Any:
    return (
        col(Referral.state) == "closed",
        col(Referral.erased_at).is_(None),
        col(Referral.closed_at) < cutoff,
    )


def due_for_retention(session: Session, days: int, now: datetime | None = None) -> int:
    from sqlalchemy import func

    return session.exec(select(func.count()).select_from(Referral).where(*_due(retention_cutoff(days, now)))).one()


def run_retention(
    days: int, *, now: datetime | None = None, batch_size: int = RETENTION_BATCH, bind: Engine | None = None
) -> RetentionReport:
    """Anonymise every referral closed before ``now - days``, a batch per transaction; safe to rerun.

    Two runs at once do not erase a referral twice: PostgreSQL skips rows the
    other run has locked, SQLite takes the write lock at the start of a batch.
    """
    now = now or utcnow()
    cutoff = retention_cutoff(days, now)
    total = batches = 0
    while True:
        with db.transaction(bind) as s:
            query = select(Referral).where(*_due(cutoff)).order_by(col(Referral.closed_at), col(Referral.id))
            batch = s.exec(query.limit(batch_size).with_for_update(skip_locked=True)).all()
            for referral in batch:
                anonymise(s, referral, None, "retention", now=now)
        if not batch:
            break
        total += len(batch)
        batches += 1
        log.info("retention: batch %d anonymised %d referrals closed before %s", batches, len(batch), cutoff)
        if len(batch) < batch_size:
            break
    with db.transaction(bind) as s:
        # held mails made no case: their sender's address is forgotten after the same time
        s.execute(
            update(CaseMail)
            .where(col(CaseMail.at) < cutoff, col(CaseMail.sender).is_not(None))
            .values(sender=None)
            .execution_options(synchronize_session=False)
        )
    log.info("retention: %d referrals closed before %s anonymised in %d batches", total, cutoff.isoformat(), batches)
    if total:
        db.scrub(bind)
    return RetentionReport(cutoff, total, batches)
