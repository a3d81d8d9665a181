"""``eteinen figures`` and ``eteinen directory overlaps``: the network's figures at the command line."""

from __future__ import annotations

import json

import click
from flask import Flask
from flask.cli import with_appcontext

from routing.core import db
from routing.core.migrate import needs_schema
from routing.figures.compute import compute_figures, figures_csv, figures_text, make_scope
from routing.figures.overlaps import check_need, find_overlaps, overlaps_text


@click.command("figures")
@click.option("--from", "from_", metavar="DATE", help="first day, YYYY-MM-DD (default: 1 January this year)")
@click.option("--to", metavar="DATE", help="last day, YYYY-MM-DD (default: today, Helsinki)")
@click.option("--region", metavar="CODE", help="a 2-digit region (maakunta) code, e.g. 01")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@with_appcontext
@needs_schema
def figures_command(from_: str | None, to: str | None, region: str | None, fmt: str) -> None:
    """The network's figures for referrals opened in the period (counts of 1–4 show as <5)."""
    scope = make_scope(from_, to, region)
    with db.new_session(read_only=True) as s:
        result = compute_figures(s, scope)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(figures_csv(result), nl=False)
    else:
        click.echo(figures_text(result), nl=False)


@click.group("directory")
def directory_group() -> None:
    """The service directory as a whole."""


@directory_group.command("overlaps")
@click.option("--region", metavar="CODE", help="a 2-digit region (maakunta) code (default: the network's regions)")
@click.option("--need", metavar="CODE", help="one need of the taxonomy (default: every need)")
@click.option("--from", "from_", metavar="DATE", help="count offers from this day (default: 1 January)")
@click.option("--to", metavar="DATE", help="count offers up to this day (default: today)")
@click.option("--page", default=1, show_default=True, type=click.IntRange(min=1), help="which page of groups")
@click.option("--per-page", default=50, show_default=True, type=click.IntRange(1, 1000), help="groups a page")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@with_appcontext
@needs_schema
def overlaps_command(
    region: str | None, need: str | None, from_: str | None, to: str | None, page: int, per_page: int, as_json: bool
) -> None:
    """Services of different organisations serving the same need, area, ages and languages; and gaps.

    A summary by region and need first, then one page of the overlapping groups."""
    scope = make_scope(from_, to, region)
    with db.new_session(read_only=True) as s:
        result = find_overlaps(s, scope, check_need(s, need), page, per_page)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(overlaps_text(result), nl=False)


def init_app(app: Flask) -> None:
    app.cli.add_command(figures_command)
    app.cli.add_command(directory_group)
