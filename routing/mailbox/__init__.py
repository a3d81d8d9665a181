"""Ring mailboxes: a ring's shared e-mail box read over IMAP becomes its queue."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from routing.mailbox import commands

    commands.init_app(app)
