"""A reader stopped between any two steps of taking a mail, then started again: every mail is taken
exactly once (one case each, one copy in Eteinen/Done, nothing left in the inbox)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import Engine
from sqlmodel import Session, func, select

import routing.mailbox.reader as reader
from routing.mailbox.models import CaseMail, MailKind
from routing.referrals.models import Referral
from tests.mailbox.conftest import NOW, Box, Round
from tests.mailbox.mails import mail, numbered
from tests.smtp_sink import SmtpSink

NAMES = ("fi_gmail_new", "sv_apple_new", "en_outlook_html")


class Stopped(BaseException):
    """The reader's process ends here (a BaseException: nothing in the reader catches it)."""


def stop_at(step: str, nth: int):  # type: ignore[no-untyped-def]
    seen = Counter[str]()

    def checkpoint(at: str) -> None:
        seen[at] += 1
        if at == step and seen[at] == nth:
            raise Stopped(f"{step} #{nth}")

    return checkpoint


@pytest.mark.parametrize("nth", [1, 2])
@pytest.mark.parametrize("step", ["fetched", "committed", "flagged", "moved", "answered"])
def test_a_reader_stopped_between_steps_takes_each_mail_once(
    step: str, nth: int, box: Box, session: Session, sink: SmtpSink, read_round: Round, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "BATCH", 2)  # two batches: a stop in the second one too
    for name in NAMES:
        box.deliver(mail(name))
    with pytest.raises(Stopped):
        read_round(checkpoint=stop_at(step, nth))
    read_round(NOW + timedelta(minutes=1))
    read_round(NOW + timedelta(minutes=2))

    assert session.exec(select(func.count()).select_from(Referral)).one() == 3
    taken = session.exec(select(CaseMail.message_id).where(CaseMail.kind == MailKind.CASE)).all()
    assert len(taken) == len(set(taken)) == 3
    assert box.folder("INBOX") == []
    assert len(box.folder("Eteinen/Done")) == 3
    # every case is acknowledged; only a stop between the SMTP server's "accepted" and the commit
    # sends that one acknowledgement again, with the same Message-ID
    ids = Counter(m["Message-ID"] for m in sink.messages)
    assert len(ids) == 3
    assert sum(ids.values()) == (4 if step == "answered" else 3)


def test_a_reader_process_killed_mid_round_and_started_again_takes_each_mail_once(
    app: Flask, box: Box, session: Session, sink: SmtpSink, cli_env: dict[str, str], engine: Engine
) -> None:
    """The real thing: ``eteinen mail poll --once`` killed (SIGKILL) while it works, then run again."""
    count = 48  # enough that a busy machine's test still sees the round under way before it ends
    for n in range(count):
        box.deliver(numbered(NAMES[n % 3], n))
    env = {**cli_env, "SMTP_URL": app.config["SMTP_URL"], "SECRET_KEY": app.config["SECRET_KEY"]}
    eteinen = str(Path(sys.executable).with_name("eteinen"))
    reader = subprocess.Popen([eteinen, "mail", "poll", "--once"], env=env, stdout=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with Session(engine) as s:  # the cases taken (each case's acknowledgement is a row too)
            taken = s.exec(select(func.count()).select_from(CaseMail).where(CaseMail.kind == MailKind.CASE)).one()
        if taken >= 3 or reader.poll() is not None:
            break
        time.sleep(0.05)
    reader.send_signal(signal.SIGKILL)
    reader.wait(timeout=30)
    assert reader.returncode == -signal.SIGKILL, "the reader finished before it could be stopped"
    assert 0 < taken < count  # stopped mid-round

    again = subprocess.run([eteinen, "mail", "poll", "--once"], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert session.exec(select(func.count()).select_from(Referral)).one() == count
    assert box.folder("INBOX") == []
    assert len(box.folder("Eteinen/Done")) == count
    assert len({m["Message-ID"] for m in sink.messages}) == count  # every case acknowledged
