"""Slogans and formulas: counts, quoted phrases, expansions, lexicon, scoring."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
import unicodedata

import pytest

from conftest import ROOT
from sq_nlp.records import Block, Document
from sq_nlp.extract.slogans import (
    classify_quoted,
    compound_count,
    extract_slogans,
    is_fragment,
    is_scare_quote,
    term_count,
)
from sq_nlp.language.lexicon import lexicon_items, lexicon_terms, load_lexicon


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


def _slogans(*paragraphs: str, kinds: tuple[str, ...] = (), year: int | None = None) -> dict:
    doc, blocks = _doc(*paragraphs, kinds=kinds)
    doc = dataclasses.replace(doc, year=year)
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


@pytest.mark.parametrize(
    ("text", "term", "items"),
    [
        ("我们要着眼于保持中高速增长和迈向中高端水平“双目标”，坚持下去。",
         "双目标", ("保持中高速增长", "迈向中高端水平")),
        ("致力于稳政策稳预期和促改革调结构“双结合”。", "双结合", ("稳政策稳预期", "促改革调结构")),
        # without the preposition the verb is dropped as before
        ("夺取疫情防控和经济社会发展“双胜利”。", "双胜利", ("疫情防控", "经济社会发展")),
    ],
)
def test_preposition_of_aim_before_items(text, term, items):
    assert _slogans(text)[term].expansion == items


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


@pytest.mark.parametrize("text, numbered", [
    # the second of a sequence whose first the text names just before: an ordinal
    ("制定货物进出“一线”“二线”及在岛内流通税收政策。", set()),
    ("推进“一期”、“二期”工程建设。", set()),
    # a count after a term of another head, or alone: a formula
    ("构建“一核”“两翼”发展格局，实施“两翼”联动。", {"两翼"}),
    ("推动“二线”建设，做好“两新”工作。", {"二线", "两新"}),
])
def test_a_quoted_ordinal_after_the_one_before_it_is_no_formula(text, numbered):
    found = _slogans(text)
    assert {t for t, s in found.items() if s.kind == "numbered"} == numbered


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


# --- what is not a count, not a catchphrase, not an item ------------------------------

@pytest.mark.parametrize(
    ("term", "numbered", "count"),
    [
        # a numeral before 普 (普查) is the census's ordinal
        ("四普", False, None),
        ("七人普", False, None),
        ("五经普", False, None),
        ("四普查", False, None),
        # compounds joined by 、 or · add up only when every part opens with its own count
        ("双随机、一公开", True, 3),
        ("两高地、两基地、一屏障", True, 5),
        ("四化同步、城乡融合、五区共兴", False, None),
        ("进一个门、办两地事", False, None),
        ("双城生活、同城体验", False, None),
        ("两岸青山·千里林带", False, None),
        ("千村示范、万村整治", True, None),  # many, as before
        # 一A一B handing out B per A is distributive; 一A一B of two things is not
        ("一企一策", False, None),
        ("一区（县）一策", False, None),
        ("一县一馆", False, None),
        ("一江一河", True, 2),
        ("一老一小", True, 2),
        ("一江一河一带", True, 3),
        # a numeral before 连 counts years in a row, not items
        ("十一连增", False, None),
        ("五连快", False, None),
    ],
)
def test_ordinals_compounds_and_distributives(term, numbered, count):
    assert term_count(term) == (numbered, count)


@pytest.mark.parametrize(
    ("term", "count"),
    [("双随机、一公开", 3), ("两中心·两地", 4), ("15条、8条", 23),
     ("四化同步、城乡融合", None), ("进一个门、办两地事", None), ("两岸青山·千里林带", None),
     ("百企领航·千企升级", None), ("一公开、一公示", 2)],
)
def test_compound_count(term, count):
    assert compound_count(term) == count


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("必须统筹好", None),
        ("务必抓好", None),
        ("应当做好", None),
        ("四普", ("quoted", None)),  # kept as a phrase, never as a count of four
        ("四化同步、城乡融合、五区共兴", ("quoted", None)),
        ("一企一策", ("quoted", None)),
        ("双随机、一公开", ("numbered", 3)),
        # must stay catchphrases
        ("好差评", ("quoted", None)),
        ("要素保障", ("quoted", None)),
        ("越来越好", ("quoted", None)),
    ],
)
def test_classify_quoted_fragments_and_compounds(content, expected):
    assert classify_quoted(content) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [("必须统筹好", True), ("一定要管好", True), ("马路办公", False), ("好差评", False), ("美好生活", False),
     ("建好、管好、护好、运营好", False)],
)
def test_is_fragment(term, expected):
    assert is_fragment(term) is expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [("加速度", True), ("家门口", True), ("国家队", True),
     ("好差评", False), ("一张网", False), ("马路办公", False), ("万无一失", False)],
)
def test_is_scare_quote(term, expected):
    assert is_scare_quote(term) is expected


@pytest.mark.parametrize(
    "paragraphs",
    [
        # negated quotes: the report rejects the term
        ("坚决反对和遏制“台独”分裂活动。团结台湾同胞共同反对“台独”、促进统一。",),
        ("依法打击“港独”势力。",),
        ("“藏独”分子制造事端。不理会所谓“中间道路”。",),
        # scare quotes: an ordinary word quoted once
        ("城中村改造跑出“加速度”，打造一批“家门口”就业服务站。",),
        # a predicate cut out of a sentence
        ("深刻领会“必须统筹好”的五对重要关系。",),
        # an ordinal census abbreviation quoted once
        ("完成文物“四普”实地调查。",),
        # a breakdown of indicators, not a formula
        ("细化经济发展、创新驱动、民生福祉、绿色低碳、安全保障五大类23个主要指标。",),
    ],
)
def test_quotes_that_are_no_catchphrases_yield_nothing(paragraphs):
    assert _slogans(*paragraphs) == {}


def test_quoted_formulas_after_negating_verbs_and_repeated_common_words_stay():
    found = _slogans(
        "坚决反对“四风”，推行“马路办公”，跑出“加速度”，再跑出“加速度”。",
        "反对“台独”，持续推进“好差评”制度。",
    )
    assert set(found) == {"四风", "马路办公", "加速度", "好差评"}
    assert found["加速度"].occurrences == 2


def test_compounds_ordinals_and_distributives_in_text():
    found = _slogans(
        "深入实施“四化同步、城乡融合、五区共兴”发展战略，推进“双随机、一公开”监管。",
        "提质建设“两岸青山·千里林带”，实行“一企一策”，打造“一江一河”，做好“七人普”数据开发。",
    )
    assert (found["四化同步、城乡融合、五区共兴"].kind, found["四化同步、城乡融合、五区共兴"].count) == ("quoted", None)
    assert (found["双随机、一公开"].kind, found["双随机、一公开"].count) == ("numbered", 3)
    assert (found["两岸青山·千里林带"].kind, found["两岸青山·千里林带"].count) == ("quoted", None)
    assert (found["一企一策"].kind, found["一企一策"].count) == ("quoted", None)
    assert (found["一江一河"].kind, found["一江一河"].count) == ("numbered", 2)
    assert (found["七人普"].kind, found["七人普"].count) == ("quoted", None)


@pytest.mark.parametrize(
    ("paragraphs", "term", "items"),
    [
        # a glossary line restates the name before the items and the head after them
        (("实施重大慢性病防治“四早”工程。",
          "13.重大慢性病防治“四早”工程：重大慢性病综合防治早预防、早干预、早发现、早诊治工程。"),
         "四早", ("早预防", "早干预", "早发现", "早诊治")),
        # items that do not open alike keep their first word
        (("健全“三项制度”：首问负责、限时办结、责任追究。",),
         "三项制度", ("首问负责", "限时办结", "责任追究")),
        # a first item that already opens like the others is left alone
        (("落实“三个早”：早发现、早报告、早处置。",),
         "三个早", ("早发现", "早报告", "早处置")),
    ],
)
def test_glossary_items_after_colon(paragraphs, term, items):
    s = _slogans(*paragraphs)[term]
    assert s.expansion == items and s.expansion_source == "text" and s.count_matches is True


@pytest.mark.parametrize(
    ("paragraphs", "term", "items"),
    [
        # a glossary entry set on two lines: the term and its colon, then the items
        (("培育“两张清单”。", "［4］两张清单：", "准入清单、负面清单。"),
         "两张清单", ("准入清单", "负面清单")),
        (("发展三大先导产业。", "［2］三大先导产业：", "集成电路、生物医药、人工智能。"),
         "三大先导产业", ("集成电路", "生物医药", "人工智能")),
        # every item says the head: none is cut off the last
        (("建成“双环”绿道。", "［6］“双环”绿道：", "环湖绿道、环城绿道。"),
         "双环", ("环湖绿道", "环城绿道")),
    ],
)
def test_glossary_entry_on_two_lines(paragraphs, term, items):
    s = _slogans(*paragraphs)[term]
    assert s.expansion == items and s.expansion_source == "text"


@pytest.mark.parametrize(
    ("paragraphs", "term", "items"),
    [
        # every item opens with the same verb: it stays with the first item
        (("落实加强组织领导、加强要素投入、加强考核督查“三条措施”。",),
         "三条措施", ("加强组织领导", "加强要素投入", "加强考核督查")),
        # a first item longer than the others is cut only where a verb opens it
        (("培育新型农民，山区劳务经纪人、致富能人、种粮大户“三支队伍”人数增长。",),
         "三支队伍", ("山区劳务经纪人", "致富能人", "种粮大户")),
        # 等 inside a word (高等) is no "etc."
        (("实施基础教育提质行动、高等教育跃升行动“两大行动”。",),
         "两大行动", ("基础教育提质行动", "高等教育跃升行动")),
        # a partial list (…等) gives way to the glossary's whole list
        (("实施基础教育提质行动等“三大行动”。", "［7］三大行动：", "基础教育提质行动、高等教育跃升行动、职业教育融合行动。"),
         "三大行动", ("基础教育提质行动", "高等教育跃升行动", "职业教育融合行动")),
    ],
)
def test_items_read_whole(paragraphs, term, items):
    assert _slogans(*paragraphs)[term].expansion == items


def test_modifiers_joined_by_a_comma_before_de_are_no_items():
    # 开放、共享的平台: one noun with two modifiers, not two items
    s = _slogans("建设开放、共享的创新平台“双平台”。")["双平台"]
    assert s.expansion == ()


def test_a_colon_ending_a_paragraph_takes_no_sentence_for_items():
    # what follows the colon is a sentence of clauses, not a list of items
    s = _slogans("实现目标，必须做到“两个聚焦”：", "聚焦对外开放，建设自由贸易港；聚焦创新，培育新动能。")["两个聚焦"]
    assert s.expansion == ()


@pytest.mark.parametrize(
    ("year", "first_item"),
    [(2015, "全面建成小康社会"), (2020, "全面建成小康社会"),
     (2021, "全面建设社会主义现代化国家"), (None, "全面建设社会主义现代化国家")],
)
def test_lexicon_wording_follows_the_report_year(year, first_item):
    s = _slogans("协调推进“四个全面”战略布局。", year=year)["四个全面"]
    assert s.expansion_source == "lexicon" and s.expansion[0] == first_item
    assert s.expansion[1:] == ("全面深化改革", "全面依法治国", "全面从严治党")


def test_lexicon_items_picks_the_earliest_wording_still_in_use():
    entry = {"term": "x", "count": 2, "items": ["新甲", "乙"],
             "earlier": [{"until_year": 2010, "items": ["旧甲", "乙"]}, {"until_year": 2000, "items": ["古甲", "乙"]}]}
    assert [lexicon_items(entry, y)[0] for y in (1999, 2000, 2001, 2010, 2011, None)] == \
        ["古甲", "古甲", "旧甲", "旧甲", "新甲", "新甲"]
    assert lexicon_items({"term": "y", "items": ["a", "b"]}, 1990) == ("a", "b")


@pytest.mark.parametrize(
    ("text", "first_item"),
    [
        ("统筹国内国际两个大局，始终不渝走和平发展道路。", "国内大局"),
        ("胸怀“两个大局”，坚持稳中求进。", "中华民族伟大复兴战略全局"),
        # one occurrence in the other sense is not enough to switch
        ("胸怀“两个大局”，统筹国内国际两个大局。", "中华民族伟大复兴战略全局"),
    ],
)
def test_lexicon_sense_named_by_the_words_before(text, first_item):
    s = _slogans(text, year=2023)["两个大局"]
    assert s.expansion_source == "lexicon" and s.expansion[0] == first_item


def test_lexicon_formula_without_a_count():
    s = _slogans("全面准确贯彻“一国两制”方针。")["一国两制"]
    assert s.kind == "numbered" and s.count is None and s.count_matches is None


# --- lexicon and segmenter ------------------------------------------------------------

def test_lexicon_is_consistent():
    entries = load_lexicon()
    terms = [e["term"] for e in entries]
    assert len(terms) == len(set(terms)) and "四个意识" in lexicon_terms()
    for e in entries:
        assert e["source"].strip()
        if e["count"] is not None and e["items"]:
            assert len(e["items"]) == e["count"], e["term"]
        for sense in e.get("senses", ()):
            assert sense["after"] and sense["source"].strip(), e["term"]
            assert e["count"] is None or len(sense["items"]) == e["count"], e["term"]
        for earlier in e.get("earlier", ()):
            assert isinstance(earlier["until_year"], int) and earlier["source"].strip(), e["term"]
            assert e["count"] is None or len(earlier["items"]) == e["count"], e["term"]
        numbered, count = term_count(e["term"])
        if numbered and count is not None and e["count"] is not None and e["items"]:
            assert count in (e["count"], e["count"] + 1), e["term"]  # 五位一体-style terms only


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
    from sq_nlp.extract.document import extract_path

    gold = score_slogans.load_jsonl(seed_dir / "slogans.jsonl")
    s = score_slogans.score((x.to_dict() for x in extract_path(seed_path).slogans), gold)
    assert s.recall >= 0.95 and s.precision >= 0.9, score_slogans.format_score(s)
    assert len(s.expansions_exact) == s.expansions_gold, score_slogans.format_score(s)
    assert not s.spurious_expansions


def test_corpus_national_reports(shared_corpus):
    from sq_nlp.extract.document import extract_path

    for year in (2020, 2021):
        ext = extract_path(shared_corpus / f"national_china_{year}.txt")
        terms = {s.term: s for s in ext.slogans}
        assert {"六稳", "六保"} <= set(terms), year
        for s in ext.slogans:
            assert not set(s.term) & set("，。；！？"), s.term
            for start, end in s.spans:  # layout may fold full-width forms (＋ -> +)
                raw = unicodedata.normalize("NFKC", re.sub(r"\s", "", ext.document.text[start:end]))
                assert raw == unicodedata.normalize("NFKC", s.term)


def _regex_spans(terms: list[str], text: str) -> list[tuple[int, int]]:
    """What the scanner stands for: one alternation of the terms, longest first."""
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("terms, text, spans", [
    (["四个意识", "四个"], "增强“四个意识”，四个方面", [(3, 7), (9, 11)]),  # the longest at a place
    (["两个确立", "确立"], "两个确立确立", [(0, 4), (4, 6)]),  # no overlap, then on
    (["一带一路", "一路", "带一"], "共建一带一路", [(2, 6)]),  # inner terms lose to the one around them
    (["ab", "bcd"], "abcd", [(0, 2)]),  # the leftmost wins over a longer one after it
    (["bcd", "ab"], "xbcdab", [(1, 4), (4, 6)]),
    (["十四五"], "无", []),
    ([], "四个意识", []),
])
def test_occurrences_are_what_the_alternation_found(terms, text, spans):
    from sq_nlp.extract.slogans import _Occurrences

    assert _Occurrences(terms, [text]).spans(0) == spans == (_regex_spans(terms, text) if terms else [])


def test_occurrences_of_some_terms_are_what_their_own_alternation_found():
    from sq_nlp.extract.slogans import _Occurrences

    found = _Occurrences(["一带一路", "一路", "ab", "bcd"], ["共建一带一路", "abcd"])
    assert found.spans(0, {"一路"}) == [(4, 6)]  # under 一带一路, which is not asked for
    assert found.spans(1, {"bcd"}) == [(1, 4)]
    assert found.spans(1) == [(0, 2)]


def test_occurrences_agree_with_the_alternation_on_random_texts():
    import random

    from sq_nlp.extract.slogans import _Occurrences

    rng = random.Random(15)
    for _ in range(300):
        terms = list({"".join(rng.choices("一二三ab", k=rng.randint(1, 4))) for _ in range(rng.randint(1, 6))})
        texts = ["".join(rng.choices("一二三ab，", k=rng.randint(0, 40))) for _ in range(3)]
        some = set(terms[: len(terms) // 2 + 1])
        found = _Occurrences(terms, texts)
        for k, text in enumerate(texts):
            assert found.spans(k) == _regex_spans(terms, text), (terms, text)
            assert found.spans(k, some) == _regex_spans(sorted(some), text), (some, text)


@pytest.mark.parametrize("texts", [
    ["增强“四个意识”、坚定“四个自信”", "做到“两个维护”"],
    ["深刻领悟“两个确立”的决定性意义"],  # one formula inside another's characters
    ["无", ""],
])
def test_formulas_present_are_those_a_substring_search_finds(texts):
    from sq_nlp.extract.slogans import _shipped_formulas

    formulas = _shipped_formulas()
    expected = [(t, c) for t, c in formulas.terms if any(t in text for text in texts)]
    assert formulas.present(texts) == expected
    assert formulas.present([]) == []


@pytest.mark.parametrize(("paragraphs", "mottos"), [
    # a refrain of predicates said twice, also after 中 closing a word before it
    (("在推进改革中蓄势赋能、整体跃升。", "（二）在扩大开放中蓄势赋能、整体跃升。"), {"蓄势赋能、整体跃升"}),
    (("坚持解放思想、创新求变，办好自己的事。", "我们要解放思想、创新求变。"), {"解放思想、创新求变"}),
    # said once: no refrain
    (("坚持解放思想、创新求变，办好自己的事。",), set()),
    # nouns listed twice are a list, not a motto
    (("整治形式主义、官僚主义问题。", "力戒形式主义、官僚主义。"), set()),
    # part of a longer list or run on into more characters: none
    (("做到解放思想、创新求变、真抓实干。", "做到解放思想、创新求变、真抓实干。"), {"解放思想、创新求变、真抓实干"}),
    (("实现事故起数、死亡人数双下降。", "事故起数、死亡人数继续下降。"), set()),
])
def test_mottos(paragraphs, mottos):
    found = {t for t, s in _slogans(*paragraphs).items() if s.kind == "motto"}
    assert found == mottos
