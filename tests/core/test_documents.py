"""`core.documents.render`: one template as an HTML page or a PDF, and one `PdfUnavailable` path."""

from __future__ import annotations

import io
import sys

import pytest
from django.utils import translation

from zhichan.core import documents

PAGE = "<html><head><meta charset='utf-8'></head><body><p>{{ name }}的受理回执</p></body></html>"


@pytest.fixture
def template(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"doc.html": PAGE})]},
        }
    ]
    return "doc.html"


def test_html_is_the_template_rendered_and_escaped(template):
    assert documents.render(template, {"name": "<王老吉>"}) == PAGE.replace("{{ name }}", "&lt;王老吉&gt;")


def test_pdf_keeps_the_chinese_text(template):
    pytest.importorskip("weasyprint", reason="PDF needs WeasyPrint and fonts-noto-cjk")
    pypdf = pytest.importorskip("pypdf", reason="reading the PDF's text back needs pypdf")
    data = documents.render(template, {"name": "王老吉"}, fmt="pdf")
    assert data.startswith(b"%PDF")
    assert "王老吉的受理回执" in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_without_weasyprint_one_exception_carries_the_one_message(template, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # importing it now raises ImportError
    assert not documents.pdf_available()
    with pytest.raises(documents.PdfUnavailable, match="本机未安装 PDF 生成组件"):
        documents.render(template, {"name": "甲"}, fmt="pdf")
    assert documents.render(template, {"name": "甲"}).startswith("<html>")  # the page still renders
    with translation.override("en"):
        assert "PDF" in str(documents.PdfUnavailable()) and "本机" not in str(documents.PdfUnavailable())
