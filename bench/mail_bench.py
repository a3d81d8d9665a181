"""Time one round of the mail reader over 1,000 new mails in one ring's box (Dovecot), then an empty round.

    .venv/bin/python bench/mail_bench.py [--mails 1000] [--postgresql URL]

Needs Debian's Dovecot (``make dovecot``) and root, as the IMAP tests do. The demo network is loaded
into a fresh SQLite database (PostgreSQL with ``--postgresql``, a schema of its own); the demo ring's
box gets ``--mails`` mails in Finnish, Swedish and English (plain, quoted-printable, HTML-only), each
with its own Message-ID and sender. One round is timed: each mail read, routed by the engine, opened
as a case offered to the ring, recorded, flagged and moved to Eteinen/Done, and acknowledged (into
``instance/outbox-mail``, as without SMTP_URL).
"""

from __future__ import annotations

import argparse
import imaplib
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from routing import create_app
from routing.core import db
from routing.demo.load import load_demo
from routing.demo.network import RING_NAME
from routing.mailbox.boxes import connect
from routing.mailbox.reader import MailSettings, poll_once
from routing.matcher.loading import route_now
from tests.dovecot import _unavailable, running_dovecot

MAIL_FOLDER = Path(__file__).resolve().parents[1] / "tests" / "mailbox" / "mail"
TEMPLATES = ["fi_gmail_new", "sv_apple_new", "en_outlook_html", "fi_thunderbird_latin1", "fi_outlook_pdf"]


def mails(count: int) -> list[bytes]:
    raws = [(MAIL_FOLDER / f"{name}.eml").read_bytes() for name in TEMPLATES]
    made = []
    for n in range(count):
        raw = raws[n % len(raws)]
        head, sep, body = raw.partition(b"\n\n")
        lines = []
        for line in head.split(b"\n"):
            key = line.split(b":", 1)[0].lower()
            if key == b"message-id":
                line = f"Message-ID: <bench-{n}-{uuid.uuid4().hex}@example.net>".encode()
            elif key == b"from":
                line = f"From: Asiakas {n} <asiakas{n}@example.net>".encode()
            lines.append(line)
        made.append(b"\n".join(lines) + sep + body)
    return made


@contextmanager
def pg_schema(base: str) -> Iterator[str]:
    """A schema of its own on the PostgreSQL at ``base``, dropped afterwards."""
    schema = f"mail_bench_{uuid.uuid4().hex[:8]}"
    admin = db.make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--postgresql", help="a PostgreSQL URL to run on (a schema of its own) instead of SQLite")
    args = parser.parse_args()
    reason = _unavailable()
    if reason:
        sys.exit(reason)
    with ExitStack() as stack:
        instance = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="eteinen-mail-bench-")))
        if args.postgresql:
            url = stack.enter_context(pg_schema(args.postgresql))
        else:
            url = f"sqlite:///{instance / 'eteinen.db'}"
        app = create_app({"ETEINEN_INSTANCE": str(instance), "DATABASE_URL": url, "SMTP_URL": None})
        from routing.core.migrate import upgrade

        engine = app.extensions["eteinen.engine"]
        upgrade(engine)
        dovecot = stack.enter_context(running_dovecot())
        dovecot.add_user("rengas", "bench-password")
        with app.app_context(), db.transaction() as s:
            load_demo(s)
        with app.app_context(), db.transaction() as s:
            connect(
                s,
                RING_NAME,
                imap=f"imap://rengas@127.0.0.1:{dovecot.port}/INBOX",
                address="ohjausrengas@example.fi",
                password="bench-password",
                secret=app.config["SECRET_KEY"],
                insecure=True,
            )
        imap = dovecot.connect("rengas")
        started = time.perf_counter()
        for raw in mails(args.mails):
            assert imap.append("INBOX", None, None, raw)[0] == "OK"
        delivered = time.perf_counter() - started
        imap.logout()

        settings = MailSettings.from_config(app.config, app.instance_path)
        with app.app_context():
            from routing.matcher.router import RouteRequest

            # the engine's index is built on its first route: warmed outside the timing
            route_now(RouteRequest(question="lämmittely", municipality=None, age=None, language=None))
            started = time.perf_counter()
            if os.environ.get("MAIL_BENCH_PROFILE"):
                import cProfile

                with cProfile.Profile() as profile:
                    (done,) = poll_once(engine, settings, route=route_now)
                profile.dump_stats(os.environ["MAIL_BENCH_PROFILE"])
            else:
                (done,) = poll_once(engine, settings, route=route_now)
            round_s = time.perf_counter() - started
            started = time.perf_counter()
            (empty,) = poll_once(engine, settings, route=route_now)
            empty_s = time.perf_counter() - started
        check = imaplib.IMAP4("127.0.0.1", dovecot.port)
        check.login("rengas", "bench-password")
        left = int(check.select("INBOX")[1][0] or 0)
        moved = int(check.select('"Eteinen/Done"')[1][0] or 0)
        check.logout()
        database = "PostgreSQL" if args.postgresql else "SQLite"
        print(f"{args.mails} mails delivered by APPEND in {delivered:.1f} s")
        print(f"round on {database}: {done}")
        print(f"  {round_s:.1f} s for the round, {round_s / args.mails * 1000:.1f} ms per mail")
        print(f"  inbox left {left}, Eteinen/Done {moved}")
        print(f"empty round: {empty_s * 1000:.0f} ms ({empty})")


if __name__ == "__main__":
    main()
