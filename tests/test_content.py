"""Content files: stable ids, deterministic output, nothing people wrote is lost."""
import pytest
import yaml

from commitments.content import read_content_file
from commitments.errors import ContentError
from commitments.importer import import_reports
from commitments.library import load_library


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_regenerating_changes_no_byte(content_copy):
    before = snapshot(content_copy)
    result = import_reports(content_copy)
    assert result.written == 0 and result.removed == 0
    assert snapshot(content_copy) == before


def test_ids_are_the_same_across_fresh_builds(content_copy, tmp_path):
    first = sorted(p.name for p in (content_copy / "reports/2021-changshu/zh").glob("*.md"))
    for lang in ("zh", "en"):
        for p in (content_copy / "reports/2021-changshu" / lang).glob("*.md"):
            p.unlink()
    (content_copy / "reports/2021-changshu/en.yaml").unlink()
    import_reports(content_copy)
    again = sorted(p.name for p in (content_copy / "reports/2021-changshu/zh").glob("*.md"))
    assert first == again and len(first) == 96
    assert "2021-changshu-5-3-1.md" in first


def test_translations_and_notes_survive_regeneration(content_copy):
    en = content_copy / "reports/2021-changshu/en/2021-changshu-5-3-1.md"
    zh = content_copy / "reports/2021-changshu/zh/2021-changshu-5-3-1.md"
    text = en.read_text(encoding="utf-8")
    text = text.replace("translation:", "note: Checked against the 2022 report.\ntranslation:")
    en.write_text(text.replace("We will create jobs", "The city will create jobs"), encoding="utf-8")
    zh.write_text(zh.read_text(encoding="utf-8").replace("source:", "note: 编辑备注\nsource:"), encoding="utf-8")
    import_reports(content_copy)
    en_file, zh_file = read_content_file(en), read_content_file(zh)
    assert en_file.body.startswith("The city will create jobs")
    assert en_file.front["note"] == "Checked against the 2022 report."
    assert zh_file.front["note"] == "编辑备注"


def test_changed_source_marks_translation_outdated(content_copy):
    report = content_copy / "reports/2021-changshu/report.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("新增就业2.1万人", "新增就业2.2万人"), encoding="utf-8")
    import_reports(content_copy)
    en = read_content_file(content_copy / "reports/2021-changshu/en/2021-changshu-5-3-1.md")
    assert en.front["translation"]["status"] == "outdated"
    assert en.body.startswith("We will create jobs for 21,000 people")  # kept, not lost
    entry = load_library(content_copy).entry("2021-changshu-5-3-1")
    assert entry.translation.status == "outdated"


def test_broken_front_matter_is_refused_and_nothing_is_written(content_copy):
    broken = content_copy / "reports/2021-changshu/zh/2021-changshu-3-1-1.md"
    broken.write_text("---\nid: [unclosed\n---\n", encoding="utf-8")
    before = snapshot(content_copy)
    with pytest.raises(ContentError) as error:
        import_reports(content_copy)
    assert str(error.value).startswith(str(broken)) or "2021-changshu-3-1-1.md:" in str(error.value)
    assert ":3: invalid YAML" in str(error.value) or ":2: invalid YAML" in str(error.value)
    assert snapshot(content_copy) == before


def test_missing_front_matter_marker_is_refused(content_copy):
    path = content_copy / "reports/2021-changshu/en/2021-changshu-3-1-1.md"
    path.write_text("id: x\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"2021-changshu-3-1-1.md:1: front matter must start and end"):
        load_library(content_copy)


def test_unknown_topic_is_refused_with_file_and_line(content_copy):
    path = content_copy / "reports/2021-changshu/zh/2021-changshu-5-2-1.md"
    text = path.read_text(encoding="utf-8").replace("topics:\n- education", "topics:\n- schools", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("topics:") + 1
    with pytest.raises(ContentError) as error:
        load_library(content_copy)
    assert f"2021-changshu-5-2-1.md:{line}: unknown topic 'schools'" in str(error.value)


def test_removed_sentence_keeps_its_translation_and_the_next_ones_follow_their_sentence(content_copy):
    folder = content_copy / "reports/2021-changshu"
    removed, after = (read_content_file(folder / f"en/2021-changshu-5-3-{n}.md") for n in (10, 11))
    assert removed.body and after.body
    report = folder / "report.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("建成民政综合服务中心。", ""), encoding="utf-8")
    result = import_reports(content_copy)
    # The sentence after the removed one takes its id, with its own translation.
    assert read_content_file(folder / "en/2021-changshu-5-3-10.md").body == after.body
    assert not (folder / "en/2021-changshu-5-3-11.md").exists()
    assert any(c.action == "change" and c.reasons[0].startswith("moved from 2021-changshu-5-3-11")
               for c in result.changes)
    # The removed sentence's translation is kept in the archive, and the import says so.
    entries = yaml.safe_load((folder / "archive.yaml").read_text(encoding="utf-8"))
    assert entries == [{"id": "2021-changshu-5-3-10", "source": "建成民政综合服务中心。", "translation": removed.body}]
    assert any(c.path.name == "archive.yaml" and c.action == "add" for c in result.changes)
    load_library(content_copy)  # and the site still loads
