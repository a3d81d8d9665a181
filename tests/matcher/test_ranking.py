"""The counsellor's order on a small hand-built directory (HSDS-PROFILE.md, "How enquiries are labelled")."""

from __future__ import annotations

import pytest
from conftest import RouterFactory
from matcher_helpers import route

from routing.matcher.index import ServiceRecord
from routing.matcher.router import RouteInputError, Router


def svc(
    key: str,
    needs: list[str],
    areas: list[str],
    languages: list[str] | None = None,
    low: int | None = None,
    high: int | None = None,
    status: str = "active",
    name: str | None = None,
) -> ServiceRecord:
    return ServiceRecord(
        id=key,
        name=name or f"Service {key}",
        organization_id=f"org-{key}",
        organization_name=f"Org {key}",
        status=status,
        minimum_age=low,
        maximum_age=high,
        areas=tuple(areas),
        languages=tuple(languages or ["fi"]),
        needs=tuple(needs),
    )


DIRECTORY = [
    svc("A", ["employment", "housing"], ["municipality:179"], ["fi"], 15, 29, name="Nuorten palvelupiste"),
    svc("B", ["employment"], ["municipality:179"], ["fi", "en"]),
    svc("C", ["employment"], ["region:13"]),
    svc("D", ["employment"], [], ["fi", "sv", "en"]),
    svc("E", ["employment"], ["municipality:179"], status="temporarily closed"),
    svc("F", ["employment"], ["municipality:179"], low=30),
    svc("G", ["employment"], ["municipality:410"]),
    svc("H", ["employment"], ["municipality:606"]),
    svc("I", ["employment"], ["municipality:179"], low=18, high=64),
    svc("J", ["employment"], ["municipality:179"], ["sv"]),
    svc("K", ["social-work", "study-guidance", "youth-work"], ["region:13"], name="Yleinen ohjaus"),
    svc("L", ["housing"], ["country:FI"]),
]


@pytest.fixture
def router(make_router: RouterFactory) -> Router:
    return make_router(DIRECTORY)


def ids(result: dict) -> list[str]:
    return [c["service_id"] for c in result["candidates"]]


def test_eligibility_is_a_filter_and_the_order_is_the_counsellors(router: Router) -> None:
    result = route(router, "etsin töitä", municipality="179", age=24, limit=10)
    # E closed, F is for 30+, G and H cover other municipalities: never candidates
    # then: needs covered → Finnish → Jyväskylä > Keski-Suomi > national → age band ≤ 20 years > other bound > none
    assert ids(result) == ["A", "I", "B", "C", "D", "J"]


def test_more_needs_covered_comes_first(router: Router) -> None:
    result = route(router, "etsin töitä ja asuntoa", municipality="179", age=40, limit=3)
    assert {n["code"] for n in result["needs"]} == {"employment", "housing"}
    # A covers both but is for 15–29: not eligible at 40; so the one-need services, national housing among them
    assert "A" not in ids(result)
    result = route(router, "etsin töitä ja asuntoa", municipality="179", age=24, limit=3)
    assert ids(result)[0] == "A"
    assert result["candidates"][0]["reasons"][0] == "tarpeet: työnhaku ja työllistyminen, asuminen"


def test_the_clients_language_comes_before_nearness(router: Router) -> None:
    result = route(router, "Jag söker jobb", municipality="179", age=40, limit=10)
    assert result["language"] == "sv"
    assert ids(result)[:2] == ["J", "D"]  # Swedish: local, then national; then the Finnish-only ones
    assert result["candidates"][0]["reasons"][1] == "ges på svenska"
    assert "ges inte på svenska" in result["candidates"][2]["reasons"]


def test_given_language_wins_over_the_text(router: Router) -> None:
    result = route(router, "etsin töitä", municipality="179", age=40, language="sv", limit=2)
    assert result["language"] == "sv" and ids(result) == ["J", "D"]
    assert {n["code"] for n in result["needs"]} == {"employment"}  # still read as Finnish


def test_unknown_place_puts_national_first_and_asks(router: Router) -> None:
    result = route(router, "etsin töitä", age=40, limit=10)
    assert result["municipality"] is None
    # only the national service: the others may not cover the client at all, so the desk is told to ask
    assert ids(result) == ["D"] and result["ask"] == ["municipality"]
    assert result["candidates"][0]["reasons"][2] == "valtakunnallinen"
    # with no national service for the need, the local ones, marked so
    local = route(router, "tarvitsen apua opintojen suunnitteluun", age=40)
    assert ids(local) == ["K"] and "municipality" in local["ask"]
    assert local["candidates"][0]["reasons"][2] == "paikallinen palvelu: tarkista asuinkunta"


def test_unknown_place_a_local_service_covering_more_needs_comes_before_national_ones(router: Router) -> None:
    # no national service covers both needs: the local one that does comes first (needs covered
    # come before nearness), then the national ones for one need; no local one-need services
    result = route(router, "mä tarviin duunin ja kämpän", age=24, limit=10)
    assert {n["code"] for n in result["needs"]} == {"employment", "housing"}
    assert ids(result) == ["A", "D", "L"]
    assert result["candidates"][0]["reasons"][2] == "paikallinen palvelu: tarkista asuinkunta"
    assert "municipality" in result["ask"]


def test_unknown_place_and_no_need_national_general_guidance_first(make_router: RouterFactory) -> None:
    # the fallback needs are not the client's: a local service covering more of them earns nothing
    router = make_router(
        [
            svc("local-all", ["social-work", "study-guidance", "youth-work"], ["region:13"]),
            svc("national-youth", ["youth-work"], []),
        ]
    )
    result = route(router, "Hei, voisinko kysyä yhtä asiaa?", limit=5)
    assert result["needs"] == [] and ids(result) == ["national-youth"]


def test_unknown_age_is_asked_when_an_age_limit_could_change_the_answer(router: Router) -> None:
    result = route(router, "etsin töitä", municipality="179")
    assert result["age"] is None and "age" in result["ask"]
    # without an age no age bound filters or ranks; inside the tier a service for just this need comes
    # before one that also serves needs the client did not name (A also does housing)
    assert ids(result) == ["B", "F", "I", "A", "C"]
    assert result["candidates"][1]["reasons"][3] == "ikäraja 30–"
    assert result["candidates"][3]["reasons"][3] == "ikäraja 15–29"
    known = route(router, "etsin töitä", municipality="179", age=24)
    assert known["ask"] == []


def test_region_and_retired_codes(router: Router) -> None:
    result = route(router, "etsin töitä", municipality="Laukaa", age=40, limit=10)
    assert result["municipality"] == {"code": "410", "name": "Laukaa", "source": "given"}
    assert ids(result)[:2] == ["G", "C"]
    assert result["candidates"][1]["reasons"][2] == "alue: Keski-Suomi (maakunta)"
    # 606 (Pohja) is today's Raasepori, 710
    raasepori = route(router, "etsin töitä", municipality="710", age=40, limit=10)
    assert ids(raasepori)[0] == "H"


def test_place_and_age_from_the_text_and_given_fields_win(router: Router) -> None:
    result = route(router, "asun jyväskylässä ja etsin töitä, oon 24")
    assert result["municipality"] == {"code": "179", "name": "Jyväskylä", "source": "text"}
    assert result["age"] == 24
    given = route(router, "asun jyväskylässä ja etsin töitä, oon 24", municipality="410", age=31)
    assert given["municipality"]["source"] == "given" and given["municipality"]["code"] == "410"
    assert given["age"] == 31
    assert all(c["service_id"] not in {"A", "B", "I", "J"} for c in given["candidates"])


def test_no_recognised_need_gives_general_guidance_and_asks(router: Router) -> None:
    result = route(router, "hei, voisinko kysyä yhtä asiaa")
    assert result["needs"] == []
    assert ids(result)[0] == "K"
    assert result["candidates"][0]["reasons"][0] == "ei erityistä tarvetta tunnistettu"
    assert "municipality" in result["ask"]
    english = route(router, "hello, can I ask something")
    assert english["candidates"][0]["reasons"][0] == "no specific need recognised"


def test_a_need_no_service_covers_falls_back_to_general_guidance(router: Router) -> None:
    result = route(router, "tarvitsen lääkäriaikaa", municipality="179", age=40)
    assert [n["code"] for n in result["needs"]] == ["health"]
    assert ids(result)[0] == "K"
    assert result["candidates"][0]["reasons"][0].startswith("ei palvelua tunnistetulle tarpeelle")


def test_rule_boost_orders_within_a_tier_only(make_router: RouterFactory) -> None:
    directory = [
        svc("P", ["employment"], ["municipality:179"], low=15, high=29, name="Aaltojen nuorisopalvelu"),
        svc("Q", ["employment"], ["municipality:179"], low=15, high=29, name="Ohjaamo Jyväskylä"),
        svc("R", ["employment"], ["municipality:179"], ["fi", "en"], name="Työllisyyspalvelut"),
    ]
    router = make_router(directory)
    result = route(router, "etsin töitä", municipality="179", age=22)
    assert ids(result) == ["Q", "P", "R"]  # the preferred Ohjaamo first inside the 15–29 tier
    assert "young-one-stop" in result["rules_fired"]
    assert any("Ohjaamo" in r for r in result["candidates"][0]["reasons"])
    older = route(router, "etsin töitä", municipality="179", age=35)
    assert ids(older) == ["R"] and "young-one-stop" not in older["rules_fired"]


def test_crisis_words_add_the_need_and_prefer_a_crisis_service(make_router: RouterFactory) -> None:
    directory = [
        svc("M", ["mental-health"], ["municipality:179"], name="Mielenterveystoimisto"),
        svc("N", ["mental-health"], ["municipality:179"], name="Kriisikeskus"),
    ]
    result = route(make_router(directory), "mietin itsemurhaa", municipality="179", age=30)
    assert result["needs"][0]["code"] == "mental-health" and "itsemurhaa" in result["needs"][0]["evidence"]
    assert ids(result)[0] == "N" and "crisis-24h" in result["rules_fired"]


def test_result_has_the_contract_shape(router: Router) -> None:
    result = route(router, "asun jyväskylässä ja etsin töitä, oon 24")
    assert list(result) == ["language", "municipality", "age", "needs", "candidates", "rules_fired", "ask", "ruleset"]
    assert result["ruleset"].startswith("eteinen-yleinen@")
    assert result["needs"] == [{"code": "employment", "evidence": ["etsin", "töitä"], "source": "text"}]
    first = result["candidates"][0]
    assert list(first) == [
        "service_id",
        "service_name",
        "organization_id",
        "organization_name",
        "location_id",
        "score",
        "reasons",
    ]
    assert first["reasons"][:4] == [
        "tarve: työnhaku ja työllistyminen",
        "palvelee suomeksi",
        "alue: Jyväskylä",
        "ikä 15–29 sopii (24)",
    ]
    scores = [c["score"] for c in result["candidates"]]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 1


def test_unknown_municipality_is_bad_input(router: Router) -> None:
    with pytest.raises(RouteInputError) as caught:
        route(router, "etsin töitä", municipality="Atlantis")
    assert caught.value.field == "municipality" and "Atlantis" in caught.value.message
