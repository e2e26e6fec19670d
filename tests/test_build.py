"""The static build: complete, self-contained, and never half-written.

Every link and #fragment of a built site is checked in tests/browser/test_html_valid.py
(it needs no browser)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from commitments.build import build_site
from commitments.errors import ContentError

ROOT = Path(__file__).resolve().parents[1]


def test_every_page_is_built(built_site, library):
    for lang in ("zh", "en"):
        assert (built_site / lang / "index.html").exists()
        assert (built_site / lang / "report" / "index.html").exists()
        for topic in library.used_topics:
            assert (built_site / lang / "topics" / topic.slug / "index.html").exists()
        used = {t.slug for t in library.used_topics}
        for topic in library.topics:
            if topic.slug not in used:  # no commitments: no page
                assert not (built_site / lang / "topics" / topic.slug).exists()
        for entry in library.entries():
            assert (built_site / lang / "commitments" / entry.commitment.id / "index.html").exists()
    assert (built_site / "index.html").exists() and (built_site / "404.html").exists()


def test_links_to_folders_name_index_html_so_the_site_opens_from_disk(built_site):
    html = (built_site / "zh" / "index.html").read_text(encoding="utf-8")
    assert 'href="topics/education/index.html"' in html


def test_a_link_that_names_its_language_is_one_link_from_pages_of_either_language(app):
    """The static build keeps each link's path under its key (web/urls.py link_key): the
    addresses of the site's files, listed before the workers start, serve every page's links."""
    from flask import g

    from commitments.web.urls import link_key

    with app.test_request_context("/"):
        g.lang = "en"
        from_english, left_to_the_page = link_key("pages.topics", {"lang": "zh"}), link_key("pages.topics", {})
        g.lang = "zh"
        assert link_key("pages.topics", {"lang": "zh"}) == from_english
        # Without a language the link is to the page's own: a key of its own.
        assert link_key("pages.topics", {}) != left_to_the_page


def test_bad_input_leaves_the_previous_site_intact(content_copy, tmp_path):
    site = tmp_path / "site"
    build_site(content_copy, site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (content_copy / "reports/2021-changshu/zh/2021-changshu-5-2-1.md").write_text(
        "---\nid: [broken\n---\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(content_copy, site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


@pytest.mark.parametrize("breakage, message", [
    (("reports/2021-changshu/report.txt", "没有标题的一段话。\n"), "report.txt:1: "),
    (("reports/2021-changshu/zh/2021-changshu-5-2-1.md", None), "unknown topic 'schools'"),
    (("reports/2021-changshu/en/2021-changshu-5-2-1.md", "---\nid: [x\n---\n"), "invalid YAML"),
])
def test_build_command_prints_one_line_and_keeps_site(content_copy, tmp_path, breakage, message):
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.html").write_text("previous build", encoding="utf-8")
    relative, text = breakage
    path = content_copy / relative
    if text is None:
        text = path.read_text(encoding="utf-8").replace("topics:\n- education", "topics:\n- schools", 1)
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--content", str(content_copy), "--site", str(site)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "keep.html").read_text(encoding="utf-8") == "previous build"


def test_each_frozen_page_speaks_its_own_language(built_site):
    """The freezer renders every page in one application context: nothing may carry over."""
    for lang, skip in (("en", "Skip to main content"), ("zh", "跳到主要内容")):
        for page in ("index.html", "topics/jobs/index.html", "commitments/2021-changshu-5-3-1/index.html"):
            html = (built_site / lang / page).read_text(encoding="utf-8")
            assert f'href="#main">{skip}</a>' in html, (lang, page)
    root = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in root


def test_builds_of_different_content_folders_run_at_the_same_time(tmp_path):
    """Nothing is shared between builds (temporary folders, search index names, catalogs):
    three builds started together all succeed, each with its own complete site."""
    from .test_any_report import fixture_content

    folders = [fixture_content(tmp_path / f"content-{n}") for n in range(3)]
    builds = [subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content),
                                "--site", str(tmp_path / f"site-{n}")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for n, content in enumerate(folders)]
    for build in builds:
        out, err = build.communicate(timeout=300)
        assert build.returncode == 0, err
        assert out.startswith("Built site-"), out
    sites = [tmp_path / f"site-{n}" for n in range(3)]
    listings = [sorted(p.relative_to(site) for p in site.rglob("*")) for site in sites]
    assert listings[0] == listings[1] == listings[2]
    assert all((site / "search-index").is_dir() for site in sites)


def test_the_site_holds_only_what_its_pages_reference(built_site):
    """No unreferenced copies of static/: every file is linked from a page, or is one
    of the files the web finds by name (robots, sitemap, 404), data, feeds or the search index."""
    referenced = set()
    for page in built_site.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="([^"#?:]+)', page.read_text(encoding="utf-8")):
            referenced.add((page.parent / url).resolve())
    by_name = {"index.html", "404.html", "robots.txt", "sitemap.xml"}
    unreferenced = [
        path.relative_to(built_site).as_posix() for path in built_site.rglob("*") if path.is_file()
        and path.resolve() not in referenced
        and path.relative_to(built_site).as_posix() not in by_name
        and path.relative_to(built_site).parts[0] not in ("data", "search-index")
        and "feeds" not in path.relative_to(built_site).parts
    ]
    assert unreferenced == []
    assert not (built_site / "static" / "css").exists() and not (built_site / "static" / "js").exists()
