"""Which of Finnish, Swedish and English a question is written in.

Function words decide (they are frequent and differ between the three); words the
language's dictionary knows break ties. Place names and the names of languages are
left out, so "A2 in Finnish" or "på svenska" in an English or Finnish text does not
decide the language: the client's language is the one they wrote in.
"""

from __future__ import annotations

import routing.matcher.morphology as morphology
from routing.matcher.text import Token
from rules.taxonomy import LANGUAGES

# Names of languages, in the three languages: mentioned as a skill or a wish, not a sign of the text's language.
LANGUAGE_NAMES = frozenset(
    [
        "suomi",
        "suomea",
        "suomen",
        "suomeksi",
        "ruotsi",
        "ruotsia",
        "ruotsin",
        "ruotsiksi",
        "englanti",
        "englantia",
        "englannin",
        "englanniksi",
        "finska",
        "finskan",
        "svenska",
        "svenskan",
        "engelska",
        "engelskan",
        "finnish",
        "swedish",
        "english",
    ]
)


def detect_language(
    tokens: list[Token], function_words: dict[str, frozenset[str]], skip: set[int]
) -> tuple[str, float]:
    """(language, confidence 0..1) of a tokenised question."""
    score = dict.fromkeys(LANGUAGES, 0.0)
    words = [t for t in tokens if t.index not in skip and t.fold not in LANGUAGE_NAMES and not t.fold.isdigit()]
    for t in words:
        for lang in LANGUAGES:
            if t.fold in function_words.get(lang, frozenset()):
                score[lang] += 2.0
        if "å" in t.fold:
            score["sv"] += 2.0
        elif "ä" in t.fold or "ö" in t.fold:
            score["fi"] += 0.5
            score["sv"] += 0.5
    ranked = sorted(LANGUAGES, key=lambda lang: -score[lang])
    if score[ranked[0]] - score[ranked[1]] < 2.0:
        for t in words:
            if len(t.fold) >= 3:
                for lang in LANGUAGES:
                    if morphology.is_known(t.fold, lang):
                        score[lang] += 1.0
        ranked = sorted(LANGUAGES, key=lambda lang: (-score[lang], LANGUAGES.index(lang)))
    best, second = score[ranked[0]], score[ranked[1]]
    if best == 0:
        return "fi", 0.0
    return ranked[0], (best - second) / best
