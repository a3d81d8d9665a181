"""Fixtures of the matcher tests: a router over a hand-built directory, and a directory in the database."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from routing.matcher.gazetteer import RETIRED_CODES, gazetteer
from routing.matcher.index import ServiceRecord, build_index
from routing.matcher.router import Router
from routing.matcher.vocabulary import CompiledVocabulary
from rules.load import load_ruleset
from rules.model import RuleSet


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="session")
def vocabulary(ruleset: RuleSet) -> CompiledVocabulary:
    return CompiledVocabulary(ruleset)


RouterFactory = Callable[[Iterable[ServiceRecord]], Router]


@pytest.fixture
def make_router(ruleset: RuleSet, vocabulary: CompiledVocabulary) -> RouterFactory:
    def make(records: Iterable[ServiceRecord]) -> Router:
        return Router(ruleset, build_index(records, 1, RETIRED_CODES), gazetteer(), vocabulary)

    return make
