"""The embedded full-text index: each part of the search language finds what it should, on Chinese text."""

from __future__ import annotations

import csv
import random
from datetime import date

import pytest

from tests import conftest
from zhichan.engines.patents.search import PatentDoc, TantivyIndex, pairs, words

DOCS = [
    PatentDoc(
        "CN111000001A",
        title="一种锂离子电池负极材料及其制备方法",
        abstract="本发明公开了一种硅碳负极材料，循环性能好。",
        claims="1.一种负极材料，其特征在于，包括硅和碳。",
        applicants=["广州天赐高新材料股份有限公司", "华南理工大学"],
        inventors=["张三", "李四"],
        agency="广州华进联合专利商标代理有限公司",
        ipc=["H01M 4/13", "H01M 10/0525"],
        application_number="202010123456.1",
        publication_number="CN111000001A",
        filing_date=date(2020, 3, 1),
        publication_date=date(2020, 7, 1),
    ),
    PatentDoc(
        "CN106821152B",
        title="智能滚筒抹布擦地扫地清洁机器人",
        applicants=["华为技术有限公司"],
        ipc=["A47L 11/24", "A47L 11/40"],
        filing_date=date(2017, 5, 1),
        grant_date=date(2019, 8, 2),
    ),
    PatentDoc(
        "CN215000003U",
        title="一種電池盒",
        applicants=["廣州某電子公司"],
        ipc=["H01M 50/20"],
        filing_date=date(2021, 1, 4),
    ),
]


@pytest.fixture
def index(tmp_path):
    built = TantivyIndex(tmp_path / "patents")
    built.add(DOCS)
    return built


def _ids(index, query, **kwargs):
    return sorted(hit.id for hit in index.search(query, **kwargs).hits)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("电池", ["CN111000001A", "CN215000003U"]),  # a word, and a word inside a word (電池盒, Traditional)
        ("锂离子电池", ["CN111000001A"]),
        ("硅碳", ["CN111000001A"]),  # inside 硅碳负极: found by the character pairs
        ("电", ["CN111000001A", "CN215000003U"]),
        ("ti=电池 NOT ipc=H01M50*", ["CN111000001A"]),
        ("ab=循环性能", ["CN111000001A"]),
        ("cl=硅 AND cl=碳", ["CN111000001A"]),
        ("ti=硅碳", []),  # in the abstract, not the title
        ("pa=华为", ["CN106821152B"]),  # a part of the name
        ("pa=广州*", ["CN111000001A", "CN215000003U"]),  # the name starts with 广州 (廣州 too)
        ("pa=理工", ["CN111000001A"]),  # the second applicant
        ("in=李四", ["CN111000001A"]),
        ("agc=华进", ["CN111000001A"]),
        ("ipc=H01M", ["CN111000001A", "CN215000003U"]),
        ("ipc=H01M10", ["CN111000001A"]),
        ("ipc=H01M4/13", ["CN111000001A"]),
        ("ipc=A", ["CN106821152B"]),
        ("ad=2019..2021", ["CN111000001A", "CN215000003U"]),
        ("gd>=2019", ["CN106821152B"]),
        ("an=202010123456.1", ["CN111000001A"]),
        ("pn=cn111000001a", ["CN111000001A"]),
        ('"负极 材料"', ["CN111000001A"]),
        ("ti=(扫地 OR 电池) ad<2021", ["CN106821152B", "CN111000001A"]),
        ("负极 清洁", []),
    ],
)
def test_the_search_language_on_chinese_text(index, query, found):
    assert _ids(index, query) == sorted(found)


def test_replace_delete_count_and_order(index):
    assert index.count() == 3
    index.add([PatentDoc("CN215000003U", title="一种储能电池箱", filing_date=date(2021, 1, 4))])
    assert index.count() == 3 and _ids(index, "储能") == ["CN215000003U"] and _ids(index, "电池盒") == []
    newest = index.search("电池 OR 机器人", newest_first=True)
    assert [hit.id for hit in newest.hits] == ["CN215000003U", "CN111000001A", "CN106821152B"]
    assert [hit.id for hit in index.search("电池 OR 机器人", limit=1, offset=1, newest_first=True).hits] == [
        "CN111000001A"
    ]
    index.delete(["CN106821152B"])
    assert index.count() == 2 and _ids(index, "机器人") == []


def test_words_and_pairs():
    assert words("一種鋰離子電池，及其製備方法") == ["一种", "锂离子", "电池", "及其", "制备", "方法"]
    assert pairs("锂电池 A1") == ["锂电", "电池", "a1"]


def test_known_items_are_found_by_their_titles_in_the_real_register(tmp_path):
    path = conftest.testdata_dir() / "patents_cn_titles_ipc.csv"
    if not path.exists():
        pytest.skip(f"real patent data not found at {path} (set ZHICHAN_TESTDATA)")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    index = TantivyIndex(tmp_path / "real")
    index.add(PatentDoc(r["publication_number"], title=r["title"], ipc=r["ipc_subclasses"].split("|")) for r in rows)
    assert index.count() == len({r["publication_number"] for r in rows})
    sample = random.Random(7).sample(rows, 200)
    ranks = []
    for row in sample:
        hits = [hit.id for hit in index.search(f'ti="{row["title"]}"', limit=10).hits]
        ranks.append(hits.index(row["publication_number"]) + 1 if row["publication_number"] in hits else None)
    recall_at_10 = sum(rank is not None for rank in ranks) / len(ranks)
    assert recall_at_10 == 1.0  # a title as a phrase always finds its own patent among the first ten
    one_subclass = index.search("ipc=A47L", limit=10_000)
    assert one_subclass.total == sum("A47L" in r["ipc_subclasses"].split("|") for r in rows)
