#!/usr/bin/env python3
"""The one command: set up, import the report, build the site.

    python3 build.py            build the static site into site/ from content/ (only the pages
                                whose inputs changed; --full: all; --workers N: processes)
    python3 build.py serve      run the live site for editors on http://127.0.0.1:5000
                                (--production: gunicorn, for the public)
    python3 build.py import     bring content/ up to date with the reports (--dry-run to only show)
    python3 build.py translations   translation coverage; lists missing and outdated items
    python3 build.py inspect PATH   the parsed outline of a report (sections, items, furniture)
    python3 build.py add-report PATH NAME   copy a report into content/ with detected metadata
    python3 build.py outcomes-review   what the next year's report says of each commitment, for an
                                editor to check: list the suggestions, --accept ID or --reject ID
    python3 build.py test       install what the tests need and run the whole suite
    python3 build.py bench      what search costs: index build and size, query latency, static
                                download per query, on the report and on 100 times it
                                (--reports 32: also on a site of 32 real reports;
                                --load: the live server under 50 concurrent clients;
                                --build: the static build of sites of 1, 8 and 32 reports)

The first run creates a virtual environment in .venv with the pinned packages of
requirements.txt (requirements-dev.txt for `test`) and re-runs itself inside it.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


# ------------------------------------------------------------------ set-up


def ensure_environment(requirements: str) -> None:
    """Re-run this script inside .venv with `requirements` installed."""
    python = VENV / "bin" / "python"
    wanted = ROOT / requirements
    digest = hashlib.sha256(_requirements_text(wanted).encode()).hexdigest()[:16]
    stamp = VENV / f".installed-{wanted.stem}-{digest}"
    inside = Path(sys.prefix).resolve() == VENV.resolve()
    if inside and stamp.exists():
        return
    if not python.exists():
        print("Creating .venv …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not stamp.exists():
        print(f"Installing {requirements} into .venv …", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", str(wanted)], check=True)
        stamp.touch()
    os.execv(str(python), [str(python), str(ROOT / "build.py"), *sys.argv[1:]])


def _requirements_text(path: Path) -> str:
    """The file with the files it includes (-r), so a change to either reinstalls."""
    text = path.read_text()
    for line in text.splitlines():
        if line.startswith("-r "):
            text += _requirements_text(path.parent / line[3:].strip())
    return text


# ------------------------------------------------------------------ commands


def command_import(args) -> int:
    from commitments.content import write_plan
    from commitments.importer import plan_import, summary

    planned = plan_import(args.content)
    print(f"{planned.reports} report(s), {planned.commitments} commitments.")
    for line in summary(planned.changes, args.content):
        print(line)
    if not planned.changes:
        print("Content is up to date: nothing to write.")
    elif args.dry_run:
        print(f"{len(planned.changes)} file(s) would change; nothing written (--dry-run).")
    else:
        written, removed = write_plan(planned.plan)
        print(f"Wrote {written} file(s), removed {removed}.")
    return 0


def command_build(args) -> int:
    from commitments.build import build_site
    from commitments.publish import published_address

    address = published_address(args.content / "site.yaml", args.base_url, args.publish)
    result = build_site(args.content, args.site, base_url=address.base_url, workers=args.workers,
                        incremental=not args.full)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    kept = f" ({result.written} written, the others unchanged)" if result.written < result.files else ""
    print(f"Built {args.site.name}/ from {result.reports} report(s), {result.commitments} commitments: "
          f"{result.pages} pages, {result.files} files{kept} in {result.seconds:.1f} s.")
    if address.preview:
        print(f"This is a preview, not for publishing: its sitemap, feeds and canonical links name "
              f"{address.base_url}. To publish, set base_url in {args.content.name}/site.yaml or run "
              "'python3 build.py --publish --base-url https://example.org/commitments/' with your address.")
    else:
        print(f"Ready to publish at {address.base_url}")
    return 0


def command_translations(args) -> int:
    from commitments.coverage import format_report, summary
    from commitments.library import load_library

    print(format_report(summary(load_library(args.content))))
    return 0


def command_add_report(args) -> int:
    from commitments.importer import add_report

    folder = add_report(args.content, Path(args.path), args.name, args.source_url,
                        {"place": args.place, "title": args.title, "year": args.year})
    print(f"Added {folder} and its content files. Check {folder / 'report.yaml'} and "
          f"'python3 build.py inspect {folder}', then run 'python3 build.py'.")
    return 0


def command_inspect(args) -> int:
    from commitments.inspect import main as inspect_main

    return inspect_main(args.path)


def command_outcomes(args) -> int:
    import json

    from commitments.extract import extract_commitments
    from commitments.inspect import read
    from commitments.outcomes import link_outcomes, outcome_record

    earlier, later = read(Path(args.earlier)), read(Path(args.later))
    for outcome in link_outcomes(extract_commitments(earlier, ()), later):
        record = outcome_record(outcome)
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(f"{record['id']}  {record['status']}  {record['commitment']}")
            for evidence in record["evidence"]:
                print(f"    ← {evidence}")
    return 0


def command_outcomes_review(args) -> int:
    import datetime as dt

    from commitments.errors import ContentError
    from commitments.library import load_library
    from commitments.review import accept, list_suggestions, reject

    if args.status and args.accept is None:
        raise ContentError("--status goes with --accept ID")
    date = None
    if args.date:
        if args.accept is None:
            raise ContentError("--date goes with --accept ID")
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise ContentError(f"--date {args.date!r} is not a date written YYYY-MM-DD") from None
    library = load_library(args.content)
    if args.accept is not None:  # "" too: an id, wrong, not no option
        print(accept(library, args.accept, args.status, date))
    elif args.reject is not None:
        print(reject(library, args.reject))
    else:
        print(list_suggestions(library, args.report))
    return 0


def command_serve(args) -> int:
    from commitments.errors import ContentError
    from commitments.publish import published_address
    from commitments.web import create_app
    from commitments.web.server import run_development, run_production

    if args.production and args.debug:
        raise ContentError("--debug is for the development server, not with --production")
    # In production the published address is required, as for a build to publish; the
    # Host header is believed only for that address and --trusted-host.
    address = published_address(args.content / "site.yaml", args.base_url, args.production)
    trusted = list(args.trusted_host or [])
    if args.production:
        from urllib.parse import urlsplit
        trusted.insert(0, urlsplit(address.base_url).hostname)
    app = create_app(args.content, BASE_URL=address.base_url, PROXY_HOPS=args.proxy,
                     TRUSTED_HOSTS=trusted or None)
    if args.production:
        run_production(app, args.host, args.port, args.workers, args.threads)
    else:
        run_development(app, args.host, args.port, args.debug, ROOT)
    return 0


def command_bench(args) -> int:
    if args.load:
        from commitments.web.loadtest import run as run_load

        run_load(args.content, server=args.server, workers=args.workers, threads=args.threads, clients=args.clients,
                 seconds=args.seconds, search_share=args.search_share, keepalive=args.keepalive)
        return 0
    if args.build:
        from commitments.build_bench import run as run_build

        run_build(args.content, sizes=tuple(args.reports or (1, 8, 32)), workers=args.workers)
        return 0
    from commitments.search.bench import run

    run(args.content, times=args.times, reports=args.reports or ())
    return 0


def command_test(args) -> int:
    # The browser tests need Debian's Chromium, Java (for the HTML validator) and the
    # npm packages (axe-core, Lighthouse): installed by the project's own script.
    env = dict(os.environ)
    installed = subprocess.call(["bash", str(ROOT / "scripts" / "install-browser-deps.sh")], cwd=ROOT) == 0
    if os.environ.get("CI"):
        if not installed:
            print("error: could not install the browser test tools", file=sys.stderr)
            return 1
        env["REQUIRE_BROWSER_TESTS"] = "1"  # in CI a skipped browser test is a failure
    elif not installed:
        print("warning: browser test tools not installed: tests/browser will be skipped", file=sys.stderr)
    # One test process per core (pytest-xdist), each taking whole files, so that a file's
    # servers and built sites are set up once; `-n 0` runs everything in this process.
    parallel = [] if any(a.startswith(("-n", "--numprocesses")) for a in args.pytest_args) \
        else ["-n", "auto", "--dist", "loadfile"]
    # pytest exits 5 when it collects nothing; that is a failure here too.
    return subprocess.call([sys.executable, "-m", "pytest", *parallel, *args.pytest_args], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="output folder (default: site/)")
    parser.add_argument("--base-url", help="the address the site is published at, like https://example.org/commitments/ "
                        "(default: content/site.yaml's base_url)")
    parser.add_argument("--publish", action="store_true",
                        help="build to publish: refuse the preview address (127.0.0.1, localhost)")
    sub = parser.add_subparsers(dest="command")
    p_build = sub.add_parser("build", help="build site/ from content/ (the default)")
    for p in (parser, p_build):  # before or after the word build; absent after it, as given before
        p.add_argument("--workers", type=int, default=None if p is parser else argparse.SUPPRESS,
                       help="processes that render pages (default: one per core)")
        p.add_argument("--full", action="store_true", default=False if p is parser else argparse.SUPPRESS,
                       help="build every page again, not only those whose inputs changed")
    p_import = sub.add_parser("import", help="bring content/ up to date with the reports and topics.yaml: "
                              "show every change with its reason, then write")
    p_import.add_argument("--dry-run", action="store_true", help="show the changes without writing anything")
    p_add = sub.add_parser("add-report", help="copy a report into content/ with metadata read from its text")
    p_add.add_argument("path", help="the report as published: a UTF-8 or GB18030 text file")
    p_add.add_argument("name", help="the report's name in web addresses, like 2022-anguo")
    p_add.add_argument("--source-url", default="", help="the web address the report was copied from")
    p_add.add_argument("--place", help="the place, in Chinese, when the text does not say it (like 常熟市)")
    p_add.add_argument("--title", help="the title, in Chinese, when the text does not say it")
    p_add.add_argument("--year", type=int, help="the report's year, when the text does not say it")
    p_inspect = sub.add_parser("inspect", help="print the parsed outline of a report, to check an import")
    p_inspect.add_argument("path", help="a report.txt, or a folder with report.txt and report.yaml")
    p_outcomes = sub.add_parser("outcomes", help="link a report's commitments to what the next year's report says of them")
    p_outcomes.add_argument("earlier", help="the earlier report (a report.txt, or a report folder)")
    p_outcomes.add_argument("later", help="the next year's report of the same government")
    p_outcomes.add_argument("--json", action="store_true",
                            help="one JSON object per commitment: commitment, evidence, status, …")
    p_review = sub.add_parser("outcomes-review", help="check what the next year's report says of each commitment: "
                              "list the suggestions, accept or reject one")
    p_review.add_argument("--report", help="only the pair this report (a slug) is the earlier or later of")
    decide = p_review.add_mutually_exclusive_group()
    decide.add_argument("--accept", metavar="ID", help="record the suggestion for this commitment as a progress update")
    decide.add_argument("--reject", metavar="ID", help="remember that the suggestion is wrong; it is not shown again")
    p_review.add_argument("--status", help="with --accept: the status to record (needed when the suggestion is unclear)")
    p_review.add_argument("--date", help="with --accept: the update's date when report.yaml gives none (YYYY-MM-DD)")
    sub.add_parser("translations", help="print translation coverage, missing and outdated items")
    p_serve = sub.add_parser("serve", help="run the live site for editors")
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--port", type=int, default=5000)
    p_serve.add_argument("--debug", action="store_true",
                         help="reload when content, templates or catalogs change, and show debug pages (this machine only)")
    p_serve.add_argument("--production", action="store_true",
                         help="serve with gunicorn, for the public (needs the published address: --base-url or site.yaml)")
    p_serve.add_argument("--workers", type=int, default=None,
                         help="with --production: worker processes (default: one per core, plus one)")
    p_serve.add_argument("--threads", type=int, default=1,
                         help="with --production: threads per worker (default 1: one request at a time, "
                         "behind a buffering proxy; more keeps idle connections open)")
    p_serve.add_argument("--proxy", type=int, default=0, metavar="N",
                         help="believe X-Forwarded-For/-Proto/-Host/-Prefix from N reverse proxies (default 0: none)")
    p_serve.add_argument("--trusted-host", action="append", metavar="NAME",
                         help="also answer requests for this host name (with --production the published "
                         "address's host is always trusted; repeat for more)")
    p_bench = sub.add_parser("bench", help="search benchmark: index, latency, bytes per static query")
    p_bench.add_argument("--times", type=int, default=100, help="size of the synthetic corpus, in reports (default 100)")
    p_bench.add_argument("--build", action="store_true",
                         help="instead: what the static build costs on sites of --reports reports, in full and "
                         "incrementally (pages, seconds, CPU ms a page, memory, size)")
    p_bench.add_argument("--reports", type=int, nargs="+", default=None,
                         help="with --build: the sites' sizes in reports (default 1 8 32); without: also measure "
                         "the search on sites of that many real reports, made as --build makes them")
    p_bench.add_argument("--load", action="store_true",
                         help="instead: the live server under load (requests/s, p50, p99, errors)")
    p_bench.add_argument("--server", choices=("production", "development"), default="production",
                         help="with --load: which server to start (default production)")
    p_bench.add_argument("--workers", type=int, default=None,
                         help="with --load: the production server's workers (default: one per core, plus "
                         "one); with --build: "
                         "the build's (default: one per core)")
    p_bench.add_argument("--threads", type=int, default=1, help="with --load: threads per worker (default 1)")
    p_bench.add_argument("--keepalive", action="store_true",
                         help="with --load: keep connections open (default: one a request, as from a reverse proxy)")
    p_bench.add_argument("--clients", type=int, default=50, help="with --load: concurrent clients (default 50)")
    p_bench.add_argument("--seconds", type=float, default=20, help="with --load: how long to drive it (default 20)")
    p_bench.add_argument("--search-share", type=float, default=0.8,
                         help="with --load: the share of requests that are searches, 0 to 1 (default 0.8)")
    p_test = sub.add_parser("test", help="run the whole test suite")
    p_test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command or "build"

    ensure_environment("requirements-browser.txt" if command == "test" else "requirements.txt")
    sys.path.insert(0, str(ROOT))
    from commitments.errors import ContentError

    handlers = {"build": command_build, "import": command_import, "serve": command_serve,
                "translations": command_translations, "inspect": command_inspect,
                "add-report": command_add_report, "bench": command_bench, "test": command_test,
                "outcomes": command_outcomes, "outcomes-review": command_outcomes_review}
    try:
        return handlers[command](args)
    except ContentError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
