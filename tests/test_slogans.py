"""Slogans and formulas: counts, quoted phrases, expansions, lexicon, scoring."""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata

import pytest

from conftest import ROOT
from sq_nlp.records import Block, Document
from sq_nlp.slogans import (
    classify_quoted,
    extract_slogans,
    lexicon_terms,
    load_lexicon,
    segmenter_words,
    term_count,
)


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


score_slogans = _load_script("score_slogans")


def _doc(*paragraphs: str, kinds: tuple[str, ...] = ()) -> tuple[Document, list[Block]]:
    """A document whose raw text is the paragraphs joined by blank lines, one block each."""
    text = "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for k, para in enumerate(paragraphs):
        kind = kinds[k] if k < len(kinds) else "paragraph"
        offsets = tuple(range(pos, pos + len(para)))
        blocks.append(Block(kind, para, None, pos, pos + len(para), text.count("\n", 0, pos) + 1, offsets))
        pos += len(para) + 2
    return Document("t.txt", "0" * 64, "utf-8", "txt", text), blocks


def _slogans(*paragraphs: str, kinds: tuple[str, ...] = ()) -> dict:
    doc, blocks = _doc(*paragraphs, kinds=kinds)
    found = {s.term: s for s in extract_slogans(doc, blocks)}
    for s in found.values():
        for start, end in s.spans:
            assert re.sub(r"\s", "", doc.text[start:end]) == s.term
    return found


# --- counts ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("term", "numbered", "count"),
    [
        ("十四五", True, 14),
        ("十五五", True, 15),
        ("八五", True, 8),
        ("一城三心一园", True, 5),
        ("一区两群", True, 3),
        ("两个一百年", True, 2),  # 一百年 is a date, not a count
        ("三个作用", True, 3),
        ("五位一体", True, 5),  # 一体 is no count
        ("双胜利", True, 2),
        ("15条", True, 15),
        ("六个一", True, 6),  # 个一: the thing counted, not another count
        ("千村示范、万村整治", True, None),  # many, not a count
        # not numbered: counts of one, measures, magnitudes, dates, place names
        ("一肩挑", False, None),
        ("万无一失", False, None),
        ("十年磨一剑", False, None),
        ("嫦娥五号", False, None),
        ("百万人才兴重庆", False, None),
        ("九二共识", False, None),
        ("四川云教", False, None),
        ("马路办公", False, None),
    ],
)
def test_term_count(term, numbered, count):
    assert term_count(term) == (numbered, count)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("马路办公", ("quoted", None)),
        ("外防输入、内防反弹", ("quoted", None)),
        ("1+3+N", ("model", None)),
        ("互联网+", ("model", None)),
        ("721工作法", ("model", None)),
        ("33618", ("model", None)),
        ("六稳", ("numbered", 6)),
        ("两大定位", ("numbered", 2)),
        # not catchphrases: sentences, long quotations, titles, bare numbers, one character
        ("2020年是‘十三五’规划收官之年。", None),
        ("总书记有号令、党中央有部署，重庆见行动", None),
        ("建设现代化经济强省取得重要进展", None),
        ("关于加强基层治理体系建设的意见", None),
        ("18", None),
        ("智", None),
    ],
)
def test_classify_quoted(content, expected):
    assert classify_quoted(content) == expected


# --- extraction --------------------------------------------------------------------

def test_enumeration_before_term_with_count_check():
    found = _slogans("今年全力推进产业升级、城市更新、乡村振兴和生态修复四大行动，成效明显。")
    s = found["四大行动"]
    assert s.kind == "numbered" and s.count == 4
    assert s.expansion == ("产业升级", "城市更新", "乡村振兴", "生态修复")
    assert s.expansion_source == "text" and s.count_matches is True


def test_enumeration_items_keep_inner_conjunction():
    found = _slogans("形成轻合金、纤维及复合材料、合成材料三大优势集群，产值增长。")
    assert found["三大优势集群"].expansion == ("轻合金", "纤维及复合材料", "合成材料")


def test_parenthesised_expansion_after_term():
    found = _slogans("全力打造“两核一带”（即东部核心、西部核心和沿江经济带）的发展格局。")
    s = found["两核一带"]
    assert s.count == 3 and s.expansion == ("东部核心", "西部核心", "沿江经济带")
    assert s.count_matches is True


def test_ordinal_expansion_after_colon():
    found = _slogans("健全“三项机制”：一是容错纠错机制，二是激励关怀机制，三是能上能下机制。")
    assert found["三项机制"].expansion == ("容错纠错机制", "激励关怀机制", "能上能下机制")


def test_unquoted_formula_with_ordinal_items_and_noun_boundary():
    found = _slogans(
        "重点抓好六个方面工作：一是稳增长，二是促改革，三是调结构，四是惠民生，五是防风险，六是保稳定。",
        "形成东部、中部、西部三大板块协同发展。",
    )
    assert found["六个方面工作"].expansion == ("稳增长", "促改革", "调结构", "惠民生", "防风险", "保稳定")
    assert found["三大板块"].expansion == ("东部", "中部", "西部")


def test_count_mismatch_is_reported_not_hidden():
    found = _slogans("实施人工智能、航空航天等六大科技专项，取得突破。")
    s = found["六大科技专项"]
    assert s.expansion == ("人工智能", "航空航天") and s.count_matches is False


def test_two_items_joined_by_he_before_quoted_term():
    found = _slogans("街道夺取了安全生产和平安建设“双丰收”。")
    assert found["双丰收"].expansion == ("安全生产", "平安建设")


def test_verbs_before_a_formula_are_not_items():
    found = _slogans("我们要坚持和落实“两个毫不动摇”，推动共建“一带一路”。")
    assert found["两个毫不动摇"].expansion_source == "lexicon"
    assert found["一带一路"].expansion_source == "lexicon"


def test_ordinary_counts_and_meeting_ordinals_are_not_slogans():
    found = _slogans(
        "目前双龙、浒溪等四个社区阵地已建成投用。已完成三河村、陡石村的建设工作。",
        "全面贯彻党的十九大和十九届二中三中四中五中全会精神，区委十四届十二次全会召开。",
        "扩大城市“骨架”，探索社会“智”理，全面贯彻新发展理念。",
    )
    assert found == {}


def test_lexicon_terms_unquoted_and_text_wins():
    found = _slogans(
        "增强四个意识，坚定“四个自信”，贯彻“新发展理念”。",
        "扎实做好稳就业和稳金融等“六稳”工作。",
    )
    assert found["四个意识"].kind == "numbered" and found["四个意识"].expansion_source == "lexicon"
    assert found["四个意识"].expansion == tuple(load_lexicon()[0]["items"])
    assert found["新发展理念"].kind == "quoted" and found["新发展理念"].expansion_source == "lexicon"
    six = found["六稳"]
    assert six.expansion_source == "text" and six.expansion == ("稳就业", "稳金融")
    assert six.count == 6 and six.count_matches is False


def test_unquoted_plan_names_and_short_lexicon_formulas():
    found = _slogans("编制十四五规划，做好六稳工作、落实六保任务，加强两新组织党建，推动双城经济圈建设。")
    assert found["十四五"].count == 14
    assert found["六稳"].occurrences == 1 and found["六保"].expansion_source == "lexicon"
    assert "两新" not in found  # 两新组织 is another thing
    assert found["双城经济圈"].count == 2
    assert not _slogans("二十四五个人", "第十四五年")


def test_quoted_catchphrases_models_and_occurrences():
    found = _slogans(
        "常态化开展“马路办公”，按照“9+X”框架模式，落实“721工作法”，建设“智慧园区”。",
        "成立智慧园区建设领导小组，“川超”火爆。",
        "“川超”带动消费，“今年是‘十五五’开局之年。”",
    )
    assert found["马路办公"].kind == "quoted" and found["马路办公"].count is None
    assert found["9+X"].kind == "model" and found["721工作法"].kind == "model"
    assert found["智慧园区"].occurrences == 2  # the unquoted repeat counts
    assert found["川超"].occurrences == 2  # two-character phrase quoted twice
    assert found["十五五"].count == 15 and found["十五五"].kind == "numbered"
    assert not any("开局之年" in t for t in found)


def test_other_blocks_are_skipped_but_headings_count():
    found = _slogans("下载 打印 “一网通办”", "治理水平大幅提升 “智慧园区”惠民利民",
                     kinds=("other", "heading"))
    assert "一网通办" not in found and "智慧园区" in found


def test_spans_are_raw_offsets_across_line_breaks():
    raw = "建设“一城\n三心一园”。"
    offsets = tuple(i for i, ch in enumerate(raw) if ch != "\n")
    text = "".join(raw[i] for i in offsets)
    block = Block("paragraph", text, None, 0, len(raw), 1, offsets)
    doc = Document("t.txt", "0" * 64, "utf-8", "txt", raw)
    (s,) = extract_slogans(doc, [block])
    assert s.term == "一城三心一园" and s.spans == ((3, 10),)
    assert raw[3:10] == "一城\n三心一园"


# --- lexicon and segmenter ------------------------------------------------------------

def test_lexicon_is_consistent():
    entries = load_lexicon()
    terms = [e["term"] for e in entries]
    assert len(terms) == len(set(terms)) and "四个意识" in lexicon_terms()
    for e in entries:
        assert e["source"].strip()
        if e["count"] is not None and e["items"]:
            assert len(e["items"]) == e["count"], e["term"]
        numbered, count = term_count(e["term"])
        if numbered and count is not None and e["count"] is not None and e["items"]:
            assert count in (e["count"], e["count"] + 1), e["term"]  # 五位一体-style terms only


def test_segmenter_words_include_document_slogans():
    doc, blocks = _doc("建设“智慧园区”，落实“721工作法”。")
    words = segmenter_words(extract_slogans(doc, blocks))
    assert {"智慧园区", "721工作法", "四个意识"} <= set(words)
    assert len(words) == len(set(words))


# --- scoring ------------------------------------------------------------------------

def test_score_on_hand_made_gold():
    gold = [
        {"term": "八大工程", "kind": "numbered", "count": 8, "expansion": ["甲", "乙"], "occurrences": 1},
        {"term": "马路办公", "kind": "quoted", "count": None, "expansion": [], "occurrences": 2},
        {"term": "9+X", "kind": "model", "count": None, "expansion": [], "occurrences": 1},
    ]
    predicted = [
        {"term": "八大工程", "kind": "numbered", "count": 8, "expansion": ["乙", "甲"],
         "expansion_source": "text", "occurrences": 1},
        {"term": "马路办公", "kind": "quoted", "count": None, "expansion": [],
         "expansion_source": None, "occurrences": 1},
        {"term": "三河村", "kind": "numbered", "count": 3, "expansion": ["x", "y"],
         "expansion_source": "text", "occurrences": 1},
    ]
    s = score_slogans.score(predicted, gold)
    assert s.recall == pytest.approx(2 / 3) and s.precision == pytest.approx(2 / 3)
    assert s.missed == ("9+X",) and s.spurious == ("三河村",)
    assert s.expansions_gold == 1 and s.expansions_exact == ()  # order matters
    assert s.occurrence_errors == (("马路办公", 2, 1),)
    assert s.spurious_expansions == (("三河村", ["x", "y"]),)
    predicted[0]["expansion"] = ["甲", "乙"]
    assert score_slogans.score(predicted, gold).expansions_exact == ("八大工程",)


def test_seed_meets_targets(seed_dir, seed_path):
    from sq_nlp.extract import extract_path

    gold = score_slogans.load_jsonl(seed_dir / "slogans.jsonl")
    s = score_slogans.score((x.to_dict() for x in extract_path(seed_path).slogans), gold)
    assert s.recall >= 0.95 and s.precision >= 0.9, score_slogans.format_score(s)
    assert len(s.expansions_exact) == s.expansions_gold, score_slogans.format_score(s)
    assert not s.spurious_expansions


def test_corpus_national_reports(shared_corpus):
    from sq_nlp.extract import extract_path

    for year in (2020, 2021):
        ext = extract_path(shared_corpus / f"national_china_{year}.txt")
        terms = {s.term: s for s in ext.slogans}
        assert {"六稳", "六保"} <= set(terms), year
        for s in ext.slogans:
            assert not set(s.term) & set("，。；！？"), s.term
            for start, end in s.spans:  # layout may fold full-width forms (＋ -> +)
                raw = unicodedata.normalize("NFKC", re.sub(r"\s", "", ext.document.text[start:end]))
                assert raw == unicodedata.normalize("NFKC", s.term)
