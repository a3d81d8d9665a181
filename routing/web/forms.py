"""What every form shares: CSRF protection (Flask-WTF) and the pages' languages (Flask-Babel)."""

from __future__ import annotations

from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
babel = Babel()
