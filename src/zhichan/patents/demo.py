"""Demo patents, loaded by `zhichan demo` (idempotent: the import is per row by number).

Made up for the demo (titles, numbers, people and abstracts are illustrative, the check digits valid),
held by demo organisations so that the register links them.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from zhichan.core import imports
from zhichan.engines.identifiers import patent_application_check_digit
from zhichan.engines.tabular import open_table
from zhichan.patents.services import events_import_spec, patents_import

HEADER = ["申请号", "申请日", "公开（公告）号", "公开（公告）日", "名称", "摘要", "申请（专利权）人", "发明（设计）人",
          "分类号", "专利代理机构", "最新法律状态"]  # fmt: skip
PATENTS = [
    ("202110000001", "2021-03-02", "CN113000001B", "2022-08-09", "一种凉茶植物饮料及其制备方法",
     "本发明公开了一种凉茶植物饮料，以岗梅、金钱草、五指柑等为原料，经提取、调配和灭菌制得，口感稳定。",
     "广州白云山医药集团股份有限公司", "林一;张二", "A23L2/38;A23L33/105",
     "广州三环专利商标代理有限公司（44202）", "授权"),
    ("202210000002", "2022-05-16", "CN114000002A", "2022-09-20", "一种固态锂电池电解质膜的制备方法",
     "本发明提供一种硫化物固态电解质膜，通过溶液流延和热压成型，提高锂离子电导率和界面稳定性。",
     "华南理工大学;广州汽车集团股份有限公司", "陈三;黄四;何五", "H01M10/0562;H01M10/0525", "", "实质审查"),
    ("202020000003", "2020-07-08", "CN212000003U", "2021-02-12", "一种月饼脱模装置",
     "本实用新型公开了一种月饼脱模装置，包括机架、模具和顶出机构，脱模时饼皮不易破损。",
     "广州酒家集团股份有限公司", "梁六", "A21C11/00", "广州三环专利商标代理有限公司（44202）", "授权"),
    ("201410000004", "2014-01-20", "CN103000004B", "2016-06-01", "一种基于深度学习的中文专利文本分类方法",
     "本发明公开了一种中文专利文本分类方法，对摘要分词后提取特征，训练分类模型，自动给出IPC分类号。",
     "中山大学", "吴七;郑八", "G06F16/35;G06N3/08", "", "授权"),
    ("202310000005", "2023-11-03", "CN117000005A", "2024-02-27", "一种新能源汽车电池包热管理系统",
     "本发明涉及新能源汽车电池包热管理系统，通过液冷板和相变材料协同控温，降低电芯温差。",
     "广州汽车集团股份有限公司", "冯九", "H01M10/613;B60L58/26", "", "实质审查"),
]  # fmt: skip


# legal-status events of three granted demo patents (fixed dates): one paid up, one in the grace period
# at the end of 2026, one falling due in January 2027, with a licence and a pledge
EVENTS = [
    ("202110000001", "2022-08-09", "授权", "发明专利权授予"),
    ("202110000001", "2023-02-20", "缴纳年费", "第3年度"),
    ("202110000001", "2024-02-26", "缴纳年费", "第4年度"),
    ("202110000001", "2025-02-25", "缴纳年费", "第5年度"),
    ("202110000001", "2026-02-24", "缴纳年费", "第6年度"),
    ("202020000003", "2021-02-12", "授权", "授予实用新型专利权"),
    ("202020000003", "2021-06-30", "缴纳年费", "第2年度"),
    ("202020000003", "2022-06-28", "缴纳年费", "第3年度"),
    ("202020000003", "2023-06-29", "缴纳年费", "第4年度"),
    ("202020000003", "2024-07-01", "缴纳年费", "第5年度"),
    ("202020000003", "2025-06-30", "缴纳年费", "第6年度"),
    ("201410000004", "2016-06-01", "授权", "发明专利权授予"),
    ("201410000004", "2019-03-15", "专利实施许可合同备案的生效、变更及注销",
     "许可种类：普通许可 许可人：中山大学 被许可人：广州示例信息技术有限公司"),
    ("201410000004", "2024-05-20", "专利权质押合同登记的生效、变更及注销",
     "出质人：中山大学 质权人：示例银行广州分行 质押金额：300万元"),
    ("201410000004", "2025-01-10", "缴纳年费", "第12年度"),
    ("201410000004", "2026-01-08", "缴纳年费", "第13年度"),
]  # fmt: skip


def load(*, admin: Any, organisations: Any) -> None:
    rows = []
    for serial, filed, publication, published, title, abstract, holders, inventors, ipc, agency, status in PATENTS:
        number = f"{serial}.{patent_application_check_digit(serial)}"
        values = [number, filed, publication, published, title, abstract, holders, inventors, ipc, agency, status]
        rows.append(dict(zip(HEADER, values, strict=True)))
    patents_import(actor=admin, header=HEADER, rows=rows, source="demo")
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerow(["申请号", "法律状态公告日", "法律状态", "法律状态信息"])
    for serial, day, status, detail in EVENTS:
        writer.writerow([f"{serial}.{patent_application_check_digit(serial)}", day, status, detail])
    data = io.BytesIO(handle.getvalue().encode("utf-8"))
    imports.run(events_import_spec(), actor=admin, stream=open_table(data, "demo-events.csv"))
