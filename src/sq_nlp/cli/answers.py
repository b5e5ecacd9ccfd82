"""Answer subcommands: ``answer`` (one resolved value per region, year and
measure, with the candidates that lost and why) and ``scorecard`` (targets
against outcomes, with a verdict).

Like the other query commands they start fast: no pandas, jieba or
scikit-learn; the rows come from :mod:`sq_nlp.store.answers`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sq_nlp.cli import DEFAULT_DB
from sq_nlp.cli.query import FORMATS, _add, _emit, _width

ANSWER_COLUMNS = (
    "region", "name", "indicator", "period", "measure", "value", "value_max", "unit", "text", "bound", "basis",
    "real", "estimate", "stated_as", "source", "sentence", "report_year", "others",
)
MEASURE_CHOICES = ("level", "rate", "target")


def register(sub: Any) -> None:
    """Add the answer subcommands."""
    p = _add(sub, "answer", "one value per region, year and measure of a headline indicator",
             "Answer 'what did the reports state for INDICATOR' with one value per region, year "
             "(--period: the year the value is about) and measure: level (the year's value), "
             "rate (its growth that year, signed: a fall is negative) or target (the goal the "
             "report of that year set). Rules: an exact value beats a threshold (突破) and an "
             "approximation; a final figure beats an estimate (预计), so a later report's figure "
             "for the year beats an earlier estimate; an average over years (年均) or a total "
             "over years never answers one year; 从A增长到B gives A to the start year. --why "
             "lists every other candidate with the reason it lost.",
             "  sq-nlp answer GDP --region 四川 --period 2025 --measure level\n"
             "  sq-nlp answer 地区生产总值 --measure target --format csv\n"
             "  sq-nlp answer 一般公共预算收入 --region 吉林 --why\n"
             "  sq-nlp answer --list                      # the headline indicators\n",
             run_answer)
    p.add_argument("indicator", nargs="?", metavar="INDICATOR",
                   help="a headline indicator (GDP, CPI, 城镇新增就业 ... see --list) or any indicator text")
    p.add_argument("--region", metavar="R", help="part of the report's region (重庆 finds 重庆市)")
    p.add_argument("--period", type=int, metavar="P", help="the year the answer is about")
    p.add_argument("--measure", choices=MEASURE_CHOICES, help="level, rate or target (default: all three)")
    p.add_argument("--exact", action="store_true", help="the indicator text as written, not the registry")
    p.add_argument("--why", action="store_true", help="also list the candidates that lost, with the reason")
    p.add_argument("--list", action="store_true", help="list the headline indicators of the registry")
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")

    p = _add(sub, "scorecard", "targets against outcomes: did a region meet the target it set?",
             "For each region, headline indicator and year Y: the target report Y set for Y, the "
             "outcome the reports state for Y (report Y+1), a verdict and both sources. Verdict: "
             "where more is better, met when the outcome reaches the target (a range's lower end); "
             "below an approximate target (左右) by at most half a point (5% of a level) is "
             "'within the bound'; otherwise missed. Where less is better (CPI, unemployment, "
             "PM2.5, energy intensity) or for a ceiling (以内), the mirror image. Targets and "
             "outcomes are the resolver's answers (sq-nlp answer).",
             "  sq-nlp scorecard --indicator GDP\n"
             "  sq-nlp scorecard --region 四川 --year 2025\n"
             "  sq-nlp scorecard --indicator GDP --format csv > gdp_targets.csv\n"
             "  sq-nlp scorecard --indicator GDP --chart gdp_targets.png\n", run_scorecard)
    p.add_argument("--indicator", metavar="X", help="one headline indicator (default: all with numeric targets)")
    p.add_argument("--region", metavar="R", help="part of the report's region")
    p.add_argument("--year", type=int, metavar="Y", help="the target year")
    p.add_argument("--all", dest="show_all", action="store_true",
                   help="also targets whose outcome is not stated yet (no verdict)")
    p.add_argument("--chart", metavar="FILE", help="also draw targets against outcomes per year (.png or .svg)")
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default: {DEFAULT_DB})")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def run_scorecard(args: argparse.Namespace) -> int:
    """``sq-nlp scorecard``."""
    from sq_nlp.store.scorecard import SCORECARD_COLUMNS, scorecard_rows, summary

    rows = scorecard_rows(db=args.db, indicator=args.indicator, region=args.region, year=args.year)
    if not args.show_all:
        rows = [r for r in rows if r["verdict"] is not None]
    _emit(rows, args.format, what="targets with a stated outcome (--all lists targets without one)",
          columns=SCORECARD_COLUMNS,
          table_columns=["region", ("name", "indicator"), "year", "target", "outcome", "verdict",
                         "target_source", "outcome_source"])
    if rows and args.format == "table":
        counts = summary(rows)
        print(f"\nmet {counts['met']}, within the bound {counts['within the bound']}, missed {counts['missed']}"
              + (f", no verdict yet {counts['no verdict']}" if counts["no verdict"] else ""), file=sys.stderr)
    if args.chart:
        from sq_nlp.errors import ConfigError
        from sq_nlp.summaries.visuals import save_figure, scorecard_chart

        drawn = [r for r in rows if r["verdict"] is not None]
        if not drawn:
            raise ConfigError("nothing to chart: no target has a stated outcome in this selection")
        print(save_figure(scorecard_chart(drawn), args.chart))
    return 0


def run_answer(args: argparse.Namespace) -> int:
    """``sq-nlp answer``."""
    from sq_nlp.errors import ConfigError

    if args.list:
        from sq_nlp.extract.figures.registry import load_registry

        rows = [{**i.to_dict(), "names": "、".join(i.names)} for i in load_registry()]
        _emit(rows, args.format, what="indicators", columns=("id", "name", "dimension", "measures", "target", "names"),
              table_columns=["id", "name", "dimension", "target", "names"])
        return 0
    if not args.indicator:
        raise ConfigError("name an indicator (e.g. sq-nlp answer GDP), or --list the headline indicators")
    from sq_nlp.store.answers import answer_rows

    rows = answer_rows(args.indicator, db=args.db, region=args.region, period=args.period, measure=args.measure,
                       exact=args.exact)
    for r in rows:
        shown = r["text"]
        if shown and r["value"] is not None and r["value"] < 0 and not shown.startswith("-"):
            shown = "-" + shown
        r["_answer"] = shown if shown else "(not stated)"
        r["_reads"] = " ".join(x for x in (r["bound"] if r["bound"] != "exact" else "",
                                           r["basis"] if r["basis"] not in (None, "yoy") else "",
                                           "estimate" if r["estimate"] else "") if x)
    _emit(rows, args.format, what=f"answers for {args.indicator}", columns=ANSWER_COLUMNS,
          table_columns=["region", "period", "measure", ("_answer", "answer"), ("_reads", "reads as"),
                         "stated_as", "source"])
    if args.why and args.format == "table":
        for r in rows:
            if not r["others"]:
                continue
            print(f"\n{r['region']} {r['period']} {r['measure']}: {r['_answer']} ({r['source']}) beat:")
            width = max(_width(o["text"]) for o in r["others"])
            for o in r["others"]:
                print(f"  {o['text']}{' ' * (width - _width(o['text']))}  {o['reason']}  ({o['source']})")
    if rows and all(r["value"] is None for r in rows):
        print("the stored reports state no such figure", file=sys.stderr)
    return 0
