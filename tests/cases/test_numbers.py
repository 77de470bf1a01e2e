"""Case numbers: unique per (office, channel, year), taken from a counter row locked per transaction.

The concurrency test files and triages many complaints from several threads at once, each thread on
its own database connection; every number must be distinct and the sequence gapless. On PostgreSQL
it runs 1,000 cases; SQLite serialises writers anyway, so it runs a smaller load there.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.utils import timezone

from zhichan.cases import services as s
from zhichan.cases.models import Case


@pytest.mark.django_db
def test_numbers_follow_the_format_and_count_per_channel(users, complaint):
    official = users["official"]
    year = timezone.localdate().year
    a = s.case_triage_decide(actor=official, case=complaint())
    b = s.case_triage_decide(actor=official, case=complaint())
    c = s.case_triage_decide(actor=official, case=complaint(), channel="mediation", reason="双方愿意调解")
    assert (a.number, b.number, c.number) == (
        f"穗知裁〔{year}〕00001号",
        f"穗知裁〔{year}〕00002号",
        f"穗知调〔{year}〕00001号",
    )


def test_numbers_are_unique_under_concurrency(transactional_db, users, complaint):
    total = 1000 if connection.vendor == "postgresql" else 80
    threads = 8
    from zhichan.core import audit

    audit.record(actor=None, action="test.start", object_type="test")  # the chain head row exists first
    official = users["official"]
    errors: list[BaseException] = []

    def work(count: int) -> None:
        try:
            for _ in range(count):
                s.case_triage_decide(actor=official, case=complaint(actor=official))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(total // threads,)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(numbers) == total
    duplicates = [n for n, k in Counter(numbers).items() if k > 1]
    assert duplicates == []
    seqs = sorted(int(re.search(r"(\d{5})号$", n).group(1)) for n in numbers)
    assert seqs == list(range(1, total + 1))
