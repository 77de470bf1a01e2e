"""Generated documents of a case: the mediation agreement and the judicial confirmation application.

HTML from templates (Chinese); PDF through WeasyPrint with the Noto CJK fonts of the Debian package
`fonts-noto-cjk` when both are installed (no network: fonts are local files).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from zhichan.cases.models import Case, PartyRole
from zhichan.engines.rules import rule

KINDS = {"agreement": "cases/documents/agreement.html", "confirmation": "cases/documents/confirmation.html"}


def render_document(case: Case, kind: str) -> str:
    """The document as a complete HTML page; LookupError when the case has no such document yet."""
    template = KINDS.get(kind)
    agreement = getattr(case, "agreement", None) if hasattr(case, "agreement") else None
    if template is None or agreement is None:
        raise LookupError(kind)
    confirmation = getattr(agreement, "confirmation", None) if hasattr(agreement, "confirmation") else None
    if kind == "confirmation" and confirmation is None:
        raise LookupError(kind)
    parties = list(case.parties.all())
    context: dict[str, Any] = {
        "case": case,
        "agreement": agreement,
        "confirmation": confirmation,
        "requesters": [p for p in parties if p.role == PartyRole.REQUESTER],
        "respondents": [p for p in parties if p.role == PartyRole.RESPONDENT],
        "confirmation_basis": rule("mediation.judicial_confirmation").basis,
        "confirmation_clock": case.clocks.filter(kind="confirmation").first(),
        "generated_at": timezone.localtime(),
    }
    return render_to_string(template, context)


def to_pdf(html: str) -> bytes | None:
    """The PDF of a document, or None when WeasyPrint is not installed on this machine."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # missing package or its system libraries (pango)
        return None
    return HTML(string=html).write_pdf()
