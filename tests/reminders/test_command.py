"""``eteinen remind [--now]``: counts printed, mail in the folder or by SMTP, never twice a week."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
from pathlib import Path

from routing.cli import cli
from tests.histories import build_network


def test_remind_now_twice_sends_each_reminder_once(app, runner):
    net = build_network(app)
    net.open()
    net.open()
    first = runner.invoke(cli, ["remind", "--now"])
    assert first.exit_code == 0, first.output
    assert "new reminders 2 (open 2, offer-pending 0, no-followup 0)" in first.output
    assert "mails sent 2" in first.output
    second = runner.invoke(cli, ["remind", "--now"])
    assert second.exit_code == 0, second.output
    assert "new reminders 0" in second.output and "mails sent 0" in second.output
    mails = sorted((Path(app.instance_path) / "outbox-mail").glob("*.eml"))
    assert len(mails) == 2
    for m in mails:
        parsed = email.message_from_bytes(m.read_bytes(), policy=email.policy.default)
        assert "/referrals/" in parsed.get_content() and parsed["Subject"].startswith("Eteinen: 2 ")


def test_remind_without_now_runs_only_when_the_week_is_due(app, runner):
    net = build_network(app)
    net.open()
    first = runner.invoke(cli, ["remind"])
    assert first.exit_code == 0 and "mails sent 2" in first.output
    second = runner.invoke(cli, ["remind"])
    assert second.exit_code == 0 and "has run already" in second.output


def test_remind_by_smtp_in_a_real_process(app, cli_env, smtp_server):
    url, sink = smtp_server
    net = build_network(app)
    net.open()
    env = {**cli_env, "SMTP_URL": url}
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "routing", "remind", "--now"], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
    assert sorted(r for _, rcpts in sink.envelopes for r in rcpts) == [
        "admin@kirjasto.example.fi",
        "desk@kirjasto.example.fi",
    ]


def test_remind_with_smtp_down_fails_with_a_message(app, runner):
    from tests.smtp_sink import free_port

    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"
    net = build_network(app)
    net.open()
    result = runner.invoke(cli, ["remind", "--now"])
    assert result.exit_code == 1
    assert "could not be sent" in result.output and "resumes" in result.output
