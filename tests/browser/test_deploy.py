"""deploy/ says what the test server does: the same Content-Security-Policy
and security headers, the 404 page, compression. Needs no browser."""
from __future__ import annotations

import re

from .conftest import ROOT
from commitments.web.security import HSTS, SECURITY_HEADERS as LIVE_HEADERS

from .static_server import CSP, SECURITY_HEADERS

NGINX = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
HEADERS = (ROOT / "deploy" / "_headers").read_text(encoding="utf-8")


def _headers_rules() -> dict[str, dict[str, str]]:
    rules, current = {}, None
    for line in HEADERS.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(":")
            assert current is not None, f"header before any path in _headers: {line!r}"
            assert name not in current, f"{name} twice for the same path in _headers"
            current[name] = value.strip()
    return rules


def test_nginx_sends_the_tested_headers():
    for name, value in LIVE_HEADERS.items():
        assert re.search(rf'^\s*add_header {re.escape(name)} "{re.escape(value)}" always;', NGINX, re.M), name
    # HSTS only where there is TLS: the sample listens on port 80, so it is there but commented out.
    for name, value in HSTS.items():
        assert re.search(rf'^\s*# add_header {re.escape(name)} "{re.escape(value)}" always;', NGINX, re.M), name
    assert "frame-ancestors 'none'" in CSP and CSP.startswith("default-src 'self'")
    assert "error_page 404 /404.html;" in NGINX
    assert re.search(r"^\s*gzip on;", NGINX, re.M)
    for kind in ("text/css", "application/javascript", "application/json"):
        assert kind in NGINX
    assert re.search(r"\\\.\[0-9a-f\]\{8,\}\\\..*immutable", NGINX), "no long-lived rule for fingerprinted assets"


def test_headers_file_sends_the_tested_headers():
    rules = _headers_rules()
    assert rules["/*"] == SECURITY_HEADERS
    assert rules["/*"]["Content-Security-Policy"] == CSP
    assert "Cache-Control" not in rules["/*"], "Cache-Control in /* would be joined with the specific rules"
    for path in ("/", "/404.html", "/zh/*", "/en/*", "/static/*"):
        assert "Cache-Control" in rules[path], path


def test_every_top_level_part_of_the_site_has_a_cache_rule(site_dir):
    rules = _headers_rules()
    for entry in sorted(site_dir.iterdir()):
        path = f"/{entry.name}/*" if entry.is_dir() else f"/{entry.name}"
        assert path in rules and "Cache-Control" in rules[path], f"deploy/_headers has no Cache-Control for {path}"
