"""The client's age as written in the question.

"23-vuotias", "23v", "olen 19", "täytin juuri 18", "ikää 52 vuotta", "jag är 19 år",
"I'm 24", "24 years old", "melkein 25" (24), and with the number in words:
"seitsemäntoista", "kaheksantoista", "kolkytkaks", "tjugotvå", "twenty-one". In a question about someone else
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
    r"ika|ikaa|ikani|ialtani|taytin|taytan|tayttanyt|"
    r"i'm|i\s+am|im|aged|age|turned|turning|just\s+turned|jag\s+är|är|fyller|fyllde|fyllt|"
    r"melkein|lähes|kohta|pian|almost|nearly|nästan|snart|is|on|"
    # the writer and others together: "we are 30 and 32", "ollaan 19"
    r"we're|we\s+are|olemme|ollaan"
)
_PREFIXED = re.compile(
    r"(?<![\w'])("
    + _AGE_WORDS_BEFORE
    + r")(?:\s+(juuri|just|nyt|jo|pian|kohta|nyss|precis|redan|only|snart))?\s+"
    + _NUM
    + r"(?!\d|[.,:/]\d|\s\d{3}(?!\d))(?:\s*(vuotta|vuoden|år|years?|yrs?)\b)?"
    r"(?!\s*(?:%|€|e\b|euro|eur|km|kg|h\b|min|tuntia|tunnin|päivä|viikko|viikkoa|kuukau|kk\b|"
    r"month|week|day|hour|minute|time|times|kertaa|gånger|månad|vecka|veckor|dag|timm|lasta|lapsi|barn|kids|children|"
    r"hengen|henkeä|henkilö|personer|people|persons|of\s+us|members|jäsen|neliö|m2|sq))",
    re.IGNORECASE,
)
# Words of the speaker's own age ("olen 17", "jag fyller 18", "ikää 20"), with and without umlauts.
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
    "ika",
    "ikaa",
    "ikani",
    "ialtani",
    "taytin",
    "taytan",
    "tayttanyt",
}
# With these words before it, "N vuotta" / "N år" / "N years" is an age, not a duration: the speaker's own
# (but "olin 5 vuotta", I was there five years), someone else's, a birthday now or to come.
_BE_AGE = (_FIRST_PERSON - {"olin"}) | {"is", "on", "är", "täytti", "turning", "olen nyt", "oon nyt"}
# "täytän 18", "jag fyller 18", "turning 18": the present tense is about the birthday to come.
_APPROXIMATE = {
    "melkein", "lähes", "almost", "nearly", "nästan", "kohta", "pian", "snart", "turning", "täytän", "täyttää",
    "fyller",
}  # fmt: skip
# Nouns for the person a third-person question is about.
_PERSON = re.compile(
    r"\b(poika\w*|poja\w*|tytä\w*|tyttä\w*|tyttö\w*|lapse\w*|lapsi\w*|nuori\w*|nuore\w*|veli\w*|velje\w*|sisko\w*|sisar\w*|kaveri\w*|"
    r"ystävä\w*|asiakas\w*|asiakkaa\w*|veljenpoika\w*|siskonpoika\w*|veljentyttö\w*|siskontyttö\w*|serkku\w*|"
    r"lapsenlapse\w*|mies\w*|miehe\w*|vaimo\w*|isä\w*|äiti\w*|mamma\w*|pappa\w*|mor|far|mother\w*|father\w*|"
    r"isoäiti\w*|isoisä\w*|mummo\w*|mummi\w*|vaari\w*|ukki\w*|farmor|mormor|farfar|morfar|grand\w*|"
    r"mom|mum|dad|parent\w*|förälder\w*|vanhemp\w*|son|sons|daughter\w*|child|kid|brother\w*|sister\w*|"
    r"hän|han|hon|he|she|friend\w*|nephew\w*|niece\w*|client\w*|cousin\w*|husband\w*|wife\w*|dotter\w*|döttrar|barn\w*|bror\w*|"
    r"syster\w*|vän\w*|kompis\w*|klient\w*|kusin\w*|brorson\w*|systerson\w*|make\w*|fru\w*|nuorella|nuoren|"
    r"pojk\w*|flick\w*|tjej\w*|kille\w*|boy\w*|girl\w*|teenager\w*|nainen|naise\w*|woman|kvinna\w*|"
    r"naapuri\w*|neighbo\w*|grann\w*|mies|man|men|gentleman|herra\w*|rouva\w*|who|joka|jonka|som)\b",
    re.IGNORECASE,
)


# "min dotter 16 år", "poika 17 vuotta", "my son 15 years": a person, then a number of years.
# (Each "after a person" pattern is matched where a person word ends: one short match per person
# word is much cheaper than a search with the whole alternation at every position of the text.)
_YEARS_AFTER = re.compile(
    r"[,:]?\s+(?:on\s+|är\s+|is\s+|på\s+|of\s+)?" + _NUM + r"\s*(?:år|vuotta|years?|yrs?)\b", re.IGNORECASE
)
# "tyttäreni (19)", "my son (17)": a person and a bracketed number.
_BRACKET_AFTER = re.compile(r"\s*\(\s*" + _NUM + r"\s*(?:v|v\.|år|y|yrs?)?\s*\)", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+")


class _Words:
    """Whether a whole word is one of an alternation's words ("poika\\w*" a prefix, "son" exact),
    by str.startswith and a set instead of the regular expression."""

    def __init__(self, alternation: str, leave_out: tuple[str, ...] = ()) -> None:
        alternatives = [a for a in alternation.split("|") if a not in leave_out]
        self.prefixes = tuple(a.removesuffix("\\w*") for a in alternatives if a.endswith("\\w*"))
        self.exact = frozenset(a for a in alternatives if not a.endswith("\\w*"))

    def __call__(self, word: str) -> bool:
        folded = word.casefold()
        return folded in self.exact or folded.startswith(self.prefixes)


_PERSON_WORD = _Words(_PERSON.pattern[3:-3])
# The writer: "jag bor i Borgå och är 41", "asun täällä ja oon 24".
# A form-like "Esbo, 40 år." / "Espoo, 40 v." / "Living in Kerava, 31.": a bare number of
# years as its own clause, or a bare number closing the message after a comma.
_CLAUSE_YEARS = re.compile(
    r"(?:^|[,;:(]|\.\s)\s*" + _NUM + r"\s*(?:år|vuotta|v|years?|yrs?)(?=\s*(?:[.,;!?)]|$))", re.IGNORECASE
)
_TRAILING = re.compile(r",\s*" + _NUM + r"\s*[.!]?\s*$")
_SELF = re.compile(r"(?<![\w'])(jag|minä|mä|mää|i|me|vi|we)(?![\w'])", re.IGNORECASE)


# A person, then a bare number: "Poika 18, asutaan…", "isä 38 hakee töitä", "min son på 16 har…".
_RELATIVE = ("who", "joka", "jonka", "som")
# ("make" as in "make 50 calls")
_PERSON_NOUN = _Words(_PERSON.pattern[3:-3], ("hän", "han", "hon", "he", "she", "make\\w*", *_RELATIVE))


def is_person_noun(word: str) -> bool:
    """A word for a person a question may be about: "poikani", "brother", "granne"."""
    return _PERSON_NOUN(word)


_BARE_AFTER = re.compile(
    r"[,:]?\s+(?:on\s+|är\s+|is\s+|på\s+|of\s+)?" + _NUM + r"(?![\d.,:/]\d|\s*[%€(])"
    r"(?=\s*(?:[,.;:!?)]|$|ja\b|och\b|and\b|eikä\b|[^\W\d_]+))"
    r"(?!\s*(?:e\b|euro|eur|km|kg|h\b|min|tuntia|tunnin|päivä|viikko|kuukau|kk\b|kertaa|lasta|lapsi|barn|"
    r"kids|children|month|week|day|hour|time|gånger|månad|vecka|veckor|dag|timm|år|vuotta|vuoden|years?|v\b))",
    re.IGNORECASE,
)
# "ollaan molemmat 17", "we're both 16", "vi är båda 15": the writer and the person they write about.
_BOTH = re.compile(
    r"(?<![\w'])(?:ollaan|olemme|ollaan\s+nyt|we're|we\s+are|vi\s+är)\s+(?:molemmat|both|båda|bägge)\s+"
    + _NUM
    + r"(?![\d.,:/]\d)(?!\s*(?:vuotta\s+\w+ssa|år\s+i\b|years\s+in\b))",
    re.IGNORECASE,
)
# "täytän ensi kuussa 18", "jag fyller 18 i maj": not yet that age; "täytin viime viikolla 18": that age.
_WHEN = (
    r"ensi|tänä|tulevana|kuussa|kuun|vuonna|keväällä|syksyllä|kesällä|talvella|pian|kohta|jo|juuri|nyt|"
    r"huomenna|viikolla|viikon|päästä|viime|eilen|\w+kuussa|"
    r"last|förra|igår|i|nästa|månad|år|våras|vår|höst|sommar|vinter|snart|om|en|"
    r"vecka|veckor|next|this|in|month|year|week|soon|summer|spring|autumn|fall|winter|a|few|couple|of|weeks|"
    r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|"
    r"march|may|june|july|august|october"
)
_TURNING = re.compile(
    r"(?<![\w'])(täytän|täyttää|fyller|turning|turn|täytin|täytti|fyllde|turned)\s+(?:(?:"
    + _WHEN
    + r")\s+){1,3}?"
    + _NUM
    + r"(?![\d.,:/]\d)"
    r"(?!\s*(?:%|€|e\b|euro|eur|km|kg|tuntia|päivä|viikko|kuukau|kk\b))",
    re.IGNORECASE,
)
# A lone number closing the message after a full stop: "…nukun kaverin sohvalla. 20"
_CLOSING = re.compile(r"[.!?]\s+" + _NUM + r"\s*[.!]?\s*$")
# A lone number between punctuation before a capitalised word, the way a place follows an age in a
# signature: "…international student, 22, Tampere", "what are my options? 41, Kangasala"
_SIGNED = re.compile(r"(?:^|[,.!?])\s*" + _NUM + r"\s*,\s*(?=[A-ZÄÖÅ][^\W\d_]+)")

# --- numbers written in words (10–99: smaller ones are no client's age, and "sex", "one", "en" are words)

_FI_UNITS = {
    "yksi": 1, "yks": 1, "kaksi": 2, "kaks": 2, "kolme": 3, "neljä": 4, "viisi": 5, "viis": 5,
    "kuusi": 6, "kuus": 6, "seitsemän": 7, "seittemän": 7, "seitsen": 7, "kahdeksan": 8, "kaheksan": 8,
    "yhdeksän": 9, "yheksän": 9,
}  # fmt: skip
_FI_TENS_PREFIXES = {**_FI_UNITS, "kol": 3, "nel": 4, "seit": 7}
_SV_UNITS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9}
_SV_WORDS = {
    "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17,
    "arton": 18, "aderton": 18, "nitton": 19,
}  # fmt: skip
_SV_TENS = {
    "tjugo": 20, "tjugu": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70,
    "åttio": 80, "nittio": 90,
}  # fmt: skip
_EN_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip


def _number_words() -> dict[str, int]:
    words: dict[str, int] = {"kymmenen": 10, **_SV_WORDS, **_EN_WORDS}
    for unit, value in _FI_UNITS.items():
        words[unit + "toista"] = 10 + value  # seitsemäntoista, kaheksantoista
    for prefix, tens in _FI_TENS_PREFIXES.items():
        if tens < 2:
            continue
        for ten_word in (prefix + "kymmentä", prefix + "kyt"):  # kaksikymmentä, kolkyt
            words[ten_word] = 10 * tens
            for unit, value in _FI_UNITS.items():
                words[ten_word + unit] = 10 * tens + value  # kaksikymmentäviisi, kolkytkaks
    for ten_word, tens in _SV_TENS.items():
        words[ten_word] = tens
        for unit, value in _SV_UNITS.items():
            words[ten_word + unit] = tens + value  # tjugotvå
    for ten_word, tens in _EN_TENS.items():
        words[ten_word] = tens
        for unit, value in _EN_UNITS.items():
            words[ten_word + unit] = words[f"{ten_word}-{unit}"] = tens + value
    return words


_NUMBER_WORDS = _number_words()
_EN_SPACED = re.compile(
    r"\b(" + "|".join(_EN_TENS) + r")\s+(" + "|".join(_EN_UNITS) + r")\b", re.IGNORECASE
)  # "twenty one"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# what may follow a number word inside one word: "seitsemäntoistavuotias", "sjuttonåring", "twenty-year-old"
_AGE_TAIL = re.compile(r"-?(?:vuotia|åri|year)")


def digits_for_number_words(text: str) -> str:
    """The text with numbers of 10–99 written in words put as digits ("olen seitsemäntoista" → "olen 17")."""
    folded_text = text.casefold()
    if any(tens in folded_text for tens in _EN_TENS):
        text = _EN_SPACED.sub(lambda m: str(_EN_TENS[m.group(1).casefold()] + _EN_UNITS[m.group(2).casefold()]), text)

    def replace(m: re.Match[str]) -> str:
        word = m.group()
        folded = word.casefold()
        value = _NUMBER_WORDS.get(folded)
        if value is not None:
            return str(value)
        tail = _AGE_TAIL.search(folded)
        if tail and (value := _NUMBER_WORDS.get(folded[: tail.start()])) is not None:
            return str(value) + word[tail.start() :]
        return word

    return _WORD.sub(replace, text)


# An age given as a decade: "kahdeksankymppinen", "in her eighties", "i fyrtioårsåldern". From thirty up
# only ("parikymppinen", "in my twenties" may or may not be under 30): the middle of the decade.
_FI_DECADES = {
    "kolme": 3, "kol": 3, "neli": 4, "nel": 4, "viisi": 5, "viis": 5, "kuusi": 6, "kuus": 6, "seitsemän": 7,
    "seittemän": 7, "kahdeksan": 8, "kaheksan": 8, "yhdeksän": 9, "yheksän": 9,
}  # fmt: skip
_EN_DECADES = {"thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}
_SV_DECADES = {**{str(10 * d): d for d in range(3, 10)}, **{w: v // 10 for w, v in _SV_TENS.items()}}
_DECADE = re.compile(
    r"\b(?:(" + "|".join(_FI_DECADES) + r")-?kymppi\w*"
    r"|in\s+(?:his|her|my|their|the|our)\s+(" + "|".join(_EN_DECADES) + r")"
    r"|i\s+(" + "|".join(_SV_DECADES) + r")-?årsåldern)\b",
    re.IGNORECASE,
)
DECADE_MIDDLE = 4


def _decade_ages(text: str) -> list[AgeMention]:
    out = []
    for m in _DECADE.finditer(text):
        fi, en, sv = (g.casefold() if g else None for g in m.groups())
        decade = _FI_DECADES.get(fi or "") or _EN_DECADES.get(en or "") or _SV_DECADES.get(sv or "")
        if decade and decade >= 3:
            age = 10 * decade + DECADE_MIDDLE
            out.append(AgeMention(age, m.start(), m.end(), _near_person(text, m.start(), m.end())))
    return out


@dataclass(frozen=True)
class AgeMention:
    age: int
    start: int
    end: int
    third_person: bool


def find_ages(text: str) -> list[AgeMention]:
    decades = _decade_ages(text)
    text = digits_for_number_words(text)
    found: dict[int, AgeMention] = {}
    any_digit = any(c.isdigit() for c in text)
    if not any_digit:
        return decades
    for m in _SUFFIXED.finditer(text):
        age = int(m.group(1))
        if _plausible(age) and not _money_or_count_before(text, m.start()):
            found[m.start(1)] = AgeMention(age, m.start(1), m.end(1), _near_person(text, m.start(1), m.end()))
    persons = [w for w in _LETTERS.finditer(text) if _PERSON_WORD(w.group())]
    for w in persons:
        if w.group().casefold() in _RELATIVE:
            continue  # "jobbat som 20 år": a relative word is a person only before "is"/"on"/"är"
        for after in (_YEARS_AFTER, _BRACKET_AFTER):
            years = after.match(text, w.end())
            if years:
                age = int(years.group(1))
                if _plausible(age) and years.start(1) not in found:
                    found[years.start(1)] = AgeMention(age, years.start(1), years.end(1), True)
    for m in _TURNING.finditer(text):
        verb = m.group(1).casefold()
        age = int(m.group(2)) - (verb in _APPROXIMATE or verb == "turn")
        if _plausible(age) and m.start(2) not in found:
            found[m.start(2)] = AgeMention(age, m.start(2), m.end(2), verb in {"täyttää", "täytti"})
    for w in persons:
        bare = _BARE_AFTER.match(text, w.end()) if _PERSON_NOUN(w.group()) else None
        if bare:
            age = int(bare.group(1))
            if 10 <= age <= MAX_AGE and bare.start(1) not in found and not _money_or_count_before(text, bare.start(1)):
                found[bare.start(1)] = AgeMention(age, bare.start(1), bare.end(1), True)
    for m in _BOTH.finditer(text):
        age = int(m.group(1))
        if _plausible(age) and m.start(1) not in found:
            found[m.start(1)] = AgeMention(age, m.start(1), m.end(1), True)
    for m in [
        *_CLAUSE_YEARS.finditer(text),
        *_TRAILING.finditer(text),
        *_CLOSING.finditer(text),
        *_SIGNED.finditer(text),
    ]:
        age = int(m.group(1))
        if 13 <= age <= MAX_AGE and m.start(1) not in found:
            found[m.start(1)] = AgeMention(age, m.start(1), m.end(1), _near_person(text, m.start(1), m.end()))
    for m in _PREFIXED.finditer(text):
        word = re.sub(r"\s+", " ", m.group(1).casefold())
        if word in {"is", "on", "är"} and not (
            _near_person(text, m.start(), m.end(), before_only=True)
            or _SELF.search(text[max(0, m.start() - 80) : m.start()])
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
    return [found[k] for k in sorted(found)] or decades


# A birth year ("synt. 2004", "s. 15.3.2001", "född 1999", "born in 2001"): the age is the years since.
_BORN = re.compile(
    r"(?<![\w])(?:synt(?:yn(?:yt|eet|y|nyt))?\.?|s\.|född|f\.|born|b\.)\s*"
    r"(?:(?:vuonna|vuosi|år|in|on)\s+)?(?:\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*)?((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)


def birth_year_age(text: str, year: int) -> int | None:
    """The age from a birth year in the text (the birthday this year may be still to come: the
    years between are the age a form would ask for), or None."""
    for m in _BORN.finditer(text):
        age = year - int(m.group(1))
        if _plausible(age):
            return age
    return None


def extract_age(text: str, year: int | None = None) -> int | None:
    """The client's age, or None. A third person's age wins: they are the client. Without an age
    in years, a birth year gives it (``year``: this year in Helsinki, for the difference)."""
    mentions = find_ages(text)
    if not mentions:
        return birth_year_age(text, year) if year is not None else None
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
