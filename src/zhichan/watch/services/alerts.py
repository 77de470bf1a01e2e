"""Alerts worked on the kernel (review, notice, statement, outcome) and the owners' reminders."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, jobs
from zhichan.core import services as core_services
from zhichan.core.documents import PdfUnavailable, render
from zhichan.core.workflow import transition_run
from zhichan.engines.rules import rule
from zhichan.watch import clocks, conf
from zhichan.watch.models import (
    ActionKind,
    Alert,
    AlertStatus,
    Ground,
    HonourKind,
    MarkStatus,
    Outcome,
    ProtectedMark,
    Reminder,
    ReminderKind,
)
from zhichan.watch.workflows import ALERT

# --- the alert workflow ---


def alert_review(*, actor: Any, alert: Alert, confirm: bool, note: str = "") -> Alert:
    """The office confirms an alert or dismisses it with its reason."""

    def write(locked: Alert) -> tuple[list[str], dict[str, Any]]:
        if not confirm and not note.strip():
            raise ValidationError({"note": _("排除预警须说明理由")})
        locked.review_note = note.strip()[:500]
        return ["review_note"], {"note": locked.review_note}

    return transition_run(actor=actor, obj=alert, workflow=ALERT, name="confirm" if confirm else "dismiss", write=write)


def alert_reopen(*, actor: Any, alert: Alert) -> Alert:
    """A dismissed alert back to review (new evidence, a mistaken dismissal)."""
    return transition_run(actor=actor, obj=alert, workflow=ALERT, name="reopen")


def _remind(alert: Alert, message: str, kind: str = ReminderKind.ALERT) -> None:
    if alert.mark.owner_id is None:
        return
    Reminder.objects.get_or_create(
        key=f"{kind}:{alert.pk}",
        defaults={
            "organisation_id": alert.mark.owner_id,
            "kind": kind,
            "mark": alert.mark,
            "alert": alert,
            "message": message,
            "due_on": alert.opposition_due,
        },
    )


def alert_notify_owner(*, actor: Any, alert: Alert) -> Alert:
    def write(locked: Alert) -> tuple[list[str], dict[str, Any]]:
        if locked.mark.owner_id is None:
            raise ValidationError(_("该商标的注册人不是本平台的组织，无法在平台内通知；请另行联系"))
        window = clocks.opposition_window(locked.filing.publication.published_on)
        _remind(
            locked,
            _("新公告的商标“%(filing)s”（申请号 %(number)s）与贵单位的“%(mark)s”近似，%(label)s：%(due)s")
            % {
                "filing": locked.filing.mark,
                "number": locked.filing.filing_number,
                "mark": locked.mark.mark,
                "label": window.label,
                "due": window.due,
            },
        )
        return [], {"owner": locked.mark.owner_id}

    return transition_run(actor=actor, obj=alert, workflow=ALERT, name="notify", write=write)


def alert_windows(alert: Alert) -> list[clocks.Window]:
    """The opposition window, and the invalidation window that follows it."""
    published = alert.filing.publication.published_on
    return [
        clocks.opposition_window(published),
        clocks.invalidation_window(
            registered_on=clocks.estimated_registration(published),
            well_known=HonourKind.WELL_KNOWN in alert.mark.honour_kinds,
        ),
    ]


def statement_context(alert: Alert, action: str, today: date) -> dict[str, Any]:
    published = alert.filing.publication.published_on
    ground = rule(alert.ground, on=published) if alert.ground != Ground.CONTAINS_NAME else None
    procedure_key = (
        "trademark.opposition_period" if action == ActionKind.OPPOSITION else "trademark.invalidation_relative_limit"
    )
    on = published if action == ActionKind.OPPOSITION else clocks.estimated_registration(published)
    return {
        "alert": alert,
        "action": ActionKind(action),
        "today": today,
        "windows": alert_windows(alert),
        "procedure": rule(procedure_key, on=on),
        "ground": ground,
        "reasons": alert.reasons.split("; "),
        "honours": alert.mark.honours.all(),
    }


def alert_prepare(*, actor: Any, alert: Alert, today: date | None = None) -> Alert:
    """Generate the draft statement of grounds (PDF, or the printable page where PDF cannot be made):
    an opposition while its window is open, else an invalidation request."""
    today = today or timezone.localdate()
    opposition_open = clocks.opposition_deadline(alert.filing.publication.published_on).due >= today
    action = ActionKind.OPPOSITION if opposition_open else ActionKind.INVALIDATION
    context = statement_context(alert, action, today)
    try:
        data, suffix = render("watch/statement.html", context, "pdf"), "pdf"
    except PdfUnavailable:
        data, suffix = render("watch/statement.html", context).encode("utf-8"), "html"
    name = f"{action}-{alert.filing.filing_number}.{suffix}"
    evidence = core_services.evidence_upload(actor=actor, name=name, chunks=[data], description=str(_("理由书草稿")))

    def write(locked: Alert) -> tuple[list[str], dict[str, Any]]:
        locked.action_kind, locked.statement = action, evidence
        return ["action_kind", "statement"], {"action": action, "statement": str(evidence.pk)}

    return transition_run(actor=actor, obj=alert, workflow=ALERT, name="prepare", write=write)


def alert_outcome(*, actor: Any, alert: Alert, outcome: str, note: str = "") -> Alert:
    def write(locked: Alert) -> tuple[list[str], dict[str, Any]]:
        if outcome not in Outcome.values:
            raise ValidationError({"outcome": _("请选择结果")})
        locked.outcome, locked.outcome_note = outcome, note.strip()[:500]
        return ["outcome", "outcome_note"], {"outcome": outcome}

    return transition_run(actor=actor, obj=alert, workflow=ALERT, name="outcome", write=write)


# --- reminders (periodic jobs) ---


def renewals_remind(*, actor: Any, today: date | None = None) -> int:
    """A reminder to each owner of a mark in its renewal window or grace period, at most once per
    `WATCH_RENEWAL_REMINDER_EVERY_DAYS` days for each mark."""
    today = today or timezone.localdate()
    every = conf.get("WATCH_RENEWAL_REMINDER_EVERY_DAYS")
    made = 0
    marks = ProtectedMark.objects.filter(owner__isnull=False, expiry_date__isnull=False, status=MarkStatus.REGISTERED)
    for mark in marks.filter(expiry_date__lte=today + timedelta(days=400)):
        state = clocks.renewal(mark.expiry_date, today)
        if state.state not in ("window", "grace"):
            continue
        period = (today - state.window_opens).days // every
        due = mark.expiry_date if state.state == "window" else state.grace_ends
        message = _("商标“%(mark)s”（注册号 %(number)s）%(state)s，请在 %(due)s 前办理续展（%(basis)s）") % {
            "mark": mark.mark,
            "number": mark.registration_number,
            "state": state.label,
            "due": due,
            "basis": state.basis,
        }
        _row, created = Reminder.objects.get_or_create(
            key=f"renewal:{mark.pk}:{mark.expiry_date}:{state.state}:{period}",
            defaults={
                "organisation_id": mark.owner_id,
                "kind": ReminderKind.RENEWAL,
                "mark": mark,
                "message": message,
                "due_on": due,
            },
        )
        made += created
    if made:
        with transaction.atomic():
            audit.record(
                actor=actor,
                action="watch_mark.renewal_reminders",
                object_type="watch_mark",
                summary={"reminders": made},
            )
    return made


def renewals_job(context: jobs.JobContext) -> dict[str, Any]:
    return {"reminders": renewals_remind(actor=context.job.created_by)}


def digest_send(*, actor: Any, today: date | None = None) -> int:
    """Each owner's weekly digest: the alerts on its marks that the office confirmed in the past week, and
    its watched patents that lapsed for unpaid fees (their alerts of the past week)."""
    today = today or timezone.localdate()
    week = today.isocalendar()
    since = timezone.now() - timedelta(days=7)
    by_owner: dict[int, list[Alert]] = {}
    recent = (
        Alert.objects.filter(mark__owner__isnull=False, created_at__gte=since)
        .exclude(status__in=[AlertStatus.NEW, AlertStatus.DISMISSED])
        .select_related("mark", "filing")
    )
    for alert in recent:
        by_owner.setdefault(alert.mark.owner_id, []).append(alert)
    lapses: dict[int, list[Reminder]] = {}  # the watched patents lapsed for unpaid fees, told this week
    for reminder in Reminder.objects.filter(kind=ReminderKind.PATENT, urgent=True, created_at__gte=since):
        lapses.setdefault(reminder.organisation_id, []).append(reminder)
    made = 0
    for owner_id in sorted(set(by_owner) | set(lapses)):
        alerts = by_owner.get(owner_id, [])
        lines = "；".join(
            f"{a.filing.mark}（{a.filing.filing_number}）≈{a.mark.mark}，异议期限 {a.opposition_due}"
            for a in sorted(alerts, key=lambda a: -a.risk)[:20]
        )
        parts = (
            [_("本周贵单位商标的监测预警 %(n)d 条：%(lines)s") % {"n": len(alerts), "lines": lines}] if alerts else []
        )
        if owner_id in lapses:
            parts.append(
                _("本周贵单位监测的专利失效预警 %(n)d 条：%(lines)s")
                % {"n": len(lapses[owner_id]), "lines": "；".join(r.message for r in lapses[owner_id][:20])}
            )
        message = "\n".join(parts)
        _row, created = Reminder.objects.get_or_create(
            key=f"digest:{owner_id}:{week.year}-W{week.week:02d}",
            defaults={"organisation_id": owner_id, "kind": ReminderKind.DIGEST, "message": message},
        )
        made += created
    if made:
        with transaction.atomic():
            audit.record(actor=actor, action="watch_alert.digest", object_type="watch_alert", summary={"owners": made})
    return made


def digest_job(context: jobs.JobContext) -> dict[str, Any]:
    return {"digests": digest_send(actor=context.job.created_by)}
