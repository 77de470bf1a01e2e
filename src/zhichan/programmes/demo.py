"""Demo data of the programmes module, loaded by `zhichan demo` (idempotent): the conversion programme
with its 2026 version and call, a second official (the decision) and a finance officer (payments),
the rights holder's application with its patents and a pledge walked to payment (one patent refused
as a confirmed abnormal application, one as funded the year before, one at the application stage),
a later finding clawing one patent back; a few certifications, copyright registrations and titled
enterprises. Names and numbers are made up."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from zhichan.core import imports
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.management.commands.demo import DEMO_PASSWORD, demo_totp_secret
from zhichan.core.policy import Role, needs_second_factor
from zhichan.engines.tabular import Table
from zhichan.programmes import services
from zhichan.programmes.models import Programme
from zhichan.programmes.policy import FINANCE
from zhichan.programmes.services.registers import certification_import_spec, copyright_import_spec, title_import_spec

RULES = {
    "conditions": [
        {"code": "enterprise", "test": "applicant_kind_in", "label": "申请人为企业", "values": ["enterprise"]},
        {"code": "district", "test": "district_in", "label": "注册地在广州市", "values": ["4401"]},
        {
            "code": "credit",
            "test": "no_signal",
            "label": "未列入严重失信主体名单、不在信用管理期",
            "signals": ["serious_dishonesty", "credit_management"],
        },
        {"code": "kinds", "test": "item_kind_in", "label": "资助对象为专利或质押融资", "values": ["patent", "pledge"]},
        {"code": "granted", "test": "item_stage_not_in", "label": "不资助申请阶段的专利", "values": ["application"]},
        {
            "code": "abnormal",
            "test": "item_no_signal",
            "label": "不属于非正常专利申请",
            "signals": ["abnormal_application"],
        },
        {"code": "once", "test": "item_no_signal", "label": "未获其他资助", "signals": ["already_funded"]},
    ],
    "amount": {"method": "share", "rate": "0.5", "cap_per_item": "20000"},
    "cap_per_application": "100000",
    "clawback_share": "1",
}
ITEMS = [
    {"kind": "patent", "number": "ZL202310000001.1", "stage": "granted", "on": "2026-02-01", "cost": "30000"},
    {"kind": "patent", "number": "ZL202310000002.X", "stage": "granted", "on": "2026-02-01", "cost": "50000"},
    {"kind": "patent", "number": "ZL202310000003.8", "stage": "granted", "on": "2026-02-01", "cost": "10000"},
    {"kind": "pledge", "number": "ZY2026-0001", "on": "2026-03-01", "cost": "16000", "title": "专利权质押贷款贴息"},
    {"kind": "patent", "number": "CN202610000004.0", "stage": "application", "cost": "8000"},
]
PEOPLE = [("official2", Role.OFFICIAL, "孙处长"), ("finance", FINANCE, "钱会计")]


def _person(admin: Any, username: str, role: str, display: str, organisation: Any) -> Any:
    try:
        return core_selectors.person_by_username(username=username)
    except get_user_model().DoesNotExist:
        user = core_services.user_create(
            actor=admin,
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            display_name=display,
            organisation=organisation,
        )
        if needs_second_factor(user):
            core_services.mfa_device_install(actor=admin, user=user, secret=demo_totp_secret(username))
        return user


def _registers(official: Any) -> None:
    def table(header: list[str], rows: list[tuple[str, ...]]) -> Any:
        return imports.stream_of(Table(header, [dict(zip(header, r, strict=True)) for r in rows], "utf-8"))

    cert = ["证书编号", "获证单位", "统一社会信用代码", "认证机构", "所在区", "发证日期", "有效期至", "证书状态"]
    imports.run(
        certification_import_spec(),
        actor=official,
        stream=table(
            cert,
            [
                (
                    "18125IP0001R0M",
                    "广州示例科技有限公司",
                    "91440101MA5000101C",
                    "中知（北京）认证有限公司",
                    "天河区",
                    "2025-03-01",
                    "2028-02-28",
                    "有效",
                ),
                (
                    "18126IP0002R0M",
                    "广州样本制造有限公司",
                    "91440101MA50001027",
                    "中规（北京）认证有限公司",
                    "黄埔区",
                    "2026-04-10",
                    "2029-04-09",
                    "有效",
                ),
            ],
        ),
    )
    copy = ["登记号", "作品名称", "类别", "著作权人", "统一社会信用代码", "所在区", "登记日期"]
    imports.run(
        copyright_import_spec(),
        actor=official,
        stream=table(
            copy,
            [
                (
                    "国作登字-2026-F-00100001",
                    "羊城印象（摄影）",
                    "作品著作权",
                    "广州示例文化传播有限公司",
                    "",
                    "越秀区",
                    "2026-02-01",
                ),
                (
                    "2026SR0100002",
                    "智慧政务服务系统V1.0",
                    "计算机软件著作权",
                    "广州示例科技有限公司",
                    "",
                    "天河区",
                    "2026-05-20",
                ),
            ],
        ),
    )
    title = ["企业名称", "统一社会信用代码", "级别", "称号", "认定年度", "所在区", "撤销日期", "撤销原因"]
    imports.run(
        title_import_spec(),
        actor=official,
        stream=table(
            title,
            [
                ("广州示例科技有限公司", "91440101MA5000101C", "国家级", "知识产权示范企业", "2025", "天河区", "", ""),
                ("广州样本制造有限公司", "91440101MA50001027", "省级", "知识产权优势企业", "2026", "黄埔区", "", ""),
            ],
        ),
    )


def load(*, admin: Any, organisations: Any) -> None:
    official = core_selectors.person_by_username(username="official")
    holder = core_selectors.person_by_username(username="holder")
    respondent = core_selectors.person_by_username(username="respondent")
    second, finance = (_person(admin, u, r, d, official.organisation) for u, r, d in PEOPLE)
    _registers(official)
    if Programme.objects.filter(code="conversion").exists():
        return
    programme = services.programme_create(
        actor=official,
        code="conversion",
        name="专利转化运用资助",
        kind="conversion",
        department="市市场监管局（知识产权局）",
    )
    common = {
        "measure": "广州市知识产权工作专项资金管理办法（示例）",
        "rules": RULES,
        "documents_required": ["营业执照", "专利证书", "费用凭证"],
    }
    earlier = services.version_create(
        actor=official,
        programme=programme,
        data={
            **common,
            "year": 2025,
            "document_number": "穗市监规字〔2025〕1号（示例）",
            "document_date": date(2025, 1, 10),
            "budget": "800000",
        },
    )
    version = services.version_create(
        actor=official,
        programme=programme,
        data={
            **common,
            "year": 2026,
            "document_number": "穗市监规字〔2026〕1号（示例）",
            "document_date": date(2026, 1, 15),
            "budget": "1000000",
        },
    )
    call_2025 = services.call_create(
        actor=official,
        version=earlier,
        title="2025年专利转化运用资助申报",
        opens_on=date(2025, 3, 1),
        closes_on=date(2025, 4, 30),
    )
    call = services.call_create(
        actor=official,
        version=version,
        title="2026年专利转化运用资助申报",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 4, 30),
    )
    # the year before: another enterprise funded for ZL202310000002.X
    before = services.application_create(
        actor=respondent,
        call=call_2025,
        organisation=respondent.organisation,
        items=[ITEMS[1]],
        today=date(2025, 3, 10),
    )
    _walk(before, respondent, official, second, finance, date(2025, 3, 10), date(2025, 5, 6), date(2025, 5, 20))
    services.finding_record(
        actor=official,
        kind="abnormal_application",
        basis="国家知识产权局非正常专利申请认定通知书（示例 第2026-001号）",
        found_on=date(2026, 2, 20),
        item_kind="patent",
        item_number="ZL202310000003.8",
    )
    application = services.application_create(
        actor=holder, call=call, organisation=holder.organisation, items=ITEMS, today=date(2026, 3, 10)
    )
    _walk(application, holder, official, second, finance, date(2026, 3, 10), date(2026, 5, 6), date(2026, 5, 20))
    services.finding_record(
        actor=official,
        kind="abnormal_application",
        basis="国家知识产权局非正常专利申请认定通知书（示例 第2026-088号）",
        found_on=date(2026, 9, 1),
        item_kind="patent",
        item_number="ZL202310000001.1",
    )


def _walk(application: Any, applicant: Any, official: Any, second: Any, finance: Any, *days: date) -> None:
    submit, publicise, decide = days
    application = services.application_submit(actor=applicant, application=application, today=submit)
    application = services.application_step(actor=official, application=application, name="formal_pass")
    application = services.application_step(
        actor=official, application=application, name="review_pass", today=publicise
    )
    application = services.application_step(actor=official, application=application, name="publicise", today=publicise)
    application = services.application_approve(actor=second, application=application, today=decide)
    services.application_pay(
        actor=finance,
        application=application,
        batch=f"{decide.year}-01",
        paid_on=decide,
        voucher=f"PZ-{decide.year}-0001",
    )
