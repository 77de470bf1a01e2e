"""Funding programmes as data: a version's conditions and amount rule, evaluated with reasons.

A programme version carries its rules as a plain mapping (JSON in the database, a cell in an import):

    {"conditions": [{"code": ..., "test": ..., "label": ..., **parameters}, ...],
     "amount": {"method": "fixed" | "share" | "tiers", ...},
     "cap_per_application": "300000", "clawback_share": "1"}

`parse_rules` checks that mapping and names the field that is wrong (so an import or a form can say
which); `evaluate` runs every condition on the facts of one application and gives, for the application
and for each item, each condition with pass or fail and the record that decided it (`Check.record`),
and the amount each eligible item earns under the amount rule, capped. Nothing here knows a programme:
every figure comes from the rules. `clawback_due` is the arithmetic of a clawback (Decree 77 Art. 9(5):
paid subsidies clawed back in full or in part).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")

# The tests a condition may name; each reads the facts named beside it.
TESTS = {
    "applicant_kind_in": "application",  # values: the applicant's kinds allowed (enterprise, person, ...)
    "district_in": "application",  # values: district codes (a code's prefix allows its sub-districts)
    "no_signal": "application",  # signals: the signal codes that refuse the applicant (credit, ...)
    "documents_provided": "application",  # values: the documents (by name) the application must carry
    "item_kind_in": "item",  # values: the item kinds funded
    "item_stage_not_in": "item",  # values: the stages refused (a patent still at the application stage)
    "item_date_between": "item",  # start, end: the item's date (grant, registration, policy) inside
    "item_cost_at_least": "item",  # minimum: the item's claimed cost
    "item_no_signal": "item",  # signals: the signal codes that refuse an item (abnormal, already funded)
}
METHODS = ("fixed", "share", "tiers")


class RulesError(ValueError):
    """The rules of a version are not well formed; `field` names where (``conditions[2].values``)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Condition:
    code: str
    test: str
    label: str
    params: Mapping[str, Any]

    @property
    def on_item(self) -> bool:
        return TESTS[self.test] == "item"


@dataclass(frozen=True)
class AmountRule:
    method: str
    per_item: Mapping[str, Decimal]  # fixed: amount by item kind ("*" for any kind)
    rate: Decimal  # share: the share of the cost funded
    cap_per_item: Decimal | None  # share and tiers: the most one item earns
    tiers: tuple[tuple[Decimal, Decimal], ...]  # tiers: (cost up to, rate) in rising order, marginal


@dataclass(frozen=True)
class Rules:
    conditions: tuple[Condition, ...]
    amount: AmountRule
    cap_per_application: Decimal | None
    clawback_share: Decimal  # the share of a voided item's payment reclaimed (1: in full)


@dataclass(frozen=True)
class Signal:
    """A finding about the applicant (item None) or one item, from whichever register holds it.

    `record` names the record that holds it (``watch.Finding:42``, ``credit.Listing:7``) so the check
    that fails on it says which record decided."""

    code: str
    record: str
    reason: str
    item: tuple[str, str] | None = None  # (kind, number) of the item it concerns


@dataclass(frozen=True)
class Item:
    kind: str
    number: str
    stage: str = ""
    on: date | None = None
    cost: Decimal = Decimal(0)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.number)


@dataclass(frozen=True)
class Facts:
    applicant_kind: str
    district: str
    items: tuple[Item, ...]
    signals: tuple[Signal, ...] = ()
    documents: tuple[str, ...] = ()  # the names of the documents attached (营业执照, 专利证书, ...)


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    passed: bool
    record: str  # the record that decided: the applicant, the item, or the signal's record
    reason: str


@dataclass(frozen=True)
class ItemResult:
    item: Item
    checks: tuple[Check, ...]
    amount: Decimal  # what the item earns (0 when it fails a check)

    @property
    def eligible(self) -> bool:
        return all(c.passed for c in self.checks)


@dataclass(frozen=True)
class Evaluation:
    checks: tuple[Check, ...]  # the application's own conditions
    items: tuple[ItemResult, ...]
    total: Decimal  # after the application's cap
    capped: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def eligible(self) -> bool:
        return all(c.passed for c in self.checks) and any(r.eligible for r in self.items)


def _decimal(value: Any, where: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise RulesError(where, f"not a number: {value!r}") from None
    if not number.is_finite() or number < 0:
        raise RulesError(where, f"not a non-negative number: {value!r}")
    return number


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise RulesError(where, "a non-empty list of codes is needed")
    return tuple(value)


def _condition(raw: Any, where: str) -> Condition:
    if not isinstance(raw, Mapping):
        raise RulesError(where, "a condition is a mapping")
    code, test, label = raw.get("code"), raw.get("test"), raw.get("label")
    if not isinstance(code, str) or not code:
        raise RulesError(f"{where}.code", "missing")
    if test not in TESTS:
        raise RulesError(f"{where}.test", f"unknown test {test!r} (one of {', '.join(TESTS)})")
    if not isinstance(label, str) or not label:
        raise RulesError(f"{where}.label", "missing")
    params: dict[str, Any] = {}
    if test in ("applicant_kind_in", "district_in", "item_kind_in", "item_stage_not_in", "documents_provided"):
        params["values"] = _strings(raw.get("values"), f"{where}.values")
    elif test in ("no_signal", "item_no_signal"):
        params["signals"] = _strings(raw.get("signals"), f"{where}.signals")
    elif test == "item_cost_at_least":
        params["minimum"] = _decimal(raw.get("minimum"), f"{where}.minimum")
    elif test == "item_date_between":
        for key in ("start", "end"):
            try:
                params[key] = date.fromisoformat(str(raw.get(key)))
            except ValueError:
                raise RulesError(f"{where}.{key}", "a date YYYY-MM-DD is needed") from None
        if params["start"] > params["end"]:
            raise RulesError(f"{where}.end", "before the start")
    return Condition(code=code, test=str(test), label=label, params=params)


def _amount(raw: Any) -> AmountRule:
    if not isinstance(raw, Mapping) or raw.get("method") not in METHODS:
        raise RulesError("amount.method", f"one of {', '.join(METHODS)}")
    method = str(raw["method"])
    cap = raw.get("cap_per_item")
    per_item: dict[str, Decimal] = {}
    rate = Decimal(0)
    tiers: list[tuple[Decimal, Decimal]] = []
    if method == "fixed":
        given = raw.get("per_item")
        if not isinstance(given, Mapping) or not given:
            raise RulesError("amount.per_item", "the amount of each item kind is needed")
        per_item = {str(k): _decimal(v, f"amount.per_item.{k}") for k, v in given.items()}
    elif method == "share":
        rate = _decimal(raw.get("rate"), "amount.rate")
        if rate > 1:
            raise RulesError("amount.rate", "a share is at most 1")
    else:
        given_tiers = raw.get("tiers")
        if not isinstance(given_tiers, list) or not given_tiers:
            raise RulesError("amount.tiers", "a list of [cost up to, rate] is needed")
        for n, tier in enumerate(given_tiers):
            if not isinstance(tier, list) or len(tier) != 2:
                raise RulesError(f"amount.tiers[{n}]", "a pair [cost up to, rate]")
            upto = _decimal(tier[0], f"amount.tiers[{n}][0]")
            tier_rate = _decimal(tier[1], f"amount.tiers[{n}][1]")
            if tiers and upto <= tiers[-1][0]:
                raise RulesError(f"amount.tiers[{n}][0]", "tiers must rise")
            tiers.append((upto, tier_rate))
    return AmountRule(
        method=method,
        per_item=per_item,
        rate=rate,
        cap_per_item=None if cap in (None, "") else _decimal(cap, "amount.cap_per_item"),
        tiers=tuple(tiers),
    )


def parse_rules(raw: Mapping[str, Any]) -> Rules:
    """The rules of a version from their stored mapping, or RulesError naming the field that is wrong."""
    conditions = raw.get("conditions", [])
    if not isinstance(conditions, list):
        raise RulesError("conditions", "a list is needed")
    parsed = tuple(_condition(c, f"conditions[{n}]") for n, c in enumerate(conditions))
    codes = [c.code for c in parsed]
    for n, code in enumerate(codes):
        if code in codes[:n]:
            raise RulesError(f"conditions[{n}].code", f"{code!r} repeated")
    cap = raw.get("cap_per_application")
    share = _decimal(raw.get("clawback_share", "1"), "clawback_share")
    if share > 1:
        raise RulesError("clawback_share", "a share is at most 1")
    return Rules(
        conditions=parsed,
        amount=_amount(raw.get("amount")),
        cap_per_application=None if cap in (None, "") else _decimal(cap, "cap_per_application"),
        clawback_share=share,
    )


def _matching(signals: Iterable[Signal], codes: Sequence[str], item: tuple[str, str] | None) -> list[Signal]:
    return [s for s in signals if s.code in codes and s.item == item]


def _check_application(condition: Condition, facts: Facts) -> Check:
    p = condition.params
    applicant = "applicant"
    if condition.test == "applicant_kind_in":
        ok = facts.applicant_kind in p["values"]
        return Check(condition.code, condition.label, ok, applicant, facts.applicant_kind)
    if condition.test == "district_in":
        ok = any(facts.district.startswith(code) for code in p["values"]) if facts.district else False
        return Check(condition.code, condition.label, ok, applicant, facts.district or "-")
    if condition.test == "documents_provided":
        missing = [name for name in p["values"] if name not in facts.documents]
        return Check(condition.code, condition.label, not missing, "documents", "、".join(missing))
    found = _matching(facts.signals, p["signals"], None)
    if found:
        return Check(condition.code, condition.label, False, found[0].record, found[0].reason)
    return Check(condition.code, condition.label, True, applicant, "")


def _check_item(condition: Condition, item: Item, signals: Sequence[Signal]) -> Check:
    p = condition.params
    record = f"{item.kind}:{item.number}"
    if condition.test == "item_kind_in":
        return Check(condition.code, condition.label, item.kind in p["values"], record, item.kind)
    if condition.test == "item_stage_not_in":
        return Check(condition.code, condition.label, item.stage not in p["values"], record, item.stage or "-")
    if condition.test == "item_date_between":
        ok = item.on is not None and p["start"] <= item.on <= p["end"]
        return Check(condition.code, condition.label, ok, record, item.on.isoformat() if item.on else "-")
    if condition.test == "item_cost_at_least":
        return Check(condition.code, condition.label, item.cost >= p["minimum"], record, str(item.cost))
    found = _matching(signals, p["signals"], item.key)
    if found:
        return Check(condition.code, condition.label, False, found[0].record, found[0].reason)
    return Check(condition.code, condition.label, True, record, "")


def item_amount(rule: AmountRule, item: Item) -> Decimal:
    """What one eligible item earns under the amount rule, to the cent, before the application's cap."""
    if rule.method == "fixed":
        amount = rule.per_item.get(item.kind, rule.per_item.get("*", Decimal(0)))
    elif rule.method == "share":
        amount = item.cost * rule.rate
    else:
        amount, lower = Decimal(0), Decimal(0)
        for upto, rate in rule.tiers:
            if item.cost <= lower:
                break
            amount += (min(item.cost, upto) - lower) * rate
            lower = upto
    if rule.cap_per_item is not None:
        amount = min(amount, rule.cap_per_item)
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def evaluate(rules: Rules, facts: Facts) -> Evaluation:
    """Every condition on the application and on each item, with the record that decided it, and the
    amounts: an item earns only when it and the application pass every check."""
    checks = tuple(_check_application(c, facts) for c in rules.conditions if not c.on_item)
    applicant_ok = all(c.passed for c in checks)
    results = []
    for item in facts.items:
        item_checks = tuple(_check_item(c, item, facts.signals) for c in rules.conditions if c.on_item)
        ok = applicant_ok and all(c.passed for c in item_checks)
        results.append(ItemResult(item, item_checks, item_amount(rules.amount, item) if ok else Decimal(0)))
    total = sum((r.amount for r in results), Decimal(0))
    cap = rules.cap_per_application
    if cap is not None and total > cap:
        return Evaluation(checks, _shared(results, total, cap.quantize(CENT)), cap.quantize(CENT), capped=True)
    return Evaluation(checks, tuple(results), total.quantize(CENT))


def _shared(results: list[ItemResult], total: Decimal, cap: Decimal) -> tuple[ItemResult, ...]:
    """The application's cap shared among its items in proportion to what each earned, to the cent, the
    rounding's remainder on the last earning item, so that the items' amounts add up to the cap (what is
    paid and clawed back is per item)."""
    shared = [r.amount * cap / total for r in results]
    rounded = [a.quantize(CENT, rounding=ROUND_HALF_UP) for a in shared]
    earning = [n for n, r in enumerate(results) if r.amount > 0]
    rounded[earning[-1]] += cap - sum(rounded, Decimal(0))
    return tuple(ItemResult(r.item, r.checks, a) for r, a in zip(results, rounded, strict=True))


def clawback_due(*, paid: Decimal, share: Decimal, repaid: Decimal = Decimal(0)) -> Decimal:
    """What is still owed of a voided item's payment: its share of what was paid, less what came back."""
    if paid < 0 or repaid < 0 or not Decimal(0) <= share <= 1:
        raise ValueError("paid, repaid and share must be non-negative, share at most 1")
    due = (paid * share).quantize(CENT, rounding=ROUND_HALF_UP)
    return max(due - repaid, Decimal(0))
