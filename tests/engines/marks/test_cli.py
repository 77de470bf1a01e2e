import csv
import json

from zhichan.engines.marks.cli import main


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_compare_two_marks_prints_verdict_and_reasons(capsys):
    assert main(["compare", "康帅傅", "康师傅", "--no-embeddings"]) == 0
    out = capsys.readouterr().out
    assert "similar" in out
    assert "5.1.7 三字以上仅一字不同: 康帅傅 / 康师傅" in out


def test_compare_json(capsys):
    assert main(["compare", "苹果", "APPLE", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "similar"
    assert data["reasons"][0]["rule"] == "5.1.6"


def test_compare_pairs_keeps_input_order_and_header(tmp_path):
    pairs = write(tmp_path / "pairs.csv", "note,a,b\nx,康帅傅,康师傅\ny,王老吉,加多宝\nz,ABCD,ABCE\n")
    out = tmp_path / "out.csv"
    assert main(["compare", "--pairs", pairs, "--out", str(out), "--no-embeddings"]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["a", "b", "score", "verdict", "sound", "shape", "meaning", "reasons"]
    assert [r[:2] for r in rows[1:]] == [["康帅傅", "康师傅"], ["王老吉", "加多宝"], ["ABCD", "ABCE"]]
    assert [r[3] for r in rows[1:]] == ["similar", "not_similar", "similar"]
    assert "5.1.9" in rows[3][7]


def test_bad_input_names_file_row_and_field(tmp_path, capsys):
    pairs = write(tmp_path / "pairs.csv", "a,b\n康师傅,康帅傅\n,雪碧\n")
    assert main(["compare", "--pairs", pairs, "--out", str(tmp_path / "o.csv")]) == 2
    assert "pairs.csv row 3 field a: empty" in capsys.readouterr().err
    missing = write(tmp_path / "m.csv", "x,y\n1,2\n")
    assert main(["compare", "--pairs", missing, "--out", str(tmp_path / "o.csv")]) == 2
    assert "header must have a,b" in capsys.readouterr().err
    (tmp_path / "latin1.csv").write_bytes("a,b\n\xe9,x\n".encode("latin-1"))
    assert main(["compare", "--pairs", str(tmp_path / "latin1.csv"), "--out", str(tmp_path / "o.csv")]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["compare", "only-one"]) == 2
    assert main(["compare", "--pairs", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_screen_writes_alerts_with_reasons(tmp_path):
    protected = write(tmp_path / "p.csv", "id,mark,classes,owner\nP1,康师傅,30,顶新\nP2,雪碧,3202,\nP3,王老吉,3202,\n")
    filings = write(
        tmp_path / "f.csv",
        "id,mark,classes\nF1,康帅傅,30\nF2,雷碧,3202\nF3,加多宝,3202\nF4,广州王老吉凉茶,\n",
    )
    table = write(
        tmp_path / "goods.csv",
        "edition,nice_class,group,name,similar_groups\nT1,30,3001,咖啡,\nT1,32,3202,不含酒精的饮料,\n",
    )
    out = tmp_path / "alerts.csv"
    args = ["screen", "--protected", protected, "--filings", filings, "--out", str(out), "--workers", "1"]
    assert main([*args, "--goods-table", table]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert list(rows[0]) == ["filing_id", "protected_id", "score", "verdict", "reasons"]
    assert [(r["filing_id"], r["protected_id"]) for r in rows] == [("F1", "P1"), ("F2", "P2"), ("F4", "P3")]
    assert "5.1.7" in rows[0]["reasons"]
    assert "同一类似群" in rows[1]["reasons"]


def test_screen_rejects_duplicate_ids(tmp_path, capsys):
    protected = write(tmp_path / "p.csv", "id,mark\nP1,雪碧\nP1,可乐\n")
    filings = write(tmp_path / "f.csv", "id,mark\nF1,雷碧\n")
    out = str(tmp_path / "a.csv")
    assert main(["screen", "--protected", protected, "--filings", filings, "--out", out]) == 2
    assert "row 3 field id: duplicate" in capsys.readouterr().err


def test_outputs_are_excel_csv_with_formulas_neutralised(tmp_path):
    """A mark or id that a spreadsheet would run as a formula is written as text (CSV injection)."""
    formula = "=cmd|' /C calc'!A0"
    pairs = write(tmp_path / "pairs.csv", f'a,b\n"{formula}",calc\n')
    out = tmp_path / "out.csv"
    assert main(["compare", "--pairs", pairs, "--out", str(out), "--no-embeddings"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfa,b,score")  # UTF-8 with BOM: Excel opens Chinese text
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[1][:2] == ["'" + formula, "calc"]
    protected = write(tmp_path / "p.csv", "id,mark\n+P1,康师傅\n")
    filings = write(tmp_path / "f.csv", "id,mark\n@F1,康帅傅\n")
    alerts = tmp_path / "alerts.csv"
    args = ["screen", "--protected", protected, "--filings", filings, "--out", str(alerts), "--workers", "1"]
    assert main(args) == 0
    rows = list(csv.reader(alerts.open(encoding="utf-8-sig")))
    assert rows[0] == ["filing_id", "protected_id", "score", "verdict", "reasons"]
    assert rows[1][:2] == ["'@F1", "'+P1"]


def test_pairs_output_neutralises_cells_a_spreadsheet_would_evaluate(tmp_path):
    pairs = write(tmp_path / "pairs.csv", 'a,b\n=HYPERLINK("http://x"),康师傅\n@SUM(1),-1\n')
    out = tmp_path / "out.csv"
    assert main(["compare", "--pairs", pairs, "--out", str(out), "--no-embeddings"]) == 0
    assert out.read_bytes().startswith("\ufeffa,b".encode())
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert [r[:2] for r in rows[1:]] == [['\'=HYPERLINK("http://x")', "康师傅"], ["'@SUM(1)", "'-1"]]
