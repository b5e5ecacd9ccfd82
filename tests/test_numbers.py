"""numbers: written numbers, magnitudes, units, hedges and ranges."""

from __future__ import annotations

import pytest

from sq_nlp.language.numbers import find_quantities, parse_number, pre_qualifier, resolve_unit, unit_kind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30", 30),
        ("94.6", 94.6),
        ("1,206", 1206),
        ("12,345,678", 12345678),
        ("３．５", 3.5),
        ("２０２０", 2020),
        ("一千二百", 1200),
        ("一千零五", 1005),
        ("十四", 14),
        ("两", 2),
        ("二十万", 200000),
        ("三万亿", 3e12),
        ("一亿二千万", 1.2e8),
        ("1万", 1e4),
        ("3.2万亿", 3.2e12),
        ("百亿", 1e10),
        ("三分之一", 1 / 3),
        ("二〇二〇", 2020),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "十四五", "十十", "abc", "1.2.3"])
def test_parse_number_rejects_what_is_no_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("unit", "factor", "base", "kind"),
    [
        ("亿元", 1e8, "元", "currency"),
        ("万亿元", 1e12, "元", "currency"),
        ("万人", 1e4, "人", "counter"),
        ("%", 1, "%", "percent"),
        ("％", 1, "%", "percent"),
        ("个百分点", 1, "个百分点", "points"),
        ("百分点", 1, "个百分点", "points"),
        ("万千瓦", 1e4, "千瓦", "measure"),
        ("千瓦", 1, "千瓦", "measure"),
        ("千伏", 1, "千伏", "technical"),
        ("万元/人", 1e4, "元/人", "currency"),
        ("周年", 1, "周年", "date"),
        # a tenth is a share in percent (超三成 is over 30%), said like a multiple
        ("成", 10, "%", "multiple"),
        ("万套（间）", 1e4, "套", "counter"),  # another classifier of the same things
        ("条(段)", 1, "条", "counter"),
        ("万头只", 1e4, "头只", "counter"),  # head of cattle and sheep counted together (牛羊出栏937万头只)
        ("倍", 1, "倍", "multiple"),
        (None, 1, None, "none"),
    ],
)
def test_resolve_unit_and_kind(unit, factor, base, kind):
    assert resolve_unit(unit) == (pytest.approx(factor), base)
    assert unit_kind(unit) == kind


def _one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    ("text", "written", "value", "unit", "value_base", "base_unit", "qualifier"),
    [
        ("达到30亿元", "30亿元", 30, "亿元", 3e9, "元", None),
        ("超1万人", "1万人", 1, "万人", 1e4, "人", None),
        ("总量3.2万亿元", "3.2万亿元", 3.2, "万亿元", 3.2e12, "元", None),
        ("开展100余场次", "100余场次", 100, "场次", 100, "场次", "余"),
        ("覆盖5300余户居民", "5300余户", 5300, "户", 5300, "户", "余"),
        ("改造620多万套", "620多万套", 620, "万套", 6.2e6, "套", "多"),
        ("注册1,206家", "1,206家", 1206, "家", 1206, "家", None),
        ("增长４．１％", "４．１％", 4.1, "％", 4.1, "%", None),
        ("提高0.5个百分点", "0.5个百分点", 0.5, "个百分点", 0.5, "个百分点", None),
        ("提高两个百分点", "两个百分点", 2, "个百分点", 2, "个百分点", None),
        ("培训一千二百人", "一千二百人", 1200, "人", 1200, "人", None),
        ("突破百亿次", "百亿次", 100, "亿次", 1e10, "次", None),
        ("增长5%左右", "5%", 5, "%", 5, "%", "左右"),
        ("30%以上", "30%", 30, "%", 30, "%", "以上"),
        ("减少1386万，", "1386万", 1386, "万", 1.386e7, None, None),
        ("电压1000千伏", "1000千伏", 1000, "千伏", 1000, "千伏", None),
        # a 千 with no digit of its own after another magnitude opens the unit (百万千 is no numeral)
        ("装机达到百万千瓦", "百万千瓦", 100, "万千瓦", 1e6, "千瓦", None),
        ("建成一千万千瓦", "一千万千瓦", 1000, "万千瓦", 1e7, "千瓦", None),
        ("步行三千米", "三千米", 3000, "米", 3000, "米", None),
        # counters of voyages, flights and medals
        ("服务科考船2152航次", "2152航次", 2152, "航次", 2152, "航次", None),
        ("喜摘奖牌111枚", "111枚", 111, "枚", 111, "枚", None),
        ("劳动生产率25万元/人", "25万元/人", 25, "万元/人", 2.5e5, "元/人", None),
        ("减轻负担3万多亿元", "3万多亿元", 3, "万亿元", 3e12, "元", "多"),
        ("浓度为26.3微克/立方米", "26.3微克/立方米", 26.3, "微克/立方米", 26.3, "微克/立方米", None),
        ("浓度降至28.5微克每立方米，", "28.5微克每立方米", 28.5, "微克每立方米", 28.5, "微克/立方米", None),
    ],
)
def test_find_quantities_reads_number_unit_and_hedge(text, written, value, unit, value_base, base_unit, qualifier):
    q = _one(text)
    assert text[q.start : q.end] == written
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.value_base == pytest.approx(value_base)
    assert q.base_unit == base_unit
    assert q.qualifier == qualifier


def test_percent_and_points_are_different_quantities():
    pct, pts = find_quantities("增长4.1%，提高0.5个百分点")
    assert (pct.base_unit, pts.base_unit) == ("%", "个百分点")
    assert (pct.kind, pts.kind) == ("percent", "points")



def test_pairs_are_counted_but_a_one_to_one_pairing_is_no_count():
    (q,) = find_quantities("国际友城达到96对。")
    assert (q.value, q.unit, q.kind) == (96, "对", "counter")
    # 1对1帮扶: 对 joins the two sides; 对接, 对口 are words, not pairs
    for text in ("开展1对1帮扶", "开展1对多帮扶", "一对二结对", "1对N辅导", "1对１帮扶", "推动3对接活动"):
        assert all(q.unit != "对" for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit"),
    [
        ("增长5%—6%", 5, 6, "%"),
        ("增长6%－6.5%", 6, 6.5, "%"),
        ("建设3至5个", 3, 5, "个"),
        ("5～6万人", 5, 6, "万人"),
    ],
)
def test_a_range_is_one_quantity(text, value, value_max, unit):
    q = _one(text)
    assert (q.value, q.value_max, q.unit) == (value, value_max, unit)


@pytest.mark.parametrize(
    "text",
    [
        "由9.8%降至7.5%",  # two levels, not a range
        "增长4.4%、5.6%",
    ],
)
def test_separate_numbers_are_no_range(text):
    assert [q.value_max for q in find_quantities(text)] == [None, None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # coordinated numbers write the unit once, after the last
        ("分别高4.2和0.7个百分点", [("4.2", "个百分点", 4.2), ("0.7个百分点", "个百分点", 0.7)]),
        ("分别增长3、5%", [("3", "%", 3), ("5%", "%", 5)]),
        ("分别为2、3万亿元", [("2", "万亿元", 2e12), ("3万亿元", "万亿元", 3e12)]),
        # but not a calendar or technical unit, nor across other characters
        ("3、4月", [("3", None, 3), ("4月", "月", 4)]),
        ("1和2号线", [("1", None, 1), ("2号", "号", 2)]),
        ("第1批和2个", [("1批", "批", 1), ("2个", "个", 2)]),
    ],
)
def test_a_unit_written_once_is_shared_by_coordinated_numbers(text, expected):
    got = [(text[q.start : q.end], q.unit, q.value_base) for q in find_quantities(text)]
    assert [(w, u) for w, u, _ in got] == [(w, u) for w, u, _ in expected]
    assert [v for _, _, v in got] == pytest.approx([v for _, _, v in expected])


def test_per_written_before_a_counter_is_no_unit():
    (q,) = find_quantities("补助500元每人")
    assert q.unit == "元"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十四五规划", []),  # a plan name is no number
        ("零确诊", []),
        ("每万人拥有", []),  # a lone magnitude character
        ("三河村", []),
        ("门前三包", []),
        ("近14亿人口", [("14亿", None)]),  # 人口 is a word, not the unit 人
        ("3项目", [("3", None)]),
    ],
)
def test_what_is_not_a_number_with_unit(text, expected):
    assert [(text[q.start : q.end], q.unit if q.unit != "亿" else None) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [("十九届五中全会", "date"), ("2020年", "date"), ("建党100周年", "date"), ("1000千伏", "technical"), ("第8.6代线", "technical")],
)
def test_calendar_and_technical_units_are_marked(text, kind):
    assert [q.kind for q in find_quantities(text)] == [kind]


def test_chinese_formulas_are_reported_with_their_unit_for_the_caller_to_judge():
    (q,) = find_quantities("增强四个意识")
    assert (q.numeral, q.unit, q.kind) == ("chinese", "个", "counter")


def test_magnitude_unit_ambiguity_prefers_the_unit():
    assert _one("1000千伏").unit == "千伏"
    assert _one("5千米").unit == "千米"
    assert _one("100万千瓦").unit == "万千瓦"


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("参加人员超1万人", 5, ("超", 4)),
        ("减税降费约1.3万亿元", 5, ("约", 4)),
        ("接近60%", 2, ("接近", 0)),
        ("项目签约3543亿元", 4, (None, 4)),  # 签约 is a verb, not a hedge
        ("最近5年", 2, (None, 2)),
    ],
)
def test_pre_qualifier(text, start, expected):
    assert pre_qualifier(text, start) == expected


def test_scanning_never_rewrites_the_text():
    text = "增强“四个意识”，3.2万亿元，一千二百人"
    before = str(text)
    qs = find_quantities(text)
    assert text == before
    assert [text[q.start : q.num_end] for q in qs] == [q.value_text for q in qs]


@pytest.mark.parametrize("text, unit", [
    ("改造危旧房3.1万套（户）", "万套（户）"),
    ("幸福河湖35条（段）", "条（段）"),
    ("建成3个（含2个国家级）园区", "个"),  # a note in brackets is no classifier
    ("增长5%（不含价格因素）", "%"),
])
def test_a_classifier_in_brackets_after_a_classifier_joins_the_unit(text, unit):
    assert find_quantities(text)[0].unit == unit


@pytest.mark.parametrize("text, written, value, unit", [
    ("高速铁路运营里程增加到2万5千公里。", "2万5千", 25000, "公里"),
    ("日均新设企业1万6千户。", "1万6千", 16000, "户"),
    ("出境旅游人次1亿3千多万。", "1亿3千多万", 1.3e8, None),
])
def test_a_number_written_on_in_a_smaller_magnitude_is_one_number(text, written, value, unit):
    (q,) = find_quantities(text)
    assert (q.value_text, q.value, q.unit) == (written, value, unit)
    assert text[q.start : q.end].startswith(written)


def test_magnitudes_apart_stay_two_numbers():
    assert [q.value_text for q in find_quantities("新增2万、5千人")] == ["2", "5"]
