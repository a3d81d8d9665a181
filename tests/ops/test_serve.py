"""A real ``eteinen serve`` (gunicorn, two workers): warm from the first request, ready, metrics
from every worker, JSON logs without personal text, and a reload (SIGHUP) that loses no request."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable

import pytest

from tests.ops.conftest import Served, call

pytestmark = pytest.mark.slow

QUESTION = "Pikkuvarpunen tarvitsee apua velkojen kanssa"


def test_served_workers_are_warm_ready_and_counted(serve: Callable[..., Served], desk_token: str) -> None:
    server = serve(workers=2, scheduler=True, LOG_FORMAT="json", METRICS_TOKEN="m-token")
    # every worker built its router before it answered health: the first routes are fast
    walls = []
    for _ in range(6):
        t0 = time.perf_counter()
        status, _ = call(f"{server.base}/api/v1/route", {"question": QUESTION}, desk_token)
        walls.append(time.perf_counter() - t0)
        assert status == 200
    assert max(walls) < 0.5, walls
    deadline = time.monotonic() + 30  # the scheduler's first heartbeat
    while (answer := call(f"{server.base}/api/v1/ready"))[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert answer == (200, {"status": "ready", "checks": dict.fromkeys(answer[1]["checks"], "ok"), "missing": {}})
    status, text = call(f"{server.base}/metrics", token="m-token")
    assert status == 200
    # the workers' numbers are added up (multiprocess mode): all six routes, whichever worker took them
    assert 'eteinen_request_seconds_count{endpoint="api.route",method="POST",status="200"} 6.0' in text
    assert "Pikkuvarpunen" not in text
    server.stop()
    lines = [json.loads(line) for line in server.log.read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("message") == "request"]
    assert len([r for r in requests if r["path"] == "/api/v1/route"]) == 6
    assert all(len(r["request_id"]) == 32 for r in requests)
    assert "Pikkuvarpunen" not in server.log.read_text()


def test_a_reload_loses_no_request(serve: Callable[..., Served], desk_token: str) -> None:
    server = serve(workers=2)
    results: list[int] = []
    stop = threading.Event()

    def stream() -> None:
        while not stop.is_set():
            results.append(call(f"{server.base}/api/v1/route", {"question": QUESTION}, desk_token, timeout=30)[0])

    streams = [threading.Thread(target=stream) for _ in range(3)]
    for thread in streams:
        thread.start()
    time.sleep(1.0)
    os.kill(server.pid, signal.SIGHUP)  # gunicorn: new workers (warm before traffic), old ones finish theirs
    time.sleep(6.0)
    stop.set()
    for thread in streams:
        thread.join()
    assert len(results) >= 6  # a busy machine answers few; what counts is that none failed
    assert set(results) == {200}, {code: results.count(code) for code in set(results)}
    assert "Handling signal: hup" in server.log.read_text()


def test_serve_refuses_fewer_than_one_thread(runner) -> None:
    result = runner.invoke(args=["serve", "--threads", "0"])
    assert result.exit_code == 2
    assert "'--threads'" in result.output and "0 is not in the range x>=1" in result.output
