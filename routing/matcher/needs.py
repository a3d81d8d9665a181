"""Need detection: which needs of the taxonomy a question gives away, and by which words.

Precision matters as much as recall. A vocabulary `term` ("työtön", "eviction") names a
need unless a negation reaches it ("en oo velkaa", "I don't have any debts", "jag har
inga skulder"). A `want` ("työ", "apartment") is something a person may have or lack:
it names a need only when its clause seeks it ("etsin töitä", "I need an apartment") or
says it is missing ("mul ei oo duunia", "lost my job"), and not when it is background
("olen töissä päivisin", "starting my master's") or someone else's ("miehensä työn perässä").
Phrases win over the single words inside them ("vuokra rästissä" is rent arrears, not debt).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import routing.matcher.morphology as morphology
from routing.matcher.age import is_person_noun
from routing.matcher.text import Token, has_umlauts, tokenise
from routing.matcher.vocabulary import Entry, LanguageVocabulary, WordHit

_LOCATIVE = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle")
_PARTICIPLE = ("nut", "nyt", "nu", "ny", "lut", "lyt", "rut", "ryt", "sut", "syt")  # "maksanut", "tehny"
NEGATION_REACH = 4  # tokens between a negation and the word it negates
PHRASE_GAP = 3  # words allowed between the words of a phrase
FINE_REACH = 3  # "asuminen on ok", "my studies are going fine"
SHORT_CLAUSE = 2  # a clause this short after "ja"/"and" or a comma continues the one before
# Needs of the household: what another person does at home ("mies uhkailee", "my partner hits
# the kids") or their care ("isä on muistisairas") is the client's situation, never background.
HOUSEHOLD_NEEDS = frozenset({"social-work"})
_MY = frozenset({"my", "min", "mitt", "mina", "mun", "minun", "mu"})
# "his", "hennes", "hänen": another person's, unless that person is who the question is about
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "hans", "hennes", "deras", "hänen", "heidän"})


@dataclass(frozen=True)
class NeedMatch:
    need: str
    kind: str
    pattern: str
    tokens: tuple[int, ...]
    evidence: tuple[str, ...]


@dataclass
class Detection:
    needs: dict[str, list[str]] = field(default_factory=dict)  # code → evidence words in text order
    matches: list[NeedMatch] = field(default_factory=list)
    dropped: list[tuple[NeedMatch, str]] = field(default_factory=list)  # (match, why) for explaining
    tokens: list[Token] = field(default_factory=list)


@dataclass
class _Candidate:
    entry: Entry
    tokens: tuple[int, ...]


class _Cues:
    """Per-token cue flags of one question."""

    def __init__(self, tokens: list[Token], lemmas: list[str], vocab: LanguageVocabulary) -> None:
        c = vocab.cues
        self.neg = [t.fold in c.negation for t in tokens]
        self.transparent = [t.fold in c.transparent or lemmas[i] in c.transparent for i, t in enumerate(tokens)]
        self.be = [t.fold in c.be for t in tokens]
        self.acquire = [t.fold in c.acquire for t in tokens]
        self.seek = [(t.fold in c.seek or lemmas[i] in c.seek) and not self.acquire[i] for i, t in enumerate(tokens)]
        self.lack = [t.fold in c.lack or lemmas[i] in c.lack for i, t in enumerate(tokens)]
        self.other = [t.fold in c.others or lemmas[i] in c.others for i, t in enumerate(tokens)]
        self.breaks = [t.fold in c.breaks for t in tokens]
        self.joins = [t.fold in c.joins for t in tokens]
        self.needing = [t.fold in c.needing or lemmas[i] in c.needing for i, t in enumerate(tokens)]
        self.present = [t.fold in c.present for t in tokens]
        self.source = [t.fold in c.sources or lemmas[i] in c.sources for i, t in enumerate(tokens)]
        self.fine = [t.fold in c.fine for t in tokens]
        # a past cue may be two words: "used to", "in the past", "förr i tiden"
        self.past = [
            t.fold in c.past or (i + 1 < len(tokens) and f"{t.fold} {tokens[i + 1].fold}" in c.past)
            for i, t in enumerate(tokens)
        ]
        # function words only ever count inside a phrase ("en pysty maksamaan"), never alone
        self.function = [
            self.neg[i]
            or self.transparent[i]
            or self.seek[i]
            or self.breaks[i]
            or self.joins[i]
            or (len(t.fold) < 3 and t.fold not in vocab.short_words)  # "cv", "s2" are words of their own
            for i, t in enumerate(tokens)
        ]


def detect_needs(
    text: str,
    vocab: LanguageVocabulary,
    excluded: list[tuple[int, int]] | None = None,
    tokens: list[Token] | None = None,
) -> Detection:
    """Needs in an NFC text; words inside `excluded` character spans (place names) are skipped."""
    if tokens is None:
        tokens = tokenise(text)
    detection = Detection(tokens=tokens)
    if not tokens:
        return detection
    plain_text = vocab.language != "en" and not has_umlauts(text)
    forms = [morphology.forms(t.fold, vocab.language) for t in tokens]
    lemmas = [f.lemma for f in forms]
    cues = _Cues(tokens, lemmas, vocab)
    clauses = _clauses(tokens, cues)
    scopes = _scopes(text, tokens, clauses, cues)
    skip = _excluded_tokens(tokens, excluded or [])

    hits: list[frozenset[WordHit]] = []
    for i, t in enumerate(tokens):
        if i in skip or t.fold.isdigit():
            hits.append(frozenset())
        else:
            # a word typed without ä/ö that is no word as it stands ("tyottomyys") is read without
            # them even when the rest of the text has them (the place name typed right, say)
            plain = plain_text or (
                vocab.language != "en" and not forms[i].known and not has_umlauts(t.fold) and t.fold.isalpha()
            )
            found = vocab.hits(t.fold, plain, may_guess=not _is_cue(cues, i))
            if not cues.neg[i] and vocab.negation_hits:
                found = frozenset(h for h in found if h not in vocab.negation_hits)
            hits.append(found)

    candidates = _candidates(vocab, hits, clauses, cues)
    denied = _denied(tokens, cues, clauses)
    past = _past(tokens, cues)
    topic = _third_person_topic(tokens, lemmas, cues)
    kept: list[tuple[NeedMatch, bool, bool]] = []  # (match, about someone else, about the past)

    def why_not(cand: _Candidate) -> str | None:
        if denied[cand.tokens[0]]:
            return "not needed"  # "en tarvitse rahaa", "I don't need money", "jag behöver inga pengar"
        if _said_fine(cand.tokens[-1], cues, clauses):
            return "said to be fine"  # "asuminen on ok", "raha-asiat on kunnossa", "money is okay"
        return _why_not(cand, tokens, cues, clauses, scopes, lemmas, vocab)

    for cand, why in _resolve(candidates, why_not):
        match = NeedMatch(
            need=cand.entry.need,
            kind=cand.entry.kind,
            pattern=cand.entry.pattern.text,
            tokens=cand.tokens,
            evidence=tuple(tokens[i].text for i in cand.tokens),
        )
        if why:
            detection.dropped.append((match, why))
            continue
        # of the person the question is about, a want lost or sought is theirs ("lost his flat"); a term
        # they merely have is not ("gambles away his pension")
        of_topic = topic and cand.entry.kind == "want"
        other = match.need not in HOUSEHOLD_NEEDS and _someone_elses(cand, tokens, cues, clauses, of_topic, scopes)
        # "Lääkäri sanoi…", "TE-toimisto ohjasi minut tänne", "the doctor said": who advised is background
        # like the past beside a need of now
        after = cand.tokens[-1] + 1
        source = after < len(tokens) and clauses[after] == clauses[cand.tokens[-1]] and cues.source[after]
        kept.append((match, other, past[cand.tokens[0]] or source))
    # Another person's situation is background when the writer has needs of their own
    # ("mies on työtön, rahat on loppu"); alone, that person is the client ("isäni juo joka päivä").
    # So is a need of the past beside one of now ("olin ennen velkaneuvonnassa, nyt tarvitsen töitä").
    own = [m for m, other, _ in kept if not other and m.kind != "weak"]
    now = [m for m, other, was in kept if not other and not was and m.kind != "weak"]
    for match, other, was in kept:
        if other and own:
            detection.dropped.append((match, "someone else's"))
        elif was and not other and now:
            detection.dropped.append((match, "about the past"))
        elif match.kind == "weak" and (own or any(o for _, o, _ in kept)):
            detection.dropped.append((match, "weak beside a clearer need"))
        else:
            detection.matches.append(match)
    detection.matches.sort(key=lambda m: m.tokens[0])
    for match in detection.matches:
        words = detection.needs.setdefault(match.need, [])
        for word in match.evidence:
            if word not in words:
                words.append(word)
    return detection


def _is_cue(cues: _Cues, i: int) -> bool:
    return cues.neg[i] or cues.transparent[i] or cues.seek[i] or cues.lack[i] or cues.acquire[i] or cues.breaks[i]


def _excluded_tokens(tokens: list[Token], spans: list[tuple[int, int]]) -> set[int]:
    return {t.index for t in tokens for s, e in spans if t.start < e and s < t.end}


def _clauses(tokens: list[Token], cues: _Cues) -> list[int]:
    """Clause number per token: punctuation and conjunctions ("mutta", "but", "men") end a clause."""
    out = []
    clause = 0
    previous = None
    for i, t in enumerate(tokens):
        if previous is not None and (t.clause != previous or cues.breaks[i]):
            clause += 1
        previous = t.clause
        out.append(clause)
    return out


def _scopes(text: str, tokens: list[Token], clauses: list[int], cues: _Cues) -> list[int]:
    """Where a seek or lack cue reaches: its clause, plus a short cue-less clause joined to it by
    "ja"/"and"/"och" or a comma ("tarvitsen asunnon ja töitä"); not one after "mutta"/"but"."""
    members: dict[int, list[int]] = {}
    for i, c in enumerate(clauses):
        members.setdefault(c, []).append(i)
    scope_of: dict[int, int] = {}
    previous = None
    for c in sorted(members):
        idx = members[c]
        first = idx[0]
        joined = cues.joins[first] or (
            previous is not None
            and not cues.breaks[first]
            and "," in text[tokens[members[previous][-1]].end : tokens[first].start]
        )
        content = [i for i in idx if not cues.joins[i]]
        plain = not any(
            cues.seek[i] or cues.lack[i] or cues.neg[i] or cues.acquire[i] or cues.transparent[i] for i in content
        )
        same_sentence = previous is not None and tokens[first].sentence == tokens[members[previous][0]].sentence
        if previous is not None and same_sentence and joined and plain and len(content) <= SHORT_CLAUSE:
            scope_of[c] = scope_of[previous]
        else:
            scope_of[c] = c
        previous = c
    return [scope_of[c] for c in clauses]


def _candidates(
    vocab: LanguageVocabulary, hits: list[frozenset[WordHit]], clauses: list[int], cues: _Cues
) -> list[_Candidate]:
    out: list[_Candidate] = []
    for i, found in enumerate(hits):
        for hit in found:
            if hit.position != 0:
                continue
            entry = vocab.entries[hit.entry]
            n = len(entry.pattern.words)
            if n == 1:
                if not cues.function[i]:
                    out.append(_Candidate(entry, (i,)))
                continue
            span = _extend(hit.entry, n, i, hits, clauses)
            if span:
                out.append(_Candidate(entry, span))
    return out


def _extend(
    entry: int, n: int, first: int, hits: list[frozenset[WordHit]], clauses: list[int]
) -> tuple[int, ...] | None:
    """The tokens of a phrase starting at `first`, its words in order within one clause."""
    span = [first]
    for position in range(1, n):
        wanted = WordHit(entry, position)
        last = span[-1]
        found = None
        for j in range(last + 1, min(len(hits), last + 2 + PHRASE_GAP)):
            if clauses[j] != clauses[first]:
                break
            if wanted in hits[j]:
                found = j
                break
        if found is None:
            return None
        span.append(found)
    return tuple(span)


def _resolve(
    candidates: list[_Candidate], why_not: Callable[[_Candidate], str | None]
) -> list[tuple[_Candidate, str | None]]:
    """Longer phrases first; a match loses to a longer one that shares a word and stands. One that
    does not stand takes no words: in "if I don't pay the rent arrears" the negated "pay the rent"
    leaves "rent arrears" to be read."""
    candidates.sort(key=lambda c: (-len(c.tokens), c.tokens[0]))
    taken: dict[int, int] = {}  # token → length of the standing match that took it
    out: list[tuple[_Candidate, str | None]] = []
    for cand in candidates:
        size = len(cand.tokens)
        if any(taken.get(i, 0) > size for i in cand.tokens):
            continue
        why = why_not(cand)
        out.append((cand, why))
        if why is None:
            for i in cand.tokens:
                taken[i] = max(taken.get(i, 0), size)
    return out


def _denied(tokens: list[Token], cues: _Cues, clauses: list[int]) -> list[bool]:
    """Tokens after a negated needing verb in its clause: "en tarvitse rahaa", "enkä tarvitse töitä",
    "I don't need money", "jag behöver inga pengar". Not where the clause says something is lost
    ("en tarvitse menettää asuntoa" is no denial of a home)."""
    out = [False] * len(tokens)
    for k in range(len(tokens)):
        if not cues.needing[k]:
            continue
        before = False
        j = k - 1
        while j >= 0 and clauses[j] == clauses[k] and k - j <= NEGATION_REACH:
            if cues.neg[j]:
                before = True
                break
            if not cues.transparent[j]:
                break
            j -= 1
        after = k + 1 < len(tokens) and clauses[k + 1] == clauses[k] and cues.neg[k + 1]  # "behöver inga"
        if not (before or after):
            continue
        if before:
            out[j] = out[k] = True  # "en tarvii mitään asuntoa" is not "ei asuntoa"
        rest = []
        for j in range(k + 1, len(tokens)):
            if clauses[j] != clauses[k] or (cues.neg[j] and j > k + 1):
                break  # a new negated verb says something of its own: "en tarvitse rahaa enkä jaksa"
            rest.append(j)
        if any(cues.lack[j] for j in rest):
            continue
        for j in rest:
            out[j] = True
    return out


def _said_fine(last: int, cues: _Cues, clauses: list[int]) -> bool:
    """A fine word a few words after the match in its clause, with no negation between."""
    for j in range(last + 1, min(len(clauses), last + 1 + FINE_REACH)):
        if clauses[j] != clauses[last] or cues.neg[j]:
            return False
        if cues.fine[j]:
            return True
    return False


def _past(tokens: list[Token], cues: _Cues) -> list[bool]:
    """Tokens of a clause about the past: from "aiemmin", "used to", "tidigare" to "nyt", "now", "men" or
    the end of the sentence."""
    out = [False] * len(tokens)
    on = False
    for i, t in enumerate(tokens):
        if i and t.sentence != tokens[i - 1].sentence:
            on = False
        if cues.present[i]:
            on = False
        elif cues.past[i]:
            on = True
        out[i] = on
    return out


def _third_person_topic(tokens: list[Token], lemmas: list[str], cues: _Cues) -> bool:
    """The question is about another person the writer names as theirs before any other word of need
    ("My brother who is 35…", "Min son…", "Poikani…"): then "his flat", "hans jobb" are that
    client's, not background. A partner is not such a topic: "my husband lost his job" is his."""
    for i, t in enumerate(tokens[:-1]):
        noun = tokens[i + 1]
        if t.fold in _MY and is_person_noun(noun.fold) and not cues.other[i + 1]:
            return True
        if t.fold.endswith("ni") and is_person_noun(t.fold) and not cues.other[i] and len(t.fold) > 4:
            return True  # "poikani", "naapurini", "tyttäreni"
    return False


def _why_not(
    cand: _Candidate,
    tokens: list[Token],
    cues: _Cues,
    clauses: list[int],
    scopes: list[int],
    lemmas: list[str],
    vocab: LanguageVocabulary,
) -> str | None:
    """None when the match stands; otherwise why it does not count."""
    pattern_words = {w.rstrip("*") for w in cand.entry.pattern.words}
    says_negation = any(w in vocab.cues.negation for w in pattern_words)
    negated = not says_negation and _negated(cand.tokens, tokens, cues, clauses)
    if cand.entry.kind != "want":
        return "negated" if negated else None
    first = cand.tokens[0]
    if negated:
        if vocab.language == "fi" and first > 0 and cues.neg[first - 1] and _looks_like_verb(lemmas[first]):
            return "background"  # "ei opiskele": a state, not something missing
        return None  # "ei oo töitä": missing, so needed
    if len(cand.tokens) > 1 and any(cues.seek[j] for j in cand.tokens):
        return None  # the phrase seeks by itself: "find work", "löytää asunto"
    scope = scopes[first]
    in_scope = [j for j in range(len(tokens)) if scopes[j] == scope and j not in cand.tokens]
    # "haluaisin lopettaa lukion", "I want to quit school", "jag vill sluta skolan": what one
    # wants to leave is had now, not missing
    if any(_wanted_lack(j, tokens, cues) and first - 3 <= j < first for j in in_scope):
        return "already had"
    if any(cues.lack[j] and not _wanted_lack(j, tokens, cues) for j in in_scope):
        return None
    if any(cues.acquire[j] for j in in_scope):
        return "already had"
    if any(cues.seek[j] for j in in_scope):
        return None
    return "background"


def _wanted_lack(j: int, tokens: list[Token], cues: _Cues) -> bool:
    """A lack cue that is itself wanted: "haluan lopettaa", "want to quit", "vill sluta"."""
    if not cues.lack[j] or j == 0:
        return False
    if cues.seek[j - 1]:
        seek = j - 1
    elif j >= 2 and tokens[j - 1].fold in {"to", "att"} and cues.seek[j - 2]:
        seek = j - 2
    else:
        return False
    # "I don't want to lose my flat", "en halua menettää asuntoa": a fear of losing it, so needed
    return not any(cues.neg[i] for i in range(max(0, seek - 2), seek))


def _someone_elses(
    cand: _Candidate,
    tokens: list[Token],
    cues: _Cues,
    clauses: list[int],
    topic: bool = False,
    scopes: list[int] | None = None,
) -> bool:
    """The words are about another person: "miehensä työn", "her husband's job", "mies on työtön";
    not when the clause asks for it ("my husband needs to find work")."""
    first = cand.tokens[0]
    if any(cues.seek[j] for j in range(len(clauses)) if clauses[j] == clauses[first] and j not in cand.tokens):
        return False
    j = first - 1
    while j >= 0 and clauses[j] == clauses[first] and first - j <= 3:
        if cues.other[j] and not (topic and tokens[j].fold in _POSSESSIVE_PRONOUNS):
            return True
        if not (cues.transparent[j] or cues.be[j]) and first - j > 1:
            return False
        j -= 1
    if scopes is not None and scopes[first] != clauses[first]:
        # a short clause joined by "and" goes on about the same person: "my husband is unemployed
        # and depressed", "mies on työtön ja masentunut"
        start = clauses.index(scopes[first])
        return any(
            cues.other[k] and not (topic and tokens[k].fold in _POSSESSIVE_PRONOUNS)
            for k in range(start, min(start + 3, first))
        )
    return False


def _looks_like_verb(lemma: str) -> bool:
    """A Finnish infinitive ("opiskella", "tienata"): after a negation it is the verb, not a missing thing."""
    return lemma.endswith(("lla", "llä", "ta", "tä", "da", "dä", "ua", "yä", "ia", "iä", "rra", "nna"))


def _negated(span: tuple[int, ...], tokens: list[Token], cues: _Cues, clauses: list[int]) -> bool:
    first, last = span[0], span[-1]
    clause = clauses[first]
    # before: "en oo velkaa", "I don't have any debts", "inga skulder"
    j = first - 1
    while j >= 0 and clauses[j] == clause and first - j <= NEGATION_REACH:
        if cues.neg[j]:
            return True
        if not cues.transparent[j]:
            break
        j -= 1
    # after, Finnish word order: "velkaa ei ole", "töitä ei oo"; not a place ("terveyskeskuksessa ei ollut aikoja")
    k = last + 1
    if k < len(tokens) and clauses[k] == clause and cues.neg[k] and not tokens[last].fold.endswith(_LOCATIVE):
        after = k + 1
        if after >= len(tokens) or clauses[after] != clause:
            return True
        if not cues.be[after]:
            return False
        # "Kela ei oo vieläkään maksanut": what it did not do, not that it does not exist
        m = after + 1
        while m < len(tokens) and clauses[m] == clause and (cues.transparent[m] or cues.be[m]):
            m += 1
        return not (m < len(tokens) and clauses[m] == clause and tokens[m].fold.endswith(_PARTICIPLE))
    return False
