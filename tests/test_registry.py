"""The registry of headline indicators and how a figure's indicator resolves to one."""

from __future__ import annotations

import pytest

from sq_nlp.extract.figures.registry import (
    DIMENSIONS,
    canonical_of,
    find_indicator,
    fold,
    indicator_by_id,
    load_registry,
)
from sq_nlp.errors import ConfigError


def test_the_registry_holds_at_least_forty_indicators_with_unique_ids_and_names():
    reg = load_registry()
    assert len(reg) >= 40
    assert len({i.id for i in reg}) == len(reg)
    owner: dict[tuple[str, str], str] = {}
    for ind in reg:
        assert ind.dimension in DIMENSIONS and ind.measures
        assert ind.target is None or ind.target in ind.measures or ind.target == "rate"
        for kind, names in (("any", ind.names), ("level", ind.level_names), ("rate", ind.rate_names)):
            for n in names:
                # a name read the same way must mean one indicator
                assert owner.setdefault((fold(n), kind), ind.id) == ind.id, n


@pytest.mark.parametrize("query, ident", [
    ("GDP", "gdp"), ("ＧＤＰ", "gdp"), ("gdp", "gdp"), ("地区生产总值", "gdp"), ("国内生产总值", "gdp"),
    ("人均GDP", "gdp_per_capita"), ("CPI", "cpi"), ("城镇新增就业", "urban_jobs"), ("一般公共预算收入", "budget_revenue"),
    ("PM2.5", "pm25"), ("细颗粒物(PM2.5)平均浓度", "pm25"), ("不存在的指标", None),
])
def test_a_user_names_an_indicator_by_id_name_or_alias(query, ident):
    ind = find_indicator(query)
    assert (ind.id if ind else None) == ident


def test_an_unknown_id_names_the_known_ones():
    with pytest.raises(ConfigError, match="gdp"):
        indicator_by_id("no_such")


@pytest.mark.parametrize("indicator, measure, unit, kind, region, expected", [
    # scope and the clause's opening verb come off the front; the report's own region too
    ("全省完成地区生产总值", "level", "元", "currency", "云南省", "gdp"),
    ("云南省地区生产总值", "level", "元", "currency", "云南省", "gdp"),
    ("2025年全市地区生产总值", "level", "元", "currency", "重庆市", "gdp"),
    ("国内生产总值总量", "level", "元", "currency", "全国", "gdp"),
    ("经济总量", "level", "元", "currency", "某省", "gdp"),
    ("经济增长", "rate", "%", "percent", "某省", "gdp"),
    ("一般公共预算收入同口径", "rate", "%", "percent", "某省", "budget_revenue"),
    # a level named only for rates, a rate named only for levels
    ("经济增长", "level", "元", "currency", "某省", None),
    ("经济总量", "rate", "%", "percent", "某省", None),
    # look-alikes never resolve to the parent
    ("海洋生产总值", "level", "元", "currency", "某省", None),
    ("成渝地区双城经济圈地区生产总值", "level", "元", "currency", "四川省", None),
    ("成都经济总量", "level", "元", "currency", "四川省", None),
    ("数字经济增加值", "level", "元", "currency", "某省", None),
    ("人均地区生产总值", "level", "元", "currency", "某省", "gdp_per_capita"),
    ("全国国内生产总值", "rate", "%", "percent", "四川省", None),  # the nation's, in a province's report
    # a city's report calls itself 城市; a province's 城市 is its cities, another thing
    ("城市经济规模", "level", "元", "currency", "某市", "gdp"),
    ("城市经济规模", "level", "元", "currency", "某省", None),
    ("城市居民人均可支配收入", "rate", "%", "percent", "某市", "urban_income"),  # urban, not all residents
    # the unit must fit
    ("地区生产总值", "count", "个", "counter", "某省", None),
    ("城镇新增就业", "level", "人", "counter", "某省", "urban_jobs"),
    ("城镇新增就业", "level", "元", "currency", "某省", None),
    ("城镇调查失业率", "level", "%", "percent", "某省", "unemployment"),
    ("城镇调查失业率", "points", "个百分点", "points", "某省", "unemployment"),
    ("城乡居民收入比", "ratio", None, "none", "某省", "income_ratio"),
    # 城镇居民收入增长4.4%: reports name the rate of urban and rural income so; their levels by the full name
    ("城镇居民收入", "rate", "%", "percent", "某省", "urban_income"),
    ("农村居民收入", "rate", "%", "percent", "某省", "rural_income"),
    ("农民收入", "rate", "%", "percent", "某省", "rural_income"),
    ("农民收入", "level", "元", "currency", "某省", None),
    ("外商直接投资实际到位资金", "level", "元", "currency", "某省", "fdi"),
    ("研究与试验发展经费支出与国内生产总值之比", "level", "%", "percent", "全国", "rd_intensity"),
])
def test_canonical_of(indicator, measure, unit, kind, region, expected):
    assert canonical_of(indicator, measure=measure, base_unit=unit, kind=kind, region=region) == expected


def _plain_name_matches(indicator_text, region=None):
    # each measure word tried on every form, as name_matches read them before its index held them
    from sq_nlp.extract.figures.registry import _MEASURE_SUFFIX, _name_index, _strip_scope, fold

    index = _name_index()
    for form in _strip_scope(fold(indicator_text), region):
        if form in index:
            return index[form]
        for suffix in _MEASURE_SUFFIX:
            if form.endswith(suffix) and form[: -len(suffix)] in index:
                return index[form[: -len(suffix)]]
    return ()


def test_names_with_measure_words_read_from_one_index_as_word_by_word():
    from sq_nlp.extract.figures.registry import _MEASURE_SUFFIX, _name_index, name_matches

    suffixes = ("", *_MEASURE_SUFFIX, "增长率增速", "增", "速", "率")
    texts = [name + s for name in _name_index() for s in suffixes]
    texts += [s + t for s in ("", *_MEASURE_SUFFIX) for t in _MEASURE_SUFFIX]  # measure words alone
    texts += ["全省" + t for t in texts[:400]] + ["2024年全年完成" + t for t in texts[:400]]
    texts += ["海洋生产总值", "数字经济增加值", "经济总量", "城市经济规模", "", "增速"]
    for region in (None, "四川省", "全国"):
        for text in texts:
            assert name_matches.__wrapped__(text, region) == _plain_name_matches(text, region), (text, region)


def _plain_fold(text):
    import re

    half_width = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
    parens = str.maketrans({"(": "（", ")": "）"})
    return re.sub(r"[“”‘’\"'《》\s]", "", text.translate(half_width).translate(parens)).casefold()


def test_fold_in_one_translation_is_the_two_translations_and_the_regex():
    import random

    rng = random.Random(7)
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()] + ["\u3000", "\u200b", "\ufeff"]
    alphabet = list("“”‘’\"'《》()（）GDPgdpẞßİı地区生产总值５Ｇｇ１０％") + spaces
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert fold(text) == _plain_fold(text), repr(text)
    for ind in load_registry():
        for name in ind.all_names:
            assert fold(name) == _plain_fold(name)


def test_scope_words_taken_off_with_their_first_characters_looked_at_first():
    from sq_nlp.extract.figures.registry import _LEAD_WORDS, _strip_scope, _region_prefixes, _SCOPE, _NATIONAL_SCOPE

    def plain(text, region):
        national = not region or region in ("全国", "中国")
        forms = [text]
        while True:
            m = _SCOPE.match(text) or (_NATIONAL_SCOPE.match(text) if national else None)
            cut = m.end() if m else next((len(p) for p in _region_prefixes(region) if text.startswith(p) and len(text) > len(p)), 0)
            if not cut:
                cut = next((len(w) for w in _LEAD_WORDS if text.startswith(w) and len(text) > len(w) + 1), 0)
            if not cut or cut >= len(text):
                return forms
            text = text[cut:]
            forms.append(text)

    pieces = [*_LEAD_WORDS, "全省", "全国", "我国", "四川", "四川省", "城市", "2024年", "地区生产总值", "增速", "全", "年", "完"]
    import itertools

    for n in range(4):
        for combo in itertools.product(pieces, repeat=n):
            text = "".join(combo)
            for region in (None, "四川省", "重庆市", "全国"):
                assert _strip_scope(text, region) == plain(text, region), (text, region)
