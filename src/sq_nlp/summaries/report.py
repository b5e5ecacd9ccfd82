"""The report page and the outputs of a run.

:func:`render_report` turns an :class:`~sq_nlp.records.Extraction` (plus
keywords, topics and pictures) into one self-contained HTML file: images are
inline ``data:`` URIs, there is no script and no external resource, and every
string that comes from a report is HTML-escaped. :func:`build_report` computes
those parts for one document; :func:`write_outputs` (from
:mod:`sq_nlp.summaries.outputs`) is what ``make run`` calls after ingest to
write clouds, charts, tables and report pages from the store.
"""

from __future__ import annotations

import base64
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from typing import Any

from sq_nlp.errors import ConfigError
from sq_nlp.records import Extraction
from sq_nlp.summaries.keywords import Idf, Keyword, PhraseDocument, PhraseStats
from sq_nlp.summaries.keywords.phrases import GUIDE_WORDS, GUIDED
from sq_nlp.summaries.outputs import OUTPUTS_VERSION, write_outputs  # noqa: F401  (re-exported)
from sq_nlp.summaries.outputs import slug as _slug
from sq_nlp.summaries.topics import TopicModel

log = logging.getLogger(__name__)

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
# The number a list item opens with: （一） 一、 1. （1） 第一，
_ENUMERATOR = re.compile(r"(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)"
                         r"|第[一二三四五六七八九十]{1,3}[，,、])\s*")
# An item of a list run into a paragraph: 一是…, 二是…
_ORDINAL_IS = re.compile(r"^[一二三四五六七八九十]{1,3}是(?=[^\s，,。：:])")
# A summary bullet a reader takes in at a glance (two lines of a page); longer
# sentences are taken only where too few shorter ones carry the keyphrases.
SUMMARY_CHARS = 120
# The paragraph of shortcomings every work report has after its review opens
# with this formula (我们也清醒看到/清醒地认识到，……还存在不少困难和问题): what
# the report admits, not what it is about.
_SHORTCOMINGS = re.compile(r"清醒地?(?:看到|认识到)")
SHORTCOMINGS_HEAD = 40
# The last part's opening (对政府自身建设提出了更高要求) frames the government's
# own conduct alike in every report.
_SELF_CONDUCT = re.compile(r"政府自身建设")
# Every report closes on the call to unite around the Party's centre (让我们更加紧密地团结在
# 以习近平同志为核心的党中央周围…): its paragraph is the speech's farewell, not its content.
_CLOSING_CALL = re.compile(r"团结在[^。！？!?\n]{0,30}周围")

CSS = """
body{font-family:"SQ CJK","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.6}
h1{color:#8B0000;border-bottom:3px solid #D4A017;padding-bottom:.3em}
h2{color:#8B0000;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#faf3e0;white-space:nowrap}
td.num{text-align:right;white-space:nowrap}
td.tag{white-space:nowrap}
img{max-width:100%;height:auto}
.meta{color:#555}
.summary li{margin:.3em 0}
.terms{color:#555}
mark{background:#fde9a8;color:inherit}
"""


# How the page names each keyword list, and what it says about it.
METHOD_LABELS = {"poster": "海报", "research": "研究", "tfidf": "TF-IDF", "textrank": "TextRank"}
METHOD_NOTES = {
    "poster": "本报告反复强调、标题（尤其今年任务标题）点出的提法；历年报告都说的套话靠后",
    "research": "与库中其他报告相比本报告特有的提法（对数似然比）",
    "tfidf": "单词的词频×逆文档频率",
}


@dataclass(frozen=True)
class ReportParts:
    """What a report page shows beside the extraction itself: keywords by
    method, keywords per section, the topic model of the paragraphs, and PNG
    images by name (``cloud``, ``keywords``)."""

    keywords: Mapping[str, Sequence[Keyword]] = field(default_factory=dict)
    section_keywords: Mapping[str, Sequence[Keyword]] = field(default_factory=dict)
    topics: TopicModel | None = None
    summary: Sequence[str] = ()
    images: Mapping[str, bytes] = field(default_factory=dict)
    headline: Sequence[Mapping[str, Any]] = ()
    scorecard: Sequence[Mapping[str, Any]] = ()


def summary_sentences(text: str, keywords: Sequence[Keyword], *, n: int = 3) -> list[str]:
    """An extractive summary: the ``n`` sentences that carry most keyword
    weight (per square root of their length), in document order; never the
    sentence saying what guides the year's work, one of the paragraph of
    shortcomings or of the closing call (``text``'s lines are its paragraphs) or one framing the
    government's own conduct, and a sentence over ``SUMMARY_CHARS`` characters
    only where fewer than ``n`` shorter ones carry any keyword. A bullet that
    is a clause of a list (…仍需加力；) closes with a full stop."""
    weight = {k.term: k.score for k in keywords}
    terms = sorted(weight, key=len, reverse=True)
    scored = []
    sentences = (m for paragraph in text.split("\n")
                 if not _SHORTCOMINGS.search(paragraph[:SHORTCOMINGS_HEAD]) and not _CLOSING_CALL.search(paragraph)
                 for m in _SENTENCE.finditer(paragraph))
    for i, m in enumerate(sentences):
        sentence = m.group().strip().lstrip("”’」』）)，,、：: ")
        item = _ENUMERATOR.match(sentence)
        if item:
            sentence = sentence[item.end():]
            if not re.search(r"[，,；;：:]", sentence):
                continue  # a run-in heading: （一）关于……的时代背景。
        if len(sentence) < 20:  # headlines and fragments are no summary
            continue
        if not item:
            sentence = _ORDINAL_IS.sub("", sentence, count=1)  # 四是发展现代化大农业: a list's item, shown without its number
        if sentence.endswith(("；", ";")):
            sentence = sentence[:-1] + "。"
        if GUIDED.search(sentence) or GUIDE_WORDS.search(sentence) or _SELF_CONDUCT.search(sentence):
            continue  # what guides the year's work, or the government's own conduct: every report frames them alike
        score = sum(weight[t] * sentence.count(t) for t in terms)
        scored.append((score / math.sqrt(len(sentence)), i, sentence))
    # the short sentences carrying keyphrases first, then the long ones, then the rest
    best = sorted(scored, key=lambda s: (2 if s[0] <= 0 else int(len(s[2]) > SUMMARY_CHARS), -s[0], s[1]))[:n]
    return [s for _, _, s in sorted(best, key=lambda s: s[1])]


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


SENTENCE_CONTEXT = 60


def _offset_in_sentence(text: str, sentence: str, start: int) -> int | None:
    """Where the number at ``start`` of the document ``text`` stands in its
    ``sentence``, where the sentence is written so in the text (a repaired
    line break or space leaves it unknown: ``None``)."""
    at = text.find(sentence, max(0, start - len(sentence)), start + len(sentence)) if sentence else -1
    return start - at if 0 <= at <= start < at + len(sentence) else None


def _marked(sentence: str, needles: Sequence[str], *, context: int = SENTENCE_CONTEXT,
            at: int | None = None) -> str:
    """``sentence`` escaped, with the number highlighted (the needle written at
    ``at`` where it is known, else the first needle found in it) and at most
    ``context`` characters kept on either side (…): a report's one sentence can
    run for a paragraph, and every figure in it repeats it. Without ``at`` a
    number written twice in a sentence (5.2%…5.2%) is marked where first written."""
    hit = next(((at, n) for n in needles if n and sentence.startswith(n, at)), None) if at is not None else None
    if hit is None:
        hit = next(((sentence.find(n), n) for n in needles if n and n in sentence), None)
    if hit is None:
        return escape(sentence[: 2 * context] + "…" if len(sentence) > 2 * context else sentence)
    pos, needle = hit
    before, after = sentence[:pos], sentence[pos + len(needle) :]
    if len(before) > context:
        before = "…" + before[-context:]
    if len(after) > context:
        after = after[:context] + "…"
    return f"{escape(before)}<mark>{escape(needle)}</mark>{escape(after)}"


def _ratio_forms(number: str, measure: str | None) -> tuple[str, ...]:
    """How a ratio against one is written (2∶1, 2：1, 2:1), to mark it whole in its sentence."""
    return tuple(number + colon + "1" for colon in "∶：:") if measure == "ratio" else ()


def render_report(extraction: Extraction, parts: ReportParts = ReportParts(), *, embed_font: bool = True) -> str:
    """One self-contained HTML page for a document (every report string escaped).

    With ``embed_font`` the page carries the CJK font, subset to its own
    characters, so it renders the same on a machine without CJK fonts.
    """
    doc = extraction.document
    e = escape
    title = doc.title or Path(doc.path).stem
    paragraphs = [b for b in extraction.blocks if b.kind == "paragraph"]
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        '<p class="meta">'
        + " · ".join(
            e(str(x))
            for x in (
                doc.region,
                f"{doc.year}年发布" if doc.year else None,
                f"回顾{doc.period}年" if doc.period else None,
                Path(doc.path).name,
            )
            if x
        )
        + "</p>",
        '<h2 id="summary">摘要</h2>',
        f"<p>{len(doc.text)} 字 · {len(paragraphs)} 段 · {len(extraction.figures)} 项数据 · "
        f"{len(extraction.slogans)} 个提法</p>",
    ]
    if doc.source:
        out.append(f'<p class="meta">来源：{e(doc.source)}</p>')
    if parts.summary:
        out.append('<ul class="summary">' + "".join(f"<li>{e(s)}</li>" for s in parts.summary) + "</ul>")

    if parts.headline:
        out.append('<h2 id="headline">主要指标</h2>')
        out.append("<table><tr><th>指标</th><th>总量</th><th>增速</th><th>今年目标</th><th>出处</th></tr>")
        for r in parts.headline:
            sources = "<br>".join(e(Path(str(r[k])).name) for k in ("level_source", "growth_source", "target_source")
                                  if r.get(k))
            out.append(f"<tr><td>{e(str(r['name']))}</td>"
                       + "".join(f'<td class="num">{e(str(r.get(k) or ""))}</td>' for k in ("level", "growth", "target"))
                       + f'<td class="num">{sources}</td></tr>')
        out.append("</table>")
    if parts.scorecard:
        met = sum(1 for r in parts.scorecard if r["verdict"] == "met")
        near = sum(1 for r in parts.scorecard if r["verdict"] == "within the bound")
        year = parts.scorecard[0]["year"]
        out.append(f'<h2 id="scorecard">{e(str(year))}年目标完成情况</h2>')
        out.append(f'<p id="scorecard-summary">{len(parts.scorecard)} 项目标：完成 {met} 项'
                   + (f"，基本完成（左右） {near} 项" if near else "")
                   + f"，未完成 {len(parts.scorecard) - met - near} 项。</p>")
        out.append("<table><tr><th>指标</th><th>目标</th><th>实际</th><th>结果</th><th>出处</th></tr>")
        labels = {"met": "完成", "within the bound": "基本完成（左右）", "missed": "未完成"}
        for r in parts.scorecard:
            sources = "<br>".join(e(Path(str(r[k])).name) for k in ("target_source", "outcome_source") if r.get(k))
            out.append(f"<tr><td>{e(str(r['name']))}</td><td class=\"num\">{e(str(r['target']))}</td>"
                       f"<td class=\"num\">{e(str(r['outcome']))}</td><td>{e(labels.get(r['verdict'], ''))}</td>"
                       f'<td class="num">{sources}</td></tr>')
        out.append("</table>")

    if "cloud" in parts.images:
        out += ['<h2 id="cloud">词云</h2>',
                f'<img id="cloud-img" alt="词云" src="{_data_uri(parts.images["cloud"])}">']

    from sq_nlp.extract.figures.resolve import INNER_HEDGES, number_with_unit, table_text, with_inner_hedge
    from sq_nlp.store.query import figure_source

    out.append('<h2 id="figures">数据</h2>')
    if extraction.figures:
        out.append("<table><tr><th>指标</th><th>数值</th><th>年份</th><th>类型</th><th>原句</th>"
                   "<th>出处</th></tr>")
        for f in extraction.figures:
            value = f.value_text or _num(f.value)
            written = number_with_unit(value, f.unit)  # 万亿 and 万亿元: 万亿元
            if f.qualifier in INNER_HEDGES:
                written = with_inner_hedge(written, value, f.qualifier)  # 1.6万余户 marked whole
            shown = table_text(f)  # 下降3%: -3%; 突破2.6万亿元: ≥2.6万亿元; 约30亿元
            # what kind of number it is and its years, so that an increment, an average over years, a
            # span's total or a level kept never reads as the year's level or growth (新增1200家,
            # 年均增长5.5%, 累计…, 连续5年保持在99%以上)
            kind = "、".join(k for k, on in (("增减", f.change), ("新增", f.measure == "increment" and not f.change),
                                              ("年均", f.basis == "average"), ("累计", f.basis == "cumulative"),
                                              ("连续保持", f.basis == "held"),
                                              ("目标", f.target), ("识别置信度低，请核对原件", f.low_confidence))
                            if on)
            where = figure_source(Path(doc.path).name, {"line": f.line, "page": f.page, "box": f.box})
            out.append(
                f"<tr><td>{e(f.indicator)}</td><td class=\"num\">{e(shown)}</td>"
                f"<td class=\"tag\">{e(f.years or '')}</td><td class=\"tag\">{e(kind)}</td>"
                f"<td>{_marked(f.sentence, (*_ratio_forms(value, f.measure), written, value), at=_offset_in_sentence(doc.text, f.sentence, f.start))}</td>"
                f"<td class=\"num\">{e(where)}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append("<p>未抽取到数据。</p>")

    from sq_nlp.extract.figures.meaning import plan_years
    from sq_nlp.extract.slogans import plan_ordinal

    out.append('<h2 id="slogans">提法</h2>')
    if extraction.slogans:
        out.append("<table><tr><th>提法</th><th>类型</th><th>数目</th><th>内容</th><th>出现</th></tr>")
        for s in extraction.slogans:
            items = "、".join(s.expansion)
            src = {"text": "（原文）", "lexicon": "（词表）"}.get(s.expansion_source or "", "")
            count = str(s.count or "")
            if (ordinal := plan_ordinal(s.term)) is not None and ordinal >= 6:
                # 十四五 names the fourteenth plan, no fourteen items: its years instead
                first, last = plan_years(ordinal)
                items, src, count = f"第{s.term[:-1]}个五年规划（{first}—{last}年）", "", ""
            out.append(
                f"<tr><td>{e(s.term)}</td><td class=\"tag\">{e(SLOGAN_KINDS.get(s.kind, s.kind))}</td>"
                f"<td class=\"num\">{e(count)}</td>"
                f"<td>{e(items)}{e(src) if items else ''}</td><td class=\"num\">{s.occurrences}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append("<p>未抽取到提法。</p>")

    if parts.keywords:
        out.append('<h2 id="keywords">关键词</h2>')
        methods = list(parts.keywords)
        rows = max(len(v) for v in parts.keywords.values())
        notes = [f"{METHOD_LABELS[m]}：{METHOD_NOTES[m]}" for m in methods if m in METHOD_NOTES]
        if notes:
            out.append(f'<p class="meta">{e("；".join(notes))}。</p>')
        out.append("<table><tr><th>#</th>" + "".join(f"<th>{e(METHOD_LABELS.get(m, m))}</th>" for m in methods)
                   + "</tr>")
        for i in range(rows):
            cells = []
            for m in methods:
                kws = parts.keywords[m]
                cells.append(f"<td>{e(kws[i].term)} <span class=\"terms\">{kws[i].score:.3g}</span></td>"
                             if i < len(kws) else "<td></td>")
            out.append(f"<tr><td class=\"num\">{i + 1}</td>{''.join(cells)}</tr>")
        out.append("</table>")
        if "keywords" in parts.images:
            out.append(f'<img alt="关键词条形图" src="{_data_uri(parts.images["keywords"])}">')
    if parts.section_keywords:
        out.append('<h3>各部分关键词</h3><table><tr><th>部分</th><th>关键词</th></tr>')
        for section, kws in parts.section_keywords.items():
            out.append(f"<tr><td>{e(section)}</td><td>{e('、'.join(k.term for k in kws))}</td></tr>")
        out.append("</table>")

    if parts.topics is not None:
        out.append('<h2 id="topics">主题</h2>')
        out.append(f"<p class=\"meta\">{e(parts.topics.method.upper())}，按段落；一致性为 NPMI（-1 到 1）。</p>")
        out.append("<table><tr><th>主题</th><th>一致性</th><th>段落数</th><th>主题词</th></tr>")
        for t in parts.topics.topics:
            out.append(f"<tr><td class=\"num\">{t.index + 1}</td><td class=\"num\">{t.coherence:.3f}</td>"
                       f"<td class=\"num\">{t.size}</td><td>{e('、'.join(t.terms))}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    page = "\n".join(out)
    if embed_font:
        from sq_nlp.summaries.visuals import font_face_css

        page = page.replace("</head>", f"<style>{font_face_css(page)}</style></head>", 1)
    return page


def document_words(extraction: Extraction) -> list[str]:
    """The document's own names and slogans, for its Segmenter."""
    return [w for w in [extraction.document.region or ""] + [s.term for s in extraction.slogans] if w]


# Phrases a cloud draws: enough to fill it, all of them ranked phrases.
CLOUD_PHRASES = 100
# How the page names a slogan's kind (the records keep the English keys).
SLOGAN_KINDS = {"numbered": "数字提法", "quoted": "引号提法", "model": "模式", "motto": "并列口号"}


def build_parts(
    extraction: Extraction,
    *,
    idf: Idf | None = None,
    phrases: tuple[PhraseDocument, PhraseStats] | None = None,
    keyphrase_lists: Mapping[str, Sequence[Keyword]] | None = None,
    top: int = 20,
    n_topics: int = 5,
    cloud_width: int = 1200,
    with_images: bool = True,
) -> tuple[ReportParts, Any]:
    """Keyphrases (``poster``, ``research``) and TF-IDF keywords, section
    keywords, topics, summary and pictures of one document.

    ``keyphrase_lists`` are the document's keyphrases by mode, ranked over
    the store (see :func:`sq_nlp.summaries.keywords.cache.stored_keyphrases`);
    else ``phrases``, the document's :class:`PhraseDocument` with the store's
    :class:`PhraseStats`; without either, the document is its own corpus. The
    word cloud draws the poster phrases, sized by score. Returns the parts
    and the laid-out word cloud (or ``None`` without images), so a caller can
    also save the cloud at print size.
    """
    from sq_nlp.summaries.keywords import (
        document_segmenter,
        keyphrases,
        keywords,
        keywords_by_group,
        learn_phrase_stats,
        phrase_document,
        phrase_weights,
        region_terms,
        section_texts,
    )
    from sq_nlp.summaries.keywords.background import with_background
    from sq_nlp.summaries.topics import fit_topics, paragraph_units

    seg = document_segmenter(document_words(extraction))
    paras, _ = paragraph_units(extraction.blocks)
    text = "\n".join(paras) or "\n".join(b.text for b in extraction.blocks)
    own = region_terms([extraction.document.region])
    if keyphrase_lists is not None:
        poster = list(keyphrase_lists.get("poster", ()))[:max(top, CLOUD_PHRASES)]
        research = list(keyphrase_lists.get("research", ()))[:top]
    else:
        if phrases is None:
            pdoc = phrase_document(extraction)
            stats = learn_phrase_stats(with_background([pdoc]))
        else:
            pdoc, stats = phrases
        poster = keyphrases(pdoc, stats, mode="poster", top=max(top, CLOUD_PHRASES), exclude=own)
        research = keyphrases(pdoc, stats, mode="research", top=top, exclude=own)
    kws: dict[str, Sequence[Keyword]] = {
        "poster": poster[:top],
        "research": research,
        "tfidf": keywords(text, method="tfidf", idf=idf, segmenter=seg, top=top, exclude=own),
    }
    sections = {k: v for k, v in section_texts(extraction.blocks).items() if k}
    section_kws: dict[str, list[Keyword]] = {}
    if len(sections) >= 2:
        section_kws = {str(k): v for k, v in keywords_by_group(sections, segmenter=seg, top=8, exclude=own).items()
                       if v}
    topics = None
    units = [p for p in paras if len(p) >= 20]
    if len(units) >= 2:
        try:
            topics = fit_topics(units, n_topics=n_topics, segmenter=seg)
        except ValueError as exc:
            log.info("%s: no topics: %s", extraction.document.path, exc)
    summary = summary_sentences(text, kws["poster"] or kws["tfidf"])
    images: dict[str, bytes] = {}
    wc = None
    if with_images and poster:
        from sq_nlp.summaries.visuals import CloudStyle, cloud_png_bytes, figure_png_bytes, keyword_bars, make_cloud

        wc = make_cloud(phrase_weights(poster), CloudStyle(width=cloud_width))
        images["cloud"] = cloud_png_bytes(wc)
        images["keywords"] = figure_png_bytes(keyword_bars(kws["poster"], title="关键词（海报）"))
    parts = ReportParts(keywords=kws, section_keywords=section_kws, topics=topics, summary=summary, images=images)
    return parts, wc


def with_store_sections(parts: ReportParts, db_path: str | Path, extraction: Extraction) -> ReportParts:
    """``parts`` with the page's headline figures and last year's targets,
    resolved from the store (see :mod:`sq_nlp.summaries.headline`)."""
    from sq_nlp.summaries.headline import headline_rows, scorecard_for

    doc = extraction.document
    return replace(
        parts,
        headline=headline_rows(db_path, region=doc.region, period=doc.period, year=doc.year),
        scorecard=scorecard_for(db_path, region=doc.region, period=doc.period),
    )


def build_report(extraction: Extraction, *, idf: Idf | None = None, n_topics: int = 5,
                 db_path: str | Path | None = None) -> str:
    """The HTML report page of one document, with keywords, topics and cloud
    (and, given the store it came from, its keyphrases ranked over the store,
    its headline figures and last year's targets)."""
    lists = None
    if db_path is not None:
        from sq_nlp.summaries.keywords.cache import stored_keyphrases

        lists = stored_keyphrases(db_path).get(extraction.document.path)
    parts, _ = build_parts(extraction, idf=idf, n_topics=n_topics, keyphrase_lists=lists)
    if db_path is not None:
        parts = with_store_sections(parts, db_path, extraction)
    return render_report(extraction, parts)


def write_report(html: str, path: str | Path) -> Path:
    """Write a report page (UTF-8)."""
    from sq_nlp.summaries.visuals import write_atomically

    return write_atomically(path, lambda tmp: tmp.write_text(html, encoding="utf-8"))


# -- reading the store ----------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """The stored documents (``StoredDocument`` rows, by year) and their
    extractions by document id."""

    documents: tuple[Any, ...]
    extractions: Mapping[int, Extraction] = field(repr=False)

    def text(self, doc_id: int) -> str:
        """The paragraph text of a document (its whole text when it has no paragraph)."""
        ex = self.extractions[doc_id]
        return "\n".join(b.text for b in ex.blocks if b.kind == "paragraph") or ex.document.text


def load_corpus(db_path: str | Path) -> Corpus:
    """Every stored document with its extraction (the database opened read-only)."""
    from sq_nlp.store.db import open_store

    with open_store(db_path, readonly=True) as st:
        docs = tuple(st.documents())
        return Corpus(documents=docs, extractions={d.id: st.extraction(d.id) for d in docs})


def find_document(documents: Sequence[Any], ref: str) -> Any:
    """The document ``ref`` names: its id, path, file name or stem, or a part of
    its path that only it has."""
    ref = str(ref).strip()
    if ref.isdigit():
        for d in documents:
            if d.id == int(ref):
                return d
    for d in documents:
        p = Path(d.path)
        if ref in (d.path, p.name, p.stem, _slug(d.path)):
            return d
    hits = [d for d in documents if ref in d.path]
    if len(hits) == 1:
        return hits[0]
    if hits:
        names = ", ".join(f"{d.id}:{Path(d.path).name}" for d in hits[:20])
        raise ConfigError(f"document {ref!r} is ambiguous ({len(hits)} match); use the id or file name: {names}")
    names = ", ".join(f"{d.id}:{Path(d.path).name}" for d in documents[:20])
    raise ConfigError(f"no stored document {ref!r}; use an id or file name from `sq-nlp documents`: {names}")


def select_documents(
    documents: Sequence[Any], *, doc: str | None = None, year: int | None = None, region: str | None = None
) -> list[Any]:
    """Documents by reference, report year and part of the region name."""
    if doc is not None:
        return [find_document(documents, doc)]
    picked = [d for d in documents if (year is None or d.year == year)
              and (region is None or (d.region and region in d.region))]
    if not picked:
        what = " ".join(x for x in (region and f"of {region!r}", year and f"of {year}") if x)
        in_region = [d for d in documents if region is None or (d.region and region in d.region)]
        years = sorted({d.year for d in in_region if d.year})
        regions = sorted({d.region for d in documents if d.region})
        hint = (f"stored years{' for ' + repr(region) if region else ''}: {', '.join(map(str, years))}"
                if in_region else f"stored regions: {'、'.join(regions)}")
        raise ConfigError(f"no stored report {what}; {hint} (see `sq-nlp documents`)")
    return picked


def previous_year(documents: Sequence[Any], year: int, region: str | None = None) -> int:
    """The latest stored report year before ``year`` (for the region, if given)."""
    years = [d.year for d in documents if d.year and d.year < year
             and (region is None or (d.region and region in d.region))]
    if not years:
        raise ConfigError(f"no stored report before {year}" + (f" for {region!r}" if region else "")
                          + " to compare with")
    return max(years)


# -- the outputs of a run ------------------------------------------------------------
# write_outputs lives in sq_nlp.summaries.outputs (rebuilt only where inputs changed).


def corpus_idf(db_path: str | Path, corpus: Corpus,
               block_tokens: Mapping[int, Sequence[Sequence[str]]] | None = None) -> Idf:
    """The store's corpus IDF: from the tokens the store already holds (the
    corpus is not cut again), plus the reports' own names and slogans, which
    keywords keep whole; learned once and kept beside the store."""
    from sq_nlp.store.db import open_store
    from sq_nlp.summaries.keywords import document_segmenter, learn_idf_from_tokens
    from sq_nlp.summaries.keywords.cache import stored_idf

    def learn() -> Idf:
        docs = list(corpus.documents)
        tokens = block_tokens
        if tokens is None:
            with open_store(db_path, readonly=True) as st:
                tokens = {d.id: [b.tokens for b in st.blocks(d.id)] for d in docs}
        all_words = sorted({w for d in docs for w in document_words(corpus.extractions[d.id])})
        texts = {d.id: corpus.text(d.id) for d in docs}
        token_docs = [[t for bt in tokens[d.id] for t in bt] + [w for w in all_words if w in texts[d.id]]
                      for d in docs]
        return learn_idf_from_tokens(token_docs, segmenter=document_segmenter(all_words))

    return stored_idf(db_path, learn)


def trend_series(db_path: str | Path, indicator: str, *, region: str | None = None
                 ) -> dict[tuple[str, str], list[tuple[int, float]]]:
    """An indicator's stated growth per ``(region, indicator)``, as
    ``(period, percent)`` points in period order (from :func:`sq_nlp.store.query.trend_rows`)."""
    from sq_nlp.store.query import trend_rows

    series: dict[tuple[str, str], dict[int, float]] = {}
    for r in trend_rows(indicator, db=db_path, region=region):
        if r.get("growth_value") is not None and r.get("period"):
            series.setdefault((r["region"], r["indicator"]), {})[int(r["period"])] = float(r["growth_value"])
    return {k: sorted(v.items()) for k, v in sorted(series.items())}


def level_series(db_path: str | Path, indicator: str, *, region: str | None = None
                 ) -> dict[tuple[str, str, str], list[tuple[int, float]]]:
    """An indicator's stated levels per ``(region, indicator, unit)``, as
    ``(period, value)`` points in period order: what a chart shows of an
    indicator stated as a level only (城镇调查失业率 5.2%, 城镇新增就业 1244万人).
    Levels of one series share their unit as written, so points in another
    unit (万亿元 beside 亿元) go to a series of their own."""
    from sq_nlp.store.query import trend_rows

    series: dict[tuple[str, str, str], dict[int, float]] = {}
    for r in trend_rows(indicator, db=db_path, region=region):
        if r.get("value") is not None and r.get("period"):
            key = (r["region"], r["indicator"], r.get("unit") or "")
            series.setdefault(key, {})[int(r["period"])] = float(r["value"])
    return {k: sorted(v.items()) for k, v in sorted(series.items())}
