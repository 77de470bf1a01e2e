"""Infringement clues in listing titles: brand mentions found by one automaton pass, then signals.

One Aho-Corasick automaton holds every variant of every brand, the counterfeit vocabulary and the
legitimate-use cues, all in comparison form; a title is normalised once and scanned once. Titles with
no brand mention (most of a platform's catalogue) cost one `str.translate` and one automaton pass.
Only titles with a mention get the offset map, boundary checks and scoring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import ahocorasick

from zhichan.engines.listings.kinds import EXACT_KINDS, VARIANT_LABELS_ZH
from zhichan.engines.listings.normtext import CHAR_FORMS, NormalizedText, fold, is_latin_letter, normalize_with_offsets
from zhichan.engines.listings.registry import (
    CONTEXT_LABELS_ZH,
    Brand,
    ContextKind,
    CounterfeitTerm,
    LegitimateContext,
    Position,
    Vocabulary,
    load_vocabulary,
)
from zhichan.engines.listings.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.listings.variants import Variant, brand_variants


@dataclass(frozen=True, slots=True)
class Listing:
    """A listing as the engine needs it; optional fields left empty switch their signal off."""

    listing_id: str
    title: str
    price: float | None = None
    seller: str = ""
    shop: str = ""
    platform: str = ""
    category: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A brand found in a title: the original span [start, end), its text and the variant that matched."""

    brand: Brand
    variant: Variant
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason for (or against) a clue. `weight` is the noisy-OR weight, or for `legitimate_use` the
    factor the score was multiplied by."""

    name: str
    weight: float
    detail: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quoted span of the original title, [start, end), and what it shows."""

    start: int
    end: int
    text: str
    what: str


@dataclass(frozen=True, slots=True)
class Clue:
    """The assessment of one (listing, brand) pair. `is_clue` when the score reaches the threshold."""

    listing_id: str
    brand: Brand
    score: float
    is_clue: bool
    signals: tuple[Signal, ...]
    evidence: tuple[Evidence, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # normalised span
    end: int
    original: tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Scanned:
    text: NormalizedText
    mentions: list[tuple[_Hit, int, Variant]]  # (span, brand index, variant)
    terms: list[tuple[_Hit, CounterfeitTerm]]
    contexts: list[tuple[_Hit, LegitimateContext]]


# Automaton payloads: (pattern length, latin at start, latin at end, short latin, entries). Entries are
# (_BRAND, brand index, variant), (_TERM, term) or (_CONTEXT, context).
_BRAND, _TERM, _CONTEXT = 0, 1, 2


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Detector:
    """Finds brand mentions and scores clues for a fixed register of brands and vocabulary.

    Build once (variant generation and the automaton take about a second per thousand brands), then
    call `assess` or `scan` on any number of listings; the detector holds no per-listing state.
    """

    def __init__(
        self,
        brands: Sequence[Brand],
        vocabulary: Vocabulary | None = None,
        settings: Settings = DEFAULT_SETTINGS,
    ) -> None:
        self.brands = tuple(brands)
        self.vocabulary = vocabulary or load_vocabulary()
        self.settings = settings
        entries: dict[str, list[tuple[object, ...]]] = {}
        exact: set[str] = set()
        for index, brand in enumerate(self.brands):
            for variant in brand_variants(brand, self.vocabulary.lookalikes, settings):
                entries.setdefault(variant.text, []).append((_BRAND, index, variant))
                if variant.kind in EXACT_KINDS:
                    exact.add(variant.text)
        # A text that is some brand's own name is that brand, not another brand's disguise.
        for text in exact:
            entries[text] = [e for e in entries[text] if e[2].kind in EXACT_KINDS]  # type: ignore[attr-defined]
        self._symbol_terms: list[tuple[re.Pattern[str], CounterfeitTerm]] = []
        for term in self.vocabulary.counterfeit_terms:
            folded = fold(term.term)
            if len(folded) == len(term.term):
                entries.setdefault(folded, []).append((_TERM, term))
            else:  # 1:1 would fold to 11: matched on the original title instead
                self._symbol_terms.append((_symbol_pattern(term.term), term))
        for context in self.vocabulary.legitimate_contexts:
            folded = fold(context.cue)
            if folded:
                entries.setdefault(folded, []).append((_CONTEXT, context))
        self._automaton = ahocorasick.Automaton()
        for text, found in entries.items():
            if not found:
                continue
            short = text.isascii() and text.isalpha() and len(text) <= settings.short_latin_length
            payload = (len(text), _is_latin(text[0]), _is_latin(text[-1]), short, tuple(found))
            self._automaton.add_word(text, payload)
        self._automaton.make_automaton()
        self.pattern_count = len(self._automaton)

    # -- finding ---------------------------------------------------------------------------------

    def _bounded(self, nt: NormalizedText, start: int, end: int, payload: tuple[object, ...]) -> bool:
        """Latin names must not be cut out of a longer word (`fila` in `profilament`)."""
        _, latin_start, latin_end, short, _ = payload
        if not (latin_start or latin_end):
            return True
        title = nt.original
        first, last = nt.span(start, end)
        before = title[first - 1] if first > 0 else ""
        after = title[last] if last < len(title) else ""
        if short:
            if last - first != end - start:
                return False
            return not any(ch and _is_ascii_alnum(CHAR_FORMS[ord(ch)][:1]) for ch in (before, after))
        if latin_start and before and is_latin_letter(before):
            return False
        return not (latin_end and after and is_latin_letter(after))

    def _scan(self, title: str) -> _Scanned | None:
        norm = title.translate(CHAR_FORMS)
        found = [(end, payload) for end, payload in self._automaton.iter(norm)]
        if not any(entry[0] == _BRAND for _, payload in found for entry in payload[4]):
            return None
        nt = normalize_with_offsets(title)
        brand_hits: list[tuple[int, int, tuple[object, ...]]] = []
        terms: list[tuple[_Hit, CounterfeitTerm]] = []
        contexts: list[tuple[_Hit, LegitimateContext]] = []
        for end_index, payload in found:
            end = end_index + 1
            start = end - payload[0]
            if not self._bounded(nt, start, end, payload):
                continue
            hit = _Hit(start, end, nt.span(start, end))
            for entry in payload[4]:
                if entry[0] == _BRAND:
                    brand_hits.append((start, end, entry))
                elif entry[0] == _TERM:
                    terms.append((hit, entry[1]))  # type: ignore[arg-type]
                else:
                    contexts.append((hit, entry[1]))  # type: ignore[arg-type]
        for pattern, term in self._symbol_terms:
            for match in pattern.finditer(title):
                terms.append((_Hit(-1, -1, (match.start(), match.end())), term))
        mentions = _longest_first(brand_hits)
        if not mentions:
            return None
        found_mentions = [(_Hit(s, e, nt.span(s, e)), index, variant) for s, e, index, variant in mentions]
        return _Scanned(nt, found_mentions, terms, contexts)

    def mentions(self, title: str) -> list[Mention]:
        """Brand mentions in the title, in title order; overlapping candidates resolved longest first."""
        scanned = self._scan(title)
        if scanned is None:
            return []
        return [
            Mention(self.brands[index], variant, start, end, title[start:end])
            for (start, end), index, variant in (
                (hit.original, index, variant) for hit, index, variant in scanned.mentions
            )
        ]

    # -- scoring ---------------------------------------------------------------------------------

    def assess(self, listing: Listing, seller_history: int = 0) -> list[Clue]:
        """One assessment per brand mentioned in the title (none when no brand is mentioned).

        `seller_history` is the number of confirmed clues against this listing's seller so far.
        """
        scanned = self._scan(listing.title)
        if scanned is None:
            return []
        nt, terms, contexts = scanned.text, scanned.terms, scanned.contexts
        by_brand: dict[int, list[tuple[_Hit, Variant]]] = {}
        for hit, index, variant in scanned.mentions:
            by_brand.setdefault(index, []).append((hit, variant))
        return [
            self._clue(listing, self.brands[index], hits, terms, contexts, nt, seller_history)
            for index, hits in by_brand.items()
        ]

    def scan(
        self,
        listings: Iterable[Listing],
        *,
        seller_history: Mapping[str, int] | None = None,
        all_mentions: bool = False,
    ) -> Iterator[Clue]:
        """Clues at or above the threshold (every assessed mention with `all_mentions`), lazily."""
        history = seller_history or {}
        for listing in listings:
            for clue in self.assess(listing, history.get(listing.seller, 0) if listing.seller else 0):
                if all_mentions or clue.is_clue:
                    yield clue

    def _clue(
        self,
        listing: Listing,
        brand: Brand,
        hits: list[tuple[_Hit, Variant]],
        terms: list[tuple[_Hit, CounterfeitTerm]],
        contexts: list[tuple[_Hit, LegitimateContext]],
        nt: NormalizedText,
        seller_history: int,
    ) -> Clue:
        settings = self.settings
        signals: list[Signal] = []
        evidence: list[Evidence] = []
        reasons: list[str] = []
        title = listing.title

        def quote(hit: _Hit, what: str) -> str:
            text = title[hit.original[0] : hit.original[1]]
            evidence.append(Evidence(hit.original[0], hit.original[1], text, what))
            return text

        strongest_hit, strongest = max(hits, key=lambda h: settings.mention_weights[h[1].kind])
        for hit, variant in hits:
            quote(hit, f"brand_mention:{variant.kind.value}")
        weight = settings.mention_weights[strongest.kind]
        signals.append(Signal("brand_mention", weight, strongest.kind.value))
        written = title[strongest_hit.original[0] : strongest_hit.original[1]]
        if strongest.kind in EXACT_KINDS:
            reasons.append(f"标题提及品牌“{brand.name}”（“{written}”）")
        else:
            reasons.append(
                f"标题以{VARIANT_LABELS_ZH[strongest.kind]}“{written}”（{strongest.how}）提及品牌“{brand.name}”"
            )

        used_terms: dict[str, float] = {}
        for hit, term in terms:
            quote(hit, f"counterfeit_term:{term.term}")
            if term.term not in used_terms:
                used_terms[term.term] = term.weight
                signals.append(Signal("counterfeit_term", term.weight, term.term))
        if used_terms:
            reasons.append("含售假用语" + "".join(f"“{t}”" for t in used_terms))

        sellers = [name for name in (listing.seller, listing.shop) if name]
        if brand.authorised_sellers and sellers and not any(name in brand.authorised_sellers for name in sellers):
            signals.append(Signal("seller_not_authorised", settings.seller_not_authorised_weight, sellers[0]))
            reasons.append(f"卖家“{sellers[0]}”不在品牌授权名单内")

        if listing.price is not None and brand.price_min:
            ratio = listing.price / brand.price_min
            if ratio < settings.price_implausible_ratio:
                weight_price = settings.price_implausible_weight
            elif ratio < settings.price_far_below_ratio:
                weight_price = settings.price_far_below_weight
            else:
                weight_price = 0.0
            if weight_price:
                signals.append(Signal("price_far_below", weight_price, f"{listing.price:g}/{brand.price_min:g}"))
                reasons.append(f"售价{listing.price:g}元仅为参考价下限{brand.price_min:g}元的{ratio:.0%}")

        if brand.categories and listing.category:
            category = fold(listing.category)
            if not any((c := fold(known)) and (c in category or category in c) for known in brand.categories):
                signals.append(Signal("category_outside", settings.category_outside_weight, listing.category))
                reasons.append(f"商品类别“{listing.category}”不在品牌商品类别（{'、'.join(brand.categories)}）内")

        if seller_history > 0:
            weight_history = min(
                settings.seller_history_weight_cap, 1 - (1 - settings.seller_history_weight_each) ** seller_history
            )
            signals.append(Signal("seller_history", round(weight_history, 3), str(seller_history)))
            reasons.append(f"该卖家已有{seller_history}条经确认的侵权线索")

        remaining = 1.0
        for signal in signals:
            remaining *= 1 - signal.weight
        score = 1 - remaining

        lawful: dict[ContextKind, tuple[float, LegitimateContext, _Hit]] = {}
        for hit, context in contexts:
            if not any(_applies(context, cue_hit=hit, mention=mention, text=nt.text) for mention, _ in hits):
                continue
            held = lawful.get(context.kind)
            if held is None or (context.factor, -len(context.cue)) < (held[0], -len(held[1].cue)):
                lawful[context.kind] = (context.factor, context, hit)
        lowered = []
        for factor, context, hit in lawful.values():
            quote(hit, f"legitimate_use:{context.kind.value}")
            score *= factor
            signals.append(Signal("legitimate_use", factor, f"{context.kind.value}:{context.cue}"))
            lowered.append(f"“{context.cue}”表明{CONTEXT_LABELS_ZH[context.kind]}")

        score = round(score, 3)
        sentence = "，".join(reasons)
        if lowered:
            sentence += "；但" + "、".join(lowered) + "，已降低得分"
        verdict = "列为侵权线索" if score >= settings.threshold else "未达线索阈值"
        sentence += f"；综合得分{score:.2f}，{verdict}。"
        evidence.sort(key=lambda e: (e.start, e.end))
        return Clue(
            listing_id=listing.listing_id,
            brand=brand,
            score=score,
            is_clue=score >= settings.threshold,
            signals=tuple(signals),
            evidence=tuple(dict.fromkeys(evidence)),
            explanation=sentence,
        )


def _applies(context: LegitimateContext, *, cue_hit: _Hit, mention: _Hit, text: str) -> bool:
    """Whether a legitimate-use cue stands where its table row says, relative to the brand mention."""
    if context.not_followed_by and 0 <= cue_hit.end < len(text) and text[cue_hit.end] in context.not_followed_by:
        return False
    if context.position is Position.ANYWHERE:
        return True
    if context.position is Position.BEFORE:
        return cue_hit.end <= mention.start and mention.start - cue_hit.end <= context.window
    return cue_hit.start >= mention.end and cue_hit.start - mention.end <= context.window


def _longest_first(candidates: list[tuple[int, int, tuple[object, ...]]]) -> list[tuple[int, int, int, Variant]]:
    """Non-overlapping brand mentions: longer spans first, then exact names before disguises."""
    if not candidates:
        return []
    spans: dict[tuple[int, int], list[tuple[int, Variant]]] = {}
    for start, end, entry in candidates:
        spans.setdefault((start, end), []).append((entry[1], entry[2]))  # type: ignore[arg-type]

    def rank(span: tuple[int, int]) -> tuple[int, int, int]:
        exact = any(variant.kind in EXACT_KINDS for _, variant in spans[span])
        return (span[0] - span[1], 0 if exact else 1, span[0])

    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, int, Variant]] = []
    for span in sorted(spans, key=rank):
        if any(span[0] < end and start < span[1] for start, end in taken):
            continue
        taken.append(span)
        chosen.extend((span[0], span[1], index, variant) for index, variant in spans[span])
    chosen.sort(key=lambda c: (c[0], c[1]))
    return chosen


def _symbol_pattern(term: str) -> re.Pattern[str]:
    """A regex for a vocabulary term with symbols (1:1): full- or half-width symbols, spaces allowed."""
    parts = []
    for ch in term:
        if ch.isspace():
            continue
        if ch.isalnum():
            parts.append(re.escape(ch))
        else:
            forms = {ch}
            if 0x21 <= ord(ch) <= 0x7E:
                forms.add(chr(ord(ch) + 0xFEE0))
            parts.append("[" + "".join(re.escape(f) for f in sorted(forms)) + "]")
    body = r"\s*".join(parts)
    lead = r"(?<![0-9０-９])" if term[:1].isdigit() else ""
    tail = r"(?![0-9０-９])" if term[-1:].isdigit() else ""
    return re.compile(lead + body + tail, re.IGNORECASE)
