"""The importer on real reports as they are published (../shared/corpus), junk included.

Each report was read through by a person before these tests were written: the
counts and spot checks record what the report says (its sections, its items, which
sentence is a commitment under which item), so a parser change that misreads one
of them fails here. The files are third-party data and are read in place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from commitments.parse.decode import read_report_text
from commitments.parse.detect import detect_meta
from commitments.extract import extract_commitments
from commitments.inspect import main as inspect_main
from commitments.inspect import outline
from commitments.model import Report, ReportMeta
from commitments.parse import parse_report
from commitments.topics import load_topics

from .conftest import CONTENT

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the corpus of real reports is not at {CORPUS} (../shared/corpus)")


@dataclass(frozen=True)
class Expected:
    year: int
    #: part → (sections, items, commitments)
    parts: dict[str, tuple[int, int, int]]
    #: what detect_meta should find
    meta: dict
    glossary: int = 0
    #: whole lines of the page that must be taken out as furniture
    furniture: tuple[str, ...] = ()
    #: (words of a sentence, section, item): that sentence is a commitment there
    commitments: tuple[tuple[str, int, int], ...] = ()
    #: words of sentences that are in the report but commit to nothing
    not_commitments: tuple[str, ...] = ()
    #: section number → how the title of its first item (in reading order) begins
    first_items: dict[int, str] = field(default_factory=dict)
    #: words of the year's main expected targets (主要预期目标): a commitment with targets
    headline: tuple[str, ...] = ()


NONE = (0, 0, 0)
EXPECTED = {
    "state_council_2021_wikisource.txt": Expected(
        year=2021,
        # 一、2020年工作回顾 with 一是…七是 and two paragraphs after 各位代表！; 二、 with nine ——
        # bullets; 三、 with （一）…（八）, then seven paragraphs of plan (the government itself,
        # ethnic affairs, defence, Hong Kong and Macao, Taiwan, foreign affairs) before the closing.
        parts={"review": (1, 9, 0), "plan": (2, 24, 336), "appendix": NONE},
        meta={"place": "中国", "level": "国家", "year": 2021, "date": "2021-03-05", "title": "政府工作报告"},
        furniture=("Public domain", "false"),
        commitments=(("今年赤字率拟按3.2%左右安排", 3, 1),
                     # split over a page break (a line of U+200B) in the middle of 稳岗
                     ("扩大失业保险返还等阶段性稳岗政策惠及范围", 3, 1),
                     ("发展边境贸易。", 3, 6),
                     ("森林覆盖率达到24.1%", 2, 7)),
        not_commitments=("稳住了经济基本盘", "今年预期目标设定为6%以上", "向全国各族人民"),
        headline=("国内生产总值增长6%以上", "城镇新增就业1100万人以上"),
        first_items={1: "围绕市场主体的急需制定和实施宏观政策，稳住了经济基本盘。",
                     3: "保持宏观政策连续性稳定性可持续性，促进经济运行在合理区间。"},
    ),
    "guangdong_province_2026.txt": Expected(
        year=2026,
        parts={"review": (1, 17, 0), "plan": (2, 20, 388), "appendix": (1, 10, 47)},
        meta={"place": "广东省", "level": "省", "year": 2026, "date": "2026-01-26"},
        glossary=13,
        commitments=(("城镇新增就业110万人以上", 3, 12),
                     ("加快筹设深圳海洋大学", 3, 9),
                     ("以PM2.5浓度持续下降为主线", 3, 10),  # PM / 2.5 / 浓度… on three lines
                     # 附件1 2026年省十件民生实事, its 十、
                     ("新建和改造提升农村公路2500公里，其中县道", 4, 10)),
        not_commitments=("地区生产总值增长3.9%", "PM2.5年平均浓度保持在20微克"),
        first_items={2: "聚焦经济建设这一中心工作。",
                     3: "久久为功推动粤港澳大湾区建设，打造富有活力和国际竞争力的一流湾区和世界级城市群。",
                     4: "提高低保、特困人员、孤儿基本生活与残疾人两项补贴和重点群体救助保障水平。"},
        headline=("地区生产总值增长4.5%—5%",),
    ),
    "gansu_province_2026.txt": Expected(
        year=2026,
        # Unnumbered section titles: “十四五”时期工作回顾 / “十五五”时期的主要目标任务 / 2026年重点工作.
        parts={"review": (1, 17, 0), "plan": (2, 22, 295), "appendix": NONE},
        meta={"place": "甘肃省", "level": "省", "year": 2026, "date": "2026-01-27",
              "title": "2026年甘肃省政府工作报告"},
        furniture=("下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】",
                   "来源：甘肃日报", "时间：2026-02-10", "任振鹤作政府工作报告。新甘肃·甘肃日报记者 盛学卿",
                   "相关报道："),
        commitments=(("落实好更加积极的财政政策、适度宽松的货币政策", 3, 1),
                     ("林草覆盖率达到44.79%", 2, 7),
                     # the government itself, after the last （八） and 各位代表！
                     ("要厉行法治、依法行政。", 3, 11)),
        not_commitments=("我们扭住高质量发展首要任务", "这是追赶进位、综合实力快速跃升的五年"),
        headline=("地区生产总值增长5.5%左右", "城镇调查失业率5.5%左右"),
        first_items={3: "放大促消费扩投资政策效应"},
    ),
    "baoding_city_2021.txt": Expected(
        year=2021,
        parts={"review": (1, 20, 0), "plan": (3, 24, 274), "appendix": NONE},
        meta={"place": "保定市", "level": "市", "year": 2021, "date": "2021-01-31",
              "title": "2021年保定市政府工作报告"},
        furniture=("标题：2021年保定市政府工作报告", "发文单位：保定市人民政府", "发文时间：未知", "正文：",
                   "（责任编辑：杨淼）"),
        commitments=(("安置房12月底封顶", 3, 4),
                     # the footnote mark [37] after “一区三边” is gone
                     ("持续开展市场、环境、“一区三边”专项整治", 3, 4),
                     ("确保新增450家以上", 3, 1),
                     # 四、加强政府自身建设: unnumbered run-in paragraphs are its items
                     ("旗帜鲜明讲政治，忠于党、诚于民、勤于政。", 4, 1)),
        not_commitments=("“十三五”发展目标和小康社会指标圆满实现",),
        first_items={2: "推进协同创新一体化。", 3: "突出扩大内需，在经济发展上开新局。",
                     4: "坚持政治引领，践行人民至上。"},
        headline=("生产总值增长8%以上，一般公共预算收入增长6.5%以上",),
    ),
    "anguo_city_2022.txt": Expected(
        year=2022,
        # 附件1 is a flattened table of ten projects; 附件2 reports 2021's progress.
        parts={"review": (1, 6, 0), "plan": (2, 11, 125), "appendix": (2, 18, 22)},
        meta={"place": "安国市", "level": "市", "year": 2022, "date": "2022-01-27",
              "title": "2022年安国市政府工作报告"},
        glossary=21,
        furniture=("工作报告", "2022年安国市政府工作报告", "评论：", "661", "内容摘要：", "分享到：", "QQ空间",
                   "上一篇：", "2020年安国市政府工作报告", "下一篇：", "相关文章", "本栏最新",
                   "焦作市解放区2025年政府工作报告", "阅读排行", "标签云", "政府信息公开"),
        commitments=(("完成36个老旧小区改造", 2, 3),
                     ("占地5000亩，包括1个药用植物园", 4, 1),
                     ("总投资 6.77亿元", 4, 3)),
        not_commitments=("全年地区生产总值完成122.2亿元", "预计2022年7月份完成可研报告"),
        first_items={3: "扛起政治建设之责，坚决做到忠诚为政。", 4: "国家药用植物园-华北园项目"},
        headline=("生产总值增长8%左右，一般公共预算收入增长8%左右",),
    ),
    "shunping_county_2023.txt": Expected(
        year=2023,
        parts={"review": (1, 11, 0), "plan": (2, 15, 139), "appendix": NONE},
        meta={"place": "顺平县", "level": "县", "year": 2023},
        furniture=("搜索马 克 数 据 网",),
        commitments=(("林木覆盖率达到45%以上", 2, 7),
                     ("始终坚持党的全面领导", 3, 1)),
        not_commitments=("林木覆盖率达到44.5%",),
        # 二、 announces its "1357" (——贯穿“一条主线”… 一是…五是) before its （一）: items too.
        first_items={2: "贯穿“一条主线”。", 3: "始终把忠诚作为第一要求。"},
        headline=("生产总值增长7%左右，一般公共预算收入增长8.6%",),
    ),
    "hailar_district_2015.txt": Expected(
        year=2015,
        parts={"review": (1, 7, 0), "plan": (1, 10, 118), "appendix": NONE},
        meta={"place": "海拉尔区", "level": "区", "year": 2015, "date": "2015-02-05", "title": "政府工作报告"},
        commitments=(("城镇登记失业率控制在4%以内", 2, 6),),
        not_commitments=("全年投入14.5亿元",),
        first_items={1: "县域经济实力稳步提升", 2: "狠抓投资融资和项目建设，保持经济稳定增长"},
        headline=("地区生产总值增长8%，达到296亿元",),
    ),
    "beijing_municipality_2026.txt": Expected(
        year=2026,
        parts={'review': (1, 8, 0), 'plan': (2, 23, 184), 'appendix': (0, 0, 0)},
        meta={'place': '北京市', 'level': '市', 'year': 2026, 'date': '2026-01-25', 'title': '2026年北京市政府工作报告'},
        furniture=('下载', '打印', '全屏', '收藏', '【字号：', '加大', '还原', '减小', '】', '来源：北京日报', '时间：2026-02-02',
                   '殷勇同志作政府工作报告。本报记者 戴冰摄', '相关报道：'),
        commitments=(
            ('疏解提质一般制造业企业80家', 3, 1),
            ('加快建设现代化首都都市圈', 3, 1),
            ('新增轨道交通运营里程40公里以上', 3, 6),
            ('建设高标准农田12万亩', 3, 7),
            ('新建20个区域养老服务中心', 3, 8),
            ('全力支持国防和军队现代化建设', 3, 10),
            ('深入推进零基预算改革', 3, 11),
            ('全社会研发投入占比6%以上', 2, 10),),
        not_commitments=('老旧小区改造完工1225个', '16个区均被评为全国双拥模范城', '北京中轴线历时12年成功申遗', '优良天数比例首次突破80%',
                         '推动京津冀协同发展走深走实', '奋力谱写中国式现代化的北京新篇章'),
        headline=('地区生产总值增长5%左右', '一般公共预算收入增长4%左右', '居民消费价格涨幅2%左右', '细颗粒物年均浓度控制在29微克'),
        first_items={2: '这五年，我们牢记嘱托、锚定蓝图，“四个中', 3: '深入落实城市总体规划，推动京津冀协同发展走深走实'},
    ),
    "dingxing_county_2021.txt": Expected(
        year=2021,
        parts={'review': (1, 14, 0), 'plan': (3, 20, 193), 'appendix': (0, 0, 0)},
        meta={'place': '定兴县', 'level': '县', 'year': 2021, 'date': '2021-02-05', 'title': '2021年定兴县政府工作报告'},
        glossary=17,
        furniture=('工作报告', '317', '评论：', '内容摘要：', '分享到：', 'QQ空间', '上一篇：', '2020年定兴县政府工作报告', '下一篇：',
                   '2022年定兴县政府工作报告', '相关文章', '本栏最新', '阅读排行', '标签云', '政府信息公开'),
        commitments=(
            ('积极对接北京优质资源和产业链', 3, 1),
            ('有序推进城中村和重点片区拆迁改造', 2, 4),
            ('启动压缩机厂家属院片区二期项目', 3, 5),
            ('全年粮食面积稳定在104万亩', 3, 7),
            ('全年完成新增就业人数3870人', 3, 8),
            ('纵深推进扫黑除恶专项斗争', 3, 9),
            ('对每项工作细化量化具体化', 4, 3),),
        not_commitments=('完成271个村共计18.05万户的气代煤改造工程', '优良天数245天', '成绩的取得是上级党委', '定兴经济社会发展还存在不少困难和问题',
                         '以优异成绩庆祝中国共产党成立100周年'),
        headline=('县域生产总值增长8%以上', '一般公共财政预算收入增长7%以上', '固定资产投资增长10%以上', '全体居民人均可支配收入增长9%左右'),
        first_items={2: '持续提升协同创新水平。', 3: '强力推动协同创新，全面建设活力定兴。', 4: '把牢思想之舵。'},
    ),
    "hailar_district_2016.txt": Expected(
        year=2016,
        parts={'review': (1, 15, 0), 'plan': (2, 9, 171), 'appendix': (0, 0, 0)},
        meta={'place': '海拉尔区', 'level': '区', 'year': 2016, 'date': '2016-02-19', 'title': '政府工作报告'},
        commitments=(
            ('在呼伦贝尔市率先迈入全面小康社会', 2, 1),
            ('我区初步安排的重点调度项目有66个', 3, 1),
            ('全面落实国家环境保护制度和主体功能区规划', 3, 4),
            ('简化审批环节', 3, 5),
            ('完成日处理3万吨水厂改扩建', 3, 6),
            ('建成平安小区136个', 3, 7),
            ('把政府全部工作纳入法治轨道', 3, 8),),
        not_commitments=('五年新增就业3.25万人', '全年完成投资15.9亿元', '经济发展取得新成就', '收支矛盾不断加大', '为建设和谐美好幸福海拉尔而努力奋斗'),
        headline=('地区生产总值增长7.5%', '公共财政预算收入增长5%', '区本级固定资产投资增长13%', '社会消费品零售总额增长9%'),
        first_items={2: '今后五年，要坚持发展第一要务，不断壮大地区综合实力。', 3: '狠抓投资融资和项目建设，保持经济稳定增长'},
    ),
    "hailar_district_2017.txt": Expected(
        year=2017,
        parts={'review': (1, 8, 0), 'plan': (1, 7, 153), 'appendix': (0, 0, 0)},
        meta={'place': '海拉尔区', 'level': '区', 'year': 2017, 'date': '2017-02-11'},
        commitments=(
            ('加强音乐文化公共服务体系建设', 2, 1),
            ('完成30座公厕新建改造', 2, 2),
            ('实施绿色生态工程', 2, 3),
            ('完成19条污水管网提升改造', 2, 3),
            ('完善事中事后监管', 2, 4),
            ('全年新增就业5700人', 2, 5),
            ('加快推进特警', 2, 6),
            ('不断提高策划项目', 2, 7),),
        not_commitments=('地区生产总值完成303.6亿元', '建成平安小区136个', '经济实力迈上新台阶', '全力提升城市建设管理水平', '新的事业任重道远'),
        headline=('地区生产总值增长7.5%', '全社会固定资产投资增长10%', '社会消费品零售总额增长10%', '城镇常住居民人均可支配收入增长8%'),
        first_items={2: '全力打造国际化的草原音乐名城、冰雪运动名'},
    ),
    "hubei_province_2026.txt": Expected(
        year=2026,
        parts={'review': (1, 12, 0), 'plan': (3, 21, 178), 'appendix': (0, 0, 0)},
        meta={'place': '湖北省', 'level': '省', 'year': 2026, 'date': '2026-01-27', 'title': '2026年湖北省政府工作报告'},
        furniture=('下载', '打印', '全屏', '收藏', '【字号：', '加大', '还原', '减小', '】', '来源：湖北日报', '时间：2026-02-05',
                   '相关报道：'),
        commitments=(
            ('支持鄂州申建空港综保区', 3, 4),
            ('完成营造林170万亩', 3, 7),
            ('深入贯彻总体国家安全观', 3, 8),
            ('稳妥实施渐进式延迟法定退休年龄改革', 3, 9),
            ('今年将继续实施10大类60项民生实事项目', 3, 10),
            ('重点推进以增加知识价值为导向的新型收入分配改革', 2, 4),
            ('依法接受人大及其常委会法律监督和工作监督', 4, 3),),
        not_commitments=('全年10大类55项民生实事项目如期完成', '民生财政支出占比保持在75%以上', '世界最快磁悬浮', '努力推动经济稳定均衡可持续增长',
                         '为奋力谱写中国式现代化湖北篇章而努力奋斗'),
        headline=('经济增长5.5%左右', '城镇调查失业率5.5%左右', '城镇新增就业70万人以上', '粮食产量继续保持500亿斤以上'),
        first_items={2: '聚焦支点建设使命任务。', 3: '坚持供需两端协同发力，努力推动经济稳定均衡可持续增长。', 4: '旗帜鲜明讲政治。'},
    ),
    "jiangsu_province_2026.txt": Expected(
        year=2026,
        parts={'review': (1, 11, 0), 'plan': (2, 16, 216), 'appendix': (0, 0, 0)},
        meta={'place': '江苏省', 'level': '省', 'year': 2026, 'date': '2026-02-03', 'title': '2026年江苏省政府工作报告'},
        furniture=('下载', '打印', '全屏', '收藏', '【字号：', '加大', '还原', '减小', '】', '来源：新华日报', '时间：2026-02-09',
                   '省长刘小涛代表省人民政府向大会作政府工作报告。本报记者 朱江 摄', '相关报道：'),
        commitments=(
            ('抓好550个省重大项目', 3, 1),
            ('开展空气质量持续改善行动', 3, 7),
            ('办好第21届省运会', 3, 9),
            ('今年将办好12类45件民生实事', 3, 9),
            ('我们将一以贯之大力支持国防和军队现代化建设', 3, 10),
            ('把省下来的每一分钱都用于发展所需', 3, 11),
            ('争创国家新型工业化示范区', 2, 1),),
        not_commitments=('建设高标准农田1739万亩', '常住人口城镇化率达76.2%', '增量保持全国第一', '12类45件民生实事全面完成', '以只争朝夕的使命意识和奋斗意志'),
        headline=('地区生产总值按增长5%安排', '城镇新增就业120万人', '社会消费品零售总额增长5%左右', '全社会研发投入强度3.42%左右'),
        first_items={2: '因地制宜加快发展新质生产力。', 3: '不断巩固拓展经济稳中向好势头。'},
    ),
    "laiyuan_county_2021.txt": Expected(
        year=2021,
        parts={'review': (1, 17, 0), 'plan': (2, 14, 129), 'appendix': (0, 0, 0)},
        meta={'place': '涞源县', 'level': '县', 'year': 2021, 'date': '2021-02-05', 'title': '2021年涞源县政府工作报告'},
        furniture=('工作报告', '283', '评论：', '内容摘要：', '分享到：', 'QQ空间', '新浪微博', '上一篇：', '2022年涞源县政府工作报告', '下一篇：',
                   '相关文章', '本栏最新', '阅读排行', '标签云', '政府信息公开'),
        commitments=(
            ('重奖招商突出贡献人员', 2, 2),
            ('探索形成让群众就近能看病', 2, 4),
            ('确保石道沟年出栏12万头的6栋猪上楼项目投产运营', 3, 1),
            ('全年入库项目不少于50个', 3, 2),
            ('完成矿山生态修复18处', 3, 4),
            ('强力推进智慧安防小区建设', 3, 6),
            ('达到日检12万人能力', 3, 7),
            ('全面实行政府权责清单制度', 3, 8),),
        not_commitments=('这是县域综合实力稳步提升的五年', '累计投资1.6亿元完成矿山生态修复工程79处', '选派6名优秀医护人员驰援武汉', '全县地区生产总值完成70.11亿元',
                         '以优异成绩庆祝建党100周年'),
        headline=('地区生产总值增长8%', '一般公共预算收入增长6.5%', '城乡居民人均可支配收入增长8.5%'),
        first_items={2: '聚焦全面实施乡村振兴战略，奋力打造农业高', 3: '继续巩固脱贫成果同乡村振兴有效衔接，加快'},
    ),
    "qingyuan_district_2021.txt": Expected(
        year=2021,
        parts={'review': (1, 11, 0), 'plan': (3, 15, 159), 'appendix': (0, 0, 0)},
        meta={'place': '保定市清苑区', 'level': '区', 'year': 2021, 'date': '2021-02-05',
              'title': '保定市清苑区2021年政府工作报告'},
        glossary=22,
        furniture=('工作报告', '296', '评论：', '内容摘要：', '分享到：', 'QQ空间', '上一篇：', '保定市清苑区2020年政府工作报告', '下一篇：',
                   '保定市清苑区2022年政府工作报告', '相关文章', '本栏最新', '阅读排行', '标签云'),
        commitments=(
            ('提速建设总投资141亿元的18个省', 3, 1),
            ('确保粮食种植面积稳定在100万亩以上', 3, 5),
            ('利用两年时间完成农村生活水源江水置换项目', 3, 5),
            ('全年全域禁放烟花爆竹', 3, 6),
            ('救助贫困残疾人800名', 3, 7),
            ('真正把实事办实', 3, 8),
            ('提升依法行政水平', 4, 2),),
        not_commitments=('投资16.89亿元完成全域', '改建道路15.4公里', '城市建设欠账较多', '人勤春来早'),
        headline=('全区地区生产总值增长9%', '一般公共预算收入增长7%', '规模以上工业增加值增长10%左右', '全体居民人均可支配收入增长8.5%'),
        first_items={2: '“十四五”时期我区经济社会发展的指导思想', 3: '在协同发展上开新局，融入京雄保一体化。', 4: '锤炼过硬本领，提高政府执行力。'},
    ),
    "shandong_province_2026.txt": Expected(
        year=2026,
        parts={'review': (1, 19, 0), 'plan': (2, 15, 267), 'appendix': (0, 0, 0)},
        meta={'place': '山东省', 'level': '省', 'year': 2026, 'date': '2026-01-27', 'title': '2026年山东省政府工作报告'},
        furniture=('下载', '打印', '全屏', '收藏', '【字号：', '加大', '还原', '减小', '】', '来源：大众日报', '时间：2026-02-01',
                   '相关报道：'),
        commitments=(
            ('建成国内首个省域特高压双环网', 3, 1),
            ('加快深地探测、电磁橇等大科学装置预研建设', 3, 2),
            ('新集聚青年人才100万人左右', 3, 2),
            ('推动出台促进公平竞争条例', 3, 3),
            ('全年培训40万人次', 3, 9),
            ('深化全民国防教育', 3, 11),
            ('认真抓好中央巡视、审计等反馈问题整改', 3, 12),
            ('聚力实施产业能级跃升', 2, 1),),
        not_commitments=('城镇新增就业124.9万人', '高铁里程由2110公里增至3055公里', '现代化强省建设实现良好开局', '经济综合实力实现新跃升',
                         '奋力推进因地制宜发展新质生产力', '岱青海蓝绘盛景'),
        headline=('地区生产总值增长5%以上', '一般公共预算收入增长2%', '城镇调查失业率控制在5.5%左右', '城镇新增就业110万人以上'),
        first_items={2: '“十五五”时期经济社会发展的主要目标是，', 3: '奋力推进全方位扩大内需。'},
    ),
    "state_council_2017.txt": Expected(
        year=2017,
        parts={'review': (1, 17, 0), 'plan': (2, 20, 383), 'appendix': (0, 0, 0)},
        meta={'place': '中国', 'level': '国家', 'year': 2017, 'title': '2017政府工作报告'},
        furniture=('3月5日，第十二届全国人民代表大会第五次会议在北京人民大会堂开幕。国务院总理李克强作政府工作报告。',),
        commitments=(
            ('今年要继续实施积极的财政政策和稳健的货币政策', 2, 1),
            ('今年赤字率拟按3%安排', 2, 2),
            ('再压减钢铁产能5000万吨左右', 3, 1),
            ('今年实现进城落户1300万人以上', 3, 3),
            ('城乡居民医保财政补助由每人每年420元提高到450元', 3, 8),
            ('加强行政监察和审计监督', 3, 9),
            ('组织好内蒙古自治区成立70周年庆祝活动', 3, 10),
            ('加快完善海外权益保护机制和能力建设', 3, 16),),
        not_commitments=('全年城镇新增就业1314万人', '退出钢铁产能超过6500万吨', '人民币正式纳入国际货币基金组织特别提款权货币篮子', '中国作为负责任大国',
                         '使命重在担当'),
        headline=('国内生产总值增长6.5%左右', '居民消费价格涨幅3%左右', '城镇新增就业1100万人以上', '单位国内生产总值能耗下降3.4%以上'),
        first_items={2: '今年要继续实施积极的财政政策和稳健的货币', 3: '用改革的办法深入推进“三去一降一补”。'},
    ),
    "state_council_2018.txt": Expected(
        year=2018,
        parts={'review': (1, 23, 0), 'plan': (2, 24, 360), 'appendix': (0, 0, 0)},
        meta={'place': '中国', 'level': '国家', 'year': 2018, 'date': '2018-03-05', 'title': '2018政府工作报告'},
        commitments=(
            ('今年要继续创新和完善宏观调控', 2, 1),
            ('今年赤字率拟按2.6%安排', 2, 2),
            ('今年再压减钢铁产能3000万吨左右', 3, 1),
            ('完成易地扶贫搬迁280万人', 3, 4),
            ('居民基本医保人均财政补助标准再增加40元', 3, 9),
            ('优化政府机构设置和职能配置', 3, 13),
            ('加强各民族交往交流交融', 3, 14),
            ('办好博鳌亚洲论坛年会', 3, 20),),
        not_commitments=('国内生产总值从54万亿元增加到82.7万亿元', '贫困人口减少6800多万', '国内生产总值增长6.9%', '提请全国人大常委会制定修订法律95部',
                         '实干创造未来'),
        headline=('国内生产总值增长6.5%左右', '居民消费价格涨幅3%左右', '城镇新增就业1100万人以上', '城镇调查失业率5.5%以内'),
        first_items={2: '今年要继续创新和完善宏观调控，把握好宏观', 3: '深入推进供给侧结构性改革。'},
    ),
    "yunnan_province_2026.txt": Expected(
        year=2026,
        parts={'review': (1, 16, 0), 'plan': (2, 16, 283), 'appendix': (0, 0, 0)},
        meta={'place': '云南省', 'level': '省', 'year': 2026, 'date': '2026-01-28', 'title': '2026年政府工作报告'},
        furniture=('您的位置:', '首页', '云南要闻', '来源：云南日报', '2026-02-03 09:02:33', '【字体：', '】', '》》点击图片进入专题《《',
                   '收藏', '分享到:', '分享到微信', '相关文档：'),
        commitments=(
            ('非烟非能工业增加值比重大幅提高', 2, 1),
            ('统筹山水林田湖草沙一体化保护和系统治理', 2, 3),
            ('实施新一轮重点产业链高质量发展行动', 3, 1),
            ('园区新增规模以上工业企业600户左右', 3, 1),
            ('稳步开展全域土地综合整治', 3, 7),
            ('新建8个国家级临床重点专科项目', 3, 8),
            # (九)'s paragraphs each open with a heading; this one, after them, is an item of its own
            ('扎实开展第四次全国农业普查', 3, 10),
            ('扎实开展作风革命效能革命提升行动', 3, 11),),
        not_commitments=('中老铁路发展远超预期', '完成地区生产总值32765亿元', '城市空气质量优良天数比率98.9%', '经济运行顶住压力',
                         '一步一个脚印把习近平总书记为云南擘画的美好蓝图变为幸福实景'),
        headline=('地区生产总值增长4.5%左右', '城镇调查失业率5.5%以内', '城镇新增就业50万人以上', '粮食总产量稳定在1955万吨以上'),
        first_items={2: '现代化产业体系建设取得决定性进展。', 3: '巩固壮大实体经济根基，纵深推进产业强省建设'},
    ),
    "zhejiang_province_2026.txt": Expected(
        year=2026,
        parts={'review': (1, 19, 0), 'plan': (2, 31, 321), 'appendix': (0, 0, 0)},
        meta={'place': '浙江省', 'level': '省', 'year': 2026, 'date': '2026-01-14', 'title': '2026年浙江省政府工作报告'},
        furniture=('下载', '打印', '全屏', '收藏', '【字号：', '加大', '还原', '减小', '】', '来源：浙江日报', '时间：2026-01-22',
                   '相关报道：'),
        commitments=(
            ('争取100个以上项目纳入', 3, 1),
            ('新增服务业领军企业200家', 3, 3),
            ('确保粮食播种面积1530万亩', 3, 7),
            ('全年交付保障性租赁住房15万套', 3, 8),
            ('更新改造农村供水管网800公里', 3, 15),
            ('加快数字政府2.0建设', 3, 10),
            ('推进城乡一体国土空间治理现代化', 2, 4),),
        not_commitments=('城镇新增就业115.8万人', '规上工业增加值增长6.9%', '研发投入强度从2.77%提高到3.3%左右', '着力提振市场信心增强社会预期',
                         '率先呈现基本实现社会主义现代化的生动图景而努力奋斗'),
        headline=('全省生产总值增长5%', '城镇调查失业率5%以内', '居民消费价格涨幅2%左右', '居民人均可支配收入增长与经济增长同步'),
        first_items={2: '更加注重强化战略引领，突出战略导向。', 3: '着力提振市场信心增强社会预期'},
    ),

}
REPORTS = sorted(EXPECTED)


def test_every_corpus_file_has_expectations():
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == REPORTS


@cache
def parsed(name: str) -> Report:
    path = CORPUS / name
    meta = ReportMeta(slug=path.stem, place={}, year=EXPECTED[name].year, title={}, source_url="",
                      source_site={}, page={})
    return parse_report(read_report_text(path), meta, path)


@cache
def commitments(name: str):
    return extract_commitments(parsed(name), load_topics(CONTENT / "topics.yaml"))


def every_text(report: Report) -> list[str]:
    """Everything the parser kept as the report's own words."""
    return [*(s.text for s in report.sentences()), *report.masthead,
            *(f"{term}：{text}" for term, text in report.glossary),
            *(s.appendix for s in report.sections if s.appendix)]


@pytest.mark.parametrize("name", REPORTS)
def test_sections_items_and_commitments_by_part(name):
    report, found = parsed(name), commitments(name)
    counts = {}
    for part in ("review", "plan", "appendix"):
        sections = [s for s in report.sections if s.part == part]
        numbers = {s.number for s in sections}
        counts[part] = (len(sections), sum(len(s.items) for s in sections),
                        sum(1 for c in found if c.section in numbers))
    assert counts == EXPECTED[name].parts
    assert len(report.glossary) == EXPECTED[name].glossary


@pytest.mark.parametrize("name", REPORTS)
def test_spot_checked_sentences_are_commitments_under_their_item(name):
    found = commitments(name)
    for words, section, item in EXPECTED[name].commitments:
        matches = [c for c in found if words in c.text]
        assert len(matches) == 1, words
        assert (matches[0].section, matches[0].item) == (section, item), words
    for words in EXPECTED[name].not_commitments:
        assert any(words in text for text in every_text(parsed(name))), words
        assert not [c for c in found if words in c.text], words


@pytest.mark.parametrize("name", REPORTS)
def test_item_titles(name):
    sections = {s.number: s for s in parsed(name).sections}
    for number, title in EXPECTED[name].first_items.items():
        assert sections[number].items[0].title.text.startswith(title)


@pytest.mark.parametrize("name", REPORTS)
def test_the_review_comes_first_and_is_labelled_review(name):
    report = parsed(name)
    assert report.sections[0].part == "review"
    assert re.search(r"回顾|成就", report.sections[0].heading.text)
    parts = [s.part for s in report.sections]
    assert parts == sorted(parts, key=["review", "plan", "appendix"].index)
    assert not [c for c in commitments(name) if c.section == report.sections[0].number]


@pytest.mark.parametrize("name", REPORTS)
def test_no_furniture_survives(name):
    report = parsed(name)
    kept = every_text(report)
    for line in EXPECTED[name].furniture:
        assert line in report.furniture
        # Short lines (下载, 661) are also ordinary words; longer ones are the page's own.
        assert not [text for text in kept if (line in text if len(line) > 6 else line == text)], line
    for text in kept:
        assert not re.search(r"(上一篇|下一篇|责任编辑|分享到|相关报道|来源URL|字号)[:：]|&nbsp;|\\r\\n|\?\?", text), text
        assert not re.search(r"\[\d+\]|［\d+］|[\u200b\u3000\u00a0]", text), text
    # The closing address ends the report: nothing of the page follows it in the text.
    assert report.closing and report.closing[-1].text.endswith(("！", "。", "!"))


def test_a_report_without_page_furniture_loses_nothing():
    for name in ("guangdong_province_2026.txt", "hailar_district_2015.txt"):
        assert parsed(name).furniture == ()


def test_appendices_are_separated_and_numbered_after_the_body():
    report = parsed("guangdong_province_2026.txt")
    body = [s for s in report.sections if s.part != "appendix"]
    (appendix,) = [s for s in report.sections if s.part == "appendix"]
    assert appendix.number == body[-1].number + 1
    assert appendix.appendix == "附件1 2026年省十件民生实事"
    assert appendix.heading.text == "2026年省十件民生实事"
    assert [i.number for i in appendix.items] == list(range(1, 11))  # its 一、…十、
    assert appendix.intro[0].text.startswith("坚持民生为大")
    # The closing ends before 附件1: it does not swallow the appendix.
    assert report.closing[-1].text.endswith("为强国建设、民族复兴伟业作出新的更大贡献！")
    # 附件2 名词解释 is a glossary, not a section, and nothing in it is a commitment.
    assert report.glossary[0] == ("“四上”企业", report.glossary[0][1])
    assert report.glossary[0][1].startswith("现阶段统计工作实践中")
    assert ("“四好农村路”", "指建好、管好、护好、运营好农村公路。") in report.glossary
    assert not [c for c in commitments("guangdong_province_2026.txt") if "指建好、管好" in c.text]


def test_a_progress_report_appendix_commits_to_nothing():
    report = parsed("anguo_city_2022.txt")
    table, progress = [s for s in report.sections if s.part == "appendix"]
    assert table.appendix == "附件1 安国市2022年十大工程"
    assert progress.appendix == "附件2 安国市2021年十大工程进展情况说明"
    assert [i.number for i in progress.items] == [1, 3, 4, 5, 7, 8, 9, 10]  # as printed
    assert not [c for c in commitments("anguo_city_2022.txt") if c.section == progress.number]
    assert report.glossary[0][0] == "“1556”战略"
    assert report.glossary[-1][0] == "“七种能力”"


def test_a_flattened_table_makes_one_item_per_row():
    table = [s for s in parsed("anguo_city_2022.txt").sections if s.part == "appendix"][0]
    assert [i.number for i in table.items] == list(range(1, 11))
    titles = [i.title.text for i in table.items]
    assert titles[2] == "河北安国现代中药工业园区配套设施提升工程"
    assert not [t for t in titles if re.match(r"^[\d.]+亿元", t)]
    assert table.items[2].sentences[-1].text == "总投资 6.77亿元 2022年 启动 园区管委会 王 乐"


def test_only_the_final_address_is_the_closing():
    # 各位代表！ inside a section leads more items of it; the closing is the last address.
    report = parsed("state_council_2021_wikisource.txt")
    review, plan = report.sections[0], report.sections[-1]
    assert [s.text for s in review.items[-2].lead] == ["各位代表！"]
    assert [s.text for s in report.closing[:1]] == ["各位代表！"]
    assert report.closing[1].text.startswith("重任在肩，更须砥砺奋进。")
    assert report.closing[-1].text.endswith("实现中华民族伟大复兴的中国梦不懈奋斗！")
    # What comes between the last （八） and the closing is plan: the government's own
    # conduct, ethnic affairs, defence, Hong Kong and Macao, Taiwan, foreign affairs.
    assert [i.number for i in plan.items] == list(range(1, 16))
    found = commitments("state_council_2021_wikisource.txt")
    for words in ("各级政府要增强“四个意识”", "铸牢中华民族共同体意识", "坚持一个中国原则和“九二共识”",
                  "坚持独立自主的和平外交政策"):
        assert [c.section for c in found if words in c.text] == [plan.number], words
    # 三、全面加强政府自身建设 opens with 各位代表！: that is its introduction.
    shunping = parsed("shunping_county_2023.txt")
    assert shunping.sections[-1].intro[0].text == "各位代表！"
    assert shunping.closing[-1].text.endswith("奋力谱写顺平高质量发展的新篇章！")


@pytest.mark.parametrize("name", REPORTS)
def test_headline_targets_are_commitments_with_their_targets(name):
    found = commitments(name)
    expected = EXPECTED[name].headline
    for words in expected:
        (headline,) = [c for c in found if words in c.text]
        assert headline.headline and len(headline.targets) >= 2, words
    # The year's targets only: a five-year plan's goals are not headline targets.
    assert len({c.id for c in found if c.headline}) == (1 if expected else 0)


@pytest.mark.parametrize("name", REPORTS)
def test_anchors_and_ids_are_unique(name):
    anchors = [s.anchor for s in parsed(name).sentences()]
    assert len(anchors) == len(set(anchors))
    ids = [c.id for c in commitments(name)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", REPORTS)
def test_metadata_is_detected_from_the_text(name):
    found = detect_meta(read_report_text(CORPUS / name))
    expected = EXPECTED[name].meta
    assert {key: found.get(key) for key in expected} == expected


def test_masthead_is_mended_and_kept_apart():
    assert parsed("state_council_2021_wikisource.txt").masthead == (
        "政府工作报告", "——2021年3月5日在第十三届全国人民代表大会第四次会议上", "国务院总理 李克强")
    assert parsed("guangdong_province_2026.txt").masthead[1] == \
        "——2026年1月26日在广东省第十四届人民代表大会第五次会议上"
    assert parsed("anguo_city_2022.txt").masthead[0] == "政府工作报告"  # 政 府 工 作 报 告


def test_damaged_characters_are_kept_and_reported():
    report = parsed("baoding_city_2021.txt")
    assert any("\ufffd" in s.text for s in report.opening)
    assert report.notes == ("line 11: 2 unreadable character(s) (U+FFFD) kept as they are",)


@pytest.mark.parametrize("name", REPORTS)
def test_the_outline_shows_every_part(name, capsys):
    text = outline(parsed(name))
    assert "REVIEW" in text and "PLAN" in text
    assert ("APPENDIX" in text) == (EXPECTED[name].parts["appendix"] != NONE)
    assert inspect_main(CORPUS / name) == 0
    assert "PLAN" in capsys.readouterr().out
