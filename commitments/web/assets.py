"""Stylesheets and scripts under names that carry a hash of their content.

``asset_url("css/site.css")`` gives ``/assets/css/site.1a2b3c4d.css``: the name
changes whenever the file does, so hosts may cache assets for a year
(deploy/_headers, deploy/nginx.conf) and a new build is still seen at once.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from flask import abort, current_app, send_from_directory

#: app.extensions key of the names made while the static files cannot change (a build)
FROZEN_ASSETS = "frozen_asset_names"
FINGERPRINTED_RE = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<ext>\.[a-z0-9]+)$")


@lru_cache(maxsize=64)
def _digest(path: Path, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def fingerprint(filename: str) -> str:
    # The static build keeps the names it made (FROZEN_ASSETS): its files do not change
    # while it runs, and every page asks for the same few. The live site looks again,
    # as an editor may change a file.
    frozen = current_app.extensions.get(FROZEN_ASSETS)
    if frozen is not None and filename in frozen:
        return frozen[filename]
    path = Path(current_app.static_folder) / filename
    stem, dot, ext = filename.rpartition(".")
    name = f"{stem}.{_digest(path, path.stat().st_mtime_ns)}.{ext}"
    if frozen is not None:
        frozen[filename] = name
    return name


def asset_url(filename: str) -> str:
    # The template url_for: relative in the static build.
    return current_app.jinja_env.globals["url_for"]("asset", filename=fingerprint(filename))


def serve_asset(filename: str):
    match = FINGERPRINTED_RE.match(filename)
    if not match:
        abort(404)
    original = match["stem"] + match["ext"]
    path = Path(current_app.static_folder) / original
    if not path.is_file() or fingerprint(original) != filename:
        abort(404)
    response = send_from_directory(current_app.static_folder, original)
    response.cache_control.max_age = 31536000
    response.cache_control.immutable = True
    return response


def init_app(app) -> None:
    app.add_url_rule("/assets/<path:filename>", "asset", serve_asset)
    app.add_template_global(asset_url)
