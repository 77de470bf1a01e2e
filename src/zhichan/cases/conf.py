"""Settings of the cases app, each overridable in Django settings under the same name.

Non-legal choices only (legal time limits live in `legal_rules.csv`): how case numbers look, which
office this installation is, which courts exist for judicial confirmation.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Case number: unique per (office, channel, year); `seq` comes from a locked counter row.
    "CASES_NUMBER_FORMAT": "{office}{channel}〔{year}〕{seq:05d}号",
    "CASES_OFFICE": "穗知",
    # Acceptance number given to every request at intake (受理编号), per office and year of receipt.
    "CASES_ACCEPTANCE_FORMAT": "{office}保〔{year}〕第{seq:04d}号",
    # Who accepts requests, as the receipt names it.
    "CASES_OFFICE_NAME": "广州市市场监督管理局（知识产权局）",
    "CASES_CHANNEL_CODES": {
        "administrative_ruling": "裁",
        "administrative_enforcement": "执",
        "mediation": "调",
        "arbitration": "仲",
        "overseas_assistance": "海",
        "fair_complaint": "展",
        "court": "诉",
        "rights_assistance": "援",
    },
    # Clocks turn amber when this many working days (or, for hour clocks, hours) or fewer remain.
    "CASES_AMBER_WORKING_DAYS": 2,
    "CASES_AMBER_HOURS": 6,
    # Courts for judicial confirmation (民事诉讼法 Art. 205; rules.md 10): basic-level court of each
    # Guangzhou district, and the court for disputes of intermediate jurisdiction (IP disputes such as
    # invention patents; the mapping to the IP court is an inference noted in rules.md).
    "CASES_BASIC_COURTS": {
        "440103": "广州市荔湾区人民法院",
        "440104": "广州市越秀区人民法院",
        "440105": "广州市海珠区人民法院",
        "440106": "广州市天河区人民法院",
        "440111": "广州市白云区人民法院",
        "440112": "广州市黄埔区人民法院",
        "440113": "广州市番禺区人民法院",
        "440114": "广州市花都区人民法院",
        "440115": "广州市南沙区人民法院",
        "440117": "广州市从化区人民法院",
        "440118": "广州市增城区人民法院",
    },
    "CASES_INTERMEDIATE_IP_COURT": "广州知识产权法院",
}


def conf(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])
