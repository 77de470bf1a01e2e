"""类似群 in the watch module: with the office's goods table (`WATCH_GOODS_TABLE`), goods compare by
similar group where the filing and the protected mark both list groups (same group: similar goods, the
区分表 rule), else by Nice class as before (same class: manual review). The test builds a tiny table."""

from __future__ import annotations

import io

import pytest

from zhichan.core import imports
from zhichan.engines.tabular import open_table
from zhichan.watch import services
from zhichan.watch.models import Alert, Filing

MARKS = (
    "注册号,商标,类别,类似群,注册人,注册日\n"
    "900003,王老吉,32,3202,广州王老吉大健康产业有限公司,2017-05-14\n"
    "900005,云山,32,,某某科技有限公司,2019-02-01\n"
)
PUBLICATION = (
    "申请号,商标,类别,类似群,申请人,公告日期,期号\n"
    "81000001,王老击,32,3202,甲饮料有限公司,2026-12-13,1961\n"  # same group as the mark: similar goods
    "81000002,王老击,32,3201,乙啤酒有限公司,2026-12-13,1962\n"  # same class, other group: manual review
    "81000003,云山,32,3202,丙饮料有限公司,2026-12-13,1963\n"  # the mark lists no group: by class
    "81000004,王老击,32,,丁饮料有限公司,2026-12-13,1964\n"  # the filing lists no group: by class
)
TABLE = "edition,nice_class,group,name,similar_groups\n测试区分表,32,3201,啤酒,\n测试区分表,32,3202,不含酒精的饮料,\n"


def _run(spec, text, actor):
    return imports.run(spec, actor=actor, stream=open_table(io.BytesIO(text.encode("utf-8")), "file.csv"))


@pytest.fixture
def screened(users, settings, tmp_path):
    def run(with_table):
        if with_table:
            path = tmp_path / "goods.csv"
            path.write_text(TABLE, encoding="utf-8")
            settings.WATCH_GOODS_TABLE = str(path)
        official = users["official"]
        assert _run(services.marks_import_spec(), MARKS, official).rows_with_errors == 0
        assert _run(services.publication_import_spec(), PUBLICATION, official).rows_with_errors == 0
        services.screen_pending(actor=official)
        return {a.filing.filing_number: a for a in Alert.objects.select_related("filing")}

    return run


def test_the_publication_import_keeps_the_groups(users):
    _run(services.publication_import_spec(), PUBLICATION, users["official"])
    assert Filing.objects.get(filing_number="81000001").similar_groups == ["3202"]
    bad = "申请号,商标,类别,类似群,申请人,公告日期,期号\n1,甲,32,3001,乙,2026-12-13,1\n"
    report = _run(services.publication_import_spec(), bad, users["official"])
    assert [(e.row, e.field) for e in report.errors] == [(2, "类似群")]  # a group outside the filed classes


def test_with_the_table_the_same_group_is_similar_goods_and_another_group_is_manual_review(screened):
    alerts = screened(with_table=True)
    assert "同一类似群" in alerts["81000001"].goods and "3202" in alerts["81000001"].goods
    assert "需人工判断" in alerts["81000002"].goods
    assert alerts["81000001"].risk > alerts["81000002"].risk  # weights same_group 1.0 against same_class 0.8
    assert "需人工判断" in alerts["81000003"].goods  # one side without groups: by class, as before
    assert "需人工判断" in alerts["81000004"].goods


def test_without_the_table_goods_compare_by_class_as_before(screened):
    alerts = screened(with_table=False)
    assert all("需人工判断" in alerts[n].goods for n in ("81000001", "81000002", "81000003", "81000004"))
    assert alerts["81000001"].risk == alerts["81000002"].risk
