"""The parser on the real 2021-2025 plan text, every expected value checked by hand against the text."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import cast

import pytest

from zhichan.engines.plan import (
    ChangeAction,
    FieldChange,
    IndicatorKind,
    PlanDocument,
    Status,
    assess,
    diff_plans,
    parse_plan,
    to_export_dict,
    trajectory_for,
)

K = IndicatorKind

# The table in 二(三), cell by cell: name, unit, 2020 value, 2025 target, source, kind.
KEY_INDICATORS = [
    ("每万人口高价值发明专利拥有量", "件", Decimal(20), Decimal(30), "市市场监管局(知识产权局)", K.STOCK),
    ("海外发明专利授权量", "件", Decimal(3100), Decimal(5000), "市市场监管局(知识产权局)", K.YEARLY_COUNT),
    (
        "知识产权质押融资登记项目数年均增长率",
        "%",
        None,
        Decimal(6),
        "市市场监管局(知识产权局)",
        K.GROWTH_RATE,
    ),
    ("知识产权质押融资登记金额年均增长率", "%", None, Decimal(6), "市市场监管局(知识产权局)", K.GROWTH_RATE),
    ("专利密集型产业增加值占GDP比重", "%", None, Decimal(13), "市统计局", K.SHARE_OF_GDP),
    ("版权产业增加值占GDP比重", "%", Decimal("9.85"), Decimal(10), "市版权局", K.SHARE_OF_GDP),
    ("知识产权信息公共服务网点", "个", None, Decimal(15), "市市场监管局(知识产权局)", K.STOCK),
    ("知识产权服务机构", "家", Decimal(3000), Decimal(3500), "市市场监管局(知识产权局)", K.STOCK),
    (
        "知识产权维权援助和调解办案量",
        "件/年",
        None,
        Decimal(1500),
        "市市场监管局(知识产权局)",
        K.YEARLY_COUNT,
    ),
    ("知识产权仲裁案件数", "件/年", None, Decimal(200), "广州仲裁委员会", K.YEARLY_COUNT),
    ("知识产权保护社会满意度", "分", Decimal(80), Decimal(83), "第三方机构", K.SCORE),
]

# 二(三) names these without numbers; 一(一) gives the 2020 figures (None: it gives none).
STEADY_GROWTH = [
    ("有效发明专利", Decimal(71000), "件", "全市有效发明专利量7.1万件"),
    ("商标注册量", None, None, None),
    ("作品着作权(含计算机软件着作权)登记数量", Decimal(456000), "件", "全市作品着作权登记量45.6万件"),
    ("有效注册商标数量", Decimal(1514000), "件", "全市有效商标注册量151.4万件"),
    ("马德里商标国际注册数量", Decimal(1713), "件", "马德里国际注册商标量1713件"),
    ("地理标志商标数量", Decimal(12), "件", "地理标志商标12件"),
    ("地理标志保护产品数量", Decimal(11), "件", "地理标志保护产品11件"),
    ("中国专利奖获奖数量", Decimal(248), "项", "全市累计获得中国专利奖248项"),
    ("广东专利奖获奖数量", Decimal(138), "项", "广东专利奖138项"),
]


@pytest.fixture(scope="module")
def doc(real_text: str) -> PlanDocument:
    return parse_plan(real_text)


def test_fifty_tasks_numbered_one_to_fifty(doc: PlanDocument) -> None:
    assert [t.number for t in doc.tasks] == list(range(1, 51))
    assert all(t.lead_units for t in doc.tasks)


def test_seven_boxed_projects_and_no_third(doc: PlanDocument) -> None:
    assert [c.number for c in doc.columns] == [1, 2, 4, 5, 6, 7, 8]
    titles = {c.number: (c.title, c.section) for c in doc.columns}
    assert titles[1] == ("中国(广州)知识产权保护中心建设工程", "三(三)")
    assert titles[6] == ("广州人工智能与数字经济试验区知识产权建设工程", "七(一)")  # written "专栏 6广州…"
    assert titles[8] == ("知识产权人才培育工程", "八(一)")
    assert doc.columns[4].text.count("\n") == 2  # 专栏6 has three paragraphs
    assert doc.columns[4].text.endswith("推动人工智能和数字技术专利协同运用。")


def test_outline(doc: PlanDocument) -> None:
    assert [s.title for s in doc.sections][:3] == ["规划背景", "总体要求", "强化高标准知识产权保护"]
    assert [len(s.subsections) for s in doc.sections] == [3, 3, 5, 3, 4, 3, 3, 2, 3]
    assert doc.section_title("九(三)") == "持续监测监督"
    assert doc.preamble.startswith("“十四五”时期,为实施知识产权强国战略")
    monitoring = doc.sections[8].subsections[2]
    assert monitoring.responsibility is not None
    assert monitoring.responsibility.lead_units == ("市市场监管局",)


def test_task_titles_and_sections(doc: PlanDocument) -> None:
    assert (doc.task(1).title, doc.task(1).section) == ("完善知识产权法规规章", "三(一)")
    assert doc.task(16).title == "强化高校、科研机构高质量创造动能"
    assert (doc.task(50).title, doc.task(50).section) == ("厚植知识产权文化理念", "八(二)")
    assert doc.task(22).section == "五(二)" and doc.task(23).section == "五(二)"  # 专栏4 between them
    assert doc.task(8).text.startswith("加强知识产权社会信用监管。建立健全以知识产权信用为基础")


def test_task_8_unit_with_quoted_enumeration_comma(doc: PlanDocument) -> None:
    task = doc.task(8)
    assert task.lead_units == ("市市场监管局",)
    assert task.cooperating_units == (
        "市发展改革委",
        "市版权局",
        "市文化广电旅游局",
        "“双随机、一公开”各监管部门",
        "实施联合惩戒各成员单位",
    )


def test_shared_lead_means_no_cooperating_units(doc: PlanDocument) -> None:
    task = doc.task(3)
    assert task.shared_lead
    assert task.lead_units == (
        "市市场监管局",
        "市版权局",
        "市司法局",
        "市法院",
        "市检察院",
        "广州知识产权法院",
    )
    assert task.cooperating_units == ()
    shared = [t.number for t in doc.tasks if t.shared_lead]
    assert shared == [3, 4, 13, 14, 16, 18, 25, 26, 28, 29]


def test_lead_and_cooperating_units_as_written(doc: PlanDocument) -> None:
    assert doc.task(1).lead_units == ("市市场监管局", "市版权局")
    assert doc.task(1).cooperating_units == ("市人大法制委", "市知识产权工作领导小组成员单位")
    assert (doc.task(42).lead_units, doc.task(42).cooperating_units) == (
        ("黄埔区人民政府",),
        ("市市场监管局", "市委外办"),
    )
    assert doc.task(19).lead_units == ("市版权局",)


def test_distinct_units(doc: PlanDocument) -> None:
    units = doc.units
    assert len(units) == len(set(units)) == 28
    assert units[:2] == ("市市场监管局", "市版权局")
    assert "“双随机、一公开”各监管部门" in units and "黄埔区人民政府" in units
    assert not [u for u in units if re.search(r"牵头单位|配合单位|按职责|[:：(（]|^等|等$", u)]
    assert doc.indicator_sources == (
        "市市场监管局(知识产权局)",
        "市统计局",
        "市版权局",
        "广州仲裁委员会",
        "第三方机构",
    )


def test_eleven_key_indicators(doc: PlanDocument) -> None:
    got = [(i.name, i.unit, i.baseline, i.target, i.source, i.kind) for i in doc.key_indicators]
    assert got == KEY_INDICATORS
    assert (doc.base_year, doc.target_year) == (2020, 2025)
    assert doc.indicator_table_title == "“十四五”知识产权发展主要预期性指标"
    assert {i.section for i in doc.key_indicators} == {"二(三)"}


def test_steady_growth_indicators_with_2020_baselines(doc: PlanDocument) -> None:
    got = [(i.name, i.baseline, i.unit, i.baseline_text) for i in doc.steady_growth_indicators]
    assert got == STEADY_GROWTH
    assert all(i.target is None and i.section == "二(三)" for i in doc.steady_growth_indicators)
    works = doc.indicator("作品着作权(含计算机软件着作权)登记数量")
    assert works.name_corrected == "作品著作权(含计算机软件著作权)登记数量"


def test_export_json(doc: PlanDocument) -> None:
    exported = to_export_dict(doc)
    assert (len(exported["tasks"]), len(exported["columns"]), len(exported["indicators"])) == (50, 7, 20)
    assert "“双随机、一公开”各监管部门" in cast(list[str], exported["tasks"][7]["cooperating_units"])
    assert exported["indicators"][5]["value_2020"] == 9.85
    assert exported["indicators"][14] == {
        "name": "有效注册商标数量",
        "unit": "件",
        "value_2020": 1514000,
        "target_2025": None,
        "source": None,
        "kind": "stock",
        "key": False,
    }
    assert [i["key"] for i in exported["indicators"]] == [True] * 11 + [False] * 9
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported


# -- re-import: idempotent, and a changed text changes only what changed ----------------------------


def test_reimport_of_the_same_text_changes_nothing(real_text: str, doc: PlanDocument) -> None:
    assert diff_plans(doc, parse_plan(real_text)).is_empty


def _task_line(text: str, number: int) -> str:
    match = re.search(rf"^{number}\..*$", text, flags=re.MULTILINE)
    assert match is not None
    return match.group(0)


def test_changed_lead_unit_is_one_field_change(real_text: str, doc: PlanDocument) -> None:
    line = _task_line(real_text, 42)
    edited = real_text.replace(line, line.replace("牵头单位:黄埔区人民政府", "牵头单位:黄埔区人民政府、市商务局"))
    diff = diff_plans(doc, parse_plan(edited))
    assert diff.changes == diff.tasks
    (change,) = diff.tasks
    assert (change.entity, change.key, change.action) == ("task", 42, ChangeAction.CHANGED)
    assert [f.field for f in change.fields] == ["text", "lead_units"]
    assert change.fields[1] == FieldChange("lead_units", ("黄埔区人民政府",), ("黄埔区人民政府", "市商务局"))


def test_removed_task_and_moved_lines_are_not_changes(real_text: str, doc: PlanDocument) -> None:
    edited = real_text.replace(_task_line(real_text, 20) + "\n", "")
    new = parse_plan(edited)
    assert [t.number for t in new.tasks] == [n for n in range(1, 51) if n != 20]
    diff = diff_plans(doc, new)
    assert [(c.key, c.action) for c in diff.changes] == [(20, ChangeAction.REMOVED)]
    assert dict((f.field, f.old) for f in diff.tasks[0].fields)["title"] == "完善促进知识产权运用政策"


def test_changed_indicator_and_added_column(real_text: str, doc: PlanDocument) -> None:
    edited = real_text.replace("3100 |", "3200 |").replace("专栏4 产业知识产权运营平台", "专栏3 产业知识产权运营平台")
    diff = diff_plans(doc, parse_plan(edited))
    assert diff.tasks == () and diff.outline == ()
    (indicator,) = diff.indicators
    assert indicator.key == "海外发明专利授权量"
    assert indicator.fields == (FieldChange("baseline", Decimal(3100), Decimal(3200)),)
    assert [(c.key, c.action) for c in diff.columns] == [(4, ChangeAction.REMOVED), (3, ChangeAction.ADDED)]


def test_changed_subsection_title(real_text: str, doc: PlanDocument) -> None:
    edited = real_text.replace("(三)持续监测监督\n各区", "(三)持续监测评估\n各区")
    diff = diff_plans(doc, parse_plan(edited))
    (change,) = diff.changes
    assert (change.entity, change.key, change.fields) == (
        "section",
        "九(三)",
        (FieldChange("title", "持续监测监督", "持续监测评估"),),
    )


# -- the parsed indicators feed the assessment ------------------------------------------------------


def test_trajectories_from_the_parsed_table(doc: PlanDocument) -> None:
    patents = trajectory_for(doc.indicator("每万人口高价值发明专利拥有量"))
    assert (patents.baseline, patents.target) == (20.0, 30.0)
    assert patents.required(2023) == pytest.approx(26.0)
    amount = doc.indicator("知识产权质押融资登记金额年均增长率")
    with pytest.raises(ValueError, match="缺少2020年基期值"):
        trajectory_for(amount)
    pledge = trajectory_for(amount, baseline=100.0)
    assert pledge.compound and pledge.target_level == pytest.approx(133.8226, abs=1e-4)
    with pytest.raises(ValueError, match="只要求保持稳步增长"):
        trajectory_for(doc.indicator("有效注册商标数量"))
    satisfaction = trajectory_for(doc.indicator("知识产权保护社会满意度"))
    result = assess(satisfaction, {2021: 80.7, 2022: 81.3}, unit="分")
    assert result.latest.status is Status.ON_TRACK
