"""Texts from the pages' Babel catalogues in a language named outright, with no request behind it.

The engine's reasons (in the client's language for the API, the staff member's on pages), the
weekly reminder mails (each person's language) and the importer's messages take their words from
the same catalogues as the pages, so one ``make i18n`` and one translation check cover every text
a person reads. ``N_`` marks a text for extraction where it is written down, to be worded later.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Words:
    """A message worded later, in the reader's language: its catalogue text and values.
    ``str()`` is the English (the command line keeps English, for logs and scripts)."""

    message: str
    values: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return self.message % dict(self.values) if self.values else self.message

    def in_language(self, language: str) -> str:
        return text(language, self.message, **dict(self.values))

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "values": dict(self.values)}


def words(message: str, **values: Any) -> Words:
    return Words(message, tuple(values.items()))


def worded(saved: Any, language: str) -> str:
    """A message saved with ``Words.to_json`` (or a plain text, as older records have it) in ``language``."""
    if isinstance(saved, dict) and "message" in saved:
        return text(language, str(saved["message"]), **dict(saved.get("values") or {}))
    return str(saved)
