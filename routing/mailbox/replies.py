"""The client's own words of a mail: HTML turned into text, then quoted earlier messages, forwarded
messages, signatures and disclaimers removed by mail-parser-reply.

mail-parser-reply knows English and Swedish. Eteinen grows it the way it is built to grow, through its
language table ``MAIL_LANGUAGES`` (what would go upstream as a pull request): Finnish as one more
language, and for all three languages

- forwarded messages as headers that end the client's words (Gmail's "---------- Forwarded message
  ---------" / "Välitetty viesti" / "Vidarebefordrat meddelande", Thunderbird's and Yahoo's separators,
  Apple Mail's "Begin forwarded message:" / "Välitetty viesti alkaa:" / "Vidarebefordrat mejl:");
  Outlook's forward is its reply block ("From:/Sent:", "Lähettäjä:/Lähetetty:", "Från:/Skickat:");
- sign-offs as ``signatures``, anchored: a closing word ("Terveisin", "Mvh", "Best regards") with or
  without a name, then only a few short lines to the end ("Terveisin\nMatti", "Mvh Anna", "/Kalle",
  "-Sam"); a thank-you ("Kiitos!", "Tack!", "Thanks!") only when no more than a name follows, so
  "Kiitos, että vastasitte. …" or "Thanks, one more thing: …" keep their words (the library's own
  "Thanks," and any line opening with "/" cut there);
- legal disclaimers as ``signatures`` too: the library's ``disclaimers`` pattern only takes a disclaimer
  that says "mail" after its opening words, which "Tämä viesti voi sisältää luottamuksellista tietoa…"
  and "Detta e-postmeddelande kan innehålla konfidentiell information…" never do; a signature entry
  cuts from its opening words to the end, where such a text stands.

The library has no hook for what depends on the one mail, not on a language: a name alone on the last
line ("…\n\nMatti") is taken off only when it is the sender's own name from the From header (``own_words``'s
``sender_name``), so "Hei\n\nOlen Matti" keeps its words. Hyphen lists are kept (the library's
``keep_hyphen_lists``); its default would cut a mail at its first "- item".

What it still misses (the mail stays whole in the ring's mailbox; staff read the rest there):

- quotes without a header line: a top-posted reply whose client wrote the old message in below by hand,
  or Outlook's "plain" quoting that indents the old text with no "From:" block;
- a reply written below or between the quoted lines under an Outlook-style header block ("From:/Sent:"),
  whose old message has no "> " marks: nothing after the block is kept (under an "… wrote:" line the
  unquoted lines are the client's and are kept);
- a name alone on the last line that differs from the From header's ("Matti" writing from
  "perhe.virtanen@…"), or a sign-off word not in the lists below ("Hyvää joulua", "Allt gott");
- a signature longer than ten lines, or with a line over 100 characters, after its sign-off word;
- Outlook for Mac's and other clients' headers in a fourth language, and mobile clients' "Sent from"
  lines not in the lists;
- the forwarded message itself: its words are left out of the case (the client's words above it are kept).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from mailparser_reply.constants import MAIL_LANGUAGES, QUOTED_MATCH_INCLUDE
from mailparser_reply.parser import EmailMessage

_FI_MONTHS = r"(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuuta"
_FI_DAYS = r"(?:ma|ti|ke|to|pe|la|su|maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai)"

# --- sign-offs: a closing word, an optional name, then only a signature's few short lines ----------
# a name as people sign: one to three capitalised words ("Matti", "Anna-Liisa Virtanen", "M. Meikäläinen")
_NAME = r"(?-i:[A-ZÅÄÖÉÜ])[\w'’.-]*(?:[ \t]+(?-i:[A-ZÅÄÖÉÜ])[\w'’.-]*){0,2}"
# after a sign-off to the end of the words: at most ten short lines (name, title, phone), no postscript
_TAIL = r"(?=(?:\n(?!P\.?S\b)[^\n]{0,100}){0,10}\s*\Z)"
# after a thank-you: nothing but a name, on its line or the next ("Kiitos!\nMatti", "Tack! /Anna")
_NAME_ONLY = rf"(?:\s*\n[ \t]*(?:[-–—/]{{1,2}} ?)?(?:{_NAME}|\w+)[ \t]*[.!]?)?\s*\Z"


def _closings(words: str) -> str:
    """Closing words that may stand before a signature block."""
    # "Vänliga hälsningar / Ystävällisin terveisin": a second language's closing after a slash
    slash = r"(?:[ \t]+/[ \t]+[^\n.?!]{1,40})?"
    return rf"(?:{words})[ \t]*[,.!:]*{slash}(?:[ \t]*{_NAME})?[ \t]*[.!]?[ \t]*${_TAIL}"


def _thanks(words: str) -> str:
    """Words that close a mail only when nothing but a name follows them."""
    return rf"(?:{words})[ \t]*[,.!:]*(?:[ \t]*{_NAME})?[ \t]*[.!]?[ \t]*${_NAME_ONLY}"


# "-Matti", "– Anna", "/Kalle", "// Sam": after a blank line (so a list's last "- item" stays)
_DASH_NAME = rf"(?<=\n\n)(?:[-–—]|/{{1,2}})[ \t]?{_NAME}[ \t]*${_TAIL}"

FINNISH = {
    # Gmail: "ma 7.12.2026 klo 10.15 Matti Meikäläinen <matti@example.fi> kirjoitti:";
    # Apple Mail: "7.12.2026 kello 10.15, Matti <…> kirjoitti:"; Thunderbird: "Matti kirjoitti 7.12.2026 10.15:"
    "wrote_header": r"^("
    + QUOTED_MATCH_INCLUDE
    + r"(?:(?:"
    + _FI_DAYS
    + r"\.?\s|\d{1,2}\.\s?(?:\d{1,2}\.|"
    + _FI_MONTHS
    + r"))[^\n]*kirjoitti:?|[^\n]{1,120}\skirjoitti\s\d[^\n]*:|-{5,} ?Alkuperäinen viesti ?-{5,}))$"
    # forwarded: Gmail, Thunderbird ("Välitetty viesti / Fwd.Msg"), Yahoo; Apple Mail
    + r"|^("
    + QUOTED_MATCH_INCLUDE
    + r"(?:-{3,} ?(?:Välitetty viesti(?: / Fwd\.Msg)?|Edelleenlähetetty viesti) ?-{3,}|Välitetty viesti alkaa:))$",
    # Outlook in Finnish: "Lähettäjä: … / Lähetetty: … / Vastaanottaja: … / Aihe: …"
    "from_header": r"((?:(?:^|\n|\n"
    + QUOTED_MATCH_INCLUDE
    + r")[* ]*(?:Lähettäjä|Lähetetty|Vastaanottaja|Aihe|Päivämäärä|Kopio):[ *]*(?:\s{,2}).*){2,}(?:\n.*){,1})",
    # labelled ones only: the library's pattern wants "mail" in them (the sentences are signatures below)
    "disclaimers": ["Luottamuksellisuusilmoitus:", "Luottamuksellinen:"],
    "signatures": [
        _closings(
            r"Ystävällisin terveisin|Ystävällisesti|Parhain terveisin|Parhaat terveiset|Lämpimin terveisin"
            r"|Yst\.? ?terv\.?|Kiitos ja terveisin|Terveisin|Terveisiä|Terkuin|Terv\.?|Kiittäen|Kiitollisena"
        ),
        _thanks(
            r"Kiitos(?: etukäteen| jo etukäteen| paljon| avusta(?:nne|si)?)?|Kiitoksia|T\.|T:"
            r"|(?:Hyvää|Mukavaa) (?:päivänjatkoa|viikonloppua|jatkoa|joulua)"
        ),
        _DASH_NAME,
        # legal disclaimers at the end, Finnish organisations' wordings
        r"Tämä (?:sähköposti)?viesti(?: ja sen liitteet| liitteineen)?[^\n]{0,80}?"
        r"(?:luottamuksellis|salassa pidettäv|tarkoitettu vain|tarkoitettu ainoastaan)",
        r"Tämän (?:sähköposti)?viestin (?:sisältö|tiedot)[^\n]{0,40}?luottamuksellis",
        r"(?:Luottamuksellisuusilmoitus|Vastuuvapauslauseke|Tietosuojailmoitus)\s*:",
    ],
    # the library's pattern wants a word after these: "Lähetetty iPhone|sta", "Hanki Outlook| iOS:lle"
    "sent_from": "Lähetetty (?:iPhone|iPad|Android|Outlook|matkapuhelime|laitteest)|Hanki Outlook",
}

# Swedish and English: the library's entries, with the same kinds of additions (and its unanchored
# sign-offs, which cut "Thanks, one more thing …" or any line opening with "/", replaced)
SWEDISH = {
    "wrote_header": MAIL_LANGUAGES["sv"]["wrote_header"]
    + r"|^("
    + QUOTED_MATCH_INCLUDE
    + r"(?:-{3,} ?(?:Vidarebefordrat meddelande|Ursprungligt meddelande) ?-{3,}|Vidarebefordrat mejl:))$",
    "signatures": [
        _closings(
            r"Med vänliga hälsningar|Med vänlig hälsning|Vänliga hälsningar|Vänlig hälsning"
            r"|Bästa hälsningar|Varma hälsningar|Många hälsningar|Tack och hälsningar|Hälsningar|Hälsning"
            r"|Mvh\.?|Vänligen|Hälsar"
        ),
        _thanks(
            r"Tack(?: på förhand| så mycket| för hjälpen| igen)?|Ha det (?:bra|gott)|Ha en (?:bra|fin) dag|Trevlig helg"
        ),
        _DASH_NAME,
        r"(?:Detta|Det här) (?:e-post(?:meddelande)?|e-brev|mejl|meddelande)(?: och (?:dess|eventuella) bilagor)?"
        r"[^\n]{0,80}?(?:konfidentiell|sekretess|endast avsett|enbart avsett|enbart för)",
        r"Informationen i (?:detta|det här) (?:e-post)?meddelande",
        r"(?:Sekretessmeddelande|Ansvarsfriskrivning)\s*:",
    ],
}
ENGLISH = {
    "wrote_header": MAIL_LANGUAGES["en"]["wrote_header"]
    + r"|^("
    + QUOTED_MATCH_INCLUDE
    + r"(?:-{3,} ?Forwarded message ?-{3,}|Begin forwarded message:))$",
    "signatures": [
        _closings(
            r"Best regards|Kind regards|Warm regards|Warmest regards|Many thanks and regards|Regards"
            r"|Best wishes|All the best|Best|Cheers|Yours sincerely|Yours truly|Yours faithfully|Sincerely|BR"
        ),
        _thanks(
            r"Thanks(?: a lot| in advance| so much| again)?|Thank you(?: in advance| so much| again)?"
            r"|Many thanks|Take care|Have a (?:nice|good|great) (?:day|weekend)"
        ),
        _DASH_NAME,
        r"(?:This|The information (?:contained )?in this) (?:e-?mail|message|communication)"
        r"(?: and any attachments?)?[^\n]{0,80}?(?:confidential|privileged|intended (?:only|solely) for)",
        r"(?:Confidentiality notice|Disclaimer)\s*:",
    ],
}

MAIL_LANGUAGES.setdefault("fi", FINNISH)
MAIL_LANGUAGES["sv"].update(SWEDISH)
MAIL_LANGUAGES["en"].update(ENGLISH)

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
        # Gmail's quoted or forwarded message, with its header; Outlook's header block ("divRplyFwdMsg")
        # stays: its "From:/Sent:" lines are where the parser cuts off the quoted message below it
        return tag in self.SKIP or "gmail_quote" in (found.get("class") or "")

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


def own_words(text: str, language: str | None = None, *, sender_name: str | None = None) -> str:
    """The newest part of a mail's text: what the client wrote this time, without quotes, forwarded
    messages, signatures and disclaimers; empty when the mail only quotes (a reply that sends files,
    or nothing). ``sender_name``, the From header's name, goes when it stands alone on the last line."""
    languages = [language] if language in LANGUAGES else []
    languages += [lang for lang in LANGUAGES if lang not in languages]
    words = text
    for _ in range(3):  # a sign-off above a disclaimer is found once the disclaimer is gone
        message = EmailMessage(text=words, languages=list(languages), keep_hyphen_lists=True).read()
        first = message.replies[0] if message.replies else None
        # the text opens with an earlier message: after an "… wrote:" line the client may have written
        # below or between its "> " lines; after a header block (Outlook's, a forward's) the rest is old
        if first is None or "\n" in (first.headers or "").strip():
            return ""
        shorter = _unquoted(first.body)
        if not shorter and not first.headers:  # all taken for a signature or disclaimer: better the whole
            shorter = _unquoted(first.full_body)
        if not shorter:
            return ""
        if shorter == words:
            break
        words = shorter
    return _without_name(words, sender_name)


def _without_name(words: str, sender_name: str | None) -> str:
    """Without the sender's own name alone on the last line ("Sam", "Sam Client", "- Sam", "/Sam")."""
    names = (sender_name or "").replace('"', "").split()
    if not names or "\n" not in words:
        return words
    body, _, last = words.rpartition("\n")
    signed = re.sub(r"^(?:[-–—]|/{1,2})\s*", "", last.strip()).rstrip(".!").casefold()
    if signed in (names[0].casefold(), " ".join(names).casefold()):
        return body.strip()
    return words


def _unquoted(text: str) -> str:
    """Without quoted lines the parser found no header for (a bare "> …" block)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">")).strip()
