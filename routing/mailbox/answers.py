"""Mail Eteinen sends from a ring's address: the acknowledgement of a new case, and staff answers.

Acknowledgements follow RFC 3834: ``Auto-Submitted: auto-replied``, never to a mail that is
itself automatic (``reading.automatic_reason``), at most one a day per sender (``AutoAnswer``).
The case code stands in the subject as ``[<code>]`` so a reply finds its case even when the
client's program drops the threading headers (from the client's own address, to the same ring's
box: ``reader._case_of``). No question or message text is ever in a subject.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from routing.core.texts import N_, text
from rules.taxonomy import LANGUAGES

# worded from the Babel catalogues in the client's language (routing.core.texts), like the reminder mails
TEXTS: dict[str, str] = {
    "subject": N_("Your message has been received [%(code)s]"),
    "greeting": N_("Hello,"),
    "received": N_(
        "thank you for your message. The guidance ring %(ring)s has received it, and your case code is %(code)s."
    ),
    "contact": N_("A counsellor will contact you by %(by)s (working days, public holidays counted)."),
    "reply": N_("To add something, reply to this message: your reply joins the same case."),
    "door": N_("You can also follow your case at %(link)s"),
    "privacy": N_(
        "Privacy: by writing to us you agreed that your message and e-mail address are kept to handle your case."
        " They are deleted after the retention period. You can object to the processing, ask for your data or"
        " for its erasure by replying to this message or by contacting the ring's organisations. Your original"
        " e-mail stays in the ring's own mailbox."
    ),
    "automatic": N_("This is an automatic reply."),
    "answer_subject": N_("An answer in your case [%(code)s]"),
}


def language_of(language: str | None) -> str:
    """The client's language, or Finnish when the case has none the mails are written in."""
    return language if language in LANGUAGES else "fi"


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

    def t(key: str, **values: str) -> str:
        return text(lang, TEXTS[key], **values)

    message = EmailMessage()
    message["From"] = formataddr((ring_name, ring_address))
    message["To"] = to
    message["Subject"] = t("subject", code=code)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<{message_id}>"
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"  # Exchange: no out-of-office answer to this one
    _threaded(message, refers_to)
    lines = [
        t("greeting"),
        "",
        t("received", ring=ring_name, code=code),
        t("contact", by=_date(contact_by, lang)),
        t("reply"),
        *([t("door", link=door_link)] if door_link else []),
        "",
        t("privacy"),
        "",
        t("automatic"),
    ]
    message.set_content("\n".join(lines) + "\n")
    message["Content-Language"] = lang  # after set_content, which clears the Content-* headers
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
    message["Subject"] = text(lang, TEXTS["answer_subject"], code=code)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<{message_id}>"
    _threaded(message, refers_to)
    message.set_content(body)
    message["Content-Language"] = lang
    return message
