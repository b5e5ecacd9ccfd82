"""Summary subcommands over the database: ``keywords``, ``topics``, ``cloud``,
``chart``, ``report`` and ``outputs``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sq_nlp.cli import DEFAULT_DB, positive_int, printable, seed_int, year_int

# Keyword rankings: keyphrase modes first, then word rankings.
METHODS = ("poster", "research", "tfidf", "textrank")



def _add(sub: Any, name: str, help: str, description: str, examples: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description, epilog="examples:\n" + examples,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default: {DEFAULT_DB})")
    return p


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a CJK character takes two)."""
    import unicodedata

    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def _select(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--doc", metavar="D", help="one document: id, file name or part of its path")
    g.add_argument("--year", type=year_int, metavar="Y", help="the reports of one year, taken together")
    p.add_argument("--region", metavar="R", help="part of the region name (with --year or alone)")


def register(sub: Any) -> None:
    """Add the summary subcommands."""
    p = _add(sub, "keywords", "keyphrases or keywords of a document, a year or a region",
             "Keyphrases (default): --method poster ranks the phrases a publicity office would "
             "print (mentions, headings and lead sentences, the plan part; boilerplate the "
             "reports of every year say pushed down), --method research what sets the selection apart from the other "
             "stored reports (log-likelihood); both compare with the reports the package ships "
             "too, of regions and years the store lacks. Phrases are slogans, mined phrases and noun "
             "phrases, kept whole with the report's quotes; never a number, fragment or generic "
             "word. Words: --method tfidf (IDF learned from every stored document; the general "
             "jieba table when only one is stored) or textrank. --by-section lists each "
             "section's TF-IDF keywords; --new-terms lists what is new, rising and falling "
             "against the previous stored year (log-likelihood G2 >= 3.84, p < 0.05).",
             "  sq-nlp keywords --doc shengquan_2020 --top 20\n"
             "  sq-nlp keywords --doc 3 --method research\n"
             "  sq-nlp keywords --year 2024 --method textrank\n"
             "  sq-nlp keywords --year 2024 --region 全国 --new-terms\n"
             "  sq-nlp keywords --doc 3 --by-section --format json\n")
    _select(p)
    p.add_argument("--method", choices=METHODS, default="poster", help="ranking (default: poster)")
    p.add_argument("--top", type=positive_int, default=20, metavar="N", help="how many (default: 20)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--by-section", action="store_true", help="keywords of each section of the document")
    mode.add_argument("--new-terms", action="store_true",
                      help="new, rising and falling terms against the previous year (needs --year)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.set_defaults(func=run_keywords)

    p = _add(sub, "topics", "topics of one report's paragraphs or of the corpus",
             "Topic models with a fixed random state. With --doc: over the document's "
             "paragraphs, with the agreement (NMI) of paragraph topics and section headlines "
             "when the document has sections; without: over the stored documents. Each "
             "topic shows its NPMI coherence (-1..1, higher is better).",
             "  sq-nlp topics --doc shengquan_2020 --n 5\n  sq-nlp topics --n 4 --method lda\n")
    p.add_argument("--doc", metavar="D", help="one document: id, file name or part of its path")
    p.add_argument("--n", type=positive_int, default=5, metavar="K", help="number of topics (default: 5)")
    p.add_argument("--method", choices=("nmf", "lda"), default="nmf", help="model (default: nmf)")
    p.add_argument("--terms", type=positive_int, default=10, metavar="N", help="terms per topic (default: 10)")
    p.add_argument("--seed", type=seed_int, default=0, metavar="S", help="random state (default: 0)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.set_defaults(func=run_topics)

    p = _add(sub, "cloud", "a word cloud (PNG at print size, or SVG)",
             "Draw the keyphrases of a document, a year or the corpus as a word cloud, sized "
             "by score (--method poster, the default, or research; --method words draws every "
             "content word by its count), with a CJK font that ships with sq_nlp's "
             "dependencies. Same input and --seed, same picture. .png or .svg (font embedded) "
             "by the output's suffix.",
             "  sq-nlp cloud --doc shengquan_2020 -o cloud.png\n"
             "  sq-nlp cloud --year 2024 --mask heart --palette red-gold --width 4000 -o poster.png\n"
             "  sq-nlp cloud --doc 2 --mask logo.png --horizontal -o cloud.svg\n")
    _select(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output .png or .svg")
    p.add_argument("--method", choices=("poster", "research", "words"), default="poster",
                   help="what the cloud draws (default: poster)")
    p.add_argument("--width", type=positive_int, default=4000, metavar="PX", help="output width (default: 4000)")
    p.add_argument("--mask", metavar="SHAPE",
                   help="circle, ellipse, heart, star, banner, or an image (non-white pixels are the shape)")
    p.add_argument("--palette", default="red-gold", metavar="NAME",
                   help="red-gold (default), red, blue, green, ink, multi")
    p.add_argument("--background", default="white", metavar="COLOUR", help="background (default: white)")
    p.add_argument("--horizontal", action="store_true", help="horizontal words only")
    p.add_argument("--max-words", type=positive_int, default=100, metavar="N",
                   help="at most N words or phrases (default: 100, a report page's cloud)")
    p.add_argument("--font", choices=("sans", "serif"), default="sans", help="Noto CJK SC style (default: sans)")
    p.add_argument("--seed", type=seed_int, default=42, metavar="S", help="layout seed (default: 42)")
    p.set_defaults(func=run_cloud)

    p = _add(sub, "chart", "a chart: keyword bars, an indicator's trend, or new terms",
             "Charts with the same CJK font as the clouds. keywords: bars of a document's "
             "or year's keywords; trend: an indicator's stated growth across years; changes: "
             "new, rising and falling terms of --year against the previous stored year. A trend "
             "charts the stated growth, or the levels of an indicator stated only as a level "
             "(失业率); the region with most years unless --region.",
             "  sq-nlp chart keywords --doc shengquan_2020 -o kw.png\n"
             "  sq-nlp chart trend --indicator GDP --region 全国 -o gdp.png\n"
             "  sq-nlp chart changes --year 2024 --region 全国 -o new_terms.png\n")
    p.add_argument("kind", choices=("keywords", "trend", "changes"), help="which chart")
    _select(p)
    p.add_argument("--indicator", metavar="X", help="indicator name or synonym (for trend)")
    p.add_argument("--method", choices=METHODS, default="poster", help="keyword ranking (default: poster)")
    p.add_argument("--top", type=positive_int, default=20, metavar="N", help="keywords shown (default: 20)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output .png, .svg or .pdf")
    p.set_defaults(func=run_chart)

    p = _add(sub, "report", "one self-contained HTML page for a document",
             "Write a document's report page: summary, figures with their sentences and "
             "source lines, slogans with their items, keywords, topics and the word cloud, "
             "all in one HTML file (images inline). Default: the newest stored document.",
             "  sq-nlp report -o outputs/report.html\n  sq-nlp report --doc shengquan_2020 -o page.html\n")
    p.add_argument("--doc", metavar="D", help="one document: id, file name or part of its path")
    p.add_argument("-o", "--output", default="outputs/report.html", metavar="FILE",
                   help="output file (default: outputs/report.html)")
    p.set_defaults(func=run_report)

    p = _add(sub, "outputs", "write every cloud, chart, table and report page",
             "What `make run` does after ingest: write clouds, charts, keyword, topic and "
             "change tables and a report page per document into DIR. Only what is missing "
             "or whose inputs changed since the last time is made (everything with --force).",
             "  sq-nlp outputs\n  sq-nlp outputs --db my.db -o out/ --force\n")
    p.add_argument("-o", "--out-dir", default="outputs", metavar="DIR", help="folder (default: outputs)")
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    p.add_argument("--workers", type=positive_int, default=None, metavar="N",
                   help="processes building report pages (default: the number of cores)")
    p.set_defaults(func=run_outputs)


def _selection(args: argparse.Namespace) -> tuple[Any, list[Any], str]:
    """The corpus, the selected documents and a label for them."""
    from sq_nlp.summaries.report import load_corpus, select_documents

    corpus = load_corpus(args.db)
    if not corpus.documents:
        from sq_nlp.errors import ConfigError

        raise ConfigError(f"{args.db} holds no document; run `sq-nlp run` first")
    docs = select_documents(corpus.documents, doc=getattr(args, "doc", None), year=getattr(args, "year", None),
                            region=getattr(args, "region", None))
    if getattr(args, "doc", None):
        label = Path(docs[0].path).name
    else:
        label = " ".join(str(x) for x in (args.year, getattr(args, "region", None)) if x) or "全部文档"
    return corpus, docs, label


def _segmenter(corpus: Any, docs: list[Any]) -> Any:
    from sq_nlp.summaries.keywords import document_segmenter
    from sq_nlp.summaries.report import document_words

    words: list[str] = []
    for d in docs:
        words += document_words(corpus.extractions[d.id])
    return document_segmenter(words)


def _corpus_idf(args: argparse.Namespace, corpus: Any) -> Any:
    """IDF over every stored document, from the stored tokens with each
    report's names and slogans whole (so a slogan such as 十四五 has its real
    weight), kept beside the store."""
    from sq_nlp.summaries.report import corpus_idf

    return corpus_idf(args.db, corpus)


def _phrases_of(args: argparse.Namespace, corpus: Any, docs: list[Any], label: str, mode: str,
                top: int) -> list[Any]:
    """Keyphrases of the selected documents taken together, the other stored
    documents and the background reports as the corpus (tokens as the store keeps them)."""
    from sq_nlp.store.db import open_store
    from sq_nlp.summaries.keywords import PhraseDocument, keyphrases, learn_phrase_stats, phrase_document, region_terms
    from sq_nlp.summaries.keywords.background import with_background
    from sq_nlp.summaries.keywords.cache import LIST_LENGTH, stored_keyphrases

    if len(docs) == 1 and top <= LIST_LENGTH[mode]:
        # one report: its lists ranked over the store, kept beside it
        return list(stored_keyphrases(args.db, extractions=corpus.extractions).get(docs[0].path, {}).get(mode, ()))[:top]
    with open_store(args.db, readonly=True) as st:
        pdocs = {d.id: phrase_document(corpus.extractions[d.id], [b.tokens for b in st.blocks(d.id)])
                 for d in corpus.documents}
    chosen = [pdocs[d.id] for d in docs]
    if len(chosen) == 1:
        target = chosen[0]
    else:
        target = PhraseDocument(path=label, region=None,
                                blocks=tuple(b for p in chosen for b in p.blocks),
                                roles=tuple(r for p in chosen for r in p.roles),
                                slogans=tuple(dict.fromkeys(s for p in chosen for s in p.slogans)),
                                numbered=tuple(dict.fromkeys(s for p in chosen for s in p.numbered)))
    picked = {d.id for d in docs}
    others = [p for i, p in pdocs.items() if i not in picked]
    stats = learn_phrase_stats(with_background(others + [target], covering=chosen))
    return keyphrases(target, stats, mode=mode, top=top, exclude=region_terms(d.region for d in docs))


def _keywords_of(args: argparse.Namespace) -> tuple[str, list[Any]]:
    from sq_nlp.summaries.keywords import keywords, region_terms

    corpus, docs, label = _selection(args)
    if args.method in ("poster", "research"):
        return label, _phrases_of(args, corpus, docs, label, args.method, args.top)
    idf = _corpus_idf(args, corpus) if args.method == "tfidf" else None
    text = "\n".join(corpus.text(d.id) for d in docs)
    return label, keywords(text, method=args.method, idf=idf, segmenter=_segmenter(corpus, docs), top=args.top,
                           exclude=region_terms(d.region for d in docs))


# How many keyphrases of each side a comparison of two years counts.
CHANGE_PHRASES = 100


def _changes_of(args: argparse.Namespace) -> tuple[str, list[Any]]:
    from sq_nlp.errors import ConfigError
    from sq_nlp.summaries.keywords import LEADING_PHRASES, phrase_changes
    from sq_nlp.summaries.report import previous_year, select_documents

    if args.year is None:
        raise ConfigError("new terms need --year (compared with the previous stored year)")
    corpus, docs, _ = _selection(args)
    old_year = previous_year(corpus.documents, args.year, args.region)
    old_docs = select_documents(corpus.documents, year=old_year, region=args.region)
    old_text = "\n".join(corpus.text(d.id) for d in old_docs)
    new_text = "\n".join(corpus.text(d.id) for d in docs)
    label = f"{args.region + ' ' if args.region else ''}{args.year} 对比 {old_year}"
    # the phrases either side uses (its poster keyphrases), counted in both
    sides = [[k.term for k in _phrases_of(args, corpus, side, name, "poster", CHANGE_PHRASES)]
             for side, name in ((old_docs, str(old_year)), (docs, str(args.year)))]
    return label, phrase_changes(old_text, new_text, [*sides[0], *sides[1]],
                                 leading=[*sides[0][:LEADING_PHRASES], *sides[1][:LEADING_PHRASES]],
                                 segmenter=_segmenter(corpus, docs + old_docs))


def run_keywords(args: argparse.Namespace) -> int:
    """Print keywords (or section keywords, or new terms)."""
    if args.new_terms:
        from sq_nlp.summaries.keywords import LEADING_PHRASES

        label, changes = _changes_of(args)
        if args.format == "json":
            json.dump({"compare": label, "changes": [c.to_dict() for c in changes]}, sys.stdout,
                      ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
            return 0
        print(f"# {label}: {len(changes)} phrases (G2 >= 3.84, or among either report's first {LEADING_PHRASES} and said in one year only; "
              "log2 ratio of smoothed relative frequencies)")
        shown = changes[: args.top * 3]
        width = max([4] + [len(c.term) * 2 for c in shown])
        print(f"{'status':<8} {_pad('term', width)} {'old':>5} {'new':>5} {'log2':>7} {'G2':>8}")
        for c in shown:
            print(f"{c.status:<8} {_pad(c.term, width)} {c.count_old:>5} {c.count_new:>5} "
                  f"{c.log_ratio:>7.2f} {c.g2:>8.2f}")
        return 0
    if args.by_section:
        from sq_nlp.summaries.keywords import keywords_by_group, region_terms, section_texts

        corpus, docs, label = _selection(args)
        if len(docs) != 1:
            from sq_nlp.errors import ConfigError

            raise ConfigError("--by-section needs one document: give --doc")
        sections = {k or "（无标题）": v for k, v in section_texts(corpus.extractions[docs[0].id].blocks).items()}
        # sections are ranked by words: a section is too short a corpus for phrases
        method = args.method if args.method in ("tfidf", "textrank") else "tfidf"
        result = keywords_by_group(sections, method=method, segmenter=_segmenter(corpus, docs), top=args.top,
                                   exclude=region_terms(d.region for d in docs))
        if args.format == "json":
            json.dump({s: [k.to_dict() for k in kws] for s, kws in result.items()}, sys.stdout,
                      ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            for section, kws in result.items():
                print(f"# {section}\n  " + "、".join(k.term for k in kws))
        return 0
    label, kws = _keywords_of(args)
    if args.format == "json":
        json.dump({"of": label, "keywords": [k.to_dict() for k in kws]}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(printable(f"# {label} ({args.method})"))
        width = max([14] + [len(k.term) * 2 for k in kws])
        for i, k in enumerate(kws, 1):
            print(f"{i:>3} {_pad(k.term, width)} {k.score:>9.4f} ×{k.count}")
    return 0


def run_topics(args: argparse.Namespace) -> int:
    """Print topics with coherence (and agreement with sections)."""
    from sq_nlp.summaries.report import load_corpus, select_documents
    from sq_nlp.summaries.topics import agreement, fit_topics, paragraph_units

    corpus = load_corpus(args.db)
    agree = None
    if args.doc:
        docs = select_documents(corpus.documents, doc=args.doc)
        units, sections = paragraph_units(corpus.extractions[docs[0].id].blocks)
        model = fit_topics(units, n_topics=args.n, method=args.method, segmenter=_segmenter(corpus, docs),
                           top_terms=args.terms, random_state=args.seed)
        if len({s for s in sections if s}) >= 2:
            agree = agreement(model.assignments, sections)
        names = [f"段落{i + 1}" for i in range(len(units))]
    else:
        docs = list(corpus.documents)
        model = fit_topics([corpus.text(d.id) for d in docs], n_topics=args.n, method=args.method,
                           top_terms=args.terms, random_state=args.seed)
        names = [Path(d.path).name for d in docs]
    if args.format == "json":
        data = model.to_dict()
        data["units"] = names
        data["section_agreement_nmi"] = agree
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"# {args.method.upper()}, {len(model.topics)} topics over {len(names)} "
          f"{'paragraphs' if args.doc else 'documents'}")
    for t in model.topics:
        print(f"topic {t.index + 1}  NPMI {t.coherence:+.3f}  n={t.size:<3} " + " ".join(t.terms))
    if agree is not None:
        print(f"agreement with section headlines (NMI): {agree:.3f}")
    if not args.doc:
        for name, a in zip(names, model.assignments):
            print(printable(f"  {name}: topic {a + 1}"))
    return 0


def run_cloud(args: argparse.Namespace) -> int:
    """Draw and save a word cloud."""
    from sq_nlp.summaries.keywords import term_frequencies
    from sq_nlp.summaries.visuals import CloudStyle, make_cloud, save_cloud

    corpus, docs, label = _selection(args)
    style = CloudStyle(width=args.width, max_words=args.max_words, palette=args.palette,
                       background=args.background, mask=args.mask, horizontal_only=args.horizontal,
                       font=args.font, seed=args.seed)
    if args.method == "words":
        text = "\n".join(corpus.text(d.id) for d in docs)
        weights = dict(term_frequencies(text, segmenter=_segmenter(corpus, docs)))
    else:
        from sq_nlp.summaries.keywords import phrase_weights

        weights = phrase_weights(_phrases_of(args, corpus, docs, label, args.method, args.max_words))
        if not weights:
            from sq_nlp.errors import ConfigError

            raise ConfigError(f"{label}: no keyphrase to draw; try --method words")
    wc = make_cloud(weights, style)
    out = save_cloud(wc, args.output)
    print(printable(f"sq-nlp cloud: {label}: {len(wc.layout_)} words -> {out}"), file=sys.stderr)
    return 0


def run_chart(args: argparse.Namespace) -> int:
    """Draw and save a chart."""
    from sq_nlp.errors import ConfigError
    from sq_nlp.summaries.visuals import changes_chart, keyword_bars, save_figure, trend_chart

    if args.kind == "keywords":
        label, kws = _keywords_of(args)
        if not kws:
            raise ConfigError(f"{label}: no keywords to chart")
        fig = keyword_bars(kws, title=f"{label} 关键词")
    elif args.kind == "changes":
        label, changes = _changes_of(args)
        if not changes:
            raise ConfigError(f"{label}: no significant change to chart")
        fig = changes_chart(changes, title=f"{label}：新提法与升降提法")
    else:
        from sq_nlp.summaries.report import level_series, trend_series

        if not args.indicator:
            raise ConfigError("a trend chart needs --indicator, e.g. --indicator GDP")
        series = trend_series(args.db, args.indicator, region=args.region)
        if series:
            (region, name), points = max(series.items(), key=lambda kv: len(kv[1]))
            fig = trend_chart(points, indicator=f"{region} {name} 增速", unit="%")
        else:
            # stated as a level only (失业率 5.2%, 城镇新增就业 1244万人): chart the levels
            levels = level_series(args.db, args.indicator, region=args.region)
            if not levels:
                raise ConfigError(f"no stated level or growth of {args.indicator!r} stored; see `sq-nlp trend`")
            (region, name, unit), points = max(levels.items(), key=lambda kv: len(kv[1]))
            fig = trend_chart(points, indicator=f"{region} {name}", unit=unit or None)
    out = save_figure(fig, args.output)
    print(printable(f"sq-nlp chart: {args.kind} -> {out}"), file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    """Write one document's report page."""
    from sq_nlp.summaries.report import build_report, find_document, load_corpus, write_report

    corpus = load_corpus(args.db)
    if not corpus.documents:
        from sq_nlp.errors import ConfigError

        raise ConfigError(f"{args.db} holds no document; run `sq-nlp run` first")
    doc = (find_document(corpus.documents, args.doc) if args.doc
           else max(corpus.documents, key=lambda d: (d.year or 0, d.id)))
    idf = _corpus_idf(args, corpus)
    out = write_report(build_report(corpus.extractions[doc.id], idf=idf, db_path=args.db), args.output)
    print(printable(f"sq-nlp report: {Path(doc.path).name} -> {out}"), file=sys.stderr)
    return 0


def run_outputs(args: argparse.Namespace) -> int:
    """Write every summary into the output folder."""
    from sq_nlp.summaries.report import write_outputs

    written = write_outputs(args.db, args.out_dir, force=args.force, workers=args.workers)
    print(f"sq-nlp outputs: {len(written)} files written into {args.out_dir}"
          + ("" if written else " (up to date)"), file=sys.stderr)
    return 0
