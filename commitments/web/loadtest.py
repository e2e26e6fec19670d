"""`python3 build.py bench --load`: the live server under load.

Starts the server as an operator would (`build.py serve --production`, or the
development server with `--server development`, for comparison), then N clients
each send one request after another for a fixed time, on a mix of searches (the
query set of tests/data/search_queries.json, in both languages, with their topic
filters and pages) and pages (home, topics, commitments, the report). Each request
comes on a connection of its own, as from the reverse proxy in front of the server
in production (deploy/nginx-live.conf); --keepalive keeps connections open instead,
as browsers talking to the server directly would. Prints,
for searches, pages and all requests: requests per second, p50 and p99 latency,
and errors (a status other than 200, a broken connection or a timeout).

The clients run in this process on asyncio, so they share the machine with the
server: the figures are those of one machine serving itself.
"""
from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
REQUEST_TIMEOUT = 10.0
# The production server wants a published address and answers only for its host:
# the clients ask for that host, as they would through a reverse proxy.
BASE_URL = "https://commitments.example/"
HOST = "commitments.example"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""

    def error(self, what: str) -> None:
        self.errors += 1
        self.first_error = self.first_error or what


def search_paths(seed: int = 1) -> list[str]:
    """The benchmark query set as search addresses, shuffled."""
    from ..search.bench import load_requests

    paths = []
    for request in load_requests():
        params = {"q": request["q"], "topic": request["topic"], "page": request["page"]}
        query = urlencode({k: v for k, v in params.items() if v not in (None, "", 1)})
        paths.append(f"/{request['lang']}/search/?{query}")
    random.Random(seed).shuffle(paths)
    return paths


def page_paths(content_dir: Path, seed: int = 1) -> list[str]:
    """Pages a reader opens: home, topic lists, every commitment, the report, in both languages."""
    from ..library import load_library

    library = load_library(content_dir)
    paths = []
    for lang in ("zh", "en"):
        paths += [f"/{lang}/", f"/{lang}/topics/", f"/{lang}/report/", f"/{lang}/targets/"]
        paths += [f"/{lang}/topics/{t.slug}/" for t in library.used_topics]
        paths += [f"/{lang}/commitments/{e.commitment.id}/" for e in library.entries()]
    random.Random(seed).shuffle(paths)
    return paths


class Client:
    """An HTTP/1.1 client: a new connection for each request, as a reverse proxy opens to
    the app server (nginx's default), or with `keepalive` one connection kept open while
    the server allows it, as a browser does."""

    def __init__(self, address: str, port: int, host: str = HOST, keepalive: bool = False):
        self.address, self.port, self.host, self.keepalive = address, port, host, keepalive
        self.reader = self.writer = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.address, self.port)
        connection = "" if self.keepalive else "Connection: close\r\n"
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n{connection}"
                          "Accept-Encoding: identity\r\n\r\n".encode("utf-8"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        version, status = lines[0].split(" ", 2)[:2]
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
            keep = self.keepalive and version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
        else:  # no length: the body ends with the connection
            await self.reader.read()
            keep = False
        if not keep:
            self.close()
        return int(status)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _drive(host, port, clients, seconds, plan, tallies, keepalive=False):
    deadline = time.perf_counter() + seconds

    async def client(n: int):
        connection = Client(host, port, keepalive=keepalive)
        step = n
        while time.perf_counter() < deadline:
            kind, path = plan[step % len(plan)]
            step += clients
            started = time.perf_counter()
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT):  # cheaper than wait_for: no task per request
                    status = await connection.get(path)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError,
                    ValueError) as error:
                connection.close()
                tallies[kind].error(f"{path}: {type(error).__name__} {error}")
                continue
            if status != 200:
                tallies[kind].error(f"{path}: status {status}")
                continue
            tallies[kind].latencies.append(time.perf_counter() - started)
        connection.close()

    await asyncio.gather(*(client(n) for n in range(clients)))


def mixed_plan(searches: list[str], pages: list[str], search_share: float, length: int = 5000,
               seed: int = 1) -> list[tuple[str, str]]:
    """A fixed sequence of (kind, path): `search_share` of it searches, the rest pages."""
    rng = random.Random(seed)
    plan = []
    for n in range(length):
        if rng.random() < search_share:
            plan.append(("search", searches[n % len(searches)]))
        else:
            plan.append(("page", pages[n % len(pages)]))
    return plan


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(content_dir: Path, server: str, workers: int, port: int, threads: int = 1) -> subprocess.Popen:
    command = [sys.executable, str(ROOT / "build.py"), "--content", str(content_dir), "--base-url", BASE_URL,
               "serve", "--port", str(port)]
    if server == "production":
        command += ["--production", "--workers", str(workers), "--threads", str(threads)]
    # Its log goes to a file: a pipe nobody reads fills up and stalls the server.
    log = tempfile.TemporaryFile("w+")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
    started = time.monotonic()
    while time.monotonic() - started < 120:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server stopped: {log.read().strip()[-500:]}")
        try:
            probe = urllib.request.Request(f"http://127.0.0.1:{port}/zh/search/?q=%E5%AD%A6", headers={"Host": HOST})
            with urllib.request.urlopen(probe, timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("the server did not answer within 120 s")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def format_figures(tallies: dict[str, Tally], seconds: float) -> str:
    rows = [("", "requests/s", "p50", "p99", "errors")]
    everything = Tally([x for t in tallies.values() for x in t.latencies], sum(t.errors for t in tallies.values()))
    for name, tally in (*tallies.items(), ("all", everything)):
        done = tally.latencies
        if done:
            rows.append((name, f"{len(done) / seconds:.0f}", f"{statistics.median(done) * 1000:.1f} ms",
                         f"{_percentile(done, 0.99) * 1000:.1f} ms", str(tally.errors)))
        else:
            rows.append((name, "0", "–", "–", str(tally.errors)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    for name, tally in tallies.items():
        if tally.first_error:
            lines.append(f"first {name} error: {tally.first_error}")
    return "\n".join(lines)


def run(content_dir: Path, server: str = "production", workers: int | None = None, clients: int = 50,
        seconds: float = 20, search_share: float = 0.8, threads: int = 1, keepalive: bool = False,
        out=print) -> dict[str, Tally]:
    from .server import default_workers

    workers = workers or default_workers()
    port = free_port()
    out(f"starting the {server} server on 127.0.0.1:{port} …")
    process = start_server(content_dir, server, workers, port, threads)
    try:
        plan = mixed_plan(search_paths(), page_paths(content_dir), search_share)
        # A short warm-up: every worker's first search builds its index, first pages fill caches.
        asyncio.run(_drive("127.0.0.1", port, min(clients, 8), 2, plan, {"search": Tally(), "page": Tally()}))
        load = " ".join(f"{x:.2f}" for x in _load_average())
        shape = f", {workers} workers of {threads} thread{'s' if threads > 1 else ''}" if server == "production" else ""
        out(f"{clients} clients for {seconds:g} s, {search_share:.0%} searches, "
            f"{'connections kept open' if keepalive else 'a connection a request'} ({server} server"
            f"{shape}; load average before: {load}) …")
        tallies = {"search": Tally(), "page": Tally()}
        cpu_before, own_before = server_cpu_seconds(process.pid), time.process_time()
        asyncio.run(_drive("127.0.0.1", port, clients, seconds, plan, tallies, keepalive))
        cpu, own = server_cpu_seconds(process.pid) - cpu_before, time.process_time() - own_before
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    out(format_figures(tallies, seconds))
    answered = sum(len(t.latencies) + t.errors for t in tallies.values())
    if cpu > 0 and answered:
        # The server's own processor time does not depend on what else runs on the machine.
        out(f"processor time a request: server {cpu * 1000 / answered:.2f} ms (all its processes), "
            f"clients {own * 1000 / answered:.2f} ms ({answered} requests)")
    return tallies


def server_cpu_seconds(pid: int) -> float:
    """Processor time used so far by a process and its children (Linux /proc; 0 elsewhere)."""
    total, pending = 0.0, [pid]
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rpartition(")")[2].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def _load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)
