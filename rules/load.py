"""Read a folder of rule files into a RuleSet, reporting every problem with file:line:col."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

from rules.locate import Locator
from rules.model import (
    Action,
    Condition,
    Cues,
    Example,
    NeedVocabulary,
    Pattern,
    Position,
    Rule,
    RuleSet,
    Target,
)
from rules.taxonomy import LANGUAGES, NEED_CODES

TOP_KEYS = ("ruleset", "language", "needs", "cues", "rule", "example")
RULESET_KEYS = ("name", "version", "fallback_needs")
NEED_KEYS = ("terms", "wants", "weak")
CUE_KEYS = tuple(f.name for f in fields(Cues) if f.name != "language")
RULE_KEYS = ("id", "when", "prefer", "avoid", "require", "reason")
VERBS = ("prefer", "avoid", "require")
WHEN_KEYS = (
    "needs",
    "all_needs",
    "words",
    "all_words",
    "age",
    "age_min",
    "age_max",
    "municipality",
    "region",
    "language",
)
TARGET_KEYS = ("service", "organization", "name", "need", "weight")
EXAMPLE_KEYS = ("question", "given", "needs", "language", "age", "municipality", "top")
GIVEN_KEYS = ("municipality", "age", "language")
TOP_TARGET_KEYS = ("service", "organization", "name", "need")

_MUNICIPALITY = re.compile(r"\d{3}")
_REGION = re.compile(r"\d{2}")
_ALTERNATIVE = re.compile(r"=?[^*|=]+\*?")  # a word, a prefix ending in *, or =a form only


@dataclass(frozen=True)
class RuleError:
    position: Position
    message: str

    def __str__(self) -> str:
        return f"{self.position}: {self.message}"


class RuleSetError(Exception):
    """A rule set that cannot be used; `errors` holds every problem found."""

    def __init__(self, errors: list[RuleError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def bundled_path() -> Path:
    return Path(str(resources.files("rules") / "bundled"))


def load_ruleset(path: str | Path | None = None) -> RuleSet:
    """Parse every *.toml in `path` (a folder or one file; default: the bundled set)."""
    folder = Path(path) if path is not None else bundled_path()
    if folder.is_dir():
        files = sorted(folder.glob("*.toml"))
    elif folder.is_file():
        files = [folder]
    else:
        raise RuleSetError([RuleError(Position(str(folder), 1, 1), "no such rule file or folder")])
    if not files:
        raise RuleSetError([RuleError(Position(str(folder), 1, 1), "no *.toml rule files in this folder")])
    reader = _Reader()
    for file in files:
        reader.read_file(file)
    return reader.finish(folder)


class _Reader:
    def __init__(self) -> None:
        self.errors: list[RuleError] = []
        self.name: str | None = None
        self.version: str | None = None
        self.fallback: tuple[str, ...] = ()
        self.vocabularies: list[NeedVocabulary] = []
        self.cues: dict[str, dict[str, set[str]]] = {}
        self.rules: list[Rule] = []
        self.rule_ids: dict[str, Position] = {}
        self.examples: list[Example] = []
        self.files: list[str] = []
        # per file
        self.file = ""
        self.loc: Locator | None = None

    # -- positions and errors ------------------------------------------------------

    def pos(self, path: tuple[str | int, ...], value: bool = False) -> Position:
        assert self.loc is not None
        line, col = self.loc.value(path) if value else self.loc.key(path)
        return Position(self.file, line, col)

    def error(self, path: tuple[str | int, ...], message: str, value: bool = False) -> None:
        self.errors.append(RuleError(self.pos(path, value), message))

    def check_keys(self, table: dict[str, Any], allowed: tuple[str, ...], path: tuple, what: str) -> None:
        for key in table:
            if key not in allowed:
                self.error((*path, key), f"unknown {what} '{key}'{suggest(key, allowed)}")

    # -- typed values ----------------------------------------------------------------

    def strings(self, value: Any, path: tuple, what: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(path, f"{what} must be a list of strings", value=True)
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.error((*path, i), f"{what} must be non-empty strings", value=True)
            else:
                out.append(unicodedata.normalize("NFC", item.strip()))
        return tuple(out)

    def codes(self, value: Any, path: tuple, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
        out = []
        for i, code in enumerate(self.strings(value, path, what)):
            if code not in allowed:
                at = path if isinstance(value, str) else (*path, i)
                self.error(at, f"unknown {what} '{code}'{suggest(code, allowed)}", value=True)
            else:
                out.append(code)
        return tuple(out)

    def pattern_list(self, value: Any, path: tuple, what: str) -> tuple[Pattern, ...]:
        patterns = []
        texts = self.strings(value, path, what)
        for i, text in enumerate(texts):
            at = path if isinstance(value, str) else (*path, i)
            words = tuple(text.split())
            if not words or not all(_ALTERNATIVE.fullmatch(a) for w in words for a in w.split("|")):
                self.error(
                    at, f"bad {what} '{text}': words (a|b for either), with '*' only at a word's end", value=True
                )
                continue
            patterns.append(Pattern(text=text, words=words, position=self.pos(at, value=True)))
        return tuple(patterns)

    def integer(self, value: Any, path: tuple, what: str, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(path, f"{what} must be a whole number from {low} to {high}", value=True)
            return None
        return value

    def language(self, value: Any, path: tuple) -> str | None:
        if not isinstance(value, str) or value not in LANGUAGES:
            shown = value if isinstance(value, str) else repr(value)
            self.error(path, f"unknown language '{shown}'{suggest(str(value), LANGUAGES)}", value=True)
            return None
        return value

    # -- files -----------------------------------------------------------------------

    def read_file(self, file: Path) -> None:
        self.file = str(file)
        self.files.append(self.file)
        try:
            source = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.errors.append(RuleError(Position(self.file, 1, 1), f"cannot read: {exc}"))
            return
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError as exc:
            line, col = _toml_error_position(str(exc))
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "not valid TOML"
            self.errors.append(RuleError(Position(self.file, line, col), f"TOML: {message}"))
            return
        self.loc = Locator(source)
        self.check_keys(data, TOP_KEYS, (), "section")
        if "ruleset" in data:
            self.read_ruleset(data["ruleset"])
        language = None
        if "language" in data:
            language = self.language(data["language"], ("language",))
        elif "needs" in data or "cues" in data:
            self.error(
                ("needs",) if "needs" in data else ("cues",),
                'a file with needs or cues must say `language = "fi"|"sv"|"en"`',
            )
        if "needs" in data:
            self.read_needs(data["needs"], language)
        if "cues" in data:
            self.read_cues(data["cues"], language)
        for key, reader in (("rule", self.read_rule), ("example", self.read_example)):
            if key not in data:
                continue
            items = data[key]
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                self.error((key,), f"`{key}` must be written as [[{key}]] tables")
                continue
            for index, item in enumerate(items):
                reader(item, (key, index))

    def read_ruleset(self, table: Any) -> None:
        if not isinstance(table, dict):
            self.error(("ruleset",), "[ruleset] must be a table")
            return
        self.check_keys(table, RULESET_KEYS, ("ruleset",), "ruleset field")
        for key in ("name", "version"):
            if key in table:
                if isinstance(table[key], str | int | float) and str(table[key]).strip():
                    setattr(self, key, str(table[key]).strip())
                else:
                    self.error(("ruleset", key), f"ruleset {key} must be a string", value=True)
        if "fallback_needs" in table:
            self.fallback = self.codes(table["fallback_needs"], ("ruleset", "fallback_needs"), NEED_CODES, "need")

    def read_needs(self, table: Any, language: str | None) -> None:
        if not isinstance(table, dict):
            self.error(("needs",), "[needs] must hold one table per need code")
            return
        for code, entry in table.items():
            path = ("needs", code)
            if code not in NEED_CODES:
                self.error(path, f"unknown need '{code}'{suggest(code, NEED_CODES)}")
                continue
            if not isinstance(entry, dict):
                self.error(path, "a need's vocabulary is a table with `terms` and `wants`")
                continue
            self.check_keys(entry, NEED_KEYS, path, "vocabulary field")
            terms = self.pattern_list(entry.get("terms", []), (*path, "terms"), "term")
            wants = self.pattern_list(entry.get("wants", []), (*path, "wants"), "want")
            weak = self.pattern_list(entry.get("weak", []), (*path, "weak"), "weak word")
            if language:
                self.vocabularies.append(NeedVocabulary(code, language, terms, wants, weak))

    def read_cues(self, table: Any, language: str | None) -> None:
        if not isinstance(table, dict):
            self.error(("cues",), "[cues] must be a table of word lists")
            return
        self.check_keys(table, CUE_KEYS, ("cues",), "cue list")
        if language is None:
            return
        into = self.cues.setdefault(language, {})
        for key in CUE_KEYS:
            if key in table:
                words = self.strings(table[key], ("cues", key), "cue")
                into.setdefault(key, set()).update(w.casefold() for w in words)

    def read_target(self, table: Any, path: tuple, allowed: tuple[str, ...]) -> tuple[Target, float] | None:
        if not isinstance(table, dict):
            self.error(path, 'must be a table such as { need = "debt", weight = 2 }', value=True)
            return None
        self.check_keys(table, allowed, path, "target")
        errors_before = len(self.errors)
        weight = 1.0
        if "weight" in table:
            w = table["weight"]
            if isinstance(w, bool) or not isinstance(w, int | float) or not 0 < w <= 100:
                self.error((*path, "weight"), "weight must be a number above 0 and at most 100", value=True)
            else:
                weight = float(w)
        target = Target(
            services=self.strings(table.get("service", []), (*path, "service"), "service id"),
            organizations=self.strings(table.get("organization", []), (*path, "organization"), "organisation"),
            names=tuple(n.casefold() for n in self.strings(table.get("name", []), (*path, "name"), "name")),
            needs=self.codes(table.get("need", []), (*path, "need"), NEED_CODES, "need"),
        )
        if target.is_empty():
            if len(self.errors) == errors_before:  # not when its only values were just reported as wrong
                self.error(path, "names nothing: give service, organization, name or need", value=True)
            return None
        return target, weight

    def read_rule(self, table: dict[str, Any], path: tuple) -> None:
        self.check_keys(table, RULE_KEYS, path, "rule field")
        errors_before = len(self.errors)
        rule_id = table.get("id")
        if not isinstance(rule_id, str) or not rule_id.strip():
            self.error(path if "id" not in table else (*path, "id"), "a rule needs an `id` string", value=True)
            rule_id = f"rule-{path[1]}"
        elif rule_id in self.rule_ids:
            self.error(
                (*path, "id"), f"rule id '{rule_id}' is used twice (first at {self.rule_ids[rule_id]})", value=True
            )
        else:
            self.rule_ids[rule_id] = self.pos((*path, "id"), value=True)
        when = self.read_when(table.get("when", {}), (*path, "when"))
        actions = []
        for verb in VERBS:
            if verb in table:
                read = self.read_target(table[verb], (*path, verb), TARGET_KEYS)
                if read:
                    actions.append(Action(verb, read[0], read[1]))
        misspelt_verb = any(key not in RULE_KEYS and suggest(key, VERBS) for key in table)
        if not any(verb in table for verb in VERBS) and not misspelt_verb:
            self.error(path, "a rule needs at least one of prefer, avoid, require")
        reason = table.get("reason")
        reasons: dict[str, str] = {}
        if isinstance(reason, str) and reason.strip():
            reasons = dict.fromkeys(LANGUAGES, reason)
        elif isinstance(reason, dict):
            self.check_keys(reason, LANGUAGES, (*path, "reason"), "reason language")
            for lang, text in reason.items():
                if lang in LANGUAGES:
                    if isinstance(text, str) and text.strip():
                        reasons[lang] = text.strip()
                    else:
                        self.error((*path, "reason", lang), "a reason must be a non-empty string", value=True)
        else:
            self.error(
                path if "reason" not in table else (*path, "reason"),
                "a rule needs a `reason` (a string, or { fi = …, sv = …, en = … })",
            )
        if len(self.errors) == errors_before and when is not None:
            self.rules.append(Rule(rule_id, when, tuple(actions), reasons, self.pos(path)))

    def read_when(self, table: Any, path: tuple) -> Condition | None:
        if not isinstance(table, dict):
            self.error(path, '`when` must be a table such as { needs = ["debt"] }', value=True)
            return None
        self.check_keys(table, WHEN_KEYS, path, "condition")
        age_min = age_max = None
        if "age" in table:
            age = table["age"]
            if isinstance(age, list) and len(age) == 2:
                age_min = self.integer(age[0], (*path, "age", 0), "age", 0, 120)
                age_max = self.integer(age[1], (*path, "age", 1), "age", 0, 120)
            else:
                self.error((*path, "age"), "age must be [lowest, highest]", value=True)
        if "age_min" in table:
            age_min = self.integer(table["age_min"], (*path, "age_min"), "age_min", 0, 120)
        if "age_max" in table:
            age_max = self.integer(table["age_max"], (*path, "age_max"), "age_max", 0, 120)
        if age_min is not None and age_max is not None and age_min > age_max:
            self.error((*path, "age"), f"age range {age_min}–{age_max} is empty", value=True)
        municipalities = self.strings(table.get("municipality", []), (*path, "municipality"), "municipality code")
        for i, code in enumerate(municipalities):
            if not _MUNICIPALITY.fullmatch(code):
                self.error((*path, "municipality", i), f"municipality '{code}' is not a 3-digit code", value=True)
        regions = self.strings(table.get("region", []), (*path, "region"), "region code")
        for i, code in enumerate(regions):
            if not _REGION.fullmatch(code):
                self.error((*path, "region", i), f"region '{code}' is not a 2-digit code", value=True)
        languages = []
        raw_languages = table.get("language", [])
        for i, lang in enumerate(raw_languages if isinstance(raw_languages, list) else [raw_languages]):
            at = (*path, "language", i) if isinstance(raw_languages, list) else (*path, "language")
            checked = self.language(lang, at)
            if checked:
                languages.append(checked)
        return Condition(
            needs=self.codes(table.get("needs", []), (*path, "needs"), NEED_CODES, "need"),
            all_needs=self.codes(table.get("all_needs", []), (*path, "all_needs"), NEED_CODES, "need"),
            words=self.pattern_list(table.get("words", []), (*path, "words"), "word"),
            all_words=self.pattern_list(table.get("all_words", []), (*path, "all_words"), "word"),
            age_min=age_min,
            age_max=age_max,
            municipalities=municipalities,
            regions=regions,
            languages=tuple(languages),
        )

    def read_example(self, table: dict[str, Any], path: tuple) -> None:
        self.check_keys(table, EXAMPLE_KEYS, path, "example field")
        errors_before = len(self.errors)
        question = table.get("question")
        if not isinstance(question, str) or not question.strip():
            self.error(
                path if "question" not in table else (*path, "question"), "an example needs a `question`", value=True
            )
            question = ""
        given = table.get("given", {})
        g_muni = g_age = g_lang = None
        if not isinstance(given, dict):
            self.error((*path, "given"), "`given` must be a table of form fields", value=True)
        else:
            self.check_keys(given, GIVEN_KEYS, (*path, "given"), "form field")
            if "municipality" in given:
                g_muni = str(given["municipality"])
            if "age" in given:
                g_age = self.integer(given["age"], (*path, "given", "age"), "age", 0, 120)
            if "language" in given:
                g_lang = self.language(given["language"], (*path, "given", "language"))
        needs = None
        if "needs" in table:
            needs = self.codes(table["needs"], (*path, "needs"), NEED_CODES, "need")
        language = self.language(table["language"], (*path, "language")) if "language" in table else None
        age = self.integer(table["age"], (*path, "age"), "age", 0, 120) if "age" in table else None
        municipality = None
        if "municipality" in table:
            municipality = str(table["municipality"])
            if not _MUNICIPALITY.fullmatch(municipality):
                self.error((*path, "municipality"), f"municipality '{municipality}' is not a 3-digit code", value=True)
        top = None
        if "top" in table:
            read = self.read_target(table["top"], (*path, "top"), TOP_TARGET_KEYS)
            top = read[0] if read else None
        if len(self.errors) == errors_before:
            self.examples.append(
                Example(
                    question=question,
                    position=self.pos(path),
                    municipality=g_muni,
                    age=g_age,
                    language=g_lang,
                    expect_needs=needs,
                    expect_language=language,
                    expect_age=age,
                    expect_municipality=municipality,
                    expect_top=top,
                )
            )

    # -- result ----------------------------------------------------------------------

    def finish(self, folder: Path) -> RuleSet:
        if self.name is None and not self.errors:
            self.errors.append(
                RuleError(Position(str(folder), 1, 1), "no [ruleset] table with a name and version in any file")
            )
        if self.errors:
            order = {file: i for i, file in enumerate(self.files)}
            self.errors.sort(key=lambda e: (order.get(e.position.file, -1), e.position.line, e.position.col))
            raise RuleSetError(self.errors)
        cues = {
            lang: Cues(language=lang, **{k: frozenset(v) for k, v in lists.items()})
            for lang, lists in self.cues.items()
        }
        return RuleSet(
            name=self.name or "rules",
            version=self.version or "0",
            vocabularies=tuple(self.vocabularies),
            cues=cues,
            rules=tuple(self.rules),
            examples=tuple(self.examples),
            fallback_needs=self.fallback,
            files=tuple(self.files),
        )


def _toml_error_position(message: str) -> tuple[int, int]:
    m = re.search(r"line (\d+), column (\d+)", message)
    return (int(m.group(1)), int(m.group(2))) if m else (1, 1)
