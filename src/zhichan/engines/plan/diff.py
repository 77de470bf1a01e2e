"""What changed between two imports of a plan, field by field, so a re-import writes only that.

Items are matched by their number (tasks, boxed projects), key (sections: 三, 三(一)) or name
(indicators). Line numbers are not compared: removing one task moves every line after it, which is
not a change of the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from zhichan.engines.plan.model import Column, Indicator, PlanDocument, Section, Subsection, Task


class ChangeAction(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item added, removed or changed; `fields` lists the differing fields (all for add/remove)."""

    entity: str  # "section", "task", "column" or "indicator"
    key: str | int
    action: ChangeAction
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class PlanDiff:
    plan: tuple[FieldChange, ...]  # years and table title
    outline: tuple[ItemChange, ...]
    tasks: tuple[ItemChange, ...]
    columns: tuple[ItemChange, ...]
    indicators: tuple[ItemChange, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.plan or self.outline or self.tasks or self.columns or self.indicators)

    @property
    def changes(self) -> tuple[ItemChange, ...]:
        return self.outline + self.tasks + self.columns + self.indicators


_T = TypeVar("_T")


def _task_fields(t: Task) -> Mapping[str, object]:
    return {
        "title": t.title,
        "text": t.text,
        "section": t.section,
        "lead_units": t.lead_units,
        "cooperating_units": t.cooperating_units,
        "shared_lead": t.shared_lead,
    }


def _column_fields(c: Column) -> Mapping[str, object]:
    return {"title": c.title, "text": c.text, "section": c.section}


def _indicator_fields(i: Indicator) -> Mapping[str, object]:
    return {
        "unit": i.unit,
        "baseline": i.baseline,
        "target": i.target,
        "source": i.source,
        "kind": i.kind,
        "category": i.category,
        "section": i.section,
        "baseline_text": i.baseline_text,
    }


def _outline_fields(item: Section | Subsection) -> Mapping[str, object]:
    text = item.text if isinstance(item, Subsection) else "\n".join(p.text for p in item.paragraphs)
    return {"title": item.title, "text": text}


def _compare(
    entity: str,
    old: Iterable[_T],
    new: Iterable[_T],
    key: Callable[[_T], str | int],
    fields: Callable[[_T], Mapping[str, object]],
) -> tuple[ItemChange, ...]:
    old_by_key = {key(item): item for item in old}
    new_by_key = {key(item): item for item in new}
    changes: list[ItemChange] = []
    for k, item in old_by_key.items():
        if k not in new_by_key:
            old_fields = fields(item)
            changes.append(
                ItemChange(
                    entity,
                    k,
                    ChangeAction.REMOVED,
                    tuple(FieldChange(f, v, None) for f, v in old_fields.items()),
                )
            )
            continue
        before, after = fields(item), fields(new_by_key[k])
        differing = tuple(FieldChange(f, before[f], after[f]) for f in before if before[f] != after[f])
        if differing:
            changes.append(ItemChange(entity, k, ChangeAction.CHANGED, differing))
    for k, item in new_by_key.items():
        if k not in old_by_key:
            changes.append(
                ItemChange(
                    entity,
                    k,
                    ChangeAction.ADDED,
                    tuple(FieldChange(f, None, v) for f, v in fields(item).items()),
                )
            )
    return tuple(changes)


def _outline(doc: PlanDocument) -> list[Section | Subsection]:
    items: list[Section | Subsection] = []
    for section in doc.sections:
        items.append(section)
        items.extend(section.subsections)
    return items


def diff_plans(old: PlanDocument, new: PlanDocument) -> PlanDiff:
    """Added, removed and changed sections, tasks, boxed projects and indicators, field by field."""
    plan = tuple(
        FieldChange(name, a, b)
        for name, a, b in (
            ("base_year", old.base_year, new.base_year),
            ("target_year", old.target_year, new.target_year),
            ("indicator_table_title", old.indicator_table_title, new.indicator_table_title),
            ("preamble", old.preamble, new.preamble),
        )
        if a != b
    )
    return PlanDiff(
        plan=plan,
        outline=_compare("section", _outline(old), _outline(new), lambda s: s.key, _outline_fields),
        tasks=_compare("task", old.tasks, new.tasks, lambda t: t.number, _task_fields),
        columns=_compare("column", old.columns, new.columns, lambda c: c.number, _column_fields),
        indicators=_compare("indicator", old.indicators, new.indicators, lambda i: i.name, _indicator_fields),
    )
