"""Webhook endpoints of the caller's organisation (org-admin only) and their deliveries."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify

from routing.api.blueprint import abort, bp, json_body
from routing.api.paging import page_args
from routing.api.tokens import current_user, token_required
from routing.core import db
from routing.outbox.endpoints import (
    Delivery,
    EndpointConflict,
    EndpointError,
    create_endpoint,
    delete_endpoint,
    deliveries_of,
    disable_endpoint,
    endpoints_of,
    replay,
)
from routing.outbox.models import WebhookEndpoint

ADMIN = "org-admin"


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat().replace("+00:00", "Z"))


def _public(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "events": endpoint.events,
        "active": endpoint.active,
        "disabled_reason": endpoint.disabled_reason,
        "created_at": _iso(endpoint.created_at),
    }


def _delivery(item: Delivery) -> dict[str, Any]:
    m = item.message
    return {
        "id": m.id,
        "webhook_id": m.msg_id,
        "event_type": m.event_type,
        "referral_id": m.referral_id,
        "state": m.state,
        "attempt_count": m.attempts,
        "next_attempt_at": _iso(m.next_attempt_at) if m.state == "pending" else None,
        "created_at": _iso(m.created_at),
        "delivered_at": _iso(m.delivered_at),
        "attempts": [
            {
                "id": a.id,
                "at": _iso(a.at),
                "ok": a.ok,
                "status_code": a.status_code,
                "duration_ms": a.duration_ms,
                "error": a.error,
            }
            for a in item.attempts
        ],
    }


def _own_endpoint(endpoint_id: str, *, read_only: bool = False) -> WebhookEndpoint:
    endpoint = (db.read_session() if read_only else db.session()).get(WebhookEndpoint, endpoint_id)
    # another organisation's endpoint is as invisible as one that does not exist
    if endpoint is None or endpoint.organization_id != current_user().organization_id:
        abort(404, f"no webhook endpoint {endpoint_id}")
    return endpoint


@bp.post("/webhooks")
@token_required(ADMIN)
def webhook_create() -> tuple[Response, int]:
    body = json_body()
    user = current_user()
    s = db.session()
    try:
        endpoint = create_endpoint(
            s,
            user.organization_id,
            body.get("url"),
            body.get("events"),
            created_by_id=user.id,
            allow_private=bool(current_app.config["WEBHOOK_ALLOW_PRIVATE"]),
        )
    except EndpointError as exc:
        abort(400, str(exc))
    s.commit()
    # the secret is shown here once; lists never show it
    return jsonify({**_public(endpoint), "secret": endpoint.secret}), 201


@bp.get("/webhooks")
@token_required(ADMIN)
def webhook_list() -> Response:
    items = endpoints_of(db.read_session(), current_user().organization_id)
    return jsonify({"webhooks": [_public(e) for e in items]})


@bp.post("/webhooks/<endpoint_id>/disable")
@token_required(ADMIN)
def webhook_disable(endpoint_id: str) -> Response:
    endpoint = _own_endpoint(endpoint_id)
    if endpoint.active:
        disable_endpoint(db.session(), endpoint, f"disabled by {current_user().email}")
        db.session().commit()
    return jsonify(_public(endpoint))


@bp.delete("/webhooks/<endpoint_id>")
@token_required(ADMIN)
def webhook_delete(endpoint_id: str) -> tuple[str, int]:
    endpoint = _own_endpoint(endpoint_id)
    delete_endpoint(db.session(), endpoint)
    db.session().commit()
    return "", 204


@bp.get("/webhooks/<endpoint_id>/deliveries")
@token_required(ADMIN)
def webhook_deliveries(endpoint_id: str) -> Response:
    endpoint = _own_endpoint(endpoint_id, read_only=True)
    page, per_page = page_args()
    total, items = deliveries_of(db.read_session(), endpoint, page=page, per_page=per_page)
    return jsonify(
        {
            "total_items": total,
            "page_number": page,
            "size": len(items),
            "deliveries": [_delivery(item) for item in items],
        }
    )


@bp.post("/webhooks/<endpoint_id>/deliveries/<int:delivery_id>/retry")
@token_required(ADMIN)
def webhook_retry(endpoint_id: str, delivery_id: int) -> tuple[Response, int]:
    endpoint = _own_endpoint(endpoint_id)
    s = db.session()
    try:
        message = replay(s, endpoint, delivery_id)
    except EndpointConflict as exc:
        abort(409, str(exc))
    if message is None:
        abort(404, f"no delivery {delivery_id} for this endpoint")
    s.commit()
    return jsonify(_delivery(Delivery(message, []))), 202
