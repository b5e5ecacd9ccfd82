"""Term subcommands over the database: ``measure`` (attention panels),
``timeline`` (where and when a term appears) and ``kwic`` (keyword in context).

They read the store only (no report file is opened again) and start fast:
pandas and matplotlib load only to write Parquet or draw a chart.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sq_nlp.cli import DEFAULT_DB, positive_int
from sq_nlp.cli.query import _emit, _print_table, _width

MATCH_RULE = """\
how terms are counted (the same in measure, timeline, kwic and search):
  a term counts wherever its characters stand, inside a longer word too (环保 in
  环保督察, 生态 in 生态环境), but not where it straddles two words and cuts both
  (民生 in 人民|生活); numbers and Latin words never continue a longer one (5G is
  not in 15G). Only the report's own text counts (title, headings, paragraphs),
  not page chrome.
"""


def _add(sub: Any, name: str, help: str, description: str, examples: str,
         func: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description,
                       epilog="examples:\n" + examples + "\n" + MATCH_RULE,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default: {DEFAULT_DB})")
    p.set_defaults(func=func)
    return p


def register(sub: Any) -> None:
    """Add ``measure``, ``timeline`` and ``kwic``."""
    p = _add(sub, "measure", "attention panels: how much of each report goes to a theme",
             "A tidy panel for pandas, R or Stata: one row per report (region, year) and term "
             "group, with the group's mentions, mentions per 10,000 characters and per 1,000 "
             "words, the share of sentences that mention it, and each term's count. Reports "
             "that never mention a group get a row of zeros. Where terms of a group overlap "
             "(科技创新 holds 科技) the longest is the mention, so nothing counts twice; each "
             "term's own count is every occurrence (as `sq-nlp timeline` counts). Shipped "
             "dictionaries: see --list; a dictionary file holds one term a line, '#' comments, "
             "'# name: 组名' to name it and '!PHRASE' lines for phrases inside which a term does "
             "not count (!政治生态 for 生态).",
             "  sq-nlp measure                                   every shipped dictionary\n"
             "  sq-nlp measure --dict 生态环保 --dict 科技创新 --region 全国\n"
             "  sq-nlp measure --dict my_terms.txt -o panel.parquet\n"
             "  sq-nlp measure --by term --format csv > terms.csv\n"
             "  sq-nlp measure --wide --value share_sentences -o wide.csv   one row per report\n"
             "  sq-nlp measure -o panel.csv --chart attention.png  (a heatmap; one region: lines)\n"
             "  sq-nlp measure --list\n", run_measure)
    p.add_argument("--dict", dest="dicts", action="append", metavar="NAME|FILE",
                   help="a shipped dictionary (生态环保 or ecology ...; 'all') or a file; repeat for "
                        "several (default: every shipped one)")
    p.add_argument("--region", metavar="R", help="part of the report's region (重庆 finds 重庆市)")
    p.add_argument("--year", type=int, metavar="Y", help="the report's year")
    p.add_argument("--by", choices=("group", "term"), default="group",
                   help="one row per report and group (default) or per report, group and term")
    p.add_argument("--wide", action="store_true",
                   help="one row per report, one column per group holding --value (Stata's wide layout)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="what to print (default: table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the panel to FILE (.csv, .parquet, .json)")
    p.add_argument("--chart", metavar="FILE", help="draw it (.png, .svg, .pdf): a heatmap of reports by "
                   "group, or lines across years when the rows hold one region")
    p.add_argument("--value", choices=("per_10k_chars", "per_1k_words", "share_sentences", "count"),
                   default="per_10k_chars", help="what the chart and --wide show (default: per_10k_chars)")
    p.add_argument("--list", action="store_true", help="list the shipped dictionaries and exit")

    p = _add(sub, "timeline", "when and where a term first appears, and its count per year",
             "For each region: the first report that uses the term, the sentence and its "
             "source (file:line), then its count in each year's report (blank: no report "
             "stored for that year; 0: a report without it). Rows are ordered by first "
             "appearance. --long gives one row per region and year, with the count per "
             "10,000 characters.",
             "  sq-nlp timeline 新质生产力\n  sq-nlp timeline 碳达峰 碳中和 --region 全国\n"
             "  sq-nlp timeline 数字经济 --long --format csv\n", run_timeline)
    p.add_argument("terms", nargs="+", metavar="TERM", help="one or more terms")
    p.add_argument("--region", metavar="R", help="part of the report's region")
    p.add_argument("--long", action="store_true", help="one row per region and year")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: table)")

    p = _add(sub, "kwic", "keyword in context: every occurrence with its left and right context",
             "Every occurrence of the terms, its left and right context aligned on it, and "
             "where it stands (file:line), from the stored text.",
             "  sq-nlp kwic 新质生产力 --region 全国\n  sq-nlp kwic 数据要素 --width 30 --limit 20\n"
             "  sq-nlp kwic 低空经济 --format csv > kwic.csv\n", run_kwic)
    p.add_argument("terms", nargs="+", metavar="TERM", help="one or more terms")
    p.add_argument("--region", metavar="R", help="part of the report's region")
    p.add_argument("--year", type=int, metavar="Y", help="the report's year")
    p.add_argument("--width", type=positive_int, default=20, metavar="N",
                   help="characters of context on each side (default: 20)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="at most N lines (default: 0, all)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: table)")


# -- measure --------------------------------------------------------------------------

def run_measure(args: argparse.Namespace) -> int:
    """``sq-nlp measure``."""
    from sq_nlp.store import panels

    if args.list:
        rows = [{"name": d.name, "file": d.source[:-4], "terms": len(d.terms), "exclusions": len(d.exclude),
                 "about": d.description} for d in panels.shipped_dictionaries()]
        _emit(rows, args.format, what="dictionaries", columns=list(rows[0]) if rows else [],
              table_columns=["name", "file", "terms", "exclusions", "about"])
        return 0
    dicts = panels.resolve_dictionaries(args.dicts)
    rows = panels.measure_rows(dicts, db=args.db, region=args.region, year=args.year, by=args.by)
    if not rows:
        from sq_nlp.errors import ConfigError

        what = " ".join(x for x in (args.region and f"of {args.region!r}", args.year and f"of {args.year}") if x)
        raise ConfigError(f"no stored report {what}; see `sq-nlp documents`")
    if args.chart:
        out = _measure_chart(rows, args)
        print(f"sq-nlp measure: chart -> {out}", file=sys.stderr)
    wide = panels.wide_rows(rows, args.value) if args.wide else None
    if args.output:
        out = panels.write_measure(wide[1] if wide else rows, args.output, wide[0] if wide else None)
        print(f"sq-nlp measure: {len(wide[1]) if wide else len(rows)} rows -> {out}", file=sys.stderr)
    if args.output or args.chart:
        return 0
    if wide:
        _emit(wide[1], args.format, what="rows", columns=wide[0], table_columns=wide[0])
        return 0
    if args.format == "json":
        _emit(rows, "json", what="rows", columns=panels.MEASURE_COLUMNS, table_columns=())
        return 0
    flat = panels.flat_rows(rows)
    if args.format == "csv":
        columns = panels.TERM_COLUMNS if args.by == "term" else panels.MEASURE_COLUMNS
        _emit(flat, "csv", what="rows", columns=columns, table_columns=())
        return 0
    for r in flat:
        r["_share"] = f"{r['share_sentences']:.1%}" if "share_sentences" in r else None
    if args.by == "term":
        flat = [r for r in flat if r["count"]]
        table = ["region", "year", "group", "term", "count", ("per_10k_chars", "per 10k chars")]
    else:
        table = ["region", "year", "group", "count", ("per_10k_chars", "per 10k chars"),
                 ("_share", "of sentences"), ("terms", "terms (count)")]
    _print_table(flat, table)
    return 0


def _measure_chart(rows: list[dict[str, Any]], args: argparse.Namespace) -> Any:
    from sq_nlp.errors import ConfigError
    from sq_nlp.summaries.visuals import attention_heatmap, attention_lines, save_figure

    if args.by == "term":
        raise ConfigError("--chart draws groups; leave out --by term")
    regions = {r["region"] for r in rows}
    years = {r["year"] for r in rows}
    if len(regions) == 1 and len(years) >= 2:
        fig = attention_lines(rows, value=args.value)
    else:
        fig = attention_heatmap(rows, value=args.value)
    return save_figure(fig, args.chart)


# -- timeline -------------------------------------------------------------------------

def run_timeline(args: argparse.Namespace) -> int:
    """``sq-nlp timeline``."""
    from sq_nlp.store import terms

    rows = terms.timeline_rows(args.terms, db=args.db, region=args.region)
    if not rows:
        print("no stored report" + (f" of {args.region!r}" if args.region else ""), file=sys.stderr)
        return 0
    if args.long:
        _emit(rows, args.format, what="reports", columns=terms.TIMELINE_COLUMNS,
              table_columns=["term", "region", "year", "count", ("per_10k_chars", "per 10k chars"),
                             ("first_source", "first at"), ("first_sentence", "sentence")])
        return 0
    columns, summary = terms.timeline_summary(rows)
    if args.format != "table":
        _emit(summary, args.format, what="terms", columns=columns, table_columns=columns)
        return 0
    for t in dict.fromkeys(r["term"] for r in summary):
        found = [r for r in summary if r["term"] == t and r["first_year"] is not None]
        if found:
            first = min(r["first_year"] for r in found)
            where = "、".join(r["region"] for r in found if r["first_year"] == first)
            print(f"{t}: first in {where} {first}; in {sum(r['reports_with'] for r in found)} of "
                  f"{sum(r['reports'] for r in summary if r['term'] == t)} stored reports", file=sys.stderr)
        else:
            print(f"{t}: in none of the stored reports", file=sys.stderr)
    years = [c for c in columns if c.isdigit()]
    for r in summary:
        r["source"] = r["first_source"]  # printed whole, like every file:line
    _print_table(summary, ["term", "region", ("first_year", "first"), ("source", "at"), *years,
                           ("first_sentence", "first sentence")])
    return 0


# -- kwic -----------------------------------------------------------------------------

def _fit(text: str, width: int, *, left: bool) -> str:
    """``text`` cut and padded to ``width`` terminal columns, on the side
    away from the keyword."""
    out = text
    while _width(out) > width:
        out = out[1:] if left else out[:-1]
    pad = " " * (width - _width(out))
    return pad + out if left else out + pad


def run_kwic(args: argparse.Namespace) -> int:
    """``sq-nlp kwic``: one aligned line per occurrence."""
    from sq_nlp.store import terms

    if args.limit < 0:
        from sq_nlp.errors import ConfigError

        raise ConfigError(f"--limit must not be negative, got {args.limit}")
    rows = terms.kwic_rows(args.terms, db=args.db, region=args.region, year=args.year, width=args.width,
                           limit=args.limit or None)
    if args.format != "table":
        _emit(rows, args.format, what="occurrences", columns=terms.KWIC_COLUMNS, table_columns=())
        return 0
    if not rows:
        print("no occurrence found", file=sys.stderr)
        return 0
    tty = sys.stdout.isatty()
    src_w = max(_width(r["source"]) for r in rows)
    side = 2 * args.width  # a CJK character takes two columns
    for r in rows:
        word = f"\033[1;31m{r['written']}\033[0m" if tty else f"【{r['written']}】"
        print(f"{r['source']}{' ' * (src_w - _width(r['source']))}  "
              f"{_fit(r['left'], side, left=True)}{word}{_fit(r['right'], side, left=False).rstrip()}")
    return 0
