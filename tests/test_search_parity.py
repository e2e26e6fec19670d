"""The static search answers exactly like the live one, within its download budget.

static/js/search.js runs in Node (one process for every query) on the very files
the build exports; the live search is the Whoosh index the Flask server uses.
For every query of tests/data/search_queries.json, on every page of its results,
both must return the same commitments in the same order, with the same scores,
topic counts, snippets and did-you-mean.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from commitments.search.bench import (FIRST_QUERY_BUDGET, LATER_QUERY_BUDGET, load_requests, node_replay,
                                      query_bytes)
from commitments.search.export import export_index
from commitments.search.index import build_search_index

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="`node` is not on PATH, so search.js cannot be checked")
REQUESTS = load_requests()


@pytest.fixture(scope="module")
def live(library):
    return build_search_index(library, CONTENT)


@pytest.fixture(scope="module")
def exported(live, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("static") / "search-index"
    export_index(live, folder)
    return folder


def _as_json(value):
    return json.loads(json.dumps(value, ensure_ascii=False))


@pytest.fixture(scope="module")
def requests_all_pages(live) -> list[dict]:
    """Every query of the set, and every further page of its results."""
    out = []
    for request in REQUESTS:
        out.append(request)
        pages = live.search(request["q"], topic=request["topic"], page=1, lang=request["lang"])["pages"]
        if request["page"] == 1:
            out += [{**request, "page": p} for p in range(2, pages + 1)]
    return out


@pytest.fixture(scope="module")
def replayed(exported, requests_all_pages) -> list[dict]:
    if NODE is None:
        pytest.skip("node is not on PATH")
    return node_replay(exported, requests_all_pages, NODE)


@needs_node
def test_static_search_returns_what_live_search_returns(live, requests_all_pages, replayed):
    assert len(replayed) == len(requests_all_pages) >= 100
    mismatches = []
    for request, run in zip(requests_all_pages, replayed):
        expected = _as_json(live.search(request["q"], topic=request["topic"], page=request["page"],
                                        lang=request["lang"]))
        got = run["result"]
        if [r["id"] for r in got["results"]] != [r["id"] for r in expected["results"]]:
            mismatches.append((request, "ids/order", [r["id"] for r in got["results"]],
                               [r["id"] for r in expected["results"]]))
        elif got != expected:
            key = next(k for k in expected if got.get(k) != expected[k])
            mismatches.append((request, key, got.get(key), expected[key]))
    assert not mismatches, f"{len(mismatches)} queries differ; first: {mismatches[:3]}"


@needs_node
def test_full_rankings_agree(live, requests_all_pages, replayed):
    """Across all pages, the same commitments in the same order."""
    def ranking(results_of):
        rankings = {}
        for request, result in results_of:
            key = (request["q"], request["topic"], request["lang"])
            rankings.setdefault(key, []).extend(r["id"] for r in result["results"])
        return rankings

    static = ranking((req, run["result"]) for req, run in zip(requests_all_pages, replayed))
    live_ = ranking((req, live.search(req["q"], topic=req["topic"], page=req["page"], lang=req["lang"]))
                    for req in requests_all_pages)
    assert static == live_
    assert sum(1 for ids in live_.values() if len(ids) > 1) > 50


@needs_node
def test_query_set_exercises_results_suggestions_and_empty_answers(replayed):
    results = [run["result"] for run in replayed]
    assert sum(1 for r in results if r["total"]) > 100
    assert sum(1 for r in results if r["suggestion"] or r["corrected"]) >= 10
    assert sum(1 for r in results if r["mode"] == "corrected") >= 5
    assert sum(1 for r in results if r["searched"] and not r["total"]) >= 10
    assert any(r["pages"] > 1 for r in results)
    assert any(any(marked for r2 in r["results"] for _, marked in r2["snippet"]) for r in results)


@needs_node
def test_downloads_stay_within_the_budget(exported, requests_all_pages, replayed):
    """First query: scripts and index files ≤ 50 KB gzip; a later query ≤ 15 KB."""
    fetched = [run["fetched"] for run in replayed]
    first, later = query_bytes(exported, fetched)
    worst_first = max(range(len(first)), key=first.__getitem__)
    worst_later = max(range(len(later)), key=later.__getitem__)
    assert first[worst_first] <= FIRST_QUERY_BUDGET, (requests_all_pages[worst_first], first[worst_first])
    assert later[worst_later] <= LATER_QUERY_BUDGET, (requests_all_pages[worst_later + 1], later[worst_later])
    assert all(f[0] == "meta.json" for f in fetched)
    assert all(sum(1 for name in f if name.startswith("p/")) <= 64 for f in fetched)


def _random_queries(live, count=400, seed=11):
    """Corpus words and substrings, synonyms, misspellings and junk, mixed at random."""
    import random

    rng = random.Random(seed)
    words = sorted({w for d in live.docs for w in d.en.split()})
    han = [d.zh for d in live.docs]
    keys = [k for k in ("医保", "低保", "公积金", "养老院", "lift", "garbage", "nursing home", "air pollution")]
    junk = list("()[]{}\"'*?&|!:^~<>/\\%.,;　，。") + ["AND", "OR", "NOT", "<script>", "\u0000", "\u202e", "😀",
                                                      "ＡＢＣ", "ß", "é", "\u0301", "İ", "ﬁ"]
    queries = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.3:
                text = rng.choice(han)
                i = rng.randrange(len(text))
                parts.append(text[i:i + rng.randint(1, 8)])
            elif kind < 0.6:
                word = rng.choice(words).strip(".,;:()\"'")
                if rng.random() < 0.3 and len(word) > 3:  # a typo
                    i = rng.randrange(len(word))
                    word = word[:i] + word[i + 1:]
                parts.append(word)
            elif kind < 0.75:
                parts.append(rng.choice(keys))
            else:
                parts.append(rng.choice(junk))
        queries.append({"q": rng.choice([" ", "", "  "]).join(parts), "topic": rng.choice([None, None, "environment"]),
                        "page": rng.choice([1, 1, 2]), "lang": rng.choice(["zh", "en"])})
    return queries


@needs_node
def test_random_queries_agree(live, exported):
    queries = _random_queries(live)
    runs = node_replay(exported, queries, NODE)
    bad = [(q, run["result"]["results"][:2]) for q, run in zip(queries, runs)
           if run["result"] != _as_json(live.search(q["q"], topic=q["topic"], page=q["page"], lang=q["lang"]))]
    assert not bad, f"{len(bad)} of {len(queries)} differ; first: {bad[:2]}"
    assert sum(1 for run in runs if run["result"]["total"]) > 100


# ---------------------------------------------------------------- the report filter, on four reports

#: Reports of the filter test: the bundled one and corpus reports, as `bench --build` makes a site.
FILTERED_REPORTS = 4


@pytest.fixture(scope="module")
def two_live(two_reports_content):
    from commitments.library import load_library

    return build_search_index(load_library(two_reports_content), two_reports_content)


@pytest.fixture(scope="module")
def four_reports(tmp_path_factory):
    from commitments.build_bench import CORPUS, synthetic_content
    from commitments.library import load_library

    if len(list(CORPUS.glob("*.txt"))) < FILTERED_REPORTS - 1:
        pytest.skip("../shared/corpus is not beside the project")
    content = synthetic_content(CONTENT, FILTERED_REPORTS, tmp_path_factory.mktemp("four-reports") / "content")
    library = load_library(content)
    return [e.slug for e in library.editions], build_search_index(library, content)


@needs_node
def test_report_filter_agrees_on_four_reports(four_reports, tmp_path):
    slugs, index = four_reports
    assert len(slugs) == FILTERED_REPORTS
    reports = (None, *slugs, "no-such-report")
    chosen = slugs[1]
    folder = tmp_path / "search-index"
    export_index(index, folder)
    requests = []
    for i, request in enumerate(REQUESTS[::3]):
        requests.append({**request, "report": reports[i % len(reports)]})
        requests.append({**request, "topic": "education", "report": chosen})
    requests += [{"q": q, "topic": topic, "page": 1, "lang": lang, "report": report}
                 for q in ("教育", "建设", "school", "养老") for report in reports for lang in ("zh", "en")
                 for topic in (None, "education")]
    runs = node_replay(folder, requests, NODE)
    bad = []
    for request, run in zip(requests, runs):
        expected = _as_json(index.search(request["q"], topic=request["topic"], page=request["page"],
                                         lang=request["lang"], report=request["report"]))
        got = run["result"]
        for key in ("results", "reports", "topics", "count", "total", "report", "topic"):
            mine = [r["id"] for r in got["results"]] if key == "results" else got[key]
            theirs = [r["id"] for r in expected["results"]] if key == "results" else expected[key]
            if mine != theirs:
                bad.append((request, key, mine, theirs))
                break
        else:
            if got != expected:
                bad.append((request, "rest", None, None))
    assert not bad, f"{len(bad)} of {len(requests)} differ; first: {bad[:3]}"
    for slug in slugs:  # each report's filter finds its own commitments, and only those
        filtered = [run["result"] for request, run in zip(requests, runs) if request["report"] == slug]
        assert any(r["count"] for r in filtered), slug
        assert all(r["id"].startswith(f"{slug}-") for res in filtered for r in res["results"]), slug
    assert any(len(run["result"]["reports"]) == FILTERED_REPORTS for run in runs)
    assert all(run["result"]["report"] is None for request, run in zip(requests, runs)
               if request["report"] == "no-such-report")


# ---------------------------------------------------------------- search that forgives (issue 13)

# What residents type, and the commitment they expect among the first three, live and static.
EXPECTED_TOP3 = [
    ("養老", "2021-changshu-5-3-8"), ("幼兒園", "2021-changshu-5-2-2"), ("學校", "2021-changshu-5-2-1"),
    ("醫保", "2021-changshu-5-3-3"), ("就業", "2021-changshu-5-3-1"),
    ("yanglao", "2021-changshu-5-3-8"), ("yang lao", "2021-changshu-5-3-8"), ("jiuye", "2021-changshu-5-3-1"),
    ("youeryuan", "2021-changshu-5-2-2"),
    ("21000", "2021-changshu-5-3-1"), ("21,000", "2021-changshu-5-3-1"), ("2.1万", "2021-changshu-5-3-1"),
    ("2.1 万", "2021-changshu-5-3-1"), ("95%", "2021-changshu-5-3-1"), ("95％", "2021-changshu-5-3-1"),
    ("1万亩", "2021-changshu-2-3-3"), ("10,000 mu", "2021-changshu-2-3-3"),
    ("kindergarden", "2021-changshu-5-2-2"), ("digital economy", "2021-changshu-7-2-3"),
    ("养老", "2021-changshu-3-1-10"),  # the lifts for older residents, found through its topic
]


@needs_node
def test_every_query_of_the_issue_finds_what_a_resident_expects(live, exported):
    requests = [{"q": q, "topic": None, "page": 1, "lang": lang} for q, _ in EXPECTED_TOP3 for lang in ("zh", "en")]
    runs = node_replay(exported, requests, NODE)
    for request, run in zip(requests, runs):
        expected = dict(EXPECTED_TOP3)[request["q"]]
        live_result = live.search(request["q"], lang=request["lang"])
        assert expected in [r["id"] for r in live_result["results"][:3]], request
        assert run["result"] == _as_json(live_result), request
    for simplified, traditional in (("养老", "養老"), ("幼儿园", "幼兒園"), ("学校", "學校"), ("医保", "醫保"),
                                    ("就业", "就業")):
        assert [r["id"] for r in live.search(traditional)["results"]] == [
            r["id"] for r in live.search(simplified)["results"]]
    numbers = {q: [r["id"] for r in live.search(q)["results"]] for q in ("21000", "21,000", "2.1万", "2.1 万")}
    assert len({tuple(v) for v in numbers.values()}) == 1
    assert [r["id"] for r in live.search("1万亩")["results"]] == [r["id"] for r in live.search("10,000 mu")["results"]]


def test_forgiving_answers_say_how_they_matched(live):
    assert live.search("the", lang="en")["total"] == 0 and live.search("and")["total"] == 0
    assert [r["id"] for r in live.search("the school")["results"]] == [r["id"] for r in live.search("school")["results"]]
    lifts = next(r for r in live.search("养老", lang="en")["results"] if r["id"] == "2021-changshu-3-1-10")
    assert ["topic", "elder-care"] in lifts["why"] and ["synonym", "养老", "elderly care"] in lifts["why"]
    pinyin = live.search("yanglao")
    assert pinyin["mode"] == "pinyin" and all(["pinyin", "yanglao", "养老"] in r["why"] for r in pinyin["results"])
    assert all(["traditional", "養老", "养老"] in r["why"] for r in live.search("養老")["results"])
    corrected = live.search("kindergarden", lang="en")
    assert corrected["mode"] == "corrected" and corrected["corrected"] == "kindergarten" and corrected["total"]
    exact = live.search("kindergarden", lang="en", exact=True)
    assert exact["total"] == 0 and exact["suggestion"] == "kindergarten"
    partial = live.search("digital economy", lang="en")
    assert partial["mode"] == "partial" and partial["total"] >= 3
    assert live.search("digital")["total"] < partial["total"]


def _generated_forms(index, count, seed):
    """Words of the index typed as residents do: traditional characters, pinyin with and
    without spaces, numbers written another way, misspelt and partial English."""
    import random

    import opencc
    from pypinyin import Style, lazy_pinyin

    rng = random.Random(seed)
    to_traditional = opencc.OpenCC("s2t").convert
    runs = sorted({run for d in index.docs for run in HAN.findall(d.zh) if len(run) >= 2})
    english = sorted({w.strip(".,;:()\"'").lower() for d in index.docs for w in d.en.split() if w.isalpha()})
    numbers = sorted({n for d in index.docs for n in NUMBER.findall(d.zh)})
    queries = []
    while len(queries) < count:
        run = rng.choice(runs)
        i = rng.randrange(len(run) - 1)
        word = run[i:i + rng.randint(2, 4)]
        kind = len(queries) % 6
        if kind == 0:
            q = to_traditional(word)
        elif kind == 1:
            q = "".join(lazy_pinyin(word, style=Style.NORMAL))
        elif kind == 2:
            q = " ".join(lazy_pinyin(word, style=Style.NORMAL))
        elif kind == 3 and numbers:
            q = rng.choice(numbers)
            q = q.replace("万", " 万") if rng.random() < 0.5 else q
        elif kind == 4:
            w = rng.choice(english)
            j = rng.randrange(len(w))
            q = w[:j] + w[j + 1:] if len(w) > 4 else w
        else:
            q = " ".join(rng.sample(english, 2)) + rng.choice(["", " the", " 養老"])
        queries.append({"q": q, "topic": None, "page": 1, "lang": rng.choice(["zh", "en"])})
    return queries


HAN = __import__("re").compile(r"[\u4e00-\u9fff]+")
NUMBER = __import__("re").compile(r"[0-9]+(?:\.[0-9]+)?万")


def _agree(index, folder, queries):
    runs = node_replay(folder, queries, NODE)
    bad = [(q["q"], q["lang"]) for q, run in zip(queries, runs)
           if run["result"] != _as_json(index.search(q["q"], lang=q["lang"]))]
    assert not bad, f"{len(bad)} of {len(queries)} differ; first: {bad[:5]}"
    return [run["result"] for run in runs]


@needs_node
def test_generated_traditional_pinyin_and_number_queries_agree(live, exported):
    queries = _generated_forms(live, 240, seed=13)
    results = _agree(live, exported, queries)
    modes = [r["mode"] for r in results]
    assert modes.count("pinyin") >= 20 and modes.count("partial") >= 5 and modes.count("corrected") >= 5
    assert sum(1 for q, r in zip(queries, results) if q["q"] != q["q"].lower() or r["total"]) >= 150
    assert sum(1 for r in results for res in r["results"] for why in res["why"] if why[0] == "traditional") >= 20


@needs_node
def test_generated_queries_agree_on_two_corpus_reports(two_live, tmp_path):
    folder = tmp_path / "search-index"
    export_index(two_live, folder)
    queries = _generated_forms(two_live, 220, seed=31)
    results = _agree(two_live, folder, queries)
    assert sum(1 for r in results if r["mode"] == "pinyin") >= 20
    assert sum(1 for r in results if len(r["reports"]) == 2) >= 10
