"""The field search language: what each query means, and where a wrong one is wrong."""

from __future__ import annotations

from datetime import date

import pytest

from zhichan.engines.patents import And, DateRange, Not, Or, QueryError, Term, parse_query, terms_of


def test_fields_operators_brackets_truncation_and_dates():
    node = parse_query("ti=(电池 OR 电芯) AND pa=广州* NOT ipc=H01M10* ad=2019..2022")
    assert node == And(
        (
            Or((Term("ti", "电池"), Term("ti", "电芯"))),
            Term("pa", "广州", prefix=True),
            Not(Term("ipc", "H01M10", prefix=True)),
            DateRange("ad", date(2019, 1, 1), date(2022, 12, 31)),
        )
    )
    assert terms_of(node) == [Term("ti", "电池"), Term("ti", "电芯"), Term("pa", "广州", prefix=True)]


def test_precedence_not_then_and_then_or():
    assert parse_query("a b OR c") == Or((And((Term("tx", "a"), Term("tx", "b"))), Term("tx", "c")))
    assert parse_query("a OR b NOT c") == Or((Term("tx", "a"), And((Term("tx", "b"), Not(Term("tx", "c"))))))
    assert parse_query("a and (b or c)") == And((Term("tx", "a"), Or((Term("tx", "b"), Term("tx", "c")))))


def test_phrases_in_either_quotes_and_full_width_input():
    assert parse_query('"锂离子 电池"') == Term("tx", "锂离子 电池", phrase=True)
    assert parse_query("ab=“固态电解质”") == Term("ab", "固态电解质", phrase=True)
    assert parse_query("ＴＩ＝（电池　ＯＲ　电芯）") == Or((Term("ti", "电池"), Term("ti", "电芯")))


def test_ipc_values_are_prefixes_of_the_hierarchy():
    assert parse_query("ipc=H04L29/06") == Term("ipc", "H04L 29/06", prefix=True)
    assert parse_query('ipc="h04l 29/06"') == Term("ipc", "H04L 29/06", prefix=True)
    assert parse_query("ipc=H04") == Term("ipc", "H04", prefix=True)


def test_dates_by_year_month_day_and_comparisons():
    assert parse_query("ad=2020-02") == DateRange("ad", date(2020, 2, 1), date(2020, 2, 29))
    assert parse_query("pd=20210315") == DateRange("pd", date(2021, 3, 15), date(2021, 3, 15))
    assert parse_query("ad>=2020") == DateRange("ad", date(2020, 1, 1), None)
    assert parse_query("ad>2020") == DateRange("ad", date(2021, 1, 1), None)
    assert parse_query("gd<2021-06-01") == DateRange("gd", None, date(2021, 5, 31))
    assert parse_query("gd<=2021-06") == DateRange("gd", None, date(2021, 6, 30))
    assert parse_query("ad=2019..") == DateRange("ad", date(2019, 1, 1), None)


@pytest.mark.parametrize(
    ("query", "position", "says"),
    [
        ("ti=(电池 OR 电芯", 4, "括号没有闭合"),
        ("电池)", 3, "多余的右括号"),
        ("xx=电池", 1, "没有字段代码"),
        ('"锂离子', 1, "引号没有结束"),
        ("ad=2020-02-30", 4, "不是日期"),
        ("ad=2022..2019", 4, "起始日期晚于结束日期"),
        ("ti>2020", 1, "只有日期字段"),
        ("ipc=电池", 5, "不是 IPC 分类号"),
        ("电*池", 1, "截词符"),
        ("电池 AND", 7, "缺少检索词"),
        ("   ", 1, "请输入检索式"),
    ],
)
def test_a_wrong_query_says_what_and_where(query, position, says):
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert caught.value.params["position"] == position
    assert says in str(caught.value)
