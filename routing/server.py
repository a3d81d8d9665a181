"""Production serving with gunicorn, started from ``eteinen serve``."""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication


class EteinenServer(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # each worker builds its own app (and database engine) after the fork
        from . import create_app

        return create_app()


def run_gunicorn(instance: str, host: str, port: int, workers: int) -> None:
    os.environ.setdefault("ETEINEN_INSTANCE", instance)
    EteinenServer(
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
        }
    ).run()
