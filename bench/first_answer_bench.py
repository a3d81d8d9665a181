"""Time to the first answer after ``eteinen serve`` starts: health, then the first and later routes.

    .venv/bin/python bench/first_answer_bench.py [--services 30000] [--workers 2] [--source DIR] [--skip-national]

For the demo network and for bench/import_bench.py's national directory (``--services``), in
fresh instances in /tmp: starts ``eteinen serve``, waits for /api/v1/health, then times the first
route and the next ones. Each worker builds its router before it takes traffic, so the first route
should be as fast as the tenth (target: within 0.5 s of health answering, demo). ``--source`` runs
another checkout's code (e.g. /work/main, to measure before a change) with this interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import ROOT, Server, demo_instance, national_instance, request

QUESTIONS = [
    "Tarvitsen apua velkojen kanssa",
    "Nuori etsii opiskelupaikkaa Keravalla",
    "Jag behöver hjälp med bostad",
    "Need help finding a job",
]


def measure(label: str, instance: Path, token: str, workers: int, source: Path) -> None:
    with Server(instance, workers=workers, source=source) as server:
        healthy = server.wait_healthy()
        walls = []
        # one per worker and then some: each worker's first route counts
        for i in range(2 * workers + 6):
            t0 = time.perf_counter()
            status, _ = request(f"{server.base}/api/v1/route", {"question": QUESTIONS[i % len(QUESTIONS)]}, token)
            walls.append(time.perf_counter() - t0)
            if status != 200:
                raise SystemExit(f"route answered {status}")
        first_workers = walls[: 2 * workers]
        print(
            f"{label}: health after {healthy:.2f} s; first route {walls[0] * 1000:.0f} ms, "
            f"slowest of the first {2 * workers} {max(first_workers) * 1000:.0f} ms, "
            f"later routes median {statistics.median(walls[2 * workers :]) * 1000:.0f} ms; "
            f"first answer {healthy + walls[0]:.2f} s after start"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--services", type=int, default=30_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--source", type=Path, default=ROOT, help="the checkout whose code serves (default: this one)")
    ap.add_argument("--skip-national", action="store_true")
    args = ap.parse_args()
    source = args.source.resolve()
    print(f"code from {source}, {args.workers} worker(s)")
    with tempfile.TemporaryDirectory(prefix="eteinen-first-") as tmp:
        demo = Path(tmp) / "demo"
        measure("demo", demo, demo_instance(demo, source), args.workers, source)
        if not args.skip_national:
            national = Path(tmp) / "national"
            token = national_instance(national, args.services, source)
            measure(f"{args.services} services", national, token, args.workers, source)


if __name__ == "__main__":
    main()
