"""The blueprint every concern's page module adds to, and the start page."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

import routing.door.keys as door
from routing.core import db
from routing.directory.services import organizations_with_services

bp = Blueprint("web", __name__)


@bp.get("/")
def index() -> str:
    s = db.read_session()
    door_open = door.door_of(s, current_app.config) is not None
    return render_template("web/index.html", organizations=organizations_with_services(s), door_open=door_open)
