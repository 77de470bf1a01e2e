"""The disguises of a brand name that sellers use to dodge keyword filters, generated from the name.

Each variant is in comparison form (see `normtext.fold`) and says how it was made. Spaces and symbols
inserted between letters (`耐 克`, `N·I·K·E`), full width (`Ｎｉｋｅ`) and Latin-looking Cyrillic or
Greek letters need no variant: normalisation removes them from the title before matching. Generated:

- the name and each alias (Latin and Chinese names of the same brand come in as aliases);
- the pinyin spelling of a Chinese name (`耐克` -> `naike`);
- digit-for-letter spellings of a Latin name (`nike` -> `n1ke`, `n1k3`);
- look-alike characters from the editable table (`康师傅` -> `康帅傅`);
- Mandarin and Cantonese homophones: one character replaced by a common character read the same,
  tone included (`耐克` -> `奈克`; in Cantonese `奥利奥` -> `澳利澳`);
- fragments of long Chinese names, one character short (`阿迪达斯` -> `阿迪达`, `迪达斯`); two-character
  fragments are common words (时尚 of 时尚起义) and are left out: a short form in use (阿迪) is an alias.

A generated Chinese variant that is a common word (in jieba's dictionary with a frequency of at least
`common_word_min_frequency`) is dropped: 科技 is not a disguise of the brand 柯技, nor 三合 of 三和.

Homophones and look-alike characters belong with the mark engine's sound and shape comparison; the
listing engine needs them as generators, built here on the text engine's public readings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from zhichan.engines.listings.kinds import VariantKind
from zhichan.engines.listings.normtext import fold
from zhichan.engines.listings.registry import Brand, Lookalike
from zhichan.engines.listings.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.text import is_han, jyutping_syllables, pinyin_full, pinyin_tones


@dataclass(frozen=True, slots=True)
class Variant:
    """A normalised form to look for, the brand name or alias it comes from, and how it was made."""

    text: str
    kind: VariantKind
    source: str
    how: str


def _is_common_han(ch: str) -> bool:
    """Level 1 of GB 2312 (3,755 characters in everyday use): the characters a disguise is written with."""
    try:
        encoded = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


@cache
def _common_han() -> tuple[str, ...]:
    return tuple(ch for ch in (chr(code) for code in range(0x4E00, 0xA000)) if _is_common_han(ch))


@cache
def _mandarin_homophones() -> dict[str, tuple[str, ...]]:
    """Toned pinyin syllable (`nai4`) -> common characters whose usual reading it is."""
    index: dict[str, list[str]] = {}
    for ch in _common_han():
        index.setdefault(pinyin_tones(ch)[0], []).append(ch)
    return {syllable: tuple(chars) for syllable, chars in index.items()}


@cache
def _cantonese_homophones() -> dict[str, tuple[str, ...]]:
    """Toned jyutping syllable (`ou3`) -> common characters whose usual reading it is."""
    index: dict[str, list[str]] = {}
    for ch in _common_han():
        reading = jyutping_syllables(ch)[0]
        if reading != ch:
            index.setdefault(reading, []).append(ch)
    return {syllable: tuple(chars) for syllable, chars in index.items()}


def _substitutions(
    name: str, readings: Sequence[str], index: dict[str, tuple[str, ...]], limit: int
) -> Iterable[tuple[str, str]]:
    """Names with one Han character replaced by another of the same reading, fewest per position first."""
    per_position = []
    for position, (ch, reading) in enumerate(zip(name, readings, strict=True)):
        if is_han(ch):
            per_position.append([(position, other, reading) for other in index.get(reading, ()) if other != ch])
    produced = 0
    # Round-robin over the positions, so a capped list still disguises every character.
    for rank in range(max((len(options) for options in per_position), default=0)):
        for options in per_position:
            if rank < len(options):
                position, other, reading = options[rank]
                yield name[:position] + other + name[position + 1 :], f"{name[position]}→{other}（{reading}）"
                produced += 1
                if produced >= limit:
                    return


_Generated = Iterable[tuple[str, VariantKind, str]]


def _han_variants(name: str, lookalikes: Sequence[Lookalike], settings: Settings) -> _Generated:
    han_only = all(is_han(ch) for ch in name)
    if han_only and len(name) >= 2:
        spelled = pinyin_full(name)
        if len(spelled) >= settings.min_latin_variant_length:
            yield spelled, VariantKind.PINYIN, f"拼音 {spelled}"
    pairs: dict[str, list[str]] = {}
    for pair in lookalikes:
        pairs.setdefault(pair.original, []).append(pair.lookalike)
        pairs.setdefault(pair.lookalike, []).append(pair.original)
    for position, ch in enumerate(name):
        if is_han(ch):
            for other in pairs.get(ch, ()):
                yield name[:position] + other + name[position + 1 :], VariantKind.LOOKALIKE, f"{ch}→{other}（形近）"
    if sum(1 for ch in name if is_han(ch) and ch in pairs) > 1:  # 奥利奥 -> 粤利粤
        every = "".join(pairs[ch][0] if is_han(ch) and ch in pairs else ch for ch in name)
        yield every, VariantKind.LOOKALIKE, "形近字全部替换"
    if any(is_han(ch) for ch in name):
        limit = settings.max_homophones_per_name
        tones = pinyin_tones(name)
        if len(tones) == len(name):
            for text, how in _substitutions(name, tones, _mandarin_homophones(), limit):
                yield text, VariantKind.HOMOPHONE_MANDARIN, how
        jyutping = jyutping_syllables(name)
        if len(jyutping) == len(name):
            for text, how in _substitutions(name, jyutping, _cantonese_homophones(), limit):
                yield text, VariantKind.HOMOPHONE_CANTONESE, how
    if han_only and len(name) >= settings.min_fragment_source_length:
        for fragment in dict.fromkeys((name[:-1], name[1:])):
            yield fragment, VariantKind.FRAGMENT, f"“{name}”的片段"


def _latin_variants(name: str, lookalikes: Sequence[Lookalike], settings: Settings) -> _Generated:
    if len(name) < settings.min_latin_variant_length:
        return
    digits = {p.original: p.lookalike for p in lookalikes if p.original.isascii() and p.lookalike.isdigit()}
    positions = [i for i, ch in enumerate(name) if ch in digits]
    for i in positions:
        yield name[:i] + digits[name[i]] + name[i + 1 :], VariantKind.DIGIT_LOOKALIKE, f"{name[i]}→{digits[name[i]]}"
    if len(positions) > 1:
        every = "".join(digits.get(ch, ch) for ch in name)
        yield every, VariantKind.DIGIT_LOOKALIKE, "字母全部换成形近数字"


def brand_variants(
    brand: Brand, lookalikes: Sequence[Lookalike] = (), settings: Settings = DEFAULT_SETTINGS
) -> tuple[Variant, ...]:
    """Every form of the brand to look for, the name and aliases first; each text appears once."""
    seen: set[str] = set()
    out: list[Variant] = []

    def add(text: str, kind: VariantKind, source: str, how: str) -> None:
        if not text or (not text.isascii() and len(text) < settings.min_han_name_length):
            return
        if text not in seen:
            seen.add(text)
            out.append(Variant(text, kind, source, how))

    folded = [(fold(name), name) for name in brand.names]
    for index, (text, name) in enumerate(folded):
        if index == 0:
            add(text, VariantKind.NAME, name, "登记的名称")
        else:
            add(text, VariantKind.ALIAS, name, "登记的别名")
    for text, name in folded:
        if not text:
            continue
        generated = (
            _latin_variants(text, lookalikes, settings)
            if text.isascii() and text.isalnum()
            else _han_variants(text, lookalikes, settings)
        )
        for variant_text, kind, how in generated:
            if not _long_enough(variant_text, settings):
                continue
            if kind in _WORD_CHECKED and _word_frequency(variant_text) >= settings.common_word_min_frequency:
                continue  # 科技 is a word, not a disguise of the brand 柯技
            add(variant_text, kind, name, how)
    return tuple(out)


# Generated Chinese variants that are checked against the dictionary of common words.
_WORD_CHECKED = frozenset(
    {VariantKind.LOOKALIKE, VariantKind.HOMOPHONE_MANDARIN, VariantKind.HOMOPHONE_CANTONESE, VariantKind.FRAGMENT}
)


@cache
def _word_frequencies() -> dict[str, int]:
    """Words of two to four characters and their frequency, from jieba's dictionary (read directly:
    jieba's own loader writes a cache file and logs, which an engine must not)."""
    frequencies: dict[str, int] = {}
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, rest = line.partition(" ")
        if 2 <= len(word) <= 4:
            frequencies[word] = int(rest.partition(" ")[0] or 0)
    return frequencies


def _word_frequency(text: str) -> int:
    return _word_frequencies().get(text, 0)


def _long_enough(text: str, settings: Settings) -> bool:
    return not text.isascii() or len(text) >= settings.min_latin_variant_length
