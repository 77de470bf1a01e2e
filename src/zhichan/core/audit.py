"""The append-only, hash-chained audit log: appending and verifying.

Each entry's hash covers its own fields and the previous entry's hash, so any edit, deletion or
reordering of rows breaks the chain at a place `verify_chain` reports. The database itself refuses
UPDATE and DELETE (triggers installed by migration 0002). The only deletion is the retention purge
(`purge_before`, run by the dual-controlled `zhichan.core.services.audit_purge_run`): it removes the
oldest part of the chain and leaves an anchor (the last deleted entry's seq and hash) from which
`verify_chain` walks on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from zhichan.core.context import client_ip
from zhichan.core.models import (
    ANONYMOUS_ROLE,
    AuditChainHead,
    AuditEntry,
    AuditPurge,
    AuditPurgeStatus,
    AuditResult,
    User,
)
from zhichan.core.policy import seats
from zhichan.engines.rules import LegalRule, rule

GENESIS_HASH = "0" * 64
PURGE_ACTION = "audit_purge.run"
# The built-in account commands act as without --as-user (zhichan.core.system): its entries name the
# operating-system user who ran the command.
SYSTEM_USERNAME = "system"


def _canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_digest(*, seq: int, prev_hash: str, fields: dict[str, Any]) -> str:
    payload = {"seq": seq, "prev_hash": prev_hash, **fields}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "public_id": str(entry.public_id),
        "at": _canonical_time(entry.at),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "actor_role": entry.actor_role,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "summary": entry.summary,
        "result": entry.result,
        "client_ip": entry.client_ip,
    }


def _roles_held(actor: Any) -> str:
    """The roles the actor held when acting, comma-joined (an inactive account's too)."""
    if actor.is_active:
        codes = [seat.role for seat in seats(actor) if seat.user is not None]
    else:
        codes = [m.role for m in actor.memberships.all()]
    return ",".join(dict.fromkeys(codes)) or ANONYMOUS_ROLE


def record(
    *,
    actor: User | None,
    action: str,
    object_type: str,
    object_id: object = "",
    summary: dict[str, Any] | None = None,
    result: str = AuditResult.SUCCESS,
) -> AuditEntry:
    """Append one entry inside the caller's transaction (so it exists iff the change commits)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    if is_user and actor.get_username() == SYSTEM_USERNAME and not actor.has_usable_password():
        from zhichan.core.system import os_user_name

        summary = {**(summary or {}), "os_user": os_user_name()}
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH}
        )
        entry = AuditEntry(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor=actor if is_user else None,
            actor_label=actor.get_username() if is_user else "anonymous",
            actor_role=_roles_held(actor) if is_user else ANONYMOUS_ROLE,
            action=action,
            object_type=object_type,
            object_id=str(object_id or ""),
            summary=json.loads(json.dumps(summary or {}, ensure_ascii=False, default=str)),
            result=result,
            client_ip=client_ip(),
            prev_hash=head.last_hash,
        )
        entry.entry_hash = entry_digest(seq=entry.seq, prev_hash=entry.prev_hash, fields=_hashed_fields(entry))
        entry.save(force_insert=True)
        head.last_seq = entry.seq
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    message: str


def _chain_start() -> tuple[int, str, list[ChainProblem]]:
    """The seq and hash the remaining chain follows: genesis, or the anchor of the latest purge.

    A purge's anchor counts only when the chain's own hashed `audit_purge.run` entry repeats it, so a
    forged or edited purge record cannot excuse rows deleted behind the platform's back.
    """
    purge = (
        AuditPurge.objects.filter(status=AuditPurgeStatus.DONE, last_seq__isnull=False).order_by("-last_seq").first()
    )
    if purge is None:
        return 0, GENESIS_HASH, []
    witness = AuditEntry.objects.filter(action=PURGE_ACTION, object_id=str(purge.pk), result=AuditResult.SUCCESS)
    summary = witness.values_list("summary", flat=True).first() or {}
    problems = []
    if summary.get("last_seq") != purge.last_seq or summary.get("last_hash") != purge.last_hash:
        problems.append(ChainProblem(purge.last_seq, _("清理锚点没有链中清理记录的印证（清理记录被伪造或改动）")))
    return purge.last_seq, purge.last_hash, problems


def verify_chain(batch_size: int = 2000) -> tuple[int, list[ChainProblem]]:
    """Walk the chain in order from its start (genesis or the last purge's anchor); return the number
    of entries checked and every break found."""
    start_seq, prev_hash, problems = _chain_start()
    expected_seq = start_seq + 1
    checked = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        checked += 1
        if entry.seq != expected_seq:
            problems.append(ChainProblem(entry.seq, f"序号不连续：期望 {expected_seq}，实为 {entry.seq}（记录被删除）"))
        if entry.prev_hash != prev_hash:
            problems.append(ChainProblem(entry.seq, "前序哈希不符（记录被删除、插入或调换顺序）"))
        recomputed = entry_digest(seq=entry.seq, prev_hash=entry.prev_hash, fields=_hashed_fields(entry))
        if recomputed != entry.entry_hash:
            problems.append(ChainProblem(entry.seq, "记录内容与其哈希不符（记录被修改）"))
        expected_seq = entry.seq + 1
        prev_hash = entry.entry_hash
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != prev_hash):
        problems.append(ChainProblem(head.last_seq, "链尾与最后一条记录不符（末尾记录被删除或改动）"))
    return checked, problems


# --- the retention purge ---


def retention_rule() -> LegalRule:
    return rule("audit.retention_min")


def retention_days() -> int:
    """The configured retention; refused when shorter than the law's minimum (checked again at purge
    time because settings can be changed after the start)."""
    minimum = retention_rule()
    days = int(settings.AUDIT_RETENTION_DAYS)
    if days < minimum.as_int():
        raise ValidationError(
            _("审计日志保留期配置为 %(days)s 天，短于法定的至少 %(minimum)s 天（%(basis)s），不能清理")
            % {"days": days, "minimum": minimum.as_int(), "basis": minimum.basis}
        )
    return days


class ChainBroken(Exception):
    """The chain is already broken: a purge would destroy the evidence and re-anchor a forged chain."""

    def __init__(self, problems: list[ChainProblem]) -> None:
        super().__init__(_("审计链校验未通过（%(count)s 处问题），不能清理") % {"count": len(problems)})
        self.problems = problems


@dataclass(frozen=True, slots=True)
class PurgedRange:
    deleted: int
    first_seq: int | None = None
    last_seq: int | None = None
    last_hash: str = ""


def purge_before(cutoff: datetime) -> PurgedRange:
    """Delete the oldest entries, all with `at` strictly before `cutoff`, inside the caller's transaction.

    Deletes the longest run from the start of the chain in which every entry is older than the cutoff,
    so the remaining chain stays gap-free; an old entry behind a younger one (a clock set back) is kept
    rather than deleted out of order. Appends wait meanwhile; a chain that does not verify is never
    purged. The caller records the anchor (`last_seq`, `last_hash`).
    """
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        raise RuntimeError("purge_before must run inside the transaction that records the purge")
    # The chain head first, as every append takes it before it touches the table: the table lock that
    # the trigger DDL takes later then never waits for an appender that waits for us (no deadlock).
    AuditChainHead.objects.select_for_update().get_or_create(id=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH})
    _checked, problems = verify_chain()
    if problems:
        raise ChainBroken(problems)
    first_young = AuditEntry.objects.filter(at__gte=cutoff).aggregate(seq=Min("seq"))["seq"]
    doomed = AuditEntry.objects.filter(at__lt=cutoff)
    if first_young is not None:
        doomed = doomed.filter(seq__lt=first_young)
    bounds = doomed.aggregate(first=Min("seq"), last=Max("seq"), count=Count("pk"))
    if not bounds["count"]:
        return PurgedRange(deleted=0)
    last_hash = AuditEntry.objects.values_list("entry_hash", flat=True).get(seq=bounds["last"])
    with _deletion_allowed():
        deleted, _by_model = doomed.delete()
    return PurgedRange(deleted=deleted, first_seq=bounds["first"], last_seq=bounds["last"], last_hash=last_hash)


@contextmanager
def _deletion_allowed() -> Iterator[None]:
    """Lift the DELETE guard (never the UPDATE guard) for the purge and put it back.

    Both databases have transactional DDL: if anything fails the rollback restores the trigger, and no
    other transaction ever sees the table without it.
    """
    conn = transaction.get_connection()
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry")
            cursor.execute(
                "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
                "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()"
            )
        else:
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_delete")
    yield
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("DROP TRIGGER core_auditentry_no_update ON core_auditentry")
    install_append_only_triggers(conn)


# --- append-only enforcement in the database itself ---

_SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
]
_POSTGRES_TRIGGERS = [
    "CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
    "CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()",
    # TRUNCATE fires no row trigger; a statement trigger refuses it (SQLite has no TRUNCATE: its
    # "DELETE FROM" without WHERE is a row delete, refused above). The purge never lifts this one.
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    "CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only()",
]


def install_append_only_triggers(conn: Any = None) -> None:
    conn = conn or connection
    statements = _POSTGRES_TRIGGERS if conn.vendor == "postgresql" else _SQLITE_TRIGGERS
    with conn.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def drop_append_only_triggers(conn: Any = None) -> None:
    """Only for the dual-controlled archive procedure and for tests that simulate an attacker."""
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry")
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_delete")
