"""Why a mail was held, or counts as automatic, or why a box cannot be read: a code with at most one
value, worded in any language.

The ring page words a reason in the org-admin's language, ``ring list`` and ``mail poll`` in English;
the words come from the Babel catalogues (``routing.core.texts``) like every text a person reads. A
reason is stored as ``code`` or ``code:value`` in ``CaseMail.reason`` and ``RingMailbox.last_error``
(rows written before codes keep their English text and are shown as it).
"""

from __future__ import annotations

from dataclasses import dataclass

from routing.core.texts import N_, text

STORED_MAX = 200  # CaseMail.reason

_TEXT: dict[str, str] = {
    # unusable: the mail goes to Eteinen/Held
    "too-large": N_("larger than %(value)s MB"),
    "unknown-charset": N_("an unknown character set (%(value)s)"),
    "bad-text": N_("text that is not valid %(value)s"),
    "executable": N_("an executable attachment (%(value)s)"),
    "executable-content": N_("an executable attachment (by its content)"),
    "bad-headers": N_("headers that cannot be read"),
    "nul": N_("text with NUL characters"),
    "no-text": N_("no text"),
    "reply-refused": N_("a reply to case %(value)s, whose client data was erased"),
    "contact-too-long": N_("a reply address longer than %(value)s characters"),
    "not-a-case": N_("not a case: opening it was refused (%(value)s)"),
    "code-elsewhere": N_("the code %(value)s in the subject names no case of this ring's mailbox"),
    "code-sender": N_("the code of case %(value)s in the subject, from an address that is not its client's"),
    # automatic (RFC 3834): no case and no answer
    "auto-submitted": N_("automatic mail: Auto-Submitted: %(value)s"),
    "precedence": N_("automatic mail: Precedence: %(value)s"),
    "mailing-list": N_("automatic mail: a mailing list (List-Id)"),
    "autoresponder": N_("automatic mail: an autoresponder (X-Autoreply)"),
    "bounce": N_("automatic mail: a bounce (empty Return-Path)"),
    "system-sender": N_("automatic mail: a system sender (mailer-daemon or no-reply)"),
    # the box cannot be read: it is tried again after a pause
    "box-unreachable": N_("no connection to the mail server %(value)s"),
    "box-login": N_("the mail server refused the login of %(value)s"),
    "box-folder": N_("the folder %(value)s cannot be opened"),
    "box-sealed": N_("the stored password does not open with this instance's secret: connect the box again"),
    "box-server": N_("the mail server answered with an error: %(value)s"),
    "box-dropped": N_("the connection to the mail server broke off"),
}
_OLD_TEXT = "text"  # a reason stored before codes: its English words as they were


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    value: str = ""

    def __post_init__(self) -> None:
        if self.code not in _TEXT and self.code != _OLD_TEXT:
            raise ValueError(f"no such mail reason: {self.code!r}")

    def in_language(self, language: str) -> str:
        if self.code == _OLD_TEXT:
            return self.value
        return text(language, _TEXT[self.code], value=self.value)

    def __str__(self) -> str:
        """The English words (the command line's)."""
        return self.in_language("en")

    def stored(self) -> str:
        return f"{self.code}:{self.value}"[:STORED_MAX] if self.value else self.code

    @classmethod
    def parse(cls, stored: str | None) -> Reason:
        code, _, value = (stored or "").partition(":")
        if code in _TEXT:
            return cls(code, value)
        return cls(_OLD_TEXT, stored or "")
