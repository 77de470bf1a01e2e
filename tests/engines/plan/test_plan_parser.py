"""The parser on small plan texts: structure, responsibility clauses, indicators, errors, export."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from zhichan.engines.plan import (
    IndicatorCategory,
    IndicatorKind,
    PlanParseError,
    classify_indicator,
    corrected_text,
    parse_plan,
    to_export_dict,
)
from zhichan.engines.plan.parser import chinese_numeral
from zhichan.engines.plan.responsibility import parse_responsibility, split_top_level


def test_outline_skips_the_contents_list_and_keeps_the_preamble(mini_text: str) -> None:
    doc = parse_plan(mini_text)
    assert [(s.key, s.title) for s in doc.sections] == [("一", "背景"), ("二", "目标"), ("三", "任务")]
    assert [sub.key for sub in doc.subsections] == ["一(一)", "二(一)", "三(一)", "三(二)"]
    assert doc.section_title("三(二)") == "运用"
    assert doc.preamble == "为推进工作,制定本规划。"
    assert doc.sections[0].line == 10  # the body heading, not the contents entry on line 2


def test_tasks_with_both_responsibility_forms(mini_text: str) -> None:
    doc = parse_plan(mini_text)
    first, second, third = doc.tasks
    assert (first.number, first.title, first.section) == (1, "完善法规", "三(一)")
    assert first.lead_units == ("市市场监管局", "市版权局")
    assert first.cooperating_units == ("“双随机、一公开”各监管部门", "市法院")
    assert not first.shared_lead
    assert first.text.startswith("完善法规。修改专利") and first.text.endswith("市法院)")
    assert second.lead_units == ("市法院", "市检察院") and second.cooperating_units == ()
    assert second.shared_lead
    assert (third.section, third.lead_units, third.cooperating_units) == ("三(二)", ("黄埔区人民政府",), ())
    assert doc.units == (
        "市市场监管局",
        "市版权局",
        "“双随机、一公开”各监管部门",
        "市法院",
        "市检察院",
        "黄埔区人民政府",
    )


def test_column_keeps_its_numbered_list_as_text(mini_text: str) -> None:
    doc = parse_plan(mini_text)
    (column,) = doc.columns
    assert (column.number, column.title, column.section) == (1, "保护中心工程", "三(一)")
    assert column.text == "建设保护中心。\n1.快速预审;2.快速确权。"
    assert [t.number for t in doc.tasks] == [1, 2, 3]


def test_key_indicator_table(mini_text: str) -> None:
    doc = parse_plan(mini_text)
    assert (doc.base_year, doc.target_year, doc.indicator_table_title) == (2020, 2025, "主要指标")
    stock, rate = doc.key_indicators
    assert (stock.name, stock.unit) == ("高价值发明专利拥有量", "件")
    assert (stock.baseline, stock.target) == (Decimal(20), Decimal(30))
    assert stock.source == "市市场监管局(知识产权局)" and stock.kind is IndicatorKind.STOCK
    assert (rate.unit, rate.baseline, rate.target) == ("%", None, Decimal(6))
    assert rate.kind is IndicatorKind.GROWTH_RATE
    assert stock.section == "二(一)"


def test_table_with_one_row_per_line_reads_the_same(mini_text: str) -> None:
    start, end = mini_text.index("指标 |"), mini_text.rindex("三、任务")
    cells = mini_text[start:end].split(" |\n")[:-1]
    rows = "".join(" | ".join(cells[i : i + 4]) + "\n" for i in range(0, len(cells), 4))
    assert rows.startswith("指标 | 2020年 完成值 | 2025年 规划值 | 数据来源\n")
    one_row_per_line = mini_text[:start] + rows + mini_text[end:]
    doc = parse_plan(one_row_per_line)
    assert to_export_dict(doc) == to_export_dict(parse_plan(mini_text))
    assert [i.line for i in doc.key_indicators] == [18, 19]


def test_steady_growth_indicators_take_background_baselines(mini_text: str) -> None:
    doc = parse_plan(mini_text)
    steady = {i.name: i for i in doc.steady_growth_indicators}
    assert list(steady) == [
        "有效注册商标数量",
        "地理标志商标数量",
        "中国专利奖获奖数量",
        "广东专利奖获奖数量",
    ]
    marks = steady["有效注册商标数量"]
    assert (marks.baseline, marks.unit, marks.target, marks.source) == (Decimal(105000), "件", None, None)
    assert marks.baseline_text == "全市有效商标注册量10.5万件" and marks.baseline_line == 12
    assert marks.category is IndicatorCategory.STEADY_GROWTH
    assert (steady["中国专利奖获奖数量"].baseline, steady["中国专利奖获奖数量"].unit) == (Decimal(12), "项")
    assert steady["广东专利奖获奖数量"].baseline == 7
    assert steady["地理标志商标数量"].baseline == 3


def test_steady_growth_without_a_matching_figure_has_no_baseline(mini_text: str) -> None:
    text = mini_text.replace("地理标志商标数量、", "地理标志商标数量、集体商标数量、")
    collective = parse_plan(text).indicator("集体商标数量")
    assert (collective.baseline, collective.unit) == (None, None)


def test_ambiguous_background_figures_give_no_baseline(mini_text: str) -> None:
    text = mini_text.replace("地理标志商标3件。", "地理标志商标3件,地理标志商标4件。")
    assert parse_plan(text).indicator("地理标志商标数量").baseline is None


def test_task_may_run_over_several_lines(mini_text: str) -> None:
    text = mini_text.replace("3.促进运用。推动转化。", "3.促进运用\n推动转化。\n")
    task = parse_plan(text).task(3)
    assert task.title == "促进运用"
    assert task.text == "促进运用\n推动转化。\n(牵头单位:黄埔区人民政府)"
    assert task.lead_units == ("黄埔区人民政府",)


def test_paragraph_after_a_closed_task_is_not_part_of_it(mini_text: str) -> None:
    doc = parse_plan(mini_text + "各区要抓好落实。(牵头单位:市市场监管局,配合单位:各区人民政府)\n")
    assert doc.task(3).text.endswith("(牵头单位:黄埔区人民政府)")
    sub = doc.subsections[-1]
    assert sub.text.endswith("各区要抓好落实。(牵头单位:市市场监管局,配合单位:各区人民政府)")
    assert sub.responsibility is not None and sub.responsibility.cooperating_units == ("各区人民政府",)
    assert doc.units[-1] == "各区人民政府"


def test_full_width_brackets_and_colons() -> None:
    resp = parse_responsibility("牵头单位：广州市市场监督管理局（知识产权局）；配合单位：市版权局、市法院")
    assert resp.lead_units == ("广州市市场监督管理局（知识产权局）",)
    assert resp.cooperating_units == ("市版权局", "市法院")


def test_split_top_level_respects_quotes_and_brackets() -> None:
    pieces = split_top_level("A(甲、乙)、“丙、丁”部门、《戊、己》、B", "、")
    assert pieces == ["A(甲、乙)", "“丙、丁”部门", "《戊、己》", "B"]


@pytest.mark.parametrize(
    ("name", "unit", "kind"),
    [
        ("每万人口高价值发明专利拥有量", "件", IndicatorKind.STOCK),
        ("海外发明专利授权量", "件", IndicatorKind.YEARLY_COUNT),
        ("知识产权仲裁案件数", "件/年", IndicatorKind.YEARLY_COUNT),
        ("知识产权质押融资登记金额年均增长率", "%", IndicatorKind.GROWTH_RATE),
        ("版权产业增加值占GDP比重", "%", IndicatorKind.SHARE_OF_GDP),
        ("知识产权保护社会满意度", "分", IndicatorKind.SCORE),
        ("知识产权服务机构", "家", IndicatorKind.STOCK),
    ],
)
def test_indicator_kinds(name: str, unit: str, kind: IndicatorKind) -> None:
    assert classify_indicator(name, unit) is kind


def test_corrected_text() -> None:
    assert corrected_text("作品着作权登记量") == "作品著作权登记量"
    assert corrected_text("着力加强") == "着力加强"


def test_export_dict_shape(mini_text: str) -> None:
    exported = to_export_dict(parse_plan(mini_text))
    assert set(exported) == {"tasks", "columns", "indicators"}
    assert exported["tasks"][0] == {
        "number": 1,
        "title": "完善法规",
        "section": "三(一)",
        "lead_units": ["市市场监管局", "市版权局"],
        "cooperating_units": ["“双随机、一公开”各监管部门", "市法院"],
    }
    assert exported["columns"] == [{"number": 1, "title": "保护中心工程"}]
    assert exported["indicators"][1] == {
        "name": "质押融资金额年均增长率",
        "unit": "%",
        "value_2020": None,
        "target_2025": 6,
        "source": "市市场监管局(知识产权局)",
        "kind": "growth_rate",
        "key": True,
    }
    assert exported["indicators"][2]["value_2020"] == 105000
    assert exported["indicators"][2]["key"] is False
    assert exported["indicators"][2]["target_2025"] is None
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported


def test_decimal_values_export_as_json_numbers(mini_text: str) -> None:
    text = mini_text.replace("20 |\n30 |", "9.85 |\n10 |")
    indicator = to_export_dict(parse_plan(text))["indicators"][0]
    assert (indicator["value_2020"], indicator["target_2025"]) == (9.85, 10)


# -- errors: the line and what was expected --------------------------------------------------------


def _error(text: str) -> PlanParseError:
    with pytest.raises(PlanParseError) as info:
        parse_plan(text)
    return info.value


def test_error_task_without_responsibility(mini_text: str) -> None:
    err = _error(mini_text.replace("(牵头单位:黄埔区人民政府)", ""))
    assert err.line == 37
    assert "任务3末尾应有职责分工" in str(err) and "第37行" in str(err)


def test_error_unknown_responsibility_form(mini_text: str) -> None:
    err = _error(mini_text.replace("(牵头单位:黄埔区人民政府)", "(牵头单位:)"))
    assert err.line == 37 and "牵头单位为空" in err.message


def test_error_section_out_of_order(mini_text: str) -> None:
    err = _error(mini_text.replace("三、任务\n(一)保护\n1.", "四、任务\n(一)保护\n1."))
    assert err.line == 29 and "expected section 3" in err.message


def test_error_subsection_out_of_order(mini_text: str) -> None:
    err = _error(mini_text.replace("(二)运用\n3.", "(三)运用\n3."))
    assert err.line == 36 and "expected subsection 2" in err.message


def test_error_task_numbers_must_increase(mini_text: str) -> None:
    err = _error(mini_text.replace("3.促进运用", "2.促进运用"))
    assert err.line == 37 and "expected a task number above 2" in err.message


def test_error_column_numbers_must_increase(mini_text: str) -> None:
    err = _error(mini_text + "专栏1 又一个工程\n正文。\n")
    assert err.line == 38 and "expected increasing numbers" in err.message


def test_error_incomplete_table_row(mini_text: str) -> None:
    err = _error(mini_text.replace("6 |\n市市场监管局(知识产权局) |\n三、", "6 |\n三、"))
    assert err.line == 27 and "expected rows of 4 cells" in err.message


def test_error_table_value_not_a_number(mini_text: str) -> None:
    err = _error(mini_text.replace("30 |", "三十 |"))
    assert err.line == 23 and "“三十”不是数字" in err.message


def test_error_no_indicator_table(mini_text: str) -> None:
    start, end = mini_text.index("主要指标"), mini_text.rindex("三、任务")
    err = _error(mini_text[:start] + mini_text[end:])
    assert err.line == 0 and "expected the indicator table" in err.message


def test_error_task_before_any_section() -> None:
    err = _error("1.先有任务。正文。(牵头单位:市市场监管局)\n")
    assert err.line == 1 and "expected a section heading first" in err.message


def test_error_empty_text() -> None:
    assert "expected sections" in _error("").message


def test_error_heading_numeral(mini_text: str) -> None:
    err = _error(mini_text.replace("三、任务\n(一)保护\n1.", "三、任务\n(一二)保护\n1."))
    assert err.line == 30 and "“一二”不是章节编号" in err.message


@pytest.mark.parametrize(("text", "value"), [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十三", 23)])
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["一二", "十十", "二十三四", ""])
def test_not_chinese_numerals(text: str) -> None:
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        chinese_numeral(text)
