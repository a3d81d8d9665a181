"""The ring queue and the inbox a page at a time: 50 rows a list, oldest first, totals, positions kept."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event
from sqlmodel import Session

from routing.core.clock import utcnow
from routing.referrals.models import Offer, Referral
from routing.referrals.queries import PER_PAGE

from .conftest import Network, login, ring_id

START = utcnow() - timedelta(days=30)


def _cases(
    store: Session, network: Network, prefix: str, count: int, *, holder: str = "door", state: str = "offered", **kw
) -> list[str]:
    """``count`` referrals opened a minute apart (oldest first); returns their case numbers in that order.

    Written directly (no events): only the rows the lists read. The ids run backwards, so a list
    ordered by id instead of by time would show up.
    """
    numbers = []
    for i in range(count):
        at = START + timedelta(minutes=i)
        referral = Referral(
            id=f"{prefix}{count - i:07d}",
            state=state,
            holder_id=holder,
            front_door_id="door",
            contact_user_id=network.users["desk@door.fi"],
            channel="desk",
            consent=True,
            age=17,
            created_at=at,
            updated_at=at,
            **kw,
        )
        store.add(referral)
        numbers.append(referral.id[:8].upper())
    store.commit()
    return numbers


def _ring_offers(store: Session, network: Network, count: int) -> list[str]:
    numbers = _cases(store, network, "a", count)
    ring = ring_id(store)
    for i, number in enumerate(numbers):
        store.add(
            Offer(
                referral_id=number.lower(),
                ring_id=ring,
                created_by_id=network.users["desk@door.fi"],
                created_at=START + timedelta(minutes=i),
            )
        )
    store.commit()
    return numbers


def _shown(page: str) -> list[str]:
    return re.findall(r'<span class="case">([0-9A-F]{8})</span>', page)


def _section(page: str, name: str) -> str:
    found = re.search(rf'<section aria-labelledby="{name}-title">.*?</section>', page, re.S)
    return found.group(0) if found else ""


def _link(page: str, rel: str) -> dict[str, list[str]] | None:
    """The query of the pager's previous/next link, or None when there is none."""
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', page)
    return parse_qs(urlsplit(html.unescape(found.group(1))).query) if found else None


@pytest.fixture
def queue(store: Session, network: Network) -> list[str]:
    return _ring_offers(store, network, 120)


def test_ring_queue_shows_fifty_oldest_first_with_the_total(client, queue) -> None:
    login(client, "anna@ohjaamo.fi")
    first = client.get("/ring")
    assert first.status_code == 200
    assert _shown(first.text) == queue[:PER_PAGE] and PER_PAGE == 50
    assert re.search(r"<h1>Renkaan jono <span class=\"muted\">\(120\)</span></h1>", first.text)
    assert "sivu 1/3" in first.text
    assert _link(first.text, "prev") is None and _link(first.text, "next") == {"page": ["2"]}
    # the take buttons bring the counsellor back to the page they were on
    assert 'name="next" value="/ring"' in first.text

    second = client.get("/ring?page=2").text
    assert _shown(second) == queue[50:100]
    assert _link(second, "prev") == {} and _link(second, "next") == {"page": ["3"]}  # page 1 is plain /ring

    last = client.get("/ring?page=3").text
    assert _shown(last) == queue[100:]
    assert _link(last, "prev") == {"page": ["2"]} and _link(last, "next") is None
    assert 'name="next" value="/ring?page=3"' in last


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("99", slice(100, 120)),
        ("100000000000000000000000", slice(100, 120)),
        ("0", slice(0, 50)),
        ("-2", slice(0, 50)),
        ("abc", slice(0, 50)),
        ("2.5", slice(0, 50)),
        ("", slice(0, 50)),
        ("9" * 5000, slice(0, 50)),  # too long for int(): junk, not a 500
    ],
)
def test_a_page_out_of_range_or_junk_shows_the_last_or_first_page(client, queue, asked, shown) -> None:
    login(client, "anna@ohjaamo.fi")
    page = client.get(f"/ring?page={asked}")
    assert page.status_code == 200
    assert _shown(page.text) == queue[shown]


def test_the_ring_queue_is_counted_and_cut_in_sql(client, engine, queue) -> None:
    login(client, "anna@ohjaamo.fi")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert client.get("/ring?page=2").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    offers = [s for s in statements if re.search(r"FROM offer JOIN referral", s)]
    assert any("count(" in s.lower() for s in offers)
    assert [s for s in offers if "count(" not in s.lower()] and all(
        "LIMIT" in s for s in offers if "count(" not in s.lower()
    )


def test_other_organisations_see_none_of_the_queue(app, client, queue) -> None:
    login(client, "far@far.fi")  # a counsellor outside the ring
    for path in ("/ring", "/ring?page=2", "/inbox", "/inbox?offers=2&mine=2&returned=2"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert not set(_shown(page.text)) & set(queue), path
    inbox = client.get("/inbox").text
    assert "(120)" not in inbox and "sivu 1/3" not in inbox


def test_inbox_pages_each_list_apart_and_keeps_the_others_where_they_are(store, client, network, queue) -> None:
    anna = network.users["anna@ohjaamo.fi"]
    mine = _cases(store, network, "b", 60, holder="ohjaamo", state="accepted", owner_id=anna, owned_at=START)
    returned = _cases(store, network, "c", 55, holder="ohjaamo", state="open", needs_rerouting=True)
    login(client, "anna@ohjaamo.fi")

    first = client.get("/inbox").text
    offers, owned, back = (_section(first, name) for name in ("offers", "mine", "returned"))
    assert _shown(offers) == queue[:50] and "(120)" in offers  # the ring's offers are the organisation's too
    assert _shown(owned) == mine[:50] and "(60)" in owned
    assert _shown(back) == returned[:50] and "(55)" in back

    page = client.get("/inbox?offers=3&mine=2").text
    offers, owned, back = (_section(page, name) for name in ("offers", "mine", "returned"))
    assert _shown(offers) == queue[100:] and _shown(owned) == mine[50:] and _shown(back) == returned[:50]
    assert _link(offers, "prev") == {"offers": ["2"], "mine": ["2"]} and _link(offers, "next") is None
    assert _link(owned, "prev") == {"offers": ["3"]} and _link(owned, "next") is None
    assert _link(back, "prev") is None and _link(back, "next") == {"offers": ["3"], "mine": ["2"], "returned": ["2"]}
    # a button on the page comes back to the same positions (a note, a decline, a close)
    forms = re.findall(r'name="next" value="([^"]+)"', page)
    assert forms and {html.unescape(f) for f in forms} == {"/inbox?offers=3&mine=2"}

    # out of range or junk: the last or first page of that list alone
    page = client.get("/inbox?offers=7&mine=x&returned=2").text
    offers, owned, back = (_section(page, name) for name in ("offers", "mine", "returned"))
    assert _shown(offers) == queue[100:] and _shown(owned) == mine[:50] and _shown(back) == returned[50:]


def test_the_pager_speaks_swedish_and_english(client, queue) -> None:
    login(client, "anna@ohjaamo.fi")
    swedish = client.get("/ring?page=2&lang=sv").text
    assert "Föregående sida" in swedish and "Nästa sida" in swedish and "sida 2 av 3" in swedish
    assert 'aria-label="Listans sidor: ' in swedish
    english = client.get("/ring?page=2&lang=en").text
    assert "Previous page" in english and 'aria-label="Pages of the list: Ring queue"' in english
    finnish = client.get("/ring?page=2&lang=fi").text
    assert 'aria-label="Listan sivut: Renkaan jono"' in finnish and "Edellinen sivu" in finnish
