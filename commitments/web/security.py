"""What every live response says to the browser, as the static hosts do (deploy/).

The same Content-Security-Policy and headers as deploy/_headers and deploy/nginx.conf;
HSTS only over HTTPS (a browser ignores it over plain HTTP, and a site without TLS
must not promise it). Behind a reverse proxy, PROXY_HOPS says how many proxies to
believe about the client's address, scheme, host and path prefix (X-Forwarded-*);
without it those headers are ignored. Flask's TRUSTED_HOSTS limits the Host header.
"""
from __future__ import annotations

from flask import request
from werkzeug.middleware.proxy_fix import ProxyFix

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
HSTS = {"Strict-Transport-Security": "max-age=31536000"}


def _add_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.update(HSTS)
    return response


def init_app(app) -> None:
    app.after_request(_add_headers)
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
