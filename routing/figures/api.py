"""The network's figures and the directory's overlaps: coordinators and admins; an org-admin sees their own."""

from __future__ import annotations

from flask import Response, jsonify, request

from routing.accounts.models import User
from routing.api.blueprint import abort, bp
from routing.api.paging import page_args
from routing.api.tokens import current_user, token_required
from routing.core import db
from routing.figures.compute import FiguresError, Scope, compute_figures, make_scope
from routing.figures.overlaps import check_need, find_overlaps

FIGURE_ROLES = ("coordinator", "admin", "org-admin")


def scope_for(user: User) -> Scope:
    """The query string's period and region; an org-admin's figures are their organisation's."""
    try:
        return make_scope(
            request.args.get("from"),
            request.args.get("to"),
            request.args.get("region"),
            organization_id=user.organization_id if user.role == "org-admin" else None,
        )
    except FiguresError as exc:
        abort(400, str(exc))


@bp.get("/figures")
@token_required(*FIGURE_ROLES)
def figures() -> Response:
    return jsonify(compute_figures(db.read_session(), scope_for(current_user())))


@bp.get("/directory/overlaps")
@token_required(*FIGURE_ROLES)
def overlaps() -> Response:
    # the directory is the network's: the same for every organisation
    try:
        scope = make_scope(request.args.get("from"), request.args.get("to"), request.args.get("region"))
    except FiguresError as exc:
        abort(400, str(exc))
    page, per_page = page_args(default_per_page=50, max_per_page=500)
    session = db.read_session()
    need = check_need(session, request.args.get("need"))
    return jsonify(find_overlaps(session, scope, need, page, per_page))
