"""A working day at the desk, the ring and the inbox (issue 21): each finding walked through in Chromium.

Each test is one thing a day's work found wrong, as a front desk, a ring counsellor or a
coordinator meets it; it failed before the fix. The database is the live server's own (same
process), read directly where the page alone cannot show what was stored.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import flask_wtf.csrf
import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlmodel import select

from routing.core import db
from routing.demo.network import RING_NAME
from routing.referrals.models import Offer, Referral

from .conftest import DESK, PASSWORDS, SUGGESTIONS, ask, check_basics, log_in, shot

OHJAAMO = "ohjaaja@ohjaamo-kerava.example.fi"
COORDINATOR = "koordinaattori@example.fi"
QUESTION = "poika 17v keravalta, lopetti lukion kesken eikä tiedä mitä tehdä"
CONTACT = "040 765 4321"


def _login(page: Any, base: str, email: str, lang: str | None = None) -> None:
    log_in(page, base, email, PASSWORDS[email], lang)


def _stored(app: Any) -> tuple[list[Referral], list[Offer]]:
    with app.app_context(), db.new_session(read_only=True) as s:
        referrals = list(s.exec(select(Referral)))
        offers = list(s.exec(select(Offer)))
        s.expunge_all()
    return referrals, offers


def _ohjaamo_button(page: Any) -> Any:
    chosen = page.locator("#suggestions .suggestion").filter(has=page.locator("p.org", has_text="Ohjaamo Kerava"))
    return chosen.first.locator("button[name=target]")


def _refer_to_ohjaamo(page: Any, base: str) -> str:
    """The desk refers QUESTION to Ohjaamo Kerava with consent and a phone; returns the case number."""
    _login(page, base, DESK)
    page.goto(f"{base}/desk")
    ask(page, QUESTION)
    page.check("#consent")
    page.fill("#client_contact", CONTACT)
    _ohjaamo_button(page).click()
    page.wait_for_url(re.compile(r"/receipt$"))
    return page.inner_text(".receipt .case").strip()


# --- 1. consent ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["service", "ring"])
@pytest.mark.parametrize("contact", [CONTACT, ""], ids=["contact", "no-contact"])
@pytest.mark.parametrize("consent", [True, False], ids=["consent", "no-consent"])
def test_an_offer_is_made_only_when_someone_can_contact_the_client(
    app, demo, new_page, consent: bool, contact: str, target: str
) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")
    ask(page, QUESTION)
    if consent:
        page.check("#consent")
    page.fill("#client_contact", contact)
    with page.expect_navigation():  # the answer to the form, whichever page it is (a loaded machine is slow)
        if target == "service":
            _ohjaamo_button(page).click()
        else:
            page.get_by_role("button", name=f"Tarjoa: {RING_NAME}").click()
    page.wait_for_load_state()
    referrals, offers = _stored(app)
    check_basics(page)
    if consent and contact:
        # the one case where someone can call: the referral is offered and the receipt promises the call
        page.wait_for_url(re.compile(r"/receipt$"))
        assert "viimeistään" in page.inner_text(".receipt .say")
        assert len(referrals) == 1 and len(offers) == 1
        assert referrals[0].consent and referrals[0].client_contact == CONTACT
        shot(page, f"receipt-consent-{target}")
    elif target == "service":
        # nobody could call: no referral, nothing stored, the client gets the service's own contacts
        assert page.get_by_role("heading", name="Ei ohjausta: anna asiakkaalle yhteystiedot").is_visible()
        say = page.inner_text(".receipt .say")
        assert "Ota itse yhteyttä" in say and "viimeistään" not in page.inner_text("main")
        assert page.locator(".receipt ul.facts li").count() >= 1  # a phone, an e-mail or a web page
        assert referrals == [] and offers == []
        shot(page, f"receipt-no-consent-{'contact' if contact else 'nothing'}")
    else:
        # a ring has no contact of its own to give: the desk is told what is missing, its words kept
        assert "Renkaan ohjaaja ottaa yhteyttä asiakkaaseen" in page.inner_text("#desk-problem")
        assert page.input_value("#question") == QUESTION
        assert page.is_checked("#consent") == consent and page.input_value("#client_contact") == contact
        assert referrals == [] and offers == []


def test_the_consent_rule_is_written_on_the_desk(demo, new_page) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    hint = page.inner_text("#consent-hint")
    assert "vain asiakkaan suostumuksella" in hint and "palvelun yhteystiedot" in hint


# --- 2. returned cases at the desk ----------------------------------------------------------------


def test_a_front_desk_sees_its_returned_cases_and_offers_again_in_one_click(app, demo, new_page) -> None:
    desk = new_page()
    number = _refer_to_ohjaamo(desk, demo.url)
    receiver = new_page()
    _login(receiver, demo.url, OHJAAMO)
    receiver.goto(f"{demo.url}/inbox")
    offer = receiver.locator("article.offer").filter(has_text=number)
    offer.locator("summary").click()
    offer.get_by_label("Miksi hylkäät?").select_option("no-capacity")
    offer.get_by_role("button", name="Hylkää tarjous").click()
    receiver.wait_for_selector("p.flash.ok")

    desk.goto(f"{demo.url}/desk")
    assert desk.get_by_role("link", name="Saapuneet").is_visible()  # the inbox is in the desk's menu
    back = desk.get_by_role("link", name="1 asia palasi teille: tarjoa se uudelleen")
    assert back.is_visible()
    back.click()
    returned = desk.locator("article.offer", has_text=number)
    assert returned.count() == 1
    # the declining service is not offered again in one click; the ring is
    assert returned.get_by_role("button", name=re.compile("Tarjoa: Ohjaamo")).count() == 0
    check_basics(desk)
    shot(desk, "inbox-returned-desk")
    returned.get_by_role("button", name=f"Tarjoa: {RING_NAME}").click()
    desk.wait_for_selector("p.flash.ok")
    assert desk.url.endswith("/inbox")
    assert desk.locator("article.offer", has_text=number).count() == 0
    referrals, _offers = _stored(app)
    assert [r.state for r in referrals] == ["offered"]


# --- 3. no preset reasons -----------------------------------------------------------------------


def test_decline_and_close_forms_choose_nothing_until_the_person_does(app, demo, new_page) -> None:
    desk = new_page()
    number = _refer_to_ohjaamo(desk, demo.url)
    receiver = new_page()
    _login(receiver, demo.url, OHJAAMO)
    receiver.goto(f"{demo.url}/inbox")
    offer = receiver.locator("article.offer").filter(has_text=number)
    offer.locator("summary").click()
    assert offer.get_by_label("Miksi hylkäät?").input_value() == ""
    reason = offer.get_by_label("Miksi hylkäät?")
    offer.get_by_role("button", name="Hylkää tarjous").click()  # the careless click: the form says what is missing
    assert reason.evaluate("el => el.validity.valueMissing") and reason.evaluate("el => el.validationMessage")
    assert reason.evaluate("el => el === document.activeElement")
    _referrals, offers = _stored(app)
    assert [o.state for o in offers] == ["pending"]

    receiver.locator("article.offer").filter(has_text=number).get_by_role("button", name="Hyväksy").click()
    receiver.wait_for_url(re.compile(r"/referrals/"))
    receiver.locator("details.card summary").click()
    outcome = receiver.get_by_label("Lopputulos")
    assert outcome.input_value() == ""
    receiver.get_by_role("button", name="Sulje", exact=True).click()
    assert outcome.evaluate("el => el.validity.valueMissing") and outcome.evaluate("el => el.validationMessage")
    referrals, _offers = _stored(app)
    assert [(r.state, r.outcome) for r in referrals] == [("accepted", None)]


# --- 4. staff language, client language ----------------------------------------------------------


def test_reasons_speak_the_staff_language_and_the_receipt_the_clients(demo, new_page) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")
    ask(page, "pojke 17 år från Kervo, hoppade av gymnasiet och vet inte vad han ska göra")
    reasons = page.inner_text("#suggestions .suggestion ul.reasons")
    assert "tarve:" in reasons or "tarpeet:" in reasons  # the Finnish page, whatever the client speaks
    assert "behov" not in reasons and "ruotsiksi" in reasons  # serves in Swedish or not, said in Finnish
    page.check("#consent")
    page.fill("#client_contact", CONTACT)
    page.get_by_role("button", name=f"Tarjoa: {RING_NAME}").click()
    page.wait_for_url(re.compile(r"/receipt$"))
    said = page.locator(".receipt .say")
    assert said.count() == 2  # side by side: the client's words, then the desk's own
    assert said.nth(0).get_attribute("lang") == "sv" and "kontaktar dig senast" in said.nth(0).inner_text()
    assert said.nth(1).get_attribute("lang") == "fi" and "viimeistään" in said.nth(1).inner_text()
    check_basics(page)
    shot(page, "receipt-sv-client-fi-desk")

    english = new_page(locale="en-GB")
    _login(english, demo.url, COORDINATOR, lang="en")
    english.goto(f"{demo.url}/desk")
    ask(english, QUESTION)
    reasons = english.inner_text("#suggestions .suggestion ul.reasons")
    assert "need" in reasons and "tarve" not in reasons and "palvelee" not in reasons


# --- 5. a desk page open all day --------------------------------------------------------------------


def test_a_desk_page_open_for_hours_still_sends(app, demo, new_page, monkeypatch) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    hours_ago = int(time.time()) - 5 * 3600

    class SignedHoursAgo(URLSafeTimedSerializer):
        def make_signer(self, salt: Any = None) -> Any:
            signer = super().make_signer(salt)
            signer.get_timestamp = lambda: hours_ago  # type: ignore[method-assign]
            return signer

    monkeypatch.setattr(flask_wtf.csrf, "URLSafeTimedSerializer", SignedHoursAgo)
    page.goto(f"{demo.url}/desk")  # the page's token, signed five hours ago (the live server is this process)
    monkeypatch.undo()
    ask(page, QUESTION)  # live suggestions still come
    page.check("#consent")
    page.fill("#client_contact", CONTACT)
    _ohjaamo_button(page).click()
    page.wait_for_url(re.compile(r"/receipt$"))
    referrals, _offers = _stored(app)
    assert len(referrals) == 1


def test_an_expired_desk_form_keeps_everything_typed(demo, new_page) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")
    page.eval_on_selector("#desk-form input[name=csrf_token]", "el => el.value = 'expired'")
    page.click("#question")
    page.keyboard.type(QUESTION, delay=2)
    stopped = page.locator("#suggest-stopped")
    stopped.wait_for(state="visible")
    assert "Ehdotukset lakkasivat päivittymästä" in stopped.inner_text()  # the live suggestions say so
    page.fill("#age", "17")
    page.check("#consent")
    page.fill("#client_contact", CONTACT)
    page.click("#find")
    page.wait_for_selector("#desk-problem")
    assert page.inner_text("#desk-problem").startswith("Sivu oli auki liian kauan.")
    assert page.get_by_role("heading", name="Vastaanotto").is_visible()  # the desk, not an error page
    assert page.input_value("#question") == QUESTION and page.input_value("#age") == "17"
    assert page.is_checked("#consent") and page.input_value("#client_contact") == CONTACT
    shot(page, "desk-expired-kept")
    page.fill("#question", QUESTION + " ")  # the fresh token works: live suggestions come again
    page.wait_for_selector(SUGGESTIONS)
    assert page.locator("#suggest-stopped").is_hidden()


# --- 8. smaller ones --------------------------------------------------------------------------------


def test_leaving_the_question_for_a_button_does_not_swap_the_suggestions(demo, new_page) -> None:
    """The question's "change" on leaving it asks nothing new: the button under the pointer stays."""
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if r.url.endswith("/desk/suggestions") else None)
    ask(page, QUESTION)
    before = len(asked)
    button = page.locator("#suggestions .suggestion button[name=target]").first
    button.evaluate("b => { b.dataset.first = 'yes'; }")  # marks this very element
    page.check("#consent")  # the question loses the focus: "change"
    page.fill("#client_contact", CONTACT)
    page.wait_for_timeout(800)  # longer than the script's wait before it asks
    assert len(asked) == before
    assert button.get_attribute("data-first") == "yes"  # not swapped for a new one
    page.fill("#age", "18")  # a change the suggestions depend on is asked at once
    page.wait_for_selector(SUGGESTIONS)
    assert len(asked) == before + 1


def test_find_services_brings_the_suggestions_into_view_on_a_phone(demo, new_page) -> None:
    page = new_page(width=375, height=740)
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")
    page.fill("#question", QUESTION)
    page.get_by_role("button", name="Etsi palvelut").click()
    page.wait_for_selector(SUGGESTIONS)
    page.wait_for_function("document.getElementById('suggestions').getBoundingClientRect().top < 200")
    top = page.evaluate("document.getElementById('suggestions-title').getBoundingClientRect().top")
    assert 0 <= top < 740
    shot(page, "desk-phone-suggestions")


def test_a_long_paste_says_it_was_cut(demo, new_page) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")
    page.fill("#question", ("Tarvitsen apua työnhakuun. " * 200)[:5000])
    assert len(page.input_value("#question")) == 4000
    note = page.locator("#question-cut")
    assert note.is_visible() and "katkaistiin 4" in note.inner_text()


def test_the_page_says_which_municipality_it_used(demo, new_page) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")
    page.fill("#municipality", "Kerava")
    ask(page, "asun Lohjalla ja etsin töitä, olen 24")
    note = page.inner_text("#suggestions .place-note")
    assert "Lohja" in note and "Kerava" in note


def test_the_contact_is_a_phone_number_or_an_email_address(app, demo, new_page) -> None:
    page = new_page()
    _login(page, demo.url, DESK)
    page.goto(f"{demo.url}/desk")
    ask(page, QUESTION)
    page.check("#consent")
    page.fill("#client_contact", "soittakaa iltapäivällä")
    _ohjaamo_button(page).click()
    page.wait_for_selector("#client_contact-error")
    assert "puhelinnumero" in page.inner_text("#client_contact-error")
    assert page.get_attribute("#client_contact", "aria-invalid") == "true"
    assert _stored(app) == ([], [])
    page.fill("#client_contact", "+358 40 765 4321")
    _ohjaamo_button(page).click()
    page.wait_for_url(re.compile(r"/receipt$"))
    assert _stored(app)[0][0].client_contact == "+358 40 765 4321"


def test_the_ring_queue_is_in_the_menu_only_of_ring_members(demo, new_page) -> None:
    member = new_page()
    _login(member, demo.url, "ohjaus@keuda.example.fi")
    assert member.get_by_role("link", name="Renkaan jono").count() == 1
    outsider = new_page()
    _login(outsider, demo.url, OHJAAMO)  # Ohjaamo Kerava belongs to no ring
    assert outsider.get_by_role("link", name="Renkaan jono").count() == 0
    assert outsider.get_by_role("link", name="Saapuneet").count() == 1


# --- 7. upload errors in view, in the page's language -------------------------------------------------


def _broken_directory_zip(folder: Path) -> Path:
    """The demo directory zipped, with one service's minimum age written as a word."""
    import csv
    import io
    import zipfile

    from routing.demo.load import DIRECTORY

    rows = list(csv.DictReader((DIRECTORY / "services.csv").open(encoding="utf-8")))
    rows[0]["minimum_age"] = "kymmenen"
    services = io.StringIO()
    writer = csv.DictWriter(services, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    target = folder / "broken.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for member in DIRECTORY.iterdir():
            text = services.getvalue() if member.name == "services.csv" else member.read_text(encoding="utf-8")
            archive.writestr(f"hakemisto/{member.name}", text)
    return target


@pytest.mark.parametrize(
    ("lang", "link", "button", "not_zip", "not_number"),
    [
        ("fi", "Tuo hakemisto", "Lähetä ja tuo", "tiedosto ei ole zip-paketti", "ei luku: 'kymmenen'"),
        ("sv", "Importera en katalog", "Ladda upp och importera", "filen är inte ett zip-arkiv", "inte ett tal"),
    ],
)
def test_an_upload_error_is_where_the_coordinator_looks_in_their_language(
    demo, new_page, tmp_path, lang: str, link: str, button: str, not_zip: str, not_number: str
) -> None:
    page = new_page()
    _login(page, demo.url, COORDINATOR, lang=lang)
    page.goto(f"{demo.url}/directory")
    page.get_by_role("link", name=link).click()
    not_a_zip = tmp_path / "hakemisto.zip"
    not_a_zip.write_text("id,name\n1,Ohjaamo\n")
    page.set_input_files("#archive", str(not_a_zip))
    page.get_by_role("button", name=button).click()
    error = page.locator("#archive-error")
    error.wait_for()
    assert error.inner_text() == not_zip
    box = error.bounding_box()
    assert box is not None and 0 <= box["y"] < 860  # in view without scrolling, not under the directory
    check_basics(page)
    shot(page, f"upload-refused-{lang}")

    page.set_input_files("#archive", str(_broken_directory_zip(tmp_path)))
    page.get_by_role("button", name=button).click()
    page.wait_for_selector("ol.error-list li", timeout=30_000)
    problems = page.inner_text("ol.error-list")
    assert "services.csv:2: minimum_age:" in problems and not_number in problems


# --- 8. the demo's history ----------------------------------------------------------------------------


def test_the_demo_history_fills_the_figures_and_the_inboxes(app, demo, new_page, axe) -> None:
    from routing.demo.history import add_history

    with app.app_context(), db.transaction() as s:
        made = add_history(s)
    coordinator = new_page(height=1400)
    _login(coordinator, demo.url, COORDINATOR)
    coordinator.goto(f"{demo.url}/figures")
    summary = coordinator.locator("section.figure").first.inner_text()
    assert str(made) in summary  # every case of the history is counted as opened this year
    assert coordinator.locator("section.figure svg rect").count() >= 10  # the weekly charts have bars
    check_basics(coordinator)
    axe(coordinator)
    shot(coordinator, "figures-demo-history", full_page=True)

    desk = new_page()
    _login(desk, demo.url, DESK)
    assert desk.get_by_role("link", name=re.compile(r"\d+ asiaa palasi teille")).is_visible()
    desk.goto(f"{demo.url}/inbox")
    returned = desk.locator("section[aria-labelledby=returned-title] article.offer")
    assert returned.count() >= 2
    assert "[demo]" not in desk.inner_text("main")  # lists never show the question
    axe(desk)
    shot(desk, "inbox-returned-demo")

    ohjaamo = new_page()
    _login(ohjaamo, demo.url, OHJAAMO)
    ohjaamo.goto(f"{demo.url}/inbox")
    assert ohjaamo.locator("section[aria-labelledby=offers-title] article.offer").count() >= 1
    assert ohjaamo.locator("section[aria-labelledby=mine-title] article.mycase").count() >= 1
    shot(ohjaamo, "inbox-counsellor-demo", full_page=True)


def test_the_owner_hands_on_only_where_someone_can_receive_and_can_take_a_handoff_back(app, demo, new_page) -> None:
    desk = new_page()
    number = _refer_to_ohjaamo(desk, demo.url)
    owner = new_page()
    _login(owner, demo.url, OHJAAMO)
    owner.goto(f"{demo.url}/inbox")
    owner.locator("article.offer").filter(has_text=number).get_by_role("button", name="Hyväksy").click()
    owner.wait_for_url(re.compile(r"/referrals/"))
    options = owner.locator("#to option")
    labels = options.all_inner_texts()
    assert not any("Ohjaamo Kerava –" in label for label in labels), labels  # the case's own service is left out
    unable = owner.locator("#to option:disabled")
    assert unable.count() >= 1 and all("ei voi vastaanottaa" in t for t in unable.all_inner_texts())
    assert not any("ei voi vastaanottaa" in t for t in owner.locator("#to option:enabled").all_inner_texts())

    colleague = owner.locator("#to option[value^='user:']").first.get_attribute("value")
    owner.get_by_label("Siirrä asia").select_option(colleague)
    owner.get_by_role("button", name="Ehdota siirtoa").click()
    owner.wait_for_selector("p.flash.ok")
    owner.get_by_role("button", name="Peru siirto").click()
    owner.wait_for_selector("p.flash.ok")
    assert "Siirto peruttu" in owner.inner_text("p.flash")
    assert owner.get_by_role("button", name="Peru siirto").count() == 0
    _referrals, offers = _stored(app)
    handoffs = [o for o in offers if o.kind == "handoff"]
    assert [o.state for o in handoffs] == ["withdrawn"]
    check_basics(owner)
