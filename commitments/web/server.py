"""The live site: Werkzeug's server for editors, gunicorn in production.

`build.py serve` is for an editor on this machine: it reloads when a content file,
a template or a message catalog changes (with --debug), and refuses the debugger on
an address other machines can reach (the debugger runs any Python it is sent).

`build.py serve --production` runs gunicorn: the app is loaded once, with its search
index, before the workers are forked (they share it). By default each worker is
gunicorn's synchronous one: it takes one request at a time from the listening socket
and closes the connection after answering. A request is a millisecond or two of
Python, with nothing to wait for, so threads would only take turns at the interpreter
lock and answer in a jumbled order: with 50 clients, threads made the slowest hundredth
of requests wait 160–180 ms, one request at a time per process about 100 ms (`bench
--load`). A worker stuck on one request for TIMEOUT seconds is restarted.

A synchronous worker waits for a slow client, so it is meant to sit behind a proxy that
reads whole requests first and buffers responses (nginx does by default;
deploy/nginx-live.conf), which also times out clients that never finish and speaks TLS.
`--threads N` (above 1) gives threaded workers instead, which keep idle connections
open for KEEPALIVE seconds.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

from ..errors import ContentError
from ..publish import is_loopback

TIMEOUT = 30       # seconds a worker may stop answering the master before it is restarted
KEEPALIVE = 5      # threaded workers: seconds an idle keep-alive connection stays open
READ_TIMEOUT = 10  # synchronous workers: seconds a client may take to send a piece of its request
THREADS = 1        # per worker: one request at a time (see above)
DEV_IDLE_TIMEOUT = 30  # the development server: seconds a silent connection keeps its thread


def watched_files(content_dir: Path, root: Path) -> list[str]:
    """Every file and folder the development server reloads on: content, templates, catalogs.
    Folders too, so a new or deleted file is seen (a folder's time changes then)."""
    paths = []
    for folder in (Path(content_dir), root / "templates", root / "commitments" / "translations"):
        paths.append(folder)
        paths += [p for p in folder.rglob("*") if p.suffix not in (".mo", ".tmp") and not p.name.startswith(".")]
    return [str(p) for p in paths]


def run_development(app, host: str, port: int, debug: bool, root: Path) -> None:
    from werkzeug.serving import WSGIRequestHandler

    if debug and not is_loopback(host):
        raise ContentError(f"--debug only on this machine (--host 127.0.0.1): the debugger would run "
                           f"code for anyone who reaches {host}")

    class Handler(WSGIRequestHandler):
        timeout = DEV_IDLE_TIMEOUT  # a silent connection does not keep its thread for ever

        def version_string(self) -> str:
            return "Werkzeug"  # not its version, nor Python's

    app.run(host=host, port=port, debug=debug, request_handler=Handler,
            extra_files=watched_files(app.config["CONTENT_DIR"], root) if debug else None)


def warm(app) -> None:
    """Build what the first requests would: the search index (shared by forked workers)."""
    from .search import search_index

    with app.app_context():
        search_index()


def default_workers() -> int:
    """One worker per core, and one more to answer while another waits on its socket
    (measured on 2 cores: 3 workers served more, with a shorter tail, than 2 or 4)."""
    return (os.cpu_count() or 1) + 1


def synchronous_worker():
    """gunicorn's synchronous worker, with a read timeout: gunicorn's own waits for a
    request as long as the client likes, so one silent connection held a worker until
    the master killed it TIMEOUT seconds later. Behind the proxy this never happens (it
    sends whole requests); in front of a misconfigured one, a slow client now costs
    READ_TIMEOUT seconds."""
    import select

    from gunicorn import util
    from gunicorn.workers.sync import SyncWorker

    class SyncWorkerWithReadTimeout(SyncWorker):  # its name is in gunicorn's log
        def accept(self, listener):
            client, address = listener.accept()
            util.close_on_exec(client)
            if not select.select([client], [], [], READ_TIMEOUT)[0]:
                self.log.info("closed a connection that sent nothing for %s s", READ_TIMEOUT)
                client.close()
                return
            client.settimeout(READ_TIMEOUT)  # blocking, as gunicorn's, but not for ever
            self.handle(listener, client, address)

    return SyncWorkerWithReadTimeout


def run_production(app, host: str, port: int, workers: int | None = None, threads: int = THREADS) -> None:
    from gunicorn.app.base import BaseApplication

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options = {
        "bind": bind,
        "workers": workers or default_workers(),
        "worker_class": "gthread" if threads > 1 else synchronous_worker(),
        "threads": threads,
        "timeout": TIMEOUT,
        "graceful_timeout": 10,
        "keepalive": KEEPALIVE,
        "preload_app": True,
        "proc_name": "commitments",
        "errorlog": "-",
        # The proxy headers are read by the app itself when --proxy says so (ProxyFix),
        # never by gunicorn on its own for "local" addresses.
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        # No runtime control socket (gunicorn 24+): nothing here uses it, and it is one more way in.
        "control_socket_disable": True,
    }
    warm(app)
    # A full garbage collection walks every object of the loaded library and index (some
    # 50 ms here), and Python runs one every few hundred requests: that pause made the
    # slowest requests. What is loaded now lives as long as the server, so it is set
    # aside before the workers are forked (they inherit that, and share its memory longer).
    gc.collect()
    gc.freeze()

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    Server().run()
