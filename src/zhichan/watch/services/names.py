"""Names screened against the watched marks (issue 22): the trade names of the organisation directory
(core's selectors) and the distinct shop names of the platforms' listings (ecommerce's selectors).

The names engine finds the marks a name contains or imitates (5.1.16 containment, sound and shape
variants, pinyin) and weighs the name's business against the mark's classes. A name alert is one
(subject, mark) pair: the subject is the organisation, or the platform and the shop name. Screening
again refreshes an alert still to review, leaves a worked one alone, and raises again an alert the
office dismissed only when the organisation's name changed since. The owner's own organisation and
the shops its brands authorise (or that it sells in itself) are left out.

No opposition applies to a name: the remedy is a complaint to the market regulator or an action
(商标法第五十八条 and 反不正当竞争法; 第六十条 for a trade name used prominently on the goods). A confirmed
shop-name alert becomes an e-commerce clue through ecommerce's services.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, jobs
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.core.system import system_account
from zhichan.core.workflow import transition_run
from zhichan.ecommerce import selectors as ecommerce_selectors
from zhichan.ecommerce import services as ecommerce_services
from zhichan.engines import names
from zhichan.engines.text import normalize
from zhichan.watch import conf
from zhichan.watch.models import (
    NameAlert,
    NameAlertStatus,
    NameOutcome,
    NameSource,
    ProtectedMark,
    Reminder,
    ReminderKind,
)
from zhichan.watch.services.publications import _watched
from zhichan.watch.workflows import NAME_ALERT


@dataclass
class NamesScreened:
    trade_names: int = 0
    shop_names: int = 0
    name_alerts: int = 0
    name_alerts_refreshed: int = 0
    name_alerts_raised_again: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "trade_names": self.trade_names,
            "shop_names": self.shop_names,
            "name_alerts": self.name_alerts,
            "name_alerts_refreshed": self.name_alerts_refreshed,
            "name_alerts_raised_again": self.name_alerts_raised_again,
        }


@dataclass(frozen=True)
class Subject:
    """A name to screen with where it comes from."""

    key: str  # NameAlert.subject
    source: str
    name: str
    description: str = ""
    organisation_id: Any = None
    platform_id: Any = None
    seller: str = ""


def _key(text: str) -> str:
    return normalize(text).replace(" ", "")


def reasons_json(result: names.Result) -> list[dict[str, Any]]:
    """The engine's reasons as stored: the stable code, the Chinese template and its values (pages
    translate the template and fill it in the reader's language)."""
    return [{"code": r.code, "message": r.message, "params": dict(r.params)} for r in result.reasons]


def _organisations(actor: Any) -> Iterator[Subject]:
    # The directory holds no industry: the engine infers it from the name's own words (餐饮管理).
    for pk, name in core_selectors.organisation_list(user=actor).values_list("pk", "name").iterator(chunk_size=5000):
        yield Subject(f"org:{pk}", NameSource.ORGANISATION, name, organisation_id=pk)


def _shops(actor: Any) -> Iterator[Subject]:
    seen: set[str] = set()
    for row in ecommerce_selectors.shop_names(user=actor):
        key = f"shop:{row['platform_id']}:{_key(row['shop_name'])}"[:300]
        if key in seen:  # the same shop written in another width or case
            continue
        seen.add(key)
        yield Subject(
            key,
            NameSource.SHOP,
            row["shop_name"],
            description=row["category"],
            platform_id=row["platform_id"],
            seller=row["seller_name"],
        )


def _own(subject: Subject, mark: ProtectedMark, authorised: set[tuple[Any, Any, str]]) -> bool:
    """The owner's own name: its organisation, a shop it sells in itself, or a shop its brands authorise."""
    owner_key = _key(mark.owner.name if mark.owner_id else mark.owner_name)
    if subject.source == NameSource.ORGANISATION:
        return subject.organisation_id == mark.owner_id or (bool(owner_key) and _key(subject.name) == owner_key)
    if owner_key and subject.seller and _key(subject.seller) == owner_key:
        return True
    if subject.platform_id is not None and subject.platform_id == mark.owner_id:
        return True  # the owner's own platform
    return any(
        (mark.owner_id, platform, _key(seller)) in authorised
        for platform in (subject.platform_id, None)
        for seller in (subject.name, subject.seller)
        if seller
    )


def names_settings() -> names.Settings:
    """The engine's settings with the office's overrides (`WATCH_NAMES_SETTINGS`); a wrong name fails."""
    overrides = dict(conf.get("WATCH_NAMES_SETTINGS"))
    unknown = sorted(set(overrides) - {f.name for f in dataclasses.fields(names.Settings)})
    if unknown:
        raise ValueError(f"WATCH_NAMES_SETTINGS: unknown settings {unknown}")
    return names.Settings(**overrides)


def _register(marks: list[ProtectedMark]) -> names.NameRegister:
    return names.NameRegister(
        [names.ProtectedMark(str(m.pk), m.mark, tuple(int(c) for c in m.classes), owner=m.owner_name) for m in marks],
        settings=names_settings(),
    )


def names_screen(*, actor: Any, progress: Any = None) -> NamesScreened:
    """Screen every trade name of the directory and every shop name of the listings against the watched
    marks; store, refresh or raise again the name alerts (module docstring). Audited once per batch."""
    require(actor, "watch_name_alert", Action.CREATE)
    result = NamesScreened()
    marks = [m for m in _watched() if m.mark.strip()]
    if not marks:
        return result
    by_id = {str(m.pk): m for m in marks}
    register = _register(marks)
    owners = {m.owner_id for m in marks if m.owner_id}
    authorised = {(o, p, _key(s)) for o, p, s in ecommerce_selectors.shops_authorised(owner_ids=owners)}
    threshold = conf.get("WATCH_NAMES_THRESHOLD")
    batch_size = conf.get("WATCH_NAMES_BATCH")
    subjects = [*_organisations(actor), *_shops(actor)]
    result.trade_names = sum(1 for s in subjects if s.source == NameSource.ORGANISATION)
    result.shop_names = len(subjects) - result.trade_names
    for start in range(0, len(subjects), batch_size):
        batch = subjects[start : start + batch_size]
        found = names.screen(
            [names.Name(s.key, s.name, description=s.description) for s in batch], register, threshold=threshold
        )
        _store(actor, batch, found, by_id, authorised, result)
        if progress is not None:
            progress(min(start + batch_size, len(subjects)), len(subjects))
    return result


def _store(
    actor: Any,
    batch: list[Subject],
    found: list[list[names.Alert]],
    by_id: dict[str, ProtectedMark],
    authorised: set[tuple[Any, Any, str]],
    result: NamesScreened,
) -> None:
    now = timezone.now()
    hits: dict[tuple[str, int], tuple[Subject, names.Alert]] = {}
    for subject, alerts in zip(batch, found, strict=True):
        for hit in alerts:
            mark = by_id[hit.mark_id]
            if not _own(subject, mark, authorised):
                hits[(subject.key, mark.pk)] = (subject, hit)
    if not hits:
        return
    with transaction.atomic():
        existing = {
            (a.subject, a.mark_id): a
            for a in NameAlert.objects.select_for_update().filter(
                subject__in={k for k, _m in hits}, mark_id__in={m for _k, m in hits}
            )
        }
        fresh: list[NameAlert] = []
        again: list[tuple[int, str]] = []
        changed: list[NameAlert] = []
        for (key, mark_id), (subject, hit) in hits.items():
            values = {
                "name": subject.name[:200],
                "trade_name": hit.result.trade_name[:200],
                "score": round(hit.score, 4),
                "verdict": hit.verdict,
                "reasons": reasons_json(hit.result),
                "screened_at": now,
            }
            alert = existing.get((key, mark_id))
            if alert is None:
                fresh.append(
                    NameAlert(
                        subject=key,
                        source=subject.source,
                        organisation_id=subject.organisation_id,
                        platform_id=subject.platform_id,
                        mark_id=mark_id,
                        **values,
                    )
                )
                continue
            if alert.status == NameAlertStatus.DISMISSED:
                if _key(alert.name) == _key(subject.name):
                    continue  # dismissed by the office: not raised again while the name stays the same
                values = {**values, "status": NameAlertStatus.NEW, "review_note": ""}
                again.append((alert.pk, subject.name))
            elif alert.status != NameAlertStatus.NEW:
                continue  # worked on: the record of the work is kept as it was
            else:
                result.name_alerts_refreshed += 1
            for name, value in values.items():
                setattr(alert, name, value)
            changed.append(alert)
        NameAlert.objects.bulk_create(fresh)
        refreshed = ["name", "trade_name", "score", "verdict", "reasons", "screened_at", "status", "review_note"]
        NameAlert.objects.bulk_update(changed, refreshed, batch_size=1000)
        result.name_alerts += len(fresh)
        result.name_alerts_raised_again += len(again)
        audit.record(
            actor=actor,
            action="watch_name_alert.screen",
            object_type="watch_name_alert",
            summary={"name_alerts": len(fresh), "name_alerts_raised_again": len(again), "names": len(batch)},
        )
        for pk, name in again:
            audit.record(
                actor=actor,
                action="watch_name_alert.raise_again",
                object_type="watch_name_alert",
                object_id=pk,
                summary={"name": name},
            )


def names_screen_start(*, actor: Any) -> Any:
    """The screening as a job (an official's request from the alerts page; weekly on its own)."""
    require(actor, "watch_name_alert", Action.CREATE)
    return core_services.job_enqueue(actor=actor, kind="watch.names_screen", params={"actor_id": actor.pk})


def names_screen_job(context: jobs.JobContext, *, actor_id: int | None = None) -> dict[str, Any]:
    """The job: an official's (actor_id), or the weekly run as the job's creator (the system account)."""
    if actor_id is not None:
        actor = get_user_model().objects.get(pk=actor_id)
    else:
        actor = context.job.created_by or system_account()
    found = names_screen(actor=actor, progress=context.progress)
    context.log(
        _("筛查企业字号 %(o)d 个、网店名称 %(s)d 个；新预警 %(n)d 条，名称变更后重新预警 %(a)d 条")
        % {"o": found.trade_names, "s": found.shop_names, "n": found.name_alerts, "a": found.name_alerts_raised_again}
    )
    return found.as_dict()


# --- the name alert worked on the kernel ---


def _clue(actor: Any, alert: NameAlert) -> tuple[str, str]:
    """(clue id, "") made for a shop's alert, or ("", why not)."""
    why = "；".join(r["message"] % r["params"] for r in alert.reasons)
    try:
        clue = ecommerce_services.clue_from_shop_name(
            actor=actor,
            platform_id=alert.platform_id,
            shop_name=alert.name,
            owner_id=alert.mark.owner_id,
            mark=alert.mark.mark,
            score=alert.score,
            why=why,
            source=f"watch_name_alert:{alert.pk}",
        )
    except ValidationError as exc:
        return "", "；".join(exc.messages)
    return str(clue.pk), ""


def name_alert_review(*, actor: Any, alert: NameAlert, confirm: bool, note: str = "") -> NameAlert:
    """The office confirms a name alert (a shop's becomes an e-commerce clue) or dismisses it with its
    reason. Where the clue cannot be made (no listing of the shop, no protected brand of the owner) the
    alert is confirmed all the same, the reason recorded, and the `clue` step stays open."""

    def write(locked: NameAlert) -> tuple[list[str], dict[str, Any]]:
        if not confirm and not note.strip():
            raise ValidationError({"note": _("排除预警须说明理由")})
        locked.review_note = note.strip()[:500]
        fields, summary = ["review_note"], {"note": locked.review_note}
        if confirm and locked.source == NameSource.SHOP:
            locked.clue_ref, refused = _clue(actor, locked)
            fields.append("clue_ref")
            summary |= {"clue": locked.clue_ref} if locked.clue_ref else {"clue_refused": refused}
        return fields, summary

    return transition_run(
        actor=actor, obj=alert, workflow=NAME_ALERT, name="confirm" if confirm else "dismiss", write=write
    )


def name_alert_reopen(*, actor: Any, alert: NameAlert) -> NameAlert:
    return transition_run(actor=actor, obj=alert, workflow=NAME_ALERT, name="reopen")


def name_alert_clue(*, actor: Any, alert: NameAlert) -> NameAlert:
    """Make the e-commerce clue of a confirmed shop-name alert (after the owner registered its brand)."""

    def write(locked: NameAlert) -> tuple[list[str], dict[str, Any]]:
        clue, refused = _clue(actor, locked)
        if not clue:
            raise ValidationError(refused)
        locked.clue_ref = clue
        return ["clue_ref"], {"clue": clue}

    return transition_run(actor=actor, obj=alert, workflow=NAME_ALERT, name="clue", write=write)


def name_alert_notify_owner(*, actor: Any, alert: NameAlert) -> NameAlert:
    def write(locked: NameAlert) -> tuple[list[str], dict[str, Any]]:
        mark = locked.mark
        if mark.owner_id is None:
            raise ValidationError(_("该商标的注册人不是本平台的组织，无法在平台内通知；请另行联系"))
        if locked.source == NameSource.ORGANISATION:
            where = _("企业名称")
        else:
            where = _("%(p)s 平台的网店名称") % {"p": locked.platform}
        Reminder.objects.get_or_create(
            key=f"name_alert:{locked.pk}",
            defaults={
                "organisation_id": mark.owner_id,
                "kind": ReminderKind.ALERT,
                "mark": mark,
                "message": _(
                    "%(where)s“%(name)s”使用或摹仿贵单位的商标“%(mark)s”；可向市场监督管理部门投诉举报或依法起诉（不适用商标异议期限）"
                )
                % {"where": where, "name": locked.name, "mark": mark.mark},
            },
        )
        return [], {"owner": str(mark.owner_id)}

    return transition_run(actor=actor, obj=alert, workflow=NAME_ALERT, name="notify", write=write)


def name_alert_outcome(*, actor: Any, alert: NameAlert, outcome: str, note: str = "") -> NameAlert:
    def write(locked: NameAlert) -> tuple[list[str], dict[str, Any]]:
        if outcome not in NameOutcome.values:
            raise ValidationError({"outcome": _("请选择结果")})
        locked.outcome, locked.outcome_note = outcome, note.strip()[:500]
        return ["outcome", "outcome_note"], {"outcome": outcome}

    return transition_run(actor=actor, obj=alert, workflow=NAME_ALERT, name="outcome", write=write)
