"""``/metrics`` in the Prometheus text format, and the request and routing timings behind it.

Under ``eteinen serve`` the workers share their numbers through files in
``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's multiprocess mode; serve sets
it up). Without ``METRICS_TOKEN`` there is no ``/metrics`` (404); with it, the
token is asked. The referral, webhook and reminder figures are read from the
database at each scrape, so every worker answers the same. Labels are endpoint names,
methods, states and statuses only: never a question, a contact or a message.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from flask import Flask, Response, abort, current_app, g, request, request_finished, request_started
from prometheus_client import CollectorRegistry, Histogram, generate_latest, values
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from sqlalchemy import Engine, text

from routing.core import db
from routing.core.clock import utcnow

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

_instruments: dict[str, Histogram] = {}


def _multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def use_multiprocess_dir(path: str) -> None:
    """Share the numbers of every worker through files in ``path`` (called by serve before the fork)."""
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
    # the value class is chosen when prometheus-client is first imported, maybe before this
    values.ValueClass = values.get_value_class()


def _histogram(name: str, documentation: str, labels: tuple[str, ...]) -> Histogram:
    # made on first use in each process: after serve chose the multiprocess mode, after the fork
    if name not in _instruments:
        _instruments[name] = Histogram(name, documentation, labels, buckets=LATENCY_BUCKETS, registry=None)
    return _instruments[name]


def observe_request(endpoint: str, method: str, status: int, seconds: float) -> None:
    _histogram(
        "eteinen_request_seconds", "Time to answer a request, by endpoint", ("endpoint", "method", "status")
    ).labels(endpoint, method, str(status)).observe(seconds)


def observe_route(seconds: float) -> None:
    _histogram("eteinen_route_seconds", "Time the router takes to rank services for one question", ()).observe(seconds)


def _started(_sender: Flask, **_: Any) -> None:
    g.request_started = time.perf_counter()


def _finished(_sender: Flask, response: Response, **_: Any) -> None:
    started = g.get("request_started")
    if started is None:
        return
    endpoint = request.url_rule.endpoint if request.url_rule is not None else "unmatched"
    observe_request(endpoint, request.method, response.status_code, time.perf_counter() - started)


class DatabaseFigures:
    """Gauges read from the database at scrape time (the same whichever worker answers)."""

    def __init__(self, engine: Engine, now: datetime | None = None) -> None:
        self.engine = engine
        self.now = now or utcnow()

    def describe(self) -> list[Any]:
        return []  # read only at scrape time: registering must not query the database

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with db.read_engine(self.engine).connect() as conn:
            states = GaugeMetricFamily("eteinen_referrals", "Referrals by state", labels=["state"])
            for state, count in conn.execute(text("SELECT state, COUNT(*) FROM referral GROUP BY state")):
                states.add_metric([state], count)
            yield states
            oldest = conn.execute(
                text("SELECT MIN(created_at) FROM referral WHERE owner_id IS NULL AND state IN ('open', 'offered')")
            ).scalar()
            yield GaugeMetricFamily(
                "eteinen_oldest_unowned_referral_seconds",
                "Age of the oldest referral still without an owner (0 when there is none)",
                value=_age(oldest, self.now),
            )
            webhooks = GaugeMetricFamily("eteinen_webhook_messages", "Webhook messages by state", labels=["state"])
            counts: dict[str, int] = dict(
                conn.execute(
                    text(
                        "SELECT state, COUNT(*) FROM outbox_message WHERE state IN ('pending', 'failed') GROUP BY state"
                    )
                ).all()
            )
            for state in ("pending", "failed"):
                webhooks.add_metric([state], counts.get(state, 0))
            yield webhooks
            last = conn.execute(
                text(
                    "SELECT started_at, finished_at, mails_sent, mails_failed FROM reminder_pass"
                    " WHERE finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1"
                )
            ).first()
            duration = GaugeMetricFamily(
                "eteinen_reminder_pass_seconds", "How long the last finished reminder pass took"
            )
            mails = GaugeMetricFamily(
                "eteinen_reminder_pass_mails", "Mails of the last reminder pass", labels=["result"]
            )
            if last is not None:
                started, finished = _moment(last[0]), _moment(last[1])
                duration.add_metric([], (finished - started).total_seconds())
                mails.add_metric(["sent"], last[2])
                mails.add_metric(["failed"], last[3])
            yield duration
            yield mails


def _moment(value: Any) -> datetime:
    """A timestamp as SQLite (text) or PostgreSQL (datetime) hands it back from a plain query."""
    from datetime import UTC

    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _age(value: Any, now: datetime) -> float:
    return 0.0 if value is None else max(0.0, (now - _moment(value)).total_seconds())


def exposition(engine: Engine) -> bytes:
    registry = CollectorRegistry()
    if _multiprocess():
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        for instrument in _instruments.values():
            registry.register(instrument)
    registry.register(DatabaseFigures(engine))
    return generate_latest(registry)


def metrics() -> Response:
    token = current_app.config.get("METRICS_TOKEN")
    if not token:  # the contract: no token set, no metrics (an instance does not publish them by chance)
        abort(404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return Response("metrics need the METRICS_TOKEN as a bearer token\n", 401, mimetype="text/plain")
    return Response(exposition(db.engine()), mimetype=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    request_started.connect(_started, app)
    request_finished.connect(_finished, app)
    app.add_url_rule("/metrics", "metrics", metrics)
