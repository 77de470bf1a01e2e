"""The working-day calendar: package data, imported yearly tables, and refusing unknown years."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from zhichan.engines.calendar import (
    CalendarEntry,
    DayKind,
    EntryKind,
    Period,
    TableError,
    Unit,
    YearNotCovered,
    compute_deadline,
    default_calendar,
    load_table,
    parse_table,
)

NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"


def test_day_kinds_follow_the_notice() -> None:
    cal = default_calendar()
    assert cal.day(date(2024, 10, 1)).kind is DayKind.HOLIDAY
    assert cal.day(date(2024, 10, 1)).name == "国庆节"
    assert cal.day(date(2024, 10, 12)).kind is DayKind.MAKEUP_WORKDAY
    assert cal.day(date(2024, 10, 13)).kind is DayKind.WEEKEND
    assert cal.day(date(2024, 10, 14)).kind is DayKind.WORKDAY
    assert cal.is_working_day(date(2026, 2, 28))  # make-up Saturday
    assert not cal.is_working_day(date(2026, 2, 23))  # Monday inside the Spring Festival


def test_next_working_day_and_count_between() -> None:
    cal = default_calendar()
    assert cal.next_working_day(date(2025, 9, 30)) == date(2025, 10, 9)
    assert cal.next_working_day(date(2025, 10, 10)) == date(2025, 10, 11)
    # 2025-10-01..10-08 rest; 10-09, 10-10, 10-11 (Saturday) work
    assert cal.working_days_between(date(2025, 9, 30), date(2025, 10, 12)) == 3


def test_source_names_the_package_and_its_years() -> None:
    source = default_calendar().source
    assert "chinese-calendar 1.11.0" in source
    assert "2026" in source


def test_a_year_without_data_is_refused_with_the_year() -> None:
    with pytest.raises(YearNotCovered) as raised:
        default_calendar().is_working_day(date(2027, 1, 4))
    assert raised.value.year == 2027
    assert "2027" in str(raised.value)
    assert 2026 in raised.value.covered


def test_a_deadline_running_into_an_uncovered_year_is_refused() -> None:
    with pytest.raises(YearNotCovered):
        compute_deadline(date(2026, 12, 2), Period(30, Unit.DAYS), default_calendar())
    with pytest.raises(YearNotCovered):
        compute_deadline(date(2026, 12, 28), Period(5, Unit.WORKING_DAYS), default_calendar())


def _table_2027() -> list[dict[str, str]]:
    rows = [
        {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
        {"date": "2027-02-06", "kind": "holiday", "name": "春节"},
        {"date": "2027-02-07", "kind": "holiday", "name": "春节"},
        {"date": "2027-02-08", "kind": "holiday", "name": "春节"},
        {"date": "2027-02-20", "kind": "workday", "name": "春节"},
    ]
    return [{**row, "source": NOTICE_2027} for row in rows]


def test_an_imported_table_covers_a_new_year(tmp_path: Path) -> None:
    path = tmp_path / "holidays-2027.csv"
    path.write_text(
        "date,kind,name,source\n"
        + "".join(f"{r['date']},{r['kind']},{r['name']},{r['source']}\n" for r in _table_2027()),
        encoding="utf-8",
    )
    cal = default_calendar().with_entries(load_table(path), "holidays-2027.csv")
    assert cal.day(date(2027, 2, 8)).kind is DayKind.HOLIDAY
    assert cal.day(date(2027, 2, 20)).kind is DayKind.MAKEUP_WORKDAY
    assert cal.day(date(2027, 3, 1)).kind is DayKind.WORKDAY
    assert "holidays-2027.csv" in cal.source
    # 2026-12-31 (Thu) + 1 working day: 2027-01-01 is a holiday, then Saturday and Sunday
    assert compute_deadline(date(2026, 12, 31), Period(1, Unit.WORKING_DAYS), cal).due == date(2027, 1, 4)
    # the original calendar is unchanged
    with pytest.raises(YearNotCovered):
        default_calendar().day(date(2027, 1, 1))


def test_json_tables_read_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "holidays-2027.json"
    path.write_text(json.dumps(_table_2027(), ensure_ascii=False), encoding="utf-8")
    entries = load_table(path)
    assert entries[0] == CalendarEntry(date(2027, 1, 1), EntryKind.HOLIDAY, "元旦", NOTICE_2027)
    assert len(entries) == 5


def test_a_table_row_overrides_the_package() -> None:
    fix = CalendarEntry(date(2025, 10, 8), EntryKind.WORKDAY, "更正", "更正通知")
    cal = default_calendar().with_entries([fix], "correction")
    assert cal.is_working_day(date(2025, 10, 8))
    assert not default_calendar().is_working_day(date(2025, 10, 8))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,kind,name\n2027-01-01,holiday,元旦\n", "header, field 'source'"),
        ("date,kind,name,source\n2027-13-01,holiday,元旦,通知\n", "line 2, field 'date'"),
        ("date,kind,name,source\n2027-01-01,rest,元旦,通知\n", "line 2, field 'kind'"),
        ("date,kind,name,source\n2027-01-01,holiday,元旦,\n", "line 2, field 'source'"),
        (
            "date,kind,name,source\n2027-01-01,holiday,元旦,通知\n2027-01-01,holiday,元旦,通知\n",
            "line 3, field 'date'",
        ),
        ("date,kind,name,source\n", "no rows"),
    ],
)
def test_bad_csv_tables_name_the_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TableError) as raised:
        load_table(path)
    assert message in str(raised.value)
    assert "bad.csv" in str(raised.value)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", "{not json", "invalid JSON"),
        ("bad.json", '{"date": "2027-01-01"}', "list of objects"),
        ("bad.json", '[{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}]', "item 1, field 'source'"),
        ("bad.txt", "anything", "only .csv or .json"),
    ],
)
def test_bad_json_tables_are_refused(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TableError, match=message):
        load_table(path)


def test_parse_table_takes_rows_the_platform_holds() -> None:
    entries = parse_table(_table_2027(), "database")
    assert {entry.day.year for entry in entries} == {2027}
    with pytest.raises(TableError, match="database, row 1"):
        parse_table([{"date": "", "kind": "holiday", "name": "x", "source": "y"}], "database")
