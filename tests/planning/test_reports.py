"""The mid-term and final evaluation reports: HTML in Chinese with the indicator table, charts, departments."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse

from zhichan.core import jobs
from zhichan.core.models import AuditEntry, Job
from zhichan.planning.models import DepartmentAlias
from zhichan.planning.reports import render_report, trajectory_svg
from zhichan.planning.services import (
    annual_plan_save,
    observation_record,
    progress_report_save,
    report_generate,
    report_start,
    reports_dir,
    submission_review,
)


def _observe(plan, users):
    indicator = plan.indicators.select_related("plan").get(name="每万人口高价值发明专利拥有量")
    for year, value in ((2021, 21), (2022, 22), (2023, 23), (2024, 27)):
        observation_record(actor=users["official"], indicator=indicator, year=year, value=value)
    observation_record(actor=users["official"], indicator=indicator, year=2023, value=61.5, district="天河区")


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_midterm_report_uses_values_up_to_2023(plan, users):
    _observe(plan, users)
    html = render_report(user=users["official"], plan=plan, kind="midterm", today=date(2024, 3, 1))
    text = _text(html)
    assert 'lang="zh-hans"' in html and "中期评估报告" in text
    assert "评估截至2023年" in text and "2023年实际23件" in text and "2024年实际" not in text
    assert "明显滞后" in text or "存在风险" in text
    assert "末值持平" not in text  # no forecast from a baseline alone
    assert text.count("知识产权保护社会满意度") >= 2  # table and chart
    assert html.count("<svg") + html.count("尚无数据") == plan.indicators.count() and html.count("<svg") >= 11
    assert "市场监督管理局" in text and "没有逾期事项" in text
    assert "五、分区情况" in text and "天河区" in text and "61.5" in text


def test_final_report_names_the_forecast_method_and_department_progress(plan, users):
    _observe(plan, users)
    market = DepartmentAlias.objects.get(name="市市场监管局").organisation
    task = next(t for t in plan.tasks.order_by("number") if "市市场监管局" in t.lead_units)
    office = users["official"]
    assert annual_plan_save(actor=office, task=task, year=2024, measures="m", milestones=[], department=market).pk
    report = progress_report_save(
        actor=users["official"],
        task=task,
        year=2024,
        quarter=None,
        progress="completed",
        work_done="完成",
        department=market,
        submit=True,
    )
    submission_review(actor=users["official"], entry=report, approve=True)
    html = render_report(user=users["official"], plan=plan, kind="final", today=date(2026, 1, 20))
    text = _text(html)
    assert "总结评估报告" in text and "最小二乘线性趋势" in text
    row = re.search(r"广州市市场监督管理局（知识产权局） (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", text)
    assert row is not None
    tasks, not_started, on_schedule, behind, completed, none = map(int, row.groups())
    assert completed == 1 and none == tasks - 1 and not_started == on_schedule == behind == 0


def test_svg_chart_draws_path_observations_and_forecast_interval():
    chart = {
        "name": "<指标>",
        "years": ["2020", "2021", "2022"],
        "observed": [1.0, 2.0, None],
        "path": [1.0, 2.0, 3.0],
        "forecast": {"year": "2022", "value": 3.0, "low": 2.5, "high": 3.5, "level": 0.9, "method": "x"},
    }
    svg = str(trajectory_svg(chart))
    assert "&lt;指标&gt;" in svg and "<polyline" in svg and svg.count("<circle") == 2 and "<rect" in svg
    assert "尚无数据" in str(trajectory_svg({**chart, "observed": [None] * 3, "path": None, "forecast": None}))


def test_report_job_stores_the_html_under_its_hash(plan, users, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.PLANNING_REPORT_PDF = False
    job = report_start(actor=users["official"], plan=plan, kind="midterm")
    jobs.execute(str(job.pk))
    job = Job.objects.get(pk=job.pk)
    assert job.status == "succeeded", job.error
    sha = job.result["sha256"]
    stored = reports_dir() / f"{sha}.html"
    assert stored.is_file() and "中期评估报告" in stored.read_text(encoding="utf-8")
    assert AuditEntry.objects.filter(action="plan.report").count() == 1


def test_report_pages(client, users, plan, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.PLANNING_REPORT_PDF = False
    client.force_login(users["liaison"])
    assert "中期评估报告" in client.get(reverse("planning:report", args=["midterm"])).content.decode()
    assert client.get(reverse("planning:report", args=["other"])).status_code == 404
    result = report_generate(actor=users["official"], plan=plan, kind="final")
    response = client.get(reverse("planning:report-file", args=[result["sha256"], "html"]))
    assert response.status_code == 200 and "总结评估报告" in response.content.decode()
    assert "default-src 'none'" in response["Content-Security-Policy"]
    client.force_login(users["rights_holder"])
    assert client.get(reverse("planning:report-file", args=[result["sha256"], "html"])).status_code == 403


@pytest.mark.slow
def test_report_pdf_embeds_chinese_fonts_and_keeps_text(plan, users, settings, tmp_path):
    import io

    pytest.importorskip("weasyprint", reason="PDF reports need WeasyPrint (pip weasyprint) and fonts-noto-cjk")
    pypdf = pytest.importorskip("pypdf", reason="reading the PDF's text back needs pypdf")
    settings.DATA_DIR = tmp_path
    _observe(plan, users)
    result = report_generate(actor=users["official"], plan=plan, kind="midterm", pdf=True)
    data = (reports_dir() / f"{result['pdf_sha256']}.pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "中期评估报告" in text and "每万人口高价值发明专利拥有量" in text and "符合进度" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("CJK" in name for name in fonts), fonts


def test_reports_page_lists_generated_files(client, plan, users, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.PLANNING_REPORT_PDF = False
    job = report_start(actor=users["official"], plan=plan, kind="final")
    jobs.execute(str(job.pk))
    client.force_login(users["official"])
    page = client.get(reverse("planning:reports")).content.decode()
    sha = Job.objects.get(pk=job.pk).result["sha256"]
    assert "总结评估报告" in page and sha in page


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


@pytest.mark.slow
def test_report_pdf_layout_keeps_names_readable_and_charts_fill_their_boxes(plan, users):
    """Laid out on A4 by WeasyPrint: the indicator column is wide enough for names (no character per
    line), two trend charts share a row and each drawing takes its box's full width."""
    import io

    weasyprint = pytest.importorskip("weasyprint", reason="PDF reports need WeasyPrint and fonts-noto-cjk")
    pypdf = pytest.importorskip("pypdf", reason="reading the PDF's text back needs pypdf")
    _observe(plan, users)
    html = render_report(user=users["official"], plan=plan, kind="final", today=date(2026, 1, 20))
    document = weasyprint.HTML(string=html).render()
    cells, charts, seen = [], [], []
    for page_number, page in enumerate(document.pages):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or type(box).__name__ not in ("BlockBox", "TableCellBox"):
                continue
            if type(box).__name__ == "TableCellBox" and element.text == "海外发明专利授权量":
                cells.append(box)
            if element.get("class") == "chart" and all(e is not element for e in seen):
                seen.append(element)  # the grid item's box first; the boxes inside it share its element
                svg = next((b for b in _boxes(box) if type(b).__name__ == "BlockReplacedBox"), None)
                charts.append((page_number, box.position_y, box.position_x, box.width, svg.width if svg else None))
    assert cells and cells[0].width >= 100  # CSS px: about nine characters, not one
    assert len(charts) == plan.indicators.count()
    drawn = [(box_width, svg_width) for *_where, box_width, svg_width in charts if svg_width is not None]
    assert len(drawn) >= 11  # every indicator with a target and a base value has a path to draw
    for box_width, svg_width in drawn:
        assert svg_width >= 0.95 * box_width
    rows = Counter((page, round(y)) for page, y, _x, _w, _s in charts)
    assert max(rows.values()) == 2 and sum(1 for n in rows.values() if n == 2) >= plan.indicators.count() // 2 - 1
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(document.write_pdf())).pages)
    assert "海外发明专利授权量" in text  # on one line of the extracted text


def test_report_writes_dates_as_chinese_documents_do_and_numbers_without_trailing_zeros(plan, users):
    indicator = plan.indicators.select_related("plan").get(name="知识产权保护社会满意度")
    for year, value in ((2021, "80.5"), (2022, "81.25"), (2023, "82")):
        observation_record(actor=users["official"], indicator=indicator, year=year, value=value)
    html = render_report(user=users["official"], plan=plan, kind="midterm", today=date(2024, 3, 1))
    text = _text(html)
    assert "数据截至2023年12月31日" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # one date format in the document
    assert " 82 " in text and " 80 " in text and "82.00" not in text and "80.0000" not in text
    assert not re.findall(r"\S*\d\.\d*0(?!\d)\S*", text)  # no decimal ends in 0 (23.5, not 23.50)
