"""The listing engine in the shape every matching engine has (as RapidFuzz's scorers): `compare` one
(listing, brand) pair, `batch` every assessment of many listings, `screen` many listings for clues,
the last two over a `Detector` (the index of brands and vocabulary, built once with its settings).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from zhichan.engines.listings.detector import Clue, Detector, Listing
from zhichan.engines.listings.registry import Brand, Vocabulary
from zhichan.engines.listings.settings import DEFAULT_SETTINGS, Settings


def compare(
    listing: Listing,
    brand: Brand,
    *,
    vocabulary: Vocabulary | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    seller_history: int = 0,
) -> Clue | None:
    """The assessment of one listing against one brand, with its signals (its reasons), whether or not
    it reaches the threshold; None when the title does not mention the brand.

    `seller_history` is the number of confirmed clues against this listing's seller so far."""
    clues = Detector([brand], vocabulary, settings).assess(listing, seller_history)
    return clues[0] if clues else None


def batch(
    listings: Iterable[Listing],
    detector: Detector,
    *,
    seller_history: Mapping[str, int] | None = None,
) -> Iterator[Clue]:
    """Every assessment of the listings (one per brand a title mentions, below the threshold too), lazily
    and in listing order; `seller_history` counts the confirmed clues of each seller so far."""
    return detector._screen(listings, seller_history=seller_history, all_mentions=True)


def screen(
    listings: Iterable[Listing],
    detector: Detector,
    *,
    seller_history: Mapping[str, int] | None = None,
) -> Iterator[Clue]:
    """The clues among the listings (assessments at or above the detector's threshold), lazily and in
    listing order; most titles end after one automaton pass."""
    return detector._screen(listings, seller_history=seller_history)
