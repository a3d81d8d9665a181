"""Texts from the pages' Babel catalogues in a language named outright, with no request behind it.

The engine's reasons (in the client's language for the API, the staff member's on pages), the
weekly reminder mails (each person's language) and the importer's messages take their words from
the same catalogues as the pages, so one ``make i18n`` and one translation check cover every text
a person reads. ``N_`` marks a text for extraction where it is written down, to be worded later.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations

CATALOGUES = Path(__file__).resolve().parent.parent / "translations"


def N_(message: str) -> str:
    return message


@cache
def catalogue(language: str) -> NullTranslations:
    return Translations.load(str(CATALOGUES), [language])


def text(language: str, message: str, **values: Any) -> str:
    """``message`` in ``language`` (the English text where the catalogue lacks it), filled with ``values``."""
    words = catalogue(language).gettext(message)
    return words % values if values else words
