"""Keys that compare parties and names: normalised names, addresses, phones, e-mails, and the trade name
(字号) of a company name.

A minimal local normalisation on `engines.text.normalize`: the names engine being written beside this
one will do trade-name extraction properly; until then this strips what is clearly not the trade name
(the region in front, the legal form and a common industry word behind).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from zhichan.engines.text import normalize

# legal forms, longest first (a name ends with one of them at most once)
_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "合伙企业",
    "个体工商户",
    "分公司",
    "公司",
    "集团",
    "商行",
    "工作室",
    "经营部",
    "门市部",
    "研究院",
    "研究所",
    "厂",
    "店",
    "社",
    "co ltd",
    "coltd",
    "limited",
    "ltd",
    "inc",
)
# industry words that stand between the trade name and the legal form (GB/T 4754 words in names)
_INDUSTRIES = (
    "信息技术",
    "网络科技",
    "生物科技",
    "电子商务",
    "国际贸易",
    "进出口",
    "科技",
    "技术",
    "贸易",
    "商贸",
    "实业",
    "投资",
    "控股",
    "发展",
    "文化传播",
    "文化",
    "传媒",
    "食品",
    "餐饮",
    "饮料",
    "酒业",
    "茶业",
    "服饰",
    "服装",
    "电子",
    "电器",
    "医药",
    "药业",
    "化妆品",
    "日用品",
    "家居",
    "建材",
    "物流",
    "咨询",
    "管理",
    "企业",
    "知识产权代理",
    "商标代理",
    "代理",
    "品牌管理",
    "酒家",
    "酒楼",
    "餐厅",
    "集团",
    "大健康产业",
    "健康产业",
    "大健康",
    "产业",
)
_INDUSTRIES_LONGEST_FIRST = sorted(_INDUSTRIES, key=len, reverse=True)
# region words that stand in front: "广东省", "广州市", "天河区" and the bare names of the places list
_REGION_SUFFIXES = ("省", "市", "区", "县", "自治区", "自治州", "镇")
_DIGITS = re.compile(r"\D")


@lru_cache(maxsize=1 << 18)
def key(text: str) -> str:
    """The normalised form two names are compared in (width, case, Traditional->Simplified, no spaces)."""
    return normalize(text).replace(" ", "")


@lru_cache(maxsize=1 << 18)
def address_key(text: str) -> str:
    """An address without spacing and punctuation, `号` and `室` kept (the number is the address)."""
    return key(text)


def phone_key(text: str) -> str:
    """The digits of a phone number without the country code 86 and a trunk 0."""
    digits = _DIGITS.sub("", text)
    if digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    return digits.lstrip("0")


def email_key(text: str) -> str:
    return text.strip().lower()


@cache
def _region_pattern(regions: frozenset[str]) -> re.Pattern[str]:
    names = sorted(regions, key=len, reverse=True)
    suffixes = "|".join(sorted(_REGION_SUFFIXES, key=len, reverse=True))
    body = "|".join(re.escape(n) for n in names) if names else r"(?!x)x"
    return re.compile(
        rf"^(?:(?:{body})(?:{suffixes})?|[\u4e00-\u9fff]{{2,3}}(?:省|市|自治区)|[\u4e00-\u9fff]{{2}}(?:区|县))"
    )


def trade_name(company: str, *, regions: Iterable[str] = ()) -> str:
    """The trade name of a company name: `广州市天河区好味道餐饮管理有限公司` -> `好味道`.

    Regions in front are stripped (the given region names, with or without 省/市/区/县, and any two or
    three characters ending 省/市/自治区), then the legal form behind, then industry words behind. What is
    left is the trade name; a name that is nothing but those parts gives "".
    """
    whole = key(company)
    region_keys = frozenset(key(r) for r in regions)
    pattern = _region_pattern(region_keys)
    text = whole
    for _ in range(3):  # 广东省广州市天河区
        stripped = pattern.sub("", text, count=1)
        if stripped == text or not stripped:
            break
        text = stripped
    core = _strip_behind(text)
    if not core or core in _INDUSTRIES or core in _FORMS:  # 广州酒家: the region is part of the trade name
        core = _strip_behind(whole, keep=region_keys)
    return "" if core in _INDUSTRIES or core in _FORMS else core


def _strip_behind(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    """`text` without its legal form and industry words behind, never down to a bare region in `keep`."""
    for form in _FORMS:
        if text.endswith(form) and len(text) > len(form):
            text = text[: -len(form)]
            break
    changed = True
    while changed:
        changed = False
        for word in _INDUSTRIES_LONGEST_FIRST:
            if text.endswith(word) and len(text) > len(word) and text[: -len(word)] not in keep:
                text = text[: -len(word)]
                changed = True
                break
    return text
