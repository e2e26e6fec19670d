"""Publishing: one address (site.yaml's base_url or --base-url), checked; a preview
address (this machine) builds a labelled preview and is refused for publishing."""
import subprocess
import sys
from pathlib import Path

import pytest

from commitments.errors import ContentError
from commitments.library import load_site_config
from commitments.publish import check_base_url, is_preview, published_address

from .conftest import CONTENT

ROOT = Path(__file__).resolve().parents[1]


def build(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=300, cwd=cwd)


@pytest.mark.parametrize("given, expected", [
    ("https://example.org/commitments/", "https://example.org/commitments/"),
    ("https://example.org/commitments", "https://example.org/commitments/"),
    ("https://Example.ORG", "https://example.org/"),
    ("http://example.org:8080/a/b/", "http://example.org:8080/a/b/"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
])
def test_an_address_is_kept_with_its_sub_path(given, expected):
    assert check_base_url(given) == expected


@pytest.mark.parametrize("given", [
    "", "example.org/commitments/", "/commitments/", "ftp://example.org/", "https://", "https:///x/",
    "https://example.org/?lang=zh", "https://example.org/#top", "https://user:pw@example.org/",
    "https://example.org:port/", "https://exa mple.org/", None, 42,
])
def test_anything_but_a_full_http_address_is_refused(given):
    with pytest.raises(ValueError, match="example.org/commitments/"):
        check_base_url(given)


@pytest.mark.parametrize("url, preview", [
    ("http://127.0.0.1:8000/", True), ("http://localhost/", True), ("http://[::1]:8000/", True),
    ("http://0.0.0.0/", True), ("http://127.1.2.3/", True),
    ("https://example.org/", False), ("https://10.0.0.5/commitments/", False),
])
def test_an_address_on_this_machine_is_a_preview(url, preview):
    assert is_preview(url) is preview


def test_the_bundled_site_yaml_is_a_preview_and_publishing_it_is_refused():
    site_yaml = CONTENT / "site.yaml"
    assert published_address(site_yaml, None, publishing=False).preview
    with pytest.raises(ContentError) as refused:
        published_address(site_yaml, None, publishing=True)
    message = str(refused.value)
    assert message.startswith("content/site.yaml:") or "site.yaml:" in message
    assert "--base-url" in message and "base_url" in message and "\n" not in message
    given = published_address(site_yaml, "https://example.org/x", publishing=True)
    assert given.base_url == "https://example.org/x/" and not given.preview


def test_a_bad_base_url_in_site_yaml_names_file_and_line(content_copy):
    path = content_copy / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("base_url: http://127.0.0.1:8000/",
                                                            "base_url: example.org/commitments/"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_site_config(path)
    assert error.value.line == next(n for n, line in enumerate(path.read_text().splitlines(), 1)
                                    if line.startswith("base_url:"))
    assert "base_url: 'example.org/commitments/' is not a full http(s) address" in str(error.value)


def test_publish_with_the_preview_address_is_refused_in_one_line(tmp_path):
    site = tmp_path / "site"
    result = build("--site", site, "--publish")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "--base-url" in lines[0], result.stderr
    assert not site.exists() and list(tmp_path.iterdir()) == []


def test_a_bad_base_url_option_is_refused_in_one_line(tmp_path):
    result = build("--site", tmp_path / "site", "--base-url", "example.org/commitments/")
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: --base-url 'example.org/commitments/' is not a full http(s) address; "
                                     "write it like https://example.org/commitments/")


def test_the_default_build_says_it_is_a_preview(tmp_path):
    # A newcomer's first command: it works and says plainly what it made.
    result = build("--site", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built, preview = result.stdout.strip().splitlines()
    assert built.startswith("Built site/")
    assert preview.startswith("This is a preview, not for publishing") and "127.0.0.1:8000" in preview
    assert "--publish --base-url" in preview


def test_a_site_published_at_a_sub_path_names_no_local_address(tmp_path):
    """The README's sub-path recipe: nothing in any file points at this machine."""
    site = tmp_path / "site"
    result = build("--site", site, "--publish", "--base-url", "https://example.org/commitments/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "Ready to publish at https://example.org/commitments/"
    local = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
             and any(word in p.read_bytes() for word in (b"127.0.0.1", b"localhost", b"[::1]"))]
    assert local == []
    assert "Sitemap: https://example.org/commitments/sitemap.xml" in (site / "robots.txt").read_text()
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/commitments/en/">' in home
    assert '<base href="/commitments/">' in (site / "404.html").read_text(encoding="utf-8")
    assert 'href="topics/index.html"' in home or 'href="topics/' in home  # links stay relative
