"""GB/T 4754-2017 industries at every level, and the shipped table checked against the standard's."""

import csv

import pytest

from tests import conftest
from zhichan.engines.names import IndustryTableError, load_classification, shipped_classification


@pytest.fixture(scope="module")
def shipped():
    return shipped_classification()


def test_the_shipped_table_has_20_sections_and_97_divisions(shipped):
    assert len(shipped.sections) == 20 and sorted(shipped.sections) == [chr(c) for c in range(ord("A"), ord("U"))]
    assert len(shipped.divisions) == 97
    assert shipped.divisions["62"] == ("H", "餐饮业")


@pytest.mark.parametrize(
    ("text", "section", "division"),
    [
        ("J", "J", None),  # section
        ("j", "J", None),
        ("66", "J", "66"),  # division
        ("662", "J", "66"),  # group, by prefix
        ("6620", "J", "66"),  # class, by prefix
        ("J6620", "J", "66"),  # class with its section letter
        ("金融业", "J", None),  # section name
        ("批发和零售业", "F", None),
        ("货币金融服务", "J", "66"),  # division name
        ("软件和信息技术服务业", "I", "65"),
        ("金融業", "J", None),  # Traditional
        ("批发 和 零售业", "F", None),  # spaces as people type them
    ],
)
def test_codes_and_names_at_every_level_resolve(shipped, text, section, division):
    industry = shipped.resolve(text)
    assert industry is not None and (industry.section, industry.division) == (section, division)


@pytest.mark.parametrize("text", ["", "   ", None, "综合", "99", "6", "J0111", "Z", "货币银行服务"])
def test_unknown_is_none_never_an_error(shipped, text):
    # 货币银行服务 is a group (662): its name is known only with the full table
    assert shipped.resolve(text) is None


def test_names_of_deeper_levels_resolve_with_a_full_table_in_gbk(tmp_path):
    path = tmp_path / "industries.csv"
    path.write_bytes("code,level,name\n662,3,货币银行服务\n6621,4,商业银行服务\n5292,4,互联网零售\n".encode("gbk"))
    full = load_classification(path)
    bank = full.resolve("货币银行服务")
    assert (bank.section, bank.division, bank.code, bank.name) == ("J", "66", "662", "货币银行服务")
    assert full.resolve("商業銀行服務").code == "6621"
    assert full.resolve("互联网零售").division == "52"
    assert full.resolve("金融业").section == "J"  # the shipped levels stay


def test_a_full_table_without_its_columns_is_refused_with_where(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("代码,名称\n662,货币银行服务\n", encoding="utf-8")
    with pytest.raises(IndustryTableError, match="缺少列 code, name"):
        load_classification(path)
    path.write_text("code,name\n662,货币银行服务\n,无代码\n", encoding="utf-8")
    with pytest.raises(IndustryTableError, match="第3行 code"):
        load_classification(path)


def _standard():
    path = conftest.testdata_dir() / "gbt4754_2017_industries.csv"
    if not path.exists():
        pytest.skip(f"GB/T 4754-2017 table not found at {path} (set ZHICHAN_TESTDATA)")
    return path


def test_the_shipped_sections_and_divisions_are_the_standards(shipped):
    path = _standard()
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["level"] in ("1", "2")]
    sections = {r["code"]: r["name"].strip() for r in rows if r["level"] == "1"}
    divisions = {r["code"]: (r["section"], r["name"].strip()) for r in rows if r["level"] == "2"}
    assert shipped.sections == sections
    assert shipped.divisions == divisions


def test_the_standards_own_file_is_accepted_and_every_class_resolves():
    path = _standard()
    full = load_classification(path)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    unresolved = [r["code"] for r in rows if full.resolve(r["code"]) is None]
    assert unresolved == []
    classes = [r for r in rows if r["level"] == "4"]
    assert len(classes) == 1380
    # a class name resolves to its code (unless a group of the same name came first: 6620 under 662)
    by_name = [full.resolve(r["name"]) for r in classes]
    assert all(i is not None and i.division == r["division"] for i, r in zip(by_name, classes, strict=True))
