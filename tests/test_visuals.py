"""Word clouds and charts: the CJK font, masks, palettes, determinism, scale."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from sq_nlp.errors import ConfigError
from sq_nlp.summaries.keywords import Keyword, compare_counts, term_frequencies
from sq_nlp.summaries.visuals import (
    BUILTIN_MASKS,
    PALETTES,
    CloudStyle,
    changes_chart,
    cloud_font,
    cloud_png_bytes,
    cloud_words,
    figure_texts,
    font_path,
    image_mask,
    keyword_bars,
    make_cloud,
    save_cloud,
    save_figure,
    shape_mask,
    trend_chart,
)

TEXT = (
    "青石镇坚持生态优先，污水管网改造完成，垃圾分类覆盖全部小区。"
    "青石镇新建学校两所，教师培训全面开展，课后服务覆盖所有学校。"
    "新修公路二十公里，公交线路延伸到村，乡村振兴示范村建成五个。"
    "旅游收入稳步增长，民宿经济、农文旅融合成为新的增长点。"
)
FREQS = {**term_frequencies(TEXT), "乡村振兴": 6, "青石镇": 9}
SMALL = dict(width=480, layout_width=240, max_words=40)


def _cmap(path: Path) -> set[int]:
    with TTFont(str(path)) as font:
        return set(font.getBestCmap())


def test_font_comes_from_the_mplfonts_package():
    import mplfonts

    path = font_path()
    assert path.is_file() and path.suffix in (".otf", ".ttf")
    assert Path(mplfonts.__file__).parent in path.parents
    assert "CJK" in path.name and "sc" in path.name.lower()
    assert font_path("serif") != path
    with pytest.raises(ConfigError):
        font_path("comic")


def test_every_character_drawn_is_in_the_font():
    # a word the font cannot draw (private-use characters) is dropped, not boxed
    freqs = {**FREQS, "\ue000\ue001": 50, "𰻞𰻞面": 40}
    wc = make_cloud(freqs, CloudStyle(**SMALL))
    words = cloud_words(wc)
    assert "青石镇" in words and "\ue000\ue001" not in words
    cmap = _cmap(Path(wc.font_path))
    missing = {c for w in words for c in w if ord(c) not in cmap}
    assert not missing


def test_a_quoted_term_is_drawn_as_one_term():
    # CJK fonts set quotation marks an em wide, half blank: “1269”行动计划 read
    # as two terms in a cloud. Clouds draw the font's proportional quotes and
    # brackets (西部（重庆）科学城).
    from PIL import ImageFont

    wide, narrow = (ImageFont.truetype(str(p), 100) for p in (font_path(), cloud_font()))
    for mark in "“”‘’（）":
        assert narrow.getlength(mark) < 0.6 * wide.getlength(mark)
    for same in "行动计划1269、《：":  # every other character as it was
        assert narrow.getlength(same) == wide.getlength(same)
    assert make_cloud({"“1269”行动计划": 5, "青石镇": 3}, CloudStyle(**SMALL)).font_path == str(cloud_font())


def test_same_input_same_picture_and_seed_matters():
    a = cloud_png_bytes(make_cloud(FREQS, CloudStyle(**SMALL, seed=7)))
    b = cloud_png_bytes(make_cloud(FREQS, CloudStyle(**SMALL, seed=7)))
    c = cloud_png_bytes(make_cloud(FREQS, CloudStyle(**SMALL, seed=8)))
    assert a == b and a != c


def test_print_size_is_drawn_from_a_small_layout():
    wc = make_cloud(FREQS, CloudStyle(width=2000, layout_width=250, max_words=20))
    assert (wc.width, wc.scale) == (250, 8)
    img = wc.to_image()
    assert img.size == (2000, round(250 * 0.625) * 8)


def test_horizontal_only_and_max_words():
    wc = make_cloud(FREQS, CloudStyle(**{**SMALL, "max_words": 5}, horizontal_only=True))
    assert len(wc.layout_) <= 5
    assert all(item[3] is None for item in wc.layout_)  # orientation None = horizontal
    mixed = make_cloud(FREQS, CloudStyle(width=480, layout_width=240, max_words=60, seed=3))
    assert any(item[3] is not None for item in mixed.layout_)


def test_palette_colours_only():
    wc = make_cloud(FREQS, CloudStyle(**SMALL, palette="red-gold"))
    assert {item[4] for item in wc.layout_} <= set(PALETTES["red-gold"])
    with pytest.raises(ConfigError, match="palette"):
        CloudStyle(palette="rainbow-unicorn")


def _ink(img: Image.Image) -> np.ndarray:
    return (np.asarray(img.convert("RGB")) < 245).any(axis=-1)


@pytest.mark.parametrize("name", [m for m in BUILTIN_MASKS if m != "rectangle"])
def test_builtin_masks_keep_words_inside(name):
    shape = shape_mask(name, 240, 150)
    assert shape.shape == (150, 240) and 0.1 < shape.mean() < 0.95
    wc = make_cloud(FREQS, CloudStyle(width=240, layout_width=240, mask=name, max_words=40))
    ink = _ink(wc.to_image())
    assert ink.any() and not (ink & ~shape).any()


def test_user_image_mask_non_white_is_the_shape(tmp_path):
    # a black triangle on white, and a transparent corner that counts as white
    img = Image.new("RGBA", (300, 200), (255, 255, 255, 255))
    px = img.load()
    for y in range(200):
        for x in range(300):
            if x >= 300 - 1.5 * y:
                px[x, y] = (20, 20, 20, 255)
            if x < 40 and y > 160:
                px[x, y] = (0, 0, 0, 0)
    path = tmp_path / "triangle.png"
    img.save(path)
    shape = image_mask(path, 150)
    assert shape.shape == (100, 150)
    assert shape[95, 145] and not shape[5, 5] and not shape[98, 2]
    wc = make_cloud(FREQS, CloudStyle(width=150, layout_width=150, mask=str(path), max_words=30))
    ink = _ink(wc.to_image())
    assert ink.any() and not (ink & ~shape).any()


def test_bad_masks_are_clear_errors(tmp_path):
    white = tmp_path / "white.png"
    Image.new("RGB", (50, 50), "white").save(white)
    with pytest.raises(ConfigError, match="all white"):
        image_mask(white, 50)
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not an image")
    with pytest.raises(ConfigError, match="junk.png"):
        image_mask(junk, 50)
    with pytest.raises(ConfigError, match="unknown mask"):
        make_cloud(FREQS, CloudStyle(**SMALL, mask="dragon"))


def test_png_and_svg_with_embedded_font(tmp_path):
    wc = make_cloud(FREQS, CloudStyle(**SMALL))
    png = save_cloud(wc, tmp_path / "c.png")
    with Image.open(png) as img:
        assert img.size[0] == 480
    svg = save_cloud(wc, tmp_path / "c.svg").read_text(encoding="utf-8")
    assert "@font-face" in svg and "data:font/woff;base64," in svg
    assert all(w in svg for w in cloud_words(wc)[:5])
    # the embedded font is a subset that holds every character the cloud draws
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", svg).group(1))
    cmap = TTFont(io.BytesIO(data)).getBestCmap()
    assert {ord(c) for w in cloud_words(wc) for c in w} <= set(cmap) and len(cmap) < 500
    with pytest.raises(ConfigError, match=".png or .svg"):
        save_cloud(wc, tmp_path / "c.gif")


def test_no_drawable_word_is_an_error():
    with pytest.raises(ValueError, match="no drawable word"):
        make_cloud({"\ue000\ue001": 3.0}, CloudStyle(**SMALL))


def _figures():
    kws = [Keyword("青石镇", 0.9, 9, "tfidf"), Keyword("乡村振兴", 0.5, 6, "tfidf"), Keyword("垃圾分类", 0.2, 2, "tfidf")]
    old = {"学校": 10, "公路": 30, "其他": 960}
    new = {"学校": 40, "公路": 2, "数字经济": 12, "其他": 946}
    return [
        keyword_bars(kws, title="青石镇关键词"),
        trend_chart([(2022, 5.1), (2021, 2.3), (2023, 6.0)], indicator="地区生产总值增长", unit="%"),
        changes_chart(compare_counts(old, new)),
    ]


def test_chart_texts_are_in_the_font_and_drawn_with_it(tmp_path):
    from matplotlib.text import Text

    cmap = _cmap(font_path())
    for i, fig in enumerate(_figures()):
        # saving draws the figure, which creates the final tick labels
        out = save_figure(fig, tmp_path / f"chart{i}.png")
        with Image.open(out) as img:
            assert img.size[0] > 500
        texts = figure_texts(fig)
        assert any(any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts)
        missing = {c for t in texts for c in t if not c.isspace() and ord(c) not in cmap}
        assert not missing, missing
        families = {tuple(t.get_fontfamily()) for t in fig.findobj(Text) if t.get_text().strip()}
        assert families == {("Noto Sans CJK SC",)}, families


def test_trend_chart_orders_years():
    fig = _figures()[1]
    ax = fig.axes[0]
    assert list(ax.lines[0].get_xdata()) == [2021, 2022, 2023]


def test_trend_chart_draws_no_solid_line_across_a_missing_year():
    fig = trend_chart([(2014, 2.0), (2016, 2.0), (2017, 1.6), (2018, 2.1)], indicator="CPI", unit="%")
    ax = fig.axes[0]
    segments = {(tuple(line.get_xdata())): line.get_linestyle() for line in ax.lines[1:]}
    assert segments[(2014, 2016)] == "--" and segments[(2016, 2017)] == "-" and segments[(2017, 2018)] == "-"
    assert [int(t) for t in ax.get_xticks()] == [2014, 2015, 2016, 2017, 2018]  # the gap shows on the axis
    assert "虚线" in ax.get_xlabel()
    plain = trend_chart([(2020, 1.0), (2021, 2.0)], indicator="CPI", unit="%")
    assert plain.axes[0].get_xlabel() == "年份"


def test_trend_chart_puts_a_dips_label_below_it():
    fig = trend_chart([(2019, 6.1), (2020, 2.3), (2021, 8.1)], indicator="GDP", unit="%")
    offsets = {t.get_text(): t.xyann[1] for t in fig.axes[0].texts}
    assert offsets["2.3"] < 0 < offsets["6.1"] and offsets["8.1"] > 0


def test_empty_charts_are_errors():
    with pytest.raises(ValueError):
        keyword_bars([])
    with pytest.raises(ValueError):
        trend_chart([], indicator="GDP")
    with pytest.raises(ValueError):
        changes_chart([])


def test_render_cloud_gives_the_width_asked():
    from sq_nlp.summaries.visuals import render_cloud

    assert render_cloud(FREQS, width=640).size[0] == 640


def test_scorecard_chart_draws_rows_of_other_units_in_panels_of_their_own():
    from sq_nlp.summaries.visuals import scorecard_chart

    rows = [
        {"region": "某省", "name": "地区生产总值", "year": 2025, "target": "5%左右", "outcome": "5.2%",
         "target_value": 5.0, "target_max": None, "target_bound": "about", "outcome_value": 5.2, "verdict": "met"},
        {"region": "某省", "name": "居民消费价格", "year": 2025, "target": "2%左右", "outcome": "-0.1%",
         "target_value": 2.0, "target_max": None, "target_bound": "about", "outcome_value": -0.1, "verdict": "met"},
        {"region": "某省", "name": "城镇新增就业", "year": 2025, "target": "17万人以上", "outcome": "17.78万人",
         "target_value": 17.0, "target_max": None, "target_bound": "at_least", "outcome_value": 17.78,
         "verdict": "met"},
    ]
    fig = scorecard_chart(rows)
    assert [ax.get_xlabel() for ax in fig.axes] == ["%", "万人"]
    assert [len(ax.get_yticks()) for ax in fig.axes] == [2, 1]
    assert fig.axes[1].get_xlim()[0] == 0  # a level's axis starts at zero
    one_unit = scorecard_chart(rows[:2])
    assert len(one_unit.axes) == 1 and one_unit.axes[0].get_xlabel() == ""


def test_changes_chart_groups_new_rising_and_falling_from_the_top():
    from sq_nlp.summaries.keywords import TermChange
    from sq_nlp.summaries.visuals import changes_chart

    def change(term, status, ratio):
        return TermChange(term, status, 0, 1, 0.0, 1.0, ratio, 5.0)

    fig = changes_chart([change("甲提法", "new", 1.5), change("乙提法", "new", 3.0), change("丙提法", "rising", 1.0),
                         change("丁提法", "rising", 2.0), change("戊提法", "falling", -1.0), change("己提法", "falling", -3.0)])
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1]  # top down
    assert labels == ["甲提法", "乙提法", "丁提法", "丙提法", "戊提法", "己提法"]


@pytest.mark.parametrize(("title", "lines"), [
    # after the colon, not inside 升降
    ("广西壮族自治区 2026 对比 2025：新提法与升降提法", ["广西壮族自治区 2026 对比 2025：", "新提法与升降提法"]),
    ("地区生产总值增长（%）", ["地区生产总值增长（%）"]),
    # no mark to break at: at the width
    ("一" * 30, ["一" * 26, "一" * 4]),
])
def test_chart_titles_break_after_punctuation(title, lines):
    from sq_nlp.summaries.visuals import _wrap

    assert _wrap(title).split("\n") == lines
