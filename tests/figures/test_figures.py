"""Each figure against the hand-counted January of ``conftest.build_january``."""

from __future__ import annotations

import re
from datetime import date

import pytest

from routing.accounts.models import User
from routing.core import db
from routing.figures.compute import Figures, FiguresError, Scope, compute_figures, figures_csv, make_scope, suppress
from routing.referrals.models import Referral

from ..histories import History, hki
from .jan2026 import NOW, January

PERIOD = {"from_": "2026-01-05", "to": "2026-01-18"}


def figures_for(app, **kw):  # type: ignore[no-untyped-def]
    with app.app_context(), db.new_session(read_only=True) as s:
        return compute_figures(s, make_scope(**{**PERIOD, **kw}, now=NOW), now=NOW)


def test_suppress_small_counts() -> None:
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_opened_per_week_front_door_and_channel(app, raw, january: January) -> None:
    f = raw()
    counts: dict[tuple[int, str, str], tuple[int, int]] = {}
    for r in f.opened():
        counts[(r.wk, r.front_door_id, r.channel)] = (r.n, r.owned)
    a, b = january.a.id, january.b.id
    # W02 is week 0 of the period: 1, 2, 3, 8, 14 at A's desk, 4 on the ring; 5 by API, 6, 7 at B's desk
    assert counts == {
        (0, a, "desk"): (5, 5),
        (0, a, "ring"): (1, 1),
        (0, b, "api"): (1, 1),
        (0, b, "desk"): (2, 0),
        # W03: 9 (opened Mon 00:30 Helsinki, still Sunday in UTC), 10 by API; 11, 12 at B
        (1, a, "desk"): (1, 1),
        (1, a, "api"): (1, 0),
        (1, b, "desk"): (2, 1),
    }

    out = figures_for(app)
    assert out["from"] == "2026-01-05" and out["to"] == "2026-01-18" and out["region"] is None
    assert out["opened_total"] == 13
    assert out["owned_total"] == 9
    assert out["weeks"] == [
        {"week": "2026-W02", "opened": 9, "owned": 7, "median_hours_to_owner": 24.0},
        {"week": "2026-W03", "opened": "<5", "owned": "<5", "median_hours_to_owner": None},
    ]
    assert out["by_front_door"] == {"Ohjaamo Kerava": 8, "Kirjasto Vantaa": 5}
    assert out["by_channel"] == {"desk": 10, "ring": "<5", "api": "<5", "online": 0, "email": 0}


def test_time_to_owner(app, raw, january: January) -> None:
    f = raw()
    n, median, p90 = f.time_to_owner()
    # hours: 2, 4, 6, 8, 24, 48, 49, 49, 95
    assert (n, median) == (9, 24 * 3600)
    assert p90 == pytest.approx((49 + 0.2 * (95 - 49)) * 3600)
    # W02: 2, 4, 6, 24, 48, 49, 95; W03: 8, 49
    assert f.weekly_time_to_owner() == {0: (7, 24 * 3600), 1: (2, (8 + 49) / 2 * 3600)}
    # in time: 1, 2, 3 (on the deadline), 4, 5 (over the weekend), 9, 14; late: 8, 11; never: 6, 7, 10, 12
    assert f.owned_within_two_working_days() == (7, 13)

    out = figures_for(app)["time_to_owner_hours"]
    assert out == {"median": 24.0, "p90": 58.2, "owned_within_2_working_days": 0.54}


def test_time_to_owner_by_receiving_organisation(app, raw, january: January) -> None:
    by_org = raw().time_to_owner_by_organisation()
    # r1: 2, 4, 6, 8, 24, 48, 49, 49 hours; r2: referral 5 only
    assert by_org[january.r1.id] == (8, 16 * 3600, 49 * 3600)
    assert by_org[january.r2.id] == (1, 95 * 3600, 95 * 3600)
    out = figures_for(app)["time_to_owner_by_organisation"]
    assert out == [
        {"organization_id": january.r1.id, "name": "TE-palvelut", "owned": 8, "median": 16.0, "p90": 49.0},
        {"organization_id": january.r2.id, "name": "Velkaneuvonta", "owned": "<5", "median": None, "p90": None},
    ]


def test_a_handoff_leaves_the_time_to_owner_with_the_first_receiver(app, january: January) -> None:
    """Referral 2 (owned by r1 after 24 h) is handed on to r2: it still counts for r1, and only once."""
    with app.app_context(), db.transaction() as s:
        ref = s.get(Referral, january.refs[2].id)
        assert ref is not None
        History(s).handoff(ref, hki(2026, 1, 19, 9), hki(2026, 1, 19, 12), s.get(User, january.u2.id))
    with app.app_context(), db.new_session(read_only=True) as s:
        by_org = Figures(s, make_scope(**PERIOD, now=NOW), now=NOW).time_to_owner_by_organisation()
        assert s.get(Referral, january.refs[2].id).holder_id == january.r2.id  # type: ignore[union-attr]
    assert by_org[january.r1.id] == (8, 16 * 3600, 49 * 3600)
    assert by_org[january.r2.id][0] == 1


def test_declines_and_returns_to_open(app, raw, january: January) -> None:
    f = raw()
    declines = {(r.org, r.reason): r.n for r in f.declines()}
    assert declines == {
        (january.r2.id, "no-capacity"): 2,
        (january.r2.id, "not-eligible"): 1,
        (january.r1.id, "wrong-service"): 1,
    }
    # 3 waited 24 h, 10 waited 48 h, 6 is still waiting (since 9 Jan 11:00)
    assert f.returned_to_open() == (3, 3, 48 * 3600)

    out = figures_for(app)
    assert out["declines_by_reason"] == {
        "not-eligible": "<5",
        "no-capacity": "<5",
        "wrong-service": "<5",
        "client-unreachable": 0,
        "other": 0,
    }
    assert [(d["name"], d["count"]) for d in out["declines_by_organisation"]] == [
        ("TE-palvelut", "<5"),
        ("Velkaneuvonta", "<5"),
    ]
    assert out["returned_to_open"] == {"count": "<5", "times": "<5", "median_hours_waiting": None}


def test_needs_and_unmet_needs(app, raw, january: January) -> None:
    f = raw()
    assert {(r.need, r.municipality): r.n for r in f.needs()} == {
        ("employment", "245"): 6,  # 1, 2, 4, 8, 9, 10
        ("employment", "092"): 1,
        ("employment", "179"): 1,
        ("housing", "245"): 1,
        ("housing", "092"): 1,
        ("debt", "245"): 1,
        ("debt", "092"): 2,
        ("study-guidance", "092"): 1,
    }
    # 6: every offer declined; 7: no eligible service; 10: both offers declined; 12 was never offered
    assert {(r.need, r.municipality): r.n for r in f.unmet_needs()} == {
        ("debt", "092"): 1,
        ("housing", "092"): 1,
        ("employment", "245"): 1,
    }
    out = figures_for(app)
    assert out["needs"][0] == {"need": "employment", "municipality": "245", "count": 6}
    assert all(n["count"] == "<5" for n in out["needs"][1:])
    assert len(out["unmet_needs"]) == 3 and all(n["count"] == "<5" for n in out["unmet_needs"])


def test_outcomes_and_unowned_cases(app, raw, january: January) -> None:
    out = figures_for(app)
    assert out["outcomes"] == {
        "served": 5,
        "client-withdrew": "<5",
        "no-contact": 0,
        "outside-network": "<5",
        "duplicate": 0,
    }
    # whenever opened: 13 (before the period), 6 and 12; oldest first
    unowned = out["unowned_older_than_14_days"]
    assert [u["id"] for u in unowned] == [january.refs[n].id for n in (13, 6, 12)]
    assert unowned[0]["holder"] == "Ohjaamo Kerava" and unowned[0]["state"] == "open"
    assert unowned[0]["opened_at"] == "2026-01-04T10:00:00+00:00"
    # 12 is 14 days old only from 29 Jan on
    with app.app_context(), db.new_session(read_only=True) as s:
        early = compute_figures(s, make_scope(**PERIOD), now=hki(2026, 1, 29, 9))
    assert [u["id"] for u in early["unowned_older_than_14_days"]] == [january.refs[n].id for n in (13, 6)]


def test_region(app, raw, january: January) -> None:
    uusimaa = figures_for(app, region="01")
    assert uusimaa["region"] == "01"
    assert uusimaa["opened_total"] == 12  # all but 14 (Pirkkala, 179)
    assert uusimaa["by_front_door"] == {"Ohjaamo Kerava": 7, "Kirjasto Vantaa": 5}
    pirkanmaa = figures_for(app, region="13")
    assert pirkanmaa["opened_total"] == "<5"
    assert pirkanmaa["needs"] == [{"need": "employment", "municipality": "179", "count": "<5"}]
    assert pirkanmaa["unowned_older_than_14_days"] == []


def test_org_admin_sees_referrals_their_organisation_took_part_in(app, raw, january: January) -> None:
    f = raw(organization_id=january.r2.id)
    # r2 was offered 3, 5, 6 and 10
    assert sum(r.n for r in f.opened()) == 4
    assert {(r.org, r.reason) for r in f.declines()} == {
        (january.r2.id, "no-capacity"),
        (january.r2.id, "not-eligible"),
    }
    assert set(f.time_to_owner_by_organisation()) == {january.r2.id}
    out = figures_for(app, organization_id=january.r2.id)
    assert out["organization_id"] == january.r2.id
    assert out["by_front_door"] == {}  # their organisation is no front door
    assert out["unowned_older_than_14_days"] == []  # 6 is held by its front door


def test_default_period_is_this_year_to_today_in_helsinki() -> None:
    # 31 Dec 2026 23:30 UTC is already 1 Jan 2027 in Helsinki
    scope = make_scope(now=hki(2027, 1, 1, 1, 30))
    assert (scope.start, scope.end) == (date(2027, 1, 1), date(2027, 1, 1))
    assert make_scope(from_="2026-03-01", now=hki(2026, 6, 1)).end == date(2026, 6, 1)
    assert make_scope(to="2025-05-05", now=hki(2026, 6, 1)).start == date(2025, 1, 1)
    scope = make_scope("2026-01-05", "2026-01-18")
    assert scope.week_labels() == ["2026-W02", "2026-W03"]
    assert make_scope("2025-12-31", "2026-01-01").week_labels() == ["2026-W01"]
    assert scope.start_utc.isoformat() == "2026-01-04T22:00:00+00:00"
    assert scope.end_utc.isoformat() == "2026-01-18T22:00:00+00:00"


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"from_": "2026-13-01"}, "from: '2026-13-01' is not a date"),
        ({"to": "yesterday"}, "to: 'yesterday' is not a date"),
        ({"from_": "2026-02-01", "to": "2026-01-01"}, "to (2026-01-01) is before from (2026-02-01)"),
        ({"from_": "1066-10-14"}, "outside"),
        ({"region": "99"}, "region: no region '99'"),
        ({"region": "Atlantis"}, "region: no region 'Atlantis'"),
    ],
)
def test_bad_input(kw: dict[str, str], message: str) -> None:
    with pytest.raises(FiguresError, match=re.escape(message)):
        make_scope(**kw)


def test_a_region_by_code_or_name() -> None:
    assert make_scope(region="1").region == "01"
    assert make_scope(region="Uusimaa").region == "01"
    assert make_scope(region="Mellersta Finland").region == "13"
    scope = make_scope(region="01")
    assert scope.municipalities is not None and {"091", "092", "245"} <= set(scope.municipalities)


def test_helsinki_summer_time(app) -> None:
    """Weeks and working days follow the Helsinki clock across the March change to summer time."""
    with app.app_context():
        with db.transaction() as s:
            h = History(s)
            door, to = h.org("Ovi"), h.org("Vastaanottaja")
            who = h.user(to)
            # Thu 26 Mar 10:00 EET; the clocks go forward on Sun 29 Mar; deadline Mon 30 Mar 10:00 EEST.
            # Owned Mon 10:30 EEST (07:30 UTC): late, though less than 4 × 24 h passed in UTC.
            late = h.referral(hki(2026, 3, 26, 10), door)
            h.accept(h.offer(late, hki(2026, 3, 26, 10, 5), to), hki(2026, 3, 30, 10, 30), who)
            on_time = h.referral(hki(2026, 3, 26, 11), door)
            h.accept(h.offer(on_time, hki(2026, 3, 26, 11, 5), to), hki(2026, 3, 30, 10, 30), who)
            # Mon 1 Jun 01:00 EEST is Sun 31 May 22:00 UTC: week 23, not 22
            h.referral(hki(2026, 6, 1, 1), door)
        with db.new_session(read_only=True) as s:
            f = Figures(s, Scope(date(2026, 3, 23), date(2026, 6, 7)), now=hki(2026, 7, 1))
            assert f.owned_within_two_working_days() == (1, 3)
            weeks = {r.wk: r.n for r in f.opened()}
            labels = f.scope.week_labels()
            assert {labels[w]: n for w, n in weeks.items()} == {"2026-W13": 2, "2026-W23": 1}


def test_figures_are_the_same_on_the_csv(app, raw, january: January) -> None:
    out = figures_for(app)
    text = figures_csv(out)
    lines = text.splitlines()
    assert lines[0] == "table,row,column,value"
    assert "summary,opened,value,13" in lines
    assert "weeks,2026-W02,opened,9" in lines
    assert "weeks,2026-W03,opened,<5" in lines
    assert "weeks,2026-W03,median_hours_to_owner," in lines
    assert "by_channel,ring,opened,<5" in lines
    assert "outcomes,served,closed,5" in lines
    assert f"unowned_older_than_14_days,{january.refs[13].id},holder,Ohjaamo Kerava" in lines
    # a need is named with its municipality: every (table, row, column) once
    need_rows = [line for line in lines if line.startswith("needs,")]
    assert need_rows and all(line.split(",")[1].count("/") == 1 for line in need_rows)
    assert all(line.split(",")[2] == "referrals" for line in need_rows)
    keys = [tuple(line.split(",")[:3]) for line in lines[1:]]
    assert len(keys) == len(set(keys))
    # no count from 1 to 4 anywhere
    for line in lines[1:]:
        value = line.rsplit(",", 1)[1]
        assert value not in {"1", "2", "3", "4"} or line.startswith(("summary,median", "summary,p90")), line


def test_the_figures_indexes_are_in_the_migrated_schema_as_in_the_models(engine) -> None:
    from sqlalchemy import inspect
    from sqlmodel import SQLModel

    found = inspect(engine)
    for table in ("referral", "offer", "event", "referral_need"):
        migrated = {i["name"] for i in found.get_indexes(table)}
        modelled = {i.name for i in SQLModel.metadata.tables[table].indexes}
        assert modelled <= migrated, (table, modelled - migrated)
    assert {"ix_referral_opened", "ix_event_back_to_open", "ix_referral_need_unmet"} <= {
        i["name"] for t in ("referral", "event", "referral_need") for i in found.get_indexes(t)
    }


def test_a_csv_cell_never_starts_a_spreadsheet_formula(monkeypatch: pytest.MonkeyPatch) -> None:
    import routing.figures.compute as compute

    # an organisation's name comes from an import (HSDS, Suomi.fi): a spreadsheet would run these
    names = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "Ohjaamo Kerava"]
    table = compute.Table("holders", "Holders", ["holder", "opened", "change"], [[n, 7, -3] for n in names])
    rows = compute.table_csv(table).splitlines()[1:]
    cells = [row.split(",")[0].strip('"') for row in rows]
    assert [c[:1] for c in cells[:5]] == ["'"] * 5 and cells[5] == "Ohjaamo Kerava"
    assert all(row.endswith(",7,-3") for row in rows)  # numbers stay numbers, a negative one too
    monkeypatch.setattr(compute, "figure_tables", lambda _figures: [table])  # the long form, over this table
    long_form = figures_csv({})
    assert "'=HYPERLINK" in long_form and "\n=" not in long_form and ",=" not in long_form
