"""The report is input: what the site says about a place, a year or a government comes
from content (site.yaml, each report.yaml), never from the interface."""
import re

import yaml

from commitments.web import create_app


def page(app, url):
    response = app.test_client().get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def lead(html):
    return re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_home_counts_only_the_available_part_of_an_incomplete_report(client):
    # The bundled report is page 2 of 2 (report.yaml `missing:`): the count is not the whole report's.
    assert lead(client.get("/en/").get_data(as_text=True)).startswith(
        "In the part of its 2021 work report that is available, the Changshu Municipal People&#39;s Government "
        "made 96 commitments.")
    assert lead(client.get("/zh/").get_data(as_text=True)).startswith(
        "在2021年政府工作报告可获取的部分中，常熟市人民政府共作出96项承诺。")
    assert "96 commitments in the part that is available" in client.get("/en/reports/").get_data(as_text=True)


def test_a_complete_report_is_counted_whole_and_the_government_comes_from_its_metadata(content_copy):
    meta = content_copy / "reports/2021-changshu/report.yaml"

    def renamed(data):
        del data["missing"]
        data["publisher"] = {"zh": "某某人民政府", "en": "Someplace People's Government"}

    edit_yaml(meta, renamed)
    app = create_app(content_copy)
    assert lead(page(app, "/en/")).startswith(
        "In its 2021 work report, the Someplace People&#39;s Government made 96 commitments.")
    assert lead(page(app, "/zh/")).startswith("在2021年政府工作报告中，某某人民政府共作出96项承诺。")
    assert "official document of the Someplace People&#39;s Government." in page(app, "/en/data/")
    assert "报告原文为某某人民政府的正式文件。" in page(app, "/zh/data/")
    feed = page(app, "/en/feeds/all.xml")
    assert "<author><name>Someplace People&#39;s Government</name></author>" in feed
    assert "in the part that is available" not in page(app, "/en/reports/")


def test_without_a_publisher_the_government_of_the_place_is_named(content_copy):
    edit_yaml(content_copy / "reports/2021-changshu/report.yaml", lambda data: data.pop("publisher"))
    app = create_app(content_copy)
    assert "the Government of Changshu made 96 commitments." in lead(page(app, "/en/"))
    assert "常熟市政府共作出96项承诺" in lead(page(app, "/zh/"))
    assert "<author><name>常熟市政府</name></author>" in page(app, "/zh/feeds/all.xml")


def test_titles_and_descriptions_come_from_site_yaml(content_copy):
    def retitled(data):
        data["headline"] = {"zh": "某地承诺了什么", "en": "What Someplace promised"}
        data["description"] = {"zh": "某地的承诺。", "en": "Someplace's promises."}

    edit_yaml(content_copy / "site.yaml", retitled)
    app = create_app(content_copy)
    home = page(app, "/en/")
    assert "<title>What Someplace promised – " in home
    assert '<meta name="description" content="Someplace&#39;s promises.">' in home
    assert '<meta name="description" content="某地的承诺。">' in page(app, "/zh/topics/")
    assert '<meta name="description" content="某地的承诺。 Someplace&#39;s promises.">' in page(app, "/")
