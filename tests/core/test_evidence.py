"""Evidence files: content decides the type, hashes are checked on every read, bad uploads refused."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from tests.kit import assert_denied_and_audited
from zhichan.core.evidence import EvidenceRejected, blob_path
from zhichan.core.models import AuditEntry, EvidenceFile
from zhichan.core.services import EvidenceCorrupted, evidence_open, evidence_share, evidence_upload

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(entries: dict[str, bytes], *, method=zipfile.ZIP_DEFLATED) -> bytes:
    """The same bytes on every call: the entries' time is fixed (parameters are built at collection, and
    every xdist worker must collect the same test ids)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=method)
    return buffer.getvalue()


def _symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("link")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def _upload(user, name, data, **kwargs):
    return evidence_upload(
        actor=user, name=name, chunks=[data[i : i + 65536] for i in range(0, len(data), 65536)], **kwargs
    )


BAD_UPLOADS = [
    ("zip bomb (ratio)", "bundle.zip", lambda: _zip({"zeros.bin": b"\0" * 2_000_000}), "压缩炸弹"),
    (
        "nested zip bomb",
        "bundle.zip",
        lambda: _zip({"inner.zip": _zip({"z.bin": b"\0" * 1_000_000}, method=zipfile.ZIP_STORED)}),
        "压缩炸弹",
    ),
    ("path traversal", "bundle.zip", lambda: _zip({"../../etc/cron.d/x": b"* * * * * root sh"}), "路径穿越"),
    ("absolute path", "bundle.zip", lambda: _zip({"/etc/passwd": b"root"}), "路径穿越"),
    ("symlink in zip", "bundle.zip", _symlink_zip, "符号链接"),
    ("macro document", "report.docx", lambda: _zip({"word/document.xml": b"<w/>", "word/vbaProject.bin": b"x"}), "宏"),
    (
        "svg with script",
        "logo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "脚本",
    ),
    (
        "svg with handler",
        "logo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        "脚本",
    ),
    ("html renamed jpg", "photo.jpg", lambda: b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
    ("exe renamed pdf", "contract.pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200, "可执行"),
    ("elf renamed pdf", "contract.pdf", lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "可执行"),
    ("script renamed txt", "notes.txt", lambda: b"#!/bin/sh\nrm -rf /\n", "可执行"),
    ("png renamed pdf", "scan.pdf", lambda: PNG, "不符"),
    ("empty file", "empty.pdf", lambda: b"", "0 字节"),
    ("limit + 1 bytes", "big.txt", lambda: b"a" * 4097, "大小上限"),
]
BAD_NAMES = [
    ("../../etc/passwd.pdf", "路径"),
    ("a/b.pdf", "路径"),
    ("..", "路径"),
    ("inv\x00oice.pdf", "NUL"),
    ("photo\u202egnp.exe.pdf", "方向控制"),
    ("CON.pdf", "保留"),
    ("", "为空"),
]


@pytest.fixture
def uploader(users, evidence_root, settings):
    settings.EVIDENCE_MAX_BYTES = 4096
    return users["rights_holder"]


@pytest.mark.parametrize(("case", "name", "make", "reason"), BAD_UPLOADS, ids=[c[0] for c in BAD_UPLOADS])
def test_bad_uploads_are_refused_and_leave_nothing(uploader, evidence_root, settings, case, name, make, reason):
    if case.startswith("zip bomb") or case.startswith("nested"):
        settings.EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    denials = AuditEntry.objects.filter(result="denied").count()
    with pytest.raises(EvidenceRejected) as refused:
        _upload(uploader, name, make())
    assert reason in str(refused.value)
    assert not EvidenceFile.objects.exists()
    stored = [p for p in evidence_root.rglob("*") if p.is_file()]
    assert stored == []
    assert AuditEntry.objects.filter(result="denied").count() == denials + 1


@pytest.mark.parametrize(("name", "reason"), BAD_NAMES)
def test_bad_names_are_refused(uploader, name, reason):
    with pytest.raises(EvidenceRejected) as refused:
        _upload(uploader, name, PDF)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("扫描件.pdf", PDF, "application/pdf"),
        ("截图.png", PNG, "image/png"),
        ("说明.txt", "侵权链接清单\n".encode("gbk"), "text/plain"),
        ("证据包.zip", _zip({"a.txt": b"hello", "sub/b.txt": b"world"}), "application/zip"),
        ("clean.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', "image/svg+xml"),
    ],
)
def test_good_uploads_are_stored_by_hash(uploader, evidence_root, name, data, media_type):
    evidence = _upload(uploader, name, data)
    assert evidence.media_type == media_type
    assert evidence.sha256 == hashlib.sha256(data).hexdigest() and evidence.size == len(data)
    assert evidence.original_name == name and evidence.organisation == uploader.organisation
    path = blob_path(evidence_root, evidence.sha256)
    assert path.read_bytes() == data
    assert not list((evidence_root / "tmp").iterdir())


def test_download_verifies_hash_and_logs_custody(uploader, users, evidence_root):
    evidence = _upload(uploader, "扫描件.pdf", PDF)
    with evidence_open(actor=users["official"], evidence=evidence) as handle:
        assert handle.read() == PDF
    custody = AuditEntry.objects.filter(object_id=str(evidence.pk)).order_by("seq").values_list("action", "actor_label")
    assert list(custody) == [("evidence.upload", "t-rights_holder"), ("evidence.download", "t-official")]


def test_corrupted_file_is_refused_with_a_clear_error(uploader, users, evidence_root):
    evidence = _upload(uploader, "扫描件.pdf", PDF)
    path = blob_path(evidence_root, evidence.sha256)
    path.chmod(0o640)
    data = bytearray(path.read_bytes())
    data[10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(EvidenceCorrupted) as refused:
        evidence_open(actor=users["official"], evidence=evidence)
    assert "已损坏" in str(refused.value) and "SHA-256" in str(refused.value)
    assert AuditEntry.objects.filter(object_id=str(evidence.pk), result="failure").exists()


def test_mediator_sees_only_shared_evidence(uploader, users, evidence_root):
    evidence = _upload(uploader, "扫描件.pdf", PDF)
    assert_denied_and_audited(
        lambda: evidence_open(actor=users["mediator"], evidence=evidence),
        action="evidence.download",
        object_type="evidence",
        object_id=evidence.pk,
    )
    evidence_share(actor=users["official"], evidence=evidence, users=[users["mediator"]])
    with evidence_open(actor=users["mediator"], evidence=evidence) as handle:
        assert handle.read() == PDF


def test_api_upload_and_verified_download(api, users, evidence_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api.force_authenticate(users["rights_holder"])
    response = api.post(
        "/api/v1/evidence/", {"file": SimpleUploadedFile("合同.pdf", PDF), "description": "合同"}, format="multipart"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest() and body["media_type"] == "application/pdf"
    download = api.get(f"/api/v1/evidence/{body['id']}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    refused = api.post(
        "/api/v1/evidence/", {"file": SimpleUploadedFile("photo.jpg", b"<html><script>x</script>")}, format="multipart"
    )
    assert refused.status_code == 400 and "HTML" in refused.json()["file"][0]


def test_sweep_finds_damaged_files_and_command_fails(uploader, users, evidence_root):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from zhichan.core.services import evidence_verify_all

    good = _upload(uploader, "a.pdf", PDF)
    bad = _upload(uploader, "b.pdf", PDF + b"%b")
    assert evidence_verify_all()["broken"] == []
    call_command("evidence", "verify")
    path = blob_path(evidence_root, bad.sha256)
    path.chmod(0o640)
    path.write_bytes(PDF + b"%tampered")
    result = evidence_verify_all()
    assert [item["id"] for item in result["broken"]] == [str(bad.pk)] and result["checked"] == 2
    assert AuditEntry.objects.filter(action="evidence.verify", object_id=str(bad.pk), result="failure").exists()
    assert not AuditEntry.objects.filter(action="evidence.verify", object_id=str(good.pk)).exists()
    with pytest.raises(CommandError):
        call_command("evidence", "verify")
