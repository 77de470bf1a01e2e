"""Scores and thresholds of name screening: policy, not law (the rules cited are in compare.py).

The signal scores place each finding against the mark engine's scale, on which 0.7 is `similar`
(engines/marks/settings.py, calibrated on real knock-offs): a trade name that is the mark scores 1.0,
one that wholly contains it 0.9 (guideline 5.1.16 judges such marks similar), a name that contains the
mark across its trade name and its place or industry words 0.8, the mark's pinyin written in Latin
letters 0.85 (5.1.17). Relatedness then moves the score: the name's business in the mark's goods or
services keeps or raises it, a known unrelated business lowers it below `infringing_threshold` even for
an identical trade name (a trade name infringes in the same or similar goods, not elsewhere).
docs/decisions/0911-names-screening.md records why these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhichan.engines.marks import DEFAULT_SETTINGS as MARKS_DEFAULT
from zhichan.engines.marks import Settings as MarksSettings


@dataclass(frozen=True, slots=True)
class Settings:
    identical_score: float = 1.0  # the trade name is the mark (4.1)
    containment_score: float = 0.9  # the trade name wholly contains the mark (5.1.16)
    # ... a Chinese mark shorter than this inside a longer trade name (纳克 in 阳纳克) counts less: 5.1.16 is
    # about marks of some distinctiveness or fame, and two characters recur by chance in a city's names
    min_strong_contained: int = 3
    short_containment_score: float = 0.8
    name_containment_score: float = 0.8  # the mark runs across the trade name and a place or industry word
    pinyin_score: float = 0.85  # the mark's pinyin in Latin letters in the name (5.1.17)
    sound_containment_score: float = 0.85  # at most this for a part of the name that sounds like the mark
    # A trade name alike in sound alone (奥立 / 奥利: 5.1.4 asks for sound and shape; jinxin / 金信 read as a
    # transliteration) is below `similar` unless the business is related (+0.05): a lead to review then.
    sound_only_score: float = 0.65
    min_pinyin_letters: int = 5  # shorter pinyin (li, wang) is in too many names to mean the mark
    min_sound_contained: int = 3  # a homophone of a two-character mark inside a longer name is chance

    related_strong_bonus: float = 0.05  # the business makes, sells or renders the mark's goods or services
    related_weak_bonus: float = 0.0  # it commonly deals in them
    unrelated_penalty: float = 0.2  # known and unrelated: an identical trade name falls to `similar`

    similar_threshold: float = 0.7  # the mark engine's threshold: also the default of the ALERTS file
    infringing_threshold: float = 0.9
    # Whether `infringing` needs a known related business (without one the finding stays `similar`, to
    # review). None: as the legal rule `trade_name.same_or_similar_goods` says (legal_rules.csv).
    infringing_needs_relatedness: bool | None = None

    marks: MarksSettings = field(default=MARKS_DEFAULT)


DEFAULT_SETTINGS = Settings()
