"""Bad-faith trademark filing signals (辅助研判, never a verdict): per applicant and its related parties,
the typical situations of the examination guideline (商标审查审理指南 下编第二章 6.1-6.8) and the factors
of SAMR Decree 17 Art. 8 (规范商标申请注册行为若干规定), each flag with its evidence and rule keys.

Public API:
- `assess(filings, *, marks_register, alerts, directory, lists, assignments, findings, settings)
  -> list[ApplicantAssessment]`: the applicant groups of one period's filings, flagged, ranked;
- records: `Filing`, `Assignment`, `Organisation`, `Finding`; results: `ApplicantAssessment`, `Flag`,
  `Evidence`, `Link`, `Level`, `Situation`;
- `Settings` (every threshold: policy, none from law), `load_lists(directory)` (the editable lists);
- `group_applicants`, `trade_name` (the pieces, for the app and for tests);
- `TITLES`, `LEVELS`, `NOT_A_VERDICT`, `RULES`: the words (gettext_noop keys) and the cited rule keys.
CLI: `zhichan badfaith --filings F.csv --out FLAGS.csv [--marks M.csv] [--directory ORGS.csv] [--lists DIR]`.
"""

from zhichan.engines.badfaith.assess import assess, level_of
from zhichan.engines.badfaith.grouping import Groups, group_applicants
from zhichan.engines.badfaith.lists import Entry, ListError, Lists, TermList, load_lists
from zhichan.engines.badfaith.messages import LEVELS, NOT_A_VERDICT, RULES, TITLES
from zhichan.engines.badfaith.model import (
    ApplicantAssessment,
    Assignment,
    Evidence,
    Filing,
    Finding,
    Flag,
    Level,
    Link,
    Organisation,
    Situation,
)
from zhichan.engines.badfaith.names import trade_name
from zhichan.engines.badfaith.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "DEFAULT_SETTINGS",
    "LEVELS",
    "NOT_A_VERDICT",
    "RULES",
    "TITLES",
    "ApplicantAssessment",
    "Assignment",
    "Entry",
    "Evidence",
    "Filing",
    "Finding",
    "Flag",
    "Groups",
    "Level",
    "Link",
    "ListError",
    "Lists",
    "Organisation",
    "Settings",
    "Situation",
    "TermList",
    "assess",
    "group_applicants",
    "level_of",
    "load_lists",
    "trade_name",
]
