"""Compare two marks as the examination guideline does: by shape, sound and meaning, with its rules.

`compare(a, b)` gives a score in [0, 1], a verdict (identical, similar, not_similar), the component
scores and the reasons, each naming the rule of 商标审查审理指南 下编第五章 (5.1.1-5.1.17) it rests on
with the evidence seen, e.g. `5.1.7 三字以上仅一字不同: 康帅傅 / 康师傅`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rapidfuzz.distance import Levenshtein

from zhichan.engines.marks.goods import GoodsComparison, GoodsTable, compare_goods
from zhichan.engines.marks.lexicon import CATEGORY_RULES, split_mark
from zhichan.engines.marks.meaning import dictionary_meaning, embedding_meaning
from zhichan.engines.marks.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.marks.shape import shape, shape_alignment, shape_form
from zhichan.engines.marks.sound import sound_cantonese, sound_mandarin
from zhichan.engines.marks.variants import fold_variants
from zhichan.engines.text import all_han, glyph_codes, glyph_similarity, normalize, pinyin_full, script_runs


class Verdict(StrEnum):
    IDENTICAL = "identical"
    SIMILAR = "similar"
    NOT_SIMILAR = "not_similar"


TITLES = {
    "4.1": "文字商标相同",
    "5.1.1": "汉字相同，仅字体、拼音标注或排列顺序不同",
    "5.1.2": "显著部分汉字相同，仅排列顺序不同",
    "5.1.3": "叠用文字",
    "5.1.4": "读音相同或近似且字形近似",
    "5.1.5": "字形近似",
    "5.1.6": "含义相同或近似",
    "5.1.7": "三字以上仅一字不同",
    "5.1.8": "一两个字母或数字，仅字体或设计不同",
    "5.1.9": "三个以上字母仅一个字母不同",
    "5.1.10": "两个外文单词仅顺序不同",
    "5.1.11": "仅冠词、连词、介词或词形不同",
    "5.1.12": "在先商标显著部分加商品通用名称或描述性文字",
    "5.1.13": "在先商标显著部分加地名",
    "5.1.14": "仅弱修饰词不同",
    "5.1.15": "显著部分近似",
    "5.1.16": "完整包含在先商标",
    "5.1.17": "中文及其拼音与同一拼音",
}


@dataclass(frozen=True, slots=True)
class Reason:
    rule: str  # "5.1.7"
    evidence: str  # "康帅傅 / 康师傅"

    @property
    def title(self) -> str:
        return TITLES[self.rule]

    def __str__(self) -> str:
        return f"{self.rule} {self.title}: {self.evidence}"


@dataclass(frozen=True, slots=True)
class Result:
    a: str  # the marks as given, for display
    b: str
    score: float
    verdict: Verdict
    sound_mandarin: float
    sound_cantonese: float
    shape: float
    meaning: float
    text: float
    reasons: tuple[Reason, ...] = ()
    goods: GoodsComparison | None = field(default=None)

    @property
    def sound(self) -> float:
        """The larger of the Mandarin and Cantonese sound scores."""
        return max(self.sound_mandarin, self.sound_cantonese)

    def as_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "score": self.score,
            "verdict": str(self.verdict),
            "components": {
                "sound_mandarin": self.sound_mandarin,
                "sound_cantonese": self.sound_cantonese,
                "shape": self.shape,
                "meaning": self.meaning,
                "text": self.text,
            },
            "reasons": [{"rule": r.rule, "title": r.title, "evidence": r.evidence} for r in self.reasons],
            "goods": None
            if self.goods is None
            else {
                "relation": str(self.goods.relation),
                "reason": self.goods.reason,
                "edition": self.goods.edition,
            },
        }


@dataclass(frozen=True, slots=True)
class _Components:
    text: float
    shape: float
    mandarin: float
    cantonese: float

    def best(self, other: _Components, factor: float = 1.0) -> _Components:
        return _Components(
            max(self.text, round(factor * other.text, 4)),
            max(self.shape, round(factor * other.shape, 4)),
            max(self.mandarin, round(factor * other.mandarin, 4)),
            max(self.cantonese, round(factor * other.cantonese, 4)),
        )


def _components(a: str, b: str) -> _Components:
    return _Components(
        text=round(Levenshtein.normalized_similarity(normalize(a), normalize(b)), 4),
        shape=shape(a, b),
        mandarin=sound_mandarin(a, b),
        cantonese=sound_cantonese(a, b),
    )


def _is_latin(text: str) -> bool:
    return bool(text) and text.isascii()


def _collapse_repeats(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _stems(word: str) -> frozenset[str]:
    """Possible English stems for 5.1.11 (plural, gerund, comparative): the word and it without an ending."""
    endings = ("ies", "es", "s", "ing", "est", "er", "ed")
    return frozenset({word} | {word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= 3})


def _same_stems(a: Iterable[str], b: Iterable[str]) -> bool:
    wa, wb = list(a), list(b)
    return len(wa) == len(wb) > 0 and all(_stems(x) & _stems(y) for x, y in zip(wa, wb, strict=True))


def _han_part(text: str) -> str:
    return "".join(run for run, han in script_runs(text) if han)


def _latin_part(text: str) -> str:
    return "".join(run for run, han in script_runs(text) if not han)


def _looks_like(component: str, ch: str, settings: Settings) -> bool:
    return component == ch or glyph_similarity(component, ch) >= settings.lookalike_character


def _split_character(x: str, y: str, settings: Settings) -> str | None:
    """Where `y` is `x` with one character replaced by two characters that look like its components
    (the other characters equal), the evidence `雕 拆分为 周住`; otherwise None."""
    if len(y) != len(x) + 1:
        return None
    for i, ch in enumerate(x):
        if x[:i] != y[:i] or x[i + 1 :] != y[i + 2 :]:
            continue
        codes = glyph_codes(ch)
        parts = sorted(codes.components) if codes else []
        first, second = y[i], y[i + 1]
        if len(parts) == 1:
            fits = _looks_like(parts[0], first, settings) and _looks_like(parts[0], second, settings)
        elif len(parts) == 2:
            fits = any(
                _looks_like(p, first, settings) and _looks_like(q, second, settings) for p, q in (parts, parts[::-1])
            )
        else:
            fits = False
        if fits:
            return f"{ch} 拆分为 {first}{second}"
    return None


def _latin_letters_allowed(length: int, settings: Settings) -> int:
    return settings.latin_lookalike_letters_long if length >= 8 else settings.latin_lookalike_letters


def _rules(
    a: str, b: str, comp: _Components, meaning_hit: str | None, embedding: float, settings: Settings
) -> list[Reason]:
    """The guideline rules that hold for the pair, with their evidence (marks normalised and different)."""
    na, nb = normalize(a), normalize(b)
    pa, pb = split_mark(a), split_mark(b)
    ca, cb = pa.core, pb.core
    pair = f"{a} / {b}"
    reasons: list[Reason] = []

    # 5.1.1 / 5.1.2: the same characters in another order (whole mark, or its distinctive part).
    if all_han(na) and all_han(nb) and sorted(na) == sorted(nb):
        reasons.append(Reason("5.1.1", pair))
    elif ca != cb and all_han(ca) and len(ca) > 1 and sorted(ca) == sorted(cb):
        reasons.append(Reason("5.1.2", f"{ca} / {cb}"))
    # 5.1.1: Chinese with and without its own pinyin (华为 / 华为HUAWEI).
    for x, y in ((na, nb), (nb, na)):
        if all_han(x) and y.startswith(x) and y[len(x) :] == pinyin_full(x):
            reasons.append(Reason("5.1.1", f"{pair}（仅拼音标注不同）"))
    # 5.1.3: reduplication (天天 / 天).
    if _collapse_repeats(na) == _collapse_repeats(nb) or any(
        len(x) > len(y) and len(x) % len(y) == 0 and x == y * (len(x) // len(y)) for x, y in ((na, nb), (nb, na))
    ):
        reasons.append(Reason("5.1.3", pair))
    # Aligned characters that differ, with their glyph similarity (evidence for 5.1.4 / 5.1.5).
    sa, sb = shape_form(a), shape_form(b)
    alignment = shape_alignment(a, b)
    differing = list(dict.fromkeys((sa[i], sb[j], s) for i, j, s in alignment.pairs if sa[i] != sb[j]))
    look_alike = bool(differing) and all(s >= settings.lookalike_character for _, _, s in differing)
    # One look-alike replaced in an otherwise equal mark (雪碧 / 雷碧) is 字形近似 whatever the length.
    one_swap = len(sa) == len(sb) == len(alignment.pairs) and sum(x != y for x, y in zip(sa, sb, strict=True)) == 1
    glyph_evidence = "; ".join(f"{x}~{y} {s:.2f}" for x, y, s in differing)
    sound = max(comp.mandarin, comp.cantonese)
    han_pair = all_han(na) and all_han(nb)
    if han_pair and sound >= settings.sound_similar and (comp.shape >= settings.shape_similar or look_alike):
        reasons.append(Reason("5.1.4", f"{pair} sound {sound:.2f} shape {comp.shape:.2f}"))
    elif sound >= settings.sound_similar and (han_pair or (_is_latin(na) and _is_latin(nb))):
        reasons.append(Reason("5.1.4", f"{pair} sound {sound:.2f}（字形差异较大，需人工判断）"))
    elif look_alike and (comp.shape >= settings.shape_similar or one_swap):
        reasons.append(Reason("5.1.5", f"{glyph_evidence}; shape {comp.shape:.2f}"))
    elif _is_latin(na) and _is_latin(nb) and sa == sb:
        reasons.append(Reason("5.1.5", f"{pair}（字母形近）"))
    elif len(na) == len(nb) == 1 and look_alike:
        reasons.append(Reason("5.1.5", f"{glyph_evidence}"))
    elif sound >= settings.sound_similar and (all_han(na) != all_han(nb)) and not meaning_hit:
        # A Chinese mark that transliterates a Latin one (耐克 / NIKE) is a translation in the wide sense.
        reasons.append(Reason("5.1.6", f"{pair}（音译）sound {sound:.2f}"))
    # 5.1.5: one character written as its two components side by side (雕牌 / 周住牌: 雕 = 周 + 隹).
    if han_pair:
        for x, y in ((na, nb), (nb, na)):
            split = _split_character(x, y, settings)
            if split:
                reasons.append(Reason("5.1.5", f"{pair}（{split}）"))
                break
    # 5.1.6: meaning, from the dictionary or, where the texts differ, the sentence encoder.
    if meaning_hit:
        reasons.append(Reason("5.1.6", meaning_hit))
    elif embedding >= settings.embedding_meaning_similar and comp.text < settings.embedding_text_ceiling:
        reasons.append(Reason("5.1.6", f"{pair} meaning {embedding:.2f}"))
    # 5.1.7: three or more Chinese characters, only one differs.
    for x, y in ((na, nb), (ca, cb)):
        if all_han(x) and all_han(y) and len(x) == len(y) >= 3 and sum(p != q for p, q in zip(x, y, strict=True)) == 1:
            reasons.append(Reason("5.1.7", f"{x} / {y}"))
            break
    # 5.1.8 - 5.1.11: Latin marks.
    if _is_latin(na) and _is_latin(nb):
        if len(na) <= 2 and len(nb) <= 2 and sa == sb:
            reasons.append(Reason("5.1.8", pair))
        if min(len(na), len(nb)) >= 3 and Levenshtein.distance(na, nb) == 1:
            reasons.append(Reason("5.1.9", pair))
        elif (
            min(len(sa), len(sb)) >= settings.latin_lookalike_min_letters
            and sa[0] == sb[0]
            and 1 < (letters := Levenshtein.distance(sa, sb)) <= _latin_letters_allowed(max(len(sa), len(sb)), settings)
        ):
            # 5.1.5 for a word of five or more letters: the same first letter and the word otherwise two
            # letters apart (three from eight letters) look alike as a whole (ABIBAS / ADIDAS).
            reasons.append(Reason("5.1.5", f"{pair}（外文整体字形近似：首字母相同，{letters} 个字母不同）"))
        elif len(na) >= settings.latin_lookalike_min_letters and sorted(na) == sorted(nb):
            # The same letters in another order (GUCCI / CUGCI), as 5.1.1 says of Chinese characters.
            reasons.append(Reason("5.1.5", f"{pair}（外文字母相同，仅排列顺序不同）"))
        content_a = [w for w in pa.words if (w, "article") not in pa.removed]
        content_b = [w for w in pb.words if (w, "article") not in pb.removed]
        if len(content_a) >= 2 and content_a != content_b and sorted(content_a) == sorted(content_b):
            reasons.append(Reason("5.1.10", pair))
        if ca == cb or _same_stems(content_a, content_b):
            reasons.append(Reason("5.1.11", pair))
    # 5.1.12 - 5.1.14: the same distinctive part; only generic, place or weak words differ.
    if ca == cb:
        removed = set(pa.removed) ^ set(pb.removed)
        for category in ("generic", "place", "weak"):
            words = sorted(w for w, c in removed if c == category)
            if words:
                reasons.append(Reason(CATEGORY_RULES[category], f"{pair}（{'、'.join(words)}）"))
    # 5.1.15: a composite mark whose dominant part matches a part of the other.
    shared_parts = {w for w in pa.words if len(w) >= 2} & {w for w in pb.words if len(w) >= 2}
    if (len(pa.words) > 1 or len(pb.words) > 1) and shared_parts and pa.words != pb.words:
        reasons.append(Reason("5.1.15", f"{pair}（{'、'.join(sorted(shared_parts))}）"))
    # 5.1.16: one mark wholly contains the other.
    for outer, inner, shown_outer, shown_inner in ((na, nb, a, b), (nb, na, b, a)):
        long_enough = len(inner) >= (settings.min_contained_han if all_han(inner) else settings.min_contained_latin)
        if len(outer) > len(inner) and long_enough and inner in outer:
            reasons.append(Reason("5.1.16", f"{shown_outer} contains {shown_inner}"))
    # 5.1.17: Chinese (with its pinyin) against the same pinyin alone.
    for x, y, shown_x, shown_y in ((na, nb, a, b), (nb, na, b, a)):
        han = _han_part(x)
        if han and _is_latin(y) and len(y) >= 2 and pinyin_full(han) == y and _latin_part(x) in ("", y):
            reasons.append(Reason("5.1.17", f"{shown_x} / {shown_y}（{y} 为 {han} 的拼音）"))
    return list(dict.fromkeys(reasons))


def compare(
    a: str,
    b: str,
    *,
    goods_a: Iterable[str] = (),
    goods_b: Iterable[str] = (),
    goods_table: GoodsTable | None = None,
    embeddings: bool = True,
    settings: Settings = DEFAULT_SETTINGS,
) -> Result:
    """Compare two word marks. Goods (Nice classes or 类似群 codes) are a separate factor, reported in
    `Result.goods` when both sides and a table are given; they never change the mark verdict.

    `embeddings=False` skips the sentence encoder (about 60 ms a pair) for bulk screening; the dictionary
    meaning is still used.
    """
    shown_a, shown_b = a, b
    # Variant forms that Traditional-to-Simplified folding leaves alone (老鼎豊 for 老鼎丰) are compared as
    # the standard character; the result shows the marks as given.
    a, b = fold_variants(a), fold_variants(b)
    na, nb = normalize(a), normalize(b)
    goods = None
    goods_a, goods_b = tuple(goods_a), tuple(goods_b)
    if goods_table is not None and goods_a and goods_b:
        goods = compare_goods(goods_a, goods_b, goods_table)
    if not na or not nb:
        return Result(shown_a, shown_b, 0.0, Verdict.NOT_SIMILAR, 0.0, 0.0, 0.0, 0.0, 0.0, (), goods)
    if na == nb:
        shown = (
            shown_a if shown_a == shown_b else f"{shown_a} / {shown_b}（仅字体、全半角、大小写、繁简、异体或标点不同）"
        )
        return Result(shown_a, shown_b, 1.0, Verdict.IDENTICAL, 1.0, 1.0, 1.0, 1.0, 1.0, (Reason("4.1", shown),), goods)

    whole = comp = _components(a, b)
    pa, pb = split_mark(a), split_mark(b)
    if (pa.core, pb.core) != (na, nb) and pa.core and pb.core:
        comp = comp.best(_components(pa.core, pb.core), settings.part_factor)
    # 5.1.15: each part of a composite mark against the other mark.
    for parts, other in ((pa.words, b), (pb.words, a)):
        if len(parts) > 1:
            for part in parts:
                comp = comp.best(_components(part, other), settings.part_factor)

    meaning_match = dictionary_meaning(a, b) or dictionary_meaning(pa.core, pb.core)
    embedding = embedding_meaning(a, b) if embeddings else 0.0
    meaning = max(meaning_match.score if meaning_match else 0.0, embedding)

    # Rules on sound and shape look at the marks as wholes (整体比对); parts have rules of their own.
    reasons = _rules(a, b, whole, meaning_match.evidence if meaning_match else None, embedding, settings)
    base = max(
        settings.weight_text * comp.text,
        settings.weight_shape * comp.shape,
        settings.weight_sound * max(comp.mandarin, comp.cantonese),
        settings.weight_meaning_dictionary * (meaning_match.score if meaning_match else 0.0),
        settings.weight_meaning_embedding * embedding,
    )
    score = round(max(base, settings.rule_score) if reasons else base, 4)
    verdict = Verdict.SIMILAR if score >= settings.similar_threshold else Verdict.NOT_SIMILAR
    if verdict is Verdict.SIMILAR and not reasons:
        # Similar as a whole without a specific rule: cite the rule of the strongest component.
        name, rule_code, value = max(
            (
                ("shape", "5.1.5", settings.weight_shape * comp.shape),
                ("text", "5.1.5", settings.weight_text * comp.text),
                ("sound", "5.1.4", settings.weight_sound * max(comp.mandarin, comp.cantonese)),
                ("meaning", "5.1.6", settings.weight_meaning_embedding * embedding),
            ),
            key=lambda c: c[2],
        )
        reasons = [Reason(rule_code, f"{a} / {b}（整体比对）{name} {value:.2f}")]
    return Result(
        a=shown_a,
        b=shown_b,
        score=score,
        verdict=verdict,
        sound_mandarin=comp.mandarin,
        sound_cantonese=comp.cantonese,
        shape=comp.shape,
        meaning=round(meaning, 4),
        text=comp.text,
        reasons=tuple(reasons),
        goods=goods,
    )
