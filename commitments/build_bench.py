"""`python3 build.py bench --build`: what the static build costs as a site grows.

For N reports (1, 8, 32 by default) it makes a synthetic site from real reports only:
content/ (the bundled report) plus N - 1 reports of ../shared/corpus added with
add-report under new names, repeated under a numbered name once all are used, so
nothing is invented. Each build runs in a fresh process, so its figures are its own:
pages, files, wall and processor seconds (the workers' included; of them, the kernel's), processor
milliseconds a page, peak memory (the largest process) and the size of site/. Then
the incremental figures: a rebuild with nothing changed, and one after an edit to one
commitment's English, with the files each rewrote.
"""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Figures:
    pages: int
    files: int
    written: int
    wall: float
    cpu: float
    #: of ``cpu``, the kernel's: mostly creating the site's files and folders, whose cost
    #: on a disk depends on its state (a tree of files just removed makes new ones dearer)
    system: float
    peak_mb: float
    site_mb: float

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.cpu / max(self.pages, 1)


def corpus_slug(path: Path, round_: int) -> str:
    """A corpus file's report name, like 2022-anguo; from the second round on, 2022-anguo-2."""
    parts = path.stem.split("_")  # e.g. guangdong_province_2026, state_council_2021_wikisource
    year = next(p for p in parts if p.isdigit() and len(p) == 4)
    place = "state-council" if parts[0] == "state" else parts[0]
    return f"{year}-{place}" + (f"-{round_ + 1}" if round_ else "")


def synthetic_content(content_dir: Path, reports: int, destination: Path, corpus: Path = CORPUS) -> Path:
    """content/ with `reports` reports in all: its own and copies of the corpus reports."""
    from .importer import add_report

    sources = sorted(corpus.glob("*.txt"))
    if reports > 1 and not sources:
        raise SystemExit(f"error: no reports in {corpus} to make a site of {reports} reports from")
    shutil.copytree(content_dir, destination)
    for i in range(reports - 1):
        source = sources[i % len(sources)]
        add_report(destination, source, corpus_slug(source, i // len(sources)))
    return destination


def edit_one_english(content_dir: Path) -> Path:
    """Change the English of one commitment that has English (as an editor would)."""
    for path in sorted(content_dir.glob("reports/*/en/*.md")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"status: translated", text):
            path.write_text(text.rstrip("\n") + " (Edited.)\n", encoding="utf-8")
            return path
    raise SystemExit("error: no commitment with English to edit")


def measure(content_dir: Path, site: Path, workers: int | None, incremental: bool) -> Figures:
    """Build in a fresh process and return its figures."""
    command = [sys.executable, "-m", "commitments.build_bench", "--child", str(content_dir), str(site),
               str(workers or 0), "1" if incremental else "0"]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"error: the build failed:\n{proc.stderr.strip()}")
    return Figures(**json.loads(proc.stdout.strip().splitlines()[-1]))


def _child(content_dir: Path, site: Path, workers: int, incremental: bool) -> None:
    from .build import build_site

    started_wall = time.perf_counter()
    result = build_site(content_dir, site, workers=workers or None, incremental=incremental)
    wall = time.perf_counter() - started_wall
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    system = own.ru_stime + children.ru_stime
    cpu = own.ru_utime + children.ru_utime + system
    peak = max(own.ru_maxrss, children.ru_maxrss) / 1024  # Linux: kilobytes
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    print(json.dumps({"pages": result.pages, "files": result.files, "written": result.written, "wall": wall,
                      "cpu": cpu, "system": system, "peak_mb": peak, "site_mb": size}))


def disk_of(folder: Path, mountinfo: Path = Path("/proc/self/mountinfo"),
            journals: Path = Path("/proc/fs/jbd2")) -> str:
    """The type of the filesystem ``folder`` is on, and for ext4 whether it keeps a
    journal: without one, the kernel makes every new file dearer for minutes after a
    large removal (see run). Empty where Linux does not say."""
    try:
        device = folder.stat().st_dev
        wanted = f"{os.major(device)}:{os.minor(device)}"
        for line in mountinfo.read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) > 2 and fields[2] == wanted and "-" in fields[3:]:
                kind, source = (fields[fields.index("-", 3) + 1:] + ["", ""])[:2]
                if kind != "ext4" or not journals.is_dir():
                    return kind
                name = os.path.basename(source)
                journaled = any(entry.name.startswith(f"{name}-") for entry in journals.iterdir())
                return "ext4" if journaled else "ext4 without a journal"
    except (OSError, ValueError):
        pass
    return ""


def run(content_dir: Path, sizes: tuple[int, ...] = (1, 8, 32), workers: int | None = None) -> None:
    print(f"Build benchmark: synthetic sites of real reports, {workers or os.cpu_count()} worker(s), "
          f"{os.cpu_count()} core(s); load average {os.getloadavg()[0]:.1f} (other work on the machine "
          "slows every figure).")
    work = Path(tempfile.gettempdir())
    disk = disk_of(work)
    print(f"Built in {work}{f' ({disk})' if disk else ''}; TMPDIR chooses another folder.")
    if disk == "ext4 without a journal":
        print("On such a disk a run started within minutes of a large removal (the previous run's, say) "
              "pays for it in the kernel's time, the system column.")
    header = (f"{'reports':>7} {'pages':>6} {'files':>6} {'wall s':>7} {'CPU s':>7} {'system':>6} {'CPU ms/page':>11} "
              f"{'peak MB':>7} {'site MB':>7}  again, nothing changed | one English edit: wall s, CPU s, files written")
    print(header)
    rows = []
    # Every size's folder is removed at the end, not before the next size is built: on
    # ext4 without a journal, a new file or folder costs up to twenty times as much for
    # one to six minutes after tens of thousands were removed (the inode allocator passes
    # over each recently freed inode), and that would be the benchmark's doing.
    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        for n in sizes:
            content = synthetic_content(content_dir, n, Path(tmp) / f"{n}" / "content")
            site = Path(tmp) / f"{n}" / "site"
            full = measure(content, site, workers, incremental=False)
            unchanged = measure(content, site, workers, incremental=True)
            edit_one_english(content)
            edited = measure(content, site, workers, incremental=True)
            rows.append((n, full))
            print(f"{n:>7} {full.pages:>6} {full.files:>6} {full.wall:>7.1f} {full.cpu:>7.1f} "
                  f"{full.system:>6.1f} {full.cpu_ms_per_page:>11.2f} {full.peak_mb:>7.0f} {full.site_mb:>7.1f}  "
                  f"{unchanged.wall:.1f} s, {unchanged.cpu:.1f} s, {unchanged.written} | "
                  f"{edited.wall:.1f} s, {edited.cpu:.1f} s, {edited.written}", flush=True)
    if len(rows) >= 2:
        (n1, a), (n2, b) = rows[-2], rows[-1]
        # Linear in the reports from the two largest sizes: what 300 reports would take.
        def at(x, y1, y2):
            return y1 + (y2 - y1) * (300 - n1) / (n2 - n1)
        print(f"Extrapolated to 300 reports: {at(n1, a.pages, b.pages):,.0f} pages, "
              f"{at(n1, a.wall, b.wall) / 60:.0f} min wall, {at(n1, a.cpu, b.cpu) / 60:.0f} min CPU, "
              f"{at(n1, a.peak_mb, b.peak_mb):,.0f} MB peak, {at(n1, a.site_mb, b.site_mb):,.0f} MB site/.")


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    _child(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1")
