"""The triage rules: each fact either proposes a channel, rules one out, or is flagged as missing.

Order of the proposals: a fair in progress first (its complaint clock runs in hours), then the
channel the requester asked for, then the others in the order the rules below add them. Channels
excluded by a fact (a pending lawsuit excludes the patent ruling, an unwilling respondent excludes
mediation ...) are never proposed, and the exclusion is reported with its reason.
"""

from __future__ import annotations

from datetime import date

from zhichan.engines.calendar import Period, WorkCalendar, YearNotCovered, add_months, compute_deadline
from zhichan.engines.rules import rule
from zhichan.engines.triage.model import (
    Channel,
    Exclusion,
    Facts,
    Missing,
    Proposal,
    RequestKind,
    Right,
    Triage,
    Warning,
)

# Where a channel is not set by a statute but by the city's plan, the reason cites the plan.
PLAN_BASIS = "《广州市知识产权保护和运用“十四五”规划》"

_REQUESTED_CHANNEL = {
    RequestKind.PATENT_RULING: Channel.ADMINISTRATIVE_RULING,
    RequestKind.MEDIATION: Channel.MEDIATION,
    RequestKind.ARBITRATION_REFERRAL: Channel.ARBITRATION,
    RequestKind.OVERSEAS_ASSISTANCE: Channel.OVERSEAS_ASSISTANCE,
    RequestKind.FAIR_COMPLAINT: Channel.FAIR_COMPLAINT,
    RequestKind.RIGHTS_ASSISTANCE: Channel.RIGHTS_ASSISTANCE,
    RequestKind.INFRINGEMENT_COMPLAINT: Channel.ADMINISTRATIVE_ENFORCEMENT,
}

# A complaint at a fair that has ended is handled like any infringement complaint.
_COMPLAINTS = (RequestKind.INFRINGEMENT_COMPLAINT, RequestKind.FAIR_COMPLAINT)

_ENFORCEMENT_RULE = {
    Right.TRADEMARK: "trademark.administrative_enforcement",
    Right.GEOGRAPHICAL_INDICATION: "trademark.administrative_enforcement",
    Right.COPYRIGHT: "copyright.administrative_enforcement",
    Right.TRADE_SECRET: "unfair_competition.administrative_enforcement",
    Right.UNFAIR_COMPETITION: "unfair_competition.administrative_enforcement",
}


class _Builder:
    def __init__(self, today: date) -> None:
        self.today = today  # the day of the triage chooses the version of a revised rule
        self.proposals: list[Proposal] = []
        self.excluded: list[Exclusion] = []
        self.missing: list[Missing] = []
        self.warnings: list[Warning] = []
        self.request_limit_ends: date | None = None

    def propose(self, channel: Channel, reason: str, rule_key: str = "") -> None:
        if any(p.channel == channel for p in self.proposals):
            return
        basis = rule(rule_key, on=self.today).basis if rule_key else PLAN_BASIS
        self.proposals.append(Proposal(channel, f"{reason}（依据：{basis}）", rule_key, basis))

    def exclude(self, channel: Channel, reason: str, rule_key: str = "") -> None:
        basis = rule(rule_key, on=self.today).basis if rule_key else PLAN_BASIS
        self.excluded.append(Exclusion(channel, f"{reason}（依据：{basis}）", rule_key, basis))

    def ask(self, field: str, message: str) -> None:
        self.missing.append(Missing(field, message))


def triage(facts: Facts, *, today: date, calendar: WorkCalendar) -> Triage:
    """Propose channels for `facts` as of `today`; `calendar` moves the 3-year limit off holidays."""
    b = _Builder(today)
    _common_missing(facts, b)
    if facts.fair_in_progress:
        b.propose(
            Channel.FAIR_COMPLAINT,
            "展会正在举办，可向展会知识产权投诉站投诉，投诉站应在24小时内移交知识产权管理部门",
            "fair.complaint_transfer",
        )
    elif facts.request is RequestKind.FAIR_COMPLAINT:
        if facts.fair_in_progress is None:
            b.ask("fair_in_progress", "请说明展会是否正在举办（展会投诉站仅在展期内受理）")
        else:
            b.exclude(
                Channel.FAIR_COMPLAINT, "展会已结束，展会投诉站不再受理，按一般投诉办理", "fair.complaint_transfer"
            )
    if facts.lawsuit_pending:
        b.propose(Channel.COURT, "当事人已就该纠纷向人民法院起诉，纠纷由法院审理", "decree81.ruling_no_lawsuit")
        b.exclude(
            Channel.ADMINISTRATIVE_RULING,
            "已向人民法院起诉的专利侵权纠纷，不再受理行政裁决请求",
            "decree81.ruling_no_lawsuit",
        )
    if facts.arbitration_agreement:
        b.propose(
            Channel.ARBITRATION,
            "当事人之间有仲裁协议，可提交约定的仲裁机构仲裁",
            "arbitration.agreement_excludes_court",
        )
        b.exclude(
            Channel.COURT,
            "有有效仲裁协议的，人民法院不予受理（仲裁协议无效的除外）",
            "arbitration.agreement_excludes_court",
        )
        b.exclude(
            Channel.ADMINISTRATIVE_RULING,
            "双方已约定仲裁等其他纠纷解决方式的，不受理专利侵权纠纷行政裁决请求",
            "decree81.ruling_no_lawsuit",
        )
    elif facts.request is RequestKind.ARBITRATION_REFERRAL:
        if facts.arbitration_agreement is None:
            b.ask("arbitration_agreement", "仲裁须以仲裁协议为前提：请说明当事人之间是否有仲裁协议")
        else:
            b.exclude(
                Channel.ARBITRATION, "当事人之间没有仲裁协议，不能提交仲裁", "arbitration.agreement_excludes_court"
            )
    if facts.respondent_abroad or facts.request is RequestKind.OVERSEAS_ASSISTANCE:
        b.propose(Channel.OVERSEAS_ASSISTANCE, "被投诉方在境外或纠纷发生在境外，转海外知识产权纠纷应对指导与援助")
    if facts.right is Right.PATENT and (facts.request is RequestKind.PATENT_RULING or facts.request in _COMPLAINTS):
        _patent_ruling(facts, b, today, calendar)
    elif facts.request is RequestKind.PATENT_RULING:
        b.exclude(
            Channel.ADMINISTRATIVE_RULING,
            f"行政裁决仅适用于专利侵权纠纷，本案涉及{facts.right.zh}",
            "decree81.ruling_no_lawsuit",
        )
    if facts.right in _ENFORCEMENT_RULE and facts.request in _COMPLAINTS:
        what = "假冒注册商标（同一种商品上使用相同商标）" if facts.counterfeiting else f"{facts.right.zh}侵权"
        b.propose(
            Channel.ADMINISTRATIVE_ENFORCEMENT,
            f"{what}投诉，由行政执法部门查处、责令停止侵权",
            _ENFORCEMENT_RULE[facts.right],
        )
    _mediation(facts, b)
    if facts.request is RequestKind.RIGHTS_ASSISTANCE or not b.proposals:
        b.propose(Channel.RIGHTS_ASSISTANCE, "由维权援助中心提供咨询、指导和援助，再确定处理途径")
    return _finish(facts, b)


def _common_missing(facts: Facts, b: _Builder) -> None:
    if not facts.respondent_named:
        b.ask("respondent_named", "请填写被投诉方（被请求人）的名称")
    elif facts.respondent_credit_code_known is False and not facts.respondent_abroad:
        b.ask("respondent_credit_code_known", "被投诉方为境内主体的，请补充其统一社会信用代码（如已知）")
    if not facts.has_evidence:
        b.ask("has_evidence", "请上传权利证明和侵权的初步证据")
    if facts.lawsuit_pending is None:
        b.ask("lawsuit_pending", "请说明是否已就该纠纷向人民法院起诉")
    if facts.respondent_abroad is None:
        b.ask("respondent_abroad", "请说明被投诉方是否在境外")


def _patent_ruling(facts: Facts, b: _Builder, today: date, calendar: WorkCalendar) -> None:
    if facts.lawsuit_pending:
        return  # excluded above
    b.propose(
        Channel.ADMINISTRATIVE_RULING,
        "专利侵权纠纷，可请求知识产权管理部门行政裁决（5个工作日内决定是否立案，3个月内结案）",
        "decree81.decision",
    )
    if facts.infringement_known_on is None:
        b.ask("infringement_known_on", "请填写知道或应当知道侵权行为及侵权人的日期（行政裁决请求时效三年）")
        return
    ends = _request_limit_end(facts.infringement_known_on, today, calendar)
    b.request_limit_ends = ends
    if ends is None or ends >= today:
        return
    basis = rule("decree81.request_limit").basis
    if facts.infringement_continuing:
        b.warnings.append(
            Warning(
                "request_limit_passed_continuing",
                f"已超过三年请求时效（{ends.isoformat()} 届满），但侵权行为仍在继续，专利仍有效的，仍予受理（{basis}）",
                "decree81.request_limit",
            )
        )
        return
    if facts.infringement_continuing is None:
        b.ask("infringement_continuing", "已超过三年请求时效：请说明侵权行为是否仍在继续、专利是否仍有效")
    b.warnings.append(
        Warning(
            "request_limit_passed",
            f"请求时效已于 {ends.isoformat()} 届满；无中止、中断事由而被请求人提出时效抗辩的，将撤案（{basis}）",
            "decree81.request_limit",
        )
    )


def _request_limit_end(known_on: date, today: date, calendar: WorkCalendar) -> date | None:
    """The last day of the 3-year limit; None when it lies in a year the calendar does not yet cover.

    Such a year is after today's, so the limit has certainly not passed; the date is not guessed.
    """
    period = Period.of_rule("decree81.request_limit")
    try:
        return compute_deadline(known_on, period, calendar).due
    except YearNotCovered:
        if add_months(known_on, 12 * period.amount) < today:
            raise
        return None


def _mediation(facts: Facts, b: _Builder) -> None:
    key = "decree81.mediation_reply" if facts.right is Right.PATENT else "mediation.voluntary"
    if facts.both_willing_to_mediate is False:
        b.exclude(Channel.MEDIATION, "调解以双方自愿为前提，一方不同意调解", "mediation.voluntary")
        return
    if facts.both_willing_to_mediate:
        b.propose(Channel.MEDIATION, "双方均愿意调解，可由调解组织或管理部门调解，达成协议后可申请司法确认", key)
    elif facts.request is RequestKind.MEDIATION:
        b.propose(Channel.MEDIATION, "请求调解；将征询被请求人是否同意调解（被请求人15日内答复）", key)
        b.ask("both_willing_to_mediate", "请说明对方是否同意调解")


def _finish(facts: Facts, b: _Builder) -> Triage:
    excluded = {e.channel for e in b.excluded}
    requested = _REQUESTED_CHANNEL.get(facts.request)

    def order(item: tuple[int, Proposal]) -> tuple[int, int]:
        index, proposal = item
        if proposal.channel is Channel.FAIR_COMPLAINT:
            return (0, index)
        return (1 if proposal.channel is requested else 2, index)

    kept = [p for p in b.proposals if p.channel not in excluded]
    ranked = tuple(p for _, p in sorted(enumerate(kept), key=order))
    return Triage(
        proposals=ranked,
        excluded=tuple(b.excluded),
        missing=tuple(b.missing),
        warnings=tuple(b.warnings),
        request_limit_ends=b.request_limit_ends,
    )
