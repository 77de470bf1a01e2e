"""`zhichan deadline`: due date on the last line, JSON with the steps, clear errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zhichan.engines.calendar.cli import main


def test_plain_output_ends_with_the_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--start", "2024-09-20", "--days", "15"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "2024-10-08"
    assert any("国庆节" in line and "顺延" in line for line in lines)
    assert any("chinese-calendar" in line for line in lines)


@pytest.mark.parametrize(
    ("argv", "due"),
    [
        (["--start", "2025-09-26", "--working-days", "10"], "2025-10-16"),
        (["--start", "2026-01-31", "--months", "1"], "2026-02-28"),
        (["--start", "2024-02-29", "--years", "1"], "2025-02-28"),
        (["--start", "2025-03-03", "--rule", "decree81.decision"], "2025-06-03"),
        (["--start", "2025-10-03T09:30", "--hours", "24"], "2025-10-04T09:30:00+08:00"),
    ],
)
def test_each_period_option(capsys: pytest.CaptureFixture[str], argv: list[str], due: str) -> None:
    assert main(argv) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == due


def test_json_output_is_one_object_with_the_steps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--start", "2026-02-13", "--working-days", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2026-02-24"
    assert data["start"] == "2026-02-13"
    assert data["period"] == {"amount": 2, "unit": "working_days", "zh": "2个工作日"}
    assert data["expires_at"] == "2026-02-25T00:00:00+08:00"
    assert "chinese-calendar 1.11.0" in data["calendar_source"]
    assert {"zh", "en", "rule", "basis"} == set(data["steps"][0])
    assert data["steps"][0]["rule"] == "civil_code.period_start_excluded"
    assert "春节" in " ".join(step["zh"] for step in data["steps"])


def test_an_imported_table_extends_the_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "notice-2027.csv"
    table.write_text("date,kind,name,source\n2027-01-01,holiday,元旦,2027年通知\n", encoding="utf-8")
    assert main(["--start", "2026-12-31", "--working-days", "1", "--table", str(table)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2027-01-04"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "2027-01-04", "--days", "3"], "2027"),
        (["--start", "2025-02-30", "--days", "3"], "--start"),
        (["--start", "2025-02-01", "--days", "0"], "--days"),
        (["--start", "2025-02-01", "--days", "x"], "--days"),
        (["--start", "2025-02-01"], "one of the arguments"),
        (["--start", "2025-02-01", "--days", "3", "--months", "1"], "not allowed"),
        (["--start", "2025-02-01", "--rule", "no.such.rule"], "--rule no.such.rule"),
        (["--start", "2025-02-01", "--rule", "civil_code.month_end_fallback"], "--rule"),
        (["--start", "2025-02-01", "--days", "3", "--table", "/nonexistent/x.csv"], "--table"),
    ],
)
def test_bad_input_exits_2_with_a_message(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


def test_the_console_script_dispatches_to_the_engine() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "zhichan.cli", "deadline", "--start", "2024-01-31", "--months", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "2024-02-29"
