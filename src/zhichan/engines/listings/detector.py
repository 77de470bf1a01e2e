"""Infringement clues in listing titles: brand mentions found by one automaton pass, then signals.

One Aho-Corasick automaton holds every variant of every brand and the counterfeit words, in a code of
the comparison form (`automaton.py`); a title is translated to that code once and scanned once.
Titles with no match (most of a platform's catalogue) cost one `str.translate` and one automaton
pass; in `screen`, titles whose score cannot reach the threshold (most that name a brand) end after a
bound computed from the matches (`Detector._may_reach_threshold`). Only the others get the offset
map, boundary checks, the vocabulary pass (counterfeit words and legitimate-use cues) and scoring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from zhichan.engines.listings.automaton import CODE_WIDTH, ScanCode, build_automaton
from zhichan.engines.listings.kinds import EXACT_KINDS, VARIANT_LABELS_ZH
from zhichan.engines.listings.normtext import CHAR_FORMS, NormalizedText, fold, is_latin_letter
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
    """The assessment of one (listing, brand) pair. `is_clue` when the score reaches the threshold.

    `mention` is the strongest mention of the brand (the one whose weight counts); the Chinese
    sentence is built from the signals when asked for, so that scanning millions of listings does not
    format sentences for pairs that are dropped below the threshold.
    """

    listing: Listing
    brand: Brand
    score: float
    is_clue: bool
    signals: tuple[Signal, ...]
    evidence: tuple[Evidence, ...]
    mention: Mention

    @property
    def listing_id(self) -> str:
        return self.listing.listing_id

    @property
    def explanation(self) -> str:
        """One sentence in Chinese: how the brand was written, each signal, each lawful context, the score."""
        return explain(self)


class _Hit:
    """A span found in the normalised title; its original span is worked out only when quoted."""

    __slots__ = ("_original", "end", "start", "text")

    def __init__(self, text: NormalizedText, start: int, end: int, original: tuple[int, int] | None = None) -> None:
        self.text, self.start, self.end, self._original = text, start, end, original

    @property
    def original(self) -> tuple[int, int]:
        if self._original is None:
            self._original = self.text.span(self.start, self.end)
        return self._original


class _Scanned(NamedTuple):  # a named tuple: built for every title that names a brand, and cheap to build
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

    Build once (variant generation and the automata take under a second per thousand brands), then
    pass it to `batch` or `screen` (screen.py) with any number of listings, or `assess` one listing;
    the detector holds no per-listing state.
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
        # Counterfeit words and legitimate-use cues are looked for only in titles that name a brand,
        # with a second, small automaton: most titles then cost one pass over the brand automaton.
        vocabulary_entries: dict[str, list[tuple[object, ...]]] = {}
        self._symbol_terms: list[tuple[re.Pattern[str], CounterfeitTerm]] = []
        for term in self.vocabulary.counterfeit_terms:
            folded = fold(term.term)
            if len(folded) == len(term.term):
                vocabulary_entries.setdefault(folded, []).append((_TERM, term))
            else:  # 1:1 would fold to 11: matched on the original title instead
                self._symbol_terms.append((_symbol_pattern(term.term), term))
        for context in self.vocabulary.legitimate_contexts:
            folded = fold(context.cue)
            if folded:
                vocabulary_entries.setdefault(folded, []).append((_CONTEXT, context))
        brand_payloads = _payloads(entries, settings)
        # For `screen`'s early exit (`_may_reach_threshold`): the strongest weight each counterfeit word can add.
        term_weights: dict[str, float] = {}
        for text, found in vocabulary_entries.items():
            for entry in found:
                if entry[0] == _TERM:
                    term_weights[text] = max(term_weights.get(text, 0.0), entry[1].weight)  # type: ignore[attr-defined]
        symbol_remaining = 1.0
        for _, term in self._symbol_terms:
            symbol_remaining *= 1 - term.weight
        self._symbol_remaining = symbol_remaining
        self._any_symbol_term = (
            re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in self._symbol_terms), re.IGNORECASE)
            if self._symbol_terms
            else None
        )
        # Brand variants and counterfeit words are looked for in one pass over the title's scan code
        # (`ScanCode`); a counterfeit word's payload has no brand entries and only serves the early exit.
        # The vocabulary automaton of the full assessment runs on the comparison form itself.
        scan_payloads = dict(brand_payloads)
        for text, weight in term_weights.items():
            held = scan_payloads.get(text)
            if held is None:
                scan_payloads[text] = (len(text), False, False, False, (), 0.0, 1 - weight)
            else:
                scan_payloads[text] = (*held[:6], 1 - weight)
        code = ScanCode({ch for text in scan_payloads for ch in text})
        self._scan_forms = code.forms
        self._brand_automaton = build_automaton(scan_payloads, code, every_character=True)
        self._vocabulary_automaton = build_automaton(_payloads(vocabulary_entries, settings))
        # Lawful contexts only lower a score unless a table says otherwise; then no early exit.
        self._early_exit = all(context.factor <= 1 for context in self.vocabulary.legitimate_contexts)
        self.pattern_count = len(brand_payloads)

    # -- finding ---------------------------------------------------------------------------------

    def _bounded(self, nt: NormalizedText, start: int, end: int, payload: tuple[object, ...]) -> bool:
        """Latin names must not be cut out of a longer word (`fila` in `profilament`)."""
        _, latin_start, latin_end, short = payload[:4]
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

    def _find(self, title: str) -> list[tuple[int, tuple[Any, ...]]]:
        """The raw matches of the scanning automaton in the title's code (before boundaries and
        overlaps, counterfeit words included): (end index in the code, payload)."""
        if self._brand_automaton is None:
            return []
        return list(self._brand_automaton.iter(title.translate(self._scan_forms)))

    def _may_reach_threshold(
        self, listing: Listing, seller_history: int, found: list[tuple[int, tuple[Any, ...]]]
    ) -> bool:
        """False when no brand of the listing can score at the threshold, whatever the overlaps and
        boundaries decide: an upper bound of the score from the strongest raw mention, every counterfeit
        word present (each occurrence, unchecked) and the largest weight of each signal that the
        listing's other fields can raise (`_clue`). Lawful contexts only lower a score. Most titles that
        name a brand end here in a scan, without offsets, vocabulary pass or signals.
        """
        if not self._early_exit:
            return True
        settings = self.settings
        best, remaining = 0.0, 1.0
        for _, payload in found:
            if payload[5] > best:
                best = payload[5]
            remaining *= payload[6]  # 1 - the weight of a counterfeit word, 1.0 for a brand variant
        remaining *= 1 - best
        if self._any_symbol_term is not None and self._any_symbol_term.search(listing.title):
            remaining *= self._symbol_remaining
        if listing.seller or listing.shop:
            remaining *= 1 - settings.seller_not_authorised_weight
        if listing.price is not None:
            remaining *= 1 - max(settings.price_far_below_weight, settings.price_implausible_weight)
        if listing.category:
            remaining *= 1 - settings.category_outside_weight
        if seller_history > 0:
            remaining *= 1 - settings.seller_history_weight_cap
        # The score is rounded to three decimals before it is compared: keep a margin.
        return 1 - remaining >= settings.threshold - 0.001

    def _scan(self, title: str, found: list[tuple[int, tuple[Any, ...]]] | None = None) -> _Scanned | None:
        if found is None:
            found = self._find(title)
        if not found:
            return None
        nt = NormalizedText(title)
        norm = nt.text
        candidates = []
        for end_index, payload in found:
            if not payload[4]:  # a counterfeit word: looked for again with the vocabulary below
                continue
            end = end_index // CODE_WIDTH + 1
            start = end - payload[0]
            if (payload[1] or payload[2]) and not self._bounded(nt, start, end, payload):
                continue
            candidates.append((start, end, payload))
        if not candidates:
            return None
        mentions = [
            (_Hit(nt, start, end), entry[1], entry[2])
            for start, end, payload in (candidates if len(candidates) == 1 else _longest_first(candidates))
            for entry in payload[4]
        ]
        terms: list[tuple[_Hit, CounterfeitTerm]] = []
        contexts: list[tuple[_Hit, LegitimateContext]] = []
        if self._vocabulary_automaton is not None:
            for end_index, payload in self._vocabulary_automaton.iter(norm):
                end = end_index + 1
                start = end - payload[0]
                if (payload[1] or payload[2]) and not self._bounded(nt, start, end, payload):
                    continue
                hit = _Hit(nt, start, end)
                for entry in payload[4]:
                    if entry[0] == _TERM:
                        terms.append((hit, entry[1]))
                    else:
                        contexts.append((hit, entry[1]))
        for pattern, term in self._symbol_terms:
            for match in pattern.finditer(title):
                terms.append((_Hit(nt, -1, -1, (match.start(), match.end())), term))
        return _Scanned(nt, mentions, terms, contexts)

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
        return self._assess(listing, seller_history, keep_below=True)

    def _screen(
        self,
        listings: Iterable[Listing],
        *,
        seller_history: Mapping[str, int] | None = None,
        all_mentions: bool = False,
    ) -> Iterator[Clue]:
        """Clues at or above the threshold (every assessed mention with `all_mentions`), lazily: the body
        of `screen` and `batch`."""
        history = seller_history or {}
        find, may_reach = self._find, self._may_reach_threshold
        # `_assess` written out for the titles that end early: most titles of a scan.
        for listing in listings:
            found = find(listing.title)
            if not found:
                continue
            count = history.get(listing.seller, 0) if listing.seller else 0
            if all_mentions or may_reach(listing, count, found):
                yield from self._assess(listing, count, keep_below=all_mentions, found=found)

    def _assess(
        self,
        listing: Listing,
        seller_history: int,
        *,
        keep_below: bool,
        found: list[tuple[int, tuple[Any, ...]]] | None = None,
    ) -> list[Clue]:
        if found is None:
            found = self._find(listing.title)
            if not found or not (keep_below or self._may_reach_threshold(listing, seller_history, found)):
                return []
        scanned = self._scan(listing.title, found)
        if scanned is None:
            return []
        by_brand: dict[int, list[tuple[_Hit, Variant]]] = {}
        if len(scanned.mentions) == 1:
            ((hit, index, variant),) = scanned.mentions
            by_brand[index] = [(hit, variant)]
        else:
            for hit, index, variant in scanned.mentions:
                by_brand.setdefault(index, []).append((hit, variant))
        clues = []
        for index, hits in by_brand.items():
            clue = self._clue(listing, self.brands[index], hits, scanned, seller_history, keep_below=keep_below)
            if clue is not None:
                clues.append(clue)
        return clues

    def _clue(
        self,
        listing: Listing,
        brand: Brand,
        hits: list[tuple[_Hit, Variant]],
        scanned: _Scanned,
        seller_history: int,
        *,
        keep_below: bool,
    ) -> Clue | None:
        """The clue of one brand in one listing; None when below the threshold and not `keep_below`
        (evidence and mention objects are then never built: most pairs in a large scan end there)."""
        settings = self.settings
        weights = settings.mention_weights
        strongest_hit, strongest = hits[0] if len(hits) == 1 else max(hits, key=lambda h: weights[h[1].kind])
        # (name, weight, detail) tuples while scoring; Signal objects only for pairs that are kept.
        signals = [("brand_mention", weights[strongest.kind], strongest.kind.value)]

        seen_terms = set()
        for _, term in scanned.terms:
            if term.term not in seen_terms:
                seen_terms.add(term.term)
                signals.append(("counterfeit_term", term.weight, term.term))

        sellers = [name for name in (listing.seller, listing.shop) if name]
        if brand.authorised_sellers and sellers and not _authorised(brand, listing.platform, sellers):
            signals.append(("seller_not_authorised", settings.seller_not_authorised_weight, sellers[0]))

        # The listing's category range where the brand has one, else the brand-wide range.
        price_min = brand.reference_price(listing.category)[0] if brand.category_prices else brand.price_min
        if listing.price is not None and price_min:
            ratio = listing.price / price_min
            if ratio < settings.price_implausible_ratio:
                signals.append(("price_far_below", settings.price_implausible_weight, f"{ratio:.3f}"))
            elif ratio < settings.price_far_below_ratio:
                signals.append(("price_far_below", settings.price_far_below_weight, f"{ratio:.3f}"))

        if brand.categories and listing.category:
            category = fold(listing.category)
            if not any((c := fold(known)) and (c in category or category in c) for known in brand.categories):
                signals.append(("category_outside", settings.category_outside_weight, listing.category))

        if seller_history > 0:
            each, cap = settings.seller_history_weight_each, settings.seller_history_weight_cap
            weight = round(min(cap, 1 - (1 - each) ** seller_history), 3)
            signals.append(("seller_history", weight, str(seller_history)))

        remaining = 1.0
        for _, weight, _ in signals:
            remaining *= 1 - weight
        score = 1 - remaining

        lawful: dict[ContextKind, tuple[LegitimateContext, _Hit]] = {}
        for hit, context in scanned.contexts:
            held = lawful.get(context.kind)
            if held is not None and (context.factor, -len(context.cue)) >= (held[0].factor, -len(held[0].cue)):
                continue
            text = scanned.text.text
            if any(_applies(context, cue_hit=hit, mention=mention_hit, text=text) for mention_hit, _ in hits):
                lawful[context.kind] = (context, hit)
        for context, _ in lawful.values():
            score *= context.factor
            signals.append(("legitimate_use", context.factor, f"{context.kind.value}:{context.cue}"))

        score = round(score, 3)
        is_clue = score >= settings.threshold
        if not (is_clue or keep_below):
            return None
        spans = [(hit, f"brand_mention:{variant.kind.value}") for hit, variant in hits]
        spans.extend((hit, f"counterfeit_term:{term.term}") for hit, term in scanned.terms)
        spans.extend((hit, f"legitimate_use:{context.kind.value}") for context, hit in lawful.values())
        title = listing.title
        evidence = {
            Evidence(hit.original[0], hit.original[1], title[hit.original[0] : hit.original[1]], what): None
            for hit, what in sorted(spans, key=lambda item: item[0].original)
        }
        first, last = strongest_hit.original
        return Clue(
            listing=listing,
            brand=brand,
            score=score,
            is_clue=is_clue,
            signals=tuple(Signal(*signal) for signal in signals),
            evidence=tuple(evidence),
            mention=Mention(brand, strongest, first, last, title[first:last]),
        )


def explain(clue: Clue) -> str:
    """The Chinese sentence of a clue, from its signals (see `Clue.explanation`)."""
    brand, listing, mention = clue.brand, clue.listing, clue.mention
    variant = mention.variant
    if variant.kind in EXACT_KINDS:
        reasons = [f"标题提及品牌“{brand.name}”（“{mention.text}”）"]
    else:
        reasons = [f"标题以{VARIANT_LABELS_ZH[variant.kind]}“{mention.text}”（{variant.how}）提及品牌“{brand.name}”"]
    terms = [s.detail for s in clue.signals if s.name == "counterfeit_term"]
    if terms:
        reasons.append("含售假用语" + "".join(f"“{t}”" for t in terms))
    lowered = []
    for signal in clue.signals:
        if signal.name == "seller_not_authorised":
            reasons.append(f"卖家“{signal.detail}”不在品牌授权名单内")
        elif signal.name == "price_far_below":
            price_min, _, category = brand.reference_price(listing.category)
            where = f"“{category}”类" if category else ""
            reasons.append(f"售价{listing.price:g}元仅为{where}参考价下限{price_min:g}元的{float(signal.detail):.0%}")
        elif signal.name == "category_outside":
            reasons.append(f"商品类别“{listing.category}”不在品牌商品类别（{'、'.join(brand.categories)}）内")
        elif signal.name == "seller_history":
            reasons.append(f"该卖家已有{signal.detail}条经确认的侵权线索")
        elif signal.name == "legitimate_use":
            kind, _, cue = signal.detail.partition(":")
            lowered.append(f"“{cue}”表明{CONTEXT_LABELS_ZH[ContextKind(kind)]}")
    sentence = "，".join(reasons)
    if lowered:
        sentence += "；但" + "、".join(lowered) + "，已降低得分"
    verdict = "列为侵权线索" if clue.is_clue else "未达线索阈值"
    return f"{sentence}；综合得分{clue.score:.2f}，{verdict}。"


def _authorised(brand: Brand, platform: str, sellers: list[str]) -> bool:
    """Whether the seller or shop is on the brand's list: `name` on any platform, `platform:name` on one."""
    for entry in brand.authorised_sellers:
        where, sep, name = entry.replace("：", ":").partition(":")
        if sep and where.strip() == platform and name.strip() in sellers:
            return True
        if not sep and entry in sellers:
            return True
    return False


def _applies(context: LegitimateContext, *, cue_hit: _Hit, mention: _Hit, text: str) -> bool:
    """Whether a legitimate-use cue stands where its table row says, relative to the brand mention."""
    if context.not_followed_by and 0 <= cue_hit.end < len(text) and text[cue_hit.end] in context.not_followed_by:
        return False
    if context.position is Position.ANYWHERE:
        return True
    if context.position is Position.BEFORE:
        return cue_hit.end <= mention.start and mention.start - cue_hit.end <= context.window
    return cue_hit.start >= mention.end and cue_hit.start - mention.end <= context.window


_Candidate = tuple[int, int, tuple[Any, ...]]


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping brand mentions in title order: longer spans first, then exact names before
    disguises (a text's entries are all exact or all disguises, see `Detector.__init__`)."""
    ranked = sorted(candidates, key=lambda c: (c[0] - c[1], 0 if c[2][4][0][2].kind in EXACT_KINDS else 1, c[0]))
    taken: list[_Candidate] = []
    for candidate in ranked:
        start, end, _ = candidate
        if not any(start < other[1] and other[0] < end for other in taken):
            taken.append(candidate)
    taken.sort(key=lambda c: (c[0], c[1]))
    return taken


def _payloads(entries: dict[str, list[tuple[object, ...]]], settings: Settings) -> dict[str, tuple[object, ...]]:
    """Payload per text: (length, Latin first letter, Latin last letter, short Latin name, entries,
    strongest mention weight of its brand entries, 1 - weight of the counterfeit word it also is: 1.0
    here, set by `Detector.__init__` in the scanning automaton)."""
    weights = settings.mention_weights
    payloads: dict[str, tuple[object, ...]] = {}
    for text, found in entries.items():
        if found:
            short = text.isascii() and text.isalpha() and len(text) <= settings.short_latin_length
            best = max((weights[e[2].kind] for e in found if e[0] == _BRAND), default=0.0)  # type: ignore[attr-defined]
            payloads[text] = (len(text), _is_latin(text[0]), _is_latin(text[-1]), short, tuple(found), best, 1.0)
    return payloads


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
