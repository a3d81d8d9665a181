"""How the pages write dates, ages, places, needs and codes: the Jinja filters."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Flask
from flask_babel import format_date, format_datetime, format_timedelta, get_locale
from flask_babel import gettext as _

import routing.web.labels as labels
from routing.core.clock import utcnow
from routing.matcher.gazetteer import gazetteer
from rules.taxonomy import NEEDS

# Dates and times: Europe/Helsinki (Flask-Babel's default timezone) in Finnish numeric form
# (5.3.2026 14.07) whatever the page's language, as everyone in Finland reads them.


def when(value: datetime | None) -> str:
    return format_datetime(value, "d.M.yyyy H.mm") if value else ""


def day(value: datetime | None) -> str:
    return format_date(value, "d.M.yyyy") if value else ""


def weekday(value: datetime | None) -> str:
    return format_date(value, "EEEE d.M.yyyy") if value else ""


def iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def age_of(value: datetime | None) -> str:
    """How long ago, in words of the page's language (``3 tuntia``)."""
    if value is None:
        return ""
    now = utcnow()
    if value.tzinfo is None:  # SQLite gives naive UTC back
        now = now.replace(tzinfo=None)
    return format_timedelta(max(now - value, timedelta(0)), threshold=1.0)


def case_number(referral_id: str) -> str:
    """The short number the desk reads out to the client: the id's first eight characters."""
    return referral_id[:8].upper()


def kilobytes(size: int) -> int:
    """A file's size in whole kilobytes, at least 1 (a small file is not "0 kB")."""
    return max(1, -(-size // 1024))


def web_address(url: str | None) -> str | None:
    """A directory's web address fit for a link: http(s) only (never ``javascript:`` from an import)."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


def _lang() -> str:
    return str(get_locale() or "fi")


def need_name(code: str) -> str:
    names = NEEDS.get(code)
    return names.get(_lang(), names["fi"]) if names else code


def need_names() -> list[tuple[str, str]]:
    """(code, name) of every need, by name, for pickers."""
    return sorted(((code, need_name(code)) for code in NEEDS), key=lambda pair: pair[1])


def municipality_name(code: str | None) -> str:
    if not code:
        return ""
    found = gazetteer().get(code)
    return found.name(_lang()) if found else code


def municipality_names() -> list[str]:
    """Every municipality's name in the page's language, for the forms' autocomplete list."""
    lang = _lang()
    return sorted({m.name(lang) for m in gazetteer().municipalities})


def area_name(extent: str) -> str:
    """``municipality:245`` → Kerava, ``region:01`` → Uusimaa, ``country:FI`` → all of Finland."""
    kind, _sep, code = extent.partition(":")
    g = gazetteer()
    if kind == "municipality":
        return municipality_name(code)
    if kind == "region":
        region = g.region_name(code, _lang())
        return region or extent
    if kind == "country" and code.upper() == "FI":
        return _("all of Finland")
    return extent


def age_range(service: Any) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is None and high is None:
        return _("all ages")
    if high is None:
        return _("%(low)s years and over", low=int(low))
    if low is None:
        return _("up to %(high)s years", high=int(high))
    return _("%(low)s–%(high)s years", low=int(low), high=int(high))


def language_name(code: str) -> str:
    """``sv`` → ruotsi / svenska / Swedish, in the page's language."""
    locale = get_locale()
    name = locale.languages.get(code) if locale is not None else None
    return name or code


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        when=when,
        day=day,
        weekday=weekday,
        iso=iso,
        age_of=age_of,
        case_number=case_number,
        kilobytes=kilobytes,
        web_address=web_address,
        need_name=need_name,
        municipality_name=municipality_name,
        area_name=area_name,
        age_range=age_range,
        language_name=language_name,
        state_label=lambda code: labels.label(labels.STATES, code),
        state_short=lambda code: labels.label(labels.STATES_SHORT, code),
        offer_state_label=lambda code: labels.label(labels.OFFER_STATES, code),
        reason_label=lambda code: labels.label(labels.DECLINE_REASON_LABELS, code),
        outcome_label=lambda code: labels.label(labels.OUTCOME_LABELS, code),
        event_label=lambda code: labels.label(labels.EVENTS, code),
        role_label=lambda code: labels.label(labels.ROLE_LABELS, code),
        channel_label=lambda code: labels.label(labels.CHANNEL_LABELS, code),
        ask_label=lambda code: labels.label(labels.ASK, code),
        service_status=lambda code: labels.label(labels.SERVICE_STATUS, code),
    )
    app.jinja_env.globals.update(need_names=need_names, municipality_names=municipality_names)
