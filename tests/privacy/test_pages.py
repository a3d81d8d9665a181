"""The client's data rights on pages: the printable export, the access-log tab."""

from __future__ import annotations

import pytest
from sqlmodel import select

from routing.core import db
from routing.privacy.models import AccessLog

from ..histories import can_log_in
from ..web.conftest import login
from .conftest import QUESTION, Clients


def test_export_and_access_log_pages(app, client, clients: Clients) -> None:
    ref = clients.refs["closed"]
    can_log_in(app, "receiver-admin@example.fi")
    login(client, "receiver-admin@example.fi", lang="fi")
    case = client.get(f"/referrals/{ref.id}")
    assert case.status_code == 200
    assert f"/referrals/{ref.id}/access-log" in case.text and f"/referrals/{ref.id}/export" in case.text

    export = client.get(f"/referrals/{ref.id}/export")
    assert export.status_code == 200
    assert QUESTION in export.text and "Matti tuli käymään, CV tehty" in export.text and "Matti soitti" in export.text
    with app.app_context(), db.new_session(read_only=True) as s:
        reads = s.exec(select(AccessLog).where(AccessLog.referral_id == ref.id)).all()
    assert [(a.how, a.what) for a in reads][-1] == ("export", "page")

    log = client.get(f"/referrals/{ref.id}/access-log")
    assert log.status_code == 200
    assert "anna@te.example.fi" in log.text or "anna" in log.text
    assert "export · page" in log.text and "TE-palvelut" in log.text


@pytest.mark.parametrize(("email", "status"), [("other-admin@example.fi", 404), ("counsellor@example.fi", 403)])
def test_client_data_pages_for_others(app, client, clients: Clients, email: str, status: int) -> None:
    can_log_in(app, email)
    login(client, email)
    ref = clients.refs["closed"]
    assert client.get(f"/referrals/{ref.id}/export").status_code == status
    assert client.get(f"/referrals/{ref.id}/access-log").status_code == status


def test_the_case_page_has_no_data_rights_tabs_for_a_counsellor(app, client, clients: Clients) -> None:
    can_log_in(app, "anna@te.example.fi")
    login(client, "anna@te.example.fi")
    ref = clients.refs["accepted"]  # held by anna's organisation
    page = client.get(f"/referrals/{ref.id}")
    assert page.status_code == 200
    assert "/access-log" not in page.text


@pytest.mark.parametrize(
    ("email", "may_open"), [("coordinator@example.fi", False), ("receiver-admin@example.fi", True)]
)
def test_the_data_pages_link_back_to_the_case_only_for_who_may_open_it(
    app, client, clients: Clients, email: str, may_open: bool
) -> None:
    """The coordinator manages the client's data without taking part in the case; the receiving
    organisation's admin took part (it owns the closed case)."""
    can_log_in(app, email)
    login(client, email)
    case_url = f"/referrals/{clients.refs['closed'].id}"
    assert (client.get(case_url).status_code == 200) == may_open
    for page in ("export", "access-log"):
        response = client.get(f"{case_url}/{page}")
        assert response.status_code == 200
        assert (f'href="{case_url}"' in response.text) == may_open
