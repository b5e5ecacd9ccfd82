"""What a figure means: each construction of the reports, read through the figures stage."""

from __future__ import annotations

import pytest

from sq_nlp.extract.document import extract_document
from sq_nlp.extract.figures.meaning import direction_of, span_start, speaks_of_span
from sq_nlp.records import Document


def read(text: str, *, year: int = 2026, region: str = "某省") -> list:
    doc = Document(path="t.txt", sha256="0" * 64, encoding="utf-8", format="txt", text=text,
                   region=region, year=year, period=year - 1)
    return list(extract_document(doc).figures)


def only(text: str, value: float, **kw) -> object:
    (f,) = [f for f in read(text, **kw) if f.value == value]
    return f


@pytest.mark.parametrize("text, value, measure, direction, signed", [
    ("地区生产总值增长5.2%。", 5.2, "rate", "up", 5.2),
    ("细颗粒物平均浓度下降3.5%。", 3.5, "rate", "down", -3.5),
    ("居民消费价格同比回落0.4%。", 0.4, "rate", "down", -0.4),
    ("城镇调查失业率下降0.3个百分点。", 0.3, "points", "down", -0.3),
    ("常住人口城镇化率提高1.2个百分点。", 1.2, "points", "up", 1.2),
    ("农村贫困人口减少1386万人。", 1386, "increment", "down", -1386),
    ("高新技术企业净增1200家。", 1200, "increment", "up", 1200),
    ("地区生产总值达到3.6万亿元。", 3.6, "level", "none", 3.6),
    ("PM2.5平均浓度降至28微克/立方米。", 28, "level", "down", 28),  # the level reached by a fall
    ("新建学校12所。", 12, "count", "none", 12),
    ("数字经济核心产业增加值占地区生产总值比重达到10.5%。", 10.5, "share", "none", 10.5),
    ("城乡居民收入比缩小到2.34。", 2.34, "ratio", "down", 2.34),
    ("城乡居民收入比由2.9∶1缩小至2.52∶1。", 2.52, "ratio", "down", 2.52),
    ("城乡居民收入比缩小至2.1∶1左右。", 2.1, "ratio", "down", 2.1),
    ("退休人员基本养老金总体上调2%。", 2, "rate", "up", 2),
    # a verb of an amount before what it changes: the number is the change
    ("降低交通物流成本65亿元。", 65, "increment", "down", -65),
    # ... after its subject, subjects joined with 及 too
    ("省属单位减少办公用房租赁费1.19亿元。", 1.19, "increment", "down", -1.19),
    ("省属行政及企事业单位减少办公用房租赁费1.19亿元。", 1.19, "increment", "down", -1.19),
    ("增加普通高中招生计划1.76万个。", 1.76, "increment", "up", 1.76),
    ("压减钢铁产能5000万吨。", 5000, "increment", "down", -5000),
    ("年平均减少煤炭资源燃烧损失383万吨。", 383, "increment", "down", -383),
    ("退休人员基本养老金按2%提高。", 2, "rate", "up", 2),  # the size of a change before its verb
    ("农村低保按7%稳步提标。", 7, "rate", "up", 7),
    # ... but not a verb that upgrades the things counted, nor a count of times
    ("提升村卫生室3500所。", 3500, "count", "none", 3500),
    ("降低存款准备金率4次。", 4, "count", "none", 4),
])
def test_measure_and_direction(text, value, measure, direction, signed):
    f = only(text, value)
    assert (f.measure, f.direction, f.signed_value) == (measure, direction, signed)


@pytest.mark.parametrize("text, value, bound, value_max", [
    ("地区生产总值突破3万亿元。", 3, "at_least", None),
    ("国内生产总值超过126万亿元。", 126, "at_least", None),
    ("全省地区生产总值迈上4000亿元台阶。", 4000, "at_least", None),
    ("全疆地区生产总值突破2万亿元大关。", 2, "at_least", None),
    ("粮食产量1.3万亿斤以上。", 1.3, "at_least", None),
    ("居民消费价格涨幅控制在3%以内。", 3, "at_most", None),
    ("国内生产总值从不到70万亿元增加到超过100万亿元。", 70, "at_most", None),
    ("地区生产总值增长5%左右。", 5, "about", None),
    ("实际使用外资约30亿美元。", 30, "about", None),
    ("地区生产总值增长5%—5.5%。", 5, "range", 5.5),
    ("地区生产总值增长5%-5.5%。", 5, "range", 5.5),
    ("地区生产总值达到3.6万亿元。", 3.6, "exact", None),
])
def test_bound(text, value, bound, value_max):
    f = only(text, value)
    assert (f.bound, f.value_max) == (bound, value_max)


def test_a_threshold_and_the_exact_value_in_one_clause_are_told_apart():
    figs = read("地区生产总值突破3万亿元、达到3.6万亿元。")
    assert [(f.value, f.bound, f.canonical) for f in figs] == [(3, "at_least", "gdp"), (3.6, "exact", "gdp")]


@pytest.mark.parametrize("text, value, basis, since", [
    ("地区生产总值增长5.2%。", 5.2, "yoy", 2024),
    ("地区生产总值比上年增长5.2%。", 5.2, "yoy", 2024),
    ("过去五年，地区生产总值年均增长5.5%。", 5.5, "average", 2020),
    ("“十四五”时期，地区生产总值年均增长5.5%。", 5.5, "average", 2020),
    ("2021—2025年，地区生产总值年均增长5.5%。", 5.5, "average", 2020),
    ("与2020年相比，单位地区生产总值能耗下降13.5%。", 13.5, "base_year", 2020),
    ("单位地区生产总值能耗较“十三五”末下降13.5%。", 13.5, "base_year", 2020),
    ("五年来，城镇新增就业累计261.6万人。", 261.6, "cumulative", 2020),
    ("这五年，城镇新增就业261.6万人。", 261.6, "cumulative", 2020),
    # 实现/完成 opening the clause: the amount achieved, summed over the years the text speaks of
    ("这五年，实现进出口总额2.1万亿元。", 2.1, "cumulative", 2020),
    ("这五年，全省完成固定资产投资5.2万亿元。", 5.2, "cumulative", 2020),
    ("过去一年，实现进出口总额4200亿元。", 4200, None, None),  # one year's amount
    ("这五年，进出口总额达到4200亿元。", 4200, None, None),  # the level the last year reached
    ("这五年，实现经济平稳发展，进出口总额4200亿元。", 4200, None, None),  # 实现 opens another clause
    ("2025年，城镇新增就业48.8万人。", 48.8, None, None),  # the year's own flow
    # a verb that makes or adds what is counted, in a text about several years: made in all of them
    ("这五年，新建高标准农田2471万亩。", 2471, "cumulative", 2020),
    ("这五年，出台69项支持政策。", 69, "cumulative", 2020),
    ("这五年，改造城镇老旧小区7323个。", 7323, "cumulative", 2020),
    ("这五年，7个城市获评全国文明城市。", 7, "cumulative", 2020),  # things counted that won something
    ("2025年，出台69项支持政策。", 69, None, None),  # one year's
    ("这五年，建成区绿化覆盖率达到42%。", 42, None, None),  # 建成区 is a noun, 达到 a level
    ("这五年，铁路运营里程达9234公里。", 9234, None, None),  # the level the last year reached
    # the clause's own count of years before the paragraph's five
    ("这五年，工业增加值近3年增长58.6%。", 58.6, "cumulative", 2022),
    # a level kept in each of the years: a streak, or a keeping word in a text about several years
    ("这五年，公众安全感满意度连续5年保持在99%以上。", 99, "held", 2020),
    ("参保率连续3年保持在95%以上。", 95, "held", 2022),
    ("这五年，每年70%以上的财政支出投入民生领域。", 70, "held", 2020),
    ("2025年，城镇调查失业率保持在5.5%以内。", 5.5, None, None),  # one year's
    ("这五年，粮食播种面积稳定在6200万亩以上。", 6200, "held", 2020),
    ("粮食产量连续13年稳定在430亿斤以上。", 430, "held", 2012),
    ("粮食产量连续十三年稳定在430亿斤以上。", 430, "held", 2012),
    # the keeping word of one item is not the next item's (、)
    ("这五年，粮食产量保持在1300万吨以上、棉花产量达到500万吨。", 500, None, None),
    ("这五年，粮食产量保持在1300万吨以上、棉花产量达到500万吨。", 1300, "held", 2020),
    # a noun that opens with a verb of making makes nothing
    ("这五年，城市建成区面积1200平方公里。", 1200, None, None),
    ("这五年，建设用地面积120万亩。", 120, None, None),
    ("这五年，交通建设投资5000亿元。", 5000, None, None),
    ("这五年，建成了3个国家级产业集群。", 3, "cumulative", 2020),
    # ... and so does 完成 right before the work done, for every item listed after it
    ("这五年，完成2100万千瓦火电机组、2812万吨钢铁产能超低排放改造。", 2100, "cumulative", 2020),
    ("这五年，完成2100万千瓦火电机组、2812万吨钢铁产能超低排放改造。", 2812, "cumulative", 2020),
    ("这五年，改造棚户区5.2万套、危旧房3.1万套。", 3.1, "cumulative", 2020),
    # ... things counted that made or won something, people too
    ("这五年，44个国家部委制定配套支持文件。", 44, "cumulative", 2020),
    ("这五年，2人当选中国工程院院士。", 2, "cumulative", 2020),
    # ... but not a level a subject reached (完成, 实现 after it), a capacity whose name holds a
    # verb of winning (通过能力), a total listed after work done, nor the size of the things made
    ("这五年，地区生产总值完成3.6万亿元。", 3.6, None, None),
    ("这五年，地方一般公共预算收入实现186亿元。", 186, None, None),
    ("这五年，港口年通过能力达到2.5亿吨。", 2.5, None, None),
    ("这五年，新建学校12所、医院床位总数5万张。", 5, None, None),
    ("这五年，建成高速公路800公里、总里程8000公里。", 800, "cumulative", 2020),
    ("这五年，建成高速公路800公里、总里程8000公里。", 8000, None, None),
    ("这五年，新建口袋公园20个、3000平方米的城市绿地15处。", 3000, None, None),
    # the things counted after their size are the work done, as the items listed before
    ("这五年，新建口袋公园20个、3000平方米的城市绿地15处。", 15, "cumulative", 2020),
    ("这五年，新建3000平方米的城市绿地15处。", 15, "cumulative", 2020),
    ("2025年，2人当选中国工程院院士。", 2, None, None),  # one year's
    # money spent, named right before its amount: what the years spent; with a level verb, the last year's
    ("这五年，一般公共预算支出3.4万亿元，74%以上用于民生。", 3.4, "cumulative", 2020),
    ("这五年，节约财政资金69亿元。", 69, "cumulative", 2020),
    ("这五年，一般公共预算支出突破7000亿元。", 7000, None, None),
    ("2025年，一般公共预算支出7000亿元。", 7000, None, None),
    ("这五年，医保集中带量采购为群众减负237亿元。", 237, "cumulative", 2020),
    # experiences replicated and spread in the years: their sum
    ("这五年，复制推广自贸区改革试点经验267项。", 267, "cumulative", 2020),
    # a total after a 、 that 累计 does not reach is the stock held
    ("这五年，累计净增各类经营主体155万户、总量达474万户。", 155, "cumulative", 2020),
    ("这五年，累计净增各类经营主体155万户、总量达474万户。", 474, None, None),
    ("这五年，累计建成5G基站10万个、光纤100万公里。", 100, "cumulative", 2020),
    # things that came to have something in the years: how many did in all of them
    ("这五年，4万户农牧民用上稳定可靠的电。", 4, "cumulative", 2020),
    # ... but not an amount per person, nor one given with its yearly growth (a level)
    ("这五年，城乡居民人均消费支出2.3万元。", 2.3, None, None),
    ("这五年，一般公共预算支出7200亿元、年均增长4%。", 7200, None, None),
    ("这五年，全社会研发经费投入900亿元，是2020年的1.8倍。", 900, None, None),
    # 累计 before a list of nouns reaches the total after them
    ("这五年，累计新增减税、降费、退税缓费总额超过1200亿元。", 1200, "cumulative", 2020),
    # a length with 的 and nothing counted after it is work done, as the items before
    ("这五年，新建5G基站12万个、1200公里的高速公路。", 1200, "cumulative", 2020),
    # events counted (人次, 列, 场次): those of all the years, unless said of each year
    ("这五年，纪念馆接待观众4500余万人次。", 4500, "cumulative", 2020),
    ("这五年，中欧班列开行超过7.4万列。", 7.4, "cumulative", 2020),
    ("这五年，每年开展流动文化进基层活动超过3万场次。", 3, None, None),
    ("这五年，年接待游客突破8亿人次。", 8, None, None),
    ("2025年，接待游客8亿人次。", 8, None, None),
    # ... nor a volume, a level reached or what a day or a week holds
    ("这五年，机场旅客吞吐量突破3000万人次。", 3000, None, None),
    ("这五年，中欧班列开行量达到5000列、年均增长20%。", 5000, None, None),
    ("这五年，地铁日均客运量达到500万人次。", 500, None, None),
    ("这五年，国际航线加密至每周300班次。", 300, None, None),
    # a gap to a benchmark is no change over time
    ("这五年，常住人口城镇化率高于全国平均水平18.3个百分点。", 18.3, None, None),
    ("地区生产总值达到3.6万亿元。", 3.6, None, None),  # a level has no basis
])
def test_basis(text, value, basis, since):
    f = only(text, value)
    assert (f.basis, f.since) == (basis, since)


@pytest.mark.parametrize("text, value, real, estimate", [
    ("地区生产总值按可比价格计算增长5.2%。", 5.2, True, False),
    ("地区生产总值实际增长5.2%。", 5.2, True, False),
    ("地区生产总值现价增长6%。", 6, False, False),
    ("预计全年地区生产总值增长5%左右。", 5, None, True),
    ("初步核算，地区生产总值增长5.2%。", 5.2, None, True),
    ("地区生产总值增长5.2%。", 5.2, None, False),
])
def test_real_and_estimate(text, value, real, estimate):
    f = only(text, value)
    assert (f.real, f.estimate) == (real, estimate)


def test_a_span_gives_its_start_to_the_start_year_and_its_end_to_the_end_year():
    figs = read("国内生产总值从2020年的101万亿元增长到2025年的140万亿元。")
    assert [(f.value, f.period) for f in figs] == [(101, 2020), (140, 2025)]
    figs = read("过去五年，地区生产总值从2.1万亿元增加到2.8万亿元。")
    assert [(f.value, f.period) for f in figs] == [(2.1, 2020), (2.8, 2025)]


def test_a_count_is_never_the_gdp_level():
    figs = read("地区生产总值连续跨越3个千亿元台阶，达到1.5万亿元。")
    assert [(f.value, f.measure, f.canonical) for f in figs] == [(3, "count", None), (1.5, "level", "gdp")]


def test_a_level_stated_as_the_total_of_the_indicator_before():
    figs = read("国内生产总值增长6.6%，总量突破90万亿元。", region="全国")
    assert [(f.value, f.measure, f.bound, f.canonical) for f in figs] == [
        (6.6, "rate", "exact", "gdp"), (90, "level", "at_least", "gdp")]


def test_targets_listed_after_a_semicolon_share_their_sentences_opening():
    text = "# 二、2026年工作安排\n\n今年主要预期目标是：地区生产总值增长5%左右；城镇调查失业率5.5%左右，城镇新增就业45万人以上；居民消费价格涨幅2%左右。"
    figs = read(text)
    assert [(f.indicator, f.value, f.target, f.period, f.canonical) for f in figs] == [
        ("地区生产总值", 5, True, 2026, "gdp"), ("城镇调查失业率", 5.5, True, 2026, "unemployment"),
        ("城镇新增就业", 45, True, 2026, "urban_jobs"), ("居民消费价格", 2, True, 2026, "cpi")]


def test_a_headline_without_numbering_opens_a_part():
    # word processors number headings themselves: the text has 2025年工作安排 without 二、
    text = "# 2024年工作回顾\n\n全年地区生产总值增长5%。\n\n# 2025年工作安排\n\n地区生产总值增长6%左右。"
    figs = read(text, year=2025)
    assert [(f.value, f.period, f.target) for f in figs] == [(5, 2024, False), (6, 2025, True)]


@pytest.mark.parametrize("link, direction", [
    ("增长", "up"), ("下降", "down"), ("由下降2%转为增长", "up"), ("比上年增长", "up"), ("回落", "down"),
    ("收窄", "down"), ("达到", "none"), ("", "none"),
])
def test_direction_is_the_verb_nearest_the_number(link, direction):
    assert direction_of(link) == direction


@pytest.mark.parametrize("context, period, base", [
    ("过去五年，", 2025, 2020), ("“十四五”时期", 2025, 2020), ("2016—2020年", 2020, 2015), ("三年来", 2025, 2022),
    ("2025年，", 2025, None), ("今年", 2026, None),
    ("这五年，近3年", 2025, 2022), ("五年来，较“十三五”末", 2025, 2020), ("较“十二五”末", 2020, 2015),
])
def test_span_start(context, period, base):
    assert span_start(context, period) == base


def test_a_sentence_opening_on_its_years_sets_the_span_of_the_sentences_after_it():
    """各位代表！2025年目标任务顺利完成…。五年来，…: the paragraph opens on a year, but what
    follows 五年来 speaks of five years (汽车产量增长1.7倍 is no growth of 2025 over 2024)."""
    text = ("一、2025年工作回顾\n\n各位代表！2025年目标任务顺利完成，标志着“十四五”圆满收官。五年来，我们"
            "牢记嘱托。一是综合实力再上台阶。地区生产总值年均增长5.2%，汽车产量增长1.7倍。\n")
    got = {f.value: (f.basis, f.since, f.years) for f in read(text)}
    assert got[5.2] == ("average", 2020, "2021-2025")
    assert got[1.7] == ("cumulative", 2020, "2021-2025")
    # a sentence of its year after the five years takes the year back
    text = ("一、2025年工作回顾\n\n五年来，我们牢记嘱托。汽车产量增长1.7倍。2025年，我们迎难而上。"
            "汽车产量增长10.2%。\n")
    got = {f.value: (f.basis, f.years) for f in read(text)}
    assert got[1.7] == ("cumulative", "2021-2025") and got[10.2] == ("yoy", "2025")
    # 每年 and a year before the one under review open no years of what follows
    text = ("一、2025年工作回顾\n\n各位代表！2025年目标任务顺利完成。五年来，我们牢记嘱托。每年新增就业60万人以上。"
            "汽车产量增长1.8倍。2020年我省人口为100万人。汽车产量增长1.9倍。\n")
    got = {f.value: (f.basis, f.years) for f in read(text)}
    assert got[1.8] == got[1.9] == ("cumulative", "2021-2025")


def test_a_lead_sentence_naming_the_years_sets_the_span_of_the_paragraph_after_it():
    """这是生态文明建设取得显著成效的五年。 alone before the paragraph it heads, as 这五年， opens one."""
    text = ("一、“十四五”时期和2025年工作回顾\n\n过去一年，地区生产总值增长5%。\n\n"
            "这是生态文明建设取得显著成效的五年。\n\n高标准打造幸福河湖100条，森林覆盖率达到30%。\n")
    got = {f.value: (f.basis, f.years) for f in read(text)}
    assert got == {5: ("yoy", "2025"), 100: ("cumulative", "2021-2025"), 30: (None, "2025")}
    assert span_start("这是生态文明建设取得显著成效的五年。", 2025) == 2020
    # a short paragraph that names no span (去年 past its opening) takes none away
    text = ("一、“十四五”时期和2025年工作回顾\n\n过去五年，我们团结带领全省人民，各项事业取得新的重大成就。\n\n"
            "坚持绿色发展，生态环境持续改善，去年空气优良天数比例达到95%。\n\n"
            "全省累计新建高标准农田2000万亩，建成5G基站12万个，新增城镇就业300万人。\n")
    got = {f.value: (f.basis, f.years) for f in read(text)}
    assert got[12] == got[300] == ("cumulative", "2021-2025")


def test_a_count_of_years_in_the_numbers_own_clause_is_its_span():
    got = {f.value: (f.basis, f.since) for f in read("“十四五”时期，财政收入3年增长58.6%，地区生产总值年均增长5.2%。")}
    assert got == {58.6: ("cumulative", 2022), 5.2: ("average", 2020)}


def test_a_total_whose_first_year_is_not_named_is_the_years_total():
    # 累计建成并网1000万千瓦 in a year's review: the total as the year ends, as readers date it
    f = only("2025年，新型储能累计建成并网1000万千瓦。", 1000)
    assert (f.basis, f.since, f.years) == ("cumulative", None, "2025")


@pytest.mark.parametrize("context, expected", [
    ("这五年，我们", True), ("“十四五”时期，", True), ("刚刚过去的2025年", False), ("这五年。2025年，", False),
    ("2025年是“十四五”收官之年", False), ("这是生态文明建设取得显著成效的五年。", True),
    ("未来的五年里", False), ("展望未来的五年，", False), ("在接下来的三年，", False),
])
def test_a_text_speaks_of_several_years_until_it_names_one(context, expected):
    assert speaks_of_span(context) == expected


@pytest.mark.parametrize("sentence, value", [
    ("今年经济增长预期目标为5%左右。", 5),
    ("经济增长目标设定为5%左右，综合考虑了各方面因素。", 5),
    ("提出5%左右的增长目标，主要考虑是：稳就业。", 5),
    ("今年经济社会发展的主要预期目标是：经济增长5%左右。", 5),
])
def test_a_growth_target_stated_in_its_own_sentence_is_the_gdp_target(sentence, value):
    (f,) = read("二、2024年工作安排\n\n" + sentence, year=2024)
    assert (f.value, f.measure, f.target, f.period, f.canonical) == (value, "rate", True, 2024, "gdp")


def test_the_economy_named_without_its_indicator():
    figs = read("一、2023年工作回顾\n\n经济运行稳中向好，全年增长5.2%、总量达2.1万亿元。", year=2024)
    assert [(f.value, f.measure, f.canonical) for f in figs] == [(5.2, "rate", "gdp"), (2.1, "level", "gdp")]


@pytest.mark.parametrize("text, expected", [
    # 均 (each): every listed item states the number, the shared head noun included
    ("粮食、禽蛋、水果产量均稳定在百万吨以上。",
     [("粮食产量", "grain_output"), ("禽蛋产量", None), ("水果产量", None)]),
    ("城镇、农村居民人均可支配收入均增长6%。",
     [("城镇居民人均可支配收入", "urban_income"), ("农村居民人均可支配收入", "rural_income")]),
    # without 均 a list is split only when every item is a headline indicator
    ("粮食、禽蛋、水果产量稳定在百万吨以上。", [("粮食、禽蛋、水果产量", None)]),
    # ... with 均 whether or not any item is a headline (the golds count each: 蔬菜产量)
    ("禽蛋、水果产量均稳定在50万吨以上。", [("禽蛋产量", None), ("水果产量", None)]),
])
def test_a_number_each_listed_item_states(text, expected):
    assert [(f.indicator, f.canonical) for f in read(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a number written as its magnitudes alone is one of them, a round mark
    ("进出口总额增长7.5%、重回万亿元规模。", ("进出口总额", 1, "万亿元", 1e12, "at_least", "trade")),
    ("地区生产总值突破万亿元。", ("地区生产总值", 1, "万亿元", 1e12, "at_least", "gdp")),
    ("一般公共预算收入重返千亿元。", ("一般公共预算收入", 1000, "亿元", 1e11, "at_least", "budget_revenue")),
    # digits are kept as written
    ("进出口总额重回1.2万亿元。", ("进出口总额", 1.2, "万亿元", 1.2e12, "exact", "trade")),
])
def test_a_round_magnitude_written_in_characters(text, expected):
    (f,) = [f for f in read(text) if f.measure == "level"]
    assert (f.indicator, f.value, f.unit, f.value_base, f.bound, f.canonical) == expected


@pytest.mark.parametrize("text, expected", [
    # a measure word alone (总产量) is the paragraph topic's when the attribute before it gives no indicator
    ("——粮食生产再获丰收。播种面积达到5200万亩，总产量达到412.5亿斤。",
     [("播种面积", None), ("粮食总产量", "grain_output")]),
    # the subject before it still wins where it names an indicator
    ("——工业经济提质增效。规模以上工业增加值增长8%，总量突破1万亿元。",
     [("规模以上工业增加值", "industry_va"), ("规模以上工业增加值总量", "industry_va")]),
    # no topic sentence: nothing is guessed
    ("粮食生产再获丰收，播种面积达到5200万亩，总产量达到412.5亿斤。",
     [("播种面积", None), ("播种面积总产量", None)]),
])
def test_a_measure_word_of_the_paragraphs_topic(text, expected):
    assert [(f.indicator, f.canonical) for f in read(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # 以上的新阶段: the mark passed; 以上的村: a class of things, no figure of its own
    ("全市生产总值增长5.5%，城市经济规模进入了3万亿元以上的新阶段。", [(5.5, "gdp"), (3, "gdp")]),
    ("年收入10万元以上的村达到50个。", [(50, None)]),
])
def test_a_mark_passed_is_not_a_class(text, expected):
    figs = read(text, region="某市")
    assert [(f.value, f.canonical) for f in figs] == expected
    assert all(f.bound == "at_least" for f in figs if f.value == 3)


def test_an_item_listed_after_a_figure_shares_its_reading_and_a_size_after_a_size_stays_a_size():
    # the work done, item by item: every item of the year
    figs = read("2025年，完成2100万千瓦火电机组、2812万吨钢铁产能超低排放改造。")
    assert [(f.value, f.period) for f in figs] == [(2100, 2025), (2812, 2025)]
    # sizes naming the places listed: no figure of a year
    figs = read("3500平方米浒溪标准菜市场、海会苑便民菜市场、5000平方米的永辉超市营业正常。")
    assert [(f.value, f.period) for f in figs] == [(3500, None), (5000, None)]
    # a size written with 的 after an item that is none: still a size
    figs = read("2025年，新建口袋公园20个、3000平方米的城市绿地15处。")
    assert [(f.value, f.period) for f in figs] == [(20, 2025), (3000, None), (15, 2025)]
