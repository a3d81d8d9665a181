"""Readiness, metrics, JSON logs and the proxy setting, in process, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from routing import create_app
from routing.core import db, heartbeat
from routing.core.clock import utcnow
from routing.core.logs import JsonFormatter
from routing.matcher.loading import current_router

SECRET_QUESTION = "Salainenkysymys Pikkuvarpunen tarvitsee velkaneuvontaa"
SECRET_CONTACT = "pikkuvarpunen@example.org"


def test_ready_names_what_is_missing_until_all_is_well(client: FlaskClient, app: Flask) -> None:
    answer = client.get("/api/v1/ready")
    assert answer.status_code == 503
    body = answer.get_json()
    assert body["status"] == "not ready"
    assert set(body["missing"]) == {"router", "scheduler"}
    assert body["checks"] == {"database": "ok", "schema": "ok", "router": "missing", "scheduler": "missing"}
    with app.app_context():
        current_router()
        heartbeat.beat(db.engine(), "test", now=utcnow() - timedelta(minutes=4))
    body = client.get("/api/v1/ready").get_json()
    assert set(body["missing"]) == {"scheduler"} and "s old" in body["missing"]["scheduler"]
    with app.app_context():
        heartbeat.beat(db.engine(), "test")
    answer = client.get("/api/v1/ready")
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == {
        "status": "ready",
        "checks": {"database": "ok", "schema": "ok", "router": "ok", "scheduler": "ok"},
        "missing": {},
    }


def test_ready_says_the_schema_is_behind(empty_database: Any, instance_dir: Any) -> None:
    app = create_app({"TESTING": True, "ETEINEN_INSTANCE": str(instance_dir), "DATABASE_URL": empty_database()})
    try:
        answer = app.test_client().get("/api/v1/ready")
        assert answer.status_code == 503
        assert "eteinen init" in answer.get_json()["missing"]["schema"]
    finally:
        app.extensions["eteinen.engine"].dispose()


def test_metrics_need_the_token_and_are_not_there_without_one(app_config: dict[str, Any]) -> None:
    plain = create_app(app_config)
    try:
        assert plain.test_client().get("/metrics").status_code == 404
    finally:
        plain.extensions["eteinen.engine"].dispose()
    app_config["METRICS_TOKEN"] = "m-secret-123"
    app = create_app(app_config)
    try:
        client = app.test_client()
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        answer = client.get("/metrics", headers={"Authorization": "Bearer m-secret-123"})
        assert answer.status_code == 200
        assert "eteinen_oldest_unowned_referral_seconds" in answer.get_data(as_text=True)
    finally:
        app.extensions["eteinen.engine"].dispose()


def test_metrics_count_routes_and_referrals_but_never_their_text(
    demo_app: Flask, desk_token: str, caplog: pytest.LogCaptureFixture
) -> None:
    demo_app.config.update(LOG_FORMAT="json", METRICS_TOKEN="m-token")
    client = demo_app.test_client()
    auth = {"Authorization": f"Bearer {desk_token}"}
    scrape = {"Authorization": "Bearer m-token"}
    caplog.set_level(logging.INFO)
    before = _count(client.get("/metrics", headers=scrape).get_data(as_text=True))
    assert client.post("/api/v1/route", json={"question": SECRET_QUESTION}, headers=auth).status_code == 200
    opened = client.post(
        "/api/v1/referrals",
        json={"question": SECRET_QUESTION, "consent": True, "client_contact": SECRET_CONTACT, "municipality": "245"},
        headers=auth,
    )
    assert opened.status_code == 201, opened.get_json()
    text = client.get("/metrics", headers=scrape).get_data(as_text=True)
    assert _count(text) == before + 1  # the numbers are the process's: other tests' routes count too
    assert "eteinen_route_seconds_count" in text
    assert 'eteinen_referrals{state="open"}' in text or 'eteinen_referrals{state="offered"}' in text
    assert 'eteinen_webhook_messages{state="pending"}' in text
    for secret in ("Salainenkysymys", "Pikkuvarpunen", SECRET_CONTACT):
        assert secret.lower() not in text.lower()
        assert all(secret.lower() not in record.getMessage().lower() for record in caplog.records)
        assert all(secret.lower() not in JsonFormatter().format(r).lower() for r in caplog.records)


def _count(text: str) -> float:
    found = re.search(r'eteinen_request_seconds_count\{endpoint="api.route",method="POST",status="200"\} (\S+)', text)
    return float(found.group(1)) if found else 0.0


def test_json_log_lines_carry_the_request_id(app_config: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    app_config["LOG_FORMAT"] = "json"
    app = create_app(app_config)
    try:
        caplog.set_level(logging.INFO, logger="eteinen.access")
        answer = app.test_client().get("/api/v1/health?q=Pikkuvarpunen", headers={"X-Request-Id": "proxy-id-12345"})
        assert answer.headers["X-Request-Id"] == "proxy-id-12345"
        lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "eteinen.access"]
        assert lines and lines[-1]["request_id"] == "proxy-id-12345"
        assert lines[-1]["path"] == "/api/v1/health" and lines[-1]["status"] == 200
        assert "Pikkuvarpunen" not in json.dumps(lines)
        # a header that is no sensible id is replaced by a new one
        answer = app.test_client().get("/api/v1/health", headers={"X-Request-Id": "<script>"})
        assert len(answer.headers["X-Request-Id"]) == 32
    finally:
        app.extensions["eteinen.engine"].dispose()


def test_bad_log_format_is_named(app_config: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from routing.core.config import ConfigError

    monkeypatch.setenv("LOG_FORMAT", "xml")
    with pytest.raises(ConfigError, match="LOG_FORMAT must be text or json"):
        create_app(app_config)


@pytest.mark.parametrize("proxies", [0, 1])
def test_addresses_and_https_come_from_the_proxy_only_with_proxy_count(
    app_config: dict[str, Any], proxies: int
) -> None:
    app_config["PROXY_COUNT"] = proxies
    app = create_app(app_config)
    try:
        app.add_url_rule("/_seen", "seen", lambda: {"addr": request.remote_addr, "scheme": request.scheme})
        seen = (
            app.test_client()
            .get(
                "/_seen",
                headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
                environ_base={"REMOTE_ADDR": "10.0.0.2"},
            )
            .get_json()
        )
        if proxies:
            assert seen == {"addr": "203.0.113.9", "scheme": "https"}
        else:
            assert seen == {"addr": "10.0.0.2", "scheme": "http"}
    finally:
        app.extensions["eteinen.engine"].dispose()
