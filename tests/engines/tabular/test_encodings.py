"""One encoding whitelist for text in memory and for files of any size streamed in chunks."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhichan.engines.tabular import TableError, decode_text, sniff_file_encoding

TEXT = "listing_id,title\nL1,高仿耐克运动鞋 ￥199\nL2,𠀀字与·符号\n"  # 𠀀 needs GB18030 beyond GBK's range


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with its BOM
        (TEXT.replace("𠀀", "").encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_the_whitelisted_encodings_are_recognised_in_memory_and_on_disk(tmp_path, data, expected):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    text, encoding = decode_text(data)
    assert encoding == expected and text.lstrip("\ufeff").startswith("listing_id,title")
    assert sniff_file_encoding(path) == (expected, data.count(b"\n"))


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_character_split_across_chunks_is_decoded_and_a_bad_byte_is_placed(tmp_path, encoding):
    mebibyte = 1 << 20  # the files are read in chunks of this size: 高 straddles the first boundary
    data = b"x" * (mebibyte - 1) + "高\n".encode(encoding) + TEXT.encode(encoding)
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    assert sniff_file_encoding(path) == (encoding, 4)
    good = "标题,价格\n".encode()  # the first failure named is that of UTF-8, the first tried
    path.write_bytes(good + b"\x80\xff\n")  # valid in neither UTF-8 nor GB18030
    with pytest.raises(TableError, match=rf"字节位置{len(good)}处无法按 UTF-8 或 GBK/GB18030 解码"):
        sniff_file_encoding(path)
    with pytest.raises(TableError, match=rf"第2行，字节位置{len(good)}处无法按 UTF-8 或 GBK/GB18030 解码"):
        decode_text(path.read_bytes())


def test_latin1_and_workbooks_are_refused_not_guessed(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("name\nCafé Müller\n".encode("latin-1") + b"\xff\xfe\xfd")
    with pytest.raises(TableError, match="请另存为 UTF-8 或 GBK 编码的 CSV"):
        sniff_file_encoding(path)
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(TableError, match="Excel 工作簿"):
        sniff_file_encoding(path)


@given(st.text(min_size=1, max_size=200), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_streamed_and_in_memory_decoding_agree(tmp_path_factory, text, encoding):
    data = text.encode(encoding)
    path = tmp_path_factory.mktemp("enc") / "t.csv"
    path.write_bytes(data)
    decoded, found = decode_text(data)
    assert sniff_file_encoding(path) == (found, data.count(b"\n"))
    if encoding in ("utf-8-sig", "utf-16"):  # a BOM decides
        assert found == encoding
    if found == encoding:
        assert decoded == text
