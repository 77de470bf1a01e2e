"""Generated documents of a case: the requester's receipt, the mediation agreement and the judicial
confirmation application.

Chinese documents write dates as 2026年3月2日 (data pages and messages use ISO dates; decision 0700).

HTML from templates (Chinese); PDF through WeasyPrint with the Noto CJK fonts of the Debian package
`fonts-noto-cjk` when both are installed (no network: fonts are local files).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from zhichan.cases.conf import conf
from zhichan.cases.models import Case, PartyRole
from zhichan.engines.rules import rule

KINDS = {
    "receipt": "cases/documents/receipt.html",
    "agreement": "cases/documents/agreement.html",
    "confirmation": "cases/documents/confirmation.html",
}


def available(case: Case) -> list[str]:
    """The documents the case has so far, in the order they arise."""
    kinds = ["receipt"] if case.acceptance_number else []
    if hasattr(case, "agreement"):
        kinds.append("agreement")
        if hasattr(case.agreement, "confirmation"):
            kinds.append("confirmation")
    return kinds


def render_document(case: Case, kind: str) -> str:
    """The document as a complete HTML page; LookupError when the case has no such document yet."""
    if kind not in available(case):
        raise LookupError(kind)
    if kind == "receipt":
        return _receipt(case)
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
        "confirmation_basis": rule("mediation.judicial_confirmation").citation,  # a document: no ISO version date
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


def _receipt(case: Case) -> str:
    """受理回执: what was received when, under which acceptance number, and what happens next."""
    parties = list(case.parties.all())
    return render_to_string(
        KINDS["receipt"],
        {
            "case": case,
            "office_name": conf("CASES_OFFICE_NAME"),
            "requesters": [p for p in parties if p.role == PartyRole.REQUESTER],
            "respondents": [p for p in parties if p.role == PartyRole.RESPONDENT],
            "evidence": list(case.evidence.all()),
            "received_at": timezone.localtime(case.received_at),
            "generated_at": timezone.localtime(),
        },
    )
