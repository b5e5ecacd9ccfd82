"""Topics: NMF/LDA over paragraphs, NPMI coherence, agreement with labels."""

from __future__ import annotations

import pytest

from sq_nlp.records import Block
from sq_nlp.summaries.topics import NO_TOPIC, agreement, fit_topics, npmi, paragraph_units

# Three made-up themes, four paragraphs each, with overlapping generic words.
THEMES = {
    "教育": [
        "新建学校两所，教师队伍不断壮大，课后服务覆盖所有学校。",
        "学校食堂改造完成，教师培训全面开展，学生营养得到保障。",
        "幼儿园学位增加，学校课程改革推进，教师待遇提高。",
        "学生体质监测覆盖学校，教师家访制度建立，课后服务延时。",
    ],
    "交通": [
        "新修公路二十公里，公交线路延伸到村，道路养护加强。",
        "公路安全隐患整治完成，公交站台改造，道路拥堵缓解。",
        "轨道交通开工建设，公交换乘优化，道路网络加密。",
        "停车位增加，公路桥梁检测，公交票价优惠延续。",
    ],
    "生态": [
        "污水管网改造完成，河道水质达标，绿化面积增加。",
        "垃圾分类覆盖全部小区，河道清淤，污水处理能力提升。",
        "空气质量优良天数增加，绿化提升，河道生态修复。",
        "污水直排整治，垃圾中转站新建，河长制落实。",
    ],
}


def _units() -> tuple[list[str], list[str]]:
    units, labels = [], []
    for label, paras in THEMES.items():
        units.extend(paras)
        labels.extend([label] * len(paras))
    return units, labels


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_topics_recover_clear_themes(method):
    units, labels = _units()
    model = fit_topics(units, n_topics=3, method=method)
    assert len(model.topics) == 3 and len(model.assignments) == len(units)
    assert sum(t.size for t in model.topics) == len(units)
    if method == "nmf":
        assert agreement(model.assignments, labels) == pytest.approx(1.0)
    # LDA needs more text than twelve short paragraphs to find the themes
    # (measured NMI 0.18-0.29 across seeds): that is why NMF is the default.
    for topic in model.topics:
        assert topic.terms and -1.0 <= topic.coherence <= 1.0
        assert list(topic.weights) == sorted(topic.weights, reverse=True)


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_topics_are_deterministic(method):
    units, _ = _units()
    assert fit_topics(units, n_topics=3, method=method) == fit_topics(units, n_topics=3, method=method)


def test_unit_without_content_gets_no_topic():
    units, _ = _units()
    model = fit_topics(units + ["的了和。"], n_topics=3)
    assert model.assignments[-1] == NO_TOPIC


def test_fewer_units_than_topics_lowers_the_count():
    model = fit_topics(THEMES["教育"][:2], n_topics=5)
    assert len(model.topics) == 2


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="single str"):
        fit_topics("学校教师", n_topics=2)
    with pytest.raises(ValueError, match="nmf"):
        fit_topics(["学校教师"], method="kmeans")
    with pytest.raises(ValueError, match="content token"):
        fit_topics(["的了。", "和与"])


def test_npmi_bounds():
    units = [frozenset({"学校", "教师"}), frozenset({"学校", "教师"}), frozenset({"公路"})]
    assert npmi(["学校", "教师"], units) == pytest.approx(1.0)
    assert npmi(["学校", "公路"], units) == -1.0
    assert npmi(["学校"], units) == 0.0
    # partly together: strictly between
    mixed = units + [frozenset({"学校"})]
    assert -1.0 < npmi(["学校", "教师"], mixed) < 1.0


def test_agreement():
    assert agreement([0, 0, 1, 1], ["a", "a", "b", "b"]) == pytest.approx(1.0)
    assert agreement([1, 1, 0, 0], ["a", "a", "b", "b"]) == pytest.approx(1.0)  # names do not matter
    assert agreement([0, 1, 0, 1], ["a", "a", "b", "b"]) == pytest.approx(0.0)
    # units without a topic or a label are left out
    assert agreement([0, 0, 1, 1, NO_TOPIC], ["a", "a", "b", "b", "c"]) == pytest.approx(1.0)
    assert agreement([0, 0, 1, 1, 1], ["a", "a", "b", "b", None]) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        agreement([0, 1], ["a"])


def test_paragraph_units_take_paragraphs_with_sections():
    blocks = [
        Block("heading", "教育", None, 0, 2, 1),
        Block("paragraph", "学校", "教育", 3, 5, 2),
        Block("caption", "图片", "教育", 6, 8, 3),
        Block("paragraph", "公路", "交通", 9, 11, 4),
    ]
    assert paragraph_units(blocks) == (["学校", "公路"], ["教育", "交通"])


def test_topics_over_corpus_documents(shared_corpus):
    paths = sorted(shared_corpus.glob("national_china_20*.txt"))[:4]
    model = fit_topics([p.read_text(encoding="utf-8") for p in paths], n_topics=2, method="lda")
    assert len(model.assignments) == 4 and all(a in (0, 1) for a in model.assignments)


def test_plain_lda_baseline_shape():
    from sq_nlp.summaries.topics import plain_lda_assignments

    units, _ = _units()
    a = plain_lda_assignments(units, n_topics=3)
    assert len(a) == len(units) and set(a) <= {0, 1, 2}
    assert a == plain_lda_assignments(units, n_topics=3)
