"""Concurrent writers wait instead of failing (SQLite: WAL + IMMEDIATE + busy timeout), and the audit
chain stays gap-free and in order under contention."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from zhichan.core import audit
from zhichan.core.models import Organisation
from zhichan.core.services import organisation_create
from zhichan.engines.identifiers import USCC_ALPHABET, uscc_check_character

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
WRITES_PER_THREAD = 15


def _code(thread: int, i: int) -> str:
    first17 = f"9144010{thread}" + USCC_ALPHABET[i % 31] + USCC_ALPHABET[i // 31] + "0000000"
    return first17 + uscc_check_character(first17)


def test_concurrent_writers_all_succeed_and_the_chain_verifies(users):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def writer(thread: int) -> None:
        try:
            start.wait()
            for i in range(WRITES_PER_THREAD):
                organisation_create(
                    actor=users["official"],
                    data={
                        "name": f"并发测试{thread}-{i}有限公司",
                        "kind": "enterprise",
                        "credit_code": _code(thread, i),
                    },
                )
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert Organisation.objects.filter(name__startswith="并发测试").count() == THREADS * WRITES_PER_THREAD
    checked, problems = audit.verify_chain()
    assert problems == [] and checked >= THREADS * WRITES_PER_THREAD
