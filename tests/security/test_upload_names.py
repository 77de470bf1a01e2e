"""Issue 20, item 10: an upload's name with NUL, control or direction characters is refused, not stripped.

Django's multipart parser removed those characters before the evidence store saw the name, so
"invoice\u202egpj.exe" was stored as "invoicegpj.exe" and the README's refusal never happened.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhichan.core.models import EvidenceFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

REFUSED = [
    ("right-to-left override", "invoice\u202egpj.pdf", "方向"),
    ("NUL", "contract\x00.pdf", "空字符"),
    ("bell", "report\x07.pdf", "控制字符"),
    ("newline", "two\nlines.pdf", "控制字符"),
    ("only control characters", "\x01\x02", "控制字符"),
]


@pytest.mark.parametrize(("case", "name", "reason"), REFUSED, ids=[c[0] for c in REFUSED])
def test_the_api_refuses_the_name_with_its_reason(api, users, evidence_root, case, name, reason):
    api.force_authenticate(users["rights_holder"])
    response = api.post("/api/v1/evidence/", {"file": SimpleUploadedFile(name, PDF)}, format="multipart")
    assert response.status_code == 400, response.content
    assert reason in response.json()["file"][0]
    assert not EvidenceFile.objects.exists()


@pytest.mark.parametrize(("case", "name", "reason"), REFUSED, ids=[c[0] for c in REFUSED])
def test_the_page_refuses_the_name_with_its_reason(client, users, evidence_root, case, name, reason):
    client.force_login(users["rights_holder"])
    response = client.post("/evidence/", {"file": SimpleUploadedFile(name, PDF), "description": "x"})
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_a_name_with_an_ideographic_space_is_kept_whole(api, users, evidence_root):
    api.force_authenticate(users["rights_holder"])
    upload = SimpleUploadedFile("合同\u3000第二版.pdf", PDF)
    response = api.post("/api/v1/evidence/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    assert EvidenceFile.objects.get().original_name == "合同\u3000第二版.pdf"


def test_the_path_of_a_name_is_still_cut_off(api, users, evidence_root):
    api.force_authenticate(users["rights_holder"])
    upload = SimpleUploadedFile("C:\\docs\\合同.pdf", PDF)
    response = api.post("/api/v1/evidence/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    assert EvidenceFile.objects.get().original_name == "合同.pdf"
