"""The thread's files on disk: what kind a file is (by its content), where it is kept, and its removal.

Files live in ``ATTACHMENTS_DIR`` (default ``instance/attachments``, owner-only), outside the web root,
each under a random name; the ``attachment`` rows say whose they are and what they were called.
Only PDF, PNG and JPEG are taken, told by their first bytes, never by the name the sender gave.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Response, abort, current_app, has_app_context, send_file

from routing.core.config import instance_path
from routing.core.errors import BadInput

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5  # on one message

# the kinds taken, by their magic numbers
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


@dataclass(frozen=True)
class NewFile:
    """A file sent with a message, checked: its kind from its content, a name safe to show and offer back."""

    filename: str
    content_type: str
    data: bytes


def sniff(data: bytes) -> str | None:
    """The file's kind from its first bytes; None when it is none of the kinds taken."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def safe_name(name: str | None, content_type: str) -> str:
    """The sender's file name without folders or odd characters, ending as its kind does."""
    base = Path((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" ._")[:120] or "file"
    extension = EXTENSIONS[content_type]
    _stem, dot, ext = base.rpartition(".")
    if dot and f".{ext.lower()}" in (extension, ".jpeg" if extension == ".jpg" else extension):
        return base
    return f"{base}{extension}"


def checked(filename: str | None, data: bytes) -> NewFile:
    """A file as sent, accepted or refused with a message that names what is wrong."""
    if not data:
        raise BadInput(f"file: {filename or 'the file'} is empty")
    if len(data) > MAX_BYTES:
        raise BadInput(f"file: {filename or 'the file'} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    kind = sniff(data)
    if kind is None:
        raise BadInput(f"file: {filename or 'the file'} is not a PDF, PNG or JPEG file")
    return NewFile(safe_name(filename, kind), kind, data)


def folder() -> Path:
    """Where the files are kept: ``ATTACHMENTS_DIR``, else the instance's ``attachments`` folder (made 0700)."""
    configured = current_app.config.get("ATTACHMENTS_DIR") if has_app_context() else None
    if configured:
        path = Path(configured)
    elif has_app_context():
        path = Path(current_app.instance_path) / "attachments"
    else:
        path = instance_path() / "attachments"
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def store(data: bytes) -> str:
    """Write the content under a new random name (owner-only); returns the name."""
    name = secrets.token_hex(16)
    target = folder() / name
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return name


def path_of(stored_name: str) -> Path:
    return folder() / stored_name


def remove(stored_names: Iterable[str]) -> int:
    """Delete the files from disk; returns how many were there."""
    gone = 0
    for name in stored_names:
        try:
            (folder() / name).unlink()
            gone += 1
        except FileNotFoundError:
            continue
        except OSError:
            log.exception("could not delete an attachment file")
    return gone


def uploaded(field: Any) -> list[NewFile]:
    """The files of a form's file field, each checked by its content (``BadInput`` names a refused one)."""
    if len(field.data or []) > MAX_FILES:
        raise BadInput(f"files: at most {MAX_FILES} files on one message")
    return [checked(f.filename, f.read()) for f in field.data or [] if f and f.filename]


def download(stored: Any) -> Response:
    """A file of the thread, as a download only: never shown in the page's origin as what it claims to be."""
    path = path_of(stored.stored_name)
    if not path.exists():
        abort(404)
    response = send_file(path, mimetype=stored.content_type, as_attachment=True, download_name=stored.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
