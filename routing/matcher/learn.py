"""Proposals for the rule set from the desk's corrections (`eteinen rules learn`, the coordinator's page).

Evidence: referrals that still hold their question (consented, not erased or
anonymised) and what the engine read in it. For each need the desk *added*, the
words of those questions (their forms, lemmas and the first parts of compounds) are
compared with the questions the desk left as read, by Dunning's log-likelihood
ratio G² on the 2×2 table (questions with/without the word, need added/uncorrected):
a word much more common where the engine missed the need is proposed as a rule
that requires the need. For each need the desk *removed*, the words the engine took
as its evidence are listed as misleading (background or negation cues for a person
to consider; they are not turned into rules).

Nothing is changed here: the proposals are a rule file in the rule-folder format,
with each proposal's counts and a few anonymised words around a hit (never a whole
question, no digits, no e-mail address or capitalised name). A person accepts them
one by one (``accept``), which writes the rule into the deployment's rule folder
after checking the folder still loads.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

import routing.matcher.morphology as morphology
from routing.matcher.text import normalise, tokenise
from routing.referrals.models import Referral, ReferralNeed
from rules.load import RuleSetError, load_ruleset
from rules.model import RuleSet
from rules.taxonomy import LANGUAGES, NEED_CODES, NEEDS

LEARNED_FILE = "learned.toml"  # where accepted proposals go, in the deployment's rule folder
REJECTED_FILE = "learned-rejected.txt"  # proposal ids a person rejected: not proposed again
G2_MIN = 3.84  # χ²(1) at p = 0.05
CONTEXT_WORDS = 3  # words each side of a hit in an example phrase
MAX_EXAMPLES = 3
MIN_WORD = 4  # shorter words are mostly function words and inflection noise
MIN_PART = 4  # a compound's first part, read as a prefix, at least this long


@dataclass(frozen=True)
class Case:
    """One referral as evidence: its question, language, the engine's needs and the needs used."""

    question: str
    language: str
    engine_needs: frozenset[str]
    used_needs: frozenset[str]

    @property
    def added(self) -> frozenset[str]:
        return self.used_needs - self.engine_needs

    @property
    def removed(self) -> frozenset[str]:
        return self.engine_needs - self.used_needs

    @property
    def corrected(self) -> bool:
        return self.used_needs != self.engine_needs


@dataclass
class Proposal:
    """A word that gave away a need the engine missed: a rule `when words → require need`."""

    need: str
    language: str
    pattern: str  # a lemma or form, or `part*` for the first part of compounds
    with_need: int  # questions where the desk added the need that have the word
    need_total: int  # questions where the desk added the need
    with_uncorrected: int  # questions the desk left as read that have the word
    uncorrected_total: int
    g2: float
    examples: list[str] = field(default_factory=list)
    hits: frozenset[int] = frozenset()  # which questions: a lemma and its form hitting the same ones are one

    @property
    def id(self) -> str:
        return f"learned-{self.need}-{_slug(self.pattern)}"


@dataclass
class Misleading:
    """A word the engine took as evidence of a need the desk removed."""

    need: str
    language: str
    word: str
    removed: int  # questions where the desk removed the need and this word was in them
    examples: list[str] = field(default_factory=list)


@dataclass
class Learned:
    cases: int
    corrected: int
    proposals: list[Proposal]
    misleading: list[Misleading]

    @property
    def empty(self) -> bool:
        return not self.proposals and not self.misleading


# --- the evidence -----------------------------------------------------------------


def gather(session: Session, since: datetime | None = None) -> list[Case]:
    """The referrals that can teach: an engine reading and a question still kept."""
    query = sa_select(
        col(Referral.id),
        col(Referral.question),
        col(Referral.engine_language),
        col(Referral.language),
        col(Referral.engine_needs),
    ).where(
        col(Referral.question).is_not(None),
        col(Referral.consent).is_(True),
        col(Referral.erased_at).is_(None),
        col(Referral.engine_needs).is_not(None),
    )
    if since is not None:
        query = query.where(col(Referral.created_at) >= since)
    rows = session.connection().execute(query).all()
    used: dict[str, set[str]] = defaultdict(set)
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for rid, need in session.exec(
            select(ReferralNeed.referral_id, ReferralNeed.need).where(col(ReferralNeed.referral_id).in_(chunk))
        ):
            used[rid].add(need)
    cases = []
    for rid, question, engine_language, language, engine_needs in rows:
        lang = engine_language or language or "fi"
        if not question or lang not in LANGUAGES:
            continue
        cases.append(Case(question, lang, frozenset(engine_needs or ()), frozenset(used[rid])))
    return cases


# --- the words of a question --------------------------------------------------------


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-") or "word"


def features(question: str, language: str, function_words: frozenset[str]) -> dict[str, int]:
    """{pattern: index of its first token}: each word's form and lemma, and the first part of a
    compound the dictionary does not know, as a prefix (`sänky*`)."""
    found: dict[str, int] = {}
    for t in tokenise(normalise(question)):
        word = t.fold
        if len(word) < MIN_WORD or not word.isalpha() or word in function_words:
            continue
        f = morphology.forms(word, language)
        for key in (f.lemma, word):
            if len(key) >= MIN_WORD and key not in function_words:
                found.setdefault(key, t.index)
        if not f.known and language in ("fi", "sv"):
            for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
                head, rest = word[:cut], word[cut:]
                if morphology.is_known(head, language) and morphology.is_known(rest, language):
                    found.setdefault(f"{head}*", t.index)
                    break
    return found


_EMAIL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")


def example_phrase(question: str, at: int) -> str:
    """The words around token ``at``: no digits, no address, no capitalised word but the first."""
    text = _EMAIL.sub(" ", normalise(question))
    tokens = tokenise(text)
    near = [t for t in tokens if abs(t.index - at) <= CONTEXT_WORDS]
    out = []
    for t in near:
        word = t.text
        if any(ch.isdigit() for ch in word):
            word = "…"
        elif word[:1].isupper() and t.index != at and t.index != 0:
            word = "[nimi]"  # a name or a place: not the client's words to keep
        out.append(word)
    return " ".join(out)


# --- the statistic --------------------------------------------------------------------


def g2(a: int, b: int, c: int, d: int) -> float:
    """Dunning's log-likelihood ratio of a 2×2 table [[a, b], [c, d]] (rows: need added / uncorrected;
    columns: with / without the word)."""
    n = a + b + c + d
    if n == 0:
        return 0.0
    total = 0.0
    for observed, row, column in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        expected = row * column / n
        if observed > 0 and expected > 0:
            total += observed * math.log(observed / expected)
    return 2 * total


def learn(cases: Sequence[Case], ruleset: RuleSet, min_count: int = 3, rejected: Iterable[str] = ()) -> Learned:
    """The proposals the cases support, strongest first."""
    skip = set(rejected)
    known_ids = {rule.id for rule in ruleset.rules}
    function_words = {
        lang: ruleset.cues[lang].function_words if lang in ruleset.cues else frozenset() for lang in LANGUAGES
    }
    proposals: list[Proposal] = []
    misleading: list[Misleading] = []
    for lang in LANGUAGES:
        mine = [c for c in cases if c.language == lang]
        if not mine:
            continue
        words = [features(c.question, lang, function_words[lang]) for c in mine]
        uncorrected = [w for c, w in zip(mine, words, strict=True) if not c.corrected]
        in_uncorrected = Counter(k for w in uncorrected for k in w)
        for need in NEED_CODES:
            added = [(c, w) for c, w in zip(mine, words, strict=True) if need in c.added]
            if len(added) >= min_count:
                in_added = Counter(k for _c, w in added for k in w)
                for pattern, a in in_added.items():
                    if a < min_count:
                        continue
                    b, c_, d = len(added) - a, in_uncorrected[pattern], len(uncorrected) - in_uncorrected[pattern]
                    if a / len(added) <= (c_ / len(uncorrected) if uncorrected else 0):
                        continue  # only words more common where the need was missed
                    score = g2(a, b, c_, d)
                    proposal = Proposal(need, lang, pattern, a, len(added), c_, len(uncorrected), round(score, 2))
                    if score < G2_MIN or proposal.id in skip or proposal.id in known_ids:
                        continue
                    phrases = [example_phrase(case.question, w[pattern]) for case, w in added if pattern in w]
                    proposal.examples = list(dict.fromkeys(phrases))[:MAX_EXAMPLES]
                    proposal.hits = frozenset(i for i, (_c, w) in enumerate(added) if pattern in w)
                    proposals.append(proposal)
            misleading.extend(_misleading(mine, need, lang, min_count))
    proposals = _strongest(proposals)
    return Learned(len(cases), sum(c.corrected for c in cases), proposals, misleading)


def _strongest(proposals: list[Proposal]) -> list[Proposal]:
    """Strongest first; of the patterns that hit the very same questions (a lemma, its form, a
    compound's first part) only the first."""
    proposals.sort(key=lambda p: (-p.g2, -p.with_need, p.pattern.endswith("*"), len(p.pattern), p.pattern))
    seen: set[tuple[str, str, frozenset[int]]] = set()
    out = []
    for p in proposals:
        key = (p.need, p.language, p.hits)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _misleading(cases: Sequence[Case], need: str, lang: str, min_count: int) -> list[Misleading]:
    """Words in the questions where the desk removed ``need``, seen at least ``min_count`` times."""
    removed = [c for c in cases if need in c.removed]
    if len(removed) < min_count:
        return []
    counts: Counter[str] = Counter()
    where: dict[str, list[str]] = defaultdict(list)
    for case in removed:
        for t in tokenise(normalise(case.question)):
            if len(t.fold) >= MIN_WORD and t.fold.isalpha():
                counts[t.fold] += 1
                phrase = example_phrase(case.question, t.index)
                if len(where[t.fold]) < MAX_EXAMPLES and phrase not in where[t.fold]:
                    where[t.fold].append(phrase)
    return [Misleading(need, lang, word, n, where[word]) for word, n in counts.most_common() if n >= min_count][:5]


# --- the rule file ------------------------------------------------------------------


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def proposal_toml(p: Proposal) -> str:
    """One proposal as a rule of the rule-folder format, its evidence in comments above it."""
    names = NEEDS[p.need]
    lines = [
        f"# {p.need} in {p.language}: '{p.pattern}' in {p.with_need} of {p.need_total} questions where the desk"
        f" added the need, {p.with_uncorrected} of {p.uncorrected_total} left as read; G² = {p.g2}",
    ]
    lines += [f"#   … {example} …" for example in p.examples]
    reason = {lang: f"{names[lang].lower()}: luettu neuvonnan korjauksista" for lang in ("fi",)}
    reason["sv"] = f"{names['sv'].lower()}: lärt av rådgivningens rättelser"
    reason["en"] = f"{names['en'].lower()}: learnt from the desk's corrections"
    lines += [
        "[[rule]]",
        f"id = {_toml_string(p.id)}",
        f"when = {{ words = [{_toml_string(p.pattern)}], language = [{_toml_string(p.language)}] }}",
        f"require = {{ need = [{_toml_string(p.need)}] }}",
        "reason = { " + ", ".join(f"{k} = {_toml_string(v)}" for k, v in reason.items()) + " }",
    ]
    return "\n".join(lines) + "\n"


def rule_file(learned: Learned, since: str | None = None) -> str:
    """The proposals as a rule file (`rules check` validates it); the misleading words as comments."""
    head = [
        "# Proposals learnt from the desk's corrections (`eteinen rules learn`). Nothing here is in use",
        "# until a person accepts it: on the coordinator's page, or by copying a rule into the rule folder.",
        f"# Evidence: {learned.cases} referrals with their question, {learned.corrected} of them corrected"
        + (f", since {since}" if since else "")
        + ".",
        "",
        "# The file checks by itself (`eteinen rules check FILE`); copy the rules, not this table, into a folder.",
        "[ruleset]",
        f'name = "learned-proposals"\nversion = "{date.today().isoformat()}"',
        "",
    ]
    body = [proposal_toml(p) for p in learned.proposals]
    if learned.misleading:
        body.append(
            "# Words that misled: the engine read a need the desk removed. Consider them as background or"
            "\n# negation cues (cues-*.toml) or narrower vocabulary; they are not turned into rules.\n"
            + "\n".join(
                f"#   {m.need} ({m.language}): '{m.word}' in {m.removed} questions, e.g. … {m.examples[0]} …"
                for m in learned.misleading
            )
            + "\n"
        )
    return "\n".join(head) + "\n".join(body)


# --- accepting and rejecting ------------------------------------------------------------


class AcceptError(Exception):
    """The proposal could not be taken into the rule folder; the message says why."""


def rejected_ids(folder: Path | None) -> set[str]:
    if folder is None or not (folder / REJECTED_FILE).is_file():
        return set()
    return {line.strip() for line in (folder / REJECTED_FILE).read_text(encoding="utf-8").splitlines() if line.strip()}


def reject(folder: Path, proposal_id: str) -> None:
    with (folder / REJECTED_FILE).open("a", encoding="utf-8") as fh:
        fh.write(proposal_id + "\n")


def accept(folder: Path, proposal: Proposal) -> RuleSet:
    """Append the proposal's rule to the folder's learned file, check the whole folder loads, and
    take it back if it does not. Returns the rule set as it now is."""
    if not folder.is_dir():
        raise AcceptError(f"{folder} is not a rule folder")
    target = folder / LEARNED_FILE
    before = target.read_text(encoding="utf-8") if target.exists() else None
    header = "# Rules accepted from the desk's corrections (the coordinator's page, `rules learn`).\n"
    target.write_text((before if before is not None else header) + "\n" + proposal_toml(proposal), encoding="utf-8")
    try:
        return load_ruleset(folder)
    except RuleSetError as exc:
        if before is None:
            target.unlink()
        else:
            target.write_text(before, encoding="utf-8")
        raise AcceptError("; ".join(str(e) for e in exc.errors[:3])) from None
