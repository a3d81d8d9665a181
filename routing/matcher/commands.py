"""`eteinen route` and `eteinen rules check`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from routing.core import db
from routing.core.errors import BadInput
from routing.core.migrate import needs_schema
from routing.matcher.examples import run_examples
from routing.matcher.loading import current_router
from routing.matcher.result import RouteResult
from routing.matcher.router import RouteInputError, Router, check_age, check_language, parse_request
from rules.load import RuleSetError, load_ruleset


def _router() -> Router:
    try:
        return current_router()
    except RuleSetError as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(
            f"the rule set has {len(exc.errors)} problem(s); fix them or ETEINEN_RULES"
        ) from None


@click.command("route")
@click.argument("question", required=False)
@click.option("--municipality", help="the client's municipality: code or name (wins over the text)")
@click.option("--age", type=int, help="the client's age in years (wins over the text)")
@click.option("--language", help="the client's language: fi, sv or en (default: the question's)")
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True, help="how many services")
@click.option("--json", "as_json", is_flag=True, help="print the route result as JSON")
@click.option(
    "--batch",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="route every JSON line of FILE; one JSON result per line on stdout",
)
@with_appcontext
@needs_schema
def route_command(
    question: str | None,
    municipality: str | None,
    age: int | None,
    language: str | None,
    limit: int,
    as_json: bool,
    batch: Path | None,
) -> None:
    """Rank services for QUESTION, with the reasons, and what to ask the client."""
    if batch is not None:
        if question:
            raise click.UsageError("give either QUESTION or --batch FILE, not both")
        _route_batch(batch, limit)
        return
    if question is None:
        raise click.UsageError("give the client's QUESTION (in quotes), or --batch FILE")
    try:
        if age is not None:
            check_age(age)
        lang = check_language(language) if language is not None else None
        request = parse_request(
            {"question": question, "municipality": municipality, "age": age, "language": lang, "limit": limit}
        )
        result = _router().route(request)
    except RouteInputError as exc:
        raise BadInput(f"{exc.field}: {exc.message}") from None
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_result(result))


def _route_batch(path: Path, limit: int) -> None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read: {exc}") from None
    router = _router()
    out = sys.stdout
    for number, line in enumerate(lines, start=1):
        out.write(json.dumps(route_line(router, line, number, limit), ensure_ascii=False) + "\n")
    out.flush()


def route_line(router: Router, line: str, number: int, limit: int) -> dict[str, Any]:
    """One batch line's result, or its error object; never raises for bad input."""
    item_id: Any = None
    try:
        data = json.loads(line)
    except ValueError as exc:
        return {"id": None, "error": {"code": "bad-json", "message": f"line {number}: not JSON: {exc}"}}
    if not isinstance(data, dict):
        return {"id": None, "error": {"code": "bad-json", "message": f"line {number}: not a JSON object"}}
    item_id = data.get("id")
    try:
        request = parse_request({**data, "limit": data.get("limit", limit)})
        result = router.route(request).to_json()
    except RouteInputError as exc:
        return {"id": item_id, "error": {"code": exc.code, "message": f"line {number}: {exc.field}: {exc.message}"}}
    return {"id": item_id, **result} if "id" in data else result


def format_result(result: RouteResult) -> str:
    """A readable table of a route result for the terminal."""
    lines = []
    m = result.municipality
    place = f"{m.name} ({m.code}, {m.source})" if m else "unknown"
    age = result.age if result.age is not None else "unknown"
    lines.append(f"language: {result.language}   municipality: {place}   age: {age}")
    if result.needs:
        needs = "; ".join(f"{n.code} ({', '.join(n.evidence)})" for n in result.needs)
    else:
        needs = "none recognised"
    lines.append(f"needs: {needs}")
    if result.ask:
        lines.append(f"ask the client: {', '.join(result.ask)}")
    if result.rules_fired:
        lines.append(f"rules: {', '.join(result.rules_fired)}")
    lines.append("")
    if not result.candidates:
        lines.append("no services found")
    for i, c in enumerate(result.candidates, start=1):
        lines.append(f"{i:>2}. {c.score:.2f}  {c.service_name} — {c.organization_name}")
        lines.extend(_wrap_reasons(c.reasons))
    return "\n".join(lines)


def _wrap_reasons(reasons: Sequence[str], width: int = 100, indent: str = " " * 10) -> list[str]:
    """Reasons joined with "; ", lines broken between reasons, never inside one."""
    lines: list[str] = []
    current = ""
    for reason in reasons:
        candidate = f"{current}; {reason}" if current else reason
        if current and len(indent) + len(candidate) > width:
            lines.append(indent + current)
            candidate = reason
        current = candidate
    if current:
        lines.append(indent + current)
    return lines


@click.group("rules")
def rules_group() -> None:
    """The rule set: need vocabularies and routing rules."""


@rules_group.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@with_appcontext
def rules_check_command(path: Path | None) -> None:
    """Validate a rule folder (default: ETEINEN_RULES or the bundled set) and run its examples."""
    target = path or current_app.config.get("ETEINEN_RULES")
    try:
        ruleset = load_ruleset(target)
    except RuleSetError as exc:
        for error in exc.errors:
            click.echo(str(error))
        raise BadInput(f"{len(exc.errors)} problem(s) in the rule set") from None
    from sqlalchemy.exc import SQLAlchemyError

    from routing.matcher.index import build_index
    from routing.matcher.loading import build_from_database

    try:
        index = build_from_database(db.engine())
    except SQLAlchemyError:
        click.echo("no directory to check top results against (run `eteinen init` and `eteinen import-hsds`)", err=True)
        index = build_index([])
    report = run_examples(ruleset, index)
    for failure in report.failures:
        click.echo(failure)
    summary = (
        f"{ruleset.label}: {len(ruleset.files)} file(s), {len(ruleset.rules)} rule(s), "
        f"{report.total} example(s): {report.passed} passed, {len(report.failures)} failed"
    )
    if report.skipped_top:
        summary += f"; {report.skipped_top} top-result check(s) skipped (not in this directory)"
    click.echo(summary)
    if report.failures:
        raise click.ClickException("some examples failed")


@rules_group.command("learn")
@click.option("--since", help="only referrals opened on or after this day (YYYY-MM-DD)")
@click.option(
    "--min-count",
    type=click.IntRange(1, 1000),
    default=3,
    show_default=True,
    help="a word must be in at least this many corrected questions",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="the rule file to write the proposals to",
)
@with_appcontext
@needs_schema
def rules_learn_command(since: str | None, min_count: int, out: Path) -> None:
    """Propose vocabulary from the desk's corrections: a rule file for a person to review."""
    import routing.matcher.learn as learning
    from routing.core.clock import HELSINKI

    start = None
    if since:
        try:
            start = datetime.combine(date.fromisoformat(since), time(), HELSINKI)
        except ValueError:
            raise BadInput(f"--since: '{since}' is not a day (YYYY-MM-DD)") from None
    folder = current_app.config.get("ETEINEN_RULES")
    with db.new_session(read_only=True) as session:
        cases = learning.gather(session, start)
    ruleset = _router().ruleset
    learned = learning.learn(cases, ruleset, min_count, learning.rejected_ids(Path(folder) if folder else None))
    if learned.empty:
        click.echo(
            f"nothing to learn: {learned.cases} referral(s) with their question, {learned.corrected} corrected;"
            f" no word reaches {min_count} corrections with G² ≥ {learning.G2_MIN}"
        )
        return
    try:
        out.write_text(learning.rule_file(learned, since), encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"--out: cannot write {out}: {exc.strerror}") from None
    click.echo(
        f"{len(learned.proposals)} proposal(s) and {len(learned.misleading)} misleading word(s) from"
        f" {learned.corrected} corrected of {learned.cases} referrals written to {out};"
        f" check with `eteinen rules check {out}`"
    )
