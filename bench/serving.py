"""Helpers for the benchmarks that run a real ``eteinen serve``: instances, free ports, waiting for health."""

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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

DEMO_USER = "desk@kerava.example.fi"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def eteinen(instance: Path, *args: str, source: Path = ROOT, env: dict[str, str] | None = None, **kw: Any) -> str:
    """Run one ``eteinen`` command on an instance (with the code in ``source``); its stdout."""
    full = {**os.environ, "ETEINEN_INSTANCE": str(instance), "PYTHONPATH": str(source), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "routing", *args], env=full, cwd=source, capture_output=True, text=True, **kw
    )
    if done.returncode:
        raise SystemExit(f"eteinen {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def demo_instance(instance: Path, source: Path = ROOT, env: dict[str, str] | None = None) -> str:
    """The demo network in ``instance``; returns an API token of the Kerava desk."""
    eteinen(instance, "init", source=source, env=env)
    eteinen(instance, "demo", "--if-empty", source=source, env=env)
    return eteinen(instance, "token", "create", "--user", DEMO_USER, source=source, env=env).strip()


def national_instance(instance: Path, services: int, source: Path = ROOT, env: dict[str, str] | None = None) -> str:
    """bench/import_bench.py's national directory of ``services`` services; returns a desk token."""
    import csv

    from import_bench import generate

    eteinen(instance, "init", source=source, env=env)
    folder = instance / "hsds"
    folder.mkdir(parents=True, exist_ok=True)
    generate(folder, services, 7)
    eteinen(instance, "import-hsds", str(folder), source=source, env=env)
    with open(folder / "organizations.csv", encoding="utf-8") as fh:
        org = next(csv.DictReader(fh))["id"]
    eteinen(
        instance,
        "user",
        "add",
        "desk@bench.example.fi",
        "--org",
        org,
        "--role",
        "front-desk",
        "--password-stdin",
        source=source,
        env=env,
        input="bench-password-2026\n",
    )
    return eteinen(instance, "token", "create", "--user", "desk@bench.example.fi", source=source, env=env).strip()


def request(url: str, body: Any = None, token: str | None = None, timeout: float = 30) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
            return resp.status, json.loads(raw) if raw[:1] in (b"{", b"[") else raw
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        return exc.code, json.loads(raw) if raw[:1] in (b"{", b"[") else raw
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, None


class Server:
    """``eteinen serve`` in a process group of its own, stopped with SIGTERM."""

    def __init__(
        self,
        instance: Path,
        *,
        port: int | None = None,
        workers: int = 2,
        threads: int = 1,
        source: Path = ROOT,
        env: dict[str, str] | None = None,
        scheduler: bool = False,
        log: Path | None = None,
    ) -> None:
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "routing", "serve", "--port", str(self.port)]
        args += ["--workers", str(workers), "--threads", str(threads)]
        if not scheduler:
            args.append("--no-scheduler")
        full = {**os.environ, "ETEINEN_INSTANCE": str(instance), "PYTHONPATH": str(source), **(env or {})}
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (kept open for the server's life)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(args, env=full, cwd=source, stdout=out, stderr=out, start_new_session=True)

    def wait_healthy(self, timeout: float = 120) -> float:
        """Seconds from start until /api/v1/health answers 200."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped (exit {self.process.returncode})")
            status, _ = request(f"{self.base}/api/v1/health", timeout=2)
            if status == 200:
                return time.perf_counter() - self.started
            time.sleep(0.02)
        raise SystemExit("the server did not answer health in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
