"""The /figures page, its CSV downloads, and the overlaps page."""

from __future__ import annotations

import re

import pytest

from routing.cli import cli
from routing.core import db
from routing.figures.compute import compute_figures, figure_tables, make_scope, table_csv

from ..histories import can_log_in
from ..web.conftest import login
from .jan2026 import NOW, January

QUERY = "from=2026-01-05&to=2026-01-18"


@pytest.fixture
def coordinator(app, client, january: January):  # type: ignore[no-untyped-def]
    can_log_in(app, "coordinator@example.fi")
    login(client, "coordinator@example.fi", lang="fi")
    return client


def test_the_page_in_finnish_with_charts_and_tables(coordinator) -> None:
    page = coordinator.get(f"/figures?{QUERY}")
    assert page.status_code == 200
    html = page.text
    assert "Verkosto lukuina" in html and "Avatut ohjaukset viikoittain" in html
    assert html.count('<svg class="chart"') == 7 and html.count('role="img"') >= 7
    assert "<script" not in html  # readable without JavaScript
    # the weekly table: W02 9 opened, 7 owned, median 24.0 h; W03 suppressed
    weeks = html[html.index('id="table-weeks"') :]
    weeks = weeks[: weeks.index("</table>")]
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", weeks)
    assert cells[-8:] == ["2026-W02", "9", "7", "24.0", "2026-W03", "&lt;5", "&lt;5", "–"]
    assert "Palveltu: asiakas sai apua" in html  # outcomes in words
    assert "54\xa0%" in html  # owned within 2 working days (Finnish: a no-break space)
    # suppressed counts are drawn as outlines, not as bars of their size
    assert 'class="bar small"' in html


def test_the_csv_downloads_are_the_commands_numbers(app, coordinator, runner) -> None:
    whole = coordinator.get(f"/figures.csv?{QUERY}")
    assert whole.status_code == 200 and whole.mimetype == "text/csv"
    assert 'filename="eteinen-figures-2026-01-05-2026-01-18.csv"' in whole.headers["Content-Disposition"]
    command = runner.invoke(cli, ["figures", "--from", "2026-01-05", "--to", "2026-01-18", "--format", "csv"])
    assert command.exit_code == 0
    assert whole.text == command.output

    with app.app_context(), db.new_session(read_only=True) as s:
        tables = figure_tables(compute_figures(s, make_scope("2026-01-05", "2026-01-18")))
    for table in tables:
        one = coordinator.get(f"/figures/{table.name}.csv?{QUERY}")
        assert one.status_code == 200, table.name
        assert one.text == table_csv(table)
    assert coordinator.get(f"/figures/nothing.csv?{QUERY}").status_code == 404


def test_bad_input_on_the_page(coordinator) -> None:
    page = coordinator.get("/figures?from=2026-02-30")
    assert page.status_code == 400
    assert "Kirjoita päivämäärät muodossa 2026-01-31" in page.text
    assert 'aria-invalid="true"' in page.text
    assert coordinator.get("/figures?from=2026-02-01&to=2026-01-01").status_code == 400
    assert coordinator.get("/figures?region=Atlantis").status_code == 400
    assert coordinator.get("/figures.csv?region=Atlantis").status_code == 400


@pytest.mark.parametrize(("email", "status"), [("front-desk@example.fi", 403), ("counsellor@example.fi", 403)])
def test_roles(app, client, january: January, email: str, status: int) -> None:
    can_log_in(app, email)
    login(client, email)
    for path in ("/figures", "/figures.csv", "/figures/weeks.csv", "/directory/overlaps"):
        assert client.get(path).status_code == status, path


def test_an_org_admin_sees_their_own(app, client, january: January) -> None:
    can_log_in(app, "org-admin@example.fi")
    login(client, "org-admin@example.fi", lang="en")
    page = client.get(f"/figures?{QUERY}")
    assert page.status_code == 200
    assert "Only referrals your organisation opened, held or was offered" in page.text
    assert "TE-palvelut" not in page.text  # another organisation's rows


def test_logged_out_goes_to_login(client, january: January) -> None:
    response = client.get("/figures")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_overlaps_page(coordinator) -> None:
    page = coordinator.get("/directory/overlaps?region=01")
    assert page.status_code == 200
    assert "Päällekkäiset palvelut ja aukot" in page.text
    assert coordinator.get("/directory/overlaps?region=Atlantis").status_code == 400
    assert "Päällekkäiset palvelut ja aukot" in coordinator.get("/directory").text


def test_now_is_fixed_for_the_hand_counts() -> None:
    assert NOW.isoformat() == "2026-02-20T10:00:00+00:00"
