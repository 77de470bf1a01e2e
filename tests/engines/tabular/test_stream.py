"""`open_table`: a CSV streamed row by row in every whitelisted encoding, or an XLSX, from one handle."""

from __future__ import annotations

import io

import pytest

from zhichan.engines.tabular import TableError, open_table, write_xlsx

TEXT = "名称,数值\n高仿 𠀀 店,1\n\n ,\n乙, 2 \n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_a_csv_streams_with_line_numbers_and_blank_rows_skipped(encoding):
    stream = open_table(io.BytesIO(TEXT.encode(encoding)), "t.csv")
    assert stream.header == ["名称", "数值"] and stream.total == 4
    assert list(stream.rows) == [(2, {"名称": "高仿 𠀀 店", "数值": "1"}), (5, {"名称": "乙", "数值": "2"})]


def test_gbk_is_read_as_gb18030():
    stream = open_table(io.BytesIO("名称,数值\n陈记,1\n".encode("gbk")), "t.csv")
    assert stream.encoding == "gb18030" and list(stream.rows) == [(2, {"名称": "陈记", "数值": "1"})]


def test_a_workbook_is_read_by_content_whatever_its_name():
    data = write_xlsx(["名称", "数值"], [["甲", 1], [None, None], ["乙", "=1+1"]])
    stream = open_table(io.BytesIO(data), "t.csv")
    assert stream.encoding == "xlsx" and list(stream.rows) == [
        (2, {"名称": "甲", "数值": "1"}),
        (4, {"名称": "乙", "数值": "'=1+1"}),
    ]


def test_refusals_name_the_place():
    with pytest.raises(TableError, match=r"t\.csv：字节位置8处"):
        open_table(io.BytesIO(b"a,b\n1,2\n\xff\xfe\xfd\n"), "t.csv")
    with pytest.raises(TableError, match="不是 Excel 工作簿"):
        open_table(io.BytesIO(b"a,b\n"), "t.xlsx")
    rows = open_table(io.BytesIO(b"a,b\n1,2\n1,2,3\n"), "t.csv").rows
    assert next(rows) == (2, {"a": "1", "b": "2"})
    with pytest.raises(TableError, match="第3行：有3列，多于表头的2列"):
        next(rows)
