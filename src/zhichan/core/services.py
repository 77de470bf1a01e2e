"""Every write of the core app: validate, write and audit in one transaction.

Other apps call these (never the models directly) to change organisations, people, jobs and evidence.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import timedelta
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core import audit, imports, jobs, limits
from zhichan.core.accounts import normalize_username
from zhichan.core.calendar import calendar_changed
from zhichan.core.calendar import forget as forget_calendar
from zhichan.core.evidence import EvidenceRejected, store_stream
from zhichan.core.models import (
    AuditPurge,
    AuditPurgeStatus,
    District,
    EvidenceFile,
    Job,
    JobStatus,
    LoginAttempt,
    Membership,
    MfaDevice,
    Organisation,
    OrganisationKind,
    User,
    WorkCalendarDay,
)
from zhichan.core.policy import ROLE_LABELS, Action, forget_seats, needs_second_factor, permits
from zhichan.engines.calendar import CalendarEntry, missing_statutory_days, parse_table
from zhichan.engines.calendar import TableError as CalendarTableError
from zhichan.engines.identifiers import clean_uscc, validate_uscc
from zhichan.engines.otp import matching_step, new_secret, secret_bytes
from zhichan.engines.tabular import Table, TableError, decode_text, read_table, require_columns
from zhichan.engines.text import normalize, pinyin_full, pinyin_initials

ORGANISATION_FIELDS = (
    "name",
    "credit_code",
    "kind",
    "district",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
)


def denial_record(*, actor: Any, action: str, object_type: str, object_id: Any = "", reason: str = "") -> None:
    """Audit a refused request in a transaction of its own, committed at once, so that the refusal is never lost.

    Durable: called inside another `transaction.atomic()` it raises RuntimeError, because the caller's
    rollback would take the row with it. Refuse before the write transaction opens (see `require`).
    """
    with transaction.atomic(durable=True):
        audit.record(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            summary={"reason": reason} if reason else {},
            result="denied",
        )


def deny(
    *, actor: Any, action: str, object_type: str, object_id: Any = "", reason: str = "", message: Any = None
) -> NoReturn:
    """Record the refusal (durably, see `denial_record`) and raise PermissionDenied with `message`."""
    denial_record(actor=actor, action=action, object_type=object_type, object_id=object_id, reason=reason)
    raise PermissionDenied(message or _("无权执行此操作"))


def require(actor: Any, object_type: str, action: Action, obj: Any = None) -> None:
    """Refuse and audit an action the policy table does not allow (audit action `<object_type>.<action>`).

    Every app's services call this first, before their write transaction opens, so that the denied
    audit row is committed whatever the write would have done.
    """
    if not permits(actor, object_type, action, obj):
        deny(actor=actor, action=f"{object_type}.{action}", object_type=object_type, object_id=getattr(obj, "pk", ""))


# --- organisations ---


def clean_credit_code(raw: str | None, *, kind: str) -> str | None:
    if raw is None or not raw.strip():
        if kind in (OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.OTHER, OrganisationKind.COURT):
            return None
        raise ValidationError({"credit_code": _("统一社会信用代码为必填项（政府部门、法院除外）")})
    code = clean_uscc(raw)
    problem = validate_uscc(code)
    if problem is not None:
        raise ValidationError({"credit_code": problem.message})
    return code


# Contact telephone numbers as Chinese organisations write them: a mobile (1[3-9] and 9 more digits, after
# +86 or not, in groups or not), a landline with its area code (020-12345678, (020)1234 5678, 0755-2345678;
# an extension after -, 转, ext or #), or a 400/800 service line. Several may be given, separated by / 、 , ;
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_LANDLINE = re.compile(r"(?:\(0\d{2,3}\)|0\d{2,3})-?\d{3,4}-?\d{4}(?:(?:-|转|ext\.?|x|#)\d{1,6})?", re.IGNORECASE)
_SERVICE_LINE = re.compile(r"[48]00-?\d{3}-?\d{4}")
_PHONE_SEPARATORS = re.compile(r"[/、,，;；]")


def clean_phone(raw: str) -> str:
    """The contact number(s) in half-width characters, or ValidationError({"contact_phone": reason})."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        return ""
    numbers = [part.strip() for part in _PHONE_SEPARATORS.split(text)]
    for number in numbers:
        compact = re.sub(r"\s", "", re.sub(r"[\u2010-\u2015]", "-", number))  # hyphens of any width
        if not (
            _MOBILE.fullmatch(compact.replace("-", ""))
            or _LANDLINE.fullmatch(compact)
            or _SERVICE_LINE.fullmatch(compact)
        ):
            raise ValidationError(
                {
                    "contact_phone": _(
                        "联系电话“%(value)s”无效：手机号为 1 开头的 11 位数字；固定电话须带区号，"
                        "如 020-12345678（分机写在后面，如 020-12345678-801）"
                    )
                    % {"value": number or text}
                }
            )
    cleaned = "/".join(numbers)
    if len(cleaned) > Organisation._meta.get_field("contact_phone").max_length:
        raise ValidationError({"contact_phone": _("联系电话过长（最多 40 个字符）")})
    return cleaned


def clean_email(raw: str) -> str:
    email = (raw or "").strip()
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise ValidationError(
                {"contact_email": _("电子邮箱“%(value)s”格式不正确，应如 name@example.com") % {"value": email}}
            ) from None
    return email


def _organisation_values(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = _("名称为必填项")
    kind = data.get("kind") or ""
    if kind not in OrganisationKind.values:
        errors["kind"] = _("类型“%(kind)s”无效，可选：%(choices)s") % {
            "kind": kind,
            "choices": "、".join(str(label) for label in OrganisationKind.labels),
        }
    district = data.get("district")
    if isinstance(district, str) and district:
        district = District.objects.filter(code=district).first() or District.objects.filter(name=district).first()
        if district is None:
            errors["district"] = _("所在区“%(value)s”不是广州市的行政区") % {"value": data.get("district")}
    values: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "district": district or None,
        "address": str(data.get("address") or "").strip(),
        "contact_name": str(data.get("contact_name") or "").strip(),
    }
    checks = [
        ("credit_code", lambda: None if errors.get("kind") else clean_credit_code(data.get("credit_code"), kind=kind)),
        ("contact_phone", lambda: clean_phone(str(data.get("contact_phone") or ""))),
        ("contact_email", lambda: clean_email(str(data.get("contact_email") or ""))),
    ]
    for key, check in checks:
        try:
            values[key] = check()
        except ValidationError as exc:
            errors.update({name: " ".join(messages) for name, messages in exc.message_dict.items()})
    try:  # the same bounds on the page, the API and the import: the columns' lengths
        limits.check_values(Organisation, {k: v for k, v in values.items() if isinstance(v, str)})
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, " ".join(messages))
    if errors:
        raise ValidationError(errors)
    values["name_normalized"] = normalize(name)[:200]
    values["name_pinyin"] = pinyin_full(name)[:800]
    values["name_initials"] = pinyin_initials(name)[:200]
    return values


def _check_unique(values: dict[str, Any], exclude_pk: Any = None) -> None:
    same = Organisation.objects.exclude(pk=exclude_pk)
    if values["credit_code"] and same.filter(credit_code=values["credit_code"]).exists():
        raise ValidationError({"credit_code": _("该统一社会信用代码已登记")})
    if (
        not values["credit_code"]
        and same.filter(
            credit_code__isnull=True, name_normalized=values["name_normalized"], kind=values["kind"]
        ).exists()
    ):
        raise ValidationError({"name": _("同名同类型的组织已登记")})


def _organisation_insert(values: dict[str, Any]) -> Organisation:
    """Insert in a savepoint: another request may register the same credit code between the check and
    the insert (PostgreSQL then refuses the second with the unique constraint), which is the same refusal
    as the check's, not a server error."""
    try:
        with transaction.atomic():
            return Organisation.objects.create(**values)
    except IntegrityError:
        if values["credit_code"] and Organisation.objects.filter(credit_code=values["credit_code"]).exists():
            raise ValidationError({"credit_code": _("该统一社会信用代码已登记")}) from None
        if not values["credit_code"]:
            raise ValidationError({"name": _("同名同类型的组织已登记")}) from None
        raise


def organisation_create(*, actor: Any, data: dict[str, Any]) -> Organisation:
    require(actor, "organisation", Action.CREATE)
    values = _organisation_values(data)
    with transaction.atomic():
        _check_unique(values)
        organisation = _organisation_insert(values)
        audit.record(
            actor=actor,
            action="organisation.create",
            object_type="organisation",
            object_id=organisation.pk,
            summary={"name": organisation.name, "credit_code": organisation.credit_code},
        )
    return organisation


def organisation_update(*, actor: Any, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    require(actor, "organisation", Action.CHANGE, organisation)
    merged = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    merged.update({key: value for key, value in data.items() if key in ORGANISATION_FIELDS})
    values = _organisation_values(merged)
    with transaction.atomic():
        _check_unique(values, exclude_pk=organisation.pk)
        changes = {
            key: [str(getattr(organisation, key) or ""), str(value or "")]
            for key, value in values.items()
            if getattr(organisation, key) != value and not key.startswith("name_")
        }
        for key, value in values.items():
            setattr(organisation, key, value)
        organisation.save(update_fields=[*values.keys(), "updated_at"])
        audit.record(
            actor=actor,
            action="organisation.change",
            object_type="organisation",
            object_id=organisation.pk,
            summary={"changes": changes},
        )
    return organisation


def organisation_delete(*, actor: Any, organisation: Organisation) -> None:
    require(actor, "organisation", Action.DELETE, organisation)
    with transaction.atomic():
        if organisation.members.exists():
            raise ValidationError(_("该组织仍有用户，不能删除"))
        summary = {"name": organisation.name, "credit_code": organisation.credit_code}
        pk = organisation.pk
        organisation.delete()
        audit.record(
            actor=actor, action="organisation.delete", object_type="organisation", object_id=pk, summary=summary
        )


IMPORT_COLUMNS = {
    "name": ("name", "名称"),
    "credit_code": ("credit_code", "统一社会信用代码"),
    "kind": ("kind", "类型"),
    "district": ("district", "所在区"),
    "address": ("address", "地址"),
    "contact_name": ("contact_name", "联系人"),
    "contact_phone": ("contact_phone", "联系电话"),
    "contact_email": ("contact_email", "电子邮箱"),
}
_KIND_BY_LABEL = {str(label): value for value, label in OrganisationKind.choices}


def _organisation_row(cells: dict[str, str]) -> dict[str, Any]:
    data = {**cells, "kind": _KIND_BY_LABEL.get(cells["kind"], cells["kind"])}
    try:
        return _organisation_values(data)
    except ValidationError as exc:
        raise imports.RowErrors.of(exc, lambda name: IMPORT_COLUMNS[name][1]) from None


def _organisation_identity(values: dict[str, Any]) -> tuple[str, Any]:
    """Rows are matched by credit code, or by normalised name and kind when there is none."""
    if values["credit_code"]:
        return "credit_code", (values["credit_code"],)
    return "name", (values["name_normalized"], values["kind"])


def _organisations_apply(_actor: Any, rows: list[tuple[int, dict[str, Any]]], report: imports.ImportReport) -> None:
    for _row_no, values in rows:
        if values["credit_code"]:
            existing = Organisation.objects.filter(credit_code=values["credit_code"]).first()
        else:
            existing = Organisation.objects.filter(
                credit_code__isnull=True, name_normalized=values["name_normalized"], kind=values["kind"]
            ).first()
        if existing is None:
            Organisation.objects.create(**values)
            report.created += 1
        elif any(getattr(existing, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(existing, key, value)
            existing.save(update_fields=[*values.keys(), "updated_at"])
            report.updated += 1
        else:
            report.unchanged += 1


ORGANISATIONS_IMPORT = imports.ImportSpec(
    name="organisation",
    columns=tuple(
        imports.Column(key, (label, key), required=key in ("name", "kind"))
        for key, (_key, label) in IMPORT_COLUMNS.items()
    ),
    parse_row=_organisation_row,
    apply=_organisations_apply,
    authorise=lambda actor: require(actor, "organisation", Action.CREATE),
    identity=_organisation_identity,
)


def organisations_import(*, actor: Any, table: Table, progress: Any = None) -> imports.ImportReport:
    """All-or-nothing: every row is validated first; one bad row means nothing is written.

    Rows are matched to existing organisations by credit code (or by normalised name and kind when
    there is none), so importing the same file twice changes nothing.
    """
    return imports.run(ORGANISATIONS_IMPORT, actor=actor, stream=imports.stream_of(table), progress=progress)


@jobs.job_kind("core.organisations_import", resubmit="core:organisation-import")
def _organisations_import_job(context: jobs.JobContext, *, evidence_id: str, actor_id: int) -> dict[str, Any]:
    """Import from a stored file; safe to re-run because the import matches rows to existing records.

    A file with errors is refused with its report (row, field, reason): nothing is imported, and running
    the job again would only fail again, so the reader is offered to upload a corrected file instead.
    """
    from zhichan.core.evidence import blob_path

    actor = User.objects.get(pk=actor_id)
    evidence = EvidenceFile.objects.get(pk=evidence_id)
    with blob_path(settings.EVIDENCE_ROOT, evidence.sha256).open("rb") as handle:
        report = imports.run_stored(
            ORGANISATIONS_IMPORT, actor=actor, handle=handle, name=evidence.original_name, context=context
        )
    context.log(
        _("新增 %(c)d，更新 %(u)d，未变 %(n)d") % {"c": report.created, "u": report.updated, "n": report.unchanged}
    )
    return report.as_dict()


# --- people ---


def _known_role(role: str) -> None:
    if role not in ROLE_LABELS:
        raise ValidationError({"role": _("角色“%(role)s”无效") % {"role": role}})


def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    organisation: Organisation | None = None,
    email: str = "",
) -> User:
    """A new account with its first membership: `role` in `organisation`, which is also its home."""
    if actor is not None:
        require(actor, "person", Action.CREATE)
    _known_role(role)
    username = normalize_username(username)  # the one form a log-in finds it by (core.accounts)
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise ValidationError({"username": _("用户名已存在")})
        user = User.objects.create_user(
            username=username,
            password=password,
            role=role,
            email=email,
            display_name=display_name,
            organisation=organisation,
        )
        _admin_flags(user)
        audit.record(
            actor=actor,
            action="person.create",
            object_type="person",
            object_id=user.public_id,
            summary={"username": username, "role": role, "organisation": str(organisation) if organisation else None},
        )
    return user


def _admin_flags(user: User) -> None:
    """Django's own admin flags follow the policy's admin-site row (the administrators')."""
    forget_seats(user)
    administrator = permits(user, "admin_site", Action.READ)
    if user.is_staff != administrator or user.is_superuser != administrator:
        user.is_staff = user.is_superuser = administrator
        user.save(update_fields=["is_staff", "is_superuser"])


def membership_grant(*, actor: Any, user: User, role: str, organisation: Organisation | None = None) -> Membership:
    """Give a person one more role, in an organisation. A role that needs a second factor ends the
    person's sessions and token: what was got with the password alone must not carry the new role."""
    require(actor, "person", Action.CHANGE, user)
    _known_role(role)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if user.memberships.filter(role=role, organisation=organisation).exists():
            raise ValidationError({"role": _("此人已在该组织担任此角色")})
        second_factor_before = needs_second_factor(user)
        membership = Membership.objects.create(user=user, role=role, organisation=organisation)
        forget_seats(user)
        _admin_flags(user)
        if needs_second_factor(user) and not second_factor_before:
            _end_sessions(user)
        audit.record(
            actor=actor,
            action="person.membership_grant",
            object_type="person",
            object_id=user.public_id,
            summary={"role": role, "organisation": str(organisation) if organisation else None},
        )
    return membership


def membership_revoke(*, actor: Any, membership: Membership) -> None:
    """Take one role away; the last one stays (an account without a role is deactivated instead)."""
    user = membership.user
    require(actor, "person", Action.CHANGE, user)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if not user.memberships.exclude(pk=membership.pk).exists():
            raise ValidationError({"role": _("这是此人唯一的角色；不再使用的账号请停用")})
        summary = {"role": membership.role, "organisation": str(membership.organisation or "") or None}
        membership.delete()
        forget_seats(user)
        _admin_flags(user)
        _end_sessions(user)  # a session keeps no right of the role taken away (the next request re-reads)
        audit.record(
            actor=actor,
            action="person.membership_revoke",
            object_type="person",
            object_id=user.public_id,
            summary=summary,
        )


def session_event_record(
    *, user: Any, action: str, result: str = "success", username: str = "", channel: str = ""
) -> None:
    """Log-ins and log-outs, for the security audit (failed log-ins: `login_failure_record`)."""
    summary = {"username": username} if username else {}
    with transaction.atomic():
        audit.record(
            actor=user,
            action=action,
            object_type="session",
            summary={**summary, "channel": channel} if channel else summary,
            result=result,
        )


def login_attempt_begin(*, user: User) -> int | None:
    """Reserve a password check on `user`'s account before the password is read, or None when the
    failures recorded and the checks in progress reach `LOGIN_MAX_FAILURES`: a burst of parallel guesses
    gets no more tries than a series would. The lock is held only for the count, never across the hash
    (on SQLite that would stall every writer)."""
    from zhichan.core.selectors import login_attempts_in_flight, login_failures

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if login_failures(user=user) + login_attempts_in_flight(user=user) >= settings.LOGIN_MAX_FAILURES:
            return None
        return LoginAttempt.objects.create(user=user).pk


def login_attempt_end(attempt: int) -> None:
    """The reserved check is over (its failure, if any, already recorded)."""
    LoginAttempt.objects.filter(pk=attempt).delete()


def login_failure_record(*, username: str, user: User | None, locked: bool = False) -> bool:
    """A refused password log-in under `username` (normalised), on `user` when the name is an account's.

    A wrong password is a failure counted on the account; the failure that reaches `LOGIN_MAX_FAILURES`
    locks it (`person.login_lock`). An attempt on a locked account (`locked`) is refused unread, audited as
    denied and not counted. Returns whether the account is locked now. A name without an account locks
    nobody."""
    from zhichan.core.selectors import login_failures

    with transaction.atomic():
        if user is not None:
            User.objects.select_for_update().filter(pk=user.pk).first()  # one lock for concurrent failures
        audit.record(
            actor=None,
            action="session.login",
            object_type="session",
            object_id=user.public_id if user is not None else "",
            summary={"username": username, "reason": "locked"} if locked else {"username": username},
            result="denied" if locked else "failure",
        )
        if user is None or locked:
            return locked
        return _lock_if_due(user, login_failures(user=user), reason="wrong password")


def _lock_if_due(user: User, failures: int, *, reason: str) -> bool:
    """Lock the account when its failures of one step reached the limit (inside the failure's transaction)."""
    from zhichan.core.selectors import login_locked_until

    if failures < settings.LOGIN_MAX_FAILURES:
        return False
    if login_locked_until(user=user) is None:
        audit.record(
            actor=None,
            action="person.login_lock",
            object_type="person",
            object_id=user.public_id,
            summary={"username": user.get_username(), "failures": failures, "reason": reason},
        )
    return True


def login_unlock(*, actor: Any, user: User) -> bool:
    """An administrator ends a person's log-in lock (and clears their failure counts); audited. Returns
    whether the account was locked."""
    from zhichan.core.selectors import login_locked_until

    require(actor, "person", Action.CHANGE, user)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        was_locked = login_locked_until(user=user) is not None
        audit.record(
            actor=actor,
            action="person.login_unlock",
            object_type="person",
            object_id=user.public_id,
            summary={"username": user.get_username(), "locked": was_locked},
        )
    return was_locked


# --- second factor (TOTP) of privileged roles ---


def mfa_device_start(*, user: User) -> MfaDevice:
    """The holder's unconfirmed authenticator to enrol, made with a fresh secret when there is none.

    Not audited: an unconfirmed device opens nothing; its confirmation is the audited event. A
    confirmed device is never replaced here (only an administrator's reset removes it), so a stolen
    password alone cannot enrol the thief's phone on an enrolled account.
    """
    if not needs_second_factor(user):
        raise ValidationError(_("此角色无需双因素认证"))
    with transaction.atomic():
        device, _created = MfaDevice.objects.select_for_update().get_or_create(
            user=user, defaults={"secret": new_secret()}
        )
        if device.confirmed_at is not None:
            raise ValidationError(_("已启用双因素认证；如需更换设备，请联系系统管理员重置"))
    return device


def mfa_device_confirm(*, user: User, code: str, channel: str = "web") -> bool:
    """Confirm the enrolment with a first code from the new authenticator; that code is then used up."""
    with transaction.atomic():
        device = MfaDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
        if device is None:
            raise ValidationError(_("没有待启用的认证设备"))
        step = _mfa_accept(device, code)
        if step is not None:
            device.confirmed_at = timezone.now()
            device.save(update_fields=["confirmed_at"])
            audit.record(actor=user, action="person.mfa_enrol", object_type="person", object_id=user.public_id)
    if step is None:
        _mfa_failure_record(user=user, channel=channel, reason="wrong code")
    return step is not None


def mfa_verify(*, user: User, code: str, channel: str = "web") -> bool:
    """Check the second factor of a log-in (web session or API token request); every result is audited."""
    with transaction.atomic():
        device = MfaDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        step = _mfa_accept(device, code) if device is not None and code else None
        if step is not None:
            audit.record(
                actor=user, action="session.mfa", object_type="session", summary={"channel": channel, "step": step}
            )
    if step is None:
        reason = "not enrolled" if device is None else ("missing code" if not code else "wrong code")
        _mfa_failure_record(user=user, channel=channel, reason=reason)
    return step is not None


def _mfa_accept(device: MfaDevice, code: str) -> int | None:
    """The time step of `code` if it is valid now and not used before; records it as used (row locked)."""
    step = matching_step(device.secret, code, timezone.now().timestamp(), after_step=device.last_used_step)
    if step is not None:
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
    return step


def _mfa_failure_record(*, user: User, channel: str, reason: str) -> None:
    """A refused second factor; counted on the account like a failed password, separately from it."""
    from zhichan.core.selectors import login_failures

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        audit.record(
            actor=user,
            action="session.mfa",
            object_type="session",
            summary={"username": user.get_username(), "channel": channel, "reason": reason},
            result="failure",
        )
        _lock_if_due(user, login_failures(user=user, step="session.mfa"), reason="wrong code")


def mfa_device_reset(*, actor: Any, user: User) -> bool:
    """Remove a person's authenticator (lost or replaced phone); their sessions and API token end too.

    The person enrols a new one at their next log-in. Returns whether there was a device.
    """
    require(actor, "person", Action.CHANGE, user)
    with transaction.atomic():
        removed = MfaDevice.objects.filter(user=user).delete()[0] > 0
        _end_sessions(user)
        audit.record(
            actor=actor,
            action="person.mfa_reset",
            object_type="person",
            object_id=user.public_id,
            summary={"username": user.get_username(), "had_device": removed},
        )
    return removed


def mfa_device_install(*, actor: Any, user: User, secret: str) -> MfaDevice:
    """Give a person a confirmed authenticator with a secret they already hold (the demo accounts)."""
    require(actor, "person", Action.CHANGE, user)
    if not needs_second_factor(user):
        raise ValidationError(_("此角色无需双因素认证"))
    try:
        secret_bytes(secret)
    except ValueError:
        raise ValidationError(_("密钥不是有效的 Base32 文本")) from None
    with transaction.atomic():
        MfaDevice.objects.filter(user=user).delete()
        device = MfaDevice.objects.create(user=user, secret=secret, confirmed_at=timezone.now())
        audit.record(
            actor=actor,
            action="person.mfa_enrol",
            object_type="person",
            object_id=user.public_id,
            summary={"installed_by": actor.get_username()},
        )
    return device


# --- evidence ---


def evidence_upload(
    *, actor: Any, name: str, chunks: Iterable[bytes], description: str = "", organisation: Organisation | None = None
) -> EvidenceFile:
    """Check and store a file; a refused upload is audited and leaves nothing behind."""
    require(actor, "evidence", Action.CREATE)
    from zhichan.core.evidence import clean_filename

    try:
        clean_name = clean_filename(name)
        blob = store_stream(chunks, root=settings.EVIDENCE_ROOT, max_bytes=settings.EVIDENCE_MAX_BYTES, name=clean_name)
    except EvidenceRejected as exc:
        denial_record(actor=actor, action="evidence.upload", object_type="evidence", reason=str(exc))
        raise
    with transaction.atomic():
        evidence = EvidenceFile.objects.create(
            sha256=blob.sha256,
            size=blob.size,
            media_type=blob.media_type,
            original_name=clean_name,
            description=description[:500],
            uploaded_by=actor,
            organisation=organisation or getattr(actor, "organisation", None),
        )
        audit.record(
            actor=actor,
            action="evidence.upload",
            object_type="evidence",
            object_id=evidence.pk,
            summary={"name": clean_name, "sha256": blob.sha256, "size": blob.size, "media_type": blob.media_type},
        )
    return evidence


class EvidenceCorrupted(RuntimeError):
    """The stored file no longer has the hash recorded at upload."""


def evidence_open(*, actor: Any, evidence: EvidenceFile) -> Any:
    """Verify the stored file against its hash, log the read in the custody chain, return a handle.

    The handle that was verified is the one returned: what is served is exactly what was checked.
    """
    require(actor, "evidence", Action.DOWNLOAD, evidence)
    from zhichan.core.evidence import blob_path, handle_sha256

    try:
        handle = blob_path(settings.EVIDENCE_ROOT, evidence.sha256).open("rb")
    except FileNotFoundError:
        handle = None
    actual = handle_sha256(handle) if handle is not None else None
    if actual != evidence.sha256:
        if handle is not None:
            handle.close()
        with transaction.atomic():
            audit.record(
                actor=actor,
                action="evidence.download",
                object_type="evidence",
                object_id=evidence.pk,
                summary={"expected": evidence.sha256, "actual": actual},
                result="failure",
            )
        raise EvidenceCorrupted(
            _("证据文件“%(name)s”已损坏或丢失：存储内容的哈希与上传时记录的 SHA-256 不一致，已拒绝下载")
            % {"name": evidence.original_name}
        )
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="evidence.download",
            object_type="evidence",
            object_id=evidence.pk,
            summary={"sha256": evidence.sha256},
        )
    handle.seek(0)
    return handle


def evidence_share(*, actor: Any, evidence: EvidenceFile, users: Iterable[User]) -> None:
    """Let assigned people (a mediator, an arbitrator) see a file; used by the cases app."""
    require(actor, "evidence", Action.READ, evidence)
    with transaction.atomic():
        users = list(users)
        evidence.shared_with.add(*users)
        audit.record(
            actor=actor,
            action="evidence.share",
            object_type="evidence",
            object_id=evidence.pk,
            summary={"with": [user.username for user in users]},
        )


# --- jobs ---


def job_enqueue(*, actor: Any, kind: str, params: dict[str, Any], rerun_of: Job | None = None) -> Job:
    """Create the Job record now; hand it to the worker only once the transaction has committed."""
    from zhichan.core.tasks import run_job

    jobs.handler_for(kind)
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            params=params,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            organisation=getattr(actor, "organisation", None),
            rerun_of=rerun_of,
        )
        audit.record(
            actor=actor,
            action="job.enqueue",
            object_type="job",
            object_id=job.pk,
            summary={"kind": kind, "rerun_of": str(rerun_of.pk) if rerun_of else None},
        )
        transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def job_rerun(*, actor: Any, job: Job) -> Job:
    """Run a failed job again: one whose worker was lost or that met an error, never one whose input was
    refused (it would fail the same way; a corrected input is submitted as a new job)."""
    require(actor, "job", Action.CHANGE, job)
    if job.status != JobStatus.FAILED:
        raise ValidationError(_("只有失败的任务可以重新运行"))
    if not job.can_run_again:
        raise ValidationError(_("该任务因输入有误而失败，重新运行仍会失败；请更正后重新提交"))
    return job_enqueue(actor=actor, kind=job.kind, params=job.params, rerun_of=job)


def jobs_reap(*, actor: Any = None) -> list[Job]:
    """Mark failed the jobs whose worker was killed, and audit it."""
    with transaction.atomic():
        reaped = jobs.reap_lost_jobs()
        for job in reaped:
            audit.record(
                actor=actor,
                action="job.reap",
                object_type="job",
                object_id=job.pk,
                summary={"worker": job.worker},
                result="failure",
            )
    return reaped


def _calendar_rows(data: bytes, filename: str) -> list[CalendarEntry]:
    """A yearly table as CSV (any Chinese encoding), XLSX or a JSON list; errors name the row and field."""
    if filename.lower().endswith(".json"):
        try:
            items = json.loads(decode_text(data)[0])
        except json.JSONDecodeError as exc:
            raise TableError(f"{filename}, line {exc.lineno}: 不是有效的 JSON / invalid JSON") from None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise TableError(f"{filename}: JSON 应为对象列表 / must be a list of objects")
        return parse_table(items, filename, unit="item")
    table = read_table(data, filename)
    require_columns(table, ["date", "kind", "name", "source"])
    return parse_table(table.rows, filename, first=2, unit="row")


def calendar_import(*, actor: Any, data: bytes, filename: str) -> dict[str, Any]:
    """Import whole years of a State Council holiday notice; all-or-nothing, audited.

    A year's rows replace that year's earlier import. A table without the New Year's Day and National
    Day holidays of a year it names is refused: it would mark the year as known while missing most of it.
    The apps' due dates are recomputed by a job (`report["job"]`): thousands of running clocks should not
    hold up the request, and a failed recomputation can be re-run from the jobs page.
    """
    require(actor, "work_calendar", Action.CREATE)
    try:
        entries = _calendar_rows(data, filename)
    except (TableError, CalendarTableError) as exc:
        message = str(exc) if str(exc).startswith(filename) else f"{filename}: {exc}"
        raise ValidationError({"file": message}) from None
    by_year: dict[int, list[CalendarEntry]] = {}
    for entry in entries:
        by_year.setdefault(entry.day.year, []).append(entry)
    for year, rows in sorted(by_year.items()):
        holidays = {row.day for row in rows if row.kind == "holiday"}
        try:
            missing = missing_statutory_days(year, holidays)
        except ValueError:
            problem = _("%(file)s：不能导入 %(year)s 年的节假日安排") % {"file": filename, "year": year}
            raise ValidationError({"file": problem}) from None
        if missing:
            raise ValidationError(
                {
                    "file": _(
                        "%(file)s：%(year)s 年的表缺少法定节假日 %(missing)s（《全国年节及纪念日放假办法》第二条），"
                        "不是完整的年度通知；请导入该年通知的全部日期"
                    )
                    % {
                        "file": filename,
                        "year": year,
                        "missing": "、".join(f"{name}（{day.isoformat()}）" for day, name in missing),
                    }
                }
            )
    with transaction.atomic():
        replaced = WorkCalendarDay.objects.filter(day__year__in=list(by_year)).delete()[0]
        WorkCalendarDay.objects.bulk_create(
            WorkCalendarDay(day=row.day, kind=row.kind, name=row.name, source=row.source, imported_by=actor)
            for row in entries
        )
        report = {
            "file": filename,
            "sha256": hashlib.sha256(data).hexdigest(),
            "years": sorted(by_year),
            "rows": len(entries),
            "holidays": sum(row.kind == "holiday" for row in entries),
            "workdays": sum(row.kind == "workday" for row in entries),
            "replaced": replaced,
        }
        audit.record(actor=actor, action="work_calendar.import", object_type="work_calendar", summary=report)
        transaction.on_commit(forget_calendar)  # this process counts with the new days at once
        job = job_enqueue(actor=actor, kind="core.calendar_recompute", params={"years": report["years"]})
    return {**report, "job": str(job.pk)}


@jobs.job_kind("core.calendar_recompute")
def _calendar_recompute_job(context: jobs.JobContext, *, years: list[int]) -> dict[str, Any]:
    """Recompute every due date derived from the calendar; safe to re-run (recomputing is idempotent)."""
    recomputed = calendar_changed()
    for app_label, count in recomputed.items():
        context.log(f"{app_label}: {count}")
    return {"years": years, "recomputed": recomputed}


def export_record(*, actor: Any, object_type: str, filters: dict[str, Any], rows: int | None = None) -> None:
    """Exports leave the platform: each one is audited with the filters it used (and how many rows)."""
    summary: dict[str, Any] = {"filters": {key: str(value) for key, value in filters.items()}}
    if rows is not None:
        summary["rows"] = rows
    with transaction.atomic():
        audit.record(actor=actor, action=f"{object_type}.export", object_type=object_type, summary=summary)


def import_start(
    *, actor: Any, kind: str, name: str, chunks: Iterable[bytes], description: str, params: dict[str, Any]
) -> Job:
    """Keep an uploaded file as hashed evidence of what was imported, then import it as a job of `kind`
    (whose handler gets `evidence_id` and `actor_id` besides `params`, and calls `imports.run_stored`)."""
    evidence = evidence_upload(actor=actor, name=name, chunks=chunks, description=description)
    return job_enqueue(actor=actor, kind=kind, params={"evidence_id": str(evidence.pk), **params, "actor_id": actor.pk})


def organisations_import_start(*, actor: Any, name: str, chunks: Iterable[bytes]) -> Job:
    require(actor, "organisation", Action.CREATE)
    return import_start(
        actor=actor,
        kind="core.organisations_import",
        name=name,
        chunks=chunks,
        description=_("组织机构导入文件"),
        params={},
    )


def user_update(*, actor: Any, user: User, data: dict[str, Any]) -> User:
    """Change a person's name, home organisation, e-mail or active flag (roles: `membership_grant`).

    Deactivation ends their sessions and API token.
    """
    require(actor, "person", Action.CHANGE, user)
    changes: dict[str, list[str]] = {}
    with transaction.atomic():
        for name in ("display_name", "organisation", "is_active", "email"):
            if name in data and getattr(user, name) != data[name]:
                changes[name] = [str(getattr(user, name)), str(data[name])]
                setattr(user, name, data[name])
        if not changes:
            return user
        user.save(update_fields=["display_name", "organisation", "is_active", "email"])
        forget_seats(user)
        if "is_active" in changes and not user.is_active:
            _end_sessions(user)
        audit.record(
            actor=actor,
            action="person.change",
            object_type="person",
            object_id=user.public_id,
            summary={"changes": changes},
        )
    return user


def _end_sessions(user: User) -> None:
    from django.contrib.sessions.models import Session
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    for session in Session.objects.all().iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


def api_token_issue(*, actor: Any, user: User) -> str:
    """Issue (or rotate) the API token of a platform client; the key is shown once to the issuer."""
    require(actor, "person", Action.CHANGE, user)
    from rest_framework.authtoken.models import Token

    if not permits(user, "api_token", Action.CREATE):
        raise ValidationError(_("只有平台接口用户可以持有 API 令牌"))
    with transaction.atomic():
        replaced = Token.objects.filter(user=user).delete()[0] > 0
        token = Token.objects.create(user=user)
        audit.record(
            actor=actor,
            action="person.token_issue",
            object_type="person",
            object_id=user.public_id,
            summary={"rotated": replaced, "key_prefix": token.key[:4]},
        )
    return token.key


def evidence_verify_all(*, actor: Any = None, progress: Any = None) -> dict[str, Any]:
    """Re-hash every stored evidence file (the scheduled sweep); audit each one that no longer matches."""
    from zhichan.core.evidence import blob_path, file_sha256

    checked, broken = 0, []
    total = EvidenceFile.objects.values("sha256").distinct().count()
    for index, sha256 in enumerate(EvidenceFile.objects.values_list("sha256", flat=True).distinct().order_by()):
        path = blob_path(settings.EVIDENCE_ROOT, sha256)
        actual = file_sha256(path) if path.exists() else None
        checked += 1
        if actual != sha256:
            for evidence in EvidenceFile.objects.filter(sha256=sha256):
                broken.append(
                    {"id": str(evidence.pk), "name": evidence.original_name, "expected": sha256, "actual": actual}
                )
                with transaction.atomic():
                    audit.record(
                        actor=actor,
                        action="evidence.verify",
                        object_type="evidence",
                        object_id=evidence.pk,
                        summary={"expected": sha256, "actual": actual},
                        result="failure",
                    )
        if progress is not None and index % 100 == 0:
            progress(index, total)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="evidence.sweep",
            object_type="evidence",
            summary={"checked": checked, "broken": len(broken)},
            result="failure" if broken else "success",
        )
    return {"checked": checked, "broken": broken}


@jobs.job_kind("core.evidence_sweep")
def _evidence_sweep_job(context: jobs.JobContext) -> dict[str, Any]:
    return evidence_verify_all(actor=context.job.created_by, progress=context.progress)


# --- audit retention purge: requested by an administrator, approved by another person, an auditor ---


class PurgeRefused(jobs.JobRefused):
    """An approved purge that may not run (any more): the reason is recorded on it and in the chain."""


def _audit_purge_summary(purge: AuditPurge) -> dict[str, Any]:
    return {
        "older_than_days": purge.older_than_days,
        "cutoff": purge.cutoff.isoformat(),
        "requested_by": purge.requested_by.get_username(),
    }


def audit_purge_request(*, actor: Any, older_than_days: int) -> AuditPurge:
    """Ask to delete audit entries older than `older_than_days` (at least the retention period).

    "Older than N days" means `at` strictly before the moment of the request minus N × 24 hours; that
    cut-off is fixed now, so entries only grow older before the purge runs.
    """
    require(actor, "audit_purge", Action.CREATE)
    try:
        retention = audit.retention_days()
        if older_than_days < retention:
            raise ValidationError(
                {
                    "older_than_days": _("只能清理早于保留期（%(days)s 天，%(basis)s）的审计记录")
                    % {"days": retention, "basis": audit.retention_rule().basis}
                }
            )
        if older_than_days > limits.days_back():
            raise ValidationError(
                {
                    "older_than_days": _("最多 %(days)d 天（%(year)d 年以来）")
                    % {"days": limits.days_back(), "year": limits.year_range()[0]}
                }
            )
        if AuditPurge.objects.filter(status__in=[AuditPurgeStatus.REQUESTED, AuditPurgeStatus.APPROVED]).exists():
            raise ValidationError(_("已有一项清理申请尚未办结"))
    except ValidationError as exc:
        denial_record(
            actor=actor,
            action="audit_purge.request",
            object_type="audit_purge",
            reason=f"older_than_days={older_than_days}: {'; '.join(exc.messages)}",
        )
        raise
    with transaction.atomic():
        purge = AuditPurge.objects.create(
            older_than_days=older_than_days,
            cutoff=timezone.now() - timedelta(days=older_than_days),
            requested_by=actor,
        )
        audit.record(
            actor=actor,
            action="audit_purge.request",
            object_type="audit_purge",
            object_id=purge.pk,
            summary={**_audit_purge_summary(purge), "retention_days": retention},
        )
    return purge


def _decide(*, actor: Any, purge: AuditPurge, action: str) -> None:
    """The dual-control checks before an approval or refusal: an auditor, and not the requester."""
    require(actor, "audit_purge", Action.CHANGE, purge)
    if purge.requested_by_id == actor.pk:
        deny(
            actor=actor,
            action=action,
            object_type="audit_purge",
            object_id=purge.pk,
            reason="requester",
            message=_("清理须由申请人以外的审计员审批"),
        )


def audit_purge_approve(*, actor: Any, purge: AuditPurge) -> AuditPurge:
    """Approve a requested purge; the job that runs it is queued when the approval commits."""
    _decide(actor=actor, purge=purge, action="audit_purge.approve")
    try:
        audit.retention_days()
    except ValidationError as exc:
        denial_record(
            actor=actor,
            action="audit_purge.approve",
            object_type="audit_purge",
            object_id=purge.pk,
            reason="; ".join(exc.messages),
        )
        raise
    with transaction.atomic():
        if not AuditPurge.objects.filter(pk=purge.pk, status=AuditPurgeStatus.REQUESTED).update(
            status=AuditPurgeStatus.APPROVED, decided_by=actor, decided_at=timezone.now()
        ):
            raise ValidationError(_("该清理申请已经处理"))
        job = job_enqueue(actor=actor, kind="core.audit_purge", params={"purge_id": str(purge.pk)})
        AuditPurge.objects.filter(pk=purge.pk).update(job=job)
        purge.refresh_from_db()
        audit.record(
            actor=actor,
            action="audit_purge.approve",
            object_type="audit_purge",
            object_id=purge.pk,
            summary={**_audit_purge_summary(purge), "job": str(job.pk)},
        )
    return purge


def audit_purge_refuse(*, actor: Any, purge: AuditPurge, reason: str = "") -> AuditPurge:
    _decide(actor=actor, purge=purge, action="audit_purge.refuse")
    with transaction.atomic():
        if not AuditPurge.objects.filter(pk=purge.pk, status=AuditPurgeStatus.REQUESTED).update(
            status=AuditPurgeStatus.REFUSED, decided_by=actor, decided_at=timezone.now(), reason=reason[:500]
        ):
            raise ValidationError(_("该清理申请已经处理"))
        purge.refresh_from_db()
        audit.record(
            actor=actor,
            action="audit_purge.refuse",
            object_type="audit_purge",
            object_id=purge.pk,
            summary={**_audit_purge_summary(purge), "reason": purge.reason},
        )
    return purge


def _purge_refusal(purge: AuditPurge) -> str | None:
    """Why an approved purge may not run now, checked again at run time (settings and roles can change)."""
    if purge.decided_by is None or purge.decided_by_id == purge.requested_by_id:
        return _("清理须由申请人以外的审计员审批")
    if not permits(purge.decided_by, "audit_purge", Action.CHANGE):
        return _("审批人已不是在职的审计员")
    try:
        retention = audit.retention_days()
    except ValidationError as exc:
        return "; ".join(exc.messages)
    if purge.cutoff > timezone.now() - timedelta(days=retention):
        return _("截止时间晚于保留期（%(days)s 天）的起点") % {"days": retention}
    return None


def _purge_report(purge: AuditPurge) -> dict[str, Any]:
    return {
        "purge": str(purge.pk),
        "cutoff": purge.cutoff.isoformat(),
        "deleted": purge.deleted_count,
        "first_seq": purge.first_seq,
        "last_seq": purge.last_seq,
        "last_hash": purge.last_hash,
    }


def audit_purge_run(*, purge_id: Any) -> dict[str, Any]:
    """Delete the approved range in one transaction with its anchor and its own audit entry.

    Safe to run again: a finished purge returns its report; a failed one changed nothing.
    """
    try:
        with transaction.atomic():
            purge = (
                AuditPurge.objects.select_for_update(of=("self",))
                .select_related("requested_by", "decided_by")
                .get(pk=purge_id)
            )
            if purge.status == AuditPurgeStatus.DONE:
                return _purge_report(purge)
            if purge.status != AuditPurgeStatus.APPROVED:
                raise PurgeRefused(_("清理申请未获批准，不能执行"))
            refusal = _purge_refusal(purge)
            if refusal:
                raise PurgeRefused(refusal)
            try:
                purged = audit.purge_before(purge.cutoff)
            except audit.ChainBroken as exc:
                raise PurgeRefused(str(exc)) from exc
            purge.status = AuditPurgeStatus.DONE
            purge.purged_at = timezone.now()
            purge.deleted_count = purged.deleted
            purge.first_seq, purge.last_seq, purge.last_hash = purged.first_seq, purged.last_seq, purged.last_hash
            purge.save(update_fields=["status", "purged_at", "deleted_count", "first_seq", "last_seq", "last_hash"])
            report = _purge_report(purge)
            audit.record(
                actor=purge.decided_by,
                action=audit.PURGE_ACTION,
                object_type="audit_purge",
                object_id=purge.pk,
                summary={**_audit_purge_summary(purge), **report, "approved_by": purge.decided_by.get_username()},
            )
            return report
    except PurgeRefused as exc:
        with transaction.atomic():
            AuditPurge.objects.filter(pk=purge_id, status=AuditPurgeStatus.APPROVED).update(
                status=AuditPurgeStatus.FAILED, reason=str(exc)[:500]
            )
            audit.record(
                actor=None,
                action=audit.PURGE_ACTION,
                object_type="audit_purge",
                object_id=purge_id,
                summary={"reason": str(exc)},
                result="failure",
            )
        raise


@jobs.job_kind("core.audit_purge")
def _audit_purge_job(context: jobs.JobContext, *, purge_id: str) -> dict[str, Any]:
    report = audit_purge_run(purge_id=purge_id)
    context.log(f"deleted {report['deleted']} (seq {report['first_seq']}..{report['last_seq']})")
    return report
