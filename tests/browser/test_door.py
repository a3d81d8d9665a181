"""The client's door in a real browser: the axe checks of its pages in fi/sv/en at desktop and phone width,
and the walk of issue 15 ("Done when"): a client writes in, a ring counsellor takes the case and asks, the
client answers with a PDF, reads who read the case, downloads their data and withdraws; then the staff page
shows nothing of it and the file is gone from disk. Once more signed in through a real OpenID provider."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlmodel import Session, select

from routing.referrals.models import Attachment, Referral

from ..smtp_sink import smtp_server  # noqa: F401  (a fixture)
from .conftest import check_basics, log_in, shot

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RING = "Uudenmaan opinto-ohjausrengas"
QUESTION_SV = "Jag vill byta yrke och studera till elektriker, men vet inte var jag ska börja."


@pytest.fixture
def app_config(app_config: dict[str, Any], smtp_server) -> dict[str, Any]:  # noqa: F811
    url, _sink = smtp_server
    return {
        **app_config,
        "CLIENT_DOOR_ORG": "Opin ovi Uusimaa",
        "CLIENT_DOOR_RING": RING,
        "SMTP_URL": url,
    }


def _write_in(page: Any, base: str, lang: str, email: str | None = None, question: str = QUESTION_SV) -> str:
    page.goto(f"{base}/client/new?lang={lang}")
    page.fill("#question", question)
    page.select_option("#language", "sv" if lang == "sv" else "fi")
    if email:
        page.fill("#contact_email", email)
    page.check("#consent")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/client/c/**")
    return str(page.url)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("width", [1200, 375])
def test_the_door_pages_have_no_serious_accessibility_finding(demo, new_page, axe, lang: str, width: int) -> None:
    page = new_page(width=width)
    page.goto(f"{demo.url}/client/?lang={lang}")
    check_basics(page)
    axe(page)
    page.goto(f"{demo.url}/client/new?lang={lang}")
    check_basics(page)
    axe(page)
    page.click("form.card button[type=submit]")  # empty: the errors as they are shown
    check_basics(page)
    axe(page)
    shot(page, f"door-new-errors-{lang}-{width}", full_page=True)
    private = _write_in(page, demo.url, lang, "axe@example.fi")
    page.fill("#body", "Ett meddelande")
    page.set_input_files("#files", files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.click("#thread form button[type=submit]")
    page.wait_for_selector("#thread [role=status]")  # "sent", said where the reader is
    assert "cv.pdf" in page.content()
    check_basics(page)
    axe(page)
    shot(page, f"door-case-{lang}-{width}", full_page=True)
    page.goto(private + "/withdraw")
    check_basics(page)
    axe(page)
    page.goto(f"{demo.url}/?lang={lang}")
    axe(page)
    shot(page, f"door-start-page-{lang}-{width}")


def _disk_path(app: Any, stored_name: str) -> Path:
    from routing.referrals.attachments import path_of

    with app.app_context():
        return path_of(stored_name)


def test_the_whole_walk(app, demo, new_page, axe, engine, smtp_server, tmp_path: Path) -> None:  # noqa: F811
    _url, sink = smtp_server
    client = new_page(locale="sv-FI")
    private = _write_in(client, demo.url, "sv", "kund@example.fi")
    shot(client, "door-walk-1-written-in-sv")
    assert "Mottaget" in client.content()
    (mail,) = sink.to("kund@example.fi")
    # the link in the mail starts with BASE_URL (the live server's port is another): the path is the page's
    assert urlsplit(private).path in mail.get_content() and "elektriker" not in mail.get_content() + mail["Subject"]
    with Session(engine) as s:
        referral = s.exec(select(Referral)).one()
        code = referral.code
    assert code and code in client.content()

    # a counsellor of the ring takes it on /ring and asks
    staff = new_page()
    log_in(staff, demo.url, "ohjaus@keuda.example.fi", "demo-keuda-2026")
    staff.goto(f"{demo.url}/ring")
    case = staff.locator("article.offer", has_text=code)
    assert "verkossa" in case.inner_text()  # marked with its channel
    case.locator("button[type=submit]").click()
    staff.wait_for_url(f"**/referrals/{referral.id}")
    staff.fill("#reply-body", "Hej! Har du gymnasieexamen eller yrkesexamen?")
    staff.click("#thread form button[type=submit]")
    staff.wait_for_url("**#thread")
    axe(staff)
    shot(staff, "door-walk-2-staff-thread", full_page=True)
    assert len(sink.to("kund@example.fi")) == 2  # "you have a new message"

    # the client sees who took it and answers with a PDF
    client.goto(private)
    text = client.content()
    assert "Olli" in text and "Keuda" in text and "ohjaus@keuda.example.fi" not in text
    pdf = tmp_path / "betyg.pdf"
    pdf.write_bytes(PDF)
    client.fill("#body", "Jag har gymnasiet, betyget bifogat.")
    client.set_input_files("#files", str(pdf))
    client.click("#thread form button[type=submit]")
    client.wait_for_selector("#thread [role=status]")
    assert "betyg.pdf" in client.content()
    # who read it: the counsellor's organisation and role, never their address
    reads = client.locator("table").inner_text()
    assert "Keuda" in reads and "ohjaus@keuda" not in reads
    shot(client, "door-walk-3-client-answered", full_page=True)
    (told,) = sink.to("ohjaus@keuda.example.fi")
    assert code in told["Subject"] and "gymnasiet" not in told.get_content()

    with client.expect_download() as got:
        client.click("a[href$='/export']")
    archive = zipfile.ZipFile(io.BytesIO(Path(got.value.path()).read_bytes()))
    data = json.loads(archive.read("case.json"))
    assert data["referral"]["question"] == QUESTION_SV
    assert [m["author"] for m in data["messages"]] == ["staff", "client"]
    assert any(n.endswith("betyg.pdf") for n in archive.namelist())
    with Session(engine) as s:
        stored = s.exec(select(Attachment)).one().stored_name
    on_disk = _disk_path(app, stored)
    assert on_disk.read_bytes() == PDF

    # and withdraws, after the confirmation step
    client.click("a[href$='/withdraw']")
    client.check("#sure")
    client.click("form.card button[type=submit]")
    client.wait_for_load_state()
    assert code in client.content()
    shot(client, "door-walk-4-withdrawn")
    assert not on_disk.exists()
    staff.goto(f"{demo.url}/referrals/{referral.id}")
    page_text = staff.content()
    assert "elektriker" not in page_text and "gymnasieexamen" not in page_text and "betyg.pdf" not in page_text
    client.goto(private)
    assert "404" in client.title() or client.locator("h1").inner_text() != ""
    assert client.evaluate("document.title") and "elektriker" not in client.content()


# --- the same walk signed in through a real OpenID provider, strong identification required -------


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    mock = pytest.importorskip("oidc_provider_mock")
    with mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def strong(app_config: dict[str, Any], provider: str) -> dict[str, Any]:
    app_config.update(
        CLIENT_OIDC_ISSUER=provider,
        CLIENT_OIDC_CLIENT_ID="eteinen-door",
        CLIENT_OIDC_CLIENT_SECRET="door-secret",
        CLIENT_DOOR_REQUIRE_STRONG_ID=True,
    )
    return app_config


def _sign_in_at_provider(page: Any, sub: str) -> None:
    page.wait_for_url("**/oauth2/authorize**")
    page.fill("input[name=sub]", sub)
    page.click("button[type=submit]:not([name=action])")


def test_the_walk_signed_in_with_strong_identification(strong, app, demo, new_page, axe, engine) -> None:
    client = new_page(locale="sv-FI")
    private = _write_in(client, demo.url, "sv")
    assert client.locator("#thread").count() == 0  # the link alone shows the state
    client.click("a[href*='/client/signin']")
    _sign_in_at_provider(client, "010199-123N")
    client.wait_for_url(private)
    assert client.locator("#thread").count() == 1
    axe(client)
    shot(client, "door-strong-1-signed-in")
    with Session(engine) as s:
        referral = s.exec(select(Referral)).one()

    staff = new_page()
    log_in(staff, demo.url, "ohjaus@keuda.example.fi", "demo-keuda-2026")
    staff.goto(f"{demo.url}/ring")
    staff.locator("article.offer", has_text=referral.code).locator("button[type=submit]").click()
    staff.wait_for_url(f"**/referrals/{referral.id}")
    staff.fill("#reply-body", "Hej! Vad har du studerat tidigare?")
    staff.click("#thread form button[type=submit]")
    staff.wait_for_url("**#thread")

    # the signed-in client finds the case among their own, by its code
    client.goto(f"{demo.url}/client/?lang=sv")
    client.click(f"a[href$='/client/c/{referral.code}']")
    assert "Vad har du studerat tidigare?" in client.content()
    client.fill("#body", "Gymnasiet.")
    client.set_input_files("#files", files=[{"name": "betyg.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    client.click("#thread form button[type=submit]")
    client.wait_for_selector("#thread [role=status]")
    with Session(engine) as s:
        stored = s.exec(select(Attachment)).one().stored_name
    on_disk = _disk_path(app, stored)
    assert on_disk.exists()
    with client.expect_download() as got:
        client.click("a[href$='/export']")
    assert zipfile.ZipFile(got.value.path()).namelist()
    client.click("a[href$='/withdraw']")
    client.check("#sure")
    client.click("form.card button[type=submit]")
    client.wait_for_load_state()
    assert not on_disk.exists()
    # someone with the link but another identity sees the state only (and now: nothing, the case is erased)
    other = new_page()
    assert other.goto(private).status == 404
    staff.goto(f"{demo.url}/referrals/{referral.id}")
    assert "Gymnasiet." not in staff.content() and "betyg.pdf" not in staff.content()
