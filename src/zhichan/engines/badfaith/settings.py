"""Thresholds and weights of the bad-faith signals: all policy, none from law.

The law sets no numbers (rules.md section 3: "the law sets no numeric thresholds"; label the result
辅助研判). Each value below is the office's setting, with why it starts where it does; the app may
override any of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Settings:
    # --- related parties (Decree 17 Art. 8(1): "申请人及其关联人") ---
    # an agency with at most this many distinct applicants in the period links them (a small agency is
    # often the filer's own front); a larger agency serves unrelated clients and links nobody
    small_agency_max_clients: int = 5
    # an address shared by more applicants than this is a business centre or a registered-office
    # service (挂靠地址), not a sign of relation; it links nobody
    shared_value_max_parties: int = 20
    # the shortest normalised address that links (a bare district name links nobody)
    address_min_length: int = 8

    # --- 6.1 volume against the peer baseline ---
    # the group's filings in the period must reach all three: this many, this multiple of the median
    # group, and the percentile below of all groups
    volume_min_filings: int = 30
    volume_median_multiple: float = 10.0
    volume_percentile: float = 99.0

    # --- 6.2 / 6.3 copies of others' known or distinctive marks ---
    copy_min_owners: int = 2  # 6.2: marks of at least this many other owners
    copy_min_filings: int = 3  # 6.2: in at least this many filings
    repeat_min_filings: int = 3  # 6.3: one owner's same mark filed at least this many times
    copy_min_score: float = 0.0  # alerts below this score are not counted (0: every alert passed in)

    # --- 6.4 others' trade names and company-name abbreviations (the organisation directory) ---
    business_sign_min_filings: int = 3
    trade_name_min_length: int = 2  # a trade name equal to the whole mark
    trade_name_contained_min_length: int = 3  # a trade name found inside a longer mark

    # --- 6.5 / 6.6 / 6.7 the editable lists ---
    public_culture_min_filings: int = 3
    place_min_filings: int = 3
    generic_min_filings: int = 3
    list_term_min_length: int = 2

    # --- 6.8 filings followed by scattered assignments ---
    assignment_window_days: int = 365  # an assignment counts within this many days of the filing
    assignment_min_assignees: int = 5  # to at least this many unrelated assignees
    assignment_min_share: float = 0.2  # the assigned share of the group's filings (when its filings are known)

    # --- attention level ---
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "6.1": 2.0,
            "6.2": 3.0,
            "6.3": 3.0,
            "6.4": 2.0,
            "6.5": 1.5,
            "6.6": 1.0,
            "6.7": 1.0,
            "6.8": 2.5,
            "8(3)": 3.0,
        }
    )
    high_score: float = 5.0  # a score at least this is 高
    medium_score: float = 2.0  # at least this is 中; a flagged group below is 低
    include_unflagged: bool = False  # assessments of groups without any flag too
    evidence_max: int = 50  # evidence items kept per flag (the count is always the full number)


DEFAULT_SETTINGS = Settings()
