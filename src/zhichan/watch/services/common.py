"""Cells of the watch module's imports read one way (classes, groups, dates, bounded text)."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from zhichan.core import imports

NICE_CLASSES = 45
_SPLIT = re.compile(r"[|;；,，、/\s]+")


# --- reading cells ---


def read_classes(text: str, field: str) -> list[int]:
    found: list[int] = []
    for part in _SPLIT.split(text.strip()):
        if not part:
            continue
        digits = part.removeprefix("第").removesuffix("类")
        if not digits.isdigit() or not 1 <= int(digits) <= NICE_CLASSES:
            raise imports.RowError(field, _("“%(v)s”不是尼斯分类号（1–45）") % {"v": part})
        if int(digits) not in found:
            found.append(int(digits))
    return found


def read_groups(text: str, field: str) -> list[str]:
    groups = [part for part in _SPLIT.split(text.strip()) if part]
    for group in groups:
        if not (group.isdigit() and len(group) == 4 and 1 <= int(group[:2]) <= NICE_CLASSES):
            raise imports.RowError(field, _("“%(v)s”不是四位类似群号") % {"v": group})
    return groups


def read_date(text: str, field: str) -> date | None:
    text = text.strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        raise imports.RowError(field, _("“%(v)s”不是日期（年-月-日）") % {"v": text}) from None


def read_text(cells: dict[str, str], key: str, label: str, limit: int, *, required: bool = False) -> str:
    value = " ".join(cells.get(key, "").split())
    if required and not value:
        raise imports.RowError(label, _("不能为空"))
    if len(value) > limit:
        raise imports.RowError(label, _("超过 %(n)d 个字符") % {"n": limit})
    return value
