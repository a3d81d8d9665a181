"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL, and can all be undone.

Two views of the same question. Alembic's autogenerate (``compare_metadata``, the engine that would write the
next migration) must find nothing to do after ``upgrade head`` on a fresh database. Then, because autogenerate
does not look at everything (primary keys, the conditions of partial indexes, check constraints) and its answer
is hard to read when it fails, each table of the migrated database is listed column by column, index by index,
constraint by constraint and compared with the same listing of a database the models create directly
(``metadata.create_all``): both listings are read back from the same kind of database, so each condition, type
and default is written the way that database writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import routing.models  # noqa: F401  (every table on the metadata)
from routing.core import db
from routing.core.migrate import alembic_config, current_revision, head_revision, upgrade

VERSION_TABLE = "alembic_version"


@contextmanager
def engine_on(url: str) -> Iterator[Engine]:
    engine = db.make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _default(column: dict[str, Any]) -> str | None:
    default = column.get("default")
    if default is None or str(default).startswith("nextval("):  # PostgreSQL's serial: the primary key's own
        return None
    return str(default)


def _where(dialect_options: dict[str, Any]) -> str | None:
    for key in ("sqlite_where", "postgresql_where"):
        if dialect_options.get(key) is not None:
            return " ".join(str(dialect_options[key]).split())
    return None


def describe(engine: Engine) -> dict[str, dict[str, Any]]:
    """Every table as the database has it: columns, primary key, indexes, unique constraints, foreign keys, checks.

    Names the database makes up (PostgreSQL's ``*_fkey``, SQLite's unnamed constraints) are left out; index and
    named unique constraint names are kept. Types are compared by affinity (string, integer, date and time…), as
    SQLite stores them.
    """
    found = inspect(engine)
    tables: dict[str, dict[str, Any]] = {}
    for table in sorted(set(found.get_table_names()) - {VERSION_TABLE}):
        pk = found.get_pk_constraint(table)["constrained_columns"]
        tables[table] = {
            "columns": {
                c["name"]: {
                    "type": c["type"]._type_affinity.__name__,
                    "nullable": bool(c["nullable"]),
                    "primary key": c["name"] in pk,
                    "default": _default(c),
                }
                for c in found.get_columns(table)
            },
            "primary key": list(pk),
            "indexes": {
                i["name"]: {
                    "columns": list(i["column_names"]),
                    "unique": bool(i["unique"]),
                    "where": _where(i.get("dialect_options", {})),
                }
                for i in found.get_indexes(table)
                if not i.get("duplicates_constraint")  # PostgreSQL's index behind a unique constraint
            },
            "unique constraints": sorted(
                (u["name"] or "", tuple(u["column_names"])) for u in found.get_unique_constraints(table)
            ),
            "foreign keys": sorted(
                (
                    tuple(f["constrained_columns"]),
                    f["referred_table"],
                    tuple(f["referred_columns"]),
                    str(sorted(f.get("options", {}).items())),
                )
                for f in found.get_foreign_keys(table)
            ),
            "checks": sorted(" ".join(str(c["sqltext"]).split()) for c in found.get_check_constraints(table)),
        }
    return tables


def describe_models(url: str) -> dict[str, dict[str, Any]]:
    """The models' schema, as ``url``'s kind of database writes it: created from the metadata, read back."""
    with engine_on(url) as engine:
        SQLModel.metadata.create_all(engine)
        return describe(engine)


def autogenerate_diff(engine: Engine) -> list[Any]:
    """What Alembic's autogenerate would put in the next migration (types and server defaults compared too)."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        return list(compare_metadata(context, SQLModel.metadata))


def readable(diff: list[Any]) -> str:
    return "\n".join(f"  {entry}" for entry in diff)


def differences(left: dict[str, dict[str, Any]], right: dict[str, dict[str, Any]]) -> list[str]:
    """One line per table, column, index or constraint list that differs: ``table.part.name: left != right``."""
    lines = [f"{t}: only on the {side}" for t, side in [(t, "left") for t in left if t not in right]]
    lines += [f"{t}: only on the right" for t in right if t not in left]
    for table in sorted(set(left) & set(right)):
        for part in sorted(set(left[table]) | set(right[table])):
            mine, theirs = left[table].get(part), right[table].get(part)
            if isinstance(mine, dict) and isinstance(theirs, dict):
                for name in sorted(set(mine) | set(theirs)):
                    if mine.get(name) != theirs.get(name):
                        lines.append(f"{table}.{part}.{name}: {mine.get(name)} != {theirs.get(name)}")
            elif mine != theirs:
                lines.append(f"{table}.{part}: {mine} != {theirs}")
    return lines


def test_migrations_are_idempotent_and_match_the_models(empty_database: Callable[[], str]) -> None:
    with engine_on(empty_database()) as engine:
        upgrade(engine)
        upgrade(engine)  # a second run changes nothing
        assert current_revision(engine) == head_revision()

        diff = autogenerate_diff(engine)
        assert diff == [], f"the migrations and the models differ; autogenerate would write:\n{readable(diff)}"

        migrated = describe(engine)
    models = describe_models(empty_database())
    assert sorted(models) == sorted(SQLModel.metadata.tables)
    drift = differences(migrated, models)
    assert drift == [], "the migrated schema (left) and the models' (right) differ:\n" + "\n".join(drift)


# --- every downgrade ------------------------------------------------------------------------------------------


def revisions() -> list[str]:
    """From the first revision to head, in order (the history is one line)."""
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1, "the migrations have more than one head"
    return [r.revision for r in reversed(list(script.walk_revisions("base", "heads")))]


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


@pytest.mark.slow
def test_every_downgrade_returns_to_the_schema_of_its_revision(empty_database: Callable[[], str]) -> None:
    """Upgrade to head, then step down to base one revision at a time: each step works and leaves the schema
    an upgrade-only path to that revision builds; then back up to head, matching the models again."""
    steps = revisions()
    # the schema at each revision, on the way up from an empty database
    expected: dict[str, dict[str, dict[str, Any]]] = {}
    with engine_on(empty_database()) as fresh:
        for revision in steps:
            upgrade(fresh, revision)
            expected[revision] = describe(fresh)

    with engine_on(empty_database()) as engine:
        upgrade(engine)
        assert differences(describe(engine), expected[steps[-1]]) == []
        found: list[str] = []
        for below, revision in reversed(list(zip(["base", *steps[:-1]], steps, strict=True))):
            downgrade(engine, below)
            assert current_revision(engine) == (None if below == "base" else below), f"downgrade from {revision}"
            now = describe(engine)
            if below == "base":
                assert now == {}, f"tables left after downgrading to base: {sorted(now)}"
                continue
            assert sorted(now) == sorted(expected[below]), f"the tables after downgrading {revision} → {below}"
            found += [f"{below}: {line}" for line in differences(now, expected[below])]
        assert found == [], "downgraded (left) and upgraded to the same revision (right) differ:\n" + "\n".join(found)
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert autogenerate_diff(engine) == []
