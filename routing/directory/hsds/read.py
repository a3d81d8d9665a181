"""Reading an HSDS 3.0 directory, tabular or JSON, into rows that remember where they came from.

Nothing is checked here beyond what reading needs (file names, the header,
the CSV and JSON syntax, the JSON nesting); the values are checked in
``check.py``, the same way for both forms.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routing.directory.hsds.problems import Problem, shown
from routing.directory.hsds.spec import ResourceSpec, by_path, resources

# bytes that are not UTF-8 come through ``surrogateescape`` as lone surrogates
BAD_BYTES = re.compile("[\udc80-\udcff]")
DATAPACKAGE = "datapackage.json"


@dataclass(slots=True)
class Row:
    values: dict[str, str]  # the non-empty values, by field name, as text
    line: int | None = None  # tabular: the line the record starts on (header = 1)
    path: str | None = None  # JSON: where the object is, e.g. $[3].organization
    broken: bool = False  # not read whole (wrong number of fields): no missing-value checks


@dataclass
class Batch:
    """The rows of one HSDS object (one CSV file, or every object of that kind in a JSON file)."""

    resource: ResourceSpec
    file: str
    rows: list[Row] = field(default_factory=list)
    missing_columns: set[str] = field(default_factory=set)  # reported once, on the header
    bad_bytes: bool = False  # some values are not valid UTF-8


@dataclass
class Source:
    """What was read: rows by resource name, what is wrong, what was skipped."""

    name: str
    batches: dict[str, Batch] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def suggest(word: str, choices: list[str]) -> str:
    """``; did you mean 'x'?`` for a near miss, else nothing."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _utf8_problem(name: str, raw: bytes, exc: UnicodeDecodeError) -> Problem:
    line = raw.count(b"\n", 0, exc.start) + 1
    return Problem(name, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line)


def _load_json(name: str, raw: bytes, problems: list[Problem]) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(_utf8_problem(name, raw, exc))
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(name, f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno))
        return None


# --- the tabular form ---------------------------------------------------------


def read_folder(folder: Path) -> Source:
    source = Source(folder.name or str(folder))
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    names = {p.name for p in files}
    if DATAPACKAGE in names:
        _check_datapackage(folder / DATAPACKAGE, names, source.problems)
    else:
        source.warnings.append(f"no {DATAPACKAGE} in {folder}: the CSV files are read by their HSDS 3.0 names")
    official_paths = [r.path for r in resources().values()]
    for path in files:
        if path.name == DATAPACKAGE or path.is_dir():
            continue
        if path.suffix.lower() != ".csv":
            source.warnings.append(f"{path.name}: not a CSV file, ignored")
            continue
        spec = by_path().get(path.name)
        if spec is None:
            source.problems.append(Problem(path.name, "not an HSDS 3.0 file name" + suggest(path.name, official_paths)))
        elif not spec.stored:
            source.warnings.append(f"{path.name}: skipped: Eteinen does not store HSDS {spec.name} records")
        else:
            source.batches[spec.name] = read_csv(path, spec, source.problems)
    if not source.batches and not source.problems:
        source.problems.append(
            Problem(source.name, "no HSDS 3.0 files here (organizations.csv, services.csv, …): nothing to import")
        )
    return source


def _check_datapackage(path: Path, names: set[str], problems: list[Problem]) -> None:
    """A broken datapackage.json is an error: it is the package's table of contents."""
    data = _load_json(path.name, path.read_bytes(), problems)
    if data is None:
        return
    if not isinstance(data, dict):
        problems.append(Problem(path.name, "must be a JSON object (a tabular data package)", path="$"))
        return
    listed = data.get("resources")
    if not isinstance(listed, list):
        problems.append(Problem(path.name, "must be a list of the package's files", path="$", column="resources"))
        return
    for i, resource in enumerate(listed):
        where = f"$.resources[{i}]"
        if not isinstance(resource, dict):
            problems.append(Problem(path.name, "must be an object with name and path", path=where))
            continue
        file_name = resource.get("path")
        if not isinstance(file_name, str) or not file_name:
            problems.append(Problem(path.name, "must be the name of a file in the package", path=where, column="path"))
        elif file_name not in names and not file_name.startswith(("http://", "https://")):
            problems.append(Problem(path.name, f"{file_name!r} is not in the folder", path=where, column="path"))


def read_csv(path: Path, spec: ResourceSpec, problems: list[Problem]) -> Batch:
    """One CSV file (UTF-8, RFC 4180); a record's line is where it starts, the header being line 1."""
    name = path.name
    batch = Batch(spec, name)
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    text = raw.decode("utf-8", "surrogateescape")
    batch.bad_bytes = BAD_BYTES.search(text) is not None
    # long fields are reported by the checks (with their line), not refused by the reader
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(name, "empty file: the first line must be the header", line=1))
        return batch
    except csv.Error as exc:
        problems.append(Problem(name, f"not valid CSV (RFC 4180): {exc}", line=reader.line_num))
        return batch
    columns = [c.strip() for c in header]
    known: list[tuple[int, str]] = []
    for i, column in enumerate(columns):
        if BAD_BYTES.search(column):
            problems.append(Problem(name, "column name is not valid UTF-8", line=1, column=shown(column)))
        elif column in columns[:i]:
            problems.append(Problem(name, "the column appears twice", line=1, column=column))
        elif spec.field(column) is None:
            hint = suggest(column, list(spec.field_names))
            message = f"unknown column (not an HSDS 3.0 {spec.name} field{hint})"
            problems.append(Problem(name, message, line=1, column=column or "(empty)"))
        else:
            known.append((i, column))
    for f in spec.fields:
        if f.required and f.name not in columns:
            batch.missing_columns.add(f.name)
            problems.append(Problem(name, "required column missing", line=1, column=f.name))
    width = len(columns)
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(
                Problem(name, f"not valid CSV (RFC 4180): {exc}; the rest of the file was not read", line=line)
            )
            break
        if not record:
            continue  # a blank line
        values = {c: record[i] for i, c in known if i < len(record) and record[i].strip()}
        row = Row(values, line=line)
        if len(record) != width:
            problems.append(Problem(name, f"{len(record)} fields, but the header has {width}", line=line))
            row.broken = True
        batch.rows.append(row)
    return batch


# --- the JSON form ------------------------------------------------------------

# how objects nest in HSDS 3.0 JSON: key -> (resource, how the two are linked, the linking field)
#   "one":  a single object whose id the parent holds in the field (service.organization -> organization_id)
#   "many": a list of objects that hold the parent's id in the field (service.phones -> phone.service_id)
#   "attributes": attributes holding link_id / link_entity of the parent
_ATTRIBUTES = ("attribute", "attributes", "link_id")
NESTING: dict[str, dict[str, tuple[str, str, str]]] = {
    "service": {
        "organization": ("organization", "one", "organization_id"),
        "service_at_locations": ("service_at_location", "many", "service_id"),
        "service_areas": ("service_area", "many", "service_id"),
        "languages": ("language", "many", "service_id"),
        "phones": ("phone", "many", "service_id"),
        "attributes": _ATTRIBUTES,
    },
    "service_at_location": {
        "location": ("location", "one", "location_id"),
        "phones": ("phone", "many", "service_at_location_id"),
        "attributes": _ATTRIBUTES,
    },
    "location": {
        "addresses": ("address", "many", "location_id"),
        "languages": ("language", "many", "location_id"),
        "phones": ("phone", "many", "location_id"),
        "attributes": _ATTRIBUTES,
    },
    "organization": {
        "locations": ("location", "many", "organization_id"),
        "phones": ("phone", "many", "organization_id"),
        "attributes": _ATTRIBUTES,
    },
    "phone": {"languages": ("language", "many", "phone_id"), "attributes": _ATTRIBUTES},
    "attribute": {"taxonomy_term": ("taxonomy_term", "one", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "one", "taxonomy_id")},
    "address": {"attributes": _ATTRIBUTES},
    "language": {"attributes": _ATTRIBUTES},
    "service_area": {"attributes": _ATTRIBUTES},
}
# HSDS 3.0 JSON keys for objects Eteinen does not store: skipped with a warning
NOT_STORED = frozenset(
    {
        "schedules",
        "contacts",
        "funding",
        "cost_options",
        "program",
        "programs",
        "required_documents",
        "metadata",
        "accessibility",
        "organization_identifiers",
        "capacities",
    }
)


def _scalar(value: Any) -> tuple[str | None, str | None]:
    """A JSON value as text for the checks; (None, why) when it cannot be one."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, f"expected text or a number, got {json.dumps(value)}"
    if isinstance(value, int | float):
        return repr(value), None
    if isinstance(value, str):
        return value, None
    return None, "expected a single value, got a list or an object"


class _JsonReader:
    def __init__(self, source: Source) -> None:
        self.source = source
        # resource, id -> the row kept, the values the object itself gave, where it was first
        self.first: dict[tuple[str, str], tuple[Row, dict[str, str], str]] = {}
        self.skipped: Counter[tuple[str, str]] = Counter()

    def problem(self, message: str, path: str, column: str | None = None) -> None:
        self.source.problems.append(Problem(self.source.name, message, path=path, column=column))

    def batch(self, resource: str) -> Batch:
        if resource not in self.source.batches:
            self.source.batches[resource] = Batch(resources()[resource], self.source.name)
        return self.source.batches[resource]

    def _link(self, given: dict[str, str], links: dict[str, str], name: str, value: str, path: str, what: str) -> None:
        """A field the nesting fills (the parent's id, a nested object's id) unless the object gave it already."""
        if name not in given:
            links[name] = value
        elif given[name] != value:
            self.problem(f"{given[name]!r} differs from the {what} ({value!r})", path, name)

    def visit(self, resource: str, obj: Any, path: str, parent: tuple[tuple[str, str, str], ...] = ()) -> str | None:
        """Read one object and what is nested in it; returns its id.

        ``parent`` holds the fields that say where it is nested: (field, value, the parent in words).
        """
        if not isinstance(obj, dict):
            self.problem(f"expected an HSDS {resource} object", path)
            return None
        spec = resources()[resource]
        nesting = NESTING.get(resource, {})
        given: dict[str, str] = {}
        nested: list[tuple[str, Any]] = []
        for key, value in obj.items():
            if spec.field(key) is not None:
                text, error = _scalar(value)
                if error:
                    self.problem(error, path, key)
                elif text is not None and text.strip():
                    given[key] = text
            elif key in nesting:
                nested.append((key, value))
            elif key in NOT_STORED:
                if value:
                    self.skipped[(resource, key)] += 1
            else:
                hint = suggest(key, [*spec.field_names, *nesting])
                self.problem(f"unknown field (not in HSDS 3.0 {resource}{hint})", path, key)
        links: dict[str, str] = {}
        for name, value, what in parent:
            self._link(given, links, name, value, path, what)
        for key, value in nested:
            target, how, link_field = nesting[key]
            if how == "one" and value is not None:
                child_id = self.visit(target, value, f"{path}.{key}")
                if child_id is not None:
                    self._link(given, links, link_field, child_id, path, f"{target} nested in it")
        own_id = given.get("id")
        self._add(resource, given, links, path)
        for key, value in nested:
            target, how, link_field = nesting[key]
            if how == "one" or value is None:
                continue
            if not isinstance(value, list):
                self.problem("expected a list", path, key)
                continue
            child_parent: tuple[tuple[str, str, str], ...] = ()
            if own_id is not None:
                child_parent = ((link_field, own_id, f"{resource} it is nested in"),)
                if how == "attributes":
                    child_parent += (("link_entity", resource, f"{resource} it is nested in"),)
            for j, item in enumerate(value):
                self.visit(target, item, f"{path}.{key}[{j}]", child_parent)
        return own_id

    def _add(self, resource: str, given: dict[str, str], links: dict[str, str], path: str) -> None:
        """Keep each object once, however often it is nested (a phone of both a service and its location).

        Repeats must give the same values; the links of each place it is nested in are merged
        into the one row, as the tabular form would have them.
        """
        own_id = given.get("id")
        if own_id is None:
            self.batch(resource).rows.append(Row({**given, **links}, path=path))
            return
        first = self.first.get((resource, own_id))
        if first is None:
            row = Row({**given, **links}, path=path)
            self.first[(resource, own_id)] = (row, given, path)
            self.batch(resource).rows.append(row)
            return
        row, first_given, first_path = first
        if given != first_given:
            keys = given.keys() | first_given.keys()
            differ = sorted(k for k in keys if given.get(k) != first_given.get(k))
            self.problem(f"same id as {first_path} but other values ({', '.join(differ)})", path, "id")
        for name, value in links.items():
            kept = row.values.setdefault(name, value)
            if kept != value:
                self.problem(f"{value!r} here, but {kept!r} where it is also nested ({first_path})", path, name)


def read_json(path: Path) -> Source:
    """HSDS 3.0 JSON: a list of service objects (or an API page with ``contents``, or one service)."""
    source = Source(path.name)
    data = _load_json(path.name, path.read_bytes(), source.problems)
    if data is None:
        return source
    services: list[tuple[Any, str]]
    if isinstance(data, list):
        services = [(item, f"$[{i}]") for i, item in enumerate(data)]
    elif isinstance(data, dict) and isinstance(data.get("contents"), list):
        services = [(item, f"$.contents[{i}]") for i, item in enumerate(data["contents"])]
    elif isinstance(data, dict) and "id" in data:
        services = [(data, "$")]  # one service, as the HSDS API's /services/{id} gives it
    else:
        source.problems.append(Problem(path.name, "expected a list of HSDS 3.0 service objects", path="$"))
        return source
    if not services:
        source.problems.append(Problem(path.name, "no services: nothing to import", path="$"))
    reader = _JsonReader(source)
    for item, where in services:
        reader.visit("service", item, where)
    for (resource, key), n in sorted(reader.skipped.items()):
        source.warnings.append(f"{path.name}: {key} skipped in {n} {resource} object(s): Eteinen does not store them")
    return source


def read_path(path: Path) -> Source:
    """The directory at ``path``: a folder (or its datapackage.json) is tabular, a .json file is HSDS JSON."""
    try:
        return _read_path(path)
    except OSError as exc:
        where = exc.filename or str(path)
        return Source(path.name, problems=[Problem(str(where), f"cannot be read: {exc.strerror or exc}")])


def _read_path(path: Path) -> Source:
    if path.is_dir():
        return read_folder(path)
    if path.name == DATAPACKAGE:
        return read_folder(path.parent)
    if path.is_file():
        if path.suffix.lower() == ".json":
            return read_json(path)
        return Source(
            path.name, problems=[Problem(path.name, "give a folder (tabular HSDS) or a .json file (HSDS JSON)")]
        )
    return Source(path.name, problems=[Problem(str(path), "no such file or folder")])
