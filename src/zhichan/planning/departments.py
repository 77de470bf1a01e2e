"""The seed table of unit names: the short names the plan writes and the departments they mean.

`department_names.csv` (name, full_name, kind, note) is data, edited like any table: a row with an
empty `full_name` names a group of units (各区人民政府), not one department. Names with the same
`full_name` mean one department: the import links them to the organisation of that name already in the
directory, whatever its kind, and creates it (with `kind`) only when there is none. The stored mapping
(`DepartmentAlias`) starts from this table and is then edited by the IP office.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parent / "department_names.csv"
DEFAULT_KIND = "government_department"


@dataclass(frozen=True, slots=True)
class SeedName:
    name: str
    full_name: str | None  # None: a group of units, not one department
    kind: str


@cache
def seed_names() -> dict[str, SeedName]:
    with SEED_PATH.open(encoding="utf-8", newline="") as handle:
        return {
            row["name"].strip(): SeedName(
                name=row["name"].strip(),
                full_name=row["full_name"].strip() or None,
                kind=row["kind"].strip() or DEFAULT_KIND,
            )
            for row in csv.DictReader(handle)
        }


def seed_for(name: str) -> SeedName:
    """The seed row for a name as written; an unknown name is a department under that very name."""
    return seed_names().get(name, SeedName(name=name, full_name=name, kind=DEFAULT_KIND))
