"""The route result (shared/CONTRACT.md "Route result"): what the engine read and what it suggests.

``Router.route`` gives a ``RouteResult``; code that reads it uses the fields. Its
``to_json()`` is the contract's JSON object, keys in the contract's order, and is
called only at the edges: the HTTP answer, the CLI's output, the column a referral
keeps it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from routing.matcher.reasons import Why

# where the municipality came from: a form field or the question's text
PlaceSource = Literal["given", "text"]
# what the desk should still ask the client
AskItem = Literal["age", "municipality", "language"]
# where a need came from: read in the question, or given by the desk (the `needs` input) and not read
NeedSource = Literal["text", "given"]


@dataclass(frozen=True, slots=True)
class Place:
    """The client's municipality: its Statistics Finland code, its name in the client's language."""

    code: str
    name: str
    source: PlaceSource

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "source": self.source}


@dataclass(frozen=True, slots=True)
class Need:
    """A need code, with the client's words that gave it away: read in the question (``text``),
    or given by the desk where the engine did not read it (``given``, usually without words)."""

    code: str
    evidence: tuple[str, ...]
    source: NeedSource = "text"

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "evidence": list(self.evidence), "source": self.source}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A suggested service, with why it is suggested: ``reasons`` in the client's language (the contract's),
    ``why`` as codes for a page to word in the staff member's language."""

    service_id: str
    service_name: str
    organization_id: str
    organization_name: str
    location_id: str | None
    score: float  # 0..1, rounded to three decimals
    reasons: tuple[str, ...]
    why: tuple[Why, ...] = ()
    # the service's need codes, for the referral's unmet needs (not in the contract's JSON)
    needs: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "service_id": self.service_id,
            "service_name": self.service_name,
            "organization_id": self.organization_id,
            "organization_name": self.organization_name,
            "location_id": self.location_id,
            "score": self.score,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class TextReading:
    """The engine's own reading of a question: need codes, municipality code, age and language."""

    needs: tuple[str, ...]
    municipality: str | None
    age: int | None
    language: str


@dataclass(frozen=True, slots=True)
class RouteResult:
    """One question routed: language, place, age and needs as read, the candidates best first,
    the rules that fired, what to ask, and the rule set that decided it (``name@version``)."""

    language: str
    municipality: Place | None
    age: int | None
    needs: tuple[Need, ...]
    candidates: tuple[Candidate, ...]
    rules_fired: tuple[str, ...]
    ask: tuple[AskItem, ...]
    ruleset: str
    # What the engine read in the text alone, whatever the desk gave (kept with a referral as the
    # evidence a correction is measured against); not part of the contract's JSON.
    read: TextReading | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "municipality": self.municipality.to_json() if self.municipality is not None else None,
            "age": self.age,
            "needs": [need.to_json() for need in self.needs],
            "candidates": [candidate.to_json() for candidate in self.candidates],
            "rules_fired": list(self.rules_fired),
            "ask": list(self.ask),
            "ruleset": self.ruleset,
        }
