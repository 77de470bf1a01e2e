"""The industry -> Nice class table: shipped, versioned, importable, and how it relates two sides."""

import pytest

from zhichan.engines.names import (
    RelatednessError,
    Strength,
    load_relatedness,
    parse_relatedness,
    shipped_classification,
    shipped_relatedness,
)


@pytest.fixture(scope="module")
def table():
    return shipped_relatedness()


@pytest.fixture(scope="module")
def industries():
    return shipped_classification()


def test_the_shipped_table_has_its_version_and_source(table):
    assert table.version
    assert "written by the zhichan project" in table.source and "Nice classification 12th ed." in table.source
    assert "GB/T 4754-2017" in table.source


def test_every_section_has_rows_and_every_class_is_a_nice_class(table, industries):
    assert set(industries.sections) <= set(table.classes)
    assert all(1 <= c <= 45 for classes in table.classes.values() for c in classes)


@pytest.mark.parametrize(
    ("industry", "classes", "strength"),
    [
        ("62", [43], Strength.STRONG),  # restaurants render restaurant services
        ("餐饮业", [32], Strength.WEAK),  # and serve drinks
        ("15", [32], Strength.STRONG),  # beverage makers make beverages
        ("27", [5], Strength.STRONG),  # medicines
        ("金融业", [5], Strength.UNRELATED),
        ("货币金融服务", [36], Strength.STRONG),
        ("6621", [36], Strength.STRONG),  # a class by its division
        ("52", [35], Strength.STRONG),  # retail: class 35
        ("零售业", [25], Strength.WEAK),  # and the goods it sells
        ("软件和信息技术服务业", [9, 43], Strength.STRONG),  # the best of the classes
    ],
)
def test_industry_against_classes(table, industries, industry, classes, strength):
    assert table.relate(industries.resolve(industry), mark_classes=classes).strength is strength


def test_a_divisions_rows_replace_its_sections(table, industries):
    # section H (accommodation and catering) lists 39 as weak; division 62 (catering) does not
    assert table.relate(industries.resolve("H"), mark_classes=[39]).strength is Strength.WEAK
    assert table.relate(industries.resolve("62"), mark_classes=[39]).strength is Strength.UNRELATED


def test_unknown_on_either_side_is_no_signal(table, industries):
    assert table.relate(None, mark_classes=[32]) is None
    assert table.relate(industries.resolve("62")) is None  # a mark without classes or industry


def test_a_mark_with_an_industry_and_no_classes_is_compared_industry_to_industry(table, industries):
    r = industries.resolve
    assert table.relate(r("6210"), mark_industry=r("餐饮业")).strength is Strength.STRONG  # same division
    assert table.relate(r("62"), mark_industry=r("H")).strength is Strength.STRONG  # within its section
    assert table.relate(r("62"), mark_industry=r("15")).strength is Strength.WEAK  # drinks served
    assert table.relate(r("66"), mark_industry=r("15")).strength is Strength.UNRELATED
    assert table.relate(r("66"), mark_industry=None) is None


HEADER = "# version: test-1\n# source: a test\nindustry,nice_classes,strength\n"


def test_a_replacement_table_is_imported_in_the_shipped_format(tmp_path, industries):
    path = tmp_path / "rel.csv"
    path.write_bytes((HEADER + "66,5,strong\n").encode("gb18030"))
    table = load_relatedness(path)
    assert table.version == "test-1"
    assert table.relate(industries.resolve("66"), mark_classes=[5]).strength is Strength.STRONG
    assert table.relate(industries.resolve("62"), mark_classes=[43]) is None  # not in this table: unknown


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("66,99,strong\n", "第4行 nice_classes"),
        ("66,5,very\n", "第4行 strength"),
        ("ZZ,5,strong\n", "第4行 industry"),
        ("66,5\n", "第4行"),
        ("62,43,strong\n\n66,5|0,weak\n", "第6行 nice_classes"),
    ],
)
def test_a_bad_row_is_refused_with_its_row_and_field(body, where):
    with pytest.raises(RelatednessError, match=where):
        parse_relatedness(HEADER + body, "rel.csv")


def test_a_table_without_version_or_header_is_refused():
    with pytest.raises(RelatednessError, match="version"):
        parse_relatedness("industry,nice_classes,strength\n66,5,strong\n", "rel.csv")
    with pytest.raises(RelatednessError, match="表头"):
        parse_relatedness("# version: 1\nindustry,classes\n", "rel.csv")
