"""The client's age as written in the question.

"23-vuotias", "23v", "olen 19", "täytin juuri 18", "ikää 52 vuotta", "jag är 19 år",
"I'm 24", "24 years old", "melkein 25" (24). In a question about someone else
("poikani 16v", "my son is 17") that person is the client, so their age wins over
the writer's own. Sums of money, durations and counts ("10 000 euroa", "2 vuotta
työttömänä", "3 months") are not ages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_AGE, MAX_AGE = 5, 105

_NUM = r"(\d{1,3})"
# A number followed by an age word.
_SUFFIXED = re.compile(
    _NUM + r"\s*(?:-\s*)?(?:v\b|v\.|vee\b|veen\b|vuotia\w*|v-\w+|årig\w*|"
    r"years?\s*old|years?-old|year\s+old|yrs?\s*old|yo\b|y/o\b|y\.o\.|år\s+gammal|åring\w*)",
    re.IGNORECASE,
)
# "N vuotta vanha", "N år gammal" are covered above by the next pattern's context words.
_AGE_WORDS_BEFORE = (
    r"olen|oon|olin|täytin|täytän|täytän\s+pian|täyttänyt|täyttää|täytti|ikä|ikää|ikäni|iältäni|oon\s+nyt|olen\s+nyt|"
    r"i'm|i\s+am|im|aged|age|turned|turning|just\s+turned|jag\s+är|är|fyller|fyllde|fyllt|"
    r"melkein|lähes|kohta|pian|almost|nearly|nästan|snart|is|on"
)
_PREFIXED = re.compile(
    r"(?<![\w'])("
    + _AGE_WORDS_BEFORE
    + r")(?:\s+(juuri|just|nyt|jo|pian|kohta|nyss|precis|redan|only|snart))?\s+"
    + _NUM
    + r"(?!\d|[.,:/]\d)(?:\s*(vuotta|vuoden|år|years?|yrs?)\b)?"
    r"(?!\s*(?:%|€|e\b|euro|eur|km|kg|h\b|min|tuntia|tunnin|päivä|viikko|viikkoa|kuukau|kk\b|"
    r"month|week|day|hour|minute|time|times|kertaa|gånger|månad|vecka|veckor|dag|timm|lasta|lapsi|barn|kids|children))",
    re.IGNORECASE,
)
# With these words before it, "N vuotta" / "N år" / "N years" is an age, not a duration.
_BE_AGE = {
    "olen",
    "oon",
    "ikää",
    "ikä",
    "ikäni",
    "iältäni",
    "i'm",
    "i am",
    "im",
    "jag är",
    "är",
    "is",
    "on",
    "täytin",
    "täytän",
    "täyttänyt",
    "täytti",
    "fyller",
    "fyllde",
    "fyllt",
    "turned",
    "turning",
    "just turned",
    "oon nyt",
    "olen nyt",
    "aged",
    "age",
}
_APPROXIMATE = {"melkein", "lähes", "almost", "nearly", "nästan", "kohta", "pian", "snart", "turning"}
_FIRST_PERSON = {
    "olen",
    "oon",
    "olin",
    "täytin",
    "täytän",
    "täyttänyt",
    "ikä",
    "ikää",
    "ikäni",
    "iältäni",
    "i'm",
    "i am",
    "im",
    "jag är",
    "fyller",
    "fyllde",
    "fyllt",
    "aged",
    "age",
    "turned",
    "just turned",
}
# Nouns for the person a third-person question is about.
_PERSON = re.compile(
    r"\b(poika\w*|poja\w*|tytä\w*|tyttä\w*|tyttö\w*|lapse\w*|lapsi\w*|nuori\w*|nuore\w*|veli\w*|velje\w*|sisko\w*|sisar\w*|kaveri\w*|"
    r"ystävä\w*|asiakas\w*|asiakkaa\w*|veljenpoika\w*|siskonpoika\w*|veljentyttö\w*|siskontyttö\w*|serkku\w*|"
    r"lapsenlapse\w*|mies\w*|miehe\w*|vaimo\w*|isä\w*|äiti\w*|mamma\w*|pappa\w*|mor|far|mother\w*|father\w*|"
    r"mom|mum|dad|parent\w*|förälder\w*|vanhemp\w*|son|sons|daughter\w*|child|kid|brother\w*|sister\w*|"
    r"hän|han|hon|he|she|friend\w*|nephew\w*|niece\w*|client\w*|cousin\w*|husband\w*|wife\w*|dotter\w*|döttrar|barn\w*|bror\w*|"
    r"syster\w*|vän\w*|kompis\w*|klient\w*|kusin\w*|brorson\w*|systerson\w*|make\w*|fru\w*|nuorella|nuoren)\b",
    re.IGNORECASE,
)


# "min dotter 16 år", "poika 17 vuotta", "my son 15 years": a person, then a number of years.
_PERSON_YEARS = re.compile(
    _PERSON.pattern + r"[,:]?\s+(?:on\s+|är\s+|is\s+|på\s+|of\s+)?" + _NUM + r"\s*(?:år|vuotta|years?|yrs?)\b",
    re.IGNORECASE,
)
# "tyttäreni (19)", "my son (17)": a person and a bracketed number.
_PERSON_BRACKET = re.compile(_PERSON.pattern + r"\s*\(\s*" + _NUM + r"\s*(?:v|v\.|år|y|yrs?)?\s*\)", re.IGNORECASE)
# The writer: "jag bor i Borgå och är 41", "asun täällä ja oon 24".
_SELF = re.compile(r"(?<![\w'])(jag|minä|mä|mää|i|me|vi|we)(?![\w'])", re.IGNORECASE)


@dataclass(frozen=True)
class AgeMention:
    age: int
    start: int
    end: int
    third_person: bool


def find_ages(text: str) -> list[AgeMention]:
    found: dict[int, AgeMention] = {}
    for m in _SUFFIXED.finditer(text):
        age = int(m.group(1))
        if _plausible(age) and not _money_or_count_before(text, m.start()):
            found[m.start(1)] = AgeMention(age, m.start(1), m.end(1), _near_person(text, m.start(1), m.end()))
    for m in [*_PERSON_YEARS.finditer(text), *_PERSON_BRACKET.finditer(text)]:
        age = int(m.group(2))
        if _plausible(age) and m.start(2) not in found:
            found[m.start(2)] = AgeMention(age, m.start(2), m.end(2), True)
    for m in _PREFIXED.finditer(text):
        word = re.sub(r"\s+", " ", m.group(1).casefold())
        if word in {"is", "on", "är"} and not (
            _near_person(text, m.start(), m.end(), before_only=True)
            or _SELF.search(text[max(0, m.start() - 40) : m.start()])
        ):
            continue
        age = int(m.group(3))
        unit = (m.group(4) or "").casefold()
        if unit and word not in _BE_AGE:
            continue  # "asunut täällä 20 vuotta": a duration
        adverb = (m.group(2) or "").casefold()
        if word in _APPROXIMATE or (adverb in _APPROXIMATE and word in {"täytän", "fyller", "turning", "täyttää"}):
            age -= 1  # "melkein 25", "täytän pian 18": not yet
        if not _plausible(age) or m.start(3) in found:
            continue
        third = word not in _FIRST_PERSON and _near_person(text, m.start(), m.end())
        found[m.start(3)] = AgeMention(age, m.start(3), m.end(3), third)
    return [found[k] for k in sorted(found)]


def extract_age(text: str) -> int | None:
    """The client's age, or None. A third person's age wins: they are the client."""
    mentions = find_ages(text)
    if not mentions:
        return None
    third = [m for m in mentions if m.third_person]
    return (third or mentions)[0].age


def _plausible(age: int) -> bool:
    return MIN_AGE <= age <= MAX_AGE


def _money_or_count_before(text: str, start: int) -> bool:
    # "10 000 v…" style thousands groups are not ages
    return bool(re.search(r"\d[\s.,]$", text[max(0, start - 2) : start]))


def _near_person(text: str, start: int, end: int, before_only: bool = False) -> bool:
    before = text[max(0, start - 40) : start]
    if _PERSON.search(before):
        return True
    return not before_only and bool(_PERSON.search(text[end : end + 25]))
