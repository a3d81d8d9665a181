"""Log lines: plain text, or with ``LOG_FORMAT=json`` one JSON object a line, each with the request's id.

A request's id is the proxy's ``X-Request-Id`` when it sent a sensible one, else a new one; the
answer carries it back (web/headers.py). A request is logged by its method, path (never the query
string, nor a client's private link key), status and time: no question, contact or message text is
ever in a log line.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from flask import Flask, Response, g, has_request_context, request, request_finished, request_started

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# a client's private link opens their case (door/views.py): whoever reads a log must not get its key
_DOOR_KEY = re.compile(r"^(/+client/+c/+)[^/]+")
FORMATS = ("text", "json")

access = logging.getLogger("eteinen.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id is None and has_request_context():
            request_id = g.get("request_id")
        if request_id:
            line["request_id"] = request_id
        for key in ("method", "path", "status", "seconds"):
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


JsonFormatter.converter = time.gmtime


def gunicorn_logconfig() -> dict[str, Any]:
    """gunicorn's ``logconfig_dict`` for JSON lines: its own messages and the app's on stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
        },
    }


def path_for_log(path: str) -> str:
    """The request's path as a log line shows it: a client's private link without its key."""
    return _DOOR_KEY.sub(r"\1<key>", path)


def _started(_sender: Flask, **_: Any) -> None:
    given = request.headers.get("X-Request-Id", "")
    g.request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex


def _finished(_sender: Flask, response: Response, **_: Any) -> None:
    started = g.get("request_started")
    seconds = round(time.perf_counter() - started, 4) if started is not None else None
    access.info(
        "request",
        extra={
            "request_id": g.get("request_id"),
            "method": request.method,
            "path": path_for_log(request.path),
            "status": response.status_code,
            "seconds": seconds,
        },
    )


def init_app(app: Flask) -> None:
    request_started.connect(_started, app)
    if app.config.get("LOG_FORMAT") == "json":
        request_finished.connect(_finished, app)
        if not logging.getLogger().handlers:  # outside gunicorn (which configures logging itself)
            # the level stays the command's: `eteinen scheduler` says INFO, other commands only warn
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonFormatter())
            logging.getLogger().addHandler(handler)
