"""A small static file server for the browser tests, standing in for nginx or a
static host (see deploy/): stdlib http.server in a thread on 127.0.0.1.

- `mount` is the URL prefix the site lives under: "/" (domain root) or a
  sub-path such as "/commitments/". Nothing is served outside it.
- A missing file is answered with the site's 404.html and status 404, as
  `error_page 404` does in deploy/nginx.conf.
- Folders are served by their index.html; a folder without one is a 404, never
  a listing. A folder without its trailing slash is redirected (301) to it.
- Every response carries the headers of deploy/_headers, the strict
  Content-Security-Policy among them.
- Text is gzip-compressed when the client accepts it, as in production.
"""
from __future__ import annotations

import gzip
import http.server
import os
import posixpath
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from commitments.web.security import HSTS, SECURITY_HEADERS as LIVE_HEADERS

CSP = LIVE_HEADERS["Content-Security-Policy"]

# What deploy/_headers sends on a host with TLS: the live server's headers and HSTS.
SECURITY_HEADERS = {**LIVE_HEADERS, **HSTS}

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".webmanifest": "application/manifest+json",
}
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".webmanifest"}


@dataclass
class Request:
    path: str
    status: int


@dataclass
class StaticServer:
    """A running server. `url` ends with the mount, e.g. http://127.0.0.1:4711/commitments/."""

    site: Path
    mount: str = "/"
    requests: list[Request] = field(default_factory=list, repr=False)

    def __post_init__(self):
        if not (self.mount.startswith("/") and self.mount.endswith("/")):
            raise ValueError("mount must start and end with /")
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name=f"static-server{self.mount}",
                                        daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        return self.origin + self.mount

    def start(self) -> "StaticServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ---------------------------------------------------------------- handler

    def _handler(self):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "test-static"
            sys_version = ""

            def log_message(self, format, *args):  # quiet; requests are recorded instead
                pass

            def do_HEAD(self):
                self._serve(head=True)

            def do_GET(self):
                self._serve(head=False)

            def _serve(self, head: bool):
                parsed = urllib.parse.urlsplit(self.path)
                path = urllib.parse.unquote(parsed.path)
                target = server._resolve(path)
                if isinstance(target, str):  # a redirect to the folder's slash form
                    location = target + (f"?{parsed.query}" if parsed.query else "")
                    self._send(301, b"", ".html", head, extra={"Location": location})
                elif target is None:
                    body = (server.site / "404.html").read_bytes() if (server.site / "404.html").is_file() \
                        else b"<!DOCTYPE html><title>404</title><h1>Not found</h1>"
                    self._send(404, body, ".html", head, path=path)
                else:
                    self._send(200, target.read_bytes(), target.suffix.lower(), head, path=path)

            def _send(self, status, body, suffix, head, extra=None, path=None):
                server.requests.append(Request(self.path, status))
                headers = dict(SECURITY_HEADERS)
                headers["Content-Type"] = TYPES.get(suffix, "application/octet-stream")
                headers["Cache-Control"] = "no-cache" if suffix == ".html" else "public, max-age=3600"
                if suffix in COMPRESSIBLE and body and "gzip" in self.headers.get("Accept-Encoding", ""):
                    body = gzip.compress(body, compresslevel=6, mtime=0)
                    headers["Content-Encoding"] = "gzip"
                    headers["Vary"] = "Accept-Encoding"
                headers["Content-Length"] = str(len(body))
                headers.update(extra or {})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if not head:
                    self.wfile.write(body)

        return Handler

    def _resolve(self, path: str):
        """The file for a URL path, a redirect target (str), or None for a 404."""
        if not path.startswith(self.mount):
            if path + "/" == self.mount:
                return self.mount
            return None
        relative = path[len(self.mount):]
        parts = [p for p in posixpath.normpath("/" + relative).split("/") if p]
        if any(p in (".", "..") or p.startswith(".") for p in parts):
            return None
        candidate = self.site.joinpath(*parts) if parts else self.site
        if candidate.is_dir():
            if not path.endswith("/"):
                return path + "/"
            candidate = candidate / "index.html"
        elif path.endswith("/"):
            return None
        if candidate.is_file() and os.access(candidate, os.R_OK):
            return candidate
        return None
