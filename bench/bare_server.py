"""A bare Flask endpoint served with exactly ``eteinen serve``'s gunicorn settings: the load bench's yardstick.

python bench/bare_server.py PORT WORKERS THREADS
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask, jsonify

from routing.core.server import EteinenServer, gunicorn_options


def create() -> Flask:
    app = Flask("bare")

    @app.post("/bare")
    def bare() -> object:
        return jsonify({"ok": True})

    @app.get("/api/v1/health")
    def health() -> object:
        return jsonify({"status": "ok"})

    return app


if __name__ == "__main__":
    # the same settings, its access log too: a yardstick that skipped work serve does would flatter no one
    options = gunicorn_options("127.0.0.1", int(sys.argv[1]), int(sys.argv[2]), threads=int(sys.argv[3]))
    EteinenServer(create, options).run()
