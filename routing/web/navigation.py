"""What every staff page shares: the language choice, the role check and the navigation by role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import quote, urlencode

from flask import abort, current_app, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from routing.core import db
from routing.web.redirects import safe_target
from rules.taxonomy import LANGUAGES

LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}
TIMEZONE = "Europe/Helsinki"


F = TypeVar("F", bound=Callable[..., Any])

# who sees which page: (endpoint, label, roles); the nav shows a user only their own
NAV: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("web.desk", _l("Front desk"), ("front-desk", "counsellor", "org-admin", "coordinator", "admin")),
    ("web.ring", _l("Ring queue"), ("counsellor", "org-admin", "admin")),
    ("web.inbox", _l("Inbox"), ("front-desk", "counsellor", "org-admin", "admin")),
    ("web.directory", _l("Directory"), ("front-desk", "counsellor", "org-admin", "coordinator", "admin")),
    ("web.rules_try", _l("Rule tester"), ("coordinator", "admin")),
    ("web.rules_learn", _l("Learn from corrections"), ("coordinator", "admin")),
    ("web.figures", _l("Figures"), ("org-admin", "coordinator", "admin")),
)
DIRECTORY_EDITORS = ("coordinator", "admin")


def select_locale() -> str:
    """``?lang=``, then the user's choice, then Accept-Language, then Finnish."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    if session.get("lang") in LANGUAGES:
        return str(session["lang"])
    if current_user.is_authenticated and current_user.user.language in LANGUAGES:
        return str(current_user.user.language)
    return request.accept_languages.best_match(LANGUAGES) or "fi"


def remember_language() -> None:
    """A ``?lang=`` choice is kept in the session and, for a logged-in user, on the account."""
    asked = request.args.get("lang")
    if asked not in LANGUAGES or current_app.session_interface.is_null_session(session):
        return  # the API has no cookie session to keep it in (api/blueprint.py Sessions), nor a page to show in it
    session["lang"] = asked
    if current_user.is_authenticated and current_user.user.language != asked:
        current_user.user.language = asked
        db.session().commit()


def role_required(*roles: str) -> Callable[[F], F]:
    """Logged in, and with one of ``roles`` (403 otherwise); no roles: any staff member."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if roles and current_user.user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, login_required(wrapped))

    return decorate


def nav_items() -> list[tuple[str, str, bool]]:
    """(url, label, is the current page) for the pages the logged-in user may open."""
    if not current_user.is_authenticated:
        return []
    role = current_user.user.role
    items = []
    for endpoint, label, roles in NAV:
        if endpoint == "web.ring" and not _in_a_ring(current_user.user.organization_id):
            continue  # an organisation in no ring has no ring queue to work from
        if role in roles and endpoint in current_app.view_functions:
            items.append((url_for(endpoint), str(label), request.endpoint == endpoint))
    return items


def _in_a_ring(organization_id: str) -> bool:
    from sqlmodel import col, select

    from routing.directory.models import RingMember

    found = db.read_session().exec(
        select(RingMember.ring_id).where(col(RingMember.organization_id) == organization_id).limit(1)
    )
    return found.first() is not None


def language_url(code: str) -> str:
    """This page in another language (keeps the page's own query, e.g. ``next``)."""
    args = request.args.to_dict()
    args["lang"] = code
    path = request.path
    rule = request.url_rule
    if request.method != "GET" and (rule is None or "GET" not in (rule.methods or ())):
        path = url_for("web.index")  # e.g. a form's POST-only address: start again from the start page
    # the address asked for, as a link on the page: a browser reads "/\\evil" or "/<tab>/evil" as another host
    path = safe_target(quote(path, safe="/"), url_for("web.index"))
    return f"{path}?{urlencode(args)}"
