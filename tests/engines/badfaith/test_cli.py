"""`zhichan badfaith`: GBK and UTF-8 input, one row per flag out, bad input named by row and field with
exit code 2 and nothing written."""

from __future__ import annotations

import csv

from zhichan.cli import main as zhichan
from zhichan.engines.badfaith.cli import main

FILINGS = "申请号,商标,申请人,类别,申请日,申请人地址,代理机构\n" + "".join(
    f"{i},王老吉{i},抢注有限公司,32,2026-11-02,广州市天河区天河路1号,\n" for i in range(3)
)
MARKS = "id,mark,classes,owner\nk1,王老吉,32,广州王老吉大健康产业有限公司\n"
ORGS = "名称,地址,联系电话\n深圳市腾飞网络科技有限公司,,\n"


def _write(path, text, encoding="gbk"):
    path.write_bytes(text.encode(encoding))
    return path


def _read(path):
    with path.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_gbk_filings_against_marks_and_the_directory(tmp_path):
    filings = _write(tmp_path / "filings.csv", FILINGS + "9,腾飞,抢注有限公司,9,2026-11-02,,\n")
    marks = _write(tmp_path / "marks.csv", MARKS, "utf-8")
    orgs = _write(tmp_path / "orgs.csv", ORGS)
    out = tmp_path / "flags.csv"
    argv = ["--filings", str(filings), "--out", str(out), "--marks", str(marks), "--directory", str(orgs)]
    assert main(argv) == 0
    rows = _read(out)
    assert {r["situation"] for r in rows} == {"6.3"}  # three copies of one owner's mark; one trade name only
    (row,) = rows
    assert row["applicants"] == "抢注有限公司" and row["filings"] == "0|1|2"
    assert "王老吉" in row["evidence"] and row["rule_keys"] == "badfaith.repeat_known_mark|badfaith.factor_known_mark"
    assert row["level"] == "一般关注"


def test_the_zhichan_command_serves_it(tmp_path):
    filings = _write(tmp_path / "filings.csv", FILINGS)
    out = tmp_path / "flags.csv"
    assert zhichan(["badfaith", "--filings", str(filings), "--out", str(out)]) == 0
    assert _read(out) == []


def test_a_formula_in_a_cell_is_written_as_text(tmp_path):
    text = "申请号,商标,申请人,类别\n" + "".join(f"{i},=长城{i},=HYPERLINK(1),9\n" for i in range(3))
    text += "".join(f"x{i},{p},=HYPERLINK(1),9\n" for i, p in enumerate(["广州", "长城", "黄山"]))
    out = tmp_path / "flags.csv"
    assert main(["--filings", str(_write(tmp_path / "f.csv", text)), "--out", str(out)]) == 0
    (row,) = _read(out)
    assert row["applicants"].startswith("'=")


def test_bad_input_is_named_by_row_and_field_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "flags.csv"
    out.write_text("before", encoding="utf-8")
    cases = {
        "申请号,商标,类别\n1,甲,30\n": "row 1: the header must have applicant",
        "申请号,商标,申请人,类别\n1,甲,乙,30\n2,,乙,30\n": "row 3 field 商标: empty",
        "申请号,商标,申请人,类别\n1,甲,乙,99\n": "row 2 field classes: '99' is not a Nice class",
        "申请号,商标,申请人,申请日\n1,甲,乙,2026-13-01\n": "row 2 field filed_on",
        "申请号,商标,申请人\n1,甲,乙\n1,丙,丁\n": "row 3 field id: duplicate",
    }
    for i, (text, message) in enumerate(cases.items()):
        path = _write(tmp_path / f"bad{i}.csv", text)
        assert main(["--filings", str(path), "--out", str(out)]) == 2
        assert message in capsys.readouterr().err
    assert main(["--filings", str(tmp_path / "missing.csv"), "--out", str(out)]) == 2
    assert "file not found" in capsys.readouterr().err
    (tmp_path / "latin1.csv").write_bytes("申请号,商标,申请人\n1,é,乙\n".encode("utf-16-le"))
    assert main(["--filings", str(tmp_path / "latin1.csv"), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "before"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".badfaith")) == []


def test_a_bad_list_directory_is_refused(tmp_path, capsys):
    filings = _write(tmp_path / "filings.csv", FILINGS)
    assert main(["--filings", str(filings), "--out", str(tmp_path / "o.csv"), "--lists", str(tmp_path)]) == 2
    assert "famous_names.csv: file not found" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()
