"""A rule set's need vocabulary of one language, compiled for fast lookup of a word.

Every vocabulary word is indexed by its case-folded form, its lemma and its stem (and
the same without umlauts, used only for text typed without them). A word of the text
is looked up exactly first; a compound with no entry of its own is split into known
parts ("luottokorttivelkaa" → luottokortti + velka); a word that is neither known to
the dictionary nor found is compared with the vocabulary by rapidfuzz (typos).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

import routing.matcher.morphology as morphology
from routing.matcher.text import deumlaut
from rules.model import Cues, NeedVocabulary, Pattern, RuleSet

MIN_STEM = 4  # shorter stems collide too often ("työ", "apu")
MIN_PREFIX = 3
MIN_HEAD = 4  # the last part of an unknown compound read by itself ("vero|velkaa")
FUZZY_MIN_LENGTH = 6
FUZZY_CUTOFF = 86.0


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    need: str
    kind: str  # "term" names the need; "want" counts only when sought or missing; "weak" only alone
    pattern: Pattern


@dataclass(frozen=True, slots=True)
class WordHit:
    entry: int
    position: int  # which word of the entry's pattern


@dataclass(frozen=True)
class CueSets:
    negation: frozenset[str]
    transparent: frozenset[str]
    be: frozenset[str]
    seek: frozenset[str]
    lack: frozenset[str]
    acquire: frozenset[str]
    breaks: frozenset[str]
    joins: frozenset[str]
    fillers: frozenset[str]
    others: frozenset[str]
    function_words: frozenset[str]
    needing: frozenset[str] = frozenset()
    past: frozenset[str] = frozenset()
    present: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    fine: frozenset[str] = frozenset()

    @classmethod
    def of(cls, cues: Cues | None) -> CueSets:
        if cues is None:
            cues = Cues(language="")
        return cls(
            cues.negation,
            cues.transparent,
            cues.be,
            cues.seek,
            cues.lack,
            cues.acquire,
            cues.breaks,
            cues.joins,
            cues.fillers,
            cues.others,
            cues.function_words,
            cues.needing,
            cues.past,
            cues.present,
            cues.sources,
            cues.fine,
        )


class _Index:
    """key → word hits, for exact keys, stems and prefixes."""

    def __init__(self) -> None:
        self.exact: dict[str, set[WordHit]] = {}
        self.stems: dict[str, set[WordHit]] = {}
        self.prefixes: dict[str, set[WordHit]] = {}

    def add(self, table: dict[str, set[WordHit]], key: str, hit: WordHit) -> None:
        if key:
            table.setdefault(key, set()).add(hit)

    def lookup(self, surface: str, lemma: str, stem: str, out: set[WordHit]) -> None:
        for key in (surface, lemma):
            found = self.exact.get(key)
            if found:
                out |= found
        if len(stem) >= MIN_STEM:
            found = self.stems.get(stem)
            if found:
                out |= found
        if self.prefixes:
            for word in (surface, lemma):
                for k in range(MIN_PREFIX, len(word) + 1):
                    found = self.prefixes.get(word[:k])
                    if found:
                        out |= found


class LanguageVocabulary:
    def __init__(self, language: str, vocabularies: tuple[NeedVocabulary, ...], cues: Cues | None) -> None:
        self.language = language
        self.cues = CueSets.of(cues)
        self.entries: list[Entry] = []
        self.index = _Index()
        self.plain = _Index()  # the same without umlauts
        self._parts: dict[str, set[int]] = {}  # compound parts: single words of the vocabulary
        self._part_stems: dict[str, set[int]] = {}
        self._cache: dict[tuple[str, bool], frozenset[WordHit]] = {}
        self._promoted: dict[int, int] = {}  # want entry → its twin term, for compounds with a filler
        # pattern words that are negations: only a negation of the text matches them ("doesn't" is
        # indexed by its lemma "do" too, so that "don't" and "didn't" match it, but "does" must not)
        self.negation_hits: set[WordHit] = set()
        for vocabulary in vocabularies:
            kinds = (("term", vocabulary.terms), ("want", vocabulary.wants), ("weak", vocabulary.weak))
            for kind, patterns in kinds:
                for pattern in patterns:
                    self._add(Entry(len(self.entries), vocabulary.need, kind, pattern))
        for filler in self.cues.fillers:
            self._add_part(filler, -1)
        self._plain_parts: dict[str, set[int]] = {}
        for key, ids in self._parts.items():
            self._plain_parts.setdefault(deumlaut(key), set()).update(ids)
        self._plain_part_stems: dict[str, set[int]] = {}
        for key, ids in self._part_stems.items():
            self._plain_part_stems.setdefault(deumlaut(key), set()).update(ids)
        # one- and two-letter single-word entries ("cv", "s2", "gp"): words, where short tokens are not
        self.short_words = frozenset(
            alt
            for entry in self.entries
            if len(entry.pattern.words) == 1
            for alt in entry.pattern.words[0].casefold().split("|")
            if len(alt) < 3
        )
        for entry in list(self.entries):
            if entry.kind == "want" and len(entry.pattern.words) == 1:
                twin = Entry(len(self.entries), entry.need, "term", entry.pattern)
                self.entries.append(twin)
                self._promoted[entry.id] = twin.id

    # -- compiling ---------------------------------------------------------------------

    def _add(self, entry: Entry) -> None:
        self.entries.append(entry)
        single = len(entry.pattern.words) == 1
        for position, word in enumerate(entry.pattern.words):
            hit = WordHit(entry.id, position)
            if all(alt.lstrip("=") in self.cues.negation for alt in word.casefold().split("|")):
                self.negation_hits.add(hit)
            for alternative in word.casefold().split("|"):
                if alternative.endswith("*"):
                    prefix = alternative[:-1]
                    self.index.add(self.index.prefixes, prefix, hit)
                    self.plain.add(self.plain.prefixes, deumlaut(prefix), hit)
                    continue
                exact = alternative.startswith("=")  # "=olen": this form only, not every form of its lemma
                alternative = alternative.lstrip("=")
                f = morphology.forms(alternative, self.language)
                # a lemma far from the written word ("första" → "en") would match unrelated words
                keys = {f.surface, f.lemma} if f.lemma[:2] == f.surface[:2] and not exact else {f.surface}
                for key in keys:
                    self.index.add(self.index.exact, key, hit)
                    self.plain.add(self.plain.exact, deumlaut(key), hit)
                if len(f.stem) >= MIN_STEM and not exact:
                    self.index.add(self.index.stems, f.stem, hit)
                    self.plain.add(self.plain.stems, deumlaut(f.stem), hit)
                if single and "-" not in alternative and not exact:
                    self._add_part(alternative, entry.id)

    def _add_part(self, word: str, entry_id: int) -> None:
        f = morphology.forms(word, self.language)
        for key in {f.surface, f.lemma}:
            self._parts.setdefault(key, set()).add(entry_id)
        if len(f.stem) >= MIN_STEM:
            self._part_stems.setdefault(f.stem, set()).add(entry_id)

    @cached_property
    def _fuzzy_choices(self) -> tuple[list[str], list[set[WordHit]]]:
        words, hits = [], []
        for key, found in self.index.exact.items():
            if len(key) >= FUZZY_MIN_LENGTH and " " not in key:
                words.append(key)
                hits.append(found)
        return words, hits

    # -- lookup ------------------------------------------------------------------------

    def hits(self, word: str, plain_text: bool, may_guess: bool = True) -> frozenset[WordHit]:
        """Vocabulary hits of a case-folded word; `plain_text`: the text has no umlauts at all."""
        key = (word, plain_text)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if ":" in word and word.index(":") >= 2:  # "cv:tä", "kela:n", "TE:n": the abbreviation inflected
            word = word[: word.index(":")]
        f = morphology.forms(word, self.language)
        found: set[WordHit] = set()
        self.index.lookup(f.surface, f.lemma, f.stem, found)
        if plain_text and not self._singles(found) and self.language != "en":
            self.plain.lookup(f.surface, deumlaut(f.lemma), f.stem, found)
        if not self._singles(found) and len(word) >= 6:
            found |= self._compound(word, plain_text)
            if not found and not f.known:
                found |= self._head(word, plain_text)
        if not found and may_guess and not f.known and len(word) >= FUZZY_MIN_LENGTH and word.isalpha():
            found |= self._fuzzy(word)
        result = frozenset(found)
        if len(self._cache) < 200_000:
            self._cache[key] = result
        return result

    def _singles(self, found: set[WordHit]) -> bool:
        return any(len(self.entries[h.entry].pattern.words) == 1 for h in found)

    def _part(self, piece: str, head: bool, plain_text: bool) -> set[int] | None:
        """Entries (or -1 for a filler) a compound part stands for; None when it is no part.

        Cheap keys first (the piece itself, its modifier forms, its stem); the dictionary's
        lemma, which costs a guess for words it does not know, only for an inflected last part.
        """
        if len(piece) < 3:
            return None
        parts, part_stems = (
            (self._plain_parts, self._plain_part_stems) if plain_text else (self._parts, self._part_stems)
        )
        found: set[int] = set(parts.get(piece, ()))
        if not head:
            # modifiers: genitive "työn", Swedish linking s "bostads", Finnish "asumis-" of "asuminen"
            for variant in _modifier_variants(piece):
                found |= parts.get(variant, set())
        stem = morphology.stem(piece, self.language)
        if len(stem) >= MIN_STEM:
            found |= part_stems.get(stem, set())
        if not found and head:
            lemma = morphology.forms(piece, self.language).lemma
            found |= parts.get(deumlaut(lemma) if plain_text else lemma, set())
        return found or None

    def _compound(self, word: str, plain_text: bool) -> set[WordHit]:
        parts = self._split(word.replace("-", ""), plain_text, depth=0)
        if not parts:
            return set()
        ids = {i for part in parts for i in part if i >= 0}
        if not ids:
            return set()
        # a compound with a filler part ("velkaneuvonta", "asuntohakemus") is about the need itself
        has_filler = any(-1 in part for part in parts)
        out: set[WordHit] = set()
        for i in ids:
            entry = self.entries[i]
            if entry.kind == "want" and has_filler:
                out.add(WordHit(self._promoted[i], 0))
            else:
                out.add(WordHit(i, 0))
        return out

    def _split(self, word: str, plain_text: bool, depth: int) -> list[set[int]] | None:
        """Split into known parts, longest first part first; at most three parts."""
        head = self._part(word, True, plain_text) if depth else None
        if head is not None:
            return [head]
        if depth >= 2:
            return None
        for i in range(len(word) - 3, 2, -1):
            left = self._part(word[:i], False, plain_text)
            if left is None:
                continue
            rest = self._split(word[i:], plain_text, depth + 1)
            if rest:
                return [left, *rest]
        return None

    def _head(self, word: str, plain_text: bool) -> set[WordHit]:
        """A compound the dictionary does not know whose last part is a vocabulary word and whose
        first part is a word of the language: "verovelkaa" is a debt as "velkaa" is."""
        for i in range(3, len(word) - MIN_HEAD + 1):
            head = self._part(word[i:], True, plain_text)
            if head is None or -1 in head or any(self.entries[e].kind != "term" for e in head):
                continue  # a want ("valokuvaus|keikkoja") is too loose a guess
            left = word[:i]
            if morphology.is_known(left, self.language) or (
                self.language == "sv" and left.endswith(("s", "e")) and morphology.is_known(left[:-1], "sv")
            ):  # Swedish links with s or e: "skatte|skulder", "bostads|lån"
                return {WordHit(entry, 0) for entry in head}
        return set()

    def _fuzzy(self, word: str) -> set[WordHit]:
        words, hits = self._fuzzy_choices
        best = process.extractOne(word, words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return set()
        choice = best[0]
        if abs(len(choice) - len(word)) > 2:
            return set()
        return set(hits[best[2]])


def _modifier_variants(piece: str) -> list[str]:
    out = []
    if piece.endswith("n"):
        out.append(piece[:-1])
    if piece.endswith("s"):
        out.append(piece[:-1])
    if piece.endswith("is"):
        out.append(piece[:-2] + "inen")
    if piece.endswith("en"):
        out.append(piece[:-2] + "i")  # "mielen" → "mieli"
    return out


class CompiledVocabulary:
    """All languages of a rule set, each compiled on first use (it needs that language's dictionary)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self._languages: dict[str, LanguageVocabulary] = {}

    def language(self, language: str) -> LanguageVocabulary:
        compiled = self._languages.get(language)
        if compiled is None:
            compiled = LanguageVocabulary(language, self.ruleset.vocabulary(language), self.ruleset.cues.get(language))
            self._languages[language] = compiled
        return compiled
