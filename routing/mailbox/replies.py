"""The client's own words of a mail: HTML turned into text, then quoted earlier messages,
signatures and disclaimers removed by mail-parser-reply.

mail-parser-reply knows English and Swedish; Finnish is added the way the library is
built to grow, as one more entry of its ``MAIL_LANGUAGES`` table (the reply header
"<date> <name> kirjoitti:", Outlook's "Lähettäjä:/Lähetetty:" block, signatures and
disclaimers), so its own header, signature and disclaimer patterns use it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from mailparser_reply import EmailReplyParser
from mailparser_reply.constants import MAIL_LANGUAGES, QUOTED_MATCH_INCLUDE

_FI_MONTHS = r"(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuuta"
_FI_DAYS = r"(?:ma|ti|ke|to|pe|la|su|maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai)"

FINNISH = {
    # Gmail: "ma 7.12.2026 klo 10.15 Matti Meikäläinen <matti@example.fi> kirjoitti:";
    # Apple Mail: "7.12.2026 kello 10.15, Matti <…> kirjoitti:"; Thunderbird: "Matti kirjoitti 7.12.2026 10.15:"
    "wrote_header": r"^("
    + QUOTED_MATCH_INCLUDE
    + r"(?:(?:"
    + _FI_DAYS
    + r"\.?\s|\d{1,2}\.\s?(?:\d{1,2}\.|"
    + _FI_MONTHS
    + r"))[^\n]*kirjoitti:?|[^\n]{1,120}\skirjoitti\s\d[^\n]*:|-{5,} ?Alkuperäinen viesti ?-{5,}))$",
    # Outlook in Finnish: "Lähettäjä: … / Lähetetty: … / Vastaanottaja: … / Aihe: …"
    "from_header": r"((?:(?:^|\n|\n"
    + QUOTED_MATCH_INCLUDE
    + r")[* ]*(?:Lähettäjä|Lähetetty|Vastaanottaja|Aihe|Päivämäärä|Kopio):[ *]*(?:\s{,2}).*){2,}(?:\n.*){,1})",
    "disclaimers": [
        "Luottamuksellisuusilmoitus:",
        "Luottamuksellinen:",
        "Huomio:",
        "Tämä sähköpostiviesti",
        "Tämä viesti",
    ],
    "signatures": [
        "Ystävällisin terveisin",
        "Ystävällisesti",
        "Parhain terveisin",
        "Terveisin",
        "Terv\\.",
        "T\\. ",
        "Kiitos,",
    ],
    # the library's pattern wants a word after these: "Lähetetty iPhone|sta", "Hanki Outlook| iOS:lle"
    "sent_from": "Lähetetty (?:iPhone|iPad|Android|Outlook|matkapuhelime|laitteest)|Hanki Outlook",
}

MAIL_LANGUAGES.setdefault("fi", FINNISH)

# what this module can read: the languages of the library and Finnish
LANGUAGES = ["fi", "sv", "en"]


class _Text(HTMLParser):
    """HTML to plain text: blocks on lines of their own; scripts, styles and quoted blocks left out."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr"}
    SKIP = {"script", "style", "head", "title", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def _skips(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        found = dict(attrs)
        # Gmail's and Outlook's quoted earlier messages
        return tag in self.SKIP or "gmail_quote" in (found.get("class") or "") or found.get("id") == "divRplyFwdMsg"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or self._skips(tag, attrs):
            if tag not in ("br", "hr", "img", "meta", "link", "input"):
                self.skipping += 1
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def own_words(text: str, language: str | None = None) -> str:
    """The newest part of a mail's text: what the client wrote this time, without quotes, signatures
    and disclaimers; empty when the mail only quotes (a reply that sends files, or nothing)."""
    languages = [language] if language in LANGUAGES else []
    languages += [lang for lang in LANGUAGES if lang not in languages]
    message = EmailReplyParser(languages=languages).read(text)
    first = message.replies[0] if message.replies else None
    if first is None or first.headers:  # the text opens with a quoted message's header: nothing new
        return ""
    words = _unquoted(first.body)
    # the parser took it all for a signature or disclaimer: better the whole than nothing
    return words or _unquoted(first.full_body)


def _unquoted(text: str) -> str:
    """Without quoted lines the parser found no header for (a bare "> …" block)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">")).strip()
