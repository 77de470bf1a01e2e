"""Rows of patent exports, with CNIPA's Chinese headers and the research sets' simple ones."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from tests import conftest
from zhichan.engines.patents import PatentKind
from zhichan.engines.patents.rows import RowError, columns_of, parse_row

CNIPA_HEADER = [
    "申请号", "申请日", "公开（公告）号", "公开（公告）日", "名称", "摘要", "主权项", "申请（专利权）人", "地址",
    "发明（设计）人", "主分类号", "分类号", "专利代理机构", "代理人", "优先权", "最新法律状态", "被引用次数",
]  # fmt: skip
CNIPA_ROW = [
    "202010123456.2", "2020.03.01", "CN111000001A", "2020-07-01", "一种锂离子电池负极材料及其制备方法",
    "本发明公开了一种硅碳负极材料。", "1.一种负极材料，其特征在于……", "广州天赐高新材料股份有限公司;华南理工大学",
    "510000 广东省广州市黄埔区", "张三；李四", "H01M4/13", "H01M4/13;H01M10/0525",
    "广州华进联合专利商标代理有限公司（44224）", "王五", "CN201910000001.1 2019.01.01", "实质审查", "3",
]  # fmt: skip


def test_a_cnipa_export_row_reads_whole():
    columns = columns_of(CNIPA_HEADER)
    assert "被引用次数" not in columns.values()
    record = parse_row(dict(zip(CNIPA_HEADER, CNIPA_ROW, strict=True)), columns)
    assert record.number == "CN111000001A" and record.kind == PatentKind.INVENTION_APPLICATION
    assert record.filing_date == date(2020, 3, 1) and record.publication_date == date(2020, 7, 1)
    assert record.applicants == ("广州天赐高新材料股份有限公司", "华南理工大学")
    assert record.inventors == ("张三", "李四")
    assert record.ipc == ("H01M 4/13", "H01M 10/0525")  # the main code first, once
    assert (record.agency, record.agency_code) == ("广州华进联合专利商标代理有限公司", "44224")
    assert record.legal_status == "实质审查"


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"申请号": "202010123456.1"}, "application_number", "校验位"),
        ({"公开（公告）号": "CN11A"}, "publication_number", "格式有误"),
        ({"申请日": "2020-02-30"}, "filing_date", "不是日期"),
        ({"分类号": "H01M4/13;电池"}, "ipc", "不是 IPC"),
        ({"名称": "", "摘要": ""}, "title", "缺少名称或摘要"),
        ({"申请号": "", "公开（公告）号": ""}, "publication_number", "缺少"),
    ],
)
def test_a_bad_field_is_named(change, field, says):
    row = {**dict(zip(CNIPA_HEADER, CNIPA_ROW, strict=True)), **change}
    with pytest.raises(RowError) as caught:
        parse_row(row, columns_of(CNIPA_HEADER))
    assert caught.value.field == field and says in str(caught.value)


@pytest.mark.parametrize(("name", "rows"), [("patents_cn_titles_ipc.csv", 7000), ("kppatent_zh_train.csv", 2900)])
def test_the_real_files_read_as_they_are(name, rows):
    path = conftest.testdata_dir() / name
    if not path.exists():
        pytest.skip(f"real patent data not found at {path} (set ZHICHAN_TESTDATA)")
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = columns_of(list(reader.fieldnames or []))
        records = [parse_row(row, columns) for row in reader]
    assert len(records) > rows
    assert all(r.number and (r.title or r.abstract) for r in records)
    if name.startswith("patents"):
        assert all(r.ipc and r.kind is not None for r in records)
    else:
        assert all(r.keyphrases for r in records[:100])
