"""Enterprise, shop and service names screened against a register of marks (issue 22).

A name infringes in its trade name (字号): 广州市王老吉餐饮管理有限公司 uses 王老吉, 王老吉官方旗舰店
too. The engine takes the name apart (`parse_name`: place, trade name, industry words, form), finds
the marks it contains or imitates (5.1.16 containment, sound and shape variants through the mark
engine, Traditional characters, the mark's pinyin in Latin letters) and weighs the relatedness of the
name's industry (GB/T 4754-2017) to the mark's Nice classes (the shipped, versioned table).

Public API, in the shape of the other matching engines:
- `compare(name, mark, *, industry, description, mark_classes, mark_industry, ...) -> Result` (`Reason`,
  `Verdict`: infringing, similar, not_similar);
- `screen(names, register, *, threshold) -> list[list[Alert]]` over a `NameRegister` of `ProtectedMark`s,
  names given as `Name`;
- `parse_name`, `NameParts`, `is_name_word`; industries (`shipped_classification`, `load_classification`, `Industry`);
  relatedness (`shipped_relatedness`, `load_relatedness`, `RelatednessTable`, `Strength`);
- `Settings`, `DEFAULT_SETTINGS`; CLI `zhichan watch names` (`cli.main`).
"""

from zhichan.engines.names.compare import Reason, Result, Verdict, compare
from zhichan.engines.names.extract import NameParts, is_name_word, parse_name
from zhichan.engines.names.industries import (
    Classification,
    Industry,
    IndustryTableError,
    load_classification,
    shipped_classification,
)
from zhichan.engines.names.relatedness import (
    RelatednessError,
    RelatednessTable,
    Relation,
    Strength,
    load_relatedness,
    parse_relatedness,
    shipped_relatedness,
)
from zhichan.engines.names.screen import Alert, Name, NameRegister, ProtectedMark, screen
from zhichan.engines.names.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "DEFAULT_SETTINGS",
    "Alert",
    "Classification",
    "Industry",
    "IndustryTableError",
    "Name",
    "NameParts",
    "NameRegister",
    "ProtectedMark",
    "Reason",
    "RelatednessError",
    "RelatednessTable",
    "Relation",
    "Result",
    "Settings",
    "Strength",
    "Verdict",
    "compare",
    "is_name_word",
    "load_classification",
    "load_relatedness",
    "parse_name",
    "parse_relatedness",
    "screen",
    "shipped_classification",
    "shipped_relatedness",
]
