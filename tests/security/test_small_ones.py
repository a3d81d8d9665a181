"""Finding 10 (the rest): bidirectional overrides shown isolated, and search terms taken literally."""

from __future__ import annotations

import re

import pytest

from routing.core import db
from routing.directory.models import Organization, Service
from tests.security.conftest import OPEN, log_in

RLO = "\u202e"


def test_bidi_overrides_stay_inside_their_field(app, client, as_, world) -> None:
    question = f"apua {RLO}gpj.exe{RLO} työhön"
    contact = f"040 {RLO}1234"
    rid = as_("desk").post("/referrals", {**OPEN, "question": question, "client_contact": contact}).json["id"]
    offer = as_("desk").post(f"/referrals/{rid}/offers", {"service_id": world.services["b"], "note": f"huom {RLO}x"})
    assert offer.status_code == 201
    assert log_in(client, "b1@example.fi").status_code == 302
    for path in (f"/referrals/{rid}", "/inbox"):
        page = client.get(path).text
        outside = re.sub(r"<bdi>[^<]*</bdi>", "", page)
        assert RLO in page and RLO not in outside, path
    admin = app.test_client()
    assert log_in(admin, "coordinator@example.fi").status_code == 302
    page = admin.get(f"/referrals/{rid}/export").text
    assert RLO in page and RLO not in re.sub(r"<bdi>[^<]*</bdi>", "", page)


@pytest.mark.parametrize(
    ("term", "found"),
    [("100%", ["Apu 100% varma"]), ("a_b", ["a_b-palvelu"]), ("%", ["Apu 100% varma"]), ("_", ["a_b-palvelu"])],
)
def test_percent_and_underscore_in_a_search_are_letters(app, as_, world, term: str, found: list[str]) -> None:
    with app.app_context(), db.transaction() as s:
        s.add(Organization(id="org-like", name="Like Oy"))
        s.flush()
        for n, name in enumerate(["Apu 100% varma", "Apu 1000 varma", "a_b-palvelu", "axb-palvelu"]):
            s.add(Service(id=f"svc-like-{n}", organization_id="org-like", name=name, status="active"))
    response = as_("desk").get("/services", query_string={"search": term, "per_page": 500})
    assert response.status_code == 200, response.text
    names = [item["name"] for item in response.json["contents"] if item["organization_id"] == "org-like"]
    assert names == found
