"""``eteinen import-ptv``: three organisations of different kinds from saved PTV answers and from a local server
that pages them as PTV does; re-runs update in place; bad input and network failures write nothing."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from routing.cli import cli
from routing.core import db
from routing.directory.models import (
    Address,
    Attribute,
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from routing.directory.services import target_groups
from routing.matcher.loading import current_router
from routing.matcher.router import RouteRequest
from tests.ptv.recorded import ASSOCIATION, COUNTY, KERAVA, PtvServer, gid, network, save, serving


def run(runner, *args: str):
    return runner.invoke(cli, ["import-ptv", *args])


def counts(engine) -> dict[str, int]:
    with Session(engine) as s:
        return {
            model.__name__: len(s.exec(select(model)).all())
            for model in (Organization, Service, Location, Address, ServiceArea, ServiceAtLocation, Attribute)
        }


def test_saved_answers_of_three_organisations_give_a_directory_that_routes(app, runner, engine, tmp_path):
    result = run(runner, "--from", str(save(tmp_path / "ptv")))
    assert result.exit_code == 0, result.output
    assert "PTV: 3 organisation(s), 8 service(s)" in result.output
    assert "new: Keravan työllisyyspalvelut" in result.output
    assert "Kaavoitus" in result.output and "map to no need" in result.output  # the unmapped report
    assert "printable form" in result.output  # what PTV has that the directory does not keep
    with Session(engine) as s:
        service = s.get(Service, gid(2))
        assert service.name == "Maahan muuttaneiden työllisyyspalvelut" and service.status == "active"
        assert service.organization_id == KERAVA and service.eligibility_description == "Keravalaiset"
        areas = {a.extent for a in s.exec(select(ServiceArea).where(ServiceArea.service_id == gid(10)))}
        assert areas == {"municipality:245", "municipality:186", "municipality:858", "municipality:092"}
        assert {a.extent for a in s.exec(select(ServiceArea).where(ServiceArea.service_id == gid(11)))} == {"region:01"}
        assert {a.extent for a in s.exec(select(ServiceArea).where(ServiceArea.service_id == gid(20)))} == {
            "country:FI"
        }
        location = s.get(Location, gid(1, "c"))
        assert location.location_type == "physical" and location.external_identifier == gid(1, "c")
        assert round(location.latitude, 4) == 60.4034
        address = s.exec(select(Address).where(Address.location_id == gid(1, "c"))).one()
        assert (address.address_1, address.postal_code, address.city) == ("Kauppakaari 11", "04200", "KERAVA")
        assert s.get(Organization, COUNTY).name == "Keski-Uudenmaan hyvinvointialue"
        assert "maahan muuttaneet" in target_groups(s, [gid(2)], "fi")[gid(2)]
        assert "nuoret" in target_groups(s, [gid(3)], "fi")[gid(3)]
        swedish = s.exec(
            select(Attribute.value)
            .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
            .where(Attribute.link_id == gid(2), TaxonomyTerm.code == "name:sv")
        ).one()
        assert swedish == "Sysselsättningstjänster för invandrare"
    with app.app_context():
        routed = current_router().route(RouteRequest("Tarvitsen apua työnhakuun", municipality="245"))
        assert routed.candidates[0].service_id in (gid(1), gid(2))
        debt = current_router().route(RouteRequest("Minulla on velkoja enkä selviä laskuista", municipality="179"))
        assert debt.candidates[0].service_id == gid(20)  # national, from the association


def test_second_run_updates_just_what_changed(app, runner, engine, tmp_path):
    assert run(runner, "--from", str(save(tmp_path / "first"))).exit_code == 0
    before = counts(engine)
    data = network()
    data[KERAVA]["services"] = [s for s in data[KERAVA]["services"] if s["id"] != gid(4)]  # Kaavoitus gone
    data[COUNTY]["services"][0]["serviceNames"][0]["value"] = "Aikuissosiaalityö"  # renamed
    with db.transaction(engine) as s:
        s.get(Service, gid(1)).assured_date = "2026-12-01"  # confirmed in Eteinen meanwhile
    second = run(runner, "--from", str(save(tmp_path / "second", data)))
    assert second.exit_code == 0, second.output
    assert "renamed: Aikuisten sosiaalityö → Aikuissosiaalityö" in second.output
    assert "gone from PTV, now inactive: Kaavoitus" in second.output
    assert "new:" not in second.output and "changed:" not in second.output
    assert counts(engine) == before  # nothing deleted, nothing doubled
    with Session(engine) as s:
        assert s.get(Service, gid(4)).status == "inactive"
        assert s.get(Service, gid(10)).name == "Aikuissosiaalityö"
        assert s.get(Service, gid(1)).assured_date == "2026-12-01"
    third = run(runner, "--from", str(save(tmp_path / "third", data)))
    assert "no service changed" in third.output and "rows (added/changed/removed): none" in third.output


def test_through_the_api_paged_as_ptv_pages(app, runner, engine, tmp_path):
    state = PtvServer(network(), size=2)
    with serving(state) as base:
        result = run(
            runner, "--organization", KERAVA, "--organization", COUNTY, "--organization", ASSOCIATION, "--url", base
        )
    assert result.exit_code == 0, result.output
    assert "PTV: 3 organisation(s), 8 service(s)" in result.output
    assert f"Service/list/organization?organizationId={KERAVA}&page=2" in state.requests  # 4 services, 2 a page
    assert f"Service/list/organization?organizationId={KERAVA}&page=3" not in state.requests
    saved = tmp_path / "saved"
    run_saved = run(runner, "--from", str(save(saved)))
    assert "no service changed" in run_saved.output  # the same directory either way


@pytest.mark.parametrize(
    ("breaks", "said"),
    [
        ("not json", "not valid JSON"),
        ("area type", "$.itemList[0]: areaType: 'Everywhere' is not one of Nationwide"),
        ("municipality", "areas[0].code: no Finnish municipality has the code '999'"),
        ("missing names", "serviceNames: missing required value"),
        ("bad class", "serviceClasses[0].code: not a PTV service class code"),
    ],
)
def test_bad_answers_exit_2_with_where_and_what_and_write_nothing(app, runner, engine, tmp_path, breaks, said):
    data = network()
    first = data[KERAVA]["services"][0]
    if breaks == "area type":
        first["areaType"] = "Everywhere"
    elif breaks == "municipality":
        first["areas"][0]["code"] = "999"
    elif breaks == "missing names":
        del first["serviceNames"]
        first["serviceChannels"] = []
        first["serviceNames"] = None
    elif breaks == "bad class":
        first["serviceClasses"][0]["code"] = "X1"
    folder = save(tmp_path / "ptv", data)
    if breaks == "not json":
        (folder / f"services-{KERAVA}-2.json").write_text('{"pageNumber": 2, "itemList": [', "utf-8")
    before = counts(engine)
    result = run(runner, "--from", str(folder))
    assert result.exit_code == 2, result.output
    assert said in result.output and "nothing was imported" in result.output
    if breaks != "not json":
        assert f"services-{KERAVA}-1.json" in result.output
    assert counts(engine) == before


def test_network_failure_halfway_exits_1_and_writes_nothing(app, runner, engine):
    state = PtvServer(network(), size=2)
    state.broken[f"Service/list/organization?organizationId={COUNTY}&page=2"] = -1
    with serving(state) as base:
        result = run(runner, "--organization", KERAVA, "--organization", COUNTY, "--url", base)
    assert result.exit_code == 1, result.output
    assert f"organizationId={COUNTY}&page=2" in result.output and "nothing was imported" in result.output
    assert counts(engine)["Service"] == 0
    state.broken = {f"ServiceChannel/list/organization?organizationId={KERAVA}&page=1": 503}
    with serving(state) as base:
        result = run(runner, "--organization", KERAVA, "--url", base)
    assert result.exit_code == 1 and "HTTP 503" in result.output


def test_an_answer_that_is_not_a_page_exits_2(app, runner, engine):
    state = PtvServer(network(), size=2)
    state.broken[f"Service/list/organization?organizationId={KERAVA}&page=1"] = b"<html>maintenance</html>"
    with serving(state) as base:
        result = run(runner, "--organization", KERAVA, "--url", base)
    assert result.exit_code == 2 and "not valid JSON" in result.output
    assert counts(engine)["Service"] == 0


def test_usage_errors(runner, tmp_path):
    assert run(runner).exit_code == 2
    assert run(runner, "--organization", KERAVA, "--from", str(tmp_path)).exit_code == 2
    missing = run(runner, "--from", str(tmp_path / "nope"))
    assert missing.exit_code == 2 and "no such file or folder" in missing.output


def test_the_networks_own_mapping_table_wins(app_config, tmp_path):
    from rules.load import bundled_path

    rules = tmp_path / "rules"
    rules.mkdir()
    for f in bundled_path().glob("*.toml"):
        (rules / f.name).write_bytes(f.read_bytes())
    (rules / "ptv-mapping.csv").write_text("source,code,maps_to\nservice_class,P2.3,housing\n", "utf-8")
    from routing import create_app

    app = create_app({**app_config, "ETEINEN_RULES": str(rules)})
    result = app.test_cli_runner().invoke(cli, ["import-ptv", "--from", str(save(tmp_path / "ptv"))])
    assert result.exit_code == 0, result.output
    assert "Kaavoitus (" not in result.output  # P2.3 maps to a need here
    (rules / "ptv-mapping.csv").write_text("source,code,maps_to\nservice_class,P2.3,parking\n", "utf-8")
    broken = app.test_cli_runner().invoke(cli, ["import-ptv", "--from", str(tmp_path / "ptv")])
    assert broken.exit_code == 2 and "ptv-mapping.csv:2: maps_to: unknown need code 'parking'" in broken.output
    app.extensions["eteinen.engine"].dispose()
    json.dumps({})
