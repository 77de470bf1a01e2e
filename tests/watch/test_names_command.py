"""`zhichan watch names`: the names engine's command line inside the watch command, with no database."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from zhichan.cli import main as zhichan_main

MARKS = "id,mark,classes\nm1,王老吉,32|43\nm2,陶陶居,30|43\nm3,广州酒家,30|43\n"
NAMES = "id,name,industry\nn1,广州市王老吉餐饮管理有限公司,\nn2,廣州酒家,\nn3,某某科技有限公司,\n"


def _files(tmp_path, names=NAMES):
    marks, named = tmp_path / "marks.csv", tmp_path / "names.csv"
    marks.write_text(MARKS, encoding="utf-8")
    named.write_bytes(names.encode("gbk"))
    return str(marks), str(named), tmp_path / "alerts.csv"


def _alerts(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_call_command_screens_the_names_without_a_database(tmp_path):
    # no `db` fixture: a query would fail the test
    marks, names, out = _files(tmp_path)
    call_command("watch", "names", "--marks", marks, "--names", names, "--out", str(out), "--workers", "1")
    rows = _alerts(out)
    assert rows[0] == ["name_id", "mark_id", "score", "verdict", "reasons"]
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [("n1", "m1", "infringing"), ("n2", "m3", "infringing")]


def test_bad_input_is_a_command_error_with_the_engines_exit_code(tmp_path, capsys):
    marks, names, out = _files(tmp_path, names="id,name\nn1,王老吉\n,陶陶居\n")
    with pytest.raises(CommandError) as raised:
        call_command("watch", "names", "--marks", marks, "--names", names, "--out", str(out))
    assert raised.value.returncode == 2
    assert "names.csv row 3 field id: empty" in capsys.readouterr().err
    assert not out.exists()


def test_the_zhichan_command_line(tmp_path):
    marks, names, out = _files(tmp_path)
    argv = ["watch", "names", "--marks", marks, "--names", names, "--out", str(out), "--threshold", "0.95"]
    assert zhichan_main([*argv, "--workers", "1"]) == 0
    assert [r[0] for r in _alerts(out)[1:]] == ["n1", "n2"]


@pytest.mark.slow
def test_the_installed_command_exits_2_on_bad_input(tmp_path):
    marks, _, out = _files(tmp_path)
    argv = ["watch", "names", "--marks", marks, "--names", "nope.csv", "--out", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "zhichan.cli", *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "nope.csv: file not found" in result.stderr
