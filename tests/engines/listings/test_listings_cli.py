"""`zhichan listings scan`: a good run, GBK input, bad rows with line and field, refused input."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from zhichan.engines.listings.cli import main

BRANDS = (
    "brand,owner,aliases,category,authorised_sellers,price_min,price_max\n"
    "耐克,耐克创新有限合伙公司,Nike|NIKE,鞋|服装,耐克官方旗舰店,300,2000\n"
    "康师傅,康师傅控股有限公司,,方便面,,,\n"
)
LISTINGS = (
    "listing_id,title,price,seller,shop,platform,category\n"
    "L1,高仿耐克AJ1 莆田 1:1 男鞋,99,张三,张三鞋店,淘宝,运动鞋\n"
    "L2,耐克官方正品跑步鞋,699,耐克官方旗舰店,耐克官方旗舰店,天猫,运动鞋\n"
    "L3,康帅傅红烧牛肉面 整箱,20,李四,李四食品,拼多多,方便面\n"
    "L4,纯棉白色T恤,29,王五,王五服饰,京东,服装\n"
    'L5,"适用于耐克 鞋带 高仿",9,赵六,赵六配件,淘宝,配件\n'
)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _clues(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def files(tmp_path):
    return {
        "brands": _write(tmp_path / "brands.csv", BRANDS),
        "listings": _write(tmp_path / "listings.csv", LISTINGS),
        "out": tmp_path / "clues.csv",
    }


def _run(files, *extra: str) -> int:
    argv = ["scan", "--brands", str(files["brands"]), "--listings", str(files["listings"]), "--out", str(files["out"])]
    return main([*argv, *extra])


def test_good_run_writes_clues_above_threshold(files, capsys):
    assert _run(files) == 0
    rows = _clues(files["out"])
    assert list(rows[0]) == ["listing_id", "brand", "score", "signals", "evidence"]
    assert [r["listing_id"] for r in rows] == ["L1"]
    (row,) = rows
    assert row["brand"] == "耐克"
    assert float(row["score"]) >= 0.5
    assert "counterfeit_term:高仿=0.7" in row["signals"]
    assert "seller_not_authorised:张三" in row["signals"]
    assert "[0,2)高仿" in row["evidence"] and "[2,4)耐克" in row["evidence"]
    assert "写出 1 条" in capsys.readouterr().err


def test_all_mentions_and_explanations(files):
    assert _run(files, "--all-mentions", "--explain") == 0
    rows = _clues(files["out"])
    pairs = [(r["listing_id"], r["brand"]) for r in rows]
    assert pairs == [("L1", "耐克"), ("L2", "耐克"), ("L3", "康师傅"), ("L5", "耐克")]
    by_id = {r["listing_id"]: r for r in rows}
    assert "形近字变体“康帅傅”" in by_id["L3"]["explanation"]
    assert "legitimate_use:accessory:适用于×0.35" in by_id["L5"]["signals"]
    assert by_id["L2"]["explanation"].endswith("未达线索阈值。")


def test_gbk_files_are_read(files):
    _write(files["brands"], BRANDS, "gbk")
    _write(files["listings"], LISTINGS, "gbk")
    assert _run(files) == 0
    assert [r["brand"] for r in _clues(files["out"])] == ["耐克"]


def test_bad_rows_are_reported_with_line_and_field_and_the_rest_is_scanned(files, capsys):
    bad = LISTINGS + "L6,高仿耐克,abc,x,x,x,x\n,高仿耐克,1,x,x,x,x\nL8,,1,x,x,x,x\nL9,高仿耐克,1,x,x,x,x,extra\n"
    bad += "L10,高仿耐克 超A,10,x,x,x,x\n"
    _write(files["listings"], bad)
    assert _run(files) == 2
    err = capsys.readouterr().err
    assert "第7行，price 列：“abc”不是数字" in err
    assert "第8行，listing_id 列：为空" in err
    assert "第9行，title 列：为空" in err
    assert "第10行：有8列，多于表头的7列" in err
    assert "4 行有误" in err
    assert [r["listing_id"] for r in _clues(files["out"])] == ["L1", "L10"]


def test_missing_column_stops_before_any_output(files, capsys):
    _write(files["listings"], "id,title\n1,耐克\n")
    assert _run(files) == 2
    assert "缺少列 listing_id" in capsys.readouterr().err
    assert not files["out"].exists()


def test_bad_brands_row_names_line_and_field(files, capsys):
    _write(files["brands"], BRANDS + "阿迪达斯,阿迪达斯公司,adidas,鞋,,800,100\n")
    assert _run(files) == 2
    assert "第4行，price_min 列：800 大于 price_max 100" in capsys.readouterr().err
    _write(files["brands"], "brand,owner\n耐克,耐克公司\n")
    assert _run(files) == 2
    assert "缺少列 aliases" in capsys.readouterr().err


def test_category_prices_column_sets_the_range_per_category(files):
    brands = (
        "brand,owner,aliases,category,authorised_sellers,price_min,price_max,category_prices\n"
        "路易威登,路易威登马利蒂,LV,,,500,,手袋:2000-50000|钱包:800-6000\n"
    )
    _write(files["brands"], brands)
    _write(
        files["listings"],
        "listing_id,title,price,category\n"
        "B1,LV 路易威登 老花手袋,900,手袋\n"
        "B2,LV 路易威登 老花钱包,900,钱包\n"
        "B3,LV 路易威登 丝巾,900,围巾\n",
    )
    assert _run(files, "--all-mentions", "--explain") == 0
    rows = {r["listing_id"]: r for r in _clues(files["out"])}
    assert "price_far_below:0.450=0.35" in rows["B1"]["signals"]
    assert "“手袋”类参考价下限2000元" in rows["B1"]["explanation"]
    assert "price_far_below" not in rows["B2"]["signals"]  # fair for a wallet
    assert "price_far_below" not in rows["B3"]["signals"]  # no scarf range: brand-wide 500


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("手袋2000-50000", "第2行，category_prices 列：“手袋2000-50000”应写作 类别:下限-上限"),
        ("手袋:5000-2000", "第2行，category_prices 列：“手袋:5000-2000”：下限 5000 大于上限 2000"),
        ("手袋:abc-", "第2行，category_prices 列：“手袋:abc-”：“abc”不是非负数"),
    ],
)
def test_malformed_category_prices_stop_with_line_and_field(files, capsys, cell, message):
    _write(files["brands"], f"brand,owner,aliases,category_prices\n路易威登,LVMH,LV,{cell}\n")
    assert _run(files) == 2
    assert message in capsys.readouterr().err
    assert not files["out"].exists()


def test_seller_district_and_address_columns_are_accepted(files):
    assert _run(files) == 0
    before = _clues(files["out"])
    lines = LISTINGS.splitlines()
    extended = [lines[0] + ",seller_district,seller_address"] + [
        line + ',天河区,"广州市天河区体育西路1号"' for line in lines[1:]
    ]
    _write(files["listings"], "\n".join(extended) + "\n")
    assert _run(files) == 0
    assert _clues(files["out"]) == before


def test_an_excel_workbook_as_listings_is_refused_with_advice(files, capsys):
    files["listings"].write_bytes(b"PK\x03\x04rest-of-a-zip")
    assert _run(files) == 2
    assert "LISTINGS 须为 CSV" in capsys.readouterr().err


def test_undecodable_listings_are_refused(files, capsys):
    files["listings"].write_bytes(b"listing_id,title\n1,\xff\xfe\xfa\n")
    assert _run(files) == 2
    assert "无法按 UTF-8 或 GBK/GB18030 解码" in capsys.readouterr().err


def test_spark_engine_is_refused_clearly_when_it_cannot_run(files, capsys, monkeypatch):
    monkeypatch.setattr("zhichan.engines.listings.cli.spark_available", lambda: "本安装未包含 PySpark")
    assert _run(files, "--engine", "spark") == 2
    assert "--engine spark 不可用（本安装未包含 PySpark）" in capsys.readouterr().err
    assert not files["out"].exists()


@pytest.mark.slow
@pytest.mark.spark
def test_spark_engine_gives_the_same_clues_and_errors_as_local(files, capsys):
    """One local Spark run (about 30 s: Spark starts a JVM), GBK input, a bad row and a multi-line title."""
    from zhichan.engines.spark import spark_available

    reason = spark_available()
    if reason:
        pytest.skip(f"Spark cannot run here: {reason}")
    text = LISTINGS + 'L6,高仿耐克,abc,x,x,x,x\nL7,"高仿\n耐克 多行",1,x,x,x,x\n'
    _write(files["listings"], text, "gbk")
    assert _run(files, "--all-mentions") == 2
    local = _clues(files["out"])
    capsys.readouterr()
    assert _run(files, "--all-mentions", "--engine", "spark") == 2
    assert _clues(files["out"]) == local
    err = capsys.readouterr().err
    assert "listing_id“L6”，price 列：“abc”不是数字" in err
    assert "1 行有误" in err


def test_overridden_vocabulary_and_seller_history(files, tmp_path):
    terms = _write(tmp_path / "terms.csv", "term,weight,meaning\n特供,0.9,自定义售假用语\n")
    history = _write(tmp_path / "history.csv", "seller,confirmed_clues\n赵六,3\n")
    assert _run(files, "--counterfeit-terms", str(terms), "--seller-history", str(history), "--all-mentions") == 0
    rows = {r["listing_id"]: r for r in _clues(files["out"])}
    assert "高仿" not in rows["L1"]["signals"]  # the shipped table was replaced
    assert "seller_history:3" in rows["L5"]["signals"]


@pytest.mark.slow
def test_console_script_dispatches_to_the_engine(files):
    argv = ["--brands", str(files["brands"]), "--listings", str(files["listings"]), "--out", str(files["out"])]
    done = subprocess.run(
        [sys.executable, "-m", "zhichan.cli", "listings", "scan", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert [r["listing_id"] for r in _clues(files["out"])] == ["L1"]


@pytest.mark.slow
def test_listings_are_streamed_in_constant_memory(tmp_path):
    """Ten times the rows must not take ten times the memory: rows are read, scanned and dropped."""
    import tracemalloc

    from zhichan.engines.listings import Brand, Detector, screen
    from zhichan.engines.listings.cli import iter_listings

    detector = Detector([Brand("耐克", aliases=("Nike",))])

    def peak(rows: int) -> int:
        path = tmp_path / f"listings-{rows}.csv"
        lines = [f"L{i},高仿耐克运动鞋 第{i}款 {'x' * 40},{i % 500}" for i in range(rows)]
        path.write_text("listing_id,title,price\n" + "\n".join(lines) + "\n", encoding="utf-8")
        errors: list[str] = []
        tracemalloc.start()
        found = sum(1 for _ in screen(iter_listings(path, "utf-8", errors), detector))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert found == rows and not errors
        return top

    small, large = peak(500), peak(5_000)
    assert large < 2 * small, (small, large)
