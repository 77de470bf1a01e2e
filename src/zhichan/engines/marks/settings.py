"""Tunable weights and thresholds of mark comparison (not law: the rules themselves are in compare.py).

Calibrated on the labelled set `data/knockoffs.csv` (real knock-off cases with their sources, and real
distinct brands as negatives); `python -m bench.marks_eval` prints AUC, precision and recall for these
values, and docs/decisions/0100-marks-similarity.md records the figures and how they were chosen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """Weights and thresholds; `DEFAULT_SETTINGS` is what a caller gets without asking."""

    # Overall score = the largest weighted component, raised to rule_score when a guideline rule applies.
    weight_text: float = 1.0
    weight_shape: float = 0.9
    weight_sound: float = 0.9
    weight_meaning_dictionary: float = 0.9  # a dictionary translation or synonym
    weight_meaning_embedding: float = 0.6  # the sentence encoder also rewards shared characters, so it counts less

    rule_score: float = 0.85  # a rule of 5.1.x applies: the guideline says 判定为近似
    # Score at or above which the verdict is `similar`: the lowest threshold at which precision stays 1.000
    # on the labelled set plus 300 random pairs of real brands (bench/marks_eval.py; at 0.65 it is 0.973).
    similar_threshold: float = 0.7

    # Component levels at which a rule's condition holds.
    sound_similar: float = 0.85  # 5.1.4 读音相同或近似
    shape_similar: float = 0.85  # 5.1.4 / 5.1.5 字形近似 (whole mark)
    # A differing character pair counts as look-alike (about the top 1% of random pairs).
    lookalike_character: float = 0.4
    embedding_meaning_similar: float = 0.9  # 5.1.6 from the sentence encoder alone, when the texts differ
    embedding_text_ceiling: float = 0.5  # ... and only when the texts share at most this much

    # 5.1.5 for Latin words: from this many letters, with the same first letter, a word that differs in up to
    # latin_lookalike_letters letters (latin_lookalike_letters_long from eight letters) looks alike as a whole.
    latin_lookalike_min_letters: int = 5
    latin_lookalike_letters: int = 2
    latin_lookalike_letters_long: int = 3

    # 5.1.16: a contained prior mark must be at least this long to count (the candidate index files the
    # parts of a filing from the same lengths).
    min_contained_han: int = 2
    min_contained_latin: int = 4

    # A part of a composite mark compared alone (5.1.15) counts this much of a whole-mark match.
    part_factor: float = 0.95

    # Screening: a candidate found only through a weak blocking key is compared in full when one of its quick
    # string scores (normalised text, pinyin, look-alike spelling; rapidfuzz ratio) reaches this level.
    quick_min: float = 0.6
    # At most this many candidates of one filing are compared in full (strong keys first, then by quick score),
    # which bounds the time of one filing in a dense register; a filing with more similar marks than this
    # is itself a finding. Measured in bench/marks_screen.py: on a dense synthetic register of 100,000 marks,
    # 30 keeps 94% of the alerts that 40 gives, at p95 35 ms of CPU a filing instead of 46 ms.
    max_compared: int = 30


DEFAULT_SETTINGS = Settings()
