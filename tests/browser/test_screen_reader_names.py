"""What a screen reader hears: each control says what it acts on, and each change is said.

The desk's ticked needs carry the words they were read from; the "read from the question" links
and the ring queue's buttons are told apart by name; a re-ranking says which service is now first;
the client door confirms a sent message; the referral page's forms show their own errors."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import DESK, DOOR, PASSWORDS, ask, log_in
from .test_paging import _fill_the_ring

KEUDA = "ohjaus@keuda.example.fi"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """The client door open, as in the demo (`make run`)."""
    return {**app_config, **DOOR}


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def test_a_ticked_need_is_described_by_the_words_it_was_read_from(demo, new_page, axe) -> None:
    page = new_page()
    log_in(page, demo.url, DESK, PASSWORDS[DESK])
    page.goto(f"{demo.url}/desk")
    ask(page, "Yksi aamu en vaan päässyt ylös sängystä, asun Keravalla")
    ticked = page.locator('#reading li.read input[name="needs"]')
    assert ticked.count() >= 1
    evidence = page.locator("#reading li.read .evidence").first.inner_text()
    assert "päässyt" in evidence
    _expect()(ticked.first).to_have_accessible_description(re.compile(re.escape(evidence)))
    axe(page)


@pytest.mark.parametrize(
    ("lang", "read", "place", "age"),
    [
        ("fi", "luettu kysymyksestä", "Kotikunta", "Ikä"),
        ("sv", "läst ur frågan", "Hemkommun", "Ålder"),
        ("en", "read from the question", "Home municipality", "Age"),
    ],
)
def test_the_read_from_the_question_links_name_their_field(
    demo, new_page, lang: str, read: str, place: str, age: str
) -> None:
    page = new_page()
    log_in(page, demo.url, DESK, PASSWORDS[DESK], lang)
    page.goto(f"{demo.url}/desk")
    ask(page, "poika 17v keravalta, lopetti lukion kesken eikä tiedä mitä tehdä")
    expect = _expect()
    # the visible words first (a speech user says what they see), then the field they lead to
    expect(page.locator("#reading a[href='#municipality']")).to_have_accessible_name(re.compile(f"{read}.*{place}"))
    expect(page.locator("#reading a[href='#age']")).to_have_accessible_name(re.compile(f"{read}.*{age}"))


@pytest.mark.parametrize(
    ("lang", "take"), [("fi", "Ota tämä asia"), ("sv", "Ta det här ärendet"), ("en", "Take this case")]
)
def test_each_take_button_in_the_ring_queue_names_its_case(demo, engine, new_page, axe, lang: str, take: str) -> None:
    _fill_the_ring(engine, 3)
    page = new_page()
    log_in(page, demo.url, KEUDA, PASSWORDS[KEUDA], lang)
    page.goto(f"{demo.url}/ring")
    cases = page.locator("article.offer")
    assert cases.count() >= 3
    names, links = set(), set()
    for i in range(cases.count()):
        case = cases.nth(i)
        number = case.locator("span.case").inner_text().strip()
        button = case.get_by_role("button")
        _expect()(button).to_have_accessible_name(re.compile(f"^{re.escape(take)}.*{number}"))
        assert case.get_by_role("heading", name=number).count() == 1
        names.add(button.text_content())
        links.add(case.get_by_role("link").last.text_content())
    assert len(names) == len(links) == cases.count()
    axe(page)


@pytest.mark.parametrize(("lang", "said"), [("fi", "ensimmäisenä: "), ("sv", "först: "), ("en", "first: ")])
def test_a_re_ranking_says_which_service_is_now_first(demo, new_page, lang: str, said: str) -> None:
    desk = new_page()
    log_in(desk, demo.url, DESK, PASSWORDS[DESK], lang)
    desk.goto(f"{demo.url}/desk")
    ask(desk, "Makaan sängyssä koko päivän, asun Keravalla", delay=5)
    status = desk.locator("#suggest-status")
    first = desk.locator("#suggestions .suggestion h3").first
    desk.wait_for_function("() => document.getElementById('suggest-status').textContent.trim() !== ''")
    assert status.inner_text().endswith(said + first.inner_text())
    before = first.inner_text()
    desk.locator('#reading input[name="needs"][value="mental-health"]').check()
    desk.wait_for_function(
        "before => document.querySelector('#suggestions .suggestion h3').textContent !== before", arg=before
    )
    desk.wait_for_selector("#suggestions:not([aria-busy])")
    now = first.inner_text()
    assert now != before
    assert status.inner_text().endswith(said + now)


@pytest.mark.parametrize(
    ("lang", "sent"), [("fi", "Viesti lähetetty."), ("sv", "Meddelandet skickat."), ("en", "Message sent.")]
)
def test_the_door_says_a_message_was_sent(demo, new_page, axe, lang: str, sent: str) -> None:
    page = new_page()
    page.goto(f"{demo.url}/client/new?lang={lang}")
    page.fill("#question", "Haluaisin vaihtaa alaa ja opiskella sähköasentajaksi.")
    page.check("#consent")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/client/c/**")
    page.fill("#body", "Kiitos, odotan yhteydenottoa.")
    page.click("#thread form button[type=submit]")
    said = page.locator("#thread [role=status]")
    said.wait_for()
    assert said.inner_text() == sent
    assert page.evaluate("document.activeElement.id") == said.get_attribute("id")  # read out where the reader is
    assert page.get_by_text(sent).count() == 1
    axe(page)
    page.reload()  # said once
    assert page.locator("#thread [role=status]").count() == 0


def test_the_referral_pages_note_and_close_forms_show_their_own_errors(demo, engine, new_page, axe) -> None:
    _fill_the_ring(engine, 1)
    page = new_page()
    log_in(page, demo.url, KEUDA, PASSWORDS[KEUDA])
    page.goto(f"{demo.url}/ring")
    page.locator("article.offer").first.get_by_role("button").click()
    page.wait_for_url(re.compile(r"/referrals/[0-9a-f-]+$"))
    case = page.url

    page.get_by_role("button", name="Tallenna merkintä").click()  # nothing written
    page.wait_for_selector("#text-error")
    assert page.get_attribute("#text", "aria-invalid") == "true"
    assert "text-error" in (page.get_attribute("#text", "aria-describedby") or "")
    assert "Kirjoita merkintä" in page.inner_text("#text-error")
    assert page.evaluate("document.activeElement.id") == "text"
    axe(page)

    page.goto(case)
    page.locator("details.card summary").click()
    page.get_by_role("button", name="Sulje", exact=True).click()  # no outcome chosen
    page.wait_for_selector("#outcome-error")
    assert page.get_attribute("#outcome", "aria-invalid") == "true"
    assert "outcome-error" in (page.get_attribute("#outcome", "aria-describedby") or "")
    assert page.evaluate("document.activeElement.id") == "outcome"
    assert page.locator("details.card").get_attribute("open") is not None
    axe(page)
    page.select_option("#outcome", index=1)
    page.get_by_role("button", name="Sulje", exact=True).click()
    page.wait_for_selector("p.flash.ok")
