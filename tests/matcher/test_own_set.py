"""The engine on its own labelled enquiries (fi/sv/en, colloquial, misspelt, negations, third persons, traps).

The enquiries are written for this test, not taken from the shared eval sample; their labels
come from `own_network.label` (the counsellor's order), not from the engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RouterFactory
from own_network import enquiries, services

from routing.matcher.examples import run_examples
from routing.matcher.index import build_index
from routing.matcher.router import Router, RouteRequest
from rules.model import RuleSet

HERE = Path(__file__).parent
FILES = (
    "enquiries_fi.jsonl",
    "enquiries_sv.jsonl",
    "enquiries_en.jsonl",
    "enquiries_holdout.jsonl",
    "enquiries_holdout2.jsonl",
    "enquiries_fresh3.jsonl",
    "enquiries_fresh4.jsonl",
)


@pytest.fixture(scope="module")
def scored(ruleset: RuleSet) -> dict:
    from routing.matcher.gazetteer import RETIRED_CODES, gazetteer

    router = Router(ruleset, build_index(services(), 1, RETIRED_CODES), gazetteer())
    top1 = top3 = tp = fp = fn = 0
    total = 0
    languages: dict[str, int] = {}
    misses = []
    for name in FILES:
        for q in enquiries(HERE / name):
            total += 1
            languages[q["truth"]["language"]] = languages.get(q["truth"]["language"], 0) + 1
            result = router.route(RouteRequest(q["question"], q["municipality"], q["age"], q["language"]))
            got = [c.service_id for c in result.candidates]
            hit = bool(got) and got[0] in q["expected"]
            top1 += hit
            top3 += bool(set(got[:3]) & (set(q["expected"]) | set(q["acceptable"])))
            want, have = set(q["needs"]), {n.code for n in result.needs}
            tp, fp, fn = tp + len(want & have), fp + len(have - want), fn + len(want - have)
            if not hit:
                misses.append(q["id"])
    return {
        "total": total,
        "top1": top1 / total,
        "top3": top3 / total,
        "f1": 2 * tp / (2 * tp + fp + fn),
        "languages": languages,
        "misses": misses,
    }


def test_the_set_is_big_and_in_three_languages(scored: dict) -> None:
    assert scored["total"] >= 60
    assert all(scored["languages"][lang] >= 15 for lang in ("fi", "sv", "en"))


def test_own_set_meets_the_targets(scored: dict) -> None:
    assert scored["top1"] >= 0.90, scored["misses"]
    assert scored["top3"] >= 0.98, scored["misses"]
    assert scored["f1"] >= 0.90


def test_bundled_examples_pass_on_this_directory(ruleset: RuleSet, make_router: RouterFactory) -> None:
    report = run_examples(ruleset, build_index(services(), 1))
    assert report.failures == []
    assert report.total == len(ruleset.examples) and report.skipped_top < report.total
