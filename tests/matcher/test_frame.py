"""Questions as people send them: the story inside an e-mail, birth years, no dead ends."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_ranking import DIRECTORY

from routing.matcher.age import extract_age
from routing.matcher.frame import read_frame
from routing.matcher.router import Router, parse_request


@pytest.fixture
def router(make_router) -> Router:  # type: ignore[no-untyped-def]
    return make_router(DIRECTORY)  # type: ignore[no-any-return]


MAIL = (
    "Hei,\n\nolen 26-vuotias ja asun Nokialla. Jäin työttömäksi kesällä enkä ole\n"
    "löytänyt uutta työtä. Mistä saisin apua?\n\nYstävällisin terveisin\nPekka Mäkinen\n"
    "Kouvolan kaupunki, tekninen toimi\np. 040 555 1234"
)


def test_the_story_is_read_and_the_frame_set_apart() -> None:
    frame = read_frame(MAIL)
    assert "enkä ole löytänyt uutta työtä" in frame.story  # a wrapped line is a space
    assert "Kouvola" not in frame.story and "040" not in frame.story  # the signature is not the story
    assert frame.address == ""


def test_a_signature_address_line_is_the_senders_place_but_an_employer_is_not() -> None:
    frame = read_frame("Hei\n\nTarvitsen apua velkojen kanssa.\n\nTerveisin Maija\nKoulukatu 3, 04200 Kerava")
    assert frame.address == "Koulukatu 3, 04200 Kerava" and "Kerava" not in frame.story


def test_a_quoted_message_is_background_and_a_forward_with_nothing_added_is_the_story() -> None:
    reply = read_frame("Asun Keravalla.\n\n> Missä asutte? Palvelu on alle 30-vuotiaille.\n> Terveisin neuvonta")
    assert reply.story == "Asun Keravalla." and "alle 30" in reply.quoted
    forward = read_frame("---------- Forwarded message ----------\nFrom: x\n> I need a job in Vantaa, I'm 31")
    assert "I need a job" in forward.story


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_reading_the_frame_never_fails_and_keeps_a_one_line_question(text: str) -> None:
    frame = read_frame(text)
    assert isinstance(frame.story, str)
    if "\n" not in text and "\r" not in text:
        assert frame.story == text


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Synt. 2004, asun Keravalla", 22),
        ("Jag är född 1999 och bor i Vanda", 27),
        ("I was born in 2001 and I need a job", 25),
        ("Poikani (s. 2010) ei käy koulussa", 16),
        ("Olen 30, synt. 1996", 30),  # an age in years wins
        ("Lopetin koulun 2010 ja nyt haluan jatkaa", None),  # a year is not a birth year
        ("Soita 040 123 4567 tai 0401234567", None),
        ("Koulukatu 3, 04200 Kerava", None),
        ("Velkaa on 1999 euroa", None),
    ],
)
def test_birth_years_give_the_age_and_numbers_do_not(text: str, age: int | None) -> None:
    assert extract_age(text, 2026) == age


def test_an_age_under_the_name_is_read_and_an_address_is_not_an_age(router: Router) -> None:
    mail = "Hei\n\nEn oo nukkunu kunnolla viikkoihin ja ahdistaa.\n\nT. Jussi, 41"
    assert router.read(parse_request({"question": mail})).age == 41
    signed = "Moi\n\nEtin töitä.\n\nt. Ville\nVäinämöisenkatu 5 B 12\n20100 Turku\n045 678 9012"
    assert router.read(parse_request({"question": signed})).age is None


def test_the_town_on_the_closing_line_is_the_senders_but_an_employer_below_is_not(router: Router) -> None:
    closing = "Aihe: velat\n\nHei, velkaa on 20 000 euroa ja ulosotto alkoi.\n\nt. Jari, Salo"
    place = router.read(parse_request({"question": closing})).municipality
    assert place is not None and place.code == "734"
    employer = "Hei\n\nOlen etsinyt töitä jo pitkään.\n\nTerveisin\nAnna Koskinen\nTredu, Tampere"
    assert router.read(parse_request({"question": employer})).municipality is None


def test_a_mail_is_read_by_its_story(router: Router) -> None:
    result = router.route(parse_request({"question": MAIL}))
    assert result.municipality is not None and result.municipality.code == "536"  # Nokia, not Kouvola
    assert result.age == 26 and [n.code for n in result.needs] == ["employment"]


@pytest.mark.parametrize(
    "question",
    [
        "Muutin just Lahteen ja etin töitä, mistä kannattaa alottaa? oon 27",
        "asun Rovaniemellä, 40 v",
        "hei",
    ],
)
def test_no_dead_ends(router: Router, question: str) -> None:
    result = router.route(parse_request({"question": question}))
    assert result.candidates or result.ask, "candidates or what to ask, never nothing"


def test_spoken_etin_is_seeking(router: Router) -> None:
    result = router.route(parse_request({"question": "etin töitä, oon 24"}))
    assert [n.code for n in result.needs] == ["employment"]
