"""Writes of the legal-status history: the events import (through `core.imports`) and the status the
events add up to on the patent."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhichan.core import imports, jobs
from zhichan.core import selectors as core_selectors
from zhichan.core import services as core_services
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.engines.identifiers import clean_patent_number, validate_patent_number
from zhichan.engines.patents.events import EventKind, EventRecord, classify, derive
from zhichan.patents.models import LegalEvent, Patent

COLUMNS = (
    imports.Column("application_number", ("申请号", "application_number", "专利申请号"), required=True),
    imports.Column("date", ("法律状态公告日", "date", "公告日", "法律状态日"), required=True),
    imports.Column("status", ("法律状态", "status", "法律状态类型"), required=True),
    imports.Column("detail", ("法律状态信息", "detail", "法律状态详情")),
    imports.Column("fee_year", ("年度", "fee_year", "年费年度")),
)
_LABELS = {column.key: column.label for column in COLUMNS}
_DATE = re.compile(r"^(\d{4})\s*[-./年]?\s*(\d{1,2})\s*[-./月]?\s*(\d{1,2})\s*日?(?:\s+.*)?$")
FIELDS = ("fee_year", "partial", "party_from", "party_to", "exclusive", "amount", "status_text", "detail")


@dataclass(frozen=True)
class EventRow:
    application_number: str  # the dotted form without prefix: 202110000001.5
    date: date
    record: EventRecord


def application_key(raw: str) -> str:
    body = clean_patent_number(raw).removeprefix("ZL").removeprefix("CN")
    if "." not in body and len(body) in (9, 13):
        body = f"{body[:-1]}.{body[-1]}"
    return body


def _day(text: str) -> date:
    value = unicodedata.normalize("NFKC", text).strip()
    match = _DATE.match(value)
    try:
        if match is None:
            raise ValueError(value)
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise imports.RowError(
            _LABELS["date"], gettext("“%(value)s”不是日期（如 2021-06-30、2021.06.30、20210630）") % {"value": text}
        ) from None


def parse_event_row(cells: dict[str, str]) -> EventRow:
    raw = cells["application_number"].strip()
    if not raw:
        raise imports.RowError(_LABELS["application_number"], gettext("缺少申请号"))
    number = application_key(raw)
    if (problem := validate_patent_number(number)) is not None:
        raise imports.RowError(_LABELS["application_number"], gettext(problem.message))
    if not cells["date"].strip():
        raise imports.RowError(_LABELS["date"], gettext("缺少法律状态公告日"))
    day = _day(cells["date"])
    status = cells["status"].strip()
    if not status:
        raise imports.RowError(_LABELS["status"], gettext("缺少法律状态"))
    fee_year = None
    if cells["fee_year"].strip():
        text = unicodedata.normalize("NFKC", cells["fee_year"]).strip().removeprefix("第").removesuffix("年度")
        if not text.isdigit() or not 1 <= int(text) <= 20:
            raise imports.RowError(_LABELS["fee_year"], gettext("年度应为 1 至 20 的整数"))
        fee_year = int(text)
    return EventRow(number, day, classify(status, cells["detail"], fee_year))


def _values(record: EventRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in FIELDS} | {
        "status_text": record.status_text[:100],
        "party_from": record.party_from[:200],
        "party_to": record.party_to[:200],
    }


def _patents_by_application(numbers: Iterable[str]) -> dict[str, Patent]:
    wanted = set(numbers)
    candidates = wanted | {f"ZL{n}" for n in wanted} | {f"CN{n}" for n in wanted}
    found: dict[str, Patent] = {}
    for patent in Patent.objects.filter(application_number__in=candidates).order_by("number"):
        found.setdefault(application_key(patent.application_number), patent)
    return found


def _apply_events(actor: Any, rows: list[tuple[int, EventRow]], report: imports.ImportReport) -> dict[str, Any]:
    touched: dict[Any, Patent] = {}
    with transaction.atomic():
        patents = _patents_by_application(row.application_number for _no, row in rows)
        for row_no, row in rows:
            patent = patents.get(row.application_number)
            if patent is None:
                report.refuse(
                    row_no,
                    [
                        imports.RowError(
                            _LABELS["application_number"],
                            gettext("申请号 %(number)s 不在专利登记中，请先导入该专利")
                            % {"number": row.application_number},
                        )
                    ],
                )
                continue
            values = _values(row.record)
            event = LegalEvent.objects.filter(patent=patent, date=row.date, kind=row.record.kind).first()
            if event is None:
                LegalEvent.objects.create(patent=patent, date=row.date, kind=row.record.kind, **values)
                report.created += 1
            elif any(getattr(event, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(event, name, value)
                event.save()
                report.updated += 1
            else:
                report.unchanged += 1
                continue
            touched[patent.pk] = patent
        for patent in touched.values():
            legal_status_recompute(patent)
    return {"patents": len(touched)}


def events_import_spec() -> imports.ImportSpec[EventRow]:
    return imports.ImportSpec(
        name="patent_event",
        columns=COLUMNS,
        parse_row=parse_event_row,
        apply=_apply_events,
        authorise=lambda actor: require(actor, "patent_event", Action.CREATE),
        mode=imports.Mode.PER_ROW,
        identity=lambda row: ("status", (row.application_number, row.date, row.record.kind)),
        batch_size=500,
    )


def events_import_start(*, actor: Any, name: str, chunks: Iterable[bytes]) -> Any:
    require(actor, "patent_event", Action.CREATE)
    return core_services.import_start(
        actor=actor,
        kind="patents.events_import",
        name=name,
        chunks=chunks,
        description=_("专利法律状态导入文件"),
        params={},
    )


def events_import_job(context: jobs.JobContext, *, evidence_id: str, actor_id: int) -> dict[str, Any]:
    actor = get_user_model().objects.get(pk=actor_id)
    evidence = core_selectors.evidence_list(user=actor).get(pk=evidence_id)
    with core_services.evidence_open(actor=actor, evidence=evidence) as stored:
        report = imports.run_stored(
            events_import_spec(), actor=actor, handle=stored, name=evidence.original_name, context=context
        )
    for error in report.errors[:200]:
        context.log(str(error))
    return report.as_dict(errors=200)


def legal_status_recompute(patent: Patent) -> bool:
    """Set the patent's status, its date, the last fee year paid and (if missing) the grant date from its
    events; the latest imported event's words become its latest legal status text. True if it changed."""
    events = list(patent.events.order_by("date", "pk"))
    derived = derive((e.date, EventKind(e.kind), e.fee_year, e.partial) for e in events)
    values: dict[str, Any] = {
        "status": derived.status.value,
        "status_on": derived.status_on,
        "fees_paid_through": derived.paid_through,
    }
    if patent.grant_date is None and derived.granted is not None:
        values["grant_date"] = derived.granted
    imported = [e for e in events if not e.recorded_by_platform]
    if imported:
        values["legal_status"] = imported[-1].status_text[:100]
    changed = [name for name, value in values.items() if getattr(patent, name) != value]
    for name in changed:
        setattr(patent, name, values[name])
    if changed:
        patent.save(update_fields=[*changed, "updated_at"])
    return bool(changed)
