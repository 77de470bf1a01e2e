"""Mark similarity: Chinese and Latin word marks compared by shape, sound and meaning, with the reasons
of the examination guideline (商标审查审理指南 下编第五章, rules 5.1.1-5.1.17).

Public API: `compare(a, b, *, goods_a, goods_b, goods_table, embeddings) -> Result`, `Result`,
`Reason`, `Verdict`, goods tables (`load_goods_table`, `sample_goods_table`, `compare_goods`).
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

__all__ = [
    "GoodsComparison",
    "GoodsRelation",
    "GoodsTable",
    "GoodsTableError",
    "Reason",
    "Result",
    "Verdict",
    "compare",
    "compare_goods",
    "load_goods_table",
    "sample_goods_table",
]
