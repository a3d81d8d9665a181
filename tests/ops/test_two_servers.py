"""Two ``eteinen serve`` processes and one scheduler on one PostgreSQL database: accepts race across
both and give one owner, an import is routed by the other server within two seconds, and two
webhook relays running at once deliver each message once."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from flask import Flask
from sqlmodel import Session, select

from routing.core import db
from routing.outbox.endpoints import create_endpoint
from routing.outbox.messages import EVENT_TYPES
from routing.outbox.models import OutboxMessage
from routing.referrals.models import Event, Referral
from tests.http_receiver import Receiver, Reply
from tests.ops.conftest import ROOT, Served, call
from tests.referrals.conftest import OPEN, build_world

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="two servers share a PostgreSQL database: "
                       "set TEST_DATABASE_URL"),
]  # fmt: skip

N = 50


@pytest.fixture
def postgresql(app_config: dict[str, Any]) -> None:
    if not app_config["DATABASE_URL"].startswith("postgresql"):
        pytest.skip("two servers on one database is a PostgreSQL set-up")


@pytest.fixture
def hook_receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    receiver.start()
    yield receiver
    receiver.stop()


def test_accepts_through_both_servers_give_one_owner_and_two_relays_deliver_once(
    postgresql: None, app: Flask, app_config: dict[str, Any], serve: Callable[..., Served], hook_receiver: Receiver
) -> None:
    people = [("desk", "front", "front-desk")] + [(f"k{i}", "bc"[i % 2], "counsellor") for i in range(N)]
    world = build_world(app, people=people)
    with app.app_context(), db.transaction() as s:
        create_endpoint(
            s, world.orgs["b"], hook_receiver.url, list(EVENT_TYPES), created_by_id=None, allow_private=True
        )
    first, second = serve(workers=1, scheduler=True), serve(workers=1)
    desk = world.tokens["desk"]
    rid = call(f"{first.base}/api/v1/referrals", OPEN, desk)[1]["id"]
    offer = call(f"{second.base}/api/v1/referrals/{rid}/offers", {"ring_id": world.ring}, desk)[1]["id"]
    # the racers alternate between the servers
    results = _race_two(first.base, second.base, [world.tokens[f"k{i}"] for i in range(N)], offer)
    statuses = Counter(status for _, status, _ in results)
    assert statuses == {200: 1, 409: N - 1}, results[:3]
    (winner,) = [i for i, status, _ in results if status == 200]
    with Session(app.extensions["eteinen.engine"]) as s:
        referral = s.get(Referral, rid)
        assert referral is not None and referral.owner_id == world.users[f"k{winner}"]
        accepted = s.exec(select(Event).where(Event.referral_id == rid, Event.kind == "accepted")).all()
        assert len(accepted) == 1
        total = len(s.exec(select(OutboxMessage)).all())
    assert total >= 2

    # the scheduler beside the first server relays too; two more relays run at once: each message once
    hook_receiver.default = Reply(204, delay=0.02)
    env = {**os.environ, "ETEINEN_INSTANCE": app_config["ETEINEN_INSTANCE"], "DATABASE_URL": app_config["DATABASE_URL"],
           "WEBHOOK_ALLOW_PRIVATE": "true"}  # fmt: skip
    relays = [
        subprocess.Popen([sys.executable, "-m", "routing", "webhooks", "relay", "--interval", "0.2"], env=env, cwd=ROOT)
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 30
        while len(hook_receiver.requests) < total and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # a second delivery would have come by now
    finally:
        for relay in relays:
            relay.terminate()
            relay.wait(timeout=10)
    ids = [r.headers["webhook-id"] for r in hook_receiver.requests]
    assert len(ids) == total and len(set(ids)) == total
    ready = call(f"{second.base}/api/v1/ready")
    assert ready[0] == 200, ready  # the scheduler beside the first server beats for both


def _race_two(one: str, other: str, tokens: list[str], offer: str) -> list[tuple[int, int, str]]:
    """Every token accepts the offer at the same moment, even ones through one server, odd through the other."""
    barrier = threading.Barrier(len(tokens))

    def accept(i: int) -> tuple[int, int, str]:
        with httpx.Client(base_url=one if i % 2 == 0 else other, timeout=120) as http:
            barrier.wait()
            response = http.post(f"/api/v1/offers/{offer}/accept", headers={"Authorization": f"Bearer {tokens[i]}"})
            return i, response.status_code, response.text

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        return list(pool.map(accept, range(len(tokens))))


def test_an_import_is_routed_by_the_other_server_within_two_seconds(
    postgresql: None, demo_app: Flask, desk_token: str, serve: Callable[..., Served], tmp_path: Path
) -> None:
    first, second = serve(workers=1), serve(workers=1)
    question = {"question": "Tarvitsen apua velkojen kanssa", "municipality": "245"}
    status, answer = call(f"{second.base}/api/v1/route", question, desk_token)
    assert status == 200
    top = answer["candidates"][0]["service_id"]
    runner = demo_app.test_cli_runner()
    assert runner.invoke(args=["export-hsds", str(tmp_path / "dir")]).exit_code == 0
    services = tmp_path / "dir" / "services.csv"
    with services.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["id"] == top:
            row["status"] = "inactive"
    assert fields is not None
    with services.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields)
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(args=["import-hsds", str(tmp_path / "dir")])
    assert result.exit_code == 0, result.output
    imported = time.monotonic()
    seen: dict[str, float] = {}
    while len(seen) < 2 and time.monotonic() - imported < 10:
        for server in (first, second):
            if server.base not in seen:
                status, answer = call(f"{server.base}/api/v1/route", question, desk_token)
                if status == 200 and top not in {c["service_id"] for c in answer["candidates"]}:
                    seen[server.base] = time.monotonic() - imported
        time.sleep(0.05)
    assert len(seen) == 2 and max(seen.values()) <= 2.0, seen
