"""Writing a checked directory into the database, and writing the database out as HSDS 3.0 tabular.

An import replaces the directory: rows are inserted, updated in place (ids
stay) or removed, table by table with bulk statements, inside the caller's
transaction. Rows elsewhere that point into the directory (referrals,
offers, staff) must not lose what they point to: that is reported as a
problem before anything is written.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update
from sqlmodel import Session, SQLModel

from routing.directory.hsds.check import Directory
from routing.directory.hsds.problems import HsdsError, Problem
from routing.directory.hsds.spec import ResourceSpec, hsds_version, resources, stored_resources

Progress = Callable[[str, int], AbstractContextManager[Any]]
CHUNK = 2000


def still_referenced(session: Session, directory: Directory) -> list[Problem]:
    """Directory rows this import would remove although referrals, offers or staff still point to them."""
    specs = {r.name: r for r in stored_resources()}
    new_ids = {name: directory.ids(name) for name in specs}
    uses: dict[tuple[str, str], list[str]] = defaultdict(list)
    for table in SQLModel.metadata.sorted_tables:
        if table.name in specs:
            continue
        for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            target = fk.column.table.name
            if target not in specs:
                continue
            column = fk.parent
            counted = session.execute(select(column, func.count()).where(column.is_not(None)).group_by(column))
            for value, n in counted:
                if value not in new_ids[target]:
                    uses[(target, value)].append(f"{table.name}.{column.name} ({n})")
    return [
        Problem(
            directory.files.get(target) or specs[target].path,
            f"removed by this import, but still used by {', '.join(sorted(places))}:"
            " keep it in the directory (a service can be marked inactive)",
            column=f"{target} id {value}",
        )
        for (target, value), places in sorted(uses.items())
    ]


@contextmanager
def _no_progress(_label: str, _total: int) -> Iterator[Any]:
    class _Quiet:
        def update(self, _n: int) -> None:
            pass

    yield _Quiet()


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def store(
    session: Session,
    directory: Directory,
    progress: Progress | None = None,
    existing_rows: dict[str, dict[str, dict[str, Any]]] | None = None,
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Make the directory tables hold exactly ``directory``; returns rows added, changed and removed per file.

    ``existing_rows`` (resource → id → row) saves reading the tables again when the caller already has.
    """
    bar = progress or _no_progress
    conn = session.connection()
    added: dict[str, int] = {}
    changed: dict[str, int] = {}
    removed: dict[str, list[str]] = {}
    for spec in stored_resources():  # parents first, so new rows find what they point to
        table = _table(spec)
        rows = directory.rows.get(spec.name, [])
        if existing_rows is not None:
            existing = existing_rows[spec.name]
        else:
            existing = {row.id: row._asdict() for row in conn.execute(select(table))}
        inserts = [row for row in rows if row["id"] not in existing]
        updates = [
            {**{k: v for k, v in row.items() if k != "id"}, "_id": row["id"]}
            for row in rows
            if row["id"] in existing and existing[row["id"]] != row
        ]
        kept = {row["id"] for row in rows}
        removed[spec.name] = [i for i in existing if i not in kept]
        added[spec.label], changed[spec.label] = len(inserts), len(updates)
        if not inserts and not updates:
            continue
        with bar(spec.path, len(inserts) + len(updates)) as shown:
            for chunk in _chunks(inserts):
                _insert(conn, table, chunk)
                shown.update(len(chunk))
            if updates:
                statement = update(table).where(table.c.id == bindparam("_id"))
                for chunk in _chunks(updates):
                    conn.execute(statement, chunk)
                    shown.update(len(chunk))
    for spec in reversed(stored_resources()):  # children first, after every row points to its new parent
        table = _table(spec)
        gone = removed[spec.name]
        for start in range(0, len(gone), 500):
            conn.execute(delete(table).where(table.c.id.in_(gone[start : start + 500])))
    return added, changed, {stored.label: len(removed[stored.name]) for stored in stored_resources()}


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows: PostgreSQL's COPY (an executemany is one round trip per row there), else executemany."""
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    from psycopg import sql

    columns = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(*filter(None, (table.schema, table.name))), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    dbapi: Any = conn.connection.dbapi_connection  # the same connection, in the same transaction
    with dbapi.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def _table(spec: ResourceSpec) -> Table:
    assert spec.table is not None
    return spec.table


# --- export -------------------------------------------------------------------


def _text(value: Any) -> str:
    """A stored value as CSV text: whole numbers without ``.0`` (ages 29, not 29.0)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _schema(spec: ResourceSpec, exported: set[str]) -> dict[str, Any]:
    fields = []
    for f in spec.fields:
        entry: dict[str, Any] = {"name": f.name, "type": f.type}
        if f.format:
            entry["format"] = f.format
        constraints: dict[str, Any] = {"required": bool(f.official.get("required"))}
        if f.name == spec.primary_key:
            constraints["unique"] = True
        if f.enum:
            constraints["enum"] = list(f.enum)
        entry["constraints"] = constraints
        fields.append(entry)
    foreign_keys = [
        {"fields": fk.field, "reference": {"resource": fk.resource, "fields": "id"}}
        for fk in spec.foreign_keys
        if fk.resource in exported
    ]
    schema: dict[str, Any] = {"primaryKey": spec.primary_key, "fields": fields}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def _consistent_view(session: Session) -> Connection:
    """A connection that sees one state of the directory for the whole export, even if an import commits meanwhile."""
    if session.in_transaction():
        return session.connection()
    if session.get_bind().dialect.name == "postgresql":
        return session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    conn = session.connection()
    dbapi = conn.connection.dbapi_connection
    if conn.dialect.name == "sqlite" and dbapi is not None and not dbapi.in_transaction:
        conn.exec_driver_sql("BEGIN")  # read-only sessions run without one; in WAL a read transaction is a snapshot
    return conn


def export_path(session: Session, path: Path | str) -> dict[str, int]:
    """Write the directory as HSDS 3.0 tabular into ``path`` (created): datapackage.json and one CSV per object."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise HsdsError([Problem(str(folder), "exists and is not a folder")])
    try:
        return _export(session, folder)
    except OSError as exc:
        raise HsdsError([Problem(str(exc.filename or folder), f"cannot be written: {exc.strerror or exc}")]) from exc


def _export(session: Session, folder: Path) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    specs = [r for r in resources().values() if r.stored]  # the official order
    exported = {r.name for r in specs}
    conn = _consistent_view(session)
    counts: dict[str, int] = {}
    for spec in specs:
        table = _table(spec)
        columns = [table.c[name] for name in spec.field_names]
        n = 0
        with (folder / spec.path).open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: CRLF, quotes only where needed
            writer.writerow(spec.field_names)
            for row in conn.execute(select(*columns).order_by(table.c.id)):
                writer.writerow([_text(v) for v in row])
                n += 1
        counts[spec.label] = n
    package = {
        "name": "eteinen-directory",
        "title": "Eteinen service directory",
        "profile": "tabular-data-package",
        "version": hsds_version(),
        "resources": [
            {
                "name": spec.name,
                "path": spec.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": _schema(spec, exported),
            }
            for spec in specs
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return counts
