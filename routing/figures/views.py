"""The network's figures as a page, overlaps, and the client's data rights pages (export, access log).

The page shows the tables of ``routing.figures.figure_tables`` (the numbers of
``eteinen figures --format csv``, which ``/figures.csv`` gives as they are),
each with a chart drawn here as SVG: no JavaScript needed to read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from flask import Response, abort, render_template, request
from flask_babel import format_percent, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

import routing.web.labels as labels
from routing.accounts.models import User
from routing.core import db
from routing.core.clock import helsinki_day
from routing.core.errors import BadInput
from routing.figures.compute import (
    SMALL,
    FiguresError,
    Scope,
    Table,
    compute_figures,
    figure_tables,
    figures_csv,
    make_scope,
    table_csv,
)
from routing.figures.overlaps import check_need, find_overlaps
from routing.matcher.gazetteer import gazetteer
from routing.web.formats import municipality_name, need_name, need_names
from routing.web.navigation import role_required
from routing.web.views import bp

FIGURE_ROLES = ("org-admin", "coordinator", "admin")
OVERLAPS_PER_PAGE = 20  # groups a page: at national scale one group can list a hundred services

TITLES: dict[str, Any] = {
    "summary": _l("In short"),
    "weeks": _l("Referrals opened per week"),
    "by_front_door": _l("Referrals opened by front door"),
    "by_channel": _l("Referrals opened by channel"),
    "time_to_owner_by_organisation": _l("Hours to a named owner by receiving organisation"),
    "declines_by_reason": _l("Offers declined by reason"),
    "declines_by_organisation": _l("Offers declined by organisation"),
    "outcomes": _l("Outcomes of closed referrals"),
    "needs": _l("Needs asked for, by municipality"),
    "unmet_needs": _l("Unmet needs, by municipality"),
    "unowned_older_than_14_days": _l("Cases with no named owner after 14 days"),
    "weeks_full": _l("Weeks at full, by service"),
    "engine_agreement": _l("Needs the desk left as the engine read them"),
    "engine_agreement_weeks": _l("Needs left as read, per week"),
    "needs_corrected": _l("Needs the desk added or removed"),
}
COLUMNS: dict[str, Any] = {
    "figure": _l("Figure"),
    "value": _l("Value"),
    "week": _l("Week"),
    "opened": _l("Opened"),
    "owned": _l("Owned"),
    "median_hours_to_owner": _l("Median hours to owner"),
    "organisation": _l("Organisation"),
    "channel": _l("Channel"),
    "median_hours": _l("Median hours"),
    "p90_hours": _l("90 % within hours"),
    "reason": _l("Reason"),
    "declined": _l("Declined"),
    "outcome": _l("Outcome"),
    "closed": _l("Closed"),
    "need": _l("Need"),
    "municipality": _l("Municipality"),
    "referrals": _l("Referrals"),
    "id": _l("Case"),
    "opened_at": _l("Opened"),
    "holder": _l("Holder"),
    "state": _l("State"),
    "service": _l("Service"),
    "weeks": _l("Weeks"),
    "front_door": _l("Front door"),
    "read": _l("Read by the engine"),
    "share": _l("Left as read"),
    "added": _l("Added"),
    "removed": _l("Removed"),
}
SUMMARY: dict[str, Any] = {
    "opened": _l("Referrals opened"),
    "owned": _l("of which have a named owner"),
    "median_hours_to_owner": _l("Median hours to a named owner"),
    "p90_hours_to_owner": _l("90 % had an owner within (hours)"),
    "owned_within_2_working_days": _l("Share owned within 2 working days"),
    "returned_to_open": _l("Referrals that went back to open"),
    "median_hours_waiting_after_return": _l("Median hours they waited"),
    "services_confirmed_share": _l("Share of active services confirmed in the period"),
}
CHANNELS: dict[str, Any] = {
    "desk": _l("front desk"),
    "ring": _l("phone or e-mail ring"),
    "api": _l("other system (API)"),
    "online": _l("online: the client wrote in"),
    "email": _l("e-mail to a ring's mailbox"),
}


@dataclass
class Bar:
    label: str
    shown: str  # the value as the table shows it
    share: float  # of the longest bar, 0…1
    small: bool  # a count from 1 to 4, drawn as an outline


@dataclass
class Chart:
    name: str
    title: str
    bars: list[Bar]
    columns: bool  # weeks stand as columns; categories lie as bars
    top: str  # the longest bar's value, for the scale


def _number(value: Any) -> float | None:
    if value == SMALL:
        return 2.5  # "1 to 4": drawn as long as the middle of that, as a dashed outline
    if isinstance(value, int | float):
        return float(value)
    return None


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _chart(name: str, title: str, pairs: list[tuple[str, Any]], *, columns: bool = False) -> Chart:
    numbers = [_number(v) for _, v in pairs]
    longest = max((n for n in numbers if n is not None), default=0.0) or 1.0
    bars = [
        Bar(label, _shown(value), (n or 0.0) / longest, value == SMALL)
        for (label, value), n in zip(pairs, numbers, strict=True)
    ]
    top = next((b.shown for b, n in zip(bars, numbers, strict=True) if n == longest), "")
    return Chart(name, title, bars, columns, top)


def _row_label(table: str, value: Any) -> str:
    """The first cell of a row in the page's language."""
    if table == "summary":
        return str(SUMMARY.get(value, value))
    if table == "by_channel":
        return str(CHANNELS.get(value, value))
    if table == "declines_by_reason":
        return labels.label(labels.DECLINE_REASON_LABELS, value)
    if table == "outcomes":
        return labels.label(labels.OUTCOME_LABELS, value)
    if table in ("needs", "unmet_needs", "needs_corrected"):
        return need_name(value)
    if table == "engine_agreement" and value == "all":
        return _("All front doors")
    return _shown(value)


def _cells(table: Table, row: list[Any]) -> list[str]:
    cells = [_row_label(table.name, row[0])]
    for column, value in zip(table.columns[1:], row[1:], strict=True):
        if (row[0] in ("owned_within_2_working_days", "services_confirmed_share") or column == "share") and isinstance(
            value, float
        ):
            cells.append(format_percent(value))
        elif column == "municipality":
            cells.append(municipality_name(value) if value else _("not known"))
        elif column == "state":
            cells.append(labels.label(labels.STATES_SHORT, value))
        elif column == "opened_at":
            cells.append(str(value)[:10])
        else:
            cells.append(_shown(value))
    return cells


def _headers(table: Table) -> list[str]:
    return [
        labels.label(labels.DECLINE_REASON_LABELS, c) if c in labels.DECLINE_REASON_LABELS else str(COLUMNS.get(c, c))
        for c in table.columns
    ]


def _charts(figures: dict[str, Any]) -> dict[str, Chart]:
    weeks = [(w["week"][-3:], w["opened"]) for w in figures["weeks"]]
    return {
        "weeks": _chart("weeks", _("Referrals opened per week"), weeks, columns=True),
        "weeks_median": _chart(
            "weeks",
            _("Median hours to a named owner, by the week opened"),
            [(w["week"][-3:], w["median_hours_to_owner"]) for w in figures["weeks"]],
            columns=True,
        ),
        "by_front_door": _chart("by_front_door", _("By front door"), list(figures["by_front_door"].items())),
        "by_channel": _chart(
            "by_channel", _("By channel"), [(str(CHANNELS[k]), v) for k, v in figures["by_channel"].items()]
        ),
        "time_to_owner_by_organisation": _chart(
            "time_to_owner_by_organisation",
            _("Median hours to a named owner"),
            [(o["name"], o["median"]) for o in figures["time_to_owner_by_organisation"]],
        ),
        "declines_by_reason": _chart(
            "declines_by_reason",
            _("Offers declined by reason"),
            [(labels.label(labels.DECLINE_REASON_LABELS, k), v) for k, v in figures["declines_by_reason"].items()],
        ),
        "outcomes": _chart(
            "outcomes",
            _("Outcomes of closed referrals"),
            [(labels.label(labels.OUTCOME_LABELS, k), v) for k, v in figures["outcomes"].items()],
        ),
    }


def _scope(user: User) -> tuple[Scope | None, FiguresError | None]:
    try:
        scope = make_scope(
            request.args.get("from"),
            request.args.get("to"),
            request.args.get("region"),
            organization_id=user.organization_id if user.role == "org-admin" else None,
        )
    except FiguresError as exc:
        return None, exc
    return scope, None


def _error_text(exc: FiguresError) -> str:
    if exc.field == "region":
        return _("There is no region by that name or code. Pick one from the list.")
    if "before" in str(exc):
        return _("The last day is before the first day.")
    return _("Write the dates as 2026-01-31 (year, month, day).")


def _regions() -> list[tuple[str, str]]:
    """(code, name in the page's language) of every region, for the picker."""
    lang = str(get_locale() or "fi")
    return [(code, gazetteer().region_name(code, lang) or code) for code in gazetteer().regions]


@bp.get("/figures")
@role_required(*FIGURE_ROLES)
def figures() -> tuple[str, int]:
    user = current_user.user
    scope, error = _scope(user)
    form = {
        "from": request.args.get("from", ""),
        "to": request.args.get("to", ""),
        "region": request.args.get("region", ""),
    }
    if scope is None:
        assert error is not None
        page = render_template(
            "figures/figures.html", figures=None, error=_error_text(error), error_field=error.field, form=form,
            regions=_regions(), today=helsinki_day(),
        )  # fmt: skip
        return page, 400
    result = compute_figures(db.read_session(), scope)
    tables = {t.name: t for t in figure_tables(result)}
    return (
        render_template(
            "figures/figures.html",
            figures=result,
            tables=tables,
            titles=TITLES,
            headers={name: _headers(t) for name, t in tables.items()},
            rows={name: [_cells(t, row) for row in t.rows] for name, t in tables.items()},
            drawn=_charts(result),
            form=form,
            query={k: v for k, v in form.items() if v},
            regions=_regions(),
            error=None,
            error_field=None,
            org_admin=user.role == "org-admin",
        ),
        200,
    )


def _csv_response(body: str, filename: str) -> Response:
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _figures_or_400() -> tuple[dict[str, Any], Scope]:
    scope, error = _scope(current_user.user)
    if scope is None:
        assert error is not None
        abort(400, description=str(error))
    return compute_figures(db.read_session(), scope), scope


@bp.get("/figures.csv")
@role_required(*FIGURE_ROLES)
def figures_csv_download() -> Response:
    """Every table in one CSV: the very output of ``eteinen figures --format csv``."""
    result, scope = _figures_or_400()
    return _csv_response(figures_csv(result), f"eteinen-figures-{scope.start}-{scope.end}.csv")


@bp.get("/figures/<name>.csv")
@role_required(*FIGURE_ROLES)
def figure_table_csv(name: str) -> Response:
    if name not in TITLES:
        abort(404)
    result, scope = _figures_or_400()
    table = next(t for t in figure_tables(result) if t.name == name)
    return _csv_response(table_csv(table), f"eteinen-{name.replace('_', '-')}-{scope.start}-{scope.end}.csv")


@bp.get("/directory/overlaps")
@role_required(*FIGURE_ROLES)
def directory_overlaps() -> tuple[str, int]:
    form = {"region": request.args.get("region", ""), "need": request.args.get("need", "")}
    page = request.args.get("page", "1")
    try:
        scope = make_scope(request.args.get("from"), request.args.get("to"), request.args.get("region"))
        need = check_need(db.read_session(), form["need"] or None)
    except (FiguresError, BadInput) as exc:
        no_need = _("There is no such need. Pick one from the list.")
        error = _error_text(exc) if isinstance(exc, FiguresError) else no_need
        return render_template(
            "figures/overlaps.html", result=None, error=error, form=form, regions=_regions(), needs=need_names()
        ), 400
    number = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
    result = find_overlaps(db.read_session(), scope, need, number, OVERLAPS_PER_PAGE)
    for group in result["overlaps"]:  # the directory's filters (age_range...) read attributes
        group["services"] = [SimpleNamespace(**service) for service in group["services"]]
    form["region"] = scope.region or ""
    return render_template(
        "figures/overlaps.html", result=result, error=None, form=form, regions=_regions(), needs=need_names()
    ), 200
