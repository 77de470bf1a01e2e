"""Every read of the core app, already narrowed by the policy table."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from zhichan.core.audit import retention_rule
from zhichan.core.models import (
    AuditEntry,
    AuditPurge,
    District,
    EvidenceFile,
    Job,
    JobStatus,
    MfaDevice,
    Organisation,
    User,
    WorkCalendarDay,
)
from zhichan.core.policy import Action, allowed_queryset, permits
from zhichan.engines.text import normalize


def calendar_days(*, user: Any, year: int | None = None) -> QuerySet[WorkCalendarDay]:
    """The imported holiday-notice days (the installed package's days are not rows)."""
    qs = allowed_queryset(user, "work_calendar", Action.LIST, WorkCalendarDay.objects.select_related("imported_by"))
    return qs.filter(day__year=year) if year else qs


def calendar_recompute_latest(*, user: Any) -> Job | None:
    """The newest recomputation of due dates after a calendar import, as far as the user may see jobs."""
    return job_list(user=user).filter(kind="core.calendar_recompute").order_by("-created_at").first()


def districts() -> QuerySet[District]:
    return District.objects.all()


_LONGEST_SEARCHED = max(
    Organisation._meta.get_field(name).max_length or 0 for name in ("name_normalized", "name_pinyin", "credit_code")
)


def organisation_list(*, user: Any, query: str = "", kind: str = "", district: str = "") -> QuerySet[Organisation]:
    """Search by characters, by full pinyin or by pinyin initials (`gzjj` finds 广州酒家)."""
    qs = allowed_queryset(user, "organisation", Action.LIST, Organisation.objects.select_related("district"))
    if query.strip():
        key = normalize(query)
        if len(key) > _LONGEST_SEARCHED:  # longer than any stored name, pinyin or code: nothing contains it
            return qs.none()
        latin = key.replace(" ", "")
        condition = Q(name_normalized__contains=key) | Q(credit_code=key.upper())
        if latin.isascii() and latin.isalnum():
            condition |= Q(name_pinyin__contains=latin) | Q(name_initials__startswith=latin)
        qs = qs.filter(condition)
    if kind:
        qs = qs.filter(kind=kind)
    if district:
        qs = qs.filter(district__code=district)
    return qs


def organisation_get(*, user: Any, pk: Any, action: Action = Action.READ) -> Organisation:
    qs = allowed_queryset(user, "organisation", action, Organisation.objects.select_related("district"))
    return qs.get(pk=pk)


def people_list(*, user: Any) -> QuerySet[User]:
    people = User.objects.select_related("organisation").prefetch_related("memberships")
    return allowed_queryset(user, "person", Action.LIST, people)


def people_linked(*, user_ids: Any = (), organisation_ids: Any = (), credit_codes: Any = ()) -> QuerySet[User]:
    """Active people who are one of `user_ids` or work for an organisation given by id or credit code.

    Not narrowed by the policy: a service uses it to decide who may be invited (e.g. to a live mediation
    session), and shows the result only to someone who may act on the case.
    """
    condition = Q(pk__in=list(user_ids)) | Q(organisation_id__in=list(organisation_ids))
    codes = [code for code in credit_codes if code]
    if codes:
        condition |= Q(organisation__credit_code__in=codes)
    return User.objects.filter(condition, is_active=True).select_related("organisation").order_by("pk")


def mfa_device_of(*, user: Any) -> MfaDevice | None:
    """The person's authenticator (confirmed or still to confirm), or None; for the person themself."""
    return MfaDevice.objects.filter(user=user).first() if getattr(user, "pk", None) else None


def person_by_username(*, username: str) -> User:
    """One account by its log-in name (for commands and demo loaders; not narrowed by the policy)."""
    return User.objects.get(username=username)


def evidence_list(*, user: Any) -> QuerySet[EvidenceFile]:
    return allowed_queryset(
        user, "evidence", Action.LIST, EvidenceFile.objects.select_related("uploaded_by", "organisation")
    )


def evidence_custody(*, evidence: EvidenceFile) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type="evidence", object_id=str(evidence.pk)).order_by("seq")


def audit_list(
    *,
    user: Any,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    result: str = "",
    since: Any = None,
    until: Any = None,
) -> QuerySet[AuditEntry]:
    qs = allowed_queryset(user, "audit_entry", Action.LIST, AuditEntry.objects.all())
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if result:
        qs = qs.filter(result=result)
    if since:
        qs = qs.filter(at__gte=since)
    if until:
        qs = qs.filter(at__lt=until)
    return qs


def job_list(*, user: Any) -> QuerySet[Job]:
    return allowed_queryset(user, "job", Action.LIST, Job.objects.select_related("created_by"))


def dashboard_counts(*, user: Any) -> dict[str, int | None]:
    """Core's dashboard figures; the audit count is None for whoever may not read the log."""
    organisations = allowed_queryset(user, "organisation", Action.LIST, Organisation.objects.all())
    audit = allowed_queryset(user, "audit_entry", Action.LIST, AuditEntry.objects.all())
    audit_count = audit.count() if permits(user, "audit_entry", Action.LIST) else None  # None: not theirs
    return {
        "organisations": organisations.count(),
        "evidence": evidence_list(user=user).count(),
        "jobs_running": job_list(user=user).filter(status=JobStatus.RUNNING).count(),
        "audit_entries": audit_count,
    }


def organisations_by_kind(*, user: Any) -> list[dict[str, Any]]:
    qs = allowed_queryset(user, "organisation", Action.LIST, Organisation.objects.all())
    return list(qs.values("kind").annotate(n=Count("id")).order_by("-n"))


def organisations_by_district(*, user: Any) -> list[dict[str, Any]]:
    qs = allowed_queryset(user, "organisation", Action.LIST, Organisation.objects.all())
    counts = dict(qs.values_list("district__code").annotate(n=Count("id")))
    return [{"code": d.code, "name": d.name, "n": counts.get(d.code, 0)} for d in District.objects.all()]


# --- log-in failures (read from the audit log; decisions 0004, 0006) ---


def _window_start() -> Any:
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _last_seq(entries: QuerySet[AuditEntry]) -> int:
    return entries.order_by("-seq").values_list("seq", flat=True).first() or 0


def _unlocked(user: Any) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(action="person.login_unlock", object_type="person", object_id=str(user.public_id))


def login_locked_until(*, user: Any) -> Any:
    """When the account's lock ends (after too many wrong passwords or codes), or None: not locked.

    A lock lasts `LOGIN_LOCKOUT_MINUTES` from the failure that set it; an administrator's unlock ends it."""
    from datetime import timedelta

    lock = (
        AuditEntry.objects.filter(
            action="person.login_lock",
            object_type="person",
            object_id=str(user.public_id),
            at__gte=_window_start(),
            seq__gt=_last_seq(_unlocked(user)),
        )
        .order_by("-seq")
        .values_list("at", flat=True)
        .first()
    )
    return None if lock is None else lock + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def login_failures(*, user: Any, step: str = "session.login") -> int:
    """Failures of one log-in step (the password "session.login", the code "session.mfa") on the account
    in the window, since its last unlock and its last success of that step."""
    mine = Q(object_id=str(user.public_id)) if step == "session.login" else Q(actor=user)
    succeeded = AuditEntry.objects.filter(object_type="session", action=step, result="success", actor=user)
    since = max(_last_seq(_unlocked(user)), _last_seq(succeeded))
    failures = AuditEntry.objects.filter(mine, object_type="session", action=step, result="failure")
    return failures.filter(at__gte=_window_start(), seq__gt=since).count()


def login_attempts_in_flight(*, user: Any) -> int:
    """Password checks on the account that have begun and not ended (and are not stale)."""
    from datetime import timedelta

    from django.utils import timezone

    from zhichan.core.models import LoginAttempt

    fresh = timezone.now() - timedelta(seconds=settings.LOGIN_ATTEMPT_STALE_SECONDS)
    return LoginAttempt.objects.filter(user=user, started_at__gte=fresh).count()


def unknown_name_failures(*, username: str) -> int:
    """Failed log-ins under a name no account has, in the window (such a name looks locked too, so that
    the lockout does not tell which names exist; it locks nobody)."""
    failures = AuditEntry.objects.filter(object_type="session", action="session.login", result="failure")
    return failures.filter(object_id="", summary__username=username, at__gte=_window_start()).count()


def address_failures(*, address: str) -> int:
    """Failed and refused log-ins from one client address in the window, whatever the name (the delay)."""
    attempts = AuditEntry.objects.filter(object_type="session", action="session.login", client_ip=address)
    return attempts.filter(result__in=["failure", "denied"], at__gte=_window_start()).count()


def audit_purges(*, user: Any) -> QuerySet[AuditPurge]:
    return allowed_queryset(
        user, "audit_purge", Action.LIST, AuditPurge.objects.select_related("requested_by", "decided_by", "job")
    )


def audit_retention() -> dict[str, Any]:
    """The configured retention of audit entries and the legal minimum it may not undercut."""
    minimum = retention_rule()
    return {"days": settings.AUDIT_RETENTION_DAYS, "minimum": minimum.as_int(), "basis": minimum.basis}
