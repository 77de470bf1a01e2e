"""`zhichan watch names` as the engine's command line: files in, alerts out, bad input refused whole."""

import csv

import pytest

from zhichan.engines.names.cli import ALERTS_HEADER, main

MARKS = (
    "id,mark,classes,industry,owner\n"
    "m1,王老吉,32|43,,广州王老吉大健康产业有限公司\n"
    "m2,陶陶居,30|43,,\n"
    "m3,广州酒家,,62,\n"
)
NAMES = (
    "id,name,industry,description\n"
    "n1,广州市王老吉餐饮管理有限公司,,\n"
    "n2,王老吉官方旗舰店,,\n"
    "n3,廣州酒家,,\n"
    "n4,广州市番禺区淘淘居食品有限公司,C,\n"
    "n5,广州市加多宝餐饮有限公司,,\n"
    "n6,陶陶居,金融业,\n"
)


def files(tmp_path, marks=MARKS, names=NAMES, encoding="utf-8"):
    m, n = tmp_path / "marks.csv", tmp_path / "names.csv"
    m.write_bytes(marks.encode(encoding))
    n.write_bytes(names.encode(encoding))
    return str(m), str(n), tmp_path / "out" / "alerts.csv"


def run(m, n, out, *extra):
    return main(["--marks", m, "--names", n, "--out", str(out), "--workers", "1", *extra])


def read(out):
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030", "utf-8-sig"])
def test_end_to_end(tmp_path, capsys, encoding):
    m, n, out = files(tmp_path, encoding=encoding)
    assert run(m, n, out) == 0
    rows = read(out)
    assert rows[0] == ALERTS_HEADER == ["name_id", "mark_id", "score", "verdict", "reasons"]
    got = {(r[0], r[1]): r for r in rows[1:]}
    assert set(got) == {("n1", "m1"), ("n2", "m1"), ("n3", "m3"), ("n4", "m2"), ("n6", "m2")}
    assert got["n1", "m1"][3] == "infringing" and "[identical]" in got["n1", "m1"][4]
    assert got["n3", "m3"][3] == "infringing" and "[traditional]" in got["n3", "m3"][4]
    assert got["n6", "m2"][3] == "similar" and "[unrelated]" in got["n6", "m2"][4]
    assert all(r[3] in ("infringing", "similar", "not_similar") and float(r[2]) >= 0.7 for r in rows[1:])
    err = capsys.readouterr().err
    assert "6/6" in err and "names" in err  # the progress bar, on stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it in Chinese
    assert [p.name for p in out.parent.iterdir()] == ["alerts.csv"]


def test_threshold(tmp_path):
    m, n, out = files(tmp_path)
    assert run(m, n, out, "--threshold", "0.95") == 0
    assert {(r[0], r[1]) for r in read(out)[1:]} == {("n1", "m1"), ("n2", "m1"), ("n3", "m3")}


@pytest.mark.parametrize(
    ("marks", "names", "message"),
    [
        (MARKS, "id,title\nn1,王老吉\n", "names.csv row 1: header must have id,name (missing name)"),
        ("id,name\nm1,王老吉\n", NAMES, "marks.csv row 1: header must have id,mark (missing mark)"),
        (MARKS, "id,name\nn1,王老吉\n,陶陶居\n", "names.csv row 3 field id: empty"),
        (MARKS, "id,name\nn1,王老吉\nn2,\n", "names.csv row 3 field name: empty"),
        (
            "id,mark,classes\nm1,王老吉,32\nm2,陶陶居,30|99\n",
            NAMES,
            "marks.csv row 3 field classes: '99' is not a Nice class",
        ),
        ("id,mark,classes\nm1,王老吉,三十二\n", NAMES, "marks.csv row 2 field classes: '三十二'"),
        ("id,mark\nm1,王老吉\nm1,陶陶居\n", NAMES, "marks.csv row 3 field id: duplicate id 'm1'"),
    ],
)
def test_bad_input_is_refused_with_row_and_field_and_nothing_is_written(tmp_path, capsys, marks, names, message):
    m, n, out = files(tmp_path, marks, names)
    assert run(m, n, out) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_an_existing_alerts_file_is_kept_when_the_input_is_bad(tmp_path):
    m, n, out = files(tmp_path)
    assert run(m, n, out) == 0
    before = out.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nn1,王老吉\n,x\n", encoding="utf-8")
    assert run(m, str(bad), out) == 2
    assert out.read_bytes() == before


def test_missing_and_undecodable_files(tmp_path, capsys):
    m, n, out = files(tmp_path)
    assert run(m, str(tmp_path / "nope.csv"), out) == 2
    assert "nope.csv: file not found" in capsys.readouterr().err
    (tmp_path / "names.csv").write_bytes(b"id,name\nn1,\xff\xfe\xfa\n")
    assert run(m, n, out) == 2
    assert "names.csv" in capsys.readouterr().err and not out.exists()


def test_output_cells_are_formula_safe(tmp_path):
    m, n, out = files(tmp_path, "id,mark\n=HYPERLINK(1),王老吉\n", "id,name\n@SUM(1),王老吉官方旗舰店\n")
    assert run(m, n, out) == 0
    row = read(out)[1]
    assert row[:2] == ["'@SUM(1)", "'=HYPERLINK(1)"]


def test_industries_file_resolves_deeper_names(tmp_path):
    m, n, out = files(tmp_path, names="id,name,industry\nn1,陶陶居,货币银行服务\n")
    assert run(m, n, out) == 0
    assert "[unrelated]" not in read(out)[1][4]  # unknown without the full table: no signal
    table = tmp_path / "gbt.csv"
    table.write_bytes("code,name\n662,货币银行服务\n".encode("gbk"))
    assert run(m, n, out, "--industries", str(table)) == 0
    assert "[unrelated]" in read(out)[1][4]


def test_relatedness_file_replaces_the_table(tmp_path, capsys):
    m, n, out = files(tmp_path, names="id,name,industry\nn1,陶陶居,66\n")
    table = tmp_path / "rel.csv"
    table.write_text("# version: local-1\nindustry,nice_classes,strength\n66,30,strong\n", encoding="utf-8")
    assert run(m, n, out, "--relatedness", str(table)) == 0
    assert read(out)[1][3] == "infringing" and "[related]" in read(out)[1][4]
    table.write_text("# version: local-1\nindustry,nice_classes,strength\n66,46,strong\n", encoding="utf-8")
    assert run(m, n, out, "--relatedness", str(table)) == 2
    assert "第3行 nice_classes" in capsys.readouterr().err


def test_bad_threshold(tmp_path, capsys):
    m, n, out = files(tmp_path)
    assert run(m, n, out, "--threshold", "1.5") == 2
    assert "--threshold" in capsys.readouterr().err


@pytest.mark.slow
def test_workers(tmp_path):
    m, n, out = files(tmp_path, names="id,name\n" + "".join(f"n{i},王老吉{i}号凉茶店\n" for i in range(600)))
    assert main(["--marks", m, "--names", n, "--out", str(out), "--workers", "2"]) == 0
    rows = read(out)[1:]
    assert [r[0] for r in rows] == [f"n{i}" for i in range(600)]  # name order kept across workers
