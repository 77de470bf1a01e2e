"""E-commerce infringement clues: disguised brand mentions in listing titles, signals, scores, reasons.

Public API (pure: data in, data out):
- `Brand` (with optional per-category reference prices, `CategoryPrice`, written in BRANDS as
  `parse_category_prices("手袋:2000-50000|钱包:800-6000")`), `load_vocabulary`, `Vocabulary` and the
  table rows `CounterfeitTerm`, `LegitimateContext`, `Lookalike`: what detection looks for (editable
  CSV tables in `data/`).
- `brand_variants(brand, lookalikes, settings) -> tuple[Variant, ...]`: the disguises of a brand name.
- `normalize_with_offsets(title) -> NormalizedText`: comparison form with the map back to the title.
- In the shape every matching engine has (as RapidFuzz's scorers):
  `compare(listing, brand, *, vocabulary, settings, seller_history=0) -> Clue | None` (one pair, with its
  signals), `batch(listings, detector, *, seller_history) -> Iterator[Clue]` (every assessment) and
  `screen(listings, detector, *, seller_history) -> Iterator[Clue]` (the clues), over
  `Detector(brands, vocabulary=None, settings=DEFAULT_SETTINGS)`, the index built once; it also finds
  `.mentions(title) -> list[Mention]` and assesses one listing, `.assess(listing, seller_history=0)`.
- `Settings`, `DEFAULT_SETTINGS`: weights and threshold (see `settings.py` for their reasons).
"""

from zhichan.engines.listings.detector import Clue, Detector, Evidence, Listing, Mention, Signal
from zhichan.engines.listings.kinds import SignalName, VariantKind
from zhichan.engines.listings.normtext import NormalizedText, normalize_with_offsets
from zhichan.engines.listings.registry import (
    Brand,
    CategoryPrice,
    ContextKind,
    CounterfeitTerm,
    LegitimateContext,
    Lookalike,
    Position,
    Vocabulary,
    load_counterfeit_terms,
    load_legitimate_contexts,
    load_lookalikes,
    load_vocabulary,
    parse_category_prices,
)
from zhichan.engines.listings.screen import batch, compare, screen
from zhichan.engines.listings.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.listings.variants import Variant, brand_variants

__all__ = [
    "DEFAULT_SETTINGS",
    "Brand",
    "CategoryPrice",
    "Clue",
    "ContextKind",
    "CounterfeitTerm",
    "Detector",
    "Evidence",
    "LegitimateContext",
    "Listing",
    "Lookalike",
    "Mention",
    "NormalizedText",
    "Position",
    "Settings",
    "Signal",
    "SignalName",
    "Variant",
    "VariantKind",
    "Vocabulary",
    "batch",
    "brand_variants",
    "compare",
    "load_counterfeit_terms",
    "load_legitimate_contexts",
    "load_lookalikes",
    "load_vocabulary",
    "normalize_with_offsets",
    "parse_category_prices",
    "screen",
]
