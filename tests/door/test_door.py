"""The client's door over the test client: writing in, the private page, the thread both ways, files, rights."""

from __future__ import annotations

import io
import json
import zipfile

from flask.testing import FlaskClient
from sqlmodel import func, select

from routing.door.models import ClientKey
from routing.privacy.models import AccessLog
from routing.referrals.models import Attachment, Event, Message, Referral

from ..referrals.test_lifecycle import conforms
from ..web.conftest import login
from .conftest import csrf, write_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _open(client: FlaskClient, **fields) -> str:
    answer = write_in(client, **fields)
    assert answer.status_code == 303, answer.text
    return answer.headers["Location"]


def test_the_door_is_shut_without_its_settings(app, network) -> None:
    app.config["CLIENT_DOOR_RING"] = None
    assert app.test_client().get("/client/new").status_code == 404


def test_writing_in_opens_an_online_case_offered_to_the_ring(app, client, network, store, smtp_server) -> None:
    _url, sink = smtp_server
    page = _open(client, contact_email="matti@example.fi", language="sv")
    token = page.rsplit("/", 1)[1]
    assert len(token) >= 22
    referral = store.exec(select(Referral)).one()
    assert referral.channel == "online" and referral.state == "offered" and referral.holder_id == "door"
    assert referral.contact_user_id is None and referral.code and len(referral.code) == 9
    key = store.get(ClientKey, referral.id)
    assert key is not None and token not in key.token_digest and key.email == "matti@example.fi"
    shown = client.get(page)
    assert shown.status_code == 200 and referral.code in shown.text
    assert shown.headers["Cache-Control"] == "no-store"
    (mail,) = sink.to("matti@example.fi")
    assert referral.code in mail["Subject"] and "opiskelemaan" not in mail["Subject"]
    assert f"http://door.example/client/c/{token}" in mail.get_content()
    assert "opiskelemaan" not in mail.get_content()


def test_a_wrong_or_guessed_token_is_404(client, network) -> None:
    page = _open(client)
    assert client.get(page[:-2] + "xx").status_code == 404
    assert client.get("/client/c/" + "A" * 22).status_code == 404
    assert client.get("/client/c/short").status_code == 404


def test_without_consent_nothing_is_kept(client, network, store) -> None:
    answer = write_in(client, consent="")
    assert answer.status_code == 200
    assert store.exec(select(Referral)).all() == []


def test_bad_input_is_told_field_by_field(client, network, store) -> None:
    assert write_in(client, question="").status_code == 400
    assert write_in(client, question="x" * 4001).status_code == 400
    assert write_in(client, age="400").status_code == 400
    unknown = write_in(client, municipality="Atlantis")
    assert (unknown.status_code == 400 and "municipality" in unknown.text.lower()) or "kunta" in unknown.text.lower()
    assert write_in(client, website="http://spam.example").status_code == 400  # the honeypot
    no_csrf = client.post("/client/new", data={"question": "apua", "consent": "y"})
    assert no_csrf.status_code == 400
    assert store.exec(select(Referral)).all() == []


def test_five_cases_an_hour_per_address(client, network) -> None:
    for _ in range(5):
        _open(client)
    sixth = write_in(client)
    assert sixth.status_code == 429
    assert 0 < int(sixth.headers["Retry-After"]) <= 3600


def test_the_thread_both_ways_with_mails_and_webhook_events(app, client, network, store, smtp_server) -> None:
    _url, sink = smtp_server
    page = _open(client, contact_email="matti@example.fi")
    referral = store.exec(select(Referral)).one()
    # a counsellor of the ring takes it and writes through the API
    staff = app.test_client()
    login(staff, "anna@ohjaamo.fi")
    offer_id = store.exec(select(Event.offer_id).where(Event.kind == "offered")).one()
    taken = staff.post(f"/offers/{offer_id}/accept", data={"csrf_token": csrf(staff, "/ring")})
    assert taken.status_code == 302
    from routing.accounts.auth import create_token
    from routing.core import db

    with app.app_context(), db.transaction() as s:
        from ..web.conftest import user

        api_token = create_token(s, user(s, "anna@ohjaamo.fi"))
    auth = {"Authorization": f"Bearer {api_token}"}
    made = app.test_client().post(
        f"/api/v1/referrals/{referral.id}/messages", json={"body": "Mitä opiskelit aiemmin?"}, headers=auth
    )
    assert made.status_code == 201, made.text
    assert made.json["author"] == "staff" and made.json["staff"]["organisation"] == "Ohjaamo Kerava"
    mails = sink.to("matti@example.fi")
    assert len(mails) == 2 and "Mitä opiskelit" not in mails[-1].get_content()
    # the client reads it and answers with a PDF
    shown = client.get(page)
    assert "Mitä opiskelit aiemmin?" in shown.text and "Ohjaamo Kerava" in shown.text
    answer = client.post(
        page + "/messages",
        data={"body": "Lukion", "csrf_token": csrf(client, page), "files": (io.BytesIO(PDF), "todistus.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303, answer.text
    listed = app.test_client().get(f"/api/v1/referrals/{referral.id}/messages", headers=auth).json
    for shown in listed:
        conforms(shown, "Message")
    assert [m["author"] for m in listed] == ["staff", "client"]
    (pdf,) = listed[1]["attachments"]
    assert pdf["content_type"] == "application/pdf" and pdf["filename"] == "todistus.pdf"
    # the owner is told, without the words
    (told,) = sink.to("anna@ohjaamo.fi")
    assert referral.code in told["Subject"] and "Lukion" not in told.get_content()
    # the file comes back to both as a download only
    got = client.get(f"{page}/files/{pdf['id']}")
    assert got.data == PDF and got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["Content-Disposition"].startswith("attachment")
    reads = store.exec(select(func.count()).select_from(AccessLog).where(AccessLog.what == "file")).one()
    staff_got = staff.get(f"/referrals/{referral.id}/files/{pdf['id']}")
    assert staff_got.data == PDF
    # the counsellor's read of the client's file is in the case's access log (the client's own is not)
    store.expire_all()
    logged = store.exec(select(AccessLog).where(AccessLog.what == "file")).all()
    assert reads == 0 and [(a.how, a.referral_id) for a in logged] == [("page", referral.id)]
    kinds = [e.reason for e in store.exec(select(Event).where(Event.kind == "message").order_by(Event.id))]
    assert kinds == ["staff", "client"]


def test_a_file_that_is_not_pdf_png_or_jpeg_is_refused(client, network, store) -> None:
    page = _open(client)
    answer = client.post(
        page + "/messages",
        data={"body": "liite", "csrf_token": csrf(client, page), "files": (io.BytesIO(b"MZ\x90\x00exe"), "cv.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400
    assert store.exec(select(Message)).all() == []


def test_others_than_the_owner_get_404_for_the_thread(app, client, network, store) -> None:
    _open(client)
    referral = store.exec(select(Referral)).one()
    outsider = app.test_client()
    login(outsider, "far@far.fi")
    token = csrf(outsider, "/inbox")
    assert (
        outsider.post(f"/referrals/{referral.id}/messages", data={"body": "x", "csrf_token": token}).status_code == 404
    )


def test_export_who_read_and_withdrawal(app, client, network, store) -> None:
    page = _open(client, contact_email="matti@example.fi")
    referral = store.exec(select(Referral)).one()
    staff = app.test_client()
    login(staff, "anna@ohjaamo.fi")
    assert staff.get(f"/referrals/{referral.id}").status_code == 200  # a logged read
    client.post(
        page + "/messages",
        data={"body": "Liitteenä", "csrf_token": csrf(client, page), "files": (io.BytesIO(PDF), "cv.pdf")},
        content_type="multipart/form-data",
    )
    shown = client.get(page).text
    assert "Ohjaamo Kerava" in shown and "anna@ohjaamo.fi" not in shown
    download = client.get(page + "/export")
    assert download.headers["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(download.data))
    data = json.loads(archive.read("case.json"))
    assert data["referral"]["question"].startswith("Haluaisin") and data["messages"][0]["body"] == "Liitteenä"
    assert "anna@ohjaamo.fi" not in json.dumps(data)
    assert any(name.endswith("cv.pdf") for name in archive.namelist())
    stored = store.exec(select(Attachment)).one()
    from routing.referrals.attachments import path_of

    with app.app_context():
        on_disk = path_of(stored.stored_name)
    assert on_disk.exists()
    confirm = client.get(page + "/withdraw")
    assert confirm.status_code == 200
    not_sure = client.post(page + "/withdraw", data={"csrf_token": csrf(client, page + "/withdraw")})
    assert not_sure.status_code == 400
    gone = client.post(page + "/withdraw", data={"sure": "y", "csrf_token": csrf(client, page + "/withdraw")})
    assert gone.status_code == 200
    store.expire_all()
    after = store.get(Referral, referral.id)
    assert after is not None and after.question is None and after.client_contact is None
    assert after.state == "closed" and after.outcome == "client-withdrew"
    assert store.exec(select(Message)).all() == [] and store.exec(select(Attachment)).all() == []
    assert not on_disk.exists()
    assert client.get(page).status_code == 404  # the link is stale now: as any wrong one
    staff_page = staff.get(f"/referrals/{referral.id}").text
    assert "Haluaisin" not in staff_page and "Liitteenä" not in staff_page and "cv.pdf" not in staff_page


def test_the_staff_side_sees_channel_code_and_waiting_messages(app, client, network, store) -> None:
    page = _open(client)
    referral = store.exec(select(Referral)).one()
    from routing.accounts.auth import create_token
    from routing.core import db

    from ..web.conftest import user

    with app.app_context(), db.transaction() as s:
        api_token = create_token(s, user(s, "kalle@keuda.fi"))
    auth = {"Authorization": f"Bearer {api_token}"}
    ring = app.test_client().get("/api/v1/rings", headers=auth).json[0]["id"]
    queue = app.test_client().get(f"/api/v1/rings/{ring}/queue", headers=auth).json
    (item,) = queue["contents"]
    assert item["referral"]["channel"] == "online" and item["referral"]["code"] == referral.code
    staff = app.test_client()
    login(staff, "kalle@keuda.fi")
    ring_page = staff.get("/ring").text
    assert referral.code in ring_page
    staff.post(f"/offers/{item['id']}/accept", data={"csrf_token": csrf(staff, "/ring")})
    mine = app.test_client().get("/api/v1/inbox", headers=auth).json["my_cases"]
    (case,) = mine["contents"]
    assert case["channel"] == "online" and case["code"] == referral.code
    assert app.test_client().get(f"/api/v1/referrals/{referral.id}", headers=auth).json["code"] == referral.code
    client.post(page + "/messages", data={"body": "Hei?", "csrf_token": csrf(client, page)})
    inbox = staff.get("/inbox").text
    assert "New message from the client" in inbox or "Uusi viesti asiakkaalta" in inbox


def test_figures_count_online_cases(app, client, network) -> None:
    _open(client)
    result = app.test_cli_runner().invoke(args=["figures", "--from", "2020-01-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    by_channel = json.loads(result.output)["by_channel"]
    assert by_channel["online"] in (1, "<5") and by_channel["desk"] in (0, "<5")


def test_a_message_event_tells_webhooks_the_author_kind_only(app, client, network, store) -> None:
    from routing.outbox.models import OutboxMessage, WebhookEndpoint

    store.add(
        WebhookEndpoint(
            organization_id="door",
            url="http://127.0.0.1:9/hook",
            secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            events=["referral.message"],
        )
    )
    store.commit()
    page = _open(client)
    client.post(page + "/messages", data={"body": "Salainen viesti", "csrf_token": csrf(client, page)})
    (sent,) = store.exec(select(OutboxMessage)).all()
    assert sent.event_type == "referral.message"
    assert sent.payload["data"]["message"] == {"author": "client"}
    assert "Salainen" not in json.dumps(sent.payload)


def test_retention_deletes_the_thread_and_its_files(app, client, network, store) -> None:
    from datetime import timedelta

    from routing.core.clock import utcnow
    from routing.privacy.operations import run_retention
    from routing.referrals.attachments import path_of

    page = _open(client)
    client.post(
        page + "/messages",
        data={"body": "liite", "csrf_token": csrf(client, page), "files": (io.BytesIO(PDF), "a.pdf")},
        content_type="multipart/form-data",
    )
    referral = store.exec(select(Referral)).one()
    stored = store.exec(select(Attachment)).one()
    with app.app_context():
        on_disk = path_of(stored.stored_name)
        from routing.core import db

        with db.transaction() as s:
            row = s.get(Referral, referral.id)
            assert row is not None
            row.state, row.closed_at, row.outcome = "closed", utcnow() - timedelta(days=400), "served"
        run_retention(365)
    assert not on_disk.exists()
    store.expire_all()
    assert store.exec(select(Message)).all() == [] and store.exec(select(ClientKey)).all() == []
    assert client.get(page).status_code == 404


def test_the_start_page_shows_the_door(client, network) -> None:
    assert "/client/" in client.get("/").text
