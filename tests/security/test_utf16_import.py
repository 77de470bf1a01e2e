"""Issue 20, item 10: organisation CSVs in UTF-16 (which the README lists) pass the upload and import."""

from __future__ import annotations

import codecs

import pytest

from zhichan.core import jobs, services
from zhichan.core.evidence import EvidenceRejected, detect_media_type
from zhichan.core.models import Job, JobStatus, Organisation
from zhichan.engines.identifiers import uscc_check_character

ROWS = "名称,统一社会信用代码,类型,所在区\n" + "".join(
    f"广州十六位{i}号有限公司,{code}{uscc_check_character(code)},企业,天河区\n"
    for i, code in enumerate(["91440106MA5CXQ0A1", "91440106MA5CXQ0B2"])
)


@pytest.mark.django_db
@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_a_utf16_organisation_csv_is_accepted_and_imported(users, evidence_root, bom, codec):
    data = bom + ROWS.encode(codec)
    job = services.organisations_import_start(actor=users["official"], name="单位.csv", chunks=[data])
    jobs.execute(str(job.pk))
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.SUCCEEDED, (job.error, job.result)
    assert Organisation.objects.filter(name__startswith="广州十六位").count() == 2


def test_utf16_without_a_bom_and_html_in_utf16_are_still_refused(tmp_path):
    path = tmp_path / "upload"
    path.write_bytes(ROWS.encode("utf-16-le"))
    with pytest.raises(EvidenceRejected):
        detect_media_type(path, "单位.csv")
    path.write_bytes(codecs.BOM_UTF16_LE + "<div>x</div><script>alert(1)</script>".encode("utf-16-le"))
    with pytest.raises(EvidenceRejected, match="HTML"):
        detect_media_type(path, "note.txt")
