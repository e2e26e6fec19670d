"""`python3 build.py bench --build` (issue 16): it builds a site of real reports and
prints its figures, and says what disk it built on, since on ext4 without a journal the
kernel's part of the figures depends on what was removed there in the last minutes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from commitments.build_bench import disk_of

ROOT = Path(__file__).resolve().parents[1]


def test_the_build_benchmark_prints_its_figures():
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "bench", "--build", "--reports", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Built in ")
    header = next(n for n, line in enumerate(lines) if line.split()[:3] == ["reports", "pages", "files"])
    row = lines[header + 1].split()
    # reports, pages, files, wall, CPU, system, ms/page, peak MB, site MB, then the rebuilds
    assert row[0] == "1" and int(row[1]) > 200 and int(row[2]) > int(row[1])
    pages, cpu = int(row[1]), float(row[4])
    assert abs(float(row[6]) - 1000 * cpu / pages) <= 50 / pages + 0.01  # CPU s is printed to 0.1 s
    unchanged, edited = lines[header + 1].split("  ")[-1].split(" | ")
    assert unchanged.endswith(", 0")  # nothing changed: nothing written
    assert int(edited.rsplit(", ", 1)[1]) > 0  # the edited commitment's pages and what lists it


def _mountinfo_line(folder: Path, kind: str, source: str) -> str:
    device = folder.stat().st_dev
    return f"36 1 {os.major(device)}:{os.minor(device)} / / rw,relatime shared:1 - {kind} {source} rw"


def test_the_disk_is_named_with_its_journal(tmp_path):
    journals = tmp_path / "jbd2"
    journals.mkdir()
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text("22 1 0:21 / /proc rw - proc proc rw\n"
                         + _mountinfo_line(tmp_path, "ext4", "/dev/vda") + "\n", encoding="utf-8")
    assert disk_of(tmp_path, mountinfo, journals) == "ext4 without a journal"
    (journals / "vda-8").mkdir()
    assert disk_of(tmp_path, mountinfo, journals) == "ext4"
    mountinfo.write_text(_mountinfo_line(tmp_path, "tmpfs", "tmpfs") + "\n", encoding="utf-8")
    assert disk_of(tmp_path, mountinfo, journals) == "tmpfs"
    assert disk_of(tmp_path, tmp_path / "missing", journals) == ""  # not Linux: nothing said
