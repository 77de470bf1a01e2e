"""`zhichan audit verify` walks the hash chain; `zhichan audit purge ...` runs the dual-controlled
retention purge (an administrator requests, another person with the auditor role approves or refuses)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhichan.core import jobs, selectors, services
from zhichan.core.audit import verify_chain
from zhichan.core.management.acting import AS_USER_HELP, acting_user
from zhichan.core.models import AuditPurge, Job, JobStatus


class Command(BaseCommand):
    help = (
        "Audit log tools. `verify` checks the hash chain (exit code 1 when it is broken). "
        "`purge request --older-than DAYS`, `purge approve ID`, `purge refuse ID [--reason R]`, `purge list`: "
        "delete entries older than the retention period under dual control."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("subcommand", choices=["verify", "purge"])
        parser.add_argument("step", nargs="?", choices=["request", "approve", "refuse", "list"])
        parser.add_argument("purge_id", nargs="?", help="the purge request (for approve and refuse)")
        parser.add_argument("--older-than", type=int, metavar="DAYS", help="request: delete entries older than DAYS")
        parser.add_argument("--reason", default="", help="refuse: why")
        parser.add_argument("--as-user", default=None, help=AS_USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self._verify()
            return
        step = options["step"] or "list"
        actor = acting_user(options["as_user"])
        if step == "list":
            self._list(actor)
            return
        try:
            if step == "request":
                if options["older_than"] is None:
                    raise CommandError("purge request needs --older-than DAYS")
                purge = services.audit_purge_request(actor=actor, older_than_days=options["older_than"])
                self.stdout.write(
                    f"已申请清理 {timezone.localtime(purge.cutoff):%Y-%m-%d %H:%M:%S%z} 以前的审计记录，待审计员审批 / "
                    f"purge of entries before the cut-off requested, awaiting an auditor: {purge.pk}"
                )
            else:
                purge = self._purge(options["purge_id"], actor)
                if step == "approve":
                    self._approve(purge, actor)
                else:
                    services.audit_purge_refuse(actor=actor, purge=purge, reason=options["reason"])
                    self.stdout.write(f"已驳回 / refused: {purge.pk}")
        except (PermissionDenied, ValidationError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc) or "permission denied"]
            raise CommandError(f"{actor.get_username()}: {'; '.join(messages)}", returncode=2) from None

    def _verify(self) -> None:
        checked, problems = verify_chain()
        for problem in problems:
            self.stderr.write(f"seq {problem.seq}: {problem.message}")
        if problems:
            raise CommandError(f"审计链校验失败：检查 {checked} 条，发现 {len(problems)} 处问题", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"审计链完整：已校验 {checked} 条记录 / audit chain intact ({checked})"))

    def _purge(self, purge_id: str | None, actor: Any) -> AuditPurge:
        if not purge_id:
            raise CommandError("purge approve/refuse needs the request's id (see `zhichan audit purge list`)")
        try:
            return selectors.audit_purges(user=actor).get(pk=purge_id)
        except (AuditPurge.DoesNotExist, ValidationError):
            raise CommandError(f"{purge_id}: no such purge request visible to {actor.get_username()}") from None

    def _approve(self, purge: AuditPurge, actor: Any) -> None:
        purge = services.audit_purge_approve(actor=actor, purge=purge)
        # The command waits for the purge: it runs the job here (a worker that picks it up later finds it
        # done and leaves it).
        jobs.execute(str(purge.job_id))
        job = Job.objects.get(pk=purge.job_id)
        if job.status != JobStatus.SUCCEEDED:
            raise CommandError(f"清理未执行 / purge not run (job {job.pk}): {job.error}", returncode=1)
        report = job.result
        self.stdout.write(
            self.style.SUCCESS(
                f"已删除 {report['deleted']} 条审计记录 / deleted {report['deleted']} entries "
                f"(seq {report['first_seq']}–{report['last_seq']}, anchor {report['last_hash'] or '—'})"
            )
        )

    def _list(self, actor: Any) -> None:
        for purge in selectors.audit_purges(user=actor)[:50]:
            decided = purge.decided_by.get_username() if purge.decided_by else "—"
            self.stdout.write(
                f"{purge.pk}  {purge.status:<9}  older than {purge.older_than_days} d "
                f"(before {timezone.localtime(purge.cutoff):%Y-%m-%d %H:%M})  "
                f"requested by {purge.requested_by.get_username()}, decided by {decided}, "
                f"deleted {purge.deleted_count}"
                + (f" seq {purge.first_seq}–{purge.last_seq}" if purge.last_seq else "")
            )
