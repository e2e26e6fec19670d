"""Editors never lose work: each case as an editor meets it — edit a file, run the
command, look at the file and the site. The build never writes content/; only the
import does, after planning and checking every change."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from commitments.build import build_site
from commitments.content import read_content_file
from commitments.errors import ContentError
from commitments.importer import add_report, check_up_to_date, import_reports, plan_import
from commitments.library import load_library
from commitments.parse.decode import MAX_REPORT_BYTES

ROOT = Path(__file__).resolve().parents[1]
REPORT = "reports/2021-changshu"


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, timeout=300)


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once in a file, as an editor would; return the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture()
def site(tmp_path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.html").write_text("previous build", encoding="utf-8")
    return site


def zh(content: Path, cid: str) -> Path:
    return content / REPORT / "zh" / f"{cid}.md"


def en(content: Path, cid: str) -> Path:
    return content / REPORT / "en" / f"{cid}.md"


# ---------------------------------------------------------------- 1. the build never writes content/


def test_a_build_reads_content_and_writes_nothing_there(content_copy, tmp_path):
    before = snapshot(content_copy)
    build_site(content_copy, tmp_path / "site")
    assert snapshot(content_copy) == before


def test_content_behind_its_report_stops_the_build_with_one_line(content_copy, site):
    edit(content_copy / REPORT / "report.txt", "新增就业2.1万人", "新增就业2.2万人")
    before = snapshot(content_copy)
    result = run("--content", str(content_copy), "--site", str(site))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "content file(s) are not up to date" in result.stderr
    assert "first zh/2021-changshu-5-3-1.md (the report's sentence changed" in result.stderr
    assert "run 'python3 build.py import'" in result.stderr
    assert snapshot(content_copy) == before
    assert [p.name for p in site.iterdir()] == ["keep.html"]


def test_import_shows_every_change_with_its_reason_then_writes(content_copy):
    edit(content_copy / REPORT / "report.txt", "新增就业2.1万人", "新增就业2.2万人")
    before = snapshot(content_copy)
    dry = run("--content", str(content_copy), "import", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "changed 1 file(s): the report's sentence changed; targets read again from the new sentence" in dry.stdout
    assert "changed 1 file(s): translation now outdated" in dry.stdout
    assert "nothing written (--dry-run)" in dry.stdout
    assert snapshot(content_copy) == before
    done = run("--content", str(content_copy), "import")
    assert done.returncode == 0 and "Wrote 3 file(s), removed 0." in done.stdout  # and imported.yaml
    assert read_content_file(en(content_copy, "2021-changshu-5-3-1")).front["translation"]["status"] == "outdated"
    again = run("--content", str(content_copy), "import")
    assert "Content is up to date: nothing to write." in again.stdout


def test_a_failing_import_writes_nothing(content_copy):
    # A change the import would make, and a mistake in another file.
    edit(content_copy / REPORT / "report.txt", "新增就业2.1万人", "新增就业2.2万人")
    line = edit(zh(content_copy, "2021-changshu-5-2-1"), "topics:\n- education", "topics:\n- schools") + 1
    before = snapshot(content_copy)
    with pytest.raises(ContentError) as error:
        import_reports(content_copy)
    assert f"2021-changshu-5-2-1.md:{line - 1}: unknown topic 'schools'" in str(error.value)
    assert snapshot(content_copy) == before


# ---------------------------------------------------------------- 2. nothing an editor wrote is lost


def test_topics_set_by_hand_stay_and_rule_changes_are_listed(content_copy):
    hand = zh(content_copy, "2021-changshu-5-2-1")
    edit(hand, "topics:\n- education", "topics:\n- health")
    # A new rule: every commitment that mentions 养老 is also about health.
    topics = content_copy / "topics.yaml"
    data = yaml.safe_load(topics.read_text(encoding="utf-8"))
    health = next(t for t in data if t["slug"] == "health")
    health["keywords"].append("养老")
    topics.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    changes = plan_import(content_copy).changes
    reasons = {c.path.name: "; ".join(c.reasons) for c in changes}
    assert "topics set by an editor, now marked topics_by: editor" in reasons["2021-changshu-5-2-1.md"]
    retopic = {name: r for name, r in reasons.items() if "topics from topics.yaml" in r}
    assert retopic and all(", health" in r.split("→")[1] or "health" in r.split("→")[1] for r in retopic.values())
    import_reports(content_copy)
    front = read_content_file(hand).front
    assert front["topics"] == ["health"] and front["topics_by"] == "editor"
    assert front["topics_from_rules"] != ["health"]
    # Rules change again: the hand-set topics still stay.
    health["keywords"].remove("养老")
    topics.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    import_reports(content_copy)
    assert read_content_file(hand).front["topics"] == ["health"]
    assert load_library(content_copy).entry("2021-changshu-5-2-1").commitment.topics == ("health",)


def test_topics_typed_in_the_english_file_move_to_the_chinese_one(content_copy, site):
    path = en(content_copy, "2021-changshu-5-2-1")
    edit(path, "translation:", "topics:\n- health\ntranslation:")
    result = run("--content", str(content_copy), "--site", str(site))
    assert result.returncode == 1 and "topics set in the English file moved here" in result.stderr
    import_reports(content_copy)
    assert "topics" not in read_content_file(path).front
    assert read_content_file(zh(content_copy, "2021-changshu-5-2-1")).front["topics"] == ["health"]


def test_an_edited_chinese_body_is_refused_not_reverted(content_copy, site):
    path = zh(content_copy, "2021-changshu-5-3-1")
    text = path.read_text(encoding="utf-8")
    body_line = text.splitlines().index("---", 1) + 2
    edit(path, "新增就业2.1万人,", "新增就业2.1万人（含灵活就业）,")
    edited = path.read_bytes()
    for args in (("--content", str(content_copy), "import"), ("--content", str(content_copy), "--site", str(site))):
        result = run(*args)
        assert result.returncode == 1
        assert f"2021-changshu-5-3-1.md:{body_line}: the Chinese text differs from the report's sentence" in result.stderr
        assert result.stderr.count("\n") == 1
    assert path.read_bytes() == edited


def test_corrected_targets_are_kept_marked_and_shown(content_copy, tmp_path):
    path = zh(content_copy, "2021-changshu-5-3-1")
    edit(path, "  value: 2.1\n", "  value: 2.3\n")
    changes = plan_import(content_copy).changes
    assert any("kept and marked targets_by: editor" in "; ".join(c.reasons) for c in changes)
    import_reports(content_copy)
    front = read_content_file(path).front
    assert front["targets_by"] == "editor" and front["targets"][0]["value"] == 2.3
    import_reports(content_copy)  # and again: still kept
    assert read_content_file(path).front["targets"][0]["value"] == 2.3
    site = tmp_path / "site"
    build_site(content_copy, site)
    page = (site / "en/commitments/2021-changshu-5-3-1/index.html").read_text(encoding="utf-8")
    assert "An editor has corrected these targets" in page and "23,000" in page
    assert "编辑已更正这些目标" in (site / "zh/commitments/2021-changshu-5-3-1/index.html").read_text(encoding="utf-8")


def test_a_target_value_that_is_not_a_number_is_refused(content_copy, site):
    path = zh(content_copy, "2021-changshu-5-3-1")
    edit(path, "  value: 2.1\n", "  value: twenty\n")
    value_line = path.read_text(encoding="utf-8").splitlines().index("  value: twenty") + 1
    before = snapshot(content_copy)
    for args in (("--content", str(content_copy), "import"), ("--content", str(content_copy), "--site", str(site))):
        result = run(*args)
        assert result.returncode == 1 and result.stderr.count("\n") == 1
        assert result.stderr.endswith(f"2021-changshu-5-3-1.md:{value_line}: targets[0].value: 'twenty' is not a number\n")
    assert snapshot(content_copy) == before


def test_a_changed_id_is_refused_with_file_and_line(content_copy):
    path = en(content_copy, "2021-changshu-5-3-1")
    line = edit(path, "id: 2021-changshu-5-3-1", "id: 2021-changshu-5-3-9")
    with pytest.raises(ContentError, match=rf"2021-changshu-5-3-1.md:{line}: id must be '2021-changshu-5-3-1'"):
        import_reports(content_copy)
    with pytest.raises(ContentError, match=rf"2021-changshu-5-3-1.md:{line}: id must be"):
        load_library(content_copy)


def test_a_copied_file_is_a_duplicate_naming_both_files(content_copy):
    original = zh(content_copy, "2021-changshu-5-3-1")
    copy = original.with_name("2021-changshu-5-3-1 copy.md")
    shutil.copy(original, copy)
    before = snapshot(content_copy)
    with pytest.raises(ContentError) as error:
        import_reports(content_copy)
    message = str(error.value)
    assert "duplicate id '2021-changshu-5-3-1'" in message
    assert "2021-changshu-5-3-1 copy.md" in message and "zh/2021-changshu-5-3-1.md" in message
    assert snapshot(content_copy) == before


def test_an_unknown_key_is_refused_not_dropped(content_copy):
    path = en(content_copy, "2021-changshu-5-3-1")
    line = edit(path, "translation:", "nots: checked with the statistics bureau\ntranslation:")
    with pytest.raises(ContentError, match=rf"2021-changshu-5-3-1.md:{line}: unknown key 'nots'"):
        import_reports(content_copy)


def test_progress_follows_its_sentence_and_a_removed_ones_is_archived(content_copy):
    folder = content_copy / REPORT
    progress = folder / "progress.yaml"
    progress.write_text(progress.read_text(encoding="utf-8") + (
        "2021-changshu-5-3-10:\n  status: in-progress\n"
        "2021-changshu-5-3-11:   # the next sentence\n  status: achieved\n"), encoding="utf-8")
    edit(folder / "report.txt", "建成民政综合服务中心。", "")
    result = import_reports(content_copy)
    text = progress.read_text(encoding="utf-8")
    assert "2021-changshu-5-3-10:   # the next sentence\n  status: achieved\n" in text
    assert "2021-changshu-5-3-11" not in text and "in-progress\n" not in text.split("# the next")[0][-20:]
    archive = yaml.safe_load((folder / "archive.yaml").read_text(encoding="utf-8"))
    assert {"id": "2021-changshu-5-3-10", "source": "建成民政综合服务中心。", "progress": {"status": "in-progress"}} in archive
    assert any(c.path == progress and "kept in archive.yaml" in "; ".join(c.reasons) for c in result.changes)
    library = load_library(content_copy)
    assert library.progress("2021-changshu-5-3-10").status == "achieved"



def test_progress_in_flow_style_or_with_a_block_of_text_follows_its_sentence(content_copy):
    folder = content_copy / REPORT
    progress = folder / "progress.yaml"
    progress.write_text(progress.read_text(encoding="utf-8") + (
        "2021-changshu-5-3-10: {status: in-progress,\n"  # a flow mapping over two lines, the second like a key
        "updates: [{date: 2021-06-01, source: 'https://example.org/a', note: {zh: 进展, en: Under way.}}]}\n"
        "2021-changshu-5-3-11:\n  status: stalled\n  updates:\n  - date: 2021-07-01\n"
        "    source: https://example.org/b\n    note:\n      zh: 停工\n      en: |\n        Work stopped.\n"
        "        reason: funds\n"), encoding="utf-8")  # a line of text that looks like a key
    edit(folder / "report.txt", "建成民政综合服务中心。", "")
    import_reports(content_copy)
    archive = yaml.safe_load((folder / "archive.yaml").read_text(encoding="utf-8"))
    gone = next(entry for entry in archive if entry["id"] == "2021-changshu-5-3-10" and "progress" in entry)
    assert gone["progress"]["status"] == "in-progress" and len(gone["progress"]["updates"]) == 1
    assert load_library(content_copy).progress("2021-changshu-5-3-10").status == "stalled"
    assert "        reason: funds\n" in progress.read_text(encoding="utf-8")


@pytest.mark.parametrize("damage, line", [
    ("2021-changshu-5-3-10:in-progress\n", 0),  # no space after the colon: not a key
    ("2021-changshu-5-3-10:\n  status: in-progress\n  updates: [\n", 3),
])
def test_a_broken_progress_file_is_named_at_its_line_when_ids_move(content_copy, damage, line):
    folder = content_copy / REPORT
    progress = folder / "progress.yaml"
    before = progress.read_text(encoding="utf-8")
    progress.write_text(before + damage, encoding="utf-8")
    edit(folder / "report.txt", "建成民政综合服务中心。", "")
    with pytest.raises(ContentError, match=r"progress.yaml:(\d+): ") as error:
        import_reports(content_copy)
    where = int(str(error.value).split("progress.yaml:")[1].split(":")[0])
    assert before.count("\n") < where <= before.count("\n") + line + 2  # within what was added


# ---------------------------------------------------------------- 5. add-report refuses what it cannot read


def test_add_report_refuses_what_inspect_refuses_and_writes_nothing(content_copy, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("2026年工作安排\n今年我们要做好各项工作。\n", encoding="utf-8")
    before = snapshot(content_copy)
    inspected = run("inspect", str(bad))
    added = run("--content", str(content_copy), "add-report", str(bad), "2026-notes")
    assert inspected.returncode == added.returncode == 1
    assert added.stderr.count("\n") == 1 and "no recognisable structure" in added.stderr
    assert added.stderr == inspected.stderr  # the same refusal, word for word
    assert snapshot(content_copy) == before
    assert not any(p.name.startswith(".") for p in (content_copy / "reports").iterdir())


def test_add_report_asks_for_what_the_text_does_not_say(content_copy, tmp_path):
    text = (content_copy / REPORT / "report.txt").read_text(encoding="utf-8")
    anonymous = tmp_path / "report.txt"
    anonymous.write_text(text.replace("2021", "今年"), encoding="utf-8")
    with pytest.raises(ContentError, match="the report's year could not be read from its text; give it with --year …"):
        add_report(content_copy, anonymous, "2021-somewhere")
    assert not (content_copy / "reports/2021-somewhere").exists()
    with pytest.raises(ContentError, match=r"report.txt: its report.yaml would not be valid: year: 99999 is more "
                                           r"than 9999 \(check --year\)$"):
        add_report(content_copy, anonymous, "2021-somewhere", given={"year": 99999})
    folder = add_report(content_copy, anonymous, "2021-somewhere", given={"year": 2021})
    assert (folder / "zh").is_dir() and (folder / "en.yaml").is_file()
    assert plan_import(content_copy).changes == []  # imported: the next build can run


def test_add_report_refuses_a_file_far_larger_than_any_report(content_copy, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(MAX_REPORT_BYTES + 1)  # sparse: no disk or memory spent
    result = run("--content", str(content_copy), "add-report", str(huge), "2026-huge")
    assert result.returncode == 1
    assert "MB is too large for a work report" in result.stderr and result.stderr.count("\n") == 1
    assert not (content_copy / "reports/2026-huge").exists()


# ---------------------------------------------------------------- 7. any sequence of commands keeps every edit

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from .test_any_report import fixture_content  # noqa: E402

TOPICS = ["education", "elder-care", "jobs", "health", "housing", "transport", "environment", "rural"]
RULE_WORDS = ["学校", "养老", "就业", "医院", "住房", "道路", "污水", "农村", "企业", "改革"]


@pytest.fixture(scope="module")
def small_content(tmp_path_factory) -> Path:
    """A small imported report (the invented Lanjiang 2027 one), to edit again and again."""
    return fixture_content(tmp_path_factory.mktemp("editing") / "content")


edits = st.lists(st.tuples(
    st.integers(min_value=0, max_value=10_000),  # which commitment
    st.sampled_from(["translation", "en_note", "zh_note", "topics", "target"]),
    st.text(alphabet="abcdefg 中文，。*[]()", min_size=1, max_size=20).map(str.strip).filter(bool),
    st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3, unique=True),
), min_size=1, max_size=6)
commands = st.lists(st.tuples(st.sampled_from(["import", "build", "retopic"]), st.sampled_from(RULE_WORDS),
                              st.sampled_from(TOPICS)), min_size=1, max_size=4)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits, commands=commands)
def test_edits_to_owned_fields_survive_any_sequence_of_commands(small_content, tmp_path_factory, edits, commands):
    content = tmp_path_factory.mktemp("edit") / "content"
    shutil.copytree(small_content, content)
    folder = next((content / "reports").iterdir())
    names = sorted(p.name for p in (folder / "zh").glob("*.md"))
    expected: dict[tuple[str, str], object] = {}
    for index, field, text, topics in edits:
        name = names[index % len(names)]
        zh_path, en_path = folder / "zh" / name, folder / "en" / name
        zh_file, en_file = read_content_file(zh_path), read_content_file(en_path)
        if field == "translation":
            en_path.write_text(en_file.text.split("\n---\n", 1)[0] + "\n---\n" + text + "\n", encoding="utf-8")
            expected[name, "body"] = text
        elif field in ("en_note", "zh_note"):
            file = en_file if field == "en_note" else zh_file
            front = dict(file.front, note=text)
            file.path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"
                                 + file.body + "\n", encoding="utf-8")
            expected[name, field] = text
        elif field == "topics":
            front = dict(zh_file.front, topics=topics)
            if topics == zh_file.front.get("topics_from_rules"):
                front["topics_by"] = "editor"  # the same as the rules' today: pinned, as the README says
            zh_path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"
                               + zh_file.body + "\n", encoding="utf-8")
            expected[name, "topics"] = topics
        elif zh_file.front["targets"]:
            targets = [dict(t) for t in zh_file.front["targets"]]
            targets[0]["value"] = targets[0]["value"] + len(text)
            front = dict(zh_file.front, targets=targets)
            zh_path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"
                               + zh_file.body + "\n", encoding="utf-8")
            expected[name, "target"] = targets[0]["value"]

    def check():
        for (name, field), value in expected.items():
            zh_file, en_file = read_content_file(folder / "zh" / name), read_content_file(folder / "en" / name)
            actual = {"body": en_file.body, "en_note": en_file.front.get("note"), "zh_note": zh_file.front.get("note"),
                      "topics": zh_file.front.get("topics"),
                      "target": zh_file.front["targets"][0]["value"] if zh_file.front["targets"] else None}[field]
            assert actual == value, (name, field)

    for command, word, topic in commands:
        if command == "retopic":
            path = content / "topics.yaml"
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            next(t for t in data if t["slug"] == topic)["keywords"].append(word)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if command == "build":
            # What a build does with content/ (the rest of it only writes site/): one real build ends the run.
            try:
                check_up_to_date(content)
                load_library(content)
            except ContentError as error:
                assert "not up to date" in str(error)
        else:
            import_reports(content)
        check()
    import_reports(content)
    build_site(content, tmp_path_factory.mktemp("site") / "site")
    check()


def test_an_edited_source_is_refused_until_the_report_itself_says_so(content_copy, site):
    path = zh(content_copy, "2021-changshu-5-3-1")
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("source:"))) + 1
    path.write_text(text.replace("2.1万人", "2.3万人"), encoding="utf-8")  # source: and the body alike
    edited = path.read_bytes()
    for args in (("--content", str(content_copy), "import"), ("--content", str(content_copy), "--site", str(site))):
        result = run(*args)
        assert result.returncode == 1 and result.stderr.count("\n") == 1
        assert f"2021-changshu-5-3-1.md:{line}: source: differs from the report's sentence, though report.txt " \
               "has not changed since the last import" in result.stderr
    assert path.read_bytes() == edited
    # The report corrected the same way: now it is the report's sentence.
    edit(content_copy / REPORT / "report.txt", "新增就业2.1万人", "新增就业2.3万人")
    import_reports(content_copy)
    assert read_content_file(path).front["source"].startswith("新增就业2.3万人")


@pytest.mark.parametrize("old, new", [
    ("  value: 2.1\n", f"  value: 1{'0' * 400}\n"),  # past what a float holds
    ("  multiplier: 10000\n", f"  multiplier: 1{'0' * 400}\n"),
    ("  value: 2.1\n", "  value: 1.0e+308\n"),  # a float, but not times its multiplier
])
def test_a_target_too_large_for_a_number_is_refused(content_copy, old, new):
    path = zh(content_copy, "2021-changshu-5-3-1")
    edit(path, old, new)
    with pytest.raises(ContentError, match=r"2021-changshu-5-3-1.md:\d+: targets\[0\].value: .* is not a number"):
        import_reports(content_copy)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_target_that_is_no_finite_number_is_refused(content_copy, value):
    path = zh(content_copy, "2021-changshu-5-3-1")
    edit(path, "  value: 2.1\n", f"  value: {value}\n")
    with pytest.raises(ContentError, match=r"2021-changshu-5-3-1.md:\d+: targets\[0\].value: .* is not a number"):
        import_reports(content_copy)


def test_a_byte_order_mark_is_no_mistake_and_a_renamed_file_is_named(content_copy):
    path = en(content_copy, "2021-changshu-5-3-1")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert plan_import(content_copy).changes == []
    renamed = path.with_name("my-jobs.md")
    path.rename(renamed)
    with pytest.raises(ContentError, match=r"my-jobs.md:2: the file's name must be '2021-changshu-5-3-1.md'"):
        import_reports(content_copy)


def test_the_import_names_what_it_archives(content_copy):
    edit(content_copy / REPORT / "report.txt", "建成民政综合服务中心。", "")
    changes = {c.path.name: "; ".join(c.reasons) for c in plan_import(content_copy).changes}
    assert changes["archive.yaml"] == "what editors wrote for 2021-changshu-5-3-10, no longer in the report, is kept here"


# Every file an editor may save, as the build reads it (the build and the import check
# read en.yaml and imported.yaml from the bytes the build hashed, like the commitment files).
EDITED_FILES = ["site.yaml", "topics.yaml", "glossary.yaml", "synonyms.yaml", f"{REPORT}/report.yaml",
                f"{REPORT}/en.yaml", f"{REPORT}/imported.yaml", f"{REPORT}/progress.yaml", f"{REPORT}/glossary.yaml",
                f"{REPORT}/zh/2021-changshu-5-3-1.md", f"{REPORT}/en/2021-changshu-5-3-1.md"]


@pytest.mark.parametrize("name", EDITED_FILES)
def test_a_file_saved_in_another_encoding_is_named_in_one_line(content_copy, site, name):
    path = content_copy / name
    path.write_bytes(path.read_bytes() + "# 注释\n".encode("gb18030"))  # an editor's GBK save
    result = run("--content", str(content_copy), "--site", str(site))
    assert result.returncode == 1
    assert result.stderr == f"error: {path}: not UTF-8 text\n"
    assert (site / "keep.html").read_text(encoding="utf-8") == "previous build"


@pytest.mark.parametrize("name", EDITED_FILES)
def test_a_folder_in_place_of_a_file_is_named_in_one_line(content_copy, site, name):
    path = content_copy / name
    path.unlink()
    path.mkdir()
    result = run("--content", str(content_copy), "--site", str(site))
    assert result.returncode == 1
    assert result.stderr == f"error: {path}: is a folder; a file is expected here\n"
    assert (site / "keep.html").read_text(encoding="utf-8") == "previous build"


def test_windows_line_endings_are_no_change(content_copy, tmp_path):
    for name in EDITED_FILES:
        path = content_copy / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert plan_import(content_copy).changes == []
    assert build_site(content_copy, tmp_path / "site").pages > 0


def test_an_import_leaves_files_with_windows_line_endings_as_they_are(content_copy):
    edit(content_copy / REPORT / "report.txt", "建成民政综合服务中心。", "")  # an import with changes to write
    untouched = zh(content_copy, "2021-changshu-2-3-1")
    untouched.write_bytes(untouched.read_bytes().replace(b"\n", b"\r\n"))
    before = untouched.read_bytes()
    import_reports(content_copy)
    assert untouched.read_bytes() == before


def test_an_import_that_cannot_write_names_the_place_and_writes_nothing(content_copy):
    folder = content_copy / REPORT / "zh"
    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")
    before = snapshot(content_copy)
    with pytest.raises(ContentError, match=r"/zh: is a file; a folder is expected here$"):
        import_reports(content_copy)
    assert snapshot(content_copy) == before


def test_a_year_with_a_decimal_point_is_refused(content_copy, site):
    line = edit(content_copy / REPORT / "report.yaml", "year: 2021\n", "year: 2021.0\n")
    result = run("--content", str(content_copy), "--site", str(site))
    assert result.returncode == 1
    assert result.stderr == (f"error: {content_copy / REPORT / 'report.yaml'}:{line}: year: 2021.0 must be a whole "
                             "number like 2021, with no decimal point\n")
