"""The directory pages: organisations and services (filtered, a page at a time), HSDS upload."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

from routing.api.paging import MAX_PAGE
from routing.core import db
from routing.core.texts import worded
from routing.directory.forms import UploadForm
from routing.directory.services import list_services
from routing.directory.uploads import UploadError, read_status, start_import
from routing.matcher.gazetteer import gazetteer
from routing.web.navigation import DIRECTORY_EDITORS, role_required
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
    return (
        render_template(
            "directory/directory.html",
            groups=groups,
            total=total,
            pages=pages,
            filters=filters,
            can_upload=can_upload,
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
