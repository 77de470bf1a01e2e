"""`zhichan deadline`: the due date of a legal period, with the steps that explain it.

    zhichan deadline --start 2024-09-20 --days 15          # steps, then the due date on the last line
    zhichan deadline --start 2024-09-20 --working-days 5 --json
    zhichan deadline --start 2025-10-15T09:30 --hours 24   # hour periods start at a time (Beijing)
    zhichan deadline --start 2025-03-03 --rule decree81.decision --table notice-2027.csv

Plain output: one numbered step per line (Chinese, then the rule cited), the calendar data used, and
the due date in ISO format alone on the last line. With `--json`: one JSON object, nothing else:
{"start", "period": {"amount", "unit", "zh"}, "due", "expires_at", "steps": [{"zh", "en", "rule",
"basis"}], "calendar_source"}. Bad input and years without holiday data exit with code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from zhichan.engines.calendar.periods import BEIJING, Period, Unit, compute_deadline
from zhichan.engines.calendar.workdays import (
    TableError,
    WorkCalendar,
    YearNotCovered,
    default_calendar,
    load_table,
)
from zhichan.engines.rules import UnknownRule


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} 不是整数 / not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} 须为正整数 / must be at least 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhichan deadline",
        description="计算法定期限的届满日（民法典第二百零一条至第二百零四条，国务院办公厅节假日安排）。",
    )
    parser.add_argument("--start", required=True, help="起算日 YYYY-MM-DD（按小时计算时为日期时间，默认北京时间）")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--working-days", type=_positive, metavar="N", help="N 个工作日")
    group.add_argument("--days", type=_positive, metavar="N", help="N 日（自然日）")
    group.add_argument("--months", type=_positive, metavar="N", help="N 个月")
    group.add_argument("--years", type=_positive, metavar="N", help="N 年")
    group.add_argument("--hours", type=_positive, metavar="N", help="N 小时")
    group.add_argument("--rule", metavar="KEY", help="legal_rules.csv 中的期间，如 decree81.defence")
    parser.add_argument(
        "--table",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="导入的年度节假日表（CSV 或 JSON：date,kind,name,source），覆盖或补充内置数据",
    )
    parser.add_argument(
        "--provisional",
        action="store_true",
        help="尚无通知的年份按《全国年节及纪念日放假办法》的法定节假日暂定推算（结果标注暂定），而不是报错",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON 对象（含 due 和计算步骤）")
    return parser


def _period(args: argparse.Namespace) -> Period:
    if args.rule:
        return Period.of_rule(args.rule)
    for unit in Unit:
        amount = getattr(args, unit.value)
        if amount is not None:
            return Period(amount, unit)
    raise AssertionError("argparse requires one period option")


def _start(text: str, unit: Unit) -> date:
    if unit is not Unit.HOURS:
        return date.fromisoformat(text)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error (or --help)
        return int(exc.code or 0)
    try:
        period = _period(args)
    except (UnknownRule, ValueError) as exc:
        print(f"zhichan deadline: --rule {args.rule}: {exc}", file=sys.stderr)
        return 2
    try:
        start = _start(args.start, period.unit)
    except ValueError:
        expected = "YYYY-MM-DDTHH:MM" if period.unit is Unit.HOURS else "YYYY-MM-DD"
        print(f"zhichan deadline: --start: {args.start!r} 不是 {expected} / not a valid start", file=sys.stderr)
        return 2
    calendar: WorkCalendar = default_calendar().estimating() if args.provisional else default_calendar()
    try:
        for path in args.table:
            calendar = calendar.with_entries(load_table(path), f"{path.name} (imported table)")
        deadline = compute_deadline(start, period, calendar)
    except (TableError, OSError) as exc:
        print(f"zhichan deadline: --table: {exc}", file=sys.stderr)
        return 2
    except YearNotCovered as exc:
        print(f"zhichan deadline: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(deadline.as_dict(), ensure_ascii=False, indent=2))
        return 0
    for number, step in enumerate(deadline.steps, start=1):
        print(f"{number}. {step.zh}")
    print(f"日历数据 / calendar: {deadline.calendar_source}")
    if deadline.provisional:
        print(f"暂定 / provisional: {', '.join(map(str, deadline.provisional_years))}")
    print(deadline.expires_at.isoformat() if period.unit is Unit.HOURS else deadline.due.isoformat())
    return 0
