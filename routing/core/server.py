"""Production serving with gunicorn, started from ``eteinen serve``.

Each worker builds its app and database engine after the fork and then, before it
takes its first request (gunicorn's ``post_worker_init``), its router: the first
route after a start, a restart or a reload (SIGHUP) is as fast as the hundredth.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from routing.core.logs import path_for_log

log = logging.getLogger("eteinen.server")


WARM_UP_QUESTIONS = (
    ("Tarvitsen apua velkojen ja asumisen kanssa", "fi"),
    ("Jag behöver hjälp med skulder och bostad", "sv"),
    ("I need help with debts and housing", "en"),
)


def warm_up(app: Flask) -> float:
    """Build the worker's router now, not on its first route; returns the seconds it took."""
    from routing.matcher.loading import current_router
    from routing.matcher.router import RouteRequest

    started = time.perf_counter()
    with app.app_context():
        try:
            router = current_router()
            # one question per language: the word lists and lemmatisers load on first use
            for question, language in WARM_UP_QUESTIONS:
                router.route(RouteRequest(question=question, language=language, municipality="Helsinki", age=30))
        except Exception:  # a worker that cannot build it still serves health and says so in /ready
            log.exception("building the router before the first request failed")
    return time.perf_counter() - started


def post_worker_init(worker: Any) -> None:
    app = worker.wsgi
    if app is None or "eteinen.engine" not in getattr(app, "extensions", {}):
        return  # not Eteinen (bench/load_bench.py's bare endpoint runs with the same settings)
    seconds = warm_up(app)
    worker.log.info("worker %s: router built in %.2f s", worker.pid, seconds)


def child_exit(_server: Any, worker: Any) -> None:
    # the metrics files of a worker that is gone are merged into the totals, not read as live
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


class AccessLogger(Logger):
    """gunicorn's logger, whose access lines show the path as the app's own do (``path_for_log``)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        atoms["U"] = path_for_log(atoms.get("U") or "")
        atoms["r"] = f"{atoms['m']} {atoms['U']} {atoms['H']}"  # the request line, without its query too
        return atoms


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


def gunicorn_options(
    host: str, port: int, workers: int, *, threads: int = 1, json_logs: bool = False
) -> dict[str, Any]:
    """The server settings ``eteinen serve`` runs with (bench/load_bench.py serves its bare endpoint with them too).

    One thread per worker by default: Python runs one thread of a process at a time, and a request
    here is mostly Python, so more threads mostly wait for each other; on SQLite a thread that holds
    the write lock waits too, and every writer with it (measured: bench/load_bench.py ``--threads``)."""
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": max(1, workers),
        "threads": max(1, threads),
        "worker_class": "gthread",
        "timeout": 60,
        "graceful_timeout": 10,
        "post_worker_init": post_worker_init,
        "child_exit": child_exit,
        "control_socket_disable": True,  # one fixed path per user: two servers on a machine would share it
        # the path only: query strings may carry search words, never log them
        "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        "logger_class": AccessLogger,
    }
    if json_logs:  # the app logs each request itself, as JSON with its request id (core/logs.py)
        from routing.core.logs import gunicorn_logconfig

        options["logconfig_dict"] = gunicorn_logconfig()
    else:
        options["accesslog"] = "-"
    return options


def run_gunicorn(
    app_factory: Callable[[], Flask],
    instance: str,
    host: str,
    port: int,
    workers: int,
    *,
    threads: int = 1,
    json_logs: bool = False,
) -> None:
    os.environ.setdefault("ETEINEN_INSTANCE", instance)
    EteinenServer(app_factory, gunicorn_options(host, port, workers, threads=threads, json_logs=json_logs)).run()
