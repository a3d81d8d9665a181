"""HSDS uploads from the directory page: a zip unpacked safely, imported in the background.

An import job lives in ``instance/imports/<job>/``: ``status.json`` says how
far it is (any worker process can read it, so the progress page works with
several gunicorn workers), the upload and its unpacked folder are removed
when the import ends. The import itself is the CLI's: ``routing.hsds.import_path``
in one transaction, all or nothing, with the same located problems.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import stat
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sqlalchemy import Engine

from routing.core import db
from routing.core.errors import BadInput
from routing.core.texts import N_, Words, words

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # the zip as sent
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # all members unpacked: a zip bomb stops here
MAX_MEMBERS = 200
KEEP_JOBS_SECONDS = 7 * 24 * 3600
_CHUNK = 1024 * 1024

log = logging.getLogger(__name__)


class UploadError(BadInput):
    """The upload cannot be used; the message says why (shown to the coordinator in the page's language)."""

    def __init__(self, message: Words) -> None:
        super().__init__(str(message))
        self.words = message


@dataclass
class Unpacked:
    path: Path  # the HSDS folder (or single JSON file) to import
    skipped: list[str]  # members left out: not .csv or .json, or system clutter


def _member_path(name: str) -> PurePosixPath:
    """The member's relative path, or an UploadError for one that could escape the folder."""
    cleaned = name.replace("\\", "/")
    path = PurePosixPath(cleaned)
    if cleaned.startswith("/") or (len(cleaned) > 1 and cleaned[1] == ":") or ".." in path.parts:
        raise UploadError(words(N_("the zip holds a path outside its folder: %(name)s"), name=repr(name)))
    return path


def unpack_zip(source: IO[bytes] | Path, dest: Path) -> Unpacked:
    """Unpack the .csv and .json members of an HSDS zip into ``dest``; refuse anything unsafe.

    Refused: not a zip, encrypted members, absolute or ``..`` paths, links,
    too many members, more than ``MAX_UNPACKED_BYTES`` once unpacked (counted
    while reading, not trusted from the zip's own header).
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise UploadError(words(N_("the file is not a zip archive"))) from None
    skipped: list[str] = []
    written: list[PurePosixPath] = []
    total = 0
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise UploadError(
                words(N_("the zip has %(n)s members; at most %(max)s are accepted"), n=len(members), max=MAX_MEMBERS)
            )
        for info in members:
            path = _member_path(info.filename)
            if info.is_dir():
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UploadError(
                    words(N_("the zip holds a link, which is not accepted: %(name)s"), name=repr(info.filename))
                )
            if info.flag_bits & 0x1:
                raise UploadError(words(N_("the zip is encrypted: %(name)s"), name=repr(info.filename)))
            hidden = any(part.startswith(".") or part == "__MACOSX" for part in path.parts)
            if hidden or path.suffix.lower() not in (".csv", ".json"):
                skipped.append(info.filename)
                continue
            target = dest.joinpath(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as src, open(target, "wb") as out:
                    while chunk := src.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise UploadError(
                                words(
                                    N_(
                                        "the zip unpacks to more than %(mb)s MB; import a directory that large"
                                        " on the server with: eteinen import-hsds PATH"
                                    ),
                                    mb=MAX_UNPACKED_BYTES // (1024 * 1024),
                                )
                            )
                        out.write(chunk)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
                raise UploadError(
                    words(N_("the zip is damaged at %(name)s: %(error)s"), name=repr(info.filename), error=str(exc))
                ) from None
            written.append(path)
    if not written:
        raise UploadError(words(N_("the zip holds no .csv or .json files: zip the HSDS folder itself")))
    return Unpacked(_hsds_root(dest, written), skipped)


def _hsds_root(dest: Path, written: list[PurePosixPath]) -> Path:
    """The folder the CSV files are in (the zip's top level or its one folder), or the one JSON file."""
    folders = {p.parent for p in written if p.suffix.lower() == ".csv" or p.name == "datapackage.json"}
    if len(folders) > 1:
        shown = ", ".join(sorted(str(f) if str(f) != "." else "(top level)" for f in folders))
        raise UploadError(
            words(N_("the zip holds CSV files in several folders (%(folders)s); zip one HSDS folder"), folders=shown)
        )
    if folders:
        return dest.joinpath(*next(iter(folders)).parts)
    if len(written) == 1:
        return dest.joinpath(*written[0].parts)  # the HSDS JSON form: one file
    raise UploadError(words(N_("the zip holds several JSON files and no CSV: zip one HSDS folder or one JSON file")))


# --- jobs ---------------------------------------------------------------------


def jobs_dir(instance_path: str) -> Path:
    return Path(instance_path) / "imports"


def _status_file(instance_path: str, job: str) -> Path:
    return jobs_dir(instance_path) / job / "status.json"


def read_status(instance_path: str, job: str) -> dict[str, Any] | None:
    """The job's status, or None for a job that does not exist (or a malformed id)."""
    if not job.replace("-", "").replace("_", "").isalnum():
        return None
    try:
        return dict(json.loads(_status_file(instance_path, job).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def _write_status(instance_path: str, job: str, status: dict[str, Any]) -> None:
    path = _status_file(instance_path, job)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)  # readers never see half a file


class _Progress:
    """What ``import_path`` asks for, like the CLI's click.progressbar: ``with progress(label, total) as bar``."""

    def __init__(self, job: ImportJob, label: str, total: int) -> None:
        self.job, self.label, self.total, self.done = job, label, total, 0

    def __enter__(self) -> _Progress:
        self.job.step(self.label, 0, self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        self.job.step(self.label, self.total, self.total, force=True)

    def update(self, n: int) -> None:
        self.done += n
        self.job.step(self.label, self.done, self.total)


class ImportJob:
    def __init__(self, instance_path: str, job: str, status: dict[str, Any]) -> None:
        self.instance_path, self.id, self.status = instance_path, job, status
        self._last_write = 0.0

    def step(self, label: str, done: int, total: int, *, force: bool = False) -> None:
        self.status.update(label=label, done=done, total=total)
        now = time.monotonic()
        if force or now - self._last_write > 0.25:
            self._last_write = now
            _write_status(self.instance_path, self.id, self.status)

    def progress(self, label: str, total: int) -> _Progress:
        return _Progress(self, label, total)

    def finish(self, **fields: Any) -> None:
        self.status.update(fields)
        _write_status(self.instance_path, self.id, self.status)


def start_import(instance_path: str, engine: Engine, upload: IO[bytes], filename: str, user_id: int | None) -> str:
    """Unpack the upload and start importing it in a background thread; returns the job id.

    An unusable zip raises UploadError at once (nothing is started, nothing kept).
    """
    _prune(instance_path)
    job = secrets.token_urlsafe(12)
    folder = jobs_dir(instance_path) / job
    folder.mkdir(parents=True)
    try:
        archive = folder / "upload.zip"
        _save(upload, archive)
        unpacked = unpack_zip(archive, folder / "hsds")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    status = {
        "state": "running",
        "filename": filename,
        "user_id": user_id,
        "started": time.time(),
        "label": "",
        "done": 0,
        "total": 0,
        "skipped": unpacked.skipped,
    }
    runner = ImportJob(instance_path, job, status)
    _write_status(instance_path, job, status)
    threading.Thread(target=_run, args=(runner, engine, unpacked.path, folder), daemon=True).start()
    return job


def _save(upload: IO[bytes], target: Path) -> None:
    size = 0
    with open(target, "wb") as out:
        while chunk := upload.read(_CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                raise UploadError(words(N_("the file is larger than %(mb)s MB"), mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
            out.write(chunk)


def _run(job: ImportJob, engine: Engine, path: Path, folder: Path) -> None:
    from routing.directory.hsds import HsdsError, import_path

    try:
        with db.transaction(bind=engine) as s:
            report = import_path(s, path, progress=job.progress)
        job.finish(
            state="done",
            counts=dict(report.counts),
            warnings=list(report.warnings),
            version=report.version,
            finished=time.time(),
        )
    except HsdsError as exc:
        job.finish(
            state="failed",
            problems=[str(p) for p in exc.problems],
            worded=[p.to_json() for p in exc.problems],
            finished=time.time(),
        )
    except Exception as exc:  # a bug, not the file: the log gets the traceback, the page a sentence
        log.exception("HSDS import job %s failed", job.id)
        job.finish(
            state="failed", problems=[f"the import stopped unexpectedly: {type(exc).__name__}"], finished=time.time()
        )
    finally:
        shutil.rmtree(folder / "hsds", ignore_errors=True)
        (folder / "upload.zip").unlink(missing_ok=True)


def _prune(instance_path: str) -> None:
    """Forget jobs older than a week."""
    root = jobs_dir(instance_path)
    if not root.is_dir():
        return
    cutoff = time.time() - KEEP_JOBS_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
