"""``eteinen client export|erase``, ``eteinen retention`` and ``eteinen access-log``: the client's data rights."""

from __future__ import annotations

import json
from datetime import datetime

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

import routing.privacy.operations as privacy
from routing.core import db
from routing.core.clock import HELSINKI
from routing.core.migrate import needs_schema


@click.group("client")
def client_group() -> None:
    """The client's data rights: export and erasure of one referral's personal data."""


@client_group.command("export")
@click.option("--referral", "referral_id", required=True, metavar="ID")
@with_appcontext
@needs_schema
def export_command(referral_id: str) -> None:
    """Print everything stored about the referral's client as JSON (the export is logged)."""
    with db.transaction() as s:
        referral = privacy.referral_for(s, referral_id, None)
        data = privacy.export(s, referral, None, "cli")
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@client_group.command("erase")
@click.option("--referral", "referral_id", required=True, metavar="ID")
@click.option("--force", is_flag=True, help="erase even while the referral is open or offered")
@click.option("--reason", metavar="TEXT", help="why (needed with --force; logged)")
@with_appcontext
@needs_schema
def erase_command(referral_id: str, force: bool, reason: str | None) -> None:
    """Erase the client's personal data, keeping only anonymous events."""
    with db.transaction() as s:
        referral = privacy.referral_for(s, referral_id, None, lock=True)
        privacy.erase(s, referral, None, force=force, reason=reason)
    db.scrub()  # no old copy of the erased words stays in the database's files
    click.echo(f"referral {referral_id} erased: question, contact details and notes removed; events kept")


@click.command("retention")
@click.option("--now", "run_now", is_flag=True, help="anonymise them now (without it: only say how many are due)")
@with_appcontext
@needs_schema
def retention_command(run_now: bool) -> None:
    """Anonymise closed referrals older than RETENTION_DAYS."""
    days = int(current_app.config["RETENTION_DAYS"])
    if not run_now:
        with db.new_session(read_only=True) as s:
            due = privacy.due_for_retention(s, days)
        click.echo(f"{due} closed referral(s) are older than {days} days; run with --now to anonymise them")
        return
    report = privacy.run_retention(days)
    click.echo(
        f"{report.anonymised} closed referral(s) older than {days} days anonymised"
        f" (closed before {report.cutoff.astimezone(HELSINKI):%Y-%m-%d %H:%M}, {report.batches} batch(es))"
    )


@click.command("access-log")
@click.option("--referral", "referral_id", required=True, metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@with_appcontext
@needs_schema
def access_log_command(referral_id: str, as_json: bool) -> None:
    """Who read the referral's personal data, when and how."""
    with db.new_session(read_only=True) as s:
        referral = privacy.referral_for(s, referral_id, None)
        entries = privacy.access_log(s, referral)
    if as_json:
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo("nobody has read this referral's personal data")
    for e in entries:
        at = datetime.fromisoformat(e["at"]).astimezone(HELSINKI)
        user = e["user"]
        who = (
            f"{user['email']} ({user.get('organization_name') or user['organization_id']})" if user else "command line"
        )
        click.echo(f"{at:%Y-%m-%d %H:%M:%S}  {who}  {e['how']}{'  ' + e['what'] if e['what'] else ''}")


def init_app(app: Flask) -> None:
    app.cli.add_command(client_group)
    app.cli.add_command(retention_command)
    app.cli.add_command(access_log_command)
