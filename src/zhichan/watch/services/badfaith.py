"""Bad-faith filing signals over the stored filings (辅助研判, never a verdict), and the findings of the
competent authority that feed the Art. 8(3) signal of later assessments.

The assessment passes the engine the publication screening alerts already stored (nothing is screened
again; alerts the office dismissed are left out), the organisation directory read through core's
selectors, and the recorded findings. Assignments are not imported by this module yet, so the 6.8
signal (scattered assignments) cannot be raised here until they are.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, jobs
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.engines import badfaith
from zhichan.engines.marks import Alert as EngineAlert
from zhichan.engines.marks import Mark
from zhichan.watch import conf
from zhichan.watch.models import (
    Alert,
    AlertStatus,
    ApplicantSignal,
    BadFaithFinding,
    Filing,
    ProtectedMark,
    Publication,
    SignalRun,
)


def engine_settings() -> badfaith.Settings:
    """The engine's settings with the office's overrides (`WATCH_BADFAITH_SETTINGS`); a wrong name fails."""
    overrides = dict(conf.get("WATCH_BADFAITH_SETTINGS"))
    known = {f.name for f in fields(badfaith.Settings)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ValueError(f"WATCH_BADFAITH_SETTINGS: unknown settings {unknown}")
    return badfaith.Settings(**overrides)


def _lists() -> badfaith.Lists:
    directory = conf.get("WATCH_BADFAITH_LISTS_DIR")
    return badfaith.load_lists(Path(directory) if directory else None)


def _period() -> tuple[Any, Any]:
    """The weeks up to the latest publication (today when none is stored)."""
    latest = Publication.objects.order_by("-published_on").values_list("published_on", flat=True).first()
    end = latest or timezone.localdate()
    return end - timedelta(weeks=conf.get("WATCH_BADFAITH_WEEKS")), end


def _flag_json(flag: badfaith.Flag) -> dict[str, Any]:
    return {
        "situation": str(flag.situation),
        "title": flag.title,
        "rule_keys": list(flag.rule_keys),
        "count": flag.count,
        "threshold": flag.threshold,
        "measures": [[name, value] for name, value in flag.measures],
        "weight": flag.weight,
        "evidence": [asdict(e) for e in flag.evidence],
    }


def badfaith_assess(*, actor: Any, progress: Any = None) -> SignalRun:
    """Assess the applicants of the filings published in the last `WATCH_BADFAITH_WEEKS` weeks and store
    each flagged applicant group with its flags and evidence, as one new run."""
    require(actor, "watch_applicant_signal", Action.CREATE)
    settings, lists = engine_settings(), _lists()
    start, end = _period()
    rows = Filing.objects.filter(publication__published_on__gte=start, publication__published_on__lte=end)
    filings = [
        badfaith.Filing(number, mark, applicant, tuple(str(c) for c in classes), published, address, agency=agency)
        for number, mark, applicant, classes, published, address, agency in rows.values_list(
            "filing_number", "mark", "applicant", "classes", "publication__published_on", "applicant_address", "agency"
        ).iterator(chunk_size=5000)
    ]
    marks = [
        Mark(str(pk), mark, tuple(str(c) for c in classes), owner)
        for pk, mark, classes, owner in ProtectedMark.objects.values_list("pk", "mark", "classes", "owner_name")
    ]
    alerts = [
        EngineAlert(number, str(mark_id), score, verdict, reasons)
        for number, mark_id, score, verdict, reasons in Alert.objects.filter(filing__in=rows)
        .exclude(status=AlertStatus.DISMISSED)
        .values_list("filing__filing_number", "mark_id", "score", "verdict", "reasons")
        .iterator(chunk_size=5000)
    ]
    directory = [
        badfaith.Organisation(str(pk), name, address, phone, email)
        for pk, name, address, phone, email in core_selectors.organisation_list(user=actor)
        .values_list("pk", "name", "address", "contact_phone", "contact_email")
        .iterator(chunk_size=5000)
    ]
    findings = [
        badfaith.Finding(str(f.pk), f.applicant, f.authority, f.document_number, f.decided_on, f.agency)
        for f in BadFaithFinding.objects.all()
    ]
    if progress is not None:
        progress(0, len(filings))
    found = badfaith.assess(
        filings, marks_register=marks, alerts=alerts, directory=directory, lists=lists, findings=findings,
        settings=settings,
    )  # fmt: skip
    with transaction.atomic():
        run = SignalRun.objects.create(
            period_from=start,
            period_to=end,
            filings=len(filings),
            applicants=len({f.applicant for f in filings}),
            flagged=len(found),
            alerts_used=len(alerts),
            organisations=len(directory),
            findings_used=len(findings),
            settings={f.name: getattr(settings, f.name) for f in fields(settings)},
            lists={
                t.name: {"version": t.version, "source": t.source} for t in (lists.famous, lists.places, lists.generic)
            },
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        ApplicantSignal.objects.bulk_create(
            [
                ApplicantSignal(
                    run=run,
                    key=a.key[:200],
                    applicants=list(a.applicants),
                    links=[asdict(link) for link in a.links],
                    filings=a.filings,
                    classes=a.classes,
                    score=a.score,
                    level=str(a.level),
                    situations="|" + "|".join(str(f.situation) for f in a.flags) + "|",
                    flags=[_flag_json(f) for f in a.flags],
                )
                for a in found
            ],
            batch_size=1000,
        )
        kept = list(SignalRun.objects.order_by("-created_at", "-pk").values_list("pk", flat=True))
        SignalRun.objects.filter(pk__in=kept[conf.get("WATCH_BADFAITH_RUNS_KEPT") :]).delete()
        audit.record(
            actor=actor,
            action="watch_applicant_signal.assess",
            object_type="watch_applicant_signal",
            object_id=run.pk,
            summary={
                "filings": len(filings),
                "flagged": len(found),
                "high": sum(1 for a in found if a.level is badfaith.Level.HIGH),
                "alerts": len(alerts),
                "findings": len(findings),
                "period": f"{start.isoformat()}/{end.isoformat()}",
            },
        )
    if progress is not None:
        progress(len(filings), len(filings))
    return run


def badfaith_start(*, actor: Any) -> Any:
    """The assessment as a job (an official's request, or after a publication is screened)."""
    require(actor, "watch_applicant_signal", Action.CREATE)
    return core_services.job_enqueue(actor=actor, kind="watch.badfaith", params={"actor_id": actor.pk})


def badfaith_job(context: jobs.JobContext, *, actor_id: int) -> dict[str, Any]:
    run = badfaith_assess(actor=get_user_model().objects.get(pk=actor_id), progress=context.progress)
    context.log(_("评估申请 %(f)d 件，提示关注的申请人组 %(g)d 个") % {"f": run.filings, "g": run.flagged})
    return {"run": run.pk, "filings": run.filings, "flagged": run.flagged}


# --- findings of the competent authority (Art. 8(3)) ---


def _finding_values(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for field, limit, required in (
        ("applicant", 200, True), ("authority", 200, True), ("document_number", 200, True),
        ("agency", 200, False), ("note", 500, False),
    ):  # fmt: skip
        text = " ".join(str(data.get(field) or "").split())
        if required and not text:
            errors[field] = _("不能为空")
        elif len(text) > limit:
            errors[field] = _("超过 %(n)d 个字符") % {"n": limit}
        values[field] = text
    decided_on = data.get("decided_on")
    if decided_on is None:
        errors["decided_on"] = _("不能为空")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("认定日期不能晚于今天")
    values["decided_on"] = decided_on
    values["organisation"] = data.get("organisation")
    if errors:
        raise ValidationError(errors)
    return values


def finding_record(*, actor: Any, data: dict[str, Any], document_name: str, document_chunks: Any) -> BadFaithFinding:
    """Record a confirmed finding with its document (stored as evidence): validated, written and audited;
    the Art. 8(3) signal of every later assessment reads it. The credit file does not yet (the credit module)."""
    require(actor, "watch_badfaith_finding", Action.CREATE)
    values = _finding_values(data)
    if not document_name:
        raise ValidationError({"document": _("请上传认定文书")})
    duplicate = BadFaithFinding.objects.filter(
        authority=values["authority"], document_number=values["document_number"], applicant=values["applicant"]
    )
    if duplicate.exists():
        raise ValidationError({"document_number": _("该认定文书已记录")})
    document = core_services.evidence_upload(
        actor=actor,
        name=document_name,
        chunks=document_chunks,
        description=_("恶意申请认定文书 %(n)s") % {"n": values["document_number"]},
    )
    try:
        with transaction.atomic():
            finding = BadFaithFinding.objects.create(**values, document=document, recorded_by=actor)
            audit.record(
                actor=actor,
                action="watch_badfaith_finding.record",
                object_type="watch_badfaith_finding",
                object_id=finding.pk,
                summary={
                    "applicant": finding.applicant,
                    "authority": finding.authority,
                    "document_number": finding.document_number,
                    "decided_on": finding.decided_on.isoformat(),
                    "agency": finding.agency,
                    "document": str(document.pk),
                },
            )
    except IntegrityError:
        raise ValidationError({"document_number": _("该认定文书已记录")}) from None
    return finding
