"""The directory upload form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired


class UploadForm(FlaskForm):
    archive = FileField(
        _l("HSDS folder as a .zip file"),
        validators=[
            FileRequired(_l("Choose a .zip file.")),
            FileAllowed(["zip"], _l("Only .zip files are accepted.")),
        ],
    )
