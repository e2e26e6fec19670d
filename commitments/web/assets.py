"""Stylesheets and scripts under names that carry a hash of their content.

``asset_url("css/site.css")`` gives ``/assets/css/site.1a2b3c4d.css``: the name
changes whenever the file does, so hosts may cache assets for a year
(deploy/_headers, deploy/nginx.conf) and a new build is still seen at once.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from flask import abort, current_app, send_from_directory
from werkzeug.security import safe_join

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
    # Only a file inside static/ is read, even to be hashed: a name with ../ is none.
    # os.path.isfile, not Path.is_file: a name too long for the disk is no file either.
    path = safe_join(current_app.static_folder, original)
    if path is None or not os.path.isfile(path) or fingerprint(original) != filename:
        abort(404)
    # A year, and nothing that would make a browser ask again (Flask's default, no-cache).
    response = send_from_directory(current_app.static_folder, original, max_age=31536000)
    response.cache_control.immutable = True
    return response


def init_app(app) -> None:
    app.add_url_rule("/assets/<path:filename>", "asset", serve_asset)
    app.add_template_global(asset_url)
