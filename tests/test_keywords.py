"""Keywords: TF-IDF, TextRank, grouping and year-over-year change."""

from __future__ import annotations

import math
import pickle
import re

import pytest

from sq_nlp.summaries.keywords import (
    Idf,
    compare_counts,
    document_segmenter,
    general_idf,
    group_texts,
    keywords,
    keywords_by_group,
    learn_idf,
    region_terms,
    section_texts,
    term_changes,
    textrank_keywords,
    tfidf_keywords,
)
from sq_nlp.records import Block
from sq_nlp.language.segment import default_segmenter, load_stopwords

# Made-up report sentences: a place name, numbers with units, generic verbs.
TOWN = (
    "2020年，青石镇坚持生态优先，推进污水管网改造，新建污水管网12.5公里，"
    "青石镇生态环境持续改善。青石镇加强垃圾分类，垃圾分类覆盖率达到95%。"
    "青石镇推动旅游发展，接待游客30万人次，旅游收入增长8.2%。"
)
SCHOOL = "新建学校3所，教师培训2000人次，学校课后服务全覆盖，学校食堂改造全部完成。"
ROAD = "新修公路20公里，公路养护全面加强，公交线路延伸到村，公路安全隐患全部整治。"


def _assert_clean(terms: list[str]) -> None:
    stop = load_stopwords()
    for t in terms:
        assert not re.search(r"\d", t), t
        assert len(t) >= 2, t
        assert t not in stop, t
        assert not re.fullmatch(r"[\W_]+", t), t


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_keywords_have_no_number_single_char_or_stopword(method):
    kws = keywords(TOWN + SCHOOL + ROAD, method=method, top=30)
    assert kws, "expected keywords"
    _assert_clean([k.term for k in kws])
    assert all(k.method == method and k.count >= 1 for k in kws)
    scores = [k.score for k in kws]
    assert scores == sorted(scores, reverse=True)


def test_document_words_stay_whole():
    plain = [k.term for k in tfidf_keywords(TOWN, top=50)]
    seg = document_segmenter(["青石镇"])
    whole = [k.term for k in tfidf_keywords(TOWN, segmenter=seg, top=50)]
    assert "青石镇" in whole and whole[0] == "青石镇"  # the most repeated word of the text
    assert "青石镇" not in plain
    # a clause is not a word: document_segmenter adds only short word-like strings
    assert "坚持生态优先推进污水管网改造" not in document_segmenter(["坚持生态优先推进污水管网改造"]).words
    assert document_segmenter([]) is default_segmenter()


def test_learn_idf_single_document_falls_back_to_general():
    idf = learn_idf([TOWN])
    assert idf.source == "general" and idf is general_idf()
    assert idf["的"] < idf["垃圾分类"]  # a function word is everywhere, a policy term is not


def test_learn_idf_from_corpus_ranks_distinctive_terms_higher():
    docs = [TOWN + "学校", SCHOOL, ROAD + "学校"]
    idf = learn_idf(docs)
    assert idf.source == "corpus" and idf.n_docs == 3
    assert idf["学校"] < idf["公路"]  # 学校 in all three, 公路 in one
    assert math.isclose(idf["公路"], math.log(4 / 2))
    assert idf["学校"] == 0.0  # a word of every document sets none apart
    assert idf["从未出现的词"] == idf.default >= idf["公路"]


def test_a_word_of_every_document_is_no_corpus_keyword():
    # 学校 is the most frequent word of the school text, but every text has it.
    docs = [TOWN + "学校", SCHOOL, ROAD + "学校"]
    terms = [k.term for k in tfidf_keywords(SCHOOL, idf=learn_idf(docs), top=10)]
    assert terms and "学校" not in terms
    assert "教师" in terms or "食堂" in terms


def test_identical_texts_count_once_in_idf():
    # The same report stored twice (a GBK copy) must not halve its own words' weight.
    once = learn_idf([TOWN, SCHOOL, ROAD])
    twice = learn_idf([TOWN, SCHOOL, SCHOOL, ROAD])
    assert twice.n_docs == 3 and math.isclose(twice["食堂"], once["食堂"])


def test_excluded_terms_are_left_out_by_both_methods():
    for method in ("tfidf", "textrank"):
        terms = [k.term for k in keywords(TOWN, method=method, top=10, exclude={"青石镇", "青石"})]
        assert terms and not {"青石镇", "青石"} & set(terms), method


@pytest.mark.parametrize("region, short", [("重庆市", "重庆"), ("四川省", "四川"), ("圣泉街道", "圣泉"),
                                           ("广西壮族自治区", "广西壮族"), ("全国", None)])
def test_region_terms_whole_and_without_suffix(region, short):
    terms = region_terms([region, None])
    assert region in terms
    assert (short in terms) if short else terms == {region}


def test_region_terms_hold_what_a_report_calls_its_region():
    # an autonomous region without its nationality (宁夏回族自治区 -> 宁夏), a province's
    # conventional name (黑龙江 -> 龙江, 山东 -> 齐鲁); a prefecture's short name (伊犁)
    assert {"宁夏", "宁夏回族自治区"} <= region_terms(["宁夏回族自治区"])
    assert {"新疆", "广西"} <= region_terms(["新疆维吾尔自治区", "广西壮族自治区"])
    assert {"黑龙江", "龙江"} <= region_terms(["黑龙江省"]) and "齐鲁" in region_terms(["山东省"])
    assert "伊犁" in region_terms(["伊犁哈萨克自治州"])
    assert "龙江" not in region_terms(["吉林省"])


def test_stopwords_cover_the_speakers_own_administration():
    stop = load_stopwords()
    assert {"全市", "全省", "省委", "市政府", "衷心感谢"} <= stop


def test_corpus_expected_not_a_string():
    with pytest.raises(ValueError, match="single str"):
        learn_idf(TOWN)


def test_tfidf_weighs_count_by_idf():
    idf = Idf(weights={"学校": 1.0, "公路": 3.0}, default=2.0, source="corpus", n_docs=5)
    kws = {k.term: k for k in tfidf_keywords("学校学校公路。", idf=idf, top=5)}
    assert kws["学校"].count == 2 and kws["公路"].count == 1
    assert kws["公路"].score > kws["学校"].score  # 1/3*3 > 2/3*1


def test_textrank_is_deterministic_and_scaled():
    a = textrank_keywords(TOWN + SCHOOL, top=10)
    b = textrank_keywords(TOWN + SCHOOL, top=10)
    assert a == b and a[0].score == 1.0
    assert all(0 < k.score <= 1.0 for k in a)


def test_textrank_ranks_a_hub_above_a_leaf():
    text = "学校课程。学校食堂。学校操场。学校图书馆。课程改革。"
    ranked = [k.term for k in textrank_keywords(text, top=10)]
    assert ranked[0] == "学校"


def test_unknown_method_is_a_clear_error():
    with pytest.raises(ValueError, match="textrank"):
        keywords(TOWN, method="bm25")


def test_keywords_by_group_learns_idf_over_groups():
    groups = {2021: "学校学校，公路公路。", 2022: "公路公路，医院医院。"}
    result = keywords_by_group(groups, top=5)
    assert set(result) == {2021, 2022}
    # same count, but the shared 公路 sets neither year apart: only each year's own term
    assert [k.term for k in result[2021]] == ["学校"]
    assert [k.term for k in result[2022]] == ["医院"]
    ranked = keywords_by_group(groups, method="textrank", top=5)
    assert {k.term for k in ranked[2021]} == {"学校", "公路"}


def test_group_and_section_texts_keep_order():
    assert group_texts([("a", "一"), ("b", "二"), ("a", "三")]) == {"a": "一\n三", "b": "二"}
    blocks = [
        Block("heading", "教育", None, 0, 2, 1),
        Block("paragraph", SCHOOL, "教育", 3, 10, 2),
        Block("paragraph", ROAD, "交通", 11, 20, 3),
        Block("paragraph", "学校再建一所。", "教育", 21, 30, 4),
    ]
    assert section_texts(blocks) == {"教育": SCHOOL + "\n学校再建一所。", "交通": ROAD}


def test_compare_counts_new_rising_falling():
    old = {"学校": 10, "公路": 30, "旅游": 5, "其他": 955}
    new = {"学校": 40, "公路": 2, "数字经济": 12, "旅游": 6, "其他": 940}
    changes = {c.term: c for c in compare_counts(old, new)}
    assert changes["数字经济"].status == "new" and changes["数字经济"].count_old == 0
    assert changes["学校"].status == "rising" and changes["学校"].log_ratio > 0
    assert changes["公路"].status == "falling" and changes["公路"].log_ratio < 0
    assert "旅游" not in changes  # 5 -> 6 is no significant change
    assert all(c.g2 >= 3.84 for c in changes.values())
    order = [c.status for c in compare_counts(old, new)]
    assert order == sorted(order, key=["new", "rising", "falling"].index)


def test_g2_is_symmetric_and_log_ratio_antisymmetric():
    old = {"学校": 10, "公路": 30, "其他": 960}
    new = {"学校": 40, "公路": 2, "其他": 958}
    fwd = {c.term: c for c in compare_counts(old, new)}
    back = {c.term: c for c in compare_counts(new, old)}
    for term in fwd:
        assert math.isclose(fwd[term].g2, back[term].g2, rel_tol=1e-6)
        assert math.isclose(fwd[term].log_ratio, -back[term].log_ratio, rel_tol=1e-6)


def test_phrase_changes_count_the_reports_phrases_not_tokens():
    from sq_nlp.summaries.keywords import phrase_changes

    old = "推进乡村振兴。" * 4 + "建设智慧城市。" * 6
    new = "推进乡村振兴。" * 4 + "加快发展“低空经济”。" * 5 + "建设智慧城市。"
    changes = {c.term: c for c in phrase_changes(old, new, ["低空经济", "智慧城市", "乡村振兴", "以学"])}
    assert changes["低空经济"].status == "new" and changes["低空经济"].count_new == 5  # quoted or not
    assert changes["智慧城市"].status == "falling" and changes["智慧城市"].count_old == 6
    assert "乡村振兴" not in changes and "以学" not in changes  # unchanged, absent
    assert set(changes) <= {"低空经济", "智慧城市"}  # only the phrases given
    # a leading phrase one year alone says is a change however rarely said, the new ones in their rank order
    text = "加快发展新质生产力。" + "推进乡村振兴。" * 4
    ranked = phrase_changes("推进乡村振兴。" * 4, text + "建设智慧城市。" * 3,
                            ["智慧城市", "新质生产力", "乡村振兴"], leading=["新质生产力", "智慧城市"])
    assert [(c.term, c.status, c.count_new) for c in ranked] == [("新质生产力", "new", 1), ("智慧城市", "new", 3)]


def test_term_changes_on_texts():
    changes = term_changes(SCHOOL * 6 + ROAD * 2, ROAD * 6 + SCHOOL * 2, min_count=3)
    by_term = {c.term: c.status for c in changes}
    assert by_term.get("公路") == "rising" and by_term.get("学校") == "falling"
    with pytest.raises(ValueError):
        term_changes("。", ROAD)


def test_segmenter_pickles_inside_a_fitted_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(tokenizer=default_segmenter(), token_pattern=None, lowercase=False)
    vec.fit([TOWN, SCHOOL])
    clone = pickle.loads(pickle.dumps(vec))
    assert clone.transform([ROAD]).shape == (1, len(vec.vocabulary_))


def test_seed_top20_clean_with_names_whole(seed_path):
    from sq_nlp.extract.document import extract_path

    ex = extract_path(seed_path)
    region = ex.document.region
    text = "\n".join(b.text for b in ex.blocks)
    seg = document_segmenter([region or ""] + [s.term for s in ex.slogans])
    for method in ("tfidf", "textrank"):
        terms = [k.term for k in keywords(text, method=method, segmenter=seg, top=20)]
        assert len(terms) == 20
        _assert_clean(terms)
        if region:
            assert region in terms  # the place the report is about, whole
    # every slogan term the seed names stays one token (721工作法 too)
    tokens = set(seg.cut(text))
    kept = [s.term for s in ex.slogans if s.term in seg.words]
    assert kept
    for term in kept:
        assert term in tokens


def test_corpus_keywords_one_list_per_text():
    from sq_nlp.summaries.keywords import corpus_keywords

    lists = corpus_keywords(["学校学校，公路公路。", "公路公路，医院医院。"], top=2)
    assert [[k.term for k in kws] for kws in lists] == [["学校"], ["医院"]]
    with pytest.raises(ValueError):
        corpus_keywords("学校")


def test_keywords_by_group_leave_out_excluded_terms():
    groups = {"甲": TOWN, "乙": SCHOOL + ROAD}
    result = keywords_by_group(groups, top=10, exclude={"青石"})
    assert result["甲"] and "青石" not in {k.term for k in result["甲"]}
    assert "青石" in {k.term for k in keywords_by_group(groups, top=10)["甲"]}


def test_idf_from_tokens_counts_each_document_content_once():
    # a copy counts once however it is passed (list, tuple, generator); two
    # documents of the same length that agree in their first, middle and
    # last tokens but differ elsewhere are two documents
    from sq_nlp.summaries.keywords import learn_idf_from_tokens
    from sq_nlp.summaries.keywords.words import _distinct_documents
    from sq_nlp.language.segment import default_segmenter

    seg = default_segmenter()
    a = ["乡村", "振兴", "农业", "强国", "建设"]
    b = ["乡村", "振兴", "农业", "教育", "建设"]  # same length, first, middle and last token
    c = ["新质", "生产力"]
    assert _distinct_documents([a, tuple(a), iter(a), b, [], c, list(b)]) == [a, b, c]
    assert _distinct_documents([a, b]) == [a, b]
    # as before: an empty list is no document, a generator is one even when it yields nothing
    assert _distinct_documents([[], iter(()), a, iter(())]) == [(), a]
    base = learn_idf_from_tokens([a, b, c, ["数字", "经济"]], segmenter=seg)
    again = learn_idf_from_tokens([a, tuple(a), b, (t for t in b), c, ["数字", "经济"], []], segmenter=seg)
    assert base.n_docs == again.n_docs == 4
    assert base.weights == again.weights and list(base.weights) == list(again.weights)
    assert base["强国"] > base["乡村"]  # 强国 in one document, 乡村 in two


def test_idf_from_stored_tokens_equals_idf_from_texts():
    from sq_nlp.summaries.keywords import learn_idf, learn_idf_from_tokens
    from sq_nlp.language.segment import default_segmenter

    seg = default_segmenter()
    texts = ["全面推进乡村振兴，加快建设农业强国。", "全面推进乡村振兴，发展新质生产力。", "发展新质生产力，建设教育强国。"]
    from_texts = learn_idf(texts, segmenter=seg)
    from_tokens = learn_idf_from_tokens([seg.cut(t) for t in texts], segmenter=seg)
    assert from_texts.weights and set(from_texts.weights) == set(from_tokens.weights)
    for term, weight in from_texts.weights.items():
        assert abs(from_tokens[term] - weight) < 1e-9
    assert from_tokens.default == from_texts.default
    assert learn_idf_from_tokens([seg.cut(texts[0])], segmenter=seg).source == "general"
