"""Every content file has a JSON Schema; a mistake an editor makes is one line naming the
file, the line, the field and what was expected, and the build leaves site/ as it was."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

import build
from commitments import schema
from commitments.glossary import BASES
from commitments.model import COMPARATORS
from commitments.progress import STATUSES
from commitments.topics import load_topics

from .conftest import CONTENT

TODAY = schema.today().isoformat()
REPORT = "reports/2021-changshu"
ONE = "2021-changshu-5-2-1"
UPDATE = (f"{ONE}:\n  status: in-progress\n  updates:\n"
          "    - date: {date}\n      status: in-progress\n      source: {source}\n      note: {{zh: 开工。, en: Work began.}}\n")


def document(name):
    return json.loads((schema.FOLDER / f"{name}{schema.SUFFIX}").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", schema.names())
def test_every_schema_is_valid_and_documents_every_field(name):
    data = document(name)
    Draft202012Validator.check_schema(data)
    assert data["title"] and data["description"]

    def walk(node, where):
        if isinstance(node, dict):
            # conditions and their branches refine fields documented where they are defined
            node = {k: v for k, v in node.items() if k not in ("if", "then", "else", "not")}
            for key, value in node.get("properties", {}).items():
                assert value.get("description"), f"{name}: {where}.{key} has no description"
                assert value.get("title") or "$ref" in value, f"{name}: {where}.{key} has no title"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(data, name)


def test_the_schemas_and_the_code_list_the_same_values():
    common = document("common")["$defs"]
    assert common["status"]["enum"] == list(STATUSES)
    assert document("glossary")["$defs"]["term"]["properties"]["basis"]["enum"] == list(BASES)
    targets = document("commitment-zh")["properties"]["targets"]["items"]["properties"]
    assert targets["comparator"]["enum"] == list(COMPARATORS)


def test_every_content_file_of_the_bundled_site_fits_its_schema(library):
    """load_library checks them all; this names what each file is checked against."""
    assert {"site", "report", "topics", "glossary", "site-glossary", "synonyms", "progress", "outcomes", "en",
            "commitment-zh", "commitment-en"} <= set(schema.names())
    assert library.site.first_published.isoformat() <= TODAY


def replace(old, new):
    def edit(text):
        assert old in text
        return text.replace(old, new, 1)
    return edit


def whole(new):
    return lambda text: new


def line_of(text, fragment):
    return text[:text.index(fragment)].count("\n") + 1


# (file, edit, the line's fragment (the edited text), message after "file:line: ")
MISTAKES = [
    ("site.yaml", replace("first_published: 2026-11-26", "first_published: 2099-01-01"), "first_published:",
     f"first_published: '2099-01-01' is in the future (today is {TODAY})"),
    ("site.yaml", replace("first_published: 2026-11-26", "first_published: 2026-02-30"), "first_published:",
     "first_published: '2026-02-30' is written as a date but is no day of the calendar"),
    ("site.yaml", replace("base_url: http://127.0.0.1:8000/", "base_url: 127.0.0.1:8000/"), "base_url: 127",
     "base_url: '127.0.0.1:8000/' is not a full http(s) address, like https://example.org/commitments/"),
    ("site.yaml", replace("default_report:", "default_reprot:"), "default_reprot:",
     "unknown key 'default_reprot'; expected one of: default_report"),
    (f"{REPORT}/report.yaml", replace("year: 2021", "year: twenty"), "year:",
     "year: 'twenty' is not a four-digit year"),
    (f"{REPORT}/report.yaml", replace("year: 2021\n", "year: 2021\ndate: 2099-03-01\n"), "date:",
     f"date: '2099-03-01' is in the future (today is {TODAY})"),
    (f"{REPORT}/report.yaml", replace("source_url: https://", "source_url: ftp://"), "source_url:",
     "source_url: 'ftp://guanshanwenku.com/gongzuozongjie/2022/11/21339_2.html' is not an http(s) web address, "
     "like https://www.example.gov.cn/news/1.html"),
    (f"{REPORT}/report.yaml", replace("place:\n  zh: 常熟市\n  en: Changshu\n", "place: 常熟市\n"), "place:",
     "place: '常熟市' is not a Chinese text with its English when known, {zh: …, en: …}"),
    ("topics.yaml", replace("  headline: true\n", "  headline: maybe\n"), "headline: maybe",
     "topic 'education': headline: 'maybe' is not true or false"),
    ("topics.yaml", replace("  keywords: [学校,", "  keyword: [学校,"), "keyword:",
     "topic 'education': unknown key 'keyword'; expected one of: keywords, exclude, fallback"),
    ("topics.yaml", replace("- slug: elder-care\n", "- slug: Elder Care\n"), "Elder Care",
     "slug: 'Elder Care' is not a slug: lower-case letters, digits and hyphens"),
    (f"{REPORT}/glossary.yaml", replace("  basis: inferred\n", "  basis: guessed\n"), "guessed",
     "term '一件事': basis: 'guessed' is not report, public-source or inferred"),
    (f"{REPORT}/glossary.yaml", replace("  basis: inferred\n", "  basis: public-source\n  source: www.gov.cn\n"),
     "www.gov.cn", "term '一件事': source: 'www.gov.cn' is not an http(s) web address, like "
                   "https://www.example.gov.cn/news/1.html"),
    ("glossary.yaml", whole("- term: 亩\n  en: mu\n  applies_to: some\n  basis: inferred\n"
                            "  explanation: {zh: 土地面积单位。, en: A unit of land area.}\n"), "applies_to",
     "term '亩': applies_to: 'some' must be 'all'"),
    ("synonyms.yaml", replace("same:\n", "similar:\n"), "similar:",
     "unknown key 'similar'; expected one of: same"),
    (f"{REPORT}/progress.yaml", whole(UPDATE.format(date="2099-01-01", source="https://x.gov.cn/1.html")),
     "2099", f"{ONE}.updates[0].date: '2099-01-01' is in the future (today is {TODAY})"),
    (f"{REPORT}/progress.yaml", whole(UPDATE.format(date="2021-09-01", source="www.x.gov.cn/1.html")),
     "www", f"{ONE}.updates[0].source: 'www.x.gov.cn/1.html' is not an http(s) web address, "
            "like https://www.example.gov.cn/news/1.html"),
    (f"{REPORT}/progress.yaml", whole(UPDATE.format(date="2021-09-01", source="https://x.gov.cn/1.html")
                                      .replace("  status: in-progress\n  updates", "  status: finished\n  updates")),
     "finished", f"{ONE}.status: 'finished' is not a status on the progress scale: not-yet-rated, in-progress, "
                 "stalled, achieved, partly-achieved, not-achieved"),
    (f"{REPORT}/progress.yaml", whole(UPDATE.format(date="2021-09-01", source="https://x.gov.cn/1.html")
                                      + "    - date: 2021-10-01\n      source: https://x.gov.cn/2.html\n"
                                        "      note: 完工。\n"),
     "2021-10-01", f"{ONE}.updates[1].date: '2021-10-01' is after the update above it (2021-09-01): "
                   "updates go newest first"),
    (f"{REPORT}/progress.yaml", whole(UPDATE.format(date="2021-09-01", source="https://x.gov.cn/1.html")
                                      .replace("      note:", "      remark:")),
     "remark", f"{ONE}.updates[0]: unknown key 'remark'; expected one of: note"),
    (f"{REPORT}/outcomes.yaml", whole(f"{ONE}:\n  decision: rejected\n  date: 2099-03-01\n"
                                      "  next_report: 2022-changshu\n"),
     "2099", f"{ONE}.date: '2099-03-01' is in the future (today is {TODAY})"),
    (f"{REPORT}/outcomes.yaml", whole(f"{ONE}:\n  decision: accepted\n  date: 2022-03-01\n"
                                      "  next_report: 2022-changshu\n"),
     f"{ONE}:", f"{ONE}: an accepted suggestion needs a status: in-progress, stalled, achieved, partly-achieved "
                "or not-achieved"),
    (f"{REPORT}/en.yaml", replace("s3-h:\n", "s3-h: Integrated development\ns3-x:\n"), "s3-h:",
     "s3-h: 'Integrated development' is not a sentence, {zh: …, en: …}"),
    (f"{REPORT}/zh/{ONE}.md", replace("  value: 20\n", "  value: twenty\n"), "twenty",
     "targets[0].value: 'twenty' is not a number"),
    (f"{REPORT}/zh/{ONE}.md", replace("  comparator: '='\n", "  comparator: about\n"), "about",
     "targets[0].comparator: 'about' is not one of =, >, >=, <, <=, ~"),
    (f"{REPORT}/zh/{ONE}.md", replace("  multiplier: 1\n", "  multiplier: 1.5\n"), "1.5",
     "targets[0].multiplier: 1.5 is not a whole number"),
    (f"{REPORT}/zh/{ONE}.md", replace("topics:\n", "topics_by: me\ntopics:\n"), "topics_by",
     "topics_by: 'me' must be 'editor'"),
    (f"{REPORT}/zh/{ONE}.md", replace("topics:\n- education\n", "topics: []\n"), "topics:",
     "topics: is empty; expected a non-empty list of topic slugs"),
    (f"{REPORT}/zh/{ONE}.md", replace("section: 5\n", "section: five\n"), "five",
     "section: 'five' is not a whole number"),
    (f"{REPORT}/en/{ONE}.md", replace("  status: translated\n", "  status: done\n"), "done",
     "translation.status: 'done' is not pending, translated or outdated"),
    (f"{REPORT}/en/{ONE}.md", replace("indicators:\n", "indicator:\n"), "indicator:",
     "unknown key 'indicator'; expected one of: indicators, note"),
]


@pytest.mark.parametrize("relative, edit, fragment, message", MISTAKES,
                         ids=[f"{m[0].rsplit('/', 1)[-1]}-{n}" for n, m in enumerate(MISTAKES)])
def test_an_editors_mistake_is_one_line_with_file_line_field_and_what_was_expected(
        content_copy, tmp_path, capsys, relative, edit, fragment, message):
    path = content_copy / relative
    text = edit(path.read_text(encoding="utf-8") if path.exists() else "")
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.html").write_text("previous build", encoding="utf-8")

    assert build.main(["--content", str(content_copy), "--site", str(site), "build"]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {path}:{line_of(text, fragment)}: {message}\n"
    assert [p.name for p in site.iterdir()] == ["keep.html"]
    assert (site / "keep.html").read_text(encoding="utf-8") == "previous build"
    assert path.read_text(encoding="utf-8") == text


def test_today_is_the_builds_date_when_reproducible_builds_set_it(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1861920000")  # 2029-01-01T00:00:00Z
    assert schema.today().isoformat() == "2029-01-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(schema.ContentError, match="SOURCE_DATE_EPOCH='soon' is not a time"):
        schema.today()


def test_only_the_fallback_topic_may_have_no_keywords(tmp_path):
    path = tmp_path / "topics.yaml"
    entry = "- slug: {slug}\n  name: {{zh: 甲, en: A}}\n  description: {{zh: 甲, en: A}}\n  keywords: []\n"
    path.write_text(entry.format(slug="other") + "  fallback: true\n", encoding="utf-8")
    assert [t.slug for t in load_topics(path)] == ["other"]
    path.write_text(entry.format(slug="other") + "  fallback: true\n" + entry.format(slug="jobs"), encoding="utf-8")
    with pytest.raises(schema.ContentError) as error:
        load_topics(path)
    assert str(error.value) == (f"{path}:9: topic 'jobs': keywords: is empty; "
                                "a topic needs keywords unless it is the fallback")


def test_the_schemas_are_published_with_the_site(client, built_site):
    for name in schema.names():
        own = (schema.FOLDER / f"{name}{schema.SUFFIX}").read_bytes()
        response = client.get(f"/data/schemas/{name}{schema.SUFFIX}")
        assert response.status_code == 200 and response.data == own
        assert (built_site / "data" / "schemas" / f"{name}{schema.SUFFIX}").read_bytes() == own
    assert client.get("/data/schemas/nothing.schema.json").status_code == 404


def test_the_content_files_name_their_schema_for_editors_tools():
    """The first line of an editor's file may name its schema (yaml-language-server); the
    bundled ones do, and each names the schema the build checks it against."""
    named = {}
    for path in CONTENT.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith("# yaml-language-server: $schema="):
            named[path.relative_to(CONTENT).as_posix()] = (path.parent / first.split("=", 1)[1]).resolve()
    assert {path: schema_path.name for path, schema_path in named.items()} == {
        "site.yaml": "site.schema.json", "topics.yaml": "topics.schema.json",
        "glossary.yaml": "site-glossary.schema.json", "synonyms.yaml": "synonyms.schema.json",
        f"{REPORT}/report.yaml": "report.schema.json", f"{REPORT}/progress.yaml": "progress.schema.json",
        f"{REPORT}/glossary.yaml": "glossary.schema.json"}
    assert all(path.parent == schema.FOLDER.resolve() for path in named.values())


def _mistakes(data):
    """``data`` with one thing wrong at a time: each key gone, each value of another
    type or out of its range, a key too many; and what YAML can give that JSON has not."""
    odd = [None, True, 1, -1, 1.5, 1.0, float("nan"), float("inf"), 10**30, "", "x", "abc\n", "五",
           [], ["x"], [1], {}, {"a": 1}, b"bytes", {1, 2}]
    yield data
    for key in data:
        yield {k: v for k, v in data.items() if k != key}
        for value in odd:
            yield {**data, key: value}
        if isinstance(data[key], dict):
            for inner in _mistakes(data[key]):
                yield {**data, key: inner}
        if isinstance(data[key], list) and data[key] and isinstance(data[key][0], dict):
            for inner in _mistakes(data[key][0]):
                yield {**data, key: [inner, *data[key][1:]]}
    yield {**data, "unknown": 1}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_fast_check_of_commitment_files_lets_in_only_what_jsonschema_lets_in(library, lang):
    """schema.valid answers with jsonschema-rs where it can; whatever it lets in,
    jsonschema lets in too (what is wrong is then told by jsonschema)."""
    from commitments.content import commitment_paths, read_content_file

    name = f"commitment-{lang}"
    assert schema._fast_validator(name) is not None
    front = read_content_file(commitment_paths(library.editions[0].folder, lang)[0]).front
    front = {**front, "targets": [{"indicator": "GDP", "comparator": "~", "value": 6, "multiplier": 1, "unit": "%",
                                   "change": "increase", "text": "6%左右"}]} if lang == "zh" else \
        {**front, "indicators": ["GDP"], "note": "A note."}
    cases = list(_mistakes(front))
    assert len(cases) > 100
    for data in cases:
        assert schema.valid(data, name) == schema._validator(name).is_valid(data), data
