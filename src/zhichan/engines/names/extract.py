"""The parts of an enterprise, shop or service name: 行政区划 + 字号 + 行业 + 组织形式.

`parse_name("广州市王老吉餐饮管理有限公司")` gives the place 广州市, the trade name (字号) 王老吉, the
industry words 餐饮管理 and the form 有限公司; `parse_name("王老吉官方旗舰店")` the trade name 王老吉 and
the shop form 官方旗舰店. The word lists are data (`data/places.csv`, `data/name_words.csv`), each file
with its version and source. Everything is compared in the comparison form of `engines.text.normalize`
(Traditional folded, case and width folded, punctuation dropped), so 廣州市王老吉餐飲管理有限公司 parses
the same way; brackets (（广州）, (中国)) are set aside before, as the register writes a branch or a
place in them.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from zhichan.engines.marks.variants import fold_variants
from zhichan.engines.text import normalize

_BRACKETS = re.compile(r"[(\[【〔［][^)\]】〕］]*[)\]】〕］]")
# A trade name is not cut shorter than this by taking industry words off its end.
MIN_TRADE_NAME = 2
# A short place form is kept when it and up to this many following characters make a dictionary word.
_GUARD_SPAN = 3


@dataclass(frozen=True, slots=True)
class NameWord:
    word: str
    kind: str  # form | shop | industry
    industry: str  # GB/T 4754-2017 division or section code, or ""


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name split into its parts, all in comparison form."""

    name: str  # the name as given
    normalized: str  # the whole name in comparison form, brackets included
    places: tuple[str, ...]  # 广州市, 番禺区 (in their order); bracketed places too
    trade_name: str  # 王老吉
    industry_words: tuple[str, ...]  # 餐饮管理 (in their order)
    forms: tuple[str, ...]  # 有限公司, 官方旗舰店 (in their order)
    core: str  # places + trade name + industry words: the name without its form and brackets
    shop: bool  # the name ends in a shop form (旗舰店, 专营店 ...)

    @property
    def industry_codes(self) -> tuple[str, ...]:
        """The industries the industry words (then the shop forms) name, most specific word first."""
        words = name_words()
        codes = [words[w].industry for w in reversed(self.industry_words) if words[w].industry]
        codes += [words[w].industry for w in self.forms if words[w].industry]
        return tuple(dict.fromkeys(codes))

    @property
    def traditional(self) -> bool:
        """Whether the name is written with Traditional or variant characters that comparison folds."""
        return any(normalize(ch) not in ("", ch.casefold()) for ch in unicodedata.normalize("NFKC", self.name))


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("data").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


@cache
def name_words() -> dict[str, NameWord]:
    """Form, shop and industry words by their comparison form (`data/name_words.csv`)."""
    return {
        normalize(r["word"]): NameWord(normalize(r["word"]), r["kind"], r["industry"].strip())
        for r in _rows("name_words.csv")
    }


def is_name_word(text: str) -> bool:
    """Whether `text` (in comparison form) is a form, shop or industry word, nobody's trade name."""
    return text in name_words()


@cache
def places() -> dict[str, bool]:
    """Place names by comparison form -> whether it is a short form (广州 rather than 广州市)."""
    out: dict[str, bool] = {}
    for r in _rows("places.csv"):
        out[normalize(r["name"])] = False
        out.setdefault(normalize(r["short"]), True)
    return out


@cache
def _by_length(kinds: frozenset[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    by: dict[int, set[str]] = {}
    for word, entry in name_words().items():
        if entry.kind in kinds:
            by.setdefault(len(word), set()).add(word)
    return tuple(sorted(((n, frozenset(ws)) for n, ws in by.items()), reverse=True))


@cache
def _place_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(p) for p in places()}, reverse=True))


@cache
def _dictionary_words() -> frozenset[str]:
    """Words of jieba's dictionary (a pinned dependency) that begin with a short place form and are
    longer than it: 白云山, 天河城, 中山大学. Such a word is a name, not a district."""
    shorts = {p for p, short in places().items() if short}
    first = {p[0] for p in shorts}
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        word = line.partition(" ")[0]
        if word and word[0] in first and any(word.startswith(s) and len(word) > len(s) for s in shorts):
            out.add(normalize(word))
    return frozenset(out)


def _strip_end(text: str, kinds: frozenset[str], minimum: int) -> tuple[str, list[str]]:
    """`text` without the words of `kinds` at its end (longest first, repeatedly), never shorter than
    `minimum`; the words taken, in their order in the name."""
    taken: list[str] = []
    changed = True
    while changed:
        changed = False
        for length, words in _by_length(kinds):
            if len(text) - length >= minimum and text[-length:] in words:
                taken.insert(0, text[-length:])
                text = text[:-length]
                changed = True
                break
    return text, taken


def _strip_places(text: str) -> tuple[str, list[str]]:
    taken: list[str] = []
    table = places()
    guard = _dictionary_words()
    changed = True
    while changed:
        changed = False
        for length in _place_lengths():
            head, rest = text[:length], text[length:]
            if head not in table or not rest:
                continue
            if table[head] and any(head + rest[:k] in guard for k in range(1, _GUARD_SPAN + 1)):
                continue
            taken.append(head)
            text = rest
            changed = True
            break
    return text, taken


@lru_cache(maxsize=65536)
def parse_name(name: str) -> NameParts:
    """The parts of an enterprise, shop or service name (module docstring)."""
    folded = fold_variants(unicodedata.normalize("NFKC", name))
    bracketed = [normalize(b) for b in _BRACKETS.findall(folded)]
    bare = normalize(_BRACKETS.sub("", folded))
    bracket_places = tuple(b for b in bracketed if b in places())
    body, forms = _strip_end(bare, frozenset({"form", "shop"}), 1)
    rest, taken_places = _strip_places(body)
    trade, industry = _strip_end(rest, frozenset({"industry"}), MIN_TRADE_NAME)
    words = name_words()
    if taken_places and (not trade or (trade in words and words[trade].kind == "industry")):
        # Only a place and industry words (广州 + 酒家): together they are the name's own designation.
        trade = taken_places[-1] + trade + "".join(industry)
        industry = [trade[len(taken_places[-1]) :]] if trade[len(taken_places[-1]) :] in words else industry
        taken_places = taken_places[:-1]
    return NameParts(
        name=name,
        normalized=normalize(folded),
        places=(*taken_places, *bracket_places),
        trade_name=trade,
        industry_words=tuple(industry),
        forms=tuple(forms),
        core=body,
        shop=any(words[f].kind == "shop" for f in forms),
    )
