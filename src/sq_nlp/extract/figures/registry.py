"""The registry of headline indicators and how a figure resolves to one.

Package data ``figures/data/indicators.json`` lists the indicators that work
reports and statistical communiqués state (GDP, 一般公共预算收入, 居民人均可支配收入,
CPI, 城镇新增就业 ...) with the names reports use, the unit dimension a level
admits and the measures each is stated in.

A figure resolves to an indicator (:func:`canonical_of`) only when

* its indicator text, once the report's own scope is taken off the front
  (全省, 全市, 我国, a year, 全年, the report's region) and a trailing measure
  word off the end (总量, 增速 ...), *is* one of the indicator's names — a
  Chinese noun phrase ends with its head, so 海洋生产总值, 数字经济增加值 or a
  city cluster's 经济总量 are other things, never 地区生产总值;
* and its measure and unit fit: a level in the indicator's dimension (a GDP
  level in 个 never resolves), a rate or point change of an indicator that is
  stated in them, a share only of a share.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sq_nlp.errors import ConfigError

DIMENSIONS = (
    "currency", "percent", "persons", "households", "mass", "concentration", "area", "energy", "days",
    "years", "count", "none",
)
_DIMENSION_OF_UNIT = {
    **dict.fromkeys(("元", "美元", "欧元", "港元", "日元", "英镑", "人民币"), "currency"),
    **dict.fromkeys(("%", "％", "‰", "‱"), "percent"),
    **dict.fromkeys(("人", "人次", "名", "位"), "persons"),
    **dict.fromkeys(("户", "户次"), "households"),
    **dict.fromkeys(("吨", "公斤", "千克", "斤", "克", "万吨"), "mass"),
    **dict.fromkeys(("微克/立方米", "毫克/立方米"), "concentration"),
    **dict.fromkeys(("亩", "公顷", "平方米", "平方公里", "平方千米"), "area"),
    **dict.fromkeys(("千瓦", "千瓦时", "度", "瓦", "吨标准煤", "GW", "MW", "kW"), "energy"),
    **dict.fromkeys(("天",), "days"),
    **dict.fromkeys(("岁", "年"), "years"),
}
_HALF_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
_PARENS = str.maketrans({"(": "（", ")": "）"})
# fold's table, all in one translation: half-width letters and digits, （） brackets, no quotation
# marks (whitespace, any that \s matches, is what str.split() splits at)
_FOLD = {**_HALF_WIDTH, **_PARENS, **dict.fromkeys(map(ord, "“”‘’\"'《》"))}
# A subscript mark between a letter and a digit (PM_2.5 of a text made from a typeset page); an
# underscore elsewhere is a registry id's (good_air_days)
_SUBSCRIPT = re.compile(r"(?<=[A-Za-z])_(?=[0-9])")
# The report's own scope before an indicator: a year, the whole territory, the reporting body.
_SCOPE = re.compile(
    r"^(?:(?:19|20)\d{2}年(?:全年|末|底|度)?|全年|年末|年底|当年|今年|去年|上年|"
    r"全(?:省|市|区|县|州|盟|旗|镇|乡|疆|自治区|辖区|域)|我(?:省|市|区|县|州|盟)|本(?:省|市|区|县)|"
    r"全省域|全市域|的|"
    # what a measurement covers or how it is counted: the cities monitored (地级及以上城市空气质量…),
    # a basis (扣除沙尘影响后…), a validity (有效期内高新技术企业), a year's doing (年接待游客)
    r"(?:[0-9]+个)?(?:地级及以上|地级以上|地级|设区的?)(?:城市|市)|(?:扣除|剔除)[^，。；]{0,10}(?:影响|因素)后?|"
    r"(?:有效)?期内|年(?=接待|实现|完成))"
)
_NATIONAL_SCOPE = re.compile(r"^(?:全国|我国|中国|国家)")
# Words after an indicator that name its measure, not another thing (国内生产总值总量, 经济增速).
_MEASURE_SUFFIX = ("总量", "增速", "增长率", "增长速度", "增长", "增幅", "涨幅", "降幅", "规模", "总额", "金额",
                   "人数", "数量", "水平", "比上年", "同比", "同口径", "可比口径", "按可比口径", "均值", "平均值",
                   "年均值")
_LEVELS = ("level", "count", "increment")
_RATES = ("rate", "points")


@dataclass(frozen=True)
class Indicator:
    """One headline indicator of the registry (see the module docstring)."""

    id: str
    name: str
    names: tuple[str, ...]
    level_names: tuple[str, ...]
    rate_names: tuple[str, ...]
    dimension: str
    measures: tuple[str, ...]
    target: str | None
    real_growth: bool = False
    lower_is_better: bool = False
    query_words: tuple[str, ...] = ()
    fallback: str | None = None

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every name, alias and query word, the canonical name first."""
        return tuple(dict.fromkeys((self.name, *self.names, *self.level_names, *self.rate_names, *self.query_words)))

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready dict."""
        return {
            "id": self.id, "name": self.name, "names": list(self.names), "level_names": list(self.level_names),
            "rate_names": list(self.rate_names), "dimension": self.dimension, "measures": list(self.measures),
            "target": self.target, "real_growth": self.real_growth, "lower_is_better": self.lower_is_better,
            "fallback": self.fallback,
        }


def fold(text: str) -> str:
    """``text`` as names are compared: half-width, （） brackets, no quotes or spaces, case-folded."""
    folded = "".join(text.translate(_FOLD).split()).casefold()
    return _SUBSCRIPT.sub("", folded) if "_" in folded else folded


@lru_cache(maxsize=1)
def load_registry() -> tuple[Indicator, ...]:
    """The shipped registry; :class:`ConfigError` names a malformed entry."""
    text = resources.files("sq_nlp.extract.figures").joinpath("data", "indicators.json").read_text(encoding="utf-8")
    out = []
    seen: set[str] = set()
    for raw in json.loads(text)["indicators"]:
        try:
            ind = Indicator(
                id=raw["id"], name=raw["name"], names=tuple(raw.get("names", ())),
                level_names=tuple(raw.get("level_names", ())), rate_names=tuple(raw.get("rate_names", ())),
                dimension=raw["dimension"], measures=tuple(raw["measures"]), target=raw.get("target"),
                real_growth=bool(raw.get("real_growth", False)), lower_is_better=bool(raw.get("lower_is_better", False)),
                query_words=tuple(raw.get("query_words", ())), fallback=raw.get("fallback"),
            )
        except KeyError as exc:
            raise ConfigError(f"indicators.json: entry {raw.get('id', raw)!r} lacks {exc}") from None
        if ind.id in seen:
            raise ConfigError(f"indicators.json: id {ind.id!r} is used twice")
        if ind.dimension not in DIMENSIONS:
            raise ConfigError(f"indicators.json: {ind.id}: unknown dimension {ind.dimension!r}; use one of {DIMENSIONS}")
        seen.add(ind.id)
        out.append(ind)
    for ind in out:
        if ind.fallback is not None and ind.fallback not in seen:
            raise ConfigError(f"indicators.json: {ind.id}: fallback {ind.fallback!r} is no indicator id")
    return tuple(out)


@lru_cache(maxsize=1)
def _name_index() -> dict[str, tuple[tuple[Indicator, str], ...]]:
    """Folded name -> ``(indicator, kind)`` with kind ``any``, ``level`` or ``rate``."""
    index: dict[str, list[tuple[Indicator, str]]] = {}
    for ind in load_registry():
        for kind, names in (("any", ind.names), ("level", ind.level_names), ("rate", ind.rate_names)):
            for n in names:
                index.setdefault(fold(n), []).append((ind, kind))
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _measured_name_index() -> dict[str, tuple[tuple[Indicator, str], ...]]:
    """:func:`_name_index` and every name with a measure word after it (地区生产总值增速), each
    with what :func:`name_matches` reads it as: a name itself first, else its name before the
    first word of _MEASURE_SUFFIX, in their order, that leaves a name (one look-up a form, not
    one for each measure word)."""
    names = _name_index()
    index = dict(names)
    for suffix in _MEASURE_SUFFIX:
        for name, entries in names.items():
            index.setdefault(name + suffix, entries)
    return index


def indicator_by_id(ident: str) -> Indicator:
    """The registry entry with id ``ident``; :class:`ConfigError` when there is none."""
    for ind in load_registry():
        if ind.id == ident:
            return ind
    raise ConfigError(f"no headline indicator {ident!r}; known: {', '.join(i.id for i in load_registry())}")


def find_indicator(query: str) -> Indicator | None:
    """The indicator a user means by ``query``: its id, its name or any of its
    names (case and full-width insensitive); ``None`` when none."""
    q = fold(query.strip())
    for ind in load_registry():
        if q == ind.id.casefold() or any(q == fold(n) for n in ind.all_names):
            return ind
    return None


def dimension_of(base_unit: str | None, kind: str) -> str:
    """The dimension of a unit (元 -> currency, 万人 -> persons, 个 -> count)."""
    if base_unit in _DIMENSION_OF_UNIT:
        return _DIMENSION_OF_UNIT[base_unit]
    if kind == "counter":
        return "count"
    if kind in ("percent",):
        return "percent"
    return "none"


@lru_cache(maxsize=256)  # pure; one region a report
def _region_prefixes(region: str | None) -> tuple[str, ...]:
    if not region or region in ("全国", "中国"):
        return ()
    short = re.sub(r"(?:维吾尔|壮族|回族|藏族)?(?:自治区|自治州|特别行政区|省|市|县|区|街道|镇|乡)$", "", region)
    # a city's report calls itself 城市 (城市经济规模, 城市能级) as a province's says 全省
    own = {"城市"} if region.endswith("市") else set()
    return tuple(sorted({region, short, *own} - {""}, key=len, reverse=True))


# Verbs that open a clause before the indicator they report (全省完成地区生产总值31534亿元).
_LEAD_WORDS = ("全年完成", "全年实现", "累计完成", "完成", "实现", "确保", "力争", "争取", "预计", "其中", "全年")
_LEAD_FIRST = frozenset(w[0] for w in _LEAD_WORDS)  # (most forms start with none of these)


def _strip_scope(text: str, region: str | None) -> list[str]:
    """``text`` and every shorter form left when scope words (and a clause's
    opening verb: 全省完成地区生产总值) come off its front."""
    national = not region or region in ("全国", "中国")
    forms = [text]
    prefixes = _region_prefixes(region)
    while True:
        m = _SCOPE.match(text) or (_NATIONAL_SCOPE.match(text) if national else None)
        if m:
            cut = m.end()
        else:
            cut = next((len(p) for p in prefixes if text.startswith(p) and len(text) > len(p)), 0) if prefixes else 0
        if not cut and text[:1] in _LEAD_FIRST:
            cut = next((len(w) for w in _LEAD_WORDS if text.startswith(w) and len(text) > len(w) + 1), 0)
        if not cut or cut >= len(text):
            return forms
        text = text[cut:]
        forms.append(text)


@lru_cache(maxsize=16384)  # pure over the shipped registry; names recur across reports
def name_matches(indicator_text: str, region: str | None = None) -> tuple[tuple[Indicator, str], ...]:
    """The registry entries ``indicator_text`` names, with the kind of name
    (``any``, ``level`` or ``rate``); empty when it names none."""
    index = _measured_name_index()
    for form in _strip_scope(fold(indicator_text), region):
        entries = index.get(form)
        if entries is not None:
            return entries
    return ()


def fits(ind: Indicator, name_kind: str, measure: str, dimension: str) -> bool:
    """Whether a figure of ``measure`` in ``dimension``, named by a name of
    ``name_kind``, can state ``ind``."""
    if name_kind == "level" and measure not in _LEVELS:
        return False
    if name_kind == "rate" and measure not in _RATES:
        return False
    if measure in _LEVELS:
        if measure == "increment" and "increment" not in ind.measures and "level" not in ind.measures:
            return False
        if measure in ("level", "count") and not ({"level", "count"} & set(ind.measures)):
            return False
        return dimension == ind.dimension or (ind.dimension == "count" and dimension in ("count", "none"))
    if measure == "rate":
        return "rate" in ind.measures and dimension in ("percent", "none")
    if measure == "points":
        return dimension in ("percent", "none") and ("points" in ind.measures or ind.dimension == "percent")
    return measure in ind.measures


@lru_cache(maxsize=None)  # pure over the shipped registry, whose ids are few
def percent_is_rate(ident: str) -> bool:
    """Whether the indicator's percent figures state its change (a price index:
    居民消费价格涨幅3% is the rise of prices), not a level."""
    ind = indicator_by_id(ident)
    return ind.dimension == "percent" and ind.measures[0] == "rate"


@lru_cache(maxsize=16384)
def canonical_of(indicator_text: str, measure: str, base_unit: str | None, kind: str,
                 region: str | None = None) -> str | None:
    """The id of the headline indicator a figure states, or ``None``.
    (The figures stage passes its arguments by position, once for every figure:
    the cache's key of five positional arguments is made at a third of the cost.)"""
    if not indicator_text:
        return None
    dimension = "percent" if measure in _RATES and base_unit in ("%", "％", "个百分点") else dimension_of(base_unit, kind)
    if measure == "rate" and kind == "multiple":
        dimension = "none"
    for ind, name_kind in name_matches(indicator_text, region):
        if fits(ind, name_kind, measure, dimension):
            return ind.id
    return None
