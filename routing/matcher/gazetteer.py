"""Every Finnish municipality, and the places people name instead of it.

The gazetteer answers two questions the router keeps asking:

* a form field says ``245``, ``Kervo``, ``jarvenpaa`` or ``Keravalla``: which
  municipality is it? (:meth:`Gazetteer.lookup`, :meth:`Gazetteer.lookup_region`)
* a client's message says *asun Keravalla*, *bor i Sibbo* or *I live in
  Espoo*: where is the client? (:meth:`Gazetteer.find_in_text`)

The data are two CSV files shipped in the package: ``municipalities.csv``
(Statistics Finland codes, Finnish and Swedish names, maakunta) and
``localities.csv`` (former municipalities, villages and city districts that
people still give as where they live, mapped to today's municipality; it also
carries the Swedish names of a few unilingual municipalities that the official
list leaves out, e.g. *Virmo* for Mynämäki).

Finnish place names are inflected (*Helsingissä*, *Turusta*, *Seinäjoelle*),
so every name is expanded once, at first use, into its case forms by rule
(case endings, vowel harmony, consonant gradation, the *järvi/joki/koski* stems
and a few more in :data:`_LEXICAL_STEMS`). Matching text is then tokenising plus
dictionary look-ups; nothing scans the name list per message.

Precision matters as much as recall: a place read wrongly filters out the
right services. Hence the order exact form, then the form without umlauts
(only for text typed without any), then fuzzy matching (only for capitalised
words or words after a place preposition); and names that are also common
words (*lahti* "bay", *kolari* "car crash", *Simo* a first name) count only
when the writing shows they are places (see :data:`_COMMON_WORD_NAMES`).
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import product
from typing import Literal, NamedTuple

from rapidfuzz import fuzz, process

SourceKind = Literal["municipality", "former-municipality", "locality"]

_KIND_RANK: dict[str, int] = {"municipality": 0, "former-municipality": 1, "locality": 2}


@dataclass(frozen=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str
    region_code: str
    region_name_fi: str
    region_name_sv: str

    def name(self, lang: str = "fi") -> str:
        """The name in ``fi`` or ``sv``; English uses the Finnish name, as Finnish signs do."""
        return self.name_sv if lang == "sv" else self.name_fi

    def region_name(self, lang: str = "fi") -> str:
        return self.region_name_sv if lang == "sv" else self.region_name_fi


@dataclass(frozen=True)
class PlaceMention:
    """A place found in free text: which municipality, and the words that said so."""

    municipality: Municipality
    evidence: str
    start: int
    end: int
    source_kind: SourceKind


# ---------------------------------------------------------------- text normalising


def fold(text: str) -> str:
    """NFC and case-folded: the key every exact look-up uses."""
    return unicodedata.normalize("NFC", text).casefold()


def strip_marks(text: str) -> str:
    """Without diacritics (ä→a, ö→o, å→a), for text typed on a keyboard without them."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_NORDIC_LETTERS = frozenset("äöåÄÖÅ")

# A word: letters (with any combining marks, so NFD text tokenises whole),
# joined by inner hyphens, colons or apostrophes (Mänttä-Vilppula, S:t, Espoo's).
_WORD = r"(?:[^\W\d_]|[\u0300-\u036f])+"
_TOKEN_RE = re.compile(rf"{_WORD}(?:[-:'’]{_WORD})*")
_SENTENCE_END = re.compile(r"[.!?\n]")


# ---------------------------------------------------------------- Finnish inflection

Case = str  # nom gen ine ela ill ade abl all ess tra par, sv-gen
_DESTINATION_CASES = frozenset({"ill", "all"})
_INNER_CASES = frozenset({"ine", "ela", "ill"})

# Final parts whose stem rules cannot derive: (weak stem, strong stem).
# These are the words Finnish place names end in (Seinäjoki → Seinäjoella,
# Äänekoski → Äänekoskella, Rovaniemi → Rovaniemellä, Haapavesi → Haapavedellä).
_LEXICAL_STEMS: dict[str, tuple[str, str]] = {
    "järvi": ("järve", "järve"),
    "joki": ("joe", "joke"),
    "koski": ("koske", "koske"),
    "niemi": ("nieme", "nieme"),
    "saari": ("saare", "saare"),
    "salmi": ("salme", "salme"),
    "lahti": ("lahde", "lahte"),
    "mäki": ("mäe", "mäke"),
    "lampi": ("lamme", "lampe"),
    "nummi": ("numme", "numme"),
    "vesi": ("vede", "vete"),
    "kivi": ("kive", "kive"),
    "lehti": ("lehde", "lehte"),
    "suomi": ("suome", "suome"),
    "hirvi": ("hirve", "hirve"),
    "kangas": ("kankaa", "kankaa"),
    "loppi": ("lope", "loppe"),
    "uusi": ("uude", "uute"),
}

# Names in the plural, with their plural stems and genitive (Virrat → Virroilla, Virtain).
_PLURAL_STEMS: dict[str, tuple[str, str, str]] = {
    "virrat": ("virroi", "virtoi", "virtain"),
}

# Consonant gradation in the last syllable, strong → weak, longest first.
_GRADATION: tuple[tuple[str, str], ...] = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("nt", "nn"),
    ("lt", "ll"),
    ("rt", "rr"),
    ("ht", "hd"),
    ("lk", "l"),
    ("rk", "r"),
    ("hk", "h"),
)
_VOWELS = "aeiouyäöå"
_ABBREVIATION_ENDINGS: tuple[tuple[Case, str], ...] = (
    ("gen", "n"),
    ("ine", "ssa"),
    ("ine", "ssä"),
    ("ela", "sta"),
    ("ela", "stä"),
    ("ade", "lla"),
    ("ade", "llä"),
    ("abl", "lta"),
    ("abl", "ltä"),
    ("all", "lle"),
    ("tra", "ksi"),
)


def _harmonies(word: str) -> tuple[str, ...]:
    """The vowel of the case endings: a after back vowels (Keravalla), ä otherwise (Jyväskylässä).

    The last part of a compound decides (Rovaniemellä, Kirkkonummella); where the
    last vowel is front but the word also has back ones and the parts are unknown
    (Uusikaarlepyy, Sodankylä), both are made.
    """
    for part in _LEXICAL_STEMS:
        if word.endswith(part):
            return ("a",) if any(c in "aou" for c in part) else ("ä",)
    back = any(c in "aou" for c in word)
    last_vowel = next((c for c in reversed(word) if c in _VOWELS), "")
    if back and last_vowel in "äöy":
        return ("a", "ä")
    return ("a",) if back else ("ä",)


def _weak(word: str) -> str:
    """Weak grade of a word ending in a short vowel: Turku → Turu, Helsinki → Helsingi, Lieto → Liedo."""
    stem, vowel = word[:-1], word[-1]
    if len(stem) < 2 or stem[-1] in _VOWELS:
        return word
    for strong, weak in _GRADATION:
        if stem.endswith(strong):
            return stem[: -len(strong)] + weak + vowel
    if stem[-2] in _VOWELS:
        if stem[-1] == "k":
            return stem[:-1] + vowel
        if stem[-1] == "p":
            return stem[:-1] + "v" + vowel
        if stem[-1] == "t":
            return stem[:-1] + "d" + vowel
    return word


def _ends_long(stem: str) -> bool:
    return len(stem) >= 2 and stem[-1] in _VOWELS and stem[-2] in _VOWELS


def _case_forms(weak: str, strong: str, a: str) -> dict[Case, set[str]]:
    """The singular cases from a weak and a strong stem, with harmony vowel ``a`` (a or ä)."""
    forms: dict[Case, set[str]] = {
        "gen": {weak + "n"},
        "ine": {weak + "ss" + a},
        "ela": {weak + "st" + a},
        "ade": {weak + "ll" + a},
        "abl": {weak + "lt" + a},
        "all": {weak + "lle"},
        "tra": {weak + "ksi"},
        "ess": {strong + "n" + a},
    }
    if _ends_long(strong):
        # Espoo → Espooseen, pää → Järvenpäähän, suu → Joensuuhun: both are in use.
        forms["ill"] = {strong + "seen", strong + "h" + strong[-1] + "n"}
        forms["par"] = {strong + "t" + a}
    else:
        forms["ill"] = {strong + strong[-1] + "n"}
        forms["par"] = {strong + a}
    return forms


def _merge(into: dict[Case, set[str]], other: dict[Case, set[str]]) -> None:
    for case, words in other.items():
        into.setdefault(case, set()).update(words)


def _word_paradigm(word: str) -> dict[Case, set[str]]:
    """All case forms of one (last) word of a name, by rule plus the stem tables."""
    forms: dict[Case, set[str]] = {"nom": {word}}
    if not any(c in _VOWELS for c in word):
        # An abbreviation takes its ending after a colon: Koski Tl → Koski Tl:ssä, Tl:n.
        for case, ending in _ABBREVIATION_ENDINGS:
            forms.setdefault(case, set()).add(f"{word}:{ending}")
        return forms
    for a in _harmonies(word):
        _merge(forms, _paradigm_with(word, a))
    return forms


def _paradigm_with(word: str, a: str) -> dict[Case, set[str]]:
    forms: dict[Case, set[str]] = {}
    if word in _PLURAL_STEMS:
        weak, strong, genitive = _PLURAL_STEMS[word]
        plural = _case_forms(weak, strong, a)
        plural["gen"] = {genitive}
        plural["ill"] = {strong + "hin"}
        _merge(forms, plural)
        return forms
    for part, (weak_part, strong_part) in _LEXICAL_STEMS.items():
        if word.endswith(part):
            head = word[: -len(part)]
            _merge(forms, _case_forms(head + weak_part, head + strong_part, a))
            if part == "kangas":
                forms["par"] = {word + "t" + a}
            return forms
    if word.endswith("nen"):
        # Parainen → Paraisilla, Kauniainen → Kauniaisissa: the plural is the usual
        # form of -nen names, the singular (Paraisessa) is also written.
        head = word[:-3]
        _merge(forms, _case_forms(head + "se", head + "se", a))
        forms["par"] = {head + "st" + a}
        plural = _case_forms(head + "si", head + "si", a)
        plural["gen"] = {head + "sten", head + "sien"}
        plural["ill"] = {head + "siin"}
        _merge(forms, plural)
        return forms
    last = word[-1]
    if last not in _VOWELS:
        # Swedish or foreign names in Finnish text: Finström → Finströmissä, Korsnäsissä;
        # Finnish -us/-es names: Kannus → Kannuksessa, Alavus → Alavudella.
        for harmony in ("a", "ä"):
            _merge(forms, _case_forms(word + "i", word + "i", harmony))
        if word[-2:] in ("us", "ys", "es", "is", "os"):
            _merge(forms, _case_forms(word[:-1] + "kse", word[:-1] + "kse", a))
        if word[-2:] in ("us", "ys"):
            _merge(forms, _case_forms(word[:-1] + "de", word[:-1] + "te", a))
        return forms
    if _ends_long(word):
        _merge(forms, _case_forms(word, word, a))
        return forms
    _merge(forms, _case_forms(_weak(word), word, a))
    if last == "e":
        # Tampere → Tampereella, Pälkäne → Pälkäneellä, beside Raahe → Raahessa.
        _merge(forms, _case_forms(word + "e", word + "e", a))
    return forms


def finnish_forms(name: str) -> dict[str, Case]:
    """Surface forms (case-folded) of a name → the case each is in.

    The last word of a multi-word name and the last part of a hyphenated one
    inflect (Pedersören kunta → Pedersören kunnassa, Mänttä-Vilppula →
    Mänttä-Vilppulassa); a name beginning with *Uusi* inflects in both parts
    (Uusikaupunki → Uudessakaupungissa), and also in the last one only, as people write it.
    """
    folded = fold(name)
    head, sep, last = folded.rpartition(" ")
    prefix = head + sep
    hyphen_head, hyphen, last_part = last.rpartition("-")
    prefix += hyphen_head + hyphen
    paradigms = [_word_paradigm(last_part)]
    if last_part.startswith("uusi") and len(last_part) > 6:
        first, rest = _word_paradigm("uusi"), _word_paradigm(last_part[4:])
        paradigms.append({case: {f + r for f, r in product(first[case], rest[case])} for case in first if case in rest})
    result: dict[str, Case] = {}
    for paradigm in paradigms:
        for case, words in paradigm.items():
            for word in words:
                result.setdefault(prefix + word, case)
    result[folded] = "nom"
    return result


def swedish_forms(name: str) -> dict[str, Case]:
    """Swedish adds only a genitive -s (Esbos, Borgås)."""
    folded = fold(name)
    forms: dict[str, Case] = {folded: "nom"}
    if folded[-1] not in "sxz":
        forms[folded + "s"] = "sv-gen"
    return forms


# ---------------------------------------------------------------- ambiguity

# Names that are also common words in Finnish, Swedish or English: they count
# only capitalised (not in ALL CAPS) or after a residence word (asun, bor, live).
_COMMON_WORD_NAMES: frozenset[str] = frozenset(
    {
        "lahti",  # bay
        "kotka",  # eagle
        "salo",  # backwoods
        "hanko",  # pitchfork
        "luoto",  # skerry
        "somero",  # gravel
        "kannus",  # spur
        "perho",  # butterfly
        "virrat",  # currents
        "kuru",  # gorge
        "ruukki",  # ironworks
        "pyhäjärvi",  # a lake name all over Finland
        "aura",  # plough; English aura
        "sund",  # Swedish: healthy, a strait
        "haga",  # Swedish: pasture
        "malm",  # Swedish: ore
        "kampen",  # Swedish: the fight
        "ii",  # roman numeral II, so never in capitals
        "kemi",  # Swedish: chemistry
        "ingå",  # Swedish: to be part of
        "pori",  # porista: to chatter
        "nokia",  # soot; the company
        "kurikka",  # mallet
        "varkaus",  # theft
        "karjaa",  # cattle
        "loppi",  # lopen: utterly
        "pello",  # pellolla: on the field
        "kisko",  # rail
        "kaavi",  # scrape
        "rusko",  # glow
        "sievi",  # sievin: prettiest
        "tahko",  # whetstone
        "veteli",  # vetelin: I pulled
        "multia",  # soil
        "lemu",  # stench
        "kolho",  # clumsy
        "aitoo",  # aitoon: genuine
        "maksamaa",  # maksamaan: to pay
        "mankkaa",  # tape deck
        "koria",  # basket
        "kivikko",  # stony ground
        "nummi",  # heath
        "lappee",  # flat side
        "halinen",  # halista: from a hug
        "petonen",  # petosen: fraud
        "kalasatama",  # fishing harbour
        "gamlas",  # Swedish: the old people's
        "ladugården",  # Swedish: the barn
        "fiskehamnen",  # Swedish: the fishing harbour
        "manse",  # English: a manse
        "masala",  # English: a spice mix
    }
)
# Single forms that are common words while the name's other forms are not.
_FORM_STOP: frozenset[str] = frozenset({"stadia"})  # Stadi (Helsinki) → English "stadia"
# Stricter: not even a capital at the start of a sentence is enough (Kolarin jälkeen…).
_STRICT_NAMES: frozenset[str] = frozenset(
    {
        "kolari",  # car crash
        "koski",  # rapids (Koski Tl)
        "pohja",  # bottom
        "eno",  # uncle
        "kallio",  # rock
        "malmi",  # ore
        "tiukka",  # tight
        "valtimo",  # artery (Valtimo on tukossa)
    }
)
# First names: only an inner locative (Simossa, Inariin) or a place word before them.
_PERSON_NAMES: frozenset[str] = frozenset({"simo", "inari", "salla", "eira", "lovisa", "levi", "soini", "kaarina"})
# Forms whose umlaut-less spelling is a common word (Ingå → inga "none", Kökar → kokar "boils",
# Kaskö → kasko "car insurance", Pernå → perna "spleen", Storå → stora "big", Tjöck → tjock "thick").
_ASCII_STOP: frozenset[str] = frozenset(
    {
        "inga",
        "ingas",
        "kokar",
        "abo",
        "vora",
        "brando",
        "toolo",
        "kasko",
        "kaskos",
        "kustos",
        "kanala",
        "perna",
        "stora",
        "storas",
        "borga",
        "borgas",
        "tjock",
        "tjocks",
        "bole",
        "boles",
    }
)

_RESIDENCE_CUES: frozenset[str] = frozenset(
    {
        "asun",
        "asumme",
        "asuu",
        "asuvat",
        "asunut",
        "asuneet",
        "asuin",
        "asuimme",
        "asustan",
        "asutaan",
        "asuva",
        "asuvani",
        "asuntoni",
        "kotoisin",
        "kotikunta",
        "kotikuntani",
        "kotikuntana",
        "kotipaikka",
        "kotipaikkani",
        "paikkakunta",
        "paikkakuntani",
        "bor",
        "bosatt",
        "bodde",
        "hemkommun",
        "hemma",
        "hemort",
        "live",
        "lives",
        "living",
        "lived",
        "reside",
        "resides",
        "resident",
        "based",
    }
)
_MOVE_CUES: frozenset[str] = frozenset(
    {
        "muutin",
        "muutimme",
        "muutan",
        "muuttanut",
        "muuttaneet",
        "muutamme",
        "muuttamassa",
        "flyttade",
        "flyttat",
        "flyttar",
        "moved",
        "moving",
    }
)
# "oon nokialta", "olen lahdesta", "ollaan porista": a be-verb and a place left from is where one is from.
_BE_FROM: frozenset[str] = frozenset({"olen", "oon", "ollaan", "olemme", "olin", "oltiin"})
_FROM_CASES = frozenset({"ela", "abl"})
_PREPOSITIONS: frozenset[str] = frozenset({"i", "från", "till", "på", "ur", "in", "from", "to", "at", "near"})
_TO_PREPOSITIONS: frozenset[str] = frozenset({"till", "to"})
_AFTER_CUES: tuple[str, ...] = (
    "kunta",
    "kunna",
    "kaupunki",
    "kaupung",
    "kommun",
    "stad",
    "municipality",
    "town",
)
# Swedish area compounds: Borgåområdet, i Lojotrakten, Helsingforsregionen, på Vasakanten.
_AREA_SUFFIXES: tuple[str, ...] = ("området", "omradet", "trakten", "regionen", "nejden", "kanten")
_CLITICS: tuple[str, ...] = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")

_FUZZY_CUTOFF = 90.0
# Six letters is too few in running text: first names sit one letter from places (Karina, Kaarina).
_FUZZY_MIN_LENGTH = 7


class _Entry(NamedTuple):
    code: str
    kind: SourceKind
    lemma: str  # the folded name the form belongs to
    case: Case


class _Token(NamedTuple):
    start: int
    end: int
    raw: str
    key: str  # folded, English possessive removed
    initial: bool  # first word of a sentence


# ---------------------------------------------------------------- the gazetteer


def _read_csv(filename: str) -> list[dict[str, str]]:
    text = resources.files("routing").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


# Codes of merged municipalities that directories still use for today's one. HSDS-PROFILE.md
# itself gives 606 (Pohja, merged into Raasepori 710 in 2009) for Raasepori.
RETIRED_CODES = {"606": "710", "220": "710", "835": "710"}


class Gazetteer:
    """Municipalities by code, name and every surface form, loaded once (see :func:`gazetteer`)."""

    def __init__(self, municipality_rows: Iterable[dict[str, str]], locality_rows: Iterable[dict[str, str]]):
        self.municipalities: list[Municipality] = sorted(
            (Municipality(**row) for row in municipality_rows), key=lambda m: m.code
        )
        self._by_code = {m.code: m for m in self.municipalities}
        self.regions: dict[str, tuple[str, str]] = dict(
            sorted({m.region_code: (m.region_name_fi, m.region_name_sv) for m in self.municipalities}.items())
        )
        self._forms: dict[str, list[_Entry]] = {}
        names: list[tuple[str, str, str, SourceKind]] = []  # name, language, code, kind
        for m in self.municipalities:
            names.append((m.name_fi, "fi", m.code, "municipality"))
            if m.name_sv != m.name_fi:
                names.append((m.name_sv, "sv", m.code, "municipality"))
        for row in locality_rows:
            kind = row["kind"]
            if kind not in ("former-municipality", "locality"):
                raise ValueError(f"localities.csv: {row['name']}: unknown kind {kind!r}")
            if row["municipality_code"] not in self._by_code:
                raise ValueError(f"localities.csv: {row['name']}: unknown municipality {row['municipality_code']}")
            names.append((row["name"], row["language"], row["municipality_code"], kind))  # type: ignore[arg-type]
        for name, language, code, kind in names:
            lemma = fold(name)
            if language == "fi":
                for form, case in finnish_forms(name).items():
                    self._add(form, _Entry(code, kind, lemma, case))
            for form, case in swedish_forms(name).items():
                if language == "sv" or case == "nom":
                    self._add(form, _Entry(code, kind, lemma, case))
        for entries in self._forms.values():
            entries.sort(key=lambda e: (_KIND_RANK[e.kind], e.case != "nom"))
        # Forms without umlauts, for text typed without them; an exact form always wins.
        self._ascii_forms: dict[str, list[_Entry]] = {}
        for form, entries in self._forms.items():
            plain = strip_marks(form)
            if plain != form and plain not in self._forms and plain not in _ASCII_STOP:
                self._ascii_forms.setdefault(plain, []).extend(entries)
        self._phrase_heads = {form.split(" ")[0] for form in self._forms if " " in form}
        self._max_words = max(form.count(" ") + 1 for form in self._forms)
        # Fuzzy targets: forms of names that are not common words, ascii-folded, by first
        # letter and length (a ratio of 90 allows a length difference of two at most).
        self._fuzzy_entries: dict[str, list[_Entry]] = {}
        self._fuzzy: dict[tuple[str, int], list[str]] = {}
        for form, entries in self._forms.items():
            usable = [e for e in entries if not self._flagged(e.lemma)]
            if usable and len(form) >= _FUZZY_MIN_LENGTH - 2 and " " not in form:
                plain = strip_marks(form)
                if plain not in self._fuzzy_entries:
                    self._fuzzy.setdefault((plain[0], len(plain)), []).append(plain)
                self._fuzzy_entries.setdefault(plain, []).extend(usable)
        self._names_fuzzy: dict[str, str] = {}  # plain nominative → code, for lookup()
        for name, _language, code, _kind in names:
            self._names_fuzzy.setdefault(strip_marks(fold(name)), code)
        self._regions_by_name: dict[str, str] = {}
        for region_code, (fi, sv) in self.regions.items():
            for form in (*finnish_forms(fi), *swedish_forms(sv)):
                self._regions_by_name.setdefault(form, region_code)
                self._regions_by_name.setdefault(strip_marks(form), region_code)

    def _add(self, form: str, entry: _Entry) -> None:
        if form in _FORM_STOP:
            return
        entries = self._forms.setdefault(form, [])
        if not any(e.code == entry.code and e.kind == entry.kind for e in entries):
            entries.append(entry)

    @staticmethod
    def _flagged(lemma: str) -> bool:
        return lemma in _COMMON_WORD_NAMES or lemma in _STRICT_NAMES or lemma in _PERSON_NAMES

    # ------------------------------------------------------------ codes and regions

    def get(self, code: str) -> Municipality | None:
        """By Statistics Finland code; ``91`` is read as ``091``, a retired code as today's."""
        code = code.strip()
        if not code.isdigit() or len(code) > 3:
            return None
        code = code.zfill(3)
        return self._by_code.get(RETIRED_CODES.get(code, code))

    def region_of(self, code: str) -> str | None:
        m = self.get(code)
        return m.region_code if m else None

    def region_name(self, code: str, lang: str = "fi") -> str | None:
        names = self.regions.get(code.strip().zfill(2))
        if names is None:
            return None
        return names[1] if lang == "sv" else names[0]

    def lookup_region(self, text: str) -> str | None:
        """A region (maakunta) code: ``13``, ``Keski-Suomi``, ``Mellersta Finland``, ``Keski-Suomessa``."""
        text = text.strip()
        if text.isdigit() and len(text) <= 2:
            code = text.zfill(2)
            return code if code in self.regions else None
        key = " ".join(fold(text).split())
        return self._regions_by_name.get(key) or self._regions_by_name.get(strip_marks(key))

    # ------------------------------------------------------------ form fields

    def lookup(self, text: str) -> Municipality | None:
        """The municipality a form field means: a code, a name in either language,
        a former municipality or locality, an inflected form, or a small typo."""
        text = text.strip()
        if not text:
            return None
        if text.isdigit():
            return self.get(text)
        key = " ".join(fold(text).replace("’", "'").split())
        entries = self._forms.get(key) or self._ascii_forms.get(strip_marks(key))
        if entries:
            return self._by_code[entries[0].code]
        plain = strip_marks(key)
        if len(plain) >= 4:
            # A typed field may hold a misspelling; compare with the names (not all
            # forms), strictly enough that an unrelated word finds nothing.
            best = process.extractOne(plain, self._names_fuzzy.keys(), scorer=fuzz.ratio, score_cutoff=85)
            if best is not None:
                return self._by_code[self._names_fuzzy[best[0]]]
        mentions = self.find_in_text(text)
        return mentions[0].municipality if mentions else None

    # ------------------------------------------------------------ free text

    def find_in_text(self, text: str) -> list[PlaceMention]:
        """Places named in a message, best first.

        A place after a residence word (*asun*, *bor i*, *I live in*, *kotoisin*)
        comes first, then places named otherwise, then places only gone to
        (*Helsinkiin*, *till Åbo*) — each group in order of appearance.
        Genitives of newspaper names (*Helsingin Sanomat*) are not places.
        """
        tokens: list[_Token] = []
        previous_end = 0
        for m in _TOKEN_RE.finditer(text):
            initial = not tokens or _SENTENCE_END.search(text, previous_end, m.start()) is not None
            tokens.append(_Token(m.start(), m.end(), m.group(), self._token_key(m.group()), initial))
            previous_end = m.end()
        plain_text = not any(c in _NORDIC_LETTERS for c in unicodedata.normalize("NFC", text))
        found: list[tuple[int, PlaceMention]] = []
        i = 0
        while i < len(tokens):
            hit = self._match_at(tokens, i, text, plain_text)
            if hit is None:
                i += 1
                continue
            width, entry, start, end = hit
            rank = self._rank(tokens, i, entry, text)
            mention = PlaceMention(self._by_code[entry.code], text[start:end], start, end, entry.kind)
            found.append((rank, mention))
            i += width
        found.sort(key=lambda pair: (pair[0], pair[1].start))
        return [mention for _rank, mention in found]

    @staticmethod
    def _token_key(raw: str) -> str:
        key = fold(raw).replace("’", "'")
        return key[:-2] if key.endswith("'s") else key

    def _match_at(
        self, tokens: list[_Token], i: int, text: str, plain_text: bool
    ) -> tuple[int, _Entry, int, int] | None:
        """The longest accepted match starting at token ``i``: (tokens used, entry, start, end)."""
        first = tokens[i].key
        widths = range(min(self._max_words, len(tokens) - i), 0, -1) if first in self._phrase_heads else (1,)
        known = False  # a form of some place, even if the context said it is not one here
        for width in widths:
            key = " ".join(t.key for t in tokens[i : i + width])
            for entry in self._candidates(key, plain_text):
                known = True
                if self._accept(entry, tokens, i, width, text):
                    return width, entry, tokens[i].start, tokens[i + width - 1].end
        token = tokens[i]
        for variant, start, end in self._variants(token):
            for entry in self._candidates(variant, plain_text):
                known = True
                if self._accept(entry, tokens, i, 1, text):
                    return 1, entry, start, end
        if not known:
            fuzzy = self._fuzzy_match(tokens, i, text)
            if fuzzy is not None:
                return 1, fuzzy, token.start, token.end
        return None

    def _candidates(self, key: str, plain_text: bool) -> list[_Entry]:
        entries = self._forms.get(key)
        if entries is None and plain_text:
            entries = self._ascii_forms.get(strip_marks(key))
        return entries or []

    @staticmethod
    def _variants(token: _Token) -> Iterator[tuple[str, int, int]]:
        """A word with a clitic (Helsingissäkin), and the last part of a hyphenated
        word (Itä-Helsingissä, Helsinki-Vantaalla)."""
        if token.key.endswith(_CLITICS):
            for clitic in _CLITICS:
                if token.key.endswith(clitic) and len(token.key) > len(clitic) + 3:
                    yield token.key[: -len(clitic)], token.start, token.end
        if "-" in token.key:
            offset = token.raw.rfind("-") + 1
            yield token.key[token.key.rfind("-") + 1 :], token.start + offset, token.end
        for suffix in _AREA_SUFFIXES:
            if token.key.endswith(suffix) and len(token.key) > len(suffix) + 2:
                yield token.key[: -len(suffix)].rstrip("-"), token.start, token.end

    def _accept(self, entry: _Entry, tokens: list[_Token], i: int, width: int, text: str) -> bool:
        """Whether the writing shows that this form is the place and not a word or a person."""
        token = tokens[i]
        if entry.case == "gen" and i + width < len(tokens) and tokens[i + width].key.startswith("sanom"):
            return False  # Helsingin Sanomat, Turun Sanomat: a newspaper, not where one lives
        lemma = entry.lemma
        if not self._flagged(lemma):
            return True
        capitalised = token.raw[:1].isupper() and not (len(token.raw) > 1 and token.raw.isupper())
        strong_cue = (
            self._strong_cue_before(tokens, i, text)
            or (entry.case in _FROM_CASES and any(k in _BE_FROM for k in self._previous(tokens, i, text, 3)))
            or self._cue_after(tokens, i + width, text)
            or self._residence_after(tokens, i + width, text)
            or (self._closing(tokens, i, width) and (token.raw[:1].isupper() or lemma in _COMMON_WORD_NAMES))
        )
        if lemma in _PERSON_NAMES:
            preposition = self._preposition_before(tokens, i, text) in {"i", "från", "in", "from"}
            return strong_cue or preposition or (capitalised and entry.case in _INNER_CASES)
        if strong_cue:
            return True
        if lemma in _STRICT_NAMES:
            return capitalised and not self._sentence_initial(tokens, i, text)
        return capitalised

    @staticmethod
    def _sentence_initial(tokens: list[_Token], i: int, text: str) -> bool:
        return tokens[i].initial

    def _previous(self, tokens: list[_Token], i: int, text: str, count: int) -> list[str]:
        """Up to ``count`` keys before token ``i`` in the same sentence, nearest first."""
        keys: list[str] = []
        j = i
        while j > 0 and len(keys) < count and not self._sentence_initial(tokens, j, text):
            j -= 1
            keys.append(tokens[j].key)
        return keys

    def _preposition_before(self, tokens: list[_Token], i: int, text: str) -> str | None:
        previous = self._previous(tokens, i, text, 1)
        return previous[0] if previous and previous[0] in _PREPOSITIONS else None

    def _strong_cue_before(self, tokens: list[_Token], i: int, text: str) -> bool:
        return any(key in _RESIDENCE_CUES or key in _MOVE_CUES for key in self._previous(tokens, i, text, 3))

    def _residence_after(self, tokens: list[_Token], j: int, text: str) -> bool:
        """*kervalla asun*, *Sipoossa asutaan*: the residence word right after the place."""
        if j == 0 or j >= len(tokens) or text[tokens[j - 1].end : tokens[j].start].strip():
            return False  # punctuation between: "Helsinkiin, asun Turussa"
        return tokens[j].key in _RESIDENCE_CUES

    @staticmethod
    def _closing(tokens: list[_Token], i: int, width: int) -> bool:
        """A place on its own closing the message (*… mitä teen? Kerava*): where the client is.
        A name that is also a word or a first name must be capitalised there."""
        rest = tokens[i + width :]
        return (
            i > 0 and tokens[i].initial and all(_AGE_TOKEN.fullmatch(t.key) for t in rest) and len(rest) <= _AGE_TOKENS
        )

    def _cue_after(self, tokens: list[_Token], j: int, text: str) -> bool:
        if j >= len(tokens) or self._sentence_initial(tokens, j, text):
            return False
        return tokens[j].key.startswith(_AFTER_CUES)

    def _rank(self, tokens: list[_Token], i: int, entry: _Entry, text: str) -> int:
        """0 where the client lives, 1 a place named otherwise, 2 a place only gone to.

        A move counts to where it went: *muutin Keravalta Järvenpäähän*,
        *jag flyttade från Borgå till Esbo*."""
        previous = self._previous(tokens, i, text, 4)
        if any(key in _RESIDENCE_CUES for key in previous[:3]) or self._residence_after(tokens, i + 1, text):
            return 0
        if self._closing(tokens, i, 1):
            return 0
        destination = entry.case in _DESTINATION_CASES or bool(previous and previous[0] in _TO_PREPOSITIONS)
        if any(key in _MOVE_CUES for key in previous):
            return 0 if destination else 1
        return 2 if destination else 1

    def _fuzzy_match(self, tokens: list[_Token], i: int, text: str) -> _Entry | None:
        """A misspelt place name (Kervalla, Helsingisä): only capitalised words in the middle
        of a sentence or words after a place word, never a scan of every form."""
        token = tokens[i]
        if len(token.key) < _FUZZY_MIN_LENGTH or not token.key.isalpha():
            return None
        capitalised = token.raw[:1].isupper() and not token.raw.isupper()
        mid_sentence_name = capitalised and not token.initial
        place_word_before = self._preposition_before(tokens, i, text) is not None or self._strong_cue_before(
            tokens, i, text
        )
        place_word_after = self._residence_after(tokens, i + 1, text)
        if not (mid_sentence_name or place_word_before or place_word_after):
            return None
        plain = strip_marks(token.key)
        choices = [
            choice
            for length in range(len(plain) - 2, len(plain) + 3)
            for choice in self._fuzzy.get((plain[0], length), ())
        ]
        best = process.extractOne(plain, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        return self._fuzzy_entries[best[0]][0] if best is not None else None


# What may follow a closing place: the client's age ("… mitä teen? Kaarina, 30v", "Pargas 19 år").
_AGE_TOKEN = re.compile(r"\d{1,2}(?:v|vee|-?vuotias|år|y|yo|yrs?)?|v|vuotta|vuotias|år|years?|yrs?|old")
_AGE_TOKENS = 3


@functools.cache
def gazetteer() -> Gazetteer:
    """The package's gazetteer, built on first use and shared by the process."""
    return Gazetteer(_read_csv("municipalities.csv"), _read_csv("localities.csv"))
