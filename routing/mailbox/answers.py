"""Mail Eteinen sends from a ring's address: the acknowledgement of a new case, and staff answers.

Acknowledgements follow RFC 3834: ``Auto-Submitted: auto-replied``, never to a mail that is
itself automatic (``reading.automatic_reason``), at most one a day per sender (``AutoAnswer``).
The case code stands in the subject as ``[<code>]`` so a reply finds its case even when the
client's program drops the threading headers. No question or message text is ever in a subject.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "subject": "Viestisi on vastaanotettu [{code}]",
        "body": (
            "Hei,\n\n"
            "kiitos viestistäsi. {ring} on vastaanottanut sen, ja asiasi tunnus on {code}.\n"
            "Ohjaaja ottaa sinuun yhteyttä viimeistään {by} (arkipäivinä, pyhät huomioiden).\n"
            "Jos haluat kirjoittaa lisää, vastaa tähän viestiin: vastauksesi tulee samaan asiaan.\n"
            "{door}"
            "\nTietosuoja: kirjoittamalla meille annoit suostumuksesi siihen, että viestisi ja sähköpostiosoitteesi"
            " tallennetaan asiasi hoitamista varten. Tiedot poistetaan säilytysajan jälkeen. Voit vastustaa"
            " käsittelyä, pyytää tietosi tai niiden poistamista vastaamalla tähän viestiin tai ottamalla"
            " yhteyttä renkaan organisaatioihin. Alkuperäinen sähköpostisi säilyy renkaan"
            " omassa postilaatikossa.\n\n"
            "Tämä on automaattinen vastaus.\n"
        ),
        "door": "Asiaasi voit seurata myös osoitteessa {link}\n",
        "answer_subject": "Vastaus asiaasi [{code}]",
    },
    "sv": {
        "subject": "Ditt meddelande har tagits emot [{code}]",
        "body": (
            "Hej,\n\n"
            "tack för ditt meddelande. Det har tagits emot av vägledningsringen {ring}, och ditt ärende har"
            " koden {code}.\n"
            "En vägledare kontaktar dig senast {by} (vardagar, helgdagar medräknade).\n"
            "Om du vill skriva mer, svara på det här meddelandet: ditt svar hamnar i samma ärende.\n"
            "{door}"
            "\nDataskydd: genom att skriva till oss samtyckte du till att ditt meddelande och din e-postadress"
            " sparas för att sköta ditt ärende. Uppgifterna raderas efter lagringstiden. Du kan invända mot"
            " behandlingen, begära dina uppgifter eller att de raderas genom att svara på det här"
            " meddelandet eller kontakta ringens organisationer. Ditt ursprungliga e-postmeddelande finns"
            " kvar i ringens egen brevlåda.\n\n"
            "Detta är ett automatiskt svar.\n"
        ),
        "door": "Du kan också följa ditt ärende på {link}\n",
        "answer_subject": "Svar i ditt ärende [{code}]",
    },
    "en": {
        "subject": "Your message has been received [{code}]",
        "body": (
            "Hello,\n\n"
            "thank you for your message. The guidance ring {ring} has received it, and your case code is {code}.\n"
            "A counsellor will contact you by {by} (working days, public holidays counted).\n"
            "To add something, reply to this message: your reply joins the same case.\n"
            "{door}"
            "\nPrivacy: by writing to us you agreed that your message and e-mail address are kept to handle"
            " your case. They are deleted after the retention period. You can object to the processing, ask"
            " for your data or for its erasure by replying to this message or by contacting the ring's"
            " organisations. Your original e-mail stays in the ring's own mailbox.\n\n"
            "This is an automatic reply.\n"
        ),
        "door": "You can also follow your case at {link}\n",
        "answer_subject": "An answer in your case [{code}]",
    },
}


def language_of(language: str | None) -> str:
    return language if language in TEXTS else "fi"


def _date(day: datetime, language: str) -> str:
    return f"{day.day}.{day.month}.{day.year}" if language in ("fi", "sv") else f"{day:%d %B %Y}"


def _threaded(message: EmailMessage, refers_to: list[str]) -> None:
    """In-Reply-To and References (newest last, as RFC 5322 writes them)."""
    if refers_to:
        message["In-Reply-To"] = f"<{refers_to[0]}>"
        message["References"] = " ".join(f"<{ref}>" for ref in reversed(refers_to[:20]))


def acknowledgement(
    *,
    ring_name: str,
    ring_address: str,
    to: str,
    code: str,
    language: str | None,
    contact_by: datetime,
    message_id: str,
    refers_to: list[str],
    door_link: str | None,
    now: datetime,
) -> EmailMessage:
    lang = language_of(language)
    texts = TEXTS[lang]
    message = EmailMessage()
    message["From"] = formataddr((ring_name, ring_address))
    message["To"] = to
    message["Subject"] = texts["subject"].format(code=code)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<{message_id}>"
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"  # Exchange: no out-of-office answer to this one
    message["Content-Language"] = lang
    _threaded(message, refers_to)
    door = texts["door"].format(link=door_link) if door_link else ""
    message.set_content(texts["body"].format(ring=ring_name, code=code, by=_date(contact_by, lang), door=door))
    return message


def staff_answer(
    *,
    ring_name: str,
    ring_address: str,
    to: str,
    code: str,
    language: str | None,
    body: str,
    message_id: str,
    refers_to: list[str],
    now: datetime,
) -> EmailMessage:
    """A staff member's message to a client who wrote by e-mail: the text itself goes, as the client chose e-mail."""
    lang = language_of(language)
    message = EmailMessage()
    message["From"] = formataddr((ring_name, ring_address))
    message["To"] = to
    message["Subject"] = TEXTS[lang]["answer_subject"].format(code=code)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<{message_id}>"
    message["Content-Language"] = lang
    _threaded(message, refers_to)
    message.set_content(body)
    return message
