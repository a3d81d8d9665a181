"""Capacity orders services only inside a tier of the counsellor's order, and is shown with its age."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routing.matcher.capacity import Capacity
from routing.matcher.index import ServiceRecord
from routing.matcher.router import RouteRequest

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
QUESTION = "Tarvitsen apua työnhakuun"


def _service(sid: str, name: str, areas: tuple[str, ...] = ("municipality:245",)) -> ServiceRecord:
    return ServiceRecord(
        id=sid,
        name=name,
        organization_id=f"org-{sid}",
        organization_name=f"Org {sid}",
        areas=areas,
        languages=("fi",),
        needs=("employment",),
    )


def _ids(router, **given) -> list[str]:
    result = router.route(RouteRequest(QUESTION, municipality="245", **given), now=NOW)
    return [c.service_id for c in result.candidates]


def test_full_goes_below_open_and_unknown_inside_its_tier_and_stays_listed(make_router):
    router = make_router([_service("a", "Aaa"), _service("b", "Bbb"), _service("c", "Ccc")])
    assert _ids(router) == ["a", "b", "c"]  # by name when nothing is known
    router.capacity = {
        "a": Capacity("full", None, date(2027, 1, 15), NOW - timedelta(days=1)),
        "c": Capacity("open", None, None, NOW - timedelta(days=2)),
    }
    assert _ids(router) == ["c", "b", "a"]  # open, unknown, full: the full one is still shown
    result = router.route(RouteRequest(QUESTION, municipality="245"), now=NOW)
    full = next(c for c in result.candidates if c.service_id == "a")
    assert "täynnä 15.1.2027 asti, päivitetty 1 pv sitten" in full.reasons
    open_one = next(c for c in result.candidates if c.service_id == "c")
    assert "tilaa, päivitetty 2 pv sitten" in open_one.reasons


def test_shorter_wait_first_and_reasons_in_the_clients_language(make_router):
    router = make_router([_service("a", "Aaa"), _service("b", "Bbb")])
    router.capacity = {
        "a": Capacity("waitlist", 6, None, NOW),
        "b": Capacity("waitlist", 3, None, NOW - timedelta(days=2)),
    }
    assert _ids(router) == ["b", "a"]
    result = router.route(RouteRequest("I need help finding a job", municipality="245", language="en"), now=NOW)
    assert "waiting list about 3 wk, updated 2 days ago" in result.candidates[0].reasons


def test_capacity_never_lifts_a_service_above_a_better_tier(make_router):
    # the national service is a worse tier (nearness) than the Kerava one: open does not lift it
    router = make_router([_service("local", "Zzz local"), _service("national", "Aaa national", areas=())])
    router.capacity = {
        "local": Capacity("full", None, None, NOW),
        "national": Capacity("open", None, None, NOW),
    }
    assert _ids(router) == ["local", "national"]


def test_stale_capacity_and_a_past_full_date_count_as_unknown(make_router):
    router = make_router([_service("a", "Aaa"), _service("b", "Bbb")])
    router.capacity = {"a": Capacity("full", None, None, NOW - timedelta(days=15))}  # CAPACITY_STALE_DAYS 14
    assert _ids(router) == ["a", "b"]
    result = router.route(RouteRequest(QUESTION, municipality="245"), now=NOW)
    assert "tilanne ei tiedossa, päivitetty 15 pv sitten" in result.candidates[0].reasons
    router.capacity = {"a": Capacity("full", None, date(2026, 12, 6), NOW - timedelta(days=3))}
    assert _ids(router) == ["a", "b"]


STATES = st.one_of(
    st.none(),
    st.builds(lambda: Capacity("open", None, None, NOW)),
    st.builds(lambda w: Capacity("waitlist", w, None, NOW), st.integers(0, 20)),
    st.builds(lambda: Capacity("full", None, None, NOW)),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)  # the factory keeps no state
@given(st.lists(st.tuples(st.sampled_from(["245", "region", "national"]), STATES), min_size=1, max_size=6))
def test_capacity_changes_only_the_order_inside_each_tier(make_router, services):
    records, capacity = [], {}
    for i, (where, state) in enumerate(services):
        areas = {"245": ("municipality:245",), "region": ("region:01",), "national": ()}[where]
        records.append(_service(f"s{i}", f"S{i:02d}", areas))
        if state is not None:
            capacity[f"s{i}"] = state
    router = make_router(records)
    plain = router.route(RouteRequest(QUESTION, municipality="245", limit=10), now=NOW)
    router.capacity = capacity
    ranked = router.route(RouteRequest(QUESTION, municipality="245", limit=10), now=NOW)
    assert {c.service_id for c in plain.candidates} == {c.service_id for c in ranked.candidates}  # never a filter
    tier = {"245": 0, "region": 1, "national": 2}
    where = {f"s{i}": tier[w] for i, (w, _) in enumerate(services)}
    assert [where[c.service_id] for c in ranked.candidates] == sorted(where[c.service_id] for c in ranked.candidates)
