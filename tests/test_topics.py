"""The taxonomy file and the rules that assign topics."""
import pytest

from commitments.errors import ContentError
from commitments.extract import extract_commitments
from commitments.topics import load_topics


@pytest.fixture(scope="module")
def commitments(report, library):
    return {c.id: c for c in extract_commitments(report, library.topics)}


def test_taxonomy_has_the_required_topics(library):
    slugs = [t.slug for t in library.topics]
    for slug in ["education", "elder-care", "jobs", "health", "social-security", "housing", "transport",
                 "environment", "culture-sport", "public-safety", "rural", "business", "government"]:
        assert slug in slugs
    assert [t.slug for t in library.topics if t.headline] == ["education", "elder-care", "jobs"]


@pytest.mark.parametrize("commitment_id, expected", [
    ("2021-changshu-5-2-1", {"education"}),                     # 竣工学校20所
    ("2021-changshu-5-2-2", {"education"}),                     # 幼儿园
    ("2021-changshu-5-2-3", {"education", "jobs"}),             # 现代学徒制班
    ("2021-changshu-3-1-10", {"housing", "elder-care"}),        # 既有多层住宅增设电梯
    ("2021-changshu-5-3-8", {"elder-care"}),                    # 养老服务中心
    ("2021-changshu-6-2-2", {"jobs"}),                          # 保障农民工工资支付
    ("2021-changshu-5-3-1", {"jobs"}),                          # 新增就业
    ("2021-changshu-5-3-5", {"social-security"}),               # 养老保险 is not elder care
    ("2021-changshu-2-3-1", {"business"}),                      # 营商环境 is not the environment
])
def test_topics_of_commitments(commitments, commitment_id, expected):
    topics = set(commitments[commitment_id].topics)
    assert expected <= topics
    if commitment_id.endswith(("5-3-5", "2-3-1")):
        assert "elder-care" not in topics and "environment" not in topics


def test_every_commitment_has_a_topic(commitments):
    assert all(c.topics for c in commitments.values())


def test_broken_taxonomy_is_refused_with_its_line(tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text("- slug: jobs\n  name: {zh: 就业, en: Jobs}\n  description: {zh: 就业, en: Jobs}\n"
                    "  keywords: [就业]\n- slug: Bad Slug\n  name: {zh: 坏, en: Bad}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_topics(path)
    assert str(error.value).endswith("topics.yaml:5: topic 'Bad Slug': 'description' is missing "
                                     "(one line saying what the topic covers)")
    path.write_text(path.read_text(encoding="utf-8") + "  description: {zh: 坏, en: Bad}\n  keywords: [坏]\n",
                    encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_topics(path)
    assert str(error.value).endswith("topics.yaml:5: slug: 'Bad Slug' is not a slug: lower-case letters, digits "
                                     "and hyphens")
