"""What the intake page posts (a complete complaint), for the tests of its limits."""

from __future__ import annotations

from urllib.parse import urlencode

INTAKE_PAGE = {
    "right": "patent",
    "request_kind": "patent_ruling",
    "requester_name": "广州酒家集团股份有限公司",
    "respondent_name": "佛山某某电器有限公司",
    "facts": "对方销售侵权产品",
    "lawsuit_pending": "false",
    "respondent_abroad": "false",
    "respondent_domicile_in_china": "true",
    "infringement_known_on": "2025-01-10",
}


def urlencoded(data: dict[str, str]) -> str:
    return urlencode(data)
