"""Tunables of the listing engine: not law, so they live here with the reason for each value.

A clue's score combines its signals as a noisy-OR, 1 - Π(1 - weight), so each signal is read as "the
chance that this alone shows infringement" and independent signals reinforce each other without the
score leaving [0, 1]. Legitimate-use contexts then multiply the score by their factor (in the
editable table `data/legitimate_contexts.csv`). A (listing, brand) pair is a clue when its score reaches
`threshold`.

Calibration (docs/decisions/0500-listings-detection.md): the weights are set so that naming a brand
is never a clue by itself (a genuine shop names its brand); a brand name plus one strong counterfeit
word (高仿 0.70), or a disguised spelling plus one more signal, is. They were checked against the
labelled clue set derived from the real e-commerce titles
(tests/engines/listings/test_listings_evaluation.py), where the default threshold gives the precision
and recall printed by that test and recorded in the decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhichan.engines.listings.kinds import VariantKind


def _mention_weights() -> dict[VariantKind, float]:
    return {
        # A shop that sells the genuine article names it: weak alone.
        VariantKind.NAME: 0.15,
        VariantKind.ALIAS: 0.15,
        # Pinyin is also how honest Latin-script titles spell a Chinese brand.
        VariantKind.PINYIN: 0.20,
        # A fragment is a hint, and common words contain fragments by chance.
        VariantKind.FRAGMENT: 0.10,
        # Nobody writes 康帅傅 or N1KE by accident: the disguise itself is the signal.
        VariantKind.LOOKALIKE: 0.40,
        VariantKind.DIGIT_LOOKALIKE: 0.40,
        VariantKind.HOMOPHONE_MANDARIN: 0.35,
        VariantKind.HOMOPHONE_CANTONESE: 0.30,
    }


@dataclass(frozen=True, slots=True)
class Settings:
    """Weights and thresholds; `DEFAULT_SETTINGS` is what a caller gets without asking."""

    # A (listing, brand) with at least this score is reported as a clue.
    threshold: float = 0.5
    # Weight of the brand-mention signal by how the mention was written.
    mention_weights: dict[VariantKind, float] = field(default_factory=_mention_weights)
    # The seller or shop is not in the brand's list of authorised sellers (only when a list is known).
    seller_not_authorised_weight: float = 0.25
    # Price below this share of the brand's reference minimum is "far below": genuine goods are
    # discounted by 30-40 % in sales, rarely by half.
    price_far_below_ratio: float = 0.5
    price_far_below_weight: float = 0.35
    # Below this share the price is implausible for genuine goods.
    price_implausible_ratio: float = 0.2
    price_implausible_weight: float = 0.5
    # The listing's category is none of the brand's categories: the name may be borrowed for other goods.
    category_outside_weight: float = 0.10
    # Each confirmed earlier clue against the seller adds this (noisy-OR), up to the cap.
    seller_history_weight_each: float = 0.15
    seller_history_weight_cap: float = 0.5
    # Variant generation: homophones per name and language (the common characters of one reading can
    # be 20 or more; the cap keeps 5,000 brands within memory), shortest Latin variant, and the length
    # of a Chinese name from which fragments are cut (fragments are one character shorter than the name,
    # so a 4-character name gives 3-character fragments; 2-character fragments hit common words).
    max_homophones_per_name: int = 24
    min_latin_variant_length: int = 4
    min_fragment_source_length: int = 4
    # A generated Chinese variant that is a word this frequent in jieba's dictionary (a count in its
    # corpus of 60 million words) is a word, not a disguise: 科技 15,691, 三合 876, 益阳 39 are dropped;
    # 奈克 2, 内克 19 are kept. Chosen on the dev titles (see the decision record).
    common_word_min_frequency: int = 20
    # A Chinese name of one character (后, 美) is in almost every title: it is not searched on its own.
    min_han_name_length: int = 2
    # Latin names this short must stand alone (not inside a word or a number): `hp`, `lg`, `skf`.
    short_latin_length: int = 3


DEFAULT_SETTINGS = Settings()
