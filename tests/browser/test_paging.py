"""A long ring queue in a real browser: a page of 50, the pager's links, and a claim from page 2 lands back there."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlmodel import select

from routing.accounts.models import User
from routing.core import db
from routing.core.clock import utcnow
from routing.demo.network import demo_id
from routing.directory.models import Ring
from routing.referrals.models import Offer, Referral

from .conftest import PASSWORDS, check_basics, log_in, shot

KEUDA = "ohjaus@keuda.example.fi"
LUKSIA = "ohjaus@luksia.example.fi"


def _fill_the_ring(engine: Any, count: int) -> None:
    """``count`` cases from the Kerava upper secondary school waiting in the ring, a minute apart."""
    start = utcnow() - timedelta(days=2)
    with db.transaction(bind=engine) as s:
        ring = s.exec(select(Ring.id)).one()
        desk = s.exec(select(User.id).where(User.email == "desk@kerava.example.fi")).one()
        door = demo_id("organization", "keravan-lukio")
        for i in range(count):
            at = start + timedelta(minutes=i)
            referral = Referral(
                state="offered",
                holder_id=door,
                front_door_id=door,
                contact_user_id=desk,
                channel="desk",
                consent=True,
                created_at=at,
                updated_at=at,
            )
            s.add(referral)
            s.flush()
            s.add(Offer(referral_id=referral.id, ring_id=ring, created_by_id=desk, created_at=at))


def test_a_long_ring_queue_is_paged(demo, engine, new_page) -> None:
    _fill_the_ring(engine, 60)
    page = new_page()
    log_in(page, demo.url, KEUDA, PASSWORDS[KEUDA])
    page.goto(f"{demo.url}/ring")
    total = int(re.search(r"\((\d+)\)", page.inner_text("h1")).group(1))
    assert total >= 60
    assert page.locator("article.offer").count() == 50
    pager = page.get_by_role("navigation", name="Listan sivut: Renkaan jono")
    assert "sivu 1/" in pager.inner_text()
    pager.get_by_role("link", name="Seuraava sivu").click()
    page.wait_for_url(re.compile(r"/ring\?page=2$"))
    assert page.locator("article.offer").count() == min(50, total - 50)
    check_basics(page)
    shot(page, "ring-queue-page-2", full_page=True)

    # someone else takes the first case of page 2 first: the loser is told, and stays on page 2
    case = page.locator("article.offer").first
    number = case.locator("span.case").inner_text()
    other = new_page()
    log_in(other, demo.url, LUKSIA, PASSWORDS[LUKSIA])
    other.goto(f"{demo.url}/ring?page=2")
    other.locator("article.offer", has_text=number).get_by_role("button", name="Ota tämä asia").click()
    other.wait_for_url(re.compile(r"/referrals/"))
    case.get_by_role("button", name="Ota tämä asia").click()
    page.wait_for_selector("p.flash")
    assert "Asian on jo ottanut" in page.inner_text("p.flash")
    assert page.url.endswith("/ring?page=2")
    assert page.get_by_role("link", name="Edellinen sivu").is_visible()
