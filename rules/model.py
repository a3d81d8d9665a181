"""Typed objects of a rule set, as parsed from its TOML files (see rules.load)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Position:
    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Pattern:
    """One vocabulary entry: a word, or a phrase of words (`word*` matches as a prefix)."""

    text: str
    words: tuple[str, ...]
    position: Position | None = None

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class NeedVocabulary:
    """What gives a need away in one language.

    `terms` name the need by themselves ("työtön", "eviction"); `wants` name something
    the client may have or lack ("työ", "apartment") and count only when the clause seeks
    it or says it is missing, so that a job or a school mentioned as background adds nothing.
    """

    need: str
    language: str
    terms: tuple[Pattern, ...] = ()
    wants: tuple[Pattern, ...] = ()
    weak: tuple[Pattern, ...] = ()  # count only when nothing else names a need ("puhua jollekin")


@dataclass(frozen=True)
class Cues:
    """Function words of one language that steer need detection."""

    language: str
    negation: frozenset[str] = frozenset()  # ei, en, not, inte, inga …
    transparent: frozenset[str] = frozenset()  # words a negation reaches across: have/be, any, mitään …
    be: frozenset[str] = frozenset()  # forms of "to be" / "to exist": "velkaa ei ole", "jobb finns inte"
    seek: frozenset[str] = frozenset()  # etsiä, need, söka …: a want in the clause becomes a need
    lack: frozenset[str] = frozenset()  # menettää, lost, utan …: a want in the clause is missing
    acquire: frozenset[str] = frozenset()  # sain, got, fick …: the want is already had (background)
    breaks: frozenset[str] = frozenset()  # mutta, but, men …: end a clause
    joins: frozenset[str] = frozenset()  # ja, and, och …: a short clause after one continues the clause before
    fillers: frozenset[str] = frozenset()  # compound parts that add no need: apu, palvelu …
    others: frozenset[str] = frozenset()  # mies, husband …: "her husband's job" is not the client's need
    needing: frozenset[str] = frozenset()  # tarvita, need, behöva: negated, the clause's needs are denied
    past: frozenset[str] = frozenset()  # aiemmin, used to, tidigare: a need in such a clause is past, background
    present: frozenset[str] = frozenset()  # nyt, now, nu, mutta …: where a clause about the past ends
    sources: frozenset[str] = frozenset()  # sanoi, ohjasi, said, sa …: "lääkäri sanoi" names who advised, not a need
    fine: frozenset[str] = frozenset()  # kunnossa, ok, fine …: "asuminen on ok", "money is okay" is no need
    function_words: frozenset[str] = frozenset()  # tell the language of a text


@dataclass(frozen=True)
class Target:
    """What a rule action points at."""

    services: tuple[str, ...] = ()  # service ids
    organizations: tuple[str, ...] = ()  # organisation ids or exact names
    names: tuple[str, ...] = ()  # words in the service or organisation name, case-insensitive
    needs: tuple[str, ...] = ()  # need codes the service is tagged with

    def is_empty(self) -> bool:
        return not (self.services or self.organizations or self.names or self.needs)


@dataclass(frozen=True)
class Action:
    verb: str  # prefer | avoid | require
    target: Target
    weight: float = 1.0


@dataclass(frozen=True)
class Condition:
    """All given parts must hold; inside a part, any listed value will do."""

    needs: tuple[str, ...] = ()
    all_needs: tuple[str, ...] = ()
    words: tuple[Pattern, ...] = ()  # any of them
    all_words: tuple[Pattern, ...] = ()  # every one of them ("työ|job" and "samalla|while")
    age_min: int | None = None
    age_max: int | None = None
    municipalities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    actions: tuple[Action, ...]
    reason: dict[str, str]
    position: Position | None = None


@dataclass(frozen=True)
class Example:
    """An enquiry written in a rule file with what the engine must make of it."""

    question: str
    position: Position
    municipality: str | None = None  # given form fields
    age: int | None = None
    language: str | None = None
    expect_needs: tuple[str, ...] | None = None
    expect_language: str | None = None
    expect_age: int | None = None
    expect_municipality: str | None = None
    expect_top: Target | None = None


@dataclass(frozen=True)
class RuleSet:
    name: str
    version: str
    vocabularies: tuple[NeedVocabulary, ...]
    cues: dict[str, Cues]
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]
    fallback_needs: tuple[str, ...] = ()
    files: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"

    def vocabulary(self, language: str) -> tuple[NeedVocabulary, ...]:
        return tuple(v for v in self.vocabularies if v.language == language)
