"""Route one question: read it, then rank the directory the way a guidance counsellor would.

1. Read: the language it is written in, the place and the age (a filled form field wins
   over the text), the needs with the words that gave them away, the rules that fire.
2. Rank (HSDS-PROFILE.md, "How enquiries are labelled"): only eligible services
   (active, age inside the bounds, an area that covers the municipality); then by
   needs covered, the client's language, nearness, a service meant for the client's
   age; inside that order by rule boosts and text similarity.
3. Say what to ask: the age, place or language when knowing it could change the first answer.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import routing.matcher.morphology as morphology
import routing.matcher.reasons as reasons
from routing.core.clock import helsinki_day, utcnow
from routing.core.errors import BadInput
from routing.matcher.age import extract_age
from routing.matcher.capacity import DEFAULT_STALE_DAYS, UNKNOWN_RANK, Capacity, rank_of
from routing.matcher.frame import read_frame
from routing.matcher.index import LOCAL, NATIONAL, DirectoryIndex, IndexedService, need_mask
from routing.matcher.language import LANGUAGES, detect_language
from routing.matcher.needs import PHRASE_GAP, Detection, detect_needs
from routing.matcher.reasons import Why
from routing.matcher.result import AskItem, Candidate, Need, Place, PlaceSource, RouteResult, TextReading
from routing.matcher.text import normalise, tokenise
from routing.matcher.vocabulary import CompiledVocabulary
from rules.model import Condition, Pattern, Rule, RuleSet, Target
from rules.taxonomy import NEED_CODES, check_need_codes

MAX_QUESTION_CHARS = 4000
MAX_LIMIT = 50
DEFAULT_LIMIT = 5
MAX_AGE = 120
LOW_LANGUAGE_CONFIDENCE = 0.25


class Municipality(Protocol):
    """A municipality of the gazetteer, as the router reads it."""

    code: str
    region_code: str

    def name(self, lang: str = "fi") -> str: ...


class Gazetteer(Protocol):
    def lookup(self, text: str) -> Any: ...

    def find_in_text(self, text: str) -> list[Any]: ...

    def region_name(self, code: str, lang: str = "fi") -> str | None: ...


class RouteInputError(BadInput):
    """Bad input to a route: `field` names what is wrong, `message` says how."""

    def __init__(self, field: str, message: str, code: str = "bad-input") -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message


@dataclass(frozen=True)
class RouteRequest:
    question: str
    municipality: str | None = None
    age: int | None = None
    language: str | None = None
    limit: int = DEFAULT_LIMIT
    # need codes the desk chose: they replace the needs read in the question
    needs: tuple[str, ...] | None = None


def check_needs(value: Any) -> tuple[str, ...]:
    """A `needs` input: a list of distinct need codes of the taxonomy; raises RouteInputError."""
    try:
        return check_need_codes(value)
    except ValueError as exc:
        raise RouteInputError("needs", f"`needs` {exc}") from None


def parse_request(data: dict[str, Any]) -> RouteRequest:
    """Check a route request from JSON (API body or batch line); raises RouteInputError."""
    question = data.get("question")
    if not isinstance(question, str):
        raise RouteInputError("question", "`question` is required and must be a string")
    if not question.strip():
        raise RouteInputError("question", "the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise RouteInputError(
            "question", f"the question is {len(question)} characters long; at most {MAX_QUESTION_CHARS} are read"
        )
    raw_municipality = data.get("municipality")
    municipality: str | None = None
    if isinstance(raw_municipality, bool) or not isinstance(raw_municipality, str | int | None):
        raise RouteInputError("municipality", "`municipality` must be a municipality code or name")
    if isinstance(raw_municipality, int):
        municipality = str(raw_municipality).zfill(3)
    elif isinstance(raw_municipality, str) and raw_municipality.strip():
        municipality = raw_municipality.strip()
    age = data.get("age")
    if age is not None:
        if isinstance(age, str) and age.strip().lstrip("-").isdigit():
            age = int(age.strip())
        if isinstance(age, float) and age.is_integer():
            age = int(age)
        if isinstance(age, bool) or not isinstance(age, int):
            raise RouteInputError("age", "`age` must be a whole number of years")
        check_age(age)
    language = data.get("language")
    if language is not None:
        if not isinstance(language, str):
            raise RouteInputError("language", "`language` must be fi, sv or en")
        language = check_language(language)
    limit = data.get("limit", DEFAULT_LIMIT)
    if limit is None:
        limit = DEFAULT_LIMIT
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise RouteInputError("limit", f"`limit` must be a whole number from 1 to {MAX_LIMIT}")
    needs = data.get("needs")
    return RouteRequest(question, municipality, age, language, limit, None if needs is None else check_needs(needs))


def check_age(age: int) -> int:
    if not 0 <= age <= MAX_AGE:
        raise RouteInputError("age", f"age {age} is not a person's age (0–{MAX_AGE})")
    return age


def check_language(language: str) -> str | None:
    value = language.strip().casefold()
    if not value:
        return None
    if value not in LANGUAGES:
        raise RouteInputError("language", f"unknown language '{language}': use fi, sv or en")
    return value


@dataclass
class Reading:
    """What the question says, before any ranking."""

    text_language: str
    language: str
    language_given: bool
    language_confidence: float
    municipality: Municipality | None
    municipality_source: PlaceSource | None
    age: int | None
    age_source: str | None
    detection: Detection
    needs: dict[str, list[str]]
    text: TextReading | None = None  # the engine's own reading of the text, whatever the desk gave
    given_needs: frozenset[str] = frozenset()  # needs the desk gave that the engine did not read
    fired: list[Rule] = field(default_factory=list)
    required_targets: list[Target] = field(default_factory=list)
    boosts: list[tuple[Rule, Target, float]] = field(default_factory=list)
    query_keys: frozenset[str] = frozenset()
    words: list[tuple[str, str, str]] = field(default_factory=list)  # (as written, folded, lemma) per token
    word_keys: dict[str, int] = field(default_factory=dict)  # folded form or lemma → first token index
    sorted_keys: list[str] = field(default_factory=list)
    now: datetime = field(default_factory=utcnow)  # the route's time: capacity goes stale


@dataclass
class Ranked:
    """A service in the running, with the facts it is ranked by."""

    service: IndexedService
    coverage: int
    language_ok: bool
    nearness: int  # 0 municipality, 1 region, 2 national (unknown place: 0 national, 1 local)
    age_tier: int
    boost: float
    similarity: int
    rules: list[Rule]
    extra_needs: int = 0  # needs it serves that the client did not name: a less focused service
    capacity_rank: tuple[int, int] = UNKNOWN_RANK  # inside a tier: open, shorter wait, unknown, full
    capacity: Capacity | None = None

    def tier(self) -> tuple[int, bool, int, int]:
        return (self.coverage, self.language_ok, self.nearness, self.age_tier)


class Router:
    def __init__(
        self,
        ruleset: RuleSet,
        index: DirectoryIndex,
        gazetteer: Gazetteer,
        vocabulary: CompiledVocabulary | None = None,
    ) -> None:
        self.ruleset = ruleset
        self.index = index
        self.gazetteer = gazetteer
        self.vocabulary = vocabulary or CompiledVocabulary(ruleset)
        self.function_words = {
            lang: ruleset.cues[lang].function_words if lang in ruleset.cues else frozenset() for lang in LANGUAGES
        }
        # service id → capacity, kept up to date by the router cache (loading.py) without a rebuild
        self.capacity: Mapping[str, Capacity] = {}
        self.capacity_stale_days = DEFAULT_STALE_DAYS

    # -- reading -------------------------------------------------------------------------

    def read(self, request: RouteRequest) -> Reading:
        frame = read_frame(normalise(request.question))
        text = frame.story or normalise(request.question)
        mentions, text_language, confidence, detection = self._analyse(text)
        if not detection.needs and frame.quoted:
            # the story names no need: the message it answers or passes on may (read as background no more)
            text = f"{text}\n\n{frame.quoted}"
            mentions, text_language, confidence, detection = self._analyse(text)
        if not mentions and frame.address:
            mentions = self.gazetteer.find_in_text(frame.address)  # the sender's own address line
        if not mentions and frame.signature:
            # the closing line itself, "t. Jari, Salo": the sender's town (a school or employer on a
            # line of its own below the name is not)
            mentions = self.gazetteer.find_in_text(frame.signature.splitlines()[0])
        language = request.language or text_language

        municipality: Municipality | None = None
        source: PlaceSource | None = None
        if request.municipality:
            municipality = self.gazetteer.lookup(request.municipality)
            if municipality is None:
                raise RouteInputError(
                    "municipality", f"unknown municipality '{request.municipality}'", "unknown-municipality"
                )
            source = "given"
        elif mentions:
            municipality, source = mentions[0].municipality, "text"
        text_municipality = mentions[0].municipality if mentions else None

        year = helsinki_day().year  # for a birth year
        text_age = extract_age(text, year)
        for line in frame.signature.splitlines() if text_age is None else ():
            text_age = extract_age(line, year)  # "T. Jussi, 41", "synt. 2004" under the name: a line each
            if text_age is not None:
                break
        age, age_source = request.age, "given" if request.age is not None else None
        if age is None:
            age = text_age
            age_source = "text" if age is not None else None

        needs = {code: list(words) for code, words in detection.needs.items()}
        reading = Reading(
            text_language=text_language,
            language=language,
            language_given=request.language is not None,
            language_confidence=confidence,
            municipality=municipality,
            municipality_source=source,
            age=age,
            age_source=age_source,
            detection=detection,
            needs=needs,
        )
        for i, t in enumerate(detection.tokens):
            lemma = morphology.forms(t.fold, text_language).lemma
            reading.words.append((t.text, t.fold, lemma))
            reading.word_keys.setdefault(t.fold, i)
            reading.word_keys.setdefault(lemma, i)
        reading.sorted_keys = sorted(reading.word_keys)
        self._apply_rules(reading)
        read_needs = tuple(c for c in NEED_CODES if c in reading.needs)
        reading.text = TextReading(
            read_needs, text_municipality.code if text_municipality is not None else None, text_age, text_language
        )
        if request.needs is not None:
            # the desk's reading replaces the engine's: the rules fire again on the needs it chose
            detected = reading.needs
            reading.needs = {code: detected.get(code, []) for code in request.needs}
            reading.given_needs = frozenset(request.needs) - set(read_needs)
            reading.fired, reading.required_targets, reading.boosts = [], [], []
            self._apply_rules(reading, add_needs=False)
        reading.query_keys = frozenset(
            morphology.stem(t.fold, "fi") for t in detection.tokens if len(t.fold) >= 3 and not t.fold.isdigit()
        )
        return reading

    def _analyse(self, text: str) -> tuple[list[Any], str, float, Detection]:
        """Places, tokens, language and needs of a text."""
        mentions = self.gazetteer.find_in_text(text)
        spans = [(m.start, m.end) for m in mentions]
        tokens = tokenise(text)
        skip = {t.index for t in tokens for s, e in spans if t.start < e and s < t.end}
        text_language, confidence = detect_language(tokens, self.function_words, skip)
        detection = detect_needs(text, self.vocabulary.language(text_language), spans, tokens)
        return mentions, text_language, confidence, detection

    def _apply_rules(self, reading: Reading, add_needs: bool = True) -> None:
        for rule in self.ruleset.rules:
            words = _condition_words(rule.when, reading)
            if words is None:
                continue
            reading.fired.append(rule)
            for action in rule.actions:
                if action.verb == "require":
                    for code in action.target.needs if add_needs else ():
                        evidence = reading.needs.setdefault(code, [])
                        evidence.extend(w for w in words if w not in evidence)
                    if action.target.services or action.target.organizations or action.target.names:
                        reading.required_targets.append(
                            Target(action.target.services, action.target.organizations, action.target.names)
                        )
                else:
                    sign = 1.0 if action.verb == "prefer" else -1.0
                    reading.boosts.append((rule, action.target, sign * action.weight))

    # -- ranking -------------------------------------------------------------------------

    def route(self, request: RouteRequest, now: datetime | None = None) -> RouteResult:
        reading = self.read(request)
        reading.now = now or utcnow()  # capacity goes stale with time
        need_codes = [c for c in NEED_CODES if c in reading.needs]
        general = None
        candidates, top_masks = self._rank(reading, need_codes, request.limit)
        if not need_codes:
            general = "no-need"
        elif not candidates:
            general = "no-service"
        if general:
            candidates, top_masks = self._rank(reading, list(self.ruleset.fallback_needs), request.limit, fallback=True)
        if not candidates and reading.municipality is not None:
            # a client from outside the network's area: national services, never an empty list
            for needs in (need_codes, list(self.ruleset.fallback_needs)):
                candidates, top_masks = self._rank_areas(
                    reading, needs, request.limit, needs is not need_codes, [(NATIONAL, 2)]
                )
                if candidates:
                    general = general or ("no-service" if needs is need_codes else "no-need")
                    break
        ask = self._ask(reading, candidates, top_masks, general is not None)
        return self._result(reading, need_codes, candidates, ask, request.limit, general)

    def _area_order(self, reading: Reading) -> list[tuple[str, int]]:
        if reading.municipality is None:
            # Place unknown: national services; services of some municipality only in a tier
            # (needs covered, language) with no national one (they may well not cover the
            # client, so the desk is told to ask). See _rank_areas.
            return [(NATIONAL, 0), (LOCAL, 1)]
        m = reading.municipality
        order = [(f"m:{m.code}", 0)]
        if m.region_code:
            order.append((f"r:{m.region_code}", 1))
        order.append((NATIONAL, 2))
        return order

    def _rank(
        self, reading: Reading, need_codes: list[str], limit: int, fallback: bool = False
    ) -> tuple[list[Ranked], frozenset[int]]:
        if fallback and reading.municipality is None:
            # general guidance for an unknown place: the fallback needs are not the client's, so
            # covering more of them earns a local service nothing; national ones, else local ones
            results, top_masks = self._rank_areas(reading, need_codes, limit, fallback, [(NATIONAL, 0)])
            if results:
                return results, top_masks
            return self._rank_areas(reading, need_codes, limit, fallback, [(LOCAL, 1)])
        return self._rank_areas(reading, need_codes, limit, fallback, self._area_order(reading))

    def _rank_areas(
        self, reading: Reading, need_codes: list[str], limit: int, fallback: bool, areas: list[tuple[str, int]]
    ) -> tuple[list[Ranked], frozenset[int]]:
        query_mask = need_mask(need_codes)
        levels = self.index.masks_for(query_mask)
        lang = reading.language
        results: list[Ranked] = []
        seen: set[str] = set()
        top_masks: frozenset[int] = frozenset()
        for coverage in sorted(levels, reverse=True):
            masks = levels[coverage]
            if not top_masks:
                top_masks = masks
            level_start = len(results)
            for language_ok in (True, False):
                lang_key = lang if language_ok else f"-{lang}"
                tier_start = len(results)
                for area, nearness in areas:
                    if area == LOCAL and (
                        len(results) > tier_start or (not language_ok and len(results) > level_start)
                    ):
                        # place unknown: a local service only where no national one covers as many
                        # needs (in the client's language, or at all)
                        continue
                    bucket: list[Ranked] = []
                    for services in self.index.buckets(masks, area, lang_key):
                        for service in services:
                            sid = service.record.id
                            if sid in seen or not service.fits_age(reading.age):
                                continue
                            if reading.required_targets and not all(
                                _matches(t, service) for t in reading.required_targets
                            ):
                                continue
                            seen.add(sid)
                            bucket.append(
                                self._candidate(reading, service, coverage, language_ok, nearness, fallback, query_mask)
                            )
                    if bucket:
                        bucket.sort(key=_within_tier)
                        results.extend(bucket)
                        if len(results) >= limit:
                            return results, top_masks
        return results, top_masks

    def _candidate(
        self,
        reading: Reading,
        service: IndexedService,
        coverage: int,
        language_ok: bool,
        nearness: int,
        fallback: bool,
        query_mask: int = 0,
    ) -> Ranked:
        boost = 0.0
        rules: list[Rule] = []
        for rule, target, weight in reading.boosts:
            if _matches(target, service):
                boost += weight
                if weight > 0:
                    rules.append(rule)
        if fallback:
            boost += 0.1 * service.mask.bit_count()  # a one-stop service is the better general door
        capacity = self.capacity.get(service.record.id)
        return Ranked(
            service=service,
            coverage=coverage,
            language_ok=language_ok,
            nearness=nearness,
            age_tier=service.age_tier(reading.age),
            boost=boost,
            similarity=len(reading.query_keys & service.keys),
            rules=rules,
            extra_needs=0 if fallback else (service.mask & ~query_mask).bit_count(),
            capacity_rank=rank_of(capacity, reading.now, self.capacity_stale_days),
            capacity=capacity,
        )

    # -- what to ask -------------------------------------------------------------------------

    def _ask(
        self, reading: Reading, candidates: list[Ranked], top_masks: frozenset[int], general: bool
    ) -> list[AskItem]:
        ask: list[AskItem] = []
        if not candidates:
            # nothing fits as it stands: say what is missing, or that the place rules everything out
            if reading.municipality is None or reading.municipality_source == "text":
                ask.append("municipality")
            if reading.age is None or reading.age_source == "text":
                ask.append("age")
            return ask or ["municipality", "age"]
        first = candidates[0]
        tie = [c for c in candidates if c.tier()[:3] == first.tier()[:3]]
        lang_key = reading.language if first.language_ok else f"-{reading.language}"
        if reading.age is None and (
            any(c.service.has_age_bounds for c in tie)
            or any(c.service.has_age_bounds for c in candidates[:3])
            # place unknown too: the local services the place would bring may have age limits
            or (reading.municipality is None and self.index.any_age_bounds(top_masks, LOCAL, lang_key))
        ):
            ask.append("age")
        if reading.municipality is None:
            local = bool(self.index.buckets(top_masks, LOCAL, lang_key)) or any(c.nearness > 0 for c in candidates[:3])
            if local or general:
                ask.append("municipality")
        if (
            not reading.language_given
            and reading.language_confidence < LOW_LANGUAGE_CONFIDENCE
            and len({c.service.languages for c in candidates[:3]}) > 1
        ):
            ask.append("language")
        return ask

    # -- the result -------------------------------------------------------------------------

    def _result(
        self,
        reading: Reading,
        need_codes: list[str],
        candidates: list[Ranked],
        ask: list[AskItem],
        limit: int,
        general: str | None,
    ) -> RouteResult:
        lang = reading.language
        municipality = None
        m, source = reading.municipality, reading.municipality_source
        if m is not None:
            assert source is not None  # a place is always given or found in the text
            municipality = Place(m.code, m.name(lang), source)
        out = []
        previous_score = 1.0
        wanted = max(1, len(need_codes))
        for c in candidates[:limit]:
            score = min(previous_score, _score(c, wanted, general is not None))
            previous_score = score
            record = c.service.record
            why = self._reasons(reading, need_codes, c, general)
            out.append(
                Candidate(
                    service_id=record.id,
                    service_name=record.name,
                    organization_id=record.organization_id,
                    organization_name=record.organization_name,
                    location_id=record.location_id,
                    score=round(score, 3),
                    reasons=tuple(reasons.words(why, lang)),
                    why=tuple(why),
                    needs=record.needs,
                )
            )
        return RouteResult(
            language=lang,
            municipality=municipality,
            age=reading.age,
            needs=tuple(
                Need(code, tuple(reading.needs[code]), "given" if code in reading.given_needs else "text")
                for code in need_codes
            ),
            candidates=tuple(out),
            rules_fired=tuple(rule.id for rule in reading.fired),
            ask=tuple(ask),
            ruleset=self.ruleset.label,
            read=reading.text,
        )

    def _reasons(self, reading: Reading, need_codes: list[str], c: Ranked, general: str | None) -> list[Why]:
        lang = reading.language
        out: list[Why] = []
        service = c.service
        if general:
            out.append(Why(general))
            out.append(Why("general"))
        else:
            covered = [code for code in need_codes if service.mask & need_mask([code])]
            out.append(reasons.needs_reason(covered))
            if len(covered) < len(need_codes):
                out.append(Why.of("part", covered=len(covered), wanted=len(need_codes)))
        out.append(Why(("language-" if c.language_ok else "no-language-") + lang))
        m = reading.municipality
        if m is None:
            out.append(Why("national" if c.nearness == 0 else "local-unknown-place"))
        elif c.nearness == 0:
            out.append(Why.of("municipality", place={code: m.name(code) for code in LANGUAGES}))
        elif c.nearness == 1:
            names = {code: self.gazetteer.region_name(m.region_code, code) or m.region_code for code in LANGUAGES}
            out.append(Why.of("region", place=names))
        else:
            out.append(Why("national"))
        if service.has_age_bounds:
            band = reasons.age_band(service.min_age, service.max_age)
            if reading.age is not None:
                out.append(Why.of("age-fits", band=band, age=reading.age))
            else:
                out.append(Why.of("age-limit", band=band))
        if c.capacity is not None:  # worded by the capacity itself, in each language (like a rule's reason)
            labels = {lg: c.capacity.label(lg, reading.now, self.capacity_stale_days) for lg in ("fi", "sv", "en")}
            out.append(Why.of("rule", texts=labels))
        for rule in c.rules:
            if rule.reason:
                out.append(Why.of("rule", texts=dict(rule.reason)))
        return out


def _within_tier(c: Ranked) -> tuple[int, tuple[int, int], float, int, int, str]:
    return (c.age_tier, c.capacity_rank, -c.boost, c.extra_needs, -c.similarity, c.service.record.name)


def _score(c: Ranked, wanted: int, general: bool) -> float:
    """0..1, higher is better; a rough translation of the ranking key for people, not the order itself."""
    coverage = 0.3 if general else c.coverage / wanted
    near = 1.0 - c.nearness / 2
    age = 1.0 - c.age_tier / 2
    extra = 1 - math.exp(-(max(c.boost, 0) + c.similarity) / 5)
    return 0.5 * coverage + 0.2 * c.language_ok + 0.15 * near + 0.1 * age + 0.05 * extra


def _matches(target: Target, service: IndexedService) -> bool:
    record = service.record
    if record.id in target.services:
        return True
    if target.organizations and (
        record.organization_id in target.organizations
        or record.organization_name.casefold() in {o.casefold() for o in target.organizations}
    ):
        return True
    if any(word in service.name_folded for word in target.names):
        return True
    return bool(target.needs and service.mask & need_mask(target.needs))


def _condition_words(when: Condition, reading: Reading) -> list[str] | None:
    """None when the condition does not hold; else the question's words that made it hold."""
    needs = set(reading.needs)
    if when.needs and not needs & set(when.needs):
        return None
    if when.all_needs and not set(when.all_needs) <= needs:
        return None
    if when.age_min is not None or when.age_max is not None:
        if reading.age is None:
            return None
        if (when.age_min is not None and reading.age < when.age_min) or (
            when.age_max is not None and reading.age > when.age_max
        ):
            return None
    if when.municipalities and (reading.municipality is None or reading.municipality.code not in when.municipalities):
        return None
    if when.regions and (reading.municipality is None or reading.municipality.region_code not in when.regions):
        return None
    if when.languages and reading.language not in when.languages:
        return None
    words: list[str] = []
    for pattern in when.all_words:
        found = _pattern_words(pattern, reading)
        if not found:
            return None
        words.extend(found)
    if when.words:
        for pattern in when.words:
            found = _pattern_words(pattern, reading)
            if found:
                words.extend(found)
        if not words:
            return None
    return words


def _pattern_words(pattern: Pattern, reading: Reading) -> list[str] | None:
    """The question's words that match a rule's word pattern, or None: a phrase's words in order
    with at most PHRASE_GAP words between them, as in the need vocabulary ("back to work" is not
    "bad back … to … work")."""
    words = reading.words
    firsts = []
    for word in pattern.words:  # every word must occur somewhere: a dictionary or bisect look-up each
        hits = [i for alt in word.casefold().split("|") if (i := _first_index(alt, reading)) is not None]
        if not hits:
            return None
        firsts.append(min(hits))
    if len(pattern.words) == 1:
        return [words[firsts[0]][0]]
    alternatives = [word.casefold().split("|") for word in pattern.words]
    for start in range(firsts[0], len(words)):
        if not _word_matches(alternatives[0], words[start]):
            continue
        span = [start]
        for alts in alternatives[1:]:
            last = span[-1]
            following = range(last + 1, min(len(words), last + 2 + PHRASE_GAP))
            nxt = next((j for j in following if _word_matches(alts, words[j])), None)
            if nxt is None:
                break
            span.append(nxt)
        else:
            return [words[i][0] for i in span]
    return None


def _word_matches(alternatives: list[str], word: tuple[str, str, str]) -> bool:
    _text, surface, lemma = word
    return any(
        (surface.startswith(alt[:-1]) or lemma.startswith(alt[:-1])) if alt.endswith("*") else alt in (surface, lemma)
        for alt in alternatives
    )


def _first_index(alternative: str, reading: Reading) -> int | None:
    if not alternative.endswith("*"):
        return reading.word_keys.get(alternative)
    prefix = alternative[:-1]
    keys = reading.sorted_keys
    at = bisect.bisect_left(keys, prefix)
    best = None
    while at < len(keys) and keys[at].startswith(prefix):
        i = reading.word_keys[keys[at]]
        best = i if best is None else min(best, i)
        at += 1
    return best
