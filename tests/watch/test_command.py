"""`zhichan watch import-marks|import-publication|screen` from files, as the system account."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from zhichan.watch.models import Alert, Filing, ProtectedMark


def test_the_command_imports_the_register_and_a_gbk_publication_and_screens_it(db, tmp_path, capsys):
    marks = tmp_path / "marks.csv"
    marks.write_text(
        "注册号,商标,类别,注册人,注册日,中华老字号\n900002,陶陶居,30,广州陶陶居食品有限公司,2016-12-28,2006\n",
        encoding="utf-8",
    )
    publication = tmp_path / "publication.csv"
    publication.write_text(
        "申请号,商标,类别,申请人,公告日期,期号\n81000001,陶淘居,30,某某食品有限公司,2027-01-06,1962\n", encoding="gbk"
    )
    call_command("watch", "import-marks", str(marks))
    call_command("watch", "import-publication", str(publication))
    out = capsys.readouterr().out
    assert "screened 1, alerts 1" in out
    assert ProtectedMark.objects.count() == Filing.objects.count() == Alert.objects.count() == 1
    call_command("watch", "import-publication", str(publication))  # again: nothing stored twice
    assert "created 0, updated 0, unchanged 1" in capsys.readouterr().out


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("watch", "import-marks", str(tmp_path / "none.csv"))
