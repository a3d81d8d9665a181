"""The staff pages in a real browser: the front desk end to end, the ring race, declines, languages, CSRF, keyboard.

The demo network is loaded into the live server's database; people log in with
the demo accounts, each in a browser context of their own.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from routing.demo.network import RING_NAME

from .conftest import DESK, PASSWORDS, SCREENSHOTS, SUGGESTIONS, ask, check_basics, log_in, shot

QUESTION = "poika 17v keravalta, lopetti lukion kesken eikä tiedä mitä tehdä"
KEUDA = "ohjaus@keuda.example.fi"
LUKSIA = "ohjaus@luksia.example.fi"
OHJAAMO = "ohjaaja@ohjaamo-kerava.example.fi"
COORDINATOR = "koordinaattori@example.fi"


def _login(page: Any, base: str, email: str, lang: str | None = None) -> None:
    log_in(page, base, email, PASSWORDS[email], lang)


def _open_to_ring(page: Any, base: str) -> str:
    """The desk opens a referral to the guidance ring; returns the case number on the receipt."""
    _login(page, base, DESK)
    page.goto(f"{base}/desk")
    ask(page, QUESTION)
    page.check("#consent")
    page.fill("#client_contact", "040 765 4321")
    page.get_by_role("button", name=f"Tarjoa: {RING_NAME}").click()
    page.wait_for_url(re.compile(r"/receipt$"))
    return page.inner_text(".receipt .case").strip()


# what each language's pages say at the steps of the front-desk flow
WORDS = {
    "fi": {
        "question": QUESTION,
        "offer": "Tarjoa: ",
        "by": "viimeistään",
        "take": "Ota tämä asia",
        "yours": "Asia on nyt sinun",
        "accepted": "hyväksytty",
    },
    "sv": {
        "question": "pojke 17 år från Kervo, hoppade av gymnasiet och vet inte vad han ska göra",
        "offer": "Erbjud till ",
        "by": "senast",
        "take": "Ta det här ärendet",
        "yours": "Ärendet är ditt nu",
        "accepted": "godkänt",
    },
}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_front_desk_end_to_end_and_a_counsellor_claims_from_the_ring(demo, new_page, lang: str) -> None:
    words = WORDS[lang]
    suffix = "" if lang == "fi" else f"-{lang}"
    desk = new_page()
    _login(desk, demo.url, DESK, lang=lang)
    assert desk.url.endswith("/desk")
    assert desk.get_attribute("html", "lang") == lang
    ask(desk, words["question"])
    suggestions = desk.locator("#suggestions .suggestion")
    assert suggestions.count() >= 1
    assert suggestions.first.locator("ul.reasons li").count() >= 1
    check_basics(desk)
    shot(desk, f"desk{suffix}")
    shot(desk, f"desk-suggestions{suffix}", full_page=True)
    desk.check("#consent")
    desk.fill("#client_contact", "040 765 4321")
    desk.get_by_role("button", name=words["offer"] + RING_NAME).click()
    desk.wait_for_url(re.compile(r"/receipt$"))
    say = desk.inner_text(".receipt .say")
    assert RING_NAME in say and words["by"] in say
    number = desk.inner_text(".receipt .case").strip()
    assert re.fullmatch(r"[0-9A-F]{8}", number)
    check_basics(desk)
    shot(desk, f"receipt{suffix}")
    desk.locator(".receipt").screenshot(path=str(SCREENSHOTS / f"receipt-card{suffix}.png"))

    counsellor = new_page()  # another browser
    _login(counsellor, demo.url, KEUDA, lang=lang)
    counsellor.goto(f"{demo.url}/ring")
    case = counsellor.locator("article.offer", has_text=number)
    assert case.count() == 1
    check_basics(counsellor)
    shot(counsellor, f"ring-queue{suffix}")
    case.get_by_role("button", name=words["take"]).click()
    counsellor.wait_for_url(re.compile(r"/referrals/[0-9a-f-]+$"))
    assert words["yours"] in counsellor.inner_text("main")
    assert words["question"] in counsellor.inner_text("dl.props")
    assert "040 765 4321" in counsellor.inner_text("dl.props")
    check_basics(counsellor)
    shot(counsellor, f"referral-top{suffix}")
    shot(counsellor, f"referral{suffix}", full_page=True)

    desk.goto(f"{demo.url}/inbox")
    row = desk.locator("table tr", has_text=number)
    assert words["accepted"] in row.inner_text()


def test_two_counsellors_claim_at_once_and_one_is_told_who_took_it(demo, new_page) -> None:
    number = _open_to_ring(new_page(), demo.url)
    keuda, luksia = new_page(), new_page()
    _login(keuda, demo.url, KEUDA)
    _login(luksia, demo.url, LUKSIA)
    for page in (keuda, luksia):
        page.goto(f"{demo.url}/ring")
    take = "Ota tämä asia"
    buttons = [p.locator("article.offer", has_text=number).get_by_role("button", name=take) for p in (keuda, luksia)]
    for button in buttons:
        button.click(no_wait_after=True)  # both claims are on their way before either answer arrives
    for page in (keuda, luksia):
        page.wait_for_load_state()
        page.wait_for_selector("p.flash")
    messages = {page: page.inner_text("p.flash") for page in (keuda, luksia)}
    winners = [p for p, m in messages.items() if "Asia on nyt sinun" in m]
    losers = [p for p, m in messages.items() if "Asian on jo ottanut" in m]
    assert len(winners) == 1 and len(losers) == 1, messages
    winner_name = "Olli Ohjaaja" if winners[0] is keuda else "Outi Opinto"
    assert winner_name in messages[losers[0]]
    assert losers[0].url.endswith("/ring")
    assert losers[0].locator("article.offer", has_text=number).count() == 0
    shot(losers[0], "ring-lost-race")


def test_decline_sends_the_case_back_and_the_desk_offers_it_again(demo, new_page) -> None:
    desk = new_page()
    _login(desk, demo.url, DESK)
    ask(desk, QUESTION)
    desk.check("#consent")
    desk.fill("#client_contact", "040 765 4321")
    # Ohjaamo Kerava is among the suggestions for a 17-year-old from Kerava; its counsellor declines
    chosen = desk.locator("#suggestions .suggestion").filter(has=desk.locator("p.org", has_text="Ohjaamo Kerava")).first
    service = chosen.locator("h3").inner_text()
    chosen.get_by_role("button").click()
    desk.wait_for_url(re.compile(r"/receipt$"))
    number = desk.inner_text(".receipt .case").strip()
    assert service in desk.inner_text(".receipt .say")

    receiver = new_page()
    _login(receiver, demo.url, OHJAAMO)
    receiver.goto(f"{demo.url}/inbox")
    offer = receiver.locator("article.offer").filter(has_text=number)
    check_basics(receiver)
    shot(receiver, "inbox")
    offer.locator("summary").click()
    offer.get_by_label("Miksi hylkäät?").select_option("no-capacity")
    offer.get_by_label("Viesti lähettäjälle (vapaaehtoinen)").fill("Ryhmät täynnä maaliskuuhun asti")
    offer.get_by_role("button", name="Hylkää tarjous").click()
    receiver.wait_for_selector("p.flash.ok")
    assert "palasi lähettäneelle" in receiver.inner_text("p.flash")

    desk.goto(f"{demo.url}/inbox")
    returned = desk.locator("article.offer", has_text=number)
    assert returned.count() == 1
    returned.get_by_role("link", name="Muut vaihtoehdot").click()
    assert "Meillä ei ole nyt tilaa" in desk.inner_text("main")
    assert "Ryhmät täynnä" in desk.inner_text("main")
    desk.get_by_role("button", name=f"Tarjoa: {RING_NAME}").click()
    desk.wait_for_selector("p.flash.ok")
    assert "tarjottu" in desk.inner_text("p.state")
    shot(desk, "referral-rerouted", full_page=True)


def test_language_switching_is_remembered(demo, new_page) -> None:
    page = new_page(locale="fi-FI")
    page.goto(f"{demo.url}/login")
    assert page.get_by_role("button", name="Kirjaudu sisään").is_visible()
    page.get_by_role("link", name="svenska").click()
    page.get_by_role("button", name="Logga in").wait_for()  # the Swedish page, once it has loaded
    assert page.get_attribute("html", "lang") == "sv"
    check_basics(page)
    shot(page, "login-sv")
    _login(page, demo.url, DESK)  # the login page keeps the choice: no ?lang= here
    page.goto(f"{demo.url}/desk")
    assert page.get_by_role("link", name="Mottagning").is_visible()
    assert page.get_by_label("Hemkommun").is_visible()
    assert page.locator('#municipalities option[value="Kervo"]').count() == 1
    ask(page, "pojke 17 år i Kervo, hoppade av gymnasiet och vet inte vad han ska göra")
    assert page.get_by_role("heading", name="Förslag").is_visible()
    shot(page, "desk-sv", full_page=True)
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Front desk").wait_for()
    page.reload()
    assert page.get_attribute("html", "lang") == "en"
    # the choice is the account's: a new browser opens in English too
    other = new_page(locale="fi-FI")
    _login(other, demo.url, DESK)
    assert other.get_attribute("html", "lang") == "en"


def test_a_forged_form_is_rejected_with_a_page(demo, new_page) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/inbox")
    page.eval_on_selector("form.who input[name=csrf_token]", "el => el.value = 'forged'")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Kirjaudu ulos").click()
    assert answer.value.status == 400
    assert page.get_by_role("heading", name="Lomake vanhentui").is_visible()
    shot(page, "csrf-rejected")


def test_keyboard_only_through_the_front_desk(demo, new_page) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")

    def focused() -> str:
        return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")

    assert focused() == "question"  # the form starts where the work starts
    page.keyboard.type(QUESTION)
    page.keyboard.press("Tab")
    assert focused() == "municipality"
    page.keyboard.type("Kerava")
    page.keyboard.press("Tab")
    assert focused() == "age"
    page.keyboard.type("17")
    page.keyboard.press("Tab")
    assert focused() == "language"
    page.keyboard.press("Tab")
    assert focused() == "consent"
    page.keyboard.press("Space")
    assert page.is_checked("#consent")
    page.keyboard.press("Tab")
    assert focused() == "client_contact"
    page.keyboard.type("040 765 4321")
    page.keyboard.press("Tab")
    assert focused() == "find"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    width = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline != "none" and width >= 2  # focus is visible
    shot(page, "desk-keyboard-focus")
    page.keyboard.press("Enter")
    page.wait_for_selector(SUGGESTIONS)
    # on to the first suggestion's button, by Tab alone
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "target":
            break
    else:
        raise AssertionError("no suggestion button reachable by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/receipt$"))
    assert "viimeistään" in page.inner_text(".receipt .say")


def test_pages_for_the_readme_and_by_eye(demo, new_page) -> None:
    """Screenshots of the remaining main pages, at desk and phone widths."""
    coordinator = new_page()
    _login(coordinator, demo.url, COORDINATOR)
    coordinator.goto(f"{demo.url}/directory")
    assert coordinator.locator("article.service").count() > 5
    check_basics(coordinator)
    shot(coordinator, "directory")
    coordinator.goto(f"{demo.url}/rules/try")
    coordinator.fill("#question", QUESTION)
    coordinator.click("form.card button[type=submit]")
    coordinator.wait_for_selector("text=Lauenneet säännöt")
    check_basics(coordinator)
    shot(coordinator, "rule-tester", full_page=True)
    coordinator.goto(f"{demo.url}/no/such/page")
    assert coordinator.get_by_role("heading", name="Sivua ei löydy").is_visible()
    shot(coordinator, "not-found")

    phone = new_page(width=390, height=844)
    _login(phone, demo.url, DESK)
    ask(phone, QUESTION)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the desk scrolls sideways on a phone ({width}px)"
    shot(phone, "desk-phone", full_page=True)
    phone.goto(f"{demo.url}/login")
