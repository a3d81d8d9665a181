"""The blueprint every concern's page module adds to, and the start page."""

from __future__ import annotations

from flask import Blueprint, render_template

from routing.core import db
from routing.directory.services import organizations_with_services

bp = Blueprint("web", __name__)


@bp.get("/")
def index() -> str:
    return render_template("web/index.html", organizations=organizations_with_services(db.read_session()))
