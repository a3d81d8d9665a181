"""The weekly mail about unconfirmed services: to each organisation's admins, once a week at most.

A service not confirmed (HSDS ``assured_date``) for ``DIRECTORY_ASSURE_DAYS`` days,
or never, is listed with a link to its page. The ``assure_mail`` row, unique per
organisation and ISO week, is written in the same transaction as the sending, so a
rerun of the pass in the same week sends nothing again.
"""

from __future__ import annotations

import logging
from datetime import datetime
from email.header import Header
from email.mime.text import MIMEText

from sqlalchemy import Engine
from sqlmodel import col, select

from routing.accounts.models import Role, User
from routing.core.db import transaction
from routing.core.mail import Mailer, RecipientRefused
from routing.directory.models import Organization, Service
from routing.directory.upkeep import unconfirmed
from routing.followup.models import AssureMail

log = logging.getLogger(__name__)
MAX_LISTED = 25

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "subject": "Eteinen: {n} palvelun tiedot odottavat tarkistusta",
        "intro": "näitä {org}-palveluja ei ole tarkistettu {days} päivään. Tarkista ja vahvista ne hakemistossa,"
        " jotta neuvonta ohjaa oikeisiin palveluihin:",
        "never": "ei koskaan tarkistettu",
        "checked": "tarkistettu {date}",
        "more": "…ja {more} muuta: {url}",
    },
    "sv": {
        "subject": "Eteinen: uppgifterna om {n} tjänster väntar på granskning",
        "intro": "de här tjänsterna hos {org} har inte granskats på {days} dagar. Granska och bekräfta dem i"
        " katalogen, så att rådgivningen hänvisar rätt:",
        "never": "aldrig granskad",
        "checked": "granskad {date}",
        "more": "…och {more} till: {url}",
    },
    "en": {
        "subject": "Eteinen: {n} services wait to be checked",
        "intro": "these services of {org} have not been checked for {days} days. Check and confirm them in the"
        " directory, so that the desk refers to the right places:",
        "never": "never checked",
        "checked": "checked {date}",
        "more": "…and {more} more: {url}",
    },
}
GREETING = {"fi": "Hei{name},", "sv": "Hej{name},", "en": "Hello{name},"}


def compose(admin: User, org: Organization, services: list[Service], days: int, base_url: str, week: str) -> MIMEText:
    lang = admin.language if admin.language in TEXTS else "fi"
    t = TEXTS[lang]
    body = [
        GREETING[lang].format(name=f" {admin.name}" if admin.name else ""),
        "",
        t["intro"].format(org=org.name, days=days),
        "",
    ]
    for service in services[:MAX_LISTED]:
        when = t["checked"].format(date=service.assured_date) if service.assured_date else t["never"]
        body.append(f"- {service.name} ({when}): {base_url}/directory/services/{service.id}/edit")
    if len(services) > MAX_LISTED:
        body.append(t["more"].format(more=len(services) - MAX_LISTED, url=f"{base_url}/directory"))
    message = MIMEText("\n".join(body) + "\n", "plain", "utf-8")
    message["To"] = admin.email
    message["Subject"] = Header(t["subject"].format(n=len(services)), "utf-8")  # type: ignore[assignment]
    message["Message-ID"] = f"<assure-{week}-{org.id}-{admin.id}@eteinen>"
    message["Content-Language"] = lang
    return message


def mail_unconfirmed(engine: Engine, mailer: Mailer, *, days: int, base_url: str, week: str, now: datetime) -> int:
    """Mail every organisation's admins about its services unconfirmed for ``days``; returns mails sent."""
    sent = 0
    with transaction(engine) as s:
        by_org = unconfirmed(s, days, now)
        done = set(s.exec(select(AssureMail.organization_id).where(col(AssureMail.week) == week)).all())
    for org_id, services in by_org.items():
        if org_id in done:
            continue
        with transaction(engine) as s:
            org = s.get(Organization, org_id)
            admins = s.exec(
                select(User).where(
                    col(User.organization_id) == org_id, col(User.role) == Role.ORG_ADMIN, col(User.active).is_(True)
                )
            ).all()
            if org is None or not admins:
                continue
            # the row first, in the sending's transaction: a second run this week finds it (or the unique key stops it)
            s.add(
                AssureMail(organization_id=org_id, week=week, services=len(services), mails=len(admins), created_at=now)
            )
            s.flush()
            for admin in admins:
                try:
                    mailer.send(compose(admin, org, services, days, base_url, week))
                except RecipientRefused as exc:
                    log.warning("mail about unconfirmed services to user %s refused: %s", admin.id, exc)
                    continue
                sent += 1
    return sent
