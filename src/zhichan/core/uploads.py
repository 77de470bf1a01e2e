"""Uploaded files keep the name their sender gave them, so that the evidence store can refuse it.

Django's multipart parser silently removes every character that is not printable from an upload's
name (NUL, control characters, the direction overrides RLO/LRO that disguise an extension, and also
the ideographic space of many Chinese names). The platform's rule is the opposite: a name with NUL,
control or direction characters is refused with a reason (`evidence.clean_filename`), and every other
character is kept. This parser cuts the path off as Django does, then gives each file the name as sent.
The temporary file on disk is named by Django before that, so no odd character reaches the file system.
"""

from __future__ import annotations

import html
from typing import Any

from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class NameKeepingMultiPartParser(MultiPartParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sent_names: dict[str, str] = {}

    def sanitize_file_name(self, file_name: str) -> str | None:
        cleaned = super().sanitize_file_name(file_name)
        sent = html.unescape(file_name).rsplit("/")[-1].rsplit("\\")[-1]
        if cleaned is None and sent not in {"", ".", ".."}:
            cleaned = "upload"  # only unprintable characters: kept, so that the refusal names them
        if cleaned is not None and sent != cleaned:
            self._sent_names.setdefault(cleaned, sent)
        return cleaned

    def parse(self) -> Any:
        post, files = super().parse()
        for _field, uploads in files.lists():
            for upload in uploads:
                sent = self._sent_names.get(upload.name)
                if sent is not None:
                    upload.name = sent
        return post, files


def parse_file_upload(request: HttpRequest, meta: Any, post_data: Any) -> Any:
    """`HttpRequest.parse_file_upload` with the name-keeping parser (installed by the middleware)."""
    from django.utils.datastructures import ImmutableList

    request.upload_handlers = ImmutableList(
        request.upload_handlers, warning="You cannot alter upload handlers after the upload has been processed."
    )
    return NameKeepingMultiPartParser(meta, post_data, request.upload_handlers, request.encoding).parse()


class ApiMultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser with the name-keeping Django parser underneath."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        from django.conf import settings
        from django.http.multipartparser import MultiPartParserError

        parser_context = parser_context or {}
        request = parser_context["request"]
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            data, files = NameKeepingMultiPartParser(meta, stream, request.upload_handlers, encoding).parse()
        except MultiPartParserError as exc:
            raise ParseError(f"Multipart form parse error - {exc}") from exc
        return parsers.DataAndFiles(data, files)
