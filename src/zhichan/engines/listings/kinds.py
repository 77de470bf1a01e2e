"""How a brand mention was written (the name itself or one of its generated disguises), and the names of
the signals a clue can carry."""

from __future__ import annotations

from enum import StrEnum


class VariantKind(StrEnum):
    NAME = "name"
    ALIAS = "alias"
    PINYIN = "pinyin"
    LOOKALIKE = "lookalike"
    DIGIT_LOOKALIKE = "digit_lookalike"
    HOMOPHONE_MANDARIN = "homophone_mandarin"
    HOMOPHONE_CANTONESE = "homophone_cantonese"
    FRAGMENT = "fragment"


EXACT_KINDS = frozenset({VariantKind.NAME, VariantKind.ALIAS})

VARIANT_LABELS_ZH: dict[VariantKind, str] = {
    VariantKind.NAME: "品牌名",
    VariantKind.ALIAS: "品牌别名",
    VariantKind.PINYIN: "拼音拼写",
    VariantKind.LOOKALIKE: "形近字变体",
    VariantKind.DIGIT_LOOKALIKE: "数字替换字母的变体",
    VariantKind.HOMOPHONE_MANDARIN: "普通话谐音变体",
    VariantKind.HOMOPHONE_CANTONESE: "粤语谐音变体",
    VariantKind.FRAGMENT: "品牌名片段",
}


class SignalName(StrEnum):
    """The signals of a clue (`Signal.name`); stored in clues' JSON and counted in statistics."""

    BRAND_MENTION = "brand_mention"
    COUNTERFEIT_TERM = "counterfeit_term"
    SELLER_NOT_AUTHORISED = "seller_not_authorised"
    PRICE_FAR_BELOW = "price_far_below"
    CATEGORY_OUTSIDE = "category_outside"
    SELLER_HISTORY = "seller_history"
    LEGITIMATE_USE = "legitimate_use"
