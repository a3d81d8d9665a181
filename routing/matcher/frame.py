"""The story inside an e-mail or a pasted message: what the client says, apart from its frame.

An enquiry is often a whole message: a greeting, the story with its lines broken
where the mail program wrapped them (about 72 columns, in mid-sentence), a closing
and a signature (a name, a school or employer, an address, a phone number), and
sometimes an earlier message quoted below or above it. The engine reads the story:

- a line break inside a sentence is a space (the next line goes on in lower case,
  or the line does not end a sentence and is long enough to have been wrapped);
- from a closing line ("Terveisin", "Med vänlig hälsning", "Best regards", "-- ") on
  the rest is the signature: a school, employer or town there is not where the
  client lives, unless it is an address line of the sender's own (a postal code)
  or the closing line itself ("t. Jari, Salo");
- lines quoted with ">" and what follows "… kirjoitti:", "wrote:", "skrev:" are an
  earlier message: background, read only for what the story itself does not say
  (a forwarded message with nothing added is all story).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WRAP_MIN = 40  # a line at least this long that stops mid-sentence was wrapped, not ended
CLOSING_MAX = 45  # a closing line is short: "Ystävällisin terveisin, Anna"

_CLOSING = re.compile(
    r"^\s*(?:"
    r"(?:ystävällisin|parhain|lämpimin|hyvää\s+päivänjatkoa|mukavaa\s+päivänjatkoa)?\s*terv(?:eisin|\.)?|"
    r"yst\.?\s*terv\.?|t\.|t:|kiittäen|kiitos(?:\s+etukäteen|\s+paljon|\s+avusta)?|"
    r"(?:med\s+)?(?:vänlig(?:a|en)?\s+)?hälsning(?:ar)?|mvh|hälsningar|tack(?:\s+på\s+förhand|\s+så\s+mycket)?|"
    r"(?:best|kind|warm)?\s*regards|best|thanks(?:\s+in\s+advance)?|thank\s+you|cheers|sincerely|"
    r"yours(?:\s+sincerely)?|br|-{2,}"
    r")\s*[,.!:]?(?:\s+[A-ZÄÖÅ][^\s,]*(?:\s+[A-ZÄÖÅ][^\s,]*)?(?:\s*,.*)?)?\s*$",
    re.IGNORECASE,
)
# "-Aleksi", "– Anna K.": a dash and a name closes too
_DASH_NAME = re.compile(r"^\s*[-–—]\s*[A-ZÄÖÅ][^\W\d_]+\.?(?:\s+[A-ZÄÖÅ][^\W\d_]*\.?)?\s*$")
_QUOTE_HEAD = re.compile(
    r"(?:kirjoitti|skrev|wrote)\s*:\s*$|^-{2,}\s*(?:alkuperäinen\s+viesti|original\s+message|ursprungligt\s+meddelande)",
    re.IGNORECASE,
)
_FORWARD_HEAD = re.compile(
    r"^-{2,}\s*(?:välitetty\s+viesti|forwarded\s+message|vidarebefordrat\s+meddelande)\s*-*\s*$", re.IGNORECASE
)
_HEADER = re.compile(
    r"^\s*(?:lähettäjä|from|från|päivämäärä|date|datum|aihe|subject|ämne|vastaanottaja|to|till)\s*:", re.I
)
_POSTAL = re.compile(r"(?<!\d)\d{5}(?!\d)")
_SENTENCE_END = re.compile(r"[.!?:;…]\s*$")


@dataclass(frozen=True)
class Frame:
    story: str  # what the client says, wrapped lines joined
    quoted: str  # an earlier message: background
    address: str  # the signature's address lines (with a postal code): the sender's own place
    signature: str = ""  # the closing and what follows it: read for an age the story does not give ("T. Jussi, 41")


def read_frame(text: str) -> Frame:
    """Split a message into its story, the quoted earlier message and the signature's address lines."""
    if "\n" not in text:
        return Frame(text, "", "")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    story: list[str] = []
    quoted: list[str] = []
    address: list[str] = []
    signature: list[str] = []
    forwarded = False
    in_quote = in_signature = False
    for line in lines:
        stripped = line.strip()
        if _FORWARD_HEAD.match(stripped):
            forwarded, in_quote, in_signature = True, True, False
            continue
        if stripped.startswith(">"):
            quoted.append(stripped.lstrip("> ").rstrip())
            continue
        if in_quote:
            if not _HEADER.match(stripped):
                quoted.append(stripped)
            continue
        if _QUOTE_HEAD.search(stripped):
            in_quote = True
            continue
        if in_signature:
            signature.append(stripped)
            if _POSTAL.search(stripped):
                address.append(stripped)
            continue
        if (
            story
            and any(s.strip() for s in story)
            and len(stripped) <= CLOSING_MAX
            and (_CLOSING.match(stripped) or _DASH_NAME.match(stripped))
        ):
            in_signature = True
            signature.append(stripped)
            continue
        story.append(line)
    joined = join_wrapped(story)
    quoted_text = join_wrapped(quoted)
    if forwarded and not _has_words(joined, 4):
        joined, quoted_text = quoted_text, ""  # a message passed on with nothing added is the story
    return Frame(joined, quoted_text, "\n".join(address), "\n".join(signature))


def _has_words(text: str, n: int) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= n


def join_wrapped(lines: list[str]) -> str:
    """Lines joined back into paragraphs: a break inside a sentence is a space."""
    out: list[str] = []
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        if out and out[-1] != "":
            previous = out[-1]
            starts_lower = line.lstrip()[:1].islower() or line.lstrip()[:1].isdigit()
            wrapped = not _SENTENCE_END.search(previous) and (starts_lower or len(previous) >= WRAP_MIN)
            if wrapped:
                out[-1] = previous + " " + line.strip()
                continue
        out.append(line.strip())
    return "\n".join(out).strip()
