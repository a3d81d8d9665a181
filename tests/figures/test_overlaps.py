"""Overlapping services and gaps on a small hand-made directory."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routing.cli import cli
from routing.core import db
from routing.figures.compute import Scope, make_scope, region_municipalities
from routing.figures.overlaps import DirectoryService, _groups_in, find_overlaps
from routing.referrals.models import Offer

from ..histories import History, hki

PERIOD = Scope(date(2026, 1, 1), date(2026, 1, 31))


@pytest.fixture
def directory(app) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """employment in Kerava (245):

    A org1 Kerava 15–29 fi; B org2 all of Uusimaa 18–64 fi+sv; C org3 Kerava 30–64 fi;
    D org1 Kerava 15–29 fi (A's twin at the same organisation); E org4 everywhere, English only;
    F org5 Kerava, inactive. debt: G org2 Vantaa (092) only. housing: a need nobody serves.
    """
    with app.app_context(), db.transaction() as s:
        h = History(s)
        orgs = [h.org(f"Org {i}") for i in range(1, 6)]
        ids = {
            "A": h.service(orgs[0], "A", needs=("employment",), areas=("municipality:245",), languages=("fi",),
                           minimum_age=15, maximum_age=29),
            "B": h.service(orgs[1], "B", needs=("employment",), areas=("region:01",), languages=("fi", "sv"),
                           minimum_age=18, maximum_age=64),
            "C": h.service(orgs[2], "C", needs=("employment",), areas=("municipality:245",), languages=("fi",),
                           minimum_age=30, maximum_age=64),
            "D": h.service(orgs[0], "D", needs=("employment",), areas=("municipality:245",), languages=("fi",),
                           minimum_age=15, maximum_age=29),
            "E": h.service(orgs[3], "E", needs=("employment",), languages=("en",)),
            "F": h.service(orgs[4], "F", needs=("employment",), areas=("municipality:245",), status="inactive"),
            "G": h.service(orgs[1], "G", needs=("debt",), areas=("municipality:092",)),
        }  # fmt: skip
        h.term("housing")
        # offers in January: A offered 3 times (2 accepted, 1 declined), B 6 times; one A offer in February
        # (written straight in: only the counts matter here)
        for i, (sid, state) in enumerate(
            [("A", "accepted"), ("A", "accepted"), ("A", "declined")] + [("B", "pending")] * 6 + [("A", "pending")]
        ):
            ref = h.referral(hki(2026, 1 if i < 9 else 2, 10 + i % 9, 9), orgs[3], municipality="092", needs=("debt",))
            h.s.add(
                Offer(
                    referral_id=ref.id,
                    service_id=ids[sid].id,
                    organization_id=ids[sid].organization_id,
                    state=state,
                    created_at=ref.created_at,
                )
            )
        return {k: v.id for k, v in ids.items()}


def overlaps(app, scope: Scope = PERIOD) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    with app.app_context(), db.new_session(read_only=True) as s:
        return find_overlaps(s, scope)


def test_groups_of_overlapping_services(app, directory) -> None:
    result = overlaps(app)
    groups = {(g["need"], tuple(g["municipalities"])): [s["name"] for s in g["services"]] for g in result["overlaps"]}
    # in Kerava A, D (15–29) and C (30–64) each overlap B (18–64): one group through B;
    # E speaks no Finnish or Swedish, F is inactive; elsewhere in Uusimaa B is alone
    assert groups == {("employment", ("245",)): ["A", "D", "B", "C"]}
    group = result["overlaps"][0]
    assert group["municipality_names"] == ["Kerava"]
    counts = {s["name"]: (s["offered"], s["accepted"], s["declined"]) for s in group["services"]}
    assert counts == {"A": ("<5", "<5", "<5"), "B": (6, 0, 0), "C": (0, 0, 0), "D": (0, 0, 0)}


def test_gaps_are_needs_no_active_service_covers_in_the_region(app, directory) -> None:
    result = overlaps(app)
    uusimaa = region_municipalities("01")
    # the network's region comes from the services' areas: Uusimaa
    assert result["municipalities"] == list(uusimaa)
    gaps = {(g["need"], g["municipality"]) for g in result["gaps"]}
    assert {("housing", m) for m in uusimaa} <= gaps
    assert {("debt", m) for m in uusimaa if m != "092"} <= gaps
    assert ("debt", "092") not in gaps
    assert not any(need == "employment" for need, _ in gaps)  # B covers all of Uusimaa
    vantaa_housing = next(g for g in result["gaps"] if g["need"] == "housing" and g["municipality"] == "092")
    assert vantaa_housing["name"] == "Vantaa" and vantaa_housing["asked"] == 0
    # demand in a gap: nine debt referrals in Vantaa in January, but debt is covered there; Kerava asked for none
    kerava_debt = next(g for g in result["gaps"] if g["need"] == "debt" and g["municipality"] == "245")
    assert kerava_debt["asked"] == 0


def test_a_region_limits_the_gaps_and_overlaps(app, directory) -> None:
    result = overlaps(app, make_scope("2026-01-01", "2026-01-31", region="13"))
    assert result["region"] == "13" and result["overlaps"] == []
    # Keski-Suomi: only E (everywhere, English) serves employment there
    assert {g["need"] for g in result["gaps"]} == {"debt", "housing"}


def test_api_and_command(client, runner, app, directory) -> None:
    with app.app_context(), db.transaction() as s:
        h = History(s)
        token = h.token(h.user(h.org("Koordinaatio"), "coordinator", "k@example.fi"))
    response = client.get(
        "/api/v1/directory/overlaps?from=2026-01-01&to=2026-01-31", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert [s["name"] for s in response.json["overlaps"][0]["services"]] == ["A", "D", "B", "C"]
    text = runner.invoke(cli, ["directory", "overlaps", "--from", "2026-01-01", "--to", "2026-01-31"])
    assert text.exit_code == 0, text.output
    assert "employment in Kerava:" in text.output
    assert "Org 2: B  (ages 18–64, fi,sv)  offered 6, accepted 0, declined 0" in text.output
    assert "  housing: " in text.output
    bad = runner.invoke(cli, ["directory", "overlaps", "--region", "Atlantis"])
    assert bad.exit_code == 2 and "no region" in bad.output


def test_the_overlaps_page(app, client, directory) -> None:
    from ..histories import can_log_in
    from ..web.conftest import login

    with app.app_context(), db.transaction() as s:
        h = History(s)
        h.user(h.org("Koordinaatio"), "coordinator", "k@example.fi")
    can_log_in(app, "k@example.fi")
    login(client, "k@example.fi", lang="fi")
    page = client.get("/directory/overlaps?region=01&from=2026-01-01&to=2026-01-31")
    assert page.status_code == 200
    html = page.text
    assert "Työnhaku ja työllistyminen: Kerava" in html  # the need and where
    assert "18–64" in html and "15–29" in html  # ages
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html[html.index(">B<") :])
    assert cells[:6] == ["Org 2", "18–64 v", "suomi, ruotsi", "6", "0", "0"]
    assert "Asuminen" in html  # a gap


def _pairwise_groups(cell: list[DirectoryService]) -> set[frozenset[str]]:
    """The groups by the definition: every pair of different organisations' services tested."""
    parent = {s.id: s.id for s in cell}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    linked: set[str] = set()
    for i, a in enumerate(cell):
        for b in cell[i + 1 :]:
            if a.organization_id != b.organization_id and a.overlaps(b):
                parent[root(a.id)] = root(b.id)
                linked.update((a.id, b.id))
    members: dict[str, set[str]] = {}
    for sid in linked:
        members.setdefault(root(sid), set()).add(sid)
    return {frozenset(m) for m in members.values()}


_ages = st.one_of(st.none(), st.integers(0, 70).map(float))
_services = st.lists(
    st.tuples(st.sampled_from("abcd"), _ages, _ages, st.frozensets(st.sampled_from(("fi", "sv", "en")), max_size=2)),
    max_size=14,
)


@settings(max_examples=400, deadline=None)
@given(_services)
def test_the_sweep_finds_the_groups_every_pair_test_finds(rows: list[Any]) -> None:
    cell = [
        DirectoryService(f"s{i}", f"s{i}", org, org, frozenset({"x"}), None, (), low, high, langs)
        for i, (org, low, high, langs) in enumerate(rows)
    ]
    assert set(_groups_in(cell)) == _pairwise_groups(cell)


def test_a_summary_by_region_and_need_and_pages_of_groups(client, runner, app, directory) -> None:
    with app.app_context(), db.transaction() as s:
        h = History(s)
        token = h.token(h.user(h.org("Koordinaatio"), "coordinator", "k@example.fi"))
    auth = {"Authorization": f"Bearer {token}"}
    whole = client.get("/api/v1/directory/overlaps?from=2026-01-01&to=2026-01-31", headers=auth).json
    assert whole["paging"]["total_items"] == len(whole["overlaps"]) >= 1
    # the summary counts what the groups and gaps hold, per region and need
    for row in whole["summary"]:
        groups = [g for g in whole["overlaps"] if g["need"] == row["need"]]
        assert row["groups"] == len(groups)
        assert row["services"] == len({s["id"] for g in groups for s in g["services"]})
        assert row["gaps"] == len([g for g in whole["gaps"] if g["need"] == row["need"]])
    assert {(r["region"], r["need"]) for r in whole["summary"]} >= {("01", "employment"), ("01", "housing")}
    one = client.get("/api/v1/directory/overlaps?need=employment&page=1&per_page=1", headers=auth).json
    assert one["need"] == "employment" and len(one["overlaps"]) == 1
    assert one["paging"] == {
        "total_items": whole["paging"]["total_items"],
        "total_pages": whole["paging"]["total_items"],
        "page_number": 1,
        "per_page": 1,
    }
    assert {g["need"] for g in one["gaps"]} <= {"employment"}
    past = client.get("/api/v1/directory/overlaps?page=99", headers=auth).json
    assert past["overlaps"] == [] and past["summary"] == whole["summary"]
    bad = client.get("/api/v1/directory/overlaps?need=flying", headers=auth)
    assert bad.status_code == 400 and "need" in bad.json["error"]["message"]
    assert client.get("/api/v1/directory/overlaps?per_page=0", headers=auth).status_code == 400
    text = runner.invoke(cli, ["directory", "overlaps", "--need", "employment", "--per-page", "1"])
    assert text.exit_code == 0, text.output
    assert "By region and need" in text.output and "01 employment: 1 group(s)" in text.output
    bad = runner.invoke(cli, ["directory", "overlaps", "--need", "flying"])
    assert bad.exit_code == 2 and "no need 'flying'" in bad.output
