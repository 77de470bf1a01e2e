"""Fixtures of the plan-engine tests: the real plan text (skipped visibly when absent) and a small one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]

# A plan of the same form, small enough to read at a glance: contents list, preamble, background
# figures, a target section with steady-growth names and the indicator table, tasks of both
# responsibility forms, and a boxed project.
MINI_PLAN = """\
目 录
一、背景
(一)基础
二、目标
(一)主要目标
三、任务
(一)保护
(二)运用
为推进工作,制定本规划。
一、背景
(一)基础
截至2020年底,全市有效商标注册量10.5万件,地理标志商标3件。全市累计获得中国专利奖12项、广东专利奖7项。
二、目标
(一)主要目标
到2025年,有效注册商标数量、地理标志商标数量、中国专利奖和广东专利奖获奖数量保持稳步增长。
主要指标
指标 |
2020年 完成值 |
2025年 规划值 |
数据来源 |
高价值发明专利拥有量(件) |
20 |
30 |
市市场监管局(知识产权局) |
质押融资金额年均增长率(%) |
—— |
6 |
市市场监管局(知识产权局) |
三、任务
(一)保护
1.完善法规。修改专利、着作权等法规。(牵头单位:市市场监管局、市版权局,配合单位:“双随机、一公开”各监管部门、市法院)
2.加强执法。开展专项行动。(市法院、市检察院等按职责分工负责)
专栏1 保护中心工程
建设保护中心。
1.快速预审;2.快速确权。
(二)运用
3.促进运用。推动转化。(牵头单位:黄埔区人民政府)
"""


@pytest.fixture
def mini_text() -> str:
    return MINI_PLAN


def real_plan_path() -> Path:
    """ZHICHAN_PLAN_TEXT, else the plan text shipped with the platform (the planning app's demo data)."""
    explicit = os.environ.get("ZHICHAN_PLAN_TEXT")
    if explicit:
        return Path(explicit)
    return REPO_ROOT / "src" / "zhichan" / "planning" / "data" / "guangzhou-ip-plan-2021-2025.txt"


@pytest.fixture(scope="session")
def real_text() -> str:
    path = real_plan_path()
    if not path.is_file():
        pytest.skip(f"the plan text is absent at {path} (set ZHICHAN_PLAN_TEXT or ZHICHAN_TESTDATA)")
    return path.read_text(encoding="utf-8")
