"""The door's forms (Flask-WTF: every one carries a CSRF token); the limits are the desk's."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from routing.referrals.forms import QUESTION_MAX, SERVICE_LANGUAGES, _known_municipality
from routing.referrals.models import MAX_AGE, MAX_MESSAGE


class NewCaseForm(FlaskForm):
    question = TextAreaField(
        _l("Your situation, in your own words"),
        validators=[
            InputRequired(_l("Write a few words about your situation.")),
            Length(max=QUESTION_MAX, message=_l("Keep it under %(max)d characters.", max=QUESTION_MAX)),
        ],
    )
    municipality = StringField(
        _l("Home municipality (optional)"), validators=[Optional(), Length(max=80), _known_municipality]
    )
    age = IntegerField(
        _l("Age (optional)"),
        validators=[Optional(), NumberRange(0, MAX_AGE, _l("Give your age in years."))],
    )
    language = SelectField(_l("Language you want to be served in"), choices=SERVICE_LANGUAGES, validators=[Optional()])
    contact_email = EmailField(
        _l("E-mail (optional)"),
        validators=[
            Optional(),
            Length(max=200),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("This does not look like an e-mail address.")),
        ],
    )
    contact_phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    consent = BooleanField(_l("I agree that my answers are kept and passed on to a counsellor of the network"))
    # a field people never see (hidden by the style sheet): a robot that fills it opens no case
    website = StringField(_l("Leave this empty"), validators=[Optional()])


class MessageForm(FlaskForm):
    body = TextAreaField(
        _l("Your message"),
        validators=[
            InputRequired(_l("Write the message.")),
            Length(max=MAX_MESSAGE, message=_l("Keep it under %(max)d characters.", max=MAX_MESSAGE)),
        ],
    )
    files = MultipleFileField(_l("Attach files (PDF, PNG or JPEG, up to 10 MB each; optional)"))


class WithdrawForm(FlaskForm):
    sure = BooleanField(
        _l("Yes: erase my question, my contact details and our messages. This cannot be undone."),
        validators=[InputRequired(_l("Tick the box to confirm."))],
    )
