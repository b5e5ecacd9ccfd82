"""Keyphrases: candidates whole, quotes kept, no fragment, number or generic word; the two modes."""

from __future__ import annotations

import re

import pytest

from sq_nlp.records import Block, Document, Extraction, Slogan
from sq_nlp.summaries.keywords import (
    Keyphrase,
    keyphrases,
    keyphrases_of,
    learn_phrase_stats,
    phrase_document,
    phrase_weights,
    strip_quotes,
)
from sq_nlp.summaries.keywords.background import background_documents
from sq_nlp.summaries.keywords.phrases import merge_terms


def _report(name: str, region: str, paragraphs: list[str], headings: tuple[str, ...] = (),
            slogans: tuple[str, ...] = ()) -> Extraction:
    """A made-up report: headings first, then paragraphs, slogans as the slogan stage would give them."""
    blocks, pos = [], 0
    text_parts = []
    for kind, t in [("heading", h) for h in headings] + [("paragraph", p) for p in paragraphs]:
        blocks.append(Block(kind=kind, text=t, section=None, start=pos, end=pos + len(t), line=len(blocks) + 1,
                            offsets=tuple(range(pos, pos + len(t)))))
        text_parts.append(t)
        pos += len(t) + 1
    text = "\n".join(text_parts)
    doc = Document(path=f"{name}.txt", sha256=name, encoding="utf-8", format="txt", text=text, region=region,
                   year=2025, period=2024)
    sl = tuple(Slogan(term=s, kind="quoted", count=None, expansion=(), expansion_source=None, count_matches=None,
                      occurrences=text.count(s), spans=()) for s in slogans)
    return Extraction(document=doc, blocks=tuple(blocks), slogans=sl)


# Three made-up reports of one year: each repeats its own programme, all share
# generic words (推进, 建设, 企业) and a national theme.
RIVER = _report("river", "青石镇", [
    "今年要加快建设滨江生态走廊，推进滨江生态走廊提质扩容，企业参与滨江生态走廊建设。",
    "推进“三园两带”建设，“三园两带”成为发展主线。发展新质生产力，企业活力增强。",
    "滨江生态走廊沿线新建公园五个，新增绿地12公顷，建设投资增长8%。",
    "推进高质量发展，企业服务持续优化，滨江生态走廊串联十个村。",
], headings=("一、打造滨江生态走廊",), slogans=("三园两带",))
HILL = _report("hill", "石岭乡", [
    "今年要推进茶旅融合示范带建设，企业参与茶旅融合示范带，茶旅融合示范带带动就业。",
    "发展新质生产力，推进高质量发展，企业服务持续优化。",
    "茶旅融合示范带新增民宿三十家，游客增长12%，建设投资增长6%。",
], headings=("一、建好茶旅融合示范带",))
PORT = _report("port", "港城区", [
    "今年要推进临港物流枢纽建设，企业入驻临港物流枢纽，临港物流枢纽吞吐量增长。",
    "发展新质生产力，推进高质量发展，企业服务持续优化。",
    "临港物流枢纽新开航线三条，货运量增长9%，建设投资增长7%。",
], headings=("一、做强临港物流枢纽",))


@pytest.fixture(scope="module")
def corpus():
    docs = [phrase_document(ex) for ex in (RIVER, HILL, PORT)]
    return docs, learn_phrase_stats(docs)


# paragraphs every made-up province says, beside its own (the neighbours a rule is told against)
_FILLER = ["推进高质量发展，企业服务持续优化，稳步扩大有效投资，提升群众生活品质。"] * 4


def _terms(phrases: list[Keyphrase]) -> list[str]:
    return [p.term for p in phrases]


def test_each_report_leads_with_its_own_programme_whole(corpus):
    docs, stats = corpus
    for doc, programme in zip(docs, ("滨江生态走廊", "茶旅融合示范带", "临港物流枢纽")):
        top = _terms(keyphrases(doc, stats, top=5))
        assert top[0] == programme, top
        # no piece of it listed beside it
        assert not any(t != programme and strip_quotes(t) in programme for t in top), top


@pytest.mark.parametrize("mode", ["poster", "research"])
def test_no_number_single_character_generic_word_or_report(corpus, mode):
    docs, stats = corpus
    for doc in docs:
        for p in keyphrases(doc, stats, mode=mode, top=30, exclude=[doc.region]):
            term = strip_quotes(p.term)
            assert len(term) >= 2 and re.search(r"[\u4e00-\u9fff]", term), p
            assert not re.fullmatch(r"[\d.%]+\D?", term), p
            assert term not in {"推进", "建设", "企业", "发展", "今年", doc.region}, p
            assert p.method == mode and p.count >= 1


def test_a_quoted_slogan_keeps_the_reports_quotes(corpus):
    docs, stats = corpus
    terms = _terms(keyphrases(docs[0], stats, top=10))
    assert "“三园两带”" in terms, terms


def test_research_mode_leaves_out_what_every_report_says(corpus):
    docs, stats = corpus
    research = _terms(keyphrases(docs[1], stats, mode="research", top=10))
    assert "茶旅融合示范带" in research
    assert "新质生产力" not in research and "高质量发展" not in research


def test_scores_descend_and_weights_follow_scores(corpus):
    docs, stats = corpus
    ps = keyphrases(docs[0], stats, top=10)
    scores = [p.score for p in ps]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert phrase_weights(ps) == {p.term: p.score for p in ps}


def test_unknown_mode_and_foreign_document_are_errors(corpus):
    docs, stats = corpus
    with pytest.raises(ValueError, match="mode"):
        keyphrases(docs[0], stats, mode="banner")
    other = phrase_document(_report("other", "某地", ["某地推进某事。"]))
    with pytest.raises(ValueError, match="not among"):
        keyphrases(other, stats)
    with pytest.raises(ValueError, match="sequence"):
        learn_phrase_stats(docs[0])


def test_what_one_store_saw_once_never_changes_another_stores_reading():
    # A token seen once in a corpus is read as nothing (x) there; that reading
    # must not carry over, in the same process, to a store that says it often.
    from sq_nlp.language.segment import default_segmenter
    from sq_nlp.summaries.keywords.phrases import TokenClasses

    token = "桥溪"  # no dictionary knows it; the tagger reads it as one noun
    ((_, tag),) = default_segmenter().tag(token)
    once = TokenClasses()
    once.learn([], rare=[token])
    assert token not in once.tags and once.tag(token) == "x"
    often = TokenClasses()
    often.learn([token])
    assert often.tag(token) == tag != "x"
    assert often[token] == TokenClasses()[token] == "N"


def test_a_single_report_is_its_own_corpus():
    (top,) = keyphrases_of([RIVER], top=5)
    assert top and top[0].term == "滨江生态走廊"


@pytest.mark.parametrize("text, tokens, terms, expected", [
    # merged where the term stands on token boundaries, with its quotes
    ("推进“三园两带”建设", ["推进", "“", "三园", "两带", "”", "建设"], ["三园两带"],
     ["推进", "“三园两带”", "建设"]),
    ("三园两带建设", ["三园", "两带", "建设"], ["三园两带"], ["三园两带", "建设"]),
    # must not change: the term cuts a token, or is absent
    ("大三园两带", ["大三园", "两带"], ["三园两带"], ["大三园", "两带"]),
    ("推进建设", ["推进", "建设"], ["三园两带"], ["推进", "建设"]),
])
def test_merge_terms(text, tokens, terms, expected):
    pattern = re.compile("|".join(map(re.escape, terms)))
    assert merge_terms(text, tokens, pattern) == expected


def test_slogans_are_found_where_their_alternation_longest_first_finds_them():
    # the automaton against the regex it stands for: the leftmost term, the
    # longest there, then on after its end; terms inside, overlapping and
    # extending one another, one character long (never a slogan to merge), regex characters
    import random

    from sq_nlp.summaries.keywords.phrases import _Terms

    rng = random.Random(13)
    alphabet = "三园两带一区+（）.*“”"
    for _ in range(2000):
        terms = {"".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 5))) for _ in range(rng.randrange(0, 6))}
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        longest_first = sorted((t for t in terms if len(t) >= 2), key=len, reverse=True)
        expected = ([m.span() for m in re.finditer("|".join(map(re.escape, longest_first)), text)]
                    if longest_first else [])
        finder = _Terms(terms)
        assert bool(finder) == bool(longest_first)
        assert (finder.spans(text) if finder else []) == expected, (terms, text)


def test_slogans_of_many_texts_are_found_as_in_each_text_alone():
    # one scan of a report's blocks joined against a scan of each block: no
    # term found across two texts, none lost at their edges; a line break
    # inside a text, and inside a term (the texts are then read one by one)
    import random

    from sq_nlp.summaries.keywords.phrases import _Terms

    rng = random.Random(29)
    alphabet = "三园两带一区“”\n"
    for _ in range(1000):
        terms = {"".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 5))) for _ in range(rng.randrange(1, 6))}
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12))) for _ in range(rng.randrange(0, 6))]
        finder = _Terms(terms)
        if finder:
            assert finder.spans_of(texts) == [finder.spans(t) for t in texts], (terms, texts)


def test_phrase_document_uses_stored_tokens_and_checks_their_number():
    from sq_nlp.language.segment import default_segmenter

    seg = default_segmenter()
    tokens = [seg.cut(b.text) for b in RIVER.blocks]
    assert phrase_document(RIVER, tokens) == phrase_document(RIVER)
    with pytest.raises(ValueError, match="token lists"):
        phrase_document(RIVER, tokens[:1])


# -- token classes, candidates and counts ------------------------------------------------------------


@pytest.mark.parametrize("token, cls", [
    ("的", "B"), ("，", "B"), ("2020", "B"),      # function words, punctuation, numbers break a phrase
    ("国债", "N"), ("“千万工程”", "N"),            # nouns and quoted slogans open, stand inside, close
    ("体系", "H"), ("省", "H"),                   # generic and one-character nouns close, never open
    ("新", "A"),                                  # modifiers open, never close
    ("超", "V"), ("改革", "W"),                     # verbs and basic verbal nouns stand inside
    ("现代化", "A"),                               # a 化 noun modifies (现代化新重庆), closes nothing
    ("推进", "B"), ("建设", "B"),                   # a generic verb or verbal noun takes an object: a break
    ("长期", "D"), ("现代", "D"),                  # adverbs and time words stand inside
    ("自立自强", "H"),                             # an idiom closes a phrase (科技自立自强), never opens one
])
def test_token_classes(token, cls):
    from sq_nlp.summaries.keywords.phrases import TokenClasses

    assert TokenClasses()[token] == cls


def _rows(stats, doc) -> dict[str, int]:
    """Phrase -> its row in ``stats`` for one report."""
    sl = stats.rows(doc.path)
    return {stats.term(r)[0]: r for r in range(sl.start, sl.stop)}


def _beside_hill_and_port(report: Extraction):
    """``report``'s phrase document and the statistics learned with HILL and PORT beside it."""
    docs = [phrase_document(ex) for ex in (report, HILL, PORT)]
    return docs[0], learn_phrase_stats(docs)


def test_counts_are_the_reports_own_occurrences(corpus):
    docs, stats = corpus
    rows = _rows(stats, docs[0])
    text = "".join("".join(b) for b in docs[0].blocks)
    for term in ("滨江生态走廊", "三园两带"):
        assert stats.arrays["count"][rows[term]] == text.count(term)
    # the heading names the programme; numbers and function words are never candidates
    assert stats.arrays["title"][rows["滨江生态走廊"]] >= 1
    assert not any(re.search(r"\d|的", t) for t in rows if not t.startswith("三园"))


def test_a_piece_always_continued_the_same_way_is_a_fragment(corpus):
    docs, stats = corpus
    rows = _rows(stats, docs[2])
    # 物流枢纽 only ever stands inside 临港物流枢纽
    assert stats.continued(rows["物流枢纽"]) == 1.0
    assert stats.continued(rows["临港物流枢纽"]) < 0.5


def test_identical_reports_count_once_and_an_empty_corpus_is_empty():
    twin = _report("river_copy", "青石镇", [b.text for b in RIVER.blocks if b.kind == "paragraph"],
                   headings=("一、打造滨江生态走廊",), slogans=("三园两带",))
    docs = [phrase_document(ex) for ex in (RIVER, twin, HILL)]
    stats = learn_phrase_stats(docs)
    assert stats.n_docs == 2
    assert stats.arrays["df"][_rows(stats, docs[0])["滨江生态走廊"]] == 1
    empty = learn_phrase_stats([])
    assert empty.n_docs == 0 and empty.paths == ()


def test_a_quoted_number_is_printed_with_what_it_labels_and_never_alone():
    ex = _report("labels", "某市", [
        "今年实施“2035”乡村振兴行动计划，推动“2035”乡村振兴行动计划落地见效。",
        "出台“30条”措施，“30条”惠及企业。“2035”乡村振兴行动计划覆盖全部村庄。",
    ], slogans=("2035", "30条"))
    terms = [strip_quotes(p.term) for p in keyphrases_of([ex, HILL, PORT], top=30)[0]]
    assert "2035乡村振兴行动计划" in terms
    assert "2035" not in terms and "30条" not in terms


def test_a_compound_no_dictionary_knows_is_found_whole():
    # 封关 and 运作 stand together far more often than chance: 封关运作, not 封关 or a verb phrase
    paragraphs = [f"第{n}批口岸完成封关运作准备，封关运作平稳有序。" for n in "一二三"]
    ex = _report("port2", "港城区", paragraphs, headings=("一、全岛封关运作顺利实施",))
    terms = [p.term for p in keyphrases_of([ex, HILL, RIVER], top=10)[0]]
    assert any(t.endswith("封关运作") for t in terms), terms
    assert "封关" not in terms


def test_roles_front_matter_enumerated_titles_and_the_plan_part():
    ex = _report("roles", "某县", [
        "各位代表：现在我代表县人民政府作报告。",
        "（一）着力扩大国内需求。今年要扩大有效投资，增加居民收入。",
        "推进城乡融合，提升县城品质。",
    ], headings=("某县政府工作报告", "二、2025年工作安排"))
    # the fixture puts headings first: the title is front matter, the numbered heading is not
    doc = phrase_document(ex)
    assert doc.blocks[0][0] == "二" and len(doc.blocks) == 4
    heading, lead, plan, enumerated = doc.roles[2]
    assert lead and enumerated and plan and not heading
    assert doc.roles[3] == (False, 0, True, False)


def test_previous_report_of_the_report():
    old = _report("town2024", "青石镇", ["推进滨江生态走廊建设，滨江生态走廊初具规模。"])
    old = Extraction(document=Document(**{**old.document.__dict__, "year": 2024}), blocks=old.blocks,
                     slogans=old.slogans)
    docs = [phrase_document(ex) for ex in (old, RIVER, HILL)]
    stats = learn_phrase_stats(docs)
    assert stats.arrays["previous"][_rows(stats, docs[1])["滨江生态走廊"]] == 2
    assert stats.arrays["previous"][_rows(stats, docs[0])["滨江生态走廊"]] == -1
    assert (stats.arrays["previous"][stats.rows(docs[2].path)] == -1).all()


def test_a_shorter_list_is_the_head_of_a_longer_one(corpus):
    docs, stats = corpus
    for mode in ("poster", "research"):
        assert keyphrases(docs[0], stats, mode=mode, top=3) == keyphrases(docs[0], stats, mode=mode, top=10)[:3]


# -- what a report is, as a poster reads it ---------------------------------------------------------


def _year(ex: Extraction, year: int) -> Extraction:
    return Extraction(document=Document(**{**ex.document.__dict__, "year": year, "period": year - 1}),
                      blocks=ex.blocks, slogans=ex.slogans)


def _blocks(*items: tuple[str, str]) -> Extraction:
    """A report of (kind, text) blocks in the given order."""
    blocks, pos = [], 0
    for kind, t in items:
        blocks.append(Block(kind=kind, text=t, section=None, start=pos, end=pos + len(t), line=len(blocks) + 1,
                            offsets=tuple(range(pos, pos + len(t)))))
        pos += len(t) + 1
    text = "\n".join(t for _, t in items)
    doc = Document(path="blocks.txt", sha256="blocks", encoding="utf-8", format="txt", text=text, region="某县",
                   year=2025, period=2024)
    return Extraction(document=doc, blocks=tuple(blocks))


def test_back_matter_and_headlines():
    ex = _blocks(("title", "某县政府工作报告"),
                 ("paragraph", "各位代表：现在我代表县人民政府作报告。"),
                 ("title", "魅力新城蓬勃向上"),           # a headline inside the text: a heading
                 ("paragraph", "推进滨江生态走廊建设。"),
                 ("heading", "附件"),                    # an appendix: back matter, left out
                 ("paragraph", "1.“三园两带”：是指三个园区和两条产业带。"))
    doc = phrase_document(ex)
    assert len(doc.blocks) == 3
    assert doc.roles[1][0] and "".join(doc.blocks[1]) == "魅力新城蓬勃向上"
    assert not any("三园两带" in "".join(b) for b in doc.blocks)


@pytest.mark.parametrize("title, enumerated_lead", [
    # an enumerated task title may pair two clauses (up to 60 characters) ...
    ("（二）聚焦加快构建体现本县特色和优势的现代化产业体系，深化实施“1269”行动计划。", True),
    # ... an ordinary first sentence only 30
    ("聚焦加快构建体现本县特色和优势的现代化产业体系，深化实施“1269”行动计划。", False),
])
def test_enumerated_task_titles_may_be_long(title, enumerated_lead):
    ex = _blocks(("heading", "一、2025年工作安排"), ("paragraph", title + "坚持智能化方向，推进新型工业化。"))
    heading, lead, plan, enumerated = phrase_document(ex).roles[1]
    assert plan and bool(lead) == enumerated_lead and enumerated == enumerated_lead


def test_a_generic_verb_ends_a_phrase_and_a_label_keeps_its_phrase():
    paras = ["高标准建设自由贸易港，自由贸易港政策落地。", "锚定“3815”战略发展目标，高标准建设自由贸易港。",
             "推动自由贸易港建设，锚定“3815”战略发展目标。"]
    ex = _report("port3", "港城区", paras, slogans=("3815",))
    docs = [phrase_document(e) for e in (ex, HILL, RIVER)]
    rows = _rows(learn_phrase_stats(docs), docs[0])
    assert "自由贸易港" in rows and not any(t.endswith("建设自由贸易港") for t in rows)
    assert "3815战略发展目标" in rows


def _years(theme: str, boiler: str, years: range) -> list[Extraction]:
    """One report a year: every year says ``boiler``, the recent ones ``theme``."""
    out = []
    for y in years:
        paras = [f"坚持{boiler}。{boiler}是根本。", f"推进第{y - 2000}批项目，统筹城乡发展。"]
        if y >= years[-1] - 1:
            paras.append(f"加快发展{theme}，{theme}成效明显。")
        out.append(_year(_report(f"r{y}", "某省", paras), y))
    return out


def test_evergreen_boilerplate_is_pushed_down_not_the_themes_of_recent_years():
    from sq_nlp.summaries.keywords.ranking import poster_scores

    docs = [phrase_document(ex) for ex in _years("新质生产力", "改革开放", range(2015, 2026))]
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[-1])
    ev = stats.arrays["evergreen"]
    assert ev[rows["改革开放"]] == pytest.approx(1.0)
    assert ev[rows["新质生产力"]] == pytest.approx(2 / 11)
    scores = poster_scores(stats, stats.rows(docs[-1].path))
    first = stats.rows(docs[-1].path).start
    # said as often, the theme of recent years wins over what every year says
    assert scores[rows["新质生产力"] - first] > scores[rows["改革开放"] - first]


def test_a_word_of_the_general_dictionary_is_no_new_formula():
    # 管理机制 and 新质生产力 both first said in the last two years: only the
    # project's word is a coinage the later report takes up; jieba's general
    # dictionary had 管理机制 before any report
    from sq_nlp.summaries.keywords.ranking import poster_scores

    extractions = _years("新质生产力", "改革开放", range(2015, 2026))
    docs = []
    for ex, y in zip(extractions, range(2015, 2026)):
        paras = [b.text for b in ex.blocks]
        if y >= 2024:
            paras.append("完善管理机制，管理机制成效明显。")
        docs.append(phrase_document(_year(_report(f"r{y}", "某省", paras), y)))
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[-2])
    a = stats.arrays
    assert a["general_word"][rows["管理机制"]] and not a["general_word"][rows["新质生产力"]]
    assert a["taken_up"][rows["管理机制"]] == a["taken_up"][rows["新质生产力"]] > 0
    scores = poster_scores(stats, stats.rows(docs[-2].path))
    first = stats.rows(docs[-2].path).start
    assert scores[rows["新质生产力"] - first] > scores[rows["管理机制"] - first]


def test_a_statistic_and_a_phrase_open_to_a_noun_rank_low():
    from sq_nlp.summaries.keywords.ranking import poster_scores

    paras = ["地区生产总值增长5.2%，滨江生态走廊建成。", "地区生产总值达到3000亿元，滨江生态走廊延伸。",
             "丰富人民群众精神文化生活，滨江生态走廊开放。", "丰富人民群众文体活动，地区生产总值增长。"]
    docs = [phrase_document(e) for e in (_report("stat", "某市", paras), HILL, PORT)]
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[0])
    first = stats.rows(docs[0].path).start
    scores = poster_scores(stats, stats.rows(docs[0].path))
    assert stats.arrays["numeric"][rows["地区生产总值"]] >= 2
    assert scores[rows["滨江生态走廊"] - first] > scores[rows["地区生产总值"] - first]


def test_a_statistic_said_with_a_rate_word_between():
    # 利润总额增速均达到12%: the rate word, an adverb and the verb stand between
    # the indicator and its number, four words on (出游总花费增速均达到20%)
    doc, stats = _beside_hill_and_port(_report("stat", "某市", [
        "营业收入、利润总额均增长20%以上。", "利润总额增速均达到12%，利润总额稳步提高。",
        "利润总额均增长8%左右，滨江生态屏障巩固。"]))
    rows = _rows(stats, doc)
    assert stats.arrays["count"][rows["利润总额"]] == 4
    assert stats.arrays["numeric"][rows["利润总额"]] == 3  # not 稳步提高，
    assert stats.arrays["numeric"][rows["滨江"]] == 0


def test_a_number_of_the_next_clause_makes_no_statistic():
    # 筑牢…生态屏障，PM2.5平均浓度…: the number is the next clause's, not the phrase's value
    paras = ["筑牢滨江生态屏障，PM2.5平均浓度下降3%。", "守护滨江生态屏障，2025年新增绿地12公顷。",
             "地区生产总值增长5.2%，滨江生态屏障巩固。"]
    docs = [phrase_document(e) for e in (_report("stat", "某市", paras), HILL, PORT)]
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[0])
    assert stats.arrays["numeric"][rows["滨江生态屏障"]] == 0
    assert stats.arrays["numeric"][rows["地区生产总值"]] == 1


@pytest.mark.parametrize("taken, term, near", [
    (["乡村振兴"], "乡村全面振兴", True),        # two characters added
    (["乡村全面振兴"], "乡村振兴", True),
    (["统一大市场"], "全国统一大市场", True),      # one inside the other
    (["全国统一大市场"], "统一大市场", True),
    (["高质量发展"], "新质生产力", False),
    (["城乡"], "城乡融合发展", True),
    (["数字经济平台"], "数字经济创新发展平台", False),  # four characters added: another phrase
])
def test_near_duplicates(taken, term, near):
    from sq_nlp.summaries.keywords.ranking import _near_duplicate, _Taken

    t = _Taken()
    for x in taken:
        t.add(x)
    assert t.near(term) == near == any(_near_duplicate(term, x) for x in taken)


# -- lists kept beside the store ---------------------------------------------------------------------


def _store(path, extractions):
    from sq_nlp.language.segment import default_segmenter
    from sq_nlp.store.db import open_store

    seg = default_segmenter()
    with open_store(path) as st:
        for ex in extractions:
            st.write(ex, [seg.cut(b.text) for b in ex.blocks])


def test_lists_are_kept_beside_the_store_and_relearned_when_it_changes(tmp_path, monkeypatch):
    from sq_nlp.summaries.keywords import cache, mining

    db = tmp_path / "store.db"
    _store(db, [RIVER, HILL])
    first = cache.stored_keyphrases(db)
    assert cache.cache_path(db).is_file()
    assert [k.term for k in first["river.txt"]["poster"]][:1] == ["滨江生态走廊"]
    assert set(first["river.txt"]) == {"poster", "research"}

    learned = []
    real = mining.learn_phrase_stats
    monkeypatch.setattr(mining, "learn_phrase_stats", lambda docs: learned.append(len(docs)) or real(docs))
    assert cache.stored_keyphrases(db) == first and learned == []   # read back, not learned
    _store(db, [PORT])                                              # the store changed: stale
    again = cache.stored_keyphrases(db)
    # the three stored reports and the shipped background reports beside them
    with_bg = 3 + len(background_documents())
    assert learned == [with_bg] and set(again) == {"river.txt", "hill.txt", "port.txt"}
    cache.cache_path(db).write_text("{not json", encoding="utf-8")  # a damaged file is learned anew
    assert cache.stored_keyphrases(db) == again and learned == [with_bg, with_bg]


def test_a_store_whose_folder_cannot_be_written_is_served_all_the_same(tmp_path, monkeypatch):
    from sq_nlp.summaries.keywords import cache

    db = tmp_path / "store.db"
    _store(db, [RIVER, HILL, PORT])
    monkeypatch.setattr(cache.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "read-only")))
    lists = cache.stored_keyphrases(db)
    assert lists["port.txt"]["poster"][0].term == "临港物流枢纽"
    assert not cache.cache_path(db).exists() and not list(tmp_path.glob(".*.part"))


def test_idf_is_kept_beside_the_store(tmp_path):
    from sq_nlp.summaries.keywords import cache
    from sq_nlp.summaries.keywords.words import Idf

    db = tmp_path / "store.db"
    _store(db, [RIVER, HILL, PORT])
    calls = []

    def learn():
        calls.append(1)
        return Idf(weights={"滨江": 1.5}, default=2.0, source="corpus", n_docs=3)

    assert cache.stored_idf(db, learn)["滨江"] == 1.5
    assert cache.stored_idf(db, learn) == Idf(weights={"滨江": 1.5}, default=2.0, source="corpus", n_docs=3)
    assert calls == [1]


def test_a_short_page_says_each_programme_once_a_long_report_repeats_them():
    from sq_nlp.summaries.keywords.mining import SHORT_TEXT_TOKENS

    once = "今年建设跨境电商产业园。"
    short = _report("page", "河西区", [once, "推进滨江生态走廊建设，滨江生态走廊延伸。"])
    filler = [f"第{n}项工作，推进滨江生态走廊建设，改善营商环境，做好民生保障。" for n in range(200)]
    long_ = _report("long", "河东区", [once, *filler])
    docs = [phrase_document(e) for e in (short, long_, HILL)]
    assert docs[0].n_tokens < SHORT_TEXT_TOKENS <= docs[1].n_tokens
    stats = learn_phrase_stats(docs)
    assert "跨境电商产业园" in _terms(keyphrases(docs[0], stats, top=10))
    assert "跨境电商产业园" not in _terms(keyphrases(docs[1], stats, top=50))


# -- what ranking works out once and reuses ---------------------------------------------------------


def test_fragment_shares_of_many_rows_are_each_rows_continued(corpus):
    docs, stats = corpus
    for doc in docs:
        sl = stats.rows(doc.path)
        rows = list(range(sl.start, sl.stop))
        ignores = [frozenset(), frozenset(stats.word_id[w] for w in ("临港", "滨江", "茶旅") if w in stats.word_id)]
        for ignore in ignores:
            right, either = stats.fragment_shares(rows, ignore)
            assert list(right) == [stats.continued(r, left=False, ignore=ignore) for r in rows]
            assert list(either) == [stats.continued(r, left=True, ignore=ignore) for r in rows]
    # 物流枢纽 only ever stands inside 临港物流枢纽; the region's own 临港 continuing nothing, it stands
    row = _rows(stats, docs[2])["物流枢纽"]
    assert stats.fragment_shares([row])[1][0] == 1.0
    from sq_nlp.summaries.keywords.ranking import FRAGMENT_SHARE

    assert stats.fragment_shares([row], frozenset({stats.word_id["临港"]}))[1][0] < FRAGMENT_SHARE


def test_lists_do_not_depend_on_what_was_ranked_before():
    # the statistics remember per report what both modes share: a list is the
    # same whichever mode, report or exclusions were ranked first
    def fresh():
        docs = [phrase_document(ex) for ex in (RIVER, HILL, PORT)]
        return docs, learn_phrase_stats(docs)

    docs, stats = fresh()
    expected = {(d.path, mode, ex): keyphrases(d, fresh()[1], mode=mode, top=10, exclude=ex)
                for d in docs for mode in ("poster", "research") for ex in ((), ("临港物流枢纽", "滨江"))}
    for (path, mode, ex) in reversed(list(expected)):
        doc = next(d for d in docs if d.path == path)
        assert keyphrases(doc, stats, mode=mode, top=10, exclude=ex) == expected[path, mode, ex]


@pytest.mark.parametrize("tokens, merged, names", [
    (["西部", "（", "重庆", "）", "科学城", "建设"], ["西部（重庆）科学城", "建设"], ["西部（重庆）科学城"]),
    (["中国", "（", "四川", "）", "自由贸易试验区", "和", "中国", "（", "重庆", "）", "自由贸易试验区"],
     ["中国（四川）自由贸易试验区", "和", "中国（重庆）自由贸易试验区"],
     ["中国（四川）自由贸易试验区", "中国（重庆）自由贸易试验区"]),
    # not a name: a verb after the bracket, no word before it, a bracket of two words, one not closed
    (["中欧班列", "（", "重庆", "）", "开行"], ["中欧班列", "（", "重庆", "）", "开行"], []),
    (["（", "重庆", "）", "科学城"], ["（", "重庆", "）", "科学城"], []),
    (["西部", "（", "重庆", "四川", "）", "科学城"], ["西部", "（", "重庆", "四川", "）", "科学城"], []),
    (["西部", "（", "重庆", "科学城"], ["西部", "（", "重庆", "科学城"], []),
    ([], [], []),
])
def test_merge_bracketed(tokens, merged, names):
    from sq_nlp.summaries.keywords.phrases import merge_bracketed, word_tags

    tags = word_tags()
    assert merge_bracketed(tokens, lambda t: tags.get(t, "x")) == (merged, names)


@pytest.mark.parametrize("word, predicate", [
    ("充分发挥", True), ("发挥作用", True), ("全面提高", True), ("保持稳定", True), ("明显降低", True),
    ("精准脱贫", False), ("乡村振兴", False), ("数字经济", False), ("综合执法", False),  # noun-led: names
])
def test_a_dictionary_noun_made_of_adverb_and_verb_is_a_predicate(word, predicate):
    from sq_nlp.summaries.keywords.phrases import TokenClasses

    classes = TokenClasses()
    assert (classes.tag(word) == "v") is predicate
    assert (classes[word] == "N") is not predicate


@pytest.mark.parametrize("word, verb", [
    ("筑牢", True), ("兜牢", True), ("树牢", True), ("守好", True),  # verb + complement, no dictionary word
    ("爱好", False), ("完好", False),  # dictionary words: their own tags
    ("屏障", False), ("高地", False),
])
def test_a_verb_with_its_resultative_complement_is_a_verb(word, verb):
    # 筑牢, 守好 are no dictionary words: the tagger calls 筑牢 an adjective, and
    # 筑牢生态安全屏障 opened a keyphrase on the verb
    from sq_nlp.summaries.keywords.phrases import TokenClasses

    classes = TokenClasses()
    assert (classes.tag(word) == "v") is verb
    assert (classes[word] == "V") is verb


def test_a_phrase_after_a_verb_with_its_complement_is_the_object():
    paras = ["（一）筑牢绿谷生态安全屏障。持续筑牢绿谷生态安全屏障，守好青石南大门。",
             "全面筑牢绿谷生态安全屏障，守好青石南大门，推进精准脱贫。"]
    reports = [_report("tea", "青石镇", paras),
               _report("other", "白沙镇", ["推进精准脱贫，精准脱贫成效明显，稳步发展港口物流。"]),
               _report("third", "黑山镇", ["推进精准脱贫，建设临港物流枢纽，临港物流枢纽扩容。"])]
    terms = _terms(keyphrases_of(reports, top=20)[0])
    assert "绿谷生态安全屏障" in terms
    assert not [t for t in terms if t.startswith(("筑牢", "守好"))]


def test_a_predicate_the_dictionary_calls_a_noun_is_never_a_keyphrase():
    paras = ["（一）充分发挥绿谷茶园作用。要充分发挥合作社作用，发挥作用更大，全面提高绿谷茶园品质。",
             "绿谷茶园要保持稳定，全面提高收入，充分发挥带动作用，发挥作用见效。",
             "推进精准脱贫，精准脱贫成效明显，全面提高治理水平。"]
    reports = [_report("tea", "青石镇", paras),
               _report("other", "白沙镇", ["推进精准脱贫，精准脱贫成效明显，稳步发展港口物流。"]),
               _report("third", "黑山镇", ["推进精准脱贫，建设临港物流枢纽，临港物流枢纽扩容。"])]
    lists = keyphrases_of(reports, top=20)
    terms = _terms(lists[0])
    assert "绿谷茶园" in terms and "精准脱贫" in terms
    assert not {"充分发挥", "发挥作用", "全面提高", "保持稳定"} & set(terms)


def test_a_place_led_phrase_always_after_the_same_verb_is_that_verbs_objects_piece():
    # 考察|江西重要讲话精神: the report always says 考察江西 (a verb of visiting a place),
    # so 江西重要讲话精神 is a piece of a longer name; 赣江新区 follows several verbs and
    # stays a name, and after another verb a place opens the object (筑牢|长江黄河上游生态屏障)
    paras = ["深入学习贯彻习近平总书记考察江西重要讲话精神，加快赣江新区建设，筑牢长江黄河上游生态屏障。",
             "全面落实习近平总书记考察江西重要讲话精神，做强赣江新区，提升赣江新区能级。",
             "牢记习近平总书记考察江西重要讲话精神，支持赣江新区扩区，筑牢长江黄河上游生态屏障。",
             "（一）打造赣江新区。赣江新区引领发展，考察江西重要讲话精神指引方向。"]
    reports = [_report("jx", "江西省", paras + _FILLER),
               _report("hn", "湖南省", ["加快湘江新区建设，湘江新区扩容，湖南重要讲话精神鼓舞人心。", *_FILLER]),
               _report("hb", "湖北省", ["推进武汉新区建设，武汉新区扩容，学习湖北重要讲话精神。", *_FILLER])]
    docs = [phrase_document(ex) for ex in reports]
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[0])
    assert stats.continued(rows["江西重要讲话精神"]) >= 0.75
    assert stats.continued(rows["赣江新区"]) < 0.75
    assert stats.continued(rows["长江黄河上游生态屏障"]) < 0.75
    terms = _terms(keyphrases(docs[0], stats, top=20))
    assert "赣江新区" in terms and "江西重要讲话精神" not in terms


def test_a_phrase_ending_in_a_place_that_words_go_on_from_is_no_name():
    # 中国式现代化赣州|实践, |篇章: the place modifies what follows each time; 美丽赣州 ends
    # where it is said (建设美丽赣州。) and is the region's brand
    paras = ["奋力谱写中国式现代化赣州篇章，建设美丽赣州。", "中国式现代化赣州实践迈出坚实步伐，美丽赣州建设成效明显。",
             "奋力谱写中国式现代化赣州新篇章，共建美丽赣州。", "中国式现代化赣州实践取得新成效，守护美丽赣州。"]
    reports = [_report("gz", "江西省", paras + _FILLER),
               _report("hn", "湖南省", ["谱写中国式现代化湖南篇章，建设美丽湖南。", *_FILLER]),
               _report("hb", "湖北省", ["谱写中国式现代化湖北篇章，建设美丽湖北。", *_FILLER])]
    docs = [phrase_document(ex) for ex in reports]
    stats = learn_phrase_stats(docs)
    assert stats.arrays["count"][_rows(stats, docs[0])["中国式现代化赣州"]] == 4
    terms = _terms(keyphrases(docs[0], stats, top=20))
    assert "美丽赣州" in terms and "中国式现代化赣州" not in terms


@pytest.mark.parametrize("title, cut", [
    ("（一）关于明年发展的时代背景。", "时代背景"),          # a topic title: its generic head names nothing
    ("二是关于明年工作的总体要求。", "总体要求"),
    ("（三）关于青石镇的浦东新区。", None),                 # the head is a place name: a name
    ("（四）关于支持的“三园两带”。", None),                  # the head is quoted: a name
    ("（五）把握时代背景新机遇。", None),                    # no topic title
])
def test_a_topic_titles_generic_head_is_not_in_the_title(title, cut):
    ex = _report("topic", "青石镇", [title + "全镇上下团结奋斗，各项工作稳步推进。"], slogans=("三园两带",))
    doc = phrase_document(ex)
    toks, (heading, lead, _, _) = doc.blocks[0], doc.roles[0]
    titled = "".join(toks[:lead]).replace("“", "").replace("”", "")
    plain = title[:-1].replace("“", "").replace("”", "")
    assert not heading and lead > 0
    assert titled == (plain if cut is None else plain[:-len(cut) - 1])  # up to 的


def test_a_topic_title_puts_no_generic_head_on_the_poster():
    # a long report (a short page keeps what it says once): the title's head is said once
    paras = ["（一）关于明年发展的时代背景。滨江生态走廊建成，滨江生态走廊串联十个村。",
             "（二）建设绿谷茶园。推进滨江生态走廊提质，企业活力增强。",
             *["推进高质量发展，企业服务持续优化，稳步扩大有效投资，提升群众生活品质，办好民生实事。"] * 50]
    reports = [_report("topic", "青石镇", paras), RIVER, HILL]
    lists = keyphrases_of(reports, top=30)
    terms = _terms(lists[0])
    assert "滨江生态走廊" in terms
    assert "时代背景" not in terms


def test_the_copula_of_a_role_ends_a_phrase():
    # 以X为主线: the tagger cuts 为主|线; X is the phrase, never X为主线
    paras = ["坚持以滨江生态走廊为主线，推进沿线村庄提质。",
             "以滨江生态走廊为主线，建设示范段。",
             "（一）以滨江生态走廊为主线。串联十个村。",
             *["推进高质量发展，企业服务持续优化，稳步扩大有效投资，提升群众生活品质，办好民生实事。"] * 50]
    reports = [_report("role", "青石镇", paras), RIVER, HILL]
    terms = _terms(keyphrases_of(reports, top=30)[0])
    assert "滨江生态走廊" in terms
    assert not [t for t in terms if t.endswith("主线")]


def test_a_verbs_complement_opens_no_phrase():
    # the tagger splits 打好, 用好, 保护好: 好 belongs to the verb, and the
    # phrase is what follows (“六个攻坚战”, 滨湖茶园), never 好“六个攻坚战” or 好滨湖茶园
    paras = ["坚决打好“六个攻坚战”，用好滨湖茶园，保护好滨湖茶园。",
             "（一）打好“六个攻坚战”。全力打好“六个攻坚战”，管好用好滨湖茶园。",
             "抓好民生实事，办好民生实事，讲好青石故事，建好滨湖茶园。滨湖茶园提质，推进滨湖茶园扩容。",
             *["推进高质量发展，企业服务持续优化，稳步扩大有效投资，提升群众生活品质，办好民生实事。"] * 50]
    reports = [_report("verbs", "青石镇", paras, slogans=("六个攻坚战",)), RIVER, HILL]
    terms = _terms(keyphrases_of(reports, top=30)[0])
    assert "“六个攻坚战”" in terms and "滨湖茶园" in terms
    assert not [t for t in terms if t.startswith("好")], terms


def test_a_phrase_the_same_character_always_follows_is_the_head_of_a_longer_name():
    # 滨江干流青石|段: the tagger cuts 段 off, so 滨江干流青石 is never said alone;
    # 滨江生态走廊 is followed by several words and by punctuation, and stays
    paras = ["整治滨江干流青石段，建成滨江干流青石段绿道，滨江干流青石段水质达标。",
             "滨江生态走廊建成，滨江生态走廊的绿道贯通，推进滨江生态走廊提质。"]
    doc, stats = _beside_hill_and_port(_report("head", "青石镇", paras))
    rows = _rows(stats, doc)
    assert stats.continued(rows["滨江干流青石"], left=False) == 1.0
    assert stats.continued(rows["滨江生态走廊"], left=False) < 0.75
    assert stats.fragment_shares([rows["滨江干流青石"], rows["滨江生态走廊"]])[0].tolist()[0] == 1.0
    terms = _terms(keyphrases(doc, stats, top=20))
    assert "滨江生态走廊" in terms and "滨江干流青石" not in terms


# -- the sorts of the counting pass ---------------------------------------------------------------


def test_stable_order_and_run_sizes_match_a_plain_sort():
    import numpy as np

    from sq_nlp.summaries.keywords.mining import _group_labels, _run_sizes, _stable_order

    rng = np.random.default_rng(7)
    for top in (5, 70_000, 2**40):  # one 16-bit pass, two, three
        a, b = rng.integers(0, top, 3000), rng.integers(0, 4, 3000)
        assert np.array_equal(_stable_order(a, b), np.lexsort((b, a)))
        pairs = list(zip(a.tolist(), b.tolist()))
        seen = {p: pairs.count(p) for p in set(pairs)}
        assert _run_sizes(a, b).tolist() == [seen[p] for p in pairs]
        assert np.array_equal(_group_labels(a), np.unique(a, return_inverse=True)[1])
    assert _run_sizes(np.zeros(0, np.int64)).tolist() == []
    assert _group_labels(np.zeros(0, np.int64)).tolist() == []
    # span hashes: 64 bits, the top one set in half of them (four passes), ties kept in order
    h = rng.integers(0, 2**64 - 1, 3000, dtype=np.uint64, endpoint=True)
    h[::7] = h[0]
    assert np.array_equal(_stable_order(h), np.argsort(h, kind="stable"))


def test_run_sums_match_reduceat():
    # the sums over runs from one running sum, as np.add.reduceat gives them: flags and
    # integers, runs of one, a single run, no values at all
    import numpy as np

    from sq_nlp.summaries.keywords.mining import _sums

    rng = np.random.default_rng(11)
    for n_runs in (1, 7, 500):
        sizes = rng.integers(1, 6, n_runs)
        bounds = np.append(0, np.cumsum(sizes))
        for values in (rng.random(int(sizes.sum())) < 0.3, rng.integers(0, 1000, int(sizes.sum()))):
            found = _sums(values, bounds)
            assert found.dtype == np.int64
            assert np.array_equal(found, np.add.reduceat(values, bounds[:-1], dtype=np.int64))
    assert _sums(np.zeros(0, bool), np.zeros(1, np.int64)).tolist() == []


def test_single_tokens_before_longer_spans_is_the_order_of_one_sort():
    # the linear path (single tokens' small hashes first) and the sort of all
    # spans together give the same order, ties in token order
    import numpy as np

    from sq_nlp.summaries.keywords.mining import _span_order

    rng = np.random.default_rng(3)
    s_pos = np.sort(rng.choice(5000, 800, replace=False))
    s_ids = rng.integers(0, 50, 800)
    # longer spans in token order (start, then length); one phrase, one length
    key = np.unique(rng.integers(0, 5000, 600) * 6 + rng.integers(1, 5, 600))
    m_pos, m_len = key // 6, key % 6 + 1
    m_hash = (np.uint64(2**40) * m_len.astype(np.uint64) + rng.integers(0, 3, len(key)).astype(np.uint64))
    fast = _span_order(s_pos, s_ids, m_pos, m_len, m_hash, 50)
    full = _span_order(s_pos, s_ids, m_pos, m_len, m_hash, 2**64 - 1)  # no hash above: all sorted together
    for x, y in zip(fast, full):
        assert np.array_equal(x, y)
    # the order says where each span stood among the single tokens and the longer spans
    hashes, pos, length, order = fast
    assert np.array_equal(pos, np.concatenate((s_pos, m_pos))[order])
    assert np.array_equal(hashes, np.concatenate(((s_ids + 1).astype(np.uint64), m_hash))[order])


def test_token_ids_follow_the_stream_of_blocks_and_separators():
    # the ids are the order of first appearance in the token stream, a
    # separator after each block, whatever the blocks (empty ones among them,
    # the first one too): the separators are put in place after the tokens are read
    import random

    import numpy as np

    from sq_nlp.summaries.keywords.mining import _SEPARATOR, _vocabulary
    from sq_nlp.summaries.keywords.phrases import TokenClasses

    rng = random.Random(8)
    # spellings that meet once stripped of their quote marks, in either order; a quote mark alone stays itself
    words = ["创新", "“十五五”", "十五五", "‘十五五’", "“创新”", "“", "发展", "，", "新质生产力", "的"]
    for _ in range(400):
        kept = [tuple(rng.choice(words) for _ in range(rng.randrange(0, 5))) for _ in range(rng.randrange(0, 6))]
        stream = [t for toks in kept for t in (*toks, _SEPARATOR)]
        spelled = list(dict.fromkeys(stream))
        plain = list(dict.fromkeys(t.strip("“”‘’") or t for t in spelled))
        lengths = np.array([len(toks) + 1 for toks in kept], dtype=np.int64)
        ids, quoted, voc = _vocabulary(kept, lengths, TokenClasses())
        assert voc["spelled"] == spelled
        assert voc["raw"].tolist() == [spelled.index(t) for t in stream]
        assert voc["words"] == plain
        assert ids.tolist() == [plain.index(t.strip("“”‘’") or t) for t in stream]
        assert quoted.tolist() == [t[:1] in "“‘" and len(t) > 1 for t in stream]
        assert voc["seen"].tolist() == [sum(plain[i] == w for i in ids.tolist()) for w in plain]


def test_block_arrays_follow_each_block_and_its_role():
    # the per-block arrays of the phrase statistics against each block read
    # on its own: random reports, roles of every kind, guiding indices out of
    # range or repeated, a report with more blocks than roles
    import random

    from sq_nlp.summaries.keywords.mining import _flatten
    from sq_nlp.summaries.keywords.phrases import PhraseDocument

    rng = random.Random(21)
    for _ in range(300):
        docs = []
        for k in range(rng.randrange(0, 5)):
            blocks = tuple(tuple("词" * rng.randrange(1, 3) for _ in range(rng.randrange(0, 6)))
                           for _ in range(rng.randrange(0, 6)))
            roles = tuple((rng.random() < 0.3, rng.randrange(0, 4), rng.random() < 0.5, rng.random() < 0.3)
                          for _ in range(max(0, len(blocks) - rng.randrange(0, 2))))
            guiding = tuple(rng.randrange(-1, 7) for _ in range(rng.randrange(0, 3)))
            docs.append(PhraseDocument(path=f"r{k}", region=None, blocks=blocks, roles=roles, guiding=guiding))
        kept, arrays = _flatten(docs)
        rows = [(k, i, toks, role, i in doc.guiding) for k, doc in enumerate(docs)
                for i, (toks, role) in enumerate(zip(doc.blocks, doc.roles))]
        assert kept == [toks for _, _, toks, _, _ in rows]
        assert arrays["doc"].tolist() == [k for k, *_ in rows]
        assert arrays["len"].tolist() == [len(toks) + 1 for _, _, toks, _, _ in rows]
        assert arrays["title"].tolist() == [(role[1] or len(toks)) if role[0] else role[1]
                                            for _, _, toks, role, _ in rows]
        assert arrays["plan"].tolist() == [role[2] for *_, role, _ in rows]
        assert arrays["enum"].tolist() == [role[3] for *_, role, _ in rows]
        assert arrays["guide"].tolist() == [guide for *_, guide in rows]


def test_lead_tokens_is_the_short_first_sentence():
    # the lead sentence against the rule written out by hand: every length,
    # sentence end, empty token and limit
    import random

    from sq_nlp.summaries.keywords.phrases import _lead_tokens

    def by_hand(tokens, limit):
        chars = 0
        for i, tok in enumerate(tokens):
            if tok in ("。", "；", "："):
                return i if chars <= limit and i + 1 < len(tokens) else 0
            chars += len(tok)
            if chars > limit:
                return 0
        return 0

    rng = random.Random(5)
    # a sentence-end character inside a longer token is no sentence end (8:30, “一：二”)
    words = ["加快", "发展", "新质生产力", "。", "；", "：", "", "的", "现代化产业体系", "8:30", "：二", "一："]
    for _ in range(3000):
        tokens = [rng.choice(words) for _ in range(rng.randrange(0, 14))]
        limit = rng.randrange(0, 20)
        expected = by_hand(tokens, limit)
        assert _lead_tokens(tokens, limit) == expected, (tokens, limit)


def test_lists_of_real_reports_do_not_depend_on_how_many_fragment_shares_are_worked_out_at_once(
        shared_corpus, monkeypatch):
    # fragment shares are worked out lazily, only for the rows a list reaches:
    # one row at a time or all of them up front, every list is the same
    from sq_nlp.extract.document import extract_path
    from sq_nlp.summaries.keywords import ranking, region_terms

    names = ("national_china_2023.txt", "national_china_2024.txt", "city_chongqing_2025.txt",
             "city_chongqing_2026.txt")
    docs = [phrase_document(extract_path(shared_corpus / name)) for name in names]

    def lists(batch: int) -> list[list[Keyphrase]]:
        monkeypatch.setattr(ranking, "SHARE_BATCH", batch)
        stats = learn_phrase_stats(docs)
        return [keyphrases(d, stats, mode=mode, top=top, exclude=ex)
                for d in docs for mode, top in (("poster", 100), ("research", 30))
                for ex in ((), region_terms([d.region]))]

    lazy, eager = lists(1), lists(10**9)
    assert lazy == eager
    assert all(len(x) >= 20 for x in lazy)


def test_a_quoted_term_the_same_character_always_follows_stays_whole():
    # “三园两带”的…: the report's quotes mark where the term ends
    paras = ["深刻领悟“三园两带”的意义，落实“三园两带”的部署，推进“三园两带”的建设。",
             "滨江生态走廊建成，滨江生态走廊的绿道贯通，推进滨江生态走廊提质。"]
    doc, stats = _beside_hill_and_port(_report("quoted", "青石镇", paras, slogans=("三园两带",)))
    rows = _rows(stats, doc)
    assert stats.continued(rows["三园两带"], left=False) < 0.75
    assert stats.fragment_shares([rows["三园两带"]])[0].tolist()[0] < 0.75
    assert "“三园两带”" in _terms(keyphrases(doc, stats, top=20))


@pytest.mark.parametrize("first", [0, 1])
def test_a_phrase_keeps_each_reports_own_spelling_whichever_is_spelled_first(first):
    # a phrase is joined once for every report that says it; a report that
    # quotes it keeps its quotes in the surface, one that does not keeps none
    from sq_nlp.summaries.keywords import PhraseDocument

    def doc(path: str, token: str) -> PhraseDocument:
        block = ("深化", token, "经验", "，", "推进", token, "建设", "。")
        return PhraseDocument(path=path, region=None, blocks=(block, block), roles=((False, 0, False, False),) * 2,
                              slogans=("千万工程",))

    docs = [doc("quoted", "“千万工程”"), doc("plain", "千万工程")]
    rows = [_rows(learn_phrase_stats(docs), d)["千万工程"] for d in docs]
    stats = learn_phrase_stats(docs)  # nothing spelled yet: the rows are spelled in the order given
    for k in (first, 1 - first):
        stats.spell([rows[k]])
    assert stats.spelling(rows[0]) == ("千万工程", "“千万工程”")
    assert stats.spelling(rows[1]) == ("千万工程", "千万工程")
    assert stats.arrays["phrase"][rows[0]] == stats.arrays["phrase"][rows[1]]


def _report_years_by_definition(doc_year, region_of, first_copy):
    """peers, later, earlier, after of each report, one report at a time."""
    import numpy as np

    peers = [int(((doc_year == y) & (region_of != region_of[k]) & first_copy).sum()) if y >= 0 else 0
             for k, y in enumerate(doc_year)]
    later = [int(((doc_year >= y) & first_copy).sum()) if y >= 0 else 0 for y in doc_year]
    earlier = [bool(((doc_year >= 0) & (doc_year < y) & (region_of == region_of[k])).any()) if y >= 0 else False
               for k, y in enumerate(doc_year)]
    after = [int(((doc_year > y) & first_copy).sum()) if y >= 0 else 0 for y in doc_year]
    return [np.array(peers, dtype=np.int64), np.array(later, dtype=np.int64), np.array(earlier, dtype=bool),
            np.array(after, dtype=np.int64)]


def test_report_year_counts_are_those_of_each_report_counted_alone():
    # peers, reports of a year and later, of later years and an earlier report
    # of the region are counted by year and region at once: the same as
    # counting report by report, whatever the mix of years (unknown: -1),
    # regions and second copies (not first_copy)
    import numpy as np

    from sq_nlp.summaries.keywords.mining import _report_years

    table = [
        ([], [], []),
        ([2024], [0], [True]),
        ([-1, -1], [0, 1], [True, True]),
        ([2024, 2024, 2025, 2023], [0, 1, 0, 0], [True, True, True, False]),  # a second copy of 2023
        ([2025, 2024, 2024, 2026, -1], [0, 0, 1, 1, 2], [True, True, True, True, True]),
    ]
    rng = np.random.default_rng(13)
    for _ in range(200):
        n = int(rng.integers(1, 10))
        table.append((rng.choice([-1, 2019, 2020, 2024], n).tolist(), rng.integers(0, 4, n).tolist(),
                      (rng.random(n) < 0.8).tolist()))
    for years, regions, first in table:
        args = (np.array(years, dtype=np.int64), np.array(regions, dtype=np.int64), np.array(first, dtype=bool))
        for got, want in zip(_report_years(*args), _report_years_by_definition(*args)):
            assert got.dtype == want.dtype and got.tolist() == want.tolist(), (years, regions, first)


def _numbered(report: Extraction, *terms: str) -> Extraction:
    """``report`` with ``terms`` as numbered formulas of the slogan stage."""
    extra = tuple(Slogan(term=t, kind="numbered", count=None, expansion=(), expansion_source=None,
                         count_matches=None, occurrences=report.document.text.count(t), spans=()) for t in terms)
    return Extraction(document=report.document, blocks=report.blocks, slogans=report.slogans + extra)


def test_a_formula_spelled_out_by_the_enumerated_titles_is_named_by_each():
    # “四个加快” is said once, then four enumerated lead sentences each name its head
    # (一是加快…): the titles name the formula; “三个统筹”, said once, heads no title
    paras = ["今年要实现“四个加快”，做到“三个统筹”。",
             "一是加快建设滨江生态走廊。推进滨江生态走廊提质扩容。",
             "二是加快发展临港物流。企业服务持续优化，新增绿地12公顷。",
             "三是加快培育茶旅融合。茶旅融合示范带带动就业。",
             "四是加快完善公共服务。推进高质量发展，企业活力增强。"]
    report = _numbered(_report("four", "青石镇", paras), "四个加快", "三个统筹")
    docs = [phrase_document(e) for e in (report, HILL, PORT)]
    from sq_nlp.summaries.keywords.mining import _named_by_titles

    titles = [p.split("。")[0] for p in paras[1:]]  # the four lead sentences (the statistics find them)
    assert _named_by_titles(docs[0], titles) == {"四个加快": 4}
    assert _named_by_titles(docs[0], titles[:3]) == {}  # three titles name no formula of four
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[0])
    assert stats.arrays["title"][rows["四个加快"]] == 4 and stats.arrays["count"][rows["四个加快"]] == 5
    assert "“四个加快”" in _terms(keyphrases(docs[0], stats, top=5))


def test_a_quoted_term_continued_by_words_that_make_no_phrase_is_the_name():
    # “三园两带”总要求: 总 continues it every time, but 总|要求 closes no
    # phrase, so the quoted term is what the report names; continued by a
    # noun that does make one (“双千”计划), the longer phrase is the name
    paras = ["坚持“三园两带”总要求，把“三园两带”总要求贯穿全过程，落实“三园两带”总要求。",
             "实施“双千”计划，“双千”计划覆盖全镇，推进“双千”计划提质。",
             "滨江生态走廊建成，滨江生态走廊的绿道贯通，推进滨江生态走廊提质。"]
    doc, stats = _beside_hill_and_port(_report("framed", "青石镇", paras, slogans=("三园两带", "双千")))
    rows = _rows(stats, doc)
    assert stats.fragment_shares([rows["三园两带"]])[0].tolist()[0] >= 0.75  # a fragment by its neighbours
    terms = _terms(keyphrases(doc, stats, top=20))
    assert "“三园两带”" in terms
    assert "“双千”计划" in terms and "“双千”" not in terms


def test_a_city_standing_alone_is_no_keyphrase_a_programme_named_after_it_is():
    # a report names its cities where work is done (鄂尔多斯 said often);
    # the poster prints what is done, and a programme headed by a place stays
    paras = ["鄂尔多斯新建煤化工项目，鄂尔多斯推进滨江生态走廊提质，鄂尔多斯企业参与滨江生态走廊建设。",
             "呼和浩特推进“三园两带”建设，呼和浩特“三园两带”成为发展主线。",
             "鄂尔多斯、呼和浩特两地新增绿地12公顷，建设鄂尔多斯零碳产业园，鄂尔多斯零碳产业园投产。"]
    doc, stats = _beside_hill_and_port(
        _report("north", "内蒙古自治区", paras, headings=("一、打造滨江生态走廊",), slogans=("三园两带",)))
    assert _rows(stats, doc).keys() >= {"鄂尔多斯", "呼和浩特"}  # candidates, said often
    for mode in ("poster", "research"):
        terms = _terms(keyphrases(doc, stats, mode=mode, top=20))
        assert "鄂尔多斯" not in terms and "呼和浩特" not in terms, (mode, terms)
    assert "鄂尔多斯零碳产业园" in _terms(keyphrases(doc, stats, top=20))


def test_a_generic_verbal_noun_heads_a_compound_after_a_verb_and_ends_it():
    # 发展 takes an object (推进 发展 …) and so ends any phrase, but after a
    # verb or verbal noun it is the head of their compound: 老区 振兴 发展
    paras = ["推进老区振兴发展，老区振兴发展迈上新台阶，深化老区振兴发展机制。",
             "推进滨江生态走廊建设，滨江生态走廊提质，发展滨江生态走廊产业。"]
    doc, stats = _beside_hill_and_port(_report("joint", "青石镇", paras, headings=("一、深化老区振兴发展",)))
    rows = _rows(stats, doc)
    assert "老区振兴发展" in rows
    assert [t for t in rows if t.endswith("发展")] == ["老区振兴发展"]  # 推进|发展, 深化|…: none
    assert not any(t.startswith("老区振兴发展") and t != "老区振兴发展" for t in rows)  # it ends the phrase
    assert "老区振兴发展" in _terms(keyphrases(doc, stats, top=20))


def test_the_corpus_tokens_are_the_blocks_tokens_each_followed_by_a_break(corpus):
    # kept as ids into the distinct spellings: read back one by one, as
    # slices and joined, they are the reports' own tokens
    import numpy as np

    docs, stats = corpus
    flat = [t for d in docs for block in d.blocks for t in (*block, "\n")]
    tokens = stats.tokens
    assert len(tokens) == len(flat)
    assert [tokens[i] for i in range(len(flat))] == flat
    assert tokens[3:17] == flat[3:17]
    start = np.array([0, 5, 9, 9, len(flat) - 1])
    stop = np.array([1, 11, 10, 9, len(flat)])
    assert stats.tokens.joined(start, stop).tolist() == ["".join(flat[a:b]) for a, b in zip(start, stop)]
    assert stats.tokens.joined(start[:3] * 0 + 4, start[:3] * 0 + 5).tolist() == [flat[4]] * 3


_GUIDE = ("今年政府工作的总体要求是：以习近平新时代中国特色社会主义思想为指导，坚持稳中求进工作总基调，"
          "围绕打造“三大高地”，推动高质量发展。")


@pytest.mark.parametrize("paragraph, guiding", [
    (_GUIDE, True),
    # 为指导 alone (a plan guided by a policy) or 总基调 alone: no statement of the year's guidance
    ("以规划为指导，围绕打造“三大高地”，推动高质量发展。", False),
    ("坚持稳中求进工作总基调，围绕打造“三大高地”，推动高质量发展。", False),
])
def test_the_paragraph_saying_what_guides_the_years_work_is_marked(paragraph, guiding):
    ex = _report("guide", "某县", ["各位代表：现在我代表县人民政府作报告。", paragraph, "推进城乡融合，提升县城品质。"],
                 headings=("二、2025年工作安排",))
    assert phrase_document(ex).guiding == ((2,) if guiding else ())


def test_a_quoted_term_of_the_guiding_paragraph_outranks_one_said_as_often_elsewhere():
    from sq_nlp.summaries.keywords.ranking import poster_scores

    def scores_of(guide: str):
        ex = _report("frame", "某县", [guide, "加快建设“四个走廊”，推进城乡融合。", "城乡融合持续推进。"],
                     headings=("二、2025年工作安排",), slogans=("三大高地", "四个走廊"))
        doc, stats = _beside_hill_and_port(ex)
        rows, first = _rows(stats, doc), stats.rows(doc.path).start
        scores = poster_scores(stats, stats.rows(doc.path))
        return scores[rows["三大高地"] - first], scores[rows["四个走廊"] - first]

    frame, other = scores_of(_GUIDE)
    assert frame > other
    # the same paragraph guiding nothing: both said once in the plan part, scored alike
    frame, other = scores_of(_GUIDE.replace("为指导", "为引领").replace("总体要求", "主要目标").replace("总基调", "主基调"))
    assert frame == pytest.approx(other)


def test_a_party_meeting_a_speech_and_their_spirit_are_never_keyphrases():
    paragraphs = [f"深入学习贯彻党的二十届二中全会精神和重要讲话精神，{t}滨海湿地公园建设。"
                  for t in ("加快", "推进", "完善")] + ["认真落实二十届历次全会部署，建好滨海湿地公园。"]
    ex = _report("meeting", "某县", paragraphs, headings=("一、贯彻落实重要指示精神",))
    terms = [p.term for p in keyphrases_of([ex, HILL, RIVER], top=20)[0]]
    assert any("滨海湿地公园" in t for t in terms), terms
    assert not [t for t in terms if "届" in t or t.endswith(("精神", "全会"))], terms


def test_a_five_year_plan_is_the_theme_of_the_report_that_opens_it():
    # 十五五 runs 2026-2030: the 2026 report makes it its theme; the 2025
    # report drafts it (编制“十五五”规划) and reviews 十四五, its frame
    def report(year: int) -> Extraction:
        paras = ["科学编制“十五五”规划，谋划“十五五”重大项目。", "“十五五”开局起步，滨江生态走廊建成。",
                 "回顾“十四五”，“十四五”目标任务完成，滨江生态走廊延伸。"]
        return _year(_report(f"plan{year}", "某市", paras, headings=("一、“十五五”开好局",)), year)

    docs = [phrase_document(e) for e in (report(2025), report(2026), HILL, PORT)]
    stats = learn_phrase_stats(docs)
    listed = {d.year: [strip_quotes(t) for t in _terms(keyphrases(d, stats, top=10))] for d in docs[:2]}
    assert "十五五" in listed[2026] and "十五五" not in listed[2025]
    assert not any(t.startswith(("十四五", "十五五")) for t in listed[2025])
    assert "滨江生态走廊" in listed[2025]
    # the research mode tells what sets the report apart, the frame as well
    research = [strip_quotes(t) for t in _terms(keyphrases(docs[0], stats, mode="research", top=10))]
    assert any(t.startswith("十五五") for t in research)


def test_a_short_word_the_report_dwells_on_is_its_theme_not_one_many_reports_say():
    # 稀土 (a dictionary noun of two characters) said in every paragraph of one
    # report only; 园区 said as often in every report; 强省 no dictionary word
    after = ["资源", "冶炼", "永磁", "催化", "储氢", "抛光"]
    mine = [f"做好稀土文章第{k}段，稀土{w}项目投产，{'稀土产量提高，' if k % 2 else ''}科技强省建设提速。"
            for k, w in enumerate(after)]
    others = [_report(f"o{k}", f"乙{k}市", [f"园区建设第{j}段，园区扩容{k}处，滨江生态走廊延伸。" for j in range(6)])
              for k in range(5)]
    docs = [phrase_document(e) for e in [_report("rare", "甲市", mine)] + others]
    stats = learn_phrase_stats(docs)
    listed = _terms(keyphrases(docs[0], stats, top=20))
    assert "稀土" in listed
    assert "强省" not in listed and "园区" not in _terms(keyphrases(docs[1], stats, top=20))
    # a longer name that says a third of it is the theme's name (稀土产业, 12 of 24)
    named = [f"做好稀土文章第{k}段，稀土{w}项目投产，发展稀土产业，壮大稀土产业。" for k, w in enumerate(after)]
    docs = [phrase_document(e) for e in [_report("rare", "甲市", named)] + others]
    stats = learn_phrase_stats(docs)
    listed = _terms(keyphrases(docs[0], stats, top=20))
    assert "稀土产业" in listed and "稀土" not in listed
    # fewer than ten times is no dwelling on it
    few = [f"做好稀土文章第{k}段，科技强省建设提速。" for k in range(6)]
    docs = [phrase_document(e) for e in [_report("rare", "甲市", few)] + others]
    stats = learn_phrase_stats(docs)
    assert "稀土" not in _terms(keyphrases(docs[0], stats, top=20))


def test_a_formula_half_the_years_other_reports_say_is_national_shorthand():
    from sq_nlp.summaries.keywords.ranking import poster_scores

    def report(k: int, own: str) -> Extraction:
        paras = [f"推进“两重”建设，实施“{own}”工程。", f"“{own}”成效明显，“两重”资金到位。"]
        return _report(f"n{k}", f"丙{k}市", paras, slogans=("两重", own))

    owns = ["三园两带", "四港联动", "五区共兴", "六廊并进", "七链协同"]
    docs = [phrase_document(e) for e in (report(k, own) for k, own in enumerate(owns))]
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[0])
    first = stats.rows(docs[0].path).start
    scores = poster_scores(stats, stats.rows(docs[0].path))
    a = stats.arrays
    assert a["count"][rows["两重"]] == a["count"][rows["三园两带"]] and a["year_df"][rows["两重"]] == 5
    # said as often, the region's own formula outranks the year's national shorthand
    assert scores[rows["三园两带"] - first] > scores[rows["两重"] - first]

    # the national shorthand yields a little (NATIONAL_PRIOR) to every phrase of the region's own
    from sq_nlp.summaries.keywords import ranking

    plain = ranking._poster_scores(a, stats.n_docs)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ranking, "NATIONAL_PRIOR", 1.0)
        without = ranking._poster_scores(a, stats.n_docs)
    assert plain[rows["两重"]] == pytest.approx(ranking.NATIONAL_PRIOR * without[rows["两重"]])
    assert plain[rows["三园两带"]] == without[rows["三园两带"]] and ranking.NATIONAL_PRIOR < 1.0


def test_the_regions_own_name_continues_a_phrase_on_the_right_only():
    # 谱写中国式现代化|甲市篇章: the region's own name after a phrase makes it a piece of the
    # longer name; before one (甲市|滨江生态走廊) it continues nothing: the poster leaves it out
    import numpy as np

    paras = [f"谱写中国式现代化甲市篇章，甲市滨江生态走廊建成{k}段。" for k in range(4)]
    docs = [phrase_document(e) for e in (_report("own", "甲市", paras), HILL, PORT, RIVER)]
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[0])
    own = frozenset({stats.word_id["甲市"]})
    right, either = stats.fragment_shares(np.array([rows["中国式现代化"], rows["滨江生态走廊"]]), own)
    assert right[0] == either[0] == 1.0
    assert either[1] == 0.0
    assert stats.continued(rows["中国式现代化"], ignore=own) == 1.0
    assert stats.continued(rows["滨江生态走廊"], ignore=own) == 0.0


def test_a_regions_own_wording_of_a_national_phrase_takes_its_place(shared_corpus):
    # the 2026 reports say 高质量发展; 黑龙江 says it its own way about as often
    # (高质量振兴发展, 20 times to 21; no other region does): its wording stands
    # where the national phrase stood, the other reports keep the national one
    from sq_nlp.extract.document import extract_path
    from sq_nlp.summaries.keywords import region_terms

    paths = sorted(p for p in shared_corpus.rglob("*") if p.suffix in (".txt", ".docx"))
    paths.sort(key=lambda p: not p.name.startswith("黑龙江省_2026"))
    docs = [phrase_document(extract_path(p)) for p in paths]
    stats = learn_phrase_stats(docs)
    lists = [_terms(keyphrases(d, stats, top=20, exclude=region_terms([d.region]))) for d in docs]
    assert "高质量振兴发展" in lists[0] and "高质量发展" not in lists[0]
    assert any("高质量发展" in t for t, d in zip(lists[1:], docs[1:]) if d.year == 2026)
    # decided when the national phrase is picked: a shorter list is the head of a longer one
    # (黑龙江 2025 says 高质量振兴发展 below its 20th phrase)
    for d in docs:
        for mode in ("poster", "research"):
            ex = region_terms([d.region])
            assert keyphrases(d, stats, mode=mode, top=20, exclude=ex) == \
                keyphrases(d, stats, mode=mode, top=100, exclude=ex)[:20], (d.path, mode)


def test_a_quoted_label_goes_by_its_whole_name_and_a_modifier_is_no_part_of_a_quoted_name():
    # “3815”战略 is only ever said as “3815”战略发展目标; 高水平“天府粮仓” is “天府粮仓”
    paras = [f"锚定“3815”战略发展目标第{k}段，建设高水平“天府粮仓”，滨江生态走廊延伸。" for k in range(3)]
    paras.append("“天府粮仓”建设提速。")
    docs = [phrase_document(e) for e in (_report("label", "甲市", paras, slogans=("3815", "天府粮仓")),
                                         HILL, PORT, RIVER)]
    stats = learn_phrase_stats(docs)
    listed = _terms(keyphrases(docs[0], stats, top=10))
    assert "“3815”战略发展目标" in listed and "“3815”战略" not in listed
    assert "“天府粮仓”" in listed and "高水平“天府粮仓”" not in listed


def test_an_evergreen_phrase_the_report_stresses_keeps_its_whole_weight():
    # every year says 营商环境 once beside its own programme; one report says it
    # seven times, at many times the store's rate: there it is the theme,
    # elsewhere boilerplate below the year's programme
    def report(y: int, programme: str, stress: bool) -> Extraction:
        paras = [f"优化营商环境，推进第{y - 2000}批项目。"]
        paras += ["完善基础设施，提升公共服务水平，办好民生实事，稳定粮食生产，保障能源供应。"] * 3
        paras += [f"加快建设{programme}，{programme}提质扩容。"] * 2
        if stress:
            paras += [f"营商环境{w}，{w}见效，营商环境更优。" for w in ("对标一流", "法治保障", "政务服务")]
        return _year(_report(f"s{y}", "某省", paras), y)

    programmes = {2024: "茶旅融合示范带", 2025: "临港物流枢纽"}
    docs = [phrase_document(report(y, programmes.get(y, "滨江生态走廊"), stress=y == 2025)) for y in range(2015, 2026)]
    stats = learn_phrase_stats(docs)
    for doc, programme, stressed in ((docs[-1], "临港物流枢纽", True), (docs[-2], "茶旅融合示范带", False)):
        top = _terms(keyphrases(doc, stats, top=10))
        assert "营商环境" in top and top[0] == ("营商环境" if stressed else programme), top


def test_a_direction_word_opens_the_phrase_it_modifies():
    # 向西|向南|开放|战略|高地: the directions are the name's own words; a
    # one-character localizer (上, 内) stays a function word
    from sq_nlp.summaries.keywords.phrases import TokenClasses

    classes = TokenClasses()
    assert classes["北方"] == classes["向西"] == "A"
    assert classes["上"] != "A"
    paras = ["打造向西向南开放战略高地，开通班列。", "建设向西向南开放战略高地，口岸扩能。",
             "治理沙化土地三万亩，沙化土地减少。"]
    docs = [phrase_document(e) for e in (_report("dir", "甲市", paras), HILL, PORT, RIVER)]
    stats = learn_phrase_stats(docs)
    listed = _terms(keyphrases(docs[0], stats, top=10))
    assert "向西向南开放战略高地" in listed and "战略高地" not in listed


def test_a_dictionary_word_ending_in_a_generic_noun_is_headed_by_it():
    # 服务体系 is one word of jieba's dictionary, 服务|体系 as two would be a
    # phrase headed by the generic 体系; the project's words and the report's
    # slogans are names whatever they end in
    paras = ["完善服务体系，构建现代化产业体系，落实“十项机制”。", "服务体系更加健全，现代化产业体系加快形成，“十项机制”见效。"]
    docs = [phrase_document(e) for e in (_report("fused", "甲市", paras, slogans=("十项机制",)), HILL, PORT)]
    stats = learn_phrase_stats(docs)
    rows = _rows(stats, docs[0])
    head = stats.arrays["generic_head"]
    assert head[rows["服务体系"]]
    assert not head[rows["现代化产业体系"]] and not head[rows["十项机制"]]


@pytest.mark.parametrize("tokens, surface, shown", [
    (("AI", "PC"), "AIPC", "AI PC"),              # two Latin words the text writes apart
    (("5", "G", "基站"), "5G基站", "5G基站"),       # letters beside digits: the tokenizer's own split
    (("AI", "手机"), "AI手机", "AI手机"),
    (("“", "A", "超", "”"), "“A超”", "“A超”"),
])
def test_a_phrase_keeps_the_space_between_latin_words(tokens, surface, shown):
    from sq_nlp.summaries.keywords.ranking import _spaced

    assert _spaced(tokens, surface) == shown


def test_a_region_s_positioning_is_told_from_a_facility_and_from_a_project(monkeypatch):
    # the role the region is to take, named with its scope (向北开放重要桥头堡), against a
    # facility (物流枢纽) and a positioning with a project after it (…目的地青海湖示范区)
    from sq_nlp.summaries.keywords import ranking

    doc, stats = _beside_hill_and_port(_report("role", "某省", [
        "加快建设向北开放重要桥头堡，新建物流枢纽两个。", "向北开放重要桥头堡功能增强，物流枢纽投入运营。",
        "创建国际生态旅游目的地青海湖示范区，滨江生态走廊延伸。",
        "国际生态旅游目的地青海湖示范区通过验收，滨江生态走廊开放。"]))
    rows = _rows(stats, doc)
    a = stats.arrays
    assert a["positioning"][rows["向北开放重要桥头堡"]]
    assert not a["positioning"][rows["物流枢纽"]]
    assert not a["positioning"][rows["国际生态旅游目的地青海湖示范区"]]
    assert not a["positioning"][rows["滨江生态走廊"]]
    first = stats.rows(doc.path).start
    weighed = ranking.poster_scores(stats, stats.rows(doc.path))
    stats.memo.pop("poster_scores")  # worked out again without the prior
    monkeypatch.setattr(ranking, "POSITIONING_PRIOR", 1.0)
    plain = ranking.poster_scores(stats, stats.rows(doc.path))
    role, facility = rows["向北开放重要桥头堡"] - first, rows["物流枢纽"] - first
    assert weighed[role] == pytest.approx(2.0 * plain[role]) and weighed[role] > 0
    assert weighed[facility] == plain[facility]


def test_a_role_said_twice_stands_where_a_facility_said_twice_does_not():
    # a phrase of one report said twice in no title is a collocation, unless it is the role the
    # region is given, its weight stated (向北开放|重要|窗口); a facility's name states none
    doc, stats = _beside_hill_and_port(_report("window", "某省", [
        "打造向北开放重要窗口，支持材料实验室沿江基地建设。",
        "向北开放重要窗口作用凸显，材料实验室沿江基地投入运行。",
        *["推进高质量发展，企业服务持续优化，稳步扩大有效投资，提升群众生活品质，办好民生实事。"] * 50]))
    rows = _rows(stats, doc)
    assert stats.arrays["positioning"][rows["向北开放重要窗口"]]
    assert stats.arrays["positioning"][rows["材料实验室沿江基地"]]
    terms = _terms(keyphrases(doc, stats, mode="poster", top=20))
    assert "向北开放重要窗口" in terms
    assert not any("实验室" in t and "基地" in t for t in terms)


@pytest.fixture(scope="module")
def background():
    """The shipped background reports by region and year, and their statistics."""
    from sq_nlp.summaries.keywords.background import background_documents

    docs = list(background_documents())
    return {(d.region, d.year): d for d in docs}, learn_phrase_stats(docs)


def test_a_role_the_report_counts_is_no_positioning(background):
    # 云南 2026: 创建…3个骨干冷链物流基地 (a kind of facility), 四川 2026: 全国首批高质量户外运动目的地 (a title
    # places win); the roles they take are said without a count (长江黄河上游生态屏障)
    by, stats = background
    for region, counted, role in (("云南省", "骨干冷链物流基地", None),
                                  ("四川省", "高质量户外运动目的地", "长江黄河上游生态屏障")):
        rows = _rows(stats, by[region, 2026])
        assert not stats.arrays["positioning"][rows[counted]]
        assert role is None or stats.arrays["positioning"][rows[role]]


def test_an_adverbial_before_a_verb_makes_a_clause_not_a_name():
    # the task title 全方位夯实粮食安全根基 is a clause: its object stands instead
    doc, stats = _beside_hill_and_port(_report("clause", "某省", [
        "全方位夯实粮食安全根基，粮食产量稳定。", "全方位夯实粮食安全根基，耕地保护加强。",
        "全方位夯实粮食安全根基，种业振兴推进。"], headings=("（一）全方位夯实粮食安全根基",)))
    assert "全方位夯实粮食安全根基" in _rows(stats, doc)  # a candidate, barred by the rule
    terms = [k.term for k in keyphrases(doc, stats, top=10)]
    assert "粮食安全根基" in terms and "全方位夯实粮食安全根基" not in terms


def test_a_label_before_a_verb_stays_a_name():
    # “11228”开放体系 (宁夏 2026): the quoted number labels the name, it modifies no verb
    from sq_nlp.summaries.keywords.background import background_documents

    docs = list(background_documents())
    (nx,) = [d for d in docs if d.region == "宁夏回族自治区" and d.year == 2026]
    terms = [k.term for k in keyphrases(nx, learn_phrase_stats(docs), top=100)]
    assert "“11228”开放体系" in terms



def test_a_headings_clause_goes_by_its_object(background):
    # A task heading's sentence said once is no name: 吉林 2026's （六）坚持民生为大，用心用情用力增进人民福祉
    # shows as 人民福祉 (none of the clause's other pieces), 辽宁 2026's 更大力度释放内需潜力 not at all;
    # after the heading's verb a name with a verb inside stays (宁夏 2025's 持续深化|住房安居宜居工程)
    by, stats = background
    jl, ln, nx = by["吉林省", 2026], by["辽宁省", 2026], by["宁夏回族自治区", 2025]
    rows = _rows(stats, jl)
    assert "用心用情用力增进人民福祉" in rows  # a candidate, standing for its object
    jl_terms = [k.term for k in keyphrases(jl, stats, top=100)]
    assert "人民福祉" in jl_terms[:20]
    assert not any("用心" in t or "增进" in t for t in jl_terms)
    assert not any("释放内需潜力" in k.term for k in keyphrases(ln, stats, top=100))
    assert "住房安居宜居工程" in [k.term for k in keyphrases(nx, stats, top=20)]


def test_a_word_the_segmenter_coins_stands_when_said_often_and_never_cut_short(background):
    # 秦创原 (陕西 2026, three times) no dictionary lists is a name; 联农带 (the tokenizer's cut of
    # 联农带农 and 联农带户, a lone character after it each time) is a longer word cut short; said
    # twice, a coinage does not stand (数智化)
    by, stats = background
    assert "秦创原" in [k.term for k in keyphrases(by["陕西省", 2026], stats, top=20)]
    doc, stats = _beside_hill_and_port(_report("coined", "某省", [
        "建设秦创原创新驱动平台，秦创原集聚企业，依托秦创原孵化项目。",
        "推进联农带农机制，联农带户成效明显，完善联农带农利益联结。",
        "推广数智化改造，数智化转型提速。"]))
    terms = [k.term for k in keyphrases(doc, stats, top=30)]
    assert "秦创原" in terms
    assert "联农带" not in terms and "数智化" not in terms


def test_a_fixed_expression_stands_only_as_a_headings_theme(background):
    # 长治久安 (a fixed expression of the general dictionary) heads 西藏 2026's and 新疆 2025's
    # work and recurs; 紧紧围绕 and 高度重视, said as often but in no heading, never stand
    by, stats = background
    for region, year in (("西藏自治区", 2026), ("新疆维吾尔自治区", 2025)):
        assert "长治久安" in [k.term for k in keyphrases(by[region, year], stats, top=20)]
    doc, stats = _beside_hill_and_port(_report("fixed", "某省", [
        "紧紧围绕高质量发展，高度重视民生。", "紧紧围绕乡村振兴，高度重视粮食生产。", "紧紧围绕改革开放，高度重视安全生产。"],
        headings=("（一）推进中心工作",)))
    terms = [k.term for k in keyphrases(doc, stats, top=30)]
    assert "高度重视" not in terms and "紧紧围绕" not in terms


def test_a_verb_and_the_new_state_it_brings_close_a_clause(background):
    # 推动生态文明建设排头兵展现新面貌 (云南 2025), 经济实力跃上新台阶 (新疆 2026), 迈上新台阶 (重庆 2026):
    # a verb and its 新X (新面貌, 新台阶) say what the work achieves, no name
    by, stats = background
    for region, year, clause in (("云南省", 2025, "展现新面貌"), ("新疆维吾尔自治区", 2026, "新台阶"),
                                 ("重庆市", 2026, "新台阶")):
        rows = _rows(stats, by[region, year])
        assert any(t.endswith(clause) for t in rows)  # a candidate, barred
        assert not any(k.term.endswith(clause) for k in keyphrases(by[region, year], stats, top=100))


def test_a_new_state_said_only_after_a_verb_is_what_the_work_achieves(background):
    # 云南 2025: 推动民族团结进步示范区建设结出新硕果 (新|硕果, after 结出 each time); 黑龙江 2026's
    # 经济发展新引擎 is a name (no verb before it)
    by, stats = background
    assert "新硕果" in _rows(stats, by["云南省", 2025])
    assert "新硕果" not in [k.term for k in keyphrases(by["云南省", 2025], stats, top=100)]
    assert "新引擎" in [k.term for k in keyphrases(by["黑龙江省", 2026], stats, top=100)]


def test_a_dictionary_word_of_two_basic_words_is_generic_where_many_reports_say_it(background):
    # 服务平台 (服务|平台), 行动计划 and 重大项目 are words of jieba's dictionary made of two basic
    # words: more than half the reports say them, as they would 服务 平台 split (辽宁 2026 put
    # 服务平台 seventh in its top 20); 有色金属 (有色|金属), which few reports say, stays a theme
    from sq_nlp.summaries.keywords.background import background_documents

    by, stats = background
    rows = _rows(stats, by["辽宁省", 2026])
    assert stats.arrays["df"][rows["服务平台"]] >= stats.n_docs / 2  # a candidate many reports say
    for doc in by.values():
        top = [k.term for k in keyphrases(doc, stats, top=20)]
        assert not {"服务平台", "行动计划", "重大项目"} & set(top), (doc.region, doc.year)
    # a verb and its object (扩大|内需) is a task the report sets, no compound noun
    assert "扩大内需" in [k.term for k in keyphrases(by["全国", 2021], stats, top=20)]
    mine = phrase_document(_report("metals", "某省", [
        "做强有色金属产业，有色金属精深加工提速。", "有色金属新材料基地开工，有色金属回收利用。",
        "稳定有色金属产能。"]))
    docs = [*background_documents(), mine]
    stats = learn_phrase_stats(docs)
    assert stats.arrays["df"][_rows(stats, mine)["有色金属"]] < stats.n_docs / 2
    assert "有色金属" in [k.term for k in keyphrases(mine, stats, top=10)]


def test_a_regions_brand_is_a_candidate_however_rarely_said(background):
    # 江西 2025 names 美丽江西 once, in a heading; alone in its store (the background's 江西
    # reports left out, as for a region the package does not ship) it is still its brand
    from sq_nlp.summaries.keywords import region_terms
    from sq_nlp.summaries.keywords.background import with_background

    by, _ = background
    jx = by["江西省", 2025]
    docs = with_background([jx], [d for d in by.values() if d.region != jx.region])
    stats = learn_phrase_stats(docs)
    assert stats.arrays["count"][_rows(stats, jx)["美丽江西"]] == 1
    assert "美丽江西" in [k.term for k in keyphrases(jx, stats, top=20, exclude=region_terms([jx.region]))]


def test_a_phrase_holding_the_reports_own_time_is_no_name(background):
    # 上海 2026: 综合各方面因素，建议今年全市经济社会发展的主要预期目标是 (a lead sentence): the
    # candidate 建议今年全市经济社会 stood in its top 100 (its cloud); 今年 is told from the
    # report's date, no name holds it. 未来产业 (未来: a time word, but no deixis) stays.
    by, stats = background
    sh = by["上海市", 2026]
    assert "建议今年全市经济社会" in _rows(stats, sh)
    terms = [k.term for k in keyphrases(sh, stats, top=100)]
    assert not any("今年" in t for t in terms)
    assert "未来产业" in [k.term for k in keyphrases(by["全国", 2024], stats, top=20)]


def test_a_phrase_ending_in_a_manner_word_is_no_name(background):
    # 上海 2026's heading （五）着力推动城市内涵式发展: 内涵式 modifies 发展, so 城市内涵式 stood
    # 23rd in its top 100 as a name it is not
    by, stats = background
    sh = by["上海市", 2026]
    assert "城市内涵式" in _rows(stats, sh)
    assert "城市内涵式" not in [k.term for k in keyphrases(sh, stats, top=100)]


def test_a_manner_and_its_verb_close_a_predicate(background):
    # 向…表示诚挚感谢 (national 2015, 2020, 2021, 2023) and 严密防范 (四川 2025) stood in top 100s:
    # how a verb is done and the verb make a predicate, no name
    by, stats = background
    for region, year, predicate in (("全国", 2015, "诚挚感谢"), ("四川省", 2025, "严密防范")):
        assert predicate in _rows(stats, by[region, year])
        assert predicate not in [k.term for k in keyphrases(by[region, year], stats, top=100)]


def test_a_foundation_or_a_bottom_line_is_a_generic_head(background):
    # 守牢安全底线, 夯实社会治理根基, 守住不发生系统性风险底线: 根基 and 底线 frame a theme as 体系
    # and 机制 do, they name none (辽宁 2025's top 20 held 安全底线 and 社会治理根基, 云南 2025's
    # 系统性风险底线)
    by, stats = background
    assert {"安全底线", "社会治理根基"} <= set(_rows(stats, by["辽宁省", 2025]))
    for region, year in (("辽宁省", 2025), ("云南省", 2025), ("青海省", 2025)):
        top = [k.term for k in keyphrases(by[region, year], stats, top=20)]
        assert not any(t.endswith(("根基", "底线")) for t in top), (region, top)


def test_a_party_or_state_organ_is_no_theme(background):
    # 自治区党委, 自治区人民政府, 政协民主监督 (宁夏 2026's top 100) and 中共上海市委 (上海 2026's)
    # name who does the work or oversees it; 数字政府 and 法治政府 are programmes and stay
    by, stats = background
    for region, year in (("宁夏回族自治区", 2026), ("上海市", 2026)):
        rows = _rows(stats, by[region, year])
        assert {"自治区党委", "中共上海市委"} & set(rows)
        terms = [k.term for k in keyphrases(by[region, year], stats, top=100)]
        assert not any(o in t for t in terms for o in ("党委", "市委", "人民政府", "政协")), terms
    assert "法治政府" in [k.term for k in keyphrases(by["宁夏回族自治区", 2026], stats, top=100)]


def test_a_regions_own_names_are_its_name(background):
    # 黑龙江 2026 calls its province 龙江 (14 times: 龙江振兴, “六个龙江”); alone in its store it
    # stood fifth in the top 20 and, as the fragment of “六个龙江”, kept that formula out of it
    from sq_nlp.summaries.keywords import region_terms
    from sq_nlp.summaries.keywords.background import with_background

    by, stats = background
    hlj = by["黑龙江省", 2026]
    alone = learn_phrase_stats(with_background([hlj], [d for d in by.values() if d.region != hlj.region]))
    top = [strip_quotes(k.term) for k in keyphrases(hlj, alone, top=20, exclude=region_terms([hlj.region]))]
    assert "龙江" not in top and "六个龙江" in top
    # 新疆 2026 says 新疆社会稳定和长治久安: 新疆|社会, each time continued, stood 14th; a name of the
    # region's own (北疆文化 of 内蒙古 2025: 内蒙古's 北疆, closed) stays
    xj = by["新疆维吾尔自治区", 2026]
    assert stats.arrays["count"][_rows(stats, xj)["新疆社会"]] >= 2
    assert "新疆社会" not in [k.term for k in keyphrases(xj, stats, top=100, exclude=region_terms([xj.region]))]
    nm = by["内蒙古自治区", 2025]
    assert "北疆文化" in [k.term for k in keyphrases(nm, stats, top=20, exclude=region_terms([nm.region]))]


def test_a_phrase_that_counts_what_it_names_is_an_enumerated_programme(background):
    # 广西 2026 says 制造业十大现代化支柱产业 twice (no other report), 内蒙古 2026 “三北”工程三大标志性战役:
    # a count before the noun (十大, 三大) says the report enumerates it; unquoted and said twice it was taken
    # for a collocation (its piece 支柱产业 stood instead) and ranked below the quoted formulas
    by, stats = background
    gx = by["广西壮族自治区", 2026]
    top = [k.term for k in keyphrases(gx, stats, top=20)]
    assert "制造业十大现代化支柱产业" in top and "支柱产业" not in top
    nm = by["内蒙古自治区", 2026]
    assert "“三北”工程三大标志性战役" in [k.term for k in keyphrases(nm, stats, top=20)]
    # one thing is no count (一个|重要|窗口)
    from sq_nlp.summaries.keywords.mining import _COUNT_WORD

    # nor a Party congress's ordinal (党的二十大精神)
    assert [w for w in ("十大", "三大", "五个", "两项", "一个", "一大", "大力", "二十大", "十九大")
            if _COUNT_WORD.fullmatch(w)] == ["十大", "三大", "五个", "两项"]


def test_a_common_word_said_twice_and_a_verbs_complement_are_no_themes(background):
    # 新疆 2026 says 外部环境 and 后备力量 twice each, in no title: words of the language that a
    # quarter of the reports say; they stood in its top 100 (its cloud). 各族群众, said 13 times, stays
    by, stats = background
    xj = by["新疆维吾尔自治区", 2026]
    rows = _rows(stats, xj)
    assert stats.arrays["count"][rows["外部环境"]] == 2 and stats.arrays["title"][rows["外部环境"]] == 0
    top = [k.term for k in keyphrases(xj, stats, top=100)]
    assert "外部环境" not in top and "后备力量" not in top and "各族群众" in top
    # 清醒认识|到 opens the paragraph of shortcomings: a verb and its complement, no name
    for key in (("陕西省", 2025), ("云南省", 2025)):
        assert "清醒认识到" not in [k.term for k in keyphrases(by[key], stats, top=100)], key


def test_another_reports_slogan_that_is_a_dictionary_word_is_a_word_here(background):
    # 四川's reports name a formula “三江”; 吉林 2025 says 三江 twice, the name of a laboratory in a
    # list (长白山、三江、吉光3个省实验室): as a slogan there it stood first in its top 20 (the
    # largest word of its cloud). A word the dictionary knows is a slogan only where it is found one
    by, stats = background
    jl = by["吉林省", 2025]
    row = _rows(stats, jl)["三江"]
    assert not stats.arrays["slogan"][row]
    assert "三江" not in [k.term for k in keyphrases(jl, stats, top=100)]


def test_a_phrase_said_after_its_and_is_no_name(background):
    # 中央八项规定及其实施细则精神: 精神 governs both, 实施细则精神 is the second of the two
    # (23rd in 吉林 2025's list, mid-size in its cloud)
    by, stats = background
    jl = by["吉林省", 2025]
    assert _rows(stats, jl).get("实施细则精神") is not None
    assert "实施细则精神" not in [k.term for k in keyphrases(jl, stats, top=100)]


def test_an_anniversary_is_one_name():
    from sq_nlp.summaries.keywords.phrases import merge_anniversaries, word_tags

    tags = word_tags()
    tag = lambda t: tags.get(t, "x")  # noqa: E731
    toks, names = merge_anniversaries(["办好", "自治区", "成立", "70", "周年", "庆祝", "活动", "，", "迎接", "新", "中国",
                                       "成立", "七十五", "周年"], tag)
    assert toks == ["办好", "自治区成立70周年", "庆祝", "活动", "，", "迎接", "新中国成立七十五周年"]
    assert names == ["自治区成立70周年", "新中国成立七十五周年"]
    # no founding verb, or no number: no anniversary (举办|70|周年, 成立|多|周年)
    for plain in (["自治区", "举办", "70", "周年"], ["自治区", "成立", "多", "周年"],
                  ["毛泽东", "同志", "诞辰", "130", "周年"]):  # a person's birth is no theme either
        assert merge_anniversaries(plain, tag) == (plain, [])


def test_the_regions_own_anniversary_is_a_theme(background):
    # 西藏 2025 marks 自治区成立60周年 (今年是自治区成立60周年, 为自治区成立60周年献礼): numbers broke
    # the phrase, so it was no candidate at all
    by, stats = background
    assert "自治区成立60周年" in [k.term for k in keyphrases(by["西藏自治区", 2025], stats, top=20)]
