"""deploy/nginx/eteinen.conf as written (ports, certificate and log paths aside) in front of a real
``eteinen serve`` with PROXY_COUNT=1: https, readiness, the request id through both logs, metrics."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.ops.conftest import ROOT, Served, call, free_port

pytestmark = pytest.mark.slow
needs_nginx = [
    pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (apt-get install nginx)"),
    pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed"),
]


def nginx_config(tmp: Path, app_port: int, http_port: int, https_port: int) -> Path:
    """The deploy file with this test's ports, a self-signed certificate and logs in ``tmp``."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (ROOT / "deploy" / "nginx" / "eteinen.conf").read_text()
    for old, new in [
        ("server 127.0.0.1:5000;", f"server 127.0.0.1:{app_port};"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("/etc/letsencrypt/live/eteinen.example.fi/fullchain.pem", str(tmp / "cert.pem")),
        ("/etc/letsencrypt/live/eteinen.example.fi/privkey.pem", str(tmp / "key.pem")),
        ("/var/log/nginx/eteinen.access.log", str(tmp / "access.log")),
    ]:
        assert old in site, old
        site = site.replace(old, new)
    (tmp / "eteinen.conf").write_text(site)
    main = tmp / "nginx.conf"
    main.write_text(
        f"daemon off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\n"
        f"http {{\n  client_body_temp_path {tmp}/body;\n  proxy_temp_path {tmp}/proxy;\n"
        f"  fastcgi_temp_path {tmp}/fastcgi;\n  uwsgi_temp_path {tmp}/uwsgi;\n  scgi_temp_path {tmp}/scgi;\n"
        f"  access_log off;\n  include {tmp}/eteinen.conf;\n}}\n"
    )
    return main


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[Callable[[int], tuple[str, str]]]:
    processes: list[subprocess.Popen[bytes]] = []

    def start(app_port: int) -> tuple[str, str]:
        folder = tmp_path / "nginx"
        folder.mkdir()
        http_port, https_port = free_port(), free_port()
        config = nginx_config(folder, app_port, http_port, https_port)
        check = subprocess.run(["nginx", "-t", "-c", str(config), "-p", str(folder)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        processes.append(subprocess.Popen(["nginx", "-c", str(config), "-p", str(folder)]))
        base = f"https://127.0.0.1:{https_port}"
        for _ in range(100):
            try:
                httpx.get(f"{base}/api/v1/health", verify=False, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        return f"http://127.0.0.1:{http_port}", base

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


@needs_nginx[0]
@needs_nginx[1]
def test_behind_nginx_as_deployed(
    serve: Callable[..., Served], desk_token: str, nginx: Callable[[int], tuple[str, str]]
) -> None:
    server = serve(workers=1, scheduler=True, PROXY_COUNT="1", LOG_FORMAT="json", METRICS_TOKEN="m-token-123")
    plain, base = nginx(int(server.base.rsplit(":", 1)[1]))
    moved = httpx.get(f"{plain}/api/v1/health", headers={"Host": "eteinen.example.fi"})
    assert moved.status_code == 301 and moved.headers["location"] == "https://eteinen.example.fi/api/v1/health"
    with httpx.Client(base_url=base, verify=False, timeout=30) as http:
        deadline = time.monotonic() + 30
        while (ready := http.get("/api/v1/ready")).status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ready.status_code == 200, ready.text
        routed = http.post(
            "/api/v1/route",
            json={"question": "Tarvitsen apua velkojen kanssa"},
            headers={"Authorization": f"Bearer {desk_token}", "X-Forwarded-For": "203.0.113.9"},
        )
        assert routed.status_code == 200
        request_id = routed.headers["X-Request-Id"]  # nginx's $request_id, echoed by the app
        assert len(request_id) == 32
        assert http.get("/metrics").status_code == 401  # the proxy lets loopback through; the token is still asked
        metrics = http.get("/metrics", headers={"Authorization": "Bearer m-token-123"})
        assert 'endpoint="api.route"' in metrics.text
        # no door here: the address is logged all the same
        assert http.get("/client/c/Zq3xPrivateLinkKey7Yw/export").status_code == 404
    server.stop()
    lines = [json.loads(line) for line in server.log.read_text().splitlines() if line.startswith("{")]
    assert any(line.get("request_id") == request_id and line.get("path") == "/api/v1/route" for line in lines)
    access = (Path(server.log).parent / "nginx" / "access.log").read_text()
    assert request_id in access and "velkojen" not in access
    assert '"GET /client/c/<key>/export" 404' in access and "Zq3xPrivateLinkKey7Yw" not in access


@pytest.mark.skipif(not shutil.which("caddy"), reason="caddy is not installed (apt-get install caddy)")
def test_the_caddyfile_is_valid() -> None:
    check = subprocess.run(
        ["caddy", "validate", "--adapter", "caddyfile", "--config", str(ROOT / "deploy" / "caddy" / "Caddyfile")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr[-2000:]
    assert "Valid configuration" in check.stdout + check.stderr


@pytest.mark.skipif(not shutil.which("caddy"), reason="caddy is not installed (apt-get install caddy)")
def test_behind_caddy_its_log_keeps_no_query_and_no_private_link_key(
    serve: Callable[..., Served], tmp_path: Path
) -> None:
    """deploy/caddy/Caddyfile as written, but on plain http on a free port (no certificate to fetch)."""
    server = serve(workers=1, PROXY_COUNT="1")
    port = free_port()
    site = (ROOT / "deploy" / "caddy" / "Caddyfile").read_text()
    for old, new in [
        ("eteinen.example.fi {", f"{{\n\tadmin off\n}}\n\nhttp://127.0.0.1:{port} {{"),
        ("reverse_proxy 127.0.0.1:5000", f"reverse_proxy 127.0.0.1:{server.base.rsplit(':', 1)[1]}"),
        ("/var/log/caddy/eteinen.log", str(tmp_path / "caddy.log")),
    ]:
        assert old in site, old
        site = site.replace(old, new)
    config = tmp_path / "Caddyfile"
    config.write_text(site)
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    caddy = subprocess.Popen(
        ["caddy", "run", "--adapter", "caddyfile", "--config", str(config)],
        env={**env, "PATH": "/usr/bin:/bin"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):  # Caddy up, and through it the app
            if call(f"{base}/api/v1/health", timeout=1)[0] == 200:
                break
            time.sleep(0.05)
        assert httpx.get(f"{base}/client/c/Zq3xPrivateLinkKey7Yw/export").status_code == 404
        assert httpx.get(f"{base}/desk?question=velkojen+kanssa").status_code in (200, 302)
        log = tmp_path / "caddy.log"
        for _ in range(100):  # Caddy writes its lines as it goes
            if log.exists() and log.read_text().count("\n") >= 3:
                break
            time.sleep(0.05)
    finally:
        caddy.terminate()
        caddy.wait(timeout=10)
    uris = [json.loads(line)["request"]["uri"] for line in log.read_text().splitlines()]
    assert "/client/c//export" in uris and "/desk" in uris, uris
    text = log.read_text()
    assert "Zq3xPrivateLinkKey7Yw" not in text and "velkojen" not in text
