"""Place names: every division whole and as reports write it, no ordinary word taken for a place."""

from __future__ import annotations

import pytest

from sq_nlp.language.places import place_names, short_name


@pytest.mark.parametrize("name, short", [
    ("鄂尔多斯市", "鄂尔多斯"),
    ("锡林郭勒盟", "锡林郭勒"),
    ("伊犁哈萨克自治州", "伊犁"),
    ("黔东南苗族侗族自治州", "黔东南"),
    ("广西壮族自治区", "广西"),
    ("西藏自治区", "西藏"),
    ("喀什地区", "喀什"),
    ("神农架林区", "神农架"),
    ("香港特别行政区", "香港"),
    ("定日县", "定日"),
    ("鄂温克族自治旗", "鄂温克"),  # the nationality's own
    ("县", None),
    ("新区", None),
])
def test_short_name(name, short):
    assert short_name(name) == short


def test_place_names_hold_divisions_whole_and_short_but_no_ordinary_words():
    places = place_names()
    for name in ("呼和浩特", "呼和浩特市", "鄂尔多斯", "乌鲁木齐", "伊犁", "锡林郭勒", "南宁", "银川", "桂林",
                 "克拉玛依", "定日县", "香格里拉"):
        assert name in places, name
    # a county's two-character short form is mostly an ordinary word too
    for word in ("和平", "新华", "长安", "城关", "稀土", "盐湖", "高质量发展", "乡村振兴"):
        assert word not in places, word
