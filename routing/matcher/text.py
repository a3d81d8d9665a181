"""Normalising and tokenising what the client wrote."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters people leave out when their keyboard has no Finnish/Swedish layout.
_DEUMLAUT = str.maketrans({"ä": "a", "ö": "o", "å": "a", "ü": "u", "é": "e", "è": "e", "á": "a"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'"})

# A word: letters/digits joined by inner hyphens or apostrophes ("vuokra-asunto", "don't", "16-vuotias"),
# and an abbreviation with its Finnish case ending after a colon ("cv:tä", "Kela:n").
_TOKEN = re.compile(r"\w+(?:['-]\w+)*(?::[^\W\d_]{1,4}\b)?")
# Where a clause ends: punctuation that separates statements.
_CLAUSE_PUNCT = re.compile(r"[.!?;:,()\[\]–—\n]|\s-\s")
_SENTENCE_PUNCT = re.compile(r"[.!?\n]")


def normalise(text: str) -> str:
    """NFC, unified apostrophes; case is kept (evidence shows the client's own words)."""
    return unicodedata.normalize("NFC", text).translate(_APOSTROPHES)


def fold(word: str) -> str:
    return word.casefold()


def deumlaut(word: str) -> str:
    return word.translate(_DEUMLAUT)


def has_umlauts(text: str) -> bool:
    return any(ch in "äöåÄÖÅ" for ch in text)


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written (NFC)
    fold: str  # case-folded
    start: int
    end: int
    index: int
    clause: int
    sentence: int


def tokenise(text: str) -> list[Token]:
    """Tokens of an NFC text with clause and sentence numbers from the punctuation between them."""
    tokens: list[Token] = []
    clause = sentence = 0
    last = 0
    for m in _TOKEN.finditer(text):
        gap = text[last : m.start()]
        if tokens:
            if _SENTENCE_PUNCT.search(gap):
                sentence += 1
                clause += 1
            elif _CLAUSE_PUNCT.search(gap):
                clause += 1
        word = m.group()
        tokens.append(Token(word, fold(word), m.start(), m.end(), len(tokens), clause, sentence))
        last = m.end()
    return tokens
