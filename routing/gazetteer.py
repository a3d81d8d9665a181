"""Provisional stand-in: replaced by the full gazetteer (branch `gazetteer`)."""

from __future__ import annotations

_REGION = {"091": "01", "049": "01", "092": "01", "245": "01", "186": "01", "106": "01", "179": "13"}


class _Municipality:
    def __init__(self, code: str) -> None:
        self.code = code
        self.name = code


class Gazetteer:
    @property
    def municipalities(self) -> list[_Municipality]:
        return [_Municipality(code) for code in sorted(_REGION)]

    def get(self, code: str) -> _Municipality | None:
        return _Municipality(code) if code in _REGION else None

    def region_of(self, code: str) -> str | None:
        return _REGION.get(code)

    def lookup(self, text: str) -> _Municipality | None:
        code = text.strip().zfill(3)
        return _Municipality(code) if code.isdigit() and len(code) == 3 else None


def gazetteer() -> Gazetteer:
    return Gazetteer()
