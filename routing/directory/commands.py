"""``eteinen import-hsds``, ``export-hsds`` and ``ring``: the directory and the guidance rings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import with_appcontext

from routing.core import db
from routing.core.errors import BadInput
from routing.core.migrate import needs_schema


@click.command("import-hsds")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
@needs_schema
def import_hsds_command(path: Path) -> None:
    """Load an HSDS 3.0 directory (tabular folder or JSON file); all or nothing."""
    from routing.directory.hsds import HsdsError, import_path

    show_progress = sys.stderr.isatty()
    with db.transaction() as s:
        try:
            report = import_path(s, path, progress=_progress_bar if show_progress else None)
        except HsdsError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            raise BadInput(f"{len(exc.problems)} problem(s) in {path}: nothing was imported") from None
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
    click.echo(f"imported {counts} (directory version {report.version})")


def _progress_bar(label: str, total: int) -> Any:
    return click.progressbar(length=total, label=label, file=sys.stderr)


@click.command("import-ptv")
@click.option("--organization", "organizations", multiple=True, help="a PTV organisation id (repeat for several)")
@click.option("--url", "base", default=None, help="the PTV open API's base address (default: its public one)")
@click.option("--from", "saved", type=click.Path(path_type=Path), default=None, help="PTV answers saved earlier")
@with_appcontext
@needs_schema
def import_ptv_command(organizations: tuple[str, ...], base: str | None, saved: Path | None) -> None:
    """Load services from Suomi.fi's service catalogue (PTV); all or nothing, like import-hsds."""
    from flask import current_app

    from routing.directory.hsds import HsdsError
    from routing.directory.ptv.importer import import_ptv, mapping_for, summary
    from routing.directory.ptv.source import DEFAULT_BASE, fetch, read_saved

    if (saved is None) == (not organizations):
        raise click.UsageError("give --organization ID (one or more) or --from FILE_OR_FOLDER, not both")
    show_progress = sys.stderr.isatty()
    try:
        mapping = mapping_for(current_app.config.get("ETEINEN_RULES"))
    except HsdsError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise BadInput("the PTV mapping table is broken: nothing was imported") from None
    if saved is not None:
        fetched = read_saved(saved)
        where = str(saved)
    else:
        note = (lambda text: click.echo(f"read {text}", err=True)) if show_progress else None
        fetched = fetch(list(organizations), base or DEFAULT_BASE, progress=note)
        where = base or DEFAULT_BASE
    with db.transaction() as s:
        try:
            report = import_ptv(s, fetched, mapping, progress=_progress_bar if show_progress else None)
        except HsdsError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            raise BadInput(f"{len(exc.problems)} problem(s) in {where}: nothing was imported") from None
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for line in summary(report):
        click.echo(line)


@click.command("export-hsds")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
@needs_schema
def export_hsds_command(path: Path) -> None:
    """Write the directory as HSDS 3.0 tabular (datapackage.json + CSVs) into PATH."""
    from routing.directory.hsds import HsdsError, export_path

    with db.new_session(read_only=True) as s:
        try:
            counts = export_path(s, path)
        except HsdsError as exc:
            raise BadInput(str(exc)) from None
    click.echo(f"exported {', '.join(f'{n} {name}' for name, n in counts.items())} to {path}")


@click.group("ring")
def ring_group() -> None:
    """Guidance rings: organisations sharing one queue."""


@ring_group.command("add")
@click.argument("name")
@click.option("--org", "orgs", multiple=True, required=True, help="a member organisation (id or exact name)")
@with_appcontext
@needs_schema
def ring_add_command(name: str, orgs: tuple[str, ...]) -> None:
    """Create a ring of those organisations; prints its id alone."""
    from routing.directory.rings import add_ring

    with db.transaction() as s:
        ring = add_ring(s, name, list(orgs))
    click.echo(ring.id)


@ring_group.command("list")
@with_appcontext
@needs_schema
def ring_list_command() -> None:
    """The rings: id, name and member organisations; a ring's mailbox, when it was last read, and its held mail."""
    from sqlmodel import col, select

    from routing.directory.models import Organization, Ring, RingMember
    from routing.mailbox.boxes import box_lines

    with db.new_session(read_only=True) as s:
        rings = s.exec(select(Ring).order_by(col(Ring.name))).all()
        if not rings:
            click.echo("no rings yet: make one with `eteinen ring add NAME --org ORG --org ORG`")
        for ring in rings:
            members = s.exec(
                select(Organization.name)
                .join(RingMember, col(RingMember.organization_id) == Organization.id)
                .where(col(RingMember.ring_id) == ring.id)
                .order_by(col(Organization.name))
            ).all()
            click.echo(f"{ring.id}  {ring.name}: {', '.join(members)}")
            for line in box_lines(s, ring.id):
                click.echo(f"    {line}")


def init_app(app: Flask) -> None:
    app.cli.add_command(import_hsds_command)
    app.cli.add_command(import_ptv_command)
    app.cli.add_command(export_hsds_command)
    app.cli.add_command(ring_group)
