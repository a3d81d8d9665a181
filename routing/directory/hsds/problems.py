"""Problems found in an HSDS directory, each saying where (file, line, column) and what."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from routing.core.texts import Words


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    Tabular form: ``services.csv:4: minimum_age: not a number: 'ten'`` (the
    header is line 1). JSON form: ``directory.json: $[3].organization.name:
    missing required value``. ``line`` and ``column`` are left out where they
    do not apply (a file that cannot be read at all).
    """

    file: str
    message: str | Words  # Words: worded in the reader's language on the pages; str() is the English
    line: int | None = None
    column: str | None = None
    path: str | None = None  # JSON form: where in the document

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"

    def where(self) -> str:
        if self.path is not None:
            return f"{self.file}: {f'{self.path}.{self.column}' if self.column else self.path}"
        head = self.file if self.line is None else f"{self.file}:{self.line}"
        return ": ".join(p for p in (head, self.column) if p)

    def to_json(self) -> dict[str, Any]:
        """What an import's status keeps: where, and the message to word in the reader's language."""
        message = self.message.to_json() if isinstance(self.message, Words) else {"message": self.message}
        return {"where": self.where(), **message}


class HsdsError(Exception):
    """The directory was not imported; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ImportReport:
    counts: dict[str, int]  # rows now in the directory, by file name without .csv
    warnings: list[str]
    version: int
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)


def shown(value: str, limit: int = 40) -> str:
    """A value quoted for a message, cut short if long."""
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return repr(value)
