"""`engine_agreement`: how often the desk left the needs as the engine read them, and what it changed."""

from __future__ import annotations

from routing.core import db
from routing.figures.compute import compute_figures, figure_tables, make_scope

from ..histories import History, hki
from .jan2026 import NOW


def test_agreement_per_week_and_front_door_and_the_needs_changed(app) -> None:
    with app.app_context(), db.transaction() as s:
        h = History(s)
        a, b = h.org("Ohjaamo Kerava"), h.org("Kirjasto Vantaa")
        # (door, day, what the engine read, what the desk used)
        cases = [
            (a, 5, ["employment"], ("employment",)),
            (a, 5, ["employment"], ("employment",)),
            (a, 6, ["debt"], ("debt",)),
            (a, 7, ["housing"], ("housing",)),
            (a, 8, ["employment"], ("mental-health",)),  # the desk swapped the need
            (a, 9, ["employment", "debt"], ("debt",)),  # the desk removed one
            (b, 13, ["debt"], ("debt",)),  # W03
            (b, 14, [], ("mental-health",)),  # nothing read; the desk added one
        ]
        for door, day, read, used in cases:
            ref = h.referral(hki(2026, 1, day, 10), door, needs=used)
            ref.engine_needs = read
            ref.needs_corrected = set(read) != set(used)
        h.referral(hki(2026, 1, 9, 12), a)  # opened without an engine reading: not counted
        s.flush()
    with app.app_context(), db.new_session(read_only=True) as s:
        out = compute_figures(s, make_scope(from_="2026-01-05", to="2026-01-18", now=NOW), now=NOW)
    agreement = out["engine_agreement"]
    assert agreement["read"] == 8 and agreement["share"] == 0.62  # 5 of 8 left as read
    assert agreement["weeks"] == [
        {"week": "2026-W02", "read": 6, "share": 0.67},
        {"week": "2026-W03", "read": "<5", "share": None},  # fewer than 5: no share that points at a case
    ]
    assert agreement["by_front_door"] == {
        "Ohjaamo Kerava": {"read": 6, "share": 0.67},
        "Kirjasto Vantaa": {"read": "<5", "share": None},
    }
    assert agreement["needs_added"] == [{"need": "mental-health", "count": "<5"}]
    assert agreement["needs_removed"] == [{"need": "employment", "count": "<5"}]
    tables = {t.name: t for t in figure_tables(out)}
    assert tables["engine_agreement"].rows[0] == ["all", 8, 0.62]
    assert tables["needs_corrected"].rows == [["mental-health", "<5", 0], ["employment", 0, "<5"]]
