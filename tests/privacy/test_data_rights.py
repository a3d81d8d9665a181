"""Export, erasure and the access log: contents, roles, refusals, and nothing half done."""

from __future__ import annotations

import json
import logging

import pytest
from sqlmodel import col, func, select

import routing.privacy.operations as privacy
from routing.cli import cli
from routing.core import db
from routing.figures.compute import compute_figures, make_scope
from routing.privacy.models import AccessLog
from routing.referrals.models import Event, Note, Offer, Referral

from .conftest import CONTACT, QUESTION, Clients


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def fresh(app, referral_id: str) -> Referral:  # type: ignore[no-untyped-def]
    """The referral as stored now (a new session: nothing cached)."""
    with app.app_context(), db.new_session(read_only=True) as s:
        found = s.get(Referral, referral_id)
        assert found is not None
        return found


def rows(app, model, **where):  # type: ignore[no-untyped-def]
    """Stored rows in the order they were written (by primary key)."""
    with app.app_context(), db.new_session(read_only=True) as s:
        query = select(model).order_by(*model.__table__.primary_key.columns)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return list(s.exec(query))


# --- export ---------------------------------------------------------------------


def test_export_gives_everything_stored_and_is_logged(client, app, clients: Clients) -> None:
    ref = clients.refs["closed"]
    response = client.get(f"/api/v1/referrals/{ref.id}/export", headers=auth(clients.tokens["coordinator"]))
    assert response.status_code == 200
    data = response.json
    assert data["referral"]["question"] == QUESTION
    assert data["referral"]["client_contact"] == CONTACT
    assert data["referral"]["age"] == 24 and data["referral"]["municipality"] == "245"
    assert data["referral"]["route_result"]["needs"][0]["evidence"] == ["työnhakuun"]
    # accepting made the receiver its holder
    assert data["referral"]["holder"] == {"id": clients.receiver.id, "name": "TE-palvelut"}
    assert data["referral"]["front_door"] == {"id": clients.holder.id, "name": "Ohjaamo Kerava"}
    assert data["referral"]["owner"]["email"] == "anna@te.example.fi"
    assert data["needs"] == [{"need": "employment", "unmet": False}]
    assert [n["text"] for n in data["notes"]] == ["Matti tuli käymään, CV tehty"]
    assert [(o["state"], o["reason"], o["note"]) for o in data["offers"]] == [
        ("declined", "no-capacity", "Matti soitti"),
        ("accepted", None, None),
    ]
    assert data["offers"][1]["organization"] == {"id": clients.receiver.id, "name": "TE-palvelut"}
    assert [e["kind"] for e in data["events"]] == [
        "opened",
        "offered",
        "declined",
        "offered",
        "accepted",
        "note",
        "closed",
    ]
    # the earlier read, and this export itself
    assert [(a["how"], a["what"]) for a in data["access_log"]] == [("page", "referral"), ("export", "api")]
    assert data["access_log"][1]["user"]["email"] == "coordinator@example.fi"
    logged = rows(app, AccessLog, referral_id=ref.id, how="export")
    assert [(a.user_id, a.what) for a in logged] == [(clients.users["coordinator"].id, "api")]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("holder-admin", 200),  # the holder's org-admin
        ("coordinator", 200),
        ("admin", 200),
        ("receiver-admin", 404),  # another organisation's referral: as if it did not exist
        ("other-admin", 404),
        ("front-desk", 403),
        ("counsellor", 403),
    ],
)
def test_who_may_use_the_data_rights(client, clients: Clients, who: str, status: int) -> None:
    ref = clients.refs["open"]
    headers = auth(clients.tokens[who])
    assert client.get(f"/api/v1/referrals/{ref.id}/export", headers=headers).status_code == status
    assert client.get(f"/api/v1/referrals/{ref.id}/access-log", headers=headers).status_code == status
    erase = client.post(f"/api/v1/referrals/{ref.id}/erase", headers=headers, json={"force": True, "reason": "test"})
    assert erase.status_code == status


def test_unknown_referral_is_404(client, clients: Clients) -> None:
    for path in ("export", "access-log"):
        response = client.get(f"/api/v1/referrals/nope/{path}", headers=auth(clients.tokens["coordinator"]))
        assert response.status_code == 404
        assert response.json["error"]["message"] == "no referral nope"
    assert client.post("/api/v1/referrals/nope/erase", headers=auth(clients.tokens["coordinator"])).status_code == 404
    assert client.get(f"/api/v1/referrals/{clients.refs['open'].id}/export").status_code == 401


def test_export_at_the_command_line(runner, app, clients: Clients) -> None:
    ref = clients.refs["closed"]
    result = runner.invoke(cli, ["client", "export", "--referral", ref.id])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["referral"]["question"] == QUESTION
    assert data["access_log"][-1] == {"at": data["access_log"][-1]["at"], "user": None, "how": "export", "what": "cli"}
    unknown = runner.invoke(cli, ["client", "export", "--referral", "nope"])
    assert unknown.exit_code == 2 and "no referral nope" in unknown.output


# --- erasure --------------------------------------------------------------------


def test_erase_keeps_only_anonymous_statistics(client, app, clients: Clients) -> None:
    ref = clients.refs["closed"]
    with app.app_context(), db.new_session(read_only=True) as s:
        scope = make_scope("2025-01-01", "2025-12-31")
        before = compute_figures(s, scope)
    events_before = [(e.kind, e.from_state, e.to_state, e.reason) for e in rows(app, Event, referral_id=ref.id)]
    owned_at = fresh(app, ref.id).owned_at

    response = client.post(f"/api/v1/referrals/{ref.id}/erase", headers=auth(clients.tokens["receiver-admin"]))
    assert response.status_code == 200
    assert response.json["id"] == ref.id and response.json["question"] is None and response.json["erased_at"]

    stored = fresh(app, ref.id)
    assert (stored.question, stored.client_contact, stored.age) == (None, None, None)
    assert stored.route_result == {"needs": [{"code": "employment"}]}
    assert stored.erased_at is not None
    assert (stored.state, stored.outcome, stored.municipality) == ("closed", "served", "245")
    assert stored.owned_at == owned_at is not None
    assert [n.text for n in rows(app, Note, referral_id=ref.id)] == [None]
    assert [o.note for o in rows(app, Offer, referral_id=ref.id)] == [None, None]
    assert sorted(o.reason or "" for o in rows(app, Offer, referral_id=ref.id)) == ["", "no-capacity"]
    events = [(e.kind, e.from_state, e.to_state, e.reason) for e in rows(app, Event, referral_id=ref.id)]
    assert events == [*events_before, ("erased", "closed", "closed", "client-request")]
    erased = rows(app, Event, referral_id=ref.id, kind="erased")[0]
    assert erased.actor_id == clients.users["receiver-admin"].id

    # the figures still count it
    with app.app_context(), db.new_session(read_only=True) as s:
        after = compute_figures(s, make_scope("2025-01-01", "2025-12-31"))
    assert after == before

    # the export of an erased referral answers with what remains
    export = client.get(f"/api/v1/referrals/{ref.id}/export", headers=auth(clients.tokens["coordinator"])).json
    assert export["referral"]["question"] is None and export["referral"]["erased_at"]
    assert export["notes"][0]["text"] is None
    assert "Matti" not in json.dumps(export)


def test_erasing_twice_is_a_conflict(client, clients: Clients) -> None:
    ref = clients.refs["accepted"]
    headers = auth(clients.tokens["coordinator"])
    assert client.post(f"/api/v1/referrals/{ref.id}/erase", headers=headers).status_code == 200
    again = client.post(f"/api/v1/referrals/{ref.id}/erase", headers=headers)
    assert again.status_code == 409
    assert "already erased" in again.json["error"]["message"]


@pytest.mark.parametrize("state", ["open", "offered"])
def test_open_and_offered_need_force_and_a_reason(client, app, clients: Clients, state: str, caplog) -> None:
    ref = clients.refs[state]
    headers = auth(clients.tokens["holder-admin"])
    refused = client.post(f"/api/v1/referrals/{ref.id}/erase", headers=headers)
    assert refused.status_code == 409
    assert f"is {state}" in refused.json["error"]["message"]
    no_reason = client.post(f"/api/v1/referrals/{ref.id}/erase", headers=headers, json={"force": True})
    assert no_reason.status_code == 400 and "reason" in no_reason.json["error"]["message"]
    assert fresh(app, ref.id).question == QUESTION

    with caplog.at_level(logging.INFO, logger="routing.privacy.operations"):
        forced = client.post(
            f"/api/v1/referrals/{ref.id}/erase", headers=headers, json={"force": True, "reason": "asiakkaan pyyntö"}
        )
    assert forced.status_code == 200
    erased = fresh(app, ref.id)
    assert erased.question is None
    # it leaves the queues: closed as withdrawn by the client, its pending offers withdrawn
    assert (erased.state, erased.outcome) == ("closed", "client-withdrew")
    assert all(o.state != "pending" for o in rows(app, Offer, referral_id=ref.id))
    assert [e.kind for e in rows(app, Event, referral_id=ref.id)][-2:] == ["closed", "erased"]
    assert rows(app, Event, referral_id=ref.id, kind="erased")[0].reason == "forced: asiakkaan pyyntö"
    assert "forced erasure of referral" in caplog.text and "asiakkaan pyyntö" in caplog.text
    assert QUESTION not in caplog.text


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"force": "yes", "reason": "x"}, "force must be true or false"),
        ({"force": True, "reason": 5}, "reason must be text"),
        ({"force": True, "reason": "x" * 501}, "at most 500"),
        ({"forse": True}, "unknown field 'forse'"),
    ],
)
def test_erase_bad_body(client, app, clients: Clients, body: dict[str, object], words: str) -> None:
    ref = clients.refs["open"]
    response = client.post(f"/api/v1/referrals/{ref.id}/erase", headers=auth(clients.tokens["coordinator"]), json=body)
    assert response.status_code == 400
    assert words in response.json["error"]["message"]
    assert fresh(app, ref.id).question == QUESTION


def test_an_erasure_that_fails_midway_leaves_the_referral_as_it_was(app, clients: Clients, monkeypatch) -> None:
    ref = clients.refs["closed"]

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the disk is full")

    # fails after the referral, its notes and offers were changed and flushed, before the event
    monkeypatch.setattr(privacy, "record", broken)
    with app.app_context(), pytest.raises(RuntimeError), db.transaction() as s:
        privacy.erase(s, privacy.referral_for(s, ref.id, None, lock=True), None)

    stored = fresh(app, ref.id)
    assert (stored.question, stored.client_contact, stored.age, stored.erased_at) == (QUESTION, CONTACT, 24, None)
    assert [n.text for n in rows(app, Note, referral_id=ref.id)] == ["Matti tuli käymään, CV tehty"]
    assert sorted(o.note or "" for o in rows(app, Offer, referral_id=ref.id)) == ["", "Matti soitti"]
    assert rows(app, Event, referral_id=ref.id, kind="erased") == []


def test_erase_at_the_command_line(runner, app, clients: Clients) -> None:
    open_ref, closed = clients.refs["open"], clients.refs["closed"]
    refused = runner.invoke(cli, ["client", "erase", "--referral", open_ref.id])
    assert refused.exit_code == 1 and "is open" in refused.output
    no_reason = runner.invoke(cli, ["client", "erase", "--referral", open_ref.id, "--force"])
    assert no_reason.exit_code == 2 and "reason" in no_reason.output
    forced = runner.invoke(cli, ["client", "erase", "--referral", open_ref.id, "--force", "--reason", "pyyntö"])
    assert forced.exit_code == 0, forced.output
    assert fresh(app, open_ref.id).question is None

    done = runner.invoke(cli, ["client", "erase", "--referral", closed.id])
    assert done.exit_code == 0 and "erased" in done.output
    twice = runner.invoke(cli, ["client", "erase", "--referral", closed.id])
    assert twice.exit_code == 1 and "already erased" in twice.output
    assert runner.invoke(cli, ["client", "erase", "--referral", "nope"]).exit_code == 2
    assert rows(app, Event, referral_id=closed.id, kind="erased")[0].actor_id is None


# --- the access log ------------------------------------------------------------------


def test_access_log_api_and_command(client, runner, clients: Clients) -> None:
    ref = clients.refs["closed"]
    client.get(f"/api/v1/referrals/{ref.id}/export", headers=auth(clients.tokens["receiver-admin"]))
    response = client.get(f"/api/v1/referrals/{ref.id}/access-log", headers=auth(clients.tokens["receiver-admin"]))
    assert response.status_code == 200
    entries = response.json["entries"]
    assert [(e["user"]["email"], e["how"], e["what"]) for e in entries] == [
        ("anna@te.example.fi", "page", "referral"),
        ("receiver-admin@example.fi", "export", "api"),
    ]
    assert entries[0]["user"]["organization_name"] == "TE-palvelut"

    result = runner.invoke(cli, ["access-log", "--referral", ref.id])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert "anna@te.example.fi (TE-palvelut)  page  referral" in lines[0]
    assert "receiver-admin@example.fi (TE-palvelut)  export  api" in lines[1]
    assert runner.invoke(cli, ["access-log", "--referral", "nope"]).exit_code == 2
    # reading the access log is not a read of the client's data
    with_count = client.get(f"/api/v1/referrals/{ref.id}/access-log", headers=auth(clients.tokens["coordinator"]))
    assert len(with_count.json["entries"]) == 2


def test_export_counts_reads_only_for_its_referral(app, client, clients: Clients) -> None:
    client.get(f"/api/v1/referrals/{clients.refs['open'].id}/export", headers=auth(clients.tokens["coordinator"]))
    with app.app_context(), db.new_session(read_only=True) as s:
        per_referral = dict(
            s.exec(select(AccessLog.referral_id, func.count()).group_by(col(AccessLog.referral_id))).all()
        )
    assert per_referral == {clients.refs["closed"].id: 1, clients.refs["open"].id: 1}
