"""Demo data of the agencies module, loaded by `zhichan demo` (idempotent): a few agencies (names and
codes made up), one practitioner registered with two patent agencies (挂证), and an inspection plan
fixed and drawn, one result entered and published."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from zhichan.agencies import services
from zhichan.agencies.models import InspectionPlan
from zhichan.core import imports
from zhichan.core import selectors as core_selectors
from zhichan.engines.identifiers import uscc_check_character
from zhichan.engines.tabular import Table

PLAN_TITLE = "2026年度专利代理机构双随机抽查（示例）"


def code(serial: int) -> str:
    """A well-formed (made-up) credit code of a Guangzhou enterprise."""
    body = f"91440101MA5{serial:06d}"
    return body + uscc_check_character(body)


AGENCIES = [
    ("广州示例专利代理事务所（普通合伙）", 1, "专利代理机构", "44101", "天河区", "品牌服务机构", "张明", "4410001"),
    ("广州示例专利代理事务所（普通合伙）", 1, "专利代理机构", "44101", "天河区", "品牌服务机构", "李华", "4410002"),
    ("广州样本知识产权代理有限公司", 2, "专利代理机构", "44102", "越秀区", "", "王芳", "4410003"),
    ("广州样本知识产权代理有限公司", 2, "专利代理机构", "44102", "越秀区", "", "张明", "4410001"),
    ("广州样例商标代理有限公司", 3, "商标代理机构", "", "海珠区", "", "", ""),
    ("广州示范知识产权运营有限公司", 4, "知识产权运营服务", "", "黄埔区", "品牌机构培育", "", ""),
    ("广州模拟专利代理有限公司", 5, "专利代理机构", "44105", "番禺区", "", "赵强", "4410005"),
    ("广州演示专利代理有限公司", 6, "专利代理机构", "44106", "天河区", "", "陈静", "4410006"),
]
INSPECTORS = [("JF0001", "刘一"), ("JF0002", "陈二"), ("JF0003", "张三"), ("JF0004", "李四")]


def _table() -> Table:
    header = [
        "机构名称",
        "统一社会信用代码",
        "机构类型",
        "执业许可证号",
        "所在区",
        "品牌机构",
        "专利代理师",
        "资格证号",
    ]
    rows = [dict(zip(header, (n, code(s), k, lic, d, b, p, c), strict=True)) for n, s, k, lic, d, b, p, c in AGENCIES]
    return Table(header, rows, "utf-8")


def load(*, admin: Any, organisations: Any) -> None:
    official = core_selectors.person_by_username(username="official")  # the IP office's demo officer (core)
    imports.run(services.agencies_import_spec(), actor=official, stream=imports.stream_of(_table()))
    if InspectionPlan.objects.filter(title=PLAN_TITLE).exists():
        return
    plan = services.plan_create(
        actor=official,
        data={
            "title": PLAN_TITLE,
            "scope_kinds": ["patent_agency"],
            "share": Decimal("0.5"),
            "inspectors_per_agency": 2,
            "period_start": date(2026, 10, 1),
            "period_end": date(2026, 12, 31),
        },
        inspectors=INSPECTORS,
    )
    plan = services.plan_fix(actor=official, plan=plan)
    plan = services.plan_draw(actor=official, plan=plan)
    first = plan.inspections.order_by("rank").first()
    if first is not None:
        services.inspection_result(
            actor=official,
            inspection=first,
            outcome="compliant",
            findings="示例：未发现问题",
            result_on=date(2026, 11, 20),
        )
        services.plan_publish(actor=official, plan=plan)
