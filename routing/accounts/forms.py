"""The login form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    PasswordField,
)
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    # no address is longer than 320 characters (nor any account's, see accounts.auth.add_user)
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Write your e-mail address.")),
            Length(max=320, message=_l("Write your e-mail address.")),
        ],
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Write your password."))])
