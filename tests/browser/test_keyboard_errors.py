"""A keyboard and screen-reader user meets the forms' errors: each is said, names its field, and focus
lands on the field to fix (or on the one line saying what went wrong)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from routing.demo.network import RING_NAME

from .conftest import DESK, DOOR, PASSWORDS, SUGGESTIONS, ask, log_in

QUESTION = "Yksi aamu en vaan päässyt ylös sängystä, asun Keravalla"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """The client door open, as in the demo (`make run`)."""
    return {**app_config, **DOOR}


def _focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id"))


def test_a_place_or_age_in_error_is_said_and_focused_at_the_desk(demo, new_page, axe) -> None:
    page = new_page()
    log_in(page, demo.url, DESK, PASSWORDS[DESK])
    page.goto(f"{demo.url}/desk")
    ask(page, QUESTION)
    page.keyboard.press("Tab")
    page.keyboard.type("Kervaa", delay=20)
    page.keyboard.press("Tab")  # the field is left: the live region says what is wrong, naming the field
    status = page.locator("#suggest-status")
    page.wait_for_function("() => document.getElementById('suggest-status').textContent.trim().startsWith('Kotikunta')")
    assert "Valitse kunta luettelosta" in status.inner_text()
    assert page.locator("#suggestions a[href='#municipality']").inner_text() == "Kotikunta"
    page.keyboard.type("300")
    page.keyboard.press("Enter")  # "Find services": the fields come back marked, focus on the first
    page.wait_for_selector("#age[aria-invalid=true]")
    assert _focused(page) == "municipality"
    assert page.get_attribute("#municipality", "aria-invalid") == "true"
    assert "municipality-error" in (page.get_attribute("#municipality", "aria-describedby") or "")
    assert "0–120" in page.inner_text("#age-error")
    axe(page)
    page.fill("#municipality", "Kerava")
    page.fill("#age", "19")
    page.wait_for_selector(SUGGESTIONS)


def test_without_script_the_desk_focuses_the_field_in_error(demo, browser) -> None:
    context = browser.new_context(locale="fi-FI", java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, demo.url, DESK, PASSWORDS[DESK])
        page.goto(f"{demo.url}/desk")
        page.fill("#question", QUESTION)
        page.fill("#age", "300")
        page.click("#find")
        page.wait_for_selector("#age-error")
        assert _focused(page) == "age"
        page.fill("#question", "")
        page.fill("#age", "")
        page.click("#find")
        page.wait_for_selector("#question-error")
        assert _focused(page) == "question"
    finally:
        context.close()


def test_a_ring_offer_without_consent_focuses_what_the_desk_must_do(demo, new_page) -> None:
    page = new_page()
    log_in(page, demo.url, DESK, PASSWORDS[DESK])
    page.goto(f"{demo.url}/desk")
    ask(page, QUESTION)
    page.get_by_role("button", name=f"Tarjoa: {RING_NAME}").click()
    page.wait_for_selector("#desk-problem")
    assert _focused(page) == "desk-problem"
    assert page.get_attribute("#desk-problem", "role") == "alert"


def test_the_door_focuses_the_first_field_in_error(demo, new_page) -> None:
    page = new_page()
    page.goto(f"{demo.url}/client/new")
    page.fill("#question", "Haluaisin vaihtaa alaa ja opiskella sähköasentajaksi.")
    page.fill("#municipality", "Kervaa")
    page.fill("#age", "300")
    page.check("#consent")
    page.locator("form.card button[type=submit]").press("Enter")
    page.wait_for_selector("#municipality[aria-invalid=true]")
    assert _focused(page) == "municipality"
    page.fill("#municipality", "Kerava")
    page.fill("#age", "35")
    page.locator("form.card button[type=submit]").press("Enter")
    page.wait_for_url(re.compile(r"/client/c/"))
