"""One name against one mark: the signals, each a reason with a stable code, the score and the verdict.

Signals (codes are stable; texts are translatable Chinese citing the examination guideline, 商标审查
审理指南 下编第五章, whose rules the mark engine applies):

- `identical` (4.1): the trade name is the mark (Traditional, width, case folded: 廣州酒家 is 广州酒家);
- `containment` (5.1.16): the trade name wholly contains the mark (王老吉凉茶 / 王老吉);
- `name_containment` (5.1.16): the mark runs across the trade name and a place or industry word;
- `sound_containment` (5.1.16 with 5.1.4): a part of the name sounds like the mark (摹仿);
- `pinyin` (5.1.17): the mark's pinyin written in Latin letters in the name (wanglaoji);
- `sound` (5.1.4), `shape` (5.1.5), `mark_rule` (the other rules): the trade name compared with the mark
  by `engines.marks.compare` (王老记 / 王老吉: 5.1.7);
- `traditional`: the name is written in Traditional or variant characters (shown, no score);
- `related`, `weakly_related`, `unrelated`: the name's industry against the mark's Nice classes (or the
  mark's industry), from the relatedness table; no reason when either side is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from zhichan.engines.marks import Result as MarkResult
from zhichan.engines.marks import Verdict as MarkVerdict
from zhichan.engines.marks import compare as compare_marks
from zhichan.engines.marks.variants import fold_variants
from zhichan.engines.names.extract import NameParts, name_words, parse_name
from zhichan.engines.names.industries import Classification, Industry, shipped_classification
from zhichan.engines.names.messages import gettext_noop
from zhichan.engines.names.relatedness import RelatednessTable, Relation, Strength, shipped_relatedness
from zhichan.engines.names.settings import DEFAULT_SETTINGS, Settings
from zhichan.engines.rules import rule
from zhichan.engines.text import all_han, fuzzy_syllable, normalize, pinyin_full, pinyin_units, script_runs


class Verdict(StrEnum):
    INFRINGING = "infringing"
    SIMILAR = "similar"
    NOT_SIMILAR = "not_similar"


MESSAGES = {
    "identical": gettext_noop("4.1 文字商标相同：字号“%(trade)s”与商标“%(mark)s”相同"),
    "containment": gettext_noop("5.1.16 完整包含在先商标：字号“%(trade)s”完整包含商标“%(mark)s”"),
    "name_containment": gettext_noop(
        "5.1.16 完整包含在先商标：名称“%(core)s”完整包含商标“%(mark)s”（跨字号与地名或行业用语）"
    ),
    "sound_containment": gettext_noop(
        "5.1.16 摹仿在先商标：名称中的“%(part)s”与商标“%(mark)s”读音相同或近似（%(evidence)s）"
    ),
    "pinyin": gettext_noop("5.1.17 中文及其拼音：名称中的“%(latin)s”是商标“%(mark)s”的拼音 %(pinyin)s"),
    "sound": gettext_noop("字号与商标比对，%(evidence)s"),
    "shape": gettext_noop("字号与商标比对，%(evidence)s"),
    "mark_rule": gettext_noop("字号与商标比对，%(evidence)s"),
    "traditional": gettext_noop("名称以繁体字或异体字书写，按规范简化字比对：%(name)s → %(folded)s"),
    "related": gettext_noop("行业关联：名称所属行业经营商标的商品或服务（%(evidence)s%(how)s）"),
    "weakly_related": gettext_noop("行业弱关联：名称所属行业常经营商标的商品或服务（%(evidence)s%(how)s）"),
    "unrelated": gettext_noop("行业不关联：名称所属行业与商标的商品或服务无关（%(evidence)s%(how)s），分值降低"),
    "inferred": gettext_noop("；行业由名称中的“%(word)s”推断"),
    "basis": gettext_noop("判定依据：%(basis)s（字号在相同或者类似商品或服务上使用）"),
}
# The legal rule that a trade name infringes in the same or similar goods (legal_rules.csv).
SAME_GOODS_RULE = "trade_name.same_or_similar_goods"
_MARK_RULE_CODES = {"5.1.4": "sound", "5.1.5": "shape"}
_RELATION_CODES = {Strength.STRONG: "related", Strength.WEAK: "weakly_related", Strength.UNRELATED: "unrelated"}


@dataclass(frozen=True, slots=True)
class Reason:
    code: str  # stable: identical, containment, ... (module docstring)
    params: tuple[tuple[str, str], ...]

    @property
    def message(self) -> str:
        """The translatable template (the Chinese source text)."""
        return MESSAGES[self.code]

    @property
    def text(self) -> str:
        return self.message % dict(self.params)

    def __str__(self) -> str:
        return f"[{self.code}] {self.text}"


def _reason(code: str, **params: str) -> Reason:
    return Reason(code, tuple(sorted(params.items())))


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    mark: str
    trade_name: str
    score: float
    verdict: Verdict
    signal: float  # the best name signal, before relatedness
    relation: Relation | None
    reasons: tuple[Reason, ...]


@lru_cache(maxsize=65536)
def sound_key(ch: str) -> str:
    """The fuzzy toneless syllable of one character read alone (the character itself when not Han)."""
    units = pinyin_units(ch)
    return fuzzy_syllable(units[0].toneless) if units and units[0].han else ch


def mark_form(mark: str) -> str:
    return normalize(fold_variants(mark))


def _long_enough(text: str, settings: Settings) -> bool:
    marks = settings.marks
    return len(text) >= (marks.min_contained_han if any(not c.isascii() for c in text) else marks.min_contained_latin)


@cache
def _industry_words() -> tuple[str, ...]:
    """Industry words that name an industry, longest first (a description is searched for them)."""
    words = name_words()
    return tuple(sorted((w for w, e in words.items() if e.kind == "industry" and e.industry), key=len, reverse=True))


def name_industry(
    parts: NameParts, industry: str, description: str, classification: Classification
) -> tuple[Industry | None, str]:
    """The industry of a name: its `industry` value, else what its description names, else what its own
    industry words (餐饮管理) or shop form (旗舰店: retail) say; with the word it was inferred from."""
    given = classification.resolve(industry)
    if given is not None:
        return given, ""
    described = classification.resolve(description)
    if described is not None:
        return described, ""
    words = name_words()
    text = normalize(description)
    for word in _industry_words() if text else ():
        if word in text:
            return classification.resolve(words[word].industry), word
    for word in (*reversed(parts.industry_words), *parts.forms):
        code = words[word].industry
        if code:
            return classification.resolve(code), word
    return None, ""


def _sound_only(result: MarkResult, settings: Settings) -> bool:
    """Whether the mark engine found the trade name alike in sound alone: 5.1.4 with unlike shapes (its
    evidence says 需人工判断) or a transliteration (5.1.6 音译), without a dictionary meaning or look."""
    rules = {r.rule for r in result.reasons}
    return (
        rules <= {"5.1.4", "5.1.6"}
        and result.shape < settings.marks.shape_similar
        and result.meaning < settings.marks.weight_meaning_dictionary
    )


def _signals(parts: NameParts, mark: str, settings: Settings) -> list[tuple[float, Reason]]:
    m = mark_form(mark)
    trade, core = parts.trade_name, parts.core
    out: list[tuple[float, Reason]] = []
    if not m or not core:
        return out
    if trade == m:
        out.append((settings.identical_score, _reason("identical", trade=trade, mark=mark)))
    elif _long_enough(m, settings) and m in trade:
        short = len(m) < settings.min_strong_contained and not m.isascii()
        score = settings.short_containment_score if short else settings.containment_score
        out.append((score, _reason("containment", trade=trade, mark=mark)))
    elif _long_enough(m, settings) and m in core:
        start = core.find(trade) if trade else -1
        end = start + len(trade)
        at = core.find(m)
        while at >= 0:
            if start >= 0 and min(end, at + len(m)) - max(start, at) >= settings.marks.min_contained_han:
                out.append((settings.name_containment_score, _reason("name_containment", core=core, mark=mark)))
                break
            at = core.find(m, at + 1)
    if all_han(m):
        spelled = pinyin_full(m)
        if len(spelled) >= settings.min_pinyin_letters:
            for run, han in script_runs(core):
                if not han and spelled in run:
                    out.append((settings.pinyin_score, _reason("pinyin", latin=run, mark=mark, pinyin=spelled)))
                    break
        if len(m) >= settings.min_sound_contained and m not in core:
            key = [sound_key(c) for c in m]
            for i in range(len(core) - len(m) + 1):
                part = core[i : i + len(m)]
                if part == trade or [sound_key(c) for c in part] != key:
                    continue
                result = compare_marks(part, mark, embeddings=False, settings=settings.marks)
                if result.verdict is not MarkVerdict.NOT_SIMILAR:
                    evidence = "; ".join(str(r) for r in result.reasons)
                    alone = _sound_only(result, settings)
                    score = min(result.score, settings.sound_only_score if alone else settings.sound_containment_score)
                    out.append((score, _reason("sound_containment", part=part, mark=mark, evidence=evidence)))
                    break
    if trade and trade != m and not any(r.code == "containment" for _, r in out):
        result = compare_marks(trade, mark, embeddings=False, settings=settings.marks)
        if result.verdict is not MarkVerdict.NOT_SIMILAR:
            score = min(result.score, settings.sound_only_score) if _sound_only(result, settings) else result.score
            for r in result.reasons:
                out.append((score, _reason(_MARK_RULE_CODES.get(r.rule, "mark_rule"), evidence=str(r))))
    return out


def compare(
    name: str,
    mark: str,
    *,
    industry: str = "",
    description: str = "",
    mark_classes: Iterable[int] = (),
    mark_industry: str = "",
    classification: Classification | None = None,
    relatedness: RelatednessTable | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Result:
    """Compare an enterprise, shop or service name with a word mark (module docstring)."""
    classification = classification or shipped_classification()
    relatedness = relatedness or shipped_relatedness()
    parts = parse_name(name)
    signals = _signals(parts, mark, settings)
    signal = max((s for s, _ in signals), default=0.0)
    reasons = list(dict.fromkeys(r for _, r in sorted(signals, key=lambda sr: -sr[0])))
    relation: Relation | None = None
    if signals:
        if parts.traditional:
            reasons.append(_reason("traditional", name=name, folded=parts.normalized))
        own, word = name_industry(parts, industry, description, classification)
        relation = relatedness.relate(
            own, mark_classes=mark_classes, mark_industry=classification.resolve(mark_industry)
        )
    score = signal
    if relation is not None:
        how = MESSAGES["inferred"] % {"word": word} if word else ""
        reasons.append(_reason(_RELATION_CODES[relation.strength], evidence=relation.evidence, how=how))
        score += {
            Strength.STRONG: settings.related_strong_bonus,
            Strength.WEAK: settings.related_weak_bonus,
            Strength.UNRELATED: -settings.unrelated_penalty,
        }[relation.strength]
    score = round(min(max(score, 0.0), 1.0), 4)
    related = relation is not None and relation.strength is not Strength.UNRELATED
    needs = settings.infringing_needs_relatedness
    law = rule(SAME_GOODS_RULE)
    if needs is None:
        needs = law.as_int() == 1
    if score >= settings.infringing_threshold and (related or not needs):
        verdict = Verdict.INFRINGING
        if related:
            reasons.append(_reason("basis", basis=law.basis))
    elif score >= settings.similar_threshold:
        verdict = Verdict.SIMILAR
    else:
        verdict = Verdict.NOT_SIMILAR
    return Result(name, mark, parts.trade_name, score, verdict, round(signal, 4), relation, tuple(reasons))
