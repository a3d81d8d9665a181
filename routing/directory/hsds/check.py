"""Checking what was read: field values against the official HSDS 3.0 lists, references, the Finnish profile.

Every problem is collected, not just the first; reference checks run even
where a row's other fields failed, so one mistake does not hide another.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from routing.core.texts import N_, Words, words
from routing.directory.hsds.problems import Problem, shown
from routing.directory.hsds.read import BAD_BYTES, Batch, Row, Source, suggest
from routing.directory.hsds.spec import (
    AGE_RANGE,
    EXTENT,
    MAX_FIELD_BYTES,
    NEED_CODES,
    NEED_TAXONOMY,
    FieldSpec,
    ResourceSpec,
    resources,
    stored_resources,
)
from routing.matcher.gazetteer import gazetteer

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass
class Directory:
    """The checked directory, ready to store: typed rows by resource name (parents first)."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # resource name -> where its rows came from

    def ids(self, resource: str) -> set[str]:
        return {row["id"] for row in self.rows.get(resource, [])}


class _Checker:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, Row]] = {}  # resource -> id -> first row with it
        self.failed: set[tuple[int, str]] = set()  # (id(row), field) whose value failed its own check
        self.warnings: list[str] = []

    def problem(self, batch: Batch, row: Row, column: str | None, message: str | Words) -> None:
        self.problems.append(Problem(batch.file, message, line=row.line, column=column, path=row.path))
        if column:
            self.failed.add((id(row), column))

    @staticmethod
    def where(row: Row) -> str:
        return f"line {row.line}" if row.line is not None else str(row.path)

    # --- one value ---

    def value(self, f: FieldSpec, text: str, bad_bytes: bool) -> tuple[Any, Words | None]:
        """The value stored for ``text``, or why it cannot be."""
        if len(text) * 4 > MAX_FIELD_BYTES and len(text.encode("utf-8", "surrogateescape")) > MAX_FIELD_BYTES:
            size = len(text.encode("utf-8", "surrogateescape"))
            return None, words(N_("longer than 64 kB (%(size)s bytes)"), size=size)
        if bad_bytes:
            found = BAD_BYTES.search(text)
            if found:
                return None, words(N_("not valid UTF-8 (byte 0x%(byte)s)"), byte=f"{ord(found.group()) - 0xDC00:02x}")
        if f.format == "uuid" and not UUID.fullmatch(text):
            return None, words(N_("not a UUID: %(value)s"), value=shown(text))
        if f.type == "number":
            number = float(text) if NUMBER.fullmatch(text.strip()) else math.nan
            if not math.isfinite(number):
                return None, words(N_("not a number: %(value)s"), value=shown(text))
            return number, None
        if f.type == "date":
            try:
                date.fromisoformat(text)
            except ValueError:
                return None, words(N_("not a date (YYYY-MM-DD): %(value)s"), value=shown(text))
        elif f.type == "datetime":
            try:
                datetime.fromisoformat(text)
            except ValueError:
                return None, words(N_("not a date and time (ISO 8601): %(value)s"), value=shown(text))
        if f.enum is not None and text not in f.enum:
            return None, words(N_("%(value)s is not one of: %(allowed)s"), value=shown(text), allowed=", ".join(f.enum))
        if f.max_length is not None and len(text) > f.max_length:
            return None, words(N_("longer than %(max)s characters"), max=f.max_length)
        return text, None

    # --- one file ---

    def batch(self, batch: Batch) -> list[dict[str, Any]]:
        spec = batch.resource
        fields = {f.name: f for f in spec.fields}
        required = [f.name for f in spec.fields if f.required and f.name not in batch.missing_columns]
        ids = self.ids.setdefault(spec.name, {})
        typed_rows = []
        for row in batch.rows:
            typed: dict[str, Any] = dict.fromkeys(fields)
            for name, text in row.values.items():
                stored, error = self.value(fields[name], text, batch.bad_bytes)
                if error:
                    self.problem(batch, row, name, error)
                typed[name] = stored
            if not row.broken:
                for name in required:
                    if name not in row.values:
                        self.problem(batch, row, name, words(N_("missing required value")))
            own_id = row.values.get("id")
            if own_id is not None:
                first = ids.setdefault(own_id, row)
                if first is not row:
                    self.problem(
                        batch, row, "id", words(N_("duplicate id, first at %(where)s"), where=self.where(first))
                    )
            typed_rows.append(typed)
        return typed_rows

    # --- across files ---

    def references(self, batch: Batch) -> None:
        """Foreign keys of the official lists, where both ends are stored; attribute links by link_entity."""
        spec = batch.resource
        for fk in spec.foreign_keys:
            target = resources()[fk.resource]
            if not target.stored:
                continue
            known = self.ids.get(target.name, {})
            for row in batch.rows:
                value = row.values.get(fk.field)
                if value is not None and value not in known and (id(row), fk.field) not in self.failed:
                    self.problem(
                        batch,
                        row,
                        fk.field,
                        words(
                            N_("no %(kind)s has the id %(id)s%(file)s"),
                            kind=target.name,
                            id=value,
                            file=self.in_file(target),
                        ),
                    )
        if spec.name == "attribute":
            self.attribute_links(batch)

    def in_file(self, target: ResourceSpec) -> str:
        found = self.source.batches.get(target.name)
        if found is not None and found.file != target.path:
            return ""  # JSON form: one file
        return f" in {target.path}"

    def attribute_links(self, batch: Batch) -> None:
        names = resources()
        for row in batch.rows:
            entity = row.values.get("link_entity")
            link_id = row.values.get("link_id")
            if entity is None:
                continue
            target = names.get(entity)
            if target is None:
                hint = suggest(entity, list(names))
                self.problem(batch, row, "link_entity", f"{shown(entity)} is not an HSDS 3.0 object name{hint}")
            elif (
                target.stored
                and link_id is not None
                and link_id not in self.ids.get(entity, {})
                and (id(row), "link_id") not in self.failed
            ):
                self.problem(batch, row, "link_id", f"no {entity} has the id {link_id}{self.in_file(target)}")

    # --- the Finnish profile ---

    def ages(self, batch: Batch, typed_rows: list[dict[str, Any]]) -> None:
        low, high = AGE_RANGE
        for row, typed in zip(batch.rows, typed_rows, strict=True):
            for name in ("minimum_age", "maximum_age"):
                age = typed.get(name)
                if age is not None and not low <= age <= high:
                    self.problem(batch, row, name, f"{row.values[name]} is not an age ({low:g}–{high:g})")
            lowest, highest = typed.get("minimum_age"), typed.get("maximum_age")
            if lowest is not None and highest is not None and lowest > highest:
                self.problem(batch, row, "minimum_age", f"{lowest:g} is more than maximum_age {highest:g}")

    def areas(self, batch: Batch) -> None:
        places = gazetteer()
        for row in batch.rows:
            extent = row.values.get("extent")
            extent_type = row.values.get("extent_type")
            if extent_type is not None and extent_type != "text":
                self.problem(batch, row, "extent_type", f"{shown(extent_type)}: the Finnish profile uses 'text'")
            if extent is None:
                self.problem(batch, row, "extent", "missing: give municipality:<code>, region:<code> or country:FI")
                continue
            match = EXTENT.fullmatch(extent)
            if match is None:
                self.problem(
                    batch,
                    row,
                    "extent",
                    f"{shown(extent)} is not municipality:<3-digit code>, region:<2-digit code> or country:FI",
                )
            elif code := match["municipality"]:
                found = places.get(code)
                if found is None:
                    self.problem(batch, row, "extent", f"no Finnish municipality has the code {code}")
                elif found.code != code:
                    where = f"{batch.file}:{row.line}" if row.line is not None else f"{batch.file}: {row.path}"
                    self.warnings.append(
                        f"{where}: extent: {code} is a former municipality's code; today it is"
                        f" {found.code} ({found.name_fi}), which is what clients' places are given as"
                    )
            elif (region := match["region"]) and region not in places.regions:
                self.problem(batch, row, "extent", f"no Finnish region (maakunta) has the code {region}")

    def needs(self, batch: Batch) -> None:
        taxonomies = self.source.batches.get("taxonomy")
        need_taxonomies = {
            row.values["id"]
            for row in (taxonomies.rows if taxonomies else [])
            if row.values.get("name") == NEED_TAXONOMY and "id" in row.values
        }
        for row in batch.rows:
            in_needs = row.values.get("taxonomy") == NEED_TAXONOMY or row.values.get("taxonomy_id") in need_taxonomies
            if not in_needs:
                continue
            code = row.values.get("code")
            if code is None:
                self.problem(batch, row, "code", f"missing: every {NEED_TAXONOMY} term has a need code")
            elif code not in NEED_CODES:
                self.problem(
                    batch,
                    row,
                    "code",
                    f"unknown need code {shown(code)}{suggest(code, list(NEED_CODES))}"
                    f" ({NEED_TAXONOMY} has: {', '.join(NEED_CODES)})",
                )


def check(source: Source) -> tuple[Directory, list[Problem]]:
    """Every problem of the source (reading's and the checks'), and the typed rows when there are none."""
    checker = _Checker(source)
    directory = Directory()
    batches = [source.batches[r.name] for r in stored_resources() if r.name in source.batches]
    for batch in batches:
        typed = checker.batch(batch)
        directory.rows[batch.resource.name] = typed
        directory.files[batch.resource.name] = batch.file
        if batch.resource.name == "service":
            checker.ages(batch, typed)
        elif batch.resource.name == "service_area":
            checker.areas(batch)
        elif batch.resource.name == "taxonomy_term":
            checker.needs(batch)
    for batch in batches:
        checker.references(batch)
    source.warnings.extend(checker.warnings)
    return directory, [*source.problems, *checker.problems]
