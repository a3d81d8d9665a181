"""axe-core on every staff page, in Finnish, Swedish and English, at desk and phone width (issue 21, finding 6).

Each page is opened as the person who works on it; pages about a case get one made
through the desk first. ``axe(page)`` fails on any serious or critical finding.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from routing.demo.network import RING_NAME

from .conftest import DESK, PASSWORDS, ask, log_in

KEUDA = "ohjaus@keuda.example.fi"
ORG_ADMIN = "admin@ohjaamo-kerava.example.fi"
COORDINATOR = "koordinaattori@example.fi"
QUESTION = "poika 17v keravalta, lopetti lukion kesken eikä tiedä mitä tehdä"

# (who, what): the page, as an address or as something to do first ("{case}" is a case made at the desk)
PAGES = [
    (DESK, "/desk"),
    (DESK, "desk with suggestions"),
    (DESK, "receipt"),
    (DESK, "receipt without consent"),
    (DESK, "/inbox"),
    (DESK, "/referrals/{case}"),
    (KEUDA, "/ring"),
    (KEUDA, "/inbox"),
    (KEUDA, "/referrals/{case}"),
    (ORG_ADMIN, "/inbox"),
    (ORG_ADMIN, "/figures"),
    (COORDINATOR, "/referrals/{case}/access-log"),
    (COORDINATOR, "/referrals/{case}/export"),
    (COORDINATOR, "/directory"),
    (COORDINATOR, "/directory/overlaps"),
    (COORDINATOR, "/figures"),
    (COORDINATOR, "/rules/try"),
    (COORDINATOR, "rule tester with a result"),
    (COORDINATOR, "/no/such/page"),
]


def _case(new_page: Any, base: str) -> str:
    """A case offered to the ring by the desk (with consent and a phone); its id."""
    desk = new_page()
    log_in(desk, base, DESK, PASSWORDS[DESK])
    desk.goto(f"{base}/desk")
    ask(desk, QUESTION)
    desk.check("#consent")
    desk.fill("#client_contact", "040 765 4321")
    desk.get_by_role("button", name=f"Tarjoa: {RING_NAME}").click()
    desk.wait_for_url(re.compile(r"/receipt$"))
    return desk.url.split("/")[-2]


def _open(page: Any, base: str, what: str, case: str | None, lang: str) -> None:
    if what == "desk with suggestions":
        page.goto(f"{base}/desk?lang={lang}")
        ask(page, QUESTION)
    elif what.startswith("receipt"):
        page.goto(f"{base}/desk?lang={lang}")
        ask(page, QUESTION)
        if what == "receipt":
            page.check("#consent")
            page.fill("#client_contact", "040 765 4321")
        page.locator("#suggestions .suggestion button[name=target]").first.click()
        page.wait_for_selector(".receipt")
    elif what == "rule tester with a result":
        page.goto(f"{base}/rules/try?lang={lang}")
        page.fill("#question", QUESTION)
        page.click("form.card button[type=submit]")
        page.wait_for_load_state()
    else:
        path = what.format(case=case)
        page.goto(f"{base}{path}?lang={lang}")


@pytest.mark.parametrize(("who", "what"), PAGES, ids=[f"{w.split('@')[0]}:{p}" for w, p in PAGES])
def test_every_staff_page_has_no_serious_accessibility_finding(demo, new_page, axe, who: str, what: str) -> None:
    case = _case(new_page, demo.url) if "{case}" in what else None
    page = new_page()
    log_in(page, demo.url, who, PASSWORDS[who])
    for lang in ("fi", "sv", "en"):
        for width in (1200, 375):
            page.set_viewport_size({"width": width, "height": 860})
            _open(page, demo.url, what, case, lang)
            assert page.get_attribute("html", "lang") == lang
            axe(page)
