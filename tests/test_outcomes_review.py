"""Editors confirm what the next year's report says: `build.py outcomes-review` lists
the suggestions, accepts one as a progress update or rejects it for good; a mistake
gets one line and exit code 1, and nothing is written."""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from commitments.errors import ContentError
from commitments.library import load_library
from commitments.progress import load_progress
from commitments.review import accept, list_suggestions, reject
from commitments.web import create_app

from .conftest import ROOT, today_is
from .songling import EARLIER, FARMS, HEADLINE, KINDERGARTENS, LATER, ROAD, SEWAGE, TODAY, songling_content

in_2029 = today_is(TODAY)
HEADER = "# Progress, kept by editors.\n# Every line here stays as it is.\n"


@pytest.fixture()
def content(tmp_path):
    return songling_content(tmp_path / "content")


def folder(content):
    return content / "reports" / EARLIER


def run(content, *args):
    """The command as an editor types it: (exit code, stdout, stderr)."""
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "outcomes-review", *args],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def page(content, url):
    response = create_app(content, TESTING=True).test_client().get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_command_lists_each_pairs_suggestions_by_confidence(content):
    code, out, err = run(content)
    assert code == 0 and not err
    assert out.startswith(f"{EARLIER} → {LATER}: ")
    ids = [line.split()[0] for line in out.splitlines() if line.startswith(EARLIER + "-")]
    assert HEADLINE in ids and KINDERGARTENS in ids and FARMS in ids and SEWAGE not in ids
    confidences = [float(line.rsplit(" ", 1)[1]) for line in out.splitlines() if line.startswith(EARLIER + "-")]
    assert confidences == sorted(confidences, reverse=True)
    block = out[out.index(HEADLINE):]
    assert "suggested: achieved" in block.splitlines()[0]
    assert "next report (s1-intro-1): 过去一年，全市地区生产总值增长6.3%，城镇新增就业2.3万人" in block
    assert "2.1万人以上 → 2.3万人 (achieved)" in block
    assert run(content, "--report", LATER)[1] == out  # the pair of the later report is the same pair


def test_a_site_without_consecutive_reports_has_nothing_to_check(library):
    assert "nothing to check" in list_suggestions(library)  # the bundled report alone


def test_accepting_appends_a_dated_sourced_update_that_the_site_shows_as_checked(content):
    progress = folder(content) / "progress.yaml"
    progress.write_text(HEADER + f"{SEWAGE}:  # a note of the editor's\n  status: in-progress\n", encoding="utf-8")
    code, out, err = run(content, "--accept", HEADLINE)
    assert code == 0 and not err and out.startswith(f"Accepted {HEADLINE} as achieved")
    text = progress.read_text(encoding="utf-8")
    assert text.startswith(HEADER + f"{SEWAGE}:  # a note of the editor's\n  status: in-progress\n")
    data = yaml.safe_load(text)[HEADLINE]
    update = data["updates"][0]
    assert data["status"] == update["status"] == "achieved"
    assert str(update["date"]) == "2029-01-15"  # the later report's date, from its report.yaml
    assert update["source"] == "https://example.org/songling/2029/government-work-report.html"
    assert update["note"]["zh"] == ("下一年的《2029年松岭市政府工作报告》：“过去一年，全市地区生产总值增长6.3%，"
                                    "城镇新增就业2.3万人，城镇登记失业率为2.8%。”")
    english = update["note"]["en"]
    assert "Songling Municipal Government Work Report 2029" in english and "quoted in Chinese" in english
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english)  # never a machine translation
    ids = {e.commitment.id for e in load_library(content).edition(EARLIER).entries}
    assert load_progress(progress, ids)[HEADLINE].status == "achieved"

    decisions = (folder(content) / "outcomes.yaml").read_text(encoding="utf-8")
    assert decisions.startswith("# Editors' decisions")
    assert yaml.safe_load(decisions)[HEADLINE]["decision"] == "accepted"

    html = page(content, f"/en/commitments/{HEADLINE}/")
    assert "Checked by an editor:" in html and "Suggested automatically, not yet checked" not in html
    assert '<ol class="timeline">' in html and 'href="https://example.org/songling/2029/government-work-report.html"' in html
    assert "Achieved</span> <span class=\"n\">1</span>" in page(content, "/en/")
    assert HEADLINE not in run(content)[1]  # not suggested again
    code, _, err = run(content, "--accept", HEADLINE)
    assert code == 1 and err.count("\n") == 1 and "already accepted" in err


def test_accepting_adds_to_an_entry_that_has_updates_and_keeps_them(content):
    progress = folder(content) / "progress.yaml"
    earlier_update = ("    - date: 2028-09-01   # from the city's news\n      status: in-progress\n"
                      "      source: https://example.org/news/1.html\n      note: {zh: 开工。, en: Work began.}\n")
    progress.write_text(HEADER + f"{KINDERGARTENS}:\n  status: in-progress\n  updates:\n" + earlier_update,
                        encoding="utf-8")
    library = load_library(content)
    assert accept(library, KINDERGARTENS, today=TODAY).startswith(f"Accepted {KINDERGARTENS} as partly-achieved")
    text = progress.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and earlier_update in text
    entry = load_progress(progress, {KINDERGARTENS})[KINDERGARTENS]
    assert entry.status == "partly-achieved"
    assert [(u.date.isoformat(), u.status) for u in entry.updates] == [
        ("2029-01-15", "partly-achieved"), ("2028-09-01", "in-progress")]


def test_accepting_puts_the_update_where_its_date_goes(content):
    """Updates go newest first: evidence newer than the report's date stays on top."""
    progress = folder(content) / "progress.yaml"
    newer = ("    - date: 2029-02-20\n      status: partly-achieved\n"
             "      source: https://example.org/news/2.html\n      note: {zh: 新园开园。, en: A new one opened.}\n")
    progress.write_text(HEADER + f"{KINDERGARTENS}:\n  status: partly-achieved\n  updates:\n" + newer, encoding="utf-8")
    accept(load_library(content), KINDERGARTENS, today=TODAY)
    entry = load_progress(progress, {KINDERGARTENS})[KINDERGARTENS]
    assert [u.date.isoformat() for u in entry.updates] == ["2029-02-20", "2029-01-15"]
    assert progress.read_text(encoding="utf-8").startswith(HEADER + f"{KINDERGARTENS}:\n  status: partly-achieved\n"
                                                           "  updates:\n" + newer)


def test_an_unclear_suggestion_needs_the_editors_status(content):
    code, out, err = run(content, "--accept", FARMS)
    assert code == 1 and not out and err.count("\n") == 1 and "--status" in err
    assert not (folder(content) / "progress.yaml").exists() and not (folder(content) / "outcomes.yaml").exists()
    code, out, _ = run(content, "--accept", FARMS, "--status", "partly")
    assert code == 0 and "as partly-achieved" in out
    assert yaml.safe_load((folder(content) / "progress.yaml").read_text(encoding="utf-8"))[FARMS]["status"] == \
        "partly-achieved"


def test_rejecting_is_remembered_and_never_suggested_again(content):
    code, out, err = run(content, "--reject", ROAD)
    assert code == 0 and not err and out.startswith(f"Rejected {ROAD}")
    decisions = folder(content) / "outcomes.yaml"
    text = decisions.read_text(encoding="utf-8")
    assert text.startswith("# Editors' decisions") and "# <commitment id>:" in text  # it explains itself
    assert yaml.safe_load(text)[ROAD]["decision"] == "rejected"
    assert not (folder(content) / "progress.yaml").exists()  # nothing reaches progress without accepting
    library = load_library(content)
    assert ROAD not in list_suggestions(library)
    assert library.follow_up(ROAD).bucket == "not-mentioned"
    html = page(content, f"/en/commitments/{ROAD}/")
    assert "Not mentioned in the next report" in html and "松岭大道快速路建成通车" not in html
    with pytest.raises(ContentError, match="already rejected"):
        reject(library, ROAD)


@pytest.mark.parametrize("args, message", [
    (("--accept", f"{EARLIER}-9-9-9"), "no commitment has the id"),
    (("--accept", SEWAGE), "no suggestion"),
    (("--reject", SEWAGE), "no suggestion"),
    (("--accept", f"{LATER}-2-1-1"), "has no next year's report"),
    (("--accept", HEADLINE, "--status", "done"), "is not on the scale"),
    (("--status", "achieved"), "--status goes with --accept"),
    (("--accept", ""), "no commitment has the id ''"),  # an empty id is a wrong id, not no option
    (("--report", "2031-nowhere"), "no report '2031-nowhere'"),
])
def test_a_mistake_gets_one_line_and_nothing_is_written(content, args, message):
    progress = folder(content) / "progress.yaml"
    progress.write_text(HEADER, encoding="utf-8")
    code, out, err = run(content, *args)
    assert code == 1 and not out
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert progress.read_text(encoding="utf-8") == HEADER and not (folder(content) / "outcomes.yaml").exists()


def test_without_the_next_reports_source_nothing_is_accepted(content):
    meta = content / "reports" / LATER / "report.yaml"
    meta.write_text("".join(line for line in meta.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("source_url:")), encoding="utf-8")
    code, out, err = run(content, "--accept", HEADLINE)
    assert code == 1 and not out and err.count("\n") == 1 and "has no source_url" in err
    assert not (folder(content) / "progress.yaml").exists() and not (folder(content) / "outcomes.yaml").exists()


@pytest.mark.parametrize("before", [
    # an entry whose last value is a block of text, then another entry
    f"{HEADLINE}:\n  status: in-progress\n  updates:\n  - date: 2029-03-01\n    status: in-progress\n"
    f"    source: https://example.org/a\n    note:\n      zh: 进展。\n      en: |\n        Two lines\n"
    f"        of text.\n{ROAD}:\n  status: stalled\n",
    "{}\n",  # no entries yet, as a flow mapping
    "---\n...\n",  # an empty document with its markers
])
def test_accepting_keeps_a_file_the_site_reads(content, before):
    progress = folder(content) / "progress.yaml"
    progress.write_text(before, encoding="utf-8")
    accept(load_library(content), HEADLINE if HEADLINE in before else KINDERGARTENS, today=TODAY)
    entries = load_progress(progress, {HEADLINE, KINDERGARTENS, ROAD})
    accepted = entries[HEADLINE if HEADLINE in before else KINDERGARTENS]
    assert "2029-01-15" in [u.date.isoformat() for u in accepted.updates]  # after a newer one, if any
    if ROAD in before:
        assert entries[ROAD].status == "stalled" and "        of text.\n" in progress.read_text(encoding="utf-8")


@pytest.mark.parametrize("before", ["{}\n", "---\n...\n"])
def test_rejecting_keeps_a_file_the_site_reads(content, before):
    decisions = folder(content) / "outcomes.yaml"
    decisions.write_text(before, encoding="utf-8")
    reject(load_library(content), ROAD, today=TODAY)
    assert yaml.safe_load(decisions.read_text(encoding="utf-8"))[ROAD]["decision"] == "rejected"
