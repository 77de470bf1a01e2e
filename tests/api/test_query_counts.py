"""Query counts of the API's lists and the listing intake with realistic data (issue 20, load).

Each request is counted with few rows and with many (25+): the count must not grow with the rows (an N+1
fails here), and must stay within its baseline in tests/query_counts.json (NetBox-style), so that a
change that adds queries says so in that file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.ecommerce.conftest import market, platform  # noqa: F401  (fixtures)
from zhichan.ecommerce import detection

pytestmark = pytest.mark.django_db
BASELINES = json.loads((Path(__file__).resolve().parent.parent / "query_counts.json").read_text())
TITLES = ["王老吉凉茶310ml*24罐 整箱", "高仿 王老吉凉茶 24罐 工厂直销", "王老古 凉茶植物饮料 特价", "家用收纳盒 大号"]


def _count(call, *, inserts: bool = True) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200, response.content[:500]
    if not inserts:  # a bulk insert takes one statement per backend batch (SQLite: 999 parameters)
        return sum(1 for q in queries.captured_queries if not q["sql"].lstrip().upper().startswith("INSERT"))
    return len(queries)


def _within_baseline(name: str, count: int) -> None:
    assert count <= BASELINES[name], f"{name}: {count} queries, baseline {BASELINES[name]} (tests/query_counts.json)"


def _items(prefix: str, n: int, variant: str = "") -> list[dict]:
    return [
        {
            "listing_id": f"{prefix}-{i}",
            "title": TITLES[i % len(TITLES)] + variant,
            "price": str(15 + i),
            "seller_id": f"s{i % 7}",
            "seller_name": f"卖家{i % 7}",
            "shop_name": f"店铺{i % 7}",
            "category": "饮料",
            "seller_address": "广州市白云区石井街",
        }
        for i in range(n)
    ]


@pytest.fixture
def cases(users, complaint):
    from zhichan.cases.services import case_triage_decide

    def make(n: int) -> None:
        for i in range(n):
            case = complaint(respondent_name=f"佛山某某电器有限公司{i}")
            if i % 3:
                case_triage_decide(actor=users["official"], case=case)

    return make


@pytest.fixture
def complaint(users):
    from tests.cases.conftest import complaint as factory

    return factory.__wrapped__(users)


def test_the_case_list_makes_the_same_queries_for_3_and_30_cases(api, users, cases):
    api.force_authenticate(users["official"])
    cases(3)
    api.get("/api/v1/cases/")  # caches (the calendar, the policy) filled once per process
    few = _count(lambda: api.get("/api/v1/cases/"))
    cases(27)
    many = _count(lambda: api.get("/api/v1/cases/"))
    assert len(api.get("/api/v1/cases/").json()["results"]) == 30
    assert many == few, f"the case list grows with its rows: {few} queries for 3 cases, {many} for 30"
    _within_baseline("GET /api/v1/cases/ (30 cases)", many)
    first = api.get("/api/v1/cases/").json()["results"][0]["id"]
    _within_baseline("GET /api/v1/cases/{id}/", _count(lambda: api.get(f"/api/v1/cases/{first}/")))


def _submit(api, items):
    return api.post("/api/v1/listings/batch", {"items": items}, format="json")


def test_listing_lists_make_the_same_queries_for_few_and_many_rows(api, users, market):  # noqa: F811
    detection.forget()
    api.force_authenticate(market["client"])
    assert _submit(api, _items("few", 4)).status_code == 200
    api.force_authenticate(users["official"])
    counts = {}
    for path in ("/api/v1/listings/", "/api/v1/clues/", "/api/v1/brands/"):
        api.get(path)
        counts[path] = _count(lambda path=path: api.get(path))
    api.force_authenticate(market["client"])
    assert _submit(api, _items("many", 60)).status_code == 200
    from zhichan.ecommerce import services

    for i in range(29):
        services.brand_register(
            actor=users["official"], owner=market["brand"].owner, authorised_sellers=[f"旗舰店{i}"],
            data={"name": f"品牌{i}号", "aliases": [], "categories": ["饮料"], "price_min": "1", "price_max": "9"},
        )  # fmt: skip
    api.force_authenticate(users["official"])
    for path, rows, name in (
        ("/api/v1/listings/", 30, "GET /api/v1/listings/ (30 listings)"),
        ("/api/v1/clues/", 25, "GET /api/v1/clues/ (30 clues)"),
        ("/api/v1/brands/", 30, "GET /api/v1/brands/ (30 brands)"),
    ):
        assert api.get(path).json()["count"] >= rows, path
        many = _count(lambda path=path: api.get(path))
        assert many == counts[path], f"{path} grows with its rows: {counts[path]} queries for few, {many} for many"
        _within_baseline(name, many)


def test_a_listing_batch_makes_the_same_queries_for_10_and_100_items(api, market):  # noqa: F811
    detection.forget()
    api.force_authenticate(market["client"])
    _submit(api, _items("warm", 3))  # the detector is built once per process
    few = _count(lambda: _submit(api, _items("a", 10)), inserts=False)
    with CaptureQueriesContext(connection) as queries:
        assert _submit(api, _items("b", 100)).status_code == 200
    many = sum(1 for q in queries.captured_queries if not q["sql"].lstrip().upper().startswith("INSERT"))
    assert many == few, f"the intake grows with the batch: {few} queries for 10 items, {many} for 100"
    _within_baseline("POST /api/v1/listings/batch (100 new listings)", len(queries))
    changed = _count(lambda: _submit(api, _items("b", 100, " 新款")))
    _within_baseline("POST /api/v1/listings/batch (100 changed listings)", changed)
    unchanged = _count(lambda: _submit(api, _items("b", 100, " 新款")))
    _within_baseline("POST /api/v1/listings/batch (100 unchanged listings)", unchanged)
    assert _submit(api, _items("b", 100, " 新款")).json()["unchanged"] == 100
