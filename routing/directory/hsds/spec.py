"""What an HSDS 3.0 directory may hold: the official tabular field lists and Eteinen's profile.

The field lists come from ``routing/data/hsds-3.0-tabular.json`` (the official
3.0.0 datapackage: resources, file names, fields in order, types, required
flags, enums, foreign keys), so import checks and export columns follow the
standard rather than a copy typed here. The profile's own rules (need codes,
area extents, ages) are in shared/HSDS-PROFILE.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources as package_files
from typing import Any

from sqlalchemy import Column, String, Table

from routing.directory.models import DIRECTORY_TABLES
from rules.taxonomy import NEED_CODES  # noqa: F401  (re-exported: the need codes of the rule set)

# the taxonomy whose term codes are the needs a service is for (HSDS-PROFILE.md); its codes are the rule set's
NEED_TAXONOMY = "eteinen-needs"

# service_areas.extent: municipality:<3-digit code>, region:<2-digit maakunta code> or country:FI
EXTENT = re.compile(r"municipality:(?P<municipality>\d{3})|region:(?P<region>\d{2})|country:FI")
AGE_RANGE = (0.0, 130.0)
# longer values are refused: nobody types 64 kB into a directory field, a broken quote does
MAX_FIELD_BYTES = 64 * 1024


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str  # string | number | date | datetime | time
    format: str | None  # uuid | email | uri | None
    required: bool
    enum: tuple[str, ...] | None
    max_length: int | None  # the database column's limit (VARCHAR(n)), None for text
    official: dict[str, Any]


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str


@dataclass(frozen=True)
class ResourceSpec:
    """One HSDS 3.0 object: its file, its fields in the official order, and its table if Eteinen stores it."""

    name: str
    path: str
    primary_key: str
    fields: tuple[FieldSpec, ...]
    foreign_keys: tuple[ForeignKey, ...]
    table: Table | None

    @property
    def stored(self) -> bool:
        return self.table is not None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def label(self) -> str:
        """The name used in counts: the file name without ``.csv``."""
        return self.path.removesuffix(".csv")

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


def _tables() -> list[Table]:
    """The directory's tables, parents first."""
    return [model.__table__ for model in DIRECTORY_TABLES]  # type: ignore[attr-defined]


def _column_limit(column: Column[Any] | None) -> int | None:
    if column is not None and isinstance(column.type, String) and column.type.length:
        return int(column.type.length)
    return None


def _field(raw: dict[str, Any], table: Table | None) -> FieldSpec:
    column = table.c.get(raw["name"]) if table is not None else None
    # a NOT NULL column without a default is required even where HSDS leaves it optional
    not_null = column is not None and not column.nullable and column.default is None and not column.primary_key
    return FieldSpec(
        name=raw["name"],
        type=raw["type"],
        format=raw.get("format"),
        required=bool(raw.get("required")) or not_null,
        enum=tuple(raw["enum"]) if raw.get("enum") else None,
        max_length=_column_limit(column),
        official=raw,
    )


@cache
def official() -> dict[str, Any]:
    text = package_files.files("routing").joinpath("data/hsds-3.0-tabular.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def resources() -> dict[str, ResourceSpec]:
    """Every HSDS 3.0 resource by name, in the official order."""
    tables = {table.name: table for table in _tables()}
    result = {}
    for raw in official()["resources"]:
        table = tables.get(raw["name"])
        result[raw["name"]] = ResourceSpec(
            name=raw["name"],
            path=raw["path"],
            primary_key=raw["primary_key"],
            fields=tuple(_field(f, table) for f in raw["fields"]),
            foreign_keys=tuple(ForeignKey(fk["field"], fk["resource"]) for fk in raw["foreign_keys"]),
            table=table,
        )
    return result


@cache
def stored_resources() -> tuple[ResourceSpec, ...]:
    """The resources Eteinen stores, parents first (the order rows can be written in)."""
    by_name = resources()
    return tuple(by_name[table.name] for table in _tables())


@cache
def by_path() -> dict[str, ResourceSpec]:
    return {r.path: r for r in resources().values()}


def hsds_version() -> str:
    return str(official().get("version", "3.0.0"))
