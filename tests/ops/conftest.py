"""Fixtures for the operations tests: the demo network, a desk token, and real ``eteinen serve`` processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlmodel import select

from routing.accounts import auth
from routing.accounts.models import User
from routing.core import db

ROOT = Path(__file__).resolve().parents[2]
DESK = "desk@kerava.example.fi"


@pytest.fixture
def demo_app(app: Flask) -> Flask:
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return app


def token_for(app: Flask, email: str = DESK) -> str:
    with app.app_context(), db.transaction() as s:
        user = s.exec(select(User).where(User.email == email)).one()
        return auth.create_token(s, user, "ops test")


@pytest.fixture
def desk_token(demo_app: Flask) -> str:
    return token_for(demo_app)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(url: str, body: Any = None, token: str | None = None, timeout: float = 30, **headers: str) -> tuple[int, Any]:
    """One HTTP request; (status, JSON or text); status 0 when nothing answered."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for name, value in headers.items():
        req.add_header(name.replace("_", "-"), value)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        raw, status = exc.read(), exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, None
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode("utf-8", "replace")


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    base: str
    log: Path
    pid: int = field(init=False)

    def __post_init__(self) -> None:
        self.pid = self.process.pid

    def wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"serve stopped:\n{self.log.read_text()[-3000:]}"
            if call(f"{self.base}/api/v1/health", timeout=2)[0] == 200:
                return
            time.sleep(0.05)
        raise AssertionError(f"serve did not answer health:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def serve(app_config: dict[str, Any], tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Starts ``eteinen serve`` (no scheduler) on the test's instance and database, on a free port."""
    started: list[Served] = []

    def start(workers: int = 2, scheduler: bool = False, **env: str) -> Served:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        full = {
            **os.environ,
            "ETEINEN_INSTANCE": app_config["ETEINEN_INSTANCE"],
            "DATABASE_URL": app_config["DATABASE_URL"],
            "WEBHOOK_ALLOW_PRIVATE": "true",
            **env,
        }
        args = [sys.executable, "-m", "routing", "serve", "--port", str(port), "--workers", str(workers)]
        if not scheduler:
            args.append("--no-scheduler")
        with log.open("wb") as out:
            process = subprocess.Popen(args, env=full, cwd=ROOT, stdout=out, stderr=out, start_new_session=True)
        served = Served(process, f"http://127.0.0.1:{port}", log)
        started.append(served)
        served.wait_healthy()
        return served

    yield start
    for served in started:
        served.stop()
