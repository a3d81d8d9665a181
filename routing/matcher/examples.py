"""Running the examples written in rule files (`eteinen rules check` and the test suite)."""

from __future__ import annotations

from dataclasses import dataclass, field

from routing.matcher.gazetteer import gazetteer
from routing.matcher.index import DirectoryIndex
from routing.matcher.router import Router, RouteRequest, _matches
from routing.matcher.vocabulary import CompiledVocabulary
from rules.model import RuleSet


@dataclass
class ExampleReport:
    total: int = 0
    passed: int = 0
    skipped_top: int = 0
    failures: list[str] = field(default_factory=list)


def run_examples(
    ruleset: RuleSet, index: DirectoryIndex, vocabulary: CompiledVocabulary | None = None
) -> ExampleReport:
    router = Router(ruleset, index, gazetteer(), vocabulary)
    report = ExampleReport()
    for example in ruleset.examples:
        report.total += 1
        request = RouteRequest(example.question, example.municipality, example.age, example.language, limit=5)
        result = router.route(request)
        problems = []
        got_needs = sorted(n.code for n in result.needs)
        if example.expect_needs is not None and got_needs != sorted(example.expect_needs):
            problems.append(f"needs {got_needs}, expected {sorted(example.expect_needs)}")
        if example.expect_language and result.language != example.expect_language:
            problems.append(f"language {result.language}, expected {example.expect_language}")
        if example.expect_age is not None and result.age != example.expect_age:
            problems.append(f"age {result.age}, expected {example.expect_age}")
        got_place = result.municipality.code if result.municipality else None
        if example.expect_municipality and got_place != example.expect_municipality:
            problems.append(f"municipality {got_place}, expected {example.expect_municipality}")
        if example.expect_top is not None:
            target = example.expect_top
            if not any(_matches(target, s) for s in index.services):
                report.skipped_top += 1
            elif not result.candidates or not _matches(target, index.by_id[result.candidates[0].service_id]):
                first = result.candidates[0].service_name if result.candidates else "nothing"
                problems.append(f"first result {first!r} is not the expected top result")
        if problems:
            short = example.question if len(example.question) <= 60 else example.question[:57] + "..."
            report.failures.append(f"{example.position}: example {short!r}: " + "; ".join(problems))
        else:
            report.passed += 1
    return report
