"""The directory pages: organisations and services (filtered, a page at a time), HSDS upload."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlmodel import col, select
from werkzeug.wrappers import Response

import routing.directory.upkeep as upkeep
from routing.api.paging import MAX_PAGE
from routing.core import db
from routing.core.clock import utcnow
from routing.core.errors import Forbidden, NotFound, OperationError, parsed
from routing.core.texts import worded
from routing.directory.forms import UploadForm
from routing.directory.models import Language, Phone, Service, ServiceArea
from routing.directory.services import list_services, target_groups
from routing.directory.uploads import UploadError, read_status, start_import
from routing.matcher.gazetteer import gazetteer
from routing.referrals.permissions import may_keep_service
from routing.web.navigation import DIRECTORY_EDITORS, role_required
from routing.web.redirects import safe_target
from routing.web.views import bp

PER_PAGE = 50


@bp.app_template_filter("problem_words")
def problem_words(problem: Any) -> str:
    """An import problem in the page's language: where (file, line, column), then what."""
    if isinstance(problem, dict):
        return f"{problem['where']}: {worded(problem, str(get_locale()))}"
    return str(problem)  # a status written before problems were kept as words


def _filters() -> dict[str, Any]:
    args = request.args
    municipality = (args.get("municipality") or "").strip()
    found = gazetteer().lookup(municipality) if municipality else None
    try:
        page = min(max(1, int(args.get("page", 1))), MAX_PAGE)
    except ValueError:
        page = 1
    return {
        "search": (args.get("search") or "").strip()[:200],
        "need": (args.get("need") or "").strip()[:64],
        "municipality": municipality[:80],
        "municipality_code": found.code if found else None,
        "municipality_unknown": bool(municipality) and found is None,
        "page": page,
    }


def _render() -> tuple[str, int]:
    filters = _filters()
    total, services = list_services(
        db.read_session(),
        search=filters["search"] or None,
        need=filters["need"] or None,
        municipality=filters["municipality_code"],
        page=filters["page"],
        per_page=PER_PAGE,
    )
    groups: list[tuple[str, list[Any]]] = []
    for service in services:  # already ordered by organisation, then service
        if not groups or groups[-1][0] != service.organization_name:
            groups.append((service.organization_name or "", []))
        groups[-1][1].append(service)
    pages = max(1, (total + PER_PAGE - 1) // PER_PAGE)
    can_upload = current_user.user.role in DIRECTORY_EDITORS
    s = db.read_session()
    ids = [service.id for service in services]
    now = utcnow()
    stale_days = int(current_app.config["CAPACITY_STALE_DAYS"])
    lang = str(get_locale() or "fi")
    upkeep_facts = {
        "now": now,
        "capacity": {sid: cap.label(lang, now, stale_days) for sid, cap in upkeep.capacities(s, ids).items()},
        "checked": {service.id: upkeep.days_since_checked(service, now) for service in services},
        "keeps": {service.id: may_keep_service(current_user.user, service.organization_id) for service in services},
        "assure_days": int(current_app.config["DIRECTORY_ASSURE_DAYS"]),
        "groups": target_groups(s, ids, lang),
    }
    return (
        render_template(
            "directory/directory.html",
            groups=groups,
            total=total,
            pages=pages,
            filters=filters,
            can_upload=can_upload,
            upkeep=upkeep_facts,
        ),
        200,
    )


@bp.get("/directory")
@role_required()
def directory() -> tuple[str, int]:
    return _render()


@bp.get("/directory/import")
@role_required(*DIRECTORY_EDITORS)
def directory_upload() -> tuple[str, int]:
    return render_template("directory/upload.html", form=UploadForm()), 200


@bp.post("/directory/import")
@role_required(*DIRECTORY_EDITORS)
def directory_import() -> tuple[str, int] | Response:
    form = UploadForm()
    if not form.validate_on_submit():
        return render_template("directory/upload.html", form=form), 400
    upload = form.archive.data
    try:
        job = start_import(
            current_app.instance_path, db.engine(), upload.stream, upload.filename or "", current_user.user.id
        )
    except UploadError as exc:
        form.archive.errors = [exc.words.in_language(str(get_locale()))]
        return render_template("directory/upload.html", form=form), 400
    return redirect(url_for("web.directory_import_status", job=job))


@bp.get("/directory/import/<job>")
@role_required(*DIRECTORY_EDITORS)
def directory_import_status(job: str) -> str:
    status = read_status(current_app.instance_path, job)
    if status is None:
        abort(404)
    return render_template("directory/import.html", job=job, status=status)


def _back() -> str:
    default = url_for("web.directory")
    target = safe_target(request.form.get("next"), default)
    return target if target.startswith("/directory") else default


def _kept(exc: OperationError) -> None:
    db.session().rollback()
    if isinstance(exc, NotFound):
        abort(404)
    if isinstance(exc, Forbidden):
        abort(403)
    flash(exc.message, "error")


@bp.post("/directory/services/<service_id>/confirm")
@role_required()
def service_confirm(service_id: str) -> Response:
    """One click: the organisation checked the service and it is still as described."""
    s = db.session()
    try:
        upkeep.confirm_service(s, current_user.user, service_id)
        s.commit()
    except OperationError as exc:
        _kept(exc)
    else:
        flash(_("Confirmed: the service is as described."), "ok")
    return redirect(_back())


@bp.post("/directory/services/<service_id>/capacity")
@role_required()
def service_capacity_set(service_id: str) -> Response:
    form = request.form
    data: dict[str, Any] = {"capacity": form.get("capacity", "")}
    if data["capacity"] == "waitlist":
        data["weeks"] = form.get("weeks") or None
    if data["capacity"] == "full" and form.get("until"):
        data["until"] = form.get("until")
    s = db.session()
    try:
        upkeep.set_capacity(s, current_user.user, service_id, parsed(upkeep.CapacityUpdate, data))
        s.commit()
    except OperationError as exc:
        _kept(exc)
    else:
        flash(_("Capacity saved."), "ok")
    return redirect(_back())


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


@bp.route("/directory/services/<service_id>/edit", methods=["GET", "POST"])
@role_required()
def service_edit(service_id: str) -> tuple[str, int] | Response:
    """Status, eligibility, ages, areas, languages and contacts of one of the organisation's own services."""
    s = db.session()
    service = s.get(Service, service_id)
    if service is None:
        abort(404)
    if not may_keep_service(current_user.user, service.organization_id):
        abort(403)
    error = None
    if request.method == "POST":
        form = request.form
        data: dict[str, Any] = {
            "status": form.get("status") or None,
            "eligibility_description": form.get("eligibility_description", ""),
            "minimum_age": form.get("minimum_age") or None,
            "maximum_age": form.get("maximum_age") or None,
            "clear_ages": True,
            "areas": _lines(form.get("areas", "")),
            "languages": _lines(form.get("languages", "")),
            "email": form.get("email", ""),
            "url": form.get("url", ""),
            "phones": _lines(form.get("phones", "")),
        }
        try:
            changed = upkeep.edit_service(s, current_user.user, service_id, parsed(upkeep.ServiceEdit, data))
            s.commit()
        except OperationError as exc:
            s.rollback()
            error = exc.message
        else:
            if changed:
                flash(_("Saved: %(fields)s.", fields=", ".join(changed)), "ok")
            else:
                flash(_("Nothing changed; the service is marked as checked."), "ok")
            return redirect(url_for("web.directory", search=service.name))
    areas = s.exec(select(ServiceArea.extent).where(col(ServiceArea.service_id) == service_id)).all()
    languages = s.exec(select(Language.code).where(col(Language.service_id) == service_id)).all()
    phones = s.exec(select(Phone.number).where(col(Phone.service_id) == service_id)).all()
    return (
        render_template(
            "directory/edit.html",
            service=service,
            areas="\n".join(a for a in areas if a),
            languages=", ".join(code for code in languages if code),
            phones="\n".join(phones),
            statuses=upkeep.STATUSES,
            error=error,
            form_values=request.form if request.method == "POST" else None,
        ),
        400 if error else 200,
    )
