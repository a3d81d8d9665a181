"""The desk's and the case pages' forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from routing.matcher.gazetteer import gazetteer
from routing.referrals.models import DECLINE_REASONS, OUTCOMES
from routing.web.labels import DECLINE_REASON_LABELS, OUTCOME_LABELS
from rules.taxonomy import NEED_CODES

QUESTION_MAX = 4000  # what the engine reads and a referral keeps
SERVICE_LANGUAGES = [
    SelectChoice("", _l("not known")),
    SelectChoice("fi", "suomi"),
    SelectChoice("sv", "svenska"),
    SelectChoice("en", "English"),
]


# a phone number (digits with spaces, dashes, brackets, an optional +) or an e-mail address
_PHONE = re.compile(r"^\+?[\d\s()-]{5,30}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _phone_or_email(form: FlaskForm, field: StringField) -> None:
    value = (field.data or "").strip()
    if not value:
        return
    digits = sum(c.isdigit() for c in value)
    if not (_EMAIL.match(value) or (_PHONE.match(value) and 6 <= digits <= 15)):
        raise ValidationError(_l("Write a phone number (e.g. 040 123 4567) or an e-mail address."))


def _known_municipality(form: FlaskForm, field: StringField) -> None:
    if field.data and gazetteer().lookup(field.data) is None:
        raise ValidationError(_l("No municipality of Finland is called that. Pick one from the list."))


class EnquiryForm(FlaskForm):
    """What the engine is asked: the question and what the desk knows of the client."""

    question = TextAreaField(
        _l("The client's question, in their own words"),
        validators=[
            InputRequired(_l("Write the client's question.")),
            Length(max=QUESTION_MAX, message=_l("Keep the question under %(max)d characters.", max=QUESTION_MAX)),
        ],
    )
    municipality = StringField(_l("Home municipality"), validators=[Optional(), Length(max=80), _known_municipality])
    age = IntegerField(
        _l("Age"),
        validators=[Optional(), NumberRange(0, 120, _l("Give the age in years, from 0 to 120."))],
    )
    language = SelectField(_l("Language of service"), choices=SERVICE_LANGUAGES, validators=[Optional()])
    # The desk's reading of the needs: the ticked boxes, and the needs the engine read as the page
    # showed them (absent until a reading was shown). Ticks that differ from it are a correction.
    needs = SelectMultipleField(choices=[SelectChoice(code, code) for code in NEED_CODES], validators=[Optional()])
    needs_read = HiddenField(validators=[Optional(), Regexp(r"^[a-z,-]{0,300}$")])

    def desk_needs(self) -> list[str] | None:
        """The needs the desk chose, when they differ from what the engine read; else None."""
        if not self.needs_read.raw_data:
            return None
        read = {code for code in (self.needs_read.data or "").split(",") if code}
        ticked = set(self.needs.data or ())
        return None if ticked == read else [code for code in NEED_CODES if code in ticked]

    def enquiry(self) -> dict[str, Any]:
        """The form as the engine's and the referral operation's keyword arguments."""
        place = gazetteer().lookup(self.municipality.data) if self.municipality.data else None
        return {
            "question": (self.question.data or "").strip(),
            "municipality": place.code if place else None,
            "age": self.age.data,
            "language": self.language.data or None,
            "needs": self.desk_needs(),
        }


class DeskForm(EnquiryForm):
    consent = BooleanField(_l("The client agrees that their question and contact details are passed on"))
    client_contact = StringField(
        _l("Client's phone or e-mail"), validators=[Optional(), Length(max=200), _phone_or_email]
    )
    # set by the button the desk clicks: service:<id> or ring:<id>
    target = StringField(validators=[Optional(), Regexp(r"^(service|ring):[\w.:-]{1,64}$")])


NOT_CHOSEN = SelectChoice("", _l("– choose –"))


class DeclineForm(FlaskForm):
    reason = SelectField(
        _l("Why do you decline?"),
        # nothing is chosen until the person chooses: a preset reason would be counted as given
        choices=[NOT_CHOSEN, *(SelectChoice(code, DECLINE_REASON_LABELS[code]) for code in DECLINE_REASONS)],
        validators=[InputRequired(_l("Choose why you decline."))],
    )
    note = TextAreaField(_l("Note to the sender (optional)"), validators=[Optional(), Length(max=1000)])


class NoteForm(FlaskForm):
    text = TextAreaField(_l("Follow-up note"), validators=[InputRequired(_l("Write the note.")), Length(max=4000)])


class CloseForm(FlaskForm):
    outcome = SelectField(
        _l("Outcome"),
        choices=[NOT_CHOSEN, *(SelectChoice(code, OUTCOME_LABELS[code]) for code in OUTCOMES)],
        validators=[InputRequired(_l("Choose the outcome."))],
    )


class HandoffForm(FlaskForm):
    # service:<id> or user:<id>; the page lists the choices, the operation checks the one sent
    to = SelectField(_l("Hand the case to"), choices=[], validators=[InputRequired()], validate_choice=False)


class ActionForm(FlaskForm):
    """A one-click action (accept, claim): only the CSRF token."""
