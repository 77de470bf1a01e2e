"""Mark similarity: Chinese and Latin word marks compared by shape, sound and meaning, with the reasons
of the examination guideline (商标审查审理指南 下编第五章, rules 5.1.1-5.1.17).

Public API, in the shape every matching engine has (as RapidFuzz's scorers):
- `compare(a, b, *, settings, goods_a, goods_b, goods_table, embeddings) -> Result`: one pair, with its
  reasons (`Result`, `Reason`, `Verdict`);
- `batch(pairs, *, settings, embeddings) -> Iterator[Result]`: many pairs;
- `screen(filings, register, *, threshold, goods_table) -> list[list[Alert]]`: filings (`Mark`) against
  a `Register` of protected marks, its index built once with its `settings` (on Spark:
  `zhichan.engines.marks.spark.screen_on_spark`);
- `Settings`, `DEFAULT_SETTINGS`: weights and thresholds (see `settings.py` for their reasons);
- goods tables (`load_goods_table`, `sample_goods_table`, `compare_goods`).
"""

from zhichan.engines.marks.compare import Reason, Result, Verdict, compare
from zhichan.engines.marks.goods import (
    GoodsComparison,
    GoodsRelation,
    GoodsTable,
    GoodsTableError,
    compare_goods,
    load_goods_table,
    sample_goods_table,
)
from zhichan.engines.marks.screen import Alert, Mark, Register, batch, screen
from zhichan.engines.marks.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "DEFAULT_SETTINGS",
    "Alert",
    "GoodsComparison",
    "GoodsRelation",
    "GoodsTable",
    "GoodsTableError",
    "Mark",
    "Reason",
    "Register",
    "Result",
    "Settings",
    "Verdict",
    "batch",
    "compare",
    "compare_goods",
    "load_goods_table",
    "sample_goods_table",
    "screen",
]
