"""Reading one mail: the client's own words from each mail client's reply style, and the reasons a mail
is held or counts as automatic. No server, no database: bytes in, a reading out."""

from __future__ import annotations

import pytest

from routing.mailbox.reading import Unusable, read_mail
from routing.mailbox.replies import html_to_text, own_words
from tests.mailbox.mails import mail


def test_gmail_quoted_printable_in_finnish_keeps_the_question_and_drops_the_signature() -> None:
    read = read_mail(mail("fi_gmail_new"))
    assert read.text.startswith("Hei,")
    assert "olen 19-vuotias ja asun Jämpsässä" in read.text
    assert "löytämään sopivan koulutuksen?" in read.text
    assert "040 123 4567" not in read.text and "terveisin" not in read.text
    assert read.sender == "aino.asiakas@example.net"
    assert read.message_id == "CAF1a9xQ7mZ0fi-gmail-new@mail.gmail.com"
    assert read.automatic is None and read.code is None and read.refers_to == []


def test_apple_mail_in_swedish_drops_greeting_and_sent_from() -> None:
    read = read_mail(mail("sv_apple_new"))
    assert "Jag är 23 år och bor i Jakobstad" in read.text
    assert "hälsningar" not in read.text and "iPhone" not in read.text


def test_outlook_html_only_becomes_text() -> None:
    read = read_mail(mail("en_outlook_html"))
    assert "I moved to Jyväskylä last month and I am 27." in read.text
    assert "<" not in read.text and "margin" not in read.text
    assert "Best regards" not in read.text and "Sam Client" not in read.text


def test_thunderbird_latin1_and_its_signature_separator() -> None:
    read = read_mail(mail("fi_thunderbird_latin1"))
    assert "tyttäreni on 16 ja päättää peruskoulun keväällä Äänekoskella" in read.text
    assert "Pekka Perhe" not in read.text


def test_outlook_finnish_disclaimer_and_sent_from_go_and_a_pdf_is_no_reason_to_hold() -> None:
    read = read_mail(mail("fi_outlook_pdf"))
    assert "haluaisin vaihtaa alaa" in read.text
    assert "luottamuksellista" not in read.text and "Outlookista" not in read.text and "Liisa" not in read.text


@pytest.mark.parametrize(
    ("name", "words", "gone"),
    [
        ("reply_gmail_fi", "minulla on lukihäiriö", "automaattinen vastaus"),
        ("reply_outlook_subject_fi", "voin tulla tapaamiseen vain iltaisin", "kiitos viestistäsi"),
        ("en_apple_reply", "Tuesday afternoons suit me best", "thank you for your message"),
        ("sv_thunderbird_reply", "Jag kan komma på torsdag", "tack för ditt meddelande"),
    ],
)
def test_replies_keep_only_the_newest_words(name: str, words: str, gone: str) -> None:
    read = read_mail(mail(name, IN_REPLY_TO="ack-1.x@rengas.example.fi", CODE="K7MA-4QXP"))
    assert words in read.text
    assert gone not in read.text.lower()
    assert read.code == "K7MA-4QXP"


def test_a_reply_names_what_it_answers_newest_first() -> None:
    read = read_mail(mail("reply_gmail_fi", IN_REPLY_TO="ack-1.x@rengas.example.fi", CODE="K7MA-4QXP"))
    assert read.refers_to == ["ack-1.x@rengas.example.fi", "CAF1a9xQ7mZ0fi-gmail-new@mail.gmail.com"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("exe_attachment", "an executable attachment (exe)"),
        ("bad_charset", "an unknown character set (x-no-such-charset)"),
    ],
)
def test_unusable_mails_say_why(name: str, reason: str) -> None:
    with pytest.raises(Unusable) as caught:
        read_mail(mail(name))
    assert str(caught.value) == reason


def test_a_mail_without_words_is_its_files_or_nothing() -> None:
    read = read_mail(mail("no_text"))  # the reader holds it as a new case, takes it as a reply
    assert read.text == ""
    assert [(f.filename, f.data[:5]) for f in read.files] == [("todistus.pdf", b"%PDF-")]
    with pytest.raises(Unusable, match=r"^no text$"):
        read_mail(b"From: a@example.fi\r\nSubject: x\r\nContent-Type: text/plain\r\n\r\n\r\n")


def test_too_large_and_not_decodable() -> None:
    with pytest.raises(Unusable, match="larger than 2 MB"):
        read_mail(b"From: a@example.fi\r\n\r\n" + b"x" * (2 * 1024 * 1024))
    with pytest.raises(Unusable, match="not valid utf-8"):
        read_mail(b"From: a@example.fi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\xff\xfe Hei\r\n")
    renamed = b"From: a@example.fi\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nHei\r\n--q\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=cv.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n--q--\r\n"  # noqa: E501
    with pytest.raises(Unusable, match="by its content"):
        read_mail(renamed)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("out_of_office", "automatic mail: Auto-Submitted: auto-replied"),
        ("autoresponder_fresh", "automatic mail: Precedence: bulk"),
        ("list_mail", "automatic mail: a mailing list (List-Id)"),
    ],
)
def test_automatic_mails_are_known(name: str, why: str) -> None:
    assert str(read_mail(mail(name, IN_REPLY_TO="x@y", CODE="K7MA-4QXP")).automatic) == why


@pytest.mark.parametrize("sender", ["MAILER-DAEMON@mx.example.fi", "no-reply@service.example", "noreply@x.example"])
def test_system_senders_are_automatic(sender: str) -> None:
    raw = f"From: {sender}\r\nSubject: x\r\nMessage-ID: <a@b>\r\n\r\nDelivery failed\r\n".encode()
    assert str(read_mail(raw).automatic) == "automatic mail: a system sender (mailer-daemon or no-reply)"


def test_a_mail_without_message_id_gets_a_stable_one() -> None:
    raw = b"From: a@example.fi\r\nSubject: x\r\n\r\nHei, tarvitsen apua\r\n"
    assert read_mail(raw).message_id == read_mail(raw).message_id
    assert read_mail(raw).message_id.startswith("sha256:")


def test_finnish_reply_headers_of_several_clients_cut_the_quote() -> None:
    for header in [
        "ma 7.12.2026 klo 10.15 Matti Meikäläinen <matti@example.fi> kirjoitti:",
        "7.12.2026 kello 10.15, Matti <matti@example.fi> kirjoitti:",
        "Matti Meikäläinen kirjoitti 7.12.2026 10.15:",
    ]:
        text = f"Uusi kysymys tässä.\n\n{header}\n> vanha viesti\n> toinen rivi\n"
        assert own_words(text, "fi") == "Uusi kysymys tässä.", header


def test_html_quotes_scripts_and_styles_are_left_out() -> None:
    html = (
        "<html><head><style>p{}</style><script>x()</script></head><body><p>Uusi</p>"
        '<blockquote type="cite">vanha</blockquote><div class="gmail_quote">lainaus</div></body></html>'
    )
    assert html_to_text(html) == "Uusi"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (  # Outlook's older Finnish separator with its header block
            "Uusi kysymys.\n\n-----Alkuperäinen viesti-----\nLähettäjä: Rengas <r@x.fi>\n"
            "Lähetetty: 7. joulukuuta 2026 10:15\nVastaanottaja: a@b.fi\nAihe: asia\n\nvanha",
            "Uusi kysymys.",
        ),
        ("Kiitos.\n\nLähetetty iPhonesta", "Kiitos."),  # iPhone Mail in Finnish
        (  # Outlook for iOS in Finnish
            "Kiitos.\n\nHanki Outlook iOS:lle\n________________________________\nLähettäjä: R <r@x>\n"
            "Lähetetty: maanantaina\nVastaanottaja: a\nAihe: b\n\nold",
            "Kiitos.",
        ),
        ("Lähetetty hakemus jäi käsittelemättä. Mitä teen?", "Lähetetty hakemus jäi käsittelemättä. Mitä teen?"),
        ("Ny fråga.\n\nDen mån 7 dec. 2026 kl 10:15 skrev Ring <r@x.fi>:\n> gammal", "Ny fråga."),  # Gmail in Swedish
        (  # Outlook in English
            "New question.\n\nFrom: Ring <r@x.fi>\nSent: Monday, December 7, 2026 10:15 AM\n"
            "To: a@b.fi\nSubject: x\n\nold",
            "New question.",
        ),
    ],
)
def test_more_clients_reply_styles(text: str, words: str) -> None:
    assert own_words(text) == words
