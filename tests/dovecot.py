"""A real IMAP server for the tests: Debian's Dovecot on a free loopback port, with a throwaway
configuration in a temporary folder (``make dovecot`` installs it as root; without it, or when not
root, the tests that need it skip with the reason).

Dovecot's login process refuses to run as root, so it runs as ``dovenull``, its internal processes
as ``dovecot``, and the mail folders belong to ``dovecot``. Users are added at run time (the
passwd-file is re-read on every login); folders use ``/`` as separator, as most servers do.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
first_valid_gid = 1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Dovecot:
    """The running server: ``host``/``port``, ``add_user`` and ``deliver`` (an APPEND, as a mail arrives)."""

    root: Path
    port: int
    host: str = "127.0.0.1"
    users: dict[str, str] = field(default_factory=dict)

    def add_user(self, name: str, password: str) -> None:
        self.users[name] = password
        lines = "".join(f"{user}:{{PLAIN}}{secret}\n" for user, secret in self.users.items())
        # written aside and renamed: Dovecot re-reads the file when it changes and must never see half of it
        fresh = self.root / "passwd.new"
        fresh.write_text(lines)
        fresh.replace(self.root / "passwd")
        # Dovecot looks at the file at most once a second (the auth process's clock): a login in the same
        # second as the last lookup before the change would not find the new user
        time.sleep(1.02 - time.time() % 1)

    def connect(self, user: str) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.host, self.port)
        imap.login(user, self.users[user])
        return imap

    def deliver(self, user: str, message: bytes, folder: str = "INBOX") -> None:
        imap = self.connect(user)
        try:
            imap.create(folder) if folder != "INBOX" else None
            status, _ = imap.append(folder, None, None, message)
            assert status == "OK", status
        finally:
            imap.logout()

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _unavailable() -> str | None:
    if not Path(DOVECOT).exists():
        return "no Dovecot: install Debian's dovecot-imapd (`make dovecot` as root) for the IMAP tests"
    if os.geteuid() != 0:
        return "Dovecot's throwaway server needs root here (its login process runs as dovenull)"
    for user in ("dovecot", "dovenull"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            return f"no system user {user!r}: reinstall dovecot-core"
    return None


@contextmanager
def running_dovecot() -> Iterator[Dovecot]:
    """A throwaway Dovecot for as long as the block runs (the fixture's, and the mail benchmark's)."""
    # not under pytest's tmp folder: that is root's alone, and the dovecot users must walk through
    root = Path(tempfile.mkdtemp(prefix="eteinen-dovecot-"))
    root.chmod(0o755)
    for name in ("run", "state", "mail"):
        (root / name).mkdir()
    shutil.chown(root / "mail", "dovecot", "dovecot")
    port = _free_port()
    (root / "dovecot.conf").write_text(_CONFIG.format(root=root, port=port))
    (root / "passwd").write_text("")
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    server = Dovecot(root=root, port=port)
    deadline = time.monotonic() + 15
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    err = process.stderr.read().decode(errors="replace") if process.stderr else ""
                    raise RuntimeError(f"Dovecot did not start: {err.strip()} {server.log().strip()}") from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    reason = _unavailable()
    if reason:
        pytest.skip(reason)
    try:
        with running_dovecot() as server:
            yield server
    except RuntimeError as exc:
        if "Dovecot did not start" not in str(exc):
            raise
        pytest.fail(str(exc))
