"""Annual-fee monitoring (年费监控): the state of each valid granted patent's fees, the daily reminders to
its patentee organisations and the lapse recorded when a grace period ended without the fee.

A patent whose fee payments were never imported (no `fee_paid` event) is taken as paid through the
current fee year: it is reminded of the next due date, and no lapse is ever recorded for it (missing
data is not a missed payment). A patent with imported payments is counted by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, jobs
from zhichan.core.calendar import platform_calendar
from zhichan.engines.calendar import WorkCalendar
from zhichan.engines.patents.fees import FeeState, FeeStatus, fee_status, fee_year_of
from zhichan.engines.patents.numbers import PatentKind, kind_of_application
from zhichan.patents import conf
from zhichan.patents.events import legal_status_recompute
from zhichan.patents.models import FeeReminder, FeeReminderStage, LegalEvent, LegalEventKind, LegalStatus, Patent

ENDED = (LegalStatus.LAPSED, LegalStatus.EXPIRED, LegalStatus.INVALIDATED)
STAGES = {FeeState.DUE: FeeReminderStage.DUE, FeeState.IN_GRACE: FeeReminderStage.GRACE}


@dataclass(frozen=True)
class FeeRow:
    patent: Patent
    status: FeeStatus
    tracked: bool  # False: no payment imported, the current fee year taken as paid


def monitored(queryset: QuerySet[Patent]) -> QuerySet[Patent]:
    """The granted patents in force as far as the register knows (no lapse, expiry or invalidation)."""
    return queryset.filter(grant_date__isnull=False, filing_date__isnull=False).exclude(status__in=ENDED)


def kind_for_fees(patent: Patent) -> PatentKind | None:
    if patent.kind:
        return PatentKind(patent.kind)
    return kind_of_application(patent.application_number)


def status_of(patent: Patent, on: date, calendar: WorkCalendar | None = None) -> FeeRow | None:
    """The fee state of a granted patent on a day (None without a filing or grant date or a kind)."""
    kind = kind_for_fees(patent)
    if kind is None or patent.filing_date is None or patent.grant_date is None or on < patent.filing_date:
        return None
    tracked = patent.fees_paid_through is not None
    paid = patent.fees_paid_through if tracked else fee_year_of(patent.filing_date, on)
    status = fee_status(
        kind=kind,
        filing=patent.filing_date,
        granted=patent.grant_date,
        paid_through=paid,
        on=on,
        due_soon_days=int(conf.get("PATENTS_FEE_REMINDER_DAYS")),
        calendar=calendar,
    )
    return FeeRow(patent, status, tracked)


def _message(patent: Patent, status: FeeStatus) -> str:
    params = {
        "title": patent.title,
        "number": patent.application_number or patent.number,
        "year": status.fee_year,
        "due": status.due,
        "grace": status.grace_end,
        "basis": "；".join(status.basis),
    }
    if status.state is FeeState.DUE:
        text = _("专利“%(title)s”（申请号 %(number)s）第%(year)s年度年费应在 %(due)s 前缴纳（%(basis)s）")
    elif status.state is FeeState.IN_GRACE:
        text = _(
            "专利“%(title)s”（申请号 %(number)s）第%(year)s年度年费已于 %(due)s 到期未缴，请在 %(grace)s 前"
            "补缴并缴纳滞纳金，否则专利权自 %(due)s 起终止（%(basis)s）"
        )
    else:
        text = _(
            "专利“%(title)s”（申请号 %(number)s）第%(year)s年度年费在滞纳期（至 %(grace)s）内未缴，"
            "专利权自 %(due)s 起终止；可在收到通知后申请恢复权利（%(basis)s）"
        )
    return text % params


def _remind(patent: Patent, status: FeeStatus, stage: str) -> int:
    made = 0
    organisations = {h.organisation_id for h in patent.holders.all() if h.organisation_id}
    for organisation_id in sorted(organisations):
        _row, created = FeeReminder.objects.get_or_create(
            key=f"patent_fee:{patent.pk}:{status.fee_year}:{stage}:{organisation_id}",
            defaults={
                "organisation_id": organisation_id,
                "patent": patent,
                "fee_year": status.fee_year,
                "stage": stage,
                "message": _message(patent, status),
                "due_on": status.grace_end if stage == FeeReminderStage.GRACE else status.due,
            },
        )
        made += created
    return made


def _record_lapse(actor: Any, patent: Patent, status: FeeStatus) -> bool:
    """The lapse as from the due date, once (one event per patent, date and kind), audited."""
    assert status.due is not None and status.fee_year is not None
    with transaction.atomic():
        _event, created = LegalEvent.objects.get_or_create(
            patent=patent,
            date=status.due,
            kind=LegalEventKind.LAPSE_UNPAID,
            defaults={
                "fee_year": status.fee_year,
                "status_text": _("未缴年费专利权终止"),
                "detail": _("第%(year)s年度年费滞纳期至 %(grace)s 届满未缴（平台记录）")
                % {"year": status.fee_year, "grace": status.grace_end},
                "recorded_by_platform": True,
            },
        )
        if created:
            legal_status_recompute(patent)
            audit.record(
                actor=actor,
                action="patent.lapse_recorded",
                object_type="patent",
                object_id=patent.pk,
                summary={
                    "number": patent.number,
                    "fee_year": status.fee_year,
                    "due": str(status.due),
                    "grace_end": str(status.grace_end),
                },
            )
    return created


def fee_reminders(*, actor: Any, today: date | None = None) -> dict[str, int]:
    """Remind each patentee organisation once per fee year and stage (due soon, in grace, lapsed) and
    record the lapse of a patent whose grace period ended without its recorded payment."""
    today = today or timezone.localdate()
    calendar = platform_calendar()
    made = lapses = 0
    patents = monitored(Patent.objects.all()).prefetch_related("holders").order_by("pk")
    for patent in patents.iterator(chunk_size=500):
        row = status_of(patent, today, calendar)
        if row is None:
            continue
        state = row.status.state
        if state in STAGES:
            made += _remind(patent, row.status, STAGES[state])
        elif state is FeeState.LAPSED and row.tracked and _record_lapse(actor, patent, row.status):
            lapses += 1
            made += _remind(patent, row.status, FeeReminderStage.LAPSED)
    if made:
        with transaction.atomic():
            audit.record(actor=actor, action="patent.fee_reminders", object_type="patent", summary={"reminders": made})
    return {"reminders": made, "lapses": lapses}


def fee_reminders_job(context: jobs.JobContext) -> dict[str, Any]:
    return fee_reminders(actor=context.job.created_by)
