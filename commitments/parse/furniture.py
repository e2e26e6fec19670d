"""Page furniture: what a web page or a scraper put around the report.

Two rules. A line is furniture wherever it is when its shape is web chrome: a
toolbar (下载 打印 【字号：大 中 小】), a metadata field (来源：… 阅读：… 责任编辑：…),
page navigation, a photo credit, a URL, English boilerplate. And once the report has
begun, a line that opens the page's footer (上一篇, 相关报道, 分享到, 责任编辑…) ends
it: that line and everything after it are furniture. What stands between the
masthead and the salutation, and after the closing address, is judged in `parse`.
"""
from __future__ import annotations

import re

from .clean import Line
from .markers import HAN_RE, SALUTATION_RE, marker

UI_WORDS = frozenset(
    "下载 打印 全屏 收藏 关闭 分享 分享到 加大 还原 减小 放大 缩小 字号 字体 大 中 小 默认 标准 "
    "返回 返回顶部 顶部 纠错 我要纠错 复制链接 微信 微博 扫一扫 打印本页 关闭窗口 保存 "
    "朗读 听全文 朗读全文 浏览次数 评论 点赞 转发 举报 首页 尾页 上一页 下一页".split())
UI_SPLIT_RE = re.compile(r"[\s【】\[\]()（）|｜/:：,，、·]+")
# 来源：… 阅读：… ; also （责任编辑：杨淼） and 标题：… of a scraper's header.
FIELD_RE = re.compile(
    r"^[（(【\[]?\s*(标题|题目|发文单位|发文机关|发文时间|发文字号|发布时间|发布日期|成文日期|"
    r"来源URL|来源网址|原文链接|原文地址|链接|网址|来源|信息来源|文章来源|稿源|时间|日期|作者|"
    r"阅读|阅读量|阅读数|阅读次数|浏览|浏览量|浏览次数|点击|点击数|点击量|访问量|评论|编辑|"
    r"责任编辑|审核|校对|正文|内容摘要|摘要|关键词|关键字|标签|分享到|字号|索引号|主题分类|文号)"
    r"\s*[:：]\s*(.*)$", re.I)
#: fields whose value, when on the next line, is furniture too (a summary that
#: repeats the opening of the report).
SUMMARY_FIELDS = {"内容摘要", "摘要"}
#: fields whose short value may stand on the next line (来源: / 四川日报).
SHORT_VALUE_FIELDS = {"来源", "信息来源", "文章来源", "稿源", "作者", "编辑", "责任编辑", "发布时间", "时间", "日期"}
# 2026年02月10日 07时41分 / 2026-02-03 09:02:33: when the page was posted, not the report.
TIMESTAMP_RE = re.compile(r"^\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?\s+\d{1,2}\s*[时:：]\s*\d{1,2}")
PAGING_RES = (
    re.compile(r"^(上一篇|下一篇|上一条|下一条)\s*[:：]"),
    re.compile(r"[(（]第\s*\d+\s*/\s*\d+\s*页[)）]\s*$"),
    re.compile(r"^第\s*\d+\s*页\s*([/，,]?\s*共\s*\d+\s*页)?$"),
    re.compile(r"^[-—―–－]\s*\d{1,3}\s*[-—―–－]$"),  # — 3 —, the page number of a printed copy
)
# A line that opens the footer of a page.
FOOTER_RE = re.compile(
    r"^[（(【\[]?\s*(上一篇|下一篇|上一条|下一条|相关报道|相关文章|相关链接|相关阅读|相关新闻|相关稿件|"
    r"延伸阅读|推荐阅读|热门推荐|热点推荐|本栏最新|本栏推荐|阅读排行|热门文章|标签云|分享到|"
    r"责任编辑|返回顶部|打印本页|关闭窗口|扫一扫)")
CREDIT_RE = re.compile(r"(记者|摄影|通讯员|供图)\s*[\u4e00-\u9fff]{2,4}(\s*摄)?\s*[)）]?$")
# 3月5日，…开幕。国务院总理李克强作政府工作报告。: a press photo's caption. The report
# itself speaks of its delivery only in the first person (我代表…作政府工作报告).
CAPTION_RE = re.compile(r"^[^我]{0,90}作政府工作报告[。.]?$")
# 》》点击图片进入专题《《 : a link dressed as arrows, or an instruction to click.
LINK_TEXT_RE = re.compile(r"^[》>]{2}.{1,30}[《<]{2}$|^点击(?:图片|这里|此处|查看|进入)")
URL_RE = re.compile(r"https?://|www\.|\.(?:com|cn|net|org|gov)\b", re.I)


def is_furniture(text: str) -> bool:
    """A line that is web chrome whatever its place on the page."""
    if FIELD_RE.match(text) or any(r.search(text) for r in PAGING_RES):
        return True
    if len(text) <= 40 and TIMESTAMP_RE.match(text):
        return True
    words = [w for w in UI_SPLIT_RE.split(text) if w]
    if len(text) <= 40 and (all(w in UI_WORDS for w in words) if words else set(text) <= set("【】[]")):
        return True  # 下载 / 【字号： 加大 还原 减小 】 / a lone 】
    if len(text) <= 80 and CREDIT_RE.search(text) and not marker(text):
        return True  # 新甘肃·甘肃日报记者 盛学卿
    if CAPTION_RE.match(text) or (len(text) <= 40 and LINK_TEXT_RE.match(text)):
        return True
    if URL_RE.search(text) and len(HAN_RE.findall(text)) <= 15:
        return True  # a link, not a sentence that cites a website
    return not HAN_RE.search(text) and len(re.findall(r"[A-Za-z]", text)) >= 3  # Public domain


def strip_furniture(lines: list[Line]) -> tuple[list[Line], list[tuple[int, str]]]:
    """The report's lines, and (line number, text) of the furniture taken out."""
    kept: list[Line] = []
    furniture: list[tuple[int, str]] = []
    begun = False
    summary_next = short_value_next = False
    for index, line in enumerate(lines):
        text = line.text
        if begun and FOOTER_RE.match(text):
            furniture.extend((ln.number, ln.text) for ln in lines[index:])
            break
        field = FIELD_RE.match(text)
        if field and field.group(1) == "正文" and len(field.group(2)) > 40:
            # 正文：各位代表：… — the label is furniture, the rest is the report.
            furniture.append((line.number, text[: field.start(2)].strip()))
            kept.append(Line(line.number, field.group(2), line.page_break))
            continue
        value_next = short_value_next and len(text) <= 20 and not re.search(r"[，,。；;：:！!？?]", text)
        if summary_next or value_next or is_furniture(text):
            furniture.append((line.number, text))
            empty = bool(field and not field.group(2))
            summary_next = empty and field.group(1) in SUMMARY_FIELDS
            short_value_next = empty and field.group(1) in SHORT_VALUE_FIELDS
            continue
        short_value_next = False
        begun = begun or bool(SALUTATION_RE.match(text) or _heading(text))
        kept.append(line)
    return kept, furniture


def _heading(text: str) -> bool:
    found = marker(text)
    return bool(found and found.kind in ("section", "sub", "item"))
