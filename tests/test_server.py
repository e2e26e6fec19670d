"""The live site: the same security headers as the static hosts on every response, the
Host header believed only as configured, the production server (gunicorn) as it runs,
and the development server's safety and reloading."""
import socket
import http.client
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from commitments.web import create_app
from commitments.web.loadtest import free_port
from commitments.web.security import HSTS, SECURITY_HEADERS
from commitments.web.server import KEEPALIVE, READ_TIMEOUT, watched_files

from .conftest import CONTENT

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("url, status", [
    ("/", 200), ("/zh/", 200), ("/en/search/?q=school", 200), ("/zh/search/?q=%E5%AD%A6%E6%A0%A1", 200),
    ("/data/commitments.json", 200), ("/sitemap.xml", 200), ("/en/feeds/all.xml", 200),
    ("/en/no-such-page/", 404), ("/zh", 308), ("/assets/css/site.css", 404),
])
def test_every_live_response_carries_the_security_headers(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, (url, name)
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP: no promise of HTTPS


def test_hsts_only_over_https(client):
    response = client.get("/en/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == HSTS["Strict-Transport-Security"]


def test_the_host_header_is_believed_only_for_trusted_hosts():
    app = create_app(CONTENT, TRUSTED_HOSTS=["commitments.example"])
    client = app.test_client()
    assert client.get("/en/", headers={"Host": "commitments.example"}).status_code == 200
    refused = client.get("/zh", headers={"Host": "evil.example"})
    assert refused.status_code == 400 and "evil" not in refused.headers.get("Location", "")
    assert refused.headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    redirect = client.get("/zh", headers={"Host": "commitments.example"})
    assert redirect.headers["Location"] == "http://commitments.example/zh/"


def test_forwarded_headers_are_ignored_unless_a_proxy_is_configured():
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example", "X-Forwarded-Prefix": "/x"}
    plain = create_app(CONTENT).test_client().get("/zh", headers=forwarded)
    assert plain.headers["Location"] == "http://localhost/zh/"
    assert "Strict-Transport-Security" not in plain.headers
    proxied = create_app(CONTENT, PROXY_HOPS=1, TRUSTED_HOSTS=["commitments.example"]).test_client()
    behind = {**forwarded, "X-Forwarded-Host": "commitments.example", "X-Forwarded-Prefix": "/commitments"}
    response = proxied.get("/zh", headers=behind)
    assert response.headers["Location"] == "https://commitments.example/commitments/zh/"
    assert "Strict-Transport-Security" in response.headers
    assert proxied.get("/zh/", headers=forwarded).status_code == 400  # a forwarded host is checked too


def build_py(*args, timeout=60):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True,
                          timeout=timeout)


def test_the_debugger_is_refused_on_a_public_address():
    result = build_py("serve", "--debug", "--host", "0.0.0.0")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: --debug only on this machine (--host 127.0.0.1): the debugger would run code for anyone "
        "who reaches 0.0.0.0"]


def test_production_needs_the_published_address():
    result = build_py("serve", "--production")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "base_url" in lines[0] and "--base-url" in lines[0]


def _get(port, path, host="commitments.example", timeout=10):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module", params=[1, 2], ids=["synchronous workers", "threaded workers"])
def production(request):
    """The production server with its default workers (one request at a time) and with
    threaded ones (--threads 2, which keep connections open)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--base-url", "https://commitments.example/",
                                "serve", "--production", "--workers", "1", "--threads", str(request.param),
                                "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            _get(port, "/")
            break
        except OSError:
            time.sleep(0.3)
    yield port
    process.terminate()
    process.wait(timeout=30)


def test_the_production_server_answers_with_the_headers_and_no_version(production):
    status, headers, body = _get(production, "/en/search/?q=elderly+care")
    assert status == 200 and b"<mark>" in body
    assert headers["Server"] == "gunicorn"  # the name only: no version, no Python
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert _get(production, "/en/", host="evil.example")[0] == 400
    status, headers, _ = _get(production, "/en/no-such-page/")
    assert status == 404 and headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    # Canonical links name the published address, never the Host header.
    assert b'href="https://commitments.example/en/"' in _get(production, "/en/")[2]


def test_the_production_server_closes_idle_connections(production):
    with socket.create_connection(("127.0.0.1", production), timeout=KEEPALIVE + 10) as idle:
        idle.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: commitments.example\r\n\r\n")
        received = b""
        while b"Sitemap:" not in received:
            received += idle.recv(65536)
        started = time.monotonic()
        assert idle.recv(65536) == b""  # closed by the server, not by the 15 s timeout
        assert time.monotonic() - started < KEEPALIVE + 5


def test_a_silent_connection_does_not_hold_the_server(production):
    """One worker, and a client that connects and sends nothing (one that a proxy in
    front would have held back): the next request is answered once it is dropped."""
    with socket.create_connection(("127.0.0.1", production)) as silent:
        started = time.monotonic()
        assert _get(production, "/robots.txt", timeout=READ_TIMEOUT + 20)[0] == 200
        assert time.monotonic() - started < READ_TIMEOUT + 5  # not gunicorn's 30 s worker timeout
        silent.settimeout(READ_TIMEOUT + 10)
        assert silent.recv(100) == b""  # dropped, without an answer


def test_the_development_server_watches_content_templates_and_catalogs():
    watched = set(watched_files(CONTENT, ROOT))
    for path in (CONTENT / "site.yaml", CONTENT / "reports" / "2021-changshu" / "report.yaml",
                 ROOT / "templates" / "base.html", ROOT / "commitments" / "translations" / "zh" / "LC_MESSAGES" /
                 "messages.po", CONTENT / "reports"):
        assert str(path) in watched, path


def test_serve_debug_reloads_when_content_changes(content_copy):
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content_copy),
                                "serve", "--debug", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def home():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    return _get(port, "/en/", host="127.0.0.1")[2].decode("utf-8")
                except (OSError, http.client.HTTPException):  # refused, or cut off by the reload itself
                    time.sleep(0.3)
            raise AssertionError("the development server did not answer")

        assert "Changshu 2021 commitments" in home()
        assert _get(port, "/robots.txt", host="127.0.0.1")[1]["Server"] == "Werkzeug"  # no versions
        site_yaml = content_copy / "site.yaml"
        site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace(
            "en: Changshu 2021 commitments", "en: Edited while serving"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while "Edited while serving" not in home():
            assert time.monotonic() < deadline, "no reload after a content edit"
            time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_load_benchmark_prints_its_figures():
    result = build_py("bench", "--load", "--seconds", "2", "--clients", "4", timeout=180)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(n for n, line in enumerate(lines) if line.split() == ["requests/s", "p50", "p99", "errors"])
    rows = {line.split()[0]: line.split() for line in lines[header + 1:header + 4]}
    assert set(rows) == {"search", "page", "all"}
    for name, (_, rate, p50, ms50, p99, ms99, errors) in rows.items():
        assert float(rate) > 0 and ms50 == ms99 == "ms" and errors == "0", (name, result.stdout)
        assert float(p50) <= float(p99)
    assert lines[-1].startswith("processor time a request: server ")


@pytest.mark.parametrize("url", ["/fr/feeds/all.xml", "/ZH/feeds/topics/elder-care.xml"])
def test_a_feed_in_an_unknown_language_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_an_asset_is_read_only_from_static_and_cached_for_a_year(app, monkeypatch):
    from werkzeug.exceptions import NotFound

    from commitments.web import assets

    with app.test_request_context():
        name = assets.fingerprint("css/site.css")
    response = app.test_client().get(f"/assets/{name}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    read = []
    monkeypatch.setattr(assets, "_digest", lambda path, *_: read.append(path) or "0123456789")
    for filename in ("../../../../etc/hostname.0123456789.txt", "../build.0123456789.py",
                     "css/" + "a" * 300 + ".0123456789.css"):  # a name too long for the disk
        with app.test_request_context(), pytest.raises(NotFound):
            assets.serve_asset(filename)
    assert read == []  # nothing outside static/ was opened, even to be hashed
