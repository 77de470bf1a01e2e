"""Checking and storing evidence files: content decides the type, SHA-256 names the stored file.

Files are refused with a message saying what is wrong; a refused upload leaves nothing behind.
Stored files live outside the web root, are never modified, and are verified on every read.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import filetype
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as DefusedET
from django.utils.translation import gettext as _

_CHUNK = 1024 * 1024
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
# Archives: limits that a legitimate evidence bundle never reaches and a bomb always does.
ZIP_MAX_ENTRIES = 10_000
ZIP_MAX_RATIO = 100
ZIP_MAX_UNPACKED = 1024 * 1024 * 1024
ZIP_MAX_DEPTH = 3

# Allowed media types, with the extensions each may carry.
ALLOWED = {
    "application/pdf": {".pdf"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg", ".jfif"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
    "image/bmp": {".bmp"},
    "image/tiff": {".tif", ".tiff"},
    "image/svg+xml": {".svg"},
    "video/mp4": {".mp4", ".m4v"},
    "audio/mpeg": {".mp3"},
    "audio/x-wav": {".wav"},
    "application/zip": {".zip", ".ofd"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
    "text/plain": {".txt", ".csv", ".log", ".json", ".xml", ".eml", ""},
}
_OOXML_MARKERS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


class EvidenceRejected(ValueError):
    """An upload that may not be stored, with the reason in words for the uploader."""


@dataclass(frozen=True, slots=True)
class StoredBlob:
    sha256: str
    size: int
    media_type: str
    path: Path


def clean_filename(name: str) -> str:
    """The name as shown, or a refusal: no paths, control or direction characters, reserved names."""
    if not name or not name.strip():
        raise EvidenceRejected(_("文件名为空"))
    if "\x00" in name:
        raise EvidenceRejected(_("文件名含有空字符（NUL）"))
    if any(ch in _BIDI_CONTROLS for ch in name):
        raise EvidenceRejected(_("文件名含有文字方向控制字符（可用于伪装扩展名）"))
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise EvidenceRejected(_("文件名含有控制字符"))
    if "/" in name or "\\" in name or name.strip() in {".", ".."} or ".." in PurePosixPath(name).parts:
        raise EvidenceRejected(_("文件名含有路径（如 ../），只能是文件名本身"))
    name = unicodedata.normalize("NFC", name.strip())
    if len(name) > 255:
        raise EvidenceRejected(_("文件名超过255个字符"))
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        raise EvidenceRejected(_("文件名是系统保留名称"))
    return name


def _extension(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _looks_like_text(head: bytes) -> bool:
    """UTF-8, GB18030 (so GBK) or, after its byte-order mark, UTF-16: the encodings the imports read."""
    if head.startswith(_UTF16_BOMS):
        text = codecs.getincrementaldecoder("utf-16")(errors="strict")
        try:
            decoded = text.decode(head)  # a character cut by the end of the sample stays in the decoder
        except UnicodeDecodeError:
            return False
        return "\x00" not in decoded
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut by the end of the sample
                return True
    return False


_SVG_SCRIPT_ELEMENTS = {"script", "foreignobject", "handler", "listener", "iframe", "embed", "object"}
_SVG_ANIMATION = {"set", "animate", "animatetransform", "animatemotion"}
_SVG_LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "from", "to", "values", "by"}
_SVG_SAFE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z", re.IGNORECASE)
_CSS_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import|expression\s*\(|javascript\s*:", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _check_svg(data: bytes) -> None:
    """Refuse an SVG that can run anything or fetch anything: parsed, never matched as text.

    Not well-formed XML, a DTD or entity (XXE, billion laughs), a script-capable element, any event
    handler attribute (on*), an animation that sets an event handler or a link, and any reference that is
    not a fragment of the file itself (#id) or an inline raster image are refused. The parser decodes
    character references, so javascript&#58; is seen as javascript:.
    """
    try:
        root = DefusedET.fromstring(data)
    except (DefusedET.ParseError, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise EvidenceRejected(_("SVG 图片不是格式正确的 XML，或含有文档类型定义（DTD/实体），已拒绝")) from None
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in _SVG_SCRIPT_ELEMENTS:
            raise EvidenceRejected(_("SVG 图片含有脚本，已拒绝"))
        for raw_name, value in element.attrib.items():
            name = _local(raw_name)
            if name.startswith("on"):
                raise EvidenceRejected(_("SVG 图片含有事件处理脚本，已拒绝"))
            if (
                tag in _SVG_ANIMATION
                and name == "attributename"
                and (value.strip().lower().startswith("on") or _local(value.strip()) in _SVG_LINK_ATTRIBUTES)
            ):
                raise EvidenceRejected(_("SVG 图片含有事件处理脚本，已拒绝"))
            if name in _SVG_LINK_ATTRIBUTES or name == "style":
                _check_svg_reference(name, value)
        if tag == "style" and element.text and _CSS_URL.search(element.text):
            raise EvidenceRejected(_("SVG 图片引用了外部资源，已拒绝"))


def _check_svg_reference(name: str, value: str) -> None:
    compact = "".join(value.split()).lower()
    if "javascript:" in compact or "vbscript:" in compact:
        raise EvidenceRejected(_("SVG 图片含有脚本，已拒绝"))
    if name == "style":
        if _CSS_URL.search(value):
            raise EvidenceRejected(_("SVG 图片引用了外部资源，已拒绝"))
        return
    if name in {"href", "src", "action", "formaction"}:
        if compact.startswith("#") or _SVG_SAFE_DATA.match(value.strip()):
            return
        raise EvidenceRejected(_("SVG 图片引用了外部资源，已拒绝"))


# HTML: what a browser sniffs as HTML at the start (WHATWG MIME sniffing, "the HTML pattern"), and
# anywhere in a text file the tags and attributes that run script or load content.
_HTML_START = re.compile(
    rb"\A(?:<!doctype\s+html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|"
    rb"<body|<br|<p|<!--)[\s>/]",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(
    rb"<\s*(?:script|iframe|frame|frameset|object|embed|applet|html|body|svg|math|meta|base|form)[\s>/]"
    rb"|<[a-z][a-z0-9:-]*[^<>]*?[\s/\"']on[a-z]+\s*="
    rb"|<[a-z][^<>]*?(?:href|src|action)\s*=\s*[\"']?\s*javascript",
    re.IGNORECASE,
)
_HTML_OVERLAP = 1024


def _text_chunks(path: Path) -> Iterator[bytes]:
    """The file in chunks of bytes that the HTML patterns can match: UTF-16 is re-encoded as UTF-8."""
    with path.open("rb") as handle:
        first = handle.read(_CHUNK)
        if not first.startswith(_UTF16_BOMS):
            chunk = first
            while chunk:
                yield chunk
                chunk = handle.read(_CHUNK)
            return
        decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        chunk = first
        while chunk:
            yield decoder.decode(chunk).encode("utf-8")
            chunk = handle.read(_CHUNK)
        yield decoder.decode(b"", final=True).encode("utf-8")


def _contains_html(path: Path, *, whole: bool) -> bool:
    """The file read in chunks (overlapping, so a tag cut by a chunk boundary is still seen)."""
    tail = b""
    for index, chunk in enumerate(_text_chunks(path)):
        if index == 0 and _HTML_START.match(chunk.lstrip(b"\xef\xbb\xbf \t\r\n\x0c")):
            return True
        if not whole:
            return False
        window = tail + chunk
        if _HTML_ANYWHERE.search(window):
            return True
        tail = window[-_HTML_OVERLAP:]
    return False


class _Budget:
    """The bytes an archive and every archive inside it may still unpack, shared across the nesting."""

    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise EvidenceRejected(_("压缩文件解压后超过 1 GiB（疑似压缩炸弹）"))


def _check_archive(
    data: BinaryIO, depth: int = 0, *, budget: _Budget | None = None, scratch: Path | None = None
) -> str:
    """Refuse bombs, traversal, links and macros; return the OOXML media type or application/zip.

    Streaming: an archive inside the archive is unpacked chunk by chunk into a temporary file in
    `scratch` (never into memory), every unpacked byte counted against one budget for the whole nesting.
    """
    budget = budget if budget is not None else _Budget(ZIP_MAX_UNPACKED)
    try:
        archive = zipfile.ZipFile(data)
    except zipfile.BadZipFile:
        raise EvidenceRejected(_("压缩文件已损坏，无法读取")) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            raise EvidenceRejected(
                _("压缩文件包含 %(n)d 个条目，超过上限 %(max)d") % {"n": len(entries), "max": ZIP_MAX_ENTRIES}
            )
        media_type = "application/zip"
        nested = []
        # Every entry's names and declared sizes first (zipfile never unpacks more than the declared
        # size), so that a bomb anywhere in this archive is refused before anything is unpacked.
        for info in entries:
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
                raise EvidenceRejected(_("压缩文件中的“%(name)s”指向解压目录之外（路径穿越）") % {"name": name})
            if stat.S_ISLNK(info.external_attr >> 16):
                raise EvidenceRejected(_("压缩文件中的“%(name)s”是符号链接") % {"name": name})
            budget.spend(info.file_size)
            if info.file_size and info.file_size / max(info.compress_size, 1) > ZIP_MAX_RATIO:
                raise EvidenceRejected(_("压缩文件中的“%(name)s”压缩比异常（疑似压缩炸弹）") % {"name": name})
            if name.lower().endswith("vbaproject.bin"):
                raise EvidenceRejected(_("文档含有宏，已拒绝"))
            for prefix, ooxml in _OOXML_MARKERS.items():
                if name.startswith(prefix):
                    media_type = ooxml
            if name.lower().endswith((".zip", ".ofd", ".docx", ".xlsx", ".pptx")):
                if depth + 1 > ZIP_MAX_DEPTH:
                    raise EvidenceRejected(_("压缩文件嵌套过深（疑似压缩炸弹）"))
                nested.append(info)
        for info in nested:
            with tempfile.TemporaryFile(dir=scratch) as spool:
                with archive.open(info) as inner:
                    while chunk := inner.read(_CHUNK):
                        spool.write(chunk)
                spool.seek(0)
                _check_archive(spool, depth + 1, budget=budget, scratch=scratch)
        return media_type


def detect_media_type(path: Path, name: str) -> str:
    """Decide the type from content, then require the name's extension to agree with it."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(_EXECUTABLE_MAGIC):
        raise EvidenceRejected(_("文件是可执行程序或脚本，不能作为证据上传"))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<script", b"<head", b"<body", b"<iframe")):
        raise EvidenceRejected(_("文件内容是网页（HTML），不能作为证据上传；请另存为 PDF"))
    kind = filetype.guess(head)
    if kind is not None:
        media_type = kind.mime
        if media_type in (
            "application/x-msdownload",
            "application/x-executable",
            "application/x-mach-binary",
        ):
            raise EvidenceRejected(_("文件是可执行程序，不能作为证据上传"))
        if media_type == "application/zip" or media_type in _OOXML_MARKERS.values():
            with path.open("rb") as handle:
                media_type = _check_archive(handle, scratch=path.parent)
        elif media_type not in ALLOWED:
            raise EvidenceRejected(_("不接受此类文件（%(type)s）") % {"type": media_type})
    elif stripped.startswith(b"<?xml") or stripped.startswith(b"<svg"):
        data = path.read_bytes()
        if b"<svg" in data.lower():
            _check_svg(data)
            media_type = "image/svg+xml"
        elif _contains_html(path, whole=True):  # XHTML
            raise EvidenceRejected(_("文件内容是网页（HTML），不能作为证据上传；请另存为 PDF"))
        else:
            media_type = "text/plain"
    elif _looks_like_text(head):
        # A saved e-mail carries its HTML body as text of the message: only its start is checked.
        if _contains_html(path, whole=_extension(name) != ".eml"):
            raise EvidenceRejected(_("文件内容是网页（HTML），不能作为证据上传；请另存为 PDF"))
        media_type = "text/plain"
    else:
        raise EvidenceRejected(_("无法识别文件类型，不能作为证据上传"))
    extension = _extension(name)
    if extension not in ALLOWED[media_type]:
        raise EvidenceRejected(
            _("文件扩展名“%(ext)s”与内容（%(type)s）不符") % {"ext": extension or _("无"), "type": media_type}
        )
    return media_type


def store_stream(chunks: Iterable[bytes], *, root: Path, max_bytes: int, name: str) -> StoredBlob:
    """Hash while streaming into a temporary file, check it, then move it to its content address."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "tmp").mkdir(exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=root / "tmp")
    tmp_path = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise EvidenceRejected(_("文件超过大小上限 %(max)d 字节") % {"max": max_bytes})
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise EvidenceRejected(_("文件为空（0 字节）"))
        media_type = detect_media_type(tmp_path, name)
        sha256 = digest.hexdigest()
        final = blob_path(root, sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():
            tmp_path.unlink()
        else:
            os.chmod(tmp_path, 0o440)
            os.replace(tmp_path, final)
        return StoredBlob(sha256=sha256, size=size, media_type=media_type, path=final)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def blob_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return handle_sha256(handle)


def handle_sha256(handle: BinaryIO) -> str:
    """SHA-256 of an open file from its current position to the end."""
    digest = hashlib.sha256()
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
