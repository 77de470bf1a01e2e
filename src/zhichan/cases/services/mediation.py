"""Mediation and judicial confirmation: the mediators' directory and conflicts, the respondent's consent,
the assignment, the agreement and the application to a court."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhichan.cases.models import (
    AgreementForm,
    Case,
    ClockKind,
    ConfirmationOutcome,
    ConflictDeclaration,
    JudicialConfirmation,
    MediationAgreement,
    Mediator,
)
from zhichan.cases.selectors import conflicts_for, courts_for
from zhichan.cases.services.steps import (
    _clock,
    _date,
    _state_on,
    _take,
)
from zhichan.core import audit
from zhichan.core.policy import Action, permits
from zhichan.core.services import require
from zhichan.core.workflow import IllegalTransition
from zhichan.engines.identifiers import clean_uscc


def mediator_register(*, actor: Any, user: Any, organisation: Any, specialties: str = "") -> Mediator:
    require(actor, "mediator", Action.CREATE)
    if getattr(organisation, "kind", "") != "mediation_organisation":
        raise ValidationError({"organisation": _("调解员须属于调解组织")})
    if not permits(user, "mediator_roster", Action.CHANGE):
        raise ValidationError({"user": _("该用户的角色不是调解员")})
    with transaction.atomic():
        mediator = Mediator.objects.create(user=user, organisation=organisation, specialties=specialties)
        audit.record(
            actor=actor,
            action="mediator.create",
            object_type="mediator",
            object_id=mediator.pk,
            summary={"user": user.username, "organisation": organisation.name},
        )
    return mediator


def conflict_declare(
    *, actor: Any, mediator: Mediator, relation: str, party_name: str = "", party_credit_code: str = ""
) -> ConflictDeclaration:
    """A mediator (or an official for them) declares a party they have a conflict of interest with."""
    require(actor, "mediator", Action.CHANGE, mediator)
    if not (party_name.strip() or party_credit_code.strip()) or not relation.strip():
        raise ValidationError({"relation": _("请填写关联方（名称或信用代码）及关系")})
    with transaction.atomic():
        declaration = ConflictDeclaration.objects.create(
            mediator=mediator,
            party_name=party_name.strip(),
            party_credit_code=clean_uscc(party_credit_code) if party_credit_code else "",
            relation=relation.strip(),
        )
        audit.record(
            actor=actor,
            action="mediator.conflict",
            object_type="mediator",
            object_id=mediator.pk,
            summary={"party": party_name or party_credit_code, "relation": relation},
        )
    return declaration


def mediation_notify(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """Ask the respondent whether it agrees to mediate; for patent disputes it answers within 15 days
    (Decree 81 Art. 65)."""
    return _take(actor, case, "mediation_notify", on=_date(on))


def mediation_consent(*, actor: Any, case: Case, on: date | None = None) -> Case:
    """The respondent agrees; a patent mediation is docketed within 5 working days (Art. 66). A refusal
    or no answer is `case_mediation_fail`."""

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        case.both_willing_to_mediate = True
        return ["both_willing_to_mediate"], {}

    return _take(actor, case, "mediation_consent", on=_date(on), write=write)


def case_assign_mediator(*, actor: Any, case: Case, mediator: Mediator, on: date | None = None) -> Case:
    """Assign a mediator of the directory; a declared conflict with a party refuses the assignment.

    The step shares the case's evidence with the mediator, so the assigning official must be allowed to
    read each file: checked (and a refusal audited) before the step's transaction opens."""

    def may_share_evidence() -> None:
        for item in case.evidence.all():
            require(actor, "evidence", Action.READ, item)

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        if not mediator.active:
            raise ValidationError({"mediator": _("该调解员已不在册")})
        conflicts = conflicts_for(mediator, case)
        if conflicts:
            raise ValidationError(
                {
                    "mediator": _("调解员已申报与当事人“%(party)s”存在利益冲突（%(relation)s），不能指派")
                    % {
                        "party": conflicts[0].party_name or conflicts[0].party_credit_code,
                        "relation": conflicts[0].relation,
                    }
                }
            )
        case.mediator = mediator.user
        case.mediation_org = mediator.organisation
        return ["mediator", "mediation_org"], {"mediator": mediator.user.username}

    return _take(actor, case, "assign_mediator", on=_date(on), write=write, precheck=may_share_evidence)


def agreement_sign(
    *,
    actor: Any,
    case: Case,
    terms: str,
    form: str = AgreementForm.WRITTEN,
    requester_signed_on: date | None = None,
    respondent_signed_on: date | None = None,
    mediator_signed_on: date | None = None,
    sealed_on: date | None = None,
    reached_on: date | None = None,
    invited_by_court: str = "",
    subject_district_code: str = "",
    intermediate_jurisdiction: bool = False,
) -> MediationAgreement:
    """Record the agreement; it takes effect when all have signed and the seal is on (written), or when
    reached (oral) (人民调解法 Art. 29/30). The 30-day confirmation window starts from that day."""
    if not terms.strip():
        raise ValidationError({"terms": _("请填写协议内容")})
    if form == AgreementForm.WRITTEN:
        dates = [requester_signed_on, respondent_signed_on, mediator_signed_on, sealed_on]
        if any(d is None for d in dates):
            raise ValidationError({"form": _("书面调解协议须经双方当事人、调解员签名并加盖调解组织印章后生效")})
        effective_on = max(d for d in dates if d is not None)
    else:
        if reached_on is None:
            raise ValidationError({"reached_on": _("口头协议须填写达成日期")})
        effective_on = reached_on

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        MediationAgreement.objects.create(
            case=case,
            form=form,
            terms=terms.strip(),
            requester_signed_on=requester_signed_on,
            respondent_signed_on=respondent_signed_on,
            mediator_signed_on=mediator_signed_on,
            sealed_on=sealed_on,
            effective_on=effective_on,
            invited_by_court=invited_by_court.strip(),
            subject_district_code=subject_district_code,
            intermediate_jurisdiction=intermediate_jurisdiction,
        )
        return [], {"effective_on": effective_on.isoformat()}

    return _take(actor, case, "agreement", on=effective_on, write=write).agreement


def confirmation_apply(
    *,
    actor: Any,
    case: Case,
    court: str,
    requester_applies: bool,
    respondent_applies: bool,
    other_consents: bool = False,
    filed_on: date | None = None,
) -> JudicialConfirmation:
    """The joint application within 30 days of the agreement taking effect, to a court the law allows.

    Joint: both apply, or one applies and the other consents (人民调解法 Art. 33)."""
    filed_on = _date(filed_on)
    joint = (requester_applies and respondent_applies) or ((requester_applies or respondent_applies) and other_consents)
    if not joint:
        raise ValidationError(
            {
                "requester_applies": _(
                    "司法确认须双方共同申请；一方申请、另一方同意的，视为共同申请（《人民调解法》第三十三条）"
                )
            }
        )

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        allowed = courts_for(case)
        if court not in allowed:
            raise ValidationError(
                {
                    "court": _("应向以下法院申请：%(courts)s（《民事诉讼法》第二百零五条）")
                    % {"courts": "、".join(allowed) or _("无")}
                }
            )
        state = _state_on(_clock(case, ClockKind.CONFIRMATION), filed_on)
        if state.remaining.total_seconds() < 0:
            raise IllegalTransition(
                _("申请司法确认的期限已于 %(due)s 届满（调解协议生效之日起三十日内）") % {"due": state.due.isoformat()}
            )
        JudicialConfirmation.objects.create(
            agreement=case.agreement,
            court=court,
            requester_applies=requester_applies,
            respondent_applies=respondent_applies,
            other_consents=other_consents,
            filed_on=filed_on,
        )
        return [], {"court": court}

    return _take(actor, case, "apply_confirmation", on=filed_on, write=write).agreement.confirmation


def confirmation_decide(*, actor: Any, case: Case, valid: bool, on: date | None = None) -> Case:
    on = _date(on)

    def write(case: Case) -> tuple[list[str], dict[str, Any]]:
        confirmation = case.agreement.confirmation
        confirmation.outcome = ConfirmationOutcome.VALID if valid else ConfirmationOutcome.DISMISSED
        confirmation.decided_on = on
        confirmation.save(update_fields=["outcome", "decided_on"])
        case.outcome = str(confirmation.get_outcome_display())
        return ["outcome"], {}

    return _take(actor, case, "confirmation_valid" if valid else "confirmation_dismissed", on=on, write=write)


def case_mediation_fail(*, actor: Any, case: Case, reason: str, on: date | None = None) -> Case:
    return _take(actor, case, "mediation_fail", on=_date(on), note=reason)
