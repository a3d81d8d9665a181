"""The typed route result writes exactly the JSON the engine wrote before it was typed.

``_json_as_before`` is the dict builder ``Router._result`` had when ``route()`` returned a
dict (shared/CONTRACT.md "Route result"), kept here only to compare against: for every
enquiry of this folder, asked three ways, ``RouteResult.to_json()`` equals what it built
from the same ranking, keys in the same order, lists where it had lists.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from own_network import services

import routing.matcher.reasons as reasons
import routing.matcher.router as router_module
from routing.matcher.gazetteer import RETIRED_CODES, gazetteer
from routing.matcher.index import build_index
from routing.matcher.result import Candidate, Need, Place, RouteResult
from routing.matcher.router import Ranked, Reading, Router, RouteRequest
from rules.model import RuleSet

HERE = Path(__file__).parent
FILES = sorted(path.name for path in HERE.glob("*.jsonl"))


def _json_as_before(
    router: Router,
    reading: Reading,
    need_codes: list[str],
    candidates: list[Ranked],
    ask: list[str],
    limit: int,
    general: str | None,
) -> dict[str, Any]:
    lang = reading.language
    municipality = None
    if reading.municipality is not None:
        municipality = {
            "code": reading.municipality.code,
            "name": reading.municipality.name(lang),
            "source": reading.municipality_source,
        }
    out = []
    previous_score = 1.0
    wanted = max(1, len(need_codes))
    for c in candidates[:limit]:
        score = min(previous_score, router_module._score(c, wanted, general is not None))
        previous_score = score
        out.append(
            {
                "service_id": c.service.record.id,
                "service_name": c.service.record.name,
                "organization_id": c.service.record.organization_id,
                "organization_name": c.service.record.organization_name,
                "location_id": c.service.record.location_id,
                "score": round(score, 3),
                "reasons": reasons.words(router._reasons(reading, need_codes, c, general), lang),
            }
        )
    fired = [rule.id for rule in reading.fired]
    return {
        "language": lang,
        "municipality": municipality,
        "age": reading.age,
        "needs": [
            {
                "code": code,
                "evidence": reading.needs[code],
                "source": "given" if code in reading.given_needs else "text",
            }
            for code in need_codes
        ],
        "candidates": out,
        "rules_fired": fired,
        "ask": ask,
        "ruleset": router.ruleset.label,
    }


@pytest.fixture(scope="module")
def router(ruleset: RuleSet) -> Router:
    return Router(ruleset, build_index(services(), 1, RETIRED_CODES), gazetteer())


def _requests(path: Path) -> list[RouteRequest]:
    """Each enquiry as the eval gives it, with everything the labels know, and bare with one answer."""
    requests = []
    for line in filter(str.strip, path.read_text(encoding="utf-8").splitlines()):
        q = json.loads(line)
        truth = q.get("truth", {})
        requests += [
            RouteRequest(q["question"], q.get("municipality"), q.get("age"), q.get("language")),
            RouteRequest(q["question"], truth.get("municipality"), truth.get("age"), truth.get("language"), limit=10),
            RouteRequest(q["question"], limit=1),
        ]
    return requests


@pytest.mark.parametrize("name", FILES)
def test_to_json_is_the_old_shape(router: Router, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[dict[str, Any]] = []
    typed_result = Router._result

    def both(self: Router, *args: Any) -> RouteResult:
        built.append(_json_as_before(self, *args))
        return typed_result(self, *args)

    monkeypatch.setattr(Router, "_result", both)
    requests = _requests(HERE / name)
    assert requests
    for request in requests:
        built.clear()
        result = router.route(request)
        assert isinstance(result, RouteResult) and len(built) == 1
        new, old = result.to_json(), built[0]
        assert new == old  # same values, lists where lists were
        assert json.dumps(new, ensure_ascii=False) == json.dumps(old, ensure_ascii=False)  # same key order


def test_the_keys_are_the_contracts_in_its_order() -> None:
    result = RouteResult(
        language="sv",
        municipality=Place("091", "Helsingfors", "given"),
        age=None,
        needs=(Need("debt", ("skulder",)),),
        candidates=(Candidate("s1", "Skuldrådgivning", "o1", "Ekonomi rf", None, 0.875, ("behov: skulder",)),),
        rules_fired=("debt-first",),
        ask=("age",),
        ruleset="bundled@1",
    )
    data = result.to_json()
    assert list(data) == ["language", "municipality", "age", "needs", "candidates", "rules_fired", "ask", "ruleset"]
    assert data["municipality"] == {"code": "091", "name": "Helsingfors", "source": "given"}
    assert data["needs"] == [{"code": "debt", "evidence": ["skulder"], "source": "text"}]
    assert list(data["candidates"][0]) == [
        "service_id",
        "service_name",
        "organization_id",
        "organization_name",
        "location_id",
        "score",
        "reasons",
    ]
    assert data["candidates"][0]["reasons"] == ["behov: skulder"]
    assert json.loads(json.dumps(data)) == data  # plain JSON all through
    assert replace(result, municipality=None).to_json()["municipality"] is None
