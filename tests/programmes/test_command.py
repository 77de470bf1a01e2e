"""`zhichan programmes import ... | check ...`."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.programmes.conftest import ITEMS
from zhichan.programmes import services
from zhichan.programmes.models import CopyrightRegistration


def test_import_per_row_keeps_the_good_rows_and_says_so(db, tmp_path):
    path = tmp_path / "copyright.csv"
    path.write_bytes(
        (
            "登记号,作品名称,类别,著作权人,登记日期\n"
            "国作登字-2026-F-1,羊城,作品著作权,甲,2026-01-02\n"
            "国作登字-2026-F-2,花城,雕塑,乙,2026-01-03\n"
        ).encode("gb18030")
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="rerun resumes"):
        call_command("programmes", "import", "copyright", str(path), stdout=out, stderr=err)
    assert "created 1" in out.getvalue() and "类别" in err.getvalue()
    assert CopyrightRegistration.objects.count() == 1


def test_check_prints_every_check_with_its_record(cast, programme, orgs):
    application = services.application_create(
        actor=cast["rights_holder"],
        call=programme["call"],
        organisation=orgs["own"],
        items=ITEMS,
        today=date(2026, 3, 10),
    )
    out = io.StringIO()
    call_command("programmes", "check", str(application.pk), stdout=out)
    text = out.getvalue()
    assert "PASS district applicant 440106" in text
    assert "FAIL granted patent:CN202610000004.0 application" in text
    # no finding, nothing funded before: 15000 + 20000 (capped per item) + 5000 + 8000
    assert text.strip().splitlines()[-1] == "total 48000.00"
    with pytest.raises(CommandError, match="no application"):
        call_command("programmes", "check", "not-a-uuid")
