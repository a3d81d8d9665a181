"""``eteinen ring mailbox`` and ``eteinen mail poll``: clear refusals, a password never kept in clear,
one reader at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from routing.cli import cli
from routing.core.locks import DatabaseLock
from routing.mailbox.models import RingMailbox
from routing.mailbox.reader import LOCK_NAME
from routing.mailbox.sealing import Unsealable, seal, unseal
from tests.dovecot import Dovecot
from tests.mailbox.conftest import RING_ADDRESS, new_box
from tests.mailbox.mails import mail
from tests.referrals.conftest import World
from tests.smtp_sink import SmtpSink


def invoke(app: Flask, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    """The command as `eteinen` runs it (refusals become exit codes), on the test app."""
    return app.test_cli_runner().invoke(cli, list(args), input=stdin)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--imap", "imap://u@127.0.0.1/INBOX", "--address", RING_ADDRESS, "--password-stdin"], "pw", "--insecure"),
        (["--imap", "pop3://u@h/INBOX", "--address", RING_ADDRESS, "--password-stdin"], "pw", "imaps://"),
        (["--imap", "imaps://u:secret@h/INBOX", "--address", RING_ADDRESS, "--password-stdin"], "pw", "no password"),
        (["--imap", "imaps://h/INBOX", "--address", RING_ADDRESS, "--password-stdin"], "pw", "no user name"),
        (["--imap", "imaps://u@h:port/INBOX", "--address", RING_ADDRESS, "--password-stdin"], "pw", "port"),
        (["--imap", "imaps://u@h/INBOX", "--address", "not an address", "--password-stdin"], "pw", "--address"),
        (["--imap", "imaps://u@h/INBOX", "--address", RING_ADDRESS, "--password-stdin"], "\n", "empty"),
        (["--imap", "imaps://u@h/INBOX", "--address", RING_ADDRESS], None, "--password-stdin"),
        (["--address", RING_ADDRESS, "--password-stdin"], "pw", "--imap"),
        (["--imap", "imaps://u@h/INBOX", "--address", RING_ADDRESS, "--password-stdin", "--holder", "x"], "pw", "x"),
    ],
)
def test_bad_settings_are_refused_with_exit_2(
    app: Flask, world: World, args: list[str], stdin: str | None, message: str
) -> None:
    result = invoke(app, "ring", "mailbox", "Puhelinrengas", *args, stdin=stdin)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_an_unknown_ring_is_not_found(app: Flask, world: World) -> None:
    result = invoke(app, "ring", "mailbox", "Ei ole", "--off")
    assert result.exit_code != 0 and "no ring with the id or name 'Ei ole'" in result.output


def test_connect_list_poll_and_disconnect(
    app: Flask, world: World, dovecot: Dovecot, engine: Engine, session: Session, smtp_server: tuple[str, SmtpSink]
) -> None:
    box = new_box(dovecot)
    url = f"imap://{box.user}@127.0.0.1:{dovecot.port}/INBOX"
    done = invoke(
        app, "ring", "mailbox", world.ring, "--imap", url, "--address", RING_ADDRESS, "--password-stdin", "--insecure",
        stdin=box.password + "\n",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert (
        done.output.strip() == f"mailbox imap://{box.user}@127.0.0.1:{dovecot.port}/INBOX connected as {RING_ADDRESS}"
    )
    assert box.password not in done.output

    # the password is nowhere in the database in clear, and opens only with this instance's secret
    with engine.connect() as conn:
        dump = " ".join(str(row) for row in conn.execute(text("SELECT * FROM ring_mailbox")))
    assert box.password not in dump
    stored = session.get(RingMailbox, world.ring)
    assert stored is not None and unseal(app.config["SECRET_KEY"], stored.password_sealed) == box.password
    with pytest.raises(Unsealable):
        unseal("another instance's secret", stored.password_sealed)
    assert seal("k", "p") != seal("k", "p")  # a fresh nonce each time

    listed = invoke(app, "ring", "list")
    assert f"mailbox {RING_ADDRESS}: not read yet" in listed.output

    box.deliver(mail("fi_gmail_new"))
    polled = invoke(app, "mail", "poll", "--once")
    assert polled.exit_code == 0, polled.output
    assert (
        polled.output.strip() == "Puhelinrengas: 1 new case(s), 0 reply(ies), 0 held, 0 automatic,"
        " 1 acknowledgement(s) sent, 0 answer(s) sent"
    )
    assert "Keskeytin" not in polled.output
    assert "last read" in invoke(app, "ring", "list").output

    # while another reader holds the lock, a round by hand says so and takes nothing
    with DatabaseLock(engine, LOCK_NAME, ttl=timedelta(minutes=1)):
        busy = invoke(app, "mail", "poll", "--once", "--wait", "0")
    assert busy.exit_code == 1 and "another reader" in busy.output

    off = invoke(app, "ring", "mailbox", "Puhelinrengas", "--off")
    assert off.exit_code == 0 and off.output.strip() == "mailbox disconnected"
    assert "mailbox" not in invoke(app, "ring", "list").output
    assert invoke(app, "mail", "poll", "--once").output.startswith("no ring has a mailbox")


def test_the_schedulers_mail_job_reads_the_boxes(
    app: Flask, world: World, dovecot: Dovecot, session: Session, smtp_server: tuple[str, SmtpSink]
) -> None:
    from routing.followup.scheduler import FollowUpScheduler
    from routing.referrals.models import Referral
    from tests.mailbox.conftest import connect_box

    box = new_box(dovecot)
    connect_box(app, world.ring, box)
    box.deliver(mail("sv_apple_new"))
    said: list[str] = []
    FollowUpScheduler(app, say=said.append).read_mail()
    assert said == [
        "mail: Puhelinrengas: 1 new case(s), 0 reply(ies), 0 held, 0 automatic,"
        " 1 acknowledgement(s) sent, 0 answer(s) sent"
    ]
    assert len(session.exec(select(Referral)).all()) == 1
    assert len(smtp_server[1].messages) == 1
