"""The directory page, and HSDS uploads: the zip unpacked safely, the import's progress and problems."""

from __future__ import annotations

import csv
import io
import shutil
import stat
import time
import zipfile
from pathlib import Path

import pytest
from sqlmodel import select

import routing.directory.uploads as imports
from routing.directory.models import Organization, Service
from routing.directory.uploads import UploadError, unpack_zip

from .conftest import csrf_token, login


def _zip(members: dict[str, bytes | str], *, links: tuple[str, ...] = ()) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, content)
    buffer.seek(0)
    return buffer


def _demo_directory() -> Path:
    from routing.demo.network import DIRECTORY

    return Path(DIRECTORY)


def _zip_folder(folder: Path, prefix: str = "") -> io.BytesIO:
    return _zip({prefix + p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()})


# --- unpacking ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "links", "message"),
    [
        ({"../evil.csv": "x"}, (), "outside its folder"),
        ({"hsds/../../evil.csv": "x"}, (), "outside its folder"),
        ({"/etc/evil.csv": "x"}, (), "outside its folder"),
        ({"C:/evil.csv": "x"}, (), "outside its folder"),
        ({"..\\evil.csv": "x"}, (), "outside its folder"),
        ({"services.csv": "/etc/passwd"}, ("services.csv",), "link"),
        ({"README.md": "hello"}, (), "no .csv or .json"),
        ({"a/services.csv": "x", "b/organizations.csv": "y"}, (), "several folders"),
    ],
)
def test_unsafe_or_unusable_zips_are_refused(tmp_path: Path, members, links, message) -> None:
    with pytest.raises(UploadError, match=message):
        unpack_zip(_zip(members, links=links), tmp_path / "out")
    assert not any(p.is_file() and p.name == "evil.csv" for p in tmp_path.rglob("*"))
    assert not (tmp_path.parent / "evil.csv").exists()


def test_not_a_zip(tmp_path: Path) -> None:
    with pytest.raises(UploadError, match="not a zip"):
        unpack_zip(io.BytesIO(b"organizations.csv,plain text"), tmp_path)


def test_a_zip_bomb_stops_at_the_limit_counted_while_reading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 1_000_000)
    bomb = _zip({"services.csv": b"0" * 5_000_000})  # a few kB packed
    assert len(bomb.getvalue()) < 50_000
    with pytest.raises(UploadError, match="more than"):
        unpack_zip(bomb, tmp_path)


def test_too_many_members(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(imports, "MAX_MEMBERS", 3)
    with pytest.raises(UploadError, match="at most 3"):
        unpack_zip(_zip({f"f{i}.csv": "x" for i in range(4)}), tmp_path)


def test_the_folder_inside_the_zip_is_found_and_clutter_skipped(tmp_path: Path) -> None:
    unpacked = unpack_zip(
        _zip(
            {
                "export/datapackage.json": "{}",
                "export/services.csv": "id\n",
                "__MACOSX/export/._services.csv": "junk",
                "export/notes.txt": "hello",
            }
        ),
        tmp_path,
    )
    assert unpacked.path == tmp_path / "export"
    assert sorted(p.name for p in unpacked.path.iterdir()) == ["datapackage.json", "services.csv"]
    assert sorted(unpacked.skipped) == ["__MACOSX/export/._services.csv", "export/notes.txt"]


def test_a_single_json_file_is_the_json_form(tmp_path: Path) -> None:
    unpacked = unpack_zip(_zip({"directory.json": "[]"}), tmp_path)
    assert unpacked.path == tmp_path / "directory.json"


# --- the pages ----------------------------------------------------------------------


def _coordinator_in_demo_org(store) -> str:
    """A coordinator of the demo directory's first organisation (so the import keeps it)."""
    import routing.accounts.auth as auth

    with open(_demo_directory() / "organizations.csv", encoding="utf-8") as fh:
        first = next(csv.DictReader(fh))
    store.add(Organization(id=first["id"], name=first["name"]))
    store.commit()
    user = auth.add_user(store, "coord@demo.fi", first["id"], "coordinator", "correct horse battery")
    auth.add_user(store, "desk@demo.fi", first["id"], "front-desk", "correct horse battery")
    store.commit()
    return user.email


def _wait(client, location: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = client.get(location)
        assert page.status_code == 200
        if 'http-equiv="refresh"' not in page.text:
            return page.text
        assert "<progress" in page.text
        time.sleep(0.2)
    raise AssertionError("the import did not finish")


def test_upload_imports_the_directory_with_progress(client, store) -> None:
    login(client, _coordinator_in_demo_org(store), password="correct horse battery")
    token = csrf_token(client, "/directory")
    response = client.post(
        "/directory/import",
        data={"csrf_token": token, "archive": (_zip_folder(_demo_directory(), "demo/"), "demo.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    done = _wait(client, response.headers["Location"])
    assert "Hakemisto tuotiin" in done
    services = store.exec(select(Service)).all()
    assert len(services) > 5
    listing = client.get("/directory").text
    assert services[0].name.split("–")[0].strip() in listing
    assert "Kerava" in listing  # areas by name, not code


def test_upload_with_problems_lists_them_located_and_imports_nothing(client, store, tmp_path: Path) -> None:
    login(client, _coordinator_in_demo_org(store), password="correct horse battery")
    broken = tmp_path / "broken"
    shutil.copytree(_demo_directory(), broken)
    services = (broken / "services.csv").read_text(encoding="utf-8").splitlines()
    services[2] = services[2].replace(",15,29", ",fifteen,29")
    (broken / "services.csv").write_text("\n".join(services) + "\n", encoding="utf-8")
    token = csrf_token(client, "/directory")
    response = client.post(
        "/directory/import",
        data={"csrf_token": token, "archive": (_zip_folder(broken), "broken.zip")},
        content_type="multipart/form-data",
    )
    page = _wait(client, response.headers["Location"])
    assert "services.csv:3: minimum_age" in page
    assert store.exec(select(Service)).all() == []


def test_upload_of_an_unsafe_zip_is_refused_on_the_form(client, store) -> None:
    login(client, _coordinator_in_demo_org(store), password="correct horse battery")
    token = csrf_token(client, "/directory")
    response = client.post(
        "/directory/import",
        data={"csrf_token": token, "archive": (_zip({"../x.csv": "a"}), "evil.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "polku kansionsa ulkopuolelle" in response.text  # in the page's language
    wrong_type = client.post(
        "/directory/import",
        data={"csrf_token": token, "archive": (io.BytesIO(b"x"), "directory.tar")},
        content_type="multipart/form-data",
    )
    assert wrong_type.status_code == 400


def test_only_coordinators_upload(client, store) -> None:
    _coordinator_in_demo_org(store)
    login(client, "desk@demo.fi", password="correct horse battery")
    page = client.get("/directory").text
    assert 'enctype="multipart/form-data"' not in page
    token = csrf_token(client, "/directory")
    response = client.post(
        "/directory/import",
        data={"csrf_token": token, "archive": (_zip({"a.csv": "x"}), "a.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
    assert client.get("/directory/import/abc").status_code == 403


def test_unknown_import_job_is_404(client, store) -> None:
    login(client, _coordinator_in_demo_org(store), password="correct horse battery")
    assert client.get("/directory/import/nosuchjob").status_code == 404
    assert client.get("/directory/import/..%2F..%2Fsecret_key").status_code == 404


def test_directory_lists_services_with_their_facts_and_filters(client, store, network) -> None:
    login(client, "desk@door.fi")
    page = client.get("/directory").text
    assert "Ohjaamon ohjaus" in page and "15–29 v" in page
    assert "Suljettu palvelu" in page and "tilapäisesti suljettu" in page
    filtered = client.get("/directory?search=ohjaamon").text
    assert "Ohjaamon ohjaus" in filtered and "Suljettu palvelu" not in filtered
    unknown = client.get("/directory?municipality=Atlantis")
    assert unknown.status_code == 200 and 'aria-invalid="true"' in unknown.text
