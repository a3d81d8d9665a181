"""Lemmas and stems of Finnish, Swedish and English words.

simplemma gives dictionary lemmas (it knows consonant gradation: "asunnon" → "asunto");
Snowball stems from PyStemmer cover words the dictionary does not know. Both are
cached per word: a route analyses a handful of words, mostly seen before.

The dictionaries are read through simplemma's marisa-trie factory: the first process
builds each language's trie once into the user's cache folder, later processes map it
in milliseconds instead of decoding the compressed word list for seconds.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

_SNOWBALL = {"fi": "finnish", "sv": "swedish", "en": "english"}
_lock = threading.RLock()
_stemmers: dict[str, Stemmer.Stemmer] = {}
_dictionaries = TrieDictionaryFactory()
_lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_dictionaries))
_lookup = DictionaryLookupStrategy(_dictionaries)


@dataclass(frozen=True, slots=True)
class Forms:
    """What a word may be matched by: its own form, its lemma and its stem."""

    surface: str
    lemma: str
    stem: str
    known: bool  # the dictionary knows it


def _stemmer(language: str) -> Stemmer.Stemmer:
    # PyStemmer objects are not thread-safe; one per language behind a lock at creation.
    stemmer = _stemmers.get(language)
    if stemmer is None:
        with _lock:
            stemmer = _stemmers.setdefault(language, Stemmer.Stemmer(_SNOWBALL[language]))
    return stemmer


@lru_cache(maxsize=262_144)
def stem(word: str, language: str) -> str:
    with _lock:
        return str(_stemmer(language).stemWord(word))


@lru_cache(maxsize=262_144)
def forms(word: str, language: str) -> Forms:
    """Forms of a case-folded word in `language`, colloquial Finnish read as standard."""
    lemma = _lemmatizer.lemmatize(word, language)
    known = is_known(word, language)
    if not known and lemma != word and word.startswith(lemma):
        rest = word[len(lemma) :]
        if len(rest) >= 3 and is_known(rest, language):
            lemma = word  # "vuokravelka" is not "vuokra": the guesser dropped a compound's last part
    if not known and language in ("fi", "sv"):
        compound = _compound_lemma(word, language)
        if compound is not None:
            lemma = compound  # still unknown to the dictionary: its parts are read as before
    if not known and language == "fi":
        for standard in colloquial_fi(word):
            if is_known(standard, "fi"):
                lemma, known = _lemmatizer.lemmatize(standard, "fi"), True
                break
    return Forms(word, lemma.casefold(), stem(word, language), known)


MIN_PART = 4


def _compound_lemma(word: str, language: str) -> str | None:
    """The lemma of a compound the dictionary does not know, by its known parts: "työmarkkina|tuella"
    is "työmarkkinatuki", "bostads|bidraget" is "bostadsbidrag", "asunnon|haku" is itself (the guesser
    would say "asunto"). The longest known last part wins."""
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:i], word[i:]
        if not is_known(right, language) or not (is_known(left, language) or _linked(left, language)):
            continue
        base = _lemmatizer.lemmatize(right, language).casefold()
        return left + base if base[:1] == right[:1] else word
    return None


def _linked(left: str, language: str) -> bool:
    """A first part with a linking letter: Swedish "bostads", "skatte"; Finnish "asumis" of "asuminen"."""
    if language == "sv":
        return left.endswith(("s", "e")) and is_known(left[:-1], "sv")
    return left.endswith("is") and is_known(left[:-2] + "inen", "fi")


def is_known(word: str, language: str) -> bool:
    return _lookup.get_lemma(word, language) is not None


def colloquial_fi(word: str) -> list[str]:
    """Standard spellings a spoken Finnish form may stand for ("duunii" → "duunia", "pitäis" → "pitäisi")."""
    out = []
    if len(word) > 4 and word.endswith("ii"):
        out += [word[:-1] + "a", word[:-1] + "ä"]
    if len(word) > 4 and word.endswith("is"):
        out.append(word + "i")
    if len(word) > 5 and word.endswith("ee") and not word.endswith("eee"):
        out += [word[:-1] + "ä", word[:-1] + "a"]  # "kipee" → "kipeä"
    # clipped local cases: "töis" (töissä), "koulust" (koulusta), "kouluu" (kouluun), "töihi" (töihin)
    back = not any(ch in word for ch in "äöy")
    if len(word) > 3 and word.endswith("s") and word[-2] in "aeiouyäö":
        out.append(word + ("sa" if back else "sä"))
    if len(word) > 4 and word.endswith("st") and word[-3] in "aeiouyäö":
        out.append(word + ("a" if back else "ä"))
    if len(word) > 4 and word[-1] in "aeiouyäö" and word[-1] == word[-2]:
        out.append(word + "n")
    if len(word) > 4 and word.endswith(("hi", "he", "ha", "hä", "hu", "hy", "ho", "hö")) and word[-3] in "aeiouyäö":
        out.append(word + "n")
    if len(word) > 4 and word.endswith(("nu", "ny", "lu", "ly", "ru", "ry", "su", "sy")):
        out.append(word + "t")  # past participles: "löytäny" → "löytänyt", "päässy" → "päässyt"
        if word.endswith(("snu", "sny")):
            out.append(word[:-3] + "ss" + word[-1] + "t")  # "pääsny" → "päässyt"
    return out
