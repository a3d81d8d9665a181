"""The reply parser on mails as Outlook, Gmail, Thunderbird and Apple Mail write them in Finnish, Swedish
and English: name-only sign-offs, legal disclaimers at the end, forwarded messages and quoted replies
go; the client's words, lists and thank-yous that open a sentence stay."""

from __future__ import annotations

import pytest

from routing.mailbox.reading import read_mail
from routing.mailbox.replies import own_words
from tests.mailbox.mails import mail

RING = "Ohjausrengas <ohjausrengas@rengas.example.fi>"

CLIENTS = [
    (  # Outlook (desktop) in Finnish: sign-off, the organisation's disclaimer, the reply block
        "outlook-fi",
        "Matti Meikäläinen",
        "Hei,\n\nvoin tulla tiistaina klo 14. Otan todistukset mukaan.\n\nTerveisin\nMatti\n\n"
        "Tämä viesti voi sisältää luottamuksellista tietoa. Jos olet saanut viestin erehdyksessä, ilmoita"
        " lähettäjälle ja poista viesti.\n\n________________________________\n"
        f"Lähettäjä: {RING}\nLähetetty: maanantai 7. joulukuuta 2026 10.15\n"
        "Vastaanottaja: Matti Meikäläinen <matti@example.fi>\nAihe: Viestisi on vastaanotettu [K7MA-4QXP]\n\n"
        "Hei,\n\nkiitos viestistäsi.",
        "Hei,\n\nvoin tulla tiistaina klo 14. Otan todistukset mukaan.",
    ),
    (  # Gmail in Finnish: a forwarded decision under the client's words
        "gmail-fi",
        "Anna Virtanen",
        "Hei,\n\nsain tämän päätöksen Kelalta enkä ymmärrä sitä. Voitteko auttaa?\n\nMvh Anna\n\n"
        "---------- Välitetty viesti ---------\nLähettäjä: Kela <asiointi@kela.example>\n"
        "Date: pe 4.12.2026 klo 9.02\nSubject: Päätös\nTo: <anna@example.fi>\n\nPäätös opintotuesta …",
        "Hei,\n\nsain tämän päätöksen Kelalta enkä ymmärrä sitä. Voitteko auttaa?",
    ),
    (  # Thunderbird in Finnish: "/Kalle" and its reply header
        "thunderbird-fi",
        "Kalle Korhonen",
        "Kiitos vastauksesta! Torstai sopii hyvin.\n\n/Kalle\n\n"
        f"{RING} kirjoitti 7.12.2026 klo 10.15:\n> Hei,\n>\n> kiitos viestistäsi.",
        "Kiitos vastauksesta! Torstai sopii hyvin.",
    ),
    (  # Apple Mail (iPhone) in Finnish: forwarding a mail with its own header block
        "apple-fi",
        "Liisa Laine",
        "Katso alla oleva viesti, mitä minun pitäisi tehdä?\n\nLähetetty iPhonesta\n\n"
        "Välitetty viesti alkaa:\n\nLähettäjä: TE-palvelut <info@te.example>\nAihe: Työnhaku\n"
        "Päivämäärä: 4. joulukuuta 2026 klo 12.00.00 UTC+2\nVastaanottaja: liisa@example.fi\n\nHyvä asiakas …",
        "Katso alla oleva viesti, mitä minun pitäisi tehdä?",
    ),
    (  # Outlook in Swedish: title under the name, the disclaimer, the reply block
        "outlook-sv",
        "Anna Andersson",
        "Hej,\n\njag kan komma på onsdag.\n\nMed vänliga hälsningar\nAnna Andersson\nProjektkoordinator\n\n"
        "Detta e-postmeddelande kan innehålla konfidentiell information. Om du har fått det av misstag, meddela"
        " avsändaren och radera meddelandet.\n\n"
        f"Från: {RING}\nSkickat: den 7 december 2026 10:15\nTill: Anna Andersson <anna@example.se>\n"
        "Ämne: Ditt meddelande har tagits emot [K7MA-4QXP]\n\nHej,",
        "Hej,\n\njag kan komma på onsdag.",
    ),
    (  # Gmail in Swedish: forwarded
        "gmail-sv",
        "Anna Andersson",
        "Hej!\nJag fick det här beslutet, vad betyder det?\n\nMvh Anna\n\n"
        "---------- Vidarebefordrat meddelande ---------\nFrån: FPA <noreply@fpa.example>\n"
        "Date: fre 4 dec. 2026 kl 09:02\nSubject: Beslut\nTo: <anna@example.se>\n\nBeslut om studiestöd …",
        "Hej!\nJag fick det här beslutet, vad betyder det?",
    ),
    (  # Thunderbird in Swedish: forwarded, its header as a table
        "thunderbird-sv",
        "Kalle Karlsson",
        "Se nedan, ska jag svara dem?\n\n/Kalle\n\n-------- Vidarebefordrat meddelande --------\n"
        "Ämne: \tKallelse\nDatum: \tFri, 4 Dec 2026 09:02:00 +0200\nFrån: \tSkolan <info@skola.example>\n"
        "Till: \tkalle@example.se\n\nVälkommen till …",
        "Se nedan, ska jag svara dem?",
    ),
    (  # Apple Mail in Swedish: a thank-you that opens the sentence stays, "Hälsningar\nErik" goes
        "apple-sv",
        "Erik Klient",
        "Tack, då ses vi på torsdag. Jag tar med betyget.\n\nHälsningar\nErik\n\n"
        f"> 7 dec. 2026 kl. 10:15 skrev {RING}:\n>\n> Hej,",
        "Tack, då ses vi på torsdag. Jag tar med betyget.",
    ),
    (  # Outlook in English: "Thanks, …" opens a sentence; a bare name; the disclaimer
        "outlook-en",
        "Sam Client",
        "Hi,\n\nThanks, one more thing: I can only come after 4 pm.\n\nSam\n\n"
        "The information contained in this e-mail is confidential and intended only for the named recipient."
        " If you are not the intended recipient, please delete it.\n\n________________________________\n"
        f"From: {RING}\nSent: Monday, December 7, 2026 10:15 AM\nTo: Sam Client <sam@example.com>\n"
        "Subject: Your message has been received [K7MA-4QXP]\n\nHello,",
        "Hi,\n\nThanks, one more thing: I can only come after 4 pm.",
    ),
    (  # Gmail in English: forwarded
        "gmail-en",
        "Sam Client",
        "Could you look at this decision?\n\nCheers,\nSam\n\n---------- Forwarded message ---------\n"
        "From: Migri <noreply@migri.example>\nDate: Fri, Dec 4, 2026 at 9:02 AM\nSubject: Decision\n"
        "To: <sam@example.com>\n\nDecision on your application …",
        "Could you look at this decision?",
    ),
    (  # Thunderbird in English: forwarded, no sign-off
        "thunderbird-en",
        "Sam Client",
        "See the message below.\n\n-------- Forwarded Message --------\nSubject: \tInvitation\n"
        "Date: \tFri, 4 Dec 2026 09:02:00 +0200\nFrom: \tCollege <info@college.example>\nTo: \tsam@example.com\n\n"
        "You are invited …",
        "See the message below.",
    ),
    (  # Apple Mail in English: a list stays; "- Sam" and "Sent from my iPhone" go
        "apple-en",
        "Sam Client",
        "Hi,\nmy questions:\n- can I study part-time?\n- is there a fee?\n\n- Sam\n\nSent from my iPhone\n\n"
        f"> On 7 Dec 2026, at 10.15, {RING} wrote:\n>\n> Hello,",
        "Hi,\nmy questions:\n- can I study part-time?\n- is there a fee?",
    ),
]


@pytest.mark.parametrize(("client", "sender", "text", "words"), CLIENTS, ids=[c[0] for c in CLIENTS])
def test_each_clients_mail_keeps_only_the_clients_words(client: str, sender: str, text: str, words: str) -> None:
    assert own_words(text, sender_name=sender) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hei,\n\nvoinko tulla?\n\nTerveisin\nMatti", "Hei,\n\nvoinko tulla?"),
        ("Hei,\n\nvoinko tulla?\n\nTerveisin Matti Meikäläinen\n040 123 4567", "Hei,\n\nvoinko tulla?"),
        ("Hei,\n\nvoinko tulla?\n\nKiitos!\n\nMatti", "Hei,\n\nvoinko tulla?"),
        ("Hei,\n\nvoinko tulla?\n\nYst. terv.\nMatti", "Hei,\n\nvoinko tulla?"),
        ("Hej,\n\nkan jag komma?\n\nMvh Anna", "Hej,\n\nkan jag komma?"),
        ("Hej,\n\nkan jag komma?\n\nTack på förhand!\n/Anna", "Hej,\n\nkan jag komma?"),
        ("Hej,\n\nkan jag komma?\n\nVänliga hälsningar / Ystävällisin terveisin\nAnna", "Hej,\n\nkan jag komma?"),
        ("Hi,\n\ncan I come?\n\nBest,\nSam", "Hi,\n\ncan I come?"),
        ("Hi,\n\ncan I come?\n\nThanks!\nSam", "Hi,\n\ncan I come?"),
    ],
)
def test_name_only_sign_offs_go(text: str, words: str) -> None:
    assert own_words(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "Hei,\n\nKiitos, että vastasitte. Olen 19-vuotias ja asun Jyväskylässä.",
        "Hei,\n\nKiitos!\nVoinko tulla tiistaina?",
        "Hei,\nminulla on kysymyksiä:\n- asunto\n- työ\n- opiskelu",
        "Hej,\nTack, jag har en fråga till. Jag är 23.",
        "Hi,\nThanks, one more thing: I am 27 and live in Jyväskylä.",
        "Hei,\n\nTerveisin äitini kanssa kysyn: onko tilaa?",
        "Hei,\n\nTerveisin\nMatti\n\nPS. Unohdin kertoa, että olen 19-vuotias ja minulla on lukihäiriö.",
        "Hei,\n\nTämä viesti on tärkeä: olen muuttamassa ja tarvitsen apua.",
    ],
)
def test_words_that_only_look_like_a_sign_off_stay(text: str) -> None:
    assert own_words(text, sender_name="Matti Meikäläinen") == text


def test_a_name_alone_goes_only_when_it_is_the_senders() -> None:
    assert own_words("Hei,\n\nvoinko tulla?\n\nMatti", sender_name="Matti Meikäläinen") == "Hei,\n\nvoinko tulla?"
    assert own_words("Hei,\n\nvoinko tulla?\n\nMatti", sender_name="Perhe Virtanen").endswith("Matti")
    assert own_words("Hei\n\nOlen Matti", sender_name="Matti Meikäläinen") == "Hei\n\nOlen Matti"


def test_outlook_on_the_web_html_reply_in_swedish_cuts_at_its_header_block() -> None:
    read = read_mail(mail("sv_outlook_web_reply", IN_REPLY_TO="ack-1.x@rengas.example.fi", CODE="K7MA-4QXP"))
    assert read.text == "Hej,\n\njag kan komma på onsdag efter klockan tre."


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (  # Apple Mail, the client wrote below the quote
            f"On 7 Dec 2026, at 10.15, {RING} wrote:\n> Hello,\n> can you come?\n\nYes, Tuesday works.\n\nSam",
            "Yes, Tuesday works.",
        ),
        (  # Thunderbird in Finnish, answered between the quoted lines
            f"ma 7.12.2026 klo 10.15 {RING} kirjoitti:\n> tuletko?\nTulen.\n> entä tiistaina?\nSekin käy.",
            "Tulen.\nSekin käy.",
        ),
        (f"\n\nFrom: {RING}\nSent: Monday\nTo: sam@example.com\nSubject: x\n\nHello, thank you.", ""),  # Outlook
        ("---------- Forwarded message ---------\nFrom: Migri <n@migri.example>\nDate: Fri\nSubject: D\n\nD.", ""),
    ],
)
def test_below_and_between_the_quote_or_nothing_new(text: str, words: str) -> None:
    assert own_words(text, sender_name="Sam Client") == words
