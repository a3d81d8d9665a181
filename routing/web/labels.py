"""The words the pages show for the contract's codes (states, reasons, outcomes, events)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from routing.accounts.models import ROLES
from routing.referrals.models import DECLINE_REASONS, OUTCOMES

STATES: dict[str, Any] = {
    "open": _l("open: waiting for an offer"),
    "offered": _l("offered: waiting for someone to accept"),
    "accepted": _l("accepted: a named person owns it"),
    "closed": _l("closed"),
}
STATES_SHORT: dict[str, Any] = {
    "open": _l("open"),
    "offered": _l("offered"),
    "accepted": _l("accepted"),
    "closed": _l("closed"),
}
OFFER_STATES: dict[str, Any] = {
    "pending": _l("waiting"),
    "accepted": _l("accepted"),
    "declined": _l("declined"),
    "withdrawn": _l("withdrawn"),
    "expired": _l("expired"),
}
DECLINE_REASON_LABELS: dict[str, Any] = {
    "not-eligible": _l("The client is not eligible for our service"),
    "no-capacity": _l("We have no capacity now"),
    "wrong-service": _l("Wrong service for this need"),
    "client-unreachable": _l("We could not reach the client"),
    "other": _l("Other reason (write a note)"),
}
OUTCOME_LABELS: dict[str, Any] = {
    "served": _l("Served: the client got help"),
    "client-withdrew": _l("The client withdrew"),
    "no-contact": _l("No contact with the client"),
    "outside-network": _l("Helped outside the network"),
    "duplicate": _l("Duplicate of another case"),
}
EVENTS: dict[str, Any] = {
    "opened": _l("opened"),
    "offered": _l("offered"),
    "accepted": _l("accepted"),
    "declined": _l("declined"),
    "withdrawn": _l("offer withdrawn"),
    "expired": _l("offer expired"),
    "handoff": _l("handoff proposed"),
    "note": _l("follow-up note"),
    "closed": _l("closed"),
    "reminder": _l("reminder sent"),
    "erased": _l("client data erased"),
    "message": _l("message in the thread with the client"),
    "anonymised": _l("anonymised"),
}
CHANNEL_LABELS: dict[str, Any] = {
    "desk": _l("at a front desk"),
    "ring": _l("through a ring"),
    "api": _l("through the API"),
    "online": _l("online: the client wrote in"),
    "email": _l("by e-mail to the ring's mailbox"),
}
ROLE_LABELS: dict[str, Any] = {
    "front-desk": _l("front desk"),
    "counsellor": _l("counsellor"),
    "org-admin": _l("organisation admin"),
    "coordinator": _l("network coordinator"),
    "admin": _l("admin"),
}
ASK: dict[str, Any] = {
    "age": _l("the client's age"),
    "municipality": _l("the client's home municipality"),
    "language": _l("the language the client wants to be served in"),
}
SERVICE_STATUS: dict[str, Any] = {
    "active": _l("active"),
    "inactive": _l("inactive"),
    "defunct": _l("defunct"),
    "temporarily closed": _l("temporarily closed"),
}

assert set(DECLINE_REASON_LABELS) == set(DECLINE_REASONS)
assert set(OUTCOME_LABELS) == set(OUTCOMES)
assert set(ROLE_LABELS) == set(ROLES)


def label(table: dict[str, Any], code: str | None) -> str:
    """The label of ``code`` in ``table``, or the code itself for one the table does not know."""
    if code is None:
        return ""
    found = table.get(code)
    return str(found) if found is not None else code
