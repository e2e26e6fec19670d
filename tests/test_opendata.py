"""Key numbers, charts, open data, feeds, sitemap and sharing metadata."""
import csv
import io
import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitments.opendata import _indented, _NotPlain
from commitments.web.views import topic_status_pages

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_targets_page_lists_every_target_by_topic(client, library, lang):
    html = get(client, f"/{lang}/targets/").get_data(as_text=True)
    rows = html.count('<td class="num" data-value=')
    assert rows == sum(len(e.commitment.targets) * len(e.commitment.topics) for e in library.entries())
    assert 'data-value="21000.0">21,000</td>' in html
    assert ("个百分点" if lang == "zh" else "percentage points") in html
    assert '<svg class="chart"' in html and 'role="img"' in html and "<caption>" in html


def test_charts_have_a_text_alternative(client, library):
    html = get(client, "/en/").get_data(as_text=True)
    assert '<svg class="chart"' in html and 'aria-label="Commitments per topic, coloured by status.' in html
    table = html[html.index('<details class="chart-data">'):]
    jobs = sum("jobs" in e.commitment.topics for e in library.entries())
    assert f'<th scope="row"><a href="/en/topics/jobs/">Jobs</a></th><td>{jobs}</td><td>{jobs}</td>' in table


def test_json_export_validates_against_its_schema(client, library):
    data = get(client, "/data/commitments.json").get_json()
    schema = get(client, "/data/commitments.schema.json").get_json()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert len(data["commitments"]) == 96
    record = next(r for r in data["commitments"] if r["id"] == "2021-changshu-5-3-1")
    assert record["targets"][0]["amount"] == 21000 and record["targets"][0]["text"]["en"] == "21,000 people"
    assert record["url"]["en"] == "http://127.0.0.1:8000/en/commitments/2021-changshu-5-3-1/"
    assert record["status"] == "not-yet-rated" and record["text"]["en"].startswith("We will create jobs")


def test_the_json_file_is_what_json_writes(client):
    """The JSON file is written without json's slow indenting encoder (opendata._indented),
    with the same bytes as json.dumps(…, ensure_ascii=False, indent=1)."""
    text = get(client, "/data/commitments.json").get_data(as_text=True)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner)
    | st.dictionaries(st.text(max_size=4) | st.integers(), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_json_is_indented_as_json_indents_it(value):
    """Any value json writes: the same text, or left to json (booleans, NaN and infinity,
    keys that are not strings)."""
    try:
        text = _indented(value, "")
    except _NotPlain:
        return
    assert text == json.dumps(value, ensure_ascii=False, indent=1)


def test_csv_export_has_a_row_per_commitment(client):
    text = get(client, "/data/commitments.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 96
    assert rows[0]["id"] == "2021-changshu-2-3-1" and rows[0]["text_zh"].startswith("深化\"一件事\"改革")


def test_data_page_describes_the_dataset_in_json_ld(client):
    html = get(client, "/en/data/").get_data(as_text=True)
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    dataset = json.loads(block)
    assert dataset["@type"] == "Dataset" and dataset["license"].startswith("https://creativecommons.org/")
    assert {d["encodingFormat"] for d in dataset["distribution"]} == {"application/json", "text/csv"}


@pytest.mark.parametrize("url", ["/zh/feeds/all.xml", "/en/feeds/all.xml", "/en/feeds/topics/elder-care.xml"])
def test_feeds_have_the_elements_rfc_4287_requires(client, url):
    response = get(client, url)
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{element}") is not None
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith(url.lstrip("/"))
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for element in ("id", "title", "updated", "summary"):
            assert (entry.find(f"{ATOM}{element}").text or "").strip()
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert entry.find(f"{ATOM}updated").text.endswith("Z")


def test_sitemap_follows_the_protocol_with_hreflang_alternates(client, library):
    root = ET.fromstring(get(client, "/sitemap.xml").data)
    assert root.tag == f"{SITEMAP}urlset"
    urls = root.findall(f"{SITEMAP}url")
    # Per language: home, topics, targets, reports, report, the report by its slug, glossary,
    # data, search, each topic and its status filters, each commitment; and the root.
    pages = 9 + len(library.used_topics) + len(list(topic_status_pages(library))) + 96
    assert len(urls) == 2 * pages + 1 and len(urls) <= 50_000
    for url in urls:
        loc = url.find(f"{SITEMAP}loc").text
        assert loc.startswith("http://127.0.0.1:8000/") and len(loc) < 2048
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall(f"{XHTML}link")}
        home = loc.rstrip("/").rsplit("/", 1)[-1] in ("zh", "en", "127.0.0.1:8000")
        assert set(alternates) == {"zh-Hans", "en", *(["x-default"] if home else [])}, loc
        assert loc in alternates.values()


def test_robots_txt_points_to_the_sitemap(client):
    assert get(client, "/robots.txt").get_data(as_text=True).endswith("Sitemap: http://127.0.0.1:8000/sitemap.xml\n")


def test_commitment_pages_have_canonical_and_open_graph(client):
    html = get(client, "/zh/commitments/2021-changshu-5-2-1/").get_data(as_text=True)
    assert '<link rel="canonical" href="http://127.0.0.1:8000/zh/commitments/2021-changshu-5-2-1/">' in html
    for prop in ("og:url", "og:type", "og:title", "og:description", "og:site_name", "og:locale"):
        assert f'<meta property="{prop}" content="' in html
    assert '<meta property="og:title" content="竣工学校20所' in html


def test_print_stylesheet_hides_navigation_and_shows_addresses():
    from .conftest import ROOT
    css = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
    print_css = css[css.index("@media print"):]
    assert ".site-header" in print_css and ".breadcrumbs" in print_css and ".pager" in print_css
    assert 'attr(href)' in print_css and ".print-only { display: block; }" in print_css


def test_static_build_writes_the_data_files(built_site):
    for path in ("data/commitments.json", "data/commitments.csv", "data/commitments.schema.json",
                 "sitemap.xml", "robots.txt", "zh/feeds/all.xml", "en/feeds/topics/jobs.xml",
                 "en/targets/index.html", "zh/data/index.html"):
        assert (built_site / path).is_file(), path
