"""The Segmenter: private tokenizers, project words whole, numbers whole,
identical backends, picklable, and no cost to general segmentation."""

from __future__ import annotations

import importlib.util
import multiprocessing
import pickle
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sq_nlp.errors import ConfigError
from sq_nlp.language.segment import (
    _WHOLE_TOKEN,
    MIN_ADDED_FREQ,
    NUMBER_TOKEN,
    Segmenter,
    default_segmenter,
    load_stopwords,
    load_userdict,
)
from sq_nlp.language.lexicon import lexicon_terms

ROOT = Path(__file__).resolve().parents[1]
SIGHAN = ROOT.parent / "shared" / "eval" / "sighan2005"
BACKENDS = ("rjieba", "jieba")


def _score_module():
    """scripts/score_segmentation.py, imported from the repository."""
    path = ROOT / "scripts" / "score_segmentation.py"
    spec = importlib.util.spec_from_file_location("score_segmentation", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_segmentation", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def score():
    return _score_module()


@pytest.fixture(scope="module", params=BACKENDS)
def seg(request) -> Segmenter:
    return default_segmenter(request.param)


# -- global state -------------------------------------------------------------


def test_segmenter_never_touches_global_jieba():
    import jieba
    import jieba.finalseg
    import rjieba

    jieba.setLogLevel(60)
    dt = jieba.dt
    before = (
        dt.initialized,
        dt.total,
        len(dt.FREQ),
        dict(dt.user_word_tag_tab),
        set(jieba.finalseg.Force_Split_Words),
    )
    text = "推动成渝地区双城经济圈建设，增强“四个意识”，圣泉街道GDP增长4.1%。"
    for backend in BACKENDS:
        s = Segmenter(backend=backend, extra_words=["某某新词汇"])
        assert "成渝地区双城经济圈" in s.cut(text)
        s.cut("某某新词汇")
    after = (
        dt.initialized,
        dt.total,
        len(dt.FREQ),
        dict(dt.user_word_tag_tab),
        set(jieba.finalseg.Force_Split_Words),
    )
    assert after == before
    assert not rjieba.has_word("圣泉街道") and not rjieba.has_word("某某新词汇")
    # The global cut equals a fresh default tokenizer's: our words did not leak.
    fresh = jieba.Tokenizer()
    assert jieba.lcut(text) == fresh.lcut(text)
    assert "成渝地区双城经济圈" not in jieba.lcut(text)


# -- configuration and pickling ---------------------------------------------------


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="backend"):
        Segmenter(backend="thulac")


def test_pickle_round_trip_keeps_configuration_not_tokenizer():
    s = Segmenter(backend="rjieba", extra_words=["某某新词汇"])
    text = "圣泉街道推进某某新词汇，投资94.6亿元。"
    tokens = s.cut(text)  # builds the private tokenizer
    data = pickle.dumps(s)
    assert len(data) < 2000  # configuration only, never a dictionary
    clone = pickle.loads(data)
    assert clone.backend == "rjieba" and clone.extra_words == ("某某新词汇",)
    assert clone.cut(text) == tokens
    assert "某某新词汇" in tokens and "圣泉街道" in tokens


def test_segmenter_works_in_a_spawned_worker():
    s = Segmenter(backend="rjieba", extra_words=["某某新词汇"])
    texts = ["推动成渝地区双城经济圈建设", "某某新词汇增长4.1%"]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        remote = pool.map(s.cut, texts)
    assert remote == [s.cut(t) for t in texts]


# -- project dictionary -----------------------------------------------------------


def test_userdict_entries_are_well_formed_and_unique():
    entries = load_userdict()
    words = [w for w, _, _ in entries]
    assert len(words) == len(set(words)), "duplicate entries in userdict.txt"
    assert len(words) >= 100
    for word, freq, tag in entries:
        assert freq is None or freq >= 1
        assert tag is None or tag.isalpha()


def test_userdict_words_change_something():
    """Each entry is a word jieba's default dictionary splits or barely knows."""
    import jieba

    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.initialize()
    useless = [
        w for w, _, _ in load_userdict()
        if tk.FREQ.get(w, 0) >= MIN_ADDED_FREQ and tk.lcut(w) == [w]
    ]
    assert not useless


def test_tag_fixes_correct_words_without_adding_any():
    """Each tag fix names a word that jieba tags otherwise on its own (from its
    dictionary, or its tagger for a word it does not list: 发力); none is a project word."""
    from sq_nlp.language.segment import load_tag_fixes

    fixes = load_tag_fixes()
    plain = Segmenter(userdict=False)
    assert fixes and all(plain.tag(w) == [(w, plain.tag(w)[0][1])] and plain.tag(w)[0][1] != tag
                         for w, tag in fixes.items())
    assert not set(fixes) & Segmenter().words


def test_project_words_and_slogans_stay_one_token(seg):
    for word in seg.words:
        assert seg.cut(word) == [word], word


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("推动成渝地区双城经济圈建设取得新进展", "成渝地区双城经济圈"),
        ("圣泉街道党工委书记介绍", "圣泉街道"),
        ("抢抓纳入重庆科学城机遇", "重庆科学城"),
        ("深入实施乡村振兴战略，持续优化营商环境", "营商环境"),
        ("积极稳妥推进碳达峰碳中和", "碳中和"),
        ("推进粤港澳大湾区建设", "粤港澳大湾区"),
        ("合理扩大地方政府专项债券规模", "地方政府专项债券"),
        ("完整准确全面贯彻新发展理念，加快构建新发展格局", "新发展格局"),
        # the directions a region opens to, not a compass word of jieba's (西向南, 东向北)
        ("构筑向西向南开放战略高地", "向西"),
        ("构筑向西向南开放战略高地", "向南"),
        ("打造向东向北开放新高地", "向北"),
    ],
)
def test_names_and_policy_terms_stay_whole_in_context(seg, text, word):
    assert word in seg.cut(text)


def test_lexicon_formula_stays_whole_in_context(seg):
    if "四个意识" not in lexicon_terms():
        pytest.skip("the slogan lexicon does not list 四个意识")
    assert "四个意识" in seg.cut("增强“四个意识”、坚定“四个自信”、做到“两个维护”")
    assert "四个意识" in seg.cut("牢固树立四个意识")


# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "figure",
    [
        "4.1%", "94.6亿元", "30亿元", "0.5个百分点", "1万亿", "15万吨", "3.2万人",
        "100多亿元", "30余万人", "１２．５％", "2.5‰",
    ],
)
def test_numbers_with_units_stay_together(seg, figure):
    assert figure in seg.cut(f"同比增长达到{figure}，比上年提高")


def test_bare_counts_split_as_general_standards_do(seg):
    tokens = seg.cut("新登记注册市场主体783家")
    assert "783" in tokens and "家" in tokens


def test_hyphenated_latin_names_stay_whole(seg):
    assert "5G-A" in seg.cut("鼓励支持5G-A、区块链等数字基础设施建设")
    assert "GDP" in seg.cut("全年GDP增长")


_REPORTISH = st.text(
    alphabet=st.sampled_from(
        list("圣泉街道成渝地区双城经济圈增长亿元万人个百分点四意识的了和")
        + list("0123456789.,%‰-GDPA５％．，。、“”（） \n\t")
    ),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.text(max_size=80), _REPORTISH))
def test_cut_loses_no_character(text):
    for backend in BACKENDS:
        tokens = default_segmenter(backend).cut(text)
        assert "".join(tokens) == text
        assert all(tokens)



# The whole-token rule as it reads: a Latin name with a letter in its run of
# letters, digits, hyphens and dots, or a number as NUMBER_TOKEN reads it. The
# Segmenter's pattern is rewritten for speed; it must find exactly these.
_PLAIN_WHOLE = re.compile(
    rf"(?=[A-Za-z0-9.-]*[A-Za-z])[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)+|{NUMBER_TOKEN.pattern}")
_LATINISH = st.text(alphabet=st.sampled_from(list("0123456789５.-,．%％AGbz亿万元人个百分点千瓦米增长")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(_LATINISH, _REPORTISH))
def test_whole_token_pattern_finds_what_the_plain_rule_finds(text):
    def spans(pattern):
        return [m.span() for m in pattern.finditer(text)]

    assert spans(_WHOLE_TOKEN) == spans(_PLAIN_WHOLE)
    # ... and with the words a Segmenter keeps whole put before it, as _whole_tokens does
    words = "|".join(re.escape(w) for w in ("1+3+N", "721工作法", "5G", "万亿元"))
    assert spans(re.compile(f"{words}|{_WHOLE_TOKEN.pattern}")) == spans(re.compile(f"{words}|{_PLAIN_WHOLE.pattern}"))


# -- content tokens -------------------------------------------------------------


def test_content_tokens_drop_numbers_stopwords_punctuation_and_single_chars(seg):
    text = "2020年，我们的GDP增长4.1%，达到94.6亿元；新登记市场主体783家，持续优化营商环境。"
    tokens = seg.cut(text)
    content = seg.content_tokens(text)
    stop = load_stopwords()
    assert "营商环境" in content and "市场主体" in content
    assert set(content) <= set(tokens)
    for token in content:
        assert token in seg.words or (
            len(token) >= 2
            and token not in stop
            and not any(c.isdigit() for c in token)
            and any(c.isalnum() for c in token)
        ), token
    dropped = set(tokens) - set(content)
    assert {"4.1%", "94.6亿元", "，", "。", "的", "家"} <= dropped
    assert seg(text) == content  # the scikit-learn tokenizer form


@pytest.mark.parametrize("unit", ["周年", "小时", "分钟"])
def test_a_unit_is_dropped_after_a_number_only(seg, unit):
    if unit in load_stopwords():
        pytest.skip(f"{unit} is a stopword anyway")
    assert seg.cut(f"达到100{unit}")[-1] == unit
    assert unit not in seg.content_tokens(f"达到100{unit}")
    assert unit in seg.content_tokens(f"按{unit}计算")


# -- scoring, agreement -------------------------------------------------------------


def test_span_scoring_counts_exact_word_spans(score):
    pairs = [("我们爱北京", ["我们", "爱", "北京"])]
    result = score.score("t", lambda text: ["我们", "爱北", "京"], pairs)
    assert (result.gold, result.system, result.correct) == (3, 3, 1)
    assert result.f1 == pytest.approx(1 / 3)
    assert score.spans(["我 们", " ", "爱"]) == {(0, 2), (2, 3)}


def test_dictionary_costs_pku_at_most_0_005_f1(score):
    if not (SIGHAN / "pku_test.utf8").exists():
        pytest.skip("shared SIGHAN 2005 data not found beside the repository; CI has it")
    plain, *ours = score.sighan("pku", SIGHAN)
    print(f"PKU F1 plain jieba {plain.f1:.4f}; " + "; ".join(f"{s.name} {s.f1:.4f}" for s in ours))
    for s in ours:
        assert plain.f1 - s.f1 <= 0.005, s


def test_backends_agree_on_the_report_corpus(score, shared_corpus):
    result = score.backend_agreement(shared_corpus)
    print(
        f"jieba vs rjieba: {result.identical}/{result.sentences} sentences identical "
        f"({result.rate:.4%})"
    )
    for sentence, a, b in result.differences[:10]:
        print(sentence, score.differing_tokens(a, b))
    assert result.sentences > 5000
    assert result.rate >= 0.999


def test_backends_add_the_same_words_with_the_same_frequencies():
    jieba_words = Segmenter(backend="jieba", extra_words=lexicon_terms()).added_words()
    rjieba_words = Segmenter(backend="rjieba", extra_words=lexicon_terms()).added_words()
    assert jieba_words == rjieba_words
    assert all(freq >= MIN_ADDED_FREQ for freq in jieba_words.values())


def test_document_terms_with_digits_and_plus_stay_whole():
    base = Segmenter()
    seg = base.keeping(["721工作法", "1+3+N", "9+X", "马路办公"])
    text = "严格落实721工作法，常态化开展马路办公，对接1+3+N建设和9+X框架，增长4.1%"
    tokens = seg.cut(text)
    assert "".join(tokens) == text
    for term in ("721工作法", "1+3+N", "9+X", "马路办公", "4.1%"):
        assert term in tokens
    assert {"721工作法", "1+3+N", "9+X"} <= set(seg.content_tokens(text))
    assert "721工作法" not in base.cut(text)  # the base Segmenter is not changed
    assert seg._tk is base._tk  # no second dictionary was built


def test_keeping_survives_pickling():
    import pickle

    seg = pickle.loads(pickle.dumps(Segmenter().keeping(["1+3+N"])))
    assert "1+3+N" in seg.cut("对接1+3+N建设")


@pytest.mark.parametrize("token", ["五年", "两个", "十四届", "十二次", "第一年", "余场次", "三年", "一批"])
def test_chinese_counts_are_not_content(token):
    assert not Segmenter().is_content(token)


@pytest.mark.parametrize("token", ["四个意识", "十四五", "一城三心一园", "万众创新", "千家万户"])
def test_formulas_and_idioms_stay_content(token):
    seg = Segmenter(extra_words=["四个意识", "十四五", "一城三心一园"])
    assert seg.is_content(token)


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_tag_gives_words_with_tags_and_loses_nothing(backend):
    text = "组建11支党员突击队，增强四个意识"
    pairs = Segmenter(backend=backend, extra_words=["四个意识"]).tag(text)
    assert "".join(w for w, _ in pairs) == text
    assert all(tag for _, tag in pairs)
    assert ("四个意识", pairs[[w for w, _ in pairs].index("四个意识")][1]) in pairs


@pytest.mark.parametrize("word, wrong, right", [
    ("进步", "d", "vn"), ("弘扬", "nr", "v"), ("拓宽", "nr", "v"), ("杜绝", "nr", "v"),
    ("荣获", "nr", "v"), ("建立健全", "nr", "v"), ("立足", "d", "v"), ("更新", "d", "vn"), ("难度", "d", "n"),
    ("落实", "a", "v"), ("收官", "n", "v"),
    # verbs and modifiers the dictionary calls abbreviations, places or names, which
    # made them open or close noun phrases (深化|超大城市治理, 新建 1亿亩, 生态文明 as a name)
    ("深化", "j", "v"), ("新建", "ns", "v"), ("惠及", "ns", "v"), ("力争", "nz", "v"), ("现代", "t", "b"),
    ("高水平", "nr", "b"), ("美丽", "ns", "a"), ("文明", "nr", "n"), ("青年", "t", "n"),
    # nouns it calls verbs close no phrase (扩大国内需求, 改革举措); 合理 is no verbal noun
    ("需求", "v", "n"), ("举措", "v", "n"), ("合理", "vn", "a"),
])
def test_verbs_jieba_tags_as_adverbs_or_names_are_corrected(word, wrong, right):
    assert Segmenter(userdict=False).tag(word) == [(word, wrong)]
    assert Segmenter().tag(word) == [(word, right)]


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_the_project_dictionary_corrects_a_tag_jieba_gets_wrong(backend):
    # jieba's dictionary tags 本科 a pronoun (r), so 新建2所本科高校 counted 新建; the
    # corrected tag wins in both backends, and the cut stays jieba's
    seg = Segmenter(backend=backend)
    assert ("本科", "n") in seg.tag("新建2所本科高校")
    assert Segmenter(backend=backend, userdict=False).tag("本科高校")[0] == ("本科", "r")
    assert seg.cut("新建2所本科高校") == Segmenter(backend=backend, userdict=False).cut("新建2所本科高校")
