"""The static build in parallel and incrementally gives the site a serial full build gives,
byte for byte, on the bundled report and two reports of ../shared/corpus."""
import hashlib
import json
import os
import shutil

import pytest

from commitments.build import build_site
from commitments.errors import ContentError
from commitments.freeze import manifest_path
from commitments.importer import add_report

from .conftest import CONTENT, ROOT, SHARED

CORPUS = SHARED / "corpus"
ADDED = (("anguo_city_2022.txt", "2022-anguo"), ("guangdong_province_2026.txt", "2026-guangdong"))
#: Every file of the serial build below, by path: the first 16 hex digits of its sha256.
RECORDED = ROOT / "tests" / "data" / "three_reports_site.json"
EDITED = CONTENT / "reports" / "2021-changshu" / "en" / "2021-changshu-2-3-1.md"


def files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def differences(a, b):
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def copy_of_build(three_reports, tmp_path):
    """A copy of the content and of its serial build with its record, to change."""
    content, serial_site, _ = three_reports
    copy, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(content, copy)
    shutil.copytree(serial_site, site)
    shutil.copy(manifest_path(serial_site), manifest_path(site))
    return copy, site


@pytest.fixture(scope="module")
def three_reports(tmp_path_factory):
    if not all((CORPUS / name).is_file() for name, _ in ADDED):
        pytest.skip("../shared/corpus is not beside the project")
    root = tmp_path_factory.mktemp("incremental")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    for name, slug in ADDED:
        add_report(content, CORPUS / name, slug)
    serial = root / "serial"
    build_site(content, serial, workers=1, incremental=False)
    return content, serial, files(serial)


def test_the_site_is_the_recorded_one(three_reports):
    """Making pages cheaper must not change a byte of them: the build equals the one
    recorded before. A change meant to alter the site records it anew, with
    RECORD_SITE=1 python3 -m pytest tests/test_incremental_build.py -k recorded,
    and the diff of the record shows which files it changed."""
    built = {path: hashlib.sha256(data).hexdigest()[:16] for path, data in sorted(three_reports[2].items())}
    if os.environ.get("RECORD_SITE"):
        RECORDED.write_text(json.dumps(built, indent=0, sort_keys=True), encoding="utf-8")
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert differences(built, recorded) == []


def test_a_parallel_build_is_the_serial_build(three_reports, tmp_path):
    content, _, serial = three_reports
    parallel = tmp_path / "site"
    result = build_site(content, parallel, workers=3, incremental=False)
    assert differences(files(parallel), serial) == []
    assert result.files == result.written == len(serial) and result.pages > 1000


def test_a_rebuild_with_nothing_changed_writes_nothing(three_reports, tmp_path):
    serial = three_reports[2]
    content, site = copy_of_build(three_reports, tmp_path)
    result = build_site(content, site)
    assert result.written == 0 and result.files == len(serial) and result.reports == 3
    assert differences(files(site), serial) == []


def test_an_edit_rewrites_only_what_shows_it_and_gives_the_full_build(three_reports, tmp_path):
    serial = three_reports[2]
    copy, site = copy_of_build(three_reports, tmp_path)
    edited = copy / EDITED.relative_to(CONTENT)
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + " (Edited.)\n", encoding="utf-8")

    result = build_site(copy, site, workers=2)
    after = files(site)
    full = tmp_path / "full"
    build_site(copy, full, workers=1, incremental=False)
    assert differences(after, files(full)) == []
    changed = differences(after, serial)
    assert "en/commitments/2021-changshu-2-3-1/index.html" in changed
    # The other reports' commitment pages show nothing of it: kept, not frozen again.
    assert 0 < len(changed) <= result.written < result.files
    kept = [name for name in serial if name.startswith("en/commitments/2022-anguo")]
    assert kept and result.written <= result.files - len(kept)
    assert json.loads(manifest_path(site).read_text(encoding="utf-8"))["inputs"]


def test_a_change_every_page_shows_rebuilds_every_page(three_reports, tmp_path):
    serial = three_reports[2]
    copy, site = copy_of_build(three_reports, tmp_path)
    settings = copy / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("常熟市2021年政府承诺", "常熟市政府承诺"),
                        encoding="utf-8")
    result = build_site(copy, site, workers=2)
    assets = sum(1 for p in (ROOT / "static").rglob("*") if p.is_file())
    # Stylesheets, scripts and the icon are code only; the search files are written
    # where their bytes change (the site's name is in none of them).
    after = files(site)
    search = [name for name in after if name.startswith("search-index/")]
    assert differences({n: after[n] for n in search}, {n: serial[n] for n in search}) == []
    assert result.written == result.files - assets - len(search)
    assert "常熟市政府承诺" in (site / "zh" / "index.html").read_text(encoding="utf-8")


def test_a_site_that_lost_a_file_is_built_in_full(three_reports, tmp_path):
    serial = three_reports[2]
    content, site = copy_of_build(three_reports, tmp_path)
    (site / "zh" / "index.html").unlink()
    result = build_site(content, site)
    assert result.written == result.files and differences(files(site), serial) == []


def test_a_report_checked_by_the_previous_build_is_not_planned_again(three_reports, tmp_path, monkeypatch):
    from commitments import importer

    content, site = copy_of_build(three_reports, tmp_path)
    edited = content / EDITED.relative_to(CONTENT)
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + " (Edited.)\n", encoding="utf-8")
    planned = []
    plan_report = importer.plan_report
    monkeypatch.setattr(importer, "plan_report", lambda plan, folder, topics: planned.append(folder.name)
                        or plan_report(plan, folder, topics))
    build_site(content, site, workers=1)
    assert planned == ["2021-changshu"]
    # A commitment file that lags behind its report is still found in a folder checked before.
    other = next((content / "reports" / "2022-anguo" / "zh").glob("*.md"))
    other.unlink()
    with pytest.raises(ContentError, match="not up to date"):
        build_site(content, site, workers=1)
    assert planned[-1] == "2022-anguo"


def inodes(site):
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def test_an_english_edit_rewrites_only_the_files_that_show_that_english(three_reports, tmp_path):
    """Each page is hashed with the English it read when rendered: an edit to one
    commitment's English rewrites the English pages that show it (its own, its item's
    other sentences, its report and topics), the English feeds that list it and the data
    files, and of the search index only the files whose bytes change; nothing in Chinese."""
    serial = three_reports[2]
    copy, site = copy_of_build(three_reports, tmp_path)
    before = inodes(site)
    edited = copy / EDITED.relative_to(CONTENT)
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + " (Edited.)\n", encoding="utf-8")
    result = build_site(copy, site, workers=2)
    after = files(site)
    rewritten = {name for name, ino in inodes(site).items() if before.get(name) != ino}
    changed = set(differences(after, serial))
    assert changed <= rewritten and len(rewritten) == result.written
    assert {name.split("/")[0] for name in rewritten} <= {"en", "data", "search-index"}
    assert {n for n in rewritten if n.startswith("search-index/")} == {n for n in changed if n.startswith("search-index/")}
    assert "en/commitments/2021-changshu-2-3-1/index.html" in changed
    assert "en/index.html" not in rewritten and "en/commitments/2021-changshu-5-3-1/index.html" not in rewritten
    assert len(rewritten) < 60
    full = tmp_path / "full"
    build_site(copy, full, workers=1, incremental=False)
    assert differences(after, files(full)) == []


def test_the_spare_site_is_made_into_the_next_one(three_reports, tmp_path):
    """A build keeps the site it replaced beside the new one (.site.spare) and the next
    build brings that one up to date and swaps it in: after two edits in a row (the
    second made in the spare the first left), the full build's site."""
    content, site = copy_of_build(three_reports, tmp_path)
    edited = content / EDITED.relative_to(CONTENT)
    for n in (1, 2):
        edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + f" (Edit {n}.)\n", encoding="utf-8")
        result = build_site(content, site, workers=1)
        assert result.written < result.files
        assert (tmp_path / ".site.spare").is_dir() and manifest_path(tmp_path / ".site.spare").is_file()
    full = tmp_path / "full"
    build_site(content, full, workers=1, incremental=False)
    assert differences(files(site), files(full)) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")) == []


def test_a_report_read_by_the_previous_build_is_not_read_again(three_reports, tmp_path, monkeypatch):
    """Each report's checked commitments are kept beside the site under a hash of what
    they were read from (commitments/entry_cache.py): an edit reads its report's files
    again (the import check reads them, and the library takes them from it), not the
    others; a mistake in another report is still found."""
    from commitments import content as content_files

    content, site = copy_of_build(three_reports, tmp_path)
    build_site(content, site, workers=1)  # nothing changed: returns before reading anything
    edited = content / EDITED.relative_to(CONTENT)
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + " (Edited.)\n", encoding="utf-8")
    read = []  # the report of each commitment file read, by the check or the library
    read_content_file = content_files.read_content_file
    monkeypatch.setattr(content_files, "read_content_file", lambda path: read.append(path.parent.parent.name)
                        or read_content_file(path))
    build_site(content, site, workers=1)
    assert sorted(set(read)) == ["2021-changshu", "2022-anguo", "2026-guangdong"]  # the copied site's build kept none
    read.clear()
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + " (Edited again.)\n", encoding="utf-8")
    build_site(content, site, workers=1)
    assert sorted(set(read)) == ["2021-changshu"]
    other = next((content / "reports" / "2022-anguo" / "en").glob("*.md"))
    other.write_text("---\nid: [broken\n---\n", encoding="utf-8")
    with pytest.raises(ContentError, match="invalid YAML"):
        build_site(content, site, workers=1)


def test_an_edit_of_a_commitments_topics_and_status_changes_which_pages_exist(three_reports, tmp_path):
    """Pages come and go with an editor's topics and progress: a topic gains a card (and
    the report a page of that topic), a status page appears for each of the commitment's
    topics. The incremental build gives the full build's site; put back, the site it
    had (the serial build of the fixture), pages gone included."""
    from commitments.library import load_library

    serial = three_reports[2]
    content, site = copy_of_build(three_reports, tmp_path)
    library = load_library(content)
    entry = library.entry("2021-changshu-2-3-1")
    own = {slug for e in library.edition("2021-changshu").entries for slug in e.commitment.topics}
    added = next(t.slug for t in library.used_topics if t.slug not in own)  # new to the report
    statuses = {library.progress(e.commitment.id).status for e in library.entries()}
    status = next(s for s in ("stalled", "not-achieved", "partly-achieved", "achieved", "in-progress") if s not in statuses)
    card = content / "reports" / "2021-changshu" / "zh" / "2021-changshu-2-3-1.md"
    progress = content / "reports" / "2021-changshu" / "progress.yaml"
    before = card.read_text(encoding="utf-8"), progress.read_text(encoding="utf-8")
    dropped = entry.commitment.topics[-1]
    card.write_text(before[0].replace(f"topics:\n- {entry.commitment.topics[0]}\n",
                                      f"topics:\n- {added}\n- {entry.commitment.topics[0]}\n", 1)
                    .replace(f"- {dropped}\ntopics_by", "topics_by", 1), encoding="utf-8")
    progress.write_text(before[1] + f"""
2021-changshu-2-3-1:
  status: {status}
  updates:
    - date: 2021-09-01
      status: {status}
      source: https://example.gov.cn/progress.html
      note: {{zh: 进展说明。, en: A note on progress.}}
""", encoding="utf-8")
    edited = load_library(content).entry("2021-changshu-2-3-1")
    assert added in edited.commitment.topics and dropped not in edited.commitment.topics

    build_site(content, site, workers=2)
    after = files(site)
    full = tmp_path / "full"
    build_site(content, full, workers=2, incremental=False)
    assert differences(after, files(full)) == []
    appeared = sorted(set(after) - set(serial))
    assert f"en/reports/2021-changshu/topics/{added}/index.html" in appeared
    assert f"zh/topics/{added}/status/{status}/index.html" in appeared

    card.write_text(before[0], encoding="utf-8")
    progress.write_text(before[1], encoding="utf-8")
    build_site(content, site, workers=2)
    assert differences(files(site), serial) == []  # the pages that appeared are gone again


def test_a_card_made_by_the_live_server_still_tells_the_build_the_english_it_shows(tmp_path):
    """Topic pages keep each card once made (web/lists.py): one first made for a live
    request, which records nothing, is counted with its English when a build shows it."""
    from commitments.freeze import freeze_urls
    from commitments.web import create_app

    url = "/en/topics/jobs/"
    app = create_app(CONTENT)
    assert app.test_client().get(url).status_code == 200
    reads = freeze_urls(app, tmp_path / "after-live", [url])[url]
    assert reads == freeze_urls(create_app(CONTENT), tmp_path / "fresh", [url])[url]
    assert ("2021-changshu", "s5-i3-1") in reads  # the card of 2021-changshu-5-3-1
