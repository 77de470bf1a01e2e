"""Credit files and credit events: one file per credit code (or per person concerned), events recorded
by an official or imported from the candidates other modules offer (`credit.events`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhichan.core import audit, limits
from zhichan.core import selectors as core_selectors
from zhichan.core.policy import Action
from zhichan.core.services import require
from zhichan.credit import crypto
from zhichan.credit.models import GOOD_TYPES, Category, CreditEvent, CreditFile, EventType, FileKind, PersonRole
from zhichan.engines.identifiers import clean_uscc, validate_uscc
from zhichan.engines.rules import rule
from zhichan.engines.text import normalize, pinyin_full, pinyin_initials


def _names(name: str) -> dict[str, str]:
    name = " ".join(name.split())
    return {
        "name": name,
        "name_normalized": normalize(name)[:200],
        "name_pinyin": pinyin_full(name)[:800],
        "name_initials": pinyin_initials(name)[:200],
    }


def credit_file_for(*, actor: Any, credit_code: str, name: str = "") -> CreditFile:
    """The organisation's file, created on first use (linked to the directory's organisation)."""
    require(actor, "credit_file", Action.CREATE)
    code = clean_uscc(credit_code)
    problem = validate_uscc(code)
    if problem is not None:
        raise ValidationError({"credit_code": _("“%(v)s”不是有效的统一社会信用代码") % {"v": code}})
    found = CreditFile.objects.filter(credit_code=code).first()
    if found is not None:
        return found
    organisation = core_selectors.organisation_list(user=actor).filter(credit_code=code).first()
    name = name.strip() or (organisation.name if organisation else "")
    if not name:
        raise ValidationError({"name": _("名录中没有该信用代码的组织，请填写名称")})
    limits.check_values(CreditFile, {"name": name})
    try:
        with transaction.atomic():
            file = CreditFile.objects.create(
                kind=FileKind.ORGANISATION,
                credit_code=code,
                organisation=organisation,
                created_by=actor,
                **_names(name),
            )
            audit.record(
                actor=actor,
                action="credit_file.create",
                object_type="credit_file",
                object_id=file.pk,
                summary={"credit_code": code, "name": name},
            )
    except IntegrityError:  # another request created it meanwhile
        return CreditFile.objects.get(credit_code=code)
    return file


def credit_person_add(
    *, actor: Any, concerns: CreditFile, name: str, identity_number: str, role: str = PersonRole.LEGAL_REPRESENTATIVE
) -> CreditFile:
    """A natural person concerned (有关人员): the identity number encrypted, masked elsewhere."""
    require(actor, "credit_file", Action.CREATE)
    number = crypto.clean_identity(identity_number)
    if not (15 <= len(number) <= 18) or not number[:-1].isdigit():
        raise ValidationError({"identity_number": _("请填写有效的身份证件号码")})
    if role not in PersonRole.values or not role:
        raise ValidationError({"role": _("请选择人员身份")})
    index = crypto.blind_index(number)
    found = CreditFile.objects.filter(identity_index=index).first()
    if found is not None:
        return found
    with transaction.atomic():
        file = CreditFile.objects.create(
            kind=FileKind.PERSON,
            identity_cipher=crypto.encrypt(number),
            identity_index=index,
            identity_masked=crypto.mask_identity(number),
            person_role=role,
            concerns=concerns,
            created_by=actor,
            **_names(name),
        )
        audit.record(  # the masked forms only: the audit log never holds a clear identity number
            actor=actor,
            action="credit_file.create",
            object_type="credit_file",
            object_id=file.pk,
            summary={"name": crypto.mask_name(file.name), "identity": file.identity_masked, "role": role},
        )
    return file


def identity_number(*, actor: Any, file: CreditFile) -> str:
    """The identity number in clear, for the official file view only."""
    require(actor, "credit_file", Action.READ, file)
    return crypto.decrypt(file.identity_cipher) if file.identity_cipher else ""


def credit_event_record(
    *,
    actor: Any,
    file: CreditFile,
    event_type: str,
    document_number: str,
    document_date: date,
    authority: str,
    category: str = "",
    source: str = "",
    summary: str = "",
    public: bool | None = None,
    corrected_promptly: bool = False,
    action: str = "credit_event.create",
) -> CreditEvent | None:
    """A credit event with its legal document; a good record or a bad one of the seven categories.

    An abnormal patent filing corrected promptly makes no event (the exemption of the CNIPA rules):
    None is returned and the exemption is audited.
    """
    require(actor, "credit_event", Action.CREATE)
    if event_type not in EventType.values:
        raise ValidationError({"event_type": _("未知的事项类型")})
    good = event_type in GOOD_TYPES
    if not good and category not in Category.values:
        raise ValidationError({"category": _("失信事项须选择失信行为类别")})
    if good:
        category = ""
    document_number, authority = document_number.strip(), authority.strip()
    if not document_number or not authority or document_date is None:
        raise ValidationError({"document_number": _("须写明文书编号、日期和作出机关")})
    limits.check_values(
        CreditEvent, {"document_number": document_number, "authority": authority, "summary": summary, "source": source}
    )
    exempt = category == Category.ABNORMAL_PATENT and corrected_promptly
    if exempt and rule("credit.exemption_corrected_promptly", on=document_date).as_int():
        with transaction.atomic():
            audit.record(
                actor=actor,
                action=action,
                object_type="credit_file",
                object_id=file.pk,
                summary={"source": source, "document_number": document_number, "reason": "corrected_promptly"},
            )
        return None
    try:
        with transaction.atomic():
            event = CreditEvent.objects.create(
                file=file,
                event_type=event_type,
                category=category,
                good=good,
                document_number=document_number,
                document_date=document_date,
                authority=authority,
                source=source,
                summary=summary.strip(),
                public=good if public is None else public,
                recorded_by=actor,
            )
            audit.record(
                actor=actor,
                action=action,
                object_type="credit_event",
                object_id=event.pk,
                summary={"source": source, "category": category, "document_number": document_number, "good": good},
            )
    except IntegrityError:  # the constraint `credit_event_once_per_source`, also under concurrent imports
        raise ValidationError({"source": _("该记录已导入为信用事项")}) from None
    return event


def candidate_import(*, actor: Any, source: str, category: str = "", name: str = "") -> CreditEvent | None:
    """Take a module's candidate (`credit.events`) into a credit event of its subject's file (audited)."""
    from zhichan.credit.extension import candidate_by_source

    require(actor, "credit_event", Action.CREATE)
    found = candidate_by_source(source)
    if found is None:
        raise ValidationError({"source": _("没有找到该候选记录")})
    _label, candidate = found
    if not candidate.credit_code:
        raise ValidationError({"credit_code": _("候选记录没有统一社会信用代码，请先在名录中补充")})
    file = credit_file_for(actor=actor, credit_code=candidate.credit_code, name=name or candidate.subject_name)
    if candidate.document_date is None:
        raise ValidationError({"document_date": _("候选记录没有文书日期")})
    return credit_event_record(
        actor=actor,
        file=file,
        event_type=candidate.event_type,
        category=category or candidate.category,
        document_number=candidate.document_number,
        document_date=candidate.document_date,
        authority=candidate.authority,
        source=candidate.source,
        summary=candidate.summary,
        action="credit_event.import",
    )
