"""`python3 build.py bench`: what search costs, on the real report and on 100 times it,
and with ``--reports N …`` on sites of N real reports (as ``bench --build`` makes them).

For each corpus: the time to build the Whoosh index (the live server's) and to export
the static index (as the build does, from the documents), the index's
size on disk and exported (raw and gzip-compressed), live query latency (p50, p99)
over tests/data/search_queries.json, and the bytes a static query downloads: the
first (tokenize.js + search.js + the index files the query needs), a first one
that is read as pinyin (it also fetches the pinyin shards), and a later one (only
the files the previous query did not already fetch), gzip-compressed as a host
serves them; then whether each is within its budget.  The static figures replay static/js/search.js in Node over the
exported files, so they count exactly the files the browser would fetch.

The synthetic corpus repeats every commitment 100 times with new ids and mutated
text (numbers changed, clauses rotated, a few words swapped with another
commitment's), so the vocabulary grows too. A site of N reports is the bundled
report and N - 1 copies of the corpus reports (``build_bench.synthetic_content``):
real reports, each with its own words, so it compresses far less than the copies.
"""
from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .export import gzip_size, write_files
from .incremental import export_of
from .index import SearchDoc, build_index, documents, library_reports
from .synonyms import FILENAME, load_synonyms

ROOT = Path(__file__).resolve().parents[2]
SEARCH_JS = ROOT / "static" / "js" / "search.js"
TOKENIZE_JS = ROOT / "static" / "js" / "tokenize.js"
REPLAY_JS = Path(__file__).with_name("replay.js")
QUERIES = ROOT / "tests" / "data" / "search_queries.json"
FIRST_QUERY_BUDGET = 50 * 1024
LATER_QUERY_BUDGET = 15 * 1024
LIVE_P99_BUDGET_MS = 10


def load_requests(path: Path = QUERIES) -> list[dict]:
    """The query set as requests: {q, topic, page, lang}."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [{"q": q["q"], "topic": q.get("topic"), "page": q.get("page", 1), "lang": q["lang"]}
            for q in data["queries"]]


# ---------------------------------------------------------------- static bytes


def node_replay(index_dir: Path, requests: list[dict], node: str = "node") -> list[dict]:
    """Run search.js under Node for every request: [{result, fetched, ms}]."""
    with tempfile.TemporaryDirectory() as tmp:
        requests_path = Path(tmp) / "requests.json"
        out_path = Path(tmp) / "out.json"
        requests_path.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run([node, str(REPLAY_JS), str(SEARCH_JS), str(index_dir), str(requests_path),
                               str(out_path)], capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"node failed: {proc.stderr.strip()}")
        return json.loads(out_path.read_text(encoding="utf-8"))


def script_bytes() -> int:
    return sum(gzip_size(p.read_bytes()) for p in (TOKENIZE_JS, SEARCH_JS))


def query_bytes(index_dir: Path, fetched_lists: list[list[str]]) -> tuple[list[int], list[int]]:
    """Compressed bytes of each query with an empty cache (scripts included), and of each
    query after the one before it (its scripts and files cached)."""
    sizes: dict[str, int] = {}

    def size(name):
        if name not in sizes:
            sizes[name] = gzip_size((Path(index_dir) / name).read_bytes())
        return sizes[name]

    scripts = script_bytes()
    first = [scripts + sum(size(f) for f in fetched) for fetched in fetched_lists]
    later = [sum(size(f) for f in fetched if f not in set(previous))
             for previous, fetched in zip(fetched_lists, fetched_lists[1:])]
    return first, later


# ---------------------------------------------------------------- synthetic corpus


def synthetic(docs: list[SearchDoc], times: int, seed: int = 1) -> list[SearchDoc]:
    """``times`` copies of ``docs`` (the first unchanged), each with mutated text."""
    rng = random.Random(seed)
    words = sorted({w for d in docs for w in d.en.split() if w.isalpha()})
    out = list(docs)
    for copy in range(1, times):
        for d in docs:
            out.append(replace(d, id=f"{d.id}-x{copy}", zh=_mutate_zh(d.zh, rng), en=_mutate_en(d.en, words, rng)))
    return out


def _numbers(text: str, rng: random.Random) -> str:
    return "".join(str(rng.randint(0, 9)) if ch.isdigit() else ch for ch in text)


def _mutate_zh(text: str, rng: random.Random) -> str:
    clauses = [c for c in text.replace("。", ",").split(",") if c]
    if len(clauses) > 1:
        k = rng.randrange(len(clauses))
        clauses = clauses[k:] + clauses[:k]
    return _numbers(",".join(clauses) + "。", rng)


def _mutate_en(text: str, words: list[str], rng: random.Random) -> str:
    tokens = text.split()
    for _ in range(max(1, len(tokens) // 15)):
        if tokens:
            tokens[rng.randrange(len(tokens))] = rng.choice(words)
    if rng.random() < 0.3 and tokens:  # a new word now and then: the vocabulary grows
        tokens[rng.randrange(len(tokens))] = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))
    return _numbers(" ".join(tokens), rng)


# ---------------------------------------------------------------- the benchmark


@dataclass
class Figures:
    name: str
    docs: int
    build_s: float
    export_s: float
    disk_bytes: int
    export_files: int
    export_bytes: int
    export_gzip: int
    shards: int
    p50_ms: float
    p99_ms: float
    first_p50: int | None = None
    first_max: int | None = None
    later_p50: int | None = None
    later_max: int | None = None
    js_p50_ms: float | None = None
    pinyin_p50: int | None = None
    pinyin_max: int | None = None
    pinyin_queries: int = 0


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(name: str, docs, library, synonyms, requests, node: str | None, work: Path) -> Figures:
    ix_dir, out_dir = work / f"{name}-whoosh", work / f"{name}-export"
    reports = library_reports(library)
    started = time.perf_counter()
    index = build_index(docs, library.topics, synonyms, folder=ix_dir, reports=reports)
    build_s = time.perf_counter() - started
    started = time.perf_counter()  # the static build's export: no Whoosh index
    exported = write_files(export_of(docs, library.topics, synonyms, reports)[0], out_dir)
    export_s = time.perf_counter() - started
    index.settle()  # as the live server does once its index is built
    index.search("warm up")
    latencies = []
    for request in requests:
        started = time.perf_counter()
        index.search(request["q"], topic=request["topic"], page=request["page"], lang=request["lang"])
        latencies.append((time.perf_counter() - started) * 1000)
    figures = Figures(name, len(docs), build_s, export_s, _folder_size(ix_dir), exported.files, exported.bytes,
                      exported.gzip_bytes, exported.shards, statistics.median(latencies),
                      _percentile(latencies, 0.99))
    if node:
        replay = node_replay(out_dir, requests, node)
        first, later = query_bytes(out_dir, [r["fetched"] for r in replay])
        figures.first_p50, figures.first_max = int(statistics.median(first)), max(first)
        figures.later_p50, figures.later_max = int(statistics.median(later)), max(later)
        figures.js_p50_ms = statistics.median(r["ms"] for r in replay)
        # A first query read as pinyin: it also fetches the syllables and the pinyin shards.
        pinyin = [size for size, r in zip(first, replay) if r["result"]["mode"] == "pinyin"]
        if pinyin:
            figures.pinyin_p50, figures.pinyin_max = int(statistics.median(pinyin)), max(pinyin)
            figures.pinyin_queries = len(pinyin)
    return figures


def run(content_dir: Path, times: int = 100, reports=(), out=print) -> list[Figures]:
    from ..build_bench import synthetic_content
    from ..library import load_library

    library = load_library(content_dir)
    synonyms = load_synonyms(Path(content_dir) / FILENAME)
    requests = load_requests()
    node = shutil.which("node")
    docs = documents(library)
    results = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        for name, corpus in (("report", docs), (f"{times}x report", synthetic(docs, times))):
            out(f"measuring {name} ({len(corpus)} commitments) …")
            results.append(measure(name.replace(" ", ""), corpus, library, synonyms, requests, node, Path(tmp)))
            results[-1].name = name
        for n in reports:
            out(f"making a site of {n} reports …")
            site = synthetic_content(Path(content_dir), n, Path(tmp) / f"content-{n}")
            site_library = load_library(site)
            site_docs = documents(site_library)
            name = f"{n} reports"
            out(f"measuring {name} ({len(site_docs)} commitments) …")
            results.append(measure(f"reports{n}", site_docs, site_library, load_synonyms(site / FILENAME), requests,
                                   node, Path(tmp)))
            results[-1].name = name
    out("")
    out(format_table(results, len(requests), node is not None))
    return results


def _kb(n):
    return "–" if n is None else f"{n / 1024:.1f} KB"


def format_table(results: list[Figures], queries: int, with_node: bool) -> str:
    rows = [
        ("commitments", lambda f: f"{f.docs:,}"),
        ("index build (Whoosh)", lambda f: f"{f.build_s:.2f} s"),
        ("export for the browser", lambda f: f"{f.export_s:.2f} s"),
        ("index size on disk (Whoosh)", lambda f: _kb(f.disk_bytes)),
        ("exported: files / postings shards", lambda f: f"{f.export_files:,} / {f.shards:,}"),
        ("exported size, raw / gzip", lambda f: f"{_kb(f.export_bytes)} / {_kb(f.export_gzip)}"),
        (f"live query latency p50 ({queries} queries)", lambda f: f"{f.p50_ms:.1f} ms"),
        ("live query latency p99", lambda f: f"{f.p99_ms:.1f} ms"),
        ("static first query, p50 / max (gzip)", lambda f: f"{_kb(f.first_p50)} / {_kb(f.first_max)}"),
        ("static later query, p50 / max (gzip)", lambda f: f"{_kb(f.later_p50)} / {_kb(f.later_max)}"),
        ("static first pinyin query, p50 / max", lambda f: f"{_kb(f.pinyin_p50)} / {_kb(f.pinyin_max)}"
         f" ({f.pinyin_queries})"),
        ("static query in Node, p50", lambda f: "–" if f.js_p50_ms is None else f"{f.js_p50_ms:.1f} ms"),
    ]
    header = ["", *[f.name for f in results]]
    body = [[label, *[fn(f) for f in results]] for label, fn in rows]
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(header, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |" for row in body]
    notes = [f"Budgets: first query ≤ {FIRST_QUERY_BUDGET // 1024} KB, later query ≤ "
             f"{LATER_QUERY_BUDGET // 1024} KB, first pinyin query ≤ {FIRST_QUERY_BUDGET // 1024} KB, live p99 < "
             f"{LIVE_P99_BUDGET_MS} ms (tokenize.js + search.js: {_kb(script_bytes())} gzip)."]
    for f in results:
        checks = [("first query", f.first_max, FIRST_QUERY_BUDGET), ("later query", f.later_max, LATER_QUERY_BUDGET),
                  ("first pinyin query", f.pinyin_max, FIRST_QUERY_BUDGET)]
        verdicts = [f"{what} {'within' if worst <= budget else 'OVER'}" for what, worst, budget in checks
                    if worst is not None]
        verdicts.append(f"live p99 {'within' if f.p99_ms < LIVE_P99_BUDGET_MS else 'OVER'}")
        notes.append(f"{f.name}: " + ", ".join(verdicts) + ".")
    if not with_node:
        notes.append("node is not on PATH: the static figures were skipped.")
    return "\n".join(lines + [""] + notes)
