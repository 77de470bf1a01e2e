"""IPC codes and document numbers as real exports write them."""

from __future__ import annotations

import csv

import pytest

from tests import conftest
from zhichan.engines.patents import (
    IpcCode,
    IpcError,
    PatentKind,
    kind_of_application,
    kind_of_publication,
    parse_ipc,
    parse_ipc_list,
)


@pytest.mark.parametrize(
    "written",
    [
        "H04L 29/06",
        "H04L29/06",
        "h04l 29 / 06",
        "H04L0029060000",
        "Ｈ０４Ｌ２９／０６",
        "H04L 29/06 (2006.01)",
        "H04L29/06（2006.01）",
    ],
)
def test_every_written_form_reads_as_one_code(written):
    assert parse_ipc(written) == IpcCode("H04L", 29, "06")
    assert str(parse_ipc(written)) == "H04L 29/06"


def test_the_hierarchy_and_prefixes():
    code = parse_ipc("H01M 10/0525")
    assert code.levels() == ("H", "H01", "H01M", "H01M 10/00", "H01M 10/0525")
    assert code.starts_with("H01M") and code.starts_with("H01") and code.starts_with("H01M*")
    assert code.starts_with("H01M 10/00") and code.starts_with("H01M 10/05") and code.starts_with("H01M10")
    assert not code.starts_with("H01M 10/06") and not code.starts_with("H01M 4/00") and not code.starts_with("H02")
    assert parse_ipc("H01M0004130000") == IpcCode("H01M", 4, "13")
    assert parse_ipc("A47L").levels() == ("A", "A47", "A47L")
    with pytest.raises(IpcError):
        parse_ipc("Z99X 1/00")


def test_a_cell_of_several_codes_keeps_their_order_and_reports_the_rest():
    codes, bad = parse_ipc_list("H01M 10/0525；H01M 4/13, H01M10/0525 | 电池 | G06F")
    assert [str(c) for c in codes] == ["H01M 10/0525", "H01M 4/13", "G06F"]
    assert bad == ["电池"]


def test_kinds_from_numbers():
    assert kind_of_publication("CN106052134B") == PatentKind.INVENTION
    assert kind_of_publication("CN114123456A") == PatentKind.INVENTION_APPLICATION
    assert kind_of_publication("cn212345678u") == PatentKind.UTILITY_MODEL
    assert kind_of_publication("CN306123456S") == PatentKind.DESIGN
    assert kind_of_publication("CN1234567C") == PatentKind.INVENTION  # before 2010
    assert kind_of_publication("US2020123456A1") is None
    assert kind_of_application("202310123456.7") == PatentKind.INVENTION_APPLICATION
    assert kind_of_application("ZL202320123456.X") == PatentKind.UTILITY_MODEL
    assert kind_of_application("CN98123456.X") == PatentKind.INVENTION_APPLICATION
    assert kind_of_application("200930123456.1") == PatentKind.DESIGN


def test_the_real_register_extract_reads_whole():
    path = conftest.testdata_dir() / "patents_cn_titles_ipc.csv"
    if not path.exists():
        pytest.skip(f"real patent data not found at {path} (set ZHICHAN_TESTDATA)")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 7000
    kinds = {kind_of_publication(row["publication_number"]) for row in rows}
    assert kinds == {PatentKind.INVENTION_APPLICATION, PatentKind.INVENTION, PatentKind.UTILITY_MODEL}
    unread = [row["ipc_subclasses"] for row in rows if parse_ipc_list(row["ipc_subclasses"])[1]]
    assert unread == []
    assert all(parse_ipc_list(row["ipc_subclasses"])[0] for row in rows)
