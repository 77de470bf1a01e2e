"""Documents in one shape: `render(template, context, fmt)` gives the HTML page or its PDF.

A document is a Django template that makes a complete page (styles inline, no JavaScript), so that it
prints and converts as it is. PDF goes through WeasyPrint with the Noto CJK fonts of the Debian package
fonts-noto-cjk (local files, no network). Where WeasyPrint or its system libraries are missing, the one
exception `PdfUnavailable` carries the one message a reader sees (in a job's log or on a page), and
`pdf_available()` tells beforehand, for work that should skip the PDF rather than fail.
"""

from __future__ import annotations

from typing import Any, Literal, overload

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

PDF_UNAVAILABLE = gettext_lazy(
    "本机未安装 PDF 生成组件（WeasyPrint 及字体 fonts-noto-cjk），未生成 PDF；可打印网页版本"
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the system's Pango it needs) is not installed here."""

    def __init__(self) -> None:
        super().__init__(str(PDF_UNAVAILABLE))


def pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # the package, or its system libraries
        return False
    return True


def to_pdf(html: str) -> bytes:
    """A rendered page as PDF, its Chinese fonts embedded and its text extractable."""
    try:
        import weasyprint
    except (ImportError, OSError):
        raise PdfUnavailable from None
    return bytes(weasyprint.HTML(string=html).write_pdf())


@overload
def render(template: str, context: dict[str, Any], fmt: Literal["html"] = "html") -> str: ...


@overload
def render(template: str, context: dict[str, Any], fmt: Literal["pdf"]) -> bytes: ...


def render(template: str, context: dict[str, Any], fmt: Literal["html", "pdf"] = "html") -> str | bytes:
    """The document as an HTML page, or as PDF (`PdfUnavailable` where it cannot be made)."""
    html = render_to_string(template, context)
    return to_pdf(html) if fmt == "pdf" else html
