"""Demo cases (idempotent): one of each procedure, in a state a visitor can carry on from.

The requester is the demo rights holder; respondents are made-up companies (a demo organisation with
one account, so that the live mediation has someone to talk to). Every step goes through the services,
so the demo's timeline, clocks and audit rows are what real use produces.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from zhichan.cases import selectors, services
from zhichan.cases.models import Case
from zhichan.core import selectors as core_selectors

DEMO_RESPONDENT = "广州某某贸易有限公司（演示）"

COMPLAINT = {
    "right": "patent",
    "request_kind": "patent_ruling",
    "facts": "被请求人在其网店销售的电饭煲落入我方发明专利（ZL201910012345.X）权利要求1的保护范围。",
    "remedy": "责令被请求人停止销售并销毁库存",
    "requester_name": "广州酒家集团股份有限公司",
    "respondent_abroad": False,
    "lawsuit_pending": False,
    "arbitration_agreement": False,
    "fair_in_progress": False,
}


def load(*, admin: Any, organisations: dict[str, Any]) -> None:
    if Case.objects.exists():
        return
    official, holder, mediator_user, respondent = (
        core_selectors.person_by_username(username=name) for name in ("official", "holder", "mediator", "respondent")
    )
    respondent_org = organisations[DEMO_RESPONDENT]
    today = timezone.localdate()
    against = {"respondent_name": respondent_org.name, "respondent_credit_code": respondent_org.credit_code}

    # a patent ruling, docketed and served last week: the defence period runs
    ruling = services.case_intake(
        actor=holder, data={**COMPLAINT, **against, "infringement_known_on": (today - timedelta(days=60)).isoformat()}
    )
    ruling = services.case_triage_decide(actor=official, case=ruling, on=today - timedelta(days=12))
    ruling = services.case_docket(
        actor=official, case=ruling, panel=["王科长", "张审查员", "林审查员"], on=today - timedelta(days=9)
    )
    services.case_serve(actor=official, case=ruling, on=today - timedelta(days=7))

    # a trademark mediation with a live online session under way
    mediation = services.case_intake(
        actor=holder,
        data={
            **COMPLAINT,
            **against,
            "right": "trademark",
            "request_kind": "mediation",
            "both_willing_to_mediate": True,
            "facts": "被请求人在月饼礼盒上使用与我方“广州酒家”注册商标近似的标识。",
            "remedy": "停止使用并赔偿损失",
        },
    )
    mediation = services.case_triage_decide(actor=official, case=mediation)
    mediator = selectors.mediator_for(user=mediator_user) or services.mediator_register(
        actor=official,
        user=mediator_user,
        organisation=organisations["广州市知识产权纠纷人民调解委员会"],
        specialties="商标、不正当竞争",
    )
    mediation = services.case_assign_mediator(actor=official, case=mediation, mediator=mediator)
    session = services.session_open(actor=mediator_user, case=mediation, participants=[holder, respondent])
    for speaker, text in [
        (mediator_user, "各位好，今天在线调解。请请求人先陈述。"),
        (holder, "被请求人的礼盒标识与我方商标近似，要求停止使用并赔偿5万元。"),
        (respondent, "我方愿意更换包装，但赔偿数额希望再商量。"),
    ]:
        services.session_post(actor=speaker, session=session, text=text)

    # a complaint at the Canton Fair, received this morning
    fair = services.fair_create(
        actor=official,
        data={
            "name": "中国进出口商品交易会（演示届次）",
            "series": "中国进出口商品交易会",
            "edition": 1,
            "starts_on": today,
            "ends_on": today + timedelta(days=4),
            "venue": "广州琶洲广交会展馆",
        },
        organiser=organisations["中国对外贸易中心（集团）"],
    )
    at_fair = services.case_intake(
        actor=holder,
        data={
            **COMPLAINT,
            "right": "trademark",
            "request_kind": "fair_complaint",
            "fair_in_progress": True,
            "respondent_name": "某某展商有限公司（演示）",
            "facts": "展位 11.2C15 展出的点心礼盒使用我方注册商标。",
            "remedy": "撤展",
        },
        fair=fair,
    )
    services.case_triage_decide(actor=official, case=at_fair)

    # a web complaint waiting for triage
    services.case_intake(
        actor=holder, data={**COMPLAINT, **against, "facts": "被请求人许诺销售侵犯我方外观设计专利的餐具。"}
    )
