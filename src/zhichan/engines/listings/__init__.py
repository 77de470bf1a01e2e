"""E-commerce infringement clues: disguised brand mentions in listing titles, signals, scores, reasons.

Public API (pure: data in, data out):
- `Brand` (with optional per-category reference prices, `CategoryPrice`, written in BRANDS as
  `parse_category_prices("手袋:2000-50000|钱包:800-6000")`), `load_vocabulary`, `Vocabulary` and the
  table rows `CounterfeitTerm`, `LegitimateContext`, `Lookalike`: what detection looks for (editable
  CSV tables in `data/`).
- `brand_variants(brand, lookalikes, settings) -> tuple[Variant, ...]`: the disguises of a brand name.
- `normalize_with_offsets(title) -> NormalizedText`: comparison form with the map back to the title.
- `Detector(brands, vocabulary=None, settings=DEFAULT_SETTINGS)`: `.mentions(title) -> list[Mention]`,
  `.assess(listing, seller_history=0) -> list[Clue]`, `.scan(listings, seller_history=..., all_mentions=...)`.
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
    "brand_variants",
    "load_counterfeit_terms",
    "load_legitimate_contexts",
    "load_lookalikes",
    "load_vocabulary",
    "normalize_with_offsets",
    "parse_category_prices",
]
