"""What a Chinese patent document number says: the kind of patent and whether it is granted.

The kind code at the end of a CNIPA publication number (GB/T 18993 / WIPO ST.16 as CNIPA applies it
since 2010): A invention application published; B invention granted (C before 2010); U utility model
granted (Y before); S design granted (D before). The application number's fifth digit (the third of the
old eight-digit form) gives the kind too: 1 invention, 2 utility model, 3 design, 8 and 9 PCT entries into
China (invention and utility model).
"""

from __future__ import annotations

from enum import StrEnum

from zhichan.engines.identifiers import clean_patent_number
from zhichan.engines.patents.messages import gettext_noop


class PatentKind(StrEnum):
    INVENTION_APPLICATION = "invention_application"
    INVENTION = "invention"  # granted
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"


KIND_LABELS = {
    PatentKind.INVENTION_APPLICATION: gettext_noop("发明专利申请"),
    PatentKind.INVENTION: gettext_noop("发明专利"),
    PatentKind.UTILITY_MODEL: gettext_noop("实用新型专利"),
    PatentKind.DESIGN: gettext_noop("外观设计专利"),
}

_BY_KIND_CODE = {
    "A": PatentKind.INVENTION_APPLICATION,
    "B": PatentKind.INVENTION,
    "C": PatentKind.INVENTION,
    "U": PatentKind.UTILITY_MODEL,
    "Y": PatentKind.UTILITY_MODEL,
    "S": PatentKind.DESIGN,
    "D": PatentKind.DESIGN,
}
_BY_APPLICATION_DIGIT = {
    "1": PatentKind.INVENTION_APPLICATION,
    "8": PatentKind.INVENTION_APPLICATION,
    "2": PatentKind.UTILITY_MODEL,
    "9": PatentKind.UTILITY_MODEL,
    "3": PatentKind.DESIGN,
}


def kind_of_publication(number: str) -> PatentKind | None:
    """The kind a publication number's kind code says (`CN114123456A`, `CN212345678U`), else None."""
    cleaned = clean_patent_number(number).removeprefix("CN")
    if len(cleaned) < 2 or not cleaned[:-1].isdigit():
        return None
    return _BY_KIND_CODE.get(cleaned[-1])


def kind_of_application(number: str) -> PatentKind | None:
    """The kind an application number's type digit says (`202310123456.7` -> invention), else None."""
    digits = clean_patent_number(number).removeprefix("ZL").removeprefix("CN").partition(".")[0]
    if not digits.isdigit():
        return None
    if len(digits) >= 12:
        return _BY_APPLICATION_DIGIT.get(digits[4])
    if len(digits) == 8:
        return _BY_APPLICATION_DIGIT.get(digits[2])
    return None
