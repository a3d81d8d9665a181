"""Production serving with gunicorn, started from ``eteinen serve``."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication


class EteinenServer(BaseApplication):
    def __init__(self, app_factory: Callable[[], Flask], options: dict[str, Any]) -> None:
        self.app_factory = app_factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # each worker builds its own app (and database engine) after the fork
        return self.app_factory()


def run_gunicorn(app_factory: Callable[[], Flask], instance: str, host: str, port: int, workers: int) -> None:
    os.environ.setdefault("ETEINEN_INSTANCE", instance)
    EteinenServer(
        app_factory,
        {
            "bind": f"{host}:{port}",
            "workers": max(1, workers),
            "threads": 4,
            "worker_class": "gthread",
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": "-",
            # the path only: query strings may carry search words, never log them
            "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        },
    ).run()
