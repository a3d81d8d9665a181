"""Fixtures: the tiny directory (tiny.py) written to a folder, spoiled as a test needs, or imported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from routing.cli import cli

from .tiny import Files, tiny, write_directory


@pytest.fixture
def directory(tmp_path: Path) -> Callable[..., Path]:
    """``directory(spoil=None)``: the tiny directory written to a new folder, after ``spoil(files)`` changed it."""
    made = 0

    def make(spoil: Callable[[Files], object] | None = None, **kw: Any) -> Path:
        nonlocal made
        made += 1
        files = tiny()
        if spoil is not None:
            spoil(files)
        return write_directory(tmp_path / f"directory{made}", files, **kw)

    return make


@pytest.fixture
def imported(runner: Any, directory: Callable[..., Path]) -> Path:
    """The tiny directory, imported through the command line."""
    folder = directory()
    result = runner.invoke(cli, ["import-hsds", str(folder)])
    assert result.exit_code == 0, result.output
    return folder
