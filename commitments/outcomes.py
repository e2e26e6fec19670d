"""What became of each promise: an earlier report's commitments matched against the
later report's review of the year (工作回顾), with a suggested status.

The review is the government's own account of the year before, so its sentences are
the evidence. A commitment is linked to a review sentence in these ways, strongest
first:

- the same indicator with a figure (城镇新增就业 1100万人以上 → 城镇新增就业1314万人):
  indicators are compared by their characters, so word order (新增城镇就业 / 城镇新增就业)
  and the place word (全市/全区) do not matter, and figures by their amount, so 2.1万人
  and 21000人 are one; the comparison gives the status;
- the same named thing (a quoted programme, a project, a plant, a road) in a sentence
  that says it was completed (建成, 竣工, 通车…) or is under way (开工, 推进…); a name is
  also found as a run of the same characters in both, rare in both reports: quoted
  (“三公”经费), ending as names do (…制度, …改革, …写字楼), or long (9 characters);
- a figure in other words: near the target in amount and unit, with three characters of
  its indicator running the same (1万亩节水灌溉 / 新增节水灌溉面积1.2万亩), or with a rare
  word of the commitment around it (投资5500万元的污泥处置工程 / 投资5642万元的…污泥焚烧厂),
  or the same indicator in another unit, which cannot be compared (专项扶贫资金增长30% /
  投入专项扶贫资金2800多亿元);
- many of the same rare words, which links without a status (unclear).

Indicators are read without what only frames them: the examples before 等 (呼伦大街、
建华路等12条道路 counts 道路), when and how (今年…拟按…安排), a parenthesis, an old name
(农民人均纯收入 is now 农村居民人均可支配收入); 城乡居民…分别增长8.7%和8.6% are the towns'
and the countryside's, and the towns' figure is never compared with the countryside's.

A sentence that reports five years at once (五年来, 累计, 年均…) is no evidence about
one year's target. No link is better than a wrong link: what does not pass the
thresholds below is "not mentioned in the next report", never "failed".
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .model import Commitment, Report, Sentence, Target
from .wording import bigrams, cosine, length, weighted
from .wording import idf as rarity
from .parse.markers import HAN_RE, SALUTATION_RE
from .targets import extract_targets

#: the suggested statuses, as the `outcomes` command prints them.
STATUSES = ("achieved", "partly", "not_achieved", "not_mentioned", "unclear")

# A sentence that reports several years at once: no evidence about one year's target.
SEVERAL_YEARS_RE = re.compile(r"五年|累计|年均|“十[一二三四五六]五”(?:时期|期间)|期间|以来")
# A part of the review about several years (过去五年工作回顾, 这五年，我们…).
SEVERAL_YEARS_CONTEXT_RE = re.compile(r"五年|十[一二三四五六]五")
ONE_YEAR_RE = re.compile(r"过去一年|去年|一年来|这一年|刚刚过去的")
# What closes a review: the difficulties still ahead (我们也清醒看到…问题) and the thanks.
AFTERWORD_RE = re.compile(r"清醒|困难和问题|问题和困难|矛盾和问题|不足|短板|感谢|来之不易")
THANKS_RE = re.compile(r"表示.{0,6}感谢|致以.{0,6}(?:感谢|敬意)")
DONE_RE = re.compile(r"建成|竣工|完工|投用|投入使用|投运|投产|通车|开通|开业|落成|启用|交付|实现|完成|达到|全覆盖|获批|揭牌|挂牌|运营")
UNDER_WAY_RE = re.compile(r"开工|动工|推进|加快|启动|在建|实施|进展顺利|初具规模|前期工作|稳步|有序|深入|持续|进入.{1,8}阶段")
# What a commitment promises of a named thing: to finish it, or only to start it.
PROMISES_DONE_RE = re.compile(r"建成|竣工|完工|投入使用|投用|投运|通车|开通|开业|交付|完成")
# Done in part: 基本完工, 初步建成, 一期建成, 部分…
PARTLY_DONE_RE = re.compile(r"(?:基本|初步|部分|一期)(?:建成|完工|完成|竣工|封顶)|主体.{0,3}(?:完工|封顶|竣工)")
# What the review says was done, for a link by words alone: carried out, held, issued.
ACTED_RE = re.compile(DONE_RE.pattern + r"|开展|举办|召开|出台|制定|建立|设立|推行|实行|全面推开|落实|通过验收")
# Words that say where or how, not what is measured.
FRAME_RE = re.compile(r"全年|全市|全区|全县|全省|全国|全旗|本市|本区|力争|确保|争取|累计|继续|持续|进一步|预计|实际|"
                      r"达到|完成|实现|保持|控制在|稳定在|突破|超过|超|不低于|不少于|以上|以内|左右|的|了|和|及|与")
# Words before a figure that name no indicator of their own (同比增长7.2%; 由240元提高到450元).
CARRIED_RE = re.compile(r"(?:由|从)?(?:提高|提升|增加|增长|上升|扩大|下降|降低|减少)(?:到|至)|同比|比上年|较上年|按可比价|可比口径|按|比|其中|分别|增幅|增速|总量|总额")
# Examples before 等 (呼伦大街、建华路等12条道路): what is counted follows them.
EXAMPLES_RE = re.compile(r"^.*(?<![高中平同初均对相])等(?![级于同])(?=[\u4e00-\u9fff]{2})")
# When the figure is for and what is only planned: 今年要再…, …拟按…安排, …预期增长均为.
LEADING_FRAME_RE = re.compile(r"^(?:今年|年内|当年|全年|要再|要)+")
MODAL_RE = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:拟|(?<![主重需必纲摘])要|预期|一直|均为|分别|安排).*$")
TASK_RE = re.compile(r"(?:任务|工作)$")
# The change a figure is the end of: 上限由30万元提高到50万元, 面积扩大到1000万亩.
CHANGE_TO_RE = re.compile(r"(?:由|从)?(?:每人每年)?(?:提高|提升|增加|扩大|上升|下降|降低|减少)(?:到|至)$")
# What stands between two figures of one indicator (分别增长8.7%和8.6%), and what says a
# figure is shared by the words listed before it (…、农村居民人均可支配收入均增长8%).
CONJUNCTION_RE = re.compile(r"和|及|与|、|以及|")
BOTH_RE = re.compile(r"(?:均|都)$")
PAREN_RE = re.compile(r"[（(][^）)]*[）)]")
# Old names of one indicator, read as the present one (the statistics changed in 2014).
SAME_INDICATOR = {"农民人均纯收入": "农村居民人均可支配收入", "农牧民人均纯收入": "农村牧区居民人均可支配收入"}
# The towns' figure is not the countryside's (城镇居民人均可支配收入 / 农村居民人均可支配收入),
# nor one sector's another's.
# A rise of prices is a ceiling (居民消费价格涨幅3%左右), never a goal to reach.
# What was done to the thing counted, after it: 道路提升改造, 管网改扩建.
WORK_DONE_RE = re.compile(r"(?:提升|改造|改扩建|扩建|改建|新建|修缮|维修|整治)+$")
PRICE_RE = re.compile(r"价格(?:涨幅|上涨)|物价")
SECTOR_RE = re.compile(r"工业|农牧业|农业|牧业|商贸|服务业|旅游|文化|教育|卫生|城市建设|民生|社会事业")
URBAN_RE = re.compile(r"城镇|城市|城区")
RURAL_RE = re.compile(r"农村|农民|农牧民|牧区|乡村")
QUOTED_RE = re.compile(r"[“\"「]([^”\"」]{2,20})[”\"」]")
# What a named project ends with: 岚北新材料产业园, 红星美凯龙主力店, 黑羊站水厂.
NAME_ENDINGS = (r"(?:工程|项目|中心|学校|医院|公园|公路|高速|大桥|园区|水厂|净水厂|小区|广场|博物馆|图书馆|体育馆|场馆|"
                r"枢纽|机场|港|隧道|铁路|线|路|基地|产业园|示范区|试验区|新区|主力店|商城|市场|写字楼|综合楼|大厦|酒店|"
                r"焚烧厂|处理厂|电厂|养护院|敬老院|客运站|纪念园|景区)")
NAMED_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,16}?" + NAME_ENDINGS)
FIGURE_RE = re.compile(r"\d+(?:\.\d+)?[万亿千百]?(?:平方米|平方公里|公里|千米|米|亩|个|座|条|所|家|户|吨|元|张|套|辆|床)?")
LEADING_VERBS_RE = re.compile(r"^(?:新建|改建|扩建|改造|建设|推进|实施|加快|启动|开工|完成|续建|提升|打造|建成|确保|力争|实现|"
                              r"积极|全面|重点|抓好|做好|推动|等)+")
NAMED_SUFFIX_RE = re.compile(NAME_ENDINGS + "+$")
PLACE_NAME_RE = re.compile(r"(?:省|市|区|县|镇|乡|村|旗|街道|社区|苏木|嘎查|城区|新区)$")
# Names too common to tell one project from another.
GENERIC_NAMES = re.compile(r"^(重点|重大|民生|基础设施|公共服务|各类|一批|新建|改造|建设|推进|实施|加快|全面|产业|城市|农村|乡村|"
                           r"工业|农业|农牧业|商贸|服务业|旅游|文化|教育|卫生|体育|投资|招商|"
                           r"社区|老旧|保障性|棚户区|安居|示范|试点|中小|项目|工程)+(工程|项目|中心|学校|医院|园区|小区|基地|示范区|试验区)$")
INDICATOR_MIN = 0.6   # Dice coefficient of two indicators' characters
NEAR_FIGURE_MIN = 0.8  # …and of a figure whose indicator is in other words altogether
OTHER_MEASURE_MIN = 0.85  # …and of an indicator given in another unit
FAR_MIN = 0.2         # a plan's figure and its outcome are of one size: not a fifth, nor five times
NEAR_MIN = 0.5        # the smaller of a target and a figure of other words, as a share of the larger
MEASURE_CHARS = frozenset("投资资金总额共计完成建成建设开工实施安排计划年度当年全年其中项目")
PHRASE_MIN = 4        # characters of the same words
PHRASE_SENTENCES = 2  # …in at most this many review sentences, and as many commitments
PHRASE_LONG = 9       # so many characters the same are no chance
PHRASE_NAME = 5       # a name shorter is a common word (服务中心, 道路工程, 重点项目)
PHRASE_TRIM = "和等的与及了在对将并"
# What a project is called by (东海写字楼, 呼伦社区文体馆), and a programme or a reform
# (公司制改革, 大病保险制度).
NAME_ENDING_RE = re.compile(r"(?:" + NAME_ENDINGS + r"|中学|小学|幼儿园|分校|学院|剧院|卫生院|养老院|福利院|"
                            r"[\u4e00-\u9fff]馆)$")
# What no name holds: a word that starts a phrase (在国际市场), 的, the 等 that ends a list,
# the 到 of a change (试点扩大到铁路…).
NOT_A_NAME_RE = re.compile(r"^[在对把向以为将与和及从]|[等的到]")
SCHOOL_RE = re.compile(r"(?:中学|小学|分校|幼儿园)$")
GENERIC_SCHOOL_RE = re.compile(r"^(?:重点|农村|城市|城区|乡村|民办|公办|普通|职业|薄弱|中心|完全|寄宿)")
# Words that end as names do but name nothing of their own: 主干道路, 农村公路, 国际航线.
NO_NAME_RE = re.compile(r"(?:道路|公路|铁路|线路|航线|干线|专线|支线|港口)$")
INSTITUTION_ENDING_RE = re.compile(r"(?:制度|改革|体系|体制|机制|试点|试验|规划|行动|计划|政策|基金|资金|责任制|事业部)$")
TEXT_MIN = 0.45       # cosine of rare bigrams for a link without a figure or a name


@dataclass(frozen=True)
class Evidence:
    """A sentence of the later report's review that reports on the commitment."""

    sentence: Sentence
    confidence: float
    #: what the link rests on, in words: the indicator and figures, or the name.
    reason: str


@dataclass(frozen=True)
class Comparison:
    """A target of the commitment and the figure the later report gives for it."""

    target: Target
    reported: Target
    status: str


@dataclass(frozen=True)
class Outcome:
    commitment: Commitment
    status: str
    evidence: tuple[Evidence, ...]
    comparisons: tuple[Comparison, ...] = ()

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)


@dataclass(frozen=True)
class _ReviewSentence:
    sentence: Sentence
    several_years: bool
    reported: tuple[Target, ...]
    bigrams: Counter


def link_outcomes(commitments: tuple[Commitment, ...], later: Report) -> tuple[Outcome, ...]:
    """An `Outcome` for every commitment, from the later report's review."""
    review = _review_sentences(later)
    idf = rarity(r.bigrams for r in review)
    # A name in many commitments (a programme they all serve) tells none of them apart.
    shared_names = Counter(name for c in commitments for name in set(_names(c.text)))
    phrases = _Phrases(review, [c.text for c in commitments])
    # Each review sentence weighted once, not once for every commitment compared with it.
    vectors = [weighted(r.bigrams, idf) for r in review]
    vectors = [(vector, length(vector)) for vector in vectors]
    # The sentences with each bigram: a commitment is compared with those sharing one
    # of its words, as the others' cosine is 0.
    sentences_with: dict[str, list[int]] = {}
    for number, reviewed in enumerate(review):
        for word in reviewed.bigrams:
            sentences_with.setdefault(word, []).append(number)
    return tuple(_outcome(c, review, idf, shared_names, phrases, vectors, sentences_with) for c in commitments)


def outcome_record(outcome: Outcome) -> dict:
    """The outcome as plain data: what `build.py outcomes --json` prints a line of."""
    c = outcome.commitment
    return {
        "id": c.id,
        "commitment": c.text,
        "evidence": [e.sentence.text for e in outcome.evidence],
        "status": outcome.status,
        "confidence": outcome.confidence,
        "evidence_anchors": [e.sentence.anchor for e in outcome.evidence],
        "reasons": [e.reason for e in outcome.evidence],
        "comparisons": [{"target": x.target.text, "reported": x.reported.text, "status": x.status}
                        for x in outcome.comparisons],
    }


# ---------------------------------------------------------------- the review


def _review_sentences(report: Report) -> list[_ReviewSentence]:
    """The review's sentences, each knowing whether it tells one year or several.

    Which period a passage tells is said once, at its start (五年来，… / 这五年，… /
    刚刚过去的2017年，… / the section's heading), and holds until another start says
    otherwise; a sentence may still say it of itself (累计…, 年均…)."""
    found = []
    for section in report.sections:
        if section.part != "review":
            continue
        period = _period(section.heading.text, report.meta.year) if section.heading else None
        units = [(None, section.intro)] + [(item, (*item.lead, *item.paragraph)) for item in section.items]
        for item, sentences in units:
            if item:
                # 各位代表，刚刚过去的2015年…: the period after the address
                opening = SALUTATION_RE.sub("", "".join(s.text for s in (*item.lead, item.title)))
                period = _period(opening, report.meta.year) or period
                if AFTERWORD_RE.search("".join(s.text for s in item.paragraph)[:60]):
                    continue  # the difficulties ahead, the thanks: no account of what was done
            for sentence in sentences:
                if not item:
                    period = _period(sentence.text, report.meta.year) or period
                if THANKS_RE.search(sentence.text):
                    continue  # 向…同胞…表示诚挚感谢: no account of what was done
                several = bool(SEVERAL_YEARS_RE.search(sentence.text)) or \
                    (period == "several" and not ONE_YEAR_RE.search(sentence.text))
                found.append(_ReviewSentence(sentence, several, _measured(extract_targets(sentence.text)),
                                             bigrams(sentence.text)))
    return found


def _period(text: str, year: int | None) -> str | None:
    """"one" or "several" years, as the start of a passage says; None when it does not."""
    opening = text[:20]
    if ONE_YEAR_RE.search(opening) or (year and f"{year - 1}年" in opening):
        return "one" if not SEVERAL_YEARS_CONTEXT_RE.search(opening) else None
    if SEVERAL_YEARS_CONTEXT_RE.search(opening):
        return "several"
    return None


def _measured(targets: tuple[Target, ...], text: str = "") -> tuple[Target, ...]:
    """Targets with what they measure: a figure whose clause names nothing (地区生产总值
    完成303.6亿元,同比增长7.2% / 增长8%，达到296亿元) measures what the one before it does,
    and changes as it does (分别增长8.7%和8.6%); 城乡居民收入分别增长8.7%和8.6% are the
    towns' and the countryside's; 城镇居民收入、农村居民收入均增长8% is a target for each."""
    named: list[Target] = []
    for target in targets:
        if len(HAN_RE.findall(CARRIED_RE.sub("", _indicator(target)))) < 2 and named:
            joined = CONJUNCTION_RE.fullmatch(PAREN_RE.sub("", target.indicator).strip())
            change = target.change or (named[-1].change if joined and named[-1].unit == target.unit else None)
            target = _measuring(target, named[-1].indicator, change)
            if joined and "分别" in target.indicator and "城乡" in target.indicator and named[-1].indicator == target.indicator:
                named[-1] = _measuring(named[-1], named[-1].indicator.replace("城乡", "城镇"))
                target = _measuring(target, target.indicator.replace("城乡", "农村"))
        elif text and BOTH_RE.search(target.indicator) and (start := text.find(target.indicator)) > 0:
            # 城镇居民收入、农村居民收入均增长8%: the words listed before share the figure.
            clause = re.split(r"[，,；;：:。]", text[:start])[-1]
            named += [_measuring(target, each) for each in clause.split("、") if len(HAN_RE.findall(each)) >= 2]
            target = _measuring(target, BOTH_RE.sub("", target.indicator))
        named.append(target)
    return tuple(named)


def _measuring(target: Target, indicator: str, change: str | None = "") -> Target:
    return Target(indicator, target.comparator, target.value, target.multiplier, target.unit,
                  target.change if change == "" else change, target.text)


# ---------------------------------------------------------------- one commitment


def _outcome(commitment: Commitment, review: list[_ReviewSentence], idf: dict[str, float],
             shared_names: Counter, phrases: "_Phrases",
             vectors: list[tuple[dict[str, float], float]], sentences_with: dict[str, list[int]]) -> Outcome:
    comparisons: list[Comparison] = []
    near_statuses: list[str] = []
    evidence: dict[str, Evidence] = {}
    rare = phrases.rare_words

    def add(sentence: Sentence, confidence: float, reason: str):
        known = evidence.get(sentence.anchor)
        if known is None or known.confidence < confidence:
            evidence[sentence.anchor] = Evidence(sentence, round(confidence, 2), reason)

    # 1. The same indicator with a figure: for the year, compared; for several years,
    # evidence that cannot be compared with one year's target.
    for target in _measured(commitment.targets, commitment.text):
        best = _best_figure(target, [r for r in review if not r.several_years], rare)
        if best:
            reviewed, reported, similarity = best
            status = compare(target, reported)
            comparisons.append(Comparison(target, reported, status))
            add(reviewed.sentence, 0.6 + 0.4 * similarity, f"{_indicator(target)}: {reported.text}")
        elif best := _best_figure(target, [r for r in review if r.several_years], rare):
            reviewed, reported, similarity = best
            add(reviewed.sentence, 0.45 + 0.2 * similarity, f"{_indicator(target)}: {reported.text} (several years)")
        elif near := _near_figure(target, commitment.text, [r for r in review if not r.several_years], rare):
            # Not compared: what the figure measures is not said the same way (the sum a
            # project costs, in both); what the review says of it is the status.
            reviewed, reported = near
            if status := _reported(commitment.text, _clause_with(reviewed.sentence.text, reported.text)):
                near_statuses.append(status)
            add(reviewed.sentence, 0.55, f"{_indicator(target)}: {reported.text}")
        elif near := _near_figure(target, commitment.text, [r for r in review if r.several_years], rare):
            reviewed, reported = near
            add(reviewed.sentence, 0.45, f"{_indicator(target)}: {reported.text} (several years)")
        elif other := _other_measure(target, review):
            # 专项扶贫资金增长30% / 投入专项扶贫资金2800多亿元: the same thing, not comparable
            reviewed, reported = other
            add(reviewed.sentence, 0.5, f"{_indicator(target)}: {reported.text} (another measure)")

    # 2. The same named thing, reported done or under way.
    named_statuses = near_statuses
    for name in _names(commitment.text):
        if shared_names[name] > 2:
            continue
        hits = [r for r in review if name in r.sentence.text]
        if not hits or len(hits) > 3:
            continue  # not there, or too common to tell one thing from another
        promise = _clause_with(commitment.text, name)
        for reviewed in hits:
            if reviewed.several_years:
                add(reviewed.sentence, 0.5, f"{name} (several years)")
                continue
            status = _reported(promise, _clause_with(reviewed.sentence.text, name))
            if status:
                named_statuses.append(status)
            add(reviewed.sentence, 0.75 if status == "achieved" else 0.65 if status else 0.55, name)
    # 2b. The same words of some length, which few sentences of either report have: a
    # programme or a project named without quotes or a name's usual ending (五马六乱,
    # 全面推开营改增, 专项扶贫资金), or a review that repeats the plan's words.
    for phrase, reviewed in phrases.shared(commitment):
        if reviewed.sentence.anchor in evidence:
            continue
        if reviewed.several_years:
            add(reviewed.sentence, 0.45, f"{phrase} (several years)")
            continue
        status = _reported(_clause_with(commitment.text, phrase), _clause_with(reviewed.sentence.text, phrase))
        # What the review says of the thing named is no status of the commitment's figures
        # (巩固“三山”绿化成果，完成3万亩… / 大力开展“三山”绿化).
        if status and not commitment.targets:
            named_statuses.append(status)
        add(reviewed.sentence, 0.6 if status else 0.5, phrase)
    # Several things named: achieved when each is done (东海写字楼 and 国税局综合楼).
    named_status = _combine(named_statuses) if named_statuses else None

    # 3. Many of the same rare words (beside a named link too, which may be about another
    # thing named in the commitment): done when the year's account says it was done.
    words_status = None
    if not comparisons:
        words = bigrams(commitment.text)
        mine = weighted(words, idf)
        mine_length = length(mine)
        best = None  # (cosine, review sentence) of the first sentence nearest the commitment
        for number in sorted({n for word in mine for n in sentences_with.get(word, ())}):
            vector, size = vectors[number]
            score = cosine(mine, vector, (mine_length, size))
            if best is None or score > best[0]:
                best = (score, review[number])
        # …two of them in a sentence or two of the review however short it is, and not
        # made of characters either side of a figure (产业培育实现新突破 shares only 新突破)
        if best and best[0] >= TEXT_MIN and _rare_shared(words, best[1].bigrams, idf) >= 2 \
                and len(_run_bigrams(commitment.text).keys() & _run_bigrams(best[1].sentence.text).keys() & rare) >= 2:
            score, reviewed = best
            add(reviewed.sentence, score, "same words")
            if not reviewed.several_years and not commitment.targets:
                # (what the words say was done is no status of figures left uncompared)
                words_status = _reported(commitment.text, reviewed.sentence.text)

    ordered = tuple(sorted(evidence.values(), key=lambda e: -e.confidence))
    if comparisons:
        status = _combine([c.status for c in comparisons])
    elif named_status or words_status:
        status = named_status or words_status
    elif ordered:
        status = "unclear"
    else:
        status = "not_mentioned"
    return Outcome(commitment, status, ordered, tuple(comparisons))


class _Phrases:
    """Runs of the same characters in a commitment and a review sentence that say what
    both are about: a name (quoted, or with a name's ending: “五马六乱”, 公司制改革, 居住证制度),
    what a figure of the commitment measures (专项扶贫资金), or a long run of the same
    words (全面推开营改增) — and rare enough in both reports to tell one thing apart. Short
    runs of the reports' common words (城市建设, 切实解决) say nothing of the kind."""

    def __init__(self, review: list[_ReviewSentence], commitments: list[str]):
        self.review = review
        self.texts = ["|".join(_han_runs(r.sentence.text)) for r in review]
        self.commitments = ["|".join(_han_runs(text)) for text in commitments]
        # Words in a sentence or two of the review, however short the review is.
        counts = Counter(w for r in review for w in set(_run_bigrams(r.sentence.text)))
        self.rare_words = {w for w, count in counts.items() if count <= PHRASE_SENTENCES}
        self.index: dict[str, set[int]] = {}
        for number, joined in enumerate(self.texts):
            for i in range(len(joined) - PHRASE_MIN + 1):
                self.index.setdefault(joined[i:i + PHRASE_MIN], set()).add(number)

    def shared(self, commitment: Commitment) -> list[tuple[str, _ReviewSentence]]:
        runs = _han_runs(commitment.text)
        # what a figure measures, as a Chinese phrase ends with it: 中央财政专项扶贫资金, not
        # 地区生产总值 of 非公经济增加值占地区生产总值的比重 nor 补助标准提高 of 补助标准提高到
        measured = [CARRIED_RE.sub("", _indicator(t)) for t in commitment.targets]
        found = []
        for number in sorted({n for run in runs for i in range(len(run) - PHRASE_MIN + 1)
                              for n in self.index.get(run[i:i + PHRASE_MIN], ())}):
            reviewed = self.review[number]
            quoted = [q for text in (commitment.text, reviewed.sentence.text) for q in QUOTED_RE.findall(text)]
            for run in _common_runs(runs, self.texts[number]):
                figure = bool(FIGURE_RE.search(_clause_with(reviewed.sentence.text, run)))
                phrase = self._says_what(run, quoted, measured if figure else [])
                # A quoted name many commitments serve (“十个全覆盖”工程) tells none apart.
                names = [q for q in quoted if len(q) >= 2 and phrase and q in phrase] + [phrase]
                if phrase and all(self._rare(name) for name in names):
                    found.append((phrase, reviewed))
                    break
        return found

    @staticmethod
    def _says_what(run: str, quoted: list[str], measured: list[str]) -> str | None:
        """The run, or the name it begins with (居住证制度 of 居住证制度全…), when it holds a
        quoted name whole (“三公”经费, not 草原音乐 of “草原音乐之城”), is long, is a name,
        or is what a figure of the commitment measures given with a figure in the review
        (not 城市建设 of 城市建设类28个 in 城市建设取得新进展)."""
        if any(len(q) >= 2 and q in run for q in quoted) or len(run) >= PHRASE_LONG:
            return run
        if len(run) >= 5 and any(m.endswith(run) for m in measured):
            return run
        for end in range(len(run), PHRASE_MIN - 1, -1):
            name = run[:end]
            if len(name) < PHRASE_NAME and not (SCHOOL_RE.search(name) and not GENERIC_SCHOOL_RE.match(name)):
                continue  # four characters name a school (桃李中学, 三中分校), seldom anything else
            ending = NAME_ENDING_RE.search(name) or INSTITUTION_ENDING_RE.search(name)
            if ending and not NO_NAME_RE.search(name) and not NOT_A_NAME_RE.search(name) \
                    and not GENERIC_NAMES.match(LEADING_VERBS_RE.sub("", name)):
                return name
        return None

    def _rare(self, phrase: str) -> bool:
        words = bigrams(phrase)
        if not words.keys() & self.rare_words:
            return False
        in_review = sum(1 for text in self.texts if phrase in text)
        in_plan = sum(1 for text in self.commitments if phrase in text)
        return in_review <= PHRASE_SENTENCES and in_plan <= PHRASE_SENTENCES


def _han_runs(text: str) -> list[str]:
    """The runs of Chinese characters, read through quotation marks (“三公”经费)."""
    return re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]+", re.sub(r"[“”\"「」『』]", "", text))


def _common_runs(runs: list[str], other: str, shortest: int = PHRASE_MIN) -> list[str]:
    """The longest runs of `runs` that `other` has too, longest first, without the
    little words at their ends (和东山组团 is 东山组团)."""
    found = []
    for run in runs:
        i = 0
        while i <= len(run) - shortest:
            length = shortest
            if run[i:i + length] not in other:
                i += 1
                continue
            while i + length < len(run) and run[i:i + length + 1] in other:
                length += 1
            phrase = run[i:i + length].strip(PHRASE_TRIM)
            if len(phrase) >= shortest:
                found.append(phrase)
            i += length
    return sorted(found, key=len, reverse=True)


def _best_figure(target: Target, review: list[_ReviewSentence], rare: set[str]):
    """(review sentence, reported target, indicator similarity) of the best match."""
    mine = _indicator_chars(target)
    if len(mine) < 2 or not _words(target):
        return None
    my_rare = bigrams(_content(target)).keys() & rare
    best = None
    for reviewed in review:
        for reported in reviewed.reported:
            if not _comparable(target, reported):
                continue
            theirs = _indicator_chars(reported)
            if len(theirs) < 2:
                continue
            # The same characters in any order (新增城镇就业 / 城镇新增就业), or the target's
            # words whole within the reported indicator (公厕 / 改造新建公厕).
            similarity = max(2 * len(mine & theirs) / (len(mine) + len(theirs)),
                             1.0 if _named_within(target, reported) else 0.0,
                             0.9 if _same_figure(target, reported) and mine & theirs else 0.0)
            # Of equally similar figures, the one nearest the target in size (全年新增就业
            # 5650人, not a project's 新增就业3000人).
            nearness = min(reported.amount, target.amount) / max(reported.amount, target.amount, 1e-9)
            # A count or an amount near the target's, whose indicator has three words
            # running of the target's, one of them rare (1万亩节水灌溉 / 新增节水灌溉面积1.2万亩),
            # or names nothing the target does not (基本建成511万套 / 基本建成保障房480万套):
            # a plan and its account of the year say it in other words.
            if nearness >= NEAR_MIN and target.unit not in ("%", "个百分点") and (
                    set() < _words(reported) <= _words(target) or any(
                        my_rare & bigrams(run).keys() for run in _common_runs([_content(target)], _content(reported), 3))):
                similarity = max(similarity, INDICATOR_MIN)
            if target.unit not in ("%", "个百分点") and nearness < FAR_MIN:
                continue  # 产值2亿元 of a few firms is not the district's 工业总产值207.2亿元
            if similarity >= INDICATOR_MIN and (best is None or (similarity, nearness) > best[2:]):
                best = (reviewed, reported, similarity, nearness)
    return best[:3] if best else None


def _near_figure(target: Target, text: str, review: list[_ReviewSentence], rare: set[str]):
    """(review sentence, reported target) of a figure in other words: nearly the target's
    amount, in its unit, in a sentence with rare words of the commitment around the
    target (确保投资5500万元的污泥处置工程年内完工 / 投资5642万元的…污泥焚烧厂…开工建设)."""
    if target.unit in ("%", "个百分点"):
        return None
    clause = _run_bigrams(_clause_with(text, target.text))
    found = []
    for reviewed in review:
        for reported in reviewed.reported:
            nearness = min(reported.amount, target.amount) / max(reported.amount, target.amount, 1e-9)
            if _comparable(target, reported) and nearness >= NEAR_FIGURE_MIN \
                    and clause.keys() & _run_bigrams(_clause_with(reviewed.sentence.text, reported.text)).keys() & rare:
                found.append((nearness, reviewed, reported))
    if len(found) != 1:
        return None  # none, or several alike: no telling which
    return found[0][1:]


def _other_measure(target: Target, review: list[_ReviewSentence]):
    """(review sentence, reported target) of a figure of the same indicator in another
    unit (a rise in % against an amount in 元): evidence that cannot be compared."""
    mine = _indicator_chars(target)
    if len(mine) < 3:
        return None
    for reviewed in review:
        for reported in reviewed.reported:
            if reported.unit == target.unit or _apart(_indicator(target), _indicator(reported)):
                continue
            theirs = _indicator_chars(reported)
            if 2 * len(mine & theirs) / (len(mine) + len(theirs)) >= OTHER_MEASURE_MIN or _named_within(target, reported):
                return reviewed, reported
    return None


def _run_bigrams(text: str) -> Counter:
    """`bigrams` within runs of Chinese characters, figures left out: not 成个 of 完成5个,
    nor 万吨 of 9.2万吨."""
    return sum((bigrams(run) for run in _han_runs(FIGURE_RE.sub(" ", text))), Counter())


def _indicator(target: Target) -> str:
    """What a figure measures, without the words around it that say when, how or by whom:
    望城路等15条道路工程 measures 道路工程 (the names before 等 are examples of it),
    今年赤字率拟按3%安排 the 赤字率, 氮氧化物排放量要分别下降3% the 氮氧化物排放量."""
    return _indicator_of(target.indicator)


# Each review figure is measured against every commitment's targets: its indicator is
# read once, not once a comparison.
@lru_cache(maxsize=65536)
def _indicator_of(indicator: str) -> str:
    words = EXAMPLES_RE.sub("", PAREN_RE.sub("", indicator))
    for old, new in SAME_INDICATOR.items():
        words = words.replace(old, new)
    words = MODAL_RE.sub("", LEADING_FRAME_RE.sub("", words))
    words = CHANGE_TO_RE.sub("", TASK_RE.sub("", words))
    return FRAME_RE.sub("", words) or FRAME_RE.sub("", indicator) or indicator


def _same_figure(target: Target, reported: Target) -> bool:
    """The same uncommon figure (新建大棚300个 / 建成蔬菜大棚300个): not a round few, not a
    rate that any sentence may have."""
    if target.unit != reported.unit or target.amount != reported.amount or target.unit in ("%", "个百分点"):
        return False
    digits = str(target.value).replace(".", "").strip("0")
    return len(digits) >= 2 or target.amount >= 100


def _named_within(target: Target, reported: Target) -> bool:
    """The target's indicator whole within the reported one, ending alike: 公厕 in 改造新建
    公厕, 道路 in 老城区道路提升改造 (what was done to it aside); not 国内生产总值 in 单位
    国内生产总值能耗, whose last words (the thing measured, as a Chinese phrase ends with
    it) differ."""
    words = _words(target)
    mine, theirs = WORK_DONE_RE.sub("", _content(target)), WORK_DONE_RE.sub("", _content(reported))
    return len(words) >= 1 and len(mine) >= 2 and words <= _words(reported) and theirs.endswith(mine[-2:])


def _content(target: Target) -> str:
    return _content_of(_indicator(target))


@lru_cache(maxsize=65536)
def _content_of(indicator: str) -> str:
    return "".join(c for c in HAN_RE.findall(indicator) if c not in MEASURE_CHARS)


def _words(target: Target) -> frozenset[str]:
    """The bigrams of what an indicator names, measure words left out."""
    han = _content(target)
    return frozenset(han[i:i + 2] for i in range(len(han) - 1))


def _indicator_chars(target: Target) -> frozenset[str]:
    """What the indicator names, as a set of characters: word order and the words that
    only say money was spent or work done (投资, 完成, 建成) do not count, since nearly
    every figure of a review has them."""
    return _chars_of(_indicator(target))


@lru_cache(maxsize=65536)
def _chars_of(indicator: str) -> frozenset[str]:
    return frozenset(HAN_RE.findall(indicator)) - MEASURE_CHARS


def _comparable(target: Target, reported: Target) -> bool:
    """Figures of one kind: the same unit, a change compared with a change, and the
    towns' not with the countryside's."""
    if target.unit != reported.unit or _apart(_indicator(target), _indicator(reported)):
        return False
    if target.unit in ("%", "个百分点"):
        return target.change == reported.change  # 增长7% is not 下降5.6%
    return True


def _apart(mine: str, theirs: str) -> bool:
    """Indicators of the towns and of the countryside, or of two sectors (重点工业项目 /
    重点农牧业项目): never one thing however many characters they share."""
    sectors = set(SECTOR_RE.findall(mine)), set(SECTOR_RE.findall(theirs))
    return _side(mine) * _side(theirs) < 0 or (all(sectors) and not sectors[0] & sectors[1])


def _side(indicator: str) -> int:
    """1 for the towns, -1 for the countryside, 0 for both or neither."""
    return bool(URBAN_RE.search(indicator)) - bool(RURAL_RE.search(indicator))


def compare(target: Target, reported: Target) -> str:
    """achieved / partly / not_achieved: the reported figure against the target."""
    goal, got = target.amount, reported.amount
    if target.change is None and (target.text.startswith("控制在") or PRICE_RE.search(target.indicator)):
        # 居民消费价格涨幅控制在3.5%左右: a ceiling, met by a price rise of 2%.
        return "achieved" if got <= goal * (1.02 if target.comparator == "~" else 1) else "not_achieved"
    if target.change == "decrease" and reported.change == "decrease" or target.comparator in ("<", "<="):
        # 下降3% is a target met by falling at least as far; 控制在4%以内 by staying under.
        if target.comparator in ("<", "<=") and target.change is None:
            return "achieved" if got <= goal else "not_achieved"
        return "achieved" if got >= goal else "partly"
    if target.comparator == "~":
        if got >= goal * 0.98:
            return "achieved"
        return "partly" if got >= goal * 0.8 else "not_achieved"
    if got >= goal:
        return "achieved"
    return "partly" if got >= goal * 0.5 else "not_achieved"


def _combine(statuses: list[str]) -> str:
    if all(s == "achieved" for s in statuses):
        return "achieved"
    if all(s == "not_achieved" for s in statuses):
        return "not_achieved"
    return "partly"


def _reported(promise: str, report: str) -> str | None:
    """What the review's words say became of a promise without a figure: done (建成,
    通车, 开展了…) is achieved; under way (开工, 进展顺利, 初具规模) or only partly done
    (基本完工) is partly, unless starting it or keeping at it was all that was promised
    (启动X / X开工建设, 深化X改革 / X改革稳步推进)."""
    if PARTLY_DONE_RE.search(report):
        return "partly"
    if ACTED_RE.search(report):
        return "achieved"
    if UNDER_WAY_RE.search(report):
        # A promise to start something, or to keep at it (深化改革), is kept by the work
        # under way; one to finish something is not yet.
        return "partly" if PROMISES_DONE_RE.search(promise) else "achieved"
    return None


def _names(text: str) -> list[str]:
    """Quoted programmes and named projects of a commitment: 岚北新材料产业园, “清水廊道”."""
    names = [m.group(1) for m in QUOTED_RE.finditer(text)]
    # A figure may stand inside a name (红星美凯龙5.7万平方米主力店): read the clause without it.
    # (a quotation stands apart: 全力抓好“菜篮子”工程 names no 全力抓好工程)
    for clause in re.split(r"[，,；;。、：:]", FIGURE_RE.sub("", QUOTED_RE.sub("，", text))):
        names += [m.group(0) for m in NAMED_RE.finditer(clause)]
    specific = []
    for name in names:
        core = LEADING_VERBS_RE.sub("", name)
        if len(HAN_RE.findall(core)) >= 4 and not GENERIC_NAMES.match(core) and not NOT_A_NAME_RE.search(core):
            specific.append(core)
            # …and its proper name alone (红星美凯龙主力店 → 红星美凯龙), which a review may
            # give with other words (红星美凯龙城市商贸综合体).
            proper = NAMED_SUFFIX_RE.sub("", core)
            if len(proper) >= 3 and proper != core and not GENERIC_NAMES.match(proper + "工程") \
                    and not NOT_A_NAME_RE.search(proper) \
                    and not PLACE_NAME_RE.search(proper):  # 哈克镇 names a place, not the project
                specific.append(proper)
            # …and the last words of a long one (开发区海拉尔食品产业园 → 食品产业园), which a
            # review may use alone.
            suffix = core[len(proper):] if proper != core else ""
            if suffix and len(proper) > 6:
                tail = core[-(len(suffix) + 2):]
                # (not 资和项目 of 招商引资和项目: two things, not the end of one name)
                if not GENERIC_NAMES.match(tail) and not NOT_A_NAME_RE.search(tail) and not re.search("[和与及]", tail):
                    specific.append(tail)
    return list(dict.fromkeys(specific))


def _clause_with(text: str, name: str) -> str:
    """The clause of a sentence where a name stands, with a few words around it."""
    start = text.find(name)
    if start < 0:
        return text  # a name read with a figure taken out of it
    left = max((m.end() for m in re.finditer(r"[，,；;。]", text[:start])), default=0)
    right = re.search(r"[，,；;。]", text[start + len(name):])
    end = start + len(name) + right.start() if right else len(text)
    return text[left:end]


def _rare_shared(a: Counter, b: Counter, idf: dict[str, float]) -> int:
    """Bigrams two texts share that few sentences of the review have (not 新突破)."""
    rare = max(idf.values(), default=0.0) - 1.2  # in about three sentences or fewer
    return sum(1 for k in a.keys() & b.keys() if idf.get(k, 0.0) >= rare)
