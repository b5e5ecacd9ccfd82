"""Query subcommands: ``figures``, ``slogans``, ``documents``, ``search``,
``trend``, ``check`` and ``export``, all over the database.

They start fast: nothing here imports pandas, jieba or scikit-learn; rows
come from :mod:`sq_nlp.store.query` as plain dicts and are printed as an aligned
table, CSV or JSON.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from sq_nlp.cli import DEFAULT_DB, count_int, printable, year_int
from sq_nlp.records import MEASURES

FORMATS = ("table", "csv", "json")
CELL_WIDTH = 40
TREND_LONG_COLUMNS = ("region", "indicator", "period", "level", "growth", "value", "unit", "value_base",
                      "growth_value", "level_source", "growth_source")
WHOLE_COLUMNS = frozenset({"path", "source", "level_source", "growth_source", "target_source", "outcome_source"})  # never truncated


def _common(p: argparse.ArgumentParser, *, formats: bool = True) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default: {DEFAULT_DB})")
    if formats:
        p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def _add(sub: Any, name: str, help: str, description: str, examples: str,
         func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=description, epilog="examples:\n" + examples,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=func)
    return p


def register(sub: Any) -> None:
    """Add the query subcommands."""
    p = _add(sub, "figures", "list extracted figures, filtered",
             "List the figures stored from the reports, with what each states: its measure "
             "(level, rate, points, increment, share ...), direction (a fall reads -3%), bound "
             "(突破 at least, 以内 at most, 左右 about) and the headline indicator it resolved to. "
             "--indicator names a headline indicator of the registry (GDP finds 地区生产总值, "
             "国内生产总值 and 全省生产总值, not 人均GDP or 海洋生产总值) or any other text the "
             "indicators contain; --exact matches the indicator text as is. For one resolved "
             "value per region and year, see sq-nlp answer.",
             "  sq-nlp figures --indicator GDP --format json\n"
             "  sq-nlp figures --region 重庆 --year 2026 --target\n"
             "  sq-nlp figures --direction down --measure rate      # what fell\n"
             "  sq-nlp figures --indicator 一般公共预算收入 --unit 亿元 --format csv\n", run_figures)
    p.add_argument("--indicator", metavar="X", help="indicator name or synonym (GDP, CPI, 城镇新增就业 ...)")
    p.add_argument("--exact", action="store_true", help="match the indicator exactly, no synonyms")
    p.add_argument("--region", metavar="R", help="part of the report's region (重庆 finds 重庆市)")
    p.add_argument("--year", type=year_int, metavar="Y", help="the report's year")
    p.add_argument("--period", type=year_int, metavar="P", help="the year the figure refers to")
    p.add_argument("--unit", metavar="U", help="the unit as written (亿元, %%, 个百分点 ...)")
    flags = p.add_mutually_exclusive_group()
    flags.add_argument("--change", dest="change", action="store_true", default=None,
                       help="only growth rates and increments")
    flags.add_argument("--level", dest="change", action="store_false", help="only levels (no changes)")
    targets = p.add_mutually_exclusive_group()
    targets.add_argument("--target", dest="target", action="store_true", default=None,
                         help="only planned targets")
    targets.add_argument("--actual", dest="target", action="store_false", help="only achieved figures")
    p.add_argument("--measure", choices=MEASURES, help="only figures of this measure")
    p.add_argument("--direction", choices=("up", "down", "none"), help="only rises, falls, or neither")
    _common(p)

    p = _add(sub, "slogans", "list slogans and formulas (提法)",
             "List the slogans and numbered formulas stored from the reports, with their items.",
             "  sq-nlp slogans --term 意识\n  sq-nlp slogans --kind numbered --year 2024 --format csv\n",
             run_slogans)
    p.add_argument("--term", metavar="T", help="part of the term (or the whole, with --exact)")
    p.add_argument("--exact", action="store_true", help="match the whole term")
    p.add_argument("--kind", choices=("numbered", "quoted", "model", "motto"), help="kind of slogan")
    p.add_argument("--region", metavar="R", help="part of the report's region")
    p.add_argument("--year", type=year_int, metavar="Y", help="the report's year")
    _common(p)

    p = _add(sub, "documents", "list the stored reports",
             "List the reports in the database with their metadata and row counts.",
             "  sq-nlp documents\n  sq-nlp documents --format json\n", run_documents)
    _common(p)

    p = _add(sub, "search", "full-text search of the reports (Chinese-aware)",
             "Find paragraphs containing every word of the query. Prints file:line, the "
             "section and a snippet with the hits marked. A word is found as `sq-nlp measure` "
             "and `sq-nlp timeline` count it: inside longer words too (环保 in 环保督察), not "
             "across two words (民生 is not found in 人民生活).",
             "  sq-nlp search 垃圾分类\n  sq-nlp search 乡村振兴 人才 --region 四川\n"
             "  sq-nlp search 营商环境 --limit 5 --format json\n", run_search)
    p.add_argument("query", nargs="+", metavar="WORD", help="words that must all occur")
    p.add_argument("--region", metavar="R", help="part of the report's region")
    p.add_argument("--year", type=year_int, metavar="Y", help="the report's year")
    p.add_argument("--limit", type=count_int, default=20, metavar="N", help="at most N hits (default: 20; 0: all)")
    _common(p)

    p = _add(sub, "trend", "an indicator across years: one row per region, one column per year",
             "Show an indicator's level per region and year as the reports state it, with "
             "the stated growth beside each year.",
             "  sq-nlp trend --indicator 地区生产总值\n  sq-nlp trend --indicator GDP --region 重庆 --format csv\n"
             "  sq-nlp trend --indicator 城镇新增就业 --long --format json   # with file:line sources\n",
             run_trend)
    p.add_argument("--indicator", required=True, metavar="X", help="indicator name or synonym")
    p.add_argument("--exact", action="store_true", help="match the indicator exactly, no synonyms")
    p.add_argument("--region", metavar="R", help="part of the report's region")
    p.add_argument("--long", action="store_true",
                   help="one row per region and year, with the numbers and the source (file:line) "
                        "of the level and of the growth")
    _common(p)

    p = _add(sub, "check", "check stated growth against the levels of consecutive years",
             "Where one year's report gives an indicator's level and the next gives its new "
             "level and growth rate, compare the stated growth with the computed one and list "
             "disagreements beyond a tolerance (allowing for the rounding of the numbers as "
             "written). GDP growth is stated in comparable prices, so it differs from the "
             "computed nominal growth by the year's price change: such indicators (real=yes) "
             "disagree only beyond 8 points of inflation or 3 of deflation on top of the "
             "tolerance. Figures written as approximate (超过, 近, 约; approx=yes) are listed "
             "only with --all.",
             "  sq-nlp check\n  sq-nlp check --indicator 一般公共预算收入 --tolerance 1 --all\n", run_check)
    p.add_argument("--indicator", metavar="X", help="only this indicator (name or synonym)")
    p.add_argument("--exact", action="store_true", help="match the indicator exactly, no synonyms")
    p.add_argument("--region", metavar="R", help="part of the report's region")
    p.add_argument("--tolerance", type=float, default=0.5, metavar="PP",
                   help="allowed difference in percentage points (default: 0.5)")
    p.add_argument("--all", dest="show_all", action="store_true",
                   help="list every comparison, also agreements and approximate figures")
    _common(p)

    p = _add(sub, "export", "export every table to a folder (CSV, JSON or Parquet)",
             "Write documents, blocks, figures, slogans and slogan_items to DIR, one file each.",
             "  sq-nlp export --format csv outputs/tables\n  sq-nlp export --format parquet exports\n",
             run_export)
    p.add_argument("dir", metavar="DIR", help="folder to write into (created if missing)")
    p.add_argument("--format", choices=("csv", "parquet", "json"), default="csv",
                   help="file format (default: csv)")
    _common(p, formats=False)


# -- output -----------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any, limit: int = CELL_WIDTH) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else ""
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = printable(" ".join(str(value).split()))
    if _width(text) > limit:
        out, w = [], 0
        for ch in text:
            w += _width(ch)
            if w > limit - 1:
                break
            out.append(ch)
        text = "".join(out) + "…"
    return text


def _print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str | tuple[str, str]]) -> None:
    """An aligned table; a column is a key or ``(key, heading)``."""
    keys = [c if isinstance(c, str) else c[0] for c in columns]
    heads = [c if isinstance(c, str) else c[1] for c in columns]
    cells = [[_cell(r.get(k), 10**6 if k in WHOLE_COLUMNS else CELL_WIDTH) for k in keys] for r in rows]
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(heads)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    print(line(heads))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))


def _all_columns(rows: Sequence[dict[str, Any]], first: Sequence[str]) -> list[str]:
    cols = list(first) + [k for r in rows for k in r]
    return [c for c in dict.fromkeys(cols) if not c.startswith("_")]


def _emit(rows: Sequence[dict[str, Any]], fmt: str, *, table_columns: Sequence[str | tuple[str, str]],
          columns: Sequence[str], what: str) -> None:
    """Print rows: a table of ``table_columns``, or CSV/JSON of every column."""
    if fmt == "json":
        import json

        cols = _all_columns(rows, columns)
        # One record a line: readable, and each line made by json's C encoder
        # (indent= makes it fall back to a pure-Python one, which was a third
        # of a large answer's time).
        lines = [json.dumps({c: r.get(c) for c in cols}, ensure_ascii=False) for r in rows]
        sys.stdout.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
    elif fmt == "csv":
        import csv

        cols = _all_columns(rows, columns)
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: _csv_value(r.get(c)) for c in cols})
    elif rows:
        _print_table(rows, table_columns)
    else:
        print(f"no {what} found", file=sys.stderr)


def _csv_value(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return value


# -- commands ---------------------------------------------------------------------

def run_figures(args: argparse.Namespace) -> int:
    """``sq-nlp figures``."""
    from sq_nlp import query

    rows = query.figure_rows(db=args.db, indicator=args.indicator, exact=args.exact, region=args.region,
                             year=args.year, period=args.period, unit=args.unit, change=args.change,
                             target=args.target, measure=args.measure, direction=args.direction)
    for r in rows:
        text = query.figure_text(r)
        if r.get("direction") == "down" and r.get("measure") in ("rate", "points", "increment"):
            text = "-" + text
        r["_figure"] = text
        r["_flags"] = " ".join(n for n, on in (
            (r.get("measure") or "", True), (r.get("bound") or "", r.get("bound") not in (None, "exact")),
            (r.get("basis") or "", r.get("basis") not in (None, "yoy")), ("estimate", r.get("estimate")),
            ("target", r.get("target")), ("low-confidence", r.get("low_confidence"))) if on)
    _emit(rows, args.format, what="figures", columns=query.FIGURE_COLUMNS,
          table_columns=["region", "year", "years", "indicator", ("_figure", "figure"), ("_flags", "reads as"),
                         "canonical", "source", "sentence"])
    return 0


def run_slogans(args: argparse.Namespace) -> int:
    """``sq-nlp slogans``."""
    from sq_nlp import query

    rows = query.slogan_rows(db=args.db, term=args.term, exact=args.exact, kind=args.kind,
                             region=args.region, year=args.year)
    _emit(rows, args.format, what="slogans", columns=query.SLOGAN_COLUMNS,
          table_columns=["region", "year", "term", "kind", "count", "occurrences", "items", "path"])
    return 0


def run_documents(args: argparse.Namespace) -> int:
    """``sq-nlp documents``."""
    from sq_nlp import query

    rows = query.document_rows(db=args.db)
    _emit(rows, args.format, what="documents", columns=query.DOCUMENT_COLUMNS,
          table_columns=["id", "path", "region", "year", "period", "title", "script", "n_blocks", "n_figures",
                         "n_slogans"])
    return 0


def run_search(args: argparse.Namespace) -> int:
    """``sq-nlp search``: snippets with hits marked, and file:line."""
    from sq_nlp import query

    if args.limit < 0:
        from sq_nlp.errors import ConfigError

        raise ConfigError(f"--limit must not be negative, got {args.limit}")
    rows = query.search_rows(" ".join(args.query), db=args.db, region=args.region, year=args.year,
                             limit=args.limit or None)
    if args.format != "table":
        _emit(rows, args.format, what="matches", columns=query.SEARCH_COLUMNS, table_columns=())
        return 0
    if not rows:
        print("no matches found", file=sys.stderr)
        return 0
    tty = sys.stdout.isatty()
    for r in rows:
        snippet = r["snippet"]
        if tty:
            snippet = snippet.replace(query.HIT_OPEN, "\033[1;31m").replace(query.HIT_CLOSE, "\033[0m")
        section = f"  [{r['section']}]" if r.get("section") else ""
        print(printable(f"{r['source']}{section}"))
        print(f"    {snippet}")
    return 0


def run_trend(args: argparse.Namespace) -> int:
    """``sq-nlp trend``: one row per region, one column per year with its growth."""
    from sq_nlp import query

    long = query.trend_rows(args.indicator, db=args.db, exact=args.exact, region=args.region)
    if args.long:
        _emit(long, args.format, what=f"figures for {args.indicator}", columns=TREND_LONG_COLUMNS,
              table_columns=["region", "indicator", "period", "level", "growth", "level_source", "growth_source"])
        return 0
    columns, rows = query.trend_table(long)
    if args.format == "table" and rows:
        _print_table(rows, columns)
    else:
        _emit(rows, args.format, what=f"figures for {args.indicator}", columns=columns, table_columns=columns)
    return 0


def run_check(args: argparse.Namespace) -> int:
    """``sq-nlp check``: disagreements between stated and computed growth."""
    from sq_nlp import query

    every = query.check_rows(db=args.db, indicator=args.indicator, exact=args.exact, region=args.region,
                             tolerance=args.tolerance, show_all=True)
    rows = every if args.show_all else [r for r in every if query.is_disagreement(r)]
    if args.format == "table" and not rows:
        n = len(every)
        print(f"no disagreements found in {n} comparison{'s' if n != 1 else ''} (--all lists them)" if n
              else "nothing to compare: no indicator has two years' levels and the later year's growth",
              file=sys.stderr)
        return 0
    _emit(rows, args.format, what="comparisons", columns=query.CHECK_COLUMNS,
          table_columns=["region", "indicator", "period", "previous", "level", ("stated_growth", "stated"),
                         ("computed_growth", "computed"), ("difference", "diff"), "agrees",
                         ("approximate", "approx"), ("real_growth", "real"), "level_source", "growth_source"])
    return 0


def run_export(args: argparse.Namespace) -> int:
    """``sq-nlp export``: every table to DIR."""
    from sq_nlp import query

    for path in query.export_tables(args.dir, args.format, db=args.db):
        print(path)
    return 0
