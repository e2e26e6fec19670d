"""One list of pages (commitments/web/site_pages.py): what is built is what the sitemap
lists, with the same language alternates the pages themselves declare, and the feeds link
to built pages. Checked on the bundled report and on the Songling pair (two reports of
one place: per-report topic pages and comparison pages, and a base_url with a path)."""
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from commitments.build import build_site
from commitments.library import load_library

from .conftest import CONTENT
from .songling import songling_content

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture(scope="module")
def songling_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("songling-site")
    site = root / "site"
    build_site(songling_content(root / "content"), site)
    return site


@pytest.fixture(params=["bundled", "songling"])
def site(request, built_site, songling_site, tmp_path_factory):
    if request.param == "bundled":
        return built_site, load_library(CONTENT).site.base_url
    return songling_site, "https://example.org/songling/"


def sitemap(site: Path) -> dict[str, dict[str, str]]:
    """Each address in the sitemap with its alternates (hreflang → address)."""
    root = ET.parse(site / "sitemap.xml").getroot()
    return {url.find(f"{SITEMAP}loc").text: {a.get("hreflang"): a.get("href") for a in url.findall(f"{XHTML}link")}
            for url in root.findall(f"{SITEMAP}url")}


def built_pages(site: Path, base_url: str) -> dict[str, Path]:
    """Each built HTML page but the 404 page, by its published address."""
    pages = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative != "404.html":
            pages[base_url + relative.removesuffix("index.html")] = path
    return pages


def test_every_built_page_is_in_the_sitemap_and_every_address_in_it_was_built(site):
    folder, base_url = site
    listed, built = sitemap(folder), built_pages(folder, base_url)
    assert set(listed) == set(built)
    assert len(listed) <= 50_000 and all(len(loc) < 2048 for loc in listed)


def test_sitemap_gives_each_page_its_languages_as_the_page_itself_does(site):
    folder, base_url = site
    listed, built = sitemap(folder), built_pages(folder, base_url)
    for loc, alternates in listed.items():
        # Both languages, itself among them, and the same group from each of its members.
        assert {"zh-Hans", "en"} <= set(alternates) <= {"zh-Hans", "en", "x-default"}, loc
        assert loc in alternates.values()
        for href in alternates.values():
            assert listed[href] == alternates, (loc, href)
        declared = dict(ALTERNATE.findall(built[loc].read_text(encoding="utf-8")))
        assert declared == alternates, loc
    # The language chooser at the root stands for the home pages in no language.
    assert listed[base_url] == {"zh-Hans": base_url + "zh/", "en": base_url + "en/", "x-default": base_url}


def test_feeds_are_built_for_each_topic_page_and_link_to_built_pages(site):
    folder, base_url = site
    built = built_pages(folder, base_url)
    for lang in ("zh", "en"):
        topics = {p.name for p in (folder / lang / "topics").iterdir() if (p / "index.html").is_file()}
        feeds = {p.stem for p in (folder / lang / "feeds" / "topics").glob("*.xml")}
        assert feeds == topics
        for feed in (folder / lang / "feeds").rglob("*.xml"):
            root = ET.parse(feed).getroot()
            links = [link.get("href") for link in root.iter(f"{ATOM}link") if link.get("rel") == "alternate"]
            assert links and all(href in built for href in links), feed


def test_a_sitemap_past_its_limit_becomes_an_index_of_parts(app, monkeypatch):
    from commitments.freeze import site_files
    from commitments.web import site_pages

    client = app.test_client()
    whole = ET.fromstring(client.get("/sitemap.xml").data)
    addresses = [u.find(f"{SITEMAP}loc").text for u in whole]
    monkeypatch.setattr(site_pages, "SITEMAP_LIMIT", 100)
    index = ET.fromstring(client.get("/sitemap.xml").data)
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [s.find(f"{SITEMAP}loc").text for s in index]
    assert len(parts) >= len(addresses) / 100
    base = load_library(CONTENT).site.base_url
    listed = []
    for number, location in enumerate(parts, 1):
        assert location == f"{base}sitemaps/{number}.xml"
        urls = ET.fromstring(client.get(f"/sitemaps/{number}.xml").data)
        assert 0 < len(urls) <= 100
        listed += [u.find(f"{SITEMAP}loc").text for u in urls]
    assert listed == addresses
    assert client.get(f"/sitemaps/{len(parts) + 1}.xml").status_code == 404
    built = {f.url for f in site_files(app)}
    assert {f"/sitemaps/{n}.xml" for n in range(1, len(parts) + 1)} <= built
    monkeypatch.undo()
    assert client.get("/sitemaps/1.xml").status_code == 404
