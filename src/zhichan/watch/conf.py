"""Settings of the watch module, each overridable in Django settings under the same name.

The law sets no scores: every threshold and weight here is the office's policy (辅助研判), and an alert is
a reason to look, never a finding.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # an alert needs at least this mark similarity (the mark engine's own `similar_threshold` when None)
    "WATCH_THRESHOLD": None,
    # a 老字号 or GI name found whole inside a longer filed mark scores this (5.1.16 of the guideline)
    "WATCH_CONTAINMENT_SCORE": 0.85,
    # the shortest protected name the containment check looks for inside a longer mark: shorter names
    # (one character) are inside too many ordinary marks to mean anything
    "WATCH_CONTAINMENT_MIN_LENGTH": 2,
    # risk = similarity x goods weight x honour weight: the ranking of the alert queue
    "WATCH_GOODS_WEIGHTS": {
        "same_group": 1.0,
        "cross_class_similar": 0.95,
        "same_class": 0.8,  # same Nice class, group unknown or different: manual review
        "different_class": 0.6,  # only for a registered well-known mark (Art. 13 ¶3)
    },
    "WATCH_HONOUR_WEIGHTS": {"well_known": 1.25, "zhonghua_laozihao": 1.15, "guangdong_laozihao": 1.1},
    # the 类似商品和服务区分表 as a CSV file (`edition,nice_class,group,name,similar_groups`: the marks
    # engine's goods table, `engines.marks.load_goods_table`), or None. With it, goods compare by 类似群 where
    # both the filing and the protected mark list groups (same group: similar goods); else by Nice class
    # (same class: manual review). No table ships: the edition in force is the office's to import.
    "WATCH_GOODS_TABLE": None,
    # filings screened per batch (one register index, one transaction of alerts)
    "WATCH_SCREEN_BATCH": 5000,
    # a renewal reminder goes out this many days apart while a mark is due (the first on entering the window)
    "WATCH_RENEWAL_REMINDER_EVERY_DAYS": 90,
    # bad-faith signals (辅助研判): the applicants of the filings published in the last this many weeks
    # are assessed together (one period: the peer baseline of the volume signal is theirs)
    "WATCH_BADFAITH_WEEKS": 4,
    # overrides of the engine's thresholds and weights (`engines.badfaith.Settings` field -> value)
    "WATCH_BADFAITH_SETTINGS": {},
    # a directory of the office's own lists (famous_names.csv, places.csv, generic_terms.csv); None: the
    # starter lists shipped with the engine
    "WATCH_BADFAITH_LISTS_DIR": None,
    # assessments kept: older runs are deleted when a new one is stored
    "WATCH_BADFAITH_RUNS_KEPT": 5,
    # names screening (trade names of the directory, shop names of listings): an alert needs at least this
    # score (None: the names engine's `similar_threshold`)
    "WATCH_NAMES_THRESHOLD": None,
    # overrides of the names engine's scores and thresholds (`engines.names.Settings` field -> value)
    "WATCH_NAMES_SETTINGS": {},
    # names screened together (one index search for their distinct trade names, one transaction)
    "WATCH_NAMES_BATCH": 2000,
}


def get(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])
