"""The append-only, hash-chained audit log: appending and verifying.

Each entry's hash covers its own fields and the previous entry's hash, so any edit, deletion or
reordering of rows breaks the chain at a place `verify_chain` reports. The database itself refuses
UPDATE and DELETE (triggers installed by migration 0002).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from zhichan.core.context import client_ip
from zhichan.core.models import ANONYMOUS_ROLE, AuditChainHead, AuditEntry, AuditResult, User

GENESIS_HASH = "0" * 64


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
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH}
        )
        entry = AuditEntry(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor=actor if is_user else None,
            actor_label=actor.get_username() if is_user else "anonymous",
            actor_role=getattr(actor, "role", ANONYMOUS_ROLE) if is_user else ANONYMOUS_ROLE,
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


def verify_chain(batch_size: int = 2000) -> tuple[int, list[ChainProblem]]:
    """Walk the whole chain in order; return the number of entries checked and every break found."""
    problems: list[ChainProblem] = []
    expected_seq = 1
    prev_hash = GENESIS_HASH
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
        else:
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS core_auditentry_no_delete")
