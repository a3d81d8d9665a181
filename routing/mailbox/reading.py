"""One mail as Eteinen reads it: who sent it, what it answers, what the client wrote, and
whether it can be used at all (else the reason it is held).

Nothing here reads a database or a box: bytes in, :class:`Incoming` out.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from routing.mailbox.reasons import Reason
from routing.mailbox.replies import html_to_text, own_words

MAX_MAIL_BYTES = 2 * 1024 * 1024
MAX_TEXT = 4000  # the desk's question limit (referrals.models.MAX_QUESTION)

# a case code in a subject, as "[K7MA-4QXP]" (referrals.models.new_code)
CODE_IN_SUBJECT = re.compile(r"\[([0-9A-Za-z]{4}-[0-9A-Za-z]{4})\]")

EXECUTABLE_SUFFIXES = {
    ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".cpl", ".msi", ".msp", ".dll", ".js", ".jse", ".vbs",
    ".vbe", ".wsf", ".wsh", ".hta", ".ps1", ".jar", ".lnk", ".sh", ".apk", ".app", ".reg", ".iso", ".img",
}  # fmt: skip
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
AUTOMATIC_SENDERS = re.compile(
    r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|noreply-.*|bounces?(\+.*)?|.*-bounces?)@", re.IGNORECASE
)


class Unusable(Exception):
    """The mail cannot become a case or a message; ``reason`` is shown to the org-admins (``str``: in English)."""

    def __init__(self, code: str, value: str = "") -> None:
        self.reason = Reason(code, value)
        super().__init__(str(self.reason))


@dataclass(frozen=True)
class MailFile:
    """A file sent with the mail, as sent: the thread's limits (kinds, sizes, count) are applied where it
    joins the thread (``mailbox.thread``); executables never get this far (the mail is held)."""

    filename: str | None
    data: bytes


@dataclass
class Incoming:
    message_id: str  # without <>
    sender: str  # the address, lower-cased
    subject: str
    text: str  # the client's own words (quotes, signatures and disclaimers removed)
    refers_to: list[str] = field(default_factory=list)  # In-Reply-To and References, newest first
    code: str | None = None  # a case code in the subject
    automatic: Reason | None = None  # why it counts as automatic (RFC 3834), or None
    reply_to: str | None = None
    files: list[MailFile] = field(default_factory=list)


def over_the_limit() -> Unusable:
    return Unusable("too-large", str(MAX_MAIL_BYTES // (1024 * 1024)))


def message_id_of(raw: bytes, header: str | None) -> str:
    found = (header or "").strip().strip("<>").strip()
    return found[:255] if found else "sha256:" + hashlib.sha256(raw).hexdigest()


def _ids(value: str | None) -> list[str]:
    return re.findall(r"<([^<>\s]+)>", value or "")


def automatic_reason(msg: EmailMessage, sender: str) -> Reason | None:
    """Why the mail was written by a machine, not a person (then it gets no automatic answer)."""
    submitted = str(msg.get("Auto-Submitted", "")).strip().lower()
    if submitted and submitted != "no":
        return Reason("auto-submitted", submitted[:40])
    precedence = str(msg.get("Precedence", "")).strip().lower()
    if precedence in ("bulk", "list", "junk"):
        return Reason("precedence", precedence)
    if msg.get("List-Id") is not None:
        return Reason("mailing-list")
    if msg.get("X-Autoreply") is not None or msg.get("X-Autorespond") is not None:
        return Reason("autoresponder")
    if str(msg.get("Return-Path", "")).strip() == "<>":
        return Reason("bounce")
    if not sender or AUTOMATIC_SENDERS.match(sender):
        return Reason("system-sender")
    return None


def _decoded(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = (part.get_content_charset() or "us-ascii").lower()
    try:
        return payload.decode(charset)
    except LookupError:
        raise Unusable("unknown-charset", charset[:40]) from None
    except UnicodeDecodeError:
        if charset in ("us-ascii", "ascii"):
            try:  # undeclared 8-bit text: UTF-8 is the only guess worth making
                return payload.decode("utf-8")
            except UnicodeDecodeError:
                pass
        raise Unusable("bad-text", charset[:40]) from None


def _check_attachment(part: EmailMessage) -> None:
    name = (part.get_filename() or "").strip().lower()
    if any(name.endswith(suffix) for suffix in EXECUTABLE_SUFFIXES):
        raise Unusable("executable", name.rsplit(".", 1)[-1][:20])
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes) and payload.startswith(EXECUTABLE_MAGIC):
        raise Unusable("executable-content")


def read_mail(raw: bytes) -> Incoming:
    """Read one mail; raises :class:`Unusable` with the reason when it cannot be used."""
    if len(raw) > MAX_MAIL_BYTES:
        raise over_the_limit()
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        sender_name, sender = parseaddr(str(msg.get("From", "")))
        sender = sender.strip().lower()
        reply_to = getaddresses([str(msg.get("Reply-To", ""))])
        subject = str(msg.get("Subject", "")).strip()
        message_id = message_id_of(raw, str(msg.get("Message-ID", "")))
        refers_to = list(reversed(_ids(str(msg.get("References", "")))))
        for ref in _ids(str(msg.get("In-Reply-To", ""))):
            if ref not in refers_to:
                refers_to.insert(0, ref)
    except Unusable:
        raise
    except Exception:  # the email package gave up on a header: a broken mail, not a broken round
        raise Unusable("bad-headers") from None
    plain: list[str] = []
    html: list[str] = []
    attached: list[EmailMessage] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        ctype = part.get_content_type()
        if disposition == "attachment" or (disposition == "inline" and part.get_filename()):
            _check_attachment(part)
            attached.append(part)
        elif ctype == "text/plain":
            plain.append(_decoded(part))
        elif ctype == "text/html":
            html.append(_decoded(part))
        else:
            _check_attachment(part)
            attached.append(part)
    body = "\n".join(plain) if any(p.strip() for p in plain) else "\n".join(html_to_text(h) for h in html)
    if "\x00" in body:
        raise Unusable("nul")
    text = own_words(body, sender_name=sender_name).strip() if body.strip() else ""
    files = _files(attached, html)
    if not text and not files:
        raise Unusable("no-text")
    code = CODE_IN_SUBJECT.search(subject)
    return Incoming(
        message_id=message_id,
        sender=sender,
        subject=subject,
        text=text[:MAX_TEXT],
        refers_to=refers_to,
        code=code.group(1).upper() if code else None,
        automatic=automatic_reason(msg, sender),
        reply_to=reply_to[0][1].strip().lower() if reply_to and reply_to[0][1] else None,
        files=files,
    )


def _files(parts: list[EmailMessage], html: list[str]) -> list[MailFile]:
    """The mail's files, less the pictures its HTML shows by ``cid:`` (a signature's logo is the
    mail's look, not a file the client sent; it stays in the ring's mailbox with the mail)."""
    shown = " ".join(html).lower()
    files = []
    for part in parts:
        content_id = str(part.get("Content-ID", "")).strip().strip("<>").lower()
        if content_id and f"cid:{content_id}" in shown:
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload:
            files.append(MailFile(part.get_filename(), payload))
    return files
