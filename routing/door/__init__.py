"""The client's door: public pages under /client/ to write in, follow the case and talk with its owner."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    import routing.door.signin as signin
    import routing.door.views as views

    signin.init_app(app)
    app.register_blueprint(views.bp)
