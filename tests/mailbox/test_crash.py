"""A reader stopped between any two steps of taking a mail, then started again: every mail is taken
exactly once (one case each, one copy in Eteinen/Done, nothing left in the inbox)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

import routing.mailbox.reader as reader
from routing.mailbox.models import CaseMail, MailKind
from routing.referrals.models import Referral
from tests.mailbox.conftest import NOW, Box, Round
from tests.mailbox.mails import mail
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
