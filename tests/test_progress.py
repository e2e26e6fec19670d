"""Progress tracking: the status scale, dated updates with sources, and the pages that show them."""
import pytest

from commitments.errors import ContentError
from commitments.library import load_library
from commitments.web import create_app

PROGRESS = """\
2021-changshu-5-2-1:
  status: in-progress
  updates:
    - date: 2021-09-01
      status: in-progress
      source: https://www.changshu.gov.cn/news/1.html
      note: {zh: 已竣工学校8所。, en: 8 schools completed so far.}
2021-changshu-5-3-1:
  status: achieved
  updates:
    - date: 2022-01-20
      status: achieved
      source: https://www.changshu.gov.cn/news/2.html
      note: {zh: 全年新增就业2.3万人。, en: "23,000 new jobs in the year."}
"""


@pytest.fixture()
def tracked(content_copy):
    (content_copy / "reports/2021-changshu/progress.yaml").write_text(PROGRESS, encoding="utf-8")
    return content_copy


def test_status_and_updates_are_loaded(tracked):
    library = load_library(tracked)
    progress = library.progress("2021-changshu-5-3-1")
    assert progress.status == "achieved" and str(progress.updated) == "2022-01-20"
    assert library.progress("2021-changshu-3-1-1").status == "not-yet-rated"


def test_pages_show_badge_timeline_totals_and_filter(tracked):
    client = create_app(tracked).test_client()
    html = client.get("/en/commitments/2021-changshu-5-2-1/").get_data(as_text=True)
    assert '<span class="status status-in-progress">In progress</span>' in html
    assert '<time datetime="2021-09-01">September 1, 2021</time>' in html
    assert "8 schools completed so far." in html and 'href="https://www.changshu.gov.cn/news/1.html"' in html
    zh = client.get("/zh/commitments/2021-changshu-5-2-1/").get_data(as_text=True)
    assert "推进中" in zh and "已竣工学校8所。" in zh and "2021年9月1日" in zh
    home = client.get("/en/").get_data(as_text=True)
    assert '<span class="status status-achieved">Achieved</span> <span class="n">1</span>' in home
    topic = client.get("/en/topics/education/").get_data(as_text=True)
    assert 'href="/en/topics/education/status/in-progress/"' in topic
    filtered = client.get("/en/topics/education/status/in-progress/").get_data(as_text=True)
    assert filtered.count('class="card"') == 1
    assert client.get("/en/topics/education/status/stalled/").status_code == 404


def test_feed_entry_updates_when_status_changes(tracked):
    client = create_app(tracked).test_client()
    feed = client.get("/en/feeds/topics/jobs.xml").get_data(as_text=True)
    entries = {e.split("<id>")[1].split("</id>")[0]: e for e in feed.split("<entry>")[1:]}
    changed = entries["http://127.0.0.1:8000/en/commitments/2021-changshu-5-3-1/"]
    assert "<updated>2022-01-20T00:00:00Z</updated>" in changed and 'term="achieved"' in changed
    unchanged = entries["http://127.0.0.1:8000/en/commitments/2021-changshu-5-3-2/"]
    assert "<updated>2026-11-26T00:00:00Z</updated>" in unchanged and 'term="not-yet-rated"' in unchanged


@pytest.mark.parametrize("body, message", [
    ("2021-changshu-5-2-1:\n  status: done\n", ":2: 2021-changshu-5-2-1.status: 'done' is not a status on the "
                                                 "progress scale: not-yet-rated, in-progress"),
    ("2021-changshu-5-2-1:\n  status: achieved\n  updates:\n    - date: 2021-13-45\n"
     "      source: https://x.org/a\n      note: ok\n",
     ":4: 2021-changshu-5-2-1.updates[0].date: '2021-13-45' is written as a date but is no day of the calendar"),
    ("2021-changshu-5-2-1:\n  status: achieved\n  updates:\n    - date: 2021-05-01\n      note: ok\n",
     ":4: 2021-changshu-5-2-1.updates[0]: 'source' is missing (where a resident can check the evidence: its web "
     "address (https://…))"),
    ("2021-changshu-9-9-9:\n  status: achieved\n", ":1: no commitment has the id '2021-changshu-9-9-9'"),
])
def test_mistakes_are_refused_with_file_and_line(content_copy, body, message):
    path = content_copy / "reports/2021-changshu/progress.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_library(content_copy)
    assert "progress.yaml" + message in str(error.value)
