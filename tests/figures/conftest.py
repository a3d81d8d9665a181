"""Fixtures of the figures tests: the hand-counted January of ``jan2026``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from routing.core import db
from routing.figures.compute import Figures, make_scope

from .jan2026 import NOW, January, build_january

PERIOD = {"from_": "2026-01-05", "to": "2026-01-18"}


@pytest.fixture
def january(app: Flask) -> Iterator[January]:
    with app.app_context(), db.transaction() as s:
        built = build_january(s)
    yield built  # no app context kept pushed: the test client's requests get their own


@pytest.fixture
def raw(app: Flask) -> Iterator[Callable[..., Figures]]:
    """The unsuppressed queries for the January period (other scope arguments as keywords)."""
    with app.app_context(), db.new_session(read_only=True) as s:

        def figures(**kw: Any) -> Figures:
            return Figures(s, make_scope(**{**PERIOD, **kw}, now=NOW), now=NOW)

        yield figures
