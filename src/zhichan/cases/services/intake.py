"""Intake of a complaint, its triage to a channel and the case numbers (acceptance, then per channel),
and the reroute of a case to another channel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.cases.conf import conf
from zhichan.cases.models import (
    ACCEPTANCE_REGISTER,
    Case,
    CaseEvent,
    CaseNumberCounter,
    CaseParty,
    Channel,
    Fair,
    FairComplaint,
    IntakeVia,
    PartyRole,
    RequestKind,
    Right,
)
from zhichan.cases.services.steps import (
    CHANNEL_START,
    S,
    _date,
    _deny,
    _now,
    _take,
)
from zhichan.core import audit, limits
from zhichan.core.calendar import platform_calendar
from zhichan.core.labels import missing_holidays
from zhichan.core.policy import Action, permits
from zhichan.engines.calendar import YearNotCovered
from zhichan.engines.identifiers import clean_uscc, validate_uscc
from zhichan.engines.triage import Facts, triage
from zhichan.engines.triage import RequestKind as EngineRequest
from zhichan.engines.triage import Right as EngineRight

FLAG_FIELDS = (
    "respondent_abroad",
    "arbitration_agreement",
    "lawsuit_pending",
    "fair_in_progress",
    "both_willing_to_mediate",
    "counterfeiting",
    "infringement_continuing",
)


def _flag(value: Any) -> bool | None:
    if value in (None, "", "unknown"):
        return None
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes", "on", "是")
    return bool(value)


def _clean_intake(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, choices in (("right", Right), ("request_kind", RequestKind)):
        value = str(data.get(name) or "")
        if value not in choices.values:
            errors[name] = _("“%(value)s”无效，可选：%(choices)s") % {
                "value": value,
                "choices": "、".join(f"{v}（{label}）" for v, label in choices.choices),
            }
        values[name] = value
    for name, label in (("facts", _("事实与理由")), ("requester_name", _("请求人"))):
        values[name] = str(data.get(name) or "").strip()
        if not values[name]:
            errors[name] = _("%(label)s为必填项") % {"label": label}
    values["remedy"] = str(data.get("remedy") or "").strip()
    values["respondent_name"] = " ".join(str(data.get("respondent_name") or "").split())[:200]
    code = str(data.get("respondent_credit_code") or "").strip()
    if code:
        code = clean_uscc(code)
        problem = validate_uscc(code)
        if problem is not None:
            errors["respondent_credit_code"] = problem.message
    values["respondent_credit_code"] = code
    for name in FLAG_FIELDS:
        values[name] = _flag(data.get(name))
    values["respondent_domicile_in_china"] = _flag(data.get("respondent_domicile_in_china")) is not False
    try:
        values["infringement_known_on"] = limits.parse_date(data.get("infringement_known_on") or None)
    except ValidationError as exc:
        values["infringement_known_on"] = None
        errors["infringement_known_on"] = " ".join(exc.messages)
    try:  # the texts within their columns (facts and remedy: ZHICHAN_TEXT_MAX_CHARS), whoever sends them
        limits.check_values(Case, values)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, " ".join(messages))
    if errors:
        raise ValidationError(errors)
    return values


def facts_of(case: Case, *, has_evidence: bool | None = None) -> Facts:
    """The triage engine's view of a case (`has_evidence` for a case not saved yet)."""
    return Facts(
        right=EngineRight(case.right),
        request=EngineRequest(case.request_kind),
        respondent_named=bool(case.respondent_name),
        respondent_credit_code_known=bool(case.respondent_credit_code),
        has_evidence=case.evidence.exists() if has_evidence is None else has_evidence,
        arbitration_agreement=case.arbitration_agreement,
        respondent_abroad=case.respondent_abroad,
        fair_in_progress=case.fair_in_progress,
        lawsuit_pending=case.lawsuit_pending,
        both_willing_to_mediate=case.both_willing_to_mediate,
        counterfeiting=case.counterfeiting,
        infringement_known_on=case.infringement_known_on,
        infringement_continuing=case.infringement_continuing,
    )


def preview_triage(data: dict[str, Any], *, has_evidence: bool, today: date | None = None) -> dict[str, Any]:
    """The triage an intake would get, for the summary shown before submitting (nothing is written)."""
    values = _clean_intake(data)
    facts = facts_of(Case(**values), has_evidence=has_evidence)
    return _triage(facts, _date(today)).as_dict()


def _triage(facts: Facts, today: date) -> Any:
    """The triage engine's proposal; a limit ending in a year without holiday data is the requester's input error."""
    try:
        return triage(facts, today=today, calendar=platform_calendar())
    except YearNotCovered as exc:
        raise ValidationError(
            {"infringement_known_on": _("无法推算请求时效：%(problem)s") % {"problem": missing_holidays(exc)}}
        ) from None


def case_intake(
    *,
    actor: Any,
    data: dict[str, Any],
    via: str = IntakeVia.WEB,
    evidence: Iterable[Any] = (),
    requester_org: Any = None,
    fair: Fair | None = None,
    received_at: datetime | None = None,
) -> Case:
    """Register a complaint with its evidence and the triage proposal; status RECEIVED."""
    if not permits(actor, "case", Action.CREATE):
        _deny(actor, "case.create", None)
    values = _clean_intake(data)
    evidence = list(evidence)
    for item in evidence:
        if not permits(actor, "evidence", Action.READ, item):
            _deny(actor, "case.create", None)
    if requester_org is None and not permits(actor, "case_on_behalf", Action.CREATE):
        requester_org = getattr(actor, "organisation", None)
    received_at = received_at or _now()
    with transaction.atomic():
        # the counter is locked before the audit chain head (taken by audit.record): one lock order for all
        office, year = conf("CASES_OFFICE"), timezone.localtime(received_at).year
        case = Case.objects.create(
            **values,
            acceptance_number=acceptance_number(office, year, _next_seq(office, ACCEPTANCE_REGISTER, year)),
            requester_org=requester_org,
            requester_person=actor if permits(actor, "case_in_person", Action.CREATE) else None,
            intake_via=via,
            fair=fair,
            created_by=actor,
            received_at=received_at,
        )
        case.evidence.set(evidence)
        CaseParty.objects.create(
            case=case,
            role=PartyRole.REQUESTER,
            name=case.requester_name,
            organisation=requester_org,
            credit_code=getattr(requester_org, "credit_code", "") or "",
            district_code=str(data.get("requester_district_code") or _district_code(requester_org)),
        )
        if case.respondent_name:
            CaseParty.objects.create(
                case=case,
                role=PartyRole.RESPONDENT,
                name=case.respondent_name,
                credit_code=case.respondent_credit_code,
                district_code=str(data.get("respondent_district_code") or ""),
            )
        result = _triage(facts_of(case), timezone.localtime(received_at).date())
        case.triage = result.as_dict()
        case.save(update_fields=["triage"])
        CaseEvent.objects.create(
            case=case,
            at=_now(),
            actor=actor,
            action="intake",
            to_status=S.RECEIVED,
            data={
                "via": via,
                "evidence": [str(e.pk) for e in evidence],
                "proposed": case.triage["primary"],
                "acceptance_number": case.acceptance_number,
            },
        )
        audit.record(
            actor=actor,
            action="case.intake",
            object_type="case",
            object_id=case.pk,
            summary={
                "acceptance_number": case.acceptance_number,
                "via": via,
                "right": case.right,
                "request": case.request_kind,
                "proposed": case.triage["primary"],
            },
        )
    return case


def _district_code(organisation: Any) -> str:
    district = getattr(organisation, "district", None)
    return district.code if district is not None else ""


def _next_seq(office: str, channel: str, year: int) -> int:
    """The next number of (office, channel, year) from its counter row, which stays locked until commit."""
    CaseNumberCounter.objects.get_or_create(office=office, channel=channel, year=year)
    counter = CaseNumberCounter.objects.select_for_update().get(office=office, channel=channel, year=year)
    CaseNumberCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return counter.last


def acceptance_number(office: str, year: int, seq: int) -> str:
    return conf("CASES_ACCEPTANCE_FORMAT").format(office=office, year=year, seq=seq)


NUMBER_FIELDS = ("office", "number_year", "number_seq", "number")


def _allocate_number(case: Case, channel: str, year: int) -> None:
    """Take the next case number of (office, channel, year)."""
    office = conf("CASES_OFFICE")
    seq = _next_seq(office, channel, year)
    case.office = office
    case.number_year = year
    case.number_seq = seq
    case.number = conf("CASES_NUMBER_FORMAT").format(
        office=office, channel=conf("CASES_CHANNEL_CODES")[channel], year=year, seq=seq
    )


def case_triage_decide(
    *, actor: Any, case: Case, channel: str | None = None, reason: str = "", on: date | None = None
) -> Case:
    """Accept the proposed channel, or override it with a reason; the case gets its number and clocks."""
    proposed = (case.triage or {}).get("primary")
    channel = channel or proposed
    if channel not in Channel.values:
        raise ValidationError({"channel": _("请选择处理途径")})
    overridden = channel != proposed
    if overridden and not reason.strip():
        raise ValidationError({"reason": _("不采纳分流建议的，须说明理由")})
    if channel == Channel.FAIR_COMPLAINT and case.fair_id is None:
        raise ValidationError({"channel": _("展会投诉须选择展会")})

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        # The counter is locked before the audit chain head (taken after the write): one lock order for all.
        _allocate_number(case, channel, timezone.localdate().year)
        case.channel = channel
        case.triage_overridden = overridden
        case.triage_reason = reason.strip()
        if case.assigned_official_id is None and permits(actor, "case_procedure", Action.CHANGE, case):
            case.assigned_official = actor
        case.status = CHANNEL_START.get(channel, S.TRIAGED)
        if channel == Channel.FAIR_COMPLAINT:
            FairComplaint.objects.create(
                case=case,
                fair=case.fair,
                exhibitor_name=case.respondent_name,
                exhibitor_credit_code=case.respondent_credit_code,
            )
        fields = [*NUMBER_FIELDS, "channel", "triage_overridden", "triage_reason", "assigned_official"]
        return fields, {"channel": channel, "proposed": proposed, "overridden": overridden}

    return _take(actor, case, "triage", on=_date(on), write=write, note=reason.strip())


def case_reroute(*, actor: Any, case: Case, channel: str, reason: str, on: date | None = None) -> Case:
    """Send a case whose mediation failed (or a triaged case) on to another channel, with a reason."""
    if channel not in Channel.values or not reason.strip():
        raise ValidationError({"reason": _("转其他途径须选择途径并说明理由")})

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        previous_number = case.number or ""
        if channel != case.channel:  # numbers run per channel: the case takes one in its new channel
            _allocate_number(case, channel, timezone.localdate().year)
        case.channel = channel  # the old channel's clocks end (the step's Stop), its new ones start
        case.status = CHANNEL_START.get(channel, S.TRIAGED)
        return [*NUMBER_FIELDS, "channel"], {"channel": channel, "previous_number": previous_number}

    return _take(actor, case, "reroute", on=_date(on), write=write, note=reason)
