"""The words of the signals (gettext_noop keys: the app translates them) and the rules each cites."""

from __future__ import annotations

from zhichan.engines.badfaith.model import Level, Situation


def gettext_noop(message: str) -> str:
    return message


TITLES: dict[Situation, str] = {
    Situation.VOLUME: gettext_noop("申请数量明显超出同期申请人基准"),
    Situation.COPY_MANY: gettext_noop("大量复制、摹仿多个主体的知名或显著性较强的商标"),
    Situation.COPY_REPEAT: gettext_noop("重复申请同一主体的知名商标"),
    Situation.BUSINESS_SIGN: gettext_noop("大量申请他人字号、企业名称简称"),
    Situation.PUBLIC_CULTURE: gettext_noop("大量申请知名人物姓名、知名作品或角色名称"),
    Situation.PLACE: gettext_noop("大量申请行政区划、山川、风景名胜或建筑物名称"),
    Situation.GENERIC: gettext_noop("大量申请通用名称、行业术语或描述性词汇"),
    Situation.ASSIGNMENTS: gettext_noop("申请后短期内向分散的受让人转让"),
    Situation.PRIOR_FINDING: gettext_noop("申请人或其关联人有在先认定的恶意申请记录"),
}

LEVELS: dict[Level, str] = {
    Level.HIGH: gettext_noop("高度关注"),
    Level.MEDIUM: gettext_noop("一般关注"),
    Level.LOW: gettext_noop("留意"),
}

# What a flag is and is not (shown with every assessment).
NOT_A_VERDICT = gettext_noop("辅助研判：提示线索，不是对恶意申请的认定；认定由商标主管部门或人民法院作出")

# legal_rules.csv keys: the guideline situation first, then the Decree 17 factor it rests on
RULES: dict[Situation, tuple[str, ...]] = {
    Situation.VOLUME: ("badfaith.filing_volume", "badfaith.factor_filing_volume"),
    Situation.COPY_MANY: ("badfaith.copy_known_marks", "badfaith.factor_known_mark"),
    Situation.COPY_REPEAT: ("badfaith.repeat_known_mark", "badfaith.factor_known_mark"),
    Situation.BUSINESS_SIGN: ("badfaith.business_signs", "badfaith.factor_names_and_signs"),
    Situation.PUBLIC_CULTURE: ("badfaith.public_culture", "badfaith.factor_names_and_signs"),
    Situation.PLACE: ("badfaith.place_names",),
    Situation.GENERIC: ("badfaith.generic_terms",),
    Situation.ASSIGNMENTS: ("badfaith.scattered_assignments", "badfaith.factor_filing_volume"),
    Situation.PRIOR_FINDING: ("badfaith.factor_prior_finding",),
}
