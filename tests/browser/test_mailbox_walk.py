"""Issue 16's "Done when", walked as a new user would: the demo running, a local Dovecot, a real SMTP receiver.

`eteinen ring mailbox` connects the demo ring's box; three mails in Finnish, Swedish and English become
three cases on /ring with their acknowledgements delivered; a counsellor takes one and answers from the
case page in Chromium, the answer leaves by mail with the case code and threading headers, and the
client's reply to it lands in the same thread; an out-of-office answer to the acknowledgement makes no
case and no second acknowledgement; a reader killed mid-round and started again takes every mail once.
Every reader round is the real `eteinen mail poll --once`, against the live server's database.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from routing.demo.network import ACCOUNTS, RING_NAME
from routing.mailbox.models import CaseMail, MailKind
from routing.referrals.models import Message, Referral
from tests.dovecot import Dovecot
from tests.mailbox.conftest import Box, new_box
from tests.mailbox.mails import mail, numbered
from tests.smtp_sink import SmtpSink
from tests.smtp_sink import smtp_server as smtp_server  # the fixture

from .conftest import check_basics, log_in, shot

RING_ADDRESS = "opinto-ohjaus@uusimaa.example.fi"
COUNSELLOR = next(a for a in ACCOUNTS if a.email == "ohjaus@keuda.example.fi")
MAILS = {"fi": "fi_gmail_new", "sv": "sv_apple_new", "en": "en_outlook_html"}
AINO = "aino.asiakas@example.net"
ANSWER = "Hei Aino, voisitko tulla keskiviikkona klo 13 Keudan opinto-ohjaukseen Keravalle?"


@pytest.fixture
def app_config(app_config: dict[str, Any], smtp_server: tuple[str, SmtpSink]) -> dict[str, Any]:
    return {**app_config, "SMTP_URL": smtp_server[0]}


@pytest.fixture
def sink(smtp_server: tuple[str, SmtpSink]) -> SmtpSink:
    return smtp_server[1]


@pytest.fixture
def eteinen(app: Flask, cli_env: dict[str, str]) -> Iterator[Any]:
    """``eteinen(*args, stdin=...)``: the command line as its own process, on the live server's database."""
    env = {**cli_env, "SMTP_URL": app.config["SMTP_URL"], "SECRET_KEY": app.config["SECRET_KEY"]}
    program = str(Path(sys.executable).with_name("eteinen"))

    def run(*args: str, stdin: str | None = None) -> str:
        done = subprocess.run([program, *args], env=env, input=stdin, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    run.program, run.env = program, env  # type: ignore[attr-defined]
    return run


def count(engine: Engine, model: Any, *where: Any) -> int:
    with Session(engine) as s:
        return int(s.exec(select(func.count()).select_from(model).where(*where)).one())


def test_the_ring_mailbox_walk(
    demo: Any,
    new_page: Any,
    axe: Any,
    dovecot: Dovecot,
    sink: SmtpSink,
    eteinen: Any,
    engine: Engine,
) -> None:
    box: Box = new_box(dovecot)
    base = demo.url

    # 1. the org connects the demo ring's shared box from the command line
    said = eteinen(
        "ring",
        "mailbox",
        RING_NAME,
        "--imap",
        f"imap://{box.user}@{dovecot.host}:{dovecot.port}/INBOX",
        "--address",
        RING_ADDRESS,
        "--password-stdin",
        "--insecure",
        stdin=box.password + "\n",
    )
    assert f"connected as {RING_ADDRESS}" in said
    assert RING_ADDRESS in eteinen("ring", "list") and "not read yet" in eteinen("ring", "list")

    # 2. three mails in three languages: three cases, three acknowledgements in the mails' languages
    for name in MAILS.values():
        box.deliver(mail(name))
    said = eteinen("mail", "poll", "--once")
    assert f"{RING_NAME}: 3 new case(s), 0 reply(ies), 0 held, 0 automatic, 3 acknowledgement(s) sent" in said
    acks = {m["To"]: m for m in sink.messages}
    assert set(acks) == {AINO, "erik.klient@example.se", "sam.client@example.com"}
    assert all(m["Auto-Submitted"] == "auto-replied" and RING_ADDRESS in m["From"] for m in acks.values())
    assert acks[AINO]["Subject"].startswith("Viestisi on vastaanotettu [")
    assert acks["erik.klient@example.se"]["Subject"].startswith("Ditt meddelande har tagits emot [")
    assert acks["sam.client@example.com"]["Subject"].startswith("Your message has been received [")
    code = acks[AINO]["Subject"].rsplit("[", 1)[1].rstrip("]")

    # 3. the counsellor sees them on /ring and takes the Finnish one
    page = new_page()
    log_in(page, base, COUNSELLOR.email, COUNSELLOR.password)
    page.goto(f"{base}/ring")
    offers = page.locator("article.offer")
    assert offers.count() == 3
    for language in ("suomi", "ruotsi", "englanti"):
        assert page.locator("article.offer", has_text=language).count() == 1
    assert page.locator("article.offer li.channel", has_text="sähköpostilla renkaan postilaatikkoon").count() == 3
    check_basics(page)
    axe(page)
    shot(page, "mailbox-ring-three-mails", full_page=True)

    finnish = page.locator("article.offer", has_text=f"tunnus {code}")
    case_url = finnish.get_by_role("link", name="Lue asia ensin").get_attribute("href")
    assert case_url is not None
    finnish.get_by_role("button", name="Ota tämä asia").click()
    page.wait_for_url(f"{base}{case_url}")  # taken: the case page opens

    # 4. ... and answers from the case page; the next round sends it by mail, threaded, with the code
    assert "Asiakas kirjoitti sähköpostilla" in page.inner_text("#thread")
    page.fill("#reply-body", ANSWER)
    page.get_by_role("button", name="Lähetä asiakkaalle").click()
    page.wait_for_url(re.compile(r"/referrals/[^/]+(#thread)?$"))
    assert ANSWER in page.inner_text("#thread")
    said = eteinen("mail", "poll", "--once")
    assert "0 acknowledgement(s) sent, 1 answer(s) sent" in said  # the round's mails out: the one answer
    ack, answer = sink.to(AINO)
    assert answer["Subject"] == f"Vastaus asiaasi [{code}]"
    assert RING_ADDRESS in answer["From"] and "Auto-Submitted" not in answer
    assert answer["In-Reply-To"] == ack["Message-ID"]
    assert "<CAF1a9xQ7mZ0fi-gmail-new@mail.gmail.com>" in answer["References"]
    assert answer.get_content().strip() == ANSWER

    # 5. the client answers that mail from Gmail: the reply joins the same thread
    box.deliver(mail("reply_gmail_fi", IN_REPLY_TO=answer["Message-ID"].strip("<>"), CODE=code))
    said = eteinen("mail", "poll", "--once")
    assert "0 new case(s), 1 reply(ies)" in said
    page.reload()
    thread = page.inner_text("#thread")
    assert ANSWER in thread and "Unohdin kertoa, että minulla on lukihäiriö." in thread
    assert thread.index(ANSWER) < thread.index("lukihäiriö")
    check_basics(page)
    axe(page)
    shot(page, "mailbox-case-thread-answer-and-reply", full_page=True)

    # 6. Aino's out-of-office answers the acknowledgement: no case, no second acknowledgement
    box.deliver(mail("out_of_office", IN_REPLY_TO=ack["Message-ID"].strip("<>"), CODE=code))
    said = eteinen("mail", "poll", "--once")
    assert "0 new case(s), 0 reply(ies), 0 held, 1 automatic, 0 acknowledgement(s) sent" in said
    assert len(sink.to(AINO)) == 2
    assert count(engine, Referral) == 3
    with Session(engine) as s:
        referral_id = s.exec(select(Referral.id).where(col(Referral.client_contact) == AINO)).one()
        authors = s.exec(select(Message.author).where(Message.referral_id == referral_id).order_by(col(Message.id)))
        assert list(authors) == ["staff", "client"]

    # 7. a reader killed mid-round and started again takes every mail exactly once
    more = 16
    for n in range(more):
        box.deliver(numbered(list(MAILS.values())[n % 3], 100 + n))
    before = count(engine, CaseMail)
    reader = subprocess.Popen([eteinen.program, "mail", "poll", "--once"], env=eteinen.env, stdout=subprocess.PIPE)
    deadline = time.monotonic() + 120
    taken = 0
    while time.monotonic() < deadline and reader.poll() is None:
        taken = count(engine, CaseMail) - before
        if taken >= 3:
            break
        time.sleep(0.02)
    reader.send_signal(signal.SIGKILL)
    reader.wait(timeout=30)
    assert reader.returncode == -signal.SIGKILL, "the reader finished before it could be stopped"
    assert 0 < taken < more
    said = eteinen("mail", "poll", "--once")
    assert "new case(s)" in said
    assert count(engine, Referral) == 3 + more
    with Session(engine) as s:
        ids = s.exec(select(CaseMail.message_id).where(CaseMail.kind == MailKind.CASE)).all()
    assert len(ids) == len(set(ids)) == 3 + more
    assert box.folder("INBOX") == []
    assert len(box.folder("Eteinen/Done")) == 3 + 1 + 1 + more  # the cases, the reply, the out-of-office
    acknowledged = Counter(m["Message-ID"] for m in sink.messages if m["Auto-Submitted"] == "auto-replied")
    assert len(acknowledged) == 3 + more  # each case acknowledged; a resend would keep its Message-ID
